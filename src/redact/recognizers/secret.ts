// SECRET: provider API keys and tokens by prefix and shape, JWTs, private-key blocks, password assignments, passwords in
// URIs, and high-entropy strings next to credential words.

import { shannonEntropy } from '../checksums.js';
import { createPatternRecognizer } from '../pattern-recognizer.js';

const CREDENTIAL_WORDS = [
  'key',
  'api key',
  'apikey',
  'token',
  'secret',
  'password',
  'passwd',
  'credential',
  'credentials',
  'bearer',
  'auth',
  'authorization',
  'private',
  'contraseña',
  'clave',
  'passwort',
  'mot de passe',
  'senha',
];

// Placeholders in connection strings: words in any case ("USER:PASSWORD@", "Password", "XXXX"), and environment
// variables, in capitals ("$DB_PASS", "${DB_PASS}"), where "$uperS3cret" is a password.
const PLACEHOLDER_WORD = /^(?:pass(?:word)?|pwd|secret|changeme|\*+|x+|\.+|<[^>]*>|\{\{?[^}]*\}?\}|%\([^)]*\)s)$/i;
const ENV_PLACEHOLDER = /^\$(?:[A-Z_][A-Z0-9_]*|\{[^}]*\})$/;

/** Secrets: keys, tokens, passwords. */
export function createSecretRecognizer() {
  return createPatternRecognizer({
    name: 'secret',
    types: ['SECRET'],
    patterns: [
      {
        name: 'aws-access-key',
        regex: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g,
        score: 0.95,
        literals: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
      },
      {
        name: 'github-token',
        regex: /\bgh[pousr]_[A-Za-z0-9]{36,251}\b/g,
        score: 0.98,
        literals: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
      },
      {
        name: 'github-fine-grained',
        regex: /\bgithub_pat_[A-Za-z0-9_]{22,251}\b/g,
        score: 0.98,
        literals: ['github_pat_'],
      },
      { name: 'gitlab-token', regex: /\bglpat-[A-Za-z0-9_-]{20,64}\b/g, score: 0.95, literals: ['glpat-'] },
      { name: 'slack-token', regex: /\bxox[abposre]-[A-Za-z0-9-]{10,250}\b/g, score: 0.95, literals: ['xox'] },
      {
        name: 'slack-webhook',
        regex: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9_/]{20,120}/g,
        score: 0.95,
        literals: ['https://hooks.slack.com/'],
      },
      {
        name: 'stripe-key',
        regex: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}\b/g,
        score: 0.97,
        literals: ['_live_', '_test_'],
      },
      {
        name: 'google-api-key',
        regex: /\bAIza[0-9A-Za-z_-]{35}(?![\w-])/g,
        score: 0.95,
        literals: ['AIza'],
      },
      {
        name: 'openai-key',
        regex: /\bsk-(?:proj-|svcacct-|admin-|ant-[a-z0-9]{2,8}-)?[A-Za-z0-9_-]{20,200}(?![\w-])/g,
        score: 0.9,
        literals: ['sk-'],
      },
      { name: 'twilio-key', regex: /\bSK[0-9a-f]{32}\b/g, score: 0.7, literals: ['SK'] },
      {
        name: 'sendgrid-key',
        regex: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g,
        score: 0.97,
        literals: ['SG.'],
      },
      { name: 'npm-token', regex: /\bnpm_[A-Za-z0-9]{36}\b/g, score: 0.95, literals: ['npm_'] },
      {
        name: 'jwt',
        regex: /\beyJ[A-Za-z0-9_-]{8,4096}\.eyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{8,4096}(?![\w-])/g,
        score: 0.9,
        literals: ['eyJ'],
      },
      {
        // Header, then the shortest body up to the matching footer; the body has no '-' so the scan is linear.
        name: 'private-key-block',
        regex:
          /-----BEGIN (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?-----[^-]{0,16384}-----END (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?-----/g,
        score: 1,
        literals: ['-----BEGIN '],
      },
      {
        name: 'password-assignment',
        regex:
          /(?<![\p{L}])(?:password|passwd|pwd|pass|passcode|contraseña|contrasena|clave|passwort|kennwort|mot de passe|senha|secret|client[_-]?secret|api[_-]?key|apikey|access[_-]?token|auth[_-]?token|token)["']?[ \t]{0,4}(?:[:=]|:=|=>|\bis\b|\bes\b|\bist\b|\best\b|\bé\b)[ \t]{0,4}["']?([^\s"'<>]{4,200})/dgiu,
        group: 1,
        score: 0.75,
        anyOf: ['pass', 'pwd', 'contrase', 'clave', 'kennwort', 'mot de passe', 'senha', 'secret', 'key', 'token'],
        // Plain lower-case words ("password is required") and placeholders are prose, not secrets.
        validate: ({ value }) =>
          /^[\p{Ll}]+[.,;:!?]?$/u.test(value) || /^(?:null|none|true|false|undefined|\*+|x+|\.+|<[^>]*>)$/i.test(value)
            ? 'invalid'
            : 'valid',
      },
      {
        // A password in a URI's user information ("postgres://bob:hunter2@db.example.com:5432", "redis://:pw@cache"):
        // the whole URI to the next space, so that the "e-mail address" the password and host make is inside it and
        // goes with it, and the URL recognizer's reading of the same URI (score 0.85) is not longer than it.
        name: 'uri-credentials',
        regex: /(?<![\w+.-])[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/?#@]{0,64}:[^\s/@]{1,128}@[^\s/?#@]{1,255}\S*/gi,
        score: 0.95,
        literals: ['://'],
        // Every match holds '://' after a scheme of at most 21 letters, digits, '+', '.' or '-': the regex starts there,
        // not at every letter of a post that holds a link.
        anchor: { text: '://', within: 21, run: /[a-z0-9+.-]/i },
        // The user information after '://', up to its '@': most links have none, where the regex, started at the
        // scheme, tried every later letter of the text.
        gate: /:\/\/[^\s:/?#@]{0,64}:[^\s/@]{1,128}@/,
        // Placeholders ("user:password@host", "${DB_PASS}", "****") show no one's secret.
        validate: ({ value }) => {
          const password = /^[^:]*:\/\/[^:/?#@]*:([^/@]*)@/.exec(value)?.[1] ?? '';
          return PLACEHOLDER_WORD.test(password) || ENV_PLACEHOLDER.test(password) ? 'invalid' : 'valid';
        },
      },
      {
        name: 'bearer',
        regex: /\bBearer[ \t]{1,4}([A-Za-z0-9._~+/-]{20,2048}=*)/dg,
        group: 1,
        score: 0.85,
        literals: ['Bearer'],
      },
      {
        name: 'high-entropy',
        regex: /(?<![\w+/=-])[A-Za-z0-9+/_-]{24,512}={0,2}(?![\w+/=-])/g,
        score: 0.3,
        minDigits: 1,
        anyOf: CREDENTIAL_WORDS,
        context: { words: CREDENTIAL_WORDS, before: 40, boost: 0.4, required: true },
        validate: ({ value }) =>
          shannonEntropy(value) >= 3.5 && /\d/.test(value) && /[A-Za-z]/.test(value) ? 'valid' : 'invalid',
      },
    ],
  });
}

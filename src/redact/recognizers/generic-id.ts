// ID: identifiers of a person in a system (patient, employee, member, case, insurance and bank account numbers) after
// a label such as "employee id", "patient no.", "MRN", "NHC", "NASS", "nº de historia clínica", "NºCol".

import { createPatternRecognizer } from '../pattern-recognizer.js';

// Labels, case-insensitive; each ends where the value's separator begins.
const LABELS = [
  'employee (?:id|no\\.?|number|#)',
  'staff (?:id|no\\.?|number)',
  'patient (?:id|no\\.?|number|#)',
  'member(?:ship)? (?:id|no\\.?|number|#)',
  'customer (?:id|no\\.?|number|#)',
  'client (?:id|no\\.?|number)',
  'account (?:id|no\\.?|number|#)',
  'user ?id',
  'student (?:id|no\\.?|number)',
  'case (?:id|no\\.?|number)',
  'policy (?:id|no\\.?|number)',
  'insurance (?:id|no\\.?|number)',
  'medical record(?: number| no\\.?)?',
  'mrn',
  'nhs (?:no\\.?|number)',
  'health (?:card|insurance) (?:no\\.?|number)',
  'badge (?:id|no\\.?|number)',
  'nhc',
  'nass',
  'n\\.?º? ?(?:de )?historia(?: cl[ií]nica)?',
  'historia cl[ií]nica',
  'n[º°]? ?col(?:egiado)?\\.?',
  'n[uú]m(?:ero)?\\.? (?:de )?colegiado',
  'colegiado',
  'cip(?: ?autonómico)?',
  'nuhsa',
  'tarjeta sanitaria',
  'n[uú]mero de (?:afiliaci[oó]n|paciente|expediente|socio|empleado|cliente|historia)',
  'n[º°] (?:de )?(?:afiliaci[oó]n|paciente|expediente|socio|empleado|cliente)',
  'expediente',
  'episodio',
  'versichertennummer',
  'personalnummer',
  'patientennummer',
  'kundennummer',
  'mitgliedsnummer',
  'num[ée]ro (?:de )?(?:patient|dossier|client|adh[ée]rent|employ[ée])',
  'matr[ií]cula',
  'n[úu]mero (?:do )?(?:prontu[áa]rio|paciente|cliente)',
].join('|');

/**
 * Words of the labels above, in lower case (the regex has the i flag), at least one in every label: the gate of the
 * labelled pattern. A label's word takes the space after it where the label has one ("customer " is not in
 * "customers", which texts hold far more often than a customer number).
 */
const LABEL_WORDS = [
  'employee ',
  'staff ',
  'patient ',
  'member ',
  'membership ',
  'customer ',
  'client ',
  'account ',
  'user id',
  'userid',
  'student ',
  'case ',
  'policy ',
  'insurance ',
  'medical record',
  'mrn',
  'nhs ',
  'health ',
  'badge ',
  'nhc',
  'nass',
  'historia',
  'ncol',
  'n col',
  'nºcol',
  'nº col',
  'n°col',
  'n° col',
  'colegiado',
  'cip',
  'nuhsa',
  'tarjeta sanitaria',
  'mero de',
  'afiliaci',
  'paciente',
  'expediente',
  'socio',
  'empleado',
  'cliente',
  'episodio',
  'nummer',
  'numero ',
  'numéro ',
  'matr',
  'prontu',
];

// Bank accounts: the number identifies the holder; a routing number or sort code beside it is redacted with it. These
// labels also precede amounts, years and ports ("auf mein Konto 1.500 Euro", "savings account 10000 dollars",
// "routing 443 to 8443"), so the value is six digits or more (a letter prefix written against them, a check letter),
// no amount, and not cut before another group of digits ("125 000 000 dollars").
const BANK_LABELS = [
  '(?:bank|checking|savings|current) (?:account|acct\\.?)(?: (?:no\\.?|number|#))?',
  'acct\\.?(?: (?:no\\.?|number|#))?',
  'routing(?: (?:no\\.?|number|#))?',
  'sort code',
  'konto(?:nummer|nr\\.?)?',
  'n(?:[uú]mero|[º°]) de cuenta',
  'cuenta (?:bancaria|corriente)',
  'n(?:um[ée]ro|[º°]) de compte',
  'compte bancaire',
  'n(?:[uú]mero|[º°]) da conta',
  'conta (?:corrente|banc[aá]ria)',
].join('|');
const BANK_LABEL_WORDS = [
  'bank ',
  'checking ',
  'savings ',
  'current ',
  'acct',
  'routing',
  'sort code',
  'konto',
  'cuenta',
  'compte',
  'da conta',
  'conta ',
];
const AMOUNT_AFTER =
  '[ \\t]{0,2}(?:%|€|\\$|£|¥|zł|kr|eur|euros?|usd|dollars?|pesos?|reais|francs?|pounds?|złotych)(?![\\p{L}])';

// Between a label and its value: spaces, then up to two of ':', '#', '=', '.', a dash, "is"/"es", "nº".
const LABEL_SEPARATOR = '[ \\t]{0,3}(?:[:#=.\\-–]|is|es|n[º°o]\\.?){0,2}[ \\t]{0,3}';

/** Identifiers after an identifier label. */
export function createGenericIdRecognizer() {
  return createPatternRecognizer({
    name: 'generic-id',
    types: ['ID'],
    // The value must hold at least three digits (see validate).
    prefilter: (_text, features) => features.digits >= 3,
    patterns: [
      {
        name: 'labelled-id',
        // Value: optional letter prefix, digit groups joined by one separator, optional letter suffix.
        regex: new RegExp(
          `(?<![\\p{L}])(?:${LABELS})${LABEL_SEPARATOR}((?:[A-Z]{1,4}[-/ ]?)?\\d{1,14}(?:[ ./-]\\d{1,14}){0,4}(?:[-/]?[A-Z]{1,2})?)(?![\\w])`,
          'giud',
        ),
        group: 1,
        score: 0.8,
        anyOf: LABEL_WORDS,
        // The value's first digit follows a label of at most 23 code units, 3 + 6 + 3 separator and a 5-letter prefix.
        digitAnchor: 64,
        validate: ({ value }) => (value.replace(/\D/g, '').length >= 3 ? 'valid' : 'invalid'),
      },
      {
        name: 'bank-account',
        regex: new RegExp(
          `(?<![\\p{L}])(?:${BANK_LABELS})${LABEL_SEPARATOR}((?:[A-Z]{1,4}(?=\\d))?\\d{2,}(?:[ -]\\d{1,}){0,5}[A-Z]?)(?![\\w]|[.,]\\d|[ -]\\d|${AMOUNT_AFTER})`,
          'giud',
        ),
        group: 1,
        score: 0.8,
        anyOf: BANK_LABEL_WORDS,
        digitAnchor: 64,
        validate: ({ value }) => (value.replace(/\D/g, '').length >= 6 ? 'valid' : 'invalid'),
      },
    ],
  });
}

// Stand-ins used only when the real consent ledger or policy module is not passed in: a ledger over the Store
// with the documented bitemporal rule, and a small built-in policy mirroring the default preset. They keep the
// server usable on its own (tests, `assent serve` on a bare store); production wiring passes the real modules.

import { randomUUID } from 'node:crypto';
import { appendAudit, ConsentDigest } from '../audit/index.js';
import {
  type ConsentEvent,
  type ConsentState,
  type Decision,
  EEA,
  type Member,
  type Notice,
  parseJurisdiction,
  permits,
  purposeLineage,
} from '../domain/index.js';
import type { Store } from '../store/store.js';
import { httpError } from './errors.js';
import type { LedgerPort, PolicyPort } from './ports.js';

/**
 * The state from events: for the purpose or its nearest ancestor with an applicable event, the latest event
 * valid at `asOf` and known by `knownAt`, ignoring events superseded by a known correction.
 */
export function resolveFromEvents(
  events: readonly ConsentEvent[],
  query: { memberId: string; purpose: string; asOf: string; knownAt: string; defaultStatus: ConsentState['status'] },
): ConsentState {
  const known = events.filter((e) => e.memberId === query.memberId && e.recordedAt <= query.knownAt);
  const superseded = new Set(known.map((e) => e.supersedes).filter((id): id is string => id !== null));
  for (const purpose of purposeLineage(query.purpose)) {
    let best: ConsentEvent | null = null;
    for (const event of known) {
      if (event.purpose !== purpose || superseded.has(event.id) || event.validFrom > query.asOf) continue;
      if (!best || event.validFrom > best.validFrom || (event.validFrom === best.validFrom && event.seq > best.seq)) {
        best = event;
      }
    }
    if (best) {
      return {
        memberId: query.memberId,
        purpose: query.purpose,
        status: best.status,
        source: 'explicit',
        event: best,
        asOf: query.asOf,
        knownAt: query.knownAt,
      };
    }
  }
  return {
    memberId: query.memberId,
    purpose: query.purpose,
    status: query.defaultStatus,
    source: 'default',
    event: null,
    asOf: query.asOf,
    knownAt: query.knownAt,
  };
}

/** A ledger over the Store: idempotent by request id, append-only. */
export function createStoreLedger(store: Store, now: () => Date = () => new Date()): LedgerPort {
  return {
    async record(input, actor) {
      if (input.requestId) {
        const existing = await store.consentEventByRequestId(input.requestId);
        if (existing) {
          const same =
            existing.memberId === input.memberId &&
            existing.purpose === input.purpose &&
            existing.status === input.status;
          if (!same) throw httpError('ASSENT_ERR_CONSENT_CONFLICT');
          return { event: existing, created: false };
        }
      }
      const at = now().toISOString();
      // The event and the audit entry vouching for it commit together, as the chain's verification expects.
      const event = await store.transaction(async (tx) => {
        const [appended] = await tx.appendConsentEvents([
          {
            id: `ce_${randomUUID()}`,
            memberId: input.memberId,
            purpose: input.purpose,
            status: input.status,
            method: input.method,
            noticeVersion: input.noticeVersion ?? null,
            jurisdiction: input.jurisdiction ?? null,
            validFrom: input.validFrom ?? at,
            recordedAt: at,
            actor: input.actor ?? actor,
            requestId: input.requestId ?? null,
            supersedes: input.supersedes ?? null,
          },
        ]);
        if (!appended) throw new Error('the store returned no event for an append');
        await appendAudit(tx, {
          at,
          actor,
          action: 'consent.recorded',
          subject: appended.memberId,
          payload: {
            consent: new ConsentDigest().add([appended]).finish() ?? null,
            purpose: appended.purpose,
            status: appended.status,
            method: appended.method,
          },
        });
        return appended;
      });
      return { event, created: true };
    },
    async stateAsOf(memberId, purpose, options) {
      const events = await store.consentEventsFor(memberId, purposeLineage(purpose));
      return resolveFromEvents(events, {
        memberId,
        purpose,
        asOf: options.asOf,
        knownAt: options.knownAt ?? now().toISOString(),
        defaultStatus: options.defaultStatus,
      });
    },
    history: (memberId) => store.consentEventsFor(memberId),
    resolve: resolveFromEvents,
  };
}

const EXCLUDED_UNTIL = '2025-11-03T00:00:00.000Z';
const EUROPE = new Set([...EEA, 'CH', 'GB']);

const NOTICE_TEXTS: Notice['texts'] = Object.freeze({
  en: {
    question:
      'Can the platform and its affiliates use your personal data and content you create on the platform to train generative AI models that create content?',
    explanation:
      'When this is on, your posts, articles, comments, profile and feedback may be used, with personal data removed, to train models that write text. Private messages, payment data, salary data and job applications are never used. Turning it off stops use from now on; training that already took place is not undone.',
  },
  de: {
    question:
      'Dürfen die Plattform und ihre verbundenen Unternehmen Ihre personenbezogenen Daten und Inhalte, die Sie auf der Plattform erstellen, zum Training generativer KI-Modelle verwenden, die Inhalte erstellen?',
    explanation:
      'Wenn diese Einstellung aktiviert ist, können Ihre Beiträge, Artikel, Kommentare, Ihr Profil und Ihr Feedback – ohne personenbezogene Daten – zum Training von Modellen verwendet werden, die Texte schreiben. Private Nachrichten, Zahlungs- und Gehaltsdaten sowie Bewerbungen werden nie verwendet. Das Ausschalten beendet die Nutzung ab jetzt; bereits erfolgtes Training wird nicht rückgängig gemacht.',
  },
  fr: {
    question:
      'La plateforme et ses sociétés affiliées peuvent-elles utiliser vos données personnelles et le contenu que vous créez sur la plateforme pour entraîner des modèles d’IA générative qui créent du contenu ?',
    explanation:
      'Lorsque ce paramètre est activé, vos publications, articles, commentaires, votre profil et vos retours peuvent être utilisés, sans données personnelles, pour entraîner des modèles qui rédigent du texte. Les messages privés, les données de paiement et de salaire et les candidatures ne sont jamais utilisés. Le désactiver arrête l’utilisation à partir de maintenant ; l’entraînement déjà effectué n’est pas annulé.',
  },
  es: {
    question:
      '¿Pueden la plataforma y sus filiales usar tus datos personales y el contenido que creas en la plataforma para entrenar modelos de IA generativa que crean contenido?',
    explanation:
      'Si está activado, tus publicaciones, artículos, comentarios, perfil y comentarios sobre el servicio pueden usarse, sin datos personales, para entrenar modelos que escriben texto. Nunca se usan los mensajes privados, los datos de pago o de salario ni las solicitudes de empleo. Desactivarlo detiene el uso a partir de ahora; el entrenamiento ya realizado no se deshace.',
  },
  pt: {
    question:
      'A plataforma e as suas afiliadas podem usar os seus dados pessoais e o conteúdo que cria na plataforma para treinar modelos de IA generativa que criam conteúdo?',
    explanation:
      'Quando ativado, as suas publicações, artigos, comentários, perfil e feedback podem ser usados, sem dados pessoais, para treinar modelos que escrevem texto. Mensagens privadas, dados de pagamento e salário e candidaturas nunca são usados. Desativar interrompe o uso a partir de agora; o treino já realizado não é desfeito.',
  },
});

const NON_GENERATIVE_TEXTS: Notice['texts'] = Object.freeze({
  en: {
    question: 'Object to the use of your data to train non-generative AI (personalization, ranking, security)?',
    explanation: 'These models do not create content. You can object; the platform reviews each objection.',
  },
});

function ageAt(member: Member, at: string): number | null {
  const year = Number(at.slice(0, 4));
  if (member.birthDate) {
    const birthday = `${year}${member.birthDate.slice(4)}`;
    return year - Number(member.birthDate.slice(0, 4)) - (at.slice(0, 10) < birthday ? 1 : 0);
  }
  return member.birthYear === null ? null : year - member.birthYear - 1;
}

/** A built-in policy equivalent to the default preset, for servers started without one. */
export function createFallbackPolicy(): PolicyPort {
  const notices = {
    'train_ai_system.generative': {
      id: 'genai-setting',
      version: '2025-11-03',
      purpose: 'train_ai_system.generative',
      mechanism: 'opt_out',
      texts: NOTICE_TEXTS,
    },
    'train_ai_system.non_generative': {
      id: 'non-generative-objection',
      version: '2024-09-18',
      purpose: 'train_ai_system.non_generative',
      mechanism: 'opt_out',
      texts: NON_GENERATIVE_TEXTS,
    },
  } satisfies Record<string, Notice>;
  const deny = (reason: Decision['reason'] & string, detail: string): Decision => ({
    allowed: false,
    reason,
    policyVersion: 'builtin-1',
    detail,
  });
  return {
    name: 'builtin (default preset stand-in)',
    versionAt: () => 'builtin-1',
    document: () => ({ name: 'builtin', version: 'builtin-1', notices, excludedUntil: EXCLUDED_UNTIL }),
    notice: (purpose) => (purpose in notices ? notices[purpose as keyof typeof notices] : undefined),
    defaultStatus: () => 'ConsentGiven',
    decideMember(member, state, _purpose, at) {
      if (!member) return deny('unknown_member', 'The member is not in the directory.');
      if (member.accountState === 'deleted') return deny('account_deleted', 'The account is deleted.');
      if (member.accountState === 'deactivated') return deny('account_deactivated', 'The account is deactivated.');
      const place = parseJurisdiction(member.country);
      if (!place) return deny('unknown_jurisdiction', 'The member’s country is missing or not an ISO code.');
      if (EUROPE.has(place.country) && at < EXCLUDED_UNTIL) {
        return deny('jurisdiction_excluded', 'Members in the EU, EEA, Switzerland and the UK are excluded.');
      }
      const age = ageAt(member, at);
      if (age === null || age < 18 || member.ageSignals.selfDeclaredMinor || member.ageSignals.inSecondaryEducation) {
        return deny('minor', 'Members under 18, or who may be, are never used.');
      }
      if (!permits(state.status)) return deny('opted_out', 'The member turned the setting off.');
      return { allowed: true, reason: null, policyVersion: 'builtin-1', detail: 'Allowed by the member’s setting.' };
    },
    gpcIsWithdrawal: () => true,
    onWithdrawal: () => 'forward_only',
  };
}

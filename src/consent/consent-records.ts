// Consent events as ISO/IEC TS 27560-style consent records (JSON), for `assent consent export` and data subject
// requests.
//
// Field mapping (27560 record → Assent):
//   record_id / schema_version         → event id / CONSENT_RECORD_SCHEMA
//   data_subject.id                    → memberId (the platform's member id; no other identifiers)
//   purposes[].purpose_id / category   → purpose key, which is a fideslang data use (`fideslang_data_use`)
//   processing                         → what the purpose permits: training AI models on member data and content
//   status.value / status.dpv          → DPV consent status (ConsentGiven, ConsentWithdrawn, ...), as `dpv:` IRI
//   status.valid_from                  → validFrom (valid time); event.recorded_at → recordedAt (system time)
//   interaction.method / .notice       → how the choice was expressed (toggle, api, import, gpc, objection_form,
//                                        admin) and the notice version shown
//   jurisdiction                       → ISO 3166 code at the time of the choice
//   actor / request_id / supersedes    → who recorded it, its idempotency key, the event it corrects

import { type ConsentEvent, getPurpose } from '../domain/index.js';

export const CONSENT_RECORD_SCHEMA = 'assent-consent-record/1 (ISO/IEC TS 27560:2023 profile)';

/** One exported consent record. */
export interface ConsentRecord {
  readonly schema_version: string;
  readonly record_id: string;
  readonly ledger_seq: number;
  readonly data_subject: { readonly id: string };
  readonly purposes: readonly {
    readonly purpose_id: string;
    readonly fideslang_data_use: string;
    readonly name: string | null;
    readonly description: string | null;
  }[];
  readonly processing: readonly string[];
  readonly status: { readonly value: string; readonly dpv: string; readonly valid_from: string };
  readonly interaction: { readonly method: string; readonly notice: { readonly version: string | null } };
  readonly jurisdiction: string | null;
  readonly event: {
    readonly recorded_at: string;
    readonly actor: string;
    readonly request_id: string | null;
    readonly supersedes: string | null;
  };
}

/** Maps one stored event to its consent record. */
export function toConsentRecord(event: ConsentEvent): ConsentRecord {
  const purpose = getPurpose(event.purpose);
  return {
    schema_version: CONSENT_RECORD_SCHEMA,
    record_id: event.id,
    ledger_seq: event.seq,
    data_subject: { id: event.memberId },
    purposes: [
      {
        purpose_id: event.purpose,
        fideslang_data_use: event.purpose,
        name: purpose?.name ?? null,
        description: purpose?.description ?? null,
      },
    ],
    processing: ['dpv:Use', 'dpv:Analyse', 'train_ai_model'],
    status: { value: event.status, dpv: `dpv:${event.status}`, valid_from: event.validFrom },
    interaction: { method: event.method, notice: { version: event.noticeVersion } },
    jurisdiction: event.jurisdiction,
    event: {
      recorded_at: event.recordedAt,
      actor: event.actor,
      request_id: event.requestId,
      supersedes: event.supersedes,
    },
  };
}

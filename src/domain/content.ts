// Content items and their kinds. Each kind names the fideslang data category it is, so a policy can reason about
// what kind of personal data an item carries.

export const CONTENT_KINDS = [
  'post',
  'article',
  'comment',
  'poll_response',
  'group_post',
  'group_message',
  'private_message',
  'profile',
  'resume',
  'job_application',
  'ai_prompt',
  'ai_feedback',
  'support_request',
  'platform_feedback',
  'usage_summary',
  'payment_record',
  'salary_record',
  'credential',
] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

/** The fideslang data category (../shared/vocab/fideslang/data_categories.yml) each content kind is. */
export const KIND_CATEGORY: Readonly<Record<ContentKind, string>> = Object.freeze({
  post: 'user.content.public',
  article: 'user.content.public',
  comment: 'user.content.public',
  poll_response: 'user.content.public',
  group_post: 'user.content.public',
  group_message: 'user.content.private',
  private_message: 'user.content.private',
  profile: 'user.demographic.profile',
  resume: 'user.workplace',
  job_application: 'user.workplace',
  ai_prompt: 'user.content.private',
  ai_feedback: 'user.content.private',
  support_request: 'user.content.private',
  platform_feedback: 'user.content.private',
  usage_summary: 'user.behavior',
  payment_record: 'user.financial',
  salary_record: 'user.financial',
  credential: 'user.authorization.credentials',
});

export const VISIBILITIES = ['public', 'connections', 'group', 'private'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** Machine-readable reservations attached to a piece of content by its author or publisher. */
export interface ContentSignals {
  /** IETF aipref vocabulary: `train-ai=n` reserves the content from AI training. */
  readonly aipref?: string;
  /** W3C TDMRep: `tdm-reservation: 1` reserves text and data mining rights. */
  readonly tdmReservation?: boolean;
}

export interface ContentItem {
  readonly id: string;
  readonly authorId: string;
  readonly kind: ContentKind;
  readonly visibility: Visibility;
  readonly text: string;
  /** ISO timestamp. */
  readonly createdAt: string;
  /** BCP 47 language tag, when known. */
  readonly language: string | null;
  readonly deleted: boolean;
  readonly signals: ContentSignals;
}

export function isContentKind(value: unknown): value is ContentKind {
  return typeof value === 'string' && (CONTENT_KINDS as readonly string[]).includes(value);
}

export function isVisibility(value: unknown): value is Visibility {
  return typeof value === 'string' && (VISIBILITIES as readonly string[]).includes(value);
}

/** True when the item's own signals reserve it from AI training (aipref `train-ai=n`, or a TDMRep reservation). */
export function reservesTraining(signals: ContentSignals): boolean {
  if (signals.tdmReservation === true) return true;
  if (signals.aipref === undefined) return false;
  // aipref usage preferences are a structured-field dictionary such as `train-ai=n, search=y`.
  return signals.aipref
    .split(',')
    .map((entry) => entry.trim().toLowerCase().replace(/\s+/g, ''))
    .some((entry) => entry === 'train-ai=n' || entry === 'train-genai=n' || entry === 'ai-use=n');
}

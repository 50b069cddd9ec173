// Notices: the versioned text shown to members for a purpose, per locale, and how choice works under it.

export const NOTICE_MECHANISMS = ['opt_out', 'opt_in', 'notice_only'] as const;
/** opt_out: on by default; opt_in: off by default; notice_only: the member is told, with no choice. */
export type NoticeMechanism = (typeof NOTICE_MECHANISMS)[number];

export interface NoticeText {
  /** The question the setting asks, e.g. "Can [Platform] ... train generative AI models that create content?" */
  readonly question: string;
  /** What the setting covers and what turning it off does and does not do. */
  readonly explanation: string;
}

export interface Notice {
  readonly id: string;
  readonly version: string;
  readonly purpose: string;
  readonly mechanism: NoticeMechanism;
  /** Text per BCP 47 locale; `en` is always present. */
  readonly texts: Readonly<Record<string, NoticeText>>;
}

/** The notice text for a locale, falling back from `pt-BR` to `pt` to `en`. */
export function noticeText(notice: Notice, locale: string | null | undefined): { locale: string; text: NoticeText } {
  const candidates = locale ? [locale, locale.split('-')[0] ?? locale] : [];
  for (const candidate of [...candidates, 'en']) {
    const text = notice.texts[candidate];
    if (text) return { locale: candidate, text };
  }
  const [first] = Object.entries(notice.texts);
  if (!first) throw new Error(`notice ${notice.id} has no text`);
  return { locale: first[0], text: first[1] };
}

// HTML rendering helpers: escaping, the page shell (header, navigation, language switcher, demo banner) and
// the error page. Pages are plain server-rendered HTML; scripts only enhance what already works without them.

import type { ErrorBody } from '../errors.js';
import { LOCALE_NAMES, LOCALES, type Locale, type Translate } from './i18n.js';

/** A string that is already safe HTML. */
export interface Html {
  readonly html: string;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes the five HTML-significant characters. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Tagged template that escapes every interpolation unless it is `Html` (or an array of `Html`). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return { html: out };
}

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'object' && 'html' in value && typeof value.html === 'string') return value.html;
  return escapeHtml(String(value));
}

export interface ShellOptions {
  readonly title: string;
  readonly locale: Locale;
  readonly t: Translate;
  readonly demo: boolean;
  /** Navigation for a member; admins get their own. */
  readonly nav: 'member' | 'admin' | 'none';
  readonly current?: string;
  /** Prefix of the member's pages, e.g. `/members/m-1`; member navigation links are relative to it. */
  readonly memberBase?: string;
  readonly scripts?: readonly string[];
  /** CSRF token for the sign-out form (pages with navigation). */
  readonly csrfToken?: string;
  /** The current path, for the language switcher. */
  readonly path: string;
}

const MEMBER_NAV: readonly { href: string; key: 'navSetting' | 'navYourData' | 'navObjection' }[] = [
  { href: '/settings/ai', key: 'navSetting' },
  { href: '/settings/ai/your-data', key: 'navYourData' },
  { href: '/settings/ai/objection', key: 'navObjection' },
];

/** The full HTML document around a page body. */
export function page(options: ShellOptions, body: Html): string {
  const { t } = options;
  const nav =
    options.nav === 'member'
      ? html`<nav aria-label="Settings" class="tabs">${MEMBER_NAV.map(
          (item) =>
            html`<a href="${options.memberBase ?? ''}${item.href}"${options.current === item.href ? { html: ' aria-current="page"' } : ''}>${t(item.key)}</a>`,
        )}</nav>`
      : options.nav === 'admin'
        ? html`<nav aria-label="Administration" class="tabs"><a href="/admin" aria-current="page">Dashboard</a><a href="/docs">API reference</a></nav>`
        : html``;
  // Member pages are translated; the admin and sign-in pages are English only, so they offer no switcher.
  const languages = html`<form method="get" action="${options.path}" class="lang">
      <label for="lang-select">${t('language')}</label>
      <select id="lang-select" name="lang" data-autosubmit>
        ${LOCALES.map((code) => html`<option value="${code}"${code === options.locale ? { html: ' selected' } : ''}>${LOCALE_NAMES[code]}</option>`)}
      </select>
      <button type="submit" class="button-secondary js-hide">OK</button>
    </form>`;
  const signOut =
    options.nav === 'none'
      ? html``
      : html`<form method="post" action="/sign-out"><input type="hidden" name="_csrf" value="${options.csrfToken ?? ''}"><button type="submit" class="link-button">${t('signOut')}</button></form>`;
  const banner = options.demo
    ? html`<div class="demo-banner" role="note"><strong>Demo mode.</strong> Synthetic members and data; sign-in is simulated.</div>`
    : html``;
  const doc = html`<!doctype html>
<html lang="${options.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · Assent</title>
<link rel="stylesheet" href="/static/app.css">
</head>
<body>
<a class="skip" href="#main">${t('skip')}</a>
<header class="site-header">
  ${banner}
  <div class="wrap header-row">
    <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">A</span> Assent</a>
    <div class="header-tools">${options.nav === 'member' ? languages : ''}${signOut}</div>
  </div>
  <div class="wrap">${nav}</div>
</header>
<main id="main" class="wrap">
${body}
</main>
<footer class="site-footer"><div class="wrap">Assent · consent and lineage for AI training data</div></footer>
<script src="/static/app.js"></script>
${(options.scripts ?? []).map((src) => html`<script src="${src}"></script>`)}
</body>
</html>`;
  return doc.html;
}

/** A plain error page for browsers (the API answers JSON instead). */
export function renderErrorPage(status: number, body: ErrorBody): string {
  const title =
    status === 403
      ? 'Not allowed'
      : status === 404
        ? 'Not found'
        : status === 401
          ? 'Please sign in'
          : 'Something went wrong';
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Assent</title><link rel="stylesheet" href="/static/app.css"></head>
<body><header class="site-header"><div class="wrap header-row"><a class="brand" href="/"><span class="brand-mark" aria-hidden="true">A</span> Assent</a></div></header>
<main id="main" class="wrap"><section class="card error-card"><p class="eyebrow">Error ${String(status)}</p><h1>${title}</h1><p>${body.message}</p>
<p class="muted"><code>${body.code}</code></p><p><a href="/">Back to the start page</a></p></section></main></body></html>`
    .html;
}

import { describe, expect, it } from 'vitest';
import { chooseLocale, formatDate, translator } from './i18n.js';
import { escapeHtml, html } from './layout.js';

describe('chooseLocale', () => {
  it.each([
    [['fr'], 'de', 'fr'],
    [[undefined, 'de-AT'], 'en', 'de'],
    [[null, 'pt-BR'], 'es-ES,es;q=0.9', 'es'],
    [[], 'ja,fr;q=0.8,de;q=0.9', 'de'],
    [[], 'fr;q=0,es;q=0.5', 'es'],
    [['xx'], 'ja', 'en'],
    [[], undefined, 'en'],
    [[], ';;;,=,q=', 'en'],
  ] as const)('candidates %j with Accept-Language %j gives %s', (candidates, accept, expected) => {
    expect(chooseLocale(candidates, accept)).toBe(expected);
  });
});

describe('translator', () => {
  it('translates, fills placeholders, and falls back to English for a missing key', () => {
    expect(translator('de')('save')).toBe('Auswahl speichern');
    expect(translator('es')('stateExplicit', { date: 'hoy' })).toBe('Tu elección, registrada el hoy.');
    expect(translator('de')('method_gpc')).toBe('Global Privacy Control');
  });

  it('formats dates per locale in UTC and leaves garbage as it is', () => {
    expect(formatDate('2025-11-03T23:30:00Z', 'en')).toBe('November 3, 2025');
    expect(formatDate('2025-11-03T23:30:00Z', 'de')).toBe('3. November 2025');
    expect(formatDate('not a date', 'fr')).toBe('not a date');
  });
});

describe('html', () => {
  it('escapes every interpolation unless it is already Html', () => {
    const evil = '<script>alert("x")</script>&\'';
    expect(escapeHtml(evil)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    expect(html`<p>${evil}</p>`.html).toBe(`<p>${escapeHtml(evil)}</p>`);
    expect(html`<p>${html`<b>ok</b>`}</p>`.html).toBe('<p><b>ok</b></p>');
    expect(html`<ul>${['a', '<b>'].map((x) => html`<li>${x}</li>`)}</ul>`.html).toBe(
      '<ul><li>a</li><li>&lt;b&gt;</li></ul>',
    );
    expect(html`${null}${undefined}${false}${0}`.html).toBe('0');
  });
});

// The member pages and the admin dashboard in a real browser (system Chromium): a member turns the setting off
// and sees it after a reload and in the history, cannot open another member's page, GPC is honoured, an
// administrator starts a build and watches it finish, and axe-core finds no violations on any page.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../src/server/testing/server-harness.js';
import type { Store } from '../../src/store/store.js';
import { openTempSqliteStore } from '../../src/store/testing.js';
import { axeViolations, type BrowserSession, browserUnavailable, launchBrowser, screenshot } from './harness.js';

const GEN = 'train_ai_system.generative';
const skipReason = browserUnavailable();

async function expectAccessible(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  const violations = await axeViolations(page);
  expect(
    violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe on ${name}`,
  ).toEqual([]);
}

async function signInAs(page: Page, url: string, memberId: string): Promise<void> {
  await page.goto(`${url}/demo/sign-in`);
  await page.click(`button[name="member_id"][value="${memberId}"]`);
  await page.waitForURL(`**/members/${memberId}/settings/ai`);
}

describe.skipIf(skipReason !== null)(`pages in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let store: Store;
  let server: RunningServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    store = await openTempSqliteStore();
    server = await startTestServer(store, { mode: 'demo' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
  });

  it('offers the demo chooser, clearly marked, with no accessibility violations', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/`);
    expect(page.url()).toContain('/demo/sign-in');
    await expect(page.locator('.demo-banner').textContent()).resolves.toContain('Demo mode');
    await expectAccessible(page, 'demo-sign-in');
    await page.close();
  });

  it('lets a member turn the setting off, and shows it after a reload and in the history', async () => {
    const page = await browser.context.newPage();
    await signInAs(page, server.url, 'm-alice');
    const toggle = page.locator('#genai-toggle');
    expect(await toggle.isChecked()).toBe(true);
    await expect(page.locator('#state-source').textContent()).resolves.toContain('default');
    await expectAccessible(page, 'member-setting-default');
    // Keyboard only: focus the switch, toggle it with Space, submit.
    await toggle.focus();
    await page.keyboard.press('Space');
    await expect(page.locator('#toggle-state').textContent()).resolves.toBe('Off');
    await page.click('.toggle-form button[type=submit]');
    await page.waitForURL('**/settings/ai?saved=1');
    await page.reload();
    expect(await page.locator('#genai-toggle').isChecked()).toBe(false);
    await expect(page.locator('#history-table tbody tr').first().getAttribute('data-status')).resolves.toBe(
      'withdrawn',
    );
    await expect(page.locator('#history-table tbody tr').first().getAttribute('data-method')).resolves.toBe('toggle');
    await expectAccessible(page, 'member-setting-off');
    const events = await store.consentEventsFor('m-alice', [GEN]);
    expect(events).toEqual([expect.objectContaining({ status: 'ConsentWithdrawn', method: 'toggle' })]);
    // The session cookie alone cannot change consent through the API: a cross-site request has no CSRF token.
    const forged = await page.request.put(`${server.url}/v1/members/m-alice/consent/${GEN}`, {
      data: { status: 'given' },
      headers: { 'idempotency-key': 'forged-1' },
    });
    expect(forged.status()).toBe(403);
    expect((await forged.json()).code).toBe('ASSENT_ERR_REQ_CSRF');
    expect(await store.consentEventsFor('m-alice', [GEN])).toHaveLength(1);
    // Signing out ends the session.
    await page.click('form[action="/sign-out"] button');
    await page.waitForURL('**/demo/sign-in');
    const after = await page.request.get(`${server.url}/v1/members/m-alice/consent/${GEN}`);
    expect(after.status()).toBe(401);
    await page.close();
  });

  it('refuses another member’s page with 403', async () => {
    const page = await browser.context.newPage();
    await signInAs(page, server.url, 'm-alice');
    const response = await page.goto(`${server.url}/members/m-bruno/settings/ai`);
    expect(response?.status()).toBe(403);
    await expect(page.locator('h1').textContent()).resolves.toBe('Not allowed');
    await expectAccessible(page, 'error-403');
    const exportResponse = await page.goto(`${server.url}/v1/members/m-bruno/export`);
    expect(exportResponse?.status()).toBe(403);
    await page.close();
  });

  it('shows the notice in the member’s language and switches language', async () => {
    const page = await browser.context.newPage();
    await signInAs(page, server.url, 'm-claudia');
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    await expect(page.locator('h1').textContent()).resolves.toBe('Daten zur Verbesserung generativer KI');
    await expect(page.locator('#question').textContent()).resolves.toContain('generative KI-Modelle');
    // Claudia is in Germany: excluded whatever she chooses, and the page says why.
    await expect(page.locator('#excluded-reason').getAttribute('data-reason')).resolves.toBe('jurisdiction_excluded');
    await expectAccessible(page, 'member-setting-de');
    await page.selectOption('#lang-select', 'fr');
    await page.waitForURL('**lang=fr');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await expect(page.locator('h1').textContent()).resolves.toContain('IA générative');
    await page.goto(`${server.url}/members/m-claudia/settings/ai?lang=es`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Datos para mejorar la IA generativa');
    await expectAccessible(page, 'member-setting-es');
    await page.close();
  });

  it('honours Global Privacy Control and tells the member', async () => {
    const gpcBrowser = await launchBrowser({ extraHeaders: { 'Sec-GPC': '1' } });
    try {
      const page = await gpcBrowser.context.newPage();
      await signInAs(page, server.url, 'm-bruno');
      await expect(page.locator('#gpc-notice').textContent()).resolves.toContain('Global Privacy Control');
      expect(await page.locator('#genai-toggle').isChecked()).toBe(false);
      await expect(page.locator('#history-table tbody tr').first().getAttribute('data-method')).resolves.toBe('gpc');
      await expectAccessible(page, 'member-setting-gpc');
      // Turning it back on explicitly wins over the browser's general signal.
      await page.locator('#genai-toggle').check();
      await page.click('.toggle-form button[type=submit]');
      await page.waitForURL('**/settings/ai?saved=1');
      expect(await page.locator('#genai-toggle').isChecked()).toBe(true);
      await expect(page.locator('#gpc-notice').textContent()).resolves.toContain('your own choice applies');
      const methods = (await store.consentEventsFor('m-bruno', [GEN])).map((e) => e.method);
      expect(methods).toEqual(['gpc', 'toggle']);
    } finally {
      await gpcBrowser.close();
    }
  });

  it('records an objection to non-generative training', async () => {
    const page = await browser.context.newPage();
    await signInAs(page, server.url, 'm-elena');
    await page.click('nav a[href="/members/m-elena/settings/ai/objection"]');
    await page.waitForURL('**/settings/ai/objection');
    await expectAccessible(page, 'member-objection');
    await page.locator('#objection').check();
    await page.click('form button[type=submit].button');
    await page.waitForURL('**/objection?saved=1');
    expect(await page.locator('#objection').isChecked()).toBe(true);
    const events = await store.consentEventsFor('m-elena', ['train_ai_system.non_generative']);
    expect(events).toEqual([expect.objectContaining({ status: 'ConsentWithdrawn', method: 'objection_form' })]);
    await page.close();
  });

  it('lets an administrator start a build and watch it finish, then shows members where their data went', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/demo/sign-in`);
    await page.click('#demo-admin');
    await page.waitForURL('**/admin');
    await page.waitForSelector('#audit-status.ok');
    await expectAccessible(page, 'admin-dashboard-empty');
    await page.click('#start-build');
    await page.waitForURL('**/admin?build=*');
    const buildId = new URL(page.url()).searchParams.get('build') ?? '';
    const row = page.locator(`tr[data-build="${buildId}"]`);
    await expect(row.count()).resolves.toBe(1);
    await page.waitForSelector(`tr[data-build="${buildId}"][data-state="published"]`, { timeout: 60_000 });
    await expect(row.locator('[data-role=state]').textContent()).resolves.toBe('published');
    await page.reload();
    await page.waitForSelector('#chart-funnel');
    await page.waitForSelector('#audit-status.ok');
    await expectAccessible(page, 'admin-dashboard');

    const member = await browser.context.newPage();
    await signInAs(member, server.url, 'm-denis');
    await member.goto(`${server.url}/members/m-denis/settings/ai/your-data`);
    await expectAccessible(member, 'member-your-data-empty');
    // Bruno turned the setting back on after GPC, so his data is in the build.
    await signInAs(member, server.url, 'm-bruno');
    await member.goto(`${server.url}/members/m-bruno/settings/ai/your-data`);
    await expect(member.locator('#builds-table').textContent()).resolves.toContain(buildId);
    await expectAccessible(member, 'member-your-data');
    await member.close();
    await page.close();
    // A real build runs behind the page; on a loaded 2-core machine it can take longer than the default timeout.
  }, 180_000);

  it('keeps the administrator sign-in accessible', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/admin/sign-in`);
    await expectAccessible(page, 'admin-sign-in');
    // A token without the admin scope is refused; an admin token opens the dashboard.
    await page.fill('#token', server.tokens.read);
    await page.click('form[method="post"][action="/admin/sign-in"] button[type=submit]');
    await expect(page.locator('main').textContent()).resolves.toContain('ASSENT_ERR_AUTH_SCOPE');
    await page.goto(`${server.url}/admin/sign-in`);
    await page.fill('#token', server.tokens.admin);
    await page.click('form[method="post"][action="/admin/sign-in"] button[type=submit]');
    await page.waitForURL('**/admin');
    await expect(page.locator('h1').textContent()).resolves.toBe('Training data dashboard');
    await page.goto(`${server.url}/docs`);
    await page.waitForSelector('.opblock', { timeout: 20_000 });
    // Swagger UI is a third-party page: screenshot it to show it works offline, without auditing its markup.
    await screenshot(page, 'api-docs');
    await page.close();
  });
});

// Server-rendered pages: the member's generative-AI setting, "Your data and AI", the objection form, the admin
// dashboard, and (demo mode only) the demo sign-in chooser. Forms work without JavaScript and carry CSRF tokens.

import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { type Member, noticeText, permits } from '../../domain/index.js';
import type { Store } from '../../store/store.js';
import { type Authenticator, hasScope, type Principal, requireMemberAccess, requireScope } from '../auth.js';
import { httpError } from '../errors.js';
import { GENERATIVE, type MemberService, NON_GENERATIVE, shortStatus } from '../member-service.js';
import type { BuildPort, PolicyPort } from '../ports.js';
import { hashTokenSecret, TOKEN_PREFIX } from '../tokens.js';
import {
  chooseLocale,
  formatDate,
  formatDateTime,
  isLocale,
  type Locale,
  type MessageKey,
  translator,
} from './i18n.js';
import { type Html, html, page } from './layout.js';

export interface PageDeps {
  readonly store: Store;
  readonly policy: PolicyPort;
  readonly members: MemberService;
  readonly auth: Authenticator;
  readonly mode: 'demo' | 'production';
  readonly builds: BuildPort | undefined;
  readonly csrf: preHandlerHookHandler;
  /** Fills the `[Platform]` placeholder of notice texts. */
  readonly platformName: string;
}

const LANG_COOKIE = 'assent_lang';

type FormBody = Readonly<Record<string, string | undefined>>;

function formBody(request: FastifyRequest): FormBody {
  const body = request.body;
  if (!body || typeof body !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') out[key] = value;
  return out;
}

function pathOnly(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '/';
}

/** Registers every HTML page. */
export async function registerPages(app: FastifyInstance, deps: PageDeps): Promise<void> {
  const demo = deps.mode === 'demo';
  const csrfPost = { preHandler: deps.csrf };

  function localeFor(request: FastifyRequest, reply: FastifyReply, member?: Member): Locale {
    const query = request.query as Record<string, unknown> | undefined;
    const asked = query?.lang;
    if (isLocale(asked)) {
      reply.setCookie(LANG_COOKIE, asked, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 86400 });
      return asked;
    }
    return chooseLocale([request.cookies[LANG_COOKIE], member?.language], request.headers['accept-language']);
  }

  async function pagePrincipal(request: FastifyRequest, reply: FastifyReply): Promise<Principal | null> {
    const principal = await deps.auth.principalOf(request);
    if (principal) return principal;
    reply.redirect(demo ? '/demo/sign-in' : '/admin/sign-in', 303);
    return null;
  }

  function sendPage(reply: FastifyReply, markup: string): FastifyReply {
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(markup);
  }

  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const principal = await deps.auth.principalOf(request);
    if (principal?.memberId)
      return reply.redirect(`/members/${encodeURIComponent(principal.memberId)}/settings/ai`, 303);
    if (principal && hasScope(principal, 'admin')) return reply.redirect('/admin', 303);
    return reply.redirect(demo ? '/demo/sign-in' : '/admin/sign-in', 303);
  });

  app.get('/settings/ai', { schema: { hide: true } }, async (request, reply) => {
    const principal = await pagePrincipal(request, reply);
    if (!principal) return reply;
    if (!principal.memberId)
      throw httpError('ASSENT_ERR_AUTH_FORBIDDEN', { resource: 'member settings without a member' });
    return reply.redirect(`/members/${encodeURIComponent(principal.memberId)}/settings/ai`, 303);
  });

  for (const suffix of ['your-data', 'objection']) {
    app.get(`/settings/ai/${suffix}`, { schema: { hide: true } }, async (request, reply) => {
      const principal = await pagePrincipal(request, reply);
      if (!principal) return reply;
      if (!principal.memberId)
        throw httpError('ASSENT_ERR_AUTH_FORBIDDEN', { resource: 'member settings without a member' });
      return reply.redirect(`/members/${encodeURIComponent(principal.memberId)}/settings/ai/${suffix}`, 303);
    });
  }

  // The generative AI setting.
  app.get<{ Params: { id: string }; Querystring: { saved?: string; lang?: string } }>(
    '/members/:id/settings/ai',
    { schema: { hide: true } },
    async (request, reply) => {
      const principal = await pagePrincipal(request, reply);
      if (!principal) return reply;
      const memberId = request.params.id;
      requireMemberAccess(principal, memberId, false);
      const member = await deps.members.requireMember(memberId);
      let gpc: 'recorded' | 'overridden' | null = null;
      if (request.headers['sec-gpc'] === '1' && principal.memberId === memberId) {
        const outcome = await deps.members.applyGpc(memberId, `gpc:${principal.actor}`);
        if (outcome === 'recorded' || outcome === 'overridden') gpc = outcome;
        if (outcome === 'already_off') {
          const history = await deps.members.transparency(memberId);
          if (history.generative.state.event?.method === 'gpc') gpc = 'recorded';
        }
      }
      const locale = localeFor(request, reply, member);
      const t = translator(locale);
      const view = await deps.members.transparency(memberId);
      const at = new Date().toISOString();
      const notice = deps.policy.notice(GENERATIVE, at);
      const fill = (value: string) => value.replaceAll('[Platform]', deps.platformName);
      const chosen = notice ? noticeText(notice, locale) : null;
      const text = chosen
        ? {
            locale: chosen.locale,
            text: { question: fill(chosen.text.question), explanation: fill(chosen.text.explanation) },
          }
        : null;
      const state = view.generative.state;
      const on = permits(state.status);
      const decision = view.generative.decision;
      const excluded = !decision.allowed && decision.reason !== 'opted_out' ? decision.reason : null;
      const canWrite = principal.memberId === memberId || hasScope(principal, 'write_consent');
      const self = `/members/${encodeURIComponent(memberId)}/settings/ai`;
      const flagModels = view.withdrawalEffect === 'flag_models';
      const body = html`
<h1>${t('settingTitle')}</h1>
<p class="lead">${t('settingLead')}</p>
${request.query.saved === '1' ? html`<div class="notice notice-success" role="status">${t('saved')}</div>` : ''}
${gpc ? html`<div class="notice notice-info" role="status" id="gpc-notice">${t(gpc === 'recorded' ? 'gpcRecorded' : 'gpcOverridden')}</div>` : ''}
<section class="card setting-card" aria-labelledby="question">
  ${text ? html`<h2 id="question" class="question" lang="${text.locale}">${text.text.question}</h2><p class="explanation" lang="${text.locale}">${text.text.explanation}</p>` : html`<h2 id="question">${t('toggleLabel')}</h2>`}
  ${notice ? html`<p class="meta">Notice ${notice.id}, version ${notice.version}</p>` : ''}
  <form method="post" action="${self}" class="toggle-form">
    <input type="hidden" name="_csrf" value="${reply.generateCsrf()}">
    <input type="hidden" name="request_id" value="${randomUUID()}">
    <div class="switch-row">
      <input type="checkbox" role="switch" id="genai-toggle" name="enabled" value="on"${on ? { html: ' checked' } : ''}${canWrite ? '' : { html: ' disabled' }} aria-describedby="toggle-state">
      <label for="genai-toggle">${t('toggleLabel')}</label>
      <span class="switch-state" id="toggle-state" data-on="${t('on')}" data-off="${t('off')}">${on ? t('on') : t('off')}</span>
    </div>
    <p class="state-source" id="state-source">${state.source === 'explicit' && state.event ? `${t('stateExplicit', { date: formatDate(state.event.recordedAt, locale) })} (${t(`method_${state.event.method}` as MessageKey)})` : t('stateDefault')}</p>
    <button type="submit" class="button"${canWrite ? '' : { html: ' disabled' }}>${t('save')}</button>
  </form>
</section>
${excluded ? html`<section class="card card-warn" aria-labelledby="excluded-h"><h2 id="excluded-h">${t('excludedHeading')}</h2><p>${t('excludedNote')}</p><p id="excluded-reason" data-reason="${excluded}">${reasonText(t, excluded, decision.detail)}</p></section>` : ''}
<section class="card" aria-labelledby="off-h">
  <h2 id="off-h">${t('offHeading')}</h2>
  <ul class="checklist">
    <li class="does">${t('offDoes1')}</li>
    <li class="does">${t('offDoes2')}</li>
    <li class="does-not">${t('offNot1')}</li>
    ${flagModels ? html`<li class="does">${t('offFlag')}</li>` : ''}
    <li class="does-not">${t('offNot2')}</li>
  </ul>
</section>
<section class="card" aria-labelledby="history-h">
  <h2 id="history-h">${t('historyHeading')}</h2>
  ${historyTable(
    view.history.filter((e) => e.purpose === GENERATIVE || e.purpose === 'train_ai_system'),
    t,
    locale,
  )}
</section>
<section class="card" aria-labelledby="export-h">
  <h2 id="export-h">${t('exportHeading')}</h2>
  <p>${t('exportText')}</p>
  <p><a class="button button-secondary" href="/v1/members/${encodeURIComponent(memberId)}/export" download>${t('exportButton')}</a></p>
</section>`;
      return sendPage(
        reply,
        page(
          {
            title: t('settingTitle'),
            locale,
            t,
            demo,
            nav: 'member',
            csrfToken: reply.generateCsrf(),
            current: '/settings/ai',
            memberBase: `/members/${encodeURIComponent(memberId)}`,
            path: pathOnly(request),
          },
          body,
        ),
      );
    },
  );

  app.post<{ Params: { id: string } }>(
    '/members/:id/settings/ai',
    { ...csrfPost, schema: { hide: true } },
    async (request, reply) => {
      const principal = await deps.auth.require(request);
      requireMemberAccess(principal, request.params.id, true);
      const form = formBody(request);
      const requestId = /^[0-9a-f-]{36}$/.test(form.request_id ?? '') ? (form.request_id as string) : randomUUID();
      await deps.members.change({
        memberId: request.params.id,
        purpose: GENERATIVE,
        status: form.enabled === 'on' ? 'given' : 'withdrawn',
        method: principal.memberId === request.params.id ? 'toggle' : 'admin',
        requestId: `form:${request.params.id}:${requestId}`,
        actor: principal.actor,
      });
      return reply.redirect(`/members/${encodeURIComponent(request.params.id)}/settings/ai?saved=1`, 303);
    },
  );

  // Your data and AI.
  app.get<{ Params: { id: string } }>(
    '/members/:id/settings/ai/your-data',
    { schema: { hide: true } },
    async (request, reply) => {
      const principal = await pagePrincipal(request, reply);
      if (!principal) return reply;
      requireMemberAccess(principal, request.params.id, false);
      const member = await deps.members.requireMember(request.params.id);
      const locale = localeFor(request, reply, member);
      const t = translator(locale);
      const view = await deps.members.transparency(member.id);
      const body = html`
<h1>${t('yourDataTitle')}</h1>
<p class="lead">${t('yourDataLead')}</p>
<div class="stats-row">
  <div class="stat"><span class="stat-value" id="count-builds">${view.builds.length}</span><span class="stat-label">${t('buildsHeading')}</span></div>
  <div class="stat"><span class="stat-value" id="count-models">${view.models.length}</span><span class="stat-label">${t('modelsHeading')}</span></div>
  <div class="stat"><span class="stat-value">${permits(view.generative.state.status) ? t('on') : t('off')}</span><span class="stat-label">${t('navSetting')}</span></div>
</div>
<section class="card" aria-labelledby="builds-h">
  <h2 id="builds-h">${t('buildsHeading')}</h2>
  ${
    view.builds.length === 0
      ? html`<p class="empty">${t('buildsEmpty')}</p>`
      : html`<div class="table-wrap"><table id="builds-table"><thead><tr><th scope="col">${t('colDataset')}</th><th scope="col">${t('colPurpose')}</th><th scope="col">${t('colBuilt')}</th><th scope="col" class="num">${t('colItems')}</th><th scope="col">${t('colBeforeWithdrawal')}</th></tr></thead><tbody>
      ${view.builds.map((b) => html`<tr><td><code>${b.build.id}</code></td><td>${b.build.purpose}</td><td>${formatDate(b.build.publishedAt ?? b.build.startedAt, locale)}</td><td class="num">${b.items.toLocaleString(locale)}</td><td>${view.withdrawnAt === null ? '–' : b.usedBeforeWithdrawal ? t('yes') : t('no')}</td></tr>`)}
      </tbody></table></div>`
  }
</section>
<section class="card" aria-labelledby="models-h">
  <h2 id="models-h">${t('modelsHeading')}</h2>
  ${
    view.models.length === 0
      ? html`<p class="empty">${t('modelsEmpty')}</p>`
      : html`<div class="table-wrap"><table id="models-table"><thead><tr><th scope="col">${t('colModel')}</th><th scope="col">${t('colDataset')}</th><th scope="col">${t('colRegistered')}</th><th scope="col">${t('colFlagged')}</th></tr></thead><tbody>
      ${view.models.map((m) => html`<tr><td>${m.name} <span class="muted">${m.version}</span></td><td>${m.viaBuilds.map((id) => html`<code>${id}</code> `)}</td><td>${formatDate(m.registeredAt, locale)}</td><td>${m.flaggedAt ? formatDate(m.flaggedAt, locale) : t('no')}</td></tr>`)}
      </tbody></table></div>`
  }
</section>
<section class="card" aria-labelledby="export-h">
  <h2 id="export-h">${t('exportHeading')}</h2>
  <p>${t('exportText')}</p>
  <p><a class="button button-secondary" href="/v1/members/${encodeURIComponent(member.id)}/export" download>${t('exportButton')}</a></p>
</section>`;
      return sendPage(
        reply,
        page(
          {
            title: t('yourDataTitle'),
            locale,
            t,
            demo,
            nav: 'member',
            csrfToken: reply.generateCsrf(),
            current: '/settings/ai/your-data',
            memberBase: `/members/${encodeURIComponent(member.id)}`,
            path: pathOnly(request),
          },
          body,
        ),
      );
    },
  );

  // Objection to non-generative training.
  app.get<{ Params: { id: string }; Querystring: { saved?: string } }>(
    '/members/:id/settings/ai/objection',
    { schema: { hide: true } },
    async (request, reply) => {
      const principal = await pagePrincipal(request, reply);
      if (!principal) return reply;
      requireMemberAccess(principal, request.params.id, false);
      const member = await deps.members.requireMember(request.params.id);
      const locale = localeFor(request, reply, member);
      const t = translator(locale);
      const view = await deps.members.consent(member.id, NON_GENERATIVE);
      const objecting = !permits(view.state.status) && view.state.source === 'explicit';
      const self = `/members/${encodeURIComponent(member.id)}/settings/ai/objection`;
      const body = html`
<h1>${t('objectionTitle')}</h1>
<p class="lead">${t('objectionLead')}</p>
${request.query.saved === '1' ? html`<div class="notice notice-success" role="status">${t('saved')}</div>` : ''}
<section class="card" aria-labelledby="objection-h">
  <h2 id="objection-h">${t('navObjection')}</h2>
  <p id="objection-state">${objecting && view.state.event ? t('objectionActive', { date: formatDate(view.state.event.recordedAt, locale) }) : t('objectionNone')}</p>
  <form method="post" action="${self}">
    <input type="hidden" name="_csrf" value="${reply.generateCsrf()}">
    <input type="hidden" name="request_id" value="${randomUUID()}">
    <div class="check-row">
      <input type="checkbox" id="objection" name="object" value="on"${objecting ? { html: ' checked' } : ''}>
      <label for="objection">${t('objectionCheckbox')}</label>
    </div>
    <button type="submit" class="button">${t('objectionSubmit')}</button>
  </form>
</section>`;
      return sendPage(
        reply,
        page(
          {
            title: t('objectionTitle'),
            locale,
            t,
            demo,
            nav: 'member',
            csrfToken: reply.generateCsrf(),
            current: '/settings/ai/objection',
            memberBase: `/members/${encodeURIComponent(member.id)}`,
            path: pathOnly(request),
          },
          body,
        ),
      );
    },
  );

  app.post<{ Params: { id: string } }>(
    '/members/:id/settings/ai/objection',
    { ...csrfPost, schema: { hide: true } },
    async (request, reply) => {
      const principal = await deps.auth.require(request);
      requireMemberAccess(principal, request.params.id, true);
      const form = formBody(request);
      const requestId = /^[0-9a-f-]{36}$/.test(form.request_id ?? '') ? (form.request_id as string) : randomUUID();
      await deps.members.change({
        memberId: request.params.id,
        purpose: NON_GENERATIVE,
        status: form.object === 'on' ? 'withdrawn' : 'given',
        method: 'objection_form',
        requestId: `objection:${request.params.id}:${requestId}`,
        actor: principal.actor,
      });
      return reply.redirect(`/members/${encodeURIComponent(request.params.id)}/settings/ai/objection?saved=1`, 303);
    },
  );

  // The admin dashboard: numbers and tables server-side; charts and live build progress from admin.js.
  app.get<{ Querystring: { build?: string } }>('/admin', { schema: { hide: true } }, async (request, reply) => {
    const principal = await pagePrincipal(request, reply);
    if (!principal) return reply;
    requireScope(principal, 'admin');
    const t = translator('en');
    const builds = [...(await deps.store.listBuilds())]
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      .slice(0, 10);
    const [memberCount, models] = await Promise.all([deps.store.countMembers(), deps.store.listModels()]);
    const body = html`
<h1>Training data dashboard</h1>
<p class="lead">Who is eligible, who opted out, what each build holds, and which models carry data of members who have since withdrawn.</p>
<div class="stats-row">
  <div class="stat"><span class="stat-value" id="stat-members">${memberCount.toLocaleString('en')}</span><span class="stat-label">Members</span></div>
  <div class="stat"><span class="stat-value" id="stat-eligible">–</span><span class="stat-label">Eligible for generative AI</span></div>
  <div class="stat"><span class="stat-value">${builds.length}</span><span class="stat-label">Builds</span></div>
  <div class="stat"><span class="stat-value">${models.length}</span><span class="stat-label">Models</span></div>
  <div class="stat"><span class="stat-value" id="stat-audit">–</span><span class="stat-label">Audit chain</span></div>
</div>
<section class="card" aria-labelledby="build-h">
  <h2 id="build-h">Builds</h2>
  ${
    deps.builds
      ? html`<form method="post" action="/admin/builds" class="inline-form" id="build-form">
    <input type="hidden" name="_csrf" value="${reply.generateCsrf()}">
    <label for="build-purpose">Purpose</label>
    <select id="build-purpose" name="purpose"><option value="train_ai_system.generative">Generative AI</option><option value="train_ai_system.non_generative">Non-generative AI</option></select>
    <button type="submit" class="button" id="start-build">Start a build</button>
  </form>`
      : html`<p class="muted">No build runner is configured on this server.</p>`
  }
  <div class="table-wrap"><table id="builds-admin"><thead><tr><th scope="col">Build</th><th scope="col">Purpose</th><th scope="col">As of</th><th scope="col">State</th><th scope="col">Progress</th></tr></thead><tbody>
  ${builds.map(
    (b) =>
      html`<tr data-build="${b.id}" data-state="${b.state}"><td><code>${b.id}</code></td><td>${b.purpose}</td><td>${b.asOf.slice(0, 10)}</td><td><span class="badge badge-${b.state}" data-role="state">${b.state}</span></td><td data-role="progress">${progressText(b.progress)}</td></tr>`,
  )}
  </tbody></table></div>
  ${builds.length === 0 ? html`<p class="empty">No builds yet.</p>` : ''}
</section>
<div class="grid-2">
  <section class="card chart-card" aria-labelledby="funnel-h"><h2 id="funnel-h">Eligibility funnel</h2><p class="muted">Members by the first reason they are excluded from generative AI training today.</p><canvas id="chart-funnel" role="img" aria-label="Bar chart: members by eligibility reason"></canvas><div class="chart-table" data-for="funnel"></div></section>
  <section class="card chart-card" aria-labelledby="changes-h"><h2 id="changes-h">Consent changes over time</h2><p class="muted" id="changes-unit">Recorded choices per day.</p><canvas id="chart-changes" role="img" aria-label="Line chart: consent changes per day"></canvas><div class="chart-table" data-for="changes"></div></section>
  <section class="card chart-card" aria-labelledby="country-h"><h2 id="country-h">Opt-out rate by country</h2><p class="muted">Share of members who turned the setting off, largest countries.</p><canvas id="chart-country" role="img" aria-label="Bar chart: opt-out rate by country"></canvas><div class="chart-table" data-for="country"></div></section>
  <section class="card chart-card" aria-labelledby="redactions-h"><h2 id="redactions-h">Redactions by type per build</h2><p class="muted">Personal data removed before anything left Assent.</p><canvas id="chart-redactions" role="img" aria-label="Stacked bar chart: redactions by entity type per build"></canvas><div class="chart-table" data-for="redactions"></div></section>
</div>
<section class="card" aria-labelledby="models-h"><h2 id="models-h">Model lineage</h2><div id="models-lineage"><p class="muted">Loading…</p></div></section>
<section class="card" aria-labelledby="audit-h"><h2 id="audit-h">Audit chain</h2><p id="audit-status" class="muted">Checking…</p></section>`;
    return sendPage(
      reply,
      page(
        {
          title: 'Dashboard',
          locale: 'en',
          t,
          demo,
          nav: 'admin',
          csrfToken: reply.generateCsrf(),
          path: '/admin',
          scripts: ['/static/vendor/chart.umd.min.js', '/static/admin.js'],
        },
        body,
      ),
    );
  });

  app.post('/admin/builds', { ...csrfPost, schema: { hide: true } }, async (request, reply) => {
    const principal = await deps.auth.require(request);
    requireScope(principal, 'build');
    if (!deps.builds) throw httpError('ASSENT_ERR_BUILD_UNAVAILABLE', { reason: 'no build runner is configured' });
    const form = formBody(request);
    const purpose = form.purpose === NON_GENERATIVE ? NON_GENERATIVE : GENERATIVE;
    const started = await deps.builds.start({ purpose, asOf: new Date().toISOString() }, principal.actor);
    return reply.redirect(`/admin?build=${encodeURIComponent(started.id)}`, 303);
  });

  // Administrators sign in with an API token that has the admin scope; the session cookie keeps only its hash.
  app.get('/admin/sign-in', { schema: { hide: true } }, async (_request, reply) => {
    const t = translator('en');
    const body = html`
<section class="card narrow"><h1>Administrator sign-in</h1>
<p>Paste an Assent API token with the <code>admin</code> scope (create one with <code>assent token create --scope admin</code>). Members sign in through the platform.</p>
<form method="post" action="/admin/sign-in"><input type="hidden" name="_csrf" value="${reply.generateCsrf()}">
<label for="token">API token</label><input id="token" name="token" type="password" autocomplete="off" required>
<button type="submit" class="button">Sign in</button></form>
${demo ? html`<p><a href="/demo/sign-in">Use the demo chooser instead</a></p>` : ''}</section>`;
    return sendPage(
      reply,
      page({ title: t('signInTitle'), locale: 'en', t, demo, nav: 'none', path: '/admin/sign-in' }, body),
    );
  });

  app.post('/admin/sign-in', { ...csrfPost, schema: { hide: true } }, async (request, reply) => {
    const token = formBody(request).token?.trim() ?? '';
    if (!token.startsWith(TOKEN_PREFIX))
      throw httpError('ASSENT_ERR_AUTH_INVALID', { reason: 'not an Assent API token' });
    const record = await deps.store.tokenBySecretHash(hashTokenSecret(token));
    if (!record || record.revokedAt !== null)
      throw httpError('ASSENT_ERR_AUTH_INVALID', { reason: 'unknown or revoked token' });
    if (!record.scopes.includes('admin')) throw httpError('ASSENT_ERR_AUTH_SCOPE', { scope: 'admin' });
    deps.auth.setSession(reply, { kind: 'token', secretHash: record.secretHash });
    return reply.redirect('/admin', 303);
  });

  app.post('/sign-out', { ...csrfPost, schema: { hide: true } }, async (_request, reply) => {
    deps.auth.clearSession(reply);
    return reply.redirect('/', 303);
  });

  if (demo) registerDemoSignIn(app, deps, sendPage);
}

function registerDemoSignIn(
  app: FastifyInstance,
  deps: PageDeps,
  sendPage: (reply: FastifyReply, markup: string) => FastifyReply,
): void {
  app.get('/demo/sign-in', { schema: { hide: true } }, async (_request, reply) => {
    const t = translator('en');
    // A varied handful: the first active member of each country, so the demo shows different rules at work.
    const members: Member[] = [];
    const countries = new Set<string | null>();
    let scanned = 0;
    for await (const batch of deps.store.scanMembers({ batchSize: 500 })) {
      for (const member of batch) {
        if (member.accountState !== 'active' || countries.has(member.country)) continue;
        countries.add(member.country);
        members.push(member);
      }
      scanned += batch.length;
      if (members.length >= 12 || scanned >= 5000) break;
    }
    const body = html`
<section class="card narrow demo-chooser">
  <p class="eyebrow">Demo mode only</p>
  <h1>Sign in as a demo member</h1>
  <p>This chooser exists only in demo mode. In production, members arrive signed in by the platform and administrators use API tokens.</p>
  <form method="post" action="/demo/sign-in">
    <input type="hidden" name="_csrf" value="${reply.generateCsrf()}">
    <fieldset><legend>Demo members</legend>
    <ul class="member-list">${members
      .slice(0, 12)
      .map(
        (m) =>
          html`<li><button type="submit" name="member_id" value="${m.id}" class="member-button"><span class="member-name">${m.names[0] ?? m.id}</span><span class="muted">${m.id} · ${m.country ?? 'unknown country'} · ${m.language ?? 'en'}</span></button></li>`,
      )}</ul></fieldset>
    <p><button type="submit" name="admin" value="1" class="button" id="demo-admin">Sign in as demo administrator</button></p>
  </form>
</section>`;
    return sendPage(
      reply,
      page({ title: 'Demo sign-in', locale: 'en', t, demo: true, nav: 'none', path: '/demo/sign-in' }, body),
    );
  });

  app.post('/demo/sign-in', { preHandler: app.csrfProtection, schema: { hide: true } }, async (request, reply) => {
    const form = formBody(request);
    if (form.admin === '1') {
      deps.auth.setSession(reply, { kind: 'demo_admin' });
      return reply.redirect('/admin', 303);
    }
    const member = form.member_id ? await deps.store.getMember(form.member_id) : undefined;
    if (!member) throw httpError('ASSENT_ERR_MEMBER_NOT_FOUND', { memberId: (form.member_id ?? '').slice(0, 80) });
    deps.auth.setSession(reply, { kind: 'member', memberId: member.id });
    return reply.redirect(`/members/${encodeURIComponent(member.id)}/settings/ai`, 303);
  });
}

function progressText(progress: { readonly done: number; readonly total: number | null }): string {
  if (progress.total === null || progress.total === 0) return `${progress.done.toLocaleString('en')} items`;
  return `${Math.floor((100 * progress.done) / progress.total)}% (${progress.done.toLocaleString('en')} / ${progress.total.toLocaleString('en')})`;
}

function reasonText(t: ReturnType<typeof translator>, reason: string, detail: string): string {
  const key = `reason_${reason}`;
  const known: readonly string[] = [
    'reason_jurisdiction_excluded',
    'reason_minor',
    'reason_unknown_jurisdiction',
    'reason_account_deactivated',
    'reason_account_deleted',
    'reason_no_consent',
  ];
  return known.includes(key) ? t(key as MessageKey) : detail;
}

function historyTable(
  events: readonly { recordedAt: string; status: Parameters<typeof shortStatus>[0]; method: string }[],
  t: ReturnType<typeof translator>,
  locale: Locale,
): Html {
  if (events.length === 0) return html`<p class="empty" id="history-empty">${t('historyEmpty')}</p>`;
  const rows = [...events].reverse();
  return html`<div class="table-wrap"><table id="history-table"><thead><tr><th scope="col">${t('colDate')}</th><th scope="col">${t('colChoice')}</th><th scope="col">${t('colHow')}</th></tr></thead><tbody>
${rows.map((e) => {
  const status = shortStatus(e.status);
  const statusKey = `status_${status}` as MessageKey;
  const methodKey = `method_${e.method}` as MessageKey;
  return html`<tr data-method="${e.method}" data-status="${status}"><td>${formatDateTime(e.recordedAt, locale)}</td><td>${status === 'given' || status === 'withdrawn' ? t(statusKey) : status}</td><td>${t(methodKey)}</td></tr>`;
})}
</tbody></table></div>`;
}

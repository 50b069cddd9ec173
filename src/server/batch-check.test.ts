// The batch check's fast paths (the snapshot, results kept per member between requests) against the store path on
// generated members and events: the same answer for every decision time, including times just before and after a
// member's events take effect, a policy version that changes in the middle of a day, events recorded in the future
// of the clock (and a clock set back), and changes recorded between requests.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsentLedger } from '../consent/index.js';
import type { ConsentEvent, ConsentStatus, Member } from '../domain/index.js';
import { seededRandom } from '../domain/seeded-random.js';
import { presetsDirectory, validatePolicy } from '../policy/index.js';
import { sampleMember } from '../store/store.contract.js';
import type { Store } from '../store/store.js';
import { openTempSqliteStore } from '../store/testing.js';
import { adaptLedger, adaptPolicy } from './adapters.js';
import { createApp } from './app.js';
import { scanCheckBody } from './check-body.js';
import { ConsentSnapshot } from './consent-snapshot.js';
import { createConsentWriter } from './consent-writer.js';
import { createMemberService } from './member-service.js';
import { createApiToken } from './tokens.js';

const GEN = 'train_ai_system.generative';
const PURPOSES = [GEN, 'train_ai_system.non_generative', 'train_ai_system'];
const DAY = 86_400_000;
/** Version 2 of the preset starts at noon, so one day has two versions. */
const SWITCH = Date.parse('2025-11-03T12:00:00.000Z');

function policyWithMiddayVersion() {
  const text = readFileSync(join(presetsDirectory(), 'platform-2025-11.yaml'), 'utf8').replace(
    'valid_from: 2025-11-03T00:00:00Z',
    'valid_from: 2025-11-03T12:00:00Z',
  );
  const result = validatePolicy(text, 'midday.yaml');
  if (!result.ok) throw new Error('test policy does not validate');
  return result.policy;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Waits until the current snapshot's batch index is built (it builds in the background on first use). */
async function batchIndexed(snapshot: ConsentSnapshot): Promise<void> {
  for (let tick = 0; tick < 1000; tick++) {
    if ((await snapshot.current())?.batchIndex()) return;
    await new Promise((resume) => setImmediate(resume));
  }
  throw new Error('the batch index was not built');
}

describe('batch check fast paths', () => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  it('answer exactly as the store path for generated members, events and decision times', async () => {
    store = await openTempSqliteStore();
    const random = seededRandom(20261129);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
    let clock = SWITCH + 2 * DAY;
    const members: Member[] = [];
    for (let i = 0; i < 240; i++) {
      // Birthdays close to the 18th birthday around the switch day, so the age cutoff moves between days.
      const born = new Date(SWITCH - 18 * 365.25 * DAY + (random() - 0.5) * 8 * DAY);
      members.push({
        id: `m-${i}`,
        country: pick(['US', 'DE', 'FR', 'BR', 'US-CA', 'GB', 'XX', null] as const),
        birthDate: random() < 0.9 ? born.toISOString().slice(0, 10) : null,
        birthYear: null,
        ageSignals: random() < 0.05 ? { selfDeclaredMinor: true } : {},
        language: 'en',
        accountState: pick(['active', 'active', 'active', 'deactivated', 'deleted'] as const),
        names: [`Member ${i}`],
        createdAt: '2020-01-01T00:00:00.000Z',
      });
    }
    await store.upsertMembers(members);
    // Event times on a grid around the switch, so decision times can land on, just before and just after them.
    const grid = Array.from({ length: 12 }, (_, k) => SWITCH + (k - 6) * (DAY / 4));
    const statuses: ConsentStatus[] = ['ConsentGiven', 'ConsentWithdrawn', 'ConsentRefused'];
    const events: Omit<ConsentEvent, 'seq'>[] = [];
    for (const member of members) {
      const count = random() < 0.5 ? 0 : 1 + Math.floor(random() * 3);
      for (let k = 0; k < count; k++) {
        const valid = pick(grid);
        // A few are recorded after the clock's current time: not known yet, until the clock passes them.
        const recorded = random() < 0.1 ? clock + DAY : Math.min(clock - 1000, valid + random() * DAY);
        events.push({
          id: `e-${member.id}-${k}`,
          memberId: member.id,
          purpose: pick(PURPOSES),
          status: pick(statuses),
          method: pick(['api', 'gpc', 'toggle', 'import'] as const),
          noticeVersion: null,
          jurisdiction: null,
          validFrom: iso(valid),
          recordedAt: iso(recorded),
          actor: 'test',
          requestId: null,
          supersedes: null,
        });
      }
    }
    await store.appendConsentEvents(events);

    const policy = adaptPolicy(policyWithMiddayVersion());
    const snapshot = new ConsentSnapshot({ store });
    await snapshot.ready();
    const deps = { store, policy, ledger: adaptLedger(createConsentLedger(store)), now: () => new Date(clock) };
    const fast = createMemberService({ ...deps, snapshot });
    const reference = createMemberService(deps);

    const asOfs: (string | undefined)[] = [undefined];
    for (const t of grid) asOfs.push(iso(t - 1), iso(t), iso(t + 1));
    for (let d = -3; d <= 3; d++) asOfs.push(iso(SWITCH + d * DAY), iso(SWITCH + d * DAY - 1));
    const ids = [...members.map((m) => m.id), 'nobody', 'orphan'];
    let compared = 0;
    const start = clock;
    for (let round = 0; round < 3; round++) {
      await batchIndexed(snapshot);
      // The clock moves on past the future-recorded events, then back before them (a clock may be set back).
      for (const at of [start, start + 4 * DAY, start + DAY / 2]) {
        clock = at;
        for (const asOf of [...asOfs, ...asOfs.slice().reverse()]) {
          const asked = Array.from({ length: 60 }, () => pick(ids));
          const purpose = pick(PURPOSES);
          const expected = JSON.parse(String(await reference.checkJson(purpose, asOf, asked)));
          const body = scanCheckBody(Buffer.from(JSON.stringify({ purpose, as_of: asOf, member_ids: asked })));
          if (!body) throw new Error('the reader refused a plain body');
          // Ids as byte ranges of a request body, then as strings, then the unrendered answer.
          expect(JSON.parse(String(await fast.checkJson(purpose, asOf, body.member_ids)))).toEqual(expected);
          expect(JSON.parse(String(await fast.checkJson(purpose, asOf, asked)))).toEqual(expected);
          expect(await fast.check(purpose, asOf, asked)).toEqual(expected);
          compared += expected.results.length;
        }
      }
      // Changes recorded between rounds.
      const writer = createConsentLedger(store);
      for (let k = 0; k < 5; k++) {
        const memberId = pick(members).id;
        await writer.record(
          { memberId, purpose: GEN, status: pick(statuses), method: 'api', requestId: `r${round}-${k}` },
          'test',
        );
      }
      await snapshot.ready();
    }
    expect(compared).toBeGreaterThan(5000);
    await snapshot.close();
  });

  it('forgets a member’s kept result when this server records a change for them', async () => {
    store = await openTempSqliteStore();
    await store.upsertMembers([sampleMember('m1'), sampleMember('m2')]);
    const { secret } = await createApiToken(store, { name: 't', scopes: ['admin'] });
    const snapshot = new ConsentSnapshot({ store });
    await snapshot.ready();
    await batchIndexed(snapshot);
    const app = await createApp({ store, mode: 'production', logger: false, builds: false, snapshot });
    const headers = { authorization: `Bearer ${secret}` };
    const check = async () =>
      (
        await app.inject({
          method: 'POST',
          url: '/v1/consent/check',
          headers,
          payload: { purpose: GEN, member_ids: ['m1', 'm2'] },
        })
      ).json().results;
    try {
      expect((await check())[0]).toMatchObject({ member_id: 'm1', allowed: true, source: 'default' });
      for (const [key, status, allowed] of [
        ['k1', 'withdrawn', false],
        ['k2', 'given', true],
      ] as const) {
        const put = await app.inject({
          method: 'PUT',
          url: `/v1/members/m1/consent/${GEN}`,
          headers: { ...headers, 'idempotency-key': key },
          payload: { status },
        });
        expect(put.statusCode).toBe(201);
        // Moved forward in place (one writer), not reloaded: the kept results are what is being tested.
        expect(await snapshot.current()).toBeDefined();
        expect(await check()).toEqual([
          { member_id: 'm1', allowed, reason: allowed ? null : 'opted_out', status, source: 'explicit' },
          { member_id: 'm2', allowed: true, reason: null, status: 'given', source: 'default' },
        ]);
      }
    } finally {
      await app.close();
    }
  });

  it('answers for a change of its own from the snapshot that holds it, as of that commit', async () => {
    store = await openTempSqliteStore();
    await store.upsertMembers([sampleMember('m1'), sampleMember('m2')]);
    const snapshot = new ConsentSnapshot({ store });
    await snapshot.ready();
    const writer = createConsentWriter({
      store,
      recordOn: (tx, changes) => createConsentLedger(tx).recordMany(changes),
      onCommitted: (tokens, events) => {
        if (tokens) snapshot.applyOwnWrite(tokens.before, tokens.after, events);
      },
    });
    const change = { memberId: 'm1', purpose: GEN, status: 'ConsentWithdrawn', method: 'api' } as const;
    const { event } = await writer.record({ ...change, requestId: 'a' }, 'test');
    expect(snapshot.holding(event)?.events('m1')).toEqual([event]);
    // Only the very event it applied: not an equal copy, not one it never saw.
    expect(snapshot.holding({ ...event })).toBeUndefined();
    const other = await createConsentLedger(store).record({ ...change, memberId: 'm2', requestId: 'b' }, 'test');
    expect(snapshot.holding(other.event)).toBeUndefined();
    // That write was not applied in place: the snapshot is stale, dropped on the next look, and reloaded.
    expect(await snapshot.current()).toBeUndefined();
    expect(snapshot.holding(event)).toBeUndefined();
    await snapshot.ready();
    expect(snapshot.holding(event)).toBeUndefined();
    expect((await snapshot.current())?.events('m1').map((e) => e.id)).toEqual([event.id]);
    await writer.drain();
    await snapshot.close();
  });

  it('takes its own group in at commit, while the group is still being flushed and its callers wait', async () => {
    const real = await openTempSqliteStore();
    store = real;
    await real.upsertMembers([sampleMember('m1'), sampleMember('m2')]);
    const snapshot = new ConsentSnapshot({ store: real });
    await snapshot.ready();
    // A disk that holds the flush until the test lets it go.
    let release = () => {};
    const flushed = new Promise<void>((done) => {
      release = done;
    });
    const slowDisk: Store = Object.create(real, {
      transactionWithDeferredFlush: {
        value: async (work: (tx: Store) => Promise<unknown>) => {
          const { result, durable } = await real.transactionWithDeferredFlush(work);
          return { result, durable: durable.then(() => flushed) };
        },
      },
    });
    let committed = false;
    const writer = createConsentWriter({
      store: slowDisk,
      recordOn: (tx, changes) => createConsentLedger(tx).recordMany(changes),
      onCommitted: (tokens, events) => {
        committed = true;
        if (tokens) snapshot.applyOwnWrite(tokens.before, tokens.after, events);
      },
      onGroup: { started: () => snapshot.ownWriteStarted(), settled: () => snapshot.ownWriteSettled() },
    });
    let answered = false;
    const change = { memberId: 'm1', purpose: GEN, status: 'ConsentWithdrawn', method: 'api' } as const;
    const pending = writer.record({ ...change, requestId: 'a' }, 'test').then((result) => {
      answered = true;
      return result;
    });
    try {
      for (let tick = 0; tick < 1000 && !committed; tick++) await new Promise((resume) => setImmediate(resume));
      expect(committed).toBe(true);
      // Committed, not yet durable: the caller waits, and checks already answer from the snapshot, with the change.
      expect(answered).toBe(false);
      expect((await snapshot.current())?.events('m1').map((e) => e.requestId)).toEqual(['a']);
    } finally {
      release();
    }
    const { event } = await pending;
    expect(snapshot.holding(event)).toBeDefined();
    await writer.drain();
    await snapshot.close();
  });
});

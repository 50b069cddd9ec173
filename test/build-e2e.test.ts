// End-to-end builds from a real store (SQLite always, PostgreSQL when ASSENT_TEST_DATABASE_URL is set): decisions,
// redaction with planted canaries, determinism across worker counts, Parquet read-back, lineage and models, strict
// withdrawals during a build, bad input, and an unwritable output directory.

import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rulesPolicy } from '../src/build/build-policy.js';
import { TEST_POLICY_RULES } from '../src/build/crash-harness.js';
import { fixtureContent, fixtureMember, writeFixtureFiles } from '../src/build/fixture.js';
import { BuildError, type BuildManifest, readShard, runBuild, scanBuild } from '../src/build/index.js';
import { parseContentObject, parseMemberObject } from '../src/build/parse-lines.js';
import { fileSource, storeSource } from '../src/build/source.js';
import type { ConsentEvent } from '../src/domain/index.js';
import { memberLineage, modelLineage, onConsentRecorded, registerModel } from '../src/lineage/index.js';
import { loadPreset } from '../src/policy/index.js';
import type { Store } from '../src/store/store.js';
import { openTestStores } from '../src/store/testing.js';

const PURPOSE = TEST_POLICY_RULES.purpose;
const AS_OF = TEST_POLICY_RULES.asOf;
const MEMBERS = 40;
const ITEMS = 10;
const policy = rulesPolicy(TEST_POLICY_RULES, 'b'.repeat(64));

/** Canaries: an e-mail in allowed content, an e-mail in an opted-out member's content, a name in allowed text. */
const CANARY_ALLOWED_EMAIL = 'zq.canary.allowed@example.org';
const CANARY_OPTED_OUT_EMAIL = 'zq.canary.optedout@example.org';
const CANARY_PHONE = '+1 415 555 0199';
const OPTED_OUT = 'm00000002'; // US, adult, active
const ALLOWED = 'm00000000'; // US, adult, active

let eventSeq = 0;
function event(memberId: string, status: ConsentEvent['status'], at: string): Omit<ConsentEvent, 'seq'> {
  eventSeq++;
  return {
    id: `ev-${eventSeq}-${memberId}`,
    memberId,
    purpose: PURPOSE,
    status,
    method: 'toggle',
    noticeVersion: null,
    jurisdiction: 'US',
    validFrom: at,
    recordedAt: at,
    actor: 'test',
    requestId: null,
    supersedes: null,
  };
}

async function seed(store: Store): Promise<void> {
  const members = Array.from({ length: MEMBERS }, (_, i) => {
    const parsed = parseMemberObject({ ...fixtureMember(i) });
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.value;
  });
  await store.upsertMembers(members);
  let x = 7;
  const random = () => {
    x = (x * 48271) % 2147483647;
    return x / 2147483647;
  };
  const items = [];
  for (let i = 0; i < MEMBERS; i++) {
    for (let j = 0; j < ITEMS; j++) {
      const line = fixtureContent(i, j, random, 80);
      if (j === 0 && i === 0) line.text = `Write to ${CANARY_ALLOWED_EMAIL} or call ${CANARY_PHONE}.`;
      if (j === 0 && i === 2) line.text = `Private: ${CANARY_OPTED_OUT_EMAIL}.`;
      if (j === 1 && i === 0) line.text = `Thanks ${fixtureMember(2).names[0]} for the launch!`;
      const parsed = parseContentObject({ ...line });
      if (!parsed.ok) throw new Error(parsed.message);
      items.push(parsed.value);
    }
  }
  const orphan = parseContentObject({ ...fixtureContent(999, 0, random, 40), author_id: 'm-unknown' });
  if (orphan.ok) items.push(orphan.value);
  await store.upsertContent(items);
  await store.appendConsentEvents([event(OPTED_OUT, 'ConsentWithdrawn', '2025-01-10T00:00:00.000Z')]);
}

for (const factory of openTestStores()) {
  describe.skipIf(factory.skipReason !== undefined)(`builds on ${factory.name}`, () => {
    let store: Store;
    let dir = '';

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'assent-build-e2e-'));
      store = await factory.open();
      await seed(store);
    });
    afterAll(async () => {
      await store?.close();
      if (dir !== '') rmSync(dir, { recursive: true, force: true });
    });

    const build = (out: string, workers: number, extra: Partial<Parameters<typeof runBuild>[0]> = {}) =>
      runBuild({
        store,
        policy,
        purpose: PURPOSE,
        asOf: AS_OF,
        outDir: join(dir, out),
        format: 'parquet',
        sources: storeSource(store),
        workers,
        actor: 'test',
        itemsPerShard: 60,
        ...extra,
      });

    it('builds from the store with identical shards for 1 and 2 workers, and records lineage', async () => {
      const one = await build('w1', 1);
      const two = await build('w2', 2);
      expect(one.manifest.shards.length).toBe(7);
      expect(two.manifest.shards).toEqual(one.manifest.shards);
      expect(two.manifest.lineage.merkleRoot).toBe(one.manifest.lineage.merkleRoot);

      const counts = one.summary;
      expect(counts.items).toBe(MEMBERS * ITEMS + 1);
      expect(counts.excludedByReason.unknown_member).toBe(1);
      expect(counts.excludedByReason.opted_out).toBe(ITEMS);
      expect(counts.excludedByReason.jurisdiction_excluded).toBeGreaterThan(0);
      expect(counts.excludedByReason.unknown_jurisdiction).toBeGreaterThan(0);
      expect(counts.excludedByReason.minor).toBeGreaterThan(0);
      expect(counts.excludedByReason.kind_excluded).toBeGreaterThan(0);
      expect(counts.duplicatesRemoved).toBeGreaterThan(0);
      const excluded = Object.values(counts.excludedByReason).reduce((a, b) => a + b, 0);
      expect(counts.createdAfterAsOf).toBe(0);
      expect(excluded + counts.allowed).toBe(counts.items);
      expect(counts.records).toBe(counts.allowed - counts.duplicatesRemoved - counts.droppedRecords);

      // Read back every shard with a JS Parquet reader: only minimised fields, counts match.
      const jsRows: string[] = [];
      for (const shard of one.manifest.shards) {
        const rows = await readShard(join(one.outDir, shard.file));
        expect(rows.length).toBe(shard.records);
        for (const row of rows) {
          expect(Object.keys(row).sort()).toEqual(['kind', 'language', 'month', 'text']);
          expect(row.month).toMatch(/^\d{4}-\d{2}$/);
          jsRows.push(JSON.stringify([row.text, row.kind, row.language ?? null, row.month]));
        }
      }
      expect(jsRows.length).toBe(counts.records);
      expect(jsRows.length).toBeGreaterThan(0);
      // DuckDB, an independent Parquet implementation, reads the same rows from the same shards.
      const duck = await (await DuckDBInstance.create(':memory:')).connect();
      try {
        const result = await duck.runAndReadAll(
          `select text, kind, language, month from read_parquet('${join(one.outDir, '*.parquet')}')`,
        );
        const duckRows = result
          .getRowObjects()
          .map((r) => JSON.stringify([r.text, r.kind, r.language ?? null, r.month]));
        expect(duckRows.sort()).toEqual([...jsRows].sort());
      } finally {
        duck.closeSync();
      }

      const manifest = JSON.parse(readFileSync(join(one.outDir, 'manifest.json'), 'utf8')) as BuildManifest;
      expect(manifest.policy).toEqual({ name: 'build-test', version: 'build-test/v1', sha256: 'b'.repeat(64) });
      expect(manifest.consentLedgerHead).toBeGreaterThan(0);
      expect(manifest.code.version).toMatch(/^\d+\.\d+\.\d+/);
      const croissant = JSON.parse(readFileSync(join(one.outDir, 'croissant.json'), 'utf8')) as Record<string, unknown>;
      expect(croissant.conformsTo).toBe('http://mlcommons.org/croissant/1.1');
      expect(croissant['rai:personalSensitiveInformation']).toBeTypeOf('string');
      expect(croissant['assent:consent']).toMatchObject({
        purpose: PURPOSE,
        consentLedgerHead: manifest.consentLedgerHead,
      });
      expect(readFileSync(join(one.outDir, 'README.md'), 'utf8')).toMatch(/^---\npretty_name: /);
      // No member ids anywhere in the dataset directory.
      for (const file of ['manifest.json', 'croissant.json', 'README.md']) {
        expect(readFileSync(join(one.outDir, file), 'utf8')).not.toMatch(/m000000\d\d/);
      }

      expect(await store.countBuildMembers(one.buildId)).toBe(counts.membersInBuild);
      const lineage = await memberLineage(store, ALLOWED);
      expect(lineage.builds.map((b) => b.buildId).sort()).toEqual([one.buildId, two.buildId].sort());
      expect(lineage.builds[0]?.items).toBeGreaterThan(0);
      expect((await memberLineage(store, OPTED_OUT)).builds).toEqual([]);
      const record = await store.getBuild(one.buildId);
      expect(record?.state).toBe('published');
      expect(record?.progress.done).toBe(counts.items);
    });

    it('leaves no canary: excluded members absent, allowed personal data redacted, member names redacted', async () => {
      const result = await build('scan', 2);
      const report = await scanBuild(result.outDir, {
        canaries: [CANARY_ALLOWED_EMAIL, CANARY_OPTED_OUT_EMAIL, CANARY_PHONE, fixtureMember(2).names[0] ?? ''],
      });
      expect(report.canaryHits).toEqual([]);
      expect(report.residualDirect).toBe(0);
      expect(report.residualByType.EMAIL).toBeUndefined();
      expect(report.residualByType.PHONE).toBeUndefined();
      expect(report.clean).toBe(true);
      expect(result.summary.redactionsByType.EMAIL).toBeGreaterThan(0);
      expect(result.summary.redactionsByType.PERSON).toBeGreaterThan(0);
      const texts = (
        await Promise.all(result.manifest.shards.map((s) => readShard(join(result.outDir, s.file))))
      ).flat();
      expect(texts.some((r) => r.text === 'Write to <EMAIL> or call <PHONE>.')).toBe(true);
      expect(texts.some((r) => r.text === 'Thanks <PERSON> for the launch!')).toBe(true);
      // A scan does detect what is left when a canary is planted after the fact (the scan is not vacuous).
      const planted = await scanBuild(result.outDir, { canaries: ['<EMAIL>'] });
      expect(planted.canaryHits.length).toBe(1);
    });

    it('drops a member whose withdrawal is recorded while the build runs (strict withdrawals)', async () => {
      let injected = false;
      const result = await build('strict', 2, {
        // Recorded while members are read: after the build's ledger head, and long before the last re-check of
        // withdrawals (at the first shard, a fast pass 2 could finish before the write lands).
        onProgress: (p) => {
          if (p.phase === 'members' && !injected) {
            injected = true;
            void store.appendConsentEvents([event(ALLOWED, 'ConsentWithdrawn', new Date().toISOString())]);
          }
        },
      });
      expect(injected).toBe(true);
      expect(result.summary.withdrawnDuringBuild).toBeGreaterThan(0);
      const rows = [];
      for await (const batch of store.scanBuildMembers(result.buildId)) rows.push(...batch);
      expect(rows.map((r) => r.memberId)).not.toContain(ALLOWED);

      // Lineage: a model over an earlier build holds the member's data; they withdrew after training.
      const earlier = (await memberLineage(store, ALLOWED)).builds.find((b) => b.state === 'published');
      expect(earlier).toBeDefined();
      const model = await registerModel(store, { name: 'm', version: '1', buildIds: [earlier?.buildId ?? ''] }, 'test');
      const modelView = await modelLineage(store, model.id);
      expect(modelView.builds[0]?.members).toBeGreaterThan(0);
      expect(modelView.withdrawnAfterTraining).toBe(1);
      expect((await memberLineage(store, ALLOWED)).models.map((m) => m.modelId)).toContain(model.id);

      // flag_models: a withdrawal marks the models holding the member's data.
      const preset = await loadPreset('platform-2024-09');
      const flagging = {
        ...preset,
        versions: preset.versions.map((v) => ({
          ...v,
          purposes: Object.fromEntries(
            Object.entries(v.purposes).map(([k, r]) => [k, r ? { ...r, on_withdrawal: 'flag_models' as const } : r]),
          ),
        })),
      };
      const [stored] = await store.appendConsentEvents([event(ALLOWED, 'ConsentWithdrawn', new Date().toISOString())]);
      expect(await onConsentRecorded(store, stored as ConsentEvent, preset)).toEqual([]);
      expect(await onConsentRecorded(store, stored as ConsentEvent, flagging)).toEqual([model.id]);
      expect((await store.getModel(model.id))?.flaggedAt).not.toBeNull();
    });

    it('rewrites finished shards for a withdrawal recorded after the last shard was written (strict withdrawals)', async () => {
      // A member with items in the dataset, other than the one the test above withdrew.
      const before = await build('strict-late-before', 1);
      const rowsBefore = [];
      for await (const batch of store.scanBuildMembers(before.buildId)) rowsBefore.push(...batch);
      const member = rowsBefore.map((r) => r.memberId).find((id) => id !== ALLOWED);
      if (member === undefined) throw new Error('no member in the dataset to withdraw');
      // Recorded once every shard is written; the build's next read of the ledger waits for the write to land, so the
      // only place the build can see it is the last re-check, which must rewrite the shards holding the member.
      let landed: Promise<unknown> | undefined;
      const waiting: Store = Object.assign(Object.create(store) as Store, {
        scanConsentEvents: (options?: Parameters<Store['scanConsentEvents']>[0]) =>
          (async function* () {
            await landed;
            yield* store.scanConsentEvents(options);
          })(),
      });
      const result = await build('strict-late', 2, {
        store: waiting,
        onProgress: (p) => {
          if (p.phase === 'shards' && p.total !== null && p.done === p.total && landed === undefined) {
            landed = store.appendConsentEvents([event(member, 'ConsentWithdrawn', new Date().toISOString())]);
          }
        },
      });
      expect(landed).toBeDefined();
      expect(result.summary.withdrawnDuringBuild).toBeGreaterThan(0);
      const rows = [];
      for await (const batch of store.scanBuildMembers(result.buildId)) rows.push(...batch);
      expect(rows.map((r) => r.memberId)).not.toContain(member);
      expect(rows.length).toBe(rowsBefore.filter((r) => r.memberId !== member).length);
    });

    it('counts malformed lines as FILE:LINE and fails only with strict; unknown members are counted', async () => {
      const files = join(dir, 'files');
      mkdirSync(files, { recursive: true });
      const f = await writeFixtureFiles(files, { members: 10, itemsPerMember: 3, textLength: 40 });
      const lines = readFileSync(f.content, 'utf8').split('\n');
      lines.splice(
        2,
        0,
        '{"content_id": "bad", "kind": "post"',
        '{"content_id":"c2","author_id":"m00000001","kind":"tweet","visibility":"public","text":"x","created_at":"2024-01-01T00:00:00Z"}',
      );
      writeFileSync(f.content, lines.join('\n'));
      const result = await build('files', 1, { sources: fileSource(f.members, [f.content]) });
      expect(result.summary.rejectedLines).toBe(2);
      expect(result.manifest.rejectedSamples).toEqual([
        'content.jsonl:3: (line): expected a JSON object, found text that is not valid JSON',
        'content.jsonl:4: kind: expected a known content kind such as "post"',
      ]);
      await expect(
        build('files-strict', 1, { sources: fileSource(f.members, [f.content]), strict: true }),
      ).rejects.toMatchObject({
        code: 'ASSENT_BUILD_REJECTED_LINES',
        kind: 'user',
      });
      expect(existsSync(join(dir, 'files-strict', 'manifest.json'))).toBe(false);
    });

    it('keeps a text longer than a spill chunk whole and removes its duplicate, the same for 1 and 2 workers', async () => {
      const files = join(dir, 'long');
      mkdirSync(files, { recursive: true });
      const f = await writeFixtureFiles(files, { members: 10, itemsPerMember: 3, textLength: 40 });
      const long = 'team project launch growth '.repeat(12_000); // ~320 kB: more than a pass 1 spill chunk
      const item = (id: string) =>
        JSON.stringify({ ...fixtureContent(0, 0, () => 0.5, 40), content_id: id, text: long, kind: 'post' });
      writeFileSync(f.content, `${readFileSync(f.content, 'utf8')}${item('c-long-1')}\n${item('c-long-2')}\n`);
      const one = await build('long-w1', 1, { sources: fileSource(f.members, [f.content]) });
      const two = await build('long-w2', 2, { sources: fileSource(f.members, [f.content]) });
      expect(two.manifest.shards).toEqual(one.manifest.shards);
      expect(two.manifest.lineage.merkleRoot).toBe(one.manifest.lineage.merkleRoot);
      expect(one.summary.duplicatesRemoved).toBe(1);
      const texts: string[] = [];
      for (const shard of one.manifest.shards)
        texts.push(...(await readShard(join(one.outDir, shard.file))).map((r) => r.text));
      expect(texts.filter((t) => t === long)).toHaveLength(1);
      expect(texts).toHaveLength(one.summary.records);
    });

    it('fails cleanly on a read-only output directory and refuses to overwrite a published build', async () => {
      const readOnly = join(dir, 'ro');
      mkdirSync(readOnly);
      chmodSync(readOnly, 0o500);
      try {
        // Root ignores directory permissions, so also use a path whose parent is a regular file (fails for anyone).
        const blocker = join(dir, 'not-a-directory');
        writeFileSync(blocker, 'x');
        const blocked = await build('not-a-directory/out', 1).catch((e: unknown) => e);
        expect(blocked).toBeInstanceOf(BuildError);
        expect((blocked as BuildError).code).toBe('ASSENT_BUILD_OUT_UNWRITABLE');
        if (process.getuid?.() === 0) return;
        const error = await build('ro/out', 1).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(BuildError);
        expect((error as BuildError).code).toBe('ASSENT_BUILD_OUT_UNWRITABLE');
        expect(existsSync(join(readOnly, 'out', 'manifest.json'))).toBe(false);
      } finally {
        chmodSync(readOnly, 0o700);
      }
      await expect(build('w1', 1)).rejects.toMatchObject({ code: 'ASSENT_BUILD_OUT_PUBLISHED' });
    });
  });
}

// Guard for speed work on the tagger: its spans on the dev corpora must stay byte-identical (same model, same
// decisions); skips when ../shared is absent. After retraining the model, record the new hash printed by
// `npx tsx bench/names.ts --spans` here and in bench/names.ts (last recorded for the model of `npm run train:names`
// of model version 3: case-context and longer character features, bias tuned on held-out training folds; then again
// when spansFromTags began to trim a leading greeting word such as "Congrats" from PERSON runs; then when the
// recognizer began to report listed German and Dutch given names the tagger left, given-names.ts: "angina de
// Ludwig", "Monika Chocholová"); then when it began to report places after a place preposition, place-cues.ts, which
// without a record language reads every language's prepositions: "de Colmenar Viejo", "Carretera de Alpedrete"; then
// when a number after a one-word place made it a product: "in Acquapendente 1021" is no longer read).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from './data-dir.js';
import { NUM_TAGS } from './model.js';
import { createNameRecognizer } from './name-recognizer.js';
import { createViterbiScratch, viterbi, viterbi7 } from './viterbi.js';

const corpusDir =
  process.env.ASSENT_PII_DATASETS ?? join(resolveDataDir(), '..', '..', '..', '..', 'shared', 'datasets', 'pii');
const SPAN_CORPORA = ['wnut17-dev.jsonl', 'meddocan-dev.jsonl', 'presidio-synth-v2.jsonl'] as const;
const present = SPAN_CORPORA.every((f) => existsSync(join(corpusDir, f)));
if (!present) console.warn(`identical-output.test: skipped, no dev corpora at ${corpusDir} (set ASSENT_PII_DATASETS)`);

/** sha256 of every span (file, doc index, start, end, type, score) the default recognizer finds in the corpora. */
function spanDigest(dir: string, cacheSize?: number): string {
  const hash = createHash('sha256');
  for (const file of SPAN_CORPORA) {
    const recognizer = createNameRecognizer(cacheSize === undefined ? {} : { cacheSize });
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    let doc = 0;
    for (const line of lines) {
      if (line.trim() === '') continue;
      const { text } = JSON.parse(line) as { text: string };
      for (const s of recognizer.analyze({ text }))
        hash.update(`${file}\t${doc}\t${s.start}\t${s.end}\t${s.type}\t${s.score}\n`);
      doc++;
    }
  }
  return hash.digest('hex');
}

const EXPECTED = 'b0a00eb775d30d01f15f183526b4d4c703dad7cc00c33465766e9dfe5c3a24c5';

describe.skipIf(!present)('name tagger output on the dev corpora', () => {
  it('is byte-identical to the recorded spans (warm cache)', () => {
    expect(spanDigest(corpusDir)).toBe(EXPECTED);
  });
  it('is byte-identical without a word cache', () => {
    expect(spanDigest(corpusDir, 0)).toBe(EXPECTED);
  });
  it('is byte-identical with a tiny word cache (constant generation turnover)', () => {
    expect(spanDigest(corpusDir, 50)).toBe(EXPECTED);
  });
});

describe('viterbi7', () => {
  it('decodes exactly as the generic viterbi, ties included', () => {
    let seed = 12345;
    const rand = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const scratch = createViterbiScratch();
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(rand() * 40);
      // Coarse values make exact ties frequent, so the tie-breaking is exercised too.
      const coarse = round % 2 === 0;
      const value = (): number => (coarse ? Math.floor(rand() * 5) - 2 : (rand() - 0.5) * 200);
      const emissions = Float32Array.from({ length: n * NUM_TAGS }, value);
      const transitions = Float32Array.from({ length: (NUM_TAGS + 1) * NUM_TAGS }, value);
      const expected = new Uint8Array(n);
      const actual = new Uint8Array(n);
      viterbi(emissions, n, transitions, expected);
      viterbi7(emissions, n, Float64Array.from(transitions), actual, scratch);
      expect([...actual]).toEqual([...expected]);
    }
  });
});

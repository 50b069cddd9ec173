// Rebuilds the name tagger's data files: the gazetteer (from @faker-js/faker and humannames, both MIT) and the
// averaged-perceptron weights (from the train splits in ../shared/datasets/pii) with their decoding bias (chosen on
// held-out folds of those train splits, never on the dev splits), then prints dev-split scores and the tagger's
// throughput. Deterministic: same inputs and seed, same bytes.
//
//   npm run train:names [-- --data ../shared/datasets/pii --epochs 8 --seed 17 --folds 2 --person-recall 0.85]
//   (--out DIR writes the files elsewhere; --bias P,L,O skips the tuning)

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { allLocales } from '@faker-js/faker';
import { seededRandom } from '../src/domain/seeded-random.js';
import { foldToken } from '../src/redact/known/fold.js';
import { resolveDataDir } from '../src/redact/names/data-dir.js';
import { countDocument, scoreCounts, type TypeCounts } from '../src/redact/names/evaluate.js';
import type { WordFeatures } from '../src/redact/names/features.js';
import { formatGazetteer, GAZ, GAZETTEER_FILE, parseGazetteer } from '../src/redact/names/gazetteer.js';
import {
  decodeModel,
  encodeModel,
  MODEL_FILE,
  type NameModel,
  NUM_TAGS,
  TAG_TYPES,
} from '../src/redact/names/model.js';
import { biasByTagType } from '../src/redact/names/name-recognizer.js';
import { createNameTagger } from '../src/redact/names/tagger.js';
import { tokenize } from '../src/redact/names/tokenize.js';
import { prepareSequence, type TrainingDocument, trainPerceptron } from '../src/redact/names/train.js';

interface CorpusRecord extends TrainingDocument {
  readonly id: string;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const root = join(resolveDataDir(), '..', '..', '..');
const corpusDir = arg('data', process.env.ASSENT_PII_DATASETS ?? join(root, '..', 'shared', 'datasets', 'pii'));
const epochs = Number(arg('epochs', '8'));
const seed = Number(arg('seed', '17'));
const tableBits = Number(arg('bits', '18'));
const wordDropout = Number(arg('dropout', '0.6'));
// Cost-augmented training: a wrong tag on a gold token of each type scores this much extra while training (see
// TrainOptions). Off by default: 20,0,0 raised held-out precision but lost wnut17-dev names (src/redact/data/README.md).
const margin = arg('margin', '0,0,0').split(',').map(Number);
if (margin.length !== TAG_TYPES.length || !margin.every((m) => Number.isFinite(m) && m >= 0)) {
  console.error(
    `train-names: --margin expects one number >= 0 per type, separated by commas (${TAG_TYPES.join(', ')})`,
  );
  process.exit(2);
}
// Where the data files are written (experiments can point elsewhere and leave the committed files alone).
const dataDir = arg('out', resolveDataDir());
// --bias P,L,O fixes the decoding bias instead of tuning it: checked here, before any training.
const fixedBias = arg('bias', '');
const fixedEntityBias = fixedBias === '' ? undefined : fixedBias.split(',').map(Number);
if (
  fixedEntityBias !== undefined &&
  (fixedEntityBias.length !== TAG_TYPES.length || !fixedEntityBias.every(Number.isFinite))
) {
  console.error(`train-names: --bias expects one number per type, separated by commas (${TAG_TYPES.join(', ')})`);
  process.exit(2);
}
// Created once every option is checked, so a bad option leaves no directory behind.
try {
  mkdirSync(dataDir, { recursive: true });
} catch (error) {
  console.error(
    `train-names: --out ${dataDir}: cannot create the directory (${(error as NodeJS.ErrnoException).code})`,
  );
  process.exit(2);
}

// ---- 1. Gazetteer -------------------------------------------------------------------------------------------------

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

// Function and very common words of English and Spanish, and social-media interjections and contractions written
// without apostrophes (written for this project), marked COMMON so that a name list containing "will" or "rose" does
// not make every such word look like a name.
const FUNCTION_WORDS = `the a an and or but if of to in on at by for with from about as into like than then so not no
yes is are was were be been being am do does did have has had will would can could should may might must shall i me my
you your he him his she her it its we us our they them their this that these those there here what which who whom whose
when where why how all any both each few more most other some such only own same too very just also now up down out
over again once lol omg haha yeah ok okay hey get got go going gone make made know think see look want give use find tell
ask work seem feel try leave call good new first last long great little old big high different small large next early
young important public bad able day time year people way thing man woman child world life hand part place week case
point number love best better still even back well never always really much many today tomorrow tonight night morning
el la los las un una unos unas y o pero si de del al a en con por para sin sobre entre hasta desde que quien como cuando
donde porque muy mas menos ya no sí se su sus mi mis tu tus le les lo nos es son fue era ser estar esta este esto estos
estas ese esa eso hay tiene tienen ha han habia hace dia dias año años vez veces paciente presenta refiere tras durante
dolor derecho izquierdo izquierda derecha normal caso tratamiento estudio control meses semanas horas hospital sexo edad
lol lmao lmfao rofl omg wtf bruh brah dude bro sis aww awww welp tho idk imo tbh smh ikr yall gonna wanna gotta ya yo
yep nope yeah yay haha hahaha hehe xd pls plz thx ty dat dis dem ive im youre thats dont cant wont isnt doesnt didnt
whats lets hi sorry please damn dang gosh wow woah whoa ugh meh nah jk fyi btw irl af ngl vid vids lit fam`
  .split(/\s+/)
  .filter((w) => w !== '');

// Latin-script names from every locale, used to swap the names of augmented training copies.
const LATIN_NAME = /^\p{Script=Latin}[\p{Script=Latin}' -]*$/u;
const replacementFirstNames = new Set<string>();
const replacementLastNames = new Set<string>();

function buildGazetteer(): Map<string, number> {
  const entries = new Map<string, number>();
  const add = (phrase: string, flag: number): void => {
    if (phrase.includes('{{') || phrase.includes('#')) return;
    const tokens = tokenize(phrase);
    for (let i = 0; i < tokens.count; i++) {
      const folded = foldToken(phrase.slice(tokens.starts[i], tokens.ends[i]));
      if (folded.length < 2 || !/\p{L}/u.test(folded)) continue;
      entries.set(folded, (entries.get(folded) ?? 0) | flag);
    }
  };
  // Locales in a fixed order so the file is byte-identical between runs.
  for (const code of Object.keys(allLocales).sort()) {
    const locale = (allLocales as Record<string, Record<string, Record<string, unknown> | undefined>>)[code];
    const person = locale?.person ?? {};
    const location = locale?.location ?? {};
    const company = locale?.company ?? {};
    for (const s of strings([person.first_name, person.middle_name])) add(s, GAZ.FIRST);
    for (const s of strings(person.last_name)) add(s, GAZ.LAST);
    for (const s of strings(person.first_name)) if (LATIN_NAME.test(s)) replacementFirstNames.add(s);
    for (const s of strings(person.last_name)) if (LATIN_NAME.test(s)) replacementLastNames.add(s);
    for (const s of strings([location.city_name, location.state, location.country, location.county])) {
      add(s, GAZ.LOCATION);
    }
    for (const s of strings([company.legal_entity_type, company.suffix])) add(s, GAZ.ORG);
  }
  for (const code of ['en', 'de', 'fr', 'da', 'hu', 'id_ID', 'pt_BR', 'nb_NO']) {
    const locale = (allLocales as Record<string, Record<string, Record<string, unknown> | undefined>>)[code];
    for (const s of strings(locale?.word)) add(s, GAZ.COMMON);
  }
  for (const s of FUNCTION_WORDS) add(s, GAZ.COMMON);
  const require = createRequire(import.meta.url);
  const dictionary = JSON.parse(
    readFileSync(require.resolve('an-array-of-english-words/index.json'), 'utf8'),
  ) as unknown as string[];
  for (const word of dictionary) add(word, GAZ.DICTIONARY);
  const humannames = readFileSync(join(require.resolve('humannames/package.json'), '..', 'list.txt'), 'utf8');
  for (const line of humannames.split('\n')) {
    const name = line.trim();
    if (name !== '') add(name, GAZ.HUMAN);
  }
  return entries;
}

const gazetteerEntries = buildGazetteer();
// Words written lower-case at least 20 times in the training texts (outside names) are common words too.
function markFrequentLowerCase(docs: readonly CorpusRecord[]): void {
  const counts = new Map<string, number>();
  for (const doc of docs) {
    const tokens = tokenize(doc.text);
    for (let i = 0; i < tokens.count; i++) {
      const start = tokens.starts[i] ?? 0;
      const end = tokens.ends[i] ?? 0;
      const token = doc.text.slice(start, end);
      if (token !== token.toLowerCase() || !/\p{L}/u.test(token)) continue;
      if (doc.spans.some((s) => s.start < end && start < s.end && s.type !== 'DATE')) continue;
      const folded = foldToken(token);
      counts.set(folded, (counts.get(folded) ?? 0) + 1);
    }
  }
  for (const [word, count] of counts) {
    if (count >= 20 && word.length > 1) gazetteerEntries.set(word, (gazetteerEntries.get(word) ?? 0) | GAZ.COMMON);
  }
}
// ---- 2. Corpora ---------------------------------------------------------------------------------------------------

function readCorpus(file: string): CorpusRecord[] {
  const path = join(corpusDir, file);
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const record = JSON.parse(line) as Partial<CorpusRecord>;
      if (typeof record.text !== 'string' || !Array.isArray(record.spans)) {
        throw new Error(`${path}:${i + 1}: expected {"text": string, "spans": [...]}`);
      }
      return { id: String(record.id ?? i), text: record.text, spans: record.spans };
    });
}

const presidio = readCorpus('presidio-synth-v2.jsonl');
const wnutRepeat = Number(arg('wnut-repeat', '2'));
const wnutTrain = readCorpus('wnut17-train.jsonl');
const augmentRandom = seededRandom(seed + 1);
const firstNames = [...replacementFirstNames].sort();
const lastNames = [...replacementLastNames].sort();

/**
 * An augmented copy of a social-media post: each PERSON span gets a random name of the same length in tokens
 * (given names of many locales), written in the original's case, and half the copies are lower-cased whole.
 * It teaches the model names it has not memorised and lower-case names, which social media is full of.
 */
function augment(doc: CorpusRecord): CorpusRecord {
  const pick = (list: readonly string[]): string => list[Math.floor(augmentRandom() * list.length)] ?? '';
  const spans = [...doc.spans].sort((a, b) => a.start - b.start);
  let text = '';
  let last = 0;
  const out: { start: number; end: number; type: string }[] = [];
  for (const span of spans) {
    if (span.start < last) continue;
    let value = doc.text.slice(span.start, span.end);
    if (span.type === 'PERSON') {
      const original = value;
      value = original.includes(' ') ? `${pick(firstNames)} ${pick(lastNames)}` : pick(firstNames);
      if (original === original.toLowerCase()) value = value.toLowerCase();
      else if (original === original.toUpperCase()) value = value.toUpperCase();
    }
    text += doc.text.slice(last, span.start);
    out.push({ start: text.length, end: text.length + value.length, type: span.type });
    text += value;
    last = span.end;
  }
  text += doc.text.slice(last);
  if (augmentRandom() < 0.5 && text.toLowerCase().length === text.length) text = text.toLowerCase();
  return { id: `${doc.id}-augmented`, text, spans: out };
}

const augmentCopies = arg('augment', '1') === '1';
const meddocanTrain = readCorpus('meddocan-train.jsonl');
// Two thirds of the synthetic set train; the other third is reported beside the dev splits.
const presidioTrain = presidio.filter((_, i) => i % 3 !== 2);

// Held-out slices of the training corpora choose the decoding bias (the dev splits never choose anything): document i
// of each corpus is in fold i mod k; for each of the first `folds` folds a model is trained without it and scored on
// it, the counts are pooled, and the final model trains on everything with the bias that scored best.
const foldCount = Number(arg('holdout-every', '5'));
const tuningFolds = Number(arg('folds', '2'));
const inFold =
  (fold: number) =>
  (_: unknown, i: number): boolean =>
    i % foldCount === fold;
const outOfFold =
  (fold: number) =>
  (_: unknown, i: number): boolean =>
    i % foldCount !== fold;
const CORPORA: readonly [string, readonly CorpusRecord[]][] = [
  ['wnut17-train', wnutTrain],
  ['meddocan-train', meddocanTrain],
  ['presidio-synth-v2 (training two thirds)', presidioTrain],
];

/** The training visits of a selection: social-media posts wnutRepeat times per epoch (the extra visits augmented). */
function trainingDocuments(wnut: readonly CorpusRecord[], others: readonly CorpusRecord[]): CorpusRecord[] {
  return [
    ...wnut,
    ...Array.from({ length: wnutRepeat - 1 }, () => (augmentCopies ? wnut.map(augment) : [...wnut])).flat(),
    ...others,
  ];
}

const devSets: [string, CorpusRecord[]][] = [
  ['wnut17-dev', readCorpus('wnut17-dev.jsonl')],
  ['meddocan-dev', readCorpus('meddocan-dev.jsonl')],
  ['presidio-synth-v2 (held-out third)', presidio.filter((_, i) => i % 3 === 2)],
];

// Counted over each document once, however often it is visited in training.
markFrequentLowerCase([...wnutTrain, ...meddocanTrain, ...presidioTrain]);
const gazetteerTsv = formatGazetteer(gazetteerEntries);
const gazetteerBytes = gzipSync(Buffer.from(gazetteerTsv, 'utf8'), { level: 9 });
writeFileSync(join(dataDir, GAZETTEER_FILE), gazetteerBytes);
const gazetteer = parseGazetteer(gazetteerTsv);
console.log(`gazetteer: ${gazetteer.size} tokens, ${gazetteerBytes.length} bytes -> src/redact/data/${GAZETTEER_FILE}`);

// ---- 3. Training --------------------------------------------------------------------------------------------------

const cache = new Map<string, WordFeatures>();
const runs = Number(arg('runs', '3'));

/** Trains `runs` perceptrons with different visiting orders and dropout draws and averages their weights. */
function trainAveraged(
  label: string,
  docs: readonly CorpusRecord[],
): { weights: Float32Array; transitions: Float32Array } {
  const sequences = docs.map((doc) => prepareSequence(doc, gazetteer, tableBits, cache));
  console.log(`${label}: ${sequences.length} documents, ${sequences.reduce((a, s) => a + s.n, 0)} tokens`);
  // A perceptron is sensitive to order, and the average of a few runs is steadier on text it has not seen.
  const trained = {
    weights: new Float32Array((1 << tableBits) * NUM_TAGS),
    transitions: new Float32Array((NUM_TAGS + 1) * NUM_TAGS),
  };
  for (let run = 0; run < runs; run++) {
    const one = trainPerceptron(sequences, {
      tableBits,
      epochs,
      seed: seed + run * 1000,
      wordDropout,
      margin,
      onEpoch: (epoch, errors, tokens) => {
        if (epoch === epochs)
          console.log(
            `  run ${run + 1} (seed ${seed + run * 1000}): ${errors} token errors / ${tokens} in the last epoch`,
          );
      },
    });
    for (let i = 0; i < one.weights.length; i++)
      trained.weights[i] = (trained.weights[i] ?? 0) + (one.weights[i] ?? 0) / runs;
    for (let i = 0; i < one.transitions.length; i++) {
      trained.transitions[i] = (trained.transitions[i] ?? 0) + (one.transitions[i] ?? 0) / runs;
    }
  }
  return trained;
}

type Scores = Map<string, ReturnType<typeof scoreCounts>[number]>;

/** Adds the tagger's span counts on `docs` to `counts`. */
function countSpans(
  model: NameModel,
  bias: readonly number[],
  docs: readonly CorpusRecord[],
  counts: Map<string, TypeCounts>,
): void {
  const tagger = createNameTagger(model, gazetteer, { entityBias: bias });
  for (const doc of docs) {
    const predicted = tagger
      .tag(doc.text)
      .map((s) => ({ start: s.start, end: s.end, type: TAG_TYPES[s.typeIndex] ?? 'O' }));
    countDocument(doc.spans, predicted, TAG_TYPES, counts);
  }
}

function evaluate(model: NameModel, bias: readonly number[], docs: readonly CorpusRecord[]): Scores {
  const counts = new Map<string, TypeCounts>();
  countSpans(model, bias, docs, counts);
  return new Map(scoreCounts(counts).map((s) => [s.type, s]));
}

/** A model trained without one fold, and that fold's documents per corpus. */
interface TuningFold {
  readonly model: NameModel;
  readonly heldOut: readonly (readonly CorpusRecord[])[];
}

/** Held-out scores per corpus, counts pooled over the tuning folds. */
function heldOutScores(folds: readonly TuningFold[], bias: readonly number[]): Scores[] {
  return CORPORA.map((_, c) => {
    const counts = new Map<string, TypeCounts>();
    for (const fold of folds) countSpans(fold.model, bias, fold.heldOut[c] ?? [], counts);
    return new Map(scoreCounts(counts).map((s) => [s.type, s]));
  });
}

// The objective the bias maximises on the held-out slices: F2 (recall first, as redaction wants), PERSON counted
// twice, averaged over the corpora so that each domain weighs the same however many names it holds.
const TYPE_WEIGHT: Readonly<Record<string, number>> = { PERSON: 2, LOCATION: 1, ORGANIZATION: 1 };
function objective(perCorpus: readonly Scores[]): number {
  let total = 0;
  for (const scores of perCorpus) {
    let sum = 0;
    let weight = 0;
    for (const type of TAG_TYPES) {
      const s = scores.get(type);
      if (s === undefined || s.gold === 0) continue;
      sum += (TYPE_WEIGHT[type] ?? 1) * s.f2;
      weight += TYPE_WEIGHT[type] ?? 1;
    }
    total += weight === 0 ? 0 : sum / weight;
  }
  return total / perCorpus.length;
}

const BIAS_GRID = Array.from({ length: 17 }, (_, i) => i * 5);

/**
 * Coordinate ascent over per-type biases on a grid of 5 score units, ties to the smaller bias. Then, when
 * `personRecall` > 0, the PERSON bias is raised to the smallest grid value whose pooled held-out PERSON recall
 * reaches it in every corpus (the issue's target is a recall floor; a name left in costs more than a word redacted),
 * and the other types are swept again around it.
 */
function chooseBias(folds: readonly TuningFold[], personRecall: number): number[] {
  const bias = TAG_TYPES.map(() => 20);
  const best = { score: objective(heldOutScores(folds, bias)) };
  const anything = (): boolean => true;
  sweepBias(folds, bias, [0, 1, 2], best, anything);
  sweepBias(folds, bias, [0, 1, 2], best, anything);
  if (personRecall > 0) {
    const reachesFloor = (perCorpus: readonly Scores[]): boolean =>
      perCorpus.every((s) => (s.get('PERSON')?.recall ?? 1) >= personRecall);
    for (const value of BIAS_GRID) {
      if (value < (bias[0] ?? 0)) continue;
      const candidate = bias.map((b, i) => (i === 0 ? value : b));
      const perCorpus = heldOutScores(folds, candidate);
      const recalls = perCorpus.map((s) => (s.get('PERSON')?.recall ?? 1).toFixed(3));
      console.log(`  PERSON bias ${value}: held-out PERSON recall ${recalls.join(', ')}`);
      if (reachesFloor(perCorpus) || value === BIAS_GRID[BIAS_GRID.length - 1]) {
        bias[0] = value;
        best.score = objective(perCorpus);
        // The other types are swept again, keeping only biases that leave PERSON recall at the floor.
        sweepBias(folds, bias, [1, 2], best, reachesFloor(perCorpus) ? reachesFloor : anything);
        break;
      }
    }
  }
  return bias;
}

/** One coordinate-ascent pass over `types` (indices into TAG_TYPES), updating `bias` and `best` in place. */
function sweepBias(
  folds: readonly TuningFold[],
  bias: number[],
  types: readonly number[],
  best: { score: number },
  feasible: (perCorpus: readonly Scores[]) => boolean,
): void {
  for (const t of types) {
    for (const value of BIAS_GRID) {
      const candidate = bias.map((b, i) => (i === t ? value : b));
      const perCorpus = heldOutScores(folds, candidate);
      if (!feasible(perCorpus)) continue;
      const score = objective(perCorpus);
      if (process.env.NAMES_DEBUG) console.log(`    ${candidate.join('/')}: ${score.toFixed(4)}`);
      if (score > best.score + 1e-9 || (Math.abs(score - best.score) <= 1e-9 && value < (bias[t] ?? 0))) {
        best.score = score;
        bias[t] = value;
      }
    }
  }
  console.log(
    `  sweep: bias ${TAG_TYPES.map((type, i) => `${type} ${bias[i]}`).join(', ')}, objective ${best.score.toFixed(4)}`,
  );
}

const started = Date.now();
const folds: TuningFold[] = [];
for (let fold = 0; fold < tuningFolds; fold++) {
  const fit = trainAveraged(
    `tuning model ${fold + 1} of ${tuningFolds} (fold ${fold} of every corpus left out)`,
    trainingDocuments(wnutTrain.filter(outOfFold(fold)), [
      ...meddocanTrain.filter(outOfFold(fold)),
      ...presidioTrain.filter(outOfFold(fold)),
    ]),
  );
  // Quantized exactly as the final model will be, so the bias is chosen for the weights the tagger really uses.
  folds.push({
    model: decodeModel(encodeModel(tableBits, fit.weights, fit.transitions).bytes),
    heldOut: CORPORA.map(([, docs]) => docs.filter(inFold(fold))),
  });
}
if (fixedEntityBias === undefined) console.log('choosing the decoding bias on the held-out folds of the training data');
const entityBias = fixedEntityBias ?? chooseBias(folds, Number(arg('person-recall', '0.85')));
const pct = (x: number): string => x.toFixed(3);
heldOutScores(folds, entityBias).forEach((scores, c) => {
  console.log(`\n${CORPORA[c]?.[0]}, held-out folds pooled, bias ${entityBias.join('/')}`);
  for (const s of scores.values()) {
    console.log(
      `  ${s.type.padEnd(13)} P ${pct(s.precision)}  R ${pct(s.recall)}  F2 ${pct(s.f2)}  predicted ${s.predicted}  gold ${s.gold}`,
    );
  }
});

const trained = trainAveraged(
  'final model (all training documents)',
  trainingDocuments(wnutTrain, [...meddocanTrain, ...presidioTrain]),
);
const { bytes, nonZero } = encodeModel(tableBits, trained.weights, trained.transitions, { entityBias });
writeFileSync(join(dataDir, MODEL_FILE), bytes);
console.log(
  `model: ${nonZero} non-zero weights, ${bytes.length} bytes -> src/redact/data/${MODEL_FILE} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
);

// ---- 4. Dev scores ------------------------------------------------------------------------------------------------

function printTable(
  model: NameModel,
  biases: readonly (readonly number[])[],
  sets: readonly [string, CorpusRecord[]][],
): void {
  for (const [name, docs] of sets) {
    console.log(`\n${name} (${docs.length} documents)`);
    console.log('  bias (P/L/O)   type          P      R      F2     predicted  gold');
    for (const bias of biases) {
      for (const s of evaluate(model, bias, docs).values()) {
        console.log(
          `  ${bias.join('/').padEnd(14)} ${s.type.padEnd(13)} ${pct(s.precision)}  ${pct(s.recall)}  ${pct(s.f2)}  ${String(s.predicted).padStart(9)}  ${s.gold}`,
        );
      }
    }
  }
}

const model = decodeModel(bytes);
// The chosen bias, then uniform biases to show the precision/recall trade-off.
const extraBiases = arg('biases', '0,20,40')
  .split(',')
  .filter((b) => b !== '')
  .map((b) => TAG_TYPES.map(() => Number(b)));
console.log('\nheld-out dev splits, final model (the chosen bias first)');
printTable(model, [model.entityBias, ...extraBiases], devSets);

// ---- 5. Throughput ------------------------------------------------------------------------------------------------

const texts = (devSets[0]?.[1] ?? []).map((d) => d.text);
const mb = texts.reduce((a, t) => a + Buffer.byteLength(t, 'utf8'), 0) / 1e6;
const tagger = createNameTagger(model, gazetteer, { entityBias: biasByTagType(undefined, model) });
for (const t of texts) tagger.tag(t);
let rounds = 0;
const t0 = process.hrtime.bigint();
while (Number(process.hrtime.bigint() - t0) < 2e9) {
  for (const t of texts) tagger.tag(t);
  rounds++;
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`\nthroughput on wnut17-dev text: ${((mb * rounds) / seconds).toFixed(1)} MB/s (one core, warm cache)`);

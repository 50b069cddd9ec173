// The statistical name recognizer: PERSON, LOCATION and ORGANIZATION spans from the averaged-perceptron tagger,
// behind the Recognizer seam. The model and gazetteer load synchronously on the first analyze call.

import type { EntityType } from '../../domain/index.js';
import type { AnalysisInput, AnalyzeOptions, DetectedSpan, Recognizer } from '../recognizer.js';
import { resolveDataDir } from './data-dir.js';
import { nameEvidence } from './explain.js';
import { type Gazetteer, loadGazetteer } from './gazetteer.js';
import { loadNameModel, type NameModel, TAG_TYPES } from './model.js';
import { createNameTagger, type NameTagger, type TaggedWords } from './tagger.js';

export const NAME_RECOGNIZER = 'name-tagger';

/** The types the name tagger produces. */
export type NameType = 'PERSON' | 'LOCATION' | 'ORGANIZATION';

export interface NameRecognizerOptions {
  /** Types to report (default all three). */
  readonly types?: readonly EntityType[];
  /**
   * > 0 finds more names at some cost in precision: one number for all types, or per type. Default: the model's
   * own bias, chosen for F2 by the training script on held-out training data.
   */
  readonly entityBias?: number | Partial<Readonly<Record<NameType, number>>>;
  /** Spans scoring below this are dropped (default 0). */
  readonly minScore?: number;
  /** Distinct words memoised by this recognizer (default 50,000). */
  readonly cacheSize?: number;
  /** Directory holding names-model.bin.gz and names-gazetteer.tsv.gz (default: the package's src/redact/data). */
  readonly dataDir?: string;
}

/** The name recognizer, which can also give the words of the text it analyzed last (see NameTagger.words). */
export interface NameRecognizer extends Recognizer {
  /** The tokens of `text` and their word ids when it is the text last analyzed, else undefined. */
  wordsOf(text: string): TaggedWords | undefined;
}

/** Whether a recognizer can give the words of the text it analyzed last (the name recognizer). */
export function givesWords(recognizer: Recognizer): recognizer is NameRecognizer {
  return typeof (recognizer as Partial<NameRecognizer>).wordsOf === 'function';
}

/**
 * Loads the name model and gazetteer on this thread, where they go into the worker-thread environment as shared
 * memory: worker threads started afterwards map them (~40-60 ms of CPU) instead of each parsing the files
 * (~400-500 ms, and a copy each). Call it before starting workers that will detect names.
 */
export function shareNameData(dataDir: string = resolveDataDir()): void {
  loadNameModel(dataDir);
  loadGazetteer(dataDir);
}

/** Per-type biases in TAG_TYPES order, the model's defaults filled in. */
export function biasByTagType(
  bias: NameRecognizerOptions['entityBias'],
  model: Pick<NameModel, 'entityBias'>,
): number[] {
  if (typeof bias === 'number') return TAG_TYPES.map(() => bias);
  return TAG_TYPES.map((t, i) => bias?.[t as NameType] ?? model.entityBias[i] ?? 0);
}

/**
 * Creates the name recognizer. Works offline; safe to create one per worker.
 * @example createNameRecognizer().analyze({ text: 'thanks to maria lopez' }) // [{ type: 'PERSON', start: 10, ... }]
 */
export function createNameRecognizer(options: NameRecognizerOptions = {}): NameRecognizer {
  const types: readonly EntityType[] = Object.freeze([...(options.types ?? TAG_TYPES)]);
  const wanted = TAG_TYPES.map((t) => types.includes(t));
  const minScore = options.minScore ?? 0;
  let tagger: NameTagger | undefined;
  let gazetteer: Gazetteer | undefined;
  const getGazetteer = (): Gazetteer => {
    gazetteer ??= loadGazetteer(options.dataDir ?? resolveDataDir());
    return gazetteer;
  };
  const getTagger = (): NameTagger => {
    if (tagger === undefined) {
      const dataDir = options.dataDir ?? resolveDataDir();
      const model = loadNameModel(dataDir);
      tagger = createNameTagger(model, getGazetteer(), {
        entityBias: biasByTagType(options.entityBias, model),
        ...(options.cacheSize === undefined ? {} : { cacheSize: options.cacheSize }),
      });
    }
    return tagger;
  };
  // Appends the spans of one text to `out`: the analyzer's candidate list (analyzeInto) or a fresh array (analyze).
  const collect = (input: AnalysisInput, out: DetectedSpan[], analyzeOptions?: AnalyzeOptions): void => {
    const explain = analyzeOptions?.explain === true;
    for (const span of getTagger().tag(input.text)) {
      const type = TAG_TYPES[span.typeIndex];
      if (type === undefined || wanted[span.typeIndex] !== true || span.score < minScore) continue;
      const base = { start: span.start, end: span.end, type, score: span.score, recognizer: NAME_RECOGNIZER };
      if (!explain) {
        out.push(base);
        continue;
      }
      const evidence = nameEvidence(input.text, span.start, span.end, getGazetteer());
      const lists = evidence.lists.length > 0 ? `in ${evidence.lists.join(', ')}` : 'in no name list';
      out.push({
        ...base,
        explanation: {
          recognizer: NAME_RECOGNIZER,
          originalScore: span.score,
          ...(evidence.contextWords.length > 0 ? { contextWords: evidence.contextWords } : {}),
          validation: 'not_applicable',
          note: `averaged-perceptron BIO tagger over word, shape, gazetteer and context features; words ${lists}`,
        },
      });
    }
  };
  return Object.freeze({
    name: NAME_RECOGNIZER,
    types,
    analyze(input: AnalysisInput, analyzeOptions?: AnalyzeOptions): DetectedSpan[] {
      const out: DetectedSpan[] = [];
      collect(input, out, analyzeOptions);
      return out;
    },
    analyzeInto(input: AnalysisInput, spans: DetectedSpan[], analyzeOptions?: AnalyzeOptions): void {
      collect(input, spans, analyzeOptions);
    },
    wordsOf(text: string): TaggedWords | undefined {
      return tagger?.words(text);
    },
  });
}

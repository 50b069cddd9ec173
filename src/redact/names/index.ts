// Public surface of the statistical name tagger (PERSON, LOCATION, ORGANIZATION).

export { resolveDataDir } from './data-dir.js';
export { loadGazetteer } from './gazetteer.js';
export { loadNameModel, TAG_TYPES } from './model.js';
export {
  createNameRecognizer,
  givesWords,
  NAME_RECOGNIZER,
  type NameRecognizer,
  type NameRecognizerOptions,
  type NameType,
  shareNameData,
} from './name-recognizer.js';
export {
  createNameTagger,
  type NameTagger,
  type NameTaggerOptions,
  type TaggedSpan,
  type TaggedWords,
} from './tagger.js';
export { type Tokens, tokenize } from './tokenize.js';

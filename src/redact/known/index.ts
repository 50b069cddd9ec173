// Public surface of known-identity redaction: compile a directory and a removal list once, match everywhere.

export { foldToken } from './fold.js';
export {
  compileKnownIdentities,
  type KnownIdentity,
  type KnownIdentityMatcher,
  type KnownMatch,
} from './known-identities.js';
export { createKnownIdentityRecognizer, KNOWN_IDENTITY_RECOGNIZER } from './known-recognizer.js';

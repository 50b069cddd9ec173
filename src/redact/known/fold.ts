// Token folding shared by the known-identity matcher and the name tagger's gazetteer: case- and
// diacritic-insensitive comparison ("José" = "jose", "Straße" = "strasse").

const COMBINING_MARKS = /\p{M}+/gu;
// Printable ASCII needs no normalization: lower-casing is the whole fold.
const ASCII = /^[\x20-\x7e]*$/;

// Letters that NFD does not decompose but that people write without the stroke or ligature.
const SPECIAL_FOLDS: Readonly<Record<string, string>> = Object.freeze({
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ſ: 's',
});
const SPECIAL_RE = /[ßẞæœøłđðþıſ]/g;

/**
 * Folds a token for comparison: NFD, combining marks removed, lower-cased, and ß→ss, æ→ae, ø→o, ł→l, ….
 * @example foldToken('Álvarez') === 'alvarez'; foldToken('STRASSE') === foldToken('Straße')
 */
export function foldToken(token: string): string {
  if (ASCII.test(token)) return token.toLowerCase();
  let folded = token.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
  if (SPECIAL_RE.test(folded)) {
    SPECIAL_RE.lastIndex = 0;
    folded = folded.replace(SPECIAL_RE, (ch) => SPECIAL_FOLDS[ch] ?? ch);
  }
  return folded.normalize('NFC');
}

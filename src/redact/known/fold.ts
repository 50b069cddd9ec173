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
  return foldLatin(token) ?? foldAny(token);
}

function foldAny(token: string): string {
  let folded = token.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
  if (SPECIAL_RE.test(folded)) {
    SPECIAL_RE.lastIndex = 0;
    folded = folded.replace(SPECIAL_RE, (ch) => SPECIAL_FOLDS[ch] ?? ch);
  }
  return folded.normalize('NFC');
}

// Latin letters with diacritics or strokes, ligatures and combining diacritics (U+0080-U+036F) fold to ASCII one by
// one ('É' -> 'e', 'ß' -> 'ss', 'ł' -> 'l', U+0301 -> ''), and then a token of them and ASCII folds character by
// character: NFD decomposes each character on its own (canonical reordering moves only combining marks, all removed),
// lower-casing has no context outside Greek, and NFC leaves ASCII alone. foldLatin joins the characters' folds
// instead of normalizing the token twice; LATIN_FOLDS holds foldAny of each character once asked for, or null when
// that is not ASCII (then the token takes foldAny).
const LATIN_FIRST = 0x80;
const LATIN_END = 0x370;
const LATIN_FOLDS: (string | null | undefined)[] = new Array(LATIN_END - LATIN_FIRST).fill(undefined);

function foldLatin(token: string): string | undefined {
  let folded = '';
  // Start of the ASCII run not yet added.
  let from = 0;
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    if (code < LATIN_FIRST) continue;
    if (code >= LATIN_END) return undefined;
    let fold = LATIN_FOLDS[code - LATIN_FIRST];
    if (fold === undefined) {
      const any = foldAny(String.fromCharCode(code));
      fold = isAscii(any) ? any : null;
      LATIN_FOLDS[code - LATIN_FIRST] = fold;
    }
    if (fold === null) return undefined;
    folded += token.slice(from, i).toLowerCase() + fold;
    from = i + 1;
  }
  return folded + token.slice(from).toLowerCase();
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

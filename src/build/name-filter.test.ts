import { describe, expect, it } from 'vitest';
import { addName, createNameFilter, mayBeNameWord, scanAsciiNameWord } from './name-filter.js';

/** Whether any UTF-16 code unit of the text is outside ASCII. */
const hasNonAscii = (text: string): boolean => [...text].some((c) => (c.codePointAt(0) ?? 0) >= 128);

/** Where findMemberNames' NAME_WORD (redaction.ts) ends a word starting at `at`, and whether it is all ASCII. */
function nameWordAt(text: string, at: number): { end: number; ascii: boolean } {
  const word = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/uy;
  word.lastIndex = at;
  const match = word.exec(text);
  const end = match ? at + match[0].length : at;
  return { end, ascii: !hasNonAscii(text.slice(at, end)) };
}

describe('scanAsciiNameWord', () => {
  const filter = createNameFilter(1);
  for (let i = 0; i < 200; i++) addName(filter, `Given${i} Family${i * 7} ${i % 3 === 0 ? "O'Hara" : 'Lee-Smith'}`);
  const pieces = ['a', 'B', 'z', 'Lee', 'smith', 'given', 'o', "'", '-', '’', ' ', '.', '9', 'é', '\u0301', 'ß', '😀'];

  it('delimits and tests ASCII words as NAME_WORD and mayBeNameWord do, or hands a non-ASCII word back', () => {
    let seed = 11;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    let names = 0;
    let handedBack = 0;
    for (let n = 0; n < 5000; n++) {
      let text = '';
      const count = 1 + Math.floor(random() * 10);
      for (let k = 0; k < count; k++) text += pieces[Math.floor(random() * pieces.length)] ?? '';
      for (let at = 0; at < text.length; at++) {
        if (!/[A-Za-z]/.test(text[at] ?? '')) continue;
        const scanned = scanAsciiNameWord(filter, text, at);
        const { end, ascii } = nameWordAt(text, at);
        if (!ascii) expect(scanned, JSON.stringify([text, at])).toBe(-1);
        if (scanned === -1) {
          // Handed back only where a non-ASCII character could continue the word: inside it, or just after it (or
          // after an apostrophe or hyphen just after it).
          expect(hasNonAscii(text.slice(at, end + 2)), JSON.stringify([text, at])).toBe(true);
          handedBack++;
          continue;
        }
        const expected = mayBeNameWord(filter, text, at, end);
        expect(scanned, JSON.stringify([text, at])).toBe(end * 2 + (expected ? 1 : 0));
        if (expected) names++;
      }
    }
    // Both answers and the hand-back were exercised.
    expect(names).toBeGreaterThan(100);
    expect(handedBack).toBeGreaterThan(100);
  });

  it.each([
    ['Souza and', 0, 5],
    ["O'Brien.", 0, 7],
    ['Jean-Luc', 0, 8],
    ["ab' c", 0, 2],
    ['x-', 0, 1],
    ['word', 0, 4],
  ])('ends the word in %j at %i..%i', (text, at, end) => {
    expect(scanAsciiNameWord(filter, text, at) >>> 1).toBe(end);
  });

  it.each(['abé', 'ab-é', "ab'é", 'ab’c'])('hands %j back (a non-ASCII character inside the word)', (text) => {
    expect(scanAsciiNameWord(filter, text, 0)).toBe(-1);
  });
});

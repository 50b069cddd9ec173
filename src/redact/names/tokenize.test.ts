import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize.js';

const words = (text: string): string[] => {
  const t = tokenize(text);
  return Array.from({ length: t.count }, (_, i) => text.slice(t.starts[i], t.ends[i]));
};

describe('tokenize', () => {
  it.each<[string, string[]]>([
    ["met O'Brien.", ['met', "O'Brien", '.']],
    ['Jean-Luc, cc @maria', ['Jean-Luc', ',', 'cc', '@', 'maria']],
    ['Dña. María José', ['Dña', '.', 'María', 'José']],
    ['x2 — 😀 ok', ['x2', '—', '😀', 'ok']],
    ['a--b', ['a', '-', '-', 'b']],
    ['', []],
    ['   \n ', []],
  ])('%j', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it('grows past its initial capacity and keeps offsets exact', () => {
    const text = Array.from({ length: 500 }, (_, i) => `w${i}`).join(' ');
    const t = tokenize(text);
    expect(t.count).toBe(500);
    expect(text.slice(t.starts[499], t.ends[499])).toBe('w499');
  });
});

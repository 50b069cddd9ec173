import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from '../analyzer.js';
import { createCryptoWalletRecognizer } from './crypto-wallet.js';

const recognizer = createCryptoWalletRecognizer();
type Case = readonly [text: string, expected: readonly string[]];

function detected(text: string, country?: string): string[] {
  const spans = recognizer.analyze({ text, ...(country ? { country } : {}) }).filter((s) => s.score >= 0.5);
  return resolveOverlaps(spans, text.length).map((s) => text.slice(s.start, s.end));
}

const cases: readonly Case[] = [
  ['send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', ['1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2']],
  ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq']],
  ['eth 0x52908400098527886E0F7030069857D2E4169EE7', ['0x52908400098527886E0F7030069857D2E4169EE7']],
  ['bad 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3', []],
  ['bad bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr', []],
  ['short 0x1234', []],
];

describe('crypto-wallet recognizer', () => {
  it.each(cases)('%j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
});

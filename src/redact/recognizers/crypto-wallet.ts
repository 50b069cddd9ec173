// CRYPTO_WALLET: Bitcoin base58check (P2PKH/P2SH) and bech32/bech32m addresses with checksums; Ethereum 0x + 40 hex.

import { base58checkValid, bech32Valid } from '../checksums.js';
import { createPatternRecognizer } from '../pattern-recognizer.js';

/** Cryptocurrency wallet addresses. */
export function createCryptoWalletRecognizer() {
  return createPatternRecognizer({
    name: 'crypto-wallet',
    types: ['CRYPTO_WALLET'],
    context: { words: ['bitcoin', 'btc', 'wallet', 'eth', 'ethereum', 'address', 'send', 'crypto'], boost: 0.1 },
    patterns: [
      {
        name: 'btc-base58check',
        regex: /(?<![\w])[13][1-9A-HJ-NP-Za-km-z]{25,34}(?![\w])/g,
        score: 0.9,
        minAlnumRun: 26,
        validate: ({ value }) => (base58checkValid(value) ? 'valid' : 'invalid'),
      },
      {
        name: 'btc-bech32',
        regex: /(?<![\w])(?:bc|tb|BC|TB)1[02-9ac-hj-np-zAC-HJ-NP-Z]{6,87}(?![\w])/g,
        score: 0.95,
        anyOf: ['bc1', 'tb1'],
        validate: ({ value }) => (bech32Valid(value) ? 'valid' : 'invalid'),
      },
      {
        name: 'eth-address',
        regex: /(?<![\w])0x[0-9a-fA-F]{40}(?![\w])/g,
        score: 0.8,
        minAlnumRun: 32,
        literals: ['0x'],
      },
    ],
  });
}

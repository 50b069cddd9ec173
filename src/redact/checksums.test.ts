import { describe, expect, it } from 'vitest';
import {
  base58checkValid,
  bech32Valid,
  bsnValid,
  cnpjValid,
  codiceFiscaleValid,
  cpfValid,
  ibanChecksumValid,
  iso7064Mod11_10Valid,
  luhnValid,
  ninoValid,
  nirValid,
  shannonEntropy,
  spanishIdValid,
  ssnValid,
  verhoeffValid,
} from './checksums.js';

type Check = readonly [name: string, check: (value: string) => boolean, valid: string, invalid: string];

const checks: readonly Check[] = [
  ['luhn', luhnValid, '4111111111111111', '4111111111111112'],
  ['iban', ibanChecksumValid, 'GB82WEST12345698765432', 'GB82WEST12345698765433'],
  ['verhoeff', verhoeffValid, '234567890129', '234567890124'],
  ['mod 11,10', iso7064Mod11_10Valid, '86095742719', '86095742718'],
  ['cpf', cpfValid, '111.444.777-35', '111.444.777-36'],
  ['cpf repeated digits', cpfValid, '529.982.247-25', '111.111.111-11'],
  ['cnpj', cnpjValid, '11.222.333/0001-81', '11.222.333/0001-82'],
  ['dni', spanishIdValid, '12345678Z', '12345678A'],
  ['nie', spanishIdValid, 'X1234567L', 'X1234567A'],
  ['codice fiscale', codiceFiscaleValid, 'RSSMRA85T10A562S', 'RSSMRA85T10A562T'],
  ['nir', nirValid, '1 85 05 78 006 084 91', '1 85 05 78 006 084 92'],
  ['bsn', bsnValid, '111222333', '111222334'],
  ['ssn', ssnValid, '460-89-9847', '000-12-3456'],
  ['nino', ninoValid, 'AB123456C', 'BG123456C'],
  ['base58check', base58checkValid, '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3'],
  ['bech32', bech32Valid, 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr'],
  [
    'bech32m',
    bech32Valid,
    'bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297',
    'bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3298',
  ],
];

describe('check digits', () => {
  it.each(checks)('%s accepts a valid value and rejects a corrupted one', (_name, check, valid, invalid) => {
    expect(check(valid)).toBe(true);
    expect(check(invalid)).toBe(false);
  });

  it('measures entropy in bits per character', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });
});

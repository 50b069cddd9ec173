// The one registry of recognizers: a new recognizer is one file in recognizers/ plus one line here.

import { createNameRecognizer } from './names/index.js';
import type { Recognizer } from './recognizer.js';
import { createAgeRecognizer } from './recognizers/age.js';
import { createCreditCardRecognizer } from './recognizers/credit-card.js';
import { createCryptoWalletRecognizer } from './recognizers/crypto-wallet.js';
import { createDateRecognizer } from './recognizers/date.js';
import { createEastAsianAddressRecognizer } from './recognizers/east-asian-address.js';
import { createEmailRecognizer } from './recognizers/email.js';
import { createGenericIdRecognizer } from './recognizers/generic-id.js';
import { createIbanRecognizer } from './recognizers/iban.js';
import { createIpAddressRecognizer } from './recognizers/ip-address.js';
import { createMacAddressRecognizer } from './recognizers/mac-address.js';
import { createNationalIdRecognizer } from './recognizers/national-id.js';
import { createPassportRecognizer } from './recognizers/passport.js';
import { createPhoneRecognizer } from './recognizers/phone.js';
import { createPostalCodeRecognizer } from './recognizers/postal-code.js';
import { createSecretRecognizer } from './recognizers/secret.js';
import { createSpelledPhoneRecognizer } from './recognizers/spelled-phone.js';
import { createStreetAddressRecognizer } from './recognizers/street-address.js';
import { createUrlRecognizer } from './recognizers/url.js';
import { createUsernameRecognizer } from './recognizers/username.js';

/** Factories of the built-in recognizers, in a fixed order (the order breaks no ties; see analyzer.ts). */
export const RECOGNIZER_FACTORIES: readonly (() => Recognizer)[] = Object.freeze([
  createEmailRecognizer,
  createPhoneRecognizer,
  createSpelledPhoneRecognizer,
  createUrlRecognizer,
  createUsernameRecognizer,
  createIpAddressRecognizer,
  createMacAddressRecognizer,
  createCreditCardRecognizer,
  createIbanRecognizer,
  createNationalIdRecognizer,
  createPassportRecognizer,
  createDateRecognizer,
  createAgeRecognizer,
  createStreetAddressRecognizer,
  createEastAsianAddressRecognizer,
  createPostalCodeRecognizer,
  createSecretRecognizer,
  createCryptoWalletRecognizer,
  createGenericIdRecognizer,
  () => createNameRecognizer(),
]);

/** A fresh instance of every built-in recognizer. */
export function createDefaultRecognizers(): Recognizer[] {
  return RECOGNIZER_FACTORIES.map((create) => create());
}

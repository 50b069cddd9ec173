// POSTAL_CODE: strong shapes on their own (GB, CA, NL, BR CEP, PL), five-digit codes (US, DE, FR, ES) next to a
// postal word, a US state or a place name, Indian PIN codes in context, any national shape after a postal label
// ("zip code is 880", "PLZ: 8001"), and a code after a place name ("in Bjert 6091", "in Quinta de São Tiago 3610-114").

import { foldToken } from '../known/fold.js';
import { GAZ, type Gazetteer, loadGazetteer } from '../names/gazetteer.js';
import { createPatternRecognizer, type PatternMatch, type Validation, wordsNotAfter } from '../pattern-recognizer.js';

const POSTAL_WORDS = [
  'zip',
  'zip code',
  'zipcode',
  'postcode',
  'post code',
  'postal',
  'postal code',
  'plz',
  'postleitzahl',
  'code postal',
  'cp',
  'c.p.',
  'código postal',
  'codigo postal',
  'cep',
  'pin',
  'pin code',
  'pincode',
];

/** US state codes (and DC, PR) as an alternation. */
export const US_STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|PR';
/** What precedes a US ZIP code: a state code, an optional comma and blanks (the regex's look-behind and its gate's). */
const STATE_BEFORE_ZIP = `\\b(?:${US_STATES}),?[ \\t]{1,3}`;

// The labels that name a postal code, in the case forms people write them: "zip code", "Postal Code", "PLZ", "CEP".
const LABEL =
  '(?:[Zz]ip|ZIP)[ -]?(?:[Cc]ode|CODE)|[Pp]ost(?:al)?[ -]?(?:[Cc]ode|CODE)|POST(?:AL)?[ -]?CODE|PLZ|[Pp]ostleitzahl|[Cc]ode [Pp]ostal|[Cc][óo]digo [Pp]ostal|CEP|[Cc]ep|C\\.P\\.|(?:PIN|[Pp]in)[ -]?(?:[Cc]ode|CODE)|[Pp]incode|PINCODE';
/** The label words in lower case, one of which every labelled match holds (the pattern's anyOf gate). */
const LABEL_WORDS = [
  'zipcode',
  'zip code',
  'zip-code',
  'postcode',
  'post code',
  'post-code',
  'postalcode',
  'postal code',
  'postal-code',
  'plz',
  'postleitzahl',
  'code postal',
  'código postal',
  'codigo postal',
  'cep',
  'c.p.',
  'pincode',
  'pin code',
  'pin-code',
];

// National postal code shapes (UPU): digits in one group of 3 to 7 (IS 3, CH/DK/NO/AT/BE 4, US/DE/FR 5, IN/RU 6,
// IL 7) or two groups (PL 00-000, PT 0000-000, BR 00000-000, SE/CZ/GR 000 00, JP 000-0000, US ZIP+4), letters and
// digits (NL 1234 AB, GB, CA, IE), and a country prefix (CH-8001, D-10115).
const LABELLED_CODE =
  '(?:[1-9]\\d{3}[ ]?[A-Z]{2}(?![\\p{L}\\d])|\\d{8}|(?:[A-Z]{1,2}-)?(?:\\d{3,7}|\\d{2}(?=[ -]\\d{3}))(?:[ -]\\d{2,4})?|[A-Z]{1,2}\\d[A-Z\\d]?[ ]?\\d[A-Z]{2}|[A-Z]\\d[A-Z][ ]?\\d[A-Z]\\d|[AC-FHKNPRTV-Y]\\d{2}[ ]?[AC-FHKNPRTV-Y\\d]{4})';

// A code right after a place name: the place is one to four capitalised words (with the particles of place names),
// after "in", "from" or "near". Four digits that read as a year, amounts, numbers with a unit or another number
// after them (a phone number) and numbers before a capitalised word (a house number before its street: "in Oak Park
// 3254 Club Drive") are not codes.
const PLACE_WORDS = ['in', 'In', 'from', 'From', 'near', 'Near'];
const PLACE_CODE = new RegExp(
  `${wordsNotAfter('[\\p{L}\\d]', PLACE_WORDS)}[ \\t]\\p{Lu}[\\p{L}'’.-]{0,30}(?:[ \\t](?:\\p{Lu}[\\p{L}'’.-]{0,30}|de|da|do|dos|das|del|di|la|le|les|sur|am|an|im|u|upon|on)){0,3}[ \\t](\\d{4}-\\d{3}|\\d{3} \\d{2}|\\d{4,5}|[1-9]\\d{5})(?![\\p{L}\\d]|[.,:/-]\\d|[ \\t]?[%€$£¥]|[ \\t]\\d)`,
  'dgu',
);

/** Words that stand before a number that is not a postal code: rooms, gates, chapters, months, versions. */
const NOT_A_PLACE = new Set(
  'room suite apt unit flat floor level gate terminal platform track bay box building block section chapter page vol volume version release edition episode season part phase step round game match week day year month no number nr flight bus train route line highway road zone area ward bed table figure fig class grade model series size type item order ticket invoice account case code pin id ref rank top exit pier dock hangar berth lot seat aisle stand booth hall studio channel eur usd gbp chf sek nok dkk pln czk huf january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday windows iphone galaxy pixel कक्षा अध्याय पृष्ठ पेज भाग कमरा दिन साल वर्ष महीना कुल नंबर'.split(
    ' ',
  ),
);

// Units and counted things after a number: "in Chicago 1500 miles", "Pune 411000 rupees", "10115 Schritte", "Santos
// 3000 torcedores", "दिल्ली 110051 लोग". English and Indian English, German (capitalised like a place), Spanish,
// Portuguese, French and Hindi.
const COUNTED_AFTER = new RegExp(
  `^[ \\t]{1,2}(?:${[
    'rupees? rs\\.? inr lakhs? crores? miles? mi km kms kilometers? kilometres? meters? metres? m ft feet yards? kg lbs? pounds? dollars? euros? usd eur gbp people persons? users? members? followers? fans? votes? times hours? hrs? minutes? mins? days? weeks? months? years? points? pts calories cal rpm mph kph words? pages? units? pieces? pcs items? copies views? viewers? likes? cases? runs? wickets? subscribers? employees? students? cars? sq square shares? stocks? coins? tokens? btc eth bitcoins? steps? marks? tickets? orders?',
    'Schritte Euro Dollar Franken Pfund Menschen Leute Personen Mitglieder Einwohner Besucher Zuschauer Fans Follower Abonnenten Likes Aufrufe Klicks Kilometer Meter Stunden Minuten Sekunden Tage Wochen Monate Jahre Punkte Stück Seiten Wörter Kalorien Mal Exemplare Stimmen Fälle Tonnen Liter',
    'vezes veces fois personas pessoas gente habitantes torcedores aficionados seguidores visitas votos pasos passos reais pesos euros puntos pontos páginas kilómetros quilômetros personnes habitants visiteurs abonnés spectateurs pas',
    'लोग लोगों रुपये रुपए रु वोट छात्र बार किलो किमी मीटर साल दिन अंक पेज',
  ]
    .join(' ')
    .split(' ')
    .join('|')})(?![\\p{L}\\p{M}\\d])`,
  'iu',
);

/** Lower-case words that may follow a postal code in a sentence: it ends the place, the sentence goes on. */
export const WORDS_AFTER_A_CODE: readonly string[] =
  'in and or to for is was were which where with at on from as near by but so if when while'.split(' ');
const AFTER_A_CODE: ReadonlySet<string> = new Set(WORDS_AFTER_A_CODE);

/**
 * Whether a number read as a code after `wordBefore` (a place's last word) and before `textAfter` counts or numbers
 * something instead: "Page 123456", "Order 560038", "Amazon 560038 units", "Mumbai 185000 viewers", "10115 Schritte".
 * The one check of postal-code's patterns and of street-address's places with a code.
 */
export function numberReadsAsCount(wordBefore: string, textAfter: string): boolean {
  return NOT_A_PLACE.has(wordBefore.replace(/\.$/, '').toLowerCase()) || COUNTED_AFTER.test(textAfter);
}

/** Devanagari letters and signs, without the danda (full stop) and the digits: a regex character-class body. */
export const DEVANAGARI_LETTERS = '\\u0900-\\u0963\\u0971-\\u097F';

// An Indian PIN code closing an address line ("Indiranagar, Bengaluru 560038", "Hyderabad, Telangana 500028", "राम
// नगर, दिल्ली 110051", "Chennai - 600040"): a comma, one to three words of a place (capitalised, lower case or in
// Devanagari), an optional dash, then six digits, the first not 0 (also written "560 038", group 1).
const PIN_PLACE_WORD = `(?:\\p{L}[\\p{L}\\p{M}'’.-]{1,30}|[${DEVANAGARI_LETTERS}]{2,30})`;
const PIN_AFTER_PLACE = new RegExp(
  `,[ \\t]{0,2}(?:${PIN_PLACE_WORD}[ \\t]){0,2}${PIN_PLACE_WORD}[ \\t]{1,2}(?:[-–][ \\t]{1,2})?([1-9]\\d{2} ?\\d{3})(?![\\p{L}\\d/]|[.,:-]\\d|[ \\t]?[%€$£¥₹])`,
  'dgu',
);
// The place's last word before a PIN code and its dash.
const PLACE_BEFORE_PIN = /([\p{L}\p{M}'’.-]+)[ \t]{1,2}(?:[-–][ \t]{1,2})?$/u;

/** Words that end a phrase before an amount, a count or a reference, not a place: "Total, Rs 250000", "PNR 482913". */
const NOT_A_PIN_PLACE = new Set(
  'rs inr rupees total price cost salary amount budget fee fees balance revenue income otp views score scored raised paid earned won lost got spent sold pnr booking tracking reference complaint consignment awb employee'.split(
    ' ',
  ),
);
/** Greetings and forms of address that open a message before its first comma: "Thanks, Ramesh 560038 is my id". */
const OPENING_WORDS = new Set(
  'hi hello hey dear thanks thank thx ok okay sir madam maam mam guys team bro bhai ji yes no yeah yep sure please regards friends everyone all namaste congrats sorry well so'.split(
    ' ',
  ),
);

/** How far back pinAfterPlace reads the code's line (an address line is shorter). */
const LINE_LOOK_BACK = 240;

function pinAfterPlace(match: PatternMatch): Validation {
  const text = match.input.text;
  const place = PLACE_BEFORE_PIN.exec(text.slice(Math.max(0, match.start - 40), match.start))?.[1] ?? '';
  if (NOT_A_PIN_PLACE.has(place.replace(/\.$/, '').toLowerCase())) return 'invalid';
  if (numberReadsAsCount(place, text.slice(match.end, match.end + 24))) return 'invalid';
  // The line is read at most LINE_LOOK_BACK characters back: a search to its real start, for every code on a long
  // line without a break, made the pattern quadratic (1 MB of "x, Pune 560038 " took minutes).
  const line = text.slice(Math.max(0, match.start - LINE_LOOK_BACK), match.start);
  const lineStart = line.lastIndexOf('\n') + 1;
  const comma = line.lastIndexOf(',');
  const commaBefore = comma > 0 ? line.lastIndexOf(',', comma - 1) : -1;
  // An item "Word N" before the comma numbers a list of facts, not a house: "Day 3, Delhi 110001 temperature 45".
  const item = /(?:^|,)[ \t]*([\p{L}\p{M}]+)[ \t]\d{1,5}[ \t]*$/u.exec(line.slice(lineStart, comma))?.[1];
  if (item !== undefined && NOT_A_PLACE.has(item.toLowerCase())) return 'invalid';
  // The first comma of a line after one or two words that open a message ("Hi team,", "Thanks,", "Sold out,",
  // "Diwali sale,"): what follows is the message, not the next item of an address.
  if (commaBefore < lineStart) {
    const opener = line
      .slice(lineStart, comma)
      .trim()
      .split(/[ \t]+/);
    const last = opener[opener.length - 1] ?? '';
    // A city right after a greeting still closes an address ("Hi, Bengaluru 560038 here"), a given name does not
    // ("Thanks, Ramesh 560038 is my id"), nor anything after other opening words ("Total votes, Varanasi 674664").
    const greeting = OPENING_WORDS.has(last.toLowerCase());
    if (opener.length <= 2 && (greeting ? !isCityName(place) : /^\p{Ll}/u.test(last))) return 'invalid';
  }
  // A place in lower case ("koramangala, bangalore 560034") needs another item of the list before it on its line, and
  // the code written whole ("plaquetas 492 000" counts in thousands).
  if (/^\p{Ll}/u.test(place)) {
    if (match.value.includes(' ')) return 'invalid';
    if (comma < lineStart || commaBefore < lineStart) return 'invalid';
  }
  return 'valid';
}

/** A code before a place is no code after a word that numbers things ("Train 12627 Karnataka Express"). */
function notACountBeforeAPlace({ start, end, input }: PatternMatch): Validation {
  const before = /([\p{L}.]+)[ \t]{1,2}$/u.exec(input.text.slice(Math.max(0, start - 16), start))?.[1] ?? '';
  return numberReadsAsCount(before, input.text.slice(end, end + 24)) ? 'invalid' : 'valid';
}

function placeCode(match: PatternMatch): Validation {
  const code = match.value;
  if (/^(?:19|20)\d\d$/.test(code)) return 'invalid';
  const text = match.input.text;
  // The word right before the code (the place's last word).
  const before = text.slice(Math.max(0, match.start - 32), match.start).trimEnd();
  const last = /[\p{L}'’.-]+$/u.exec(before)?.[0] ?? '';
  const after = text.slice(match.end, match.end + 24);
  if (numberReadsAsCount(last, after) || /^[ \t]+\p{Lu}/u.test(after)) return 'invalid';
  // A code ends the place ("in Bjert 6091 in its mission"); a noun after the number counts something ("in India 1234
  // new cases", "in Texas 1000 acres").
  const next = /^[ \t]+(\p{Ll}+)/u.exec(after)?.[1];
  if (next !== undefined && !AFTER_A_CODE.has(next)) return 'invalid';
  return 'valid';
}

const REGION_CODES =
  'AD AE AF AG AI AL AM AO AR AS AT AU AW AZ BA BB BD BE BF BG BH BI BJ BM BN BO BR BS BT BW BY BZ CA CD CF CG CH CI CK CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FO FR GA GB GD GE GH GI GL GM GN GQ GR GT GU GW GY HK HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG MH MK ML MM MN MO MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PR PS PT PW PY QA RO RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VN VU WS XK YE ZA ZM ZW'.split(
    ' ',
  );

/** Country names in the languages the engine reads, from the runtime's CLDR data (Intl.DisplayNames). */
export const COUNTRY_NAMES: ReadonlySet<string> = (() => {
  const names = new Set<string>();
  for (const locale of ['en', 'es', 'de', 'fr', 'pt', 'it', 'nl']) {
    try {
      const display = new Intl.DisplayNames([locale], { type: 'region' });
      for (const code of REGION_CODES) {
        const name = display.of(code);
        if (name && name !== code) names.add(name.toLowerCase());
      }
    } catch {
      // A runtime without ICU data: no country names, addresses then need a postal code to continue.
    }
  }
  return names;
})();

// A place written in lower case beside a five-digit code ("75008 paris", "paris 75008", "28013 madrid"): a word the
// gazetteer holds as a city or region and not as a common word, nor a country ("usa 12345" counts something). The
// gazetteer is read on the first such match only.
let gazetteer: Gazetteer | undefined;
const SHORT_COUNTRY_NAMES: ReadonlySet<string> = new Set(['usa', 'uk', 'uae', 'eu']);
/** A city or region in lower case: "paris", "madrid", not "usa" nor "little". */
export function isLowerCasePlace(word: string): boolean {
  if (COUNTRY_NAMES.has(word) || SHORT_COUNTRY_NAMES.has(word)) return false;
  gazetteer ??= loadGazetteer();
  const flags = gazetteer.flags(foldToken(word));
  return (flags & GAZ.LOCATION) !== 0 && (flags & GAZ.COMMON) === 0;
}

/** A word of the dictionary or the common words that is no place nor name ("Visited", not "Pinto" nor "Aqqusinersuaq"). */
export function isDictionaryWord(word: string): boolean {
  gazetteer ??= loadGazetteer();
  const flags = gazetteer.flags(foldToken(word));
  return (flags & (GAZ.DICTIONARY | GAZ.COMMON)) !== 0 && (flags & (GAZ.LOCATION | GAZ.FIRST | GAZ.LAST)) === 0;
}

/** A capitalised place the gazetteer holds as a city or region and not as a given name nor a common word. */
function isCityName(word: string): boolean {
  if (!/^\p{Lu}\p{Ll}/u.test(word)) return false;
  gazetteer ??= loadGazetteer();
  const flags = gazetteer.flags(foldToken(word));
  return (flags & GAZ.LOCATION) !== 0 && (flags & (GAZ.COMMON | GAZ.FIRST)) === 0;
}

const LOWER_CASE_PLACE_AFTER = /^[ \t]{1,2}(\p{Ll}{3,20})(?![\p{L}\p{M}\d])/u;
// A code before a lower-case place opens a line or an item, or follows a word of place ("…, 75011 paris", "au 75008
// paris"); after another word it counts ("j'ai fait 10000 paris sportifs", "plus de 20000 paris", "i counted 12345
// london buses").
const OPENS_A_PLACE = /(?:^|[,:;(\n–-]|(?:^|[^\p{L}])(?:au|à|a|en|in|em|no|na|to|at|cp|cep|plz|zip))[ \t]*$/iu;
// After the place, the address ends or goes on: not a lower-case word that makes the place a noun's attribute ("12000
// london runners took part", "(12000 berlin tickets)").
const AFTER_LOWER_CASE_PLACE = /^[ \t]{1,2}\p{Ll}{3,20}[ \t]{1,2}(\p{Ll}[\p{Ll}\p{M}'’-]*)/u;
function codeBeforeLowerCasePlace({ start, end, input }: PatternMatch): Validation {
  if (!OPENS_A_PLACE.test(input.text.slice(Math.max(0, start - 12), start))) return 'invalid';
  const after = input.text.slice(end, end + 48);
  const place = LOWER_CASE_PLACE_AFTER.exec(after)?.[1];
  if (place === undefined || !isLowerCasePlace(place)) return 'invalid';
  const next = AFTER_LOWER_CASE_PLACE.exec(after)?.[1];
  return next === undefined || isLowerCasePlace(next) ? 'valid' : 'invalid';
}

const LOWER_CASE_PLACE_BEFORE = /(?:^|[^\p{L}\p{M}\d])(\p{Ll}{3,20})[ \t]{1,2}$/u;
const CAPITALISED_PLACE_AFTER = /^[ \t]{1,2}(?:-[ \t])?\p{Lu}\p{Ll}{2}/u;
function fiveDigitsBesideAPlace(match: PatternMatch): Validation {
  if (CAPITALISED_PLACE_AFTER.test(match.input.text.slice(match.end, match.end + 8)))
    return notACountBeforeAPlace(match);
  if (codeBeforeLowerCasePlace(match) === 'valid') return 'valid';
  return codeAfterLowerCasePlace(match);
}

function codeAfterLowerCasePlace(match: PatternMatch): Validation {
  const text = match.input.text;
  const place = LOWER_CASE_PLACE_BEFORE.exec(text.slice(Math.max(0, match.start - 24), match.start))?.[1];
  if (place === undefined || !isLowerCasePlace(place)) return 'invalid';
  // The code ends the place, as after a capitalised one ("paris 75008 maintenant" is "...", "lyon 12000 fans" counts).
  return placeCode(match);
}

/** Postal codes. */
export function createPostalCodeRecognizer() {
  return createPatternRecognizer({
    name: 'postal-code',
    types: ['POSTAL_CODE'],
    // Every shape holds a digit; "GIR 0AA" (the one GB code with a single digit) holds only one.
    prefilter: (_text, features) => features.digits >= 1,
    context: { words: POSTAL_WORDS, before: 30, boost: 0.35 },
    patterns: [
      {
        name: 'gb',
        regex: /\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-HJKPS-UW\d]?|GIR) ?\d[ABD-HJLNP-UW-Z]{2}\b/g,
        score: 0.6,
        digitBeforeUpper: true,
        validate: ({ value }) => (/\d/.test(value) && value.length >= 5 ? 'valid' : 'invalid'),
      },
      {
        name: 'ca',
        regex: /\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d\b/g,
        score: 0.6,
        upperBeforeDigit: true,
        digitBeforeUpper: true,
        minDigits: 3,
      },
      {
        name: 'br-cep',
        regex: /(?<![\w.-])\d{5}-\d{3}(?![\w-])/g,
        score: 0.55,
        minDigitRun: 5,
        literals: ['-'],
      },
      {
        name: 'us-zip-plus4',
        regex: /(?<![\w.-])\d{5}-\d{4}(?![\w-])/g,
        score: 0.5,
        minDigitRun: 5,
        literals: ['-'],
      },
      {
        name: 'us-state-zip',
        regex: new RegExp(`(?<=${STATE_BEFORE_ZIP})\\d{5}(?:-\\d{4})?(?![\\w-])`, 'g'),
        score: 0.7,
        minDigitRun: 5,
        // The state code before the code's first digit, read back from each space-digit pair: the regex's leading
        // look-behind is tried at every position of the text.
        gate: new RegExp(`[ \\t]\\d(?<=${STATE_BEFORE_ZIP}\\d)`),
      },
      {
        // Five digits before a place name ("28046 Madrid", "75008 Paris", "10115 Berlin", "75008 paris") or after one
        // in lower case ("paris 75008"). One regex for both: a regex call costs even when it finds nothing. It starts
        // at the digit it consumes, the look-behinds after it.
        name: 'five-digits-place',
        regex:
          /\d(?<![\w.,/-]\d)\d{4}(?:(?=[ \t]{1,2}(?:-[ \t])?\p{Lu}\p{Ll}{2,}|[ \t]{1,2}\p{Ll}{3,20}(?![\p{L}\p{M}\d]))|(?<=\p{Ll}[ \t]{1,2}\d{5})(?![\w/-]|[.,:]\d|[ \t]?[%€$£¥]))/gu,
        score: 0.5,
        minDigitRun: 5,
        validate: fiveDigitsBesideAPlace,
      },
      { name: 'nl', regex: /(?<![\w-])[1-9]\d{3} ?[A-Z]{2}(?![\w-])/g, score: 0.3, minDigitRun: 4 },
      { name: 'three-two', regex: /(?<![\w-])\d{3} \d{2}(?![\w-])/g, score: 0.2, minDigitRun: 3 },
      { name: 'pl', regex: /(?<![\w-])\d{2}-\d{3}(?![\w-])/g, score: 0.3, minDigitRun: 3, literals: ['-'] },
      { name: 'in-pin', regex: /(?<![\w-])[1-9]\d{2} ?\d{3}(?![\w-])/g, score: 0.2, minDigitRun: 3 },
      {
        // A code after its label: "My zip code is 880", "PLZ: 8001", "código postal 3610-114".
        name: 'labelled',
        regex: new RegExp(
          `(?<![\\p{L}\\d])(?:${LABEL})(?:[ \\t]?(?:is|was|of|é|es|est|ist|:|=|#|-|no\\.?|nº|n°)){0,2}[ \\t]?:?[ \\t]{0,2}(${LABELLED_CODE})(?![\\p{L}\\d]|[-.,/]\\d)`,
          'gdu',
        ),
        group: 1,
        // Below a confident place from the name tagger: corpora that label a code as a place keep their label.
        score: 0.8,
        context: { words: POSTAL_WORDS, boost: 0 },
        minDigits: 1,
        anyOf: LABEL_WORDS,
      },
      {
        name: 'place-code',
        regex: PLACE_CODE,
        group: 1,
        score: 0.55,
        minDigitRun: 3,
        spaceBeforeDigit: true,
        // The place word and the space or tab after it.
        literals: PLACE_WORDS.flatMap((word) => [`${word} `, `${word}\t`]),
        validate: placeCode,
      },
      {
        name: 'pin-after-place',
        regex: PIN_AFTER_PLACE,
        group: 1,
        score: 0.6,
        minDigitRun: 3,
        literals: [','],
        validate: pinAfterPlace,
      },
      { name: 'five-digits', regex: /(?<![\w.,/-])\d{4,5}(?![\w/-]|[.,]\d)/g, score: 0.2, minDigitRun: 4 },
    ],
  });
}

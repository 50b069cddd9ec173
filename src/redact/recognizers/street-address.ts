// STREET_ADDRESS: street lines in US/GB/IN style ("24 Clarke Avenue"), Romance style ("Calle Mayor, 5, 2º B",
// "12 rue de la Paix", "Rua Augusta, 120"), German/Dutch/Nordic style ("Hauptstraße 5", "Parijsstraat 8"), a street type
// written as a word of its own after the name (Nordic, Baltic, Hungarian, Slavic, Dutch: "Trenerys gate 232", "Luite
// tee 87", "Rákóczi út 13"), units, PO boxes and military addresses; a match extends over the lines that follow when
// they read as an address continuation (unit, place, region, postal code, country, short lines closed by a postal
// code); informal English street lines in any case, as members type them in posts ("come by 123 main st tonight",
// "meet me at 1600 pennsylvania ave nw").

import { foldToken } from '../known/fold.js';
import { NAME_PARTICLES } from '../names/cue-names.js';
import { isRomanceOrdinaryWord } from '../names/ordinary-words.js';
import { type FrequentWords, loadFrequentWords } from '../names/word-lists.js';
import { createPatternRecognizer, type PatternMatch, type Validation } from '../pattern-recognizer.js';
import { primaryLanguage } from '../recognizer.js';
import { MONTH_WORDS } from './date.js';
import {
  COUNTRY_NAMES,
  DEVANAGARI_LETTERS,
  isDictionaryWord,
  isLowerCasePlace,
  numberReadsAsCount,
  US_STATES,
  WORDS_AFTER_A_CODE,
} from './postal-code.js';

const WORD = "[\\p{L}'’ºª.-]{1,30}";
const DEVANAGARI_WORD = `[${DEVANAGARI_LETTERS}]{2,30}`;
const CAP_WORD = "(?:\\d{1,5}|[\\p{Lu}\\d][\\p{L}'’ºª.-]{0,30})";
// A contact label after an address ("… 28007 Madrid. E-mail: …", "… Cádiz. Tfno. 956 …") is not part of its place: a
// label word followed by a dot or colon, a phone number or an e-mail address. Without that it may be a place ("Tel
// Aviv", "Mobile, AL").
const CONTACT_LABEL =
  '(?:E-?mail|Correo(?:[ \\t][Ee]lectr[oó]nico)?|Tfno|Telf?|Teléfono|Telefono|Tlf|Fax|Phone|Tel[eé]fone|Móvil|Movil|Mobile)(?=[ \\t]*(?:[.:]|\\+|\\(?\\d[\\d \\t().-]{5,20}\\d|[\\w.+-]{1,64}@))';
const NOT_LABEL = `(?!${CONTACT_LABEL})`;
// The place after a postal code starts with a letter: digit groups after a number ("Card 4111 1111 1111 1111") are
// more digits, not a town, and reading them as one hid a payment card inside a "street address".
const PLACE_WORD = `${NOT_LABEL}\\p{Lu}[\\p{L}'’ºª.-]{0,30}`;

const EN_SUFFIXES =
  'Street|St|Str|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Square|Sq|Terrace|Terr|Way|Close|Crescent|Cres|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Trail|Trl|Row|Mews|Gardens|Gdns|Grove|Walk|Park|Plaza|Alley|Broadway|Causeway|Expressway|Freeway|Pike|Turnpike|Loop|Path|Ridge|Heights|Hill|Vale|View|Marg|Nagar|Colony|Chowk|Bazaar|Cross|Layout|Sector|Coves?|Landing|Point|Pointe|Crossing|Commons|Junction|Estates?|Hollow|Meadows?|Orchard|Ranch|Station|Summit|Village|Wharf|Quay|Cottages|Villas|Mansions';

const ROMANCE_TYPES =
  'Calle|calle|avenida|av\\.|avda\\.?|avd\\.|plaza|paseo|camino|carretera|ronda|rua|travessa|praça|alameda|Travessera|Pz\\.?|Avenida|Avda\\.?|Av\\.|Avd\\.|Plaza|Pza\\.?|Pl\\.|Paseo|Pº|P\\.º|Camino|Cmno\\.|Carretera|Ctra\\.?|Crta\\.?|Ronda|Rda\\.|Travesía|Travesia|Trav\\.|Glorieta|Urbanización|Urb\\.|Polígono|Vía|Via|Viale|Piazza|Corso|Vicolo|Largo|Rúa|Rua|Travessa|Alameda|Praça|Pça\\.?|Rodovia|Estrada|Rue|Avenue|Boulevard|Bd|Bld|Place|Chemin|Allée|Impasse|Quai|Route|Cours|Carrer|Passeig|Avinguda|Ulica|Ul\\.|ul\\.|Utca|Plac|plac|Aleja|aleja|Trg|trg|Náměstí|náměstí|Nám\\.|nám\\.|Třída|třída|Λεωφόρος|Λεωφ\\.|Οδός|Odos';

const SUFFIX_STREETS =
  'straße|strasse|str\\.|weg|platz|allee|gasse|damm|ufer|steig|pfad|chaussee|markt|straat|laan|plein|gracht|dijk|kade|singel|gade|vej|gatan|gata|vägen|väg|veien|vegen|vei|katu|tie|kuja|polku|tanya|utca|braut|stræde|stien|torget|torg|plads|vegur|tún';

// Street words after one to three capitalised words ("Unter den Linden Straße 5", "Andrássy út 12"): the street types
// that the national address formats write as a word of their own after the name, in Hungarian (út, utca, útja, tér,
// körút, rakpart), Estonian (tänav, põik, puiestee, maantee; "tee" below), Norwegian, Danish and Swedish (vei, veien, vegen,
// gata, plass, vej, gade, plads, gatan, vägen, torg), Finnish (katu, kuja, polku), Slovenian, Croatian, Polish and
// Czech (cesta, ulica, třída) and Dutch (straat, laan, weg, plein, gracht, kade).
const CAPITAL_SUFFIX_STREETS =
  'Straße|Strasse|Str\\.|Weg|Platz|Allee|Gasse|Ring|Damm|Laan|Straat|Vej|Gade|u\\.|utca|út|útja|tér|körút|rakpart|rkp\\.|köz|sétány|tänav|põik|puiestee|maantee|mnt\\.|väljak|vei|veien|vegen|gata|plass|terrasse|allé|vej|gade|plads|stræde|gatan|vägen|väg|gränd|torg|katu|kuja|polku|väylä|cesta|ulica|třída|straat|laan|weg|plein|gracht|kade|singel';

// US street suffixes (USPS Publication 28, appendix C1), singular and plural: a second name with one of them on the
// street's line belongs to the address ("14 Crown Street Kishiev Squares", "1317 Kimberly Way Laidlaw Green").
const USPS_SUFFIXES =
  'Alley|Annex|Arcade|Avenue|Bayou|Beach|Bend|Bluffs?|Bottom|Boulevard|Branch|Bridge|Brooks?|Burgs?|Bypass|Camp|Canyon|Cape|Causeway|Centers?|Circles?|Cliffs?|Club|Commons?|Corners?|Course|Courts?|Coves?|Creek|Crescent|Crest|Crossing|Crossroads?|Curve|Dale|Dam|Divide|Drives?|Estates?|Expressway|Extensions?|Falls?|Ferry|Fields?|Flats?|Fords?|Forest|Forges?|Forks?|Fort|Freeway|Gardens?|Gateway|Glens?|Greens?|Groves?|Harbors?|Haven|Heights|Highway|Hills?|Hollow|Inlet|Islands?|Isle|Junctions?|Keys?|Knolls?|Lakes?|Landing|Lane|Lights?|Locks?|Lodge|Loop|Mall|Manors?|Meadows?|Mews|Mills?|Mission|Motorway|Mount|Mountains?|Neck|Orchard|Oval|Overpass|Parks?|Parkways?|Pass|Passage|Path|Pike|Pines?|Place|Plains?|Plaza|Points?|Ports?|Prairie|Radial|Ramp|Ranch|Rapids?|Rest|Ridges?|River|Roads?|Route|Row|Run|Shoals?|Shores?|Skyway|Springs?|Spurs?|Squares?|Station|Stream|Streets?|Summit|Terrace|Throughway|Trace|Track|Trafficway|Trail|Tunnel|Turnpike|Underpass|Unions?|Valleys?|Viaduct|Views?|Villages?|Ville|Vista|Walks?|Wall|Ways?|Wells?';

// Written without a space after them: "C/Castanera, 26", "C/. Piamonte, 7", "Av/ Puertollano, 9"; "c/" in lower case
// as often ("c/ Los Balbos, s/n").
const SLASH_TYPES = 'C/\\.?|c/\\.?|Av/|Avda/';

// A floor or door after the number: a word or letter ("2 izq", "3º B"). A bare number before a lower-case word is a
// count going on ("rua augusta 300, 10 minutos do metrô"), and a Catalan floor with its door ("4t 2a", "1r 1a") is one
// part.
const DOOR_WORD = 'izq(?:da|uierda)?\\.?|dcha\\.?|der(?:echa)?\\.?|centro|ctro\\.?|andar|planta|piso|[A-Za-z]';
const DOOR = `(?:[ \\t]\\d{1,3}[º°ª]?[A-Z](?![\\p{L}\\d])|[ \\t]?[,-][ \\t]?(?:\\d{1,2}(?:r|n|t|è)[ \\t]\\d{1,2}[aª]|\\d{1,3}(?:[ \\t]?[º°ª](?:[ \\t]?(?:${DOOR_WORD}))?|[ \\t]?(?:${DOOR_WORD})|(?![ \\t]?\\p{Ll}))|[A-Za-z]|s/n|bajo|izq(?:da)?\\.?|dcha\\.?|pta\\.?[ \\t]?\\d{1,3}|piso[ \\t]\\d{1,3}|puerta[ \\t]\\w{1,3}|esc(?:alera)?\\.?[ \\t]?\\w{1,3}|\\d{1,3}\\.?[ \\t]?[oºª]\\.?[ \\t]?[A-Za-z]?)(?![\\p{L}\\d])){0,4}`;

const ADDRESS_WORDS = [
  'address',
  'addr',
  'lives at',
  'lives on',
  'live at',
  'living at',
  'located at',
  'location',
  'meet me at',
  'meet at',
  'resides at',
  'residing at',
  'send it to',
  'send to',
  'deliver to',
  'ship to',
  'return to',
  'moved to',
  'move to',
  'corner of',
  'drop',
  'mailing',
  'domicilio',
  'dirección',
  'direccion',
  'reside en',
  'vive en',
  'adresse',
  'anschrift',
  'wohnt',
  'wohnhaft',
  'endereço',
  'endereco',
  'morada',
  'mora na',
  'mora em',
  'moro na',
  'moro em',
  'wohne',
  'wohnen',
  'habite',
  // "पता" alone is also "know" ("मुझे पता है"): the address only with "my" or "house's".
  'मेरा पता',
  'घर का पता',
  'हमारा पता',
  'नया पता',
  'पता:',
];

// Verbs of living somewhere: before a street with a type word they are cues, but "Name 3" after them is often a
// person and a count ("Ich wohne mit Anna 3 Jahre zusammen", "J'habite avec Marie 3 ans"); for a street without a type
// word they count only right before it, after at most a preposition and an article ("Wir wohnen Am Markt 3").
const RESIDENCE_VERBS: ReadonlySet<string> = new Set([
  'wohnt',
  'wohnhaft',
  'wohne',
  'wohnen',
  'habite',
  'mora na',
  'mora em',
  'moro na',
  'moro em',
]);
/** The address words that lift a street without a type word from anywhere in the window before it. */
const NAME_STREET_CUES = ADDRESS_WORDS.filter((word) => !RESIDENCE_VERBS.has(word));
// A colon may follow the verb ("Wohnhaft: Am Anger 12"), and up to two lower-case words such as an adverb ("wohne
// jetzt Am Markt 3", "wohne seit gestern Im Winkel 5"), but not a word for "with" (the person lives there too).
const RESIDENCE_VERB_BEFORE =
  /(?:^|[^\p{L}])(?:[Ww]ohn(?:e|en|t)|[Ww]ohnhaft|[Hh]abite|[Mm]ora|[Mm]oro):?[ \t]+(?:(?!(?:mit|avec|com|con|with|bei|chez)[ \t])[a-zäöüßéèêàâçíóúãõ]{2,12}[ \t]+){0,2}$/u;
// Cues that say the place is an address, for a bare house number before places ("Address: 45, Gandhi Nagar"): the
// nouns, not "meet at" or "drop" ("Meet at 7, Starbucks on 5th" gives a time).
const ADDRESS_NOUNS = ADDRESS_WORDS.filter(
  (word) => !RESIDENCE_VERBS.has(word) && !/^(?:meet|drop|location|moved?|send|deliver|ship|return|corner)/.test(word),
);

/**
 * The words an alternation of words (as in the constants above) can match, for a literals gate: an optional last
 * character (`s?`, `\\.?`) is left out, escapes are undone. Anything else that is not a plain character throws.
 */
function alternationLiterals(alternation: string): string[] {
  return alternation.split('|').map((alternative) => {
    const word = alternative.replace(/(?:\\.|[^\\])\?$/, '').replace(/\\([./])/g, '$1');
    if (word.length === 0 || /[\\()[\]{}?*+|^$]/.test(word))
      throw new Error(`street-address: not a plain word: ${alternative}`);
    return word;
  });
}

// Continuation components, tried at the start of each following line or comma-separated item.
// Runs of spaces are matched once each ("[ \t]*\.?[ \t]*" read a long run of spaces without a line end in
// quadratic time).
const SEPARATOR =
  /(?:[ \t]*,[ \t]*|[ \t]*(?:\.[ \t]*)?\r?\n(?:[ \t]*\r?\n)?[^\p{L}\p{N}\n]{0,4}|[ \t]*[.;][ \t]+|[ \t]+-[ \t]+|[ \t]{1,3})/uy;
// A segment ends at punctuation, a line end, the end of the text, where a lower-case sentence resumes (or a sentence in
// Devanagari, which has no case: "दिल्ली 110051 में रहता हूँ"), or before a contact label (after a word without a final
// dot: "Cádiz. Tfno" ends at "Cádiz", the dot being punctuation).
const END = `(?=[ \\t]*(?:[,;\\n.)?!:\u0964]|$)|[ \\t]+[\\p{Ll}${DEVANAGARI_LETTERS}]|(?<!\\.)[ \\t]+${CONTACT_LABEL})`;
// A unit after the street, as the countries write it: a numbered flat, suite, room or shop ("Apt 4", "apto 45",
// "appt 12", "Whg. 12", "Loja 3"), a lettered or numbered block or building ("bloco B", "bât. B", "Torre 2"), a floor
// ("10º andar", "2e étage", "3. OG links", "6ª planta") or a Spanish or Catalan floor and door ("3º izq.", "4ºB", "1º
// dcha", "4t 2a"). Such a unit makes the address certain.
const UNIT_SEGMENT =
  /(?:(?:Apt|Apartment|Apto|Appt|Suite|Ste|Unit|Flat|Floor|Fl|Room|Piso|Puerta|Dpto|Depto|Portal|Escalera|Loja|Conj|Cj|Whg|Wohnung|#)\.?[ \t]?(?:n[ºo°]\.?[ \t]?)?#?[ \t]?\d{1,5}[A-Za-z]?|(?:Bloco|Bloque|Bl|Bât|Bat|Bâtiment|Torre)\.?[ \t]?(?:[A-Z]|\d{1,3})|\d{1,3}[ \t]?(?:[º°ª]|\.|e|er|ère|o|a)?[ \t]?(?:andar|étage|etage|piso|planta|OG|Etage)(?:[ \t](?:links|rechts|Mitte|li\.|re\.|gauche|droite))?|\d{1,2}(?:r|n|t|è)[ \t]\d{1,2}[aª]|\d{1,2}[ \t]?[º°ª][ \t]?(?:izq(?:da|uierda)?\.?|dcha\.?|dcho\.?|derecha|centro|[A-Z]))(?![\p{L}\d])/iuy;
// Units whose words are ordinary words too ("Season 2, Phase 4", "Level 5, Stage 3", "Aula 5, Sala 3", "Lesson 4, 2
// floor exercises", "Level 3, 2. Stock"): an Indian sector, phase, block or lane (also in Devanagari: "सेक्टर 15"), a tower or wing, a Brazilian house or
// room ("casa 2", "sala 3", "ap 32"), an English or German floor. They continue an address but do not make one.
const ORDINARY_WORD_UNIT_SEGMENT =
  /(?:(?:Casa|Sala|Ap|App)\.?[ \t]?(?:n[ºo°]\.?[ \t]?)?\d{1,5}[A-Za-z]?|(?:Tower|Block|Wing|Sector|Phase|Stage)\.?[ \t]?(?:[A-Z]|\d{1,3})|(?:सेक्टर|ब्लॉक|फेज़|फेज|गली)[ \t]?(?:नं\.?|नंबर)?[ \t]?\d{1,3}|\d{1,3}[ \t]?(?:\.|st|nd|rd|th)?[ \t]?(?:floor|Stock))(?![\p{L}\d])/iuy;
// Postal codes that continue an address: GB, CA, four or five digits with an optional second group (US ZIP+4, BR CEP,
// PT), three and two or three (SE, CZ, GR, IN written "560 038"), PL "53-320", and six digits not starting with 0
// (IN PIN, RU, SG, CN).
const POSTAL =
  '(?:[A-Z]{1,2}\\d[A-Z\\d]?[ \\t]?\\d[A-Z]{2}|[A-Z]\\d[A-Z][ \\t]?\\d[A-Z]\\d|(?:[A-Z]{1,2}-)?(?:\\d{4,5}|\\d{3}[ -]\\d{2,3}|\\d{2}-\\d{3})(?:-\\d{3,4})?|[1-9]\\d{5})';
const POSTAL_SEGMENT = new RegExp(
  `${POSTAL}([ \\t]{1,2}(?:-[ \\t])?${PLACE_WORD}(?:[ \\t]${NOT_LABEL}${CAP_WORD}){0,3}(?:[ \\t]\\(${CAP_WORD}(?:[ \\t]${CAP_WORD}){0,2}\\))?)?${END}`,
  'uy',
);
// A place: capitalised words with their particles, after an ordinal as Indian cross and main roads are numbered ("6th
// Cross", "4th Main") or after initials ("T Nagar", "R. S. Puram"), or one to three words in Devanagari ("गांधी नगर", "जयपुर"); its postal code may follow after a
// dash ("Chennai - 600040").
const PLACE_SEGMENT = new RegExp(
  `(?:(?:\\d{1,2}(?:st|nd|rd|th)[ \\t]|(?:\\p{Lu}\\.?[ \\t]){1,2}(?=\\p{Lu}))?${NOT_LABEL}\\p{Lu}[\\p{L}'’.-]{1,30}(?:[ \\t](?:${NOT_LABEL}\\p{Lu}[\\p{L}'’.-]{0,30}|de|del|la|las|los|le|les|sur|am|an|im|upon|on|u|nad|bei|do|da|dos|das|di|du|des|van|von|der|den|el|en)){0,3}|${DEVANAGARI_WORD}(?:[ \\t]${DEVANAGARI_WORD}){0,2})(?:[ \\t]\\([^()\\n]{1,30}\\))?(?:(?:,?[ \\t]{1,2}|[ \\t]?[-–/][ \\t]?)[A-Z]{2,3})?(?:[ \\t]{1,3}(?:[-–][ \\t]{1,2})?(${POSTAL}))?${END}`,
  'uy',
);
// Members write the place and code of a British or US address in lower case too ("oxford ox1 4ag", "boston ma
// 02115", "austin, tx 78701", "brighton\nbn1 3xe"): up to three lower-case words, then a British postcode (with its
// space) or a US state code and ZIP code.
const LOWER_CASE_PLACE_CODE = new RegExp(
  `(?:[a-z]{2,20}(?:,?[ \\t]{1,2}|[ \\t]*\\r?\\n[ \\t]{0,4})){0,3}(?:[a-z]{1,2}\\d[a-z\\d]?[ \\t]\\d[abd-hjlnp-uw-z]{2}|(?:${US_STATES.toLowerCase()})[ \\t]{1,3}\\d{5}(?:-\\d{4})?)${END}`,
  'uy',
);
// Indian street and locality words, written after the name ("gandhi road", "anna nagar", "rajaji salai").
const INDIAN_STREET_WORDS =
  'road|rd|street|marg|salai|lane|nagar|colony|layout|enclave|vihar|puram|halli|palya|bagh|ganj|gali';
// Members write them in lower case too: one to three words, then the street or locality word ("t nagar").
const LOWER_CASE_LOCALITY = new RegExp(
  `(?:[a-z]{1,20}[ \\t]){1,3}(?:${INDIAN_STREET_WORDS})(?![\\p{L}\\d])${END}`,
  'uy',
);

/** Whether lower-case words before a street word name it, not a phrase ("gandhi road", not "down the road"). */
function namesAStreet(words: string): boolean {
  const parts = words.split(/[ \t]+/);
  for (let i = 0; i < parts.length - 1; i++) if (NOT_STREET_NAME_WORDS.has(parts[i] ?? '')) return false;
  return true;
}
// Places in lower case closed by an Indian PIN or a five-digit code ("chennai 600017", "sai residency, madhapur,
// hyderabad 500081", "sevilla 41001"): group 1 is the place's last word, group 2 the code.
const LOWER_CASE_PLACE_PIN = new RegExp(
  `(?:[a-z]{2,20}(?:,?[ \\t]{1,2})){0,4}([a-z]{2,20})[ \\t]{1,2}(?:[-–][ \\t]{1,2})?([1-9]\\d{2} ?\\d{3}|\\d{5})(?![\\p{L}\\d])${END}`,
  'uy',
);
function lowerCasePlaceWithCode(text: string, at: number): RegExpExecArray | null {
  const place = stickyMatch(LOWER_CASE_PLACE_PIN, text, at);
  if (!place) return null;
  const end = at + place[0].length;
  return numberReadsAsCount(place[1] ?? '', text.slice(end, end + 24)) ? null : place;
}
// A region code (not a label: "CP: 43005"); in lower case ("springfield, il 62704") only before a postal code.
const REGION_SEGMENT = new RegExp(
  `(?:[A-Z]{2,3}(?![ \\t]*:)(?:[ \\t]{1,3}${POSTAL})?|[a-z]{2,3}[ \\t]{1,3}${POSTAL})${END}`,
  'uy',
);
// On the street's line: a post-directional ("67 Devon Street West", USPS) or a second name ending in a street suffix
// ("14 Crown Street Kishiev Squares").
const SECOND_NAME_SEGMENT = new RegExp(
  `(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\\.?(?=[ \\t]*(?:[,;\\n)]|$)|[ \\t]+(?:[Aa]pt|[Ss]uite|[Ss]te|[Uu]nit|#))|(?:(?:\\p{Lu}[\\p{L}'’.-]{0,30}|van|von|de|der|den|du|del|la|le)[ \\t]){1,3}(?:${USPS_SUFFIXES})(?![\\p{L}\\d]))`,
  'uy',
);
// The last line of a multi-line address ("Tujetsch\n nan\n 7188", "City\n, Region\n 60810"): a line break, then
// short lines of place or region (capitalised words with their particles, a region code, a numeric region code),
// then a postal code on a line of its own (not a year: "12 Main Street\nSee you\n2024").
const LINE_BREAK = /[ \t]*(?:\.[ \t]*)?\r?\n[^\p{L}\p{N}\n]{0,4}/uy;
// Lower-case words inside a place line are its particles only ("Villa de Leyva"): "Great day" or "See you" is chat.
const SHORT_LINE =
  /(?:\p{Lu}[\p{L}'’().-]{0,29}(?:[ \t]{1,2}(?:\p{Lu}[\p{L}'’().-]{0,29}|(?:de|del|la|las|los|da|do|dos|das|di|du|des|le|les|van|von|der|den|el|am|an|im|y|e|i|sur|upon|on)(?![\p{L}\d]))){0,3}|\p{L}{1,3}|\d{1,3})[ \t]*(?=\r?\n)/uy;
// The code ends its line, or the sentence goes on after punctuation or a function word ("\n 51971 for this card");
// any other word after it ("12345 likes so far" after a chat line) makes it a count, not a postal code.
const POSTAL_LINE = new RegExp(
  `${POSTAL}[ \\t]*(?=[.,;)?!]?[ \\t]*(?:\\r?\\n|$)|[.,;?!][ \\t]|[ \\t](?:${WORDS_AFTER_A_CODE.join('|')})(?![\\p{L}\\d]))`,
  'uy',
);

function isUpperCasePlace(segment: string): boolean {
  const words = segment.trim().split(/[ \t]+/);
  return /\p{Lu}{3}/u.test(words[0] ?? '') && (words[0] ?? '') === (words[0] ?? '').toUpperCase();
}

function endsWithCountry(segment: string): boolean {
  const words = segment.trim().split(/[ \t]+/);
  for (let i = 1; i < words.length; i++) if (isCountryName(words.slice(i).join(' '))) return true;
  return isCountryName(segment);
}

function isCountryName(segment: string): boolean {
  const name = segment
    .replace(/\s*\([^)]*\)\s*$|\.$/, '')
    .trim()
    .toLowerCase();
  return COUNTRY_NAMES.has(name);
}

function stickyMatch(regex: RegExp, text: string, at: number): RegExpExecArray | null {
  regex.lastIndex = at;
  return regex.exec(text);
}

/**
 * Extends an address match over continuation lines; keeps only up to the last strong component. `postal` says that
 * the kept continuation holds a postal code.
 */
export function extendAddress(text: string, end: number): { end: number; strong: boolean; postal: boolean } {
  let committed = end;
  let strongSeen = false;
  let postalSeen = false;
  let at = end;
  let afterUnit = false;
  for (let step = 0; step < 6; step++) {
    const sep = stickyMatch(SEPARATOR, text, at);
    if (!sep) break;
    const segmentStart = at + sep[0].length;
    // A comma between digits is a decimal comma ("37,5 ºC"), not a separator, unless a postal code and its place
    // follow ("Hauptstraße 5,10115 Berlin").
    if (
      sep[0] === ',' &&
      isDigitAt(text, at - 1) &&
      isDigitAt(text, segmentStart) &&
      stickyMatch(POSTAL_SEGMENT, text, segmentStart)?.[1] === undefined
    )
      break;
    const newline = sep[0].includes('\n');
    if (sep[0].indexOf('\n') !== sep[0].lastIndexOf('\n')) {
      // After a blank line only a closing "Country 12345" or postal code still belongs to the address.
      const postal = stickyMatch(POSTAL_SEGMENT, text, segmentStart);
      const place = postal ? null : stickyMatch(PLACE_SEGMENT, text, segmentStart);
      const closing = postal ?? (place && (place[1] !== undefined || isCountryName(place[0])) ? place : null);
      if (closing) {
        committed = segmentStart + closing[0].length;
        strongSeen = true;
        postalSeen ||= postal !== null || closing[1] !== undefined;
      }
      break;
    }
    const unit = stickyMatch(UNIT_SEGMENT, text, segmentStart);
    const anyUnit = unit ?? stickyMatch(ORDINARY_WORD_UNIT_SEGMENT, text, segmentStart);
    if (anyUnit) {
      at = segmentStart + anyUnit[0].length;
      committed = at;
      strongSeen ||= unit !== null;
      afterUnit = true;
      continue;
    }
    const previousWasUnit = afterUnit;
    afterUnit = false;
    // After a bare space (no comma, no new line) only a unit, or a postal code with its place, continues the address.
    const spaceOnly = sep[0].trim() === '' && !newline;
    const postal = stickyMatch(POSTAL_SEGMENT, text, segmentStart);
    if (postal && !(spaceOnly && postal[1] === undefined)) {
      at =
        segmentStart +
        postal[0].length +
        (postal[1] === undefined ? lowerCasePlaceLength(text, segmentStart + postal[0].length) : 0);
      committed = at;
      strongSeen = true;
      postalSeen = true;
      continue;
    }
    const lowerCase =
      stickyMatch(LOWER_CASE_PLACE_CODE, text, segmentStart) ?? lowerCasePlaceWithCode(text, segmentStart);
    if (lowerCase) {
      at = segmentStart + lowerCase[0].length;
      committed = at;
      strongSeen = true;
      postalSeen = true;
      continue;
    }
    if (spaceOnly && step === 0) {
      const second = stickyMatch(SECOND_NAME_SEGMENT, text, segmentStart);
      if (second) {
        at = segmentStart + second[0].length;
        committed = at;
        continue;
      }
    }
    if (spaceOnly) {
      // One-line addresses: "Suite 503 Springfield IL", "Apt. 934 OULU", "Suite 12 Limassol Cyprus", "Apto. 116
      // Montevideo 11600, Uruguay" (a place with its postal code goes on).
      const place = previousWasUnit ? stickyMatch(PLACE_SEGMENT, text, segmentStart) : null;
      if (
        place &&
        place[0].length > 0 &&
        place[0].length <= 48 &&
        (isUpperCasePlace(place[0]) || endsWithCountry(place[0]) || place[1] !== undefined)
      ) {
        at = segmentStart + place[0].length;
        committed = at;
        if (place[1] !== undefined) {
          strongSeen = true;
          postalSeen = true;
          continue;
        }
      }
      break;
    }
    const region = stickyMatch(REGION_SEGMENT, text, segmentStart);
    if (region && region[0].length > 0) {
      at = segmentStart + region[0].length;
      committed = at;
      strongSeen = true;
      postalSeen ||= /\d/.test(region[0]);
      continue;
    }
    const place = stickyMatch(PLACE_SEGMENT, text, segmentStart);
    if (place && place[0].length > 0 && place[0].length <= 48) {
      if (placeCodeIsACount(text, place, segmentStart)) break;
      at = segmentStart + place[0].length;
      // A place on the same line after a comma is part of the address; on a new line it needs a strong part: a postal
      // code, or being a country's name (the last line of an international address).
      const country = isCountryName(place[0]);
      if (place[1] !== undefined || country || !newline) {
        committed = at;
        strongSeen = strongSeen || place[1] !== undefined || country;
        postalSeen ||= place[1] !== undefined;
      }
      continue;
    }
    // A street or locality in lower case on the same line ("12/3, gandhi road, t nagar"): it continues the address
    // but does not make one.
    const locality = newline ? null : stickyMatch(LOWER_CASE_LOCALITY, text, segmentStart);
    if (locality && namesAStreet(locality[0])) {
      at = segmentStart + locality[0].length;
      committed = at;
      continue;
    }
    break;
  }
  const closing = closingPostalLine(text, committed);
  return closing > committed
    ? { end: beforeNewSentence(text, end, closing), strong: true, postal: true }
    : { end: beforeNewSentence(text, end, committed), strong: strongSeen, postal: postalSeen };
}

// The words after the continuation's last full stop or semicolon: capitalised words alone, to its end.
const WORDS_AFTER_STOP = /^(?:\p{Lu}[\p{L}\p{M}'’-]*)(?:[ \t]+\p{Lu}[\p{L}\p{M}'’-]*){0,3}\.?$/u;
let frequentWords: FrequentWords | undefined;

/** A word of the dictionary, a common word or one of the commonest words of a language here, and no place or name. */
function isCommonWord(word: string): boolean {
  if (isDictionaryWord(word)) return true;
  frequentWords ??= loadFrequentWords();
  const folded = foldToken(word);
  for (const words of frequentWords.values()) if (words.has(folded)) return !isLowerCasePlace(word);
  return false;
}

/**
 * Where the continuation text[from, to) ends when its last words follow a full stop or a semicolon: before the stop
 * when they are all common words, none a country ("CA 94105. Drop by!", "London NW1 6XE. Tickets are free", "10115
 * Berlin. Kommt vorbei!"); else at its end, as a town in no list is a town ("61440. Oberursel", "2nd floor.
 * Koramangala", "3. OG. Bad Homburg"). The dot of an ordinal is none ("3. OG", "2. Stock", "2º. Dcha").
 */
function beforeNewSentence(text: string, from: number, to: number): number {
  const continuation = text.slice(from, to).replace(/\.$/, '');
  let stop = -1;
  for (let k = continuation.length - 1; k >= 0 && stop < 0; k--) {
    const code = continuation.charCodeAt(k);
    if ((code === 46 || code === 59) && /[ \t]/.test(continuation[k + 1] ?? '')) stop = k;
  }
  if (stop < 0) return to;
  // An ordinal's dot: one or two digits, or º/ª, before it (in the match itself when the stop opens the continuation).
  const beforeStop = text.slice(Math.max(0, from + stop - 3), from + stop);
  if (continuation[stop] === '.' && /(?:^|[^\d])\d{1,2}$|[ºª]$/.test(beforeStop)) return to;
  const tail = continuation.slice(stop + 1).trim();
  if (!WORDS_AFTER_STOP.test(tail)) return to;
  const words = tail.replace(/\.$/, '').split(/[ \t]+/);
  if (isCountryName(words.join(' ')) || !words.every(isCommonWord)) return to;
  return from + stop;
}

const PIN = /^[1-9]\d{2} ?\d{3}$/;
const DEVANAGARI_START = new RegExp(`^[${DEVANAGARI_LETTERS}]`, 'u');

/**
 * A place segment's code that counts or numbers something: "Page 123456", "Amazon 560038 units", "Pune 2300 marks",
 * "सीबीएसई 2024". A place in Devanagari is Indian, and its code is a six-digit PIN.
 */
function placeCodeIsACount(text: string, place: RegExpExecArray, segmentStart: number): boolean {
  const code = place[1];
  if (code === undefined) return false;
  if (DEVANAGARI_START.test(place[0]) && !PIN.test(code)) return true;
  const before = place[0].slice(0, place[0].length - code.length).trimEnd();
  const end = segmentStart + place[0].length;
  return numberReadsAsCount(/[\p{L}\p{M}.'’-]*$/u.exec(before)?.[0] ?? '', text.slice(end, end + 24));
}

// A city in lower case after a postal code ("…, 75011 paris", "28013 madrid"), as postal-code reads it.
const LOWER_CASE_CITY_AFTER = /^[ \t]{1,2}(\p{Ll}{3,20})(?![\p{L}\p{M}\d])/u;
function lowerCasePlaceLength(text: string, at: number): number {
  const city = LOWER_CASE_CITY_AFTER.exec(text.slice(at, at + 24));
  return city?.[1] !== undefined && isLowerCasePlace(city[1]) ? city[0].length : 0;
}

function isDigitAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 48 && code <= 57;
}

/**
 * The end of a postal code on a line of its own after at most three short lines from `at` (where a line break
 * follows), or -1: the last line of an address block whose place and region lines read as nothing more specific.
 */
function closingPostalLine(text: string, at: number): number {
  let lineEnd = at;
  for (let line = 0; line < 4; line++) {
    const lineBreak = stickyMatch(LINE_BREAK, text, lineEnd);
    if (!lineBreak) return -1;
    const lineStart = lineEnd + lineBreak[0].length;
    const postal = stickyMatch(POSTAL_LINE, text, lineStart);
    if (postal) return /^(?:19|20)\d\d\s*$/.test(postal[0]) ? -1 : lineStart + postal[0].length;
    // "Norway 61682", "Aalborg 9100": a place with its postal code.
    const place = stickyMatch(PLACE_SEGMENT, text, lineStart);
    if (place && place[1] !== undefined) return lineStart + place[0].length;
    const short = stickyMatch(SHORT_LINE, text, lineStart);
    if (!short) return -1;
    lineEnd = lineStart + short[0].length;
  }
  return -1;
}

// A building number or postal code written just before the street ("3369 24 Clarke Avenue", "07960 Aqqusinersuaq 12").
const LEADING_NUMBER = /(?:^|[^\p{L}\p{N},.])(\d{1,6}[ \t]{1,2})$/u;

// "During 1971", "Spring 2020": a year after a capitalised word is not a house number.
const notAYear = ({ value }: PatternMatch): Validation =>
  /(?:^|\D)(?:19|20)\d\d[a-zA-Z]?$/.test(value) ? 'invalid' : 'valid';

/**
 * Month names and abbreviations, lower case: the date recognizer's (en, es, de, fr, pt), plus abbreviations too common
 * as words for its patterns ("mar", "set", "out") and the Italian and Dutch names.
 */
const MONTHS: ReadonlySet<string> = new Set([
  ...MONTH_WORDS,
  ...'mar mär maerz fevr ago set out gen gennaio febbraio aprile mag maggio giu giugno lug luglio settembre ott ottobre dicembre januari februari maart mrt mei augustus'.split(
    ' ',
  ),
]);

// "January 28, 2015", "Sep 29 , 2010": a month name before the number is a date, not a street; nor is a year.
const notADate = (match: PatternMatch): Validation => {
  if (notAYear(match) === 'invalid') return 'invalid';
  const word = /([\p{L}]+)\.?[ \t]\d{1,5}[a-zA-Z]?$/u.exec(match.value)?.[1];
  return word !== undefined && MONTHS.has(word.toLowerCase()) ? 'invalid' : 'valid';
};

// A house, flat, plot, shop or door number's label, as Indian addresses write it ("H.No. 12-2-417", "House No. 24",
// "Flat No. 3B", "Plot No 56", "D.No 4-12", "door no 12/4", "मकान नंबर 12"), and such a number: an optional block
// letter, then one to four groups of digits joined by '/' or '-', and a letter ("B-204", "14/2", "15A").
const HOUSE_NUMBER_LABEL =
  '(?:(?:H\\.?[ ]?|House[ ]|Flat[ ]|Plot[ ]|Shop[ ]|Door[ ]|D\\.[ ]?|Qtr[ ]|Quarter[ ])(?:No|Number)\\.?|मकान[ ](?:नंबर|नं\\.?|संख्या))';
/** Words every HOUSE_NUMBER_LABEL holds in lower case (a gate): its first word and the number word's 'n'. */
const HOUSE_NUMBER_LABEL_WORDS = [
  'h.n',
  'h. n',
  'hn',
  'h n',
  'house n',
  'flat n',
  'plot n',
  'shop n',
  'door n',
  'd.n',
  'd. n',
  'qtr n',
  'quarter n',
  'मकान ',
];
const HOUSE_NUMBER = '(?:[A-Z]-?)?\\d{1,5}(?:[/-]\\d{1,5}){0,3}[A-Za-z]?';

// Where a name-number match's street starts when capitalised words before it belong to something else: after a word
// closing a sentence ("Dr. Daniel Humberto Ferranti. Jujuy Nº 491", "Universidad de Chile. Olivos 973", "Servicio de
// Urología. Hospital Central 5"), or at an abbreviated street type after a word ("Dra. Lucía Gómez Av. Prado 14"). A
// dotted word of four letters that starts the match abbreviates the street's own name ("Gral. Paz 1234", "Pdte.
// Riesco 55"): as the first word, a word closes a sentence only with five letters or more.
const STREET_AFTER_OTHER_WORDS =
  /^(?:[^ \t]*\p{L}{5}\.[ \t]|.*[ \t][^ \t]*\p{L}{4}\.[ \t]|.*\p{L}[ \t](?=(?:Av|Avda|Avd|Pza|Ctra|Crta|Rda|Trav|Urb|Pça|Cmno)\.[ \t]))/u;

/** A match of capitalised words from where its street starts (STREET_AFTER_OTHER_WORDS). */
function fromStreetStart(match: PatternMatch): PatternMatch {
  const text = match.input.text;
  // A capitalised word right before the match belongs to the words before its street too ("Gómez Ulla. Glorieta").
  const previous =
    /\p{Lu}[\p{L}'’-]{0,30}[ \t]$/u.exec(text.slice(Math.max(0, match.start - 32), match.start))?.[0] ?? '';
  const cut = Math.max(0, (STREET_AFTER_OTHER_WORDS.exec(previous + match.value)?.[0].length ?? 0) - previous.length);
  return cut === 0 ? match : { ...match, start: match.start + cut, value: match.value.slice(cut) };
}

/**
 * Extends a name-number match, from where its street starts (STREET_AFTER_OTHER_WORDS); a verb of living right before
 * it lifts it ("Wir wohnen Am Markt 3").
 */
function refineNameNumber(match: PatternMatch) {
  const text = match.input.text;
  const street = fromStreetStart(match);
  const span = extend(street);
  if (span.score === undefined && RESIDENCE_VERB_BEFORE.test(text.slice(Math.max(0, street.start - 40), street.start)))
    return { ...span, score: 0.7 };
  return span;
}

/**
 * A name-number match is no street when its last word counts, ranks or codes the number ("Sold 45", "AF 447"), or when
 * its number starts another street.
 */
// What follows a house number that starts a street line: a blank, then a capital or a digit ("10 Downing Street").
const STREET_LINE_AFTER = /^[ \t][A-Z\d\u00C0-\u00DE]/;
function notACountedName(match: PatternMatch): Validation {
  if (notADate(match) === 'invalid') return 'invalid';
  // A number that starts a street line after ordinary words is that street's house number ("Visited 10 Downing
  // Street, Tower 2, London SW1A 2AA"): number-first reports it. A name before it may be a street of its own
  // ("Aqqusinersuaq 176 Pinto Hill").
  const number = STREET_LINE_AFTER.test(match.input.text.slice(match.end, match.end + 2))
    ? /\d{1,5}[a-zA-Z]?$/.exec(match.value)
    : null;
  if (
    number &&
    capitalisedStreetAt(match.input.text, match.start + number.index) &&
    match.value
      .slice(0, number.index)
      .trim()
      .split(/[ \t]+/)
      .every((word) => isDictionaryWord(word))
  )
    return 'invalid';
  // The word before the number counts it, whatever words come before it ("Sold 45", "Watched Season 2"); a code in
  // capitals counts only as the one word ("AF 447" is a flight, "Calle RB 5" may be a street).
  const last = /(?:^|[ \t])([\p{L}'’.-]+)[ \t]\d{1,5}[a-zA-Z]?$/u.exec(match.value);
  if (last?.[1] === undefined) return 'valid';
  return last.index === 0
    ? isCountingWord(last[1])
      ? 'invalid'
      : 'valid'
    : COUNTING_WORDS.has(last[1].toLowerCase())
      ? 'invalid'
      : 'valid';
}

// A unit written before the street line ("Suite 541 6343 Skogstien 106", "Flat 3, 27 Kingsley Road", "flat 2, 33
// church lane", "Flat No. 3B, 12 MG Road").
const LEADING_UNIT = new RegExp(
  `(?<![\\p{L}\\d])(?:(?:[Aa]pt\\.?|[Aa]partment|[Ss]uite|Ste\\.|[Uu]nit|[Ff]lat)[ \\t]?#?\\d{1,5}[A-Za-z]?|${HOUSE_NUMBER_LABEL}[ \\t]?${HOUSE_NUMBER}),?[ \\t]{1,2}$`,
  'u',
);
// A house number's label right before the number that starts the match ("Flat No. 3B, 12 MG Road", read from "3B").
const LABEL_BEFORE = new RegExp(`(?<![\\p{L}\\d])${HOUSE_NUMBER_LABEL}[ \\t]?[:#-]?[ \\t]?$`, 'iu');
// A unit word right before the number that starts the match ("Flat 3, 27 Kingsley Road", read from "3").
const UNIT_WORD_BEFORE = /(?<![\p{L}\d])(?:Apt\.?|Apartment|Suite|Ste\.|Unit|Flat)[ \t]?#?$/u;
// The first groups of a house number whose last group starts the match ("14/" of "14/2 MG Road", "12-2-" of
// "12-2-417 Main Road").
const HOUSE_NUMBER_HEAD = /(?:^|[^\p{L}\p{N}/-])((?:[A-Z]-?)?\d{1,5}(?:[/-]\d{1,5}){0,2}[/-])$/u;

function extend(match: PatternMatch) {
  return extendMatch(match).span;
}

// After a street type in lower case (an ordinary word too), a number before a counted noun counts it: "a rua estava
// cheia, 300 pessoas". And the words between the type and the number must be a street's name, not a sentence going on
// ("na rua tinha 3 carros", "a praça tem 2 bancos", "moro na rua há 10 anos"): none an ordinary word of the language
// but a particle or a month of the name ("rua das flores", "rua 7 de setembro"). A capitalised type keeps its number ("Carretera
// Nacional 330 km 539").
const LOWER_CASE_STREET_WORD = /\p{L}[\p{L}\p{M}'’.-]*/gu;
const NORDIC_AFTER_OF: ReadonlySet<string> = new Set(
  'de dem oss er era ert dere deres deras vara vare var vart mina min mitt mine dina din ditt dine sina sin sitt sine alla alle disse dessa hans hennes henne hun han dei denne detta dette nagra noen nogle hela hele vore'.split(
    ' ',
  ),
);
// Streets are named after dates ("rua 7 de setembro", "avenida 9 de julho").
const STREET_MONTHS: ReadonlySet<string> = new Set(MONTH_WORDS.map(foldToken));
// Records in a language that writes "av" for "avenida" (or, without a language, in a country that speaks one): "av"
// is also audio-visual, average, Dutch "algemene vergadering" and Nordic "of" ("the av club 3", "en av totalt 5").
const AV_LANGUAGES: ReadonlySet<string> = new Set(['pt', 'es', 'ca', 'gl']);
const AV_COUNTRIES: ReadonlySet<string> = new Set(
  'BR PT ES MX AR CO CL PE VE UY PY BO EC GT CU DO HN SV NI CR PA PR AO MZ'.split(' '),
);
function writesAv({ lang, country }: { readonly lang?: string; readonly country?: string }): boolean {
  if (lang !== undefined) return AV_LANGUAGES.has(primaryLanguage(lang) ?? '');
  // A record that says neither may be in any language: the address is read.
  return country === undefined || AV_COUNTRIES.has(country.toUpperCase());
}

function typeFirstNamesAStreet({ value, end, input }: PatternMatch): Validation {
  if (!/^\p{Ll}/u.test(value)) return 'valid';
  if (/^av[ \t,]/.test(value) && !writesAv(input)) return 'invalid';
  if (numberReadsAsCount('', input.text.slice(end, end + 24))) return 'invalid';
  const words = value.match(LOWER_CASE_STREET_WORD) ?? [];
  // "av" is also Nordic "of" ("tre av våra 5 barn", "en av de 3 beste").
  if (/^av[ \t,]/.test(value) && NORDIC_AFTER_OF.has(foldToken(words[1] ?? ''))) return 'invalid';
  for (const word of words.slice(1)) {
    // A capitalised word belongs to the name ("c/ Los Balbos").
    if (!/^\p{Ll}/u.test(word)) continue;
    const folded = foldToken(word);
    if (!NAME_PARTICLES.has(folded) && !STREET_MONTHS.has(folded) && isRomanceOrdinaryWord(folded)) return 'invalid';
  }
  return 'valid';
}

/**
 * A labelled house number: 0.6 with places after it on its line or a number in groups ("H.No. 12-2-417", "D.No
 * 4-56"), 0.8 when they end in a postal code; alone ("House No. 5 in the show") it needs an address word.
 */
function refineLabelledHouseNumber(match: PatternMatch) {
  const { span } = extendMatch(match);
  if (span.score !== undefined) return span;
  const landmark = LANDMARK_AFTER.test(match.input.text.slice(match.end, match.end + 16));
  return span.end > match.end || landmark || /\d[/-]\d/.test(match.value) ? { ...span, score: 0.6 } : span;
}

// Indian addresses give a landmark instead of a place ("House No. 45 near the temple", "Flat No. 3, opp. SBI").
const LANDMARK_AFTER = /^,?[ \t]{1,2}(?:near|opp\.?|opposite|behind|beside|next to)[ \t]/i;

// "Season 2, Unit 4", "Chapter 3, Unit 5": a unit word after a counted item numbers a list (of lessons, episodes),
// and one before a course word is a unit of a course.
const COUNTED_ITEM_BEFORE = /(?:^|[^\p{L}\p{M}])([\p{L}\p{M}]+)[ \t]{1,2}\d{1,5}[A-Za-z]?[ \t]*[,;][ \t]*$/u;
// "Unit 4 test", "Unit 3 exam": a unit of a course.
const COURSE_WORD_AFTER =
  /^[ \t]{1,2}(?:test|tests|exam|exams|quiz|homework|review|revision|notes|assignment|worksheet|vocab|vocabulary|lesson|lessons|syllabus)(?![A-Za-z\d])/i;
// Items that number a list of lessons or episodes; not "level" or "floor", which a building's unit follows ("Level 12,
// Unit 5, Collins Tower").
const LISTED_ITEMS: ReadonlySet<string> = new Set(
  'season episode chapter lesson part book module week day series kapitel folge temporada capítulo capitulo'.split(' '),
);
function notACountedUnit({ start, end, input }: PatternMatch): Validation {
  if (COURSE_WORD_AFTER.test(input.text.slice(end, end + 16))) return 'invalid';
  const item = COUNTED_ITEM_BEFORE.exec(input.text.slice(Math.max(0, start - 32), start))?.[1];
  return item !== undefined && LISTED_ITEMS.has(item.toLowerCase()) ? 'invalid' : 'valid';
}

// Words before a bare number that make it a score, a rank, a count or a code, not a house number ("Day 3, Delhi
// 110001", "Sold 45, Texas 12000"), with a flight or model code in capitals ("AF 447, Rio 2009", "IB 6251, Madrid").
const NOT_A_HOUSE_NUMBER_AFTER = /(?:^|[^\p{L}\p{M}])([\p{L}\p{M}]+)[ \t]{1,2}$/u;
const COUNTING_WORDS: ReadonlySet<string> = new Set(
  [
    'won lost sold scored beat got rank ranked total stats score scores team player day days week year month season',
    'episode chapter page part phase step stage round game match level class grade top version edition vol volume',
    'section figure fig table item order ticket invoice account case code pin id ref flight bus route line seat gate',
    'terminal platform lesson kapitel seite folge capítulo página temporada कक्षा अध्याय पृष्ठ कुल भाग',
  ]
    .join(' ')
    .split(' '),
);

// Capitals that name a postal box (French "BP 45", Brazilian "CP 12", "PO 7") are address words.
const isCountingWord = (word: string): boolean =>
  /^(?!BP$|CP$|PO$|CS$)[A-Z]{2,3}$/.test(word) || COUNTING_WORDS.has(word.toLowerCase());

function notACountedNumber(match: PatternMatch): Validation {
  if (notAYear(match) === 'invalid') return 'invalid';
  const word = NOT_A_HOUSE_NUMBER_AFTER.exec(match.input.text.slice(Math.max(0, match.start - 24), match.start))?.[1];
  return word !== undefined && isCountingWord(word) ? 'invalid' : 'valid';
}

/** A bare house number before places ("B-204, Lake View Apartments, Powai, Mumbai 400076"): strong only when the
 * places end in a postal code (a country or a region code after "after 6, Jordan here" or "tipo 2, HTA" is not). */
function refineNumberBeforePlaces(match: PatternMatch) {
  const { span, postal } = extendMatch(match);
  return postal ? span : { start: span.start, end: span.end };
}

function extendMatch({ start, end, input }: PatternMatch) {
  const extended = extendAddress(input.text, end);
  const unit =
    LEADING_UNIT.exec(input.text.slice(Math.max(0, start - 32), start)) ??
    UNIT_WORD_BEFORE.exec(input.text.slice(Math.max(0, start - 12), start)) ??
    LABEL_BEFORE.exec(input.text.slice(Math.max(0, start - 24), start));
  const head = unit ? null : HOUSE_NUMBER_HEAD.exec(input.text.slice(Math.max(0, start - 20), start));
  const leading = unit || head ? null : LEADING_NUMBER.exec(input.text.slice(Math.max(0, start - 10), start));
  const from = unit
    ? start - unit[0].length
    : head?.[1]
      ? start - head[1].length
      : leading?.[1]
        ? start - leading[1].length
        : start;
  const span = extended.strong ? { start: from, end: extended.end, score: 0.8 } : { start: from, end: extended.end };
  return { span, postal: extended.postal };
}

// Informal street lines in any case ("123 main st", "42 oak avenue", "350 w 42nd st apt 4b"). Suffixes that are
// street words only ("st", "ave", "blvd") are STRONG: with a house number of two or more digits (not a year) they
// are reported alone. The rest read as ordinary English too ("3 court cases", "the 2 way street", "10 dr
// appointments") and score below the threshold unless an address cue stands right before the number ("at", "to",
// "on", "by", "from", "near", "@"), an address word is near (ADDRESS_WORDS) or a unit or postal code follows.
const INFORMAL_STRONG_SUFFIXES =
  'street|st|avenue|ave|boulevard|blvd|road|rd|lane|ln|drive|highway|hwy|parkway|pkwy|terrace';
const INFORMAL_WEAK_SUFFIXES =
  'dr|court|ct|place|pl|way|circle|cir|trail|trl|crescent|cres|plaza|square|alley|pike|loop';
const INFORMAL_DIRECTIONS = 'n|s|e|w|ne|nw|se|sw|north|south|east|west';
const INFORMAL_SUFFIX_OF = new Map<string, boolean>([
  ...INFORMAL_STRONG_SUFFIXES.split('|').map((suffix) => [suffix, true] as const),
  ...INFORMAL_WEAK_SUFFIXES.split('|').map((suffix) => [suffix, false] as const),
]);
// Groups: 1 the house number, 2 the name words (with a pre-directional), 3 the suffix. A one- or two-letter
// post-directional belongs to the street when a sentence mark, the end or a space follows; a word one
// ("north") only before a sentence mark or the end ("1600 pennsylvania ave nw", "12 main st north.").
const INFORMAL_STREET = new RegExp(
  `(?<![\\p{L}\\p{N}_.,:;/#$£€@+-])(\\d{1,6})[a-c]?[ \\t]((?:(?:${INFORMAL_DIRECTIONS})\\.?[ \\t])?(?:(?:\\d{1,3}(?:st|nd|rd|th)|\\p{L}[\\p{L}'’.-]{0,29})[ \\t]){1,3})(${INFORMAL_STRONG_SUFFIXES}|${INFORMAL_WEAK_SUFFIXES})\\.?(?![\\p{L}\\d])(?:[ \\t](?:(?:ne|nw|se|sw|n|s|e|w)\\.?(?![\\p{L}\\d])|(?:north|south|east|west)(?=[ \\t]*(?:[,;.!?)\\n]|$))))?`,
  'giu',
);

/** Words that make the words between a number and a suffix a phrase, not a street name ("10 hour drive"). */
const NOT_STREET_NAME_WORDS: ReadonlySet<string> = new Set(
  [
    // Function words: "3 more on the way", "20 miles down the road".
    'the a an and or of on in at to down up for from by with into onto off over out my your his her our their its',
    'this that these those is are was were be been more less most all some any no not other another same next last',
    'per each every just only very so too than then i me we you they he she it who what where when how which as if',
    'but about around across along past through near like also still even already almost best worst favorite',
    'favourite',
    // Measures and counts: "a 10 minute drive", "40 mile road", "12 lane highway", "2 way street".
    'min mins minute minutes hr hrs hour hours sec secs second seconds day days week weeks wk wks month months year',
    'years yr yrs mile miles mi km kms kilometer kilometers kilometre kilometres meter meters metre metres ft feet',
    'foot yard yards yd yds inch inches lb lbs kg kgs time times people person guys kids cars car pounds dollars',
    'bucks cent cents gb tb mb pm am mph kph percent pct points pts way ways lane lanes road roads street streets',
    'block blocks play plays jump',
    // Words that qualify a count: "at 3 different place settings", "to 4 wheel drive", "5 star court".
    'different separate wheel wheels star stars point points cylinder cylinders acre acres seas',
    // Drives that hold data, courts that judge or host games.
    'hard flash usb disk disc thumb external ssd hdd cd dvd optical test tennis basketball volleyball squash',
    'badminton food supreme district federal county family traffic claims divorce moot appeals circuit kangaroo',
    'juvenile criminal civil magistrates',
  ]
    .join(' ')
    .split(' '),
);

/** A word right after the suffix that makes the suffix part of a compound noun ("road trips", "court cases"). */
const COMPOUND_NEXT_WORDS: ReadonlySet<string> = new Set(
  [
    'trip trips race races rage test tests sign signs map maps works kill food art style party parties light lights',
    'cred fighter fighters smart wear team teams vendor vendors sweeper name names case cases date dates order orders',
    'hearing hearings ruling rulings game games shoe shoes bike bikes runner runners warrior warriors appointment',
    'appointments visit visits bay bays space spaces letter letters number numbers journal bets foods',
  ]
    .join(' ')
    .split(' '),
);

// A word before the number that makes it a count ("top 10 main street shops", "the 3 court cases").
const COUNT_WORDS: ReadonlySet<string> = new Set(
  'a an the my your our his her their these those top all over under about around only just nearly almost than another every first last next some like'.split(
    ' ',
  ),
);
// An address cue right before the number: "at 12 oak ct", "moved to 42 oak avenue", "come by 123 main st".
const CUE_WORDS: ReadonlySet<string> = new Set(['at', 'to', 'on', 'by', 'from', 'near', '@']);
/** Suffixes with which a cue also promotes a one-digit house number: street words, and abbreviations. */
const ONE_DIGIT_CUE_SUFFIXES: ReadonlySet<string> = new Set(
  'street st avenue ave boulevard blvd rd ln ct pl cir trl hwy pkwy cres'.split(' '),
);
/*
 * The checks below run only on the informal pattern's (rare) matches, so they use plain string work and ASCII
 * regexes: a rarely used regex with the `i` and `u` flags is compiled again after V8 flushes its code, which cost
 * more than the pattern's whole scan of the posts.
 */
const WORD_BEFORE = /(?:^|[^A-Za-z0-9\u00C0-\uFFFF])([A-Za-z]{1,8}|@)[ \t]{1,3}$/;
const NEXT_WORD = /^[ \t]{1,3}([A-Za-z]{1,12})(?![A-Za-z0-9\u00C0-\uFFFF])/;
// Where the capitalised number-first pattern matches, it decides (its spans and scores stay as they were). Same
// source and flags as that pattern's regex, so V8 shares its compiled code; run on a slice longer than any match.
const NUMBER_FIRST_SOURCE = `(?<![\\w.,-])\\d{1,6}[A-Za-z]?,?[ \\t](?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\\.?[ \\t])?(?:${CAP_WORD}[ \\t]){0,4}(?:${EN_SUFFIXES})\\.?(?![\\p{L}\\d])`;
const CAPITALISED_STREET = new RegExp(NUMBER_FIRST_SOURCE, 'gu');

function capitalisedStreetAt(text: string, start: number): boolean {
  CAPITALISED_STREET.lastIndex = 0;
  return CAPITALISED_STREET.exec(text.slice(start, start + 240))?.index === 0;
}

/** The lower-cased word right before `start` (letters or '@', then spaces), or undefined. */
function wordBefore(text: string, start: number): string | undefined {
  return WORD_BEFORE.exec(text.slice(Math.max(0, start - 12), start))?.[1]?.toLowerCase();
}

/**
 * The house number, name words and suffix of an informal street line, read from its words: the suffix is the last
 * word, or the one before a post-directional (no directional is also a suffix).
 */
function informalParts(value: string): { number: string; names: string[]; suffix: string } {
  const words = value.split(/[ \t]/);
  const lower = (word: string | undefined) => (word ?? '').toLowerCase().replace(/\.$/, '');
  const last = words.length - 1;
  const suffixAt = INFORMAL_SUFFIX_OF.has(lower(words[last])) ? last : last - 1;
  return {
    number: (words[0] ?? '').replace(/\D+$/, ''),
    names: words.slice(1, suffixAt),
    suffix: lower(words[suffixAt]),
  };
}

function informalStreet({ value, start, end, input }: PatternMatch): Validation {
  const parts = informalParts(value);
  for (const word of parts.names) {
    if (NOT_STREET_NAME_WORDS.has(word.toLowerCase().replace(/\.$/, ''))) return 'invalid';
  }
  const before = wordBefore(input.text, start);
  if (before !== undefined && COUNT_WORDS.has(before)) return 'invalid';
  const next = NEXT_WORD.exec(input.text.slice(end, end + 16))?.[1];
  if (next !== undefined && COMPOUND_NEXT_WORDS.has(next.toLowerCase())) return 'invalid';
  return capitalisedStreetAt(input.text, start) ? 'invalid' : 'valid';
}

// Words before a number that make a capitalised street line a count ("Top 10 Main Street shops", "Over 100 Main
// Street businesses"): fewer than the informal pattern's COUNT_WORDS, as "the", "my", "our" stand before named
// addresses ("our 10 Downing Street office").
const CAPITALISED_COUNT_WORDS: ReadonlySet<string> = new Set(
  'top over under about around nearly almost than all every only'.split(' '),
);

// Words that number what follows them ("Day 3 Main Street", "Episode 4 Baker Street"); not the verbs and trade words
// of COUNTING_WORDS, which stand before real addresses ("Just sold 1234 Maple Ave", "We lost 14 Elm Street in the
// fire", "Order 25 Baker Street delivery").
const NUMBERING_WORDS: ReadonlySet<string> = new Set(
  'day days week year month season episode chapter page part phase step stage round game match level class grade rank version edition vol volume section figure fig table'.split(
    ' ',
  ),
);

function notAfterACountWord({ start, value, input }: PatternMatch): Validation {
  const before = wordBefore(input.text, start);
  if (before === undefined) return 'valid';
  if (CAPITALISED_COUNT_WORDS.has(before) || NUMBERING_WORDS.has(before)) return 'invalid';
  // A room's number before a named place ("Room 5, The Grove hotel"), not before a house number ("Room 5, 14 Elm St").
  return before === 'room' && /^\d+[a-z]?,[ \t]*\D/i.test(value) ? 'invalid' : 'valid';
}

/** Scores an informal street line: 0.8 with a unit or postal code after it, 0.6 with a cue or a strong shape. */
function refineInformalStreet(match: PatternMatch) {
  const { value, start, end, input } = match;
  const text = input.text;
  let extended = extend(match);
  // In a post, a capitalised word after a full stop starts a sentence, not a place ("1309 sansom st . More ...").
  if (/^[ \t]*[.;][ \t]/.test(text.slice(end, end + 3))) extended = { start: extended.start, end };
  if (extended.score !== undefined) return extended;
  const parts = informalParts(value);
  const before = wordBefore(text, start);
  // With a one-digit number, a cue is not enough when the suffix is spelled as an ordinary word: "switched to 4 wheel
  // drive", "at 3 different place settings", "went to 7 seas trail" count things.
  const cue =
    before !== undefined &&
    CUE_WORDS.has(before) &&
    (parts.number.length >= 2 || ONE_DIGIT_CUE_SUFFIXES.has(parts.suffix));
  // "st" before a capitalised word is "saint" ("my 22 big st Bernards") unless a cue says otherwise.
  const saint = parts.suffix === 'st' && /^[ \t]{1,3}[A-Z\u00C0-\u00DE]/.test(text.slice(end, end + 4));
  const strong =
    INFORMAL_SUFFIX_OF.get(parts.suffix) === true &&
    parts.number.length >= 2 &&
    !/^(?:19|20)\d\d$/.test(parts.number) &&
    !saint;
  return cue || strong ? { ...extended, score: 0.6 } : extended;
}

// Street names after "The" in British addresses: greens, closes and the like, and the trees and fields that name
// closes ("The Limes", "The Paddocks").
const THE_STREETS =
  'Green|Close|Crescent|Drive|Avenue|Grove|Mews|Paddocks?|Maltings|Row|Square|Lane|Common|Meadows?|Orchard|Croft|Spinney|Chase|Ridgeway|Parade|Broadway|Quadrant|Limes|Laurels|Poplars|Willows|Elms|Oaks|Beeches|Firs|Pines|Hollies|Causeway|Strand|Terrace|Walk|Glebe|Dell|Rise|Drove|Leys|Coppice|Copse|Pastures|Sidings|Crofts|Brambles|Street|Hill|Courtyard|Stables';

/** "5 The Green": 0.6 with a place after it on its line, 0.8 with a postcode; alone it needs an address word. */
function refineTheStreet(match: PatternMatch) {
  const { span } = extendMatch(match);
  if (span.score !== undefined) return span;
  // In lower case ("14 the crescent, bath ba1 2lr") only a unit or postal code after it, or an address word, makes
  // it one: "5 the green, little snoring" may be a list.
  return span.end > match.end && match.value.includes('The') ? { ...span, score: 0.6 } : span;
}

// A date or a season before the comma, not a house number: "On 12/3, outer ring road was jammed", "till 20/11, mg
// road", "Q3 2023-24, silk road project".
const DATE_WORD_BEFORE =
  /(?:^|[^\p{L}])(?:on|till|until|til|by|from|since|before|after|upto|dated|date|q[1-4]|fy)[ \t]{1,2}$/iu;
const YEAR_RANGE = /^(?:19|20)\d\d[/-]\d{2}(?:\d\d)?,/;
function lowerCaseStreetAfterNumber(match: PatternMatch): Validation {
  if (notACountedNumber(match) === 'invalid') return 'invalid';
  if (YEAR_RANGE.test(match.value)) return 'invalid';
  if (
    /^\d{1,2}[/-]\d{1,2},/.test(match.value) &&
    DATE_WORD_BEFORE.test(match.input.text.slice(Math.max(0, match.start - 12), match.start))
  )
    return 'invalid';
  const comma = match.value.indexOf(',');
  return namesAStreet(match.value.slice(comma + 1).trim()) ? 'valid' : 'invalid';
}

/** "12/3, gandhi road": 0.6 with a number in groups, 0.8 with a unit or postal code after it. */
function refineLowerCaseStreet(match: PatternMatch) {
  const { span } = extendMatch(match);
  if (span.score !== undefined) return span;
  return /^[^,]*\d[/-]\d/.test(match.value) ? { ...span, score: 0.6 } : span;
}

/** Street addresses. */
export function createStreetAddressRecognizer() {
  return createPatternRecognizer({
    name: 'street-address',
    types: ['STREET_ADDRESS'],
    // No prefilter: "Calle Mayor s/n" and "the corner of Elm and Oak" hold no digit. Patterns that need one say so.
    context: { words: ADDRESS_WORDS, before: 40, boost: 0.3 },
    patterns: [
      {
        name: 'number-first',
        regex: new RegExp(NUMBER_FIRST_SOURCE, 'gu'),
        score: 0.7,
        minDigits: 1,
        literals: alternationLiterals(EN_SUFFIXES),
        validate: notAfterACountWord,
        refine: extend,
      },
      {
        name: 'informal-number-first',
        regex: INFORMAL_STREET,
        score: 0.3,
        // No word gate: its short suffixes ("st", "rd", "pl") cost the shared word scan more than this regex costs.
        minDigits: 1,
        validate: informalStreet,
        refine: refineInformalStreet,
      },
      {
        name: 'type-first',
        regex: new RegExp(
          `(?<![\\p{L}\\d])(?:(?:${ROMANCE_TYPES}|av),?[ \\t]{1,3}|(?:${SLASH_TYPES})[ \\t]{0,3})(?:\\d{1,2}[ \\t]de[ \\t])?${WORD}(?:[ \\t]${WORD}){0,6},?[ \\t]{0,2}(?:n[º°o]\\.?[ \\t]?)?(?:\\d{1,5}[A-Za-z]?|s/n|S/N)(?![\\p{L}\\d])${DOOR}`,
          'gu',
        ),
        score: 0.75,
        // "av" without its dot only before a blank or a comma: the letters are in many words.
        literals: [...alternationLiterals(`${ROMANCE_TYPES}|${SLASH_TYPES}`), 'av ', 'av,', 'av\t'],
        // The house number, or "s/n" (sin número).
        gate: /\d|s\/n|S\/N/,
        validate: typeFirstNamesAStreet,
        refine: extend,
      },
      {
        name: 'number-then-type',
        regex: new RegExp(
          `(?<![\\w.,-])\\d{1,5}(?:[ \\t]?(?:bis|ter|[A-Z]))?,?[ \\t]{1,2}(?:rue|avenue|av\\.|boulevard|bd|place|chemin|allée|impasse|quai|route|cours|Rue|Avenue|Boulevard|Place|Chemin|Allée|Impasse|Quai|Route|Via|Rua|Calle)[ \\t]${WORD}(?:[ \\t]${WORD}){0,5}`,
          'gu',
        ),
        score: 0.7,
        minDigits: 1,
        anyOf: [
          'rue',
          'av',
          'boulevard',
          'bd',
          'place',
          'chemin',
          'allée',
          'impasse',
          'quai',
          'route',
          'cours',
          'via',
          'rua',
          'calle',
        ],
        refine: extend,
      },
      {
        name: 'suffix-street',
        // The lookahead (letters, then a number) rules out most words before the suffix alternation is tried.
        regex: new RegExp(
          `(?<![\\p{L}\\d])(?:\\d{1,6}[ \\t])?(?:(?=[\\p{L}-]{1,60}\\.?[ \\t]\\d)\\p{L}[\\p{L}-]{0,40}(?:${SUFFIX_STREETS})|(?:\\p{Lu}[\\p{L}-]{1,30}[ \\t]){1,3}(?:${CAPITAL_SUFFIX_STREETS}))[ \\t]\\d{1,5}[ \\t]?[a-zA-Z]?(?![\\p{L}\\d])`,
          'gu',
        ),
        score: 0.7,
        minDigits: 1,
        spaceBeforeDigit: true,
        literals: alternationLiterals(`${SUFFIX_STREETS}|${CAPITAL_SUFFIX_STREETS}`),
        // A street word right before a space and the house number, read back from each space-digit pair: the regex
        // tries every word of a text that has a street word anywhere (5-8x the gate's time on long texts).
        gate: new RegExp(`[ \\t]\\d(?<=(?:${SUFFIX_STREETS}|${CAPITAL_SUFFIX_STREETS})[ \\t]\\d)`, 'u'),
        validate: notAYear,
        refine: extend,
      },
      {
        // Street words that are also English words: Estonian "tee" ("Luite tee 87", a golf tee) and Norwegian "gate"
        // after a name in the genitive ("Karl Johans gate 22", "Paris gate 32"). Alone they score below the threshold;
        // an address word before them or an address continuation after them (unit, postal code) lifts them.
        name: 'ambiguous-type-word',
        regex:
          /(?<![\p{L}\d])(?:\d{1,6}[ \t])?(?:(?:\p{Lu}[\p{L}-]{1,30}[ \t]){1,3}tee|(?:\p{Lu}[\p{L}-]{1,30}[ \t]){0,2}\p{Lu}[\p{L}-]{0,29}s[ \t]gate)[ \t]\d{1,5}[ \t]?[a-zA-Z]?(?![\p{L}\d])/gu,
        score: 0.3,
        minDigits: 1,
        spaceBeforeDigit: true,
        literals: [' tee ', ' gate ', '\ttee', '\tgate', 'tee\t', 'gate\t'],
        context: { words: ADDRESS_WORDS, before: 30, boost: 0.4 },
        validate: notAYear,
        refine: extend,
      },
      {
        // Faker-style and continental "12 Name Name 34" / "Name Name 34": only with an address word before it.
        name: 'name-number',
        // "(?<![\p{L}\d])(?:\d{1,6}[ \t])?\p{Lu}..." written to start on the digit or capital it consumes, the look-behind
        // after it: V8 then skips quickly to a possible first character instead of trying the look-behind everywhere
        // (3.5x faster on the build benchmark's texts, same matches).
        regex:
          /(?:\d(?<![\p{L}\d]\d)\d{0,5}[ \t]\p{Lu}|\p{Lu}(?<![\p{L}\d]\p{Lu}))[\p{L}'’.-]{1,30}(?:[ \t](?:\p{Lu}[\p{L}'’.-]{0,30}|de|del|la|las|los|da|do|dos|das|di|du|des|le|van|von|der|den|el)){0,3}[ \t]\d{1,5}[a-zA-Z]?(?![\p{L}\d])/gu,
        // Alone it scores below the default threshold; an address word before it or an address continuation after
        // it (unit, postal code, region) lifts it.
        score: 0.3,
        minDigits: 1,
        spaceBeforeDigit: true,
        context: { words: NAME_STREET_CUES, before: 30, boost: 0.4 },
        validate: notACountedName,
        refine: refineNameNumber,
      },
      {
        // "Doctor Esquerdo, 46" / "Reyes Católicos, 19 - 5o": a street name without a type word. Alone it scores
        // below the threshold; a postal code and place after it ("28007 Madrid") or an address word lift it.
        name: 'name-comma-number',
        regex: new RegExp(
          `(?<![\\p{L}\\d])\\p{Lu}[\\p{L}'’.-]{1,30}(?:[ \\t][\\p{L}'’.-]{1,30}){0,4},[ \\t]?(?:\\d{1,4}[A-Za-z]?|s/n)(?![\\p{L}\\d])${DOOR}`,
          'gu',
        ),
        score: 0.3,
        // The comma, then at most a space or tab, then the number or "s/n".
        literals: [',', ', ', ',\t'].flatMap((comma) => [...'0123456789', 's/n'].map((number) => comma + number)),
        context: { words: ADDRESS_WORDS, before: 30, boost: 0.4 },
        // From where the street starts: "Dr. Pascual García. Fundación Puigvert. Cartagena, 340" is one street.
        refine: (match) => extend(fromStreetStart(match)),
      },
      {
        // A labelled house number, as Indian addresses start: "H.No. 12-2-417, Gudimalkapur", "Flat No. 3B",
        // "मकान नंबर 12". The label's words are ordinary words too ("House No. 5 in the show", "in quarter no 2"):
        // it needs a place after it, a number in groups or an address word.
        name: 'house-number-label',
        regex: new RegExp(
          `(?<![\\p{L}\\d])${HOUSE_NUMBER_LABEL}[ \\t]?[:#-]?[ \\t]?${HOUSE_NUMBER}(?![\\p{L}\\d])`,
          'giu',
        ),
        score: 0.3,
        minDigits: 1,
        anyOf: HOUSE_NUMBER_LABEL_WORDS,
        refine: refineLabelledHouseNumber,
      },
      {
        // A bare house number, a comma and a place ("B-204, Lake View Apartments, Powai, Mumbai 400076", "45, गांधी
        // नगर, जयपुर 302015"): reported only when the places after it end in a postal code (extend's strong score)
        // or an address noun precedes it ("Address: 45, Gandhi Nagar"); a number before a comma and a name is
        // otherwise a score, a count, a time or a list ("won 3, Chicago 2", "Meet at 7, Starbucks", "Rank 4, Pune").
        name: 'number-comma-place',
        regex: new RegExp(
          `(?:[A-Z](?<![\\p{L}\\d/.,-][A-Z])-?\\d|\\d(?<![\\p{L}\\d/.,-]\\d))\\d{0,4}(?:[/-]\\d{1,5}){0,3}[A-Za-z]?(?=,[ \\t]{0,2}(?:\\p{Lu}|\\d{1,2}(?:st|nd|rd|th)[ \\t]|[${DEVANAGARI_LETTERS}]))`,
          'gu',
        ),
        score: 0.2,
        minDigits: 1,
        literals: [','],
        context: { words: ADDRESS_NOUNS, before: 40, boost: 0.3 },
        validate: notACountedNumber,
        refine: refineNumberBeforePlaces,
      },
      {
        // A house number, a comma and a street in lower case, as Indian addresses are typed ("12/3, gandhi road, t
        // nagar", "45, mg road"): a number in groups makes it an address, a bare one needs a cue or a continuation.
        name: 'number-comma-lower-street',
        regex: new RegExp(
          `\\d(?<![\\p{L}\\d/.,-]\\d)\\d{0,4}(?:[/-]\\d{1,5}){0,3},[ \\t]{0,2}(?:[a-z]{1,20}[ \\t]){1,3}(?:${INDIAN_STREET_WORDS})(?![\\p{L}\\d])`,
          'gu',
        ),
        score: 0.3,
        minDigits: 1,
        // A digit right before the comma, and a street word.
        literals: [...'0123456789'].map((digit) => `${digit},`),
        anyOf: INDIAN_STREET_WORDS.split('|'),
        context: { words: ADDRESS_NOUNS, before: 40, boost: 0.3 },
        validate: lowerCaseStreetAfterNumber,
        refine: refineLowerCaseStreet,
      },
      {
        // A British house number before a street named "The ..." ("5 The Green, Little Snoring", "12 The Paddocks,
        // Wick"): with a place after it on its line, or a postcode.
        name: 'number-the-street',
        regex: new RegExp(
          `\\d(?<![\\p{L}\\d/.,-]\\d)\\d{0,3}[A-Za-z]?,?[ \\t](?:The[ \\t](?:${THE_STREETS})|the[ \\t](?:${THE_STREETS.toLowerCase()}))(?![\\p{L}\\d])`,
          'gu',
        ),
        score: 0.3,
        minDigits: 1,
        // The number (or its comma) right before "The ".
        literals: [...'0123456789,'].flatMap((last) => [' The ', '\tThe ', ' the ', '\tthe '].map((the) => last + the)),
        context: { words: ADDRESS_NOUNS, before: 40, boost: 0.3 },
        validate: notACountedNumber,
        refine: refineTheStreet,
      },
      {
        // Brazilian "R." for Rua ("R. Oscar Freire, 900", "r. augusta 500"): an initial too ("R. Kelly, 45"), so it
        // needs an address word, a unit or a postal code after it. The look-behind follows the letter it checks, so
        // the regex starts only at an 'R' (its literals gate passes on every "Mr. ").
        name: 'rua-abbreviation',
        regex: new RegExp(
          `[Rr](?<![\\p{L}\\d.][Rr])\\.[ \\t]${WORD}(?:[ \\t]${WORD}){0,5},?[ \\t]{1,2}(?:n[º°o]\\.?[ \\t]?)?\\d{1,5}[A-Za-z]?(?![\\p{L}\\d])`,
          'gu',
        ),
        score: 0.3,
        minDigits: 1,
        literals: ['R. ', 'r. ', 'R.\t', 'r.\t'],
        context: { words: ADDRESS_WORDS, before: 30, boost: 0.4 },
        validate: notAYear,
        refine: extend,
      },
      {
        // Intersections: "the corner of Dalbraut 99 and Frederikke Coves".
        name: 'corner-of',
        regex:
          /(?<![\p{L}])(?:the )?(?:corner|intersection) of (?:[\p{L}\d'’.-]{1,30} ){1,5}(?:and|&) [\p{L}\d'’.-]{1,30}(?: \p{Lu}[\p{L}\d'’.-]{0,30}){0,3}/giu,
        score: 0.6,
        anyOf: ['corner of', 'intersection of'],
      },
      {
        name: 'unit',
        // "Unit 3 of 10", "Flat 3 of 5" count.
        regex:
          /(?<![\p{L}\d])(?:Apt\.?|Apartment|Suite|Ste\.|Unit|Flat)[ \t]?#?[ \t]?\d{1,5}[A-Za-z]?(?![\p{L}\d]|[ \t]of[ \t]\d)/gu,
        score: 0.55,
        minDigits: 1,
        literals: ['Apt', 'Apartment', 'Suite', 'Ste.', 'Unit', 'Flat'],
        validate: notACountedUnit,
        refine: extend,
      },
      {
        // Flats and apartments in lower case before places ("flat 302, sai residency, madhapur, hyderabad 500081",
        // "apt 3, chicago il 60640"): "flat" is an ordinary word, so only a postal code or a unit after it, or an
        // address word, makes one. ("suite" and "unit" in lower case cost the shared word scan more than they find.)
        name: 'lower-case-unit',
        regex: /[af](?<![\p{L}\d][af])(?:pt\.?|lat)[ \t]?\d{1,5}[a-z]?(?=,)/gu,
        score: 0.3,
        minDigits: 1,
        // The unit word and the first digit, with or without a blank between them.
        literals: ['apt', 'apt.', 'flat'].flatMap((word) =>
          [...'0123456789'].flatMap((digit) => [`${word}${digit}`, `${word} ${digit}`, `${word}\t${digit}`]),
        ),
        context: { words: ADDRESS_NOUNS, before: 40, boost: 0.3 },
        validate: notACountedUnit,
        refine: extend,
      },
      {
        name: 'po-box',
        regex:
          /(?<![\p{L}\d])(?:P\.?[ \t]?O\.?[ \t]?Box|Post(?:fach|box)|Apartado(?: de [Cc]orreos)?|Caixa Postal|Boîte [Pp]ostale)[ \t]{0,2}\d{1,6}/gu,
        score: 0.7,
        minDigits: 1,
        literals: ['Box', 'Post', 'Apartado', 'Boîte'],
        refine: extend,
      },
      {
        // US military mail, in any case: "PSC 3294, Box 9168 / APO AA 61487", "uscgc hamilton / fpo ae 44941".
        name: 'military',
        regex:
          /(?<![\p{L}\d])(?:(?:PSC|Unit|CMR)[ \t]\d{3,5},?[ \t]Box[ \t]\d{1,5}|(?:USNS|USNV|USS|USCGC)[ \t]\p{L}{2,21}(?=\s{1,3}[AF]PO[ \t]A[AEP][ \t]\d{5}))(?:\s{1,3}[AF]PO[ \t]A[AEP][ \t]\d{5}|\s{1,3}DPO[ \t]A[AEP][ \t]\d{5})?/giu,
        score: 0.85,
        minDigits: 3,
        anyOf: ['psc', 'unit', 'cmr', 'usns', 'usnv', 'uss', 'uscgc'],
        refine: extend,
      },
    ],
  });
}

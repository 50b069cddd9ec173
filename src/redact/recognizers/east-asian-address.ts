// STREET_ADDRESS and POSTAL_CODE in Japanese, Chinese and Korean writing, which the Latin-script address patterns
// cannot read: no spaces, the largest unit first, and the number last ("〒100-0001 東京都千代田区千代田1-1",
// "北京市朝阳区建国路88号", "서울특별시 강남구 테헤란로 152").
//
// Each regex starts at the character that closes the first unit it needs (a city or ward character, a Korean
// province or city word), never inside the place name before it: a regex that started at every character of a run of
// Han would try every length of that name there, and a page of Han costs a hundred steps per character. `refine` then
// reaches back over the name (and a Japanese postal code before it), a bounded walk.

import type { PatternMatch } from '../pattern-recognizer.js';
import { createPatternRecognizer } from '../pattern-recognizer.js';

/** Han, kana or Hangul (and the Japanese postal mark): texts without them skip every regex. */
const EAST_ASIAN = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af〒]/;
const FULLWIDTH_DIGIT = /[０-９]/;

const DIGIT = '[0-9０-９]';
const DASH = '[-－‐―]';
const KANA_HAN = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}ー]';
const JP_POSTAL = `〒[ \\t　]?${DIGIT}{3}${DASH}?${DIGIT}{4}`;
// From the city, ward, district, town or village character, the rest of the place, then the block: "1丁目2番3号",
// "1-2-3", "5番地".
// A bare "N番" is a rank ("1番人気"), and "N-N" before a counter a range or a score ("2024-2025年", "2-1で勝利").
const JP_BLOCK = `${DIGIT}{1,4}(?:丁目(?:${DIGIT}{1,4}(?:番地?|${DASH})?(?:${DIGIT}{1,4}号?)?)?|${DASH}${DIGIT}{1,4}(?:${DASH}${DIGIT}{1,4})?(?![年月日時分秒歳人点位回件個枚円名戦勝敗週]|${DIGIT})|番地(?:${DIGIT}{1,4}号?)?|番${DIGIT}{1,4}号?)`;
// A particle right before the number makes a sentence ("地区大会で3-0", "試合は2-1"); inside a town's name it is
// part of the name ("もえぎ野1-2-3", "はるひ野5-1-1").
// Sapporo and Asahikawa number their blocks on a grid before the chome ("中央区北1条西2丁目").
const JP_GRID = `${DIGIT}{1,2}条[東西南北]?`;
const JP_ADDRESS = `[市区郡町村]${KANA_HAN}{0,12}?(?:${JP_GRID})?(?<![でをはにもがの])${JP_BLOCK}`;
// A Chinese address ends with a road, street or lane and its number: from the province, city, district, county or
// town character, "区建国路88号".
// (Simplified and traditional: 区/區, 县/縣, 号/號; a section before the number, "忠孝東路四段100號". Not 里, which is
// also "inside": "超市里3号货架".)
// After the road, a lane (巷) and an alley (弄) maybe, before the building's number ("復興南路一段100巷5弄3號",
// "衡山路88弄12号"); an alley is itself an address in Shanghai ("愚园路1088弄"), a lane is not.
// After the number, the building, unit, floor and flat when given ("18号2单元502室", "789號12樓", "19号院3号楼").
const CN_FLAT = `(?:院?${DIGIT}{1,3}[号號]?[楼樓栋棟座幢])?(?:${DIGIT}{1,3}[单單]元)?(?:${DIGIT}{1,3}[楼樓层層F])?(?:${DIGIT}{1,5}(?:室|[号號]房))?`;
const CN_NUMBER = `${DIGIT}{1,5}[号號](?:之${DIGIT}{1,4})?${CN_FLAT}`;
const CN_ADDRESS = `[省市区县镇區縣]\\p{Script=Han}{0,12}?[路街道巷弄](?:[一二三四五六七八九十]段)?(?:(?:${DIGIT}{1,5}巷)?${DIGIT}{1,5}[弄衖](?:${CN_NUMBER}|(?!${DIGIT}))|${DIGIT}{1,5}巷${CN_NUMBER}|${CN_NUMBER})`;
// A Korean road or lot address: from the province or city word, one or two districts, then the road (or dong) and
// its number.
// From the first of them written with its marker ("서울특별시 강남구", or "강남구" after a bare "서울").
const KR_ADDRESS =
  '(?:특별시|광역시|특별자치시|특별자치도|[도시군구])[ \\t]{1,3}(?:[가-힣]{1,6}[시군구][ \\t]{1,3}){0,2}[가-힣0-9]{1,12}(?:로|길|동|읍|면|리)[ \\t]{0,3}[0-9]{1,5}(?:-[0-9]{1,5})?(?:번지|번길)?(?![0-9])';

const HAN = /\p{Script=Han}/u;
const HANGUL = /[가-힣]/;
// Chinese writes "I live in" against the place ("我住在北京市..."): the span starts after these words (pronouns,
// "home", "live", "send/move to", "at/in", "located", "address").
const CN_LEAD = /^(?:我们|我|老家|家|寄|送|搬|你|他|她|住在|住|在|位于|于|地址是?|是|到|去|来自|从|的)+/u;
const JP_POSTAL_BEFORE = new RegExp(`${JP_POSTAL}[ \\t　]{0,3}$`, 'u');
const JP_PREFECTURE_END = /[都道府県]/;

/** The start of the run of at most `max` characters matching `letter` that ends at `at`. */
function reachBack(text: string, at: number, max: number, letter: RegExp): number {
  let start = at;
  while (start > 0 && at - start < max && letter.test(text.charAt(start - 1))) start--;
  return start;
}

const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}ー]/u;
const LETTER = /\p{L}/u;
/** Particles that end the words before a city written in kana ("住所はさいたま市"), or stand in its name ("かすみがうら"). */
const JP_PARTICLE = /[はにでをがのもとへや]/u;
/** What follows 市 in the words "citizen", "market", "city-run", "municipal" rather than in an address (not 内: "いわき市内郷"). */
const KANA_CITY_WORD = /[民場営立]/u;

/**
 * The start of a city's name that ends at `start`: Han, not reaching past a prefecture's last character ("大阪府|大阪市"),
 * unless the name itself ends with one ("京都市"); and kana before the Han or in their place ("さいたま市", "あきる野市",
 * "南アルプス市") when they start after a prefecture, a space or punctuation, or, for a city in kana alone, after the
 * last particle before it. `start` when there is no name.
 */
function japaneseCityStart(text: string, start: number): number {
  let from = start;
  if (JP_PREFECTURE_END.test(text.charAt(from - 1)) && HAN.test(text.charAt(from - 2))) from--;
  while (
    from > 0 &&
    start - from < 6 &&
    HAN.test(text.charAt(from - 1)) &&
    !JP_PREFECTURE_END.test(text.charAt(from - 1))
  )
    from--;
  const kana = reachBack(text, from, 8, KANA);
  if (kana === from) return from;
  const before = text.charAt(kana - 1);
  if (JP_PREFECTURE_END.test(before)) return kana;
  // A name in kana alone, not after a prefecture, names a city only with 市 and not in a word made with it (市民,
  // 市場): a ward, town or village in kana is a word before 区/町/村 ("きょう区大会", "きのう町内会", "みんなで区民").
  if (from === start && (text.charAt(start) !== '市' || KANA_CITY_WORD.test(text.charAt(start + 1)))) return start;
  if (kana === 0 || !LETTER.test(before)) return kana;
  if (from < start) return from;
  // A particle right after the word in kanji before the kana ends it ("実家は|かすみがうら市"); else the last one does.
  if (JP_PARTICLE.test(text.charAt(kana))) return kana + 1 < from ? kana + 1 : start;
  for (let at = from - 1; at >= kana; at--) if (JP_PARTICLE.test(text.charAt(at))) return at + 1;
  return start;
}

/** A Japanese address from its city character: the city's name, the prefecture before it, a postal code before that. */
function japaneseStart({ start, end, input }: PatternMatch): { start: number; end: number } {
  const text = input.text;
  let from = japaneseCityStart(text, start);
  if (from === start) return { start: -1, end };
  // The prefecture: its character and a name of two or three before it.
  if (JP_PREFECTURE_END.test(text.charAt(from - 1))) {
    const name = reachBack(text, from - 1, 3, HAN);
    if (from - 1 - name >= 2) from = name;
  }
  const postal = JP_POSTAL_BEFORE.exec(text.slice(Math.max(0, from - 16), from));
  if (postal !== null) from -= postal[0].length;
  return { start: from, end };
}

/** A Chinese address from its region character: the region's name (at most 8 Han), without "I live in". */
function chineseStart({ start, end, input }: PatternMatch): { start: number; end: number } {
  const text = input.text;
  const from = reachBack(text, start, 8, HAN);
  if (from === start) return { start: -1, end };
  const lead = CN_LEAD.exec(text.slice(from, start))?.[0].length ?? 0;
  return { start: from + lead < start ? from + lead : from, end };
}

// Provinces and metropolitan cities written without their marker before a district ("서울 강남구").
const KOREAN_REGIONS = new Set(
  '서울 부산 대구 인천 광주 대전 울산 세종 경기 강원 충북 충남 전북 전남 경북 경남 제주'.split(' '),
);

/**
 * A Korean address from its first marker: the name before it (at most six syllables), and a province or city before
 * that, with its marker or a bare region name.
 */
function koreanStart({ value, start, end, input }: PatternMatch): { start: number; end: number } {
  const text = input.text;
  let from = reachBack(text, start, 6, HANGUL);
  if (from === start) return { start: -1, end };
  const before = /([가-힣]{1,7})[ \t]{1,3}$/.exec(text.slice(Math.max(0, from - 12), from));
  const region = before?.[1];
  const named = region !== undefined && (/[도시]$/.test(region) || KOREAN_REGIONS.has(region));
  if (named) from -= before?.[0].length ?? 0;
  // A one-syllable marker is also a particle or the end of a word ("나도 학교로 3시에", "친구 집으로 5시"): without a
  // province or city word of its own, a second district or a region before it, the match is a sentence.
  const marker =
    /^(?:특별시|광역시|특별자치시|특별자치도)/.test(value) || /^[도시군구][ \t]+[가-힣]{1,6}[시군구][ \t]/.test(value);
  return { start: named || marker ? from : -1, end };
}

const dropUnlessNamed =
  (reach: (match: PatternMatch) => { start: number; end: number }) =>
  (match: PatternMatch): { start: number; end: number } | null => {
    const range = reach(match);
    return range.start < 0 ? null : range;
  };

/** East Asian street addresses and Japanese postal codes. */
export function createEastAsianAddressRecognizer() {
  return createPatternRecognizer({
    name: 'east-asian-address',
    types: ['STREET_ADDRESS', 'POSTAL_CODE'],
    prefilter: (text, features) => (features.digits >= 1 || FULLWIDTH_DIGIT.test(text)) && EAST_ASIAN.test(text),
    patterns: [
      { name: 'jp-address', regex: new RegExp(JP_ADDRESS, 'gu'), score: 0.85, refine: dropUnlessNamed(japaneseStart) },
      { name: 'cn-address', regex: new RegExp(CN_ADDRESS, 'gu'), score: 0.85, refine: dropUnlessNamed(chineseStart) },
      { name: 'kr-address', regex: new RegExp(KR_ADDRESS, 'gu'), score: 0.85, refine: dropUnlessNamed(koreanStart) },
      { name: 'jp-postal-code', regex: new RegExp(JP_POSTAL, 'gu'), score: 0.9, type: 'POSTAL_CODE' },
    ],
  });
}

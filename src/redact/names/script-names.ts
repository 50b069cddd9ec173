// Names in scripts the tagger was not trained on. Its weights come from English and Spanish corpora: in Arabic,
// Hebrew, Devanagari, Thai, Hangul or Han text it sees no capital letters and no context word it knows, and finds
// nothing. Three rules stand in for it there, each on evidence a reader would accept:
// 1. A self-introduction: a phrase that gives the writer's name ("اسمي", "שמי", "मेरा नाम", "меня зовут",
//    "제 이름은", "我叫", "私の名前は", "ผมชื่อ"), then the name: one or two words, or for Han and Kana a short run of
//    characters.
// 2. Two or more adjacent words of a non-Latin script that are all given or family names in the gazetteer
//    ("محمد أحمد", "דוד כהן").
// 3. A Korean or Chinese full name written as one word: a common one-syllable (one-character) family name, which the
//    gazetteer cannot hold (it keeps words of two letters or more), before a two-syllable given name it holds
//    ("김민수", "王子涵"); and a Japanese family name before a given name, both in the gazetteer ("中村七海").
// Latin-script text never reaches them: one regex test finds no non-Latin letter and they return nothing.

import { foldToken } from '../known/fold.js';
import { escapeRegExp } from '../pattern-recognizer.js';
import { GAZ, type Gazetteer } from './gazetteer.js';
import { createTokenizer, type Tokens } from './tokenize.js';

export interface ScriptName {
  readonly start: number;
  readonly end: number;
  readonly score: number;
  readonly rule: 'introduction' | 'name-list run' | 'family and given name';
}

export const INTRODUCTION_SCORE = 0.75;
export const LIST_RUN_SCORE = 0.65;
export const FULL_NAME_SCORE = 0.6;

/** A letter of a script other than Latin (Greek and beyond, without Latin Extended Additional and symbols). */
const NON_LATIN_LETTER =
  '[\\u0370-\\u03ff\\u0400-\\u1dff\\u1f00-\\u1fff\\u2c00-\\u2dff\\u3040-\\u30ff\\u3400-\\u9fff\\ua000-\\ua4cf\\uac00-\\ud7af]';
const NON_LATIN = new RegExp(NON_LATIN_LETTER);
const NON_LATIN_START = new RegExp(`^${NON_LATIN_LETTER}`);

// Phrases that introduce the writer's name. Spaced: a word boundary before them; unspaced scripts (Han, Kana, Thai)
// write them against the words around them.
const SPACED_CUES = [
  'اسمي',
  'إسمي',
  'اسمى',
  'اسم من',
  'نام من',
  'میرا نام',
  'שמי',
  'קוראים לי',
  'השם שלי',
  'मेरा नाम',
  'मेरो नाम',
  'माझे नाव',
  'আমার নাম',
  'меня зовут',
  'моё имя',
  'мое имя',
  'мене звати',
  'με λένε',
  'λέγομαι',
  'το όνομά μου είναι',
  '제 이름은',
  '내 이름은',
  '저의 이름은',
];
const UNSPACED_CUES = [
  '我叫',
  '名叫',
  '我的名字是',
  '我的名字叫',
  '姓名：',
  '姓名:',
  '私の名前は',
  '僕の名前は',
  'わたしの名前は',
  '名前は',
  'ผมชื่อ',
  'ฉันชื่อ',
  'ดิฉันชื่อ',
  'หนูชื่อ',
  'เราชื่อ',
  'ชื่อของฉันคือ',
];
const CUE = new RegExp(
  `(?<![\\p{L}\\p{M}])(?:${SPACED_CUES.map(escapeRegExp).join('|')})|(?:${UNSPACED_CUES.map(escapeRegExp).join('|')})`,
  'giu',
);

// Words that end a name after a cue: copulas and conjunctions ("मेरा नाम राहुल है", "اسم من علی است").
const STOP_WORDS: ReadonlySet<string> = new Set(
  'است هست هستم ہے ہوں و है हूँ हूं हो और आहे আর 입니다 이에요 예요 이고 и а та και είναι וגר ואני'.split(' '),
);
// After a cue, words that a name follows ("اسمي هو أحمد", "השם שלי הוא דני", "मेरा नाम भी राहुल है"): copulas, "also",
// "just", "full", "real". They are passed over (two at most) to the name.
const BEFORE_NAME: ReadonlySet<string> = new Set(
  'هو هي الكامل الحقيقي أيضا ايضا הוא היא גם פשוט המלא האמיתי भी तो असली पूरा बस'.split(' '),
);
// After a cue, words that say something about the name instead of giving it ("제 이름은 좀 길어요", "اسمي ليس مهما",
// "השם שלי לא חשוב", "मेरा नाम बहुत लंबा है", "मेरा नाम क्या है"): negations, question words, degree adverbs and
// common adjectives of a name (long, rare, secret ...). Korean words are compared without their endings ("비밀이에요").
const NOT_A_NAME_AFTER_CUE: ReadonlySet<string> = new Set(
  [
    'ليس ليست مش مو لا ما طويل قصير صعب سهل سر سري غريب جميل مهم عادي معروف جدا كذلك غير كان نفس مكتوب مكتوبة',
    'غلط خطأ في فى على من عن مع عند الى إلى',
    'לא ארוך קצר חשוב סוד מוזר רגיל נדיר באמת ממש די כבר עדיין מה כתוב כתובה ככה כך',
    'क्या बहुत कुछ नहीं लंबा अजीब आसान मुश्किल सब सबको थोड़ा बड़ा छोटा सच वही यही गुप्त गलत ग़लत लिखा',
    '좀 조금 너무 정말 진짜 아주 꽤 참 아직 뭐 뭔가 별로 그냥 다 또 더 잘 못 왜 어떻게 사실 원래 비밀 특이 흔한 이상한',
    '평범 되게 엄청 완전 약간 많이 항상 거의 꼭 그 저 무슨 어떤 아무 아무도 모두 다들 사람들 없어요 없습니다',
    // Who gave the name ("내 이름은 엄마가 지어줬어"), compared without a particle.
    '엄마 아빠 어머니 아버지 부모님 부모 할머니 할아버지 친구 친구들 선생님',
  ]
    .join(' ')
    .split(' '),
);
// Korean predicates ("길어요", "특이해요", "어렵습니다", "흔해서"): a name takes the copula, which is stripped before.
// An adverbial case ending says how the name is written or said ("한자로 쓰면", "영어로"), not the name.
const KOREAN_PREDICATE =
  /(?:[어아여워해네세군지나까]요|니다|해서|어서|지만|는데|거든요|하지|로|에서|에게|한테|부터|까지|처럼|보다)$/u;
// Hindi postpositions: a word before one is a noun of the sentence ("मेरा नाम लिस्ट में नहीं है"), not a name.
const HINDI_POSTPOSITIONS: ReadonlySet<string> = new Set('में पर से को का की के तक'.split(' '));
// After "名前は", what a name is not: "まだ", "秘密", "何", "普通" before the copula ("私の名前は秘密です"). A run of kanji
// followed by kana other than a particle or the copula is a verb or an adjective ("長いです", "忘れました").
const JAPANESE_NOT_A_NAME =
  /^(?:まだ|秘密|内緒|何|なに|なん|普通|特に|別に|本当|ちょっと|平凡|不明|未定|同じ|大事|大切|簡単|変|ない|親|両親|父|母|祖父|祖母)/u;
const JAPANESE_AFTER_NAME = /^(?:です|でした|でござい|だ|と|さん|ちゃん|くん|さま|って|で|じゃ|に|は|が|の|も|や|を)/u;
// After "我叫" and the other Chinese cues, what a name does not start with: "我叫不出来", "我叫了外卖", "我叫他",
// "我的名字是秘密", "我的名字叫什么不重要" (pronouns, negations, aspect and verb complements, question words, errands).
// 都 ("all") and 车 ("a car") are family names too (Du, Che: "我叫车晓明", "我叫都敏俊"): words only alone or before
// a verb or particle ("我叫车", "我叫车来", "都是").
const CHINESE_NOT_A_NAME =
  /^(?:[不没了过着他她你您我它们醒起出住到的得啥这那哪谁也就很太]|[都车](?:$|[来去到子了是不没很也叫])|什么|外卖|快递|秘密|救护车|出租车|妈妈|爸爸|老公|老婆|朋友|大家|别人)/u;
// Thai: "ผมชื่อเล่นว่าต้น" (my nickname is Ton), "ชื่อจริงคือ ..." lead to the name; "ผมชื่ออะไร", "ชื่อยาว" do not.
const THAI_BEFORE_NAME = /^(?:เล่น|จริง)?(?:ว่า|คือ)?/u;
// Polite particles written against the name at the end of the sentence ("ผมชื่อต้นครับ").
const THAI_POLITE_END = /(?:ครับ|ค่ะ|คะ|ค่า|จ้ะ|จ้า)+$/u;
const THAI_NOT_A_NAME = /^(?:อะไร|ไม่|ยาว|แปลก|ง่าย|ยาก|เหมือน|ก็)/u;

// Function words of Arabic, Persian and Hebrew that the name lists also hold (على "on" is a spelling of Ali): never
// part of a run of listed names. Folded as the words are, so vowel marks do not get past ("عَلى"). Not الله, which
// ends names written apart ("عبد الله").
const NOT_NAMES: ReadonlySet<string> = new Set(
  'على علی في فی من الى إلى عن مع هو هي ان أن لا ما از به با در که را این آن על של את עם אל זה לי לך לו לה'
    .split(' ')
    .map(foldToken),
);
// Korean endings after a name written as one word with it ("김민수입니다", "민수예요"), and one-syllable particles
// ("김민수가"), which are stripped only from three syllables or more: "이하은" is a name ending in 은, not 이하 + 은.
const HANGUL_ENDINGS = ['입니다', '이에요', '이예요', '예요', '이라고', '라고', '이야', '이고', '님', '씨'];
const HANGUL_PARTICLES = ['이', '가', '은', '는', '을', '를', '의', '야', '도', '와', '과'];
// Two-syllable Korean family names, then the common one-syllable ones (public lists of Korean surnames).
const KOREAN_FAMILY_2 = new Set(['남궁', '황보', '제갈', '선우', '독고', '사공', '서문']);
const KOREAN_FAMILY_1 = new Set(
  '김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남 심 노 하 곽 성 차 주 우 구 민 진 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 왕 금 옥 육 인 맹 제 모 탁 국 어 은 편 용 예 경 봉 사 부 가 복 태 목 형 계 피 두 감 음 빈 동 온 호 범 좌 팽 승 간 상 갈 단 견 당'.split(
    ' ',
  ),
);
// Common one-character Chinese family names, and two-character ones (public lists of Chinese surnames).
const CHINESE_FAMILY_1 = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤張劉陳楊黃趙吳孫馬鄭謝許韓馮鄧蕭葉蘇呂盧鍾譚陸賈韋鄒閻龍陶賀顧龔錢湯'.split(
    '',
  ),
);
const CHINESE_FAMILY_2 = new Set([
  '欧阳',
  '上官',
  '司马',
  '诸葛',
  '司徒',
  '夏侯',
  '东方',
  '皇甫',
  '慕容',
  '令狐',
  '歐陽',
  '司馬',
  '諸葛',
]);

const HAN = /^\p{Script=Han}$/u;
// A second run after a space only when the name ends there ("山田 花子です", not "田中 東京に住んでいます"), and a name
// in hiragana only before the copula or "と申します" ("さくらです", not "まだない").
const JAPANESE_NAME =
  /^[\p{Script=Han}\p{Script=Katakana}ー]{1,6}(?:[ 　][\p{Script=Han}\p{Script=Katakana}ー]{1,6}(?=です|と申|さん|[。、！!\s]|$))?/u;
const HIRAGANA_NAME = /^\p{Script=Hiragana}{2,6}?(?=です|と申)/u;
const HAN_RUN = /^\p{Script=Han}+/u;
const THAI_RUN = /^[\u0e00-\u0e7f]+/;
const CUE_GAP = /^[ \t:：,，]*/;

const NAME_FLAGS = GAZ.FIRST | GAZ.LAST;

/**
 * Names in non-Latin scripts in `text` (see the rules above), sorted by start and disjoint. `words`: the text's tokens
 * when the caller has them (the tagger's, see NameTagger.words), else it is tokenized here.
 */
export function scriptNames(
  text: string,
  gazetteer: Gazetteer,
  words?: Pick<Tokens, 'count' | 'starts' | 'ends'>,
): ScriptName[] {
  if (!NON_LATIN.test(text)) return [];
  const found: ScriptName[] = [];
  const tokens = words ?? tokenizer(text);
  const word = (i: number): string => text.slice(tokens.starts[i], tokens.ends[i]);
  // A text repeats its words: each is folded and looked up once.
  const seen = new Map<string, number>();
  const flags = (i: number): number => {
    const w = word(i);
    let f = seen.get(w);
    if (f === undefined) {
      const folded = foldToken(w);
      f = NOT_NAMES.has(folded) ? 0 : gazetteer.flags(folded);
      seen.set(w, f);
    }
    return f;
  };
  const nonLatin = (i: number): boolean => i < tokens.count && NON_LATIN_START.test(word(i));
  const adjacent = (i: number): boolean =>
    i + 1 < tokens.count && /^\s+$/.test(text.slice(tokens.ends[i], tokens.starts[i + 1]));
  // The first token ending after `offset` (binary search: a text may hold a cue per word).
  const tokenAt = (offset: number): number => {
    let lo = 0;
    let hi = tokens.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((tokens.ends[mid] ?? 0) > offset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };

  // 1. Introductions.
  CUE.lastIndex = 0;
  for (let m = CUE.exec(text); m !== null; m = CUE.exec(text)) {
    const after = m.index + m[0].length;
    let from = after + (CUE_GAP.exec(text.slice(after, after + 16))?.[0].length ?? 0);
    let rest = text.slice(from, from + 64);
    const japanese = /名前は$/.test(m[0]);
    let end = -1;
    if (japanese) {
      if (!JAPANESE_NOT_A_NAME.test(rest)) end = from + japaneseNameLength(rest);
    } else if (HAN.test(rest.charAt(0))) {
      const run = HAN_RUN.exec(rest)?.[0] ?? '';
      const family = CHINESE_FAMILY_2.has(run.slice(0, 2)) ? 2 : 1;
      if (family === 2 || !CHINESE_NOT_A_NAME.test(run)) end = from + Math.min(run.length, family + 2);
    } else if (THAI_RUN.test(rest)) {
      const lead = THAI_BEFORE_NAME.exec(rest)?.[0].length ?? 0;
      from += lead;
      rest = rest.slice(lead);
      const run = THAI_RUN.exec(rest)?.[0] ?? '';
      if (THAI_NOT_A_NAME.test(run)) continue;
      const polite = THAI_POLITE_END.exec(run)?.[0].length ?? 0;
      end = from + (polite < run.length ? run.length - polite : run.length);
      const next = /^ ([\u0e00-\u0e7f]+)/.exec(text.slice(end, end + 40));
      // Thai writes the family name after a space; a short run there is taken with it (a long one is the next clause).
      const family = next?.[1];
      if (family !== undefined && (family.length <= 10 || (gazetteer.flags(foldToken(family)) & GAZ.LAST) !== 0)) {
        end += family.length + 1;
      }
    } else {
      let i = tokenAt(from);
      if (i >= tokens.count || tokens.starts[i] !== from) continue;
      for (let passed = 0; passed < 2 && BEFORE_NAME.has(word(i)) && adjacent(i); passed++) i++;
      from = tokens.starts[i] ?? from;
      const beforePostposition = adjacent(i) && HINDI_POSTPOSITIONS.has(word(i + 1));
      if (nonLatin(i) && !STOP_WORDS.has(word(i)) && !saysNoName(word(i)) && !beforePostposition) {
        end = tokens.ends[i] ?? from;
        if (/^\p{Script=Hangul}/u.test(word(i))) {
          end = from + stripHangulEnding(word(i)).length;
          // A family name written apart from the given name ("김 민수입니다").
          if (KOREAN_FAMILY_1.has(word(i)) && adjacent(i) && /^\p{Script=Hangul}/u.test(word(i + 1))) {
            end = (tokens.starts[i + 1] ?? end) + stripHangulEnding(word(i + 1)).length;
          }
        }
        // A second word when it is a listed name, or when a copula or the end of the clause follows it.
        else if (adjacent(i) && nonLatin(i + 1) && !STOP_WORDS.has(word(i + 1))) {
          const closed = !adjacent(i + 1) || STOP_WORDS.has(word(i + 2));
          if ((flags(i + 1) & NAME_FLAGS) !== 0 || closed) end = tokens.ends[i + 1] ?? end;
        }
      }
    }
    if (end > from) found.push({ start: from, end, score: INTRODUCTION_SCORE, rule: 'introduction' });
  }

  for (let i = 0; i < tokens.count; i++) {
    if (!nonLatin(i)) continue;
    // 2. Runs of listed names.
    if ((flags(i) & NAME_FLAGS) !== 0) {
      let j = i;
      while (adjacent(j) && nonLatin(j + 1) && (flags(j + 1) & NAME_FLAGS) !== 0) j++;
      if (j > i) {
        found.push({
          start: tokens.starts[i] ?? 0,
          end: tokens.ends[j] ?? 0,
          score: LIST_RUN_SCORE,
          rule: 'name-list run',
        });
        i = j;
        continue;
      }
    }
    // 3. Family and given name as one word.
    const w = word(i);
    const start = tokens.starts[i] ?? 0;
    if (/^\p{Script=Hangul}+$/u.test(w)) {
      const name = stripHangulEnding(w);
      const family = KOREAN_FAMILY_2.has(name.slice(0, 2)) ? 2 : KOREAN_FAMILY_1.has(name.charAt(0)) ? 1 : 0;
      if (family > 0 && name.length === family + 2 && (gazetteer.flags(name.slice(family)) & GAZ.FIRST) !== 0) {
        found.push({ start, end: start + name.length, score: FULL_NAME_SCORE, rule: 'family and given name' });
      }
    } else if (HAN.test(w.charAt(0))) {
      for (const span of hanFullNames(w, gazetteer)) {
        found.push({
          start: start + span.start,
          end: start + span.end,
          score: FULL_NAME_SCORE,
          rule: 'family and given name',
        });
      }
    }
  }
  return disjoint(found);
}

const tokenizer = createTokenizer();

/** Whether the word after a cue speaks of the name instead of giving it (NOT_A_NAME_AFTER_CUE, KOREAN_PREDICATE). */
function saysNoName(word: string): boolean {
  if (NOT_A_NAME_AFTER_CUE.has(word)) return true;
  if (!/^\p{Script=Hangul}/u.test(word)) return false;
  const bare = stripHangulEnding(word);
  const withoutParticle = HANGUL_PARTICLES.includes(word.slice(-1)) ? word.slice(0, -1) : word;
  return NOT_A_NAME_AFTER_CUE.has(bare) || NOT_A_NAME_AFTER_CUE.has(withoutParticle) || KOREAN_PREDICATE.test(bare);
}

/**
 * The length of the name at the start of `rest`, after "名前は": kanji or katakana, maybe family and given name apart
 * ("山田 花子"), with a given name in hiragana after it ("田中ゆきです"); else a name in hiragana before the copula; 0 when
 * the kanji are a verb's or an adjective's ("長いです").
 */
function japaneseNameLength(rest: string): number {
  const run = JAPANESE_NAME.exec(rest)?.[0];
  if (run === undefined) return HIRAGANA_NAME.exec(rest)?.[0].length ?? 0;
  const next = rest.slice(run.length);
  if (!/^\p{Script=Hiragana}/u.test(next) || JAPANESE_AFTER_NAME.test(next)) return run.length;
  const given = HIRAGANA_NAME.exec(next)?.[0];
  return given === undefined ? 0 : run.length + given.length;
}

/** `word` without a Korean ending (see HANGUL_ENDINGS). */
function stripHangulEnding(word: string): string {
  for (const ending of HANGUL_ENDINGS) {
    if (word.length - ending.length >= 2 && word.endsWith(ending)) return word.slice(0, -ending.length);
  }
  for (const particle of HANGUL_PARTICLES) {
    if (word.length - particle.length >= 3 && word.endsWith(particle)) return word.slice(0, -particle.length);
  }
  return word;
}

/** Chinese (family + listed two-character given name) and Japanese (listed family + listed given) names in a Han run. */
function hanFullNames(run: string, gazetteer: Gazetteer): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let at = 0; at + 3 <= run.length; ) {
    const family = CHINESE_FAMILY_2.has(run.slice(at, at + 2)) ? 2 : CHINESE_FAMILY_1.has(run.charAt(at)) ? 1 : 0;
    if (family > 0 && isGiven(run.slice(at + family, at + family + 2), gazetteer)) {
      out.push({ start: at, end: at + family + 2 });
      at += family + 2;
      continue;
    }
    if (at + 4 <= run.length && (gazetteer.flags(run.slice(at, at + 2)) & GAZ.LAST) !== 0) {
      const given = [3, 2].find((n) => at + 2 + n <= run.length && isGiven(run.slice(at + 2, at + 2 + n), gazetteer));
      if (given !== undefined) {
        out.push({ start: at, end: at + 2 + given });
        at += 2 + given;
        continue;
      }
    }
    at++;
  }
  return out;
}

const isGiven = (word: string, gazetteer: Gazetteer): boolean =>
  word.length >= 2 && HAN.test(word.charAt(0)) && (gazetteer.flags(word) & GAZ.FIRST) !== 0;

/** Sorted by start; of overlapping names the earlier (then the longer) one is kept. */
function disjoint(names: ScriptName[]): ScriptName[] {
  names.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: ScriptName[] = [];
  let reach = -1;
  for (const name of names) {
    if (name.start < reach) continue;
    kept.push(name);
    reach = name.end;
  }
  return kept;
}

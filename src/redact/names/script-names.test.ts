import { describe, expect, it } from 'vitest';
import { loadGazetteer } from './gazetteer.js';
import { createNameRecognizer } from './name-recognizer.js';
import { scriptNames } from './script-names.js';

const gazetteer = loadGazetteer();
const names = (text: string): string[] => scriptNames(text, gazetteer).map((n) => text.slice(n.start, n.end));

describe('scriptNames', () => {
  it.each<[string, string[]]>([
    // 1. self-introductions
    ['اسمي محمد أحمد وأعيش في القاهرة', ['محمد أحمد']],
    ['اسمي محمد وأعيش في القاهرة', ['محمد']],
    ['سلام، اسم من مریم رضایی است و در تهران کار می‌کنم', ['مریم رضایی']],
    ['שמי רונית לוי', ['רונית לוי']],
    ['मेरा नाम राहुल शर्मा है', ['राहुल शर्मा']],
    ['मेरा नाम प्रिया है और मैं मुंबई में रहती हूँ', ['प्रिया']],
    ['제 이름은 김민수입니다. 서울에 살아요', ['김민수']],
    ['제 이름은 이하은 입니다', ['이하은']],
    ['我叫王小明，电话13812345678', ['王小明']],
    ['我的名字是欧阳娜娜，很高兴认识你', ['欧阳娜娜']],
    ['私の名前は田中太郎です', ['田中太郎']],
    ['สวัสดีครับ ผมชื่อ สมชาย ใจดี', ['สมชาย ใจดี']],
    // 2. runs of listed names
    ['شكرا لصديقي علي حسن على المساعدة', ['علي حسن']],
    ['توكلت على الله', []],
    ['نور على نور', []],
    ['关于未来的计划', []],
    ['走向未来', []],
    ['私の名前は山田 花子です', ['山田 花子']],
    ['私の名前はさくらです', ['さくら']],
    ['제 이름은 김 민수입니다', ['김 민수']],
    ['قابلت عبد الله أمس', ['عبد الله']],
    ['نُورٌ عَلَى نُورٍ', []],
    ['توكلت عَلى اللّه', []],
    // After a cue, a word about the name (an adverb, a negation, a question word, a predicate) is not a name; a
    // copula or "also" is passed over to the name.
    ['제 이름은 좀 길어요', []],
    ['제 이름은 너무 흔해서 싫어요', []],
    ['제 이름은 정말 특이해요', []],
    ['제 이름은 비밀이에요', []],
    ['제 이름은 어려워요', []],
    ['내 이름은 아직 안 정했어요', []],
    ['제 이름은 지수예요. 잘 부탁드려요', ['지수']],
    ['제 이름은 이 민수예요', ['이 민수']],
    ['私の名前はまだです', []],
    ['私の名前は秘密です', []],
    ['私の名前は長いです', []],
    ['店の名前は忘れました', []],
    ['あなたの名前は何ですか', []],
    ['私の名前は田中ゆきです', ['田中ゆき']],
    ['私の名前は長谷川です', ['長谷川']],
    ['我叫不出来他的名字', []],
    ['我叫了外卖', []],
    ['我叫他明天来', []],
    ['我叫醒了妈妈', []],
    ['我的名字是秘密', []],
    ['我的名字叫什么不重要', []],
    ['我叫李娜，今年二十岁', ['李娜']],
    ['我叫上官婉儿', ['上官婉儿']],
    ['اسمي ليس مهما', []],
    ['اسمي طويل جدا', []],
    ['اسمي هو أحمد', ['أحمد']],
    ['השם שלי לא חשוב', []],
    ['השם שלי הוא דני', ['דני']],
    ['מה השם שלי? קוראים לי גם דני', ['דני']],
    ['मेरा नाम क्या है', []],
    ['मेरा नाम बहुत लंबा है', []],
    ['मेरा नाम भी राहुल है', ['राहुल']],
    ['ผมชื่ออะไรก็ได้', []],
    ['ฉันชื่อว่ามาลี', ['มาลี']],
    // Who gave the name, how it is written, where it stands (probes of member-style posts).
    ['내 이름은 엄마가 지어줬어', []],
    ['제 이름은 할머니가 지어주셨어요', []],
    ['제 이름은 한자로 쓰면 좀 어려워요', []],
    ['제 이름은 흔하지 않아요', []],
    ['제 이름은 다들 잘 못 외워요', []],
    ['안녕하세요! 제 이름은 박지민이고 부산에 살아요', ['박지민']],
    ['僕の名前は親がつけてくれました', []],
    ['はじめまして、私の名前は佐藤健です。', ['佐藤健']],
    ['我叫车去机场', []],
    ['大家好，我叫张伟，来自北京', ['张伟']],
    ['اسمي مكتوب غلط في الشهادة', []],
    ['اسمي في الجواز مختلف', []],
    ['اسمي الكامل هو محمد أحمد', ['محمد أحمد']],
    ['השם שלי כתוב לא נכון בדרכון', []],
    ['קוראים לי ככה בגלל סבא שלי', []],
    ['שלום, קוראים לי נועה ואני מחיפה', ['נועה']],
    ['मेरा नाम गलत लिखा है', []],
    ['मेरा नाम लिस्ट में नहीं है', []],
    ['नमस्ते, मेरा नाम अंकित है और मैं दिल्ली से हूँ', ['अंकित']],
    ['私の名前はまだない', []],
    ['私の名前は田中 東京に住んでいます', ['田中']],
    ['אני דוד כהן וגר בתל אביב', ['דוד כהן']],
    // 3. family and given name as one word
    ['어제 박서준 씨를 만났어요', ['박서준']],
    ['昨天我和张子涵一起去看电影', ['张子涵']],
    ['中村七海さんと会いました', ['中村七海']],
    // ordinary text: words that are also names, alone, are not enough
    ['الطقس جميل اليوم والسماء صافية وأنا سعيد جدا', []],
    ['היום יום יפה ואני שמח מאוד', []],
    ['आज मौसम बहुत अच्छा है', []],
    ['오늘 날씨가 정말 좋네요', []],
    ['今天天气很好，我们去公园玩吧', []],
    ['今日はとても良い天気ですね', []],
    ['วันนี้อากาศดีมาก', []],
    // Latin text is never read
    ['thanks to maria lopez', []],
  ])('%s → %j', (text, expected) => {
    expect(names(text)).toEqual(expected);
  });

  it('returns disjoint names in text order', () => {
    const text = '我叫王子涵，我的朋友是张子涵';
    const found = scriptNames(text, gazetteer);
    expect(found.map((n) => text.slice(n.start, n.end))).toEqual(['王子涵', '张子涵']);
    expect(found[0]?.rule).toBe('introduction');
    for (let i = 1; i < found.length; i++) expect(found[i]?.start).toBeGreaterThanOrEqual(found[i - 1]?.end ?? 0);
  });
});

describe('the name recognizer on non-Latin scripts', () => {
  const recognizer = createNameRecognizer();
  it('reports an introduced name as PERSON, explained', () => {
    const text = 'مرحبا، اسمي محمد أحمد';
    const [span] = recognizer.analyze({ text, lang: 'ar' }, { explain: true }).filter((s) => s.type === 'PERSON');
    expect(text.slice(span?.start, span?.end)).toBe('محمد أحمد');
    expect(span?.explanation?.note).toMatch(/non-Latin script: introduction/);
  });
});

import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from '../analyzer.js';
import { createEastAsianAddressRecognizer } from './east-asian-address.js';

const recognizer = createEastAsianAddressRecognizer();

function detected(text: string): [string, string][] {
  return resolveOverlaps(recognizer.analyze({ text }), text.length).map((s) => [s.type, text.slice(s.start, s.end)]);
}

describe('east-asian-address recognizer', () => {
  it.each<[string, [string, string][]]>([
    ['〒100-0001 東京都千代田区千代田1-1', [['STREET_ADDRESS', '〒100-0001 東京都千代田区千代田1-1']]],
    ['住所は大阪府大阪市北区梅田3丁目1番3号です', [['STREET_ADDRESS', '大阪府大阪市北区梅田3丁目1番3号']]],
    ['横浜市中区山下町１２３番地に住んでいます', [['STREET_ADDRESS', '横浜市中区山下町１２３番地']]],
    ['郵便番号は〒530-0001です', [['POSTAL_CODE', '〒530-0001']]],
    ['我住在北京市朝阳区建国路88号', [['STREET_ADDRESS', '北京市朝阳区建国路88号']]],
    ['地址：广东省深圳市南山区科技园南路18号', [['STREET_ADDRESS', '广东省深圳市南山区科技园南路18号']]],
    ['주소는 서울특별시 강남구 테헤란로 152 입니다', [['STREET_ADDRESS', '서울특별시 강남구 테헤란로 152']]],
    ['경기도 성남시 분당구 판교역로 235', [['STREET_ADDRESS', '경기도 성남시 분당구 판교역로 235']]],
    ['서울시 강남구 역삼동 123-45', [['STREET_ADDRESS', '서울시 강남구 역삼동 123-45']]],
    ['서울 강남구 테헤란로 152', [['STREET_ADDRESS', '서울 강남구 테헤란로 152']]],
    ['부산 해운대구 해운대로 264', [['STREET_ADDRESS', '부산 해운대구 해운대로 264']]],
    ['台北市大安區忠孝東路四段100號', [['STREET_ADDRESS', '台北市大安區忠孝東路四段100號']]],
    ['中央区銀座4丁目6番', [['STREET_ADDRESS', '中央区銀座4丁目6番']]],
    // times, counts, metro lines and ordinals are not addresses
    ['中国市场份额在2024-2025年', []],
    ['股市在2023-2024年', []],
    ['横浜市で行われた試合は2-1で勝利', []],
    ['地区大会で3-0', []],
    ['築地市場で1番人気', []],
    ['渋谷区の店で1番', []],
    ['下町では2-3日', []],
    ['超市里3号货架', []],
    ['나도 학교로 3시에 갔어', []],
    ['친구 집으로 5시에 가', []],
    ['오늘도 회사로 8시까지', []],
    ['다시 학교로 3번 갔어', []],
    ['우리도 서울로 2명 갔다', []],
    ['住所は横浜市青葉区もえぎ野1-2-3です', [['STREET_ADDRESS', '横浜市青葉区もえぎ野1-2-3']]],
    ['川崎市麻生区はるひ野5-1-1に住んでいます', [['STREET_ADDRESS', '川崎市麻生区はるひ野5-1-1']]],
    ['今日は3時に会いましょう', []],
    ['我在上海市区3号线上班，工作了5年', []],
    ['第3号选手表现很好', []],
    ['오늘 3시에 만나요', []],
    ['市区町村3', []],
    ['meet me at 12 Main St', []],
    // Chinese lanes (巷) and alleys (弄) before the building's number; an alley alone is an address, a lane is not.
    ['我住在台北市大安區復興南路一段100巷5弄3號', [['STREET_ADDRESS', '台北市大安區復興南路一段100巷5弄3號']]],
    ['上海市徐汇区衡山路88弄12号', [['STREET_ADDRESS', '上海市徐汇区衡山路88弄12号']]],
    ['寄到新北市板橋區文化路二段182巷3弄10號', [['STREET_ADDRESS', '新北市板橋區文化路二段182巷3弄10號']]],
    ['台北市中山區林森北路107巷8號之1', [['STREET_ADDRESS', '台北市中山區林森北路107巷8號之1']]],
    ['我家在上海市静安区南京西路1266弄3号楼', [['STREET_ADDRESS', '上海市静安区南京西路1266弄3号']]],
    ['我住在上海市长宁区愚园路1088弄，离地铁站很近', [['STREET_ADDRESS', '上海市长宁区愚园路1088弄']]],
    ['北京市东城区南锣鼓巷8号', [['STREET_ADDRESS', '北京市东城区南锣鼓巷8号']]],
    ['新北市永和區中正路100巷', []],
    // The building, unit, floor and flat after the number.
    [
      '收货地址：江苏省南京市鼓楼区中山路321号2单元502室',
      [['STREET_ADDRESS', '江苏省南京市鼓楼区中山路321号2单元502室']],
    ],
    ['我家住在高雄市前鎮區中華五路789號12樓', [['STREET_ADDRESS', '高雄市前鎮區中華五路789號12樓']]],
    ['我在北京市朝阳区三里屯路19号院3号楼', [['STREET_ADDRESS', '北京市朝阳区三里屯路19号院3号楼']]],
    ['广州市天河区天河路385号3次', [['STREET_ADDRESS', '广州市天河区天河路385号']]],
    ['这个小区有12号楼和3号楼', []],
    ['这个城市里弄3个', []],
    ['他在市场街弄坏了3个', []],
    ['市区5弄', []],
    // A city written in kana before 市 (after a prefecture, a particle or nothing), a city whose name ends with 都,
    // Sapporo's grid.
    ['埼玉県さいたま市浦和区高砂3-15-1', [['STREET_ADDRESS', '埼玉県さいたま市浦和区高砂3-15-1']]],
    [
      '〒330-0063 埼玉県さいたま市浦和区高砂3-15-1',
      [['STREET_ADDRESS', '〒330-0063 埼玉県さいたま市浦和区高砂3-15-1']],
    ],
    ['茨城県つくば市天王台1-1-1に住む', [['STREET_ADDRESS', '茨城県つくば市天王台1-1-1']]],
    ['茨城県ひたちなか市東石川2-10-1', [['STREET_ADDRESS', '茨城県ひたちなか市東石川2-10-1']]],
    ['住所はさいたま市大宮区桜木町1-7-5です', [['STREET_ADDRESS', 'さいたま市大宮区桜木町1-7-5']]],
    ['さいたま市浦和区高砂3-15-1に住んでいます', [['STREET_ADDRESS', 'さいたま市浦和区高砂3-15-1']]],
    // kana alone before 区/町/村, or before 市 in 市民/市場..., are words ("today", "tomorrow", "everyone")
    ['きょう区大会決勝3-1', []],
    ['あした市民センター2-3-1の部屋に集合', []],
    ['みんなで区民ホール3-1に行こう', []],
    ['きのう町内会の会議室1-2で話した', []],
    ['実家はかすみがうら市上土田461-2です', [['STREET_ADDRESS', 'かすみがうら市上土田461-2']]],
    ['あきる野市二宮350-1', [['STREET_ADDRESS', 'あきる野市二宮350-1']]],
    ['京都府京都市左京区吉田本町36-1', [['STREET_ADDRESS', '京都府京都市左京区吉田本町36-1']]],
    ['札幌市中央区北1条西2丁目1-1', [['STREET_ADDRESS', '札幌市中央区北1条西2丁目1-1']]],
    ['東京の港区六本木6-10-1', [['STREET_ADDRESS', '港区六本木6-10-1']]],
    ['私はさいたま市に住んでいます', []],
    ['さいたま市の試合は2-1で勝利', []],
    ['ひたちなか市で1-0の勝利', []],
    ['京都市で3-1で勝った', []],
    ['みんなで市場に行って3-4人', []],
  ])('%s → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
});

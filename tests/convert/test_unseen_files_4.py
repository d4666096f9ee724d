"""A fourth batch of real files the converter was not written against (tests/fixtures/unseen, provenance in
SOURCES.md, "Fourth batch"): publishers outside Tokyo and Shikoku (京都市, 大阪市 and 大津市 in Kansai, 大分市 in Kyushu,
北海道, 横浜市) and datasets the earlier batches had little of (医療機関 as a clinic list and as a prefecture's hospital list,
the 国土地理院 指定避難所 / 指定緊急避難場所 downloads, a real 2026 AED template, a city's own evacuation-site list with
two levels per hazard, a nursery table of children enrolled).

Every expected cell below was read off the source file by hand, not copied from the converter's output.
The ``xfail`` tests are converter problems found with these files and not fixed here (SOURCES.md,
"Known problems found with the fourth batch"); they turn into passes when the problem is fixed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from converters.jp.address import split_address
from converters.mapping import canonical_name
from converters.steps.base import FieldSpec
from converters.steps.multi_value import MultiValueStep

from .test_columnar_equivalence import assert_same
from .test_unseen_files import UNSEEN, assert_converts_to, convert

EXPECTED = {
    "kyoto_shitei_hinanjo": "2026/evacuation_space", "otsu_shitei_hinanjo": "2026/evacuation_space",
    "osaka_kinkyu_hinanbasho": "2026/evacuation_space", "imabari_shitei_hinanbasho": "2026/evacuation_space",
    "oita_clinics": "2021/hospital", "hokkaido_hospital_list": "2021/hospital",
    "yokohama_nursery_enrolment": "2026/preschool", "imabari_aed_2026": "2026/aed",
    "imabari_jidoukan": "2026/preschool",
}


@pytest.fixture(scope="module")
def tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("unseen4")


def by(c: Any, column: str) -> dict[str, dict[str, str]]:
    return {r[column]: r for r in c.rows}


def line_of(c: Any, column: str, value: str) -> int:
    """The file line of the record whose output ``column`` is ``value`` (header on line 1)."""
    return 2 + [r[column] for r in c.rows].index(value)


# --- every file converts, to the dataset it holds, without losing a value ------------------------------
@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_converts_with_dataset_given(slug: str, tmp: Path) -> None:
    assert_converts_to(slug, EXPECTED[slug], tmp)


@pytest.mark.parametrize(("slug", "expected"), [
    ("osaka_kinkyu_hinanbasho", "2026/evacuation_space"),     # 洪水, 崖崩れ、土石流及び地滑り … 指定避難所との住所同一
    ("imabari_shitei_hinanbasho", "2026/evacuation_space"),   # 施設名称, 土砂, 高潮, 津波 …
    ("imabari_aed_2026", "2026/aed"),                         # the 2026 template: 設置位置, 小児対応設備の有無
    ("hokkaido_hospital_list", "2021/hospital"),              # hospital_name, services, sickbed_num
    ("oita_clinics", "2021/hospital"),                        # 診　療　所　名 (the name column says 診療所), 診療科目
])
def test_dataset_detected_from_header_alone(slug: str, expected: str, tmp: Path) -> None:
    c = convert(slug, neutral=True, tmp=tmp)
    assert c.error is None, c.error
    assert c.schema_id == expected


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_same_with_both_engines(slug: str) -> None:
    assert_same(UNSEEN / f"{slug}.csv", dataset=EXPECTED[slug], expect_columnar=False)


# --- 京都市 指定避難所 (the 国土地理院 download): 通り名 addresses ------------------------------------------------------
def test_kyoto_street_name_addresses_keep_their_lot(tmp: Path) -> None:
    c = convert("kyoto_shitei_hinanjo", "2026/evacuation_space", tmp=tmp)
    rows = by(c, "ID")
    first = rows["1"]        # 1,E2610000001111,京都市立宇多野小学校,京都府京都市右京区宇多野上ノ谷8,1,,,35.03…,135.70…,
    assert (first["名称"], first["所在地_市区町村"], first["所在地_町字"], first["所在地_番地以下"]) == (
        "京都市立宇多野小学校", "京都市右京区", "宇多野上ノ谷", "8")
    # 河原町通松原上ル２丁目富永町344: 2丁目 belongs to the direction (上ル), 344 is the lot
    r = rows["64"]
    assert r["所在地_連結表記"] == "京都府京都市下京区河原町通松原上ル2丁目富永町344"
    assert (r["所在地_町字"], r["所在地_番地以下"]) == ("", "344")
    assert c.issue(line_of(c, "ID", "64"), "所在地_連結表記") == ["address-unsure"]     # the 町字: a person decides
    assert rows["86"]["所在地_番地以下"] == "248"        # 大宮通八条上る３丁目東側垣ケ内町248
    assert rows["188"]["所在地_番地以下"] == "919-3"     # 寺之内通千本東入一丁目下ル姥ケ寺之前町919-3
    assert rows["73"]["所在地_番地以下"] == "491"        # 室町通四条下ル鶏鉾町491 (no 丁目: as before)
    # 京都府京都市左京区松ケ崎橋上町: a 町字 and no lot, no street name
    assert (rows["128"]["所在地_町字"], rows["128"]["所在地_番地以下"]) == ("松ケ崎橋上町", "")
    assert rows["65"]["名称"] == "社会福祉法人錦会\u3000稚松保育園"
    # the shelter list's own columns: no item of the 指定緊急避難場所 list means them
    assert {"共通ID", "指定緊急避難場所との住所同一", "受入対象者"} <= set(c.unmapped)


@pytest.mark.parametrize(("address", "block"), [
    ("京都府京都市下京区河原町通松原上ル２丁目富永町344", "344"),
    ("京都府京都市下京区大宮通八条上る３丁目東側垣ケ内町248", "248"),
    ("京都府京都市上京区寺之内通千本東入一丁目下ル姥ケ寺之前町919-3", "919-3"),
    ("京都府京都市中京区寺町通御池上る上本能寺前町488", "488"),
])
def test_kyoto_direction_with_a_block_count_is_not_the_towns_chome(address: str, block: str) -> None:
    p = split_address(address)
    assert (p.town, p.block) == ("", block)
    assert p.unsure == ["town"]


def test_kyoto_street_name_address_with_a_building() -> None:
    p = split_address("京都市下京区新町通松原下ル富永町110-1\u30002階")
    assert (p.town, p.block, p.building) == ("", "110-1", "2階")


@pytest.mark.xfail(reason="a 指定避難所 list (国土地理院 format: 指定緊急避難場所との住所同一, その他市町村長が必要と認める事項, "
                          "受入対象者) names no item only 指定緊急避難場所一覧 has; its generic columns (NO, 名称, 住所, 緯度, "
                          "経度, 備考) tie with 消防水利 and 公衆無線LAN, so detection leaves it for --dataset", strict=True)
def test_kyoto_shelter_list_detected(tmp: Path) -> None:
    assert convert("kyoto_shitei_hinanjo", neutral=True, tmp=tmp).schema_id == "2026/evacuation_space"


# --- 大津市 指定避難所: the same download, with 受入対象者 ------------------------------------------------------------
def test_otsu_shelter_list(tmp: Path) -> None:
    c = convert("otsu_shitei_hinanjo", "2026/evacuation_space", tmp=tmp)
    rows = by(c, "ID")
    r = rows["1"]            # 1,E2520100001111,滋賀県立県民交流センター（ピアザ淡海）,滋賀県大津市におの浜1-1-20,1,,,…
    assert (r["名称"], r["所在地_全国地方公共団体コード"], r["所在地_町字"], r["所在地_番地以下"]) == (
        "滋賀県立県民交流センター（ピアザ淡海）", "252018", "におの浜", "1-1-20")
    assert rows["48"]["名称"] == "認定こども園はぐくみの家\u3000仰木星の子"
    assert rows["89"]["所在地_番地以下"] == "4220"        # 滋賀県大津市坂本本町4220
    assert "受入対象者" in c.unmapped and c.issues == [i for i in c.issues if i["code"] == "publisher-code-unknown"]


# --- 大阪市 指定緊急避難場所 (国土地理院 download): 1 flags, line breaks in names, ㈱ ------------------------------------------
def test_osaka_emergency_evacuation_sites(tmp: Path) -> None:
    c = convert("osaka_kinkyu_hinanbasho", "2026/evacuation_space", tmp=tmp)
    assert c.mapping["指定避難所との重複"] == "指定避難所との住所同一"
    assert c.mapping["災害種別_崖崩れ、土石流及び地滑り"] == "崖崩れ、土石流及び地滑り"
    rows = by(c, "ID")
    park = rows["1"]         # 1,E2710000002201,晴明丘公園,大阪府大阪市阿倍野区阿倍野元町15,,,,1,1,,,,,34.62967918,135.5078249,
    assert (park["災害種別_洪水"], park["災害種別_地震"], park["災害種別_津波"], park["指定避難所との重複"]) == ("", "1", "1", "")
    assert (park["所在地_市区町村"], park["所在地_町字"], park["所在地_番地以下"]) == ("大阪市阿倍野区", "阿倍野元町", "15")
    assert rows["2"]["指定避難所との重複"] == "1"                       # 金塚小学校（運動場）
    jouhoku = rows["116"]    # 城北公園: 地震, 津波, 大規模な火事; 備考 広域避難場所
    assert (jouhoku["災害種別_大規模な火事"], jouhoku["備考"]) == ("1", "広域避難場所")
    # "介護付有料老人ホーム\n「グランドホームゆとりえ」": one name over two lines in the cell
    name = rows["84"]["名称"]
    assert "\n" not in name and name.startswith("介護付有料老人ホーム") and name.endswith("「グランドホームゆとりえ」")
    assert "㈱" not in rows["171"]["名称"] and rows["171"]["名称"].endswith("間口\u3000本社ビル")   # ㈱間口　本社ビル
    assert c.unmapped == ["共通ID"]


# --- 今治市 指定避難場所 (its own list): ○ × －, two levels of flood and inland flooding ------------------------------
def test_imabari_evacuation_sites_own_layout(tmp: Path) -> None:
    c = convert("imabari_shitei_hinanbasho", "2026/evacuation_space", tmp=tmp)
    assert c.mapping["災害種別_崖崩れ、土石流及び地滑り"] == "土砂"
    rows = by(c, "名称")
    first = rows["吹揚小学校運動場"]    # 吹揚,…,今治市黄金町3丁目3,7037,○,×,×,×,○,○,×,34.06236204,133.0049571
    assert (first["所在地_連結表記"], first["所在地_町字"], first["所在地_番地以下"]) == (
        "愛媛県今治市黄金町3丁目3", "黄金町3丁目", "3")
    assert (first["災害種別_崖崩れ、土石流及び地滑り"], first["災害種別_高潮"], first["災害種別_津波"]) == ("1", "", "")
    assert rows["旧日吉小学校運動場"]["災害種別_津波"] == "1"
    assert rows["玉川中学校運動場"]["災害種別_崖崩れ、土石流及び地滑り"] == ""            # 土砂 ×
    assert rows["別宮小学校運動場"]["所在地_番地以下"] == "1-7"                          # 別宮町5丁目1-７
    assert rows["大西中学校運動場"]["所在地_番地以下"] == "2280-1"                       # 大西町九王甲 2280-1
    # 洪水計画 / 洪水最大 and 内水既往 / 内水最大: which level the one flag means is left for a person
    assert {"洪水計画", "洪水最大", "内水既往", "内水最大", "校区", "面積"} <= set(c.unmapped)
    assert all(r["災害種別_洪水"] == "" and r["災害種別_内水氾濫"] == "" for r in c.rows)


# 吉海町仁江678他 / 大浜町２丁目丙５１０－３他: "and other lots" after the lot: 他 is no building; the lot is reported
def test_imabari_lot_followed_by_and_others(tmp: Path) -> None:
    c = convert("imabari_shitei_hinanbasho", "2026/evacuation_space", tmp=tmp)
    bus = by(c, "名称")["大島バスストップ入口"]
    assert (bus["所在地_町字"], bus["所在地_番地以下"], bus["建物名等(方書)"]) == ("吉海町仁江", "", "")
    assert bus["所在地_連結表記"] == "愛媛県今治市吉海町仁江678他"
    assert c.issue(line_of(c, "名称", "大島バスストップ入口"), "所在地_連結表記") == ["address-unsure"]
    sa = by(c, "名称")["来島海峡サービスエリア管理用駐車場"]
    assert sa["所在地_番地以下"] == "" and sa["所在地_連結表記"] == "愛媛県今治市大浜町2丁目丙510-3他"


@pytest.mark.parametrize(("address", "block", "building"), [
    ("愛媛県今治市吉海町仁江678他", "", ""),
    ("東京都千代田区丸の内1-1ほか", "", ""),
    ("愛媛県今治市吉海町仁江678 他社ビル", "678", "他社ビル"),      # a building name that starts with 他
])
def test_and_other_lots_after_the_lot(address: str, block: str, building: str) -> None:
    p = split_address(address)
    assert (p.block, p.building) == (block, building)
    assert ("block" in p.unsure) == (block == "")


# --- 今治市 AED (the real 2026 template) ------------------------------------------------------------------------
def test_imabari_aed_2026_template(tmp: Path) -> None:
    c = convert("imabari_aed_2026", "2026/aed", tmp=tmp)
    assert c.status == "valid" and c.issues == []
    rows = by(c, "ID")
    r = rows["1"]    # 382027,1,愛媛県今治市,清水公民館,シミズコウミンカン,382027,222000,愛媛県今治市四村93-2,…,階数,1,1階フロアー,,,7940862,3000020382027,今治市,…
    assert (r["名称"], r["名称_カナ"], r["所在地_町字"], r["所在地_番地以下"]) == ("清水公民館", "シミズコウミンカン", "四村", "93-2")
    assert (r["高度の種別"], r["高度の値"], r["設置位置"]) == ("階数", "1", "1階フロアー")
    assert (r["郵便番号"], r["法人番号"], r["団体名"]) == ("7940862", "3000020382027", "今治市")
    assert (rows["2"]["所在地_町字"], rows["2"]["所在地_番地以下"]) == ("上徳", "甲393-3")
    assert rows["42"]["名称"] == "朝倉B&G海洋センター(プール)"
    assert rows["31"]["高度の値"] == "3"                                   # 3Fプール監視・救護室


@pytest.mark.xfail(reason="schema: the project's 2026/aed (confidence low, 33 columns) has no 町字ID and no 月曜日 … 祝日 "
                          "day columns, which this real 2026 template file has (evidence for the real column list)",
                   strict=True)
def test_imabari_aed_2026_template_columns_are_all_standard(tmp: Path) -> None:
    c = convert("imabari_aed_2026", "2026/aed", tmp=tmp)
    assert c.unmapped == []


# --- 大分市 診療所一覧: a print-style header (診　療　所　名, 病|床|数 over 一般|療養|計), phones without area code -------------
def test_oita_clinics(tmp: Path) -> None:
    c = convert("oita_clinics", "2021/hospital", tmp=tmp)
    assert (c.mapping["名称"], c.mapping["診療科目"]) == ("診\u3000療\u3000所\u3000名", "診\u3000療\u3000科\u3000目")
    rows = by(c, "名称")
    akiko = rows["あきこ皮フ科クリニック"]     # …,"870-0823","大分市東大道１丁目３番１号アクロスプラザ大分駅南２階","554-4111",…,"皮膚科、美容皮膚科"
    assert akiko["住所"].startswith("大分県大分市東大道1丁目3番1号")
    assert akiko["診療科目"] == "皮膚科;美容皮膚科"
    # 554-4111: no area code (097 is not written): kept and reported, never guessed
    assert akiko["電話番号"] == "554-4111"
    assert c.issue(line_of(c, "名称", "あきこ皮フ科クリニック") + 1, "電話番号") == ["phone-no-area-code"]
    assert rows["エミナルクリニック大分院"]["電話番号"] == "578-7306"        # "578-7306 "
    assert rows["伊東Kクリニック"]["名称"] == "伊東Kクリニック"              # 伊東Ｋクリニック


# 診療科目 separated by spaces (ASCII or U+3000): a ;-list, as 、 already was
def test_oita_departments_separated_by_spaces(tmp: Path) -> None:
    c = convert("oita_clinics", "2021/hospital", tmp=tmp)
    rows = by(c, "名称")
    assert rows["あけの胃腸内科乳腺クリニック"]["診療科目"] == (
        "内科;消化器内科;胃腸内科;内視鏡内科;外科;消化器外科;乳腺外科;肛門外科;内視鏡外科")
    assert rows["安部クリニック"]["診療科目"] == "内科;アレルギー科;循環器内科;小児科"   # "内科 アレルギー科 循環器内科 小児科  "
    assert rows["明野耳鼻咽喉科医院"]["診療科目"] == "耳鼻咽喉科"                         # "耳鼻咽喉科 "
    assert rows["おの内科クリニック"]["診療科目"] == (
        "内科;呼吸器科;消化器科;循環器科;小児科;精神科;リハビリテーション科")
    assert any(ch["field"] == "診療科目" and ch["step"] == "multi_value" and "空白" in ch["note_ja"]
               for ch in c.changes)


@pytest.mark.parametrize(("value", "expected"), [
    ("内科　消化器内科 外科", "内科;消化器内科;外科"),
    ("耳鼻咽喉科 ", "耳鼻咽喉科 "),                  # one department: left to the text step
    ("リウ 整形外科", "リウ 整形外科"),              # リウ (an abbreviation) is no department word: left alone
    ("北町 一丁目", "北町 一丁目"),
])
def test_space_separated_departments(value: str, expected: str) -> None:
    r = MultiValueStep().apply(value, FieldSpec("診療科目", separator=";"), None)  # type: ignore[arg-type]
    assert r.value == expected


def test_space_separated_departments_are_not_safe_for_the_fast_path() -> None:
    import re
    forbid = MultiValueStep().safe_rule(FieldSpec("診療科目", separator=";")).forbid
    assert any(re.search(p, "内科 外科") for p in forbid)
    assert not any(re.search(p, "内科") for p in forbid)


# a two-row header whose parent label is spelled out one letter per cell (病 | 床 | 数 over 一般 | 療養 | 計): one parent
def test_oita_bed_counts(tmp: Path) -> None:
    c = convert("oita_clinics", "2021/hospital", tmp=tmp)
    assert c.table["header_rows"] == [1, 2]
    assert c.mapping["病床数"] == "病床数_計"         # the total, not 一般 or 療養 alone
    rows = by(c, "名称")
    assert rows["安達産婦人科"]["病床数"] == "14"     # 安達産婦人科,…,"14","","14",…
    assert rows["あきこ皮フ科クリニック"]["病床数"] == ""
    assert {"病床数_一般", "病床数_療養"} <= set(c.unmapped)


# --- 北海道 道内医療機関の名簿 (re-published with English names): longtitude [sic], services, sickbed_num ------------------
def test_hokkaido_hospital_list(tmp: Path) -> None:
    c = convert("hokkaido_hospital_list", "2021/hospital", tmp=tmp)
    m = c.mapping
    assert (m["経度"], m["診療科目"], m["病床数"], m["NO"]) == ("longtitude", "services", "sickbed_num", "id")
    rows = by(c, "NO")
    r = rows["1"]    # 1,市立函館,独立行政法人国立病院機構函館病院,…,函館市川原町18番16号,…,内|神内|小|外|…,○,0138-51-6281,41.7891094,140.7735373,310,…
    assert (r["名称"], r["住所"], r["電話番号"]) == ("独立行政法人国立病院機構函館病院", "北海道函館市川原町18番16号",
                                                  "0138-51-6281")
    assert (r["緯度"], r["経度"], r["病床数"]) == ("41.7891094", "140.7735373", "310")
    assert r["診療科目"].startswith("内;神内;小;外;整;脳")
    assert rows["2"]["診療科目"].endswith("病理診断科;救急科")         # …|病理診断科，救急科
    assert rows["33"]["住所"] == "北海道亀田郡七飯町本町7丁目657番5号"  # 亀田郡七飯町本町７丁目657番5号
    # 南21条西9丁目2?11: a character lost to '?': kept, reported
    assert rows["81"]["住所"] == "北海道札幌市中央区南21条西9丁目2?11"
    assert "probable-mojibake" in c.issue(line_of(c, "NO", "81"), "住所")
    # emergency (救急告示, ○) is not 時間外における対応; the dates of opening have no item in 医療機関一覧
    assert {"emergency", "開設許可年月日", "開設年月日"} <= set(c.unmapped)


@pytest.mark.parametrize(("header", "item", "dataset"), [
    ("longtitude", "経度", "2021/hospital"),
    ("sickbed_num", "病床数", "2021/hospital"),
    ("services", "診療科目", "2021/hospital"),
    ("postal_num", "郵便番号", "2026/aed"),
    ("土砂", "災害種別_崖崩れ、土石流及び地滑り", "2026/evacuation_space"),
    ("標準地域コード", "全国地方公共団体コード", "2026/preschool"),
    ("標準地域コード", "都道府県コード又は市区町村コード", "2021/preschool"),
])
def test_new_synonyms(header: str, item: str, dataset: str) -> None:
    from converters.mapping import auto_map
    mapping = auto_map([header, "名称"], dataset)
    assert mapping.fields[item].source == header, canonical_name(header)


# --- 横浜市 入所児童数: a title row, 標準地域コード (5 digits, no check digit), enrolment is not capacity -----------------
def test_yokohama_nursery_enrolment(tmp: Path) -> None:
    c = convert("yokohama_nursery_enrolment", "2026/preschool", tmp=tmp)
    assert c.table["header_rows"] == [2, 2]                    # 【令和８年５月１日時点】入所児童数 is a title
    assert c.mapping["全国地方公共団体コード"] == "標準地域コード"
    rows = by(c, "名称")
    baba = rows["横浜市馬場保育園"]    # 鶴見区,14101,横浜市馬場保育園,1410051018778,-,6,9,14,15,14,58,2026-05-01,
    assert (baba["全国地方公共団体コード"], baba["ID"]) == ("141011", "1410051018778")     # 14101 + check digit 1
    assert rows["横浜市西菅田保育園"]["全国地方公共団体コード"] == "141020"                  # 神奈川区 14102
    assert rows["キッズポケット木の葉保育園"]["全国地方公共団体コード"] == "141038"          # 西区 14103
    # children enrolled by age and their total are not the capacity (収容定員): listed, not mapped
    assert {"０歳児", "５歳児", "合計"} <= set(c.unmapped)
    assert all(r["収容定員"] == "" for r in c.rows)


@pytest.mark.xfail(reason="detection: 施設・事業名 with 保育園 in most values and 0歳児 … 5歳児 tell a person this is a nursery "
                          "table, but only 名称 and ID match 子育て施設一覧 items and 合計 (総人口 of 地域・年齢別人口) competes: "
                          "32 %, under the 45 % bar", strict=True)
def test_yokohama_nursery_table_detected(tmp: Path) -> None:
    c = convert("yokohama_nursery_enrolment", neutral=True, tmp=tmp)
    assert c.schema_id is not None and c.schema_id.endswith("/preschool")


# the name column's own word is read in a letter-spaced header (診　療　所　名 says 診療所)
def test_letter_spaced_name_header_names_the_dataset() -> None:
    from converters.mapping import detect_dataset
    guesses = detect_dataset(["診\u3000療\u3000所\u3000名", "所\u3000在\u3000地", "電\u3000話"])
    top = next(g for g in guesses if g.schema_id == "2021/hospital")
    assert any("名称の列「診療所」" in r for r in top.reasons)


# --- 今治市 児童館: five columns, phone numbers without hyphens ------------------------------------------------------
def test_imabari_childrens_halls(tmp: Path) -> None:
    c = convert("imabari_jidoukan", "2026/preschool", tmp=tmp)
    assert c.unmapped == []
    rows = by(c, "名称")
    r = rows["枝堀児童館"]     # 枝堀児童館,今治市枝堀町一丁目4-1,0898322539,34.062244,133.009147
    assert (r["所在地_連結表記"], r["所在地_町字"], r["所在地_番地以下"]) == ("愛媛県今治市枝堀町一丁目4-1", "枝堀町一丁目", "4-1")
    assert (r["電話番号"], r["緯度"], r["経度"]) == ("0898-32-2539", "34.062244", "133.009147")
    assert rows["伯方児童館"]["電話番号"] == "0897-72-3055"
    assert rows["上朝児童育成施設"]["電話番号"] == ""


# 朝倉下甲529, 伯方町有津甲3-1: 今治市's own 2026 AED file (imabari_aed_2026.csv) splits such addresses 上徳 / 甲393-3,
# 朝倉下 / 乙104-2, 伯方町叶浦 / 甲1688-29: 甲 乙 begin the lot.  The splitter keeps them in the 町字 by design (六甲, 鶴甲 are
# town names, and 鶴甲2-1-1 has the same shape; docs/address.md, "Limits"): only a town list would decide
@pytest.mark.xfail(reason="address: 甲/乙 glued to the town before the lot stay in 町字 (docs/address.md, Limits), while "
                          "今治市's own 2026 data puts them in 番地以下 (上徳 / 甲393-3)", strict=True)
def test_imabari_kou_begins_the_lot(tmp: Path) -> None:
    rows = by(convert("imabari_jidoukan", "2026/preschool", tmp=tmp), "名称")
    assert (rows["朝倉児童館"]["所在地_町字"], rows["朝倉児童館"]["所在地_番地以下"]) == ("朝倉下", "甲529")
    assert (rows["伯方児童館"]["所在地_町字"], rows["伯方児童館"]["所在地_番地以下"]) == ("伯方町有津", "甲3-1")


@pytest.mark.parametrize(("address", "town", "block"), [
    ("愛媛県今治市大浜町２丁目丙５１０－３", "大浜町2丁目", "丙510-3"),      # after 丁目 a lot may begin with 丙
    ("愛媛県今治市上徳甲393-3", "上徳甲", "393-3"),                         # glued to the town: kept there (by design)
    ("兵庫県神戸市灘区六甲山町北六甲875", "六甲山町北六甲", "875"),
])
def test_kou_otsu_hei_after_chome_begin_the_lot(address: str, town: str, block: str) -> None:
    p = split_address(address)
    assert (p.town, p.block) == (town, block)
    assert p.unsure == []


@pytest.mark.xfail(reason="detection: 施設名, 所在地, 電話番号, 緯度, 経度 fit any facility list; 児童館 in every name is no "
                          "dataset word of 子育て施設一覧 (保育, 幼稚園, 子育て, こども園), so detection leaves it for --dataset",
                   strict=True)
def test_imabari_childrens_halls_detected(tmp: Path) -> None:
    c = convert("imabari_jidoukan", neutral=True, tmp=tmp)
    assert c.schema_id is not None and c.schema_id.endswith("/preschool")

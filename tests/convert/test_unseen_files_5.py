"""A fifth batch of real files the converter was not written against (tests/fixtures/unseen, provenance in
SOURCES.md, "Fifth batch"): 市川市 (千葉県) publishing 文化財一覧 in the 45-column new format, 大宜味村 (沖縄県) a 2021-template
指定緊急避難場所 list, 上田市 (長野県) a LinkData AED list (tab-separated, English and URI column names), 長門市 (山口県)
a 2026 公衆無線LAN list; 小山市 (栃木県) a 医療機関 list with its times as Excel day fractions, 彦根市 (滋賀県) and 倉敷市
(岡山県) 消防水利 lists (a system export's headers and packed coordinates; 緯度 and 経度 swapped on every row), 鯖江市
(福井県) an event list under its own headers.

Every expected cell below was read off the source file by hand, not copied from the converter's output.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .test_unseen_files import assert_converts_to, convert

EXPECTED = {
    "ichikawa_cultural_property": "2026/cultural_property", "ogimi_evacuation_space": "2026/evacuation_space",
    "ueda_aed_linkdata": "2021/aed", "nagato_public_wireless_lan": "2026/public_wireless_lan",
    "oyama_hospital": "2021/hospital", "hikone_fire_hydrant": "2026/fire_hydrant",
    "kurashiki_fire_hydrant": "2026/fire_hydrant", "sabae_event": "2021/event",
}


@pytest.fixture(scope="module")
def tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("unseen5")


def by(c: Any, column: str) -> dict[str, dict[str, str]]:
    return {r[column]: r for r in c.rows}


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_converts_with_dataset_given(slug: str, tmp: Path) -> None:
    assert_converts_to(slug, EXPECTED[slug], tmp)


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_dataset_detected(slug: str, tmp: Path) -> None:
    assert convert(slug, tmp=tmp).schema_id == EXPECTED[slug]


# --- 市川市 文化財一覧: the 45-column new format; Excel serials as text; 二 typed for ニ -------------------------------
def test_ichikawa_new_format_cultural_properties(tmp: Path) -> None:
    c = convert("ichikawa_cultural_property", tmp=tmp)
    assert c.schema_id == "2026/cultural_property" and c.unmapped == []
    assert list(c.rows[0])[:3] == ["全国地方公共団体コード", "ID", "地方公共団体名"] and len(c.rows[0]) == 45
    rows = by(c, "名称")
    r = rows["元弘の板碑"]      # 122033,,市川市,元弘の板碑,ゲンコウノイタビ,…,千葉県市川市高石神21-9泰福寺,千葉県,市川市,高石神,21-9,泰福寺,…
    assert (r["所在地_連結表記"], r["所在地_町字"], r["所在地_番地以下"], r["建物名等(方書)"]) == (
        "千葉県市川市高石神21-9泰福寺", "高石神", "21-9", "泰福寺")
    assert (r["緯度"], r["経度"], r["所有者等"]) == ("35.71958153", "139.9435906", "秦福寺")
    # 二ホンフクイン…: the kanji 二 typed for the katakana ニ
    assert rows["日本福音ルーテル市川教会会堂"]["名称_カナ"] == "ニホンフクインルーテルイチカワキョウカイカイドウ"
    # 文化財指定日 holds Excel serial numbers written as text (22196, 22313): a column of them is read as serials, logged
    assert r["文化財指定日"] == "1961-02-01"
    assert rows["常夜灯"]["文化財指定日"] == "1960-10-07"
    ch = [x for x in c.changes if x["field"] == "文化財指定日" and x["before"] == "22313"]
    assert ch and all(x["after"] == "1961-02-01" and "シリアル値" in x["note_ja"] for x in ch)
    # 4-digit numbers (5989, 1510) could be years as well as serials: kept and reported
    assert rows["法華経寺五重塔"]["文化財指定日"] == "5989"
    assert {i["code"] for i in c.issues if i["field"] == "文化財指定日"} == {"date-unreadable"}


def test_ichikawa_same_with_both_engines(tmp_path: Path) -> None:
    from .test_columnar_equivalence import assert_same
    from .test_unseen_files import UNSEEN

    assert_same(UNSEEN / "ichikawa_cultural_property.csv", dataset="2026/cultural_property")


# --- 大宜味村 指定緊急避難場所: the 2021 template (市区町村コード, lat/lon, 都道府県名 + 市区町村名) ------------------------------
def test_ogimi_evacuation_spaces_without_a_code(tmp: Path) -> None:
    c = convert("ogimi_evacuation_space", tmp=tmp)
    # no --code: every row's 市区町村コード is 473022, the village itself, which names the file
    assert c.status == "valid", c.issues[:3]
    assert c.table is not None and any(n["code"] == "publisher-code-from-column" for n in c.table["notes"])
    r = by(c, "名称")["大宜味村役場"]   # "0000000101","大宜味村役場","オオギミソンヤクバ","大宜味村字大兼久157番地","","26.701610","128.120542",…,"(0980)44-3001",,"473022","沖縄県","大宜味村",…
    assert (r["ID"], r["市区町村コード"], r["地方公共団体名"]) == ("0000000101", "473022", "沖縄県大宜味村")
    assert (r["所在地_連結表記"], r["所在地_都道府県"], r["所在地_町字"], r["所在地_番地以下"]) == (
        "沖縄県国頭郡大宜味村字大兼久157番地", "沖縄県", "字大兼久", "157番地")
    assert (r["緯度"], r["経度"], r["電話番号"]) == ("26.701610", "128.120542", "0980-44-3001")
    assert (r["災害種別_洪水"], r["災害種別_火山現象"], r["想定収容人数"]) == ("1", "", "138")


def test_ogimi_with_the_code_fills_the_publisher_column(tmp: Path) -> None:
    c = convert("ogimi_evacuation_space", code="473022", tmp=tmp)
    assert {r["全国地方公共団体コード"] for r in c.rows} == {"473022"}
    assert c.table is not None and not any(n["code"] == "publisher-code-from-column" for n in c.table["notes"])


# --- 上田市 AED (LinkData): #property row of English and URI names, tab-separated, URLs under "detail" ---------------------
def test_ueda_linkdata_aed(tmp: Path) -> None:
    c = convert("ueda_aed_linkdata", tmp=tmp)
    assert (c.mapping["名称"], c.mapping["住所"], c.mapping["URL"]) == ("name", "address", "detail")
    assert c.mapping["緯度"] == "http://www.w3.org/2003/01/geo/wgs84_pos#lat"
    r = by(c, "名称")["上田第二中学校"]  # aed_ueda_0102 上田第二中学校 長野県上田市大手1-1-45 (3 empty) 36.402416592945016 138.2474845647812 http://www.school.umic.jp/ueda2/
    assert (r["住所"], r["緯度"], r["URL"]) == ("長野県上田市大手1-1-45", "36.402416592945016", "http://www.school.umic.jp/ueda2/")
    assert len(c.rows) == 246
    # the LinkData subject (aed_ueda_0101 …) names no item: reported with its values, not dropped
    assert "" in c.unmapped and "detail" not in c.unmapped


# --- 長門市 公衆無線LAN: phones in three shapes, full-width digits in a lot number ------------------------------------------
def test_nagato_wireless_lan(tmp: Path) -> None:
    c = convert("nagato_public_wireless_lan", tmp=tmp)
    rows = by(c, "名称")
    assert rows["三隅公民館"]["電話番号"] == "0837-43-0811"             # (0837)43-0811
    assert rows["ラポールゆや"]["電話番号"] == "0837-33-0051"           # （0837）33-0051, full-width brackets
    assert rows["日置農村環境改善センター"]["電話番号"] == "0837-37-2340"
    assert rows["日置農村環境改善センター"]["所在地_連結表記"] == "山口県長門市日置上5880番地1"   # 日置上５８８０番地１
    # a double space typed in ASCII is kept as written (docs/steps.md, halfwidth)
    assert rows["長門市中央公民館"]["名称_英語"] == "central  community center  of Nagato city"


# --- 小山市 医療機関: 診療開始時間 / 診療終了時間 as Excel day fractions written as text -------------------------------------
def test_oyama_hospital_times(tmp: Path) -> None:
    c = convert("oyama_hospital", tmp=tmp)
    r = by(c, "名称")["青い鳥こどもクリニック"]    # …,(0285)37-7111,,(0285)37-7112,…,月火水木金土,0.375,0.770833333333333,…
    assert (r["診療開始時間"], r["診療終了時間"]) == ("09:00", "18:30")
    assert (r["電話番号"], r["FAX番号"]) == ("0285-37-7111", "0285-37-7112")
    assert r["診療科目"] == "小児科;アレルギー科"                                   # 小児科；アレルギー科
    assert by(c, "名称")["青木医院"]["住所"] == "栃木県小山市網戸1850"              # 網戸1850
    assert not any(i["code"] == "time-unreadable" for i in c.issues)


# --- 彦根市 消火栓: a system export's headers, coordinates of degrees, minutes and seconds written together --------------------
def test_hikone_hydrants(tmp: Path) -> None:
    c = convert("hikone_fire_hydrant", tmp=tmp)
    assert (c.mapping["種別"], c.mapping["口径"]) == ("水利種別(消火栓)名", "配管径")
    r = c.rows[0]                       # 01,消火栓,彦根市,1,彦根市甲田町　 ,75,2650153,-7803609,0351746231,1361729125,
    assert (r["種別"], r["口径"], r["緯度"]) == ("消火栓", "75", "0351746231")
    msg = next(i["message_ja"] for i in c.issues if i["field"] == "緯度" and i["value"] == "0351746231")
    assert "35度17分46.231秒 = 35.2961753" in msg and "035.1746231" in msg
    assert "設置場所-1(消火栓)" in c.unmapped and "Ｘ座標(栓)(座標)" in c.unmapped     # listed, not lost


# --- 倉敷市 消防水利: 緯度 holds the longitude and 経度 the latitude; 都道府県 and 市区町村 given, 町字 and 番地以下 empty ---------
def test_kurashiki_hydrants(tmp: Path) -> None:
    c = convert("kurashiki_fire_hydrant", tmp=tmp)
    r = by(c, "ID")["0100000001"]   # 332020,0100000001,岡山県倉敷市,消火栓,332020,,倉敷市西田２０１番１号,岡山県,倉敷市,,,,133.807849,34.593758,100,公設
    assert (r["緯度"], r["経度"]) == ("34.593758", "133.807849")
    assert (r["所在地_連結表記"], r["所在地_都道府県"], r["所在地_市区町村"], r["所在地_町字"]) == (
        "岡山県倉敷市西田201番1号", "岡山県", "倉敷市", "西田")
    assert r["所在地_番地以下"].startswith("201")
    assert (r["種別"], r["口径"], r["備考"]) == ("消火栓", "100", "公設")


# --- 鯖江市 イベント: the city's own headers -------------------------------------------------------------------------------
def test_sabae_events(tmp: Path) -> None:
    c = convert("sabae_event", tmp=tmp)
    m = c.mapping
    assert (m["説明"], m["開始時間"], m["連絡先名称"], m["連絡先電話番号"], m["場所名称"]) == (
        "イベント説明", "イベント開始時刻", "問合先", "問合先電話番号", "開催場所施設名")
    r = c.rows[0]   # 新横江地区　クリスマス会,"",子育て,2015/12/17,2015/12/17,クリスマス会を開催します,…,10:00〜,10:00,…
    assert (r["開始日"], r["開始時間"], r["説明"], r["連絡先電話番号"]) == (
        "2015-12-17", "10:00", "クリスマス会を開催します", "0778-51-2969")
    assert {"カテゴリ", "開催場所について", "対象地区"} <= set(c.unmapped)      # no item of イベント一覧: listed

"""A second batch of real files the converter was not written against (tests/fixtures/unseen, provenance in
SOURCES.md, "Second batch"): 九州 (大分), 北陸 (越前市), 北関東 (栃木県の市町), 四国 (今治市), 厚生労働省's
医療情報ネット format; vocabulary-IRI headers, LinkData ``#`` meta lines, the 国土地理院 shelter format,
codes that lost their leading zero, full-width addresses, a headerless CSV.

Every expected cell below was read off the source file by hand, not copied from the converter's output.
The ``xfail`` tests are converter problems found with these files and not fixed here (SOURCES.md,
"Known problems"); they turn into passes when the problem is fixed.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from opendata.convert import convert_file

from .test_unseen_files import UNSEEN, assert_converts_to, convert

EXPECTED = {
    "komae_aed": "2021/aed", "oita_aed": "2021/aed",
    "echizen_hoikuen_uri": "2026/preschool", "echizen_event_linkdata": "2021/event",
    "echizen_freewifi_uri": "2021/public_wireless_lan",
    "tochigi_evacuation_gsi": "2026/evacuation_space",
    "mhlw_hospital_imabari": "2021/hospital",
    "imabari_preschool_a5": "2026/preschool", "imabari_public_facility_a1": "2026/public_facility",
    "chiba_rousai_hospital_noheader": "2021/hospital",
}


@pytest.fixture(scope="module")
def tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("unseen2")


# --- every file converts, to the dataset it holds, without losing a value ------------------------------
@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_converts_with_dataset_given(slug: str, tmp: Path) -> None:
    assert_converts_to(slug, EXPECTED[slug], tmp)


@pytest.mark.parametrize(("slug", "expected"), [
    ("komae_aed", "2021/aed"),
    ("oita_aed", "2021/aed"),
    ("echizen_hoikuen_uri", "2026/preschool"),          # IRI headers read by their local names
    ("echizen_event_linkdata", "2021/event"),           # 開催日開始 / 開催日終了 / 問い合わせ先 / 開催地
    ("tochigi_evacuation_gsi", "2026/evacuation_space"),  # 異常な現象：洪水 …
    ("imabari_preschool_a5", "2026/preschool"),
    ("mhlw_hospital_imabari", "2021/hospital"),          # 病床数 in the header, 病院 in the names (values)
    ("echizen_freewifi_uri", "2026/public_wireless_lan"),  # FreeSpot in every Comment value; 2026 generation preferred
])
def test_dataset_detected_from_header_alone(slug: str, expected: str, tmp: Path) -> None:
    c = convert(slug, neutral=True, tmp=tmp)
    assert c.error is None, c.error
    assert c.schema_id == expected


_DETECT = "detection (mapping.detect_dataset): "


@pytest.mark.parametrize(("slug", "expected"), [
    pytest.param("imabari_public_facility_a1", "2026/public_facility", marks=pytest.mark.xfail(
        reason=_DETECT + "分類,名称,所在地,URL,緯度,経度 is any facility list: 2026/public_facility 46% vs "
                         "2021/preschool 44% (lead 3.0%, just at ACCEPT_MIN_LEAD since 2026/cultural_property joined the "
                         "schemas; 2.6% before, refused), converted to 2021/public_facility as the 2026 list is "
                         "unconfirmed; a knife-edge decision: no column is distinctive and "
                         "the 分類 values (公民館, 支所, 本庁) are facility kinds that no schema lists (2026/public_facility's "
                         "種別 has no vocabulary), so nothing but a file name (公共施設) tells it from a 保育所 list",
        strict=False)),
    pytest.param("chiba_rousai_hospital_noheader", "2021/hospital", marks=pytest.mark.xfail(
        reason=_DETECT + "no header row: by its values alone (名称, 住所, 電話番号 read from the values, 病院 in 9 of 16 "
                         "names) 2021/hospital leads every other dataset but reaches 35%, under the 45% bar, so "
                         "--dataset (or a file name saying hospital) is needed", strict=False)),
])
def test_dataset_detected_from_header_alone_known_misses(slug: str, expected: str, tmp: Path) -> None:
    assert convert(slug, neutral=True, tmp=tmp).schema_id == expected


# --- 狛江市: the 2021 AED template with full-width digits and half-width kana -----------------------------
def test_komae_aed_full_width_and_half_width_kana(tmp: Path) -> None:
    c = convert("komae_aed", "2021/aed", tmp=tmp)
    assert c.unmapped == []
    r = c.rows[0]   # 132195,1,東京都,狛江市,狛江市役所,ｺﾏｴｼﾔｸｼｮ,狛江市和泉本町１丁目１番5号,,…,本庁舎２階総合案内前,…,2442・2421,…
    assert (r["名称"], r["名称_カナ"]) == ("狛江市役所", "コマエシヤクショ")
    assert r["住所"] == "東京都狛江市和泉本町1丁目1番5号"
    assert r["設置位置"] == "本庁舎2階総合案内前"
    assert (r["開始時間"], r["終了時間"]) == ("08:30", "17:00")              # 8:30
    assert r["URL"] == "https://www.city.komae.tokyo.jp/index.cfm/42,73691,328,2043,html"
    assert r["内線番号"] == "2442・2421" and "phone-several" in c.issue(2, "内線番号")
    center = next(x for x in c.rows if x["NO"] == "56")   # 電話番号 なし, 利用可能曜日 全日・全時間帯使用可
    assert center["電話番号"] == ""
    assert center["利用可能曜日"] == "全日・全時間帯使用可"
    assert next(x for x in c.rows if x["NO"] == "48")["小児対応設備の有無"] == "無"


@pytest.mark.xfail(reason="address: 狛氏東野川４丁目1番1号 (a typo of 狛江市) is read as the 町字 狛氏東野川 of the "
                          "row's 狛江市 and prefixed 東京都狛江市 without a doubt reported; 町字 are not checked "
                          "against a town list", strict=False)
def test_komae_typo_in_city_name_is_reported(tmp: Path) -> None:
    c = convert("komae_aed", "2021/aed", tmp=tmp)
    line = 2 + [r["NO"] for r in c.rows].index("12")
    assert "address-unsure" in c.issue(line, "住所")


# --- 大分県 (大分市's rows): full-width lots, 大字, an address without its city --------------------------------
def test_oita_aed_full_width_lots(tmp: Path) -> None:
    c = convert("oita_aed", "2021/aed", tmp=tmp)
    by_no = {r["NO"]: r for r in c.rows}
    assert by_no["3"]["住所"] == "大分県大分市府内町3-10-1"                     # 大分市府内町３－１０－１
    assert by_no["4"]["住所"] == "大分県大分市大字玉沢字平石908番地"
    assert by_no["1"]["名称"] == "大分県庁舎\u3000本館"
    assert by_no["1"]["備考"] == "うち1台\u3000人事課(健康支援班内)"
    assert by_no["49"]["利用可能日時特記事項"] == "24時間対応"
    # 大字光吉４６７－１２ names no municipality: the row's own 442011 / 大分市 completes it, logged
    assert by_no["94"]["住所"] == "大分県大分市大字光吉467-12"
    line = 2 + [r["NO"] for r in c.rows].index("94")
    assert c.issue(line, "住所") == []
    assert any(ch["row"] == line and ch["field"] == "住所" and ch["before"] == "大字光吉467-12" for ch in c.changes)
    # 090-569-3936: a mobile prefix with 10 digits; reported, kept
    assert by_no["9"]["電話番号"] == "090-569-3936"
    assert "phone-invalid" in c.issue(2 + 8, "電話番号")


# --- 越前市: vocabulary IRIs as headers (https://schema.org/name, …/wgs84_pos#lat, …/rdf/#capacity) -------------
def test_echizen_nursery_iri_headers(tmp: Path) -> None:
    c = convert("echizen_hoikuen_uri", "2026/preschool", tmp=tmp)
    assert c.mapping["名称"] == "https://schema.org/name"
    assert c.mapping["緯度"] == "http://www.w3.org/2003/01/geo/wgs84_pos#lat"
    assert c.mapping["収容定員"] == "https://code4fukui.github.io/rdf/#capacity"
    assert c.mapping["受入年齢"] == "https://code4fukui.github.io/rdf/#acceptage"
    assert c.mapping["一時預かりの有無"] == "https://code4fukui.github.io/rdf/#temporary_custody"
    r = c.rows[0]   # 上太田保育園,越前市上太田町11-2,…,35.9005456,136.1513068,大虫,市立,90,0778-22-0065,7:00～18:00,6か月以上,実施あるいは実施可,…
    assert (r["名称"], r["収容定員"], r["電話番号"], r["受入年齢"]) == ("上太田保育園", "90", "0778-22-0065", "6か月以上")
    assert (r["所在地_連結表記"], r["所在地_町字"], r["所在地_番地以下"]) == ("福井県越前市上太田町11-2", "上太田町", "11-2")
    assert (r["緯度"], r["経度"]) == ("35.9005456", "136.1513068")
    assert (r["開始時間"], r["終了時間"]) == ("07:00", "18:00")             # 7:00～18:00 in one cell, split
    assert r["一時預かりの有無"] == "有"                                      # 実施あるいは実施可
    assert c.issue(2, "一時預かりの有無") == []
    assert c.rows[10]["開始時間"] == "07:30"                                 # 安養寺こども園 7:30～18:30
    # the city's own columns (担当課, 地区, 設置主体, 休日保育 ×/実施…) are listed, not dropped
    assert "https://code4fukui.github.io/rdf/#institution" in c.unmapped


def test_echizen_wifi_iri_headers(tmp: Path) -> None:
    c = convert("echizen_freewifi_uri", "2021/public_wireless_lan", tmp=tmp)
    assert c.mapping["URL"] == "https://schema.org/url" and c.mapping["備考"] == "https://schema.org/Comment"
    r = c.rows[0]   # 越前市役所,府中一丁目13-7,https://www.city.echizen.lg.jp/,午前６時から午後１０時まで,35.903474,136.168674,東,FreeSpot,財産管理課
    assert (r["名称"], r["URL"], r["備考"]) == ("越前市役所", "https://www.city.echizen.lg.jp/", "FreeSpot")
    # 府中一丁目13-7 names no municipality and nothing in the row does: kept as written, reported
    assert r["住所"] == "府中一丁目13-7"
    assert "address-unsure" in c.issue(2, "住所")
    assert "https://schema.org/scheduleTimezone" in c.unmapped        # 午前６時から午後１０時まで: no item


# --- 越前市: a LinkData event file (#LINK … #property … #property_context lines) -----------------------------
def test_echizen_event_linkdata(tmp: Path) -> None:
    c = convert("echizen_event_linkdata", "2021/event", tmp=tmp)
    assert (c.mapping["開始日"], c.mapping["終了日"]) == ("開催日開始", "開催日終了")
    assert (c.mapping["説明"], c.mapping["連絡先名称"], c.mapping["場所名称"]) == ("内容", "問い合わせ先", "開催地")
    assert c.mapping["市区町村名"] == "市町"
    assert len(c.rows) == 1
    r = c.rows[0]
    assert r["イベント名"] == "越前市に生息するダンスをする魚「トミヨ」観察会の開催"
    assert (r["開始日"], r["終了日"]) == ("2020-08-09", "2020-08-09")       # 2020-08-09 00:00:00
    assert r["連絡先電話番号"] == "0778-21-2019"                             # 0778－21－2019
    assert r["場所名称"] == "越前市かこさとしふるさと絵本館「石石（らく）」"
    # 高瀬一丁目14－7 completed from the row's 市町 (越前市)
    assert r["住所"] == "福井県越前市高瀬一丁目14-7"
    assert r["説明"].startswith("現在、越前市かこさとし")                    # leading U+3000 trimmed
    assert r["備考"].startswith("☆開催日時：8月9日（日）午後2時から午後4時まで")


# --- 栃木県's towns in the 国土地理院 shelter format ------------------------------------------------------
def test_tochigi_gsi_shelter_format(tmp: Path) -> None:
    c = convert("tochigi_evacuation_gsi", "2026/evacuation_space", tmp=tmp)
    assert c.mapping["災害種別_洪水"] == "異常な現象：洪水"
    assert c.mapping["災害種別_崖崩れ、土石流及び地滑り"] == "異常な現象：崖崩れ、土石流及び地滑り"
    assert c.mapping["指定避難所との重複"] == "指定避難所との重複指定"
    assert c.mapping["緯度"] == "緯度（度：世界測地系）" and c.mapping["電話番号"] == "管理担当連絡先"
    assert c.unmapped == []
    r = c.rows[0]   # 佐野市,92045,佐野小学校,さのしょうがっこう,佐野市金屋下町10,0283-23-0374,1,1,,1,,1,1,,1,"1,290",36.31094252,…
    assert (r["名称"], r["名称_カナ"]) == ("佐野小学校", "サノショウガッコウ")
    assert (r["災害種別_洪水"], r["災害種別_高潮"], r["災害種別_地震"], r["災害種別_火山現象"]) == ("1", "", "1", "")
    assert r["所在地_連結表記"] == "栃木県佐野市金屋下町10"
    assert (r["緯度"], r["経度"], r["電話番号"]) == ("36.31094252", "139.5812809", "0283-23-0374")
    assert r["想定収容人数"] == "1,290"                     # a string item in 2026 (例: 810人（…）): kept as written


def test_tochigi_codes_that_lost_their_leading_zero(tmp: Path) -> None:
    c = convert("tochigi_evacuation_gsi", "2026/evacuation_space", tmp=tmp)
    by_name = {r["名称"]: r for r in c.rows}
    # 92045 is 092045 (栃木県佐野市) read as a number: the zero restored (the check digit fits), logged
    assert by_name["佐野小学校"]["全国地方公共団体コード"] == "092045"
    assert any(ch["field"] == "全国地方公共団体コード" and ch["before"] == "92045" and ch["after"] == "092045"
               for ch in c.changes)
    assert by_name["上三川町役場"]["全国地方公共団体コード"] == "093017"      # 93017
    assert by_name["国分寺公民館"]["全国地方公共団体コード"] == "092169"      # 92169
    assert by_name["氏家小学校"]["全国地方公共団体コード"] == "092142"        # 9214: 5-digit code, zero lost too
    assert not [i for i in c.issues if i.get("field") == "全国地方公共団体コード"]


def test_tochigi_addresses(tmp: Path) -> None:
    c = convert("tochigi_evacuation_gsi", "2026/evacuation_space", tmp=tmp)
    by_name = {r["名称"]: r for r in c.rows}
    # 東蓼沼251番地 names no municipality: completed from the row's 自治体名 上三川町 (河内郡 added)
    hongo = by_name["上三川町立本郷小学校"]
    assert hongo["所在地_連結表記"] == "栃木県河内郡上三川町東蓼沼251番地"
    assert (hongo["所在地_町字"], hongo["所在地_番地以下"]) == ("東蓼沼", "251番地")
    # 上阿久津79街区: a block of a land readjustment area is the lot, not a building
    park = by_name["上阿久津台地近隣公園"]
    assert (park["所在地_町字"], park["所在地_番地以下"], park["建物名等(方書)"]) == ("上阿久津", "79街区", "")
    # trailing spaces of 下野市's cells (下野市小金井1127 , 0285-40-5563 )
    assert by_name["国分寺公民館"]["所在地_連結表記"] == "栃木県下野市小金井1127"
    assert by_name["国分寺公民館"]["電話番号"] == "0285-40-5563"
    # 285569157: a phone number that lost its leading 0 and hyphens (0285-56-9157): kept and reported
    line = 2 + [r["名称"] for r in c.rows].index("上三川町立本郷小学校")
    assert hongo["電話番号"] == "285569157" and "phone-no-area-code" in c.issue(line, "電話番号")


def test_tochigi_question_mark_mojibake_reported(tmp: Path) -> None:
    # 祇??園小学校: a character lost to '?' in an earlier encoding round trip; reported, kept as written
    c = convert("tochigi_evacuation_gsi", "2026/evacuation_space", tmp=tmp)
    line = 2 + [r["名称"] for r in c.rows].index("祇??園小学校")
    assert c.issue(line, "名称") == ["probable-mojibake"]
    assert not any(ch["row"] == line and ch["field"] == "名称" for ch in c.changes)
    # the address of that row has it too (下野市祇??園2-21-3); no other cell of the file is reported
    assert sorted((i["row"], i["field"]) for i in c.issues if i["code"] == "probable-mojibake") == [
        (line, "名称"), (line, "所在地_連結表記")]


# --- 厚生労働省 医療情報ネット (今治市's rows) -------------------------------------------------------------
def test_mhlw_medical_institutions(tmp: Path) -> None:
    c = convert("mhlw_hospital_imabari", "2021/hospital", tmp=tmp)
    assert (c.mapping["名称"], c.mapping["名称_カナ"]) == ("正式名称", "正式名称（フリガナ）")
    assert (c.mapping["緯度"], c.mapping["経度"]) == ("所在地座標（緯度）", "所在地座標（経度）")
    assert (c.mapping["病床数"], c.mapping["URL"]) == ("合計病床数", "案内用ホームページアドレス")
    r = c.rows[0]   # 3811385500190,公益財団法人正光会今治病院,…,愛媛県今治市高市甲７８６－１３,34.027087,133.014344,…,293
    assert (r["名称"], r["住所"], r["病床数"]) == ("公益財団法人正光会今治病院", "愛媛県今治市高市甲786-13", "293")
    assert (r["緯度"], r["経度"]) == ("34.027087", "133.014344")
    assert c.rows[3]["住所"] == "愛媛県今治市宮下町1-1-21"                   # 宮下町１―１―２１ (U+2015)
    # URLs without a scheme or with a broken one: kept and reported
    by_name = {x["名称"]: x for x in c.rows}
    assert by_name["三木病院"]["URL"] == "tenrakukai-hp.com/"
    assert by_name["医療法人\u3000かとう内科"]["URL"] == "https//www.katonai.com"
    assert sum(1 for i in c.issues if i.get("field") == "URL") == 3
    assert "英語表記（ローマ字表記）" in c.unmapped and "毎週決まった曜日に休診（月）" in c.unmapped


def test_mhlw_split_code_joined(tmp: Path) -> None:
    # the code split over 都道府県コード (38) and 市区町村コード (202): joined, check digit added, logged
    c = convert("mhlw_hospital_imabari", "2021/hospital", tmp=tmp)
    assert c.mapping["都道府県コード又は市区町村コード"] is None      # a combined mapping: two sources
    assert "都道府県コード" not in c.unmapped and "市区町村コード" not in c.unmapped
    assert {r["都道府県コード又は市区町村コード"] for r in c.rows} == {"382027"}
    assert not [i for i in c.issues if i.get("field") == "都道府県コード又は市区町村コード"]
    first = [ch for ch in c.changes if ch["row"] == 2 and ch["field"] == "都道府県コード又は市区町村コード"]
    assert [(ch["source"], ch["before"], ch["after"], ch["step"]) for ch in first] == [
        ("都道府県コード+市区町村コード", "38202", "382027", "codes")]
    assert c.accounting["balanced"] == 1


# --- 今治市: the city's own preschool and facility lists ------------------------------------------------------
def test_imabari_preschool_two_capacities(tmp: Path) -> None:
    c = convert("imabari_preschool_a5", "2026/preschool", tmp=tmp)
    assert c.mapping["収容定員"] == "利用定員" and c.mapping["一時預かりの有無"] == "一時預かり"
    first = c.rows[0]   # 保育所,鳥生保育所,今治市北鳥生町3丁目1-15,0898-22-3749,今治市,120,,34.054302,133.007296
    assert (first["種別"], first["名称"], first["収容定員"]) == ("保育所", "鳥生保育所", "120")
    assert first["所在地_連結表記"] == "愛媛県今治市北鳥生町3丁目1-15"
    assert c.rows[2]["一時預かりの有無"] == "有"                              # ○
    # 12/78 (認定こども園: two capacities in one cell): kept, reported, never summed or split by a guess
    yoshiumi = c.rows[21]
    assert yoshiumi["収容定員"] == "12/78" and "number-several" in c.issue(23, "収容定員")
    # 0898-23-077: a digit short; kept and reported
    assert c.rows[32]["電話番号"] == "0898-23-077" and "phone-invalid" in c.issue(34, "電話番号")


def test_imabari_public_facility(tmp: Path) -> None:
    c = convert("imabari_public_facility_a1", "2026/public_facility", tmp=tmp)
    assert c.mapping["種別"] == "分類"
    assert c.unmapped == []
    hakata = c.rows[9]   # 支所,伯方支所,今治市伯方町叶浦甲1668-30（伯方開発総合センター内）,…
    assert (hakata["種別"], hakata["所在地_町字"], hakata["所在地_番地以下"]) == ("支所", "伯方町叶浦甲", "1668-30")
    assert hakata["建物名等(方書)"] == "（伯方開発総合センター内）"
    # the source repeats its first record (本庁 twice): both kept, as written
    assert [r["名称"] for r in c.rows[:2]] == ["本庁", "本庁"]


# --- 千葉労働局: a list without a header row -------------------------------------------------------------------
def test_chiba_headerless_read_from_first_record(tmp: Path) -> None:
    """The first record holds a code, a postcode, an address and a phone number: the table has no header row, the
    clerk is told so, and the columns are named by their letters."""
    c = convert("chiba_rousai_hospital_noheader", "2021/hospital", tmp=tmp)
    notes = [n for n in c.table["notes"] if n["code"] == "headerless"]
    assert notes and notes[0]["row"] == 1 and notes[0]["value"] == "1210017"
    assert not [n for n in c.table["notes"] if n["code"] == "header-looks-like-data"]
    assert c.table["header_rows"] == [0, 0] and c.table["layout"]["data_rows"] == [1, None]


def test_chiba_headerless_first_record_kept(tmp: Path) -> None:
    """No header row: the first record is data, and the columns map by their values (名称 from names of
    hospitals, 住所 from addresses starting with 千葉市…, 電話番号 from 043-…); 2021/hospital has no 郵便番号, so the
    postcode column is listed with its values and the reason (and goes to 備考 as 郵便番号: … when asked)."""
    c = convert("chiba_rousai_hospital_noheader", "2021/hospital", tmp=tmp)
    assert c.rows_in == 16 and len(c.rows) == 16
    r = c.rows[0]      # 千葉,1210017,国立大学法人 千葉大学千葉大学医学部附属病院,260-0856,千葉市中央区亥鼻１－８－１,全,●,,043-222-7171
    assert r["名称"] == "国立大学法人 千葉大学千葉大学医学部附属病院"
    assert r["住所"] == "千葉県千葉市中央区亥鼻1-8-1"
    assert r["電話番号"] == "043-222-7171"
    assert c.mapping["名称"] == "C" and c.mapping["住所"] == "E" and c.mapping["電話番号"] == "I"
    last = c.rows[15]  # 千葉,1212541,一般財団法人 柏戸記念財団 長洲柏戸クリニック,260-0854,千葉市中央区長洲２－２０－２７,,,●,043-222-2873
    assert (last["名称"], last["住所"], last["電話番号"]) == (
        "一般財団法人 柏戸記念財団 長洲柏戸クリニック", "千葉県千葉市中央区長洲2-20-27", "043-222-2873")
    assert c.unmapped == ["A", "B", "D", "F", "G", "H"]          # every other column listed, none dropped
    assert c.accounting["balanced"] == 1


def test_chiba_headerless_postcode_listed_and_to_remarks(tmp: Path) -> None:
    work = tmp / "chiba-remarks"
    work.mkdir()
    src = work / "chiba_rousai_hospital_noheader.csv"
    src.write_bytes((UNSEEN / "chiba_rousai_hospital_noheader.csv").read_bytes())
    o = convert_file(src, work / "out", dataset="2021/hospital", extra_to_remarks=True, keep_logs=True)
    assert o.result is not None
    r = o.result
    postcode = next(u for u in r.unmapped if u["header"] == "D")
    assert postcode["nonempty"] == 16 and postcode["samples"][0] == "260-0856"
    assert "郵便番号" in postcode["reason_ja"]
    with r.output.open(encoding="utf-8", newline="") as f:
        first = next(csv.DictReader(f))
    assert "郵便番号: 260-0856" in first["備考"] and "B列: 1210017" in first["備考"]
    r.cleanup()


def test_chiba_detected_with_its_file_name(tmp: Path) -> None:
    """The values name no dataset well enough alone (see the known miss above); with the file name (hospital)
    the guess is accepted."""
    c = convert("chiba_rousai_hospital_noheader", tmp=tmp)
    assert c.error is None and c.schema_id == "2021/hospital"
    neutral = convert("chiba_rousai_hospital_noheader", neutral=True, tmp=tmp)
    assert neutral.error is not None and neutral.error["code"] == "dataset-unknown"
    assert neutral.error["details"]["candidates"][0]["schema_id"] == "2021/hospital"   # first among the candidates

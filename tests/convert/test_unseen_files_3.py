"""A third batch of real files the converter was not written against (tests/fixtures/unseen, provenance in
SOURCES.md, "Third batch"): datasets the first two batches barely had (消防水利, オープンデータ一覧, 文化財, イベント,
介護サービス事業所, 地域・年齢別人口 by 町丁, 医療機関 under English names, a 2026 公共施設一覧 of 56 columns) from
publishers not covered before (豊島区, 板橋区, 国立市, 山口県柳井市) and two new datasets of 高松市 (its English
#property hospital list and a department's own event list); a CP932 file with a comment line.

Every expected cell below was read off the source file by hand, not copied from the converter's output.
The ``xfail`` tests are converter problems found with these files and not fixed here (SOURCES.md,
"Known problems"); they turn into passes when the problem is fixed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_unseen_files import assert_converts_to, convert

EXPECTED = {
    "yanai_tourism-sjis": "2021/tourism",
    "toshima_fire_hydrant": "2021/fire_hydrant", "toshima_open_data_list": "2021/opendata_list",
    "toshima_cultural_property": "2021/cultural_property", "toshima_event": "2021/event",
    "toshima_care_service": "2021/care_service",
    "itabashi_public_facility": "2026/public_facility",
    "kunitachi_population_by_town": "2021/population",
    "takamatsu_hospital_property": "2021/hospital", "takamatsu_events_adhoc": "2021/event",
}


@pytest.fixture(scope="module")
def tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("unseen3")


def line_of(c, column: str, value: str) -> int:
    """The file line of the record whose output ``column`` is ``value`` (header on line 1)."""
    return 2 + [r[column] for r in c.rows].index(value)


# --- every file converts, to the dataset it holds, without losing a value ------------------------------
@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_converts_with_dataset_given(slug: str, tmp: Path) -> None:
    assert_converts_to(slug, EXPECTED[slug], tmp)


@pytest.mark.parametrize(("slug", "expected"), [
    ("yanai_tourism-sjis", "2021/tourism"),
    ("toshima_fire_hydrant", "2026/fire_hydrant"),          # 2021 template; the 2026 generation is preferred
    ("toshima_open_data_list", "2021/opendata_list"),
    ("toshima_cultural_property", "2021/cultural_property"),
    ("toshima_event", "2021/event"),
    ("toshima_care_service", "2021/care_service"),
    ("kunitachi_population_by_town", "2021/population"),    # 町丁, 男, 女, 合計 (names of the city's own table)
    ("takamatsu_hospital_property", "2021/hospital"),       # medicalSubjects, numberOfBeds …
    ("takamatsu_events_adhoc", "2021/event"),               # 行事名, 開催日, 問い合わせ先（市の担当課）
])
def test_dataset_detected_from_header_alone(slug: str, expected: str, tmp: Path) -> None:
    c = convert(slug, neutral=True, tmp=tmp)
    assert c.error is None, c.error
    assert c.schema_id == expected


# the real 56-column 2026 公共施設一覧: 2026/public_facility (28 of its 29 items) and 2026/aed (31 of 33) share the
# generic items; 名称_通称 and POIコード, 公共施設一覧's own items (of its 2021 list), settle it, and the file is kept in the
# 2026 list (it fits it better than the 2021 one although that list is unconfirmed)
def test_itabashi_public_facility_detected(tmp: Path) -> None:
    c = convert("itabashi_public_facility", neutral=True, tmp=tmp)
    assert c.error is None and c.schema_id == "2026/public_facility"
    assert (c.rows[0]["所在地_町字"], c.rows[0]["所在地_番地以下"]) == ("板橋2丁目", "66-1")
    named = convert("itabashi_public_facility", tmp=tmp)            # with its file name: the same
    assert named.schema_id == "2026/public_facility"


# --- 山口県柳井市: CP932, a comment line with another city's name, 月火水木金土日, a '?' for ～ ----------------------
def test_yanai_tourism_cp932_with_a_comment_line(tmp: Path) -> None:
    c = convert("yanai_tourism-sjis", "2021/tourism", tmp=tmp)
    assert c.table["header_rows"] == [2, 2]                          # "# 桜井市 観光施設一覧" is skipped as a title
    assert c.mapping["都道府県コード又は市区町村コード"] == "市区町村コード"
    r = c.rows[0]    # 352128,1,山口県,柳井市,白壁の町並み,…,山口県柳井市柳井津,,33.9692679,132.1080781,月火水木金土日,,,随時見学可能,無料
    assert (r["都道府県コード又は市区町村コード"], r["名称"], r["住所"]) == ("352128", "白壁の町並み", "山口県柳井市柳井津")
    assert r["利用可能曜日"] == "月火水木金土日" and r["料金(基本)"] == "0"          # 無料: a fee of 0 yen
    assert "\n" not in r["説明"] and r["説明"].startswith("中世の町割りが") and "約200mの街路" in r["説明"]  # ２００ｍ
    kuni = c.rows[1]                                                # 9:00, 17:00, 200, 高校生以上200円、…
    assert (kuni["開始時間"], kuni["終了時間"], kuni["料金(基本)"]) == ("09:00", "17:00", "200")
    assert kuni["料金(詳細)"] == "高校生以上200円、中学生以下100円"
    oobatake = c.rows[14]                                           # 0820‐45‐2126 (U+2010)
    assert oobatake["連絡先電話番号"] == "0820-45-2126"
    # 8:00?15:00: the ～ was lost to '?' in an earlier conversion; kept, reported
    assert "8:00?15:00" in oobatake["利用可能日時特記事項"]
    assert c.issue(line_of(c, "NO", "15") + 1, "利用可能日時特記事項") == ["probable-mojibake"]
    assert c.rows[7]["説明"].startswith("この建物は")                 # a leading space trimmed


# --- 豊島区 消防水利: the 2021 template, NO 0000000001 ----------------------------------------------------------------
def test_toshima_fire_hydrant(tmp: Path) -> None:
    c = convert("toshima_fire_hydrant", "2021/fire_hydrant", tmp=tmp)
    assert c.status == "valid" and c.issues == [] and c.unmapped == []
    r = c.rows[0]        # 131164,0000000001,東京都,豊島区,防火水そう,東京都豊島区長崎5-29-4,,35.73426,139.68391,,地下式
    assert (r["NO"], r["種別"], r["住所"], r["備考"]) == ("0000000001", "防火水そう", "東京都豊島区長崎5-29-4", "地下式")
    auto = convert("toshima_fire_hydrant", neutral=True, tmp=tmp)
    a = auto.rows[1]
    assert (a["ID"], a["地方公共団体名"], a["所在地_町字"], a["所在地_番地以下"]) == ("0000000002", "東京都豊島区", "長崎",
                                                                                 "2-6-3")


# --- 豊島区 オープンデータ一覧: 分類 words outside the standard's vocabulary are reported, not guessed -------------------
def test_toshima_open_data_list_categories_are_not_guessed(tmp: Path) -> None:
    c = convert("toshima_open_data_list", "2021/opendata_list", tmp=tmp)
    by_no = {r["NO"]: r for r in c.rows}
    assert by_no["1"]["データ名称"] == "AED設置箇所一覧" and by_no["1"]["最終更新日"] == "2022-08-22"   # 2022/8/22
    # 10 地域・年齢別人口 and 6 公衆無線LAN are 分類「情報」: not the prefix of 情報通信・科学技術 it would have been
    assert by_no["10"]["分類"] == "情報" and "enum-unknown" in c.issue(11, "分類")
    assert by_no["6"]["分類"] == "情報" and "enum-unknown" in c.issue(7, "分類")
    assert by_no["2"]["分類"] == "福祉" and "enum-unknown" in c.issue(3, "分類")
    assert by_no["13"]["分類"] == "その他" and c.issue(14, "分類") == []
    assert not any(ch["field"] == "分類" for ch in c.changes)


# --- 豊島区 文化財一覧: every 緯度 holds the longitude; 種類 subtypes; a '?' for a lost kanji -----------------------------
def test_toshima_cultural_property_swapped_columns(tmp: Path) -> None:
    c = convert("toshima_cultural_property", "2021/cultural_property", tmp=tmp)
    r = c.rows[0]        # …,豊島区長崎1-9-2　金剛院,,139.69556,35.72727,…,1994/6/27
    assert (r["緯度"], r["経度"]) == ("35.72727", "139.69556")
    assert r["住所"] == "東京都豊島区長崎1-9-2\u3000金剛院"                 # 東京都 from 市区町村名 豊島区
    assert r["文化財指定日"] == "1994-06-27"
    assert sum(1 for ch in c.changes if ch["step"] == "coordinates-swap") == 2 * len(c.rows)
    # swapped back: the cells' "緯度と経度が逆ではありませんか" would contradict the change log
    assert not any(i["code"] == "latlon-swapped" for i in c.issues)


def test_toshima_cultural_property_kinds(tmp: Path) -> None:
    c = convert("toshima_cultural_property", "2021/cultural_property", tmp=tmp)
    by_no = {r["NO"]: r for r in c.rows}
    assert by_no["1"]["種類"] == "建造物"
    assert by_no["5"]["種類"] == "美術工芸品"          # 絵画・彫刻・工芸品: kinds of 美術工芸品 (文化財保護法 第2条)
    assert by_no["7"]["種類"] == "美術工芸品"          # 考古資料
    assert by_no["8"]["種類"] == "美術工芸品"          # 歴史資料
    assert any(ch["row"] == 6 and ch["field"] == "種類" and "内訳" in ch["note_ja"] for ch in c.changes)
    assert by_no["12"]["種類"] == "民俗芸能" and "enum-unknown" in c.issue(13, "種類")   # not 芸能: a person decides
    assert by_no["15"]["種類"] == ""                                                    # 池袋富士塚 (史跡): empty


def test_toshima_cultural_property_mojibake_at_the_start(tmp: Path) -> None:
    c = convert("toshima_cultural_property", "2021/cultural_property", tmp=tmp)
    assert c.rows[8]["名称"] == "?賜豬碑（嘉永二年在銘）"
    assert "probable-mojibake" in c.issue(10, "名称")
    assert c.rows[20]["住所"] == "東京都豊島区西巣鴨4-8-40\u3000盛雲寺"          # trailing U+3000 trimmed


# --- 豊島区 イベント一覧: 2021.5.2, phones with spaces, https://www/… ----------------------------------------------------
def test_toshima_event(tmp: Path) -> None:
    c = convert("toshima_event", "2021/event", tmp=tmp)
    by_no = {r["NO"]: r for r in c.rows}
    tact = by_no["4"]    # TACT Festival in Tokyo2021,…,2021.5.2,2021.5.9,10:30,20:00,…,03 3981 1193
    assert (tact["開始日"], tact["終了日"], tact["開始時間"], tact["終了時間"]) == ("2021-05-02", "2021-05-09", "10:30",
                                                                                  "20:00")
    assert tact["連絡先電話番号"] == "03-3981-1193"
    assert by_no["39"]["終了日"] == "2022-01-06"                                    # 2022.1.6
    assert by_no["13"]["イベント名"] == "おおつか音楽祭2021"                          # trailing space trimmed
    assert by_no["40"]["開始日時特記事項"] == "通年で開催。"
    assert by_no["20"]["説明"] == "昭和47年より開催。毎年1,000人以上の踊り手が参加"
    # 2021.11.9、21: two dates in one cell, kept and reported
    assert by_no["36"]["開始日"] == "2021.11.9、21" and "date-unreadable" in c.issue(line_of(c, "NO", "36"), "開始日")
    # https://www/yosaitokyo.gr.jp/: the dot after www typed as a slash
    assert by_no["23"]["URL"] == "https://www/yosaitokyo.gr.jp/"
    assert "url-format" in c.issue(line_of(c, "NO", "23"), "URL")
    assert by_no["7"]["URL"] == "http://www.toden-rose.com" and c.issue(line_of(c, "NO", "7"), "URL") == []


# --- 豊島区 介護サービス事業所一覧: 03 6709 2175, 4.01E+12, ５０１, a 町字 missing -------------------------------------------
def test_toshima_care_service(tmp: Path) -> None:
    c = convert("toshima_care_service", "2021/care_service", tmp=tmp)
    assert c.unmapped == []
    r = c.rows[0]        # 悠悠訪問介護ステーション,…,東京都豊島区池袋2-69-7,恩田ビル５０１,…,03 6709 2175,,03 6709 2176,4.01E+12
    assert (r["方書"], r["電話番号"], r["FAX番号"]) == ("恩田ビル501", "03-6709-2175", "03-6709-2176")
    assert r["事業所番号"] == "1371604891"
    # Excel showed the 13-digit 法人番号 as 4.01E+12 and the file kept that: reported as such, never rebuilt
    assert r["法人番号"] == "4.01E+12"
    issue = next(i for i in c.issues if i["row"] == 2 and i["field"] == "法人番号")
    assert issue["code"] == "corporate-number-format" and "指数表記" in issue["message_ja"]
    by_no = {x["NO"]: x for x in c.rows}
    assert by_no["26"]["介護サービス事業所名称"] == "イエスサービス"              # イエスサｰﾋﾞｽ (half-width kana)
    assert by_no["93"]["方書"] == "パークサイドビル5E"                             # ﾊﾟｰｸｻｲﾄﾞﾋﾞﾙ5E
    assert by_no["74"]["住所"] == "東京都豊島区南大塚2-35-7"                       # 東京都 from 市区町村名
    assert by_no["85"]["住所"] == "東京都新宿区上落合2-9-16"                       # an office in 新宿区: kept
    assert by_no["35"]["FAX番号"] == "03-6909-3370"                               # "03 6909 3370 "
    assert "kana-not-katakana" in c.issue(line_of(c, "NO", "71"), "介護サービス事業所名称_カナ")  # カノン訪問看護…


# NO 53: 東京都豊島区3-43-12 has no 町字 (a ward: every address has one): kept as written, reported even in a 2021
# schema whose one-cell 住所 is the only address item
def test_toshima_care_service_missing_town_is_reported(tmp: Path) -> None:
    c = convert("toshima_care_service", "2021/care_service", tmp=tmp)
    line = line_of(c, "NO", "53")
    assert c.rows[line - 2]["住所"] == "東京都豊島区3-43-12" and c.rows[line - 2]["方書"] == "高原ビル4階"
    assert c.issue(line, "住所") == ["address-unsure"]
    issue = next(i for i in c.issues if i["row"] == line and i["field"] == "住所")
    assert "町字がありません" in issue["message_ja"]
    # the other rows of 豊島区 have their 町字: no doubt reported
    assert [i["row"] for i in c.issues if i["code"] == "address-unsure"] == [line]


# --- 国立市 地域・年齢別人口 by 町丁: 町丁, 男, 女, 合計, 調査年月日入力; non-standard age bands ---------------------------------
def test_kunitachi_population_by_town(tmp: Path) -> None:
    c = convert("kunitachi_population_by_town", "2021/population", tmp=tmp)
    assert (c.mapping["地域名"], c.mapping["総人口"], c.mapping["男性"], c.mapping["女性"]) == ("町丁", "合計", "男", "女")
    assert c.mapping["調査年月日"] == "調査年月日入力"
    r = c.rows[0]        # 132152,0,東京都,国立市,2023-03-01T00:00:00,東１丁目,1802,1457,1794,3251,150,121,2459,521
    assert (r["地域名"], r["調査年月日"], r["世帯数"]) == ("東1丁目", "2023-03-01", "1802")
    assert (r["総人口"], r["男性"], r["女性"]) == ("3251", "1457", "1794")
    assert c.rows[27]["地域名"] == "青柳" and c.rows[27]["総人口"] == "23"
    # 0～6歳, 7～12歳, 13～69歳, 70歳以上 are not the standard's 5-year bands: listed, not forced into them
    assert c.unmapped == ["０～６歳", "７～１２歳", "１３～６９歳", "７０歳以上"]
    assert all(r["0-4歳の男性"] == "" for r in c.rows)


# --- 高松市 医療機関 (#property, English names) ----------------------------------------------------------------------
def test_takamatsu_hospital_english_headers(tmp: Path) -> None:
    c = convert("takamatsu_hospital_property", "2021/hospital", tmp=tmp)
    m = c.mapping
    assert (m["名称_カナ"], m["診療科目"], m["病床数"], m["方書"]) == ("fullNameInKana", "medicalSubjects", "numberOfBeds",
                                                                     "katagaki")
    assert (m["時間外における対応"], m["医療機関コード"], m["都道府県名"], m["市区町村名"]) == (
        "overtimeResponse", "medicalCode", "pref", "city")
    # alternativeName holds 病院 / 有床診療所: the vocabulary of 医療機関の種類, read from the values
    assert m["医療機関の種類"] == "alternativeName"
    r = c.rows[0]        # …Hospital.1,34.236976,134.021769,香川県高松市香南町大字由佐113-1,病院,高松市,医療法人社団以和貴会いわき病院,…
    assert (r["名称"], r["名称_カナ"], r["医療機関の種類"], r["病床数"]) == ("医療法人社団以和貴会いわき病院", "イワキビョウイン",
                                                                          "病院", "237")
    assert r["診療科目"].startswith("内科;心療内科;小児神経内科")           # 内科、心療内科、… as a ;-list
    abe = c.rows[14]     # 阿部内科眼科医院: numberOfBeds 19（休床中）
    assert (abe["医療機関の種類"], abe["病床数"]) == ("有床診療所", "19") and "（休床中）" in abe["備考"]
    assert c.rows[6]["名称"] == "かがわ総合リハビリテーション病院"                # trailing U+3000 trimmed
    assert "url-several" in c.issue(8, "URL")                  # http://www.kagawa-reha.net/http://www.kagawa-reha.net/…
    # 開設者 (establisher: a corporation, 香川県, or a person) and 代表者 are left for a person
    assert "establisher" in c.unmapped and "corporateRepresentative" in c.unmapped


# --- 高松市 a department's own event list: 行事名, 開催日 without a year, 17:00（最終入館16:30まで）, — ---------------------
def test_takamatsu_events_adhoc(tmp: Path) -> None:
    c = convert("takamatsu_events_adhoc", "2021/event", tmp=tmp)
    m = c.mapping
    assert (m["イベント名"], m["開始日"], m["料金(詳細)"], m["連絡先電話番号"]) == ("行事名", "開催日", "料金", "TEL")
    assert m["連絡先名称"] == "問い合わせ先（市の担当課）"                      # a known name with a qualifier
    r = c.rows[0]        # "1","高校生・一般","9月7日(土)～\n11月4日(月・祝) ","9:00","17:00（最終入館16:30まで）","コレクション展",…
    assert (r["イベント名"], r["開始時間"], r["終了時間"]) == ("コレクション展", "09:00", "17:00")
    assert r["備考"] == "終了時間の補足: （最終入館16:30まで）"
    assert "date-range" in c.issue(2, "開始日")                                 # a range, and no year: a person decides
    assert r["連絡先名称"] == "菊池寛記念館"
    fest = c.rows[5]     # げすいどうフェスタ: "10:00\n（一部コーナーを除く）"
    assert (fest["開始時間"], fest["終了時間"]) == ("10:00", "21:00")
    assert fest["備考"].startswith("開始時間の補足: （一部コーナーを除く）")
    kama = c.rows[8]     # カマタマーレ讃岐: 終了時間 —
    assert kama["終了時間"] == "" and c.issue(10, "終了時間") == []
    assert "phone-several" in c.issue(10, "連絡先電話番号")                      # 087-887-3280\n(087-839-2626)
    assert c.unmapped == ["対象", "申込期間"] + [""] * 12                        # 12 unnamed empty columns


# --- 板橋区 公共施設一覧: the real 2026 template (56 columns), its parts given, 町字ID holding the city code --------------
def test_itabashi_public_facility_2026(tmp: Path) -> None:
    c = convert("itabashi_public_facility", "2026/public_facility", tmp=tmp)
    r = c.rows[0]        # "131199","131199000001","板橋区","板橋区役所",…,"東京都板橋区板橋2-66-1","東京都","板橋区","板橋2丁目","66-1",…
    assert (r["ID"], r["名称"], r["所在地_連結表記"]) == ("131199000001", "板橋区役所", "東京都板橋区板橋2-66-1")
    assert (r["所在地_町字"], r["所在地_番地以下"]) == ("板橋2丁目", "66-1")      # the source's own parts are kept
    assert (r["電話番号"], r["郵便番号"]) == ("03-3964-1111", "1738501")          # (03)3964-1111
    by_id = {x["ID"]: x for x in c.rows}
    assert by_id["131199000046"]["所在地_連結表記"] == "東京都板橋区舟渡4-16-6"        # 舟渡４-16-6
    assert by_id["131199000048"]["所在地_連結表記"] == "東京都板橋区徳丸3-37-9"        # 徳丸 3-37-9
    nagano = by_id["131199000045"]  # 少年自然の家八ケ岳荘 in 長野県諏訪郡富士見町, (0266)66-2323
    assert (nagano["所在地_都道府県"], nagano["所在地_市区町村"], nagano["電話番号"]) == ("長野県", "諏訪郡富士見町",
                                                                                 "0266-66-2323")
    # 町字ID holds a municipality code (131199, 203629): written as it is; the output check reports the pattern
    assert r["町字ID"] == "131199"


@pytest.mark.xfail(reason="schema: the project's 2026/public_facility (confidence low, 29 columns) has no 地方公共団体名, "
                          "名称_通称, POIコード, 外部識別子, 高度, 法人番号, 団体名, 説明, 画像_ライセンス nor the 17 "
                          "barrier-free items of this real 2026 file: they are listed as unmapped", strict=False)
def test_itabashi_template_items_are_all_standard(tmp: Path) -> None:
    c = convert("itabashi_public_facility", "2026/public_facility", tmp=tmp)
    assert "地方公共団体名" not in c.unmapped and "車椅子可" not in c.unmapped


# 南部土木サービスセンター: 所在地_連結表記 東京都板橋区常盤台3-27-1 but 所在地_町字 富士見3丁目 / 所在地_番地以下 1: reported on the
# 町字, both kept as written; the other 48 rows agree (板橋2丁目 + 66-1 is 板橋2-66-1; 立沢 + 字広原1-1322)
def test_itabashi_joined_address_disagreeing_with_parts_is_reported(tmp: Path) -> None:
    c = convert("itabashi_public_facility", "2026/public_facility", tmp=tmp)
    line = line_of(c, "ID", "131199000018")
    r = c.rows[line - 2]
    assert (r["所在地_連結表記"], r["所在地_町字"], r["所在地_番地以下"]) == ("東京都板橋区常盤台3-27-1", "富士見3丁目", "1")
    assert c.issue(line, "所在地_町字") == ["address-parts-mismatch"]
    issue = next(i for i in c.issues if i["code"] == "address-parts-mismatch")
    assert issue["value"] == "富士見3丁目" and "常盤台3-27-1" in issue["message_ja"]
    assert [i["row"] for i in c.issues if i["code"] == "address-parts-mismatch"] == [line]


# 所在地_全国地方公共団体コード is a column of this file but empty on every row: filled from the address's municipality
# as when the column is absent, each fill in the change log
def test_itabashi_empty_location_code_filled_from_the_address(tmp: Path) -> None:
    c = convert("itabashi_public_facility", "2026/public_facility", tmp=tmp)
    assert c.rows[0]["所在地_全国地方公共団体コード"] == "131199"            # 東京都板橋区板橋2-66-1
    by_id = {x["ID"]: x for x in c.rows}
    assert by_id["131199000045"]["所在地_全国地方公共団体コード"] == "203629"   # 長野県諏訪郡富士見町立沢字広原1-1322
    fills = [ch for ch in c.changes if ch["field"] == "所在地_全国地方公共団体コード"]
    assert len(fills) == len(c.rows)
    first = fills[0]
    assert (first["row"], first["before"], first["after"], first["step"]) == (2, "", "131199", "address")
    assert "住所の市区町村のコード" in first["note_ja"]

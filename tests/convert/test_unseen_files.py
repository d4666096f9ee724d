"""Real municipal files the converter was not written against (tests/fixtures/unseen, provenance in
SOURCES.md): other cities, English and LinkData (#property) headers, print-style CSV, Shift_JIS copies.

Every expected cell below was read off the source file by hand, not copied from the converter's output.
The ``xfail`` tests are converter problems found with these files and not fixed here (see SOURCES.md,
"Known problems"); they turn into passes when the problem is fixed.
"""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from opendata.convert import convert_file

UNSEEN = Path(__file__).resolve().parent.parent / "fixtures" / "unseen"

# fixture -> the dataset it holds (as `opendata convert --dataset` takes it)
EXPECTED = {
    "saitama_aed": "2021/aed", "saitama_aed-sjis": "2021/aed", "imabari_aed_meqqe": "2021/aed",
    "takamatsu_aed_property": "2021/aed", "meguro_aed_v1": "2021/aed",
    "takamatsu_evacuation_property": "2026/evacuation_space", "hamamatsu_hinanjo": "2026/evacuation_space",
    "minato_hinansho": "2026/evacuation_space",
    "hino_public_toilet": "2026/public_toilet", "koto_public_toilet": "2026/public_toilet",
    "nakano_toilet_wagmap": "2026/public_toilet", "nakano_toilet_wagmap-sjis": "2026/public_toilet",
    "shinagawa_toilet": "2026/public_toilet",
    "minato_public_wireless_lan": "2026/public_wireless_lan", "shinjuku_wifi_odp": "2026/public_wireless_lan",
    "hachijo_tourism": "2021/tourism", "hachijo_tourism-sjis": "2021/tourism", "shimabara_tourism": "2021/tourism",
    "katsushika_tourism": "2021/tourism",
    "tokyo_kyoten_hospital": "2021/hospital", "tokyo_historic_sites": "2021/cultural_property",
    "takamatsu_elderly_welfare_property": "2021/care_service", "takamatsu_population_property": "2021/population",
    "meguro_nursery_office": "2026/preschool", "hachioji_library": "2026/public_facility",
}


@dataclass
class Converted:
    status: str
    schema_id: str | None
    rows: list[dict[str, str]] = field(default_factory=list)
    issues: list[dict[str, Any]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    mapping: dict[str, str | None] = field(default_factory=dict)   # target -> source header
    accounting: dict[str, int] = field(default_factory=dict)
    rows_in: int = 0
    output: bytes = b""
    error: dict[str, Any] | None = None
    table: dict[str, Any] = field(default_factory=dict)             # the reader's notes and skipped rows

    def issue(self, row: int, target: str) -> list[str]:
        """Issue codes for one source row (file line number) and target item."""
        return [i["code"] for i in self.issues if i.get("row") == row and i.get("field") == target]


_CACHE: dict[tuple[str, str | None, str | None, bool], Converted] = {}


def convert(slug: str, dataset: str | None = None, code: str | None = None, *, neutral: bool = False,
            tmp: Path) -> Converted:
    """Convert a fixture (as ``data.csv`` when ``neutral``: no file-name hint for the dataset)."""
    key = (slug, dataset, code, neutral)
    if key in _CACHE:
        return _CACHE[key]
    work = tmp / f"{slug}-{dataset or 'auto'}-{code or 'nocode'}-{int(neutral)}".replace("/", "_")
    work.mkdir(parents=True)
    src = work / ("data.csv" if neutral else f"{slug}.csv")
    shutil.copyfile(UNSEEN / f"{slug}.csv", src)
    o = convert_file(src, work / "out", dataset=dataset, code=code, keep_logs=True)
    if o.result is None:
        c = Converted(o.status, None, error=o.error)
    else:
        r = o.result
        with r.output.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        c = Converted(o.status, r.schema_id, rows, list(r.iter_issues()), list(r.iter_changes()),
                      [u["header"] for u in r.unmapped], {m["target"]: m["source"] for m in r.mapping},
                      dict(r.accounting), r.rows_in, r.output.read_bytes(), table=r.table)
        r.cleanup()
    _CACHE[key] = c
    return c


@pytest.fixture(scope="module")
def tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("unseen")


# --- every file converts, to the dataset it holds, without losing a value ------------------------------
@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_converts_with_dataset_given(slug: str, tmp: Path) -> None:
    assert_converts_to(slug, EXPECTED[slug], tmp)


def assert_converts_to(slug: str, dataset: str, tmp: Path) -> None:
    """The fixture converts to ``dataset`` (given), every row out, no value lost."""
    c = convert(slug, dataset, tmp=tmp)
    assert c.error is None, c.error
    assert c.status in ("valid", "problems")
    assert c.schema_id == dataset
    assert c.rows and len(c.rows) == c.rows_in
    assert c.accounting["balanced"] == 1          # every non-empty source cell is in the output or reported


# Files whose header alone (file copied to data.csv: no name hint) names the dataset.  The Takamatsu
# #property files, Nakano's toilet counts and Shinjuku's カバーエリア are recognised through the synonym table.
@pytest.mark.parametrize(("slug", "expected"), [
    ("takamatsu_population_property", "2021/population"),
    ("takamatsu_aed_property", "2021/aed"),
    ("takamatsu_evacuation_property", "2026/evacuation_space"),
    ("takamatsu_elderly_welfare_property", "2021/care_service"),
    ("nakano_toilet_wagmap", "2026/public_toilet"),
    ("shinagawa_toilet", "2026/public_toilet"),
    ("shinjuku_wifi_odp", "2026/public_wireless_lan"),
    ("hino_public_toilet", "2026/public_toilet"),
    ("koto_public_toilet", "2026/public_toilet"),
    ("minato_public_wireless_lan", "2026/public_wireless_lan"),
    ("meguro_aed_v1", "2021/aed"),
    ("katsushika_tourism", "2021/tourism"),
    ("shimabara_tourism", "2021/tourism"),
    ("tokyo_historic_sites", "2021/cultural_property"),
])
def test_dataset_detected_from_header_alone(slug: str, expected: str, tmp: Path) -> None:
    c = convert(slug, neutral=True, tmp=tmp)
    assert c.error is None, c.error
    assert c.schema_id == expected


@pytest.mark.parametrize(("slug", "expected"), [
    ("saitama_aed", "2021/aed"),            # 施設名等, 設置場所, 区, 所在地, 緯度, 経度
    ("hachijo_tourism", "2021/tourism"),    # 観光スポット名称, 所在地, 緯度, 経度, 座標系, 説明, …ホームページ記載
    ("hamamatsu_hinanjo", "2026/evacuation_space"),   # 23 columns, 12 of them the city's own: fire_hydrant wins
    ("minato_hinansho", "2026/evacuation_space"),
    ("tokyo_kyoten_hospital", "2021/hospital"),
    ("imabari_aed_meqqe", "2021/aed"),      # url,title,address,…: nothing AED-specific; the values (AED @…) are
])
def test_dataset_detected_from_header_alone_known_misses(slug: str, expected: str, tmp: Path) -> None:
    assert convert(slug, neutral=True, tmp=tmp).schema_id == expected


# --- encodings: the CP932 copies give the same output as the UTF-8 originals -------------------------------
@pytest.mark.parametrize("slug", ["saitama_aed", "hachijo_tourism", "nakano_toilet_wagmap"])
def test_cp932_copy_converts_like_the_utf8_original(slug: str, tmp: Path) -> None:
    raw = (UNSEEN / f"{slug}-sjis.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    a = convert(slug, EXPECTED[slug], tmp=tmp)
    b = convert(f"{slug}-sjis", EXPECTED[slug], tmp=tmp)
    assert b.output == a.output
    assert [(i["row"], i["code"]) for i in b.issues] == [(i["row"], i["code"]) for i in a.issues]


# --- English camelCase / LinkData #property headers (高松市) --------------------------------------------
def test_takamatsu_aed_english_headers(tmp: Path) -> None:
    c = convert("takamatsu_aed_property", "2021/aed", tmp=tmp)
    assert c.mapping["設置位置"] == "installationPosition"
    assert c.mapping["電話番号"] == "telephoneNumber"
    assert c.mapping["利用可能曜日"] == "availableDate"
    assert c.mapping["利用可能日時特記事項"] == "availableDateNote"
    assert c.mapping["小児対応設備の有無"] == "equipmentForChildren"
    assert c.unmapped == []
    by_name = {r["名称"]: r for r in c.rows}
    r = by_name["道の駅源平の里むれ"]               # 20,…,087-845-6080,月水木金土日,09:00,17:00,12/31は9:00～15:00,
    assert (r["電話番号"], r["利用可能曜日"], r["開始時間"], r["終了時間"]) == ("087-845-6080", "月水木金土日",
                                                                          "09:00", "17:00")
    assert r["設置位置"] == "物産棟（自販機内）"
    assert r["住所"] == "香川県高松市牟礼町原631-7"      # trailing U+3000 trimmed, prefecture from the city
    assert by_name["東谷コミュニティセンター"]["小児対応設備の有無"] == "有"
    # a neighbouring town, not 高松市: 綾歌郡綾川町 keeps its 郡 and gets 香川県
    assert by_name["イオン綾川ショッピングセンター"]["住所"] == "香川県綾歌郡綾川町萱原822-1"
    assert by_name["イオン綾川ショッピングセンター"]["緯度"] == "34.25197"
    # 845-4111 lost its area code: kept as written and reported, never completed
    assert by_name["牟礼コミュニティセンター"]["電話番号"] == "845-4111"
    line = 1 + [r["名称"] for r in c.rows].index("牟礼コミュニティセンター") + 1
    assert "phone-no-area-code" in c.issue(line, "電話番号")


def test_takamatsu_population_english_headers(tmp: Path) -> None:
    c = convert("takamatsu_population_property", neutral=True, tmp=tmp)
    assert c.schema_id == "2021/population"
    assert c.mapping["0-4歳の男性"] == "man1" and c.mapping["85歳以上の女性"] == "woman18"
    assert c.unmapped == ["location"]
    first = c.rows[0]      # 1,37201,,香川県,高松市,1/1/2023,塩屋町,213,94,119,2,3,…,2,12,134,,"34.342286,…"
    assert first["都道府県コード又は市区町村コード"] == "372013"     # 5-digit 37201 + check digit 3
    assert (first["地域名"], first["総人口"], first["男性"], first["女性"]) == ("塩屋町", "213", "94", "119")
    assert (first["0-4歳の男性"], first["0-4歳の女性"]) == ("2", "3")
    assert (first["85歳以上の男性"], first["85歳以上の女性"], first["世帯数"]) == ("2", "12", "134")
    # the 18 male bands add up to 男性 (this is why man1..man18 are read as 0-4歳 … 85歳以上)
    bands = [k for k in first if k.endswith("歳の男性") or k == "85歳以上の男性"]
    assert len(bands) == 18 and sum(int(first[k]) for k in bands) == int(first["男性"])
    empty = next(r for r in c.rows if r["地域名"] == "朝日町4丁目")   # 世帯数 "-": nobody lives there
    assert empty["世帯数"] == "" and empty["総人口"] == "0"
    # 1/1/2023 is month/day/year; month == day, so both readings agree: converted and logged
    assert first["調査年月日"] == "2023-01-01"
    assert c.issue(2, "調査年月日") == []


def test_takamatsu_evacuation_flags(tmp: Path) -> None:
    c = convert("takamatsu_evacuation_property", neutral=True, tmp=tmp)
    assert c.schema_id == "2026/evacuation_space"
    assert c.mapping["災害種別_津波"] == "tunami"
    assert c.mapping["災害種別_崖崩れ、土石流及び地滑り"] == "sedimentDisaster"
    assert c.mapping["対象となる町会・自治会"] == "residentsAssociation"
    assert {"flood_L1", "flood_L2"} <= set(c.unmapped)        # which flood level is 洪水: a person decides
    r = c.rows[0]   # 日新小学校跡施設,…,○,△,○,○,△,△,○,○,○,地域振興課,1.7,238,日新地区コミュニティ協議会
    assert r["名称"] == "日新小学校跡施設"
    assert (r["災害種別_地震"], r["災害種別_大規模な火事"], r["災害種別_内水氾濫"]) == ("1", "1", "1")
    assert r["災害種別_高潮"] == "△" and "flag-unknown" in c.issue(2, "災害種別_高潮")
    assert (r["標高"], r["想定収容人数"], r["電話番号"]) == ("1.7", "238", "087-839-2611")
    assert r["対象となる町会・自治会"] == "日新地区コミュニティ協議会"
    assert (r["所在地_都道府県"], r["所在地_市区町村"], r["所在地_町字"], r["所在地_番地以下"]) == (
        "香川県", "高松市", "瀬戸内町", "18-2")
    dash = next(r for r in c.rows if r["名称"] == "庵治第二小学校")   # every disaster column is "-"
    assert dash["災害種別_地震"] == "" and dash["災害種別_津波"] == ""
    home = next(r for r in c.rows if r["名称"] == "深間ふれあいセンター")   # telephoneNumber "-"
    assert home["電話番号"] == ""


def test_takamatsu_care_service_english_headers(tmp: Path) -> None:
    c = convert("takamatsu_elderly_welfare_property", neutral=True, tmp=tmp)
    assert c.schema_id == "2021/care_service"
    r = c.rows[0]   # 1,…,特別養護老人ホーム　シオンの丘ホーム,高松市香西北町260,087-881-4531,http://…/sion/,,介護老人福祉施設…,月火水木金土日,,,24時間対応,70
    assert r["介護サービス事業所名称"] == "特別養護老人ホーム\u3000シオンの丘ホーム"
    assert r["実施サービス"] == "介護老人福祉施設（特別養護老人ホーム）"
    assert (r["電話番号"], r["定員"], r["利用可能曜日"]) == ("087-881-4531", "70", "月火水木金土日")
    assert r["利用可能曜日特記事項"] == "24時間対応"
    assert r["URL"] == "http://www.bokuyoukai.or.jp/qhm/sion/"
    assert r["住所"] == "香川県高松市香西北町260"
    note = next(r for r in c.rows if r["備考"])
    assert note["備考"] == "※名称の「あん」は木偏に「安」と表示する"
    # a line break inside a quoted cell becomes one space (one record, one line)
    assert c.rows[42]["実施サービス"] == "地域密着型介護老人福祉施設入所者生活介護 （地域密着型特別養護老人ホーム）"


# --- Japanese headers that needed the synonym table ------------------------------------------------------
def test_saitama_aed_facility_name_and_half_width(tmp: Path) -> None:
    c = convert("saitama_aed", tmp=tmp)
    assert c.schema_id == "2021/aed"
    assert c.mapping["名称"] == "施設名等"
    assert c.unmapped == []                               # 区 joins 所在地 (mapping._ward_and_address)
    assert c.rows[0]["名称"] == "馬宮西放課後児童クラブ"
    assert (c.rows[0]["緯度"], c.rows[0]["経度"]) == ("35.886205", "139.559354")
    assert c.rows[1]["設置位置"] == "1階保育室脇"          # １階保育室脇
    assert c.rows[7]["住所"] == "埼玉県さいたま市西区中釘1538-1"      # 西区 | 中釘1538‐1 (U+2010 between digits)
    assert c.rows[63]["住所"] == "埼玉県さいたま市北区宮原町3-432-2 岸町ビル201"  # 北区 | 岸町ﾋﾞﾙ201: half-width kana


def test_nakano_toilet_counts_and_swapped_columns(tmp: Path) -> None:
    c = convert("nakano_toilet_wagmap", neutral=True, tmp=tmp)
    assert c.schema_id == "2026/public_toilet"
    assert c.mapping["男性トイレ数（小便器）"] == "男子小便器"
    assert c.mapping["女性トイレ数（洋式）"] == "女子便器洋式"
    assert c.mapping["男女共用トイレ数（和式）"] == "共用便器和式"
    assert c.mapping["乳幼児用設備設置トイレ有無"] == "ベビーシート"
    r = c.rows[0]  # 中野駅北口公衆便所,…,"","","2","4","1","2","","","あり","なし","あり","なし","","139.66…","35.70…"
    assert (r["男性トイレ数（洋式）"], r["男性トイレ数（和式）"], r["男性トイレ数（小便器）"]) == ("", "2", "4")
    assert (r["女性トイレ数（洋式）"], r["女性トイレ数（和式）"]) == ("1", "2")
    assert (r["乳幼児用設備設置トイレ有無"], r["オストメイト設置トイレ有無"]) == ("無", "無")
    # 経度 comes before 緯度 in this file: matched by name, not position
    assert (r["緯度"], r["経度"]) == ("35.7061038717728", "139.666010426343")
    assert (r["全国地方公共団体コード"], r["地方公共団体名"]) == ("131148", "東京都中野区")
    assert r["所在地_連結表記"] == "東京都中野区中野5-31-30"
    ewara = c.rows[3]   # 江原公園: 車いす使用者用トイレ 1, オストメイト 専用流し（給湯あり）
    assert ewara["車椅子使用者用トイレ有無"] == "有"
    assert ewara["オストメイト設置トイレ有無"] == "専用流し（給湯あり）"
    assert "flag-unknown" in c.issue(5, "オストメイト設置トイレ有無")
    assert c.rows[11]["所在地_番地以下"] == ""                  # 松が丘2-35,2-29: two lots, left to a person
    assert "address-unsure" in c.issue(13, "所在地_連結表記")


def test_shinagawa_toilet_counts(tmp: Path) -> None:
    c = convert("shinagawa_toilet", neutral=True, tmp=tmp)
    assert c.mapping["乳幼児用設備設置トイレ有無"] == "ベビーベッド(有、無)"
    assert c.mapping["利用開始時間"] == "利用可能時間OPENS" and c.mapping["利用終了時間"] == "利用可能時間CLOSES"
    assert c.mapping["画像"] == "画像URL"
    r = c.rows[4]    # 武蔵小山駅前公衆便所,"",3,2,1,"",…
    assert (r["名称"], r["男性トイレ総数"], r["女性トイレ総数"], r["男女共用トイレ総数"]) == (
        "武蔵小山駅前公衆便所", "3", "2", "1")


def test_hamamatsu_shelters(tmp: Path) -> None:
    c = convert("hamamatsu_hinanjo", "evacuation_space", tmp=tmp)
    assert c.mapping["想定収容人数"] == "収容可能人員（屋内）"
    assert c.mapping["電話番号"] == "電話1"
    r = c.rows[0]    # 221390,001,静岡県,浜松市,1,中央区,中央1,浜松中部学園,浜松市中央区松城町108-1,(053)454-6406,…,1136,34.713549,137.723111
    assert (r["名称"], r["ID"], r["想定収容人数"]) == ("浜松中部学園", "001", "1136")
    assert r["電話番号"] == "053-454-6406"
    assert (r["所在地_都道府県"], r["所在地_市区町村"], r["所在地_町字"], r["所在地_番地以下"]) == (
        "静岡県", "浜松市中央区", "松城町", "108-1")
    assert (r["緯度"], r["経度"]) == ("34.713549", "137.723111")
    # 221390 fails the check digit (22139 → 221392): kept, reported, never "fixed"
    assert r["全国地方公共団体コード"] == "221390"
    assert "localgov-code-checkdigit" in c.issue(2, "全国地方公共団体コード")
    # 市区町村コード (設置主体, required) has no column: the row's own code, not left empty
    assert c.mapping["市区町村コード"] is None and all(x["市区町村コード"] == x["全国地方公共団体コード"] for x in c.rows)
    assert c.rows[17]["電話番号"] == ""                           # "-"


def test_minato_shelters_hiragana_and_english_name(tmp: Path) -> None:
    c = convert("minato_hinansho", "evacuation_space", tmp=tmp)
    assert c.mapping["名称_英字"] == "英語名称"
    assert c.mapping["想定収容人数"] == "一時受入人員可能数[人]"
    r = c.rows[0]   # 芝地区,131032,御成門小学校,おなりもんしょうがっこう,Onarimon Elementary School,…,2104,1271,…
    assert (r["名称"], r["名称_カナ"], r["名称_英字"]) == ("御成門小学校", "オナリモンショウガッコウ",
                                                      "Onarimon Elementary School")
    assert (r["全国地方公共団体コード"], r["想定収容人数"], r["電話番号"]) == ("131032", "2104", "03-3431-2766")
    assert r["市区町村コード"] == "131032"           # 設置主体: the row's own code (no column of its own)
    assert "required-missing" not in {i["code"] for i in c.issues if i.get("field") == "市区町村コード"}
    assert (r["所在地_町字"], r["所在地_番地以下"]) == ("芝公園三丁目", "2番4号")
    tabbed = next(r for r in c.rows if r["名称"].startswith("特別養護老人ホーム南麻布"))
    assert tabbed["名称"] == "特別養護老人ホーム南麻布シニアガーデンアリス"     # five trailing tabs removed


def test_minato_footer_is_not_a_row(tmp: Path) -> None:
    """The last line, after a blank line, is a title and a version (\"区民避難場所・福祉避難所情報\",\"Ver202204\"):
    not a record (全国地方公共団体コード=Ver202204), and reported, not dropped."""
    c = convert("minato_hinansho", "evacuation_space", tmp=tmp)
    assert all(r["全国地方公共団体コード"] == "131032" for r in c.rows)
    assert len(c.rows) == c.rows_in == 17 and c.rows[-1]["名称"] == "児童発達支援センター"
    assert [(s["number"], s["reason"], s["text"]) for s in c.table["skipped"]] == [
        (19, "blank", ""), (20, "note", "区民避難場所・福祉避難所情報 | Ver202204")]
    (note,) = [n for n in c.table["notes"] if n["code"] == "skipped-note"]
    assert note["row"] == 20 and note["value"] == "区民避難場所・福祉避難所情報 | Ver202204"
    assert "フッター" in note["message_ja"] and "footer" in note["message_en"]


# --- standard files from other cities stay as they are ---------------------------------------------------
def test_hino_toilet_times_and_floors(tmp: Path) -> None:
    c = convert("hino_public_toilet", neutral=True, tmp=tmp)
    r = c.rows[11]  # とよだ市民ギャラリー: 地下1階, 階数, -1, 10:00:00, 21:00:00
    assert (r["設置位置"], r["高度の種別"], r["高度の値"]) == ("地下1階", "階数", "-1")
    assert (r["利用開始時間"], r["利用終了時間"]) == ("10:00", "21:00")
    assert r["所在地_番地以下"] == "3-4 オリエント丹野マンションB-102"
    assert c.rows[18]["設置位置"] == "1階"                                   # １階
    assert c.rows[8]["所在地_全国地方公共団体コード"] == "132012"           # a 日野市 toilet in 八王子市
    several = c.rows[15]                                                     # 階数;階数;階数;階数 / 1;2;3;4
    assert several["高度の値"] == "1;2;3;4" and "number-several" in c.issue(17, "高度の値")


def test_koto_toilet_round_the_clock(tmp: Path) -> None:
    c = convert("koto_public_toilet", neutral=True, tmp=tmp)
    assert (c.rows[0]["利用開始時間"], c.rows[0]["利用終了時間"]) == ("00:00", "23:59")
    assert (c.rows[0]["所在地_町字"], c.rows[0]["所在地_番地以下"]) == ("清澄2丁目", "14-9")
    assert c.rows[0]["名称_英語"] == "Public_toilet_at_Mannen-Bridge_KotoCity"


@pytest.mark.parametrize("slug", ["meguro_aed_v1", "katsushika_tourism", "minato_public_wireless_lan"])
def test_conforming_files_stay_valid(slug: str, tmp: Path) -> None:
    c = convert(slug, neutral=True, tmp=tmp)
    assert c.status == "valid"


def test_meguro_aed_extras_reported(tmp: Path) -> None:
    c = convert("meguro_aed_v1", neutral=True, tmp=tmp)
    assert c.unmapped == ["名称_通称", "地区"]
    assert c.rows[0]["NO"] == "0000000001" and c.rows[0]["名称"] == "駒場保育園"


# --- print-style CSV, prose dates, units -----------------------------------------------------------------
def test_tokyo_disaster_hospitals_print_style(tmp: Path) -> None:
    c = convert("tokyo_kyoten_hospital", "hospital", tmp=tmp)
    assert c.mapping["名称"] == "施設名" and c.mapping["病床数"] == "病床数"
    assert "二次保健医療圏" in c.unmapped and "三次救急" in c.unmapped
    assert c.rows[0]["名称"] == "日本大学病院"                       # title rows 1-2 skipped
    assert c.rows[0]["電話番号"] == "03-3293-1711"                   # 03－3293－1711
    assert c.rows[0]["住所"] == "東京都千代田区神田駿河台1-6"        # prefecture from 千代田区
    assert c.rows[4]["病床数"] == "1075"                             # "1,075"
    assert all(r["名称"] != "84施設" for r in c.rows)                 # 合計 row skipped


def test_tokyo_disaster_hospitals_no_blank_row(tmp: Path) -> None:
    """The footnote '★印は…を表す。' (one cell, in a column no item takes) is a note, not an empty record."""
    c = convert("tokyo_kyoten_hospital", "hospital", tmp=tmp)
    assert all(any(v for v in r.values()) for r in c.rows)


def test_tokyo_historic_sites_dates(tmp: Path) -> None:
    c = convert("tokyo_historic_sites", neutral=True, tmp=tmp)
    assert c.rows[0]["文化財指定日"] == "1969-03-27"                 # 1969/3/27
    prose = "昭和46年3月29日史跡指定\u3000平成19年3月15日追加指定"     # two events in one cell
    assert c.rows[1]["文化財指定日"] == prose
    assert "date-unreadable" in c.issue(3, "文化財指定日")
    assert c.rows[12]["名称"] == "多摩ニュ－タウンNo.五七遺跡"         # № is a 機種依存文字


def test_shimabara_fees(tmp: Path) -> None:
    c = convert("shimabara_tourism", neutral=True, tmp=tmp)
    castle = c.rows[0]          # 料金（基本） 550円, 開始 09:00, 終了 17:30
    assert castle["料金(基本)"] == "550" and "円" in castle["備考"]
    assert (castle["開始時間"], castle["終了時間"]) == ("09:00", "17:30")
    assert c.rows[7]["料金(基本)"] == "1000"                          # "1,000円"
    assert c.rows[1]["料金(基本)"] == "0" and c.issue(3, "料金(基本)") == []      # 無料: a fee of 0 yen, logged
    assert any(ch["row"] == 3 and ch["field"] == "料金(基本)" and ch["before"] == "無料" for ch in c.changes)


def test_meguro_nursery_excel_mangled_corporate_number(tmp: Path) -> None:
    c = convert("meguro_nursery_office", "preschool", tmp=tmp)
    assert c.mapping["種別"] == "類型" and c.mapping["一時預かりの有無"] == "一時保育"
    r = c.rows[0]
    assert (r["種別"], r["一時預かりの有無"], r["開始時間"]) == ("事業所内保育所", "無", "07:00")
    assert r["法人番号"] == "9.70015E+12"                               # Excel lost 7 digits: never rebuilt
    assert "corporate-number-format" in c.issue(2, "法人番号")


def test_hachijo_tourism_with_dataset(tmp: Path) -> None:
    c = convert("hachijo_tourism", "tourism", tmp=tmp)
    assert c.mapping["名称"] == "観光スポット名称" and c.mapping["住所"] == "所在地"
    assert c.rows[0]["名称"] == "ホタル水路" and c.rows[0]["住所"] == ""
    assert c.rows[7]["住所"] == "東京都八丈島八丈町大賀郷2843"
    assert "【開館時間】午前9:00～午後4:30" in c.rows[8]["説明"] and "\n" not in c.rows[8]["説明"]


def test_imabari_english_scraped_headers(tmp: Path) -> None:
    c = convert("imabari_aed_meqqe", "aed", tmp=tmp)
    assert (c.mapping["名称"], c.mapping["住所"], c.mapping["緯度"], c.mapping["経度"]) == (
        "title", "address", "lat", "lon")
    assert c.rows[0]["住所"] == "愛媛県今治市四村93-2"
    assert c.rows[0]["緯度"] == "34.0336400"


def test_hachioji_library_zero_stripped_town_id(tmp: Path) -> None:
    c = convert("hachioji_library", "2026/public_facility", tmp=tmp)
    r = c.rows[0]
    assert r["電話番号"] == "042-664-4321"                               # (042)664-4321
    assert r["郵便番号"] == "1930835"
    assert r["町字ID"] == "96003"                                        # 7 digits once: left for a person


# --- address problems found with these files (converters/jp/address.py, pipeline) ---------------------------
def test_saitama_bare_town_is_not_another_prefecture(tmp: Path) -> None:
    c = convert("saitama_aed", "aed", "111007", tmp=tmp)
    assert not c.rows[72]["住所"].startswith("熊本県")
    # 錦町630ﾙﾐﾈ2-1F (大宮駅支所) under 区 = 大宮区: the ward column joined in front gives さいたま市大宮区錦町
    assert c.rows[72]["住所"] == "埼玉県さいたま市大宮区錦町630ルミネ2-1F"
    assert c.issue(74, "住所") == []
    # 吉野町1-404-13 (さいたま市北区吉野町) is not 奈良県吉野郡吉野町 either
    yoshino = [r["住所"] for r in c.rows if "吉野町" in r["住所"]]
    assert yoshino == ["埼玉県さいたま市北区吉野町1-404-13", "埼玉県さいたま市北区吉野町2-195-1"]
    # without the ward column, a bare town of another prefecture stays as written and is reported
    # (tests/jp/test_address.py: 錦町630ﾙﾐﾈ2-1F with the publisher 111007 alone)


def test_takamatsu_dai_go_town_name(tmp: Path) -> None:
    c = convert("takamatsu_evacuation_property", "evacuation_space", tmp=tmp)
    r = next(r for r in c.rows if r["名称"].startswith("安原小学校"))
    # 塩江町安原下第２号857: 第2号 belongs to the 町字, 857 is the lot
    assert (r["所在地_市区町村"], r["所在地_町字"], r["所在地_番地以下"]) == ("高松市", "塩江町安原下第2号", "857")
    assert r["所在地_連結表記"] == "香川県高松市塩江町安原下第2号857"


def test_shinjuku_address_from_prefecture_and_city_columns(tmp: Path) -> None:
    c = convert("shinjuku_wifi_odp", "public_wireless_lan", tmp=tmp)
    assert c.rows[0]["所在地_連結表記"] == "東京都新宿区西新宿1"
    r = c.rows[0]
    assert (r["所在地_都道府県"], r["所在地_市区町村"], r["所在地_町字"], r["所在地_番地以下"]) == (
        "東京都", "新宿区", "西新宿", "1")
    assert r["所在地_全国地方公共団体コード"] == "131041"
    assert c.rows[1]["所在地_連結表記"] == "東京都新宿区新宿3-24-3"
    # every row is completed from its own 都道府県名 / 市区町村名, logged, and nothing is left unsure
    assert all(r["所在地_連結表記"].startswith("東京都新宿区") for r in c.rows)
    assert not [i for i in c.issues if i["code"] == "address-unsure"]
    ch = next(x for x in c.changes if x["row"] == 2 and x["field"] == "所在地_連結表記")
    assert (ch["before"], ch["after"]) == ("西新宿1", "東京都新宿区西新宿1") and "同じ行" in ch["note_ja"]


def test_tokyo_hospitals_same_name_wards_settled_by_the_other_rows(tmp: Path) -> None:
    """港区 / 府中市 / 中央区 / 北区 exist in other prefectures too; every other address of this Tokyo list is in
    東京都, so they are Tokyo's (no publisher code given), and nothing is dropped silently."""
    c = convert("tokyo_kyoten_hospital", "hospital", tmp=tmp)
    by_name = {r["名称"]: r["住所"] for r in c.rows}
    assert by_name["東京慈恵会医科大学附属病院"] == "東京都港区西新橋3-19-18"
    assert by_name["東京都立多摩・小児総合医療センター"] == "東京都府中市武蔵台2-8-29"
    assert by_name["聖路加国際病院"] == "東京都中央区明石町9-1"
    assert all(a.startswith("東京都") for a in by_name.values() if a)
    assert not [i for i in c.issues if i["code"] == "address-unsure"]

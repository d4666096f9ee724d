"""Print-style municipal workbooks (tests/fixtures/unseen_xlsx, provenance and layouts in its SOURCES.md).

The publishers' binary workbooks could not be fetched here (no network; the code index stores no binary), so each
workbook was rebuilt by ``build.py`` from a real municipal file held as text, in the print layout such sheets have:
merged titles, 「…現在」 lines, two-row headers under merged parents, region cells merged down, 合計 rows with
formulas, ※ / 出典 notes, one list over several sheets or sections, .xls as well as .xlsx.

Every expected cell below was read off the source (the real CSV the workbook was built from) by hand, not copied
from the converter's output.
"""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from converters.mapping import candidates
from converters.pipeline import ConvertOptions, join_tables, with_as_of_date
from converters.pipeline import convert as pipeline_convert
from converters.readers import read_tables
from converters.readers.base import ReadOptions, SkippedRow, SourceRow, SourceTable
from converters.readers.header import Merge
from converters.readers.layout import find_tables
from converters.recipe import Recipe
from opendata.convert import convert_file

HERE = Path(__file__).resolve().parent.parent / "fixtures" / "unseen_xlsx"

EXPECTED = {
    "tokyo_kyoten_hospital.xlsx": "2021/hospital",
    "saitama_aed_by_ward.xlsx": "2021/aed",
    "hamamatsu_hinanjo.xls": "2026/evacuation_space",
    "meguro_nursery_office.xlsx": "2026/preschool",
    "kunitachi_population_by_town.xlsx": "2021/population",
    "tokyo_historic_sites.xlsx": "2021/cultural_property",
    "minato_public_wireless_lan.ods": "2026/public_wireless_lan",
    "meguro_aed_two_row_records.xlsx": "2021/aed",
}


@dataclass
class Converted:
    status: str
    schema_id: str | None
    rows: list[dict[str, str]] = field(default_factory=list)
    issues: list[dict[str, Any]] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    mapping: dict[str, str | None] = field(default_factory=dict)
    accounting: dict[str, int] = field(default_factory=dict)
    rows_in: int = 0
    table: dict[str, Any] = field(default_factory=dict)
    recipe: Recipe | None = None
    error: dict[str, Any] | None = None


_CACHE: dict[tuple[str, str | None, bool], Converted] = {}


def convert(name: str, dataset: str | None = None, *, neutral: bool = False, tmp: Path,
            recipe: Recipe | None = None) -> Converted:
    """Convert a fixture (as ``data.xlsx`` when ``neutral``: no file-name hint for the dataset)."""
    key = (name, dataset, neutral)
    if recipe is None and key in _CACHE:
        return _CACHE[key]
    work = tmp / f"{name}-{dataset or 'auto'}-{int(neutral)}-{int(recipe is not None)}".replace("/", "_")
    n = 0
    while work.exists():
        n += 1
        work = work.with_name(f"{work.name.rsplit('~', 1)[0]}~{n}")
    work.mkdir(parents=True)
    src = work / (f"data{Path(name).suffix}" if neutral else name)
    shutil.copyfile(HERE / name, src)
    o = convert_file(src, work / "out", dataset=dataset, keep_logs=True, recipe=recipe)
    if o.result is None:
        return Converted(o.status, None, error=o.error)
    r = o.result
    with r.output.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    c = Converted(o.status, r.schema_id, rows, list(r.iter_issues()), [u["header"] for u in r.unmapped],
                  {m["target"]: m["source"] for m in r.mapping}, dict(r.accounting), r.rows_in, r.table, r.recipe)
    r.cleanup()
    if recipe is None:
        _CACHE[key] = c
    return c


@pytest.fixture(scope="module")
def tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("unseen_xlsx")


def test_fixtures_are_small() -> None:
    for name in EXPECTED:
        assert (HERE / name).stat().st_size < 200_000


# --- every workbook converts, with its dataset given and detected, without losing a value ----------------------
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_converts_with_dataset_given(name: str, tmp: Path) -> None:
    c = convert(name, EXPECTED[name], tmp=tmp)
    assert c.error is None, c.error
    assert c.status in ("valid", "problems")
    assert c.schema_id == EXPECTED[name]
    assert c.rows and len(c.rows) == c.rows_in
    assert c.accounting["balanced"] == 1      # every non-empty source cell is in the output or reported


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_dataset_detected_without_a_file_name_hint(name: str, tmp: Path) -> None:
    c = convert(name, neutral=True, tmp=tmp)
    assert c.error is None, c.error
    assert c.schema_id == EXPECTED[name]
    assert c.accounting["balanced"] == 1


# --- 東京都 災害拠点病院一覧: a merged header cell over a data row -----------------------------------------------
def test_kyoten_header_is_one_row_although_its_first_name_is_merged(tmp: Path) -> None:
    """二次保健医療圏 is merged over A3:B3 (the ☆ column has no name of its own) and the region is merged down A4:A16
    beside the first hospital: row 4 is the first record, not a second header row (it was read as one, and the
    header became 施設名_日本大学病院, 病床数_320 …, so no column mapped and the first hospital was lost)."""
    t = read_tables(HERE / "tokyo_kyoten_hospital.xlsx")[0]
    assert t.header_rows == (3, 3)
    assert t.header[2:] == ["施設名", "所在地", "電話番号", "病床数", "三次救急"]   # 三次\n救急: line break removed
    first = t.rows[0]
    assert first.number == 4 and first.values[0] == "区中央部" and first.values[2] == "日本大学病院"


def test_kyoten_values(tmp: Path) -> None:
    c = convert("tokyo_kyoten_hospital.xlsx", "2021/hospital", tmp=tmp)
    assert (c.mapping["名称"], c.mapping["住所"], c.mapping["電話番号"], c.mapping["病床数"]) == (
        "施設名", "所在地", "電話番号", "病床数")
    first = c.rows[0]      # 区中央部,,日本大学病院,千代田区神田駿河台1-6,03－3293－1711,320,○
    assert first["名称"] == "日本大学病院"
    assert first["住所"] == "東京都千代田区神田駿河台1-6"
    assert first["電話番号"] == "03-3293-1711"
    assert first["病床数"] == "320"
    by_name = {r["名称"]: r for r in c.rows}
    assert by_name["東京慈恵会医科大学附属病院"]["病床数"] == "1075"      # "1,075": a number shown as #,##0
    assert by_name["国立病院機構東京病院"]["住所"] == "東京都清瀬市竹丘3-1-1"   # the last hospital, above 合計
    assert len(c.rows) == 85      # 84 hospitals and the 多摩/小児 continuation line; 合計 and ★ note are not data
    assert all(r["名称"] != "84施設" for r in c.rows)
    reasons = {s["number"]: s["reason"] for s in c.table["skipped"]}
    assert reasons[89] == "total" and reasons[90] == "note" and reasons[1] == "title" and reasons[2] == "title"


def test_kyoten_same_hospitals_as_the_csv(tmp: Path) -> None:
    """The workbook and the CSV saved from it give the same hospitals, addresses, phones and beds."""
    c = convert("tokyo_kyoten_hospital.xlsx", "2021/hospital", tmp=tmp)
    work = tmp / "kyoten-csv"
    work.mkdir()
    o = convert_file(Path(__file__).resolve().parent.parent / "fixtures" / "unseen" / "tokyo_kyoten_hospital.csv",
                     work, dataset="2021/hospital")
    assert o.result is not None
    with o.result.output.open(encoding="utf-8", newline="") as f:
        csv_rows = list(csv.DictReader(f))
    keys = ("名称", "住所", "電話番号", "病床数")
    assert [tuple(r[k] for k in keys) for r in c.rows] == [tuple(r[k] for k in keys) for r in csv_rows]


def test_kyoten_region_merged_down_is_filled(tmp: Path) -> None:
    t = read_tables(HERE / "tokyo_kyoten_hospital.xlsx")[0]
    region = {r.values[2]: r.values[0] for r in t.rows}
    assert region["昭和大学病院"] == "区南部"          # the first of 区南部 (A17, the anchor)
    assert region["東京都立駒込病院"] == "区中央部"     # inside A4:A16
    assert any(n.code == "merged-fill" for n in t.notes)


# --- さいたま市 AED: one list over three sheets (one per 区) --------------------------------------------------
def test_saitama_all_sheets_converted(tmp: Path) -> None:
    """西区 (36 rows), 北区 (33) and 大宮区 (4) are three sheets of one list under the same header: all 73 rows are
    converted (only one sheet was, the others' rows were left out)."""
    c = convert("saitama_aed_by_ward.xlsx", "2021/aed", tmp=tmp)
    assert len(c.rows) == 73
    names = [r["名称"] for r in c.rows]
    assert names[0] == "馬宮西放課後児童クラブ"          # 西区, first row of the CSV
    assert names[36] == "高齢者生きがい活動センター"      # 北区's first row
    assert names[-1] == "大宮駅支所"                     # 大宮区's last row
    assert c.rows[1]["設置位置"] == "1階保育室脇"         # １階保育室脇
    assert c.rows[0]["緯度"] == "35.886205" and c.rows[0]["経度"] == "139.559354"
    assert any(n["code"] == "joined-tables" for n in c.table["notes"])
    assert c.table["other_tables"] == []
    sheets = {s["sheet"] for s in c.table["skipped"]}
    assert sheets == {"西区", "北区", "大宮区"}           # each sheet's title and ※ note, with its sheet


def test_saitama_recipe_reads_every_sheet_again(tmp: Path) -> None:
    c = convert("saitama_aed_by_ward.xlsx", "2021/aed", tmp=tmp)
    assert c.recipe is not None
    assert "sheet" not in c.recipe.read and "table_index" not in c.recipe.read
    again = convert("saitama_aed_by_ward.xlsx", tmp=tmp, recipe=c.recipe)
    assert [r["名称"] for r in again.rows] == [r["名称"] for r in c.rows]


def test_a_chosen_sheet_or_table_is_converted_alone(tmp: Path) -> None:
    for read, n, first in ((ReadOptions(sheet="北区"), 33, "高齢者生きがい活動センター"),
                           (ReadOptions(sheet="大宮区", table_index=0), 4, "あずま荘")):
        out = tmp / f"chosen-{n}"
        r = pipeline_convert(HERE / "saitama_aed_by_ward.xlsx", out, ConvertOptions(dataset="2021/aed", read=read))
        with r.output.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        assert len(rows) == n and rows[0]["名称"] == first
        assert not any(n["code"] == "joined-tables" for n in r.table["notes"])
        r.cleanup()


# --- 浜松市 避難所 (.xls): merged parents 電話 / 面積（㎡）, a unit format, 合計 and 出典 --------------------------
def test_hamamatsu_two_row_header(tmp: Path) -> None:
    c = convert("hamamatsu_hinanjo.xls", "2026/evacuation_space", tmp=tmp)
    assert c.mapping["電話番号"] == "電話_番号"           # 電話 over 番号 is 電話番号 (it was taken for the ID)
    assert c.mapping["ID"] is None
    first = c.rows[0]      # 1,中央区,中央1,浜松中部学園,浜松市中央区松城町108-1,(053)454-6406,…,1136,34.713549,137.723111
    assert first["名称"] == "浜松中部学園"
    assert first["電話番号"] == "053-454-6406"
    assert first["所在地_連結表記"] == "静岡県浜松市中央区松城町108-1"
    assert first["想定収容人数"] == "1136"                # shown as 1,136人 by its number format
    assert (first["緯度"], first["経度"]) == ("34.713549", "137.723111")
    assert len(c.rows) == 25
    assert c.rows[-1]["名称"] == "萩丘小学校"
    reasons = {s["reason"] for s in c.table["skipped"]}
    assert {"title", "total", "note"} <= reasons
    assert "面積（㎡）_敷地" in c.unmapped


# --- 目黒区 事業所内保育所: 開所時間 / 定員（人） merged over their parts, two sections on one sheet ----------------
def test_meguro_parts_under_merged_parents(tmp: Path) -> None:
    c = convert("meguro_nursery_office.xlsx", "2026/preschool", tmp=tmp)
    assert c.mapping["開始時間"] == "開所時間_開始" and c.mapping["終了時間"] == "開所時間_終了"
    assert c.mapping["収容定員"] == "定員（人）_計"
    assert [r["名称"] for r in c.rows] == ["Jキッズピース三宿保育園", "優っくり保育園"]   # both sections
    first, second = c.rows
    assert (first["開始時間"], first["終了時間"], first["収容定員"]) == ("07:00", "18:00", "11")
    assert (second["開始時間"], second["終了時間"], second["収容定員"]) == ("07:15", "18:15", "6")
    assert first["電話番号"] == "03-6452-2680"
    assert "定員（人）_0歳" in c.unmapped                  # no item for the ages: listed, not lost


# --- 国立市 町丁別人口: two blocks side by side under a header whose 人口 is merged over 男/女/合計 --------------------
def test_kunitachi_side_by_side_blocks_under_a_merged_header(tmp: Path) -> None:
    """The header row (町丁, 世帯数, 人口 merged over three columns) holds fewer values than the data rows under it:
    it was not taken for a header (the merged title was, and nothing mapped).  Its merged cells now count as
    names; the two blocks are two tables with the same header, converted as one list in reading order."""
    c = convert("kunitachi_population_by_town.xlsx", "2021/population", tmp=tmp)
    assert (c.mapping["地域名"], c.mapping["世帯数"], c.mapping["男性"], c.mapping["女性"], c.mapping["総人口"]) == (
        "町丁", "世帯数", "人口_男", "人口_女", "人口_合計")
    assert len(c.rows) == 38 and c.unmapped == []
    r = c.rows[0]       # 東１丁目,1802,1457,1794,3251
    assert (r["地域名"], r["世帯数"], r["男性"], r["女性"], r["総人口"]) == ("東1丁目", "1802", "1457", "1794", "3251")
    r = c.rows[19]      # 谷保４０００,284,288,288,576: the first town of the right-hand block
    assert (r["地域名"], r["世帯数"], r["総人口"]) == ("谷保4000", "284", "576")
    assert c.rows[27]["地域名"] == "青柳" and c.rows[27]["総人口"] == "23"
    assert c.rows[-1]["地域名"] == "矢川3丁目" and c.rows[-1]["総人口"] == "865"
    assert all(r["地域名"] != "合計" for r in c.rows)


def test_kunitachi_as_of_date_from_the_title_line(tmp: Path) -> None:
    """The sheet says when it counted once, in its 「令和5年3月1日現在」 line (K2): that is every row's 調査年月日."""
    c = convert("kunitachi_population_by_town.xlsx", "2021/population", tmp=tmp)
    assert {r["調査年月日"] for r in c.rows} == {"2023-03-01"}
    assert any(n["code"] == "date-from-title" and n["value"] == "令和5年3月1日" for n in c.table["notes"])
    assert any(s["text"] == "令和5年3月1日現在" for s in c.table["skipped"])      # the line itself stays listed
    assert c.recipe is not None
    again = convert("kunitachi_population_by_town.xlsx", tmp=tmp, recipe=c.recipe)
    assert again.rows == c.rows


# --- 東京都 史跡: 和暦 display format, prose dates, 所在地 over 区市町村 / 地番 -----------------------------------------
def test_historic_sites_wareki_dates_and_split_address(tmp: Path) -> None:
    c = convert("tokyo_historic_sites.xlsx", "2021/cultural_property", tmp=tmp)
    assert c.mapping["文化財指定日"] == "指定年月日"                   # a synonym
    assert c.mapping["市区町村名"] == "所在地_区市町村"                  # 区市町村: 東京都's order of the words
    assert c.mapping["住所"] == "所在地_地番"                           # the lot part under 所在地
    first = c.rows[0]   # 茂呂遺跡,都指定史跡,板橋区小茂根五丁目17,35.754445,139.6756827,東京都（建設局）,1969/3/27
    assert first["名称"] == "茂呂遺跡"
    assert first["文化財指定日"] == "1969-03-27"                        # shown 昭和44年3月27日, stored as a date
    assert first["住所"] == "東京都板橋区小茂根五丁目17"
    assert first["市区町村名"] == "板橋区"
    assert (first["緯度"], first["経度"]) == ("35.754445", "139.6756827")
    prose = "昭和46年3月29日史跡指定\u3000平成19年3月15日追加指定"          # two events in one cell: kept, reported
    assert c.rows[1]["文化財指定日"] == prose
    assert any(i["code"] == "date-unreadable" and i.get("field") == "文化財指定日" for i in c.issues)
    assert any(n["code"] == "wareki-format" for n in c.table["notes"])


# --- 港区 公衆無線LAN (.ods): the same output as the CSV it was built from ---------------------------------------------
def test_minato_ods_same_output_as_the_csv(tmp: Path) -> None:
    c = convert("minato_public_wireless_lan.ods", "2026/public_wireless_lan", tmp=tmp)
    work = tmp / "minato-csv"
    work.mkdir()
    o = convert_file(Path(__file__).resolve().parent.parent / "fixtures" / "unseen" / "minato_public_wireless_lan.csv",
                     work, dataset="2026/public_wireless_lan")
    assert o.result is not None
    with o.result.output.open(encoding="utf-8", newline="") as f:
        assert c.rows == list(csv.DictReader(f))
    assert c.rows[0]["名称"] == "虎ノ門駅9番口" and c.rows[0]["ID"] == "EE0000000001"   # 虎ノ門駅９番口
    reasons = {s["number"]: s["reason"] for s in c.table["skipped"]}
    assert reasons[1] == "title" and reasons[19] == "note"


# --- 目黒区 AED: each record over two rows --------------------------------------------------------------------------
def test_meguro_aed_records_over_two_rows(tmp: Path) -> None:
    """名称 above フリガナ and 住所 above 方書 in one column each, No. / 設置場所 / 電話番号 / 地区 merged down over both
    rows: one record per two rows (each was read as two records, the second one with the kana as its name)."""
    c = convert("meguro_aed_two_row_records.xlsx", "2021/aed", tmp=tmp)
    assert (c.mapping["名称"], c.mapping["名称_カナ"], c.mapping["住所"], c.mapping["方書"]) == (
        "施設名", "フリガナ", "所在地", "方書")
    assert len(c.rows) == 16
    first = c.rows[0]   # 131105,0000000001,東京都,目黒区,駒場保育園,コマバホイクエン,,目黒区駒場一丁目22番1号,,…,玄関ホール,03-3469-6775
    assert (first["NO"], first["名称"], first["名称_カナ"]) == ("1", "駒場保育園", "コマバホイクエン")
    assert first["住所"] == "東京都目黒区駒場一丁目22番1号"
    assert (first["設置位置"], first["電話番号"]) == ("玄関ホール", "03-3469-6775")
    last = c.rows[-1]   # …,0000000120,…,大岡山東住区センター,オオオカヤマヒガシジュウクセンター,…,03-3792-7301
    assert (last["NO"], last["名称"], last["電話番号"]) == ("120", "大岡山東住区センター", "03-3792-7301")
    assert not any(r["名称"] == "コマバホイクエン" for r in c.rows)
    assert any(n["code"] == "record-rows" for n in c.table["notes"])
    assert c.unmapped == ["地区"]


def test_meguro_aed_two_row_records_both_engines_and_recipe(tmp: Path) -> None:
    outs = []
    for engine in ("rows", "columnar"):
        r = pipeline_convert(HERE / "meguro_aed_two_row_records.xlsx", tmp / f"engine-{engine}",
                             ConvertOptions(dataset="2021/aed", engine=engine))
        outs.append((r.engine, r.output.read_bytes(), r.issues_path.read_bytes(), r.recipe))
        r.cleanup()
    assert [o[0] for o in outs] == ["rows", "columnar"] and outs[0][1:3] == outs[1][1:3]
    again = convert("meguro_aed_two_row_records.xlsx", tmp=tmp, recipe=outs[0][3])
    assert len(again.rows) == 16 and again.rows[0]["名称_カナ"] == "コマバホイクエン"


# --- the general fixes, on plain grids and names --------------------------------------------------------------
def test_grid_merged_first_name_over_a_record_is_a_one_row_header() -> None:
    grid = [
        ["地区", "", "施設名", "所在地", "電話番号"],
        ["東部", "☆", "A病院", "千代田区1-1", "03-1111-1111"],
        ["", "", "B病院", "千代田区2-2", "03-2222-2222"],
        ["西部", "", "C病院", "港区3-3", "03-3333-3333"],
    ]
    (t,) = find_tables(grid, [Merge(0, 0, 0, 1), Merge(1, 0, 2, 0)])
    assert (t.header_first, t.header_last) == (0, 0)
    assert t.header[2:] == ["施設名", "所在地", "電話番号"]
    assert t.data == [1, 2, 3]


def test_grid_merged_parent_over_its_children_is_still_a_two_row_header() -> None:
    grid = [
        ["No.", "施設名", "所在地", "", "電話番号"],
        ["", "", "住所", "方書", ""],
        [1, "A館", "千代田区1-1", "2階", "03-1111-1111"],
        [2, "B館", "港区3-3", "", "03-3333-3333"],
    ]
    merges = [Merge(0, 0, 1, 0), Merge(0, 1, 1, 1), Merge(0, 2, 0, 3), Merge(0, 4, 1, 4)]
    (t,) = find_tables(grid, merges)
    assert t.header == ["No.", "施設名", "所在地_住所", "所在地_方書", "電話番号"]
    assert t.data == [2, 3]
    # without the merges down (the names of the other columns only in the upper row), too
    (t,) = find_tables(grid, [Merge(0, 2, 0, 3)])
    assert t.header == ["No.", "施設名", "所在地_住所", "所在地_方書", "電話番号"]


@pytest.mark.parametrize(("header", "schema_id", "target"), [
    ("電話_番号", "2026/evacuation_space", "電話番号"),        # 電話 over 番号
    ("開所時間_開始", "2026/preschool", "開始時間"),           # a start under a time
    ("開所時間_終了", "2026/preschool", "終了時間"),
    ("受付時間_開始", "2021/aed", "開始時間"),
    ("定員（人）_計", "2026/preschool", "収容定員"),            # the total under its parent
    ("所在地_住所", "2021/aed", "住所"),                       # unchanged: the child names the item
])
def test_names_joined_from_two_header_rows(header: str, schema_id: str, target: str) -> None:
    assert candidates(header, schema_id)[0][0] == target


def test_join_tables_keeps_rows_notes_and_sheets() -> None:
    a = SourceTable("f.xlsx", "A", ["名称", "住所"], [SourceRow(3, ["x", "y"])], layout={"data_rows": [3, 3]},
                    skipped=[SkippedRow(1, "title", "T")])
    b = SourceTable("f.xlsx", "B", ["名称", "住所"], [SourceRow(3, ["z", "w"])], layout={"data_rows": [3, 3]})
    j = join_tables([a, b])
    assert [r.values for r in j.rows] == [["x", "y"], ["z", "w"]]    # type: ignore[union-attr]
    assert j.skipped[0].sheet == "A"
    assert j.notes[0].code == "joined-tables" and "'B' rows 3-3" in j.notes[0].message_en


def test_grid_header_with_parents_merged_over_its_children_is_found() -> None:
    """人口 merged over 男/女/合計: three names' worth of width, one value in the grid."""
    grid = [
        ["町丁別人口", "", "", "", ""],
        ["", "", "", "", ""],
        ["町丁", "世帯数", "人口", "", ""],
        ["", "", "男", "女", "合計"],
        ["東1丁目", 1802, 1457, 1794, 3251],
        ["東2丁目", 1496, 1352, 1444, 2796],
    ]
    merges = [Merge(0, 0, 0, 4), Merge(2, 0, 3, 0), Merge(2, 1, 3, 1), Merge(2, 2, 2, 4)]
    (t,) = find_tables(grid, merges)
    assert t.header == ["町丁", "世帯数", "人口_男", "人口_女", "人口_合計"]
    assert t.data == [4, 5]


@pytest.mark.parametrize(("header", "schema_id", "target"), [
    ("区市町村", "2021/cultural_property", "市区町村名"),
    ("指定年月日", "2021/cultural_property", "文化財指定日"),
    ("所在地_地番", "2021/cultural_property", "住所"),
    ("所在地_町名・地番", "2026/preschool", "所在地_連結表記"),
])
def test_synonyms_and_address_lot_under_its_parent(header: str, schema_id: str, target: str) -> None:
    assert candidates(header, schema_id)[0][0] == target


@pytest.mark.parametrize(("lines", "expected"), [
    (["町丁別人口（令和5年3月1日現在）"], "令和5年3月1日"),
    (["町丁別人口", "2023年3月1日時点"], "2023年3月1日"),
    (["令和5年3月1日現在", "令和5年4月1日現在"], None),         # two dates: which one? none is given
    (["町丁別人口"], None),
])
def test_as_of_date_only_from_one_date_line(lines: list[str], expected: str | None) -> None:
    t = SourceTable("f.xlsx", "S", ["町丁", "男", "女"], [SourceRow(4, ["東1丁目", 1, 2])],
                    skipped=[SkippedRow(i + 1, "title", x) for i, x in enumerate(lines)])
    out = with_as_of_date(t, "調査年月日", "2021/population")
    if expected is None:
        assert out is t
    else:
        assert out.header[-1] == "調査年月日" and out.rows[0].values[-1] == expected   # type: ignore[index]


def test_as_of_date_not_added_over_a_column_of_the_item() -> None:
    t = SourceTable("f.xlsx", "S", ["調査日", "町丁", "男"], [SourceRow(4, ["2023/3/1", "東1丁目", 1])],
                    skipped=[SkippedRow(1, "title", "令和5年4月1日現在")])
    assert with_as_of_date(t, "調査年月日", "2021/population") is t


def test_grid_spacer_column_inside_one_table_does_not_split_it() -> None:
    """An empty spacer column between 所在地 and 電話番号, every record on both sides, no name repeated: one table
    (it was split in two, and only one side could be converted)."""
    grid = [["施設名", "所在地", "", "電話番号", "定員"],
            ["A館", "千代田区1-1", "", "03-1111-1111", 10],
            ["B館", "港区2-2", "", "03-2222-2222", 20]]
    (t,) = find_tables(grid)
    assert t.header == ["施設名", "所在地", "", "電話番号", "定員"] and t.data == [1, 2]


def test_grid_side_by_side_blocks_and_different_tables_are_still_split() -> None:
    blocks = [["町丁", "人口", "", "町丁", "人口"], ["東1丁目", 10, "", "西1丁目", 30], ["東2丁目", 20, "", "西2丁目", 40]]
    assert [t.header for t in find_tables(blocks)] == [["町丁", "人口"], ["町丁", "人口"]]
    uneven = [["施設名", "所在地", "", "区分", "説明"], ["A館", "千代田区1-1", "", "○", "開館"],
              ["B館", "港区2-2", "", "", ""], ["C館", "港区3-3", "", "", ""]]
    assert [t.header for t in find_tables(uneven)] == [["施設名", "所在地"], ["区分", "説明"]]



def test_grid_records_over_two_rows_only_with_a_stacked_header() -> None:
    unit_row = [["地区", "人口"], ["", "（人）"], ["東部", 1200], ["西部", 800]]          # a unit row: no stacking
    (t,) = find_tables(unit_row)
    assert t.header == ["地区", "人口（人）"] and t.data == [2, 3] and not t.stack
    parent = [["名称", "所在地", ""], ["", "住所", "方書"], ["A館", "千代田区1-1", "2階"], ["B館", "港区2-2", ""]]
    (t,) = find_tables(parent, [Merge(0, 1, 0, 2)])                                   # a parent over its children
    assert t.header == ["名称", "所在地_住所", "所在地_方書"] and t.data == [2, 3] and not t.stack


# --- known problems (tests/fixtures/unseen_xlsx/SOURCES.md, "Known problems") ------------------------------------
def test_saitama_ward_column_completes_the_address(tmp: Path) -> None:
    """さいたま市's 所在地 holds neither city nor ward (飯田新田189-2); its 区 column (西区) is joined in front
    (mapping._ward_and_address), so the splitter reads the publisher's ward."""
    r = pipeline_convert(HERE / "saitama_aed_by_ward.xlsx", tmp / "ward",
                         ConvertOptions(dataset="2021/aed", publisher_code="111007"))
    with r.output.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    r.cleanup()
    assert rows[0]["住所"] == "埼玉県さいたま市西区飯田新田189-2 馬宮西小学校内"    # 西区, 飯田新田189-2 馬宮西小学校内


def test_grid_page_number_rows_between_printed_pages_are_notes() -> None:
    """A sheet laid out for printing writes 「－ 1 －」 or 「1/2ページ」 in a cell between pages (then repeats the
    header): not a record (it was one, named 「－ 1 －」)."""
    head = ["No.", "施設名", "所在地", "電話番号"]
    grid: list[list[object]] = [head, [1, "A館", "千代田区1-1", "03-1111-1111"], ["", "－ 1 －", "", ""], head,
                                [2, "B館", "港区2-2", "03-2222-2222"], ["", "", "1/2ページ", ""],
                                [3, "C館", "港区3-3", ""], ["P.3", "", "", ""], [4, "D館", "", ""],
                                ["", "中央公民館", "", ""]]
    (t,) = find_tables(grid)                                   # type: ignore[arg-type]
    assert t.data == [1, 4, 6, 8, 9]                          # a lone name (中央公民館) is still a record
    assert (2, "note") in t.skipped and (5, "note") in t.skipped and (7, "note") in t.skipped

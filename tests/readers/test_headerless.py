"""Tables without a header row: the first record is read as data when it holds values no column name has
(postcodes, phone numbers, codes, addresses …, repeated by the rows below), and never when a header row has
numeric-looking names (years, months, No., codes over counts).  Synthetic grids and files, and every real
fixture (tests/fixtures/unseen, ../shared/corpus) as a guard against false positives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from converters.jp.values import value_kind
from converters.readers import ReadOptions, SourceTable, read_tables
from converters.readers.header import HeaderFinder, looks_like_column_name
from converters.readers.layout import find_tables, table_rows
from tests.conftest import CORPUS, write_csv

UNSEEN = Path(__file__).resolve().parent.parent / "fixtures" / "unseen"
HEADERLESS_FIXTURES = {"chiba_rousai_hospital_noheader.csv"}

CHIBA = [["千葉", "1210017", "千葉大学医学部附属病院", "260-0856", "千葉市中央区亥鼻1-8-1", "043-222-7171"],
         ["千葉", "1210025", "千葉医療センター", "260-0042", "千葉市中央区椿森4-1-2", "043-251-5311"],
         ["千葉", "1210033", "下総精神医療センター", "266-0007", "千葉市緑区辺田町578", "043-291-1221"]]


def read1(path: Path, options: ReadOptions | None = None) -> SourceTable:
    (t,) = read_tables(path, options)
    return t


def codes(t: SourceTable) -> list[str]:
    return [n.code for n in t.notes]


# --- the kinds of values -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("value", "kind"), [
    ("260-0856", "postcode"), ("〒260-0856", "postcode"), ("２６０－０８５６", "postcode"),
    ("043-222-7171", "phone"), ("(054)626-1139", "phone"), ("080-4856-8523(土、日のみ）", "phone"),
    ("0120-123-456", "phone"), ("info@city.example.jp", "email"), ("https://www.city.chiba.jp/", "url"),
    ("千葉市中央区亥鼻１－８－１", "address"), ("東京都千代田区丸の内1丁目", "address"), ("市原市五井2770", "address"),
    ("千葉県", "prefecture"), ("千葉市", "municipality"), ("312011", "localgov-code"), ("1210017", "code"),
    ("35.6812362", "coordinate"), (139.7671248, "coordinate"), ("2024/4/1", "date"), ("令和6年4月1日", "date"),
    (dt.date(2024, 4, 1), "date"), ("9:00", "time"), ("9:00～17:00", "time-range"), ("ｺﾏｴｼﾔｸｼｮ", "kana"),
    ("●", "flag"), ("有", "flag"), ("12", "number"), ("2020", "number"),
    ("千葉市役所", "text"), ("No.", "text"), ("1月", "text"), ("名称", "text"),
])
def test_value_kinds(value: object, kind: str) -> None:
    assert value_kind(value) == kind


@pytest.mark.parametrize("name", ["名称", "施設名", "電話番号（代表）", "No.", "NO", "ID", "緯度", "lat", "Latitude",
                                  "所在地", "設置場所の種別", "診療科目", "FAX"])
def test_column_names(name: str) -> None:
    assert looks_like_column_name(name)


@pytest.mark.parametrize("value", ["千葉", "全", "●", "千葉大学医学部附属病院", "千葉市中央区亥鼻1-8-1", "20名", "1月", "2020",
                                   "社会福祉法人", "内・外・整"])
def test_values_are_not_column_names(value: str) -> None:
    assert not looks_like_column_name(value)


# --- CSV ----------------------------------------------------------------------------------------------------
def test_csv_without_header_row_is_read_from_its_first_record(tmp_path: Path) -> None:
    t = read1(write_csv(tmp_path / "noheader.csv", CHIBA))
    assert t.header == ["A", "B", "C", "D", "E", "F"]
    assert t.header_rows == (0, 0)
    assert t.layout["header_rows"] == [0, 0] and t.layout["data_rows"] == [1, None]
    rows = list(t.rows)
    assert [r.number for r in rows] == [1, 2, 3]
    assert rows[0].values == CHIBA[0]
    assert t.sample[0] == CHIBA[0]
    (note,) = [n for n in t.notes if n.code == "headerless"]
    assert note.row == 1 and note.value == "1210017"
    assert "見出し行のない表として1行目からデータ" in note.message_ja and "without a header row" in note.message_en
    assert "header-looks-like-data" not in codes(t)
    # the layout reads it again the same way (a recipe)
    again = read1(tmp_path / "noheader.csv", ReadOptions.from_dict(t.layout))
    assert again.header == t.header and [r.values for r in again.rows] == [r.values for r in rows]
    assert "no-header" in codes(again)


def test_title_above_a_headerless_table_is_skipped(tmp_path: Path) -> None:
    rows = [["労災保険指定医療機関一覧（千葉地区）", "", "", "", "", ""], *CHIBA]
    t = read1(write_csv(tmp_path / "titled.csv", rows))
    assert t.header_rows == (0, 0) and t.layout["data_rows"] == [2, None]
    assert [r.number for r in t.rows] == [2, 3, 4]
    assert [(s.number, s.reason) for s in t.skipped] == [(1, "title")]


def test_headerless_english_coordinates_and_codes(tmp_path: Path) -> None:
    rows = [["1", "中央公民館", "千葉市中央区中央1-1-1", "35.6074", "140.1065", "043-111-2222"],
            ["2", "緑公民館", "千葉市緑区おゆみ野3-2-1", "35.5530", "140.1808", "043-333-4444"],
            ["3", "若葉公民館", "千葉市若葉区桜木4-5-6", "35.6363", "140.1450", "043-555-6666"]]
    t = read1(write_csv(tmp_path / "aed.csv", rows))
    assert t.header_rows == (0, 0)
    assert [r.values for r in t.rows] == rows


def test_records_of_numbers_below_a_title(tmp_path: Path) -> None:
    """Records mostly of numbers (no row looks like a header at all) below a title line: the title is skipped and
    the first record is data, in a CSV and on a grid."""
    rows = [["AED設置場所一覧", "", "", "", "", ""],
            ["1", "中央公民館", "35.607412", "140.106512", "043-111-2222", "122033"],
            ["2", "緑公民館", "35.553034", "140.180811", "043-333-4444", "122033"],
            ["3", "若葉公民館", "35.636378", "140.145029", "043-555-6666", "122033"]]
    t = read1(write_csv(tmp_path / "titled.csv", rows))
    assert t.header_rows == (0, 0) and t.layout["data_rows"] == [2, None]
    assert [r.values for r in t.rows] == rows[1:] and [(s.number, s.reason) for s in t.skipped] == [(1, "title")]
    grid = [["AED設置場所一覧"], [], *[[int(r[0]), r[1], float(r[2]), float(r[3]), r[4], int(r[5])] for r in rows[1:]]]
    (g,) = find_tables(grid)
    assert g.header_first == -1 and g.data_first == 2 and g.skipped == [(0, "title")]


@pytest.mark.parametrize("header", [
    ["地区", "2020", "2021", "2022", "2023"],                         # years over counts
    ["地区", "1月", "2月", "3月", "4月"],                              # months
    ["No.", "名称", "郵便番号", "住所", "電話番号"],                      # No. and names
    ["地区", "13101", "13102", "13103", "13104"],                     # codes over counts
    ["地区", "2023/4/1", "2024/4/1", "2025/4/1", "2026/4/1"],         # dates over counts
    ["名称", "電話番号 043-222-7171", "住所", "緯度", "経度"],          # one value-like name
    ["施設", "260-0856", "043-222-7171", "千葉市中央区亥鼻1-8-1", "備考"],   # values under a name: reported only
])
def test_header_rows_with_numeric_looking_names_stay_headers(tmp_path: Path, header: list[str]) -> None:
    body = [["中央", "1520", "1611", "1702", "1800"], ["若葉", "2210", "2305", "2399", "2410"],
            ["緑", "3150", "3121", "3099", "3010"]]
    t = read1(write_csv(tmp_path / "h.csv", [header, *body]))
    assert t.header_rows == (1, 1)
    assert t.header == header
    assert "headerless" not in codes(t)
    assert [r.values for r in t.rows] == body


def test_data_values_under_a_column_name_are_only_reported(tmp_path: Path) -> None:
    # a cell that reads as a column name (備考) keeps the row a header: the doubt is reported, with the way out
    rows = [[*CHIBA[0][:5], "備考"], *[[*r[:5], ""] for r in CHIBA[1:]]]
    t = read1(write_csv(tmp_path / "doubt.csv", rows))
    assert t.header_rows == (1, 1)
    (note,) = [n for n in t.notes if n.code == "header-looks-like-data"]
    assert "header_rows: [0, 0]" in note.message_ja


def test_a_single_record_file_needs_three_data_values(tmp_path: Path) -> None:
    t = read1(write_csv(tmp_path / "one.csv", [CHIBA[0]]))
    assert t.header_rows == (0, 0) and [r.values for r in t.rows] == [CHIBA[0]]
    t2 = read1(write_csv(tmp_path / "two.csv", [["中央公園", "260-0856", "043-222-7171"]]))
    assert t2.header_rows == (1, 1)


# --- spreadsheets (the same test on a grid) -------------------------------------------------------------------
def test_grid_without_header_row() -> None:
    grid = [["千葉", 1210017, "千葉大学医学部附属病院", "260-0856", "千葉市中央区亥鼻1-8-1", "043-222-7171"],
            ["千葉", 1210025, "千葉医療センター", "260-0042", "千葉市中央区椿森4-1-2", "043-251-5311"],
            ["千葉", 1210033, "下総精神医療センター", "266-0007", "千葉市緑区辺田町578", "043-291-1221"]]
    (t,) = find_tables(grid)
    assert t.header_first == -1 and t.header == ["A", "B", "C", "D", "E", "F"]
    assert [r.values for r in table_rows(grid, t)] == grid
    assert t.notes[0].code == "headerless"


def test_grid_of_numbers_without_text_is_headerless_by_values() -> None:
    # no text at all: the old fallback (letters) and the new test agree
    grid = [[1, 35.6074, 140.1065, 312011], [2, 35.5530, 140.1808, 312011], [3, 35.6363, 140.1450, 312011]]
    (t,) = find_tables(grid)
    assert t.header_first == -1 and [r.values for r in table_rows(grid, t)] == grid


def test_grid_header_with_years_stays() -> None:
    grid = [["地区", 2020, 2021, 2022], ["中央", 15200, 16110, 17020], ["若葉", 22100, 23050, 23990]]
    (t,) = find_tables(grid)
    assert t.header_first == 0 and t.header == ["地区", "2020", "2021", "2022"]


def test_record_values_say_why() -> None:
    hf = HeaderFinder(CHIBA, 0, 5)
    assert hf.record_values(0) == ["1210017", "260-0856", "千葉市中央区亥鼻1-8-1", "043-222-7171"]


def test_xlsx_sheet_without_header_row(tmp_path: Path) -> None:
    from tests.convert.workbooks import write_headerless

    path = write_headerless(tmp_path / "noheader.xlsx", [[r[0], int(r[1]), *r[2:]] for r in CHIBA],
                            title="労災保険指定医療機関（千葉）")
    (t,) = read_tables(path)
    assert t.header_rows == (0, 0) and t.header == ["A", "B", "C", "D", "E", "F"]
    rows = list(t.rows)
    assert [r.number for r in rows] == [3, 4, 5]
    assert rows[0].values[2] == "千葉大学医学部附属病院" and rows[0].values[1] == 1210017
    assert "headerless" in codes(t) and [(s.number, s.reason) for s in t.skipped] == [(1, "title")]
    again = read_tables(path, ReadOptions.from_dict(t.layout))[0]
    assert [r.values for r in again.rows] == [r.values for r in rows]


# --- real files: none of them is read without its header row ---------------------------------------------------
def _real_files() -> list[Path]:
    files = sorted(UNSEEN.glob("*.csv"))
    if CORPUS.is_dir():
        files += sorted(p for p in CORPUS.rglob("*") if p.suffix.lower() in (".csv", ".tsv", ".xls", ".xlsx"))
    return files


@pytest.mark.parametrize("path", _real_files(), ids=lambda p: p.name)
def test_real_files_keep_their_header_rows(path: Path) -> None:
    for t in read_tables(path):
        if path.name in HEADERLESS_FIXTURES:
            assert t.header_rows == (0, 0) and "headerless" in codes(t)
        else:
            assert t.header_rows != (0, 0), t.header
            assert "headerless" not in codes(t)

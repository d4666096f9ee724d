"""Table finding on plain 2-D grids (no files): header detection, multi-row headers, table ends,
several tables, totals and notes, forced options."""

from __future__ import annotations

import datetime as dt

from converters.readers.cells import (
    classify_row,
    column_index,
    column_letter,
    is_note_text,
    is_total_label,
    kind,
)
from converters.readers.header import Merge, clean_header
from converters.readers.layout import find_tables, table_rows
from converters.readers.linkdata import detect, linkdata_table


def values(grid, t):  # type: ignore[no-untyped-def]
    return [r.values for r in table_rows(grid, t)]


def test_cell_kinds() -> None:
    assert kind("") == kind("  \u3000") == kind(None) == "e"
    assert kind("123") == kind("１２３") == kind("1,234.5") == kind(-3) == kind(2.5) == "n"
    assert kind("2024/4/1") == kind("令和5年4月1日") == kind("R2.4.1") == kind("9:30") == kind(dt.date.today()) == "d"
    assert kind("名称") == kind("令和5年度") == kind("120㎡") == kind("0857-22-8111") == "t"
    assert kind(True) == "b"


def test_total_and_note_labels() -> None:
    for s in ["計", "合計", "合　計", "小計", "総計", "小計（A地区）", "Total", "Grand total", "市計"]:
        assert is_total_label(s), s
    for s in ["会計", "設計事務所", "計量所", "時計台", "合計額の内訳は別紙"]:
        assert not is_total_label(s), s
    for s in ["※面積は延床面積", "注1 電話は代表", "（注）休館日", "出典：市民課", "資料：統計課", "Note: x", "(単位：人)",
              "★印は災害拠点連携病院を表す。", "■ 休館日は別表"]:
        assert is_note_text(s), s
    for s in ["注文住宅", "資料館", "出口", "備考", "★5", "■", "□ 3"]:
        assert not is_note_text(s), s


def test_classify_row() -> None:
    assert classify_row(["", None, " "], 3) == "blank"
    assert classify_row(["小計", "", 100], 3) == "total"
    assert classify_row(["", "合計", 5, 6], 4) == "total"
    assert classify_row(["※注記", "", "", "", ""], 5) == "note"
    assert classify_row(["※付き施設", "鳥取市", "0857", "a", "b"], 5) == ""   # a full row is data
    assert classify_row(["図書館", "計量", "1"], 3) == ""
    assert classify_row(["", "", "★印は災害拠点連携病院を表す。", "", "", ""], 6) == "note"
    assert classify_row(["★ショップ", "鳥取市", "0857", "a", "b"], 5) == ""   # a full row is data


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
    assert [column_index(s) for s in ("A", "Z", "AA", "ZZ", "AAA")] == [0, 25, 26, 701, 702]


def test_clean_header() -> None:
    assert clean_header("利用可能\n曜日") == "利用可能曜日"
    assert clean_header("Opening\r\nhours") == "Opening hours"
    assert clean_header("公共施設\u3000") == "公共施設"


def test_english_header() -> None:
    grid = [["name", "address", "lat", "lon"], ["a", "1 Main", 35.1, 134.2], ["b", "2 Main", 35.2, 134.3]]
    (t,) = find_tables(grid)
    assert t.header == ["name", "address", "lat", "lon"]
    assert values(grid, t) == grid[1:]


def test_header_below_titles_and_key_value_lines() -> None:
    grid = [
        ["施設一覧", "", "", "", "", ""],
        ["担当", "防災課", "", "電話", "0857-00-0000", ""],    # key/value line, narrower than the table
        ["", "", "", "", "", ""],
        ["番号", "名称", "住所", "電話", "種別", "定員"],
        [1, "A", "x", "1", "公民館", 10],
        [2, "B", "y", "2", "図書館", 20],
    ]
    (t,) = find_tables(grid)
    assert t.header_first == 3 and t.header[0] == "番号"
    assert [(r, why) for r, why in t.skipped] == [(0, "title"), (1, "title")]


def test_two_row_header_without_merges() -> None:
    grid = [
        ["名称", "所在地", "", "", "連絡先", ""],
        ["", "都道府県", "市区町村", "町字", "電話", "FAX"],
        ["A館", "鳥取県", "鳥取市", "尚徳町", "0857-1", "0857-2"],
    ]
    (t,) = find_tables(grid)
    assert t.header == ["名称", "所在地_都道府県", "所在地_市区町村", "所在地_町字", "連絡先_電話", "連絡先_FAX"]
    assert (t.header_first, t.header_last) == (0, 1)


def test_three_row_header_with_merges() -> None:
    grid = [
        ["区分", "利用者", "", "", ""],
        ["", "大人", "", "子ども", ""],
        ["", "男", "女", "男", "女"],
        ["4月", 1, 2, 3, 4],
        ["5月", 5, 6, 7, 8],
    ]
    merges = [Merge(0, 0, 2, 0), Merge(0, 1, 0, 4), Merge(1, 1, 1, 2), Merge(1, 3, 1, 4)]
    (t,) = find_tables(grid, merges)
    assert t.header == ["区分", "利用者_大人_男", "利用者_大人_女", "利用者_子ども_男", "利用者_子ども_女"]
    assert values(grid, t) == [["4月", 1, 2, 3, 4], ["5月", 5, 6, 7, 8]]


def test_year_headers_over_numbers() -> None:
    grid = [["区分", 2021, 2022, 2023], ["人口", 100, 110, 120], ["世帯", 40, 41, 42]]
    (t,) = find_tables(grid)
    assert t.header == ["区分", "2021", "2022", "2023"]
    assert len(t.data) == 2


def test_unit_row_below_the_header() -> None:
    grid = [["地区", "人口", "面積"], ["", "（人）", "(㎢)"], ["東部", 1200, 3.5], ["西部", 800, 2.25]]
    (t,) = find_tables(grid)
    assert t.header == ["地区", "人口（人）", "面積(㎢)"]
    assert t.data == [2, 3]


def test_merged_body_cells_filled() -> None:
    grid = [["地区", "施設", "定員"], ["東部", "A", 10], ["", "B", 20], ["西部", "C", 30]]
    (t,) = find_tables(grid, [Merge(1, 0, 2, 0)])
    assert values(grid, t) == [["東部", "A", 10], ["東部", "B", 20], ["西部", "C", 30]]
    assert [n.value for n in t.notes if n.code == "merged-fill"] == ["A2:A3"]


def test_blank_rows_inside_a_table_are_skipped_not_ending_it() -> None:
    grid = [["名称", "住所", "定員"], ["A", "x", 1], ["", "", ""], ["B", "y", 2], ["", "", ""], ["", "", ""]]
    (t,) = find_tables(grid)
    assert t.data == [1, 3]
    assert t.skipped == [(2, "blank")]


def test_stacked_tables_found_by_title_and_contrast() -> None:
    grid = [
        ["名称", "住所"], ["A", "x"], ["B", "y"],
        ["", ""],
        ["区分", "件数"], ["a", 1], ["b", 2],          # text over numbers: a new header
        ["", ""],
        ["C", "z"],                                 # text over text, same columns: more data of table 2
    ]
    tables = find_tables(grid)
    assert [t.header for t in tables] == [["名称", "住所"], ["区分", "件数"]]
    assert tables[1].data == [5, 6, 8]


def test_double_spaced_text_table_stays_one_table() -> None:
    grid: list[list[object]] = [["名称", "住所", "電話", "種別"]]
    for i in range(300):
        grid += [[f"施設{i}", f"鳥取市尚徳町{i}", f"0857-22-{i:04d}", "公民館"], ["", "", "", ""]]
    (t,) = find_tables(grid)  # type: ignore[arg-type]
    assert len(t.data) == 300 and t.header[0] == "名称"
    assert all(why == "blank" for _, why in t.skipped)


def test_trailing_sparse_lines_become_notes() -> None:
    grid = [["名称", "住所", "電話", "定員"], ["A", "x", "1", 10], ["B", "y", "2", 20], ["", "", "", ""],
            ["令和5年4月1日現在", "", "", ""], ["", "", "", "作成：防災課"]]
    (t,) = find_tables(grid)
    assert t.data == [1, 2]
    assert t.skipped == [(4, "note"), (5, "note")]


def test_forced_options() -> None:
    grid = [["x", "y", "z"], ["名称", "住所", "定員"], ["A", "x", 1], ["B", "y", 2], ["C", "z", 3]]
    (t,) = find_tables(grid, header_rows=(1, 1), data_rows=(2, 3), columns=(0, 1))
    assert t.header == ["名称", "住所"]
    assert values(grid, t) == [["A", "x"], ["B", "y"]]
    (none,) = find_tables(grid, header_rows=(-1, -1), data_rows=(2, None))
    assert none.header == ["A", "B", "C"] and len(none.data) == 3


def test_no_table_in_empty_grid() -> None:
    assert find_tables([]) == []
    assert find_tables([["", ""], ["", ""]]) == []


def test_linkdata_grid() -> None:
    grid = [
        ["#LINK", "", ""], ["#namespace", "ic", "http://imi.ipa.go.jp/ns/core/rdf#"],
        ["#property", "ic:年", "献立名"], ["#object_type_xsd", "int", "string"],
        ["1", "2024", "カレー"], ["2", "2024", "うどん"],
    ]
    ld = detect(grid)
    assert ld is not None and ld.strip_marker and ld.header == ["年", "献立名"]
    t = linkdata_table(grid, ld)
    assert values(grid, t) == [["2024", "カレー"], ["2024", "うどん"]]
    assert sorted(t.skipped) == [(0, "linkdata-meta"), (1, "linkdata-meta"), (3, "linkdata-meta")]
    assert any(n.code == "linkdata-prefix" and n.value == "ic:年" for n in t.notes)
    assert detect([["名称", "住所"], ["A", "x"]]) is None
    assert detect([["#comment"], ["名称"], ["#property", "a"]]) is None


def test_parent_row_with_gaps_over_a_child_row_with_totals() -> None:
    """人口 over 男 | 女 | 計 (as a CSV export writes it: the parent once, then blanks): one two-row header, not a
    one-row header with the child row skipped as a 合計 row (計)."""
    grid = [["地区", "人口", "", "", "世帯数"], ["", "男", "女", "計", ""],
            ["東部", 10, 12, 22, 9], ["西部", 5, 6, 11, 4]]
    (t,) = find_tables(grid)
    assert (t.header_first, t.header_last) == (0, 1)
    assert t.header == ["地区", "人口_男", "人口_女", "人口_計", "世帯数"]
    assert values(grid, t) == [["東部", 10, 12, 22, 9], ["西部", 5, 6, 11, 4]]
    # merged in a workbook: the same
    (m,) = find_tables(grid, [Merge(0, 1, 0, 3), Merge(0, 0, 1, 0), Merge(0, 4, 1, 4)])
    assert m.header == t.header and (m.header_first, m.header_last) == (0, 1)


def test_title_over_a_caption_is_not_a_two_row_header() -> None:
    grid = [["AED設置箇所一覧", "", "", ""], ["", "", "", "令和6年4月1日現在"],
            ["名称", "住所", "電話番号", "設置場所"], ["中央公民館", "鳥取市尚徳町116", "0857-22-8111", "1階"],
            ["駅前会館", "鳥取市富安二丁目104-2", "0857-22-8112", "2階"]]
    (t,) = find_tables(grid)
    assert (t.header_first, t.header_last) == (2, 2) and t.header == ["名称", "住所", "電話番号", "設置場所"]

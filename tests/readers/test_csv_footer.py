"""A footer under a CSV table (converters/readers/footer.py): the last records after a blank line that are
short and do not fit the columns are skipped as notes and reported; short genuine last records stay data."""

from __future__ import annotations

from pathlib import Path

from converters.readers import ReadOptions, SourceTable, read_tables
from converters.readers.footer import FOOTER_MAX, FooterTest
from tests.conftest import write_csv

HEADER = ["地区", "市区町村コード", "名称", "住所", "電話番号", "緯度", "経度", "収容人数"]


def _row(i: int) -> list[str]:
    return ["東部", "312011", f"第{i}小学校", f"鳥取市尚徳町{i}", "0857-22-8111", "35.5011", "134.235", str(100 + i)]


DATA = [_row(i) for i in range(1, 11)]


def read1(path: Path, options: ReadOptions | None = None) -> SourceTable:
    (t,) = read_tables(path, options)
    return t


def numbers(t: SourceTable) -> list[int]:
    return [r.number for r in t.rows]


def footer_notes(t: SourceTable) -> list[str]:
    return [n.message_en for n in t.notes if n.code == "skipped-note"]


def test_footer_after_a_blank_line_is_a_note(tmp_path: Path) -> None:
    version = ["避難所一覧", "Ver202204"]                     # like 港区's "区民避難場所・福祉避難所情報","Ver202204"
    p = write_csv(tmp_path / "f.csv", [HEADER, *DATA, [], version])
    t = read1(p)
    assert numbers(t) == list(range(2, 12))                   # the 10 records, not the version line
    assert [(s.number, s.reason, s.text) for s in t.skipped] == [(12, "blank", ""), (13, "note", "避難所一覧 | Ver202204")]
    (note,) = [n for n in t.notes if n.code == "skipped-note"]
    assert note.row == 13 and note.value == "避難所一覧 | Ver202204"
    assert "フッター" in note.message_ja and "13行目" in note.message_ja
    assert note.message_en == ("skipped footer / note lines below the table (after the last blank line): 1 row(s) (13)")
    # the same decision when the recipe's layout is read again (data_rows end: None)
    again = read1(p, ReadOptions.from_dict(t.layout))
    assert numbers(again) == numbers(t) and [s.number for s in again.skipped] == [12, 13]


def test_footer_of_several_lines_and_trailing_blank_lines(tmp_path: Path) -> None:
    title = ["鳥取市防災危機管理課　避難所一覧"]          # in 地区, much longer than any of its values
    dated = ["", "", "", "", "", "令和4年4月1日現在"]      # text under 緯度 (numbers)
    p = write_csv(tmp_path / "f.csv", [HEADER, *DATA, [], ["", "", "", "", "", "", "", ""], title, [], dated, [], []])
    t = read1(p)
    assert numbers(t) == list(range(2, 12))
    assert {s.number: s.reason for s in t.skipped} == {12: "blank", 13: "blank", 14: "note", 15: "blank",
                                                       16: "note", 17: "blank", 18: "blank"}
    assert footer_notes(t) == ["skipped footer / note lines below the table (after the last blank line): "
                               "2 row(s) (14, 16)"]


def test_short_genuine_last_row_is_kept(tmp_path: Path) -> None:
    """A last record after a blank line with many empty cells, but values that fit their columns: data."""
    for last in (["", "", "第11小学校", "鳥取市湖山町", "", "", "", ""],     # a name and an address
                 ["", "", "", "", "", "35.52", "134.17"],                   # coordinates only (a short record)
                 ["西部", "", "第11小学校"],
                 ["西部", "312011"]):
        p = write_csv(tmp_path / "k.csv", [HEADER, *DATA, [], last])
        t = read1(p)
        assert numbers(t) == [*range(2, 12), 13], last
        assert [r.values for r in t.rows][-1] == [*last, *[""] * (len(HEADER) - len(last))]
        assert not footer_notes(t) and [s.reason for s in t.skipped] == ["blank"]


def test_last_row_without_a_blank_line_is_kept(tmp_path: Path) -> None:
    p = write_csv(tmp_path / "k.csv", [HEADER, *DATA, ["避難所一覧", "Ver202204"]])
    t = read1(p)
    assert numbers(t) == list(range(2, 13)) and not t.skipped and not footer_notes(t)


def test_held_records_followed_by_data_stay_data(tmp_path: Path) -> None:
    """A short record that does not fit, below a blank line but above more records, is read as before."""
    odd = ["", "", "", "", "", "調査中"]
    p = write_csv(tmp_path / "k.csv", [HEADER, *DATA[:5], [], odd, [], odd, *DATA[5:]])
    t = read1(p)
    assert numbers(t) == [2, 3, 4, 5, 6, 8, 10, 11, 12, 13, 14, 15]
    assert [r.values[5] for r in t.rows][5:7] == ["調査中", "調査中"]
    assert not footer_notes(t)


def test_more_lines_than_a_footer_holds_stay_data(tmp_path: Path) -> None:
    odd = [["", "", "", "", "", f"調査中{i}"] for i in range(FOOTER_MAX + 1)]
    p = write_csv(tmp_path / "k.csv", [HEADER, *DATA, [], *odd])
    t = read1(p)
    assert numbers(t) == [*range(2, 12), *range(13, 13 + FOOTER_MAX + 1)] and not footer_notes(t)


def test_notes_below_the_blank_line_do_not_end_the_footer(tmp_path: Path) -> None:
    p = write_csv(tmp_path / "f.csv", [HEADER, *DATA, [], ["※収容人数は令和4年4月1日現在"], ["避難所一覧", "Ver202204"]])
    t = read1(p)
    assert numbers(t) == list(range(2, 12))
    assert {s.number: s.reason for s in t.skipped} == {12: "blank", 13: "note", 14: "note"}
    assert footer_notes(t) == ["skipped footer / note lines below the table (after the last blank line): 1 row(s) (14)"]
    # a 合計 row (its values fit: 地区 and 収容人数) ends the block: what follows it is read as before
    p2 = write_csv(tmp_path / "g.csv", [HEADER, *DATA, [], ["合計", "", "", "", "", "", "", "1055"],
                                        ["避難所一覧", "Ver202204"]])
    t2 = read1(p2)
    assert numbers(t2) == [*range(2, 12), 14] and {s.number: s.reason for s in t2.skipped} == {12: "blank", 13: "total"}


def test_no_footer_rule_when_the_data_end_is_given_or_the_table_is_narrow(tmp_path: Path) -> None:
    p = write_csv(tmp_path / "f.csv", [HEADER, *DATA, [], ["避難所一覧", "Ver202204"]])
    t = read1(p, ReadOptions(data_rows=(2, 13)))               # a recipe that fixes the last row reads it
    assert numbers(t) == [*range(2, 12), 13]
    narrow = write_csv(tmp_path / "n.csv", [["名称", "人数"], ["A", "1"], ["B", "2"], [], ["Ver202204", ""]])
    t2 = read1(narrow)
    assert t2.rows.plan.footer is None and numbers(t2) == [2, 3, 5]   # type: ignore[attr-defined]


def test_footer_test_needs_typical_rows() -> None:
    assert FooterTest.from_records([], 8) is None
    assert FooterTest.from_records([["a", "", "", "", "", "", "", ""]] * 5, 8) is None   # no row is not short
    ft = FooterTest.from_records(DATA, 8, HEADER)
    assert ft is not None and ft.max_cells == 2
    assert ft.looks_like_footer(["避難所一覧", "Ver202204", "", "", "", "", "", ""])     # text under a code
    assert ft.looks_like_footer(["", "", "", "", "", "令和4年4月1日現在"])                # text under 緯度
    assert ft.looks_like_footer(["鳥取市防災危機管理課作成"])                             # a long text under 地区
    assert not ft.looks_like_footer(["避難所一覧"])                                       # not that much longer
    assert not ft.looks_like_footer(["", "", "第11小学校", "鳥取市", "", "", "", ""])
    assert not ft.looks_like_footer(["西部", "Ver1", "", "", "", "", "", "調査中"])       # 3 cells: not short
    assert not ft.looks_like_footer(["", "", "", "", "", "", "", "", "", "Ver1"])         # beyond the columns


def test_a_stamp_makes_a_two_cell_footer_in_a_narrow_table() -> None:
    """港区's 5-column lists end in "title(令和4年4月1日現在)","Ver202204": a stamp (a version, an as-of date) does not
    fit a column whose typical rows hold none, and allows two cells where a quarter of the columns is one."""
    rows = [[f"第{i}公衆便所", f"東京都港区芝{i}丁目", "19690131", "35.66", "139.75"] for i in range(1, 9)]
    ft = FooterTest.from_records(rows, 5)
    assert ft is not None and ft.max_cells == 1 and ft.most_cells == 2
    assert ft.looks_like_footer(["公衆便所一覧(令和4年4月1日現在)", "Ver202204", "", "", ""])
    assert ft.looks_like_footer(["第3版", "", "", "", ""])
    assert not ft.looks_like_footer(["第9公衆便所", "東京都港区芝9丁目", "", "", ""])      # fits: data
    assert not ft.looks_like_footer(["一覧", "Ver202204", "19690131", "", ""])            # 3 cells
    # the footer itself among the planning sample (a small file) is not a typical row
    ft2 = FooterTest.from_records([*rows, ["公衆便所一覧(令和4年4月1日現在)", "Ver202204", "", "", ""]], 5)
    assert ft2 is not None and not any(ft2.stamps)
    # a column that holds stamps in its typical rows (最終確認日 = 2022年4月1日現在) is no evidence
    dated = [[*r[:4], "2022年4月1日現在"] for r in rows]
    ft3 = FooterTest.from_records(dated, 5)
    assert ft3 is not None and not ft3.looks_like_footer(["", "", "", "", "2023年4月1日現在"])

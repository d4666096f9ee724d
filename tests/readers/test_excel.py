"""Spreadsheet reader on synthetic print-style workbooks built in the tests (openpyxl, xlsxwriter,
xlwt, odfpy): titles, merged headers and body cells, totals, notes, two tables on a sheet, hidden
rows/columns, formulas with and without cached values, dates and 和暦 formats."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from converters.readers import ReadError, ReadOptions, SourceTable, read_tables
from tests.readers import builders


def codes(t: SourceTable) -> list[str]:
    return [n.code for n in t.notes]


def note(t: SourceTable, code: str, column: int | None = None) -> str:
    for n in t.notes:
        if n.code == code and (column is None or n.column == column):
            assert n.message_en, "every note has an English message beside the Japanese one"
            return n.message_ja
    raise AssertionError(f"no note {code} (column {column}) in {codes(t)}")


@pytest.fixture(scope="module")
def print_style(tmp_path_factory: pytest.TempPathFactory) -> list[SourceTable]:
    pytest.importorskip("openpyxl")
    return read_tables(builders.print_style_openpyxl(tmp_path_factory.mktemp("x") / "print.xlsx"))


def test_two_tables_on_one_sheet(print_style: list[SourceTable]) -> None:
    assert len(print_style) == 2
    first, second = print_style
    assert first.sheet == second.sheet == "施設一覧"
    assert first.layout["table_index"] == 0 and second.layout["table_index"] == 1
    assert "several-tables" in codes(first) and "second-table" in codes(second)


def test_multi_row_merged_header_joined(print_style: list[SourceTable]) -> None:
    t = print_style[0]
    assert t.header == ["番号", "名称", "所在地_都道府県", "所在地_市区町村", "開設日", "面積"]
    assert t.header_rows == (4, 5)
    assert t.columns == [1, 2, 3, 4, 5, 6]
    assert "所在地" in note(t, "merged-header")


def test_titles_totals_notes_skipped(print_style: list[SourceTable]) -> None:
    t = print_style[0]
    skipped = [(s.number, s.reason, s.text) for s in t.skipped]
    assert (1, "title", "令和5年度 市内施設一覧") in skipped
    assert (2, "title", "令和5年4月1日現在") in skipped
    assert (10, "total", "小計") in skipped
    assert (12, "note", "※面積は延床面積") in skipped
    assert [r.number for r in t.rows] == [6, 7, 8, 9]


def test_body_values_kept_as_written(print_style: list[SourceTable]) -> None:
    rows = {r.number: r.values for r in print_style[0].rows}
    # merged C6:C8 filled down; 同上, 和暦 strings, units in cells stay text for the steps to handle
    assert rows[6] == [1, "中央公民館", "鳥取県", "鳥取市", "平成15年4月1日", "120㎡"]
    assert rows[7] == [2, "東部公民館", "鳥取県", "同上", "R2.4.1", "85㎡"]
    assert rows[8] == [3, "西部公民館", "鳥取県", "倉吉市", dt.date(2020, 4, 1), "1,200"]
    assert rows[9][:4] == [4, "非公開倉庫", "鳥取県", "鳥取市"]
    assert rows[9][5] == ""     # a formula that openpyxl saved without a result


def test_structure_notes(print_style: list[SourceTable]) -> None:
    t = print_style[0]
    assert "C6:C8" in note(t, "merged-fill")
    assert "9行目" in note(t, "hidden-row")
    msg = note(t, "formula", column=6)
    assert "1セル" in msg and "保存されていない" in msg
    assert "1セル" in note(t, "excel-date", column=5)
    assert "1,200" in note(t, "number-as-text", column=6)


def test_second_table(print_style: list[SourceTable]) -> None:
    t = print_style[1]
    assert t.header == ["区分", "4月", "5月", "6月"]
    assert [r.values for r in t.rows] == [["大人", 100, 120, 130], ["子ども", 50, 60, 70]]
    reasons = {s.number: s.reason for s in t.skipped}
    assert reasons == {14: "title", 18: "total", 19: "note"}


def test_layout_reproduces_the_read(tmp_path: Path, print_style: list[SourceTable]) -> None:
    path = Path(print_style[0].source)
    for t in print_style:
        again = read_tables(path, ReadOptions.from_dict(t.layout))
        assert len(again) == 1
        assert again[0].header == t.header
        assert [(r.number, r.values) for r in again[0].rows] == [(r.number, r.values) for r in t.rows]


def test_table_index_and_sheet_options(print_style: list[SourceTable]) -> None:
    path = Path(print_style[0].source)
    only = read_tables(path, ReadOptions(sheet="施設一覧", table_index=1))
    assert len(only) == 1 and only[0].header == ["区分", "4月", "5月", "6月"]
    assert "sheet-chosen" in codes(only[0])
    assert read_tables(path, ReadOptions(sheet=0, table_index=0))[0].header[0] == "番号"
    with pytest.raises(ReadError) as e:
        read_tables(path, ReadOptions(sheet="ない"))
    assert e.value.code == "sheet-not-found" and "施設一覧" in e.value.message_ja
    with pytest.raises(ReadError) as e2:
        read_tables(path, ReadOptions(table_index=5))
    assert e2.value.code == "table-not-found"


def test_header_rows_option_overrides_detection(print_style: list[SourceTable]) -> None:
    path = Path(print_style[0].source)
    t = read_tables(path, ReadOptions(header_rows=(5, 5), data_rows=(6, 9), columns=(3, 4)))[0]
    assert t.header == ["都道府県", "市区町村"]
    assert [r.values for r in t.rows] == [["鳥取県", "鳥取市"], ["鳥取県", "同上"], ["鳥取県", "倉吉市"],
                                          ["鳥取県", "鳥取市"]]


def test_header_rows_option_out_of_range(print_style: list[SourceTable]) -> None:
    with pytest.raises(ReadError) as e:
        read_tables(Path(print_style[0].source), ReadOptions(header_rows=(300, 300)))
    assert e.value.code == "no-table"


def test_formulas_cached_values_dates_and_wareki(tmp_path: Path) -> None:
    pytest.importorskip("xlsxwriter")
    (t,) = read_tables(builders.formulas_xlsxwriter(tmp_path / "f.xlsx"))
    assert t.header == ["施設名", "開設日", "開館時刻", "利用者数", "前年比", "備考"]
    rows = [r.values for r in t.rows]
    assert rows[0] == ["中央図書館", dt.date(2019, 5, 1), dt.time(9, 0), 1200, 1.2, "内部メモ"]
    assert rows[1][1:3] == [dt.date(2020, 4, 1), dt.time(9, 30)]
    assert rows[1][4] == pytest.approx(0.8889)
    assert rows[2][1] == dt.date(1989, 1, 8)
    msg = note(t, "formula", column=5)
    assert "3セル" in msg and "保存されていない" not in msg
    assert "和暦" in note(t, "wareki-format", column=2)
    assert "6行目" in note(t, "hidden-row")
    assert "備考" in note(t, "hidden-column", column=6)
    assert "3セル" in note(t, "excel-time", column=3)
    assert [s.reason for s in t.skipped] == ["title"]


def test_structure_scan_of_prefixed_sheet_xml(tmp_path: Path) -> None:
    pytest.importorskip("xlsxwriter")
    src = builders.formulas_xlsxwriter(tmp_path / "plain.xlsx")
    (t,) = read_tables(builders.prefix_sheet_xml(src, tmp_path / "prefixed.xlsx"))
    assert t.header[0] == "施設名" and len(list(t.rows)) == 3
    found = {n.code: n.value for n in t.notes}
    assert found["formula"] == "3" and found["hidden-row"] == "6-6" and found["hidden-column"] == "備考"
    assert "gannen" in (found["wareki-format"] or "")


def test_legacy_xls(tmp_path: Path) -> None:
    pytest.importorskip("xlwt")
    (t,) = read_tables(builders.legacy_xls(tmp_path / "l.xls"))
    assert t.sheet == "一覧"
    assert t.header == ["名称", "所在地_町字", "所在地_番地", "収容人数", "指定日"]
    assert [r.values for r in t.rows] == [
        ["第一小学校", "湖山町", "1-1", 300, dt.date(2024, 4, 1)],
        ["第二小学校", "湖山町", "2-5", 250, dt.date(2024, 4, 1)],
        ["旧第三小学校", "吉方", "3", 0, dt.date(2010, 3, 31)],
    ]
    assert "B5:B6" in note(t, "merged-fill")
    assert "7行目" in note(t, "hidden-row")
    assert {s.number: s.reason for s in t.skipped} == {1: "title", 8: "total"}


def test_ods(tmp_path: Path) -> None:
    pytest.importorskip("odf")
    (t,) = read_tables(builders.simple_ods(tmp_path / "s.ods"))
    assert t.sheet == "公園"
    assert t.header == ["公園名", "位置_緯度", "位置_経度", "面積"]
    assert next(r.values for r in t.rows) == ["若葉台公園", 35.5, 134.2, 1200]
    assert "7行目" in note(t, "hidden-row")
    assert "位置" in note(t, "merged-header")


def test_every_sheet_is_read_and_empty_sheets_noted(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    a = wb.active
    a.title = "本庁"
    a.append(["name", "address", "lat", "lon"])
    a.append(["City Hall", "1 Main St", 35.5, 134.2])
    wb.create_sheet("空")
    b = wb.create_sheet("支所")
    b.append(["name", "address", "lat", "lon"])
    b.append(["Branch", "2 Side St", 35.6, 134.3])
    hidden = wb.create_sheet("リスト")
    hidden.append(["区分"])
    hidden.append(["公民館"])
    hidden.sheet_state = "hidden"
    path = tmp_path / "multi.xlsx"
    wb.save(path)
    tables = read_tables(path)
    assert [t.sheet for t in tables] == ["本庁", "支所", "リスト"]
    assert tables[0].header == ["name", "address", "lat", "lon"]
    assert [r.values for r in tables[1].rows] == [["Branch", "2 Side St", 35.6, 134.3]]
    assert "空" in note(tables[0], "empty-sheet")
    assert "hidden-sheet" in codes(tables[2])
    # a recipe's sheet is read as specified; the note names the workbook's other sheets (next month's, say)
    only = read_tables(path, ReadOptions(sheet="本庁"))
    assert [t.sheet for t in only] == ["本庁"]
    chosen = note(only[0], "sheet-chosen")
    assert "「本庁」" in chosen and "他のシート（「空」、「支所」、「リスト」）" in chosen


def test_side_by_side_tables(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [["地区", "人口", None, "地区", "世帯数"], ["東部", 1200, None, "東部", 500],
                ["西部", 800, None, "西部", 300], ["南部", 400, None, None, None]]:
        ws.append(row)
    path = tmp_path / "side.xlsx"
    wb.save(path)
    left, right = read_tables(path)
    assert left.header == ["地区", "人口"] and left.columns == [1, 2]
    assert right.header == ["地区", "世帯数"] and right.columns == [4, 5]
    assert [r.values for r in left.rows][-1] == ["南部", 400]
    assert [r.values for r in right.rows] == [["東部", 500], ["西部", 300]]
    again = read_tables(path, ReadOptions.from_dict(right.layout))
    assert [r.values for r in again[0].rows] == [["東部", 500], ["西部", 300]]


def test_header_line_breaks_and_repeated_page_headers(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["施設\n名称", "利用可能\n曜日", "Opening\nhours"])
    ws.append(["図書館", "月火水", "9:00-17:00"])
    ws.append(["施設\n名称", "利用可能\n曜日", "Opening\nhours"])   # header printed again on page 2
    ws.append(["体育館", "土日", "9:00-21:00"])
    path = tmp_path / "pages.xlsx"
    wb.save(path)
    (t,) = read_tables(path)
    assert t.header == ["施設名称", "利用可能曜日", "Opening hours"]
    assert [r.values[0] for r in t.rows] == ["図書館", "体育館"]
    assert [(s.number, s.reason) for s in t.skipped] == [(3, "header-repeat")]
    assert "header-cleaned" in codes(t)


def test_number_only_sheet_gets_letter_names(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    for i in range(5):
        ws.append([i, i * 2, i * 3])
    path = tmp_path / "numbers.xlsx"
    wb.save(path)
    (t,) = read_tables(path)
    assert t.header == ["A", "B", "C"]
    assert t.header_rows == (0, 0)
    assert next(r.values for r in t.rows) == [0, 0, 0]
    assert "no-header" in codes(t)
    again = read_tables(path, ReadOptions.from_dict(t.layout))[0]
    assert [r.values for r in again.rows] == [r.values for r in t.rows]


def test_image_only_workbook_is_refused(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active["B3"].fill = openpyxl.styles.PatternFill("solid", fgColor="FFFF00")   # formatting, no value
    wb.create_sheet("図")
    path = tmp_path / "noval.xlsx"
    wb.save(path)
    with pytest.raises(ReadError) as e:
        read_tables(path)
    assert e.value.code == "no-values"
    assert "値がありません" in e.value.message_ja


def test_workbook_with_only_a_picture_is_refused(tmp_path: Path) -> None:
    pytest.importorskip("xlsxwriter")
    path = builders.image_only_xlsx(tmp_path / "scan.xlsx")
    with zipfile.ZipFile(path) as z:
        assert any(n.startswith("xl/media/") for n in z.namelist())
    with pytest.raises(ReadError) as e:
        read_tables(path)
    assert e.value.code == "no-values" and "画像" in e.value.message_ja

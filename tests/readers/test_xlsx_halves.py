"""A large .xlsx sheet parsed in two halves (converters/readers/xlsx_halves.py) gives the grid and the merged
ranges of a whole parse, or gives up (``None``) so that the whole parse runs."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from converters.readers import xlsx_halves
from converters.readers.xlsx_halves import read_sheet
from tests.conftest import CORPUS, ROOT

from .builders import print_style_openpyxl


def whole(path: Path, name: str) -> tuple[list[list[object]], object]:
    import python_calamine as pc

    wb = pc.CalamineWorkbook.from_path(str(path))
    try:
        sheet = wb.get_sheet_by_name(name)
        return sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges
    finally:
        wb.close()


def same_as_whole(path: Path, name: str) -> bool:
    """True when the halves were used (and equal the whole parse); False when they gave up."""
    got = read_sheet(path, name)
    if got is None:
        return False
    grid, merged = whole(path, name)
    assert got[0] == grid
    assert got[1] == merged
    return True


@pytest.fixture(autouse=True)
def always(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENDATA_SPLIT", "always")


def openpyxl_book(path: Path, rows: list[list[object]], *, start_row: int = 1, start_col: int = 1,
                  merges: tuple[str, ...] = (), hidden_rows: tuple[int, ...] = (), second_sheet: bool = False) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "一覧"
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            if v is not None:
                ws.cell(start_row + i, start_col + j, v)
    for m in merges:
        ws.merge_cells(m)
    for r in hidden_rows:
        ws.row_dimensions[r].hidden = True
    if second_sheet:
        other = wb.create_sheet("別表")
        for i in range(50):
            other.append([f"別{i}", i])
    wb.save(path)
    return path


def xlsxwriter_book(path: Path, rows: list[list[object]]) -> Path:
    """Inline strings (constant_memory), as the bench file and some systems' exports write them."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("一覧")
    date_fmt = wb.add_format({"num_format": "yyyy/mm/dd"})
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            if isinstance(v, dt.date):
                ws.write_datetime(i, j, dt.datetime.combine(v, dt.time()), date_fmt)
            elif v is not None:
                ws.write(i, j, v)
    wb.close()
    return path


def records(n: int) -> list[list[object]]:
    rows: list[list[object]] = [["番号", "名称", "開設日", "開館時刻", "定員", "有無", "備考"]]
    for i in range(1, n + 1):
        rows.append([i, f"施設{i}", dt.date(2020, 1, 1) + dt.timedelta(days=i), dt.time(9, i % 60), i * 1.5,
                     i % 2 == 0, "" if i % 3 else f"注{i}"])
    return rows


def test_a_print_style_sheet_in_halves(tmp_path: Path) -> None:
    # merged title and header cells, a hidden row, a formula, two tables: all through the halves
    assert same_as_whole(print_style_openpyxl(tmp_path / "p.xlsx"), "施設一覧")


def test_shared_strings_dates_times_bools(tmp_path: Path) -> None:
    p = openpyxl_book(tmp_path / "s.xlsx", [["令和6年度 施設一覧"], [], *records(400)],
                      merges=("A1:G1", "B200:C201"), hidden_rows=(10, 300), second_sheet=True)
    assert same_as_whole(p, "一覧")


def test_inline_strings(tmp_path: Path) -> None:
    assert same_as_whole(xlsxwriter_book(tmp_path / "i.xlsx", records(500)), "一覧")


def test_blank_rows_at_the_cut_and_a_table_not_at_a1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the long text of the last row before 200 blank rows holds the middle of the XML: the second half starts
    # after the blank rows, which the join fills in
    rows: list[list[object]] = [[f"r{i}", i] for i in range(200)]
    rows[-1] = ["長" * 3000, 0]
    rows += [[] for _ in range(200)] + [[f"s{i}", i] for i in range(200)]
    p = openpyxl_book(tmp_path / "b.xlsx", rows, start_row=4, start_col=3)
    seen: list[tuple[int, int, int]] = []
    join = xlsx_halves._join

    def spy(grid: list[list[object]], rest: list[list[object]], row0: int, col0: int) -> list[list[object]]:
        seen.append((len(grid), row0, col0))
        return join(grid, rest, row0, col0)

    monkeypatch.setattr(xlsx_halves, "_join", spy)
    assert same_as_whole(p, "一覧")
    assert seen == [(3 + 200, 3 + 400, 2)]    # 0-based: the first half ends at row 203, the second starts at 403


def test_the_second_half_wider_than_the_first(tmp_path: Path) -> None:
    rows: list[list[object]] = [["名称", "値"]] + [[f"n{i}", i] for i in range(300)]
    rows += [[f"m{i}", i, None, None, "右端"] for i in range(300)]
    p = openpyxl_book(tmp_path / "w.xlsx", rows)
    grid, _ = whole(p, "一覧")
    assert len(grid[0]) == 5
    assert same_as_whole(p, "一覧")


def test_the_second_half_starts_right_of_column_a(tmp_path: Path) -> None:
    # rows of the second half only fill columns C..E: calamine's range for that half starts at column C
    rows: list[list[object]] = [["名称", "a", "b", "c", "d"]] + [[f"n{i}", 1, 2, 3, 4] for i in range(300)]
    rows += [[None, None, f"x{i}", i, "z"] for i in range(400)]
    assert same_as_whole(openpyxl_book(tmp_path / "c.xlsx", rows), "一覧")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.just([]), st.lists(st.one_of(
    st.none(), st.integers(-10**9, 10**9), st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(alphabet="あいう名称ABC 0123-", max_size=8), st.booleans(),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 1, 1))), max_size=6)),
    min_size=1, max_size=60))
def test_random_sheets_equal_the_whole_parse(tmp_path: Path, rows: list[list[object]]) -> None:
    p = openpyxl_book(tmp_path / "h.xlsx", rows)
    same_as_whole(p, "一覧")        # any sheet: equal when the halves are used, else a quiet give-up


def _rewrite_sheet(src: Path, dst: Path, fix: object) -> Path:
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            data = z.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = fix(data)      # type: ignore[operator]
            out.writestr(info.filename, data)
    return dst


def test_rows_without_numbers_give_up(tmp_path: Path) -> None:
    src = openpyxl_book(tmp_path / "a.xlsx", records(200))
    p = _rewrite_sheet(src, tmp_path / "n.xlsx", lambda x: re.sub(rb'(<row[^>]*?) r="\d+"', rb"\1", x))
    assert read_sheet(p, "一覧") is None
    grid, _ = whole(p, "一覧")
    assert len(grid) == 201          # calamine numbers them itself; the whole parse still reads them all


def test_a_tail_longer_than_the_rows_gives_up(tmp_path: Path) -> None:
    # the middle of the XML falls after </sheetData> (a long list of merged ranges): no row to cut at
    src = openpyxl_book(tmp_path / "a.xlsx", records(20))
    merges = b"".join(b'<mergeCell ref="J%d:K%d"/>' % (i, i) for i in range(1000, 9000))
    p = _rewrite_sheet(src, tmp_path / "t.xlsx", lambda x: re.sub(
        rb"</sheetData>", b"</sheetData><mergeCells>" + merges + b"</mergeCells>", x)
        if b"<mergeCells" not in x else x)
    assert read_sheet(p, "一覧") is None


def test_a_prefixed_namespace(tmp_path: Path) -> None:
    src = openpyxl_book(tmp_path / "a.xlsx", records(300))

    def prefix(x: bytes) -> bytes:
        x = x.replace(b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                      b'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
        return re.sub(rb"<(/?)(?!\?)([a-zA-Z]+)([ >/])", rb"<\1x:\2\3", x)

    p = _rewrite_sheet(src, tmp_path / "x.xlsx", prefix)
    assert b"<x:row " in zipfile.ZipFile(p).read("xl/worksheets/sheet1.xml")
    assert same_as_whole(p, "一覧")


def test_rows_out_of_order_give_up(tmp_path: Path) -> None:
    # a row numbered before the first half's rows, written after them: the halves cannot be appended in order
    src = openpyxl_book(tmp_path / "a.xlsx", records(100))

    def move(x: bytes) -> bytes:
        return x.replace(b"</sheetData>", b'<row r="3"><c r="J3"><v>7</v></c></row></sheetData>')

    p = _rewrite_sheet(src, tmp_path / "o.xlsx", move)
    assert read_sheet(p, "一覧") is None


def test_off_small_broken_and_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = openpyxl_book(tmp_path / "a.xlsx", records(300))
    assert read_sheet(p, "一覧") is not None
    assert read_sheet(p, "ない") is None
    monkeypatch.setenv("OPENDATA_SPLIT", "off")
    assert read_sheet(p, "一覧") is None
    monkeypatch.setenv("OPENDATA_SPLIT", "auto")
    assert read_sheet(p, "一覧") is None                 # far below the size from which it pays
    monkeypatch.setenv("OPENDATA_SPLIT", "always")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(p.read_bytes()[: p.stat().st_size // 2])
    assert read_sheet(broken, "一覧") is None
    not_zip = tmp_path / "plain.xlsx"
    not_zip.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 600)
    assert read_sheet(not_zip, "一覧") is None


def test_auto_takes_halves_from_the_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import converters.cpus as cpus

    p = openpyxl_book(tmp_path / "a.xlsx", records(300))
    monkeypatch.setenv("OPENDATA_SPLIT", "auto")
    monkeypatch.setattr(xlsx_halves, "MIN_XML_BYTES", 1000)
    monkeypatch.setattr(cpus, "usable_cpus", lambda: 2)
    assert same_as_whole(p, "一覧")
    monkeypatch.setattr(cpus, "usable_cpus", lambda: 1)
    assert read_sheet(p, "一覧") is None


def test_no_temporary_files_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    p = openpyxl_book(tmp_path / "a.xlsx", records(300))
    assert read_sheet(p, "一覧") is not None
    assert read_sheet(_rewrite_sheet(p, tmp_path / "n.xlsx", lambda x: re.sub(rb'(<row[^>]*?) r="\d+"', rb"\1", x)),
                      "一覧") is None
    assert list((tmp_path / "tmp").iterdir()) == []


def real_workbooks() -> list[Path]:
    found = sorted((ROOT / "tests" / "fixtures").rglob("*.xlsx"))
    if CORPUS.is_dir():
        found += sorted(CORPUS.rglob("*.xlsx"))
    return found


@pytest.mark.parametrize("path", real_workbooks(), ids=lambda p: p.name)
def test_real_workbooks(path: Path) -> None:
    import python_calamine as pc

    wb = pc.CalamineWorkbook.from_path(str(path))
    names = [m.name for m in wb.sheets_metadata if str(m.typ).endswith("WorkSheet")]
    wb.close()
    used = [name for name in names if same_as_whole(path, name)]
    with_rows = [name for name in names if len(whole(path, name)[0]) >= 3]
    assert set(with_rows) <= set(used)        # every sheet of a few rows or more is read in halves


@pytest.mark.parametrize("chunk", [1, 5, 64, 700, 1 << 20])
def test_tags_cut_by_the_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    # the XML is streamed in chunks: a <sheetData>, <row …> or </sheetData> tag split between two chunks is found
    monkeypatch.setattr(xlsx_halves, "CHUNK", chunk)
    rows = records(120)
    rows[60] = ["長" * 900, *rows[60][1:]]       # a row longer than the bytes held back between chunks
    p = openpyxl_book(tmp_path / "k.xlsx", rows, merges=("A1:B1",))
    assert same_as_whole(p, "一覧")


def test_read_tables_alike_with_and_without_halves(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # through the reader (prefetched or not): the same tables, notes and skipped rows either way
    from converters.readers import excel as xl
    from converters.readers import read_tables
    from tests.convert.workbooks import aed_rows, write_print_style

    book = write_print_style(tmp_path / "aed.xlsx", aed_rows(300), second_table=True, hidden_row=True)

    def tables() -> list[tuple[object, ...]]:
        return [(t.sheet, t.header, t.header_rows, [r.values for r in t.rows], [n.to_dict() for n in t.notes],
                 [s.__dict__ for s in t.skipped]) for t in read_tables(book)]

    calls: list[object] = []
    real = xlsx_halves._join
    monkeypatch.setattr(xlsx_halves, "_join", lambda *a: calls.append(1) or real(*a))
    scans: list[list[str]] = []
    scan = xl.scan_workbook
    monkeypatch.setattr(xl, "scan_workbook", lambda p, names: scans.append(list(names)) or scan(p, names))
    xl._PREFETCH.clear()
    halves = tables()
    assert scans == []                           # scanned while the halves were written, not again
    xl.prefetch(book)
    assert [st for _, st in xl._PREFETCH.values()] != [None]
    prefetched = tables()
    assert not xl._PREFETCH
    assert scans == []
    assert len(calls) == 2
    monkeypatch.setenv("OPENDATA_SPLIT", "off")
    assert halves == prefetched == tables()
    assert len(calls) == 2
    assert scans == [[halves[0][0]]]             # the whole parse: the scan of its own


@pytest.mark.parametrize("chunk", [3, 100, 1 << 20])
@pytest.mark.parametrize("build", ["print_style", "formulas", "zero_pad"])
def test_the_structure_scanned_while_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int,
                                             build: str) -> None:
    # hidden rows and columns, formulas, 和暦 and zero-padding formats: the scan fed by the halves' writing is the
    # scan of the part read on its own
    from converters.readers.xlsx_scan import scan_workbook

    from .builders import formulas_xlsxwriter

    monkeypatch.setattr(xlsx_halves, "CHUNK", chunk)
    if build == "print_style":
        p, name = print_style_openpyxl(tmp_path / "p.xlsx"), "施設一覧"
    elif build == "formulas":
        p = formulas_xlsxwriter(tmp_path / "f.xlsx")
        name = whole_names(p)[0]
    else:
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = "一覧"
        for i, row in enumerate(records(120), start=1):
            ws.append(row)
            ws.cell(i, 8, i).number_format = "000000"
        wb.save(tmp_path / "z.xlsx")
        p, name = tmp_path / "z.xlsx", "一覧"
    started = xlsx_halves.start(p, name)
    assert started is not None
    fut, structure = started
    assert fut.result() is not None
    expected = scan_workbook(p, [name])[name]
    assert structure == expected
    assert structure.hidden_rows or structure.formulas or structure.zero_pad or structure.wareki


def whole_names(p: Path) -> list[str]:
    import python_calamine as pc

    wb = pc.CalamineWorkbook.from_path(str(p))
    try:
        return list(wb.sheet_names)
    finally:
        wb.close()


def test_copies_left_by_a_killed_process_are_swept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import time

    root = tmp_path / "shm"
    root.mkdir()
    monkeypatch.setattr(xlsx_halves, "_SHM", str(root))
    old, fresh, other = root / "opendata-xlsx-old", root / "opendata-xlsx-fresh", root / "someone-else"
    for d in (old, fresh, other):
        d.mkdir()
        (d / "first.xlsx").write_bytes(b"x" * 10)
    day_ago = time.time() - 24 * 3600
    for d in (old, other):
        os.utime(d, (day_ago, day_ago))
    p = openpyxl_book(tmp_path / "a.xlsx", records(300))
    assert same_as_whole(p, "一覧")
    assert sorted(x.name for x in root.iterdir()) == ["opendata-xlsx-fresh", "someone-else"]


def test_read_tables_when_the_halves_give_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # rows without numbers: the halves give up while writing; the reader parses the whole sheet and scans it
    # itself, so the hidden row and the formula are still noted
    from converters.readers import read_tables

    src = print_style_openpyxl(tmp_path / "p.xlsx")
    p = _rewrite_sheet(src, tmp_path / "n.xlsx", lambda x: re.sub(rb'(<row[^>]*?) r="\d+"', rb"\1", x))

    def tables() -> list[tuple[object, ...]]:
        return [(t.header, [r.values for r in t.rows], sorted(n.code for n in t.notes)) for t in read_tables(p)]

    assert xlsx_halves.wanted(p, ["施設一覧"]) == ["施設一覧"] and read_sheet(p, "施設一覧") is None
    given_up = tables()
    assert "formula" in given_up[0][2]           # (the hidden row has no number to note it by)
    monkeypatch.setenv("OPENDATA_SPLIT", "off")
    assert given_up == tables()

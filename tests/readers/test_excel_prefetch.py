"""converters.readers.excel.prefetch: the sheet parsed early in a thread is the sheet read_workbook reads."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from converters.readers import excel as xl
from converters.readers import read_tables
from converters.readers.base import ReadError
from tests.convert.workbooks import aed_rows, write_print_style


def _tables(path: Path) -> list[tuple]:
    return [(t.sheet, t.header, t.header_rows, [r.values for r in t.rows], [n.to_dict() for n in t.notes],
             [s.__dict__ for s in t.skipped]) for t in read_tables(path)]


def test_prefetched_sheet_is_used_and_read_alike(tmp_path):
    book = write_print_style(tmp_path / "aed.xlsx", aed_rows(60), second_table=True, hidden_row=True)
    plain = _tables(book)
    xl.prefetch(book)
    assert len(xl._PREFETCH) == 1
    assert _tables(book) == plain
    assert not xl._PREFETCH          # taken


def test_a_changed_file_is_read_again(tmp_path):
    book = write_print_style(tmp_path / "aed.xlsx", aed_rows(10))
    xl.prefetch(book)
    write_print_style(book, aed_rows(12))
    st = book.stat()
    os.utime(book, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    rows = [r.values for r in read_tables(book)[0].rows]
    assert len(rows) == 12
    xl._PREFETCH.clear()


@pytest.mark.parametrize("content", [b"PK\x03\x04 not really a zip", b"\xd0\xcf\x11\xe0 broken"])
def test_broken_file_reported_by_the_reader(tmp_path, content):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(content)
    xl.prefetch(bad)                 # nothing raised here
    with pytest.raises(ReadError):
        read_tables(bad)
    xl._PREFETCH.clear()


def test_started_once_by_the_cli_before_its_imports(tmp_path, monkeypatch):
    from opendata.cli import _early_prefetch

    book = write_print_style(tmp_path / "aed.xlsx", aed_rows(40))
    plain = _tables(book)
    monkeypatch.chdir(tmp_path)
    _early_prefetch(["opendata", "convert", "--code", "312011", "-d", "aed", "aed.xlsx", "--out", "o"])
    assert len(xl._PREFETCH) == 1
    xl.prefetch(book)                # cli_convert asks again: the parse already started is kept
    assert len(xl._PREFETCH) == 1
    assert _tables(book) == plain
    assert not xl._PREFETCH
    for argv in (["opendata", "convert", "aed.xlsx", "--recipe", "r.yaml"],   # the recipe may name another sheet
                 ["opendata", "convert", "--recipe=r.yaml", "aed.xlsx"],
                 ["opendata", "convert", "--out", "aed.xlsx"],                # an option's value, not the input
                 ["opendata", "validate", "aed.xlsx"],
                 ["opendata", "convert", "missing.xlsx"]):
        _early_prefetch(argv)
        assert not xl._PREFETCH, argv


def test_first_worksheet_is_the_one_read_first(tmp_path):
    # the prefetch names the sheet from workbook.xml (no calamine open): the same sheet read_workbook reads first,
    # past a chart sheet placed before it
    import python_calamine as pc
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    from converters.readers.xlsx_scan import first_worksheet

    wb = Workbook()
    ws = wb.active
    ws.title = "データ"
    for i in range(5):
        ws.append([f"n{i}", i])
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=5))
    cs = wb.create_chartsheet("グラフ", 0)
    cs.add_chart(chart)
    wb.save(tmp_path / "c.xlsx")
    book = pc.CalamineWorkbook.from_path(str(tmp_path / "c.xlsx"))
    expected = xl._choose_sheets(list(book.sheets_metadata), None)[0][1]
    book.close()
    assert expected == "データ"
    assert first_worksheet(tmp_path / "c.xlsx") == expected
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    assert first_worksheet(bad) is None


def test_early_prefetch_knows_every_option_of_convert_that_takes_a_value():
    # an option's value must not be taken for the input file: the list in opendata.cli is the command's own
    import typer

    from opendata import cli

    convert = typer.main.get_command(cli.app).commands["convert"]      # type: ignore[attr-defined]
    options = [p for p in convert.params if p.param_type_name == "option"]
    assert {"--dataset", "--bom", "--recipe"} <= {o for p in options for o in p.opts}
    wanted = {opt for p in options if not p.is_flag for opt in (*p.opts, *p.secondary_opts) if opt != "--recipe"}
    assert wanted == set(cli._CONVERT_VALUE_OPTIONS)

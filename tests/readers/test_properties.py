"""Property tests: any bytes, and any small table written as CSV, give tables or a ReadError, never a
crash; and no value of a written table is lost (it is in the header, a row or a skipped row)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from converters.readers import ReadError, SourceTable, read_tables
from converters.readers.cells import text_of


def _read_all(path: Path) -> list[SourceTable] | ReadError:
    try:
        tables = read_tables(path)
        for t in tables:
            for r in t.rows:
                assert len(r.values) == len(t.header)
        return tables
    except ReadError as e:
        assert e.code and e.message_ja and e.message_en
        return e


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=600), ext=st.sampled_from([".csv", ".tsv", ".txt", ".xlsx", ".xls", ".ods", ".bin"]))
def test_random_bytes_never_crash(data: bytes, ext: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"f{ext}"
        p.write_bytes(data)
        _read_all(p)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from([b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"%PDF", b"\xef\xbb\xbf", b"#property,"]),
       data=st.binary(max_size=800))
def test_random_bytes_with_magic_never_crash(prefix: bytes, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "f.xlsx"
        p.write_bytes(prefix + data)
        _read_all(p)


cell_text = st.lists(
    st.characters(codec="cp932", exclude_categories=("Cs", "Cc"), exclude_characters="¢£¬‖−〜")
    | st.sampled_from([",", '"', "\n", "\r\n", "\t", ";", " ", "\u3000", "①", "№", "合計", "※"]),
    max_size=8).map("".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(cell_text, min_size=1, max_size=6), min_size=1, max_size=12),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp932", "euc_jp", "utf-16"]),
       delimiter=st.sampled_from([",", "\t", ";"]),
       newline=st.sampled_from(["\r\n", "\n"]))
def test_random_tables_as_csv_lose_no_value(rows: list[list[str]], encoding: str, delimiter: str,
                                            newline: str) -> None:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator=newline).writerows(rows)
    try:
        data = buf.getvalue().encode(encoding)
    except UnicodeEncodeError:
        return   # EUC-JP lacks some CP932 characters
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "t.csv"
        p.write_bytes(data)
        result = _read_all(p)
        if isinstance(result, ReadError):
            return
        (t,) = result
        seen: list[str] = list(t.header)
        for r in t.rows:
            seen.extend(text_of(v) for v in r.values)
        seen.extend(s.text for s in t.skipped)
        seen.extend(n.value or "" for n in t.notes)
        blob = "\x00".join(seen)
        written = {c.strip(" \t\r\n\u3000") for row in rows for c in row}
        if t.layout.get("delimiter") != delimiter:
            return   # a one-column table can be read with another delimiter: the values are still there
        same = {"utf-8": {"utf-8"}, "utf-8-sig": {"utf-8-sig"}, "cp932": {"cp932", "utf-8"},
                "euc_jp": {"euc_jp", "utf-8"}, "utf-16": {"utf-16"}}[encoding]
        if t.layout.get("encoding") not in same:
            return   # a few bytes of EUC-JP can also be valid CP932 (encoding.py's known limit)
        for value in written:
            if value:
                assert value.replace("\r\n", "\n") in blob.replace("\r\n", "\n") or value in blob, value


grid_cell = st.one_of(
    st.just(""), st.just(""), st.just(""),
    st.sampled_from(["名称", "住所", "区分", "合計", "小計", "※注記", "出典：市", "令和5年4月1日現在", "（人）", "#property",
                     "A館", "鳥取市", "同上", "0857-22-8111", "1,200"]),
    st.integers(-5, 3000), st.floats(0, 1000, allow_nan=False),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grid=st.lists(st.lists(grid_cell, min_size=1, max_size=6), min_size=1, max_size=14))
def test_table_finding_keeps_every_value(grid: list[list[object]]) -> None:
    """Every non-empty cell of a grid is in a table (header or data) or in a skipped row."""
    from converters.readers.layout import find_tables
    from converters.readers.linkdata import detect, linkdata_table

    ld = detect(grid)  # type: ignore[arg-type]
    tables = [linkdata_table(grid, ld)] if ld else find_tables(grid)  # type: ignore[arg-type]
    covered: set[tuple[int, int]] = set()
    for t in tables:
        for r in t.data:
            covered.update((r, c) for c in range(t.c0, t.c1 + 1))
        if t.header_first >= 0:
            for r in range(t.header_first, t.header_last + 1):
                covered.update((r, c) for c in range(t.c0, t.c1 + 1))
        for r, _ in t.skipped:
            covered.update((r, c) for c in range(len(grid[r])))
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            marker = ld is not None and c == 0 and (r == ld.property_row or text_of(v).isdigit())
            if text_of(v) and not marker:
                assert (r, c) in covered, (r, c, v, [(t.header_first, t.data, t.skipped, t.c0, t.c1) for t in tables])


xl_cell = st.one_of(
    st.just(None), st.just(None),
    st.sampled_from(["名称", "住所", "合計", "※注記", "出典：市", "（人）", "A館", "同上", "0857-22-8111", "001"]),
    st.text(alphabet="あいう鳥取市ABC0123 ", min_size=1, max_size=6).filter(lambda s: s.strip() != ""),
    st.integers(-50, 5000),
    st.floats(-1000, 1000, allow_nan=False, allow_infinity=False).map(lambda f: round(f, 3)),
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2040, 12, 31)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grid=st.lists(st.lists(xl_cell, min_size=1, max_size=5), min_size=1, max_size=10))
def test_random_workbooks_lose_no_value(grid: list[list[object]]) -> None:
    """A grid written with openpyxl reads back with every value in a table or a skipped row."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, row in enumerate(grid, start=1):
        for c, v in enumerate(row, start=1):
            if v is not None:
                ws.cell(r, c, v)
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "g.xlsx"
        wb.save(p)
        result = _read_all(p)
        if isinstance(result, ReadError):
            assert result.code == "no-values"
            assert all(text_of(v) == "" for row in grid for v in row)
            return
        seen: set[str] = set()
        for t in result:
            seen.update(t.header)
            seen.update(text_of(v) for r in t.rows for v in r.values)
            seen.update(part for s in t.skipped for part in s.text.split(" | "))
        for row in grid:
            for v in row:
                if text_of(v):
                    assert text_of(v) in seen or any(text_of(v) in s for s in seen), v

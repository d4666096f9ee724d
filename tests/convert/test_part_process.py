"""A large table's second part converted in a forked process (converters/part_process.py): the same bytes,
logs and counts as one process, and the parent converts the part again whenever the child's result could
differ (a 同上 on its first row, a blank record at the end of the first part, a child that fails).

``OPENDATA_SPLIT=always`` splits tables of any size, so these files are small."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import converters.part_process as pp
from converters.pipeline import ConvertOptions, convert
from tests.conftest import write_csv

from .test_columnar_equivalence import AED_2021, DEFECTS, _aed_row, _run, short_rows_file
from .workbooks import aed_rows, write_print_style


@pytest.fixture()
def split(monkeypatch):
    monkeypatch.setenv(pp.ENV, "always")


def both(src: Path, **kw: Any) -> str | None:
    """Convert with the row path and with the columnar engine split in two; everything must be equal.
    Returns what became of the second process's part."""
    a, _ = _run(src, "rows", **kw)
    b, rb = _run(src, "columnar", **kw)
    assert rb is not None and rb.engine == "columnar", rb and rb.engine_note
    for k in a:
        assert a[k] == b[k], f"{src.name}: {k} differs (split: {rb.split})"
    return rb.split


def _cut(path: Path, header_bytes: int) -> tuple[int, int]:
    size = path.stat().st_size
    found = pp.csv_split_point(path, header_bytes, size, ",")
    assert found is not None
    return found


# --- where to cut -----------------------------------------------------------------------------------
CELLS = ["a", "b,c", 'x"y', "line\nbreak", "", '""', "日本語", " ", "\r\n", '"quoted"']


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(CELLS), min_size=1, max_size=4), min_size=2, max_size=40),
       st.sampled_from(["\r\n", "\n"]), st.sampled_from([1, 2, 3, 7, 64, 1 << 20]),
       st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
def test_cut_lies_between_records(rows, eol, chunk, quoting):
    """On what csv.writer writes, the cut is exactly the first record end past the middle (none: the last
    record is the only one past it), and the records before it are counted."""
    ends, data = [], b""
    for r in rows:
        buf = io.StringIO()
        csv.writer(buf, lineterminator=eol, quoting=quoting).writerow(r)
        data += buf.getvalue().encode("utf-8")
        ends.append(len(data))
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "t.csv"
        p.write_bytes(data)
        old = pp.CHUNK
        pp.CHUNK = chunk
        try:
            found = pp.csv_split_point(p, 0, len(data), ",")
        finally:
            pp.CHUNK = old
    mid = int(len(data) * pp.FRACTION)
    expected = next(((e, k + 1) for k, e in enumerate(ends) if e - 1 >= mid and e < len(data)), None)
    assert found == expected
    if found is not None:
        cut, records = found
        head = list(csv.reader(io.StringIO(data[:cut].decode("utf-8"), newline="")))
        tail = list(csv.reader(io.StringIO(data[cut:].decode("utf-8"), newline="")))
        assert head + tail == rows
        assert len(head) == records


def test_plain_file_is_cut_near_the_middle(tmp_path):
    p = tmp_path / "t.csv"
    p.write_bytes(b"".join(b"%d,abc\r\n" % i for i in range(1000)))
    cut, records = pp.csv_split_point(p, 0, p.stat().st_size, ",")
    assert abs(cut - p.stat().st_size / 2) < 20
    assert p.read_bytes()[:cut].count(b"\n") == records


@pytest.mark.parametrize("body", [
    b'1,12" monitor\r\n2,x\r\n' * 50,            # a stray quote inside an unquoted field: parity says nothing
    b"1,a\r2,b\r" * 50,                            # bare CR line ends
    b'1,"open\r\n' + b"2,b\r\n" * 50,              # an unterminated quoted field
])
def test_no_cut_when_the_quotes_cannot_be_trusted(tmp_path, body):
    p = tmp_path / "t.csv"
    p.write_bytes(body)
    assert pp.csv_split_point(p, 0, len(body), ",") is None


def test_no_cut_with_a_delimiter_that_is_also_a_trail_byte(tmp_path):
    """'|' is 0x7C, the second byte of ポ in CP932 (83 7C): a quote after it would look like a field's start."""
    body = '1|ポ"x|y\r\n2|b|c\r\n'.encode("cp932") * 50
    p = tmp_path / "t.csv"
    p.write_bytes(body)
    assert pp.csv_split_point(p, 0, len(body), "|") is None
    tabbed = '1\tポ"x"\ty\r\n'.encode("cp932") * 50        # ... a tab (09) never is
    p.write_bytes(tabbed)
    assert pp.csv_split_point(p, 0, len(tabbed), "\t") is None    # the quote inside the field: no cut either
    tabbed = '1\t"ポ"\ty\r\n'.encode("cp932") * 50
    p.write_bytes(tabbed)
    assert pp.csv_split_point(p, 0, len(tabbed), "\t") is not None


# --- the conversion in two processes ------------------------------------------------------------------
def _planted(n: int = 160) -> list[list[str]]:
    rows = [_aed_row(i) for i in range(1, n)]
    for k, d in enumerate(DEFECTS):
        rows[(k * 2) % len(rows)] = _aed_row(k * 2 + 1, **d)
    return rows


def test_planted_defects_merged(tmp_path, split):
    src = write_csv(tmp_path / "aed.csv", [AED_2021, *_planted()], encoding="cp932")
    for extra in (False, True):
        assert both(src, dataset="2021/aed", publisher_code="312011", extra_to_remarks=extra) == "merged"
    assert both(src, dataset="2026/aed", publisher_code="312011") == "merged"


def _with_row_at_cut(tmp_path: Path, **over: str) -> Path:
    """A file whose second part starts with a row changed by ``over`` (values of the same byte length)."""
    rows = [_aed_row(i) for i in range(1, 120)]
    src = write_csv(tmp_path / "aed.csv", [AED_2021, *rows])
    header_len = len(src.read_bytes().split(b"\r\n", 1)[0]) + 2
    _, records = _cut(src, header_len)
    rows[records] = _aed_row(records + 1, **over)
    src = write_csv(tmp_path / "aed.csv", [AED_2021, *rows])
    assert _cut(src, header_len)[1] == records
    return src


@pytest.mark.parametrize("over", [{"設置位置": "同上"}, {"住所": "同上"}, {"名称": "〃"}])
def test_ditto_on_the_second_parts_first_row_is_converted_again(tmp_path, split, over):
    """同上 on the child's first row needs the parent's last row: the parent converts the part itself."""
    src = _with_row_at_cut(tmp_path, **over)
    assert both(src, dataset="2021/aed", publisher_code="312011") == "its first row needs the row above"


def test_ditto_after_the_second_parts_first_row_is_merged(tmp_path, split):
    rows = [_aed_row(i) for i in range(1, 120)]
    for i in range(40, 119):
        rows[i] = _aed_row(i + 1, 設置位置="同上" if i % 2 else "２階")
    src = write_csv(tmp_path / "aed.csv", [AED_2021, *rows])
    header_len = len(src.read_bytes().split(b"\r\n", 1)[0]) + 2
    _, records = _cut(src, header_len)
    rows[records] = _aed_row(records + 1, 設置位置="２階")          # the same byte length as 同上
    src = write_csv(tmp_path / "aed.csv", [AED_2021, *rows])
    assert _cut(src, header_len)[1] == records
    assert rows[records + 1][AED_2021.index("設置位置")] == "同上"
    assert both(src, dataset="2021/aed", publisher_code="312011") == "merged"


def test_blank_record_at_the_end_of_the_first_part(tmp_path, split):
    """A blank record and lines that may be a footer at the first part's end: the footer rule's state crosses
    the cut, so the parent goes on alone."""
    base = [_aed_row(i) for i in range(1, 120)]
    tail = [[""] * len(AED_2021), *[[f"鳥取市危機管理課　AED設置場所一覧　令和4年4月1日現在　その{j}", f"Ver20220{j}"]
                                    for j in range(4)]]
    for k in range(40, 80):
        rows = [*base[:k], *tail, *base[k:]]
        src = write_csv(tmp_path / "aed.csv", [AED_2021, *rows])
        header_len = len(src.read_bytes().split(b"\r\n", 1)[0]) + 2
        if k + 1 <= _cut(src, header_len)[1] <= k + len(tail):
            break
    else:
        pytest.fail("no place puts the blank record last in the first part")
    assert both(src, dataset="2021/aed", publisher_code="312011") == "the first part ends after a blank record"


def test_short_records_and_notes_in_both_parts(tmp_path, split):
    src = short_rows_file(tmp_path / "t.csv")
    assert both(src, dataset="2021/public_toilet", publisher_code="312011") in (
        "merged", "its first row needs the row above")


def test_footer_in_the_second_part(tmp_path, split):
    rows = [_aed_row(i) for i in range(1, 100)]
    src = write_csv(tmp_path / "aed.csv", [AED_2021, *rows, [], ["AED設置場所一覧", "Ver202204"]])
    assert both(src, dataset="2021/aed", publisher_code="312011") == "merged"
    r = convert(src, tmp_path / "o", ConvertOptions(dataset="2021/aed", publisher_code="312011"))
    assert [s["number"] for s in r.table["skipped"]][-1:] == [102]       # the line under the blank one
    r.cleanup()


def test_workbook_merged(tmp_path, split):
    book = write_print_style(tmp_path / "aed.xlsx", aed_rows(120), second_table=False)
    assert both(book, publisher_code="312011") == "merged"
    assert both(book, dataset="2026/aed", publisher_code="312011", extra_to_remarks=True) == "merged"


def test_a_failing_child_leaves_the_part_to_the_parent(tmp_path, split, monkeypatch):
    import converters.pipeline_columnar as pc_mod

    def broken(self, folder, work, csv_tail=False):
        raise RuntimeError("the child fails")

    monkeypatch.setattr(pc_mod._Converter, "_child", broken)
    src = write_csv(tmp_path / "aed.csv", [AED_2021, *_planted()])
    assert both(src, dataset="2021/aed", publisher_code="312011") == "no answer from the second process"


def test_progress_counts_the_childs_rows(tmp_path, split):
    rows = [_aed_row(i) for i in range(1, 2600)]
    src = write_csv(tmp_path / "aed.csv", [AED_2021, *rows])
    calls: list[int] = []
    r = convert(src, tmp_path / "o", ConvertOptions(dataset="2021/aed", publisher_code="312011", progress=calls.append))
    assert r.split == "merged"
    assert calls == [1000, 2000]
    r.cleanup()


def test_not_split_below_the_threshold(tmp_path, monkeypatch):
    monkeypatch.setenv(pp.ENV, "auto")
    src = write_csv(tmp_path / "aed.csv", [AED_2021, *_planted()])
    r = convert(src, tmp_path / "o", ConvertOptions(dataset="2021/aed", publisher_code="312011"))
    assert r.engine == "columnar" and r.split is None
    r.cleanup()
    monkeypatch.setenv(pp.ENV, "off")
    assert not pp.wanted(10**9, 1)


def test_split_from_worker_threads(tmp_path, split):
    """The API converts uploads in worker threads: forks from several threads at once give one process's bytes."""
    from concurrent.futures import ThreadPoolExecutor

    src = write_csv(tmp_path / "aed.csv", [AED_2021, *_planted()], encoding="cp932")
    with ThreadPoolExecutor(3) as ex:
        results = list(ex.map(lambda i: convert(src, tmp_path / f"o{i}", ConvertOptions(
            dataset="2021/aed", publisher_code="312011")), range(3)))
    reference, _ = _run(src, "rows", dataset="2021/aed", publisher_code="312011")
    for r in results:
        assert r.split == "merged"
        assert r.output.read_bytes() == reference["csv"]
        assert r.changes_path.read_text(encoding="utf-8") == reference["changes"]
        r.cleanup()

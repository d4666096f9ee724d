"""Random tables never crash the conversion: they give an output or a clear error (hypothesis)."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import schemas
from opendata.convert import convert_file

NAMES = sorted({f["name"] for sid in schemas.available_ids() for f in schemas.load(sid)["fields"]})
CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "○", "同上", "R6.4.1", "9:00～17:00", "０８５７－２２－８１１１", "35.5,134.2", "３１２０１",
                     "鳥取市尚徳町116", "ｺﾏｴ", "①㈱", "-", "約50人", "平成31年5月1日", "\n", "\"", ","]),
)


@st.composite
def tables(draw):
    ncol = draw(st.integers(1, 8))
    header = draw(st.lists(st.one_of(st.sampled_from(NAMES), st.text(max_size=6)), min_size=ncol, max_size=ncol))
    rows = draw(st.lists(st.lists(CELL, min_size=0, max_size=ncol + 1), max_size=6))
    return header, rows


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.sampled_from(["utf-8", "cp932", "utf-8-sig"]), st.sampled_from([None, "aed", "2026/public_toilet"]))
def test_random_csv_tables_never_crash(table, encoding, dataset):
    header, rows = table
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([header, *rows])
    try:
        data = buf.getvalue().encode(encoding)
    except UnicodeEncodeError:
        data = buf.getvalue().encode("utf-8")
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "input.csv"
        src.write_bytes(data)
        o = convert_file(src, Path(d) / "out", dataset=dataset, code="312011")
        if o.ok:
            assert o.result is not None and o.result.output.is_file()
            assert o.result.accounting["balanced"] == 1
        else:
            assert o.error and o.error["message_ja"] and o.error["code"]
            assert not (Path(d) / "out").exists() or not [p for p in (Path(d) / "out").iterdir()
                                                          if p.suffix == ".csv"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_never_crash(data):
    with tempfile.TemporaryDirectory() as d:
        for name in ("x.csv", "x.xlsx", "x.xls"):
            src = Path(d) / name
            src.write_bytes(data)
            o = convert_file(src, Path(d) / "out", code="312011")
            assert o.ok or (o.error and o.error["message_ja"])

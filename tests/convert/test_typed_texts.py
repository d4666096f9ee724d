"""Workbook numbers written as text by Arrow (pipeline_columnar._texts) give exactly what the row engine's
``_s`` gives, for any float, int, date, boolean or text."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from converters.pipeline import _s
from converters.pipeline_columnar import _texts

CELL = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-1e17, max_value=1e17),
    st.floats(min_value=-1e-3, max_value=1e-3),
    st.integers(min_value=-10 ** 18, max_value=10 ** 18),
    st.integers(min_value=-1000, max_value=1000).map(float),
    st.sampled_from([0.0, -0.0, 1e-4, 9.999999999999999e-05, 1e15, 1e16, 9999999999999998.0, 123456789012345.6,
                     35.460877, 134.35474, 0.1 + 0.2, 5e-324, True, False, None, "", "12.0"]),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.text(max_size=5),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(CELL, min_size=64, max_size=300))
def test_texts_equal_python(col):
    odd = {i: v for i, v in enumerate(col) if type(v) is not str}
    assert _texts(col, odd).to_pylist() == [v if type(v) is str else _s(v) for v in col]


def test_texts_of_a_float_column():
    col = [35.0 + i / 1e6 for i in range(1000)] + [12.0, -0.0, 1e-05, 1e15, float("nan")]
    odd = dict(enumerate(col))
    out = _texts(col, odd).to_pylist()
    assert out[:2] == ["35", "35.000001"] and out[-5:] == ["12", "0", "1e-05", "1000000000000000", "nan"]

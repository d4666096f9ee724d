"""The fast engine's own machinery: its arrow/numpy helpers, that it never imports pandas, and that it
agrees with the frictionless reference engine on random values in typed and constrained columns."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opendata.validation import engine_fast as ef
from opendata.validation import validate_file

from .helpers import preschool_file, preschool_row


def keyed(report):  # type: ignore[no-untyped-def]
    return [(p.row, p.column, p.code, p.value, p.suggestion, p.message_en, p.params) for p in report.problems]


@pytest.mark.parametrize("offset,length", [(0, 0), (0, 13), (3, 9), (8, 5), (5, 0)])
def test_bools_reads_bits_with_offsets_and_nulls(offset: int, length: int) -> None:
    values = [True, None, False, True, True, False, None, True, False, False, True, None, True]
    arr = pa.array(values, type=pa.bool_()).slice(offset, length)
    expected = np.array([bool(v) for v in values[offset:offset + length]], dtype=bool)
    assert ef._bools(arr).tolist() == expected.tolist()


def test_take_and_strings_match_pyarrow() -> None:
    arr = pa.array(["a", "", "鳥取", "x", "①"]).slice(1)
    idx = np.array([3, 0, 1], dtype=np.int64)
    assert ef._take(arr, idx).to_pylist() == arr.take(pa.array(idx)).to_pylist()
    assert ef._strings(["", "鳥取市", "a"]).to_pylist() == ["", "鳥取市", "a"]
    assert ef._strings([]).to_pylist() == []
    assert ef._empty(arr).tolist() == [True, False, False, False]
    assert ef._empty(pa.array(["", "a"], type=pa.large_string())).tolist() == [True, False]


def test_fast_engine_imports_neither_pandas_nor_frictionless(tmp_path: Path) -> None:
    """pyarrow imports pandas (0.5-1 s) on pa.array / pa.scalar / to_numpy, and frictionless takes 0.5-0.7 s
    to import; the fast engine avoids both (cell_reader.native_cell_readers reads its leftover values)."""
    rows = [preschool_row(NO=str(i), 種別="保育園" if i % 3 else "認可公立保育所", 収容定員=str(i - 5),
                          緯度="x" if i == 4 else "35.5") for i in range(1, 120)]
    f = preschool_file(tmp_path / "312011_preschool.csv", rows)
    code = ("import sys\nfrom opendata.validation import validate_file\n"
            f"r = validate_file({str(f)!r}, engine='fast')\n"
            "assert r.error_count > 0, r.counts\nprint('pandas' in sys.modules, 'frictionless' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


_VALUES = {
    "収容定員": st.sampled_from(["0", "90", "-1", "1.5", " 7", "１２", "+3", "1_000", "abc", "007", "9" * 19, "-0"]),
    "緯度": st.sampled_from(["35.5", "-1", "1e3", "NaN", " 35.5 ", "３５", "35.", ".5", "x", "35.1234567890123456"]),
    "種別": st.sampled_from(["認可公立保育所", "保育園", " 認可公立保育所", "公立幼稚園", "認可私立保育所"]),
    "認可等年月日": st.sampled_from(["2019-04-01", "2019-4-1", "2019-02-29", "2020-02-29", "20190401", "R1.5.1"]),
    "開始時間": st.sampled_from(["07:30", "7:30", "24:00", "07:30:00", "0730", "23:59"]),
    "一時預かりの有無": st.sampled_from(["有", "無", "あり", "有 "]),
    "法人番号": st.sampled_from(["9000020312011", "900002031201", "9000020312011 ", "a"]),
}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.fixed_dictionaries({k: v for k, v in _VALUES.items()}), min_size=1, max_size=80))
def test_engines_agree_on_random_typed_values(rows: list[dict[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as d:
        f = preschool_file(Path(d) / "312011_preschool.csv",
                           [preschool_row(NO=str(i + 1), **r) for i, r in enumerate(rows)])
        fast = validate_file(f, engine="fast")
        assert fast.engine == "fast"
        assert keyed(fast) == keyed(validate_file(f, engine="frictionless"))


def _universal_reference(values: list[str]) -> list[bool]:
    from converters.jp.chars import MACHINE_DEPENDENT_RE

    edge = (" ", "\t", "\u3000")
    return [not ("\n" in v or "\r" in v or MACHINE_DEPENDENT_RE.search(v) or v.startswith(edge) or v.endswith(edge))
            for v in values]


_PIECES = ["", "a", " ", "\t", "\u3000", "\n", "\r", "鳥取", "①", "㈱", "ｱ", "あ", "、", "\u3001", "x y", "〜", "‐"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=4).map("".join), max_size=30), st.integers(0, 3),
       st.booleans())
def test_universal_prefilter_matches_a_per_value_reference(values: list[str], cut: int, large: bool) -> None:
    """The byte-level pre-filter flags every cell the exact checks could report (it may flag more)."""
    arr = pa.array(["x"] * cut + values, type=pa.large_string() if large else pa.string()).slice(cut)
    ok = ef._universal_ok(arr)
    assert ok is not None
    assert ok.tolist() == _universal_reference(values)


_CLASS_PATTERNS = ["^(?:[0-9]{6})$", "^(?:[0-9]{7})$", "^(?:[0-9A-Za-z]+)$", "^(?:[ -~]*)$", "^(?:[0-9]{2,4})$",
                   "^(?:[a-c9]+)$", "^(?:[ -/]*)$", "^(?:[~]{1,1})$",
                   # the integer and number types' safe patterns, and smaller ones of the same shape
                   "^(?:-?[0-9]{1,18})$", "^(?:-?[0-9]{1,15}(\\.[0-9]{1,15})?)$", "^(?:-?[0-9]{1,3}(\\.[0-9]{1,2})?)$",
                   "^(?:-?[0-9]{1,2})$"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet="0129aAzZ~ -/\t\n\u3000鳥①é\x7f", max_size=8),
                          st.text(alphabet="0123456789-.+e ", max_size=22)), max_size=25),
       st.integers(0, 2), st.booleans())
def test_byte_class_patterns_match_re2(values: list[str], cut: int, large: bool) -> None:
    import pyarrow.compute as pc

    arr = pa.array(["x"] * cut + values, type=pa.large_string() if large else pa.string()).slice(cut)
    for pattern in _CLASS_PATTERNS:
        assert ef._byte_class_matcher(pattern) is not None, pattern
        expected = pc.match_substring_regex(arr, pattern).to_pylist()
        assert ef._matches(arr, pattern).tolist() == expected, pattern


def test_other_patterns_are_left_to_re2() -> None:
    for pattern in ["^(?:[0-9]{4}-?[0-9]{3})$", "^(?:[a-]+)$", "^(?:[^a]+)$", "^(?:[\\d]+)$", "^(?:[9-0]+)$",
                    "^(?:[0-9]{6}|x)$", "^(?:[0-9]{3,})$", "^(?:[あ-ん]+)$", "^(?:[a\\]]+)$"]:
        assert ef._byte_class_matcher(pattern) is None, pattern

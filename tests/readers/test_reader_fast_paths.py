"""Shortcuts of the spreadsheet reader against their plain definitions: the code-column path of
colstats' number-as-text count, and the xlsx scan's one-byte probe before a multi-byte search."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from converters.readers import colstats, xlsx_scan
from converters.readers.cells import NUMERIC_RE, SPACES


def _number_texts_reference(col: list[str]) -> tuple[int, object, bool]:
    numeric = [v for v in col if v and ((v.isascii() and v.isdigit()) or NUMERIC_RE.fullmatch(v.strip(SPACES)))]
    zeros = sum(1 for v in numeric if len(v) > 1 and v.startswith("0") and v[1:2].isdigit())
    return len(numeric), (numeric[0] if numeric else None), zeros > 0


_CELLS = st.sampled_from(["0", "00", "07", "312011", "0013002", "1", "", "12\n34", "\n", "１２", "1,200", "a1",
                          " 12", "12 ", "-5", "1.5", "٣", "²", "0\n1"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_CELLS, st.text(alphabet="0123456789\n ", max_size=5)), min_size=1, max_size=12))
def test_code_column_shortcut(col: list[str]) -> None:
    assert colstats._number_texts(col, True) == _number_texts_reference(col)
    assert colstats._number_texts(col, False) == _number_texts_reference(col)


def test_code_columns() -> None:
    assert colstats._number_texts(["312011"] * 5, True) == (5, "312011", False)
    assert colstats._number_texts(["0013002", "1"], True) == (2, "0013002", True)
    assert colstats._number_texts(["0", "0", "10"], True) == (3, "0", False)


@settings(max_examples=300, deadline=None)
@given(buf=st.binary(max_size=40).map(lambda b: b.replace(b"\x00", b"f")), end=st.integers(0, 45),
       needle=st.sampled_from([b"<f", b":f", b'hidden="', b"f"]))
def test_probe_before_search(buf: bytes, end: int, needle: bytes) -> None:
    probe = b"h" if needle.startswith(b"h") else b"f"
    for b in (buf, buf + needle, needle + buf, b"<" + buf + b"f"):
        assert xlsx_scan._contains(b, needle, end, probe) is (needle in b[:end])

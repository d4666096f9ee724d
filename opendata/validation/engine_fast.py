"""Fast engine: the same plan and the same findings as the frictionless engine, vectorised.

pyarrow's streaming CSV reader gives record batches of strings; every rule first runs as a
vectorised pre-filter (RE2 regex / set membership / numeric casts) that proves most cells fine, and
only the *distinct* remaining values go through the exact scalar code — frictionless' cell reader
for types and constraints (reproduced by ``cell_reader`` for the descriptors the schemas use, so
frictionless is not imported; tests compare the two readers on every schema field), and the
Japanese checks' ``check``.  So the fast engine cannot disagree with the reference on a value;
tests compare both engines on the corpus anyway.

Rows with the wrong number of cells cannot be represented in a record batch: when pyarrow meets
one, the fast engine gives up and the caller reruns the file with the frictionless engine (such
files are broken anyway, and the reference numbering of rows must win).

Memory does not grow with rows: batches are small (``BLOCK``), the file is read by pyarrow's own
file object (its read-ahead needs no GIL), and the ``unique`` check of string columns keeps one
64-bit hash per row in numpy arrays instead of a dict of every value; rows whose hash was seen
before are re-read and compared exactly at the end, so a hash collision can never invent a
duplicate.  The universal checks' pre-filter (no 機種依存文字, no surrounding space, no line break)
runs on the raw UTF-8 bytes with numpy instead of a regex per cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from converters.jp.chars import MACHINE_DEPENDENT_RE
from converters.readers.encoding import record_end_offset

from .cell_reader import native_cell_readers
from .checks import UNIVERSAL_SAFE, CellCheck, Finding
from .collector import Collector
from .plan import ColumnSpec, Plan

# 1 MiB batches: pyarrow reads a few blocks ahead, so larger blocks cost memory, not speed.
BLOCK = 1 << 20

_TYPE_SAFE = {
    "integer": "-?[0-9]{1,18}",
    "number": "-?[0-9]{1,15}(\\.[0-9]{1,15})?",
    "date": "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])",
    "string": None,
}
_TIME_SAFE = {"%H:%M": "([01][0-9]|2[0-3]):[0-5][0-9]"}


class FastEngineUnsupported(Exception):
    """The fast engine cannot handle this file; use the reference engine."""


def _anchored(p: str) -> str:
    return "^(?:" + p + ")$"


# pandas stays unimported: pyarrow imports it (0.5-1 s) the first time ``pa.array``, ``pa.scalar`` (a
# Python scalar passed to a compute function) or ``Array.to_numpy`` meets a value, to check whether it is
# a pandas object.  Masks are numpy arrays here, and arrow arrays are made from buffers.


def _bools(a: pa.Array) -> np.ndarray:
    """A boolean arrow array as a numpy bool array (null counts as False), read from its bit buffers."""
    n = len(a)
    if n == 0:
        return np.zeros(0, dtype=bool)
    bufs = a.buffers()
    out = np.unpackbits(np.frombuffer(bufs[1], dtype=np.uint8), count=a.offset + n, bitorder="little")[a.offset:]
    if a.null_count and bufs[0] is not None:
        out &= np.unpackbits(np.frombuffer(bufs[0], dtype=np.uint8), count=a.offset + n, bitorder="little")[a.offset:]
    return out.view(bool)


def _take(arr: pa.Array, idx: np.ndarray) -> pa.Array:
    """``arr.take(idx)`` with the indices handed over as a buffer."""
    ind = np.ascontiguousarray(idx, dtype=np.int64)
    return arr.take(pa.Array.from_buffers(pa.int64(), len(ind), [None, pa.py_buffer(ind)]))


def _strings(values: list[str]) -> pa.Array:
    """A string array of ``values`` built from buffers."""
    data = [v.encode("utf-8") for v in values]
    offsets = np.zeros(len(data) + 1, dtype=np.int64)
    np.cumsum([len(d) for d in data], out=offsets[1:])
    if offsets[-1] < 2 ** 31:
        return pa.Array.from_buffers(pa.string(), len(data), [None, pa.py_buffer(offsets.astype(np.int32)),
                                                              pa.py_buffer(b"".join(data))])
    return pa.Array.from_buffers(pa.large_string(), len(data), [None, pa.py_buffer(offsets),
                                                                pa.py_buffer(b"".join(data))])


def _matches(arr: pa.Array, pattern: str) -> np.ndarray:
    matcher = _BYTE_CLASS.get(pattern, _MISSING)
    if matcher is _MISSING:
        matcher = _BYTE_CLASS[pattern] = _byte_class_matcher(pattern)
    if matcher is not None:
        offs = _offsets(arr)
        if offs is not None:
            return matcher(arr, offs)  # type: ignore[operator]
    return _bools(pc.match_substring_regex(arr, pattern))


# ``^(?:[class]{m,n})$`` with a class of printable ASCII characters and ranges: the type, pattern and
# safe patterns of code columns ([0-9]{6}, [0-9]{7}, [0-9A-Za-z]+, [ -~]*).  A value matches iff its
# length is in range and every byte is in the class (a byte outside ASCII is never in it, so bytes
# and characters agree): decided on the column's bytes, about ten times faster than RE2 per value.
_CLASS_RUN = re.compile(r"\^\(\?:\[([^\]]+)\](\*|\+|\{(\d+)\}|\{(\d+),(\d+)\})\)\$")
_BYTE_CLASS: dict[str, Any] = {}


# ^(?:-?[0-9]{1,m}(\.[0-9]{1,n})?)$ and ^(?:-?[0-9]{1,m})$: the integer and number types' own safe
# patterns (_TYPE_SAFE), decided on the bytes too: only the few non-digit bytes of a column are looked at.
_DECIMAL = re.compile(r"\^\(\?:-\?\[0-9\]\{1,(\d+)\}(?:\(\\\.\[0-9\]\{1,(\d+)\}\)\?)?\)\$")


def _decimal_matcher(int_max: int, frac_max: int) -> Callable[[pa.Array, np.ndarray], np.ndarray]:
    """An optional '-', 1..int_max digits, then (when frac_max > 0) optionally '.' and 1..frac_max digits."""

    def match(arr: pa.Array, offs: np.ndarray) -> np.ndarray:
        n = len(offs) - 1
        lengths = np.diff(offs).astype(np.int64)
        ok = lengths >= 1
        lo, hi = int(offs[0]), int(offs[-1])
        if hi == lo:
            return ok
        seg = np.frombuffer(arr.buffers()[2], dtype=np.uint8, count=hi)[lo:hi]
        other = np.flatnonzero((seg < 0x30) | (seg > 0x39))             # the bytes that are not digits
        int_len = lengths.copy()
        if other.size:
            at = (other + lo).astype(np.int64)
            byte = seg[other]
            row = np.searchsorted(offs, at.astype(offs.dtype), side="right") - 1
            starts = offs[row].astype(np.int64)
            minus = byte == 0x2D
            dot = byte == 0x2E
            ok[row[~(minus | dot)]] = False                              # anything but '-' and '.'
            ok[row[minus & (at != starts)]] = False                      # '-' only first
            int_len[row[minus & (at == starts)]] -= 1
            if dot.any():
                dot_row = row[dot]
                if frac_max == 0:
                    ok[dot_row] = False
                else:
                    ok[dot_row[np.bincount(dot_row, minlength=n)[dot_row] > 1]] = False   # one '.' at most
                    dot_at = at[dot]
                    frac = offs[dot_row + 1].astype(np.int64) - dot_at - 1
                    ok[dot_row[(frac < 1) | (frac > frac_max)]] = False
                    int_len[dot_row] -= frac + 1
        ok &= (int_len >= 1) & (int_len <= int_max)
        return ok

    return match


def _byte_class_matcher(pattern: str) -> Callable[[pa.Array, np.ndarray], np.ndarray] | None:
    d = _DECIMAL.fullmatch(pattern)
    if d is not None:
        return _decimal_matcher(int(d.group(1)), int(d.group(2) or 0))
    m = _CLASS_RUN.fullmatch(pattern)
    if m is None:
        return None
    allowed = np.zeros(256, dtype=bool)
    for lo_c, hi_c, single in re.findall(r"(.)-(.)|(.)", m.group(1), flags=re.S):
        chars = (lo_c, hi_c) if lo_c else (single,)
        if any(not " " <= c <= "~" or c in "\\[]^-" for c in chars):
            return None       # escapes, negation, a bare '-', anything outside printable ASCII: RE2 decides
        if lo_c:
            if lo_c > hi_c:
                return None
            allowed[ord(lo_c):ord(hi_c) + 1] = True
        else:
            allowed[ord(single)] = True
    quant = m.group(2)
    if quant == "*":
        least, most = 0, None
    elif quant == "+":
        least, most = 1, None
    elif m.group(3) is not None:
        least = most = int(m.group(3))
    else:
        least, most = int(m.group(4)), int(m.group(5))
        if least > most:
            return None
    outside = ~allowed

    def match(arr: pa.Array, offs: np.ndarray) -> np.ndarray:
        lengths = np.diff(offs)
        ok = lengths >= least
        if most is not None:
            ok &= lengths <= most
        lo, hi = int(offs[0]), int(offs[-1])
        if hi > lo:
            seg = np.frombuffer(arr.buffers()[2], dtype=np.uint8, count=hi)[lo:hi]
            bad = np.flatnonzero(outside[seg])
            if bad.size:
                ok[np.searchsorted(offs, (bad + lo).astype(offs.dtype), side="right") - 1] = False
        return ok

    return match


_MD_TABLE: np.ndarray | None = None
_MD_TABLE_READY = False


def _md_table() -> np.ndarray | None:
    """Lookup by code point: is the character a 機種依存文字 (``MACHINE_DEPENDENT_RE``)?

    Built from the regex itself, once.  None when the class has a character outside the 3-byte
    UTF-8 range (U+0800-U+FFFF), which the byte-level filter does not decode: the regex is used then.
    """
    global _MD_TABLE, _MD_TABLE_READY
    if not _MD_TABLE_READY:
        _MD_TABLE_READY = True
        match = MACHINE_DEPENDENT_RE.match
        table = np.zeros(0x10000, dtype=bool)
        for cp in range(0x10000):
            if not 0xD800 <= cp <= 0xDFFF and match(chr(cp)):
                table[cp] = True
        outside = table[:0x800].any() or max(map(ord, MACHINE_DEPENDENT_RE.pattern)) > 0xFFFF
        _MD_TABLE = None if outside else table
    return _MD_TABLE


def _offsets(arr: pa.Array) -> np.ndarray | None:
    """The value offsets of a string column, a view of its buffer (None for other types)."""
    if pa.types.is_string(arr.type):
        return np.frombuffer(arr.buffers()[1], dtype=np.int32, count=len(arr) + 1, offset=arr.offset * 4)
    if pa.types.is_large_string(arr.type):
        return np.frombuffer(arr.buffers()[1], dtype=np.int64, count=len(arr) + 1, offset=arr.offset * 8)
    return None


def _empty(arr: pa.Array, offs: np.ndarray | None = None) -> np.ndarray:
    """Per cell: the empty string (from the offsets: no per-value comparison)."""
    if offs is None:
        offs = _offsets(arr)
    if offs is None:
        return np.fromiter((v == "" for v in arr.to_pylist()), dtype=bool, count=len(arr))
    return offs[1:] == offs[:-1]


def _universal_ok(arr: pa.Array, offs: np.ndarray | None = None) -> np.ndarray | None:
    """Per cell: provably no finding of the universal checks (same set as ``UNIVERSAL_SAFE``).

    A cell is flagged when it holds a line break, a 機種依存文字, or starts or ends with a space, a
    tab or U+3000; flagged cells go to the exact scalar checks.  Works on the UTF-8 bytes of the
    column with numpy (every 機種依存文字 is a 3-byte sequence whose lead byte is E2, E3 or EF, and a
    lead byte can never be a continuation byte).  None when the column cannot be read this way.

    Only positions are looked at: the bytes up to 0x20 (line breaks, spaces, tabs) and the E2/E3/EF
    lead bytes, found in two passes over the column's bytes; a space or U+3000 flags its cell when it
    sits at the cell's start or end (``np.searchsorted`` on the offsets), so nothing runs per cell.
    """
    table = _md_table()
    if offs is None:
        offs = _offsets(arr)
    if table is None or offs is None:
        return None
    n = len(arr)
    bufs = arr.buffers()
    ok = np.ones(n, dtype=bool)
    lo, hi = int(offs[0]), int(offs[-1])
    if hi == lo or bufs[2] is None:
        return ok
    data = np.frombuffer(bufs[2], dtype=np.uint8, count=hi)
    seg = data[lo:hi]
    low = np.flatnonzero(seg <= 0x20)
    low_bytes = seg[low]
    bad = low[(low_bytes == 0x0A) | (low_bytes == 0x0D)]
    edges = [(low[(low_bytes == 0x20) | (low_bytes == 0x09)], 1)]      # spaces and tabs: one byte
    lead = np.flatnonzero((seg == 0xE2) | (seg == 0xE3) | (seg == 0xEF))
    if lead.size:
        cp = (((seg[lead] & 0x0F).astype(np.int32) << 12) | ((seg[lead + 1] & 0x3F).astype(np.int32) << 6)
              | (seg[lead + 2] & 0x3F).astype(np.int32))
        md = lead[table[cp]]
        if md.size:
            bad = np.concatenate([bad, md])
        edges.append((lead[cp == 0x3000], 3))                              # U+3000: three bytes
    if bad.size:
        ok[np.searchsorted(offs, (bad + lo).astype(offs.dtype), side="right") - 1] = False
    for pos, width in edges:
        if pos.size:
            at = (pos + lo).astype(offs.dtype)
            row = np.searchsorted(offs, at, side="right") - 1
            edge = (offs[row] == at) | (offs[row + 1] == at + width)
            ok[row[edge]] = False
    return ok


class _UniqueHashes:
    """The ``unique`` check of a string column with one 64-bit hash per row instead of every value.

    Rows whose hash occurs more than once are the only ones that can be duplicates (equal strings
    have equal hashes); they are re-read at the end and compared exactly, in row order, as the
    dict-based check does.  So a hash collision costs a re-read, never a wrong report.  Memory: 8
    bytes per non-empty cell while reading (row numbers are implicit unless a batch has empty cells).
    """

    def __init__(self) -> None:
        # per batch: first row, hashes of the non-empty cells, their row numbers (None: all rows)
        self.batches: list[tuple[int, np.ndarray, np.ndarray | None]] = []

    def add(self, arr: pa.Array, row0: int) -> None:
        values = arr.to_pylist()
        h = np.fromiter(map(hash, values), dtype=np.int64, count=len(values))
        empty = _empty(arr)
        if empty.any():
            keep = np.flatnonzero(~empty)
            self.batches.append((row0, h[keep], (keep + row0).astype(np.int64)))
        else:
            self.batches.append((row0, h, None))

    def candidates(self) -> np.ndarray:
        """Sorted row numbers whose hash is not unique."""
        if not self.batches:
            return np.zeros(0, dtype=np.int64)
        sizes = [len(h) for _, h, _ in self.batches]
        h = np.concatenate([h for _, h, _ in self.batches])
        hs = np.sort(h)
        dup_values = np.unique(hs[1:][hs[1:] == hs[:-1]])
        del hs
        if not len(dup_values):
            self.batches = []
            return np.zeros(0, dtype=np.int64)
        hit = np.isin(h, dup_values)
        del h
        out: list[np.ndarray] = []
        pos = 0
        for (row0, _, rows), size in zip(self.batches, sizes, strict=True):
            local = np.flatnonzero(hit[pos:pos + size])
            if len(local):
                out.append(rows[local] if rows is not None else local.astype(np.int64) + row0)
            pos += size
        self.batches = []
        return np.concatenate(out)


class _ScalarCache:
    """Results of scalar functions per distinct value (bounded)."""

    def __init__(self, fn: Callable[[str], Any], limit: int = 200_000):
        self.fn = fn
        self.d: dict[str, Any] = {}
        self.limit = limit

    def __call__(self, v: str) -> Any:
        r = self.d.get(v, _MISSING)
        if r is _MISSING:
            r = self.fn(v)
            if len(self.d) < self.limit:
                self.d[v] = r
        return r


_MISSING = object()


class _Column:
    def __init__(self, spec: ColumnSpec, field: Any, reader: Any = None):
        self.spec = spec
        self.field = field
        d = spec.descriptor
        self.type = d.get("type", "string")
        cons = d.get("constraints", {})
        self.required = bool(cons.get("required"))
        self.unique = bool(cons.get("unique"))
        self.pattern = cons.get("pattern")
        self.enum = [str(x) for x in cons.get("enum", [])] if cons.get("enum") is not None else None
        self.enum_set: pa.Array | None = None
        self.minimum = cons.get("minimum")
        self.has_constraints = any(k in cons for k in ("pattern", "enum", "minimum", "maximum", "minLength",
                                                       "maxLength", "exclusiveMinimum", "exclusiveMaximum"))
        if self.type == "time":
            safe = _TIME_SAFE.get(d.get("format", "default"))
        else:
            safe = _TYPE_SAFE.get(self.type)
        self.type_safe = _anchored(safe) if safe else None
        self.type_always_checked = self.type not in _TYPE_SAFE and self.type != "time"
        self._field = field          # a zero-argument callable: the frictionless Field, built lazily
        self._reader: Any = reader   # cell_reader.native_cell_readers: the same reader without frictionless
        self.read = _ScalarCache(self._read_cell)
        self.checks: list[tuple[CellCheck, str | None, _ScalarCache]] = [
            (c, _anchored(c.safe_pattern) if c.safe_pattern else None, _ScalarCache(c.check))
            for c in spec.checks if not c.applies_to_all
        ]
        self.universal = [_ScalarCache(c.check) for c in spec.checks if c.applies_to_all]
        self.unique_seen: dict[Any, int] = {}
        self.unique_hashes = _UniqueHashes() if self.unique and self.type == "string" else None

    def _read_cell(self, v: str) -> Any:
        if self._reader is None:
            self._reader = self._field().create_cell_reader()
        return self._reader(v)


def run_fast(path: Path, encoding: str, plan: Plan, collector: Collector, *,
             opener: Callable[[], Any] | None = None) -> int:
    """Validate with pyarrow; returns the number of data rows.  Raises FastEngineUnsupported.

    ``opener``: returns a fresh binary file object of the file (opendata.validation.follow reads a file
    still being written through it); by default the path is opened."""
    if encoding not in ("utf-8", "utf-8-sig", "cp932", "euc_jp"):
        raise FastEngineUnsupported(f"encoding {encoding}")
    ncols = len(plan.columns)
    names = [f"c{i}" for i in range(ncols)]
    native: list[Any] = native_cell_readers([spec.descriptor for spec in plan.columns]) or [None] * ncols
    cols = [_Column(spec, (lambda i=i: plan.field_for(i)), native[i]) for i, spec in enumerate(plan.columns)]
    universal_safe = _anchored(UNIVERSAL_SAFE)
    invalid: list[int] = []

    def on_invalid(row: Any) -> str:
        invalid.append(row.number)
        return "skip"

    start = 3 if encoding == "utf-8-sig" else 0
    offset = record_end_offset(path, plan.header_row, start=start, opener=opener)
    rows_done = 0
    first_row = plan.header_row + 1
    with _arrow_file(path, opener) as fh:
        fh.seek(offset)
        try:
            reader = _open_reader(fh, encoding, names, on_invalid)
        except (pa.ArrowInvalid, StopIteration) as e:
            if "Empty CSV file" in str(e):
                return 0
            raise FastEngineUnsupported(str(e)) from e
        try:
            for batch in reader:
                if invalid:
                    raise FastEngineUnsupported("rows with a wrong number of cells")
                _batch(batch, cols, collector, rows_done + first_row, universal_safe)
                rows_done += batch.num_rows
        except pa.ArrowInvalid as e:
            raise FastEngineUnsupported(str(e)) from e
    if invalid:
        raise FastEngineUnsupported("rows with a wrong number of cells")
    _finish_unique(path, offset, encoding, names, cols, collector, first_row, opener)
    return rows_done


def _arrow_file(path: Path, opener: Callable[[], Any] | None) -> Any:
    return pa.PythonFile(opener(), mode="r") if opener is not None else pa.OSFile(str(path))


def _open_reader(fh: Any, encoding: str, names: list[str], on_invalid: Callable[[Any], str],
                 include: list[str] | None = None) -> Any:
    read_opts = pcsv.ReadOptions(use_threads=False, block_size=BLOCK, column_names=names,
                                 encoding="utf8" if encoding.startswith("utf-8") else encoding)
    parse_opts = pcsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False, invalid_row_handler=on_invalid)
    conv_opts = pcsv.ConvertOptions(column_types={n: pa.string() for n in names}, strings_can_be_null=False,
                                    quoted_strings_can_be_null=False, include_columns=include)
    return pcsv.open_csv(fh, read_options=read_opts, parse_options=parse_opts, convert_options=conv_opts)


def _finish_unique(path: Path, offset: int, encoding: str, names: list[str], cols: list[_Column],
                   collector: Collector, first_row: int, opener: Callable[[], Any] | None = None) -> None:
    """Compare the rows whose hash is not unique exactly, in row order (a second read of those columns)."""
    todo = [(i, c, c.unique_hashes.candidates()) for i, c in enumerate(cols) if c.unique_hashes is not None]
    todo = [(i, c, rows) for i, c, rows in todo if len(rows)]
    if not todo:
        return
    include = [names[i] for i, _, _ in todo]
    row0 = first_row
    with _arrow_file(path, opener) as fh:
        fh.seek(offset)
        for batch in _open_reader(fh, encoding, names, lambda _row: "skip", include):
            n = batch.num_rows
            for k, (_i, col, rows) in enumerate(todo):
                lo, hi = np.searchsorted(rows, [row0, row0 + n])
                if hi > lo:
                    pos = rows[lo:hi] - row0
                    values = _take(batch.column(k), pos).to_pylist()
                    _unique_values(col, pos, values, collector, row0)
            row0 += n


def _batch(batch: pa.RecordBatch, cols: list[_Column], collector: Collector, row0: int, universal_safe: str) -> None:
    n = batch.num_rows
    if n == 0:
        return
    arrays = [batch.column(i) for i in range(len(cols))]
    offsets = [_offsets(a) for a in arrays]
    empties = [_empty(a, o) for a, o in zip(arrays, offsets, strict=True)]
    blank = empties[0].copy()
    for e in empties[1:]:
        blank &= e
    for i in np.flatnonzero(blank):
        collector.add_generic("blank-row", row0 + int(i), None)
    any_blank = bool(blank.any())
    notblank = ~blank
    for col, arr, empty, offs in zip(cols, arrays, empties, offsets, strict=True):
        nonempty = ~empty & notblank if any_blank else ~empty
        if not nonempty.any() and not col.required:
            continue
        if col.required:
            miss = empty & notblank if any_blank else empty
            for i in np.flatnonzero(miss):
                collector.add_generic("constraint-error", row0 + int(i), col.spec, value=None, constraint="required")
        _types_and_constraints(col, arr, nonempty, collector, row0)
        _japanese(col, arr, nonempty, collector, row0, universal_safe, offs)
        if col.unique_hashes is not None:
            col.unique_hashes.add(arr, row0)
        elif col.unique:
            _unique(col, arr, collector, row0)


def _candidates(nonempty: np.ndarray, ok: np.ndarray | None) -> np.ndarray:
    return np.flatnonzero(nonempty if ok is None else nonempty & ~ok)


def _at_least(arr: pa.Array, safe: np.ndarray, minimum: float) -> np.ndarray:
    """Per cell: a value the type pre-filter passed whose float is >= ``minimum`` (False elsewhere, where
    the pre-filter already failed the cell)."""
    out = np.zeros(len(arr), dtype=bool)
    idx = np.flatnonzero(safe)
    if len(idx):
        casted = pc.cast(_take(arr, idx), pa.float64())
        values = np.frombuffer(casted.buffers()[1], dtype=np.float64, count=casted.offset + len(casted))[casted.offset:]
        out[idx] = values >= minimum
    return out


def _types_and_constraints(col: _Column, arr: pa.Array, nonempty: np.ndarray, collector: Collector,
                           row0: int) -> None:
    if col.type == "string" and not col.has_constraints:
        return
    ok: np.ndarray | None = None
    if col.type_always_checked:
        ok = None
    else:
        conds: list[np.ndarray] = []
        if col.type_safe:
            conds.append(_matches(arr, col.type_safe))
        if col.pattern:
            conds.append(_matches(arr, _anchored(col.pattern)))
        if col.enum is not None:
            if col.enum_set is None:
                col.enum_set = _strings(col.enum)
            conds.append(_bools(pc.is_in(arr, value_set=col.enum_set)))
        if col.minimum is not None and col.type in ("integer", "number"):
            conds.append(_at_least(arr, conds[0], float(col.minimum)))
        if col.type == "string" and not conds:
            return
        ok = conds[0] if conds else None
        for c in conds[1:]:
            ok = ok & c
    idx = _candidates(nonempty, ok)
    if len(idx) == 0:
        return
    values = _take(arr, idx).to_pylist()
    for i, v in zip(idx, values, strict=True):
        _, notes = col.read(v)
        if not notes:
            continue
        row = row0 + int(i)
        if "type" in notes:
            collector.add_generic("type-error", row, col.spec, value=v)
            continue
        for name in notes:
            collector.add_generic("constraint-error", row, col.spec, value=v, constraint=name)


def _emit_checks(idx: np.ndarray, values: list[str], fn: _ScalarCache, col: _Column, collector: Collector,
                 row0: int) -> None:
    for i, v in zip(idx, values, strict=True):
        findings: list[Finding] = fn(v)
        for f in findings:
            collector.add_finding(row0 + int(i), col.spec, v, f)


def _japanese(col: _Column, arr: pa.Array, nonempty: np.ndarray, collector: Collector, row0: int,
              universal_safe: str, offs: np.ndarray | None = None) -> None:
    for _check, safe, fn in col.checks:
        ok = _matches(arr, safe) if safe else None
        idx = _candidates(nonempty, ok)
        if len(idx):
            _fast_distinct(idx, arr, fn, col, collector, row0)
    ok_np = _universal_ok(arr, offs)
    if ok_np is None:
        idx = _candidates(nonempty, _matches(arr, universal_safe))
    else:
        idx = np.flatnonzero(nonempty & ~ok_np)
    if len(idx):
        for fn in col.universal:
            _fast_distinct(idx, arr, fn, col, collector, row0)


def _fast_distinct(idx: np.ndarray, arr: pa.Array, fn: _ScalarCache, col: _Column, collector: Collector,
                   row0: int) -> None:
    """Run a scalar check on the distinct candidate values only, then expand back to rows."""
    sub = _take(arr, idx)
    if len(idx) > 64:
        uniq = pc.unique(sub).to_pylist()
        bad = [u for u in uniq if fn(u)]
        if not bad:
            return
        hit = np.flatnonzero(_bools(pc.is_in(sub, value_set=_strings(bad))))
        idx = idx[hit]
        sub = _take(sub, hit)
    _emit_checks(idx, sub.to_pylist(), fn, col, collector, row0)


def _unique(col: _Column, arr: pa.Array, collector: Collector, row0: int) -> None:
    values = arr.to_pylist()
    _unique_values(col, range(len(values)), values, collector, row0)


def _unique_values(col: _Column, positions: Any, values: list[str], collector: Collector, row0: int) -> None:
    """The dict-based unique check over (position in batch, value) pairs in row order."""
    seen = col.unique_seen
    typed = col.type != "string"
    for i, v in zip(positions, values, strict=True):
        if v == "":
            continue
        key: Any = v
        if typed:
            key, notes = col.read(v)
            if key is None or (notes and "type" in notes):
                continue
        row = row0 + int(i)
        prev = seen.get(key)
        seen[key] = row
        if prev is not None:
            collector.add_generic("unique-error", row, col.spec, value=v, first_row=prev)

"""Columnar conversion of CSV sources: the row path's output, logs and accounting, in record batches.

``converters.pipeline.convert()`` uses this engine when it applies (a CSV table the reader has planned:
encoding, delimiter, header rows; no reshape, no markers) and keeps the row path
(``_RowState.convert_row``) as the reference.  Once the reader has decided where the data starts,
pyarrow reads the file in record batches from that byte offset; per batch:

1. **Rows.**  Records are classified as the reader does (blank, note, total, repeated header): a
   vectorised test proves most rows are data (the reader's own fast path), the others go through
   ``classify_row``.  Short records, which a record batch cannot hold, come back through pyarrow's
   invalid-row handler with their record number and are put back in place.  After a blank record, the
   reader's footer rule (converters/readers/footer.py) is walked record by record up to the next data
   row; the few records it holds back at a group's end go in front of the next group (or are the footer).
2. **Cells.**  Per target column, a vectorised pre-filter proves most cells clean: numpy reads the
   UTF-8 bytes once for the checks of ``ditto`` / ``machine_dependent`` / ``text`` (one code-point
   table built from the steps' own definitions), and each typed step's ``SafeRule`` (RE2, value sets,
   ranges) covers its field.  Only the values left over go through ``normalise_value``, once per
   distinct value (bounded cache), and are expanded back to rows with their notes and issues.
3. **Rows again.**  Derived items: 地方公共団体名 from the code, the address split once per distinct
   address.  Rows whose result depends on another row or on a row-level rule that is rare (同上 and
   〃 need the previous row; a time range split into 開始/終了; swapped coordinates) are *special*:
   they are converted by the reference code itself, in row order, with the previous output row.
4. **Output.**  The CSV is written from the columns (quoting exactly as ``csv.writer``: only values
   holding ``"``, ``,``, CR or LF), the change log and issues in the row path's order (row, then
   target column, then step), and the accounting from the same byte-level emptiness test as ``str.strip``.

When something turns up that this engine does not handle (a record wider than the header, pyarrow
and Python's csv module disagreeing on where records end), it raises ``ColumnarUnsupported`` and the
caller reruns the file with the row path.  Memory does not grow with rows: batches are a few MiB,
caches are bounded, and logs go to disk batch by batch.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from converters import part_process
from converters.steps import DEFAULT_STEPS, column_plan, normalise_value
from converters.steps.base import FieldSpec, SafeRule, StepContext

if TYPE_CHECKING:
    from converters.mapping import FieldMapping
    from converters.pipeline import ConvertOptions, _RowState
    from converters.readers.base import SourceTable
    from converters.readers.footer import FooterTest

BLOCK = 1 << 20                  # bytes per record batch read (pyarrow reads ahead a number of blocks)
GROUP_ROWS = 32_768              # rows converted together (consecutive batches joined)
CACHE_LIMIT = 8_192              # distinct values remembered per target column (a batch dedups its own)
ADDRESS_CACHE_LIMIT = 16_384
# a column of at least this many cells is scanned once per distinct text when its texts repeat (_Col._distinct)
DISTINCT_MIN_ROWS = 4096
UNIVERSAL_STEPS = frozenset({"ditto", "machine_dependent", "text"})
ENCODINGS = {"utf-8": "utf8", "utf-8-sig": "utf8", "cp932": "cp932", "euc_jp": "euc_jp"}


class ColumnarUnsupported(Exception):
    """The columnar engine cannot convert this table; the row path must."""


def why_not(table: SourceTable, opts: ConvertOptions) -> str | None:
    """Why the columnar engine does not apply (None: it does)."""
    from converters.readers.csv_reader import CsvRows

    rows = table.rows
    if opts.reshape:
        return "reshape"
    if opts.markers:
        return "markers"
    if isinstance(rows, list):
        return None if table.header else "no columns"       # a workbook's table: rows already in memory
    if not isinstance(rows, CsvRows):
        return "not a CSV table"
    if rows.encoding not in ENCODINGS:
        return f"encoding {rows.encoding}"
    if len(rows.delimiter) != 1 or rows.delimiter in '"\r\n':
        return "delimiter"
    p = rows.plan
    if p.c0 != 0 or p.marker_column or p.data_last is not None or table.layout.get("columns"):
        return "column or row range"
    if len(table.header) < 1:
        return "no columns"
    hc = p.header_cells
    if hc and not any(hc):
        return "blank header record"
    return None


# --- bytes of a string column ----------------------------------------------------------------------
# per-character bits (a table over the BMP, built from the steps' own definitions)
_SPECIAL, _MD, _DASH, _NONWS, _SPACE, _KEI, _NONASCII = 1, 2, 4, 8, 16, 32, 64
_QMARK = 128                                         # '?': text reports it after a Japanese character (mojibake)
_DITTO1, _STRIP1, _SUSPECT1, _DIGITDASH = 256, 512, 1024, 2048
_IDEO, _NOTNAME, _IDEO_ASCII = 4096, 8192, 16384     # U+3000; not CJK nor a space; U+3000 after ASCII
_QUOTE = 32768                                       # csv.writer quotes a value holding '"', ',', CR or LF
_ASTRAL = _NONWS | _NONASCII | _NOTNAME


@lru_cache(maxsize=1)
def _table() -> np.ndarray:
    from converters.readers.cells import SUSPECT_START
    from converters.steps._common import DASHES
    from converters.steps.ditto import _FIRST, _STRIP
    from converters.steps.machine_dependent import _INTERESTING
    from converters.steps.text import _CJK, _SPECIAL_RE

    t = np.zeros(0x10000, dtype=np.uint16)
    chars = "".join(chr(c) if not 0xD800 <= c <= 0xDFFF else "\x00" for c in range(0x10000))
    for m in _SPECIAL_RE.finditer(chars):
        t[m.start()] |= _SPECIAL
    t[0x3000] = _IDEO           # U+3000 is "special" but the text step keeps it inside Japanese text
    notname = np.ones(0x10000, dtype=bool)
    for m in re.finditer(f"[{_CJK} \u3000]", chars):
        notname[m.start()] = False
    t[notname] |= _NOTNAME
    t[0xD800:0xE000] = 0
    for group, bit in ((_INTERESTING, _MD), (DASHES, _DASH), ("計", _KEI), (_FIRST, _DITTO1),
                       (_STRIP, _STRIP1), (SUSPECT_START, _SUSPECT1)):
        for ch in group:
            if ord(ch) > 0xFFFF:     # pragma: no cover - the byte reader decodes the BMP only
                raise RuntimeError(f"character outside the BMP in a step's table: {ch!r}")
            t[ord(ch)] |= bit
    t[0x20] |= _SPACE
    t[ord("?")] |= _QMARK
    t[[0x22, 0x2C, 0x0D, 0x0A]] |= _QUOTE
    t[0x80:] |= _NONASCII
    for c in range(0x10000):
        if not 0xD800 <= c <= 0xDFFF and not chr(c).isspace():
            t[c] |= _NONWS
    return t


_IS_DIGIT = np.zeros(256, dtype=bool)
_IS_DIGIT[0x30:0x3A] = True
_NEEDS_QUOTE = np.zeros(256, dtype=bool)
_NEEDS_QUOTE[[0x22, 0x2C, 0x0D, 0x0A]] = True


class _Col:
    """A string column of a batch: its UTF-8 bytes and offsets, and what has been read from them."""

    __slots__ = ("_any", "_enc", "_first", "_nonempty", "_plain", "arr", "data", "lens", "n", "offs")

    def __init__(self, arr: pa.Array):
        if isinstance(arr, pa.ChunkedArray):
            arr = arr.combine_chunks()
        if not pa.types.is_string(arr.type):
            arr = arr.cast(pa.string())
        self.arr = arr
        self.n = n = len(arr)
        bufs = arr.buffers()
        offs = np.frombuffer(bufs[1], dtype=np.int32, count=n + 1, offset=arr.offset * 4).astype(np.int64)
        lo, hi = int(offs[0]), int(offs[-1])
        self.data = (np.frombuffer(bufs[2], dtype=np.uint8, count=hi)[lo:hi] if hi > lo and bufs[2] is not None
                     else np.zeros(0, dtype=np.uint8))
        self.offs = offs - lo
        self.lens = np.diff(self.offs)
        self._first: np.ndarray | None = None
        self._any: np.ndarray | None = None
        self._nonempty: np.ndarray | None = None
        self._plain: bool | None = None
        self._enc: tuple[_Col, np.ndarray] | bool | None = None

    def _distinct(self) -> tuple[_Col, np.ndarray] | None:
        """(the distinct texts, each cell's index among them) when a large non-ASCII column repeats its values
        (種別, 町字, 備考, 地方公共団体名): the byte scans of ``first``/``any_bits`` then read each text once.
        None for a small or mostly distinct column (the scans read every cell anyway)."""
        if self._enc is None:
            self._enc = False
            if self.n >= DISTINCT_MIN_ROWS and not self.plain():
                e = self.arr.dictionary_encode(null_encoding="encode")
                if len(e.dictionary) * 4 <= self.n:
                    self._enc = (_Col(e.dictionary), np.asarray(e.indices.to_numpy(zero_copy_only=False), dtype=np.int64))
        return self._enc if isinstance(self._enc, tuple) else None

    def plain(self) -> bool:
        """Every byte is printable ASCII other than the space (codes, IDs, numbers, coordinates, URLs)."""
        if self._plain is None:
            d = self.data
            self._plain = not len(d) or (int(d.min()) >= 0x21 and int(d.max()) <= 0x7E)
        return self._plain

    @classmethod
    def of(cls, values: list[str]) -> _Col:
        return cls(pa.array(values, type=pa.string()))

    def first(self) -> np.ndarray:
        """Bits of the first character of each cell (0 for an empty cell)."""
        if self._first is None and (dc := self._distinct()) is not None:
            self._first = dc[0].first()[dc[1]]
        if self._first is None:
            out = np.zeros(self.n, dtype=np.uint16)
            ne = np.flatnonzero(self.lens)
            if ne.size and self.plain():
                out[ne] = _table()[self.data[self.offs[:-1][ne]]]
            elif ne.size:
                d = self.data
                s = self.offs[:-1][ne]
                b0 = d[s].astype(np.int32)
                last = len(d) - 1
                b1 = d[np.minimum(s + 1, last)].astype(np.int32) & 0x3F
                b2 = d[np.minimum(s + 2, last)].astype(np.int32) & 0x3F
                cp = np.where(b0 < 0x80, b0, np.where(b0 < 0xE0, ((b0 & 0x1F) << 6) | b1,
                                                      ((b0 & 0x0F) << 12) | (b1 << 6) | b2))
                cp = np.where(b0 >= 0xF0, 0, cp)
                bits = _table()[cp]
                bits = np.where(b0 >= 0xF0, _ASTRAL, bits).astype(np.uint16)
                out[ne] = bits
            self._first = out
        return self._first

    def any_bits(self) -> np.ndarray:
        """Bits of every character of each cell, OR-ed (0 for an empty cell); _DIGITDASH marks a dash
        look-alike between two ASCII digits."""
        if self._any is None and (dc := self._distinct()) is not None:
            self._any = dc[0].any_bits()[dc[1]]
        if self._any is None:
            out = np.zeros(self.n, dtype=np.uint16)
            ne = np.flatnonzero(self.lens)
            d = self.data
            if ne.size and self.plain():
                # printable ASCII: only '"' and ',' (quoting) tell cells apart; every cell is "not a name"
                out[ne] = _NOTNAME | _NONWS
                q = np.flatnonzero((d == 0x22) | (d == 0x2C))
                if q.size:
                    out[np.unique(np.searchsorted(self.offs, q, side="right") - 1)] |= _QUOTE
            elif ne.size:
                table = _table()
                bits = table[d]          # correct for ASCII bytes; others are set below
                if len(d) and int(d.max()) >= 0x80:
                    bits[d >= 0x80] = 0
                    last = len(d) - 1
                    i3 = np.flatnonzero((d & 0xF0) == 0xE0)
                    if i3.size:
                        cp = (((d[i3] & 0x0F).astype(np.int32) << 12)
                              | ((d[np.minimum(i3 + 1, last)] & 0x3F).astype(np.int32) << 6)
                              | (d[np.minimum(i3 + 2, last)] & 0x3F).astype(np.int32))
                        b3 = table[cp]
                        bits[i3] = b3
                        ideo = i3[(b3 & _IDEO) != 0]
                        if ideo.size:
                            ideo = ideo[self._inside(ideo)]      # a character before and after, in the cell
                            prev_ascii = (d[ideo - 1] >= 0x21) & (d[ideo - 1] <= 0x7E)
                            nxt = np.minimum(ideo + 3, last)
                            nb = d[nxt]
                            next_ok = (ideo + 3 <= last) & (((nb >= 0x21) & (nb <= 0x7E)) | (
                                (nb == 0xE3) & (d[np.minimum(nxt + 1, last)] == 0x80)
                                & (d[np.minimum(nxt + 2, last)] == 0x80)))
                            bits[ideo[prev_ascii & next_ok]] |= _IDEO_ASCII
                        dash = i3[(b3 & _DASH) != 0]
                        if dash.size:
                            dash = dash[self._inside(dash)]
                            between = _IS_DIGIT[d[dash - 1]] & _IS_DIGIT[d[np.minimum(dash + 3, last)]]
                            bits[dash[between]] |= _DIGITDASH
                    i2 = np.flatnonzero((d & 0xE0) == 0xC0)
                    if i2.size:
                        cp = (((d[i2] & 0x1F).astype(np.int32) << 6)
                              | (d[np.minimum(i2 + 1, last)] & 0x3F).astype(np.int32))
                        bits[i2] = table[cp]
                    i4 = np.flatnonzero((d & 0xF8) == 0xF0)
                    if i4.size:
                        bits[i4] = _ASTRAL
                out[ne] = np.bitwise_or.reduceat(bits, self.offs[:-1][ne])
            self._any = out
        return self._any

    def _inside(self, pos: np.ndarray) -> np.ndarray:
        """Per 3-byte character at byte ``pos``: its cell holds a character before it and one after it."""
        cell = np.searchsorted(self.offs, pos, side="right") - 1
        return (pos > self.offs[cell]) & (pos + 3 < self.offs[cell + 1])

    def nonempty(self) -> np.ndarray:
        """Per cell: ``cell.strip() != ""`` (Python's whitespace)."""
        if self._nonempty is None:
            if self.plain():
                self._nonempty = self.lens > 0
            elif self._any is not None:
                self._nonempty = (self._any & _NONWS) != 0
            else:
                f = self.first()
                ne = (f & _NONWS) != 0
                unsure = np.flatnonzero((self.lens > 0) & ~ne)
                if unsure.size:
                    vals = self.arr.take(pa.array(unsure)).to_pylist()
                    ne[unsure[[v.strip() != "" for v in vals]]] = True
                self._nonempty = ne
        return self._nonempty

    def last_byte(self) -> np.ndarray:
        ends = self.offs[1:]
        out = np.zeros(self.n, dtype=np.uint8)
        ne = np.flatnonzero(self.lens)
        if ne.size:
            out[ne] = self.data[ends[ne] - 1]
        return out


def _universal_unsafe(col: _Col, names: frozenset[str]) -> np.ndarray:
    """Cells that ditto / machine_dependent / text might change or report (sound, not complete)."""
    bad = np.zeros(col.n, dtype=bool)
    if not names:
        return bad
    first = col.first()
    if col.plain():
        # printable ASCII without spaces: text and machine_dependent leave it alone; a leading '"' is a ditto mark
        if "ditto" in names:
            bad |= (first & _DITTO1) != 0
        return bad
    anyb = col.any_bits()
    if "text" in names:
        bad |= (anyb & (_SPECIAL | _DIGITDASH | _IDEO_ASCII)) != 0
        bad |= (first & (_SPACE | _IDEO)) != 0
        last = col.last_byte()
        bad |= last == 0x20
        ideo = (anyb & _IDEO) != 0
        if ideo.any():
            # U+3000 at the end (E3 80 80), or in what may be a spaced-out name (名　称: CJK and spaces only)
            ends = col.offs[1:]
            d = col.data
            tail = np.zeros(col.n, dtype=bool)
            long3 = np.flatnonzero(ideo & (col.lens >= 3))
            if long3.size:
                e = ends[long3]
                tail[long3] = (d[e - 3] == 0xE3) & (d[e - 2] == 0x80) & (d[e - 1] == 0x80)
            bad |= ideo & (tail | ((anyb & _NOTNAME) == 0))
        bad |= ((anyb & _SPACE) != 0) & (col.lens <= 28)
        # '?' in a cell that holds a non-ASCII character: it may follow a Japanese one (probable mojibake, 祇??園);
        # '？' and U+FFFD are _SPECIAL
        bad |= ((anyb & _QMARK) != 0) & ((anyb & _NONASCII) != 0)
    if "machine_dependent" in names:
        bad |= (anyb & _MD) != 0
    if "ditto" in names:
        bad |= (first & (_DITTO1 | _STRIP1)) != 0
    return bad


def _rule_ok(arr: pa.Array, rule: SafeRule) -> np.ndarray:
    """Per cell: the rule covers the value (``SafeRule.covers``, vectorised)."""
    ok: pa.Array | None = None

    def both(m: pa.Array) -> pa.Array:
        return m if ok is None else pc.and_(ok, m)

    for p in rule.fullmatch:
        ok = both(pc.match_substring_regex(arr, "^(?:" + p + ")$"))
    for p in rule.forbid:
        ok = both(pc.invert(pc.match_substring_regex(arr, p)))
    if rule.values is not None:
        ok = both(pc.is_in(arr, value_set=pa.array(sorted(rule.values), type=pa.string())))
    if rule.number_range is not None:
        if not rule.fullmatch:     # pragma: no cover - a range needs a numeric shape first
            return np.zeros(len(arr), dtype=bool)
        assert ok is not None
        nums = pc.cast(pc.if_else(ok, arr, "0"), pa.float64())
        lo, hi = rule.number_range
        ok = pc.and_(ok, pc.and_(pc.greater_equal(nums, lo), pc.less_equal(nums, hi)))
    if ok is None:
        return np.ones(len(arr), dtype=bool)
    return np.asarray(ok.to_numpy(zero_copy_only=False), dtype=bool) & (np.diff(
        np.frombuffer(arr.buffers()[1], dtype=np.int32, count=len(arr) + 1, offset=arr.offset * 4)) > 0)


# --- log lines --------------------------------------------------------------------------------------
def _s(v: Any) -> str:
    """converters.pipeline._s (a cell as the CSV writes it)."""
    return v if type(v) is str else _pipeline_s(v)


_S_IMPL: list[Callable[[Any], str]] = []


def _pipeline_s(v: Any) -> str:
    # converters.pipeline imports this module: its _s is bound on first use (an import statement per call
    # cost ~1 s on a 200k-row workbook with three number columns)
    if not _S_IMPL:
        from converters.pipeline import _s as s

        _S_IMPL.append(s)
    return _S_IMPL[0](v)


def _texts(col: Sequence[Any], odd: dict[int, Any]) -> pa.Array:
    """``pa.array([_s(v) for v in col])`` for a workbook column whose cells ``odd`` are not texts.  Numbers are
    written by Arrow where it writes what ``_s`` writes (Python's shortest repr; whole numbers without
    ``.0``): a finite float in Python's fixed-notation range (1e-4 <= |v| < 1e16, or +0.0) that Arrow does not
    write with an exponent, and any int of at most 15 digits.  The rest (dates, -0.0, NaN …) by ``_s``."""
    if len(odd) < 64:
        return pa.array([v if type(v) is str else _s(v) for v in col], type=pa.string())
    pos: list[np.ndarray] = []
    vals: list[pa.Array] = []
    done = np.zeros(len(col), dtype=bool)
    floats = np.fromiter((i for i, v in odd.items() if v.__class__ is float), dtype=np.int64)
    ints = np.fromiter((i for i, v in odd.items() if v.__class__ is int and -10 ** 15 < v < 10 ** 15), dtype=np.int64)
    if floats.size:
        nums = np.array([odd[i] for i in floats.tolist()], dtype=np.float64)
        texts = pa.array(nums).cast(pa.string())
        a = np.abs(nums)
        good = np.isfinite(nums) & (((a >= 1e-4) & (a < 1e16)) | ((nums == 0) & ~np.signbit(nums)))
        good &= ~np.asarray(pc.match_substring(texts, "e").to_numpy(zero_copy_only=False), dtype=bool)
        pos.append(floats[good])
        vals.append(texts.filter(pa.array(good)))
    if ints.size:
        pos.append(ints)
        vals.append(pa.array(np.array([odd[i] for i in ints.tolist()], dtype=np.int64)).cast(pa.string()))
    for p in pos:
        done[p] = True
    base = [v if type(v) is str else ("" if done[i] else _s(v)) for i, v in enumerate(col)]
    arr = pa.array(base, type=pa.string())
    if not pos:
        return arr
    at = np.concatenate(pos)
    order = np.argsort(at, kind="stable")
    repl = pa.concat_arrays(vals).take(pa.array(order))
    return pc.replace_with_mask(arr, pa.array(done), repl)


def _log_cell(ev: Any, moved: dict[int, list[str]], p: int, num: int, tidx: int, r: Any) -> None:
    """One cell's changes, issues and moved parts (a result converted by the steps one value at a time)."""
    for o, (step, tail) in enumerate(r.changes):
        ev.changes.add([p], 0, tidx, o, [_line(num, tail)], step)
    for o, (code, tail) in enumerate(r.issues):
        ev.issues.add([p], 0, tidx, o, [_line(num, tail)], code)
    if r.moved:
        moved.setdefault(p, []).extend(r.moved)


_JSON_STR: Callable[[str], str] = json.encoder.encode_basestring    # what json.dumps(ensure_ascii=False) uses


def _json_value(v: Any) -> str:
    if isinstance(v, str):
        return _JSON_STR(v)
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return int.__repr__(v)
    return json.dumps(v, ensure_ascii=False)


def _tail(d: dict[str, Any]) -> str:
    """The part of a JSON-lines entry after its "row": ``'{"row": ' + str(row) + tail`` — the bytes
    ``json.dumps(entry, ensure_ascii=False)`` writes, built without an encoder per line."""
    return "".join([", ", ", ".join(_JSON_STR(k) + ": " + _json_value(v) for k, v in d.items()), "}\n"])


def _line(row: int, tail: str) -> str:
    return '{"row": ' + str(row) + tail


@dataclass
class _Res:
    """What the steps do to one value of one target column."""

    value: str
    changed: bool
    changes: tuple[tuple[str, str], ...]   # (step, tail)
    issues: tuple[tuple[str, str], ...]    # (code, tail)
    moved: tuple[str, ...]                 # remarks parts
    clean: bool                            # unchanged, nothing logged or moved
    obj: Any = None                        # the output value when it is not text (kept typed on an issue)
    pending: bool = False                  # a time range the row's time-range rule splits or reports


class _Target:
    """One target column fed from the source (a column, several joined, or a constant)."""

    def __init__(self, conv: _Converter, t: str, tidx: int, fm: FieldMapping):
        from converters.pipeline import _MOVED_JA, _RANGE_PAIRS

        st = conv.st
        self.t, self.tidx, self.fm = t, tidx, fm
        self.spec: FieldSpec = st.specs[t]
        self.col = st.col.get(t)
        self.source = fm.source if fm.index is not None else ("+".join(fm.sources) if fm.indexes else None)
        self.ctx = conv.ctx
        if t == st.addr_code_fill and conv.ctx.options.get("fill_code"):
            # filled from the address, never with the publisher's code (_RowState.convert_row)
            self.ctx = StepContext(publisher_code=st.code, row=None, previous=None,
                                   options={**conv.ctx.options, "fill_code": False})
        self.disabled = st.opts.disabled_steps
        names = {s.name for s in DEFAULT_STEPS} - set(self.disabled or ())
        plan = column_plan(self.spec, DEFAULT_STEPS, names)
        self.universal = frozenset(s.name for s in plan if s.name in UNIVERSAL_STEPS)
        self.ditto = "ditto" in self.universal
        rules: list[SafeRule] = []
        self.fast = True
        for s in plan:
            if s.name in UNIVERSAL_STEPS:
                continue
            r = s.safe_rule(self.spec)
            if r is None:
                self.fast = False
            else:
                rules.append(r)
        self.rules = rules
        self.repeats: bool | None = None      # its values repeat (learnt from the first large batch, _rules_ok)
        self.pend = t in _RANGE_PAIRS and _RANGE_PAIRS[t] in st.col
        self.moved_ja = _MOVED_JA
        self.cache: dict[str, _Res] = {}
        # ditto, machine_dependent and text read digits as a class only: values of one digit shape share
        # a template for those steps; the typed steps after them must then provably do nothing (their rules)
        self.uni_names = frozenset(s.name for s in plan if s.name in UNIVERSAL_STEPS)
        self.typed_rules = rules if self.fast else None
        # the template runs the universal steps first and checks the typed steps' rules on their result: only
        # sound when no typed step comes before a universal one (multi_value turns a line break into ';'
        # before text would turn it into a space)
        first_typed = next((i for i, s in enumerate(plan) if s.name not in UNIVERSAL_STEPS), len(plan))
        in_order = all(s.name not in UNIVERSAL_STEPS for s in plan[first_typed:])
        self.digit_blind = bool(self.uni_names) and self.typed_rules is not None and in_order
        self.digit_tpls: dict[str, object] = {}
        self.head = (', "column": ' + _json_value(self.col) + ', "field": ' + _JSON_STR(t) + ', "source": '
                     + _json_value(self.source) + ', "before": ')
        self.ditto_cache: dict[tuple[str, Any], _Res] = {}
        self.typed_cache: dict[tuple[type, str], tuple[_Res, Any]] = {}
        # number cells of a number / integer field whose only typed step is coordinates or numbers
        typed_steps = [s for s in plan if s.name not in UNIVERSAL_STEPS]
        self.numeric: str | None = None
        self.numeric_rule: SafeRule | None = None
        if self.spec.type in ("number", "integer") and len(typed_steps) == 1 \
                and typed_steps[0].name in ("coordinates", "numbers"):
            step = typed_steps[0]
            self.numeric = "integer" if step.name == "numbers" and self.spec.type == "integer" else step.name
            self.numeric_rule = step.safe_rule(self.spec) if step.name == "coordinates" else None
        self.empty = self.result("")

    def result(self, v: str) -> _Res:
        r = self.cache.get(v)
        if r is not None:
            return r
        r = self._by_digits(v) if self.digit_blind else None
        if r is not None:
            return r                 # cheap from its template: not kept (such values are mostly unique)
        r = self._compute(v)
        if len(self.cache) >= CACHE_LIMIT:
            self.cache.clear()
        self.cache[v] = r
        return r

    def result_obj(self, v: Any) -> tuple[_Res, Any]:
        """The result of a typed cell, and the output value when it stays typed (None when it is text)."""
        key = (type(v), repr(v))
        hit = self.typed_cache.get(key)
        if hit is None:
            value, outcomes = normalise_value(v, self.spec, self.ctx, enabled=None, disabled=self.disabled)
            r = self._result(v, value, outcomes)
            hit = (r, r.obj)
            if len(self.typed_cache) >= CACHE_LIMIT:
                self.typed_cache.clear()
            self.typed_cache[key] = hit
        return hit

    def after(self, mark: str, prev: Any) -> _Res:
        """The result of a ditto mark given the previous output row's value of this field."""
        key = (mark, prev if prev is None or type(prev) is str else (type(prev), repr(prev)))
        r = self.ditto_cache.get(key)
        if r is None:
            ctx = StepContext(publisher_code=self.ctx.publisher_code, previous={self.t: prev},
                              options=self.ctx.options)
            r = self._compute(mark, ctx)
            if len(self.ditto_cache) >= CACHE_LIMIT:
                self.ditto_cache.clear()
            self.ditto_cache[key] = r
        return r

    def _compute(self, v: str, ctx: StepContext | None = None) -> _Res:
        value, outcomes = normalise_value(v, self.spec, ctx or self.ctx, enabled=None, disabled=self.disabled)
        return self._result(v, value, outcomes)

    def _result(self, v: Any, value: Any, outcomes: Any) -> _Res:
        changes: list[tuple[str, str]] = []
        issues: list[tuple[str, str]] = []
        moved: list[str] = []
        pending = False
        t = self.t
        for step_name, res in outcomes:
            if res.issue and res.issue.code == "time-range-splittable" and self.pend:
                pending = True  # the row's time-range rule reports it (such rows are special)
                continue
            if res.note_ja:
                changes.append((step_name, self.change_tail(_s(res.before), _s(res.value), step_name, res.note_ja,
                                                            res.note_en)))
            if res.issue:
                issues.append((res.issue.code, _tail({
                    "column": self.col, "field": t, "value": _s(v), "code": res.issue.code,
                    "message_ja": res.issue.message_ja, "message_en": res.issue.message_en})))
            if res.moved:
                moved.extend(f"{t}の{self.moved_ja.get(k, k)}: {mv}" for k, mv in res.moved.items())
        out = _s(value)
        obj = None if value is None or type(value) is str else value
        return _Res(out, out != v, tuple(changes), tuple(issues), tuple(moved), out == v and not outcomes, obj,
                    pending)

    def change_tail(self, before: str, after: str, step: str, ja: str | None, en: str | None) -> str:
        return "".join([self.head, _JSON_STR(before), ', "after": ', _JSON_STR(after), ', "step": ', _JSON_STR(step),
                        ', "note_ja": ', _json_value(ja), ', "note_en": ', _json_value(en), "}\n"])

    # values that differ only in their digits --------------------------------------------------------
    def _by_digits(self, v: str) -> _Res | None:
        """The result of a value from the template of its shape (digits as 0 / ０), when there is one.

        Only for fields whose steps are ditto, machine_dependent and text: they treat digits as a class
        (0-9, ０-９) and never read their values, so values of one shape change alike, digit for digit.
        The template is computed from two fillings of the shape (1 2 3 … and 2 3 4 …); it is used only
        when both results agree on everything but the digits, each digit lands at one place of the
        output, in order, and the log holds one change of the whole value (or nothing)."""
        key = v.translate(_DIGIT_KEY)
        if key == v and "0" not in key and "０" not in key:
            return None
        tpl = self._template(key)
        if tpl is None:
            return None
        digits = "".join(_DIGIT_RE.findall(v))
        if tpl.all_ascii:
            digits = digits.translate(_TO_ASCII_DIGIT)
        elif not tpl.all_same:
            digits = "".join(c.translate(_TO_ASCII_DIGIT) if a else c.translate(_TO_FULLWIDTH_DIGIT)
                             for c, a in zip(digits, tpl.ascii, strict=True))
        segs = tpl.segments
        value = "".join([x for pair in zip(segs, digits, strict=False) for x in pair]) + segs[-1]
        if self.typed_rules and not all(r.covers(value) for r in self.typed_rules):
            return None         # a typed step may still change or report it: the steps decide
        if tpl.step is None:
            return _Res(value, value != v, (), (), (), value == v)
        tail = self.change_tail(v, value, tpl.step, tpl.note_ja, tpl.note_en)
        return _Res(value, value != v, ((tpl.step, tail),), (), (), False)

    def _template(self, key: str) -> _DigitTemplate | None:
        tpl = self.digit_tpls.get(key, _MISSING)
        if tpl is _MISSING:
            tpl = self._digit_template(key)
            if len(self.digit_tpls) >= CACHE_LIMIT:
                self.digit_tpls.clear()
            self.digit_tpls[key] = tpl
        assert tpl is None or isinstance(tpl, _DigitTemplate)
        return tpl

    def results(self, arr: pa.Array, vals: list[str]) -> list[_Res]:
        """``[self.result(v) for v in vals]`` for the distinct values ``vals`` (``arr`` holds them as Arrow): the
        values of a digit shape with a template are written all at once (``_bulk_by_digits``)."""
        bulk = self._bulk_by_digits(arr, vals) if self.digit_blind and len(vals) >= BULK_MIN else {}
        return [r if (r := bulk.get(k)) is not None else self.result(v) for k, v in enumerate(vals)]

    def _bulk_by_digits(self, arr: pa.Array, vals: list[str]) -> dict[int, _Res]:
        """``_by_digits`` for many values at once: the values of one digit shape have the same UTF-8 layout (a
        digit is 1 byte, a full-width one 3), so their digits are read from a byte matrix and written between
        the template's segments with numpy.  Groups the template does not settle alone (a typed rule that does not
        cover an output, text the JSON log would escape) are left to ``result``."""
        out: dict[int, _Res] = {}
        if arr.null_count:
            return out
        keys = pc.replace_substring_regex(pc.replace_substring_regex(arr, "[0-9]", "0"), "[０-９]", "０")
        has = np.asarray(pc.match_substring_regex(arr, "[0-9０-９]").to_numpy(zero_copy_only=False), dtype=bool)
        enc = keys.dictionary_encode()
        kidx = np.asarray(enc.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
        counts = np.bincount(kidx[has], minlength=len(enc.dictionary))
        big = np.flatnonzero(counts >= BULK_GROUP_MIN)
        if counts[big].sum() * 3 < len(vals):
            return out              # mostly small groups: one by one is as fast
        kidx = np.where(has, kidx, -1)
        order = np.argsort(kidx, kind="stable")
        first = np.searchsorted(kidx[order], big)
        bufs = arr.buffers()
        offs = np.frombuffer(bufs[1], dtype=np.int32, count=len(arr) + 1, offset=arr.offset * 4).astype(np.int64)
        data = np.frombuffer(bufs[2], dtype=np.uint8) if bufs[2] is not None else np.zeros(0, dtype=np.uint8)
        kdict = enc.dictionary
        for g, at in zip(big.tolist(), first.tolist(), strict=True):
            members = order[at:at + int(counts[g])]
            key = kdict[g].as_py()
            tpl = self._template(key)
            if tpl is None or _JSON_ESCAPED.search(key) or any(_JSON_ESCAPED.search(x) for x in tpl.segments):
                continue
            done = self._bulk_group(key, tpl, members, offs, data, vals)
            if done:
                out.update(done)
        return out

    def _bulk_group(self, key: str, tpl: _DigitTemplate, members: np.ndarray, offs: np.ndarray, data: np.ndarray,
                    vals: list[str]) -> dict[int, _Res] | None:
        places: list[tuple[int, bool]] = []       # (byte offset, ASCII) of each digit of the key
        b = 0
        for c in key:
            if c == "0":
                places.append((b, True))
                b += 1
            elif c == "０":
                places.append((b, False))
                b += 3
            else:
                b += len(c.encode("utf-8"))
        width = b
        starts = offs[members]
        if not np.all(offs[members + 1] - starts == width):
            return None
        mat = data[starts[:, None] + np.arange(width, dtype=np.int64)]
        parts: list[np.ndarray] = []
        m = len(members)
        for k, seg in enumerate(tpl.segments):
            if seg:
                parts.append(np.broadcast_to(np.frombuffer(seg.encode("utf-8"), dtype=np.uint8), (m, len(seg.encode("utf-8")))))
            if k == len(places):
                break
            pos, ascii_in = places[k]
            if tpl.all_same:
                parts.append(mat[:, pos:pos + (1 if ascii_in else 3)])
                continue
            digit = mat[:, pos] - 0x30 if ascii_in else mat[:, pos + 2] - 0x90
            if tpl.all_ascii or tpl.ascii[k]:
                parts.append((digit + 0x30).astype(np.uint8)[:, None])
            else:
                fw = np.empty((m, 3), dtype=np.uint8)
                fw[:, 0], fw[:, 1], fw[:, 2] = 0xEF, 0xBC, digit + 0x90
                parts.append(fw)
        outm = np.ascontiguousarray(np.concatenate(parts, axis=1) if parts else np.zeros((m, 0), dtype=np.uint8))
        wout = outm.shape[1]
        new = pa.StringArray.from_buffers(m, pa.py_buffer((np.arange(m + 1, dtype=np.int32) * wout).tobytes()),
                                          pa.py_buffer(outm.tobytes()))
        if self.typed_rules:
            ok = np.ones(m, dtype=bool)
            for r in self.typed_rules:
                ok &= _rule_ok(new, r)
        else:
            ok = np.ones(m, dtype=bool)
        changed = np.ones(m, dtype=bool) if wout != width else (outm != mat).any(axis=1)
        values = new.to_pylist()
        res: dict[int, _Res] = {}
        if tpl.step is None:
            for i, v, c, good in zip(members.tolist(), values, changed.tolist(), ok.tolist(), strict=True):
                if good:
                    res[i] = _Res(v, c, (), (), (), not c)
            return res
        step, mid = tpl.step, ", \"step\": " + _JSON_STR(tpl.step) + ", \"note_ja\": " + _json_value(tpl.note_ja) \
            + ", \"note_en\": " + _json_value(tpl.note_en) + "}\n"
        head = self.head
        for i, v, c, good in zip(members.tolist(), values, changed.tolist(), ok.tolist(), strict=True):
            if good:
                before = vals[i]
                res[i] = _Res(v, c, ((step, "".join([head, '"', before, '", "after": "', v, '"', mid])),), (), (), False)
        return res

    def _digit_template(self, key: str) -> _DigitTemplate | None:
        n = sum(1 for c in key if c in "0０")
        fills = []
        for seq in _FILLS:
            it = iter(range(n))
            val = "".join(((seq[next(it) % 9]) if c == "0" else chr(ord(seq[next(it) % 9]) + 0xFEE0))
                          if c in "0０" else c for c in key)
            value, outcomes = normalise_value(val, self.spec, self.ctx, enabled=self.uni_names, disabled=self.disabled)
            if not isinstance(value, str) or any(o.issue is not None or o.moved for o in outcomes) or len(outcomes) > 1:
                return None
            if outcomes and (outcomes[0].before != val or outcomes[0].value != value or not outcomes[0].note_ja):
                return None
            fills.append((val, value, outcomes))
        (_, ra, oa), (_, rb, ob) = fills
        if len(ra) != len(rb) or bool(oa) != bool(ob):
            return None
        if oa and (oa[0].step, oa[0].note_ja, oa[0].note_en) != (ob[0].step, ob[0].note_ja, ob[0].note_en):
            return None
        places = [i for i, (x, y) in enumerate(zip(ra, rb, strict=True)) if x != y]
        if len(places) != n:
            return None
        ascii_out = []
        for k, pos in enumerate(places):
            a, b = _FILLS[0][k % 9], _FILLS[1][k % 9]
            if (ra[pos], rb[pos]) == (a, b):
                ascii_out.append(True)
            elif (ra[pos], rb[pos]) == (chr(ord(a) + 0xFEE0), chr(ord(b) + 0xFEE0)):
                ascii_out.append(False)
            else:
                return None
        segs = tuple(ra[a + 1:b] for a, b in zip([-1, *places], [*places, len(ra)], strict=True))
        if not oa:
            return _DigitTemplate(segs, tuple(ascii_out), None, None, None)
        return _DigitTemplate(segs, tuple(ascii_out), oa[0].step, oa[0].note_ja, oa[0].note_en)


BULK_MIN = 256            # distinct values of a batch column from which _bulk_by_digits is tried
BULK_GROUP_MIN = 32       # values of one digit shape written at once (fewer: one by one)
_JSON_ESCAPED = re.compile('[\x00-\x1f"\\\\]')   # what json's encode_basestring escapes
_DIGIT_SET = frozenset("0123456789０１２３４５６７８９")
_DIGIT_RE = re.compile("[0-9０-９]")
_FILLS = ("123456789", "234567891")          # two fillings that differ at every digit
_DIGIT_KEY = str.maketrans("0123456789０１２３４５６７８９", "0000000000００００００００００")
_TO_ASCII_DIGIT = str.maketrans("０１２３４５６７８９", "0123456789")
_TO_FULLWIDTH_DIGIT = str.maketrans("0123456789", "０１２３４５６７８９")
_MISSING = object()
_NONE = np.zeros(0, dtype=np.int64)


@dataclass(frozen=True)
class _DigitTemplate:
    segments: tuple[str, ...]    # the output around its digits (one more than digits)
    ascii: tuple[bool, ...]      # each digit written half-width (else as given, full-width)
    step: str | None             # the one change logged (None: the value passes unchanged)
    note_ja: str | None
    note_en: str | None

    @property
    def all_ascii(self) -> bool:
        return all(self.ascii)

    @property
    def all_same(self) -> bool:
        return not any(self.ascii)


_PLAIN_NUMBER = "^-?[0-9]+(?:\\.[0-9]+)?$"


def _numbers_as_text(tc: _Target, typed: np.ndarray, objs: dict[int, Any]) -> tuple[np.ndarray, pa.Array]:
    """Number cells of a number / integer field whose steps provably write them as ``format_float`` text
    with nothing logged: (done per typed cell, the texts).  Arrow's shortest round-trip text of a float is
    ``format_float``'s when it is plain and has at most 15 digits (tests check it), and has no "." exactly
    when the float is integral; the coordinates rule must cover the text, an integer field needs no ".".
    The text step leaves numbers alone in such fields, ditto and machine_dependent read only text."""
    vals = [objs[p] for p in typed.tolist()]
    kinds = np.array([type(v) is float or type(v) is int for v in vals], dtype=bool)
    done = np.zeros(len(vals), dtype=bool)
    if not kinds.any():
        return done, pa.array([""] * len(vals), type=pa.string())
    nums = [float(v) if k else 0.0 for v, k in zip(vals, kinds, strict=True)]
    f = np.array(nums, dtype=np.float64)
    ints = np.array([type(v) is int for v in vals], dtype=bool)
    texts = pa.array(f, type=pa.float64()).cast(pa.string())
    if ints.any():          # an int's own text (format_float(float(i)) is the same below 10**15)
        texts = pc.if_else(pa.array(ints), pa.array([str(v) if type(v) is int else "" for v in vals],
                                                    type=pa.string()), texts)
    plain = np.asarray(pc.match_substring_regex(texts, _PLAIN_NUMBER).to_numpy(zero_copy_only=False), dtype=bool)
    lens = np.asarray(pc.utf8_length(texts).to_numpy(zero_copy_only=False), dtype=np.int64)
    has_dot = np.asarray(pc.match_substring(texts, ".").to_numpy(zero_copy_only=False), dtype=bool)
    digits = lens - has_dot - (f < 0)
    ok = kinds & plain & (digits <= 15) & (f != 0) & np.isfinite(f) & (np.abs(f) < 1e15)
    if tc.numeric == "integer":
        ok &= ~has_dot
    elif tc.numeric_rule is not None:
        ok &= _rule_ok(texts, tc.numeric_rule)
    return ok, texts


class _Log:
    """One log file's lines of a batch, in chunks, sorted into the row path's order when written:
    (row position, phase, target, step order).  A chunk's lines are a list or an Arrow string array;
    ``keys`` are what each line counts as (a step or an issue code; None when counted already)."""

    def __init__(self) -> None:
        self.chunks: list[tuple[np.ndarray, Any, Any, Any, Any, Any]] = []

    def add(self, pos: np.ndarray | list[int], phase: int | np.ndarray, tidx: int | np.ndarray,
            oidx: int | np.ndarray, lines: list[str] | pa.Array, keys: str | list[str | None] | None) -> None:
        if len(lines):
            self.chunks.append((np.asarray(pos, dtype=np.int64), phase, tidx, oidx, lines, keys))

    def drop(self, rows: set[int]) -> None:
        """Forget the lines of these rows (converted again by the reference code)."""
        out = []
        for pos, phase, tidx, oidx, lines, keys in self.chunks:
            keep = np.array([p not in rows for p in pos.tolist()], dtype=bool)
            if keep.all():
                out.append((pos, phase, tidx, oidx, lines, keys))
            elif keep.any():
                k = np.flatnonzero(keep)
                lines_k = lines.take(pa.array(k)) if isinstance(lines, pa.Array) else [lines[i] for i in k.tolist()]
                keys_k = [keys[i] for i in k.tolist()] if isinstance(keys, list) else keys
                out.append((pos[k], _pick(phase, k), _pick(tidx, k), _pick(oidx, k), lines_k, keys_k))
        self.chunks = out

    def flush(self, f: IO[str], counts: Any) -> None:
        if not self.chunks:
            return
        n = [len(c[0]) for c in self.chunks]
        pos = np.concatenate([c[0] for c in self.chunks])
        cols = [np.concatenate([np.broadcast_to(np.asarray(c[j], dtype=np.int64), (k,)) for c, k in zip(self.chunks, n, strict=True)])
                for j in (1, 2, 3)]
        order = np.lexsort((cols[2], cols[1], cols[0], pos))
        lines = pa.concat_arrays([c[4] if isinstance(c[4], pa.Array) else pa.array(c[4], type=pa.string())
                                  for c in self.chunks]).take(pa.array(order))
        bufs = lines.buffers()
        offs = np.frombuffer(bufs[1], dtype=np.int32, count=len(lines) + 1, offset=lines.offset * 4)
        raw = memoryview(bufs[2])[int(offs[0]):int(offs[-1])]
        buffer = getattr(f, "buffer", None)
        if buffer is not None and os.linesep == "\n" and getattr(f, "encoding", "").lower().replace("-", "") == "utf8":
            f.flush()               # the UTF-8 bytes as they are: a text write would decode and encode them again
            buffer.write(raw)
        else:
            f.write(bytes(raw).decode("utf-8"))
        # counted in the order the keys first occur in the written lines (the counts' order is reported)
        names: dict[str, int] = {}
        codes = np.concatenate([
            np.full(k, names.setdefault(c[5], len(names)) if isinstance(c[5], str) else -1, dtype=np.int64)
            if not isinstance(c[5], list) else
            np.array([names.setdefault(x, len(names)) if x is not None else -1 for x in c[5]], dtype=np.int64)
            for c, k in zip(self.chunks, n, strict=True)])[order]
        if names:
            valid = codes >= 0
            uniq, first, cnt = np.unique(codes[valid], return_index=True, return_counts=True)
            by_name = {v: k for k, v in names.items()}
            for i in np.argsort(first, kind="stable").tolist():
                counts[by_name[int(uniq[i])]] += int(cnt[i])
        self.chunks = []


def _pick(x: Any, k: np.ndarray) -> Any:
    return x[k] if isinstance(x, np.ndarray) else x


@dataclass
class _Events:
    changes: _Log
    issues: _Log


def _json_str_plain(arr: pa.Array) -> np.ndarray:
    """Per value: nothing that JSON escapes (control characters, '"', '\\'), so "value" is its JSON string."""
    c = _Col(arr)
    bad = np.zeros(c.n, dtype=bool)
    if len(c.data):
        hits = np.flatnonzero((c.data < 0x20) | (c.data == 0x22) | (c.data == 0x5C))
        if hits.size:
            bad[np.searchsorted(c.offs, hits, side="right") - 1] = True
    return ~bad


def _json_strs(arr: pa.Array) -> pa.Array:
    """Every value as a JSON string (what json.dumps(ensure_ascii=False) writes), vectorised."""
    plain = _json_str_plain(arr)
    out = pc.binary_join_element_wise('"', arr, '"', "")
    if not plain.all():
        bad = np.flatnonzero(~plain)
        out = pc.replace_with_mask(out, pa.array(~plain), pa.array(
            [_JSON_STR(v) for v in arr.take(pa.array(bad)).to_pylist()], type=pa.string()))
    return out


def _groups(codes: np.ndarray, keys: list[int]) -> dict[int, np.ndarray]:
    """Positions (in order) of each key in ``codes``."""
    if len(keys) == 1:
        return {keys[0]: np.flatnonzero(codes == keys[0])}
    karr = np.array(keys, dtype=np.int64)
    hit = np.flatnonzero(np.isin(codes, karr))
    order = np.argsort(codes[hit], kind="stable")
    pos = hit[order]
    sc = codes[pos]
    a = np.searchsorted(sc, karr, side="left")
    b = np.searchsorted(sc, karr, side="right")
    return {k: pos[i:j] for k, i, j in zip(keys, a.tolist(), b.tolist(), strict=True)}


# --- addresses ------------------------------------------------------------------------------------
_ADDRESS_TEXT = ("full", "town", "block", "building", "note_ja", "note_en")     # may hold the lot number
_ADDRESS_SAME = ("prefecture", "city", "code", "unsure", "lacking")             # may not


def _split_fields(p: Any) -> dict[str, Any]:
    return {"full": p.full, "prefecture": p.prefecture, "city": p.city, "town": p.town, "block": p.block,
            "building": p.building, "code": p.code or "", "note_ja": "；".join(ja for ja, _ in p.notes),
            "note_en": "; ".join(en for _, en in p.notes), "unsure": tuple(p.unsure),
            "lacking": tuple(p.lacking)}


class _AddressSplits:
    """``split_address`` for a column of texts, with the same results, without calling it per distinct text.

    Most addresses are a text H, a lot number L (116-5, 3-1-20) and maybe a building name T.  The
    splitter reads L's digits only for their shape (how many, where the hyphens are), never their
    values, so it is called once per (H, shape of L, T) with L written twice, all 1s and all 9s: when
    both results hold L at the same place and agree everywhere else, that place is where any L of that
    shape goes (a template).  Otherwise, and for every text of another form, the splitter itself runs
    (cached per distinct text).  Tests compare both on generated and real addresses.
    """

    def __init__(self, prefecture: str | None, code: str | None, file_prefecture: str | None = None):
        self.prefecture, self.code, self.file_prefecture = prefecture, code, file_prefecture
        self.templates: dict[tuple[str, str, str, str], dict[str, tuple[str, str, bool]] | None] = {}
        self.direct: dict[tuple[str, str], dict[str, Any]] = {}
        self.by_key: dict[tuple[str, bool], tuple[dict[str, tuple[str, str, bool]], tuple[str, str, str]] | None] = {}

    def _split(self, text: str, record: str) -> dict[str, Any]:
        from converters.jp.address import split_address

        return _split_fields(split_address(text, default_prefecture=self.prefecture, default_city_code=self.code,
                                           record_code=record or None, file_prefecture=self.file_prefecture))

    def split(self, text: str, record: str = "") -> dict[str, Any]:
        r = self.direct.get((record, text))
        if r is None:
            r = self._split(text, record)
            if len(self.direct) >= ADDRESS_CACHE_LIMIT:
                self.direct.clear()
            self.direct[(record, text)] = r
        return r

    def template(self, h: str, shape: str, t: str, record: str = "") -> dict[str, tuple[str, str, bool]] | None:
        key = (h, shape, t, record)
        if key in self.templates:
            return self.templates[key]
        l1, l9 = shape.replace("0", "1"), shape.replace("0", "9")
        r1 = self._split(h + l1 + t, record)
        r9 = self._split(h + l9 + t, record)
        tpl: dict[str, tuple[str, str, bool]] | None = {}
        assert tpl is not None
        for k in _ADDRESS_SAME:
            if r1[k] != r9[k]:
                tpl = None
                break
            tpl[k] = (r1[k], "", False)
        if tpl is not None:
            for k in _ADDRESS_TEXT:
                a, b = r1[k], r9[k]
                if a == b:
                    tpl[k] = (a, "", False)
                    continue
                i = next((j for j, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), -1)
                m = len(l1)
                if (i < 0 or len(a) != len(b) or a[i:i + m] != l1 or b[i:i + m] != l9
                        or a[:i] != b[:i] or a[i + m:] != b[i + m:]):
                    tpl = None
                    break
                tpl[k] = (a[:i], a[i + m:], True)
        if len(self.templates) >= ADDRESS_CACHE_LIMIT:
            self.templates.clear()
        self.templates[key] = tpl
        return tpl

    def keyed(self, key: str, with_record: bool) -> tuple[dict[str, tuple[str, str, bool]], tuple[str, str, str]] | None:
        """The template of a key of ``_lot_key`` (``record`` U+001F key when ``with_record``) and its (text before,
        lot shape, tail); None when there is none.  Cached per key: the same keys come back in every batch."""
        ck = (key, with_record)
        if ck in self.by_key:
            return self.by_key[ck]
        record, _, k = key.partition("\x1f") if with_record else ("", "", key)
        m = _KEY_RE.fullmatch(k)
        out = None
        if m is not None:
            shape = m[2].replace("\x01", "0")
            tpl = self.template(m[1], shape, m[3], record)
            if tpl is not None:
                out = (tpl, (m[1], shape, m[3]))
        if len(self.by_key) >= ADDRESS_CACHE_LIMIT:
            self.by_key.clear()
        self.by_key[ck] = out
        return out

    def rows(self, texts: pa.Array, records: pa.Array | None = None) -> _SplitRows:
        """The splits of ``texts``; ``records`` holds per text the code its record names ('' for none)."""
        return _SplitRows(self, texts, records)


# a template key: the text with the lot's digits written as U+0001 (which a matched text never holds)
_KEY_RE = re.compile("(?s)(.*?)(\x01+(?:-\x01+)*)(.*)")


def _unique_rows(idx: np.ndarray, sizes: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(idx, axis=0, return_inverse=True)`` for rows of dictionary indices (column j < sizes[j]).

    The rows are packed into one int64 per row (mixed radix) so numpy sorts plain integers: about 100×
    faster than ``axis=0``, which sorts a structured view.  Same order and result (the packing keeps the
    lexicographic order when the first column is the most significant)."""
    total = 1
    for s in sizes:
        total *= max(s, 1)
    if total >= 1 << 62:
        uniq, inverse = np.unique(idx, axis=0, return_inverse=True)
        return uniq, inverse.reshape(-1)
    key = np.zeros(len(idx), dtype=np.int64)
    for j, s in enumerate(sizes):
        key = key * max(s, 1) + idx[:, j]
    ukey, inverse = np.unique(key, return_inverse=True)
    uniq = np.empty((len(ukey), len(sizes)), dtype=np.int64)
    for j in range(len(sizes) - 1, -1, -1):
        s = max(sizes[j], 1)
        uniq[:, j] = ukey % s
        ukey = ukey // s
    return uniq, inverse.reshape(-1)


def _lot_key(col: _Col) -> tuple[np.ndarray, np.ndarray, np.ndarray, pa.Array]:
    """Per text: where is its lot number (116-5, 3-1-20)?  The lot ends at the first digit followed by a space
    or U+3000 (a building name with any characters may follow: ``324-22 県営住宅2号棟``), or else at the last
    digit when the text ends there.  Returns (matched, lot start, lot end) as byte offsets into ``col.data``,
    and the texts with the lot's digits written as U+0001 (the template key: the text before, the lot's
    shape, the tail)."""
    d, offs, n = col.data, col.offs, col.n
    starts, ends = offs[:-1], offs[1:]
    ls = np.zeros(n, dtype=np.int64)
    le = np.zeros(n, dtype=np.int64)
    dl = np.flatnonzero(((d >= 0x30) & (d <= 0x39)) | (d == 0x2D))       # digits and hyphens
    dig = dl[d[dl] != 0x2D]
    if not dig.size:
        return np.zeros(n, dtype=bool), ls, le, col.arr
    last = len(d) - 1
    # digits followed by a space / U+3000 (E3 80 80): the first one in a text ends its lot
    nx = np.minimum(dig + 1, last)
    spaced = dig[(dig + 1 <= last) & ((d[nx] == 0x20) | ((d[nx] == 0xE3) & (d[np.minimum(nx + 1, last)] == 0x80)
                                                          & (d[np.minimum(nx + 2, last)] == 0x80)))]
    if spaced.size:
        j = np.searchsorted(spaced, starts)                   # the first such digit at or after each text's start
        first_sp = spaced[np.minimum(j, spaced.size - 1)]
        has_sp = (j < spaced.size) & (first_sp < ends - 1)   # ... and before its last byte (the space is inside)
    else:
        first_sp = np.full(n, -1, dtype=np.int64)
        has_sp = np.zeros(n, dtype=bool)
    # otherwise the last digit of each text, which must end it
    k = np.searchsorted(dig, ends) - 1
    lastd = np.where(k >= 0, dig[np.maximum(k, 0)], -1)
    ok = (lastd >= starts) & (lastd + 1 == ends)
    lastd = np.where(has_sp, first_sp, lastd)
    ok |= has_sp
    # the lot: the run of digits and hyphens that ends there, after a text that is not empty
    run_first = np.ones(dl.size, dtype=bool)
    run_first[1:] = dl[1:] != dl[:-1] + 1
    run_starts = dl[run_first]
    r = np.searchsorted(run_starts, lastd, side="right") - 1
    lot_start = np.where(r >= 0, run_starts[np.maximum(r, 0)], -1)
    ok &= lot_start > starts
    first = d[np.clip(lot_start, 0, last)]
    ok &= (first != 0x30) & (first != 0x2D)                   # no leading zero, no leading hyphen
    hy = dl[d[dl] == 0x2D]
    hy = hy[hy < last]
    bad = hy[(d[hy + 1] == 0x2D) | (d[hy + 1] == 0x30)]      # -- or -0 inside a lot
    if bad.size:
        cell = np.searchsorted(offs, bad, side="right") - 1
        inside = (bad >= lot_start[cell]) & (bad <= lastd[cell])
        ok[cell[inside]] = False
    ctrl = np.flatnonzero(d == 0x01)                          # the key's marker in the text itself: no template
    if ctrl.size:
        ok[np.searchsorted(offs, ctrl, side="right") - 1] = False
    matched = ok
    ls = np.where(ok, lot_start, 0)
    le = np.where(ok, lastd + 1, 0)
    key_data = d.copy()
    in_lot = np.zeros(len(d) + 1, dtype=np.int8)
    in_lot[ls[ok]] += 1
    in_lot[le[ok]] -= 1
    key_data[(np.cumsum(in_lot[:-1], dtype=np.int8) > 0) & (key_data != 0x2D)] = 0x01
    key = pa.StringArray.from_buffers(n, pa.py_buffer(offs.astype(np.int32).tobytes()), pa.py_buffer(key_data.tobytes()))
    return matched, ls, le, key


class _SplitRows:
    """The address split of a column of (non-empty) texts, built field by field when asked."""

    def __init__(self, owner: _AddressSplits, texts: pa.Array, records: pa.Array | None = None):
        self.texts = texts
        self.n = n = len(texts)
        col = _Col(texts)
        matched, ls, le, key = _lot_key(col)
        if records is not None:
            key = pc.binary_join_element_wise(records, key, "\x1f")      # a record code never holds U+001F
        self.col, self.ls, self.le = col, ls, le
        self.codes = np.full(n, -1, dtype=np.int64)
        self.tpls: list[dict[str, tuple[str, str, bool]]] = []
        self.keys: list[tuple[str, str, str]] = []
        rows = np.flatnonzero(matched)
        if rows.size:
            enc = key.take(pa.array(rows)).dictionary_encode()
            kc = np.asarray(enc.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
            index: list[int] = []
            for k in enc.dictionary.to_pylist():
                found = owner.keyed(k, records is not None)
                if found is not None:
                    index.append(len(self.tpls))
                    self.tpls.append(found[0])
                    self.keys.append(found[1])
                else:
                    index.append(-1)
            idx = np.array([*index, -1], dtype=np.int64)
            self.codes[rows] = idx[kc]
        self.direct = np.flatnonzero(self.codes < 0)
        if self.direct.size:
            sel = pa.array(self.direct)
            recs = records.take(sel).to_pylist() if records is not None else [""] * len(self.direct)
            self.direct_res = [owner.split(v, r) for v, r in zip(texts.take(sel).to_pylist(), recs, strict=True)]
        else:
            self.direct_res = []
        self.unsure: dict[int, tuple[str, ...]] = {}
        self.lacking: dict[int, tuple[str, ...]] = {}      # the unsure parts the text lacks (AddressParts.lacking)
        bad = [k for k, t in enumerate(self.tpls) if t["unsure"][0]]
        if bad:
            for r in np.flatnonzero(np.isin(self.codes, np.array(bad, dtype=np.int64))).tolist():
                tpl = self.tpls[int(self.codes[r])]
                self.unsure[r] = tuple(tpl["unsure"][0])
                if tpl["lacking"][0]:
                    self.lacking[r] = tuple(tpl["lacking"][0])
        for r, res in zip(self.direct.tolist(), self.direct_res, strict=True):
            if res["unsure"]:
                self.unsure[r] = res["unsure"]
                if res["lacking"]:
                    self.lacking[r] = res["lacking"]
        self.unsure = dict(sorted(self.unsure.items()))
        self._lot: pa.Array | None = None

    def _key_flags(self, test: Any) -> np.ndarray:
        return np.array([bool(test(t, k)) for t, k in zip(self.tpls, self.keys, strict=True)] + [False], dtype=bool)

    def full_changed(self) -> np.ndarray:
        """Per text: the split's 所在地_連結表記 is not empty and differs from the text."""
        same = self._key_flags(lambda t, k: t["full"] == (k[0], k[2], True))
        nonempty = self._key_flags(lambda t, k: t["full"] != ("", "", False))
        c = np.where(self.codes >= 0, self.codes, len(self.tpls))
        out = ~same[c] & nonempty[c]
        if self.direct.size:
            texts = self.texts.take(pa.array(self.direct)).to_pylist()
            out[self.direct] = [bool(r["full"]) and r["full"] != t for r, t in zip(self.direct_res, texts, strict=True)]
        return out

    def lot(self) -> pa.Array:
        if self._lot is None:
            d = self.col.data
            lens = self.le - self.ls
            mark = np.zeros(len(d) + 1, dtype=np.int8)
            ok = lens > 0
            mark[self.ls[ok]] += 1
            mark[self.le[ok]] -= 1
            data = d[np.cumsum(mark[:-1], dtype=np.int8) > 0]
            offs = np.zeros(self.n + 1, dtype=np.int32)
            np.cumsum(lens, out=offs[1:])
            self._lot = pa.StringArray.from_buffers(self.n, pa.py_buffer(offs.tobytes()), pa.py_buffer(data.tobytes()))
        return self._lot

    def field(self, name: str, rows: np.ndarray | None = None) -> pa.Array:
        """One field of the split for every text (or for ``rows`` only)."""
        codes = self.codes if rows is None else self.codes[rows]
        n = len(codes)
        safe = pa.array(np.where(codes >= 0, codes, 0))
        tpls = self.tpls or [dict.fromkeys([*_ADDRESS_TEXT, *_ADDRESS_SAME], ("", "", False))]
        pre = pa.array([t[name][0] for t in tpls], type=pa.string()).take(safe)
        if name in _ADDRESS_TEXT:
            post = pa.array([t[name][1] for t in tpls], type=pa.string()).take(safe)
            has = pa.array([t[name][2] for t in tpls]).take(safe)
            lot = self.lot() if rows is None else self.lot().take(pa.array(rows))
            out = pc.binary_join_element_wise(pre, pc.if_else(has, lot, ""), post, "")
        else:
            out = pre
        direct = np.flatnonzero(codes < 0)
        if direct.size:
            which = self.direct if rows is None else rows[direct]
            pos = np.searchsorted(self.direct, which)
            mask = np.zeros(n, dtype=bool)
            mask[direct] = True
            out = pc.replace_with_mask(out, pa.array(mask),
                                       pa.array([self.direct_res[i][name] for i in pos.tolist()], type=pa.string()))
        return out


def _joined(cols: list[pa.Array], sep: str) -> pa.Array:
    """Per row: the cells' text stripped, the non-empty ones joined with ``sep`` (the row path's combined
    mapping), computed once per distinct combination."""
    encs = [c.dictionary_encode() for c in cols]
    texts = [e.dictionary.to_pylist() for e in encs]
    codes = np.stack([np.asarray(e.indices.to_numpy(zero_copy_only=False), dtype=np.int64) for e in encs], axis=1)
    uniq, inverse = np.unique(codes, axis=0, return_inverse=True)
    joined = [sep.join(p for p in (texts[j][u].strip() for j, u in enumerate(row)) if p) for row in uniq.tolist()]
    return pa.array(joined, type=pa.string()).take(pa.array(inverse.reshape(-1)))


class _Bounded(io.RawIOBase):
    """The next ``n`` bytes of an open file, as a file (pyarrow reads a CSV up to a part's end)."""

    def __init__(self, f: Any, n: int):
        self.f, self.left = f, n

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        if self.left <= 0:
            return 0
        data = self.f.read(min(len(b), self.left))
        n = len(data)
        b[:n] = data
        self.left -= n
        return n


def _grouped(batches: Iterator[tuple[np.ndarray, list[pa.Array]]],
             rows: int) -> Iterator[tuple[np.ndarray, list[pa.Array]]]:
    """Consecutive batches joined until they hold at least ``rows`` rows."""
    pending: list[tuple[np.ndarray, list[pa.Array]]] = []
    count = 0

    def joined() -> tuple[np.ndarray, list[pa.Array]]:
        if len(pending) == 1:
            return pending[0]
        numbers = np.concatenate([p[0] for p in pending])
        cols = [pa.concat_arrays([(p[1][j].combine_chunks() if isinstance(p[1][j], pa.ChunkedArray) else p[1][j])
                                  for p in pending]) for j in range(len(pending[0][1]))]
        return numbers, cols

    for numbers, cols in batches:
        pending.append((numbers, cols))
        count += len(numbers)
        if count >= rows:
            yield joined()
            pending, count = [], 0
    if pending:
        yield joined()


class _Converter:
    def __init__(self, table: SourceTable, st: _RowState, opts: ConvertOptions, targets: list[str],
                 fo: IO[bytes], fc: IO[str], fi: IO[str]):
        from converters.pipeline import _RANGE_PAIRS, REMARKS
        from converters.readers.csv_reader import CsvRows

        rows = table.rows
        self.in_memory: list[Any] | None = rows if isinstance(rows, list) else None
        assert self.in_memory is not None or isinstance(rows, CsvRows)
        self.table, self.st, self.opts, self.targets = table, st, opts, targets
        self.rows: Any = rows                    # CsvRows for a CSV (its plan, path, encoding, skipped rows)
        self.fo, self.fc, self.fi = fo, fc, fi
        self.ncols = len(table.header)
        self.ctx = StepContext(publisher_code=st.code, row=None, previous=None,
                               options={"fill_code": opts.fill_code})
        fields = st.mapping.fields
        self.tcols: list[_Target] = []
        for i, t in enumerate(targets):
            fm = fields.get(t)
            if fm is None or fm.derive:
                continue
            if fm.index is None and not fm.indexes and fm.constant is None:
                raise ColumnarUnsupported(f"{t}: a mapping without a source")
            if (fm.index is not None and fm.index >= self.ncols) or any(j >= self.ncols for j in fm.indexes):
                raise ColumnarUnsupported(f"{t}: a column beyond the table")
            self.tcols.append(_Target(self, t, i, fm))
        self.in_out = {tc.t for tc in self.tcols}       # the targets the row path puts in ``out`` first
        self.remarks = REMARKS if REMARKS in st.specs else None
        self.range_pairs = [(a, b) for a, b in _RANGE_PAIRS.items() if a in self.in_out]
        self.coords = "緯度" in self.in_out and "経度" in self.in_out
        self.addr_field = ("所在地_連結表記" if "所在地_連結表記" in self.in_out
                           else ("住所" if "住所" in self.in_out else None))
        lg = st.lg
        self.localgov: dict[str, str] = {}
        if lg is not None:
            for t, fm in fields.items():
                if fm.derive in ("localgov-name", "localgov-pref", "localgov-city"):
                    self.localgov[t] = {"localgov-name": lg.full_name, "localgov-pref": lg.prefecture,
                                        "localgov-city": lg.city}[fm.derive]
        self.copies = {t: fm.derive[5:] for t, fm in fields.items() if fm.derive and fm.derive.startswith("copy:")}
        self._splits = _AddressSplits(st.lg.prefecture if st.lg else None, st.code, st.file_prefecture)
        # fields the row rules may still change after the steps (their 同上 needs the whole previous row)
        self.rewritten = {f for f in (self.addr_field, self.remarks) if f} | {x for pair in self.range_pairs for x in pair}
        if self.coords:
            self.rewritten |= {"緯度", "経度"}
        self._ditto_rows: list[np.ndarray] = []
        self.unmapped = []
        for i in st.unmapped_idx:
            name = st.header[i] if i < len(st.header) else ""
            to_remarks = bool(opts.extra_to_remarks and name not in st.ignore and self.remarks)
            self.unmapped.append((i, st.remarks_label(i), to_remarks))     # (column, its name in 備考, to 備考)
        self.aux: _RowState | None = None
        self.last_out: dict[str, Any] | None = st.previous
        self.rows_done = 0
        self.next_progress = 1000
        self.progress = opts.progress
        self.observer = opts.output_observer
        from converters.pipeline import MAX_SAMPLES

        self.sample_limit = MAX_SAMPLES
        # a forked child converting a later part (converters/part_process.py) starts without the row above:
        # whether its first row needed it
        self.prev_unknown = False
        self.used_unknown_prev = False
        self._cursor = 1
        self.split: str | None = None          # "merged", or why the second part was converted here again
        self._short: dict[int, list[str]] = {}       # short records of the batch, as csv.reader gave them

    # --- reading --------------------------------------------------------------------------------
    def data_offset(self) -> int:
        """The byte offset of the first data record (checked against Python's csv module)."""
        from converters.readers.encoding import record_end_offset

        rows, plan = self.rows, self.rows.plan
        start = 3 if rows.encoding == "utf-8-sig" else 0
        offset = record_end_offset(rows.path, plan.data_first, start=start)
        self._check_head(rows.path, start, offset, plan.data_first)
        return offset

    def batches(self, offset: int, end: int | None = None, cursor: int = 1) -> Iterator[tuple[np.ndarray, list[pa.Array]]]:
        """(record numbers, columns) per batch of the records from byte ``offset`` (to ``end``; ``cursor`` is the
        number of the first, 1 for the first data record), short records put back in place.  The number after
        the last record read is left in ``self._cursor``."""
        import pyarrow.csv as pcsv

        rows, plan, ncols = self.rows, self.rows.plan, self.ncols
        path: Path = rows.path
        names = [f"c{i}" for i in range(ncols)]
        shift = cursor - 1
        invalid: dict[int, list[str]] = {}
        problems: list[str] = []

        def on_invalid(row: Any) -> str:
            if row.number is None or row.number < 1 or row.actual_columns > row.expected_columns:
                problems.append(f"invalid row {row.number} ({row.actual_columns} fields)")
                return "skip"
            recs = list(csv.reader(io.StringIO(row.text, newline=""), delimiter=rows.delimiter, strict=False))
            if len(recs) != 1 or len(recs[0]) > ncols:
                problems.append(f"record {row.number} reads differently")
                return "skip"
            invalid[int(row.number) + shift] = recs[0]      # pyarrow numbers the stream's records from 1
            return "skip"

        read_opts = pcsv.ReadOptions(use_threads=False, block_size=BLOCK, column_names=names,
                                     encoding=ENCODINGS[rows.encoding])
        parse_opts = pcsv.ParseOptions(delimiter=rows.delimiter, quote_char='"', double_quote=True,
                                       escape_char=False, newlines_in_values=True, ignore_empty_lines=False,
                                       invalid_row_handler=on_invalid)
        conv_opts = pcsv.ConvertOptions(column_types={n: pa.string() for n in names}, strings_can_be_null=False,
                                        quoted_strings_can_be_null=False)
        base = plan.data_first
        with pa.OSFile(str(path)) as fh:
            fh.seek(offset)
            # a part of the file ends at ``end`` (a memory map would keep every page read resident)
            src: Any = fh if end is None else pa.PythonFile(_Bounded(fh, end - offset), mode="r")
            try:
                reader = pcsv.open_csv(src, read_options=read_opts, parse_options=parse_opts,
                                       convert_options=conv_opts)
            except (pa.ArrowInvalid, StopIteration) as e:
                if "Empty CSV file" in str(e):
                    reader = None
                else:
                    raise ColumnarUnsupported(f"pyarrow: {e}") from e
            while reader is not None:
                try:
                    batch = reader.read_next_batch()
                except StopIteration:
                    break
                except pa.ArrowInvalid as e:
                    raise ColumnarUnsupported(f"pyarrow: {e}") from e
                if problems:
                    raise ColumnarUnsupported(problems[0])
                n = batch.num_rows
                cols = [batch.column(i) for i in range(ncols)]
                if not invalid or min(invalid) >= cursor + n:
                    if n:
                        yield np.arange(cursor, cursor + n, dtype=np.int64) + base, cols
                    cursor += n
                    continue
                numbers, cols, cursor = self._merge(cols, n, invalid, cursor, base)
                yield numbers + base, cols
            if problems:
                raise ColumnarUnsupported(problems[0])
            if invalid:
                numbers, cols, cursor = self._merge([pa.array([], pa.string())] * ncols, 0, invalid, cursor, base)
                yield numbers + base, cols
        self._cursor = cursor

    def _merge(self, cols: list[pa.Array], n: int, invalid: dict[int, list[str]],
               cursor: int, base: int) -> tuple[np.ndarray, list[pa.Array], int]:
        """Number the batch's rows, skipping the numbers of short records, and put those back in place."""
        if any(num < cursor for num in invalid):
            raise ColumnarUnsupported("a short record arrived after its place")
        numbers = np.empty(n, dtype=np.int64)
        extra: list[tuple[int, list[str]]] = []
        k = 0
        while k < n or (cursor in invalid):
            if cursor in invalid:
                extra.append((cursor, invalid.pop(cursor)))
            else:
                numbers[k] = cursor
                k += 1
            cursor += 1
        if not extra:
            return numbers, cols, cursor
        ncols = self.ncols
        ext_vals = [[rec[j] if j < len(rec) else "" for _, rec in extra] for j in range(ncols)]
        all_numbers = np.concatenate([numbers, np.array([num for num, _ in extra], dtype=np.int64)])
        order = np.argsort(all_numbers, kind="stable")
        take = pa.array(order)
        merged = [pa.concat_arrays([(c.combine_chunks() if isinstance(c, pa.ChunkedArray) else c),
                                    pa.array(ext_vals[j], type=pa.string())]).take(take)
                  for j, c in enumerate(cols)]
        self._short = {int(num) + base: rec for num, rec in extra}
        return all_numbers[order], merged, cursor

    def _check_head(self, path: Path, start: int, offset: int, records: int) -> None:
        """The byte offset of the data must be where Python's csv module ends that many records."""
        if records <= 0:
            return
        with path.open("rb") as f:
            f.seek(start)
            head = f.read(offset - start)
        try:
            text = head.decode(self.rows.encoding if self.rows.encoding != "utf-8-sig" else "utf-8")
        except UnicodeDecodeError as e:
            raise ColumnarUnsupported("the header's end is not a character boundary") from e
        try:
            recs = list(csv.reader(io.StringIO(text, newline=""), delimiter=self.rows.delimiter, strict=False))
        except csv.Error as e:
            raise ColumnarUnsupported(f"header records: {e}") from e
        if len(recs) != records or not text.endswith(("\n", "\r")):
            raise ColumnarUnsupported("the header records end elsewhere for Python's csv module")

    # --- the conversion ---------------------------------------------------------------------------
    def run(self) -> None:
        if self.in_memory is not None:
            self._run_in_memory(self.in_memory)
            return
        self._after_blank = False
        self._held: list[tuple[int, list[str], str]] = []     # (number, values, reason when read)
        self.skipped: list[tuple[int, str, list[str]]] = []
        self._footer_rows: list[tuple[int, str, list[str]]] | None = None     # the footer, once known
        self._short = {}
        offset = self.data_offset()
        end = self.rows.path.stat().st_size
        cut = None
        if part_process.wanted(end - offset, part_process.MIN_BYTES):
            cut = part_process.csv_split_point(self.rows.path, offset, end, self.rows.delimiter)
        if cut is None:
            self._groups(self.batches(offset))
        else:
            at, records = cut
            part = part_process.Part(lambda d: self._child(d, lambda: self._groups(self.batches(at, None, records + 1)),
                                                           csv_tail=True))
            try:
                self._groups(self.batches(offset, at))
                if self._cursor != records + 1:
                    self.split = "records counted differently"
                elif self._after_blank or self._held:
                    self.split = "the first part ends after a blank record"
                summary = part.result() if self.split is None else None
                self._take(summary, part.dir, lambda: self._groups(self.batches(at, None, self._cursor)))
            finally:
                part.close()
        for number, reason, rec in self.skipped:
            self.rows._skip(number, reason, rec)
        if self._footer_rows is None:
            self._footer_rows = self._footer_of_held()
        if self._footer_rows:
            self.rows._footer(self._footer_rows)
        self.rows.table.skipped.sort(key=lambda s: s.number)

    def _groups(self, batches: Iterator[tuple[np.ndarray, list[pa.Array]]]) -> None:
        """Convert a CSV's records, group by group: the reader's row rules, then the cells."""
        from converters.readers.cells import classify_row

        width = self.ncols
        plan = self.rows.plan
        hc = plan.header_cells
        first_hc = hc[0] if hc else None
        first_len = len(first_hc.encode("utf-8")) if first_hc is not None else 0
        footer = plan.footer if plan.data_last is None else None
        # the footer rule (converters/readers/footer.py), as CsvRows applies it record by record: records held
        # back after a blank record wait, at the end of a group, in front of the next group's records
        for numbers, cols in _grouped(batches, GROUP_ROWS):
            if self._held:
                numbers = np.concatenate([np.array([h[0] for h in self._held], dtype=np.int64), numbers])
                cols = [pa.concat_arrays([pa.array([h[1][j] for h in self._held], type=pa.string()),
                                          c.combine_chunks() if isinstance(c, pa.ChunkedArray) else c])
                        for j, c in enumerate(cols)]
                self._held = []                                # held again below while the block goes on
            n = len(numbers)
            if n == 0:
                continue
            scols = [_Col(c) for c in cols]
            # which records are data (the reader's rules, in its order)
            keep = np.ones(n, dtype=bool)
            reasons: dict[int, tuple[str, list[str]]] = {}     # row -> (why it is not data, its values)
            if first_hc is not None:
                same_len = np.flatnonzero(scols[0].lens == first_len)       # cheap: compare few texts
                hits = same_len[np.asarray(pc.equal(scols[0].arr.take(pa.array(same_len)), first_hc)
                                           .to_numpy(zero_copy_only=False), dtype=bool)] if same_len.size else same_len
                for i in hits:
                    vals = self._row_values(scols, int(i))
                    if vals[:len(hc)] == hc:
                        reasons[int(i)] = ("header-repeat", vals)
                        keep[i] = False
            fast = np.zeros(n, dtype=bool)
            if width >= 3:
                fast = np.ones(n, dtype=bool)
                for j in range(3):
                    c = scols[j]
                    fast &= (c.lens > 0) & ((c.first() & _SUSPECT1) == 0) & ((c.any_bits() & _KEI) == 0)
            slow = np.flatnonzero(keep & ~fast)
            if slow.size:
                sel = pa.array(slow)
                lists = [c.arr.take(sel).to_pylist() for c in scols]
                for k, row in enumerate(slow.tolist()):
                    vals = [col[k] for col in lists]
                    what = classify_row(vals, width)
                    if what:
                        reasons[row] = (what, vals)
                        keep[row] = False
            if footer is not None and (self._after_blank or any(w == "blank" for w, _ in reasons.values())):
                self._footer_walk(numbers, scols, keep, reasons, footer)
            for row in sorted(reasons):
                what, vals = reasons[row]
                self.skipped.append((int(numbers[row]), what, self._record(int(numbers[row]), vals)))
            if not keep.all():
                idx = pa.array(np.flatnonzero(keep))
                scols = [_Col(c.arr.take(idx)) for c in scols]
                numbers = numbers[keep]
            if len(numbers):
                self._convert(numbers, scols)

    # --- a later part converted in a forked child (converters/part_process.py) ------------------------
    _COUNTERS = ("change_counts", "issue_counts", "code_counts", "site_code_counts", "unmapped_counts")
    _SUMS = ("src_nonempty", "landed", "to_remarks", "rows_in")

    def _child(self, folder: Path, work: Callable[[], None], csv_tail: bool = False) -> dict[str, Any]:
        """In the child: convert with files, counters and samples of its own, starting without a previous row.
        Returns what the parent adds to its own (the files are in ``folder``)."""
        from collections import Counter

        st = self.st
        self.fo = (folder / "out.csv").open("wb")
        self.fc = (folder / "changes.jsonl").open("w", encoding="utf-8")
        self.fi = (folder / "issues.jsonl").open("w", encoding="utf-8")
        self.progress = self.observer = None
        for name in self._COUNTERS:
            setattr(st, name, Counter())
        for name in self._SUMS:
            setattr(st, name, 0)
        st.unmapped_samples = {}
        # the parent's part may hold up to MAX_SAMPLES samples already: the first ones of this part that it
        # lacks are among this part's first 2 * MAX_SAMPLES distinct values
        self.sample_limit *= 2
        self.last_out = st.previous = None
        self.prev_unknown, self.used_unknown_prev = True, False
        self.rows_done = 0
        work()
        for f in (self.fo, self.fc, self.fi):
            f.close()
        out: dict[str, Any] = {name: dict(getattr(st, name)) for name in self._COUNTERS}
        out.update({name: getattr(st, name) for name in self._SUMS})
        out.update(samples=st.unmapped_samples, last_out=self.last_out, used_prev=self.used_unknown_prev,
                   rows_done=self.rows_done)
        if csv_tail:
            out.update(skipped=self.skipped, footer=self._footer_of_held())
        return out

    def _footer_of_held(self) -> list[tuple[int, str, list[str]]]:
        """The records still held back at the end of the file (the footer), as the reader reports them."""
        return [(number, what, self._record(number, vals)) for number, vals, what in self._held]

    def _take(self, summary: dict[str, Any] | None, folder: Path, here: Callable[[], None]) -> None:
        """The child's part when it holds, else the same part converted here."""
        if self.split is None:
            if summary is None:
                self.split = "no answer from the second process"
            elif summary["used_prev"]:
                self.split = "its first row needs the row above"
        if self.split is None and summary is not None:
            self._merge_part(summary, folder)
            self.split = "merged"
        else:
            here()

    def _merge_part(self, summary: dict[str, Any], folder: Path) -> None:
        """In the parent: the child's part after its own, as if converted here."""
        st = self.st
        with (folder / "out.csv").open("rb") as f:
            shutil.copyfileobj(f, self.fo, 1 << 20)
        for name, fh in (("changes.jsonl", self.fc), ("issues.jsonl", self.fi)):
            fh.flush()
            with (folder / name).open("rb") as f:
                shutil.copyfileobj(f, fh.buffer, 1 << 20)   # type: ignore[attr-defined]
        for name in self._COUNTERS:
            counter = getattr(st, name)
            for k, v in summary[name].items():
                counter[k] += v
        for name in self._SUMS:
            setattr(st, name, getattr(st, name) + summary[name])
        for i, vals in summary["samples"].items():
            samples = st.unmapped_samples.setdefault(i, [])
            for v in vals:
                if len(samples) >= self.sample_limit:
                    break
                if v not in samples:
                    samples.append(v)
        if "skipped" in summary:
            self.skipped.extend(summary["skipped"])
            self._footer_rows = summary["footer"]
        self.last_out = st.previous = summary["last_out"]
        if self.observer is not None:
            self.fo.flush()
            self.observer.wrote(self.fo.tell())
        self._progressed(summary["rows_done"])

    def _progressed(self, n: int) -> None:
        self.rows_done += n
        prog = self.progress
        if prog is not None:
            while self.next_progress <= self.rows_done:
                prog(self.next_progress)
                self.next_progress += 1000

    def _footer_walk(self, numbers: np.ndarray, scols: list[_Col], keep: np.ndarray,
                     reasons: dict[int, tuple[str, list[str]]], footer: FooterTest) -> None:
        """CsvRows' footer rule over a group's records (only from its first blank record, or from its start
        when the previous group ended after a blank one).  Records still held at the group's end leave it:
        they wait in ``self._held`` for the next group, or are the footer at the end of the file."""
        from converters.readers.footer import FOOTER_MAX

        n = len(numbers)
        blanks = np.array(sorted(i for i, (w, _) in reasons.items() if w == "blank"), dtype=np.int64)
        cells: np.ndarray | None = None         # non-empty cells per row (Python's strip: never more than the reader's)
        held: list[int] = []
        i = 0 if self._after_blank else int(blanks[0])
        while i < n:
            r = reasons.get(i)
            if r is not None and (r[0] == "blank" or (r[0] == "note" and self._after_blank)):
                self._after_blank = True        # a note (※, 注, 出典 …) below a blank line is skipped as such
                i += 1
                continue
            if self._after_blank:
                if len(held) < FOOTER_MAX:
                    if cells is None:
                        cells = np.sum([c.nonempty() for c in scols], axis=0)
                    if cells[i] <= footer.most_cells and footer.looks_like_footer(
                            r[1] if r is not None else self._row_values(scols, i)):
                        held.append(i)
                        i += 1
                        continue
                held = []                       # released: those records stay as they were read
                self._after_blank = False
            k = int(np.searchsorted(blanks, i, side="right"))
            i = int(blanks[k]) if k < len(blanks) else n
        for i in held:
            keep[i] = False
            r = reasons.pop(i, None)
            self._held.append((int(numbers[i]), r[1] if r is not None else self._row_values(scols, i),
                               r[0] if r is not None else ""))

    def _run_in_memory(self, rows: list[Any]) -> None:
        """A workbook's table: the reader has already set the data rows apart; cells may be typed (numbers,
        dates, booleans): those go through the steps as they are, their text serves everything else.  (The
        cyclic GC is paused around the whole conversion: converters.pipeline._convert.)  A large table's
        second half is converted in a forked child meanwhile (converters/part_process.py)."""
        n = len(rows)
        if n < 2 or not part_process.wanted(n, part_process.MIN_ROWS):
            self._chunks(rows)
            return
        h = max(1, int(n * part_process.FRACTION))
        part = part_process.Part(lambda d: self._child(d, lambda: self._chunks(rows[h:])))
        try:
            self._chunks(rows[:h])
            self._take(part.result(), part.dir, lambda: self._chunks(rows[h:]))
        finally:
            part.close()

    def _chunks(self, rows: list[Any]) -> None:
        ncols = self.ncols
        for a in range(0, len(rows), GROUP_ROWS):
            chunk = rows[a:a + GROUP_ROWS]
            values = []
            for r in chunk:
                v = r.values
                if len(v) > ncols:
                    raise ColumnarUnsupported("a row wider than the header")
                values.append(list(v) + [""] * (ncols - len(v)) if len(v) < ncols else v)
            cols = []
            typed: list[dict[int, Any]] = []
            # the rows as one object matrix: a column is then a strided view Arrow reads in C (about 4x faster
            # than transposing the row lists with zip and converting the tuples)
            grid = np.empty((len(values), ncols), dtype=object)
            grid[:] = values
            for j in range(ncols):
                view = grid[:, j]
                try:        # a column of texts only (most): Arrow checks the types in C
                    arr = pa.array(view, type=pa.string())
                    if arr.null_count == 0:
                        cols.append(_Col(arr))
                        typed.append({})
                        continue
                except (pa.ArrowTypeError, pa.ArrowInvalid):
                    pass
                col = view.tolist()
                odd = {i: v for i, v in enumerate(col) if type(v) is not str}
                cols.append(_Col(_texts(col, odd)))
                typed.append(odd)
            self._convert(np.array([r.number for r in chunk], dtype=np.int64), cols, typed, values)

    def _row_values(self, scols: list[_Col], i: int) -> list[str]:
        return [c.arr[i].as_py() for c in scols]

    def _record(self, number: int, vals: list[str]) -> list[str]:
        """The record as csv.reader gave it (a short record is not padded)."""
        rec = self._short.get(number)
        return rec if rec is not None else vals

    def _convert(self, numbers: np.ndarray, scols: list[_Col], typed: list[dict[int, Any]] | None = None,
                 values: list[Any] | None = None) -> None:
        st = self.st
        n = len(numbers)
        self._typed = typed or [{} for _ in scols]
        self._values = values
        self._objs: dict[str, dict[int, Any]] = {}    # rows whose output value is not text (kept typed)
        self._known: dict[int, _Col] = {}      # the batch's analysed columns, by array (reused for quoting)
        ev = _Events(_Log(), _Log())
        special = np.zeros(n, dtype=bool)
        # accounting of the source cells
        nonempty = [c.nonempty() for c in scols]
        self._nonempty = nonempty
        st.src_nonempty += int(sum(int(m.sum()) for m in nonempty))
        # the mapped target columns
        out: dict[str, pa.Array] = {}
        moved: dict[int, list[str]] = {}
        for tc in self.tcols:
            fm = tc.fm
            if fm.index is not None:
                raw = scols[fm.index]
                st.landed += int(nonempty[fm.index].sum())
            elif fm.indexes:
                for i in fm.indexes:
                    st.landed += int(nonempty[i].sum())
                raw = _Col(_joined([scols[i].arr for i in fm.indexes], fm.join))
            else:
                raw = _Col(pa.array([fm.constant] * n, type=pa.string()))
            objs = self._typed[fm.index] if fm.index is not None else {}
            out[tc.t] = self._normalise(tc, raw, numbers, ev, special, moved, objs)
            self._known[id(raw.arr)] = raw
        # derived items
        for t, v in self.localgov.items():
            out[t] = pa.array([v] * n, type=pa.string())
        for t, src in self.copies.items():
            out[t] = out[src] if src in out else pa.array([""] * n, type=pa.string())
        if self.addr_field is not None:
            self._address(out, numbers, ev)
        if self.coords:
            special |= self._maybe_swapped(out["緯度"], out["経度"])
        for start, _end in self.range_pairs:
            special |= self._maybe_range(out[start])
        if self._ditto_rows:
            # a 同上 after a row converted by the reference code needs that row's result: convert it there too
            for p in np.unique(np.concatenate(self._ditto_rows)).tolist():
                if p > 0 and special[p - 1]:
                    special[p] = True
            self._ditto_rows = []
        # unmapped columns (counts, samples, 備考)
        remarks_extra: dict[int, list[str]] = {}
        for i, label, to_remarks in self.unmapped:
            if i >= len(scols):       # pragma: no cover - the header is as wide as the widest record
                continue
            m = nonempty[i]
            cnt = int(m.sum())
            if not cnt:
                continue
            st.unmapped_counts[i] += cnt
            samples = st.unmapped_samples.setdefault(i, [])
            if len(samples) < self.sample_limit:
                for v in scols[i].arr.take(pa.array(np.flatnonzero(m))).to_pylist():
                    if len(samples) >= self.sample_limit:
                        break
                    if v not in samples:
                        samples.append(v)
            if to_remarks:
                st.to_remarks += cnt
                pos = np.flatnonzero(m)
                for p, v in zip(pos.tolist(), scols[i].arr.take(pa.array(pos)).to_pylist(), strict=True):
                    remarks_extra.setdefault(p, []).append(f"{label}: {v}")
        if self.remarks is not None and (moved or remarks_extra):
            self._remarks(out, numbers, moved, remarks_extra, ev)
        # the columns in target order
        cols_out = [out.get(t) for t in self.targets]
        final = [c if c is not None else pa.array([""] * n, type=pa.string()) for c in cols_out]
        # rows the reference code converts (同上, time ranges, swapped coordinates)
        if special.any():
            final = self._special(numbers, scols, final, np.flatnonzero(special), ev)
        self._codes(final)
        self.last_out = {t: self._prev(t, n - 1, final[k][n - 1].as_py()) for k, t in enumerate(self.targets)}
        st.previous = self.last_out
        self._write(final, ev)
        st.rows_in += n
        self.prev_unknown = False
        self._progressed(n)

    # --- cells --------------------------------------------------------------------------------------
    def _rules_ok(self, tc: _Target, arr: pa.Array) -> np.ndarray:
        """Per cell: every safe rule of the target covers it.  A column that repeats its values (種別, 口径, a
        code) is matched once per distinct value; whether it does is learnt from the target's first large batch."""
        n = len(arr)
        if n >= DISTINCT_MIN_ROWS and tc.repeats is not False:
            enc = arr.dictionary_encode(null_encoding="encode")
            if tc.repeats is None:
                tc.repeats = len(enc.dictionary) * 4 <= n
            if tc.repeats:
                ok = np.ones(len(enc.dictionary), dtype=bool)
                for rule in tc.rules:
                    ok &= _rule_ok(enc.dictionary, rule)
                return ok[np.asarray(enc.indices.to_numpy(zero_copy_only=False), dtype=np.int64)]
        ok = np.ones(n, dtype=bool)
        for rule in tc.rules:
            ok &= _rule_ok(arr, rule)
        return ok

    def _normalise(self, tc: _Target, raw: _Col, numbers: np.ndarray, ev: _Events, special: np.ndarray,
                   moved: dict[int, list[str]], objs: dict[int, Any] | None = None) -> pa.Array:
        n = raw.n
        empty = raw.lens == 0
        left = ~empty
        typed = np.fromiter(objs.keys(), dtype=np.int64, count=len(objs)) if objs else _NONE
        if tc.fast:
            ok = ~_universal_unsafe(raw, tc.universal)
            cand = np.flatnonzero(ok & left)
            if cand.size and tc.rules:
                sub = raw.arr.take(pa.array(cand)) if cand.size < n else raw.arr
                rok = self._rules_ok(tc, sub)
                ok = np.zeros(n, dtype=bool)
                ok[cand[rok]] = True
            left &= ~ok
        if not tc.empty.clean:
            left |= empty
        if typed.size:
            left[typed] = False                      # typed cells: through the steps as they are, below
        dittos = self._dittos(raw) if tc.ditto else _NONE
        if typed.size and dittos.size:
            dittos = dittos[~np.isin(dittos, typed)]
        if dittos.size:
            if tc.t in self.rewritten:
                special[dittos] = True           # the previous row's value of this field is known only at its end
            else:
                left[dittos] = False             # resolved below, in row order
                self._ditto_rows.append(dittos)
        idx = np.flatnonzero(left)
        if not idx.size:
            arr = raw.arr
            if typed.size:
                assert objs is not None
                arr = self._typed_cells(tc, arr, typed, objs, numbers, ev, moved, special)
            return self._resolve_dittos(tc, arr, raw, dittos, numbers, ev, moved) if dittos.size \
                and tc.t not in self.rewritten else arr
        sub = raw.arr.take(pa.array(idx))
        if idx.size > 64:
            enc = sub.dictionary_encode()
            dvals = enc.dictionary.to_pylist()
            codes = np.asarray(enc.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
            results = tc.results(enc.dictionary, dvals)
        else:
            vals = sub.to_pylist()
            dvals = list(dict.fromkeys(vals))
            pos_of = {v: k for k, v in enumerate(dvals)}
            codes = np.array([pos_of[v] for v in vals], dtype=np.int64)
            results = [tc.result(v) for v in dvals]
        changed = np.array([r.changed for r in results], dtype=bool)
        arr = raw.arr
        if changed.any():
            where = changed[codes]
            new_vals = pa.array([results[c].value for c in codes[where].tolist()], type=pa.string())
            mask = np.zeros(n, dtype=bool)
            mask[idx[where]] = True
            arr = pc.replace_with_mask(arr, pa.array(mask), new_vals)
        logged = [k for k, r in enumerate(results) if r.changes or r.issues or r.moved]
        if tc.pend:
            pend = [k for k, r in enumerate(results) if r.pending]
            if pend:
                special[idx[np.isin(codes, np.array(pend, dtype=np.int64))]] = True
        if logged:
            tidx = tc.tidx
            lk = np.array(logged, dtype=np.int64)
            hit = np.flatnonzero(np.isin(codes, lk))
            pos = idx[hit]
            nums = pc.cast(pa.array(numbers[pos]), pa.string())
            rc = codes[hit]
            for log, attr in ((ev.changes, "changes"), (ev.issues, "issues")):
                depth = max(len(getattr(results[k], attr)) for k in logged)
                for o in range(depth):
                    have = [k for k in logged if len(getattr(results[k], attr)) > o]
                    if not have:
                        continue
                    sel = np.flatnonzero(np.isin(rc, np.array(have, dtype=np.int64)))
                    if not sel.size:
                        continue
                    tails = {k: getattr(results[k], attr)[o] for k in have}
                    kk = rc[sel]
                    keys = list({tails[k][0] for k in have})
                    tail_arr = pa.array([tails.get(k, ("", ""))[1] for k in range(len(results))], type=pa.string())
                    lines = pc.binary_join_element_wise('{"row": ', nums.take(pa.array(sel)),
                                                        tail_arr.take(pa.array(kk)), "")
                    if len(keys) == 1:
                        log.add(pos[sel], 0, tidx, o, lines, keys[0])
                    else:
                        log.add(pos[sel], 0, tidx, o, lines, [tails[k][0] for k in kk.tolist()])
            mv = [k for k in logged if results[k].moved]
            if mv:
                for k, where_k in _groups(codes, mv).items():
                    for p in idx[where_k].tolist():
                        moved.setdefault(p, []).extend(results[k].moved)
        if typed.size:
            assert objs is not None
            arr = self._typed_cells(tc, arr, typed, objs, numbers, ev, moved, special)
        if dittos.size and tc.t not in self.rewritten:
            arr = self._resolve_dittos(tc, arr, raw, dittos, numbers, ev, moved)
        return arr

    def _typed_cells(self, tc: _Target, arr: pa.Array, typed: np.ndarray, objs: dict[int, Any], numbers: np.ndarray,
                     ev: _Events, moved: dict[int, list[str]], special: np.ndarray) -> pa.Array:
        """Cells that are not text (numbers, dates, booleans from a workbook), through the steps as they are;
        a value kept typed (on an issue) is remembered for the next row's 同上."""
        kept = self._objs.setdefault(tc.t, {})
        vals = []
        tidx = tc.tidx
        if tc.numeric is not None:
            done, texts = _numbers_as_text(tc, typed, objs)
            if done.any():
                mask = np.zeros(len(arr), dtype=bool)
                mask[typed[done]] = True
                arr = pc.replace_with_mask(arr, pa.array(mask), texts.filter(pa.array(done)))
                typed = typed[~done]
                if not typed.size:
                    return arr
        for p in typed.tolist():
            r, obj = tc.result_obj(objs[p])
            vals.append(r.value)
            if obj is not None:
                kept[p] = obj
            _log_cell(ev, moved, p, int(numbers[p]), tidx, r)
            if r.pending:
                special[p] = True
        mask = np.zeros(len(arr), dtype=bool)
        mask[typed] = True
        return pc.replace_with_mask(arr, pa.array(mask), pa.array(vals, type=pa.string()))

    def _drop_objs(self, t: str, rows: np.ndarray) -> None:
        kept = self._objs.get(t)
        if kept:
            for p in rows.tolist():
                kept.pop(p, None)

    def _prev(self, t: str, p: int, text: str | None) -> Any:
        """The previous row's output value of a field as the row path holds it (typed when kept typed)."""
        kept = self._objs.get(t)
        if kept and p in kept:
            return kept[p]
        return text

    def _resolve_dittos(self, tc: _Target, arr: pa.Array, raw: _Col, dittos: np.ndarray, numbers: np.ndarray,
                        ev: _Events, moved: dict[int, list[str]]) -> pa.Array:
        """同上 / 〃 cells of a field no row rule rewrites: each takes the previous row's output value of the
        field (this column's, once resolved), through the steps as the row path runs them."""
        marks = raw.arr.take(pa.array(dittos)).to_pylist()
        prev_vals = arr.take(pa.array(np.maximum(dittos - 1, 0))).to_pylist()
        resolved: dict[int, str] = {}
        results = []
        for p, mark, pv in zip(dittos.tolist(), marks, prev_vals, strict=True):
            if p == 0 and self.prev_unknown:
                self.used_unknown_prev = True
            prev = (self.last_out or {}).get(tc.t) if p == 0 else resolved.get(p - 1, self._prev(tc.t, p - 1, pv))
            r = tc.after(mark, prev)
            resolved[p] = r.obj if r.obj is not None else r.value
            if r.obj is not None:
                self._objs.setdefault(tc.t, {})[p] = r.obj      # the next row's 同上 copies the value itself
            results.append(r)
        tidx = tc.tidx
        for p, r in zip(dittos.tolist(), results, strict=True):
            _log_cell(ev, moved, p, int(numbers[p]), tidx, r)
        mask = np.zeros(len(arr), dtype=bool)
        mask[dittos] = True
        return pc.replace_with_mask(arr, pa.array(mask), pa.array([r.value for r in results], type=pa.string()))

    def _dittos(self, raw: _Col) -> np.ndarray:
        """Cells the ditto step resolves from the previous row (or reports): exactly its own test."""
        from converters.steps.ditto import candidate

        cand = np.flatnonzero((raw.first() & (_DITTO1 | _STRIP1)) != 0)
        if not cand.size:
            return _NONE
        vals = raw.arr.take(pa.array(cand)).to_pylist()
        return cand[[bool(v) and candidate(v) for v in vals]]

    # --- rows ---------------------------------------------------------------------------------------
    def _address(self, out: dict[str, pa.Array], numbers: np.ndarray, ev: _Events) -> None:
        from converters.pipeline import reported_unsure, unsure_message

        st = self.st
        f = self.addr_field
        assert f is not None
        arr = out[f]
        n = len(arr)
        col = _Col(arr)
        ne = np.flatnonzero(col.nonempty())
        if not ne.size:
            return
        texts = arr.take(pa.array(ne)) if ne.size < n else arr
        sp = self._splits.rows(texts, self._records(out, ne))
        # 所在地_連結表記 / 住所 normalised
        changed = sp.full_changed()
        if changed.any():
            where = np.flatnonzero(changed)
            mask = np.zeros(n, dtype=bool)
            mask[ne[where]] = True
            sel = pa.array(where)
            new_full = sp.field("full", where)
            out[f] = pc.replace_with_mask(arr, pa.array(mask), new_full)
            col_no = st.col.get(f)
            ja = sp.field("note_ja", where)
            en = sp.field("note_en", where)
            ja = pc.if_else(pc.equal(ja, ""), "住所を正規化しました", ja)
            en = pc.if_else(pc.equal(en, ""), "normalised the address", en)
            lines = pc.binary_join_element_wise(
                '{"row": ', pc.cast(pa.array(numbers[ne[where]]), pa.string()),
                ', "column": ' + _json_value(col_no) + ', "field": ' + _JSON_STR(f) + ', "source": null, "before": ',
                _json_strs(texts.take(sel)), ', "after": ', _json_strs(new_full), ', "step": "address", "note_ja": ',
                _json_strs(ja), ', "note_en": ', _json_strs(en), "}\n", "")
            ev.changes.add(ne[where], 1, 0, 0, lines, "address")
            self._drop_objs(f, ne[where])
        if st.derive_address:
            self._address_parts(out, sp, ne, n)
        if st.addr_code_fill is not None:
            self._address_code_fill(out, sp, ne, numbers, ev)
        filled = None
        if st.addr_given:
            # compared before any part cell is filled: the rows whose parts disagree are reported and left alone
            bad = self._address_given_parts(out, sp, ne, numbers, ev)
            filled = self._address_fill_given(out, sp, ne, numbers, ev, bad)
        unsure = sp.unsure
        if unsure:
            col_no = st.col.get(f)
            for k in sorted(unsure):
                lacking = sp.lacking.get(k, ())
                parts = reported_unsure(unsure[k], st.derive_address or bool(filled is not None and filled[k]), lacking)
                if not parts:
                    continue
                text = texts[k].as_py()
                p_, num = int(ne[k]), int(numbers[ne[k]])
                for o, part in enumerate(parts):
                    ja, en = unsure_message(text, part, lacking)
                    ev.issues.add([p_], 1, 0, o, [_line(num, _tail({
                        "column": col_no, "field": f, "value": text, "code": "address-unsure",
                        "message_ja": ja, "message_en": en}))], "address-unsure")

    def _address_fill_given(self, out: dict[str, pa.Array], sp: _SplitRows, ne: np.ndarray, numbers: np.ndarray,
                            ev: _Events, bad: np.ndarray) -> np.ndarray:
        """The empty part cells of the rows (of ``ne``) whose parts do not disagree with the joined address (``bad``),
        filled from the split and logged after the code's fill (``_RowState._address``); returns the rows with a
        cell filled, as a mask over ``ne``."""
        from converters.pipeline import parts_fill_notes

        st = self.st
        assert self.addr_field is not None
        n = len(out[self.addr_field])
        filled = np.zeros(len(ne), dtype=bool)
        ok = ~bad
        if not ok.any():
            return filled
        ja, en = parts_fill_notes(self.addr_field)
        notes = _JSON_STR(ja) + ', "note_en": ' + _JSON_STR(en)
        for j, (t, attr) in enumerate(st.addr_given):
            cur = out.get(t)
            empty = ok if cur is None else ok & ~_Col(pc.fill_null(cur, "")).nonempty()[ne]
            if not empty.any():         # a file that fills its part columns: nothing to split for
                continue
            vals = sp.field(attr)
            has = empty & np.asarray(pc.not_equal(vals, "").to_numpy(zero_copy_only=False), dtype=bool)
            if not has.any():
                continue
            filled |= has
            where = np.flatnonzero(has)
            self._fill_cells(out, t, n, ne[where], vals.take(pa.array(where)), numbers, notes, (2, j), ev)
        return filled

    def _address_given_parts(self, out: dict[str, pa.Array], sp: _SplitRows, ne: np.ndarray, numbers: np.ndarray,
                             ev: _Events) -> np.ndarray:
        """The joined address against the parts the file gives in their own columns (``_RowState._address``):
        a disagreement is an issue after the address's own, once per distinct combination.  Returns the rows that
        disagree, as a mask over ``ne``."""
        from converters.pipeline import joined_as_written, parts_disagreement

        st = self.st
        assert self.addr_field is not None
        sel = pa.array(ne)
        attrs = tuple(attr for _, attr in st.addr_given)
        empty = pa.array([""] * len(ne), type=pa.string())
        cols = [out[self.addr_field].take(sel), sp.field("prefecture"), sp.field("city"),
                *[pc.fill_null(out[t].take(sel), "") if t in out else empty for t, _ in st.addr_given]]
        # rows whose joined address is the parts written one after the other (joined_as_written) agree: only the
        # others are compared (at first the exact joins for the whole column, then the rest one by one)
        part = dict(zip(attrs, cols[3:], strict=True))
        full, pref, city = cols[0], cols[1], cols[2]
        gp, gc = part.get("prefecture", empty), part.get("city", empty)     # untrimmed: a value with spaces goes on
        ok = pc.and_(pc.or_(pc.or_(pc.equal(gp, ""), pc.equal(pref, "")), pc.equal(gp, pref)),
                     pc.or_(pc.or_(pc.equal(gc, ""), pc.equal(city, "")), pc.equal(gc, city)))
        joined = pc.binary_join_element_wise(pref, city, part.get("town", empty), part.get("block", empty), "")
        same = np.asarray(pc.and_(ok, pc.equal(full, joined)).to_numpy(zero_copy_only=False), dtype=bool)
        disagree = np.zeros(len(ne), dtype=bool)
        todo = np.flatnonzero(~same)
        if todo.size:
            tsel = pa.array(todo)
            sub = [c.take(tsel).to_pylist() for c in (full, pref, city, gp, gc, part.get("town", empty),
                                                           part.get("block", empty))]
            agree = np.array([joined_as_written(f, p, c, a.strip(), b.strip(), t, k)
                              for f, p, c, a, b, t, k in zip(*sub, strict=True)], dtype=bool)
            todo = todo[~agree]
        if not todo.size:
            return disagree
        keep = pa.array(todo)
        cols = [c.take(keep) for c in cols]
        ne = ne[todo]
        # once per distinct combination of the joined address and the given parts
        encs = [c.dictionary_encode() for c in cols]
        vals = [e.dictionary.to_pylist() for e in encs]
        idx = np.stack([np.asarray(e.indices.to_numpy(zero_copy_only=False), dtype=np.int64) for e in encs], axis=1)
        uniq, inverse = _unique_rows(idx, [len(v) for v in vals])
        found = []
        for row in uniq.tolist():
            c = [vals[j][u] for j, u in enumerate(row)]
            found.append(parts_disagreement(c[0], c[1], c[2], attrs, tuple(c[3:])))
        bad = np.flatnonzero(np.array([f is not None for f in found], dtype=bool)[inverse.reshape(-1)])
        disagree[todo[bad]] = True
        for k in bad.tolist():
            hit = found[int(inverse.reshape(-1)[k])]
            assert hit is not None
            t, value, ja, en = hit
            p_ = int(ne[k])
            ev.issues.add([p_], 1, 1, 0, [_line(int(numbers[p_]), _tail({
                "column": st.col.get(t), "field": t, "value": value, "code": "address-parts-mismatch",
                "message_ja": ja, "message_en": en}))], "address-parts-mismatch")
        return disagree

    def _records(self, out: dict[str, pa.Array], ne: np.ndarray) -> pa.Array | None:
        """Per row of ``ne``: the code of the municipality its own columns name (``_RowState.record``), '' for none;
        None when the schema has no such column.  Computed once per distinct combination of those cells."""
        from converters.jp.address import record_locality

        rec = self.st.record
        if rec is None:
            return None
        sel = pa.array(ne)
        empty = pa.array([""] * len(ne), type=pa.string())
        cols = [out[t].take(sel) if t in out else empty for t in rec.names]
        nonempty = self._nonempty
        for t, ix in rec.codes:
            src = np.zeros(len(ne), dtype=bool)
            for i in ix:
                if i < len(nonempty):
                    src |= nonempty[i][ne]
            # a code the file holds: an empty source cell filled with the publisher's code is not
            cols.append(pc.if_else(pa.array(src), out[t].take(sel) if t in out else empty, ""))
        encs = [c.dictionary_encode() for c in cols]
        vals = [e.dictionary.to_pylist() for e in encs]
        idx = np.stack([np.asarray(e.indices.to_numpy(zero_copy_only=False), dtype=np.int64) for e in encs], axis=1)
        uniq, inverse = _unique_rows(idx, [len(v) for v in vals])
        k = len(rec.names)
        found = []
        for row in uniq.tolist():
            cells = [vals[j][u] for j, u in enumerate(row)]
            found.append(record_locality(rec.name(cells[:k]), rec.code(cells[k:], [True] * (len(cells) - k))) or "")
        return pa.array(found, type=pa.string()).take(pa.array(inverse.reshape(-1)))

    def _address_code_fill(self, out: dict[str, pa.Array], sp: _SplitRows, ne: np.ndarray, numbers: np.ndarray,
                           ev: _Events) -> None:
        """An empty cell of the file's own address code column filled with the code of the address's
        municipality (``_RowState._address``), logged after the address's own change."""
        from converters.pipeline import code_fill_notes

        st = self.st
        t = st.addr_code_fill
        assert t is not None
        cur = out.get(t)
        n = len(out[self.addr_field]) if self.addr_field is not None else 0
        codes = sp.field("code")
        fill = np.asarray(pc.not_equal(codes, "").to_numpy(zero_copy_only=False), dtype=bool)
        if cur is not None:
            fill &= ~_Col(cur).nonempty()[ne]
        if not fill.any():
            return
        where = np.flatnonzero(fill)
        new = codes.take(pa.array(where))
        enc = new.dictionary_encode()                  # the notes name the code: built once per distinct code
        notes = pa.array([_JSON_STR(ja) + ', "note_en": ' + _JSON_STR(en)
                          for ja, en in map(code_fill_notes, enc.dictionary.to_pylist())], type=pa.string())
        self._fill_cells(out, t, n, ne[where], new, numbers, notes.take(enc.indices), (1, 0), ev)

    def _fill_cells(self, out: dict[str, pa.Array], t: str, n: int, rows: np.ndarray, new: pa.Array,
                    numbers: np.ndarray, notes: pa.Array | str, order: tuple[int, int], ev: _Events) -> None:
        """Empty cells of item ``t`` at ``rows`` given ``new`` values by the address split, each logged as an
        ``address`` change (``notes``: the JSON of note_ja … note_en, per row or one for all; ``order``: the
        change's place among the row's address changes)."""
        cur = out.get(t)
        base = cur if cur is not None else pa.array([""] * n, type=pa.string())
        mask = np.zeros(n, dtype=bool)
        mask[rows] = True
        out[t] = pc.replace_with_mask(base, pa.array(mask), new)
        self._drop_objs(t, rows)
        lines = pc.binary_join_element_wise(
            '{"row": ', pc.cast(pa.array(numbers[rows]), pa.string()),
            ', "column": ' + _json_value(self.st.col.get(t)) + ', "field": ' + _JSON_STR(t) + ', "source": null, "before": ',
            _json_strs(pc.fill_null(base.take(pa.array(rows)), "")), ', "after": ', _json_strs(new),
            ', "step": "address", "note_ja": ', notes, "}\n", "")
        ev.changes.add(rows, 1, *order, lines, "address")

    def _address_parts(self, out: dict[str, pa.Array], sp: _SplitRows, ne: np.ndarray, n: int) -> None:
        """The address part items (and the building items without a column of their own) from the split."""
        st = self.st
        for t, attr in st.addr_parts.items():
            out[t] = self._place(sp.field(attr), ne, n, None)
        building: pa.Array | None = None
        for bt in st.addr_buildings:
            if building is None:
                building = sp.field("building")
            has = np.asarray(pc.not_equal(building, "").to_numpy(zero_copy_only=False), dtype=bool)
            if has.any():
                cur = out.get(bt)
                if cur is not None:
                    has &= ~_Col(cur).nonempty()[ne]
                if has.any():
                    where = np.flatnonzero(has)
                    base = cur if cur is not None else pa.array([""] * n, type=pa.string())
                    mask = np.zeros(n, dtype=bool)
                    mask[ne[where]] = True
                    out[bt] = pc.replace_with_mask(base, pa.array(mask), building.take(pa.array(where)))

    @staticmethod
    def _place(vals: pa.Array, ne: np.ndarray, n: int, base: pa.Array | None) -> pa.Array:
        """Values of the rows ``ne`` placed in a column of ``n`` rows; other rows keep ``base`` ('' when None)."""
        if len(ne) == n:
            return vals
        mask = np.zeros(n, dtype=bool)
        mask[ne] = True
        b = base if base is not None else pa.array([""] * n, type=pa.string())
        return pc.replace_with_mask(b, pa.array(mask), vals)

    def _maybe_swapped(self, lat: pa.Array, lon: pa.Array) -> np.ndarray:
        """Rows whose coordinates the row rule might swap (sound: plain decimals outside the other range are not)."""
        from converters.steps.coordinates import LAT_RANGE, LON_RANGE

        a, b = _Col(lat), _Col(lon)
        both = a.nonempty() & b.nonempty()
        if not both.any():
            return both
        dec = "^[0-9]{1,3}(?:\\.[0-9]+)?$"

        def outside(arr: pa.Array, rng: tuple[float, float]) -> np.ndarray:
            m = pc.match_substring_regex(arr, dec)
            v = pc.cast(pc.if_else(m, arr, "0"), pa.float64())
            out_ = pc.and_(m, pc.or_(pc.less(v, rng[0]), pc.greater(v, rng[1])))
            return np.asarray(out_.to_numpy(zero_copy_only=False), dtype=bool)

        return both & ~(outside(lat, LON_RANGE) | outside(lon, LAT_RANGE))

    def _maybe_range(self, start: pa.Array) -> np.ndarray:
        """Rows whose start time the row rule splits or checks against the end (exact: ``split_time_range``
        on the distinct texts; ASCII without ~ or - never splits).  Rows whose steps reported a range are
        marked in ``_normalise``, 同上 rows are special anyway."""
        from converters.steps.times import split_time_range

        s = _Col(start)
        m = s.nonempty()
        if not m.any():
            return m
        plain = np.asarray(pc.match_substring_regex(start, "^[\\x00-\\x2c\\x2e-\\x7d\\x7f]*$")
                           .to_numpy(zero_copy_only=False), dtype=bool)
        cand = np.flatnonzero(m & ~plain)
        out = np.zeros(len(m), dtype=bool)
        if cand.size:
            enc = start.take(pa.array(cand)).dictionary_encode()
            splits = np.array([split_time_range(v) is not None for v in enc.dictionary.to_pylist()], dtype=bool)
            if splits.any():
                out[cand[splits[np.asarray(enc.indices.to_numpy(zero_copy_only=False), dtype=np.int64)]]] = True
        return out

    def _remarks(self, out: dict[str, pa.Array], numbers: np.ndarray, moved: dict[int, list[str]],
                 extra: dict[int, list[str]], ev: _Events) -> None:
        st = self.st
        r = self.remarks
        assert r is not None
        n = len(numbers)
        cur = out.get(r)
        rows = sorted(set(moved) | set(extra))
        before = cur.take(pa.array(rows)).to_pylist() if cur is not None else [""] * len(rows)
        new_vals = []
        lines: list[str] = []
        col_no = st.col.get(r)
        for p, b in zip(rows, before, strict=True):
            parts = moved.get(p, []) + extra.get(p, [])
            joined = "；".join(x for x in [b, *parts] if x)
            new_vals.append(joined)
            lines.append(_line(int(numbers[p]), _tail({
                "column": col_no, "field": r, "source": None, "before": b, "after": joined, "step": "to-remarks",
                "note_ja": "変換できない情報を備考に移しました", "note_en": "moved information to 備考"})))
        ev.changes.add(rows, 4, 0, 0, lines, "to-remarks")
        self._drop_objs(r, np.asarray(rows, dtype=np.int64))
        mask = np.zeros(n, dtype=bool)
        mask[rows] = True
        base = cur if cur is not None else pa.array([""] * n, type=pa.string())
        out[r] = pc.replace_with_mask(base, pa.array(mask), pa.array(new_vals, type=pa.string()))

    def _special(self, numbers: np.ndarray, scols: list[_Col], final: list[pa.Array], rows: np.ndarray,
                 ev: _Events) -> list[pa.Array]:
        """Convert the special rows with the reference code, in order, each with its previous row."""
        from converters.pipeline import _RowState

        st = self.st
        if self.aux is None:
            self.aux = _RowState(st.schema_id, st.targets, st.specs, st.mapping, st.header, st.code, st.opts,
                                 st.ignore, st.file_prefecture)
        aux = self.aux
        drop = set(rows.tolist())
        ev.changes.drop(drop)
        ev.issues.drop(drop)
        targets = self.targets
        results: dict[int, dict[str, Any]] = {}
        outs: dict[int, dict[str, Any]] = {}
        src = None if self._values is not None else [c.arr.take(pa.array(rows)).to_pylist() for c in scols]
        for k, p in enumerate(rows.tolist()):
            if p == 0:
                prev = self.last_out
                self.used_unknown_prev |= self.prev_unknown
            elif p - 1 in outs:
                prev = outs[p - 1]                 # the row path's own output row
            else:
                prev = {t: self._prev(t, p - 1, final[j][p - 1].as_py()) for j, t in enumerate(targets)}
            aux.previous = prev
            given = self._values
            vals = given[p] if given is not None else [src[j][k] for j in range(len(scols))]  # type: ignore[index]
            bc, bi = io.StringIO(), io.StringIO()
            o = aux.convert_row(int(numbers[p]), vals, bc, bi)
            outs[p] = o
            results[p] = {t: _s(o.get(t, "")) for t in targets}
            for t in targets:
                v = o.get(t)
                if v is not None and type(v) is not str:
                    self._objs.setdefault(t, {})[p] = v
                elif t in self._objs:
                    self._objs[t].pop(p, None)
            for log, text, what in ((ev.changes, bc.getvalue(), "step"), (ev.issues, bi.getvalue(), "code")):
                ls = text.split("\n")[:-1]
                if ls:
                    log.add([p] * len(ls), 0, -1, np.arange(len(ls)), [x + "\n" for x in ls],
                            [json.loads(x)[what] for x in ls])
        aux.change_counts.clear()       # counted when written, in row order (the counts' order is reported)
        aux.issue_counts.clear()
        n = len(numbers)
        mask = np.zeros(n, dtype=bool)
        mask[rows] = True
        m = pa.array(mask)
        order = rows.tolist()
        sel = pa.array(rows)
        out: list[pa.Array] = []
        for j, t in enumerate(targets):
            new = [results[p][t] for p in order]
            # a column these rows leave as the columnar pass wrote it is kept (no copy of the batch's column)
            out.append(final[j] if final[j].take(sel).to_pylist() == new
                       else pc.replace_with_mask(final[j], m, pa.array(new, type=pa.string())))
        return out

    def _codes(self, final: list[pa.Array]) -> None:
        """The publisher's code candidates, counted in row order (``most_common`` breaks ties by first seen)."""
        idx = {t: j for j, t in enumerate(self.targets)}
        site = self.st.site_code_counts
        if "市区町村コード" in idx:
            vc = pc.value_counts(final[idx["市区町村コード"]])
            for v, k in zip(vc.field("values").to_pylist(), vc.field("counts").to_pylist(), strict=True):
                site[v] += k
        else:
            site[""] += len(final[0]) if final else 0
        a = final[idx["全国地方公共団体コード"]] if "全国地方公共団体コード" in idx else None
        b = final[idx["都道府県コード又は市区町村コード"]] if "都道府県コード又は市区町村コード" in idx else None
        if a is None and b is None:
            return
        if a is None:
            c = b
        elif b is None:
            c = a
        else:
            c = pc.if_else(pc.equal(a, ""), b, a)
        assert c is not None
        vc = pc.value_counts(c)
        counts = self.st.code_counts
        for v, k in zip(vc.field("values").to_pylist(), vc.field("counts").to_pylist(), strict=True):
            if v:
                counts[v] += k

    # --- writing ------------------------------------------------------------------------------------
    def _write(self, final: list[pa.Array], ev: _Events) -> None:
        self.fo.write(csv_bytes([self._known.get(id(a), a) for a in final]))
        obs = self.observer
        if obs is not None:
            self.fo.flush()
            obs.wrote(self.fo.tell())
        ev.changes.flush(self.fc, self.st.change_counts)
        ev.issues.flush(self.fi, self.st.issue_counts)


def _quoted(col: pa.Array | _Col) -> pa.Array:
    """Values as ``csv.writer`` writes them (QUOTE_MINIMAL: only values holding '"', ',', CR or LF)."""
    c = col if isinstance(col, _Col) else _Col(col)
    if not len(c.data):
        return c.arr
    if c._any is not None:
        cells = np.flatnonzero(c._any & _QUOTE)
    else:
        hits = np.flatnonzero(_NEEDS_QUOTE[c.data])
        cells = np.unique(np.searchsorted(c.offs, hits, side="right") - 1) if hits.size else hits
    if not cells.size:
        return c.arr
    vals = c.arr.take(pa.array(cells)).to_pylist()
    mask = np.zeros(c.n, dtype=bool)
    mask[cells] = True
    return pc.replace_with_mask(c.arr, pa.array(mask),
                                pa.array(['"' + v.replace('"', '""') + '"' for v in vals], type=pa.string()))


def csv_bytes(cols: list[pa.Array] | list[pa.Array | _Col]) -> bytes:
    """The rows of these string columns as ``csv.writer(lineterminator="\\r\\n")`` writes them, UTF-8."""
    if not cols or not len(cols[0].arr if isinstance(cols[0], _Col) else cols[0]):
        return b""
    q = [_quoted(c) for c in cols]
    if len(q) == 1:
        q[0] = pc.if_else(pc.equal(q[0], ""), '""', q[0])    # csv.writer quotes a lone empty field
    # the record end goes on the last column first: the lines are then built in one pass
    q[-1] = pc.binary_join_element_wise(q[-1], pa.scalar("\r\n"), "")
    lines = q[0] if len(q) == 1 else pc.binary_join_element_wise(*q, ",")
    bufs = lines.buffers()
    offs = np.frombuffer(bufs[1], dtype=np.int32, count=len(lines) + 1, offset=lines.offset * 4)
    return bytes(memoryview(bufs[2])[int(offs[0]):int(offs[-1])])


def header_bytes(targets: list[str], bom: bool) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow(targets)
    return (codecs.BOM_UTF8 if bom else b"") + buf.getvalue().encode("utf-8")


def convert_table(table: SourceTable, state: _RowState, opts: ConvertOptions, targets: list[str],
                  fo: IO[bytes], fc: IO[str], fi: IO[str]) -> str | None:
    """Convert the table's rows into ``fo`` (after the header), the logs into ``fc`` / ``fi``, counting
    into ``state`` exactly as the row path does.  Raises ColumnarUnsupported (nothing is kept then).
    Returns what became of a second process's part ("merged", or why this process converted it again;
    None when the table was not split)."""
    if any(fm.pick for fm in state.mapping.fields.values()):
        raise ColumnarUnsupported("latitude,longitude pair in one column")
    conv = _Converter(table, state, opts, targets, fo, fc, fi)
    conv.run()
    return conv.split


__all__ = ["BLOCK", "ColumnarUnsupported", "convert_table", "csv_bytes", "header_bytes", "why_not"]

"""Fast engine: the same plan and the same findings as the frictionless engine, vectorised.

pyarrow's streaming CSV reader gives record batches of strings; every rule first runs as a
vectorised pre-filter (RE2 regex / set membership / numeric casts) that proves most cells fine, and
only the *distinct* remaining values go through the exact scalar code — frictionless' own
``Field.read_cell`` for types and constraints, and the Japanese checks' ``check``.  So the fast
engine cannot disagree with the reference on a value; tests compare both on the corpus anyway.

Rows with the wrong number of cells cannot be represented in a record batch: when pyarrow meets
one, the fast engine gives up and the caller reruns the file with the frictionless engine (such
files are broken anyway, and the reference numbering of rows must win).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from converters.readers.encoding import record_end_offset

from .checks import UNIVERSAL_SAFE, CellCheck, Finding
from .collector import Collector
from .plan import ColumnSpec, Plan

BLOCK = 1 << 22

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


def _idx(mask: pa.Array | pa.ChunkedArray) -> np.ndarray:
    arr = mask.to_numpy(zero_copy_only=False) if hasattr(mask, "to_numpy") else np.asarray(mask)
    return np.flatnonzero(arr)


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
    def __init__(self, spec: ColumnSpec, field: Any):
        self.spec = spec
        self.field = field
        d = spec.descriptor
        self.type = d.get("type", "string")
        cons = d.get("constraints", {})
        self.required = bool(cons.get("required"))
        self.unique = bool(cons.get("unique"))
        self.pattern = cons.get("pattern")
        self.enum = [str(x) for x in cons.get("enum", [])] if cons.get("enum") is not None else None
        self.minimum = cons.get("minimum")
        self.has_constraints = any(k in cons for k in ("pattern", "enum", "minimum", "maximum", "minLength",
                                                       "maxLength", "exclusiveMinimum", "exclusiveMaximum"))
        if self.type == "time":
            safe = _TIME_SAFE.get(d.get("format", "default"))
        else:
            safe = _TYPE_SAFE.get(self.type)
        self.type_safe = _anchored(safe) if safe else None
        self.type_always_checked = self.type not in _TYPE_SAFE and self.type != "time"
        reader = field.create_cell_reader()
        self.read = _ScalarCache(lambda v: reader(v))
        self.checks: list[tuple[CellCheck, str | None, _ScalarCache]] = [
            (c, _anchored(c.safe_pattern) if c.safe_pattern else None, _ScalarCache(c.check))
            for c in spec.checks if not c.applies_to_all
        ]
        self.universal = [_ScalarCache(c.check) for c in spec.checks if c.applies_to_all]
        self.unique_seen: dict[Any, int] = {}


def run_fast(path: Path, encoding: str, plan: Plan, collector: Collector) -> int:
    """Validate with pyarrow; returns the number of data rows.  Raises FastEngineUnsupported."""
    if encoding not in ("utf-8", "utf-8-sig", "cp932", "euc_jp"):
        raise FastEngineUnsupported(f"encoding {encoding}")
    ncols = len(plan.columns)
    names = [f"c{i}" for i in range(ncols)]
    cols = [_Column(spec, plan.field_for(i)) for i, spec in enumerate(plan.columns)]
    universal_safe = _anchored(UNIVERSAL_SAFE)
    invalid: list[int] = []

    def on_invalid(row: Any) -> str:
        invalid.append(row.number)
        return "skip"

    start = 3 if encoding == "utf-8-sig" else 0
    offset = record_end_offset(path, plan.header_row, start=start)
    read_opts = pcsv.ReadOptions(use_threads=False, block_size=BLOCK, column_names=names,
                                 encoding="utf8" if encoding.startswith("utf-8") else encoding)
    parse_opts = pcsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False, invalid_row_handler=on_invalid)
    conv_opts = pcsv.ConvertOptions(column_types={n: pa.string() for n in names}, strings_can_be_null=False,
                                    quoted_strings_can_be_null=False)
    rows_done = 0
    first_row = plan.header_row + 1
    with path.open("rb") as fh:
        fh.seek(offset)
        try:
            reader = pcsv.open_csv(fh, read_options=read_opts, parse_options=parse_opts, convert_options=conv_opts)
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
    return rows_done


def _batch(batch: pa.RecordBatch, cols: list[_Column], collector: Collector, row0: int, universal_safe: str) -> None:
    n = batch.num_rows
    if n == 0:
        return
    arrays = [batch.column(i) for i in range(len(cols))]
    empties = [pc.equal(a, "") for a in arrays]
    blank = empties[0]
    for e in empties[1:]:
        blank = pc.and_(blank, e)
    blank_np = blank.to_numpy(zero_copy_only=False)
    for i in np.flatnonzero(blank_np):
        collector.add_generic("blank-row", row0 + int(i), None)
    any_blank = bool(blank_np.any())
    notblank = pc.invert(blank)
    for col, arr, empty in zip(cols, arrays, empties, strict=True):
        nonempty = pc.and_(pc.invert(empty), notblank) if any_blank else pc.invert(empty)
        if not pc.any(nonempty).as_py() and not col.required:
            continue
        if col.required:
            miss = pc.and_(empty, notblank) if any_blank else empty
            for i in _idx(miss):
                collector.add_generic("constraint-error", row0 + int(i), col.spec, value=None, constraint="required")
        _types_and_constraints(col, arr, nonempty, collector, row0)
        _japanese(col, arr, nonempty, collector, row0, universal_safe)
        if col.unique:
            _unique(col, arr, collector, row0)


def _candidates(arr: pa.Array, nonempty: pa.Array, ok: pa.Array | None) -> np.ndarray:
    mask = nonempty if ok is None else pc.and_(nonempty, pc.invert(ok))
    return _idx(mask)


def _types_and_constraints(col: _Column, arr: pa.Array, nonempty: pa.Array, collector: Collector, row0: int) -> None:
    if col.type == "string" and not col.has_constraints:
        return
    ok: pa.Array | None = None
    if col.type_always_checked:
        ok = None
    else:
        conds = []
        if col.type_safe:
            conds.append(pc.match_substring_regex(arr, col.type_safe))
        if col.pattern:
            conds.append(pc.match_substring_regex(arr, _anchored(col.pattern)))
        if col.enum is not None:
            conds.append(pc.is_in(arr, value_set=pa.array(col.enum, type=pa.string())))
        if col.minimum is not None and col.type in ("integer", "number"):
            safe = conds[0]
            casted = pc.cast(pc.if_else(safe, arr, "0"), pa.float64())
            conds.append(pc.greater_equal(casted, float(col.minimum)))
        if col.type == "string" and not conds:
            return
        ok = conds[0] if conds else None
        for c in conds[1:]:
            ok = pc.and_(ok, c)
    idx = _candidates(arr, nonempty, ok)
    if len(idx) == 0:
        return
    values = arr.take(pa.array(idx)).to_pylist()
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


def _japanese(col: _Column, arr: pa.Array, nonempty: pa.Array, collector: Collector, row0: int,
              universal_safe: str) -> None:
    for _check, safe, fn in col.checks:
        ok = pc.match_substring_regex(arr, safe) if safe else None
        idx = _candidates(arr, nonempty, ok)
        if len(idx):
            _fast_distinct(idx, arr, fn, col, collector, row0)
    ok = pc.match_substring_regex(arr, universal_safe)
    idx = _candidates(arr, nonempty, ok)
    if len(idx):
        for fn in col.universal:
            _fast_distinct(idx, arr, fn, col, collector, row0)


def _fast_distinct(idx: np.ndarray, arr: pa.Array, fn: _ScalarCache, col: _Column, collector: Collector,
                   row0: int) -> None:
    """Run a scalar check on the distinct candidate values only, then expand back to rows."""
    sub = arr.take(pa.array(idx))
    if len(idx) > 64:
        uniq = pc.unique(sub).to_pylist()
        bad = [u for u in uniq if fn(u)]
        if not bad:
            return
        hit = _idx(pc.is_in(sub, value_set=pa.array(bad, type=pa.string())))
        idx = idx[hit]
        sub = sub.take(pa.array(hit))
    _emit_checks(idx, sub.to_pylist(), fn, col, collector, row0)


def _unique(col: _Column, arr: pa.Array, collector: Collector, row0: int) -> None:
    seen = col.unique_seen
    values = arr.to_pylist()
    typed = col.type != "string"
    for i, v in enumerate(values):
        if v == "":
            continue
        key: Any = v
        if typed:
            key, notes = col.read(v)
            if key is None or (notes and "type" in notes):
                continue
        row = row0 + i
        prev = seen.get(key)
        seen[key] = row
        if prev is not None:
            collector.add_generic("unique-error", row, col.spec, value=v, first_row=prev)

"""Cell readers for the fast engine without importing frictionless (0.5-0.7 s per process).

The fast engine reads only the few values its vectorised pre-filters cannot prove fine, but the
first one used to build the frictionless Schema, which imports the whole library.  For the field
descriptors the schemas in ``schemas/`` use (string, integer, number, date, time with a strptime
format; the constraints required, minLength, maxLength, pattern, enum, minimum, maximum
), ``native_cell_reader`` builds the same reader that frictionless
5's ``Field.create_cell_reader`` builds: the same value readers (``str.strip`` then ``int`` /
``Decimal`` / ``datetime.strptime``), the same checks in the same order, the same note texts.  Any
other descriptor (another type or format, bareNumber, groupChar, a field's own missingValues, …)
returns None and the caller uses frictionless itself.  tests/validation/test_cell_reader.py compares
both readers on every field of every schema.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import Any

CellReader = Callable[[Any], tuple[Any, dict[str, str] | None]]

MISSING_VALUES = [""]          # Plan.schema's missingValues
_DEFAULT_DATE = "%Y-%m-%d"     # frictionless.settings.DEFAULT_DATE_PATTERN

# frictionless' supported_constraints, in its order (the order of the notes), without exclusiveMinimum /
# exclusiveMaximum: frictionless refuses a schema that uses them ("requires datapackage v2").
_CONSTRAINTS = {
    "string": ["required", "minLength", "maxLength", "pattern", "enum"],
    "integer": ["required", "minimum", "maximum", "enum"],
    "number": ["required", "minimum", "maximum", "enum"],
    "date": ["required", "minimum", "maximum", "enum"],
    "time": ["required", "minimum", "maximum", "enum"],
}


def _read_string(cell: Any) -> Any:
    if not isinstance(cell, str):
        return None
    return cell


def _read_integer(cell: Any) -> Any:
    if isinstance(cell, str):
        cell = cell.strip()
        try:
            return int(cell)
        except Exception:
            return None
    elif cell is True or cell is False:
        return None
    elif isinstance(cell, int):
        return cell
    elif (isinstance(cell, float) and cell.is_integer()) or (isinstance(cell, Decimal) and cell % 1 == 0):
        return int(cell)
    return None


def _read_number(cell: Any) -> Any:
    if isinstance(cell, str):
        cell = cell.strip()
        try:
            return Decimal(cell)
        except Exception:
            return None
    elif isinstance(cell, Decimal):
        return cell
    elif cell is True or cell is False:
        return None
    elif isinstance(cell, int):
        return cell
    elif isinstance(cell, float):
        return Decimal(str(cell))
    return None


def _date_reader(fmt: str) -> Callable[[Any], Any]:
    pattern = _DEFAULT_DATE if fmt == "default" else fmt

    def read(cell: Any) -> Any:
        if isinstance(cell, dt.datetime):
            t = cell.time()
            if t.hour == 0 and t.minute == 0 and t.second == 0:
                return dt.datetime(cell.year, cell.month, cell.day).date()
            return None
        if isinstance(cell, dt.date):
            return cell
        if not isinstance(cell, str):
            return None
        try:
            return dt.datetime.strptime(cell, pattern).date()
        except Exception:
            return None

    return read


def _time_reader(fmt: str) -> Callable[[Any], Any]:
    def read(cell: Any) -> Any:
        if not isinstance(cell, dt.time):
            if not isinstance(cell, str):
                return None
            try:
                cell = dt.datetime.strptime(cell, fmt).timetz()
            except Exception:
                return None
        return cell

    return read


def _value_reader(ftype: str, fmt: str) -> Callable[[Any], Any] | None:
    if ftype == "string":
        return _read_string if fmt == "default" else None
    if ftype == "integer":
        return _read_integer if fmt == "default" else None
    if ftype == "number":
        return _read_number if fmt == "default" else None
    if ftype == "date":
        return _date_reader(fmt) if fmt not in ("any",) and not fmt.startswith("fmt:") else None
    if ftype == "time":
        return _time_reader(fmt) if fmt not in ("default", "any") and not fmt.startswith("fmt:") else None
    return None


# frictionless' check_* functions (schema/field.py), called the same way: check(constraint, cell)
def _check_required(constraint: bool, cell: Any) -> bool:
    return not (constraint and cell is None)


def _check_min_length(constraint: int, cell: Any) -> bool:
    return cell is None or len(cell) >= constraint


def _check_max_length(constraint: int, cell: Any) -> bool:
    return cell is None or len(cell) <= constraint


def _check_pattern(constraint: re.Pattern[str], cell: Any) -> bool:
    return cell is None or bool(constraint.match(cell))


def _check_enum(constraint: list[Any], cell: Any) -> bool:
    return cell is None or cell in constraint


def _check_bound(constraint: Any, cell: Any, *, compare: Callable[[Any, Any], bool]) -> bool:
    if cell is None:
        return True
    if cell != cell:               # NaN fails every bound
        return False
    return bool(compare(cell, constraint))


_CHECKS: dict[str, Callable[..., bool]] = {
    "required": _check_required, "minLength": _check_min_length, "maxLength": _check_max_length,
    "pattern": _check_pattern, "enum": _check_enum,
    "minimum": partial(_check_bound, compare=operator.ge), "maximum": partial(_check_bound, compare=operator.le),
}


def _plain_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def native_cell_readers(descriptors: list[dict[str, Any]]) -> list[CellReader] | None:
    """Readers for every column, or None when one descriptor is not reproduced: frictionless validates
    the schema as a whole (one invalid field fails every read), so it is all or nothing."""
    readers = [native_cell_reader(d) for d in descriptors]
    if any(r is None for r in readers):
        return None
    return readers  # type: ignore[return-value]


def native_cell_reader(descriptor: dict[str, Any]) -> CellReader | None:
    """frictionless' cell reader for ``descriptor`` (schema missingValues ``[""]``), or None when the
    descriptor has anything this module does not reproduce."""
    if set(descriptor) - {"name", "type", "format", "constraints"} or not isinstance(descriptor.get("name"), str):
        return None
    ftype = descriptor.get("type", "any")
    fmt = descriptor.get("format", "default")
    if ftype not in _CONSTRAINTS or not isinstance(fmt, str):
        return None
    value_reader = _value_reader(ftype, fmt)
    if value_reader is None:
        return None
    constraints = descriptor.get("constraints", {})
    if not isinstance(constraints, dict):
        return None
    supported = _CONSTRAINTS[ftype]
    checks: dict[str, Callable[[Any], bool]] = {}
    for name, value in constraints.items():
        if name == "unique":
            if not isinstance(value, bool):
                return None
        elif name not in supported:
            return None
    for name in supported:
        c = constraints.get(name)
        if c is None:
            continue
        if name == "required" and not isinstance(c, bool):
            return None
        if name in ("minLength", "maxLength") and (not isinstance(c, int) or isinstance(c, bool)):
            return None
        if name == "pattern":
            if not isinstance(c, str):
                return None
            try:
                c = re.compile(f"^{c}$")
            except re.error:
                return None     # frictionless raises when it builds its reader: leave that to it
        if name == "enum":
            if not isinstance(c, list) or not all(isinstance(v, str) or _plain_number(v) for v in c):
                return None
            c = list(map(value_reader, c))
        if name in ("minimum", "maximum"):
            if ftype not in ("integer", "number") or not _plain_number(c):
                return None
            c = value_reader(c)
            if c is None:
                return None
        checks[name] = partial(_CHECKS[name], c)
    type_note = f'type is "{ftype}/{fmt}"'
    missing = MISSING_VALUES

    def cell_reader(cell: Any) -> tuple[Any, dict[str, str] | None]:
        notes: dict[str, str] | None = None
        if str(cell) in missing:
            cell = None
        if cell is not None:
            cell = value_reader(cell)
            if cell is None:
                notes = {"type": type_note}
        if not notes and checks:
            for name, check in checks.items():
                if not check(cell):
                    notes = notes or {}
                    notes[name] = f'constraint "{name}" is "{constraints[name]}"'
        return cell, notes

    return cell_reader

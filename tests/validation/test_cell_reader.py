"""native_cell_reader (the fast engine's reader for leftover values) against frictionless' own
``Field.create_cell_reader``: every field of every schema, built by the same plan, on tricky values
and on random text.  Results are compared by type and repr (Decimal('1.0') is not Decimal('1.00'))
and the notes by key order and text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from frictionless import Schema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import schemas
from opendata.validation.cell_reader import native_cell_reader, native_cell_readers
from opendata.validation.header import analyse_header
from opendata.validation.plan import build_plan

VALUES = [
    "", " ", "0", "-0", "+0", "00", "007", "1", "-1", "+3", " 7 ", "\u30007", "１２", "٣", "1_000", "1,000",
    "1.5", "1.", ".5", "-.5", "1e3", "1E-3", "NaN", "nan", "-NaN", "sNaN", "Infinity", "-inf", "9" * 19,
    "9" * 40, "35.1234567890123456", "0x10", "abc", "鳥取", "①", "2019-04-01", "2019-4-1", "2019-02-29",
    "2020-02-29", "20190401", " 2019-04-01", "2019-04-01 ", "R1.5.1", "07:30", "7:30", "24:00", "23:59",
    "07:30:00", "0730", " 07:30", "有", "無", "有 ", "あり", "公立幼稚園", "認可公立保育所", "312011", "31201",
    "FH0000001", "FH-0001", "9000020312011", "\n", "a\nb", "10", "100", "1000000", "-2147483649", "1.0",
    "1.00", "0.0", "-0.0", "12:60", "2019-13-01", "True", "true",
]


def _plans() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for sid in schemas.available_ids():
        schema = schemas.load(sid)
        labels = [f["name"] for f in schema["fields"]]
        plan = build_plan(analyse_header(labels, schema))
        out.extend((f"{sid}:{c.label}", c.descriptor) for c in plan.columns)
    return out


PLANS = _plans()
_FRICTIONLESS: dict[str, Any] = {}


def _reference(key: str, descriptor: dict[str, Any]) -> Any:
    if key not in _FRICTIONLESS:
        schema = Schema.from_descriptor({"fields": [descriptor], "missingValues": [""]})
        _FRICTIONLESS[key] = schema.fields[0].create_cell_reader()
    return _FRICTIONLESS[key]


def _outcome(reader: Any, value: Any) -> tuple[str, str, Any]:
    """(type, repr, notes as a list of items) of the read value, or the exception it raised."""
    try:
        v, notes = reader(value)
    except Exception as e:  # both readers must raise alike (sNaN against a bound raises InvalidOperation)
        return ("raised", type(e).__name__, None)
    return (type(v).__name__, repr(v), list(notes.items()) if notes else notes)


def _agree(native: Any, ref: Any, value: Any) -> None:
    assert _outcome(native, value) == _outcome(ref, value), value


def test_every_schema_field_is_read_natively() -> None:
    """The schemas only use what native_cell_reader reproduces (otherwise frictionless is imported again)."""
    missing = [key for key, d in PLANS if native_cell_reader(d) is None]
    assert not missing, missing


@pytest.mark.parametrize("key,descriptor", PLANS, ids=[k for k, _ in PLANS])
def test_native_reader_matches_frictionless(key: str, descriptor: dict[str, Any]) -> None:
    native = native_cell_reader(descriptor)
    assert native is not None
    ref = _reference(key, descriptor)
    for v in VALUES:
        _agree(native, ref, v)


@pytest.mark.parametrize("descriptor", [
    {"name": "a", "type": "integer", "constraints": {"minimum": 1, "maximum": 10, "enum": ["1", 2, 3.0]}},
    {"name": "a", "type": "number", "constraints": {"minimum": 0, "maximum": 2.5, "enum": ["1.5", 1, 2.0]}},
    {"name": "a", "type": "integer", "constraints": {"minimum": 1, "enum": []}},
    {"name": "a", "type": "string", "constraints": {"minLength": -1, "enum": [1, "a", "a"]}},
    {"name": "a", "type": "string", "constraints": {"required": True, "minLength": 2, "maxLength": 4,
                                                    "pattern": "[0-9]+|x", "enum": ["12", "x", "abcd"]}},
    {"name": "a", "type": "string", "constraints": {"required": False, "unique": True}},
    {"name": "a", "type": "date", "format": "%Y/%m/%d", "constraints": {"required": True}},
    {"name": "a", "type": "date", "format": "default", "constraints": {"enum": ["2019-04-01"]}},
    {"name": "a", "type": "time", "format": "%H:%M:%S"},
])
def test_native_reader_matches_frictionless_on_other_constraints(descriptor: dict[str, Any]) -> None:
    native = native_cell_reader(descriptor)
    assert native is not None
    ref = Schema.from_descriptor({"fields": [descriptor], "missingValues": [""]}).fields[0].create_cell_reader()
    for v in [*VALUES, "2019/04/01", "07:30:15", "x", "123", "12345", "2.5", "2.0", "3"]:
        _agree(native, ref, v)
    for v in [None, 3, 3.0, 2.5, True, Decimal("2"), dt.date(2019, 4, 1), dt.datetime(2019, 4, 1),
              dt.datetime(2019, 4, 1, 9), dt.time(7, 30)]:
        _agree(native, ref, v)


@pytest.mark.parametrize("descriptor", [
    {"name": "a", "type": "integer", "bareNumber": False},
    {"name": "a", "type": "number", "groupChar": ","},
    {"name": "a", "type": "string", "format": "email"},
    {"name": "a", "type": "time"},
    {"name": "a", "type": "date", "format": "any"},
    {"name": "a", "type": "boolean"},
    {"name": "a", "type": "string", "missingValues": ["-"]},
    {"name": "a", "type": "integer", "constraints": {"minimum": 0.5}},
    {"name": "a", "type": "integer", "constraints": {"minimum": True}},
    {"name": "a", "type": "date", "constraints": {"minimum": "2019-01-01"}},
    {"name": "a", "type": "string", "constraints": {"minimum": 1}},
    {"name": "a", "type": "number", "constraints": {"exclusiveMinimum": 0}},
    {"name": "a", "type": "string", "constraints": {"pattern": "("}},
    {"name": "a", "type": "string", "constraints": {"required": "yes"}},
])
def test_anything_else_falls_back_to_frictionless(descriptor: dict[str, Any]) -> None:
    assert native_cell_reader(descriptor) is None
    assert native_cell_readers([{"name": "b", "type": "string"}, descriptor]) is None


_NUMERIC = [key for key, d in PLANS if d.get("type") in ("integer", "number", "date", "time")]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(key=st.sampled_from(_NUMERIC or [PLANS[0][0]]),
       value=st.text(alphabet="0123456789-+.eE:_ \u3000１２NaIinfty/", max_size=14))
def test_random_numeric_text(key: str, value: str) -> None:
    descriptor = dict(PLANS)[key]
    native = native_cell_reader(descriptor)
    assert native is not None
    _agree(native, _reference(key, descriptor), value)

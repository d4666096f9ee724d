"""The validation plan: for every column of the file, the schema field it holds and the checks to run.

Both engines (frictionless, the reference; and the vectorised fast path) validate against the same
plan, so they can only differ in how fast they find things, not in what they find.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .checks import REGISTRY, UNIVERSAL, UNIVERSAL_KANA, CellCheck
from .checks.numeric import NumericAscii
from .header import HeaderAnalysis

_NUMERIC_ASCII = NumericAscii()


@dataclass
class ColumnSpec:
    index: int                       # 0-based file column
    label: str                       # header text as in the file
    name: str                        # unique name used inside frictionless
    descriptor: dict[str, Any]       # frictionless field descriptor (name replaced)
    field_name: str | None           # the schema item this column holds (None for columns outside the schema)
    checks: list[CellCheck] = field(default_factory=list)
    explaining: list[CellCheck] = field(default_factory=list)
    source: dict[str, Any] | None = None    # the schema field as written in schemas/ (with x- metadata)

    @property
    def display_name(self) -> str:
        return self.field_name or self.label or f"{self.index + 1}列目"


@dataclass
class Plan:
    columns: list[ColumnSpec]
    header_row: int                  # 1-based physical row of the header

    @cached_property
    def schema(self) -> Any:
        """The effective frictionless Schema, one field per file column.

        Built on first use: importing frictionless costs 0.5-0.7 s, and the fast engine needs its cell
        readers only for the rare values its vectorised pre-filters cannot prove fine, and only when
        ``cell_reader.native_cell_readers`` cannot reproduce them (a descriptor outside what the schemas use).
        """
        from frictionless import Schema

        return Schema.from_descriptor({"fields": [c.descriptor for c in self.columns], "missingValues": [""]})

    def field_for(self, index: int) -> Any:
        return self.schema.fields[index]


def build_plan(analysis: HeaderAnalysis, header_row: int = 1) -> Plan:
    specs: list[ColumnSpec] = []
    used: set[str] = set()
    descriptors = []
    for cm in analysis.columns:
        base = cm.label if cm.label.strip() else f"(空欄{cm.index + 1})"
        name = base
        k = 2
        while name in used:
            name = f"{base} ({k})"
            k += 1
        used.add(name)
        if cm.field is not None:
            d = copy.deepcopy(cm.field)
            for key in list(d):
                if key.startswith("x-") or key in ("description", "example", "englishName", "title"):
                    d.pop(key)
            d["name"] = name
            checks = [REGISTRY[c] for c in cm.field.get("x-checks", []) if c in REGISTRY]
            if d.get("type") in ("integer", "number") and not checks:
                checks.append(_NUMERIC_ASCII)
            field_name = cm.field["name"]
        else:
            d = {"name": name, "type": "string"}
            checks = []
            field_name = None
        universal = UNIVERSAL_KANA if any(c.name == "katakana" for c in checks) else UNIVERSAL
        all_checks = [*checks, *universal]
        specs.append(ColumnSpec(cm.index, cm.label, name, d, field_name, all_checks,
                                [c for c in checks if c.explains_errors], cm.field))
        descriptors.append(d)
    return Plan(specs, header_row)

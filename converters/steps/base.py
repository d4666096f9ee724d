"""The interface of a normalisation step.

A cell step looks at one value bound for one target field and returns the value to write, plus a
note when it changed something (for the change log) or an issue when a human must look (the value
is then kept as it was, or emptied only when the step says so in the issue).  Steps never guess
silently: an ambiguous value is left alone and reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar


@dataclass
class FieldSpec:
    """The target field, as the schema describes it."""

    name: str
    type: str = "string"                       # string | integer | number | date | time
    format: str | None = None
    constraints: dict[str, Any] = field(default_factory=dict)
    checks: list[str] = field(default_factory=list)   # the schema's x-checks (katakana, phone, date …)
    separator: str | None = None               # x-separator for multi-value fields (";")
    # a date (time) column of Excel serial numbers (day fractions) written as text, 22196 (0.375): read as such
    # (steps.dates.serial_text_column, steps.times.fraction_text_column)
    serial_text: bool = False

    @classmethod
    def from_schema_field(cls, f: dict[str, Any]) -> FieldSpec:
        return cls(name=f["name"], type=f.get("type", "string"), format=f.get("format"),
                   constraints=dict(f.get("constraints", {})), checks=list(f.get("x-checks", [])),
                   separator=f.get("x-separator"))

    @property
    def enum(self) -> list[str] | None:
        e = self.constraints.get("enum")
        return [str(x) for x in e] if e is not None else None


@dataclass
class StepContext:
    """What a step may know besides the value."""

    publisher_code: str | None = None          # 全国地方公共団体コード of the publisher, e.g. 312011
    row: int | None = None                     # source row number (for messages)
    previous: dict[str, Any] | None = None     # the previous output row (for 同上 / 〃)
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class Issue:
    code: str
    message_ja: str
    message_en: str


@dataclass
class StepResult:
    value: Any
    note_ja: str | None = None      # set when the value changed: why (e.g. "和暦を西暦に変換")
    note_en: str | None = None
    issue: Issue | None = None      # set when a human should look at this cell
    moved: dict[str, str] | None = None   # information moved out of the cell, e.g. {"unit": "台"} -> 備考


@dataclass(frozen=True)
class SafeRule:
    """Values that a step provably passes through unchanged, with no note, issue or moved part.

    A non-empty string is covered when it fully matches every ``fullmatch`` pattern, none of the
    ``forbid`` patterns occurs in it, it is one of ``values`` (when given) and, read as a decimal
    number, it lies within ``number_range`` (inclusive, when given).  Patterns use only the syntax
    that Python's ``re`` and RE2 (``pyarrow.compute``) read alike, so the columnar converter can test
    whole columns at once and send only the values left over to the step itself.  A rule must be
    sound, never complete: tests check every covered value against the step (hypothesis).
    """

    fullmatch: tuple[str, ...] = ()
    forbid: tuple[str, ...] = ()
    values: frozenset[str] | None = None
    number_range: tuple[float, float] | None = None

    def covers(self, value: str) -> bool:
        """The scalar reference of the rule (the columnar converter evaluates it vectorised)."""
        import re

        if not value or not all(re.fullmatch(p, value) for p in self.fullmatch):
            return False
        if any(re.search(p, value) for p in self.forbid):
            return False
        if self.values is not None and value not in self.values:
            return False
        if self.number_range is not None:
            try:
                v = float(value)
            except ValueError:
                return False
            return self.number_range[0] <= v <= self.number_range[1]
        return True


class CellStep:
    name: ClassVar[str]

    def applies(self, field: FieldSpec) -> bool:   # pragma: no cover - interface
        raise NotImplementedError

    def safe_rule(self, field: FieldSpec) -> SafeRule | None:
        """Non-empty values this step leaves alone for this field; None when no value can be proven so."""
        return None

    def apply(self, value: Any, field: FieldSpec, ctx: StepContext) -> StepResult:  # pragma: no cover
        raise NotImplementedError


def unchanged(value: Any) -> StepResult:
    return StepResult(value)

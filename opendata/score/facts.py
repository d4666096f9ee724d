"""What the score reads from a validation report, grouped by (problem code, column).

The score never re-checks cells: it reuses ``ValidationReport.counts_by_column`` (every problem counted)
and the kept problems (the first 1,000 per code, for locations and values).  A fix is modelled as
removing groups (:meth:`FileFacts.without`), so "what does fixing this gain" is a re-score.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import schemas
from opendata.validation import ValidationReport
from opendata.validation.messages import MESSAGES
from opendata.validation.problems import ERROR, INFO, Problem

FILE_CODES = frozenset({"encoding-not-utf8", "encoding-bom", "line-endings-mixed", "title-rows-above-header",
                        "multi-row-header", "file-name", "schema-unconfirmed"})
#: file-level errors that make a file invalid without touching a cell (conformance "file-structure")
STRUCTURE_CODES = frozenset({"encoding-not-utf8", "title-rows-above-header", "multi-row-header"})
HEADER_CODES = frozenset(c for c in MESSAGES if c.startswith("header-"))
ROW_CODES = frozenset({"blank-row", "extra-cell", "missing-cell"})

GroupKey = tuple[str, int]          # (code, 1-based column or 0)


def severity(code: str) -> str:
    return MESSAGES[code][0] if code in MESSAGES else ERROR


@dataclass(frozen=True)
class Group:
    """All problems of one code in one column (column 0: not tied to a column)."""

    code: str
    column: int
    count: int                                  # every occurrence (counted in full by the validator)
    problems: tuple[Problem, ...]               # the kept ones (locations, values)

    @property
    def key(self) -> GroupKey:
        return (self.code, self.column)

    @property
    def severity(self) -> str:
        return severity(self.code)

    @property
    def field(self) -> str | None:
        return next((p.field for p in self.problems if p.field), None)

    @property
    def unlisted(self) -> int:
        return max(0, self.count - len(self.problems))

    @property
    def is_cell_level(self) -> bool:
        return self.code not in FILE_CODES and self.code not in HEADER_CODES


@dataclass
class FileFacts:
    path: str
    size: int
    schema_id: str | None
    rows: int
    columns: int
    header_row: int
    encoding: dict[str, Any]
    groups: dict[GroupKey, Group]
    fields: list[dict[str, Any]] = field(default_factory=list)     # the schema's fields

    @property
    def name(self) -> str:
        return Path(self.path).name

    @classmethod
    def from_report(cls, report: ValidationReport) -> FileFacts:
        kept: dict[GroupKey, list[Problem]] = {}
        for p in report.problems:
            kept.setdefault((p.code, p.column or 0), []).append(p)
        groups = {k: Group(k[0], k[1], n, tuple(kept.get(k, ()))) for k, n in report.counts_by_column.items()
                  if n > 0}
        sid = (report.dataset or {}).get("id")
        fields: list[dict[str, Any]] = []
        if sid:
            try:
                fields = list(schemas.load(sid).get("fields") or [])
            except KeyError:
                fields = []
        fp = Path(report.path)
        return cls(path=report.path, size=fp.stat().st_size if fp.is_file() else 0, schema_id=sid,
                   rows=report.rows, columns=report.columns, header_row=report.header_row,
                   encoding=dict(report.encoding), groups=groups, fields=fields)

    def without(self, keys: set[GroupKey]) -> FileFacts:
        """The same file with these problem groups fixed."""
        return replace(self, groups={k: g for k, g in self.groups.items() if k not in keys})

    # --- questions the layers ask -------------------------------------------------------------
    def has(self, code: str) -> bool:
        return any(g.code == code for g in self.groups.values())

    def of(self, *codes: str) -> list[Group]:
        return [g for g in self.groups.values() if g.code in codes]

    def count(self, code: str) -> int:
        return sum(g.count for g in self.groups.values() if g.code == code)

    @property
    def valid(self) -> bool:
        return not any(g.severity == ERROR for g in self.groups.values())

    @property
    def header_exact(self) -> bool:
        return not any(g.code in HEADER_CODES and g.severity == ERROR for g in self.groups.values())

    @property
    def present_fields(self) -> list[dict[str, Any]]:
        """Schema fields the header holds (all but those reported missing)."""
        missing = {p.field for g in self.of("header-missing-column") for p in g.problems}
        return [f for f in self.fields if f.get("name") not in missing]

    def error_cells_and_rows(self) -> tuple[int, int]:
        """(cells, rows) with at least one error, counted from the problems' locations.  Problems beyond
        the 1,000 kept per code are each counted as a cell and a row of their own (an upper bound)."""
        cells: set[tuple[int, int]] = set()
        rows: set[int] = set()
        extra_cells = extra_rows = 0
        for g in self.groups.values():
            if g.severity != ERROR or not g.is_cell_level:
                continue
            for p in g.problems:
                if p.row is None or p.row <= self.header_row:
                    continue
                rows.add(p.row)
                if g.code != "blank-row":
                    cells.add((p.row, p.column or 0))
            extra_rows += g.unlisted
            if g.code != "blank-row":
                extra_cells += g.unlisted
        return len(cells) + extra_cells, len(rows) + extra_rows


def locations(groups: list[Group], limit: int = 5) -> list[str]:
    """The first locations of these groups, as a clerk counts them (E列3行目)."""
    ps = sorted((p for g in groups for p in g.problems), key=lambda p: p.sort_key())
    out: list[str] = []
    for p in ps:
        if p.location_ja not in out:
            out.append(p.location_ja)
        if len(out) >= limit:
            break
    return out


def non_info(groups: dict[GroupKey, Group]) -> list[Group]:
    return [g for g in groups.values() if g.severity != INFO]

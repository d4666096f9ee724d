"""Reference engine: frictionless validates structure and types; the Japanese checks run as
frictionless custom checks (the Validata pattern), one ``Check`` per (check, column) declared in the
schema's ``x-checks``, plus the universal ones."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from frictionless import Check, Checklist, Dialect, Resource, errors, system

from .checks import CellCheck
from .collector import Collector
from .plan import ColumnSpec, Plan


class JapaneseCellCheck(Check):
    """Runs one Japanese check on one column; findings travel in the error note as JSON."""

    type = "jp-cell-check"
    Errors = [errors.CellError]

    def __init__(self, check: CellCheck, spec: ColumnSpec):
        super().__init__()
        self.check = check
        self.spec = spec

    def validate_row(self, row: Any) -> Iterator[errors.Error]:
        cells = row.cells
        i = self.spec.index
        if i >= len(cells):
            return
        v = cells[i]
        if not isinstance(v, str) or v == "":
            return
        for f in self.check.check(v):
            note = json.dumps({"check": self.check.name, "code": f.code, "suggestion": f.suggestion,
                               "params": f.params, "value": v, "column": i}, ensure_ascii=False)
            yield errors.CellError.from_row(row, note=note, field_name=self.spec.name)


def run_frictionless(path: Path, encoding: str, plan: Plan, collector: Collector) -> int:
    """Validate with frictionless; returns the number of data rows read."""
    checks: list[Check] = [JapaneseCellCheck(c, spec) for spec in plan.columns for c in spec.checks]
    dialect = Dialect(header_rows=[plan.header_row])
    with system.use_context(trusted=True):
        res = Resource(path=str(Path(path).resolve()), encoding=encoding, format="csv", dialect=dialect,
                       schema=plan.schema)
        report = res.validate(Checklist(checks=checks, skip_errors=["#header", "#label"]), limit_errors=10**12)
    specs_by_name = {s.name: s for s in plan.columns}
    task = report.tasks[0] if report.tasks else None
    if task is None:
        return 0
    err: Any
    for err in task.errors:
        e: Any = err
        etype = e.type
        row: int = getattr(e, "row_number", 0) or 0
        fnum = getattr(e, "field_number", None)
        cells = getattr(e, "cells", None)
        raw = cells[fnum - 1] if cells and fnum and fnum <= len(cells) else getattr(e, "cell", None)
        if etype == "cell-error" and e.note.startswith("{"):
            d = json.loads(e.note)
            spec = plan.columns[d["column"]]
            from .checks import Finding

            collector.add_finding(row, spec, d["value"], Finding(d["code"], d["suggestion"], d["params"]))
            continue
        if etype == "blank-row":
            collector.add_generic("blank-row", row, None)
        elif etype == "extra-cell":
            collector.add_generic("extra-cell", row, None, value=raw, column=fnum)
        elif etype == "missing-cell":
            collector.add_generic("missing-cell", row, specs_by_name.get(e.field_name))
        elif etype == "type-error":
            collector.add_generic("type-error", row, specs_by_name[e.field_name], value=raw)
        elif etype == "constraint-error":
            constraint = e.note.split('"')[1] if '"' in e.note else e.note
            collector.add_generic("constraint-error", row, specs_by_name[e.field_name], value=raw,
                                  constraint=constraint)
        elif etype == "unique-error":
            first = int(e.note.rsplit(" ", 1)[-1])
            collector.add_generic("unique-error", row, specs_by_name[e.field_name], value=raw, first_row=first)
        elif etype in ("source-error", "encoding-error", "scheme-error", "format-error", "io-error"):
            raise RuntimeError(e.note)
        else:  # pragma: no cover - a frictionless error we do not translate yet
            raise RuntimeError(f"untranslated frictionless error {etype}: {e.note}")
    return int(task.stats.get("rows") or 0)

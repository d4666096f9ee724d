"""Conversion as the catalogue, the CLI and the web UI use it: convert (converters.pipeline), validate
the output (opendata.validation), write the report (JSON for machines, Japanese text for people)
and the recipe.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from converters.pipeline import ConversionError, ConversionResult, ConvertOptions, convert
from converters.recipe import Recipe, RecipeError

from .validation import FatalValidationError, ValidationReport, validate_file
from .validation.detect import describe
from .validation.follow import Follower

INPUT_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods"}
REPORT_CHANGES_INLINE = 100_000   # changes written into the JSON report (all are counted)


@dataclass
class Outcome:
    """The result of converting one file."""

    input: str
    ok: bool                                   # an output file was written
    status: str                                # valid | problems | failed
    result: ConversionResult | None = None
    validation: ValidationReport | None = None
    error: dict[str, Any] | None = None        # {code, message_ja, message_en} when failed
    report_path: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return {"valid": 0, "problems": 1}.get(self.status, 2)

    @property
    def issue_total(self) -> int:
        return sum(self.result.issue_counts.values()) if self.result else 0

    @property
    def error_total(self) -> int:
        return self.validation.error_count if self.validation else 0


def convert_file(input_path: str | Path, out_dir: str | Path, *, dataset: str | None = None,
                 code: str | None = None, recipe: Recipe | None = None, bom: bool | None = None,
                 schema_file: str | Path | None = None,
                 extra_to_remarks: bool | None = None, report_path: str | Path | None = None,
                 save_recipe: str | Path | None = None, progress: Any = None, keep_logs: bool = False) -> Outcome:
    """Convert one file.  With ``keep_logs`` the change log stays readable (call ``result.cleanup()``)."""
    src = Path(input_path)
    if not src.is_file():
        return Outcome(str(src), False, "failed", error={
            "code": "file-unreadable", "message_ja": f"ファイル「{src}」が見つかりません。",
            "message_en": f"file not found: {src}"})
    if recipe is not None:
        opts = ConvertOptions.from_recipe(recipe, dataset=dataset, publisher_code=code, bom=bom,
                                          extra_to_remarks=extra_to_remarks, progress=progress,
                                          schema_file=str(schema_file) if schema_file else None)
    else:
        opts = ConvertOptions(dataset=dataset, publisher_code=code, bom=bool(bom),
                              extra_to_remarks=bool(extra_to_remarks), progress=progress,
                              schema_file=str(schema_file) if schema_file else None)
    follower = Follower.maybe(src)       # validates the output in a second process while it is written
    opts.output_observer = follower
    try:
        res = convert(src, out_dir, opts)
    except ConversionError as e:
        if follower is not None:
            follower.abandoned()
        return Outcome(str(src), False, "failed", error={"code": e.code, "message_ja": e.message_ja,
                                                          "message_en": e.message_en, "details": e.details})
    err: dict[str, Any] | None = None
    val: ValidationReport | None
    try:
        val = follower.result(res.output) if follower is not None else None
        followed = val is not None
        if val is None:
            val = validate_file(res.output, dataset=res.schema_id, encoding=res.output_encoding())
    except FatalValidationError as e:   # pragma: no cover - our own output should always be readable
        val = None
        err = {"code": e.problem.code, "message_ja": e.problem.message_ja, "message_en": e.problem.message_en}
    issues = sum(res.issue_counts.values())
    status = "valid" if val is not None and val.valid and issues == 0 else "problems"
    out = Outcome(str(src), True, status, res, val, err)
    out.extra["validated_while_written"] = followed
    if save_recipe:
        res.recipe.save(save_recipe)
    if report_path:
        write_json_report(out, Path(report_path))
        out.report_path = Path(report_path)
    if not keep_logs:
        out.extra["report"] = report_dict(out, max_items=200)   # small summary for the caller
        res.cleanup()
    return out


def _dump(f: IO[str], obj: Any) -> None:
    f.write(json.dumps(obj, ensure_ascii=False, default=str))


def report_dict(o: Outcome, include_items: bool = True, max_items: int = REPORT_CHANGES_INLINE) -> dict[str, Any]:
    """The conversion report as one dictionary (used by the API; the CLI streams the same shape)."""
    if not o.ok or o.result is None:
        return {"input": o.input, "status": o.status, "error": o.error}
    r = o.result
    d: dict[str, Any] = {
        "input": r.input, "output": str(r.output), "status": o.status,
        "dataset": describe(r.schema_id), "detection": r.guess, "publisher_code": r.publisher_code,
        "read": r.table, "mapping": r.mapping, "unmapped": r.unmapped,
        "rows": {"in": r.rows_in, "out": r.rows_out},
        "changes": {"counts": r.change_counts, "total": sum(r.change_counts.values())},
        "issues": {"counts": r.issue_counts, "total": sum(r.issue_counts.values())},
        "accounting": r.accounting,
        "validation": o.validation.to_dict() if o.validation else o.error,
        "recipe": r.recipe.to_dict(),
    }
    if include_items:
        # the first entries only: the logs can hold millions, and reading stops there
        d["changes"]["items"] = list(itertools.islice(r.iter_changes(), max_items))
        d["issues"]["items"] = list(itertools.islice(r.iter_issues(), max_items))
    return d


def write_json_report(o: Outcome, path: Path) -> None:
    """Write the report, streaming the change log (it can hold millions of entries)."""
    d = report_dict(o, include_items=False)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        if not o.ok or o.result is None:
            _dump(f, d)
        else:
            changes = d.pop("changes")
            issues = d.pop("issues")
            f.write("{")
            for k, v in d.items():
                _dump(f, k)
                f.write(": ")
                _dump(f, v)
                f.write(", ")
            for key, meta, it in (("changes", changes, o.result.iter_changes()),
                                  ("issues", issues, o.result.iter_issues())):
                _dump(f, key)
                f.write(': {"counts": ')
                _dump(f, meta["counts"])
                f.write(', "total": ')
                _dump(f, meta["total"])
                f.write(', "items": [')
                for i, c in enumerate(it):
                    if i:
                        f.write(", ")
                    _dump(f, c)
                f.write("]}")
                f.write(", " if key == "changes" else "")
            f.write("}\n")
    tmp.replace(path)


def load_recipe(path: str | Path) -> Recipe:
    return Recipe.load(path)


def iter_inputs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


__all__ = ["Outcome", "RecipeError", "convert_file", "iter_inputs", "load_recipe", "report_dict",
           "write_json_report"]

"""One dataset of the report: convert its source as ``opendata build`` does (with its recipe, or
automatically), validate the output, score it, and decide how it counts.

Counting (docs/report.md):
* a dataset with a standard counts as conformant when its converted file is valid against the
  standard's schema (``opendata validate`` says 適合);
* a dataset with ``standard: none`` counts only when it carries its own Table Schema (schema.json) and
  the published file passes the whole machine-readability layer;
* a dataset that cannot be read or converted does not count.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import schemas
from opendata.score import score_validation
from opendata.score.source import SourceFacts
from opendata.validation import FatalValidationError, ValidationReport, validate_file
from opendata.validation.detect import describe

from .model import DatasetResult, Entry

FIRST_PROBLEMS = 3


def first_problems(v: ValidationReport, n: int = FIRST_PROBLEMS) -> list[dict[str, str]]:
    """The first errors, one per (code, column), as the convert summary shows them."""
    out: list[dict[str, str]] = []
    seen: set[tuple[str, int | None]] = set()
    for p in v.problems:
        if p.severity != "error" or (p.code, p.column) in seen:
            continue
        seen.add((p.code, p.column))
        more = v.counts_by_column.get((p.code, p.column or 0), 1) - 1
        out.append({"code": p.code,
                    "text_ja": f"{p.location_ja}: {p.message_ja}" + (f"（同じ列でほか {more} 件）" if more > 0 else ""),
                    "text_en": f"{p.location_en}: {p.message_en}" + (f" (+{more} more in the column)" if more > 0 else "")})
        if len(out) >= n:
            break
    return out


def _failed(e: Entry, err: dict[str, Any], t0: float, how: str = "") -> DatasetResult:
    return DatasetResult(
        id=e.id, title=e.title, standard=e.standard, standard_name=_name(e.standard), generation=_gen(e.standard),
        no_standard=e.standard is None, conformant=False,
        counted_ja=f"数えない: {err.get('message_ja', '')}", counted_en=f"not counted: {err.get('message_en', '')}",
        error={k: str(v) for k, v in err.items() if k in ("code", "message_ja", "message_en")}, how=how,
        first_problems=[{"code": str(err.get("code")), "text_ja": str(err.get("message_ja")),
                         "text_en": str(err.get("message_en"))}], seconds=time.perf_counter() - t0)


def _name(sid: str | None) -> str | None:
    try:
        return str(describe(sid)["nameJa"]) if sid else None
    except KeyError:
        return None


def _gen(sid: str | None) -> str | None:
    try:
        return str(describe(sid)["generationName"]) if sid else None
    except KeyError:
        return None


def _convert(e: Entry, out_dir: Path) -> tuple[Any, str]:
    """Convert as ``opendata build`` does.  Returns (Outcome, how)."""
    from converters.recipe import Recipe, RecipeError
    from opendata.convert import convert_file

    recipe = None
    if e.recipe:
        try:
            recipe = Recipe.load(e.recipe)
        except RecipeError as ex:
            raise _Stop({"code": "recipe-invalid", "message_ja": f"recipe.yaml: {ex.message_ja}",
                         "message_en": f"recipe.yaml: {ex.message_en}"}, "recipe") from None
    extra: dict[str, Any] = {"schema_file": e.schema_file} if e.standard is None and e.schema_file else {}
    o = convert_file(e.source or "", out_dir, dataset=e.standard, code=e.publisher_code, recipe=recipe, **extra)
    how = "recipe" if recipe else "auto"
    if not o.ok or o.result is None or o.validation is None:
        err = o.error or {}
        raise _Stop({"code": str(err.get("code") or "conversion-failed"),
                     "message_ja": f"変換できません: {err.get('message_ja', '')}",
                     "message_en": f"conversion failed: {err.get('message_en', '')}"}, how)
    return o, how


class _Stop(Exception):
    def __init__(self, err: dict[str, Any], how: str = ""):
        super().__init__(err.get("message_en"))
        self.err, self.how = err, how


def _published(e: Entry) -> tuple[ValidationReport, SourceFacts | None]:
    sid = e.standard
    if sid is None:
        if not e.has_schema:
            raise _Stop({"code": "schema-missing", "message_ja": "市独自のTable Schemaがありません。",
                         "message_en": "no Table Schema for a dataset without a standard"}, "published")
        sid = e.city_schema or schemas.load_file(e.schema_file or "")
    try:
        v = validate_file(e.csv or "", sid)
    except FatalValidationError as ex:
        raise _Stop({"code": ex.problem.code, "message_ja": ex.problem.message_ja,
                     "message_en": ex.problem.message_en}, "published") from None
    src = None
    if e.stored_report:
        src = SourceFacts.from_report_dict(e.stored_report, e.source)
    return v, src


def run_entry(e: Entry, out_dir: Path, today: dt.date | None = None) -> DatasetResult:
    t0 = time.perf_counter()
    if e.error:
        return _failed(e, e.error, t0)
    try:
        if e.csv is not None:
            v, src = _published(e)
            how, output = "published", None
        else:
            o, how = _convert(e, out_dir)
            v, src, output = o.validation, SourceFacts.from_conversion(o.result), str(o.result.output)
    except _Stop as s:
        return _failed(e, s.err, t0, s.how)
    sid = (v.dataset or {}).get("id")
    score = score_validation(v, e.metadata, source=src, today=today)
    no_std = e.standard is None
    rd = score.layer("readability")
    if no_std:
        ok = e.has_schema and rd.points >= rd.max
        ja = (f"標準なし: Table Schema {'あり' if e.has_schema else 'なし'}、機械可読性 {rd.points:g}/{rd.max:g}"
              f" → {'適合として数える' if ok else '適合に数えない'}")
        en = (f"no standard: Table Schema {'present' if e.has_schema else 'missing'}, machine readability "
              f"{rd.points:g}/{rd.max:g} -> {'counted' if ok else 'not counted'}")
    else:
        ok = v.valid
        ja = f"{sid} のスキーマに{'適合' if ok else f'不適合（エラー {v.error_count} 件）'}"
        en = f"{'valid' if ok else f'invalid ({v.error_count} errors)'} against {sid}"
    return DatasetResult(
        id=e.id, title=e.title, standard=sid, standard_name=_name(sid), generation=_gen(sid), no_standard=no_std,
        conformant=ok, counted_ja=ja, counted_en=en, valid=v.valid, rows=v.rows, errors=v.error_count,
        warnings=v.warning_count, counts=dict(v.counts), first_problems=first_problems(v), score=score, how=how,
        output=output, seconds=time.perf_counter() - t0)

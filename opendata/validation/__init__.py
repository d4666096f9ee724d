"""Validate a CSV file against its standard dataset: structure, types, header and Japanese checks.

    from opendata.validation import validate_file
    report = validate_file("312011_aed.csv")            # dataset detected from header + file name
    report.valid, report.problems[0].message_ja

Two engines find the same problems: ``frictionless`` (the reference, frictionless-py with our checks
as custom checks) and ``fast`` (pyarrow, vectorised; the default).  ``auto`` uses fast and falls back
to the reference for files it cannot represent (rows with a wrong number of cells).
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import schemas
from converters.jp.checkdigit import is_valid_localgov_code
from converters.readers.encoding import EncodingInfo, UndecodableError, detect_encoding

from .collector import DEFAULT_KEEP, Collector
from .detect import Detection, describe, detect, header_score, resolve_dataset
from .engine_fast import FastEngineUnsupported, run_fast
from .header import analyse_header
from .plan import build_plan
from .problems import ERROR, WARNING, Problem, make_problem

__all__ = ["FatalValidationError", "ValidationReport", "validate_file"]

HEAD_RECORDS = 40
CONFIDENCE_JA = {"high": "高", "medium": "中", "low": "低", "unconfirmed": "未確認"}


class FatalValidationError(Exception):
    """The file cannot be validated at all (unreadable, not CSV, unknown dataset …)."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message_en)
        self.problem = problem


@dataclass
class ValidationReport:
    path: str
    dataset: dict[str, Any] | None
    detection: dict[str, Any]
    encoding: dict[str, Any]
    header_row: int
    rows: int
    columns: int
    problems: list[Problem]
    counts: dict[str, int]
    truncated: bool
    engine: str
    seconds: float
    header_exact: bool = False
    notes: list[str] = field(default_factory=list)
    counts_by_column: dict[tuple[str, int], int] = field(default_factory=dict)   # (code, column or 0) -> n

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def valid(self) -> bool:
        return not any(self._severity_of(c) == ERROR for c in self.counts)

    def _severity_of(self, code: str) -> str:
        from .messages import MESSAGES

        return MESSAGES[code][0]

    @property
    def error_count(self) -> int:
        return sum(n for c, n in self.counts.items() if self._severity_of(c) == ERROR)

    @property
    def warning_count(self) -> int:
        return sum(n for c, n in self.counts.items() if self._severity_of(c) == WARNING)

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "file": self.path,
            "dataset": self.dataset,
            "detection": self.detection,
            "encoding": self.encoding,
            "header_row": self.header_row,
            "header_exact": self.header_exact,
            "stats": {"rows": self.rows, "columns": self.columns, "errors": self.error_count,
                      "warnings": self.warning_count, "seconds": round(self.seconds, 3)},
            "engine": self.engine,
            "counts": dict(sorted(self.counts.items())),
            "counts_by_column": [{"code": c, "column": col or None, "count": n}
                                 for (c, col), n in sorted(self.counts_by_column.items())],
            "truncated": self.truncated,
            "problems": [p.to_dict() for p in self.problems],
        }


Opener = Callable[[], BinaryIO]


def _open(path: Path, opener: Opener | None) -> BinaryIO:
    return opener() if opener is not None else path.open("rb")


def _sniff_kind(path: Path, opener: Opener | None = None) -> str | None:
    with _open(path, opener) as f:
        head = f.read(8)
    if head.startswith(b"PK\x03\x04"):
        return "Excel（.xlsx）またはZIP"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "Excel（.xls）"
    if head.startswith(b"%PDF"):
        return "PDF"
    if head[:4] in (b"\x89PNG", b"GIF8") or head[:3] == b"\xff\xd8\xff":
        return "画像"
    return None


def _head_records(path: Path, enc: EncodingInfo, opener: Opener | None = None) -> list[list[str]]:
    with _open(path, opener) as raw:
        text = io.TextIOWrapper(raw, encoding=enc.encoding, newline="")
        return [r for r in itertools.islice(csv.reader(text), HEAD_RECORDS)]


def _file_problems(path: Path, enc: EncodingInfo, schema: dict[str, Any], header_row: int,
                   records: list[list[str]]) -> list[Problem]:
    out: list[Problem] = []
    if not enc.is_utf8:
        out.append(make_problem("encoding-not-utf8", encoding=enc.label_en, encoding_ja=enc.label,
                                reason=enc.reason_ja, reason_en=enc.reason_en))
    if enc.bom:
        out.append(make_problem("encoding-bom"))
    le = enc.line_endings
    if sum(1 for v in le.values() if v) > 1:
        out.append(make_problem("line-endings-mixed", crlf=le["crlf"], lf=le["lf"], cr=le["cr"]))
    if header_row > 1:
        out.append(make_problem("title-rows-above-header", row=1, header_row=header_row))
    hdr = records[header_row - 1] if len(records) >= header_row else []
    nxt = records[header_row] if len(records) > header_row else []
    blanks = [i for i, x in enumerate(hdr) if not x.strip()]
    if blanks and nxt and all(i < len(nxt) and nxt[i].strip() for i in blanks) and not any(
            re.fullmatch(r"[0-9.\-]+", x.strip()) for x in nxt if x.strip()):
        out.append(make_problem("multi-row-header", row=header_row + 1, rows=f"{header_row}〜{header_row + 1}"))
    meta = schema.get("x-opendata", {})
    slugs = [s for s in [meta.get("slug"), *meta.get("fileNameSlugs", [])] if s]
    if slugs and meta.get("slugStatus") != "UNCONFIRMED":
        name = path.name
        expected = f"{{全国地方公共団体コード6桁}}_{slugs[0]}.csv"
        m = re.fullmatch(r"([0-9]{6})_([a-z_]+?)(_[0-9][0-9_]*)?\.csv", name)
        detail = detail_en = ""
        if not m:
            detail, detail_en = "例：312011_" + slugs[0] + ".csv", "e.g. 312011_" + slugs[0] + ".csv"
        elif m.group(2) not in slugs:
            detail = f"データセットを表す部分は「{slugs[0]}」です。"
            detail_en = f"the dataset part is \"{slugs[0]}\"."
        elif not is_valid_localgov_code(m.group(1)):
            detail = f"先頭の「{m.group(1)}」は正しい全国地方公共団体コードではありません。"
            detail_en = f"\"{m.group(1)}\" is not a valid local-government code."
        if detail:
            out.append(make_problem("file-name", value=name, expected=expected, detail=detail, detail_en=detail_en))
    if meta.get("confidence") in ("low", "medium") or not meta.get("orderConfirmed", True):
        note = " ".join(meta.get("notes") or []) or "未確認の部分は参考として扱ってください。"
        out.append(make_problem("schema-unconfirmed", name=f"{meta.get('nameJa')}（{meta.get('generation')}年版）",
                                confidence=meta.get("confidence"),
                                confidence_ja=CONFIDENCE_JA.get(meta.get("confidence", ""), ""), note=note))
    return out


def validate_file(path: str | Path, dataset: str | None = None, *, engine: str = "auto",
                  keep: int = DEFAULT_KEEP, encoding: EncodingInfo | None = None) -> ValidationReport:
    """Validate one CSV file.  Raises FatalValidationError when it cannot be validated at all.

    ``encoding``: the caller's own ``detect_encoding`` result for this file (the converter knows the
    line endings of what it wrote), so the whole file is not scanned again; it must be what
    ``detect_encoding(path)`` returns."""
    t0 = time.perf_counter()
    p = Path(path)
    check_readable(p)
    try:
        enc = encoding if encoding is not None else detect_encoding(p)
    except UndecodableError as e:
        raise FatalValidationError(make_problem("file-unreadable", reason=e.message_ja, reason_en=e.message_en)) from e
    records = head_records(p, enc)
    prep = prepare(p.name, records, dataset)
    collector, rows, used = check_rows(p, enc.encoding, prep, engine, keep)
    return build_report(p, enc, prep, collector, rows, used, time.perf_counter() - t0)


# --- the steps of validate_file (opendata.validation.follow runs them on a file still being written) ---------
@dataclass
class Prepared:
    """What the head of the file decides: the dataset, the header row and the plan of the columns."""

    records: list[list[str]]
    det: Detection
    schema: dict[str, Any]
    labels: list[str]
    analysis: Any
    plan: Any
    given: bool


def check_readable(p: Path, opener: Opener | None = None) -> None:
    if opener is None:
        if not p.is_file():
            raise FatalValidationError(make_problem("file-unreadable", reason="ファイルが見つかりません",
                                                    reason_en="file not found"))
        if p.stat().st_size == 0:
            raise FatalValidationError(make_problem("file-empty"))
    kind = _sniff_kind(p, opener)
    if kind:
        raise FatalValidationError(make_problem("not-csv", kind=kind))


def head_records(p: Path, enc: EncodingInfo, opener: Opener | None = None) -> list[list[str]]:
    if enc.encoding == "utf-16":
        raise FatalValidationError(make_problem("encoding-not-utf8", encoding=enc.label_en, encoding_ja=enc.label,
                                                reason=enc.reason_ja, reason_en=enc.reason_en))
    try:
        records = _head_records(p, enc, opener)
    except csv.Error as e:
        raise FatalValidationError(make_problem("file-unreadable", reason=f"CSVとして読めません（{e}）",
                                                reason_en=str(e))) from e
    if not records:
        raise FatalValidationError(make_problem("file-empty"))
    return records


def prepare(name: str, records: list[list[str]], dataset: str | None) -> Prepared:
    if dataset:
        try:
            sid = resolve_dataset(dataset, records[0])
        except KeyError:
            raise FatalValidationError(make_problem("dataset-unknown")) from None
        det = detect(records, name, only=[sid])
        det = Detection(sid, det.score, det.header_row if det.score >= 0.2 else 1, det.candidates)
    else:
        det = detect(records, name)
        if det.schema_id is None:
            raise FatalValidationError(make_problem("dataset-unknown"))
        # prefer row 1 when it scores as well as a later row
        if det.header_row > 1 and header_score(records[0], det.schema_id) >= det.score - 1e-9:
            det.header_row = 1
    assert det.schema_id is not None
    schema = schemas.load(det.schema_id)
    labels = records[det.header_row - 1] if len(records) >= det.header_row else []
    analysis = analyse_header(labels, schema, det.header_row)
    return Prepared(records, det, schema, labels, analysis, build_plan(analysis, det.header_row), bool(dataset))


def check_rows(p: Path, encoding: str, prep: Prepared, engine: str = "auto", keep: int = DEFAULT_KEEP,
               opener: Opener | None = None) -> tuple[Collector, int, str]:
    """Check every data row: (the findings, the number of rows, the engine used)."""
    plan = prep.plan
    used = engine
    collector = Collector(plan, keep)
    if engine in ("auto", "fast"):
        try:
            rows = run_fast(p, encoding, plan, collector, opener=opener)
            used = "fast"
        except FastEngineUnsupported as e:
            if engine == "fast" or opener is not None:
                raise
            from .engine_frictionless import run_frictionless

            collector = Collector(plan, keep)
            rows = run_frictionless(p, encoding, plan, collector)
            used = f"frictionless (fast engine not applicable: {e})"
    else:
        from .engine_frictionless import run_frictionless

        rows = run_frictionless(p, encoding, plan, collector)
        used = "frictionless"
    return collector, rows, used


def build_report(p: Path, enc: EncodingInfo, prep: Prepared, collector: Collector, rows: int, used: str,
                 seconds: float) -> ValidationReport:
    det, analysis = prep.det, prep.analysis
    file_problems = _file_problems(p, enc, prep.schema, det.header_row, prep.records)
    for pr in [*file_problems, *analysis.problems]:
        collector.add(pr)
    problems = collector.problems()
    assert det.schema_id is not None
    return ValidationReport(
        path=str(p), dataset=describe(det.schema_id),
        detection={"score": det.score, "confidence": det.confidence, "candidates": det.candidates,
                   "given": prep.given},
        encoding=enc.to_dict(), header_row=det.header_row, rows=rows, columns=len(prep.labels), problems=problems,
        counts=dict(collector.counts), truncated=collector.truncated, engine=used,
        counts_by_column=dict(collector.counts_by_column),
        seconds=seconds, header_exact=analysis.exact,
    )

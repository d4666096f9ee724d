"""The conversion report: every dataset of the catalogue, converted, validated, scored and counted.

    from opendata.report import build_report
    rep = build_report("datasets/")
    rep.headline          # 推奨データセット形式での公開: 31/34 (91.2%)
    render_markdown(rep)  # a CI job summary (opendata.report.render)

``--from datasets/`` converts each source exactly as ``opendata build`` does (opendata/report/run.py);
``--db`` reads the published versions from the catalogue store (opendata/report/db.py).
docs/report.md describes the counting, the formats and the history file.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from .catalogue import ReportInputError, folder_entries
from .history import append_history, git_commit, now_utc, read_history
from .model import DatasetResult, Entry, Report
from .run import run_entry

__all__ = ["DatasetResult", "Entry", "Report", "ReportInputError", "build_report", "report_entries",
           "score_published"]


def report_entries(entries: list[Entry], origin: str, *, out_dir: str | Path | None = None,
                   today: dt.date | None = None, history: str | Path | None = None,
                   commit_cwd: str | Path | None = None) -> Report:
    """Report on these entries.  ``out_dir`` keeps the converted files (a temporary folder otherwise);
    ``history`` reads the previous run from that JSON-lines file and appends this one."""
    work = Path(out_dir) if out_dir else Path(tempfile.mkdtemp(prefix="opendata-report-"))
    try:
        results: list[DatasetResult] = []
        for e in entries:
            d = work / e.id
            d.mkdir(parents=True, exist_ok=True)
            r = run_entry(e, d, today)
            if not out_dir:
                r.output = None
            results.append(r)
    finally:
        if not out_dir:
            shutil.rmtree(work, ignore_errors=True)
    rep = Report(origin=origin, results=results, date=now_utc(), commit=git_commit(commit_cwd))
    if history:
        past = read_history(history)
        rep.previous = past[-1] if past else None
        append_history(history, rep.history_record())
    return rep


def build_report(folder: str | Path | None = None, *, db: bool = False, out_dir: str | Path | None = None,
                 today: dt.date | None = None, history: str | Path | None = None) -> Report:
    """The report for a datasets/ folder, or (``db=True``) for the catalogue store.
    Raises ``ReportInputError`` when the input as a whole cannot be read."""
    if db:
        from .db import db_entries

        work = Path(tempfile.mkdtemp(prefix="opendata-report-db-"))
        try:
            return report_entries(db_entries(work_dir=work), "db", out_dir=out_dir, today=today, history=history)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    root = Path(folder or "datasets")
    entries = folder_entries(root)
    if not entries:
        raise ReportInputError("no-datasets", f"「{root}」にデータセットのフォルダがありません。",
                               f"no dataset folders in {root}")
    return report_entries(entries, str(root), out_dir=out_dir, today=today, history=history, commit_cwd=root)


def score_published(dataset_id: str, *, settings: object = None, today: dt.date | None = None) -> DatasetResult | None:
    """One published dataset of the store, validated, scored and counted (``result.score.to_dict()`` is the
    score the API serves).  None when the dataset has no published version.  Validates the CSV, so a
    caller serving it often should cache it per version."""
    from .db import db_entries

    work = Path(tempfile.mkdtemp(prefix="opendata-score-"))
    try:
        entries = db_entries(settings, work_dir=work, only=[dataset_id])
        return run_entry(entries[0], work, today) if entries else None
    finally:
        shutil.rmtree(work, ignore_errors=True)

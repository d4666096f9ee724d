"""``--history FILE``: one JSON line per run — {date, commit, conformant, total, percent, mean_score} —
so a trend can be drawn and a regression seen next to the previous run."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path
from typing import Any


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def git_commit(cwd: str | Path | None = None) -> str | None:
    """``git rev-parse HEAD`` where the report was made; $GITHUB_SHA when git is not there."""
    try:
        r = subprocess.run(["git", "rev-parse", "HEAD"], cwd=cwd or None, capture_output=True, text=True,
                           timeout=10, check=False)
        if r.returncode == 0 and r.stdout.strip():
            return r.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return os.environ.get("GITHUB_SHA") or None


def read_history(path: str | Path) -> list[dict[str, Any]]:
    p = Path(path)
    if not p.is_file():
        return []
    out = []
    for line in p.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            rec = json.loads(line)
        except ValueError:
            continue              # a damaged line does not stop the trend
        if isinstance(rec, dict):
            out.append(rec)
    return out


def append_history(path: str | Path, record: dict[str, Any]) -> None:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    with p.open("a", encoding="utf-8") as f:
        f.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")

"""Shared fixtures.  Real municipal files live in ../shared/corpus (read-only); tests that need them
are marked ``corpus`` and skip with a visible reason when the folder is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("OPENDATA_CORPUS", ROOT.parent / "shared" / "corpus"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"../shared/corpus is absent ({CORPUS}); real-file tests skipped")
    return CORPUS


def corpus_file(rel: str) -> Path:
    p = CORPUS / rel
    if not p.is_file():
        pytest.skip(f"corpus file missing: {p}")
    return p


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8", newline: str = "\r\n") -> Path:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, lineterminator=newline).writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path

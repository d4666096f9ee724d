"""Settings of the catalogue store, read from environment variables.

| variable | default | meaning |
|---|---|---|
| ``OPENDATA_DATA_DIR`` | ``var/`` | data directory: the content-addressed files live in ``<dir>/files`` |
| ``OPENDATA_DATABASE_URL`` | ``sqlite:///<OPENDATA_DATA_DIR>/opendata.sqlite3`` | SQLAlchemy URL (SQLite or PostgreSQL) |
| ``OPENDATA_BASE_URL`` | unset (taken from each request) | public URL of the service, used in DCAT / schema.org URIs |
| ``OPENDATA_DELETE_RETENTION_DAYS`` | 30 | staff flow: days a deleted dataset can be restored before a purge removes it |
| ``OPENDATA_JOB_WORKERS`` | 2 | staff flow: conversions and publications run at the same time (per process) |
| ``OPENDATA_UPLOAD_MAX_MB`` | 200 | staff flow: largest accepted upload |
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA_DIR = "var"
log = logging.getLogger(__name__)


def _int(e: Mapping[str, str], name: str, default: int, minimum: int) -> int:
    raw = (e.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = minimum - 1
    if value < minimum:
        log.warning("%s=%r is not an integer >= %d; using %d", name, raw, minimum, default)
        return default
    return value


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_dir: Path
    base_url: str | None = None
    delete_retention_days: int = 30
    job_workers: int = 2
    upload_max_bytes: int = 200 << 20

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        e = os.environ if env is None else env
        data_dir = Path(e.get("OPENDATA_DATA_DIR") or DEFAULT_DATA_DIR)
        url = e.get("OPENDATA_DATABASE_URL") or f"sqlite:///{data_dir / 'opendata.sqlite3'}"
        base = (e.get("OPENDATA_BASE_URL") or "").strip().rstrip("/") or None
        return cls(database_url=url, data_dir=data_dir, base_url=base,
                   delete_retention_days=_int(e, "OPENDATA_DELETE_RETENTION_DAYS", 30, 0),
                   job_workers=_int(e, "OPENDATA_JOB_WORKERS", 2, 1),
                   upload_max_bytes=_int(e, "OPENDATA_UPLOAD_MAX_MB", 200, 1) << 20)

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"

    @property
    def work_dir(self) -> Path:
        """Scratch space of the background jobs (same file system as the files: hard links)."""
        return self.data_dir / "work"

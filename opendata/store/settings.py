"""Settings of the catalogue store, read from environment variables.

| variable | default | meaning |
|---|---|---|
| ``OPENDATA_DATA_DIR`` | ``var/`` | data directory: the content-addressed files live in ``<dir>/files`` |
| ``OPENDATA_DATABASE_URL`` | ``sqlite:///<OPENDATA_DATA_DIR>/opendata.sqlite3`` | SQLAlchemy URL (SQLite or PostgreSQL) |
| ``OPENDATA_BASE_URL`` | unset (taken from each request) | public URL of the service, used in DCAT / schema.org URIs |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA_DIR = "var"


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_dir: Path
    base_url: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        e = os.environ if env is None else env
        data_dir = Path(e.get("OPENDATA_DATA_DIR") or DEFAULT_DATA_DIR)
        url = e.get("OPENDATA_DATABASE_URL") or f"sqlite:///{data_dir / 'opendata.sqlite3'}"
        base = (e.get("OPENDATA_BASE_URL") or "").strip().rstrip("/") or None
        return cls(database_url=url, data_dir=data_dir, base_url=base)

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"

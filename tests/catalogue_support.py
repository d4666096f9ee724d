"""Stores on SQLite and on a real PostgreSQL for tests/api and tests/store (see tests/pgtools.py)."""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from opendata.store import DatasetMeta, OrganizationMeta, Settings, Store

__all__ = ["BACKENDS", "FIXTURE", "Settings", "add_dataset", "add_org", "admin_url", "new_database", "open_store"]
from tests.pgtools import admin_url, new_database

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "catalogue"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@contextlib.contextmanager
def open_store(backend: str, data_dir: Path) -> Iterator[Store]:
    drop = None
    if backend == "sqlite":
        url = f"sqlite:///{data_dir / 'test.sqlite3'}"
    else:
        server, why = admin_url()
        if server is None:
            pytest.skip(f"PostgreSQL tests skipped: {why}")
        url, drop = new_database()
    st = Store(Settings(database_url=url, data_dir=data_dir))
    st.migrate()
    try:
        yield st
    finally:
        st.close()
        if drop is not None:
            drop()  # type: ignore[operator]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8"))
    return path


def read_csv_bytes(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def add_org(st: Store, oid: str = "kikikanri", name: str = "危機管理課") -> None:
    st.upsert_organization(OrganizationMeta(oid, name, "Crisis Management Division", f"{oid}@city.tottori.lg.jp"))


def add_dataset(st: Store, did: str, title: str, *, org: str = "kikikanri", standard: str | None = None,
                **extra: object) -> None:
    d = {"title": title, "description": f"{title}の説明（サンプル）", "organization": org,
         "standard": standard or "none", "sample": True, **extra}
    st.upsert_dataset(DatasetMeta.from_mapping(did, d))

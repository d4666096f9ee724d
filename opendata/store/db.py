"""Engines for SQLite (embedded default) and PostgreSQL (production), with the same behaviour.

SQLite: WAL (readers never wait for the writer), foreign keys on, a busy timeout, and transactions
begun explicitly so that DDL (the per-version rows tables) is part of the publishing transaction —
Python's sqlite3 module would otherwise commit around it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url


def normalise_url(url: str | URL) -> URL:
    """``postgres://`` and ``postgresql://`` use psycopg 3 (the driver we ship)."""
    u = make_url(str(url)) if isinstance(url, str) else url
    if u.drivername in ("postgres", "postgresql"):
        u = u.set(drivername="postgresql+psycopg")
    return u


def make_engine(url: str | URL, **kw: Any) -> Engine:
    u = normalise_url(url)
    kw.setdefault("json_serializer", _json_dumps)
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            Path(u.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(u, connect_args={"check_same_thread": False, "timeout": 30}, **kw)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None          # autocommit at the driver level; we send BEGIN ourselves
            cur = dbapi_conn.cursor()
            for pragma in ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=30000", "synchronous=NORMAL"):
                cur.execute(f"PRAGMA {pragma}")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN")

        return engine
    return create_engine(u, pool_pre_ping=True, **kw)


def _json_dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def is_sqlite(engine_or_conn: Any) -> bool:
    return bool(engine_or_conn.dialect.name == "sqlite")

"""Alembic environment.  There is no alembic.ini: ``opendata.store.migrate`` builds the configuration in
code and passes an open connection (``config.attributes["connection"]``)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from opendata.store.db import is_sqlite, make_engine
from opendata.store.models import Base

config = context.config

# Tables that are data, not schema: the per-version rows tables and SQLite's FTS5 shadow tables.
SKIP_PREFIXES = ("rows_v", "dataset_fts")


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    return not (type_ == "table" and name is not None and name.startswith(SKIP_PREFIXES))


def run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata, include_name=include_name,
                      render_as_batch=is_sqlite(connection), compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    conn = config.attributes.get("connection")
    if conn is not None:
        run(conn)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as c:
        run(c)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; run `opendata serve` or `opendata build`")
main()

"""Alembic migrations: a fresh database reaches the head; the models and the migration agree."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from opendata.store.migrate import current_revision, head_revision
from opendata.store.models import Base
from tests.catalogue_support import BACKENDS, open_store

SKIP = ("rows_v", "dataset_fts")


@pytest.mark.parametrize("backend", BACKENDS)
def test_upgrade_to_head_and_models_match(backend: str, tmp_path: Path) -> None:
    with open_store(backend, tmp_path) as st:
        assert current_revision(st.engine) == head_revision() == "0003"
        st.migrate()                                              # idempotent
        tables = set(inspect(st.engine).get_table_names())
        assert {"files", "organizations", "datasets", "dataset_facets", "dataset_search", "versions",
                "distributions", "alembic_version"} <= tables
        if backend == "sqlite":
            assert "dataset_fts" in tables

        def include(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
            if type_ == "table" and name and name.startswith(SKIP):
                return False
            return not (type_ == "index" and name == "ix_dataset_search_body_trgm")

        with st.engine.connect() as c:
            ctx = MigrationContext.configure(c, opts={"include_object": include, "compare_type": False})
            diff = compare_metadata(ctx, Base.metadata)
        assert diff == [], diff


@pytest.mark.postgres
def test_postgresql_gets_the_trigram_index(tmp_path: Path) -> None:
    with open_store("postgresql", tmp_path) as st:
        idx = {i["name"] for i in inspect(st.engine).get_indexes("dataset_search")}
        assert "ix_dataset_search_body_trgm" in idx


@pytest.mark.parametrize("backend", BACKENDS)
def test_0002_backfills_facets_from_0001(backend: str, tmp_path: Path) -> None:
    """A database built before 0002 (e.g. a developer's var/) keeps its facets and search."""
    from sqlalchemy import text

    from opendata.store import Store
    from opendata.store.migrate import upgrade
    from tests.catalogue_support import Settings, admin_url, new_database

    if backend == "sqlite":
        url, drop = f"sqlite:///{tmp_path / 'old.sqlite3'}", None
    else:
        if admin_url()[0] is None:
            pytest.skip(f"PostgreSQL tests skipped: {admin_url()[1]}")
        url, drop = new_database()
    st = Store(Settings(database_url=url, data_dir=tmp_path))
    try:
        upgrade(st.engine, "0001")
        now = "2026-01-01 00:00:00"
        with st.engine.begin() as c:
            c.execute(text("INSERT INTO organizations (id, name, created_at, updated_at) VALUES ('k', '危機管理課', :t, :t)"), {"t": now})
            c.execute(text(
                "INSERT INTO datasets (id, title, description, organization_id, standard, keywords, themes, license, issued,"
                " modified, sample, publisher_code, extra, origin, state, created_at, updated_at) VALUES ('a', '避難所',"
                " 'x', 'k', NULL, '[]', '[]', 'CC-BY-4.0', '2025-01-01', '2025-01-01', false, '312011', '{}',"
                " 'catalogue', 'published', :t, :t)"), {"t": now})
            c.execute(text("INSERT INTO dataset_terms (dataset_id, kind, value) VALUES ('a', 'keyword', '防災')"))
            c.execute(text("INSERT INTO dataset_search (dataset_id, title, keywords, body) VALUES ('a', '避難所', '防災', '避難所 防災')"))
        st.migrate()
        with st.engine.connect() as c:
            rows = set(c.execute(text("SELECT facet, value FROM dataset_facets WHERE dataset_id = 'a'")).all())
            assert rows == {("all", ""), ("organization", "k"), ("standard", "none"), ("license", "CC-BY-4.0"),
                            ("tag", "防災")}
            if backend == "sqlite":
                assert c.execute(text("SELECT dataset_id FROM dataset_fts2 WHERE dataset_fts2 MATCH '\"避難\"'")).all() == [("a",)]
    finally:
        st.close()
        if drop is not None:
            drop()  # type: ignore[operator]

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
        assert current_revision(st.engine) == head_revision() == "0001"
        st.migrate()                                              # idempotent
        tables = set(inspect(st.engine).get_table_names())
        assert {"files", "organizations", "datasets", "dataset_terms", "dataset_search", "versions",
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

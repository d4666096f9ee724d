"""Facets from one narrow table (dataset_facets) instead of dataset_terms; indexes for the sort orders;
SQLite: a bigram FTS5 table for 2-character terms (the trigram tokenizer needs 3).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def ctext(length: int) -> Any:
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


FORMATS = "CASE d.kind WHEN 'csv' THEN 'CSV' WHEN 'json' THEN 'JSON' WHEN 'geojson' THEN 'GeoJSON' " \
          "WHEN 'datapackage' THEN 'Data Package' END"


def upgrade() -> None:
    op.create_table(
        "dataset_facets",
        sa.Column("dataset_id", ctext(100), nullable=False),
        sa.Column("facet", sa.String(16), nullable=False),
        sa.Column("value", ctext(200), nullable=False),
        sa.ForeignKeyConstraint(["dataset_id"], ["datasets.id"], name="fk_dataset_facets_dataset_id_datasets",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("dataset_id", "facet", "value", name="pk_dataset_facets"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_dataset_facets_facet_value", "dataset_facets", ["facet", "value", "dataset_id"])
    pub = "FROM datasets WHERE state = 'published'"
    for facet, expr in (("all", "''"), ("organization", "organization_id"), ("standard", "COALESCE(standard, 'none')"),
                        ("license", "license")):
        op.execute(f"INSERT INTO dataset_facets (dataset_id, facet, value) SELECT id, '{facet}', {expr} {pub}")
    op.execute("INSERT INTO dataset_facets (dataset_id, facet, value) SELECT t.dataset_id, "
               "CASE t.kind WHEN 'keyword' THEN 'tag' ELSE 'theme' END, t.value FROM dataset_terms t "
               "JOIN datasets ds ON ds.id = t.dataset_id WHERE ds.state = 'published'")
    op.execute(f"INSERT INTO dataset_facets (dataset_id, facet, value) SELECT ds.id, 'format', {FORMATS} "
               "FROM datasets ds JOIN distributions d ON d.version_id = ds.current_version_id "
               "WHERE ds.state = 'published' AND d.kind IN ('csv', 'json', 'geojson', 'datapackage')")
    op.drop_index("ix_dataset_terms_kind_value", table_name="dataset_terms")
    op.drop_table("dataset_terms")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE dataset_fts2 USING fts5(dataset_id UNINDEXED, body, tokenize='unicode61')")
        bind = op.get_bind()
        rows = bind.exec_driver_sql("SELECT dataset_id, body FROM dataset_search").all()
        if rows:
            bind.exec_driver_sql("INSERT INTO dataset_fts2 (dataset_id, body) VALUES (?, ?)",
                                 [(i, _bigrams(b)) for i, b in rows])
    op.create_index("ix_datasets_state_modified", "datasets", ["state", "modified", "id"])
    op.create_index("ix_datasets_state_issued", "datasets", ["state", "issued", "id"])
    op.create_index("ix_datasets_state_title", "datasets", ["state", "title", "id"])


def _bigrams(normalised: str) -> str:
    """As opendata.store.textnorm.bigrams (frozen here)."""
    out: dict[str, None] = {}
    run: list[str] = []
    for ch in normalised + " ":
        if ch.isalnum():
            run.append(ch)
            continue
        for i in range(len(run) - 1):
            out.setdefault(run[i] + run[i + 1])
        run = []
    return " ".join(out)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS dataset_fts2")
    for name in ("ix_datasets_state_title", "ix_datasets_state_issued", "ix_datasets_state_modified"):
        op.drop_index(name, table_name="datasets")
    op.create_table(
        "dataset_terms",
        sa.Column("dataset_id", ctext(100), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("value", ctext(200), nullable=False),
        sa.ForeignKeyConstraint(["dataset_id"], ["datasets.id"], name="fk_dataset_terms_dataset_id_datasets",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("dataset_id", "kind", "value", name="pk_dataset_terms"),
    )
    op.create_index("ix_dataset_terms_kind_value", "dataset_terms", ["kind", "value"])
    op.execute("INSERT INTO dataset_terms (dataset_id, kind, value) SELECT dataset_id, "
               "CASE facet WHEN 'tag' THEN 'keyword' ELSE 'theme' END, value FROM dataset_facets "
               "WHERE facet IN ('tag', 'theme')")
    op.drop_index("ix_dataset_facets_facet_value", table_name="dataset_facets")
    op.drop_table("dataset_facets")

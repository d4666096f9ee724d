"""Initial catalogue schema: files, organizations, datasets (+ terms, search), versions, distributions.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""
from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)


def ctext(length: int | None = None) -> Any:
    """Code-point collation on PostgreSQL (as opendata.store.models.ctext, frozen here)."""
    base = sa.String(length) if length else sa.Text()
    return base.with_variant(sa.String(length, collation="C") if length else sa.Text(collation="C"), "postgresql")


def ts() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"

    op.create_table(
        "files",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("created_at", ts(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name="pk_files"),
    )
    op.create_table(
        "organizations",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("name", ctext(200), nullable=False),
        sa.Column("name_en", sa.String(200)),
        sa.Column("email", sa.String(200)),
        sa.Column("phone", sa.String(50)),
        sa.Column("url", sa.String(500)),
        sa.Column("created_at", ts(), nullable=False),
        sa.Column("updated_at", ts(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_organizations"),
    )
    # SQLite cannot add a foreign key later; it does not check the referenced table exists at CREATE time.
    current_fk = ([sa.ForeignKeyConstraint(["current_version_id"], ["versions.id"],
                                           name="fk_datasets_current_version_id_versions")] if sqlite else [])
    op.create_table(
        "datasets",
        sa.Column("id", ctext(100), nullable=False),
        sa.Column("title", ctext(500), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("organization_id", sa.String(64), nullable=False),
        sa.Column("standard", sa.String(100)),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("themes", sa.JSON(), nullable=False),
        sa.Column("spatial", sa.String(200)),
        sa.Column("temporal_start", sa.Date()),
        sa.Column("temporal_end", sa.Date()),
        sa.Column("license", sa.String(32), nullable=False),
        sa.Column("accrual_periodicity", sa.String(16)),
        sa.Column("issued", sa.Date(), nullable=False),
        sa.Column("modified", sa.Date(), nullable=False),
        sa.Column("landing_page", sa.String(500)),
        sa.Column("contact", sa.JSON()),
        sa.Column("sample", sa.Boolean(), nullable=False),
        sa.Column("source_note", sa.Text()),
        sa.Column("publisher_code", sa.String(6), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("current_version_id", sa.Integer()),
        sa.Column("created_at", ts(), nullable=False),
        sa.Column("updated_at", ts(), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organizations.id"],
                                name="fk_datasets_organization_id_organizations"),
        *current_fk,
        sa.PrimaryKeyConstraint("id", name="pk_datasets"),
    )
    for col in ("license", "organization_id", "standard", "state"):
        op.create_index(f"ix_datasets_{col}", "datasets", [col])

    op.create_table(
        "dataset_search",
        sa.Column("dataset_id", ctext(100), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("keywords", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["dataset_id"], ["datasets.id"], name="fk_dataset_search_dataset_id_datasets",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("dataset_id", name="pk_dataset_search"),
    )
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

    op.create_table(
        "versions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("dataset_id", ctext(100), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("created_at", ts(), nullable=False),
        sa.Column("schema_id", sa.String(100)),
        sa.Column("original_sha256", sa.String(64)),
        sa.Column("original_name", sa.String(300)),
        sa.Column("csv_sha256", sa.String(64), nullable=False),
        sa.Column("report_sha256", sa.String(64)),
        sa.Column("recipe_yaml", sa.Text()),
        sa.Column("fingerprint", sa.String(64)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("valid", sa.Boolean()),
        sa.Column("error_count", sa.Integer(), nullable=False),
        sa.Column("warning_count", sa.Integer(), nullable=False),
        sa.Column("issue_count", sa.Integer(), nullable=False),
        sa.Column("row_count", sa.BigInteger(), nullable=False),
        sa.Column("columns", sa.JSON(), nullable=False),
        sa.Column("key_column", sa.String(200)),
        sa.Column("rows_table", sa.String(63)),
        sa.Column("published_by", sa.String(100)),
        sa.Column("note", sa.Text()),
        sa.ForeignKeyConstraint(["csv_sha256"], ["files.sha256"], name="fk_versions_csv_sha256_files"),
        sa.ForeignKeyConstraint(["dataset_id"], ["datasets.id"], name="fk_versions_dataset_id_datasets",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["original_sha256"], ["files.sha256"], name="fk_versions_original_sha256_files"),
        sa.ForeignKeyConstraint(["report_sha256"], ["files.sha256"], name="fk_versions_report_sha256_files"),
        sa.PrimaryKeyConstraint("id", name="pk_versions"),
        sa.UniqueConstraint("dataset_id", "number", name="uq_versions_dataset_id_number"),
    )
    op.create_index("ix_versions_dataset_id", "versions", ["dataset_id"])
    op.create_index("ix_versions_fingerprint", "versions", ["fingerprint"])
    if not sqlite:
        op.create_foreign_key("fk_datasets_current_version_id_versions", "datasets", "versions",
                              ["current_version_id"], ["id"])

    op.create_table(
        "distributions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("dataset_id", ctext(100), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(32), nullable=False),
        sa.Column("media_type", sa.String(120), nullable=False),
        sa.Column("encoding", sa.String(32)),
        sa.Column("file_name", sa.String(300), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("byte_size", sa.BigInteger(), nullable=False),
        sa.Column("license", sa.String(32), nullable=False),
        sa.Column("title_ja", sa.String(200), nullable=False),
        sa.Column("title_en", sa.String(200), nullable=False),
        sa.Column("created_at", ts(), nullable=False),
        sa.ForeignKeyConstraint(["dataset_id"], ["datasets.id"], name="fk_distributions_dataset_id_datasets",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["sha256"], ["files.sha256"], name="fk_distributions_sha256_files"),
        sa.ForeignKeyConstraint(["version_id"], ["versions.id"], name="fk_distributions_version_id_versions",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_distributions"),
        sa.UniqueConstraint("version_id", "kind", name="uq_distributions_version_id_kind"),
    )
    op.create_index("ix_distributions_dataset_id", "distributions", ["dataset_id"])
    op.create_index("ix_distributions_format", "distributions", ["format"])
    op.create_index("ix_distributions_version_id_file_name", "distributions", ["version_id", "file_name"])

    # Full-text search (see opendata/store/search.py).
    if sqlite:
        op.execute("CREATE VIRTUAL TABLE dataset_fts USING fts5(dataset_id UNINDEXED, body, tokenize='trigram')")
    elif bind.dialect.name == "postgresql":
        # pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it without superuser.
        # Without it search still works (sequential LIKE scans); only the index is missing.
        try:
            with bind.begin_nested():
                bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                bind.exec_driver_sql("CREATE INDEX ix_dataset_search_body_trgm ON dataset_search "
                                     "USING gin (body gin_trgm_ops)")
        except sa.exc.DBAPIError as e:       # pragma: no cover - depends on the server
            log.warning("pg_trgm is not available (%s); dataset search will scan", e.orig)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS dataset_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_dataset_search_body_trgm")
        op.drop_constraint("fk_datasets_current_version_id_versions", "datasets", type_="foreignkey")
    for t in ("distributions", "versions", "dataset_terms", "dataset_search", "datasets", "organizations", "files"):
        op.drop_table(t)

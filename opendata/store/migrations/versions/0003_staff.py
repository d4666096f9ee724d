"""Staff flow: accounts (users, api_tokens), background jobs, the dataset's saved recipe and soft deletion.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def ctext(length: int) -> Any:
    """Code-point collation on PostgreSQL (as opendata.store.models.ctext, frozen here)."""
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


def ts() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    # nullable columns only: SQLite adds them without rebuilding the table
    op.add_column("datasets", sa.Column("recipe_yaml", sa.Text()))
    op.add_column("datasets", sa.Column("recipe_updated_at", ts()))
    op.add_column("datasets", sa.Column("deleted_at", ts()))
    op.add_column("datasets", sa.Column("previous_state", sa.String(16)))

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("display_name", sa.String(200)),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("organization_id", sa.String(64)),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", ts(), nullable=False),
        sa.Column("updated_at", ts(), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organizations.id"], name="fk_users_organization_id_organizations"),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("name", name="uq_users_name"),
    )
    op.create_index("ix_users_organization_id", "users", ["organization_id"])

    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("label", sa.String(200)),
        sa.Column("created_at", ts(), nullable=False),
        sa.Column("expires_at", ts()),
        sa.Column("revoked_at", ts()),
        sa.Column("last_used_at", ts()),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_api_tokens_user_id_users", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.UniqueConstraint("token_hash", name="uq_api_tokens_token_hash"),
    )
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])

    op.create_table(
        "jobs",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("retryable", sa.Boolean(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("phase", sa.String(32)),
        sa.Column("progress_rows", sa.BigInteger(), nullable=False),
        sa.Column("organization_id", sa.String(64), nullable=False),
        sa.Column("dataset_id", ctext(100)),
        sa.Column("user_id", sa.Integer()),
        sa.Column("created_by", sa.String(100)),
        sa.Column("parent_id", sa.String(32)),
        sa.Column("input_sha256", sa.String(64)),
        sa.Column("input_name", sa.String(300)),
        sa.Column("input_size", sa.BigInteger()),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("schema_id", sa.String(100)),
        sa.Column("status", sa.String(16)),
        sa.Column("rows_out", sa.BigInteger()),
        sa.Column("report", sa.JSON()),
        sa.Column("report_sha256", sa.String(64)),
        sa.Column("changes_sha256", sa.String(64)),
        sa.Column("issues_sha256", sa.String(64)),
        sa.Column("output_sha256", sa.String(64)),
        sa.Column("output_name", sa.String(300)),
        sa.Column("recipe_yaml", sa.Text()),
        sa.Column("version_id", sa.Integer()),
        sa.Column("error_code", sa.String(64)),
        sa.Column("error_ja", sa.Text()),
        sa.Column("error_en", sa.Text()),
        sa.Column("error_details", sa.JSON()),
        sa.Column("worker", sa.String(200)),
        sa.Column("heartbeat_at", ts()),
        sa.Column("created_at", ts(), nullable=False),
        sa.Column("started_at", ts()),
        sa.Column("finished_at", ts()),
        sa.ForeignKeyConstraint(["organization_id"], ["organizations.id"], name="fk_jobs_organization_id_organizations"),
        sa.ForeignKeyConstraint(["dataset_id"], ["datasets.id"], name="fk_jobs_dataset_id_datasets", ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_jobs_user_id_users", ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["parent_id"], ["jobs.id"], name="fk_jobs_parent_id_jobs", ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["input_sha256"], ["files.sha256"], name="fk_jobs_input_sha256_files"),
        sa.ForeignKeyConstraint(["report_sha256"], ["files.sha256"], name="fk_jobs_report_sha256_files"),
        sa.ForeignKeyConstraint(["changes_sha256"], ["files.sha256"], name="fk_jobs_changes_sha256_files"),
        sa.ForeignKeyConstraint(["issues_sha256"], ["files.sha256"], name="fk_jobs_issues_sha256_files"),
        sa.ForeignKeyConstraint(["output_sha256"], ["files.sha256"], name="fk_jobs_output_sha256_files"),
        sa.ForeignKeyConstraint(["version_id"], ["versions.id"], name="fk_jobs_version_id_versions", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_jobs"),
    )
    op.create_index("ix_jobs_state", "jobs", ["state"])
    op.create_index("ix_jobs_organization_id", "jobs", ["organization_id"])
    op.create_index("ix_jobs_dataset_id", "jobs", ["dataset_id"])
    op.create_index("ix_jobs_organization_id_created_at", "jobs", ["organization_id", "created_at"])


def downgrade() -> None:
    for name in ("ix_jobs_organization_id_created_at", "ix_jobs_dataset_id", "ix_jobs_organization_id", "ix_jobs_state"):
        op.drop_index(name, table_name="jobs")
    op.drop_table("jobs")
    op.drop_index("ix_api_tokens_user_id", table_name="api_tokens")
    op.drop_table("api_tokens")
    op.drop_index("ix_users_organization_id", table_name="users")
    op.drop_table("users")
    with op.batch_alter_table("datasets") as b:
        for col in ("previous_state", "deleted_at", "recipe_updated_at", "recipe_yaml"):
            b.drop_column(col)

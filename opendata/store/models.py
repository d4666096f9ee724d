"""The catalogue model (SQLAlchemy 2): organizations, datasets, versions, distributions, files.

Metadata follows DCAT-GoJ (../shared/research/anchors.md §1.1).  Every publish creates a ``Version``;
a version's files (the original upload, the converted CSV, derived formats, the report) are
content-addressed blobs (``StoredFile``) that are never modified, so every old version stays
downloadable.  The rows of each version live in their own table (``Version.rows_table``, see
``opendata.store.rows``); those tables are data, created at publish time, not part of the migrations.

The staff flow (migration 0003) adds accounts (``User``, ``ApiToken``), background jobs (``Job``), the
dataset's saved recipe and soft deletion (``Dataset.state``: draft → published ⇄ unpublished; any → deleted).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC datetimes on both SQLite (which stores naive text) and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def ctext(length: int | None = None) -> Any:
    """Text compared and sorted by code point on both databases (PostgreSQL: COLLATE "C")."""
    base = String(length) if length else Text()
    return base.with_variant(String(length, collation="C") if length else Text(collation="C"), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class StoredFile(Base):
    """A content-addressed blob under ``$OPENDATA_DATA_DIR/files``."""

    __tablename__ = "files"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Organization(Base):
    """A publishing department (担当課), e.g. 危機管理課."""

    __tablename__ = "organizations"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(ctext(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(50))
    url: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Dataset(Base):
    """A dataset (DCAT-GoJ データセット); ``id`` is the 管理ID."""

    __tablename__ = "datasets"
    id: Mapped[str] = mapped_column(ctext(100), primary_key=True)
    title: Mapped[str] = mapped_column(ctext(500))
    description: Mapped[str] = mapped_column(Text, default="")
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"), index=True)
    standard: Mapped[str | None] = mapped_column(String(100), index=True)      # schema id, e.g. 2021/aed
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    spatial: Mapped[str | None] = mapped_column(String(200))
    temporal_start: Mapped[dt.date | None] = mapped_column(Date)
    temporal_end: Mapped[dt.date | None] = mapped_column(Date)
    license: Mapped[str] = mapped_column(String(32), index=True)
    accrual_periodicity: Mapped[str | None] = mapped_column(String(16))
    issued: Mapped[dt.date] = mapped_column(Date)                           # 公開日
    modified: Mapped[dt.date] = mapped_column(Date)                         # 最終更新日
    landing_page: Mapped[str | None] = mapped_column(String(500))
    contact: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    sample: Mapped[bool] = mapped_column(Boolean, default=False)
    source_note: Mapped[str | None] = mapped_column(Text)
    publisher_code: Mapped[str] = mapped_column(String(6), default="312011")
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    origin: Mapped[str] = mapped_column(String(16), default="catalogue")    # catalogue (datasets/) | upload
    state: Mapped[str] = mapped_column(String(16), default="draft", index=True)   # draft | published | unpublished | deleted
    current_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("versions.id", use_alter=True, name="fk_datasets_current_version_id_versions"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # staff flow (migration 0003): the recipe the next upload converts with, soft deletion
    recipe_yaml: Mapped[str | None] = mapped_column(Text)
    recipe_updated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    previous_state: Mapped[str | None] = mapped_column(String(16))     # restored by an undelete

    organization: Mapped[Organization] = relationship(lazy="joined", innerjoin=True)
    current_version: Mapped[Version | None] = relationship(foreign_keys=[current_version_id], post_update=True)
    versions: Mapped[list[Version]] = relationship(
        back_populates="dataset", foreign_keys="Version.dataset_id", order_by="Version.number",
        cascade="all, delete-orphan")
    __table_args__ = (Index("ix_datasets_state_modified", "state", "modified", "id"),
                      Index("ix_datasets_state_issued", "state", "issued", "id"),
                      Index("ix_datasets_state_title", "state", "title", "id"))


class DatasetFacet(Base):
    """The facet values of every *published* dataset, one narrow row each: ``all`` (one per dataset, for
    counting), ``organization``, ``standard`` (``none`` without one), ``license``, ``tag`` (keywords),
    ``theme``, ``format`` (CSV, JSON, GeoJSON, Data Package).  Facet counts and facet filters read only
    this table (``opendata.store.search``); ``search.reindex`` keeps it in step with the dataset.
    """

    __tablename__ = "dataset_facets"
    dataset_id: Mapped[str] = mapped_column(ForeignKey("datasets.id", ondelete="CASCADE"), primary_key=True)
    facet: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[str] = mapped_column(ctext(200), primary_key=True)
    __table_args__ = (Index("ix_dataset_facets_facet_value", "facet", "value", "dataset_id"),
                      {"sqlite_with_rowid": False})


class DatasetSearch(Base):
    """The normalised text of a dataset (NFKC, casefold, hiragana → katakana) for full-text search.

    SQLite also keeps the same text in the FTS5 table ``dataset_fts`` (trigram tokenizer);
    PostgreSQL indexes ``body`` with pg_trgm when the extension can be created.
    """

    __tablename__ = "dataset_search"
    dataset_id: Mapped[str] = mapped_column(ForeignKey("datasets.id", ondelete="CASCADE"), primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    keywords: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")


class Version(Base):
    """One published version of a dataset's data; immutable once published."""

    __tablename__ = "versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dataset_id: Mapped[str] = mapped_column(ForeignKey("datasets.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)                            # 1, 2, … per dataset
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    schema_id: Mapped[str | None] = mapped_column(String(100))
    original_sha256: Mapped[str | None] = mapped_column(ForeignKey("files.sha256"))
    original_name: Mapped[str | None] = mapped_column(String(300))
    csv_sha256: Mapped[str] = mapped_column(ForeignKey("files.sha256"))
    report_sha256: Mapped[str | None] = mapped_column(ForeignKey("files.sha256"))
    recipe_yaml: Mapped[str | None] = mapped_column(Text)
    fingerprint: Mapped[str | None] = mapped_column(String(64), index=True)   # source + recipe (idempotent build)
    status: Mapped[str] = mapped_column(String(16), default="valid")          # valid | problems
    valid: Mapped[bool | None] = mapped_column(Boolean)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    warning_count: Mapped[int] = mapped_column(Integer, default=0)
    issue_count: Mapped[int] = mapped_column(Integer, default=0)
    row_count: Mapped[int] = mapped_column(BigInteger, default=0)
    columns: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)   # [{name, type, numeric}]
    key_column: Mapped[str | None] = mapped_column(String(200))              # unique ID column, for diffs
    rows_table: Mapped[str | None] = mapped_column(String(63))
    published_by: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)

    dataset: Mapped[Dataset] = relationship(back_populates="versions", foreign_keys=[dataset_id])
    distributions: Mapped[list[Distribution]] = relationship(
        back_populates="version", order_by="Distribution.position", cascade="all, delete-orphan", lazy="selectin")
    __table_args__ = (UniqueConstraint("dataset_id", "number", name="uq_versions_dataset_id_number"),)


class Distribution(Base):
    """One downloadable file of a version (DCAT distribution)."""

    __tablename__ = "distributions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id", ondelete="CASCADE"))
    dataset_id: Mapped[str] = mapped_column(ForeignKey("datasets.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))          # csv | csv-bom | json | geojson | datapackage | original
    position: Mapped[int] = mapped_column(Integer, default=0)
    format: Mapped[str] = mapped_column(String(32))
    media_type: Mapped[str] = mapped_column(String(120))
    encoding: Mapped[str | None] = mapped_column(String(32))
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(ForeignKey("files.sha256"))
    byte_size: Mapped[int] = mapped_column(BigInteger)
    license: Mapped[str] = mapped_column(String(32))       # the licence it was published under
    title_ja: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    version: Mapped[Version] = relationship(back_populates="distributions")
    __table_args__ = (
        UniqueConstraint("version_id", "kind", name="uq_distributions_version_id_kind"),
        Index("ix_distributions_version_id_file_name", "version_id", "file_name"),
        Index("ix_distributions_format", "format"),
    )


class User(Base):
    """A staff account: ``admin`` (everything) or ``editor`` (the datasets of its own organization)."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))                          # admin | editor
    organization_id: Mapped[str | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class ApiToken(Base):
    """An API token: only the sha256 of the secret is stored (the token is shown once when issued)."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))                       # first characters, to recognise it
    label: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(lazy="joined", innerjoin=True)


class Job(Base):
    """A background job of the staff flow: ``convert`` (an upload or an adjusted re-run) or ``publish``.

    The uploaded original is a content-addressed file (``input_sha256``) kept forever, whatever happens
    to the job; the converted CSV, the full report and the change / issue logs are files too.
    """

    __tablename__ = "jobs"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))                          # convert | publish
    state: Mapped[str] = mapped_column(String(16), default="queued", index=True)   # queued | running | done | failed
    retryable: Mapped[bool] = mapped_column(Boolean, default=False)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    phase: Mapped[str | None] = mapped_column(String(32))
    progress_rows: Mapped[int] = mapped_column(BigInteger, default=0)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"), index=True)
    dataset_id: Mapped[str | None] = mapped_column(ForeignKey("datasets.id", ondelete="SET NULL"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_by: Mapped[str | None] = mapped_column(String(100))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("jobs.id", ondelete="SET NULL"))
    input_sha256: Mapped[str | None] = mapped_column(ForeignKey("files.sha256"))
    input_name: Mapped[str | None] = mapped_column(String(300))
    input_size: Mapped[int | None] = mapped_column(BigInteger)
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    schema_id: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str | None] = mapped_column(String(16))                 # valid | problems (convert jobs)
    rows_out: Mapped[int | None] = mapped_column(BigInteger)
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON)             # report_dict without the item lists
    report_sha256: Mapped[str | None] = mapped_column(ForeignKey("files.sha256"))
    changes_sha256: Mapped[str | None] = mapped_column(ForeignKey("files.sha256"))
    issues_sha256: Mapped[str | None] = mapped_column(ForeignKey("files.sha256"))
    output_sha256: Mapped[str | None] = mapped_column(ForeignKey("files.sha256"))
    output_name: Mapped[str | None] = mapped_column(String(300))
    recipe_yaml: Mapped[str | None] = mapped_column(Text)
    version_id: Mapped[int | None] = mapped_column(ForeignKey("versions.id", ondelete="SET NULL"))
    error_code: Mapped[str | None] = mapped_column(String(64))
    error_ja: Mapped[str | None] = mapped_column(Text)
    error_en: Mapped[str | None] = mapped_column(Text)
    error_details: Mapped[Any] = mapped_column(JSON, nullable=True)
    worker: Mapped[str | None] = mapped_column(String(200))
    heartbeat_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    __table_args__ = (Index("ix_jobs_organization_id_created_at", "organization_id", "created_at"),)


__all__ = ["ApiToken", "Base", "Dataset", "DatasetFacet", "DatasetSearch", "Distribution", "Job", "Organization",
           "StoredFile", "UTCDateTime", "User", "Version", "ctext", "utcnow"]

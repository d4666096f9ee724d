"""``Store``: the catalogue's storage API, used by ``opendata build``, the public API and (later) the staff
upload flow.

    store = Store(Settings.from_env()); store.migrate()
    store.upsert_organization(OrganizationMeta(...))
    store.upsert_dataset(DatasetMeta(...))
    v = store.publish_version("aed", "source/AED一覧.xlsx", "out/312011_aed.csv", report=report, recipe=recipe)

``publish_version`` is atomic: the files go to the content-addressed store first (immutable, harmless
if the transaction fails), then one database transaction creates the version, its rows table, its
distributions, and makes it the dataset's current version.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker

import schemas
from opendata.metadata import datapackage
from opendata.metadata.vocab import FORMATS, ORIGINAL_MEDIA_TYPES

from . import rows as rowsmod
from .db import make_engine
from .exports import GeoJsonExport, JsonExport, copy_csv, has_coordinates, iter_rows, read_header
from .files import Blob, FileStore
from .meta import DatasetMeta, OrganizationMeta
from .migrate import upgrade
from .models import Dataset, Distribution, Organization, StoredFile, Version, utcnow
from .search import reindex
from .settings import Settings

REPORT_SUMMARY_MAX_BYTES = 64 << 20


class StoreError(Exception):
    def __init__(self, code: str, message_ja: str, message_en: str):
        super().__init__(message_en)
        self.code, self.message_ja, self.message_en = code, message_ja, message_en


def load_schema(schema_id: str | None) -> dict[str, Any] | None:
    if not schema_id:
        return None
    try:
        return schemas.load(schema_id)
    except KeyError:
        return None


def summarise_report(report: Mapping[str, Any] | None) -> dict[str, Any]:
    """status / valid / error, warning and issue counts from ``opendata.convert.report_dict`` output."""
    if not report:
        return {"status": "valid", "valid": None, "errors": 0, "warnings": 0, "issues": 0}
    val = report.get("validation") or {}
    stats = val.get("stats") or {}
    issues = report.get("issues") or {}
    status = report.get("status") or ("valid" if val.get("valid") else "problems")
    return {"status": status if status in ("valid", "problems") else "problems", "valid": val.get("valid"),
            "errors": int(stats.get("errors") or 0), "warnings": int(stats.get("warnings") or 0),
            "issues": int(issues.get("total") or 0)}


def rows_spec(v: Version) -> rowsmod.RowsSpec:
    if not v.rows_table:
        raise StoreError("no-rows", "この版には行データがありません。", "this version has no rows table")
    return rowsmod.RowsSpec(v.id, v.rows_table, tuple(v.columns), int(v.row_count), v.key_column)


class Store:
    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings.from_env()
        self.engine = make_engine(self.settings.database_url)
        self.files = FileStore(self.settings.files_dir)
        self.Session = sessionmaker(self.engine, expire_on_commit=False)

    # --- lifecycle -------------------------------------------------------------------------------------------
    def migrate(self) -> None:
        upgrade(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction, committed on success."""
        with self.Session() as s, s.begin():
            yield s

    # --- metadata --------------------------------------------------------------------------------------------
    def upsert_organization(self, meta: OrganizationMeta) -> Organization:
        with self.session() as s:
            org = s.get(Organization, meta.id)
            if org is None:
                org = Organization(id=meta.id)
                s.add(org)
            org.name, org.name_en, org.email, org.phone, org.url = meta.name, meta.name_en, meta.email, meta.phone, meta.url
            s.flush()
            for ds in s.scalars(select(Dataset).where(Dataset.organization_id == meta.id)):
                reindex(s, ds)                   # the publisher's name is searchable
        return org

    def upsert_dataset(self, meta: DatasetMeta, *, origin: str = "catalogue") -> tuple[Dataset, bool]:
        """Create or update a dataset's metadata.  Returns (dataset, changed)."""
        with self.session() as s:
            if s.get(Organization, meta.organization) is None:
                raise StoreError("organization-unknown", f"提供者「{meta.organization}」が登録されていません。",
                                 f"unknown organization {meta.organization!r}")
            ds = s.get(Dataset, meta.id)
            today = dt.date.today()
            created = ds is None
            if ds is None:
                ds = Dataset(id=meta.id, origin=origin, state="draft", issued=meta.issued or today,
                             modified=meta.modified or meta.issued or today)
                s.add(ds)
            before = _meta_snapshot(ds) if not created else None
            ds.title, ds.description, ds.organization_id = meta.title, meta.description, meta.organization
            ds.standard, ds.keywords, ds.themes = meta.standard, list(meta.keywords), list(meta.themes)
            ds.spatial, ds.temporal_start, ds.temporal_end = meta.spatial, meta.temporal_start, meta.temporal_end
            ds.license, ds.accrual_periodicity = meta.license, meta.accrual_periodicity
            if meta.issued:
                ds.issued = meta.issued
            if meta.modified:
                # a republished version (not the first) is a later change than the declared date
                updated = s.scalar(select(func.max(Version.created_at)).where(Version.dataset_id == meta.id,
                                                                             Version.number > 1))
                ds.modified = max(meta.modified, updated.date()) if updated else meta.modified
            ds.landing_page, ds.contact, ds.sample = meta.landing_page, meta.contact, meta.sample
            ds.source_note, ds.publisher_code, ds.extra = meta.source_note, meta.publisher_code, dict(meta.extra)
            changed = created or before != _meta_snapshot(ds)
            if changed:
                s.flush()
                reindex(s, ds)
        return ds, changed

    def reindex(self, dataset_id: str) -> None:
        """Refresh a dataset's search text and facets; call after changing its state or metadata directly."""
        with self.session() as s:
            ds = s.get(Dataset, dataset_id)
            if ds is not None:
                reindex(s, ds)

    # --- reading ---------------------------------------------------------------------------------------------
    def get_dataset(self, dataset_id: str) -> Dataset | None:
        with self.Session() as s:
            return s.get(Dataset, dataset_id)

    def current_fingerprint(self, dataset_id: str) -> str | None:
        with self.Session() as s:
            return s.scalar(select(Version.fingerprint).join(Dataset, Dataset.current_version_id == Version.id)
                            .where(Dataset.id == dataset_id))

    # --- publishing ------------------------------------------------------------------------------------------
    def publish_version(self, dataset: str | Dataset, original_upload_path: str | Path | None,
                        converted_csv_path: str | Path, report: Mapping[str, Any] | str | Path | None = None,
                        recipe: Any = None, *, summary: Mapping[str, Any] | None = None,
                        original_name: str | None = None, schema_id: str | None = None,
                        schema: dict[str, Any] | None = None, fingerprint: str | None = None,
                        published_by: str | None = None, note: str | None = None,
                        republish: bool = False) -> Version:
        """Publish a converted CSV as the dataset's next version, atomically.

        A dataset the staff unpublished stays unpublished (its new version current but not served) unless
        ``republish``; a deleted dataset is refused (``dataset-deleted``).

        ``report``: the conversion report (``opendata.convert.report_dict``) as a dict, or the path of the
        JSON report file (then pass ``summary``, or it is read when small).  ``recipe``: a
        ``converters.recipe.Recipe``, a dict or YAML text.  ``schema_id`` defaults to the dataset's standard.
        """
        ds_id = dataset if isinstance(dataset, str) else dataset.id
        csv_path = Path(converted_csv_path)
        # 1. files (outside the transaction: content-addressed and immutable)
        blobs: list[Blob] = []
        original: Blob | None = None
        if original_upload_path is not None:
            original = self.files.put_file(original_upload_path)
            blobs.append(original)
        with self.files.writer() as w:
            copy_csv(csv_path, w, bom=False)
        assert w.blob is not None
        csv_blob = w.blob
        blobs.append(csv_blob)
        report_blob, summ = self._store_report(report, summary)
        if report_blob:
            blobs.append(report_blob)
        recipe_yaml = _recipe_text(recipe)
        header = read_header(self.files.path(csv_blob.sha256))
        if not header:
            raise StoreError("csv-empty", "変換後のCSVが空です。", "the converted CSV is empty")

        # 2. one transaction
        with self.session() as s:
            ds = s.get(Dataset, ds_id, with_for_update={"of": Dataset})
            if ds is None:
                raise StoreError("dataset-unknown", f"データセット「{ds_id}」がありません。先にメタデータを登録してください。",
                                 f"unknown dataset {ds_id!r}; create its metadata first")
            if ds.state == "deleted":
                raise StoreError("dataset-deleted", f"データセット「{ds_id}」は削除されています（元に戻してから公開してください）。",
                                 f"dataset {ds_id!r} is deleted; restore it before publishing")
            ds.updated_at = utcnow()          # takes the write lock (SQLite) before numbering
            s.flush()
            sid = schema_id or ds.standard
            sch = schema if schema is not None else load_schema(sid)
            number = (s.scalar(select(func.max(Version.number)).where(Version.dataset_id == ds_id)) or 0) + 1
            columns = rowsmod.column_infos(header, sch)
            self._register_files(s, blobs)
            v = Version(dataset_id=ds_id, number=number, schema_id=sid, csv_sha256=csv_blob.sha256,
                        original_sha256=original.sha256 if original else None,
                        original_name=original_name or (Path(original_upload_path).name if original_upload_path else None),
                        report_sha256=report_blob.sha256 if report_blob else None, recipe_yaml=recipe_yaml,
                        fingerprint=fingerprint, status=summ["status"], valid=summ["valid"],
                        error_count=summ["errors"], warning_count=summ["warnings"], issue_count=summ["issues"],
                        columns=columns, published_by=published_by, note=note, created_at=utcnow())
            s.add(v)
            s.flush()
            v.rows_table = rowsmod.table_name(v.id)
            derived = self._load_and_export(s.connection(), v, ds, csv_blob, columns, sch, blobs)
            self._register_files(s, blobs)
            self._add_distributions(s, v, ds, csv_blob, original, derived)
            if number > 1:            # an update; the first version keeps the declared 最終更新日
                ds.modified = max(ds.modified, v.created_at.date())
            ds.current_version_id = v.id
            if ds.state != "unpublished" or republish:
                ds.state = "published"
            s.flush()
            reindex(s, ds)
            s.refresh(v, ["distributions"])
        return v

    def _store_report(self, report: Mapping[str, Any] | str | Path | None,
                      summary: Mapping[str, Any] | None) -> tuple[Blob | None, dict[str, Any]]:
        if report is None:
            return None, summarise_report(summary)
        if isinstance(report, str | Path):
            p = Path(report)
            blob = self.files.put_file(p)
            if summary is None and p.stat().st_size <= REPORT_SUMMARY_MAX_BYTES:
                summary = json.loads(p.read_text(encoding="utf-8"))
            return blob, summarise_report(summary)
        data = json.dumps(report, ensure_ascii=False, default=str).encode()
        return self.files.put_bytes(data), summarise_report(summary or report)

    def _load_and_export(self, conn: Connection, v: Version, ds: Dataset, csv_blob: Blob,
                         columns: list[dict[str, Any]], sch: dict[str, Any] | None,
                         blobs: list[Blob]) -> dict[str, tuple[str, Blob]]:
        """One pass over the CSV: rows into ``rows_v{id}``, JSON and GeoJSON files.  Returns kind -> (name, blob)."""
        path = self.files.path(csv_blob.sha256)
        header = read_header(path)
        stem = _csv_name(ds, v).rsplit(".", 1)[0]
        head = {"dataset": ds.id, "title": ds.title, "version": v.number, "license": ds.license,
                "sample": ds.sample, "publisher_code": ds.publisher_code, "standard": v.schema_id}
        loader = rowsmod.RowLoader(conn, v.rows_table or "", columns)
        out: dict[str, tuple[str, Blob]] = {}
        try:
            with contextlib.ExitStack() as stack:
                wj = stack.enter_context(self.files.writer())
                sinks: list[Any] = [JsonExport(wj, head, columns)]
                wg = None
                if has_coordinates(header):
                    wg = stack.enter_context(self.files.writer())
                    sinks.append(GeoJsonExport(wg, {"name": ds.title, **head}, columns))
                for r in iter_rows(path):
                    loader.add(r)
                    for sink in sinks:
                        sink.add(r)
                for sink in sinks:
                    sink.close()
        except BaseException as e:
            loader.abort(e)
            raise
        assert wj.blob is not None
        out["json"] = (f"{stem}.json", wj.blob)
        if wg is not None:
            assert wg.blob is not None
            out["geojson"] = (f"{stem}.geojson", wg.blob)
        v.key_column = loader.close(rowsmod.key_candidates(sch, header), header)
        v.row_count = loader.count
        with self.files.writer() as wb:
            copy_csv(self.files.path(csv_blob.sha256), wb, bom=True)
        assert wb.blob is not None
        out["csv-bom"] = (f"{stem}_excel.csv", wb.blob)
        org = conn.execute(select(Organization.name, Organization.email).where(Organization.id == ds.organization_id)).one()
        pkg = datapackage.build(
            dataset={"id": ds.id, "title": ds.title, "description": ds.description, "license": ds.license,
                     "keywords": ds.keywords, "sample": ds.sample, "publisher": org.name, "email": org.email,
                     "landing_page": ds.landing_page, "publisher_code": ds.publisher_code},
            version=v.number, created=v.created_at.isoformat(), csv_name=_csv_name(ds, v), csv_bytes=csv_blob.size,
            csv_sha256=csv_blob.sha256, columns=columns, schema=sch, standard=v.schema_id)
        out["datapackage"] = ("datapackage.json",
                              self.files.put_bytes(json.dumps(pkg, ensure_ascii=False, indent=2).encode() + b"\n"))
        blobs.extend(b for _, b in out.values())
        return out

    def _register_files(self, s: Session, blobs: list[Blob]) -> None:
        ins = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
        seen = set()
        for b in blobs:
            if b.sha256 in seen:
                continue
            seen.add(b.sha256)
            s.execute(ins(StoredFile).values(sha256=b.sha256, size=b.size, created_at=utcnow())
                      .on_conflict_do_nothing(index_elements=["sha256"]))

    def _add_distributions(self, s: Session, v: Version, ds: Dataset, csv_blob: Blob, original: Blob | None,
                           derived: dict[str, tuple[str, Blob]]) -> None:
        items: list[tuple[str, str, Blob]] = [("csv", _csv_name(ds, v), csv_blob)]
        for kind in ("csv-bom", "json", "geojson", "datapackage"):
            if kind in derived:
                items.append((kind, *derived[kind]))
        if original is not None:
            items.append(("original", v.original_name or "original", original))
        for pos, (kind, name, blob) in enumerate(items):
            f = FORMATS[kind]
            fmt, media = f["format"], f["media_type"]
            if kind == "original":
                fmt, media = ORIGINAL_MEDIA_TYPES.get(Path(name).suffix.lower(), ("", "application/octet-stream"))
                fmt = fmt or Path(name).suffix.lstrip(".").upper() or "FILE"
            s.add(Distribution(version_id=v.id, dataset_id=ds.id, kind=kind, position=pos, format=fmt,
                               media_type=media, encoding=f["encoding"] or None, file_name=name, sha256=blob.sha256,
                               byte_size=blob.size, license=ds.license, title_ja=f["title_ja"], title_en=f["title_en"]))
        s.flush()


def _csv_name(ds: Dataset, v: Version) -> str:
    """``{全国地方公共団体コード}_{slug}.csv`` as the standard names it; the 管理ID without a standard."""
    slug = None
    sch = load_schema(v.schema_id)
    if sch:
        slug = (sch.get("x-opendata") or {}).get("slug")
    return f"{ds.publisher_code}_{slug or datapackage.package_name(ds.id).replace('-', '_')}.csv"


def _recipe_text(recipe: Any) -> str | None:
    if recipe is None:
        return None
    if isinstance(recipe, str):
        return recipe
    if hasattr(recipe, "dump"):
        return str(recipe.dump())
    import yaml

    return yaml.safe_dump(recipe, allow_unicode=True, sort_keys=False)


def _meta_snapshot(ds: Dataset) -> tuple[Any, ...]:
    return (ds.title, ds.description, ds.organization_id, ds.standard, list(ds.keywords or []), list(ds.themes or []),
            ds.spatial, ds.temporal_start, ds.temporal_end, ds.license, ds.accrual_periodicity, ds.issued,
            ds.modified, ds.landing_page, ds.contact, ds.sample, ds.source_note, ds.publisher_code, ds.extra)

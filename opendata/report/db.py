"""``opendata report --db``: the published datasets of the catalogue store, as report entries.

Interface (docs/report.md): :func:`db_entries` returns one :class:`~opendata.report.model.Entry` per
dataset with a current version — the published CSV (``csv``), the original upload (``source``), the
conversion report stored with the version (``stored_report``, for the source criteria) and the metadata
as the store holds it (defaults already applied by the store).  A city schema (``city/…``) is taken
from the version's datapackage.json distribution and registered, so the CSV validates against it.
Nothing is converted again: the report scores what citizens download.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import schemas

from .catalogue import ReportInputError
from .model import Entry


def _metadata(ds: Any) -> dict[str, Any]:
    org = ds.organization
    contact = ds.contact or ({k: v for k, v in (("name", org.name), ("email", org.email), ("phone", org.phone)) if v}
                             if org else None)
    temporal = {k: v.isoformat() for k, v in (("start", ds.temporal_start), ("end", ds.temporal_end)) if v}
    return {"title": ds.title, "description": ds.description, "organization": ds.organization_id,
            "standard": ds.standard or "none", "keywords": list(ds.keywords or []), "themes": list(ds.themes or []),
            "spatial": ds.spatial, "temporal": temporal or None, "license": ds.license,
            "accrual_periodicity": ds.accrual_periodicity, "issued": ds.issued.isoformat() if ds.issued else None,
            "modified": ds.modified.isoformat() if ds.modified else None, "contact": contact,
            "landing_page": ds.landing_page, "publisher_code": ds.publisher_code}


def _register_city_schema(store: Any, version: Any) -> str | None:
    for d in version.distributions:
        if d.kind != "datapackage":
            continue
        try:
            with store.files.open(d.sha256) as f:
                pkg = json.load(f)
            schema = dict(pkg["resources"][0]["schema"])
        except (OSError, ValueError, KeyError, IndexError, TypeError):
            return None
        schema.setdefault("x-opendata", {})["id"] = version.schema_id
        try:
            return schemas.register(schema)
        except ValueError:
            return None
    return None


def _link(target: Path, link: Path) -> str:
    """The stored blob under its published name (validation checks the file name, readers the extension)."""
    link.parent.mkdir(parents=True, exist_ok=True)
    if not link.exists():
        os.symlink(target, link)
    return str(link)


def db_entries(settings: Any = None, work_dir: str | Path | None = None, only: list[str] | None = None) -> list[Entry]:
    """Entries for every dataset with a published version.  ``work_dir``: where the published CSV and the
    original upload are linked under their own names; a temporary folder by default.  ``only``: these
    dataset ids."""
    try:
        from sqlalchemy import select
        from sqlalchemy.exc import SQLAlchemyError

        from opendata.store import Dataset, Settings, Store
    except ImportError as e:      # pragma: no cover - the store ships with the package
        raise ReportInputError("store-unavailable", f"カタログのデータベースを使えません（{e}）。",
                               f"the catalogue store is not available ({e})") from None
    store = Store(settings or Settings.from_env())
    work = Path(work_dir or tempfile.mkdtemp(prefix="opendata-report-db-"))
    out: list[Entry] = []
    try:
        with store.Session() as s:
            q = select(Dataset).where(Dataset.current_version_id.is_not(None)).order_by(Dataset.id)
            if only is not None:
                q = q.where(Dataset.id.in_(only))
            rows = list(s.scalars(q))
            for ds in rows:
                v = ds.current_version
                if v is None:
                    continue
                csv_name = next((d.file_name for d in v.distributions if d.kind == "csv"), f"{ds.id}.csv")
                entry = Entry(id=ds.id, title=ds.title, standard=ds.standard, metadata=_metadata(ds),
                              publisher_code=ds.publisher_code,
                              csv=_link(store.files.path(v.csv_sha256), work / ds.id / "published" / csv_name))
                if v.schema_id and v.schema_id.startswith("city/"):
                    entry.city_schema = _register_city_schema(store, v)
                    entry.standard = None
                elif v.schema_id:
                    entry.standard = v.schema_id
                if v.original_sha256:
                    entry.source = _link(store.files.path(v.original_sha256),
                                         work / ds.id / "original" / (v.original_name or "original"))
                if v.report_sha256:
                    try:
                        with store.files.open(v.report_sha256) as f:
                            entry.stored_report = json.load(f)
                    except (OSError, ValueError):
                        entry.stored_report = None
                out.append(entry)
    except SQLAlchemyError as ex:
        raise ReportInputError("store-unreadable", f"カタログのデータベースを読めません（{ex}）。",
                               f"cannot read the catalogue store ({ex})") from None
    finally:
        store.close()
    return out

"""The canonical metadata record of a dataset (the JSON the API returns).  DCAT and schema.org are built
from this record, so every serialisation says the same thing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import schemas
from opendata.store.models import Dataset, Distribution, Organization, Version

from .links import Links
from .vocab import FREQUENCIES, LICENCES

SAMPLE_NOTE_JA = "このデータはサンプルです。実際の鳥取市の公開データではありません。"
SAMPLE_NOTE_EN = "Sample data: these values are not published facts."


def municipality(code: str) -> str:
    from converters.jp.localgov import by_code

    g = by_code(code)
    return g.city or g.prefecture if g else ""


def standard_record(schema_id: str | None, links: Links) -> dict[str, Any] | None:
    if not schema_id:
        return None
    try:
        m = schemas.load(schema_id).get("x-opendata", {})
    except KeyError:
        return {"id": schema_id, "name_ja": schema_id, "generation": None, "generation_name": None, "uri": None}
    return {"id": schema_id, "name_ja": m.get("nameJa"), "generation": m.get("generation"),
            "generation_name": m.get("generationName"),
            "uri": links.schema(schema_id) if m.get("generation") in ("2021", "2026") else None}


def organization_record(org: Organization, links: Links) -> dict[str, Any]:
    return {"id": org.id, "name": org.name, "name_en": org.name_en, "email": org.email, "phone": org.phone,
            "url": org.url, "uri": links.organization(org.id)}


def distribution_record(d: Distribution, ds_id: str, number: int, links: Links, *, current: bool) -> dict[str, Any]:
    name = "original" if d.kind == "original" else d.file_name
    return {
        "kind": d.kind, "title_ja": d.title_ja, "title_en": d.title_en, "format": d.format,
        "media_type": d.media_type, "encoding": d.encoding, "byte_size": d.byte_size, "sha256": d.sha256,
        "file_name": d.file_name, "license": d.license,
        "download_url": links.download(ds_id, number, name),
        **({"latest_url": links.download(ds_id, None, d.kind)} if current else {}),
        "issued": d.created_at.date().isoformat() if d.created_at else None,
    }


def version_record(v: Version, ds_id: str, links: Links, *, current: bool = False,
                   with_distributions: bool = True) -> dict[str, Any]:
    d: dict[str, Any] = {
        "number": v.number, "published_at": v.created_at.isoformat(), "current": current,
        "status": v.status, "valid": v.valid, "errors": v.error_count, "warnings": v.warning_count,
        "issues": v.issue_count, "rows": v.row_count, "standard": v.schema_id, "key_column": v.key_column,
        "columns": [{"name": c["name"], "type": c.get("type", "string")} for c in v.columns],
        "original_name": v.original_name, "note": v.note, "url": links.version(ds_id, v.number),
    }
    if v.report_sha256:
        d["report_url"] = links.version(ds_id, v.number) + "/report"
    if with_distributions:
        d["distributions"] = [distribution_record(x, ds_id, v.number, links, current=current) for x in v.distributions]
    return d


def _date(x: dt.date | None) -> str | None:
    return x.isoformat() if x else None


def dataset_record(ds: Dataset, links: Links, *, full: bool = True) -> dict[str, Any]:
    org = ds.organization
    lic = LICENCES.get(ds.license)
    freq = FREQUENCIES.get(ds.accrual_periodicity or "")
    contact = dict(ds.contact or {}) or {"name": org.name, "email": org.email, "phone": org.phone}
    contact.setdefault("name", org.name)
    v = ds.current_version
    rec: dict[str, Any] = {
        "id": ds.id,
        "uri": links.dataset(ds.id),
        "title": ds.title,
        "description": ds.description,
        "sample": ds.sample,
        **({"sample_note": {"ja": SAMPLE_NOTE_JA, "en": SAMPLE_NOTE_EN}} if ds.sample else {}),
        "organization": organization_record(org, links),
        "publisher": {"name": f"{municipality(ds.publisher_code)} {org.name}".strip(), "code": ds.publisher_code},
        "keywords": list(ds.keywords or []),
        "themes": list(ds.themes or []),
        "spatial": ds.spatial,
        "temporal": ({"start": _date(ds.temporal_start), "end": _date(ds.temporal_end)}
                     if ds.temporal_start or ds.temporal_end else None),
        "license": lic.to_dict() if lic else {"id": ds.license},
        "accrual_periodicity": freq.to_dict() if freq else None,
        "issued": _date(ds.issued),
        "modified": _date(ds.modified),
        "landing_page": ds.landing_page,
        "contact": contact,
        "standard": standard_record(ds.standard, links),
        "language": "ja",
        "source_note": ds.source_note,
        "version": version_record(v, ds.id, links, current=True, with_distributions=False) if v else None,
        "distributions": ([distribution_record(x, ds.id, v.number, links, current=True) for x in v.distributions]
                          if v else []),
        "links": {
            "self": links.dataset(ds.id),
            "dcat_jsonld": links.dataset_format(ds.id, "jsonld"),
            "turtle": links.dataset_format(ds.id, "ttl"),
            "schema_org": links.dataset_format(ds.id, "schemaorg"),
            "rows": links.rows(ds.id),
            "versions": links.versions(ds.id),
            "diff": links.diff(ds.id),
        },
    }
    if not full:
        for k in ("source_note", "contact", "links"):
            rec.pop(k, None)
        rec["links"] = {"self": links.dataset(ds.id)}
    return rec

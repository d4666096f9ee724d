"""Frictionless Data Package (``datapackage.json``) for one version, with the Table Schema.

Resource paths are relative file names: next to the descriptor online (the download URLs of a version
share one folder) and after downloading both files into one folder.  The descriptor is a snapshot
of the metadata at publish time, like the version itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .vocab import LICENCES

PROFILE_TABULAR = "tabular-data-package"


def package_name(s: str) -> str:
    n = re.sub(r"[^a-z0-9._-]+", "-", s.lower()).strip("-")
    return n or "dataset"


def table_schema(columns: Sequence[dict[str, Any]], schema: dict[str, Any] | None) -> dict[str, Any]:
    """The Table Schema of the file as published: the standard's field definitions for the columns the
    file has, in the file's order (``x-`` annotations dropped), ``string`` for any other column."""
    by_name = {f["name"]: f for f in (schema or {}).get("fields", [])}
    fields = []
    for c in columns:
        f = by_name.get(c["name"])
        fd = {k: v for k, v in f.items() if not k.startswith("x-")} if f else {"name": c["name"], "type": "string"}
        fields.append(fd)
    out: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    pk = (schema or {}).get("primaryKey")
    names = {c["name"] for c in columns}
    if pk and all(k in names for k in ([pk] if isinstance(pk, str) else pk)):
        out["primaryKey"] = pk
    return out


def build(*, dataset: dict[str, Any], version: int, created: str, csv_name: str, csv_bytes: int, csv_sha256: str,
          columns: Sequence[dict[str, Any]], schema: dict[str, Any] | None, standard: str | None,
          dataset_url: str | None = None) -> dict[str, Any]:
    lic = LICENCES.get(dataset["license"])
    desc = dataset.get("description") or ""
    if dataset.get("sample"):
        desc = "【サンプルデータ / sample data】" + desc
    res_name = package_name(csv_name.rsplit(".", 1)[0])
    pkg: dict[str, Any] = {
        "profile": PROFILE_TABULAR,
        "name": package_name(dataset["id"]),
        "title": dataset["title"],
        "description": desc,
        "version": str(version),
        "created": created,
        "keywords": list(dataset.get("keywords") or []),
        "licenses": [{"name": lic.id, "path": lic.uri, "title": lic.title_ja}] if lic else [],
        "contributors": [{"title": dataset.get("publisher") or "", "role": "publisher",
                          **({"email": dataset["email"]} if dataset.get("email") else {})}],
        "resources": [{
            "name": res_name, "path": csv_name, "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "bytes": csv_bytes, "hash": f"sha256:{csv_sha256}",
            "schema": table_schema(columns, schema),
        }],
        "x-opendata": {"dataset": dataset["id"], "version": version, "sample": bool(dataset.get("sample")),
                       "standard": standard, "publisher_code": dataset.get("publisher_code")},
    }
    if dataset.get("landing_page") or dataset_url:
        pkg["homepage"] = dataset.get("landing_page") or dataset_url
    return pkg

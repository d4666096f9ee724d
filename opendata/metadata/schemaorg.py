"""schema.org ``Dataset`` JSON-LD (Google Dataset Search), from the canonical record.

Follows the fixes ckanext-dcat needed (#269): ``license`` as a URL, a ``creator``, and ``contentUrl`` on
every ``DataDownload``.
"""

from __future__ import annotations

from typing import Any

from .dcat import CATALOG_TITLE
from .links import Links


def dataset(rec: dict[str, Any], links: Links) -> dict[str, Any]:
    org = rec["organization"]
    city = rec["publisher"]["name"].replace(org["name"], "").strip()
    creator: dict[str, Any] = {"@type": "GovernmentOrganization", "@id": org["uri"], "name": rec["publisher"]["name"]}
    if org.get("email"):
        creator["email"] = org["email"]
    if org.get("phone"):
        creator["telephone"] = org["phone"]
    if city:
        creator["parentOrganization"] = {"@type": "GovernmentOrganization", "name": city}
    desc = rec["description"]
    if rec.get("sample"):
        desc = f"【{rec['sample_note']['ja']}】{desc}"
    d: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "@id": rec["uri"],
        "identifier": rec["id"],
        "name": rec["title"],
        "description": desc,
        "url": rec.get("landing_page") or rec["uri"],
        "keywords": list(dict.fromkeys([*rec["keywords"], *rec["themes"]])),
        "inLanguage": "ja",
        "isAccessibleForFree": True,
        "license": rec["license"].get("uri"),
        "creator": creator,
        "publisher": creator,
        "includedInDataCatalog": {"@type": "DataCatalog", "name": CATALOG_TITLE[0], "url": links.base + "/"},
        "distribution": [
            {"@type": "DataDownload", "name": x["title_ja"], "encodingFormat": x["media_type"],
             "contentUrl": x["download_url"], "contentSize": f"{x['byte_size']} B", "sha256": x["sha256"]}
            for x in rec.get("distributions", []) if x["kind"] != "original"
        ],
    }
    if rec.get("spatial"):
        d["spatialCoverage"] = {"@type": "Place", "name": rec["spatial"]}
    t = rec.get("temporal")
    if t:
        d["temporalCoverage"] = f"{t.get('start') or '..'}/{t.get('end') or '..'}"
    if rec.get("issued"):
        d["datePublished"] = rec["issued"]
    if rec.get("modified"):
        d["dateModified"] = rec["modified"]
    v = rec.get("version")
    if v:
        d["version"] = str(v["number"])
        d["variableMeasured"] = [c["name"] for c in v["columns"]]
    std = rec.get("standard")
    if std and std.get("uri"):
        d["schemaVersion"] = std["uri"]
    return d

"""DCAT (DCAT-GoJ fields, DCAT-AP style) as an rdflib graph, serialised as JSON-LD or Turtle.

Built from the canonical record (``record.dataset_record``).  The licence sits on every distribution as
well as on the dataset (ckanext-dcat#319); 公共データ利用規約 / 政府標準利用規約 keep their own URI and
point to the EU vocabulary's CC BY 4.0 with ``skos:closeMatch`` (both declare compatibility with it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, RDFS, SKOS, XSD

from .links import Links
from .vocab import LICENCES

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
CNT = Namespace("http://www.w3.org/2011/content#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
IANA = "https://www.iana.org/assignments/media-types/"
DCAT_VERSION = URIRef("http://www.w3.org/ns/dcat#version")     # DCAT 3 (not in rdflib's DCAT 2 namespace)
LANG_JA = URIRef("http://publications.europa.eu/resource/authority/language/JPN")

CONTEXT: dict[str, Any] = {
    "dcat": str(DCAT), "dct": str(DCTERMS), "foaf": str(FOAF), "vcard": str(VCARD), "skos": str(SKOS),
    "spdx": str(SPDX), "xsd": str(XSD), "rdfs": str(RDFS), "owl": str(OWL), "cnt": str(CNT), "hydra": str(HYDRA),
}

CATALOG_TITLE = ("鳥取市オープンデータカタログ", "Tottori City Open Data Catalogue")
CATALOG_DESCRIPTION = ("鳥取市が公開するオープンデータの一覧です。自治体標準オープンデータセットの形式に変換・検証して提供しています。",
                       "Open data published by Tottori City, converted to and validated against the Japanese "
                       "standard open datasets.")


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in CONTEXT.items():
        g.bind(prefix, Namespace(ns))
    return g


def _tel(phone: str) -> URIRef:
    digits = re.sub(r"[^0-9+]", "", phone)
    if digits.startswith("0"):
        digits = "+81" + digits[1:]
    return URIRef("tel:" + digits)


def _date(value: str | None) -> Literal | None:
    return Literal(value, datatype=XSD.date) if value else None


def add_dataset(g: Graph, rec: dict[str, Any], links: Links) -> URIRef:
    ds = URIRef(rec["uri"])
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.identifier, Literal(rec["id"])))
    g.add((ds, DCTERMS.title, Literal(rec["title"], lang="ja")))
    g.add((ds, DCTERMS.description, Literal(rec["description"], lang="ja")))
    g.add((ds, DCTERMS.language, LANG_JA))
    if rec.get("sample"):
        g.add((ds, RDFS.comment, Literal(rec["sample_note"]["ja"], lang="ja")))
        g.add((ds, RDFS.comment, Literal(rec["sample_note"]["en"], lang="en")))
    for k in rec["keywords"]:
        g.add((ds, DCAT.keyword, Literal(k, lang="ja")))
    for t in rec["themes"]:
        th = URIRef(links.theme(t))
        g.add((ds, DCAT.theme, th))
        g.add((th, RDF.type, SKOS.Concept))
        g.add((th, SKOS.prefLabel, Literal(t, lang="ja")))
    if rec.get("spatial"):
        loc = BNode()
        g.add((ds, DCTERMS.spatial, loc))
        g.add((loc, RDF.type, DCTERMS.Location))
        g.add((loc, SKOS.prefLabel, Literal(rec["spatial"], lang="ja")))
        g.add((loc, DCTERMS.identifier, Literal(rec["publisher"]["code"])))
    if rec.get("temporal"):
        per = BNode()
        g.add((ds, DCTERMS.temporal, per))
        g.add((per, RDF.type, DCTERMS.PeriodOfTime))
        for key, prop in (("start", DCAT.startDate), ("end", DCAT.endDate)):
            lit = _date(rec["temporal"].get(key))
            if lit is not None:
                g.add((per, prop, lit))
    org = rec["organization"]
    pub = URIRef(org["uri"])
    g.add((ds, DCTERMS.publisher, pub))
    g.add((pub, RDF.type, FOAF.Organization))
    g.add((pub, FOAF.name, Literal(rec["publisher"]["name"], lang="ja")))
    if org.get("name_en"):
        g.add((pub, FOAF.name, Literal(org["name_en"], lang="en")))
    if org.get("email"):
        g.add((pub, FOAF.mbox, URIRef("mailto:" + org["email"])))
    c = rec.get("contact") or {}
    if c:
        cp = BNode()
        g.add((ds, DCAT.contactPoint, cp))
        g.add((cp, RDF.type, VCARD.Organization))
        g.add((cp, VCARD.fn, Literal(c.get("name") or org["name"], lang="ja")))
        if c.get("email"):
            g.add((cp, VCARD.hasEmail, URIRef("mailto:" + c["email"])))
        if c.get("phone"):
            g.add((cp, VCARD.hasTelephone, _tel(c["phone"])))
        if c.get("url"):
            g.add((cp, VCARD.hasURL, URIRef(c["url"])))
    lic = _add_licence(g, rec["license"]["id"])
    if lic is not None:
        g.add((ds, DCTERMS.license, lic))
    if rec.get("accrual_periodicity"):
        g.add((ds, DCTERMS.accrualPeriodicity, URIRef(rec["accrual_periodicity"]["uri"])))
    for key, prop in (("issued", DCTERMS.issued), ("modified", DCTERMS.modified)):
        lit = _date(rec.get(key))
        if lit is not None:
            g.add((ds, prop, lit))
    std = rec.get("standard")
    std_ref = None
    if std and std.get("uri"):
        std_ref = URIRef(std["uri"])
        g.add((ds, DCTERMS.conformsTo, std_ref))
        g.add((std_ref, RDF.type, DCTERMS.Standard))
        g.add((std_ref, DCTERMS.title, Literal(f"{std['name_ja']}（{std['generation_name']}）", lang="ja")))
        g.add((std_ref, DCTERMS.identifier, Literal(std["id"])))
    if rec.get("landing_page"):
        lp = URIRef(rec["landing_page"])
        g.add((ds, DCAT.landingPage, lp))
        g.add((lp, RDF.type, FOAF.Document))
    v = rec.get("version")
    if v:
        g.add((ds, DCAT_VERSION, Literal(str(v["number"]))))
        g.add((ds, OWL.versionInfo, Literal(str(v["number"]))))
    for d in rec.get("distributions", []):
        _add_distribution(g, ds, d, rec, std_ref)
    return ds


def _add_licence(g: Graph, licence_id: str) -> URIRef | None:
    lic = LICENCES.get(licence_id)
    if lic is None:
        return None
    ref = URIRef(lic.uri)
    g.add((ref, RDF.type, DCTERMS.LicenseDocument))
    g.add((ref, RDFS.label, Literal(lic.title_ja, lang="ja")))
    g.add((ref, RDFS.label, Literal(lic.title_en, lang="en")))
    if lic.eu_uri:
        g.add((ref, SKOS.exactMatch if lic.compatible is None else SKOS.closeMatch, URIRef(lic.eu_uri)))
    return ref


def _add_distribution(g: Graph, ds: URIRef, d: dict[str, Any], rec: dict[str, Any], std: URIRef | None) -> None:
    dist = URIRef(d["download_url"] + "#distribution")
    g.add((ds, DCAT.distribution, dist))
    g.add((dist, RDF.type, DCAT.Distribution))
    g.add((dist, DCTERMS.title, Literal(d["title_ja"], lang="ja")))
    g.add((dist, DCTERMS.title, Literal(d["title_en"], lang="en")))
    g.add((dist, DCAT.downloadURL, URIRef(d["download_url"])))
    g.add((dist, DCAT.accessURL, URIRef(d.get("latest_url") or d["download_url"])))
    g.add((dist, DCAT.mediaType, URIRef(IANA + d["media_type"])))
    if d.get("format"):
        g.add((dist, DCTERMS.format, Literal(d["format"])))
    g.add((dist, DCAT.byteSize, Literal(d["byte_size"], datatype=XSD.nonNegativeInteger)))
    ck = BNode()
    g.add((dist, SPDX.checksum, ck))
    g.add((ck, RDF.type, SPDX.Checksum))
    g.add((ck, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    g.add((ck, SPDX.checksumValue, Literal(d["sha256"], datatype=XSD.hexBinary)))
    if d.get("encoding"):
        g.add((dist, CNT.characterEncoding, Literal(d["encoding"])))
    lic = _add_licence(g, d.get("license") or rec["license"]["id"])
    if lic is not None:
        g.add((dist, DCTERMS.license, lic))
    lit = _date(d.get("issued"))
    if lit is not None:
        g.add((dist, DCTERMS.issued, lit))
    if std is not None and d["kind"] in ("csv", "csv-bom", "json", "datapackage"):
        g.add((dist, DCTERMS.conformsTo, std))


def catalog_graph(records: Iterable[dict[str, Any]], links: Links, *, page: int | None = None,
                  pages: int | None = None, per_page: int = 0, total: int = 0) -> Graph:
    g = new_graph()
    cat = URIRef(links.catalog("jsonld").rsplit(".", 1)[0])
    g.add((cat, RDF.type, DCAT.Catalog))
    g.add((cat, DCTERMS.title, Literal(CATALOG_TITLE[0], lang="ja")))
    g.add((cat, DCTERMS.title, Literal(CATALOG_TITLE[1], lang="en")))
    g.add((cat, DCTERMS.description, Literal(CATALOG_DESCRIPTION[0], lang="ja")))
    g.add((cat, DCTERMS.description, Literal(CATALOG_DESCRIPTION[1], lang="en")))
    g.add((cat, DCTERMS.language, LANG_JA))
    g.add((cat, FOAF.homepage, URIRef(links.base + "/")))
    for rec in records:
        g.add((cat, DCAT.dataset, add_dataset(g, rec, links)))
    if pages and pages > 1 and page:
        # paging as ckanext-dcat does it (hydra:PagedCollection)
        coll = URIRef(f"{cat}?page={page}")
        g.add((coll, RDF.type, HYDRA.PagedCollection))
        g.add((coll, HYDRA.totalItems, Literal(total, datatype=XSD.integer)))
        g.add((coll, HYDRA.itemsPerPage, Literal(per_page, datatype=XSD.integer)))
        g.add((coll, HYDRA.firstPage, Literal(f"{cat}?page=1")))
        g.add((coll, HYDRA.lastPage, Literal(f"{cat}?page={pages}")))
        if page > 1:
            g.add((coll, HYDRA.previousPage, Literal(f"{cat}?page={page - 1}")))
        if page < pages:
            g.add((coll, HYDRA.nextPage, Literal(f"{cat}?page={page + 1}")))
    return g


def dataset_graph(rec: dict[str, Any], links: Links) -> Graph:
    g = new_graph()
    add_dataset(g, rec, links)
    return g


def serialize(g: Graph, fmt: str) -> str:
    """``jsonld`` (compacted with the prefixes above), ``ttl`` or ``xml`` (RDF/XML)."""
    if fmt == "jsonld":
        return g.serialize(format="json-ld", context=CONTEXT, auto_compact=True, indent=1)
    if fmt == "xml":
        return g.serialize(format="pretty-xml")
    return g.serialize(format="turtle")

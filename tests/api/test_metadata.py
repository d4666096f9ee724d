"""Metadata: JSON, DCAT JSON-LD / Turtle / RDF-XML parsed back with rdflib, schema.org, the whole catalogue."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns

BASE = "http://testserver/api/v1/datasets/"
SPDX = "http://spdx.org/rdf/terms#"


def test_dataset_json(client: TestClient) -> None:
    r = client.get("/api/v1/datasets/evacuation-space")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    d = r.json()
    assert d["title"] == "指定緊急避難場所一覧" and d["sample"] is True and d["sample_note"]["ja"]
    assert d["organization"]["name"] == "危機管理課" and d["publisher"]["name"] == "鳥取市 危機管理課"
    assert d["license"]["uri"] == "https://creativecommons.org/licenses/by/4.0/"
    assert d["accrual_periodicity"]["uri"].endswith("/ANNUAL")
    assert d["standard"]["id"] == "2021/evacuation_space" and d["standard"]["generation"] == "2021"
    assert d["temporal"] == {"start": "2025-04-01", "end": None}
    assert d["issued"] == "2025-04-01" and d["modified"] == "2025-04-01"   # the first version keeps the declared date
    assert d["version"]["number"] == 1 and d["version"]["rows"] == 8 and d["version"]["key_column"] == "NO"
    assert d["version"]["status"] == "problems" and d["version"]["errors"] == 1     # 「・」 in a multi-value cell
    kinds = [x["kind"] for x in d["distributions"]]
    assert kinds == ["csv", "csv-bom", "json", "geojson", "datapackage", "original"]
    csv = d["distributions"][0]
    assert csv["file_name"] == "312011_evacuation_space.csv" and csv["media_type"] == "text/csv"
    assert csv["download_url"] == BASE + "evacuation-space/versions/1/download/312011_evacuation_space.csv"
    assert csv["latest_url"] == BASE + "evacuation-space/download/csv"
    assert len(csv["sha256"]) == 64 and csv["byte_size"] > 0 and csv["license"] == "CC-BY-4.0"


def test_contact_and_licences(client: TestClient) -> None:
    aed = client.get("/api/v1/datasets/aed").json()
    assert aed["contact"] == {"name": "保健医療課 救急医療係", "email": "kenko@city.tottori.lg.jp", "phone": "0857-30-8000"}
    pop = client.get("/api/v1/datasets/population").json()
    assert pop["license"]["id"] == "PDL-1.0" and pop["license"]["compatible_with"] == "CC-BY-4.0"
    assert "geojson" not in [x["kind"] for x in pop["distributions"]]          # no 緯度 / 経度
    toilet = client.get("/api/v1/datasets/public-toilet").json()
    assert toilet["license"]["title_ja"] == "政府標準利用規約（第2.0版）"
    assert toilet["distributions"][-1]["format"] == "XLSX"
    assert toilet["version"]["key_column"] is None                               # the source has no ID


def _graph(text: str, fmt: str) -> Graph:
    g = Graph()
    g.parse(data=text, format=fmt)
    return g


@pytest.mark.parametrize(("params", "headers", "rdf_format", "media"), [
    ({"format": "ttl"}, {}, "turtle", "text/turtle"),
    ({"format": "jsonld"}, {}, "json-ld", "application/ld+json"),
    ({"format": "rdf"}, {}, "xml", "application/rdf+xml"),
    ({}, {"Accept": "text/turtle"}, "turtle", "text/turtle"),
    ({}, {"Accept": "application/ld+json"}, "json-ld", "application/ld+json"),
    ({}, {"Accept": "text/html;q=0.9, application/rdf+xml;q=0.8"}, "xml", "application/rdf+xml"),
])
def test_dcat_parses_with_rdflib(client: TestClient, params: dict[str, str], headers: dict[str, str], rdf_format: str,
                                 media: str) -> None:
    r = client.get("/api/v1/datasets/evacuation-space", params=params, headers=headers)
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    assert "Accept" in r.headers["vary"]
    g = _graph(r.text, rdf_format)
    ds = URIRef(BASE + "evacuation-space")
    assert (ds, ns.RDF.type, ns.DCAT.Dataset) in g
    assert (ds, ns.DCTERMS.title, Literal("指定緊急避難場所一覧", lang="ja")) in g
    assert (ds, ns.DCTERMS.identifier, Literal("evacuation-space")) in g
    assert (ds, ns.DCTERMS.issued, Literal("2025-04-01", datatype=ns.XSD.date)) in g
    assert {str(k) for k in g.objects(ds, ns.DCAT.keyword)} == {"防災", "避難", "避難場所"}
    assert (ds, ns.DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")) in g
    assert (ds, ns.DCTERMS.conformsTo, URIRef("http://testserver/api/v1/schemas/2021/evacuation_space")) in g
    pub = g.value(ds, ns.DCTERMS.publisher)
    assert set(g.objects(pub, ns.FOAF.name)) == {Literal("鳥取市 危機管理課", lang="ja"),
                                             Literal("Crisis Management Division", lang="en")}
    cp = g.value(ds, ns.DCAT.contactPoint)
    assert str(g.value(cp, URIRef("http://www.w3.org/2006/vcard/ns#hasEmail"))) == "mailto:kikikanri@city.tottori.lg.jp"
    dists = list(g.objects(ds, ns.DCAT.distribution))
    assert len(dists) == 6
    urls = {str(g.value(d, ns.DCAT.downloadURL)) for d in dists}
    assert BASE + "evacuation-space/versions/1/download/312011_evacuation_space.geojson" in urls
    for d in dists:
        assert g.value(d, ns.DCTERMS.license) is not None                 # the licence on every distribution
        assert int(str(g.value(d, ns.DCAT.byteSize))) > 0
        ck = g.value(d, URIRef(SPDX + "checksum"))
        assert len(str(g.value(ck, URIRef(SPDX + "checksumValue")))) == 64


def test_pdl_licence_points_to_cc_by(client: TestClient) -> None:
    g = _graph(client.get("/api/v1/datasets/population", params={"format": "ttl"}).text, "turtle")
    lic = URIRef("https://www.digital.go.jp/resources/open_data/public_data_license_v1.0")
    assert (URIRef(BASE + "population"), ns.DCTERMS.license, lic) in g
    assert (lic, URIRef("http://www.w3.org/2004/02/skos/core#closeMatch"),
            URIRef("http://publications.europa.eu/resource/authority/licence/CC_BY_4_0")) in g


def test_schema_org(client: TestClient) -> None:
    for req in ({"params": {"format": "schemaorg"}}, {"headers": {"Accept": 'application/ld+json; profile="https://schema.org"'}}):
        r = client.get("/api/v1/datasets/public-toilet", **req)  # type: ignore[arg-type]
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/ld+json")
        d = r.json()
        assert d["@context"] == "https://schema.org/" and d["@type"] == "Dataset"
        assert d["name"] == "公衆トイレ一覧" and d["description"].startswith("【このデータはサンプルです")
        assert d["license"].startswith("https://") and d["creator"]["name"] == "鳥取市 生活環境課"
        assert all(x["contentUrl"].startswith("http://testserver/") for x in d["distribution"])
        assert "緯度" in d["variableMeasured"]
        # parse offline: the remote context replaced by its meaning
        g = _graph(json.dumps({**d, "@context": {"@vocab": "http://schema.org/"}}), "json-ld")
        assert (URIRef(BASE + "public-toilet"), ns.RDF.type, URIRef("http://schema.org/Dataset")) in g


@pytest.mark.parametrize(("path", "fmt"), [("/catalog.ttl", "turtle"), ("/catalog.jsonld", "json-ld"),
                                           ("/catalog.rdf", "xml")])
def test_whole_catalogue(client: TestClient, path: str, fmt: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    g = _graph(r.text, fmt)
    cat = URIRef("http://testserver/catalog")
    assert (cat, ns.RDF.type, ns.DCAT.Catalog) in g
    assert {str(x).rsplit("/", 1)[1] for x in g.objects(cat, ns.DCAT.dataset)} == {
        "aed", "evacuation-space", "population", "public-toilet"}
    assert len(list(g.subjects(ns.RDF.type, ns.DCAT.Distribution))) == 6 + 6 + 5 + 6
    etag = r.headers["etag"]
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(path, params={"page": 2}).json()["error"]["code"] == "page-not-found"


def test_metadata_etag(client: TestClient) -> None:
    r = client.get("/api/v1/datasets/aed")
    again = client.get("/api/v1/datasets/aed", headers={"If-None-Match": r.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_unknown_format_is_400(client: TestClient) -> None:
    r = client.get("/api/v1/datasets/aed", params={"format": "xlsx"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "unsupported-format"


def test_organizations(client: TestClient) -> None:
    d = client.get("/api/v1/organizations").json()
    assert {o["id"]: o["datasets"] for o in d["results"]} == {"johoseisaku": 1, "kankyo": 1, "kenko": 1, "kikikanri": 1}
    o = client.get("/api/v1/organizations/kikikanri").json()
    assert o["name"] == "危機管理課" and o["datasets"] == 1
    ds = client.get(o["datasets_url"]).json()
    assert [x["id"] for x in ds["results"]] == ["evacuation-space"]
    assert client.get("/api/v1/organizations/nope").status_code == 404


def test_root_and_schema_links(client: TestClient) -> None:
    d = client.get("/").json()
    assert d["datasets"] == "http://testserver/api/v1/datasets"
    std = client.get("/api/v1/datasets/aed").json()["standard"]["uri"]
    s = client.get(std.replace("http://testserver", ""))
    assert s.status_code == 200 and s.json()["title"] == "AED設置箇所一覧"
    assert json.loads(client.get("/healthz").text) == {"status": "ok", "database": "ok"}

"""Downloads: every format parsed back and compared with the source data; datapackage.json validated by
frictionless; ETag / If-None-Match, Range, HEAD."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from converters.recipe import Recipe
from opendata.convert import convert_file
from tests.catalogue_support import FIXTURE, read_csv_bytes

DATASETS = {"evacuation-space": "2021/evacuation_space", "public-toilet": "2026/public_toilet", "aed": "2021/aed",
            "population": "2021/population"}


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The standard CSV of every fixture dataset, converted here independently of the store."""
    out = {}
    for ds, std in DATASETS.items():
        src = next((FIXTURE / ds / "source").iterdir())
        rec = FIXTURE / ds / "recipe.yaml"
        o = convert_file(src, tmp_path_factory.mktemp(ds), dataset=std, code="312011",
                         recipe=Recipe.load(rec) if rec.is_file() else None)
        assert o.ok and o.result is not None
        out[ds] = o.result.output.read_bytes()
    return out


def get(client: TestClient, ds: str, name: str, **kw: Any) -> Any:
    r = client.get(f"/api/v1/datasets/{ds}/download/{name}", **kw)
    assert r.status_code == 200, r.text
    return r


def same(value: Any, cell: str) -> bool:
    if value is None:
        return cell == ""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return float(cell) == value
    return bool(value == cell)


@pytest.mark.parametrize("ds", list(DATASETS))
def test_csv_is_the_converted_file(client: TestClient, converted: dict[str, bytes], ds: str) -> None:
    r = get(client, ds, "csv")
    assert r.content == converted[ds]
    assert r.headers["content-type"] == "text/csv; charset=utf-8; header=present"
    assert r.headers["content-disposition"].startswith('attachment; filename="312011_')
    assert r.headers["x-opendata-sample"] == "true"
    assert 'rel="license"' in r.headers["link"]
    bom = get(client, ds, "csv-bom")
    assert bom.content == b"\xef\xbb\xbf" + converted[ds]
    assert "_excel.csv" in bom.headers["content-disposition"]


def test_csv_keeps_the_source_values(client: TestClient) -> None:
    """The published rows are the department's rows: every name of the CP932 source is in the download."""
    raw = (FIXTURE / "evacuation-space/source/避難場所一覧.csv").read_bytes().decode("cp932")
    src = read_csv_bytes(raw.encode("utf-8"))[2:]           # title row and header skipped
    out = read_csv_bytes(get(client, "evacuation-space", "csv").content)
    names = [r[out[0].index("名称")] for r in out[1:]]
    assert names == [unicodedata.normalize("NFKC", r[1]) for r in src]
    assert [r[out[0].index("緯度")] for r in out[1:]] == [r[5] for r in src]


@pytest.mark.parametrize("ds", list(DATASETS))
def test_json_matches_the_csv(client: TestClient, ds: str) -> None:
    table = read_csv_bytes(get(client, ds, "csv").content)
    header, body = table[0], table[1:]
    d = get(client, ds, "json").json()
    assert d["dataset"] == ds and d["sample"] is True and d["version"] == 1
    assert [f["name"] for f in d["fields"]] == header
    assert len(d["records"]) == len(body)
    for rec, cells in zip(d["records"], body, strict=True):
        assert list(rec) == header
        assert all(same(rec[h], c) for h, c in zip(header, cells, strict=True)), (rec, cells)


@pytest.mark.parametrize("ds", ["evacuation-space", "public-toilet", "aed"])
def test_geojson_matches_the_csv(client: TestClient, ds: str) -> None:
    table = read_csv_bytes(get(client, ds, "csv").content)
    header, body = table[0], table[1:]
    r = get(client, ds, "geojson")
    assert r.headers["content-type"].startswith("application/geo+json")
    g = r.json()
    assert g["type"] == "FeatureCollection" and len(g["features"]) == len(body)
    lat, lon = header.index("緯度"), header.index("経度")
    for f, cells in zip(g["features"], body, strict=True):
        assert f["type"] == "Feature"
        assert f["geometry"] == {"type": "Point", "coordinates": [float(cells[lon]), float(cells[lat])]}
        assert all(same(f["properties"][h], c) for h, c in zip(header, cells, strict=True))


def test_no_geojson_without_coordinates(client: TestClient) -> None:
    r = client.get("/api/v1/datasets/population/download/geojson")
    assert r.status_code == 404 and r.json()["error"]["code"] == "file-not-found"
    assert "csv" in r.json()["error"]["details"]["available"]


@pytest.mark.parametrize("ds", list(DATASETS))
def test_datapackage_validates_with_frictionless(client: TestClient, ds: str, tmp_path: Path) -> None:
    from frictionless import validate

    pkg = get(client, ds, "datapackage").json()
    res = pkg["resources"][0]
    assert pkg["name"] == ds and pkg["x-opendata"]["sample"] is True and pkg["licenses"][0]["path"].startswith("https://")
    csv = get(client, ds, res["path"])                       # the relative path resolves next to the descriptor
    assert res["bytes"] == len(csv.content) and res["hash"].startswith("sha256:")
    assert [f["name"] for f in res["schema"]["fields"]] == read_csv_bytes(csv.content)[0]
    (tmp_path / "datapackage.json").write_text(json.dumps(pkg, ensure_ascii=False), encoding="utf-8")
    (tmp_path / res["path"]).write_bytes(csv.content)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


@pytest.mark.parametrize(("ds", "source"), [("evacuation-space", "避難場所一覧.csv"), ("public-toilet", "公衆トイレ一覧.xlsx"),
                                            ("aed", "AED設置場所.csv"), ("population", "地域別人口_令和7年4月.csv")])
def test_original_upload_is_kept_byte_for_byte(client: TestClient, ds: str, source: str) -> None:
    r = get(client, ds, "original")
    assert r.content == (FIXTURE / ds / "source" / source).read_bytes()
    assert "filename*=UTF-8''" in r.headers["content-disposition"]
    versioned = client.get(f"/api/v1/datasets/{ds}/versions/1/download/{source}")
    assert versioned.status_code == 200 and versioned.content == r.content


def test_versioned_urls_are_immutable_and_latest_revalidates(client: TestClient) -> None:
    v = client.get("/api/v1/datasets/aed/versions/1/download/csv")
    assert "immutable" in v.headers["cache-control"]
    assert "must-revalidate" in get(client, "aed", "csv").headers["cache-control"]
    assert v.headers["etag"] == f'"{client.get("/api/v1/datasets/aed").json()["distributions"][0]["sha256"]}"'


def test_etag_if_none_match(client: TestClient) -> None:
    r = get(client, "aed", "json")
    etag = r.headers["etag"]
    for inm in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        again = client.get("/api/v1/datasets/aed/download/json", headers={"If-None-Match": inm})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert client.get("/api/v1/datasets/aed/download/json", headers={"If-None-Match": '"other"'}).status_code == 200
    lm = r.headers["last-modified"]
    assert client.get("/api/v1/datasets/aed/download/json", headers={"If-Modified-Since": lm}).status_code == 304


def test_range_requests(client: TestClient) -> None:
    full = get(client, "population", "csv").content
    size = len(full)
    for header, (a, b) in {"bytes=0-99": (0, 99), "bytes=100-": (100, size - 1), "bytes=-50": (size - 50, size - 1),
                           f"bytes=10-{size + 500}": (10, size - 1)}.items():
        r = client.get("/api/v1/datasets/population/download/csv", headers={"Range": header})
        assert r.status_code == 206, header
        assert r.headers["content-range"] == f"bytes {a}-{b}/{size}"
        assert r.content == full[a:b + 1] and int(r.headers["content-length"]) == b - a + 1
    parts = [client.get("/api/v1/datasets/population/download/csv", headers={"Range": f"bytes={i}-{min(i + 999, size - 1)}"}).content
             for i in range(0, size, 1000)]
    assert b"".join(parts) == full                           # a resumed download reassembles the file
    bad = client.get("/api/v1/datasets/population/download/csv", headers={"Range": f"bytes={size}-"})
    assert bad.status_code == 416 and bad.headers["content-range"] == f"bytes */{size}"
    assert bad.json()["error"]["code"] == "range-not-satisfiable"
    # If-Range with another ETag: the whole (changed) file instead of a wrong slice
    r = client.get("/api/v1/datasets/population/download/csv", headers={"Range": "bytes=0-9", "If-Range": '"old"'})
    assert r.status_code == 200 and r.content == full
    # several ranges: the whole file (allowed by RFC 9110)
    assert client.get("/api/v1/datasets/population/download/csv", headers={"Range": "bytes=0-1,5-6"}).status_code == 200


def test_head(client: TestClient) -> None:
    r = client.head("/api/v1/datasets/aed/download/csv")
    assert r.status_code == 200 and r.content == b""
    assert int(r.headers["content-length"]) == len(get(client, "aed", "csv").content)
    assert r.headers["accept-ranges"] == "bytes"


def test_download_errors(client: TestClient) -> None:
    for url, code in (("/api/v1/datasets/aed/download/xlsx", "file-not-found"),
                      ("/api/v1/datasets/nope/download/csv", "dataset-not-found"),
                      ("/api/v1/datasets/aed/versions/7/download/csv", "version-not-found")):
        r = client.get(url)
        assert r.status_code == 404 and r.json()["error"]["code"] == code

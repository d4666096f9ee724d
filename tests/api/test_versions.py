"""Versions: republishing keeps every old version downloadable; diffs by ID; the build is idempotent."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from opendata.build import build_catalogue
from opendata.store import Store
from tests.catalogue_support import BACKENDS, FIXTURE, open_store, read_csv_bytes

SOURCE = "evacuation-space/source/避難場所一覧.csv"


@pytest.fixture(scope="module", params=BACKENDS)
def republished(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    tmp = tmp_path_factory.mktemp(f"versions-{request.param}")
    folder = tmp / "catalogue"
    shutil.copytree(FIXTURE, folder)
    with open_store(request.param, tmp / "data") as st:
        first = build_catalogue(folder, st)
        with TestClient(create_app(store_=st)) as c:
            v1 = {k: c.get(f"/api/v1/datasets/evacuation-space/download/{k}").content
                  for k in ("csv", "csv-bom", "json", "geojson", "datapackage", "original")}
            again = build_catalogue(folder, st)                        # nothing changed: nothing published
            # the department updates its file: one capacity changed, one place added, one removed
            src = folder / SOURCE
            text = src.read_bytes().decode("cp932")
            text = text.replace(",500,", ",550,", 1).replace("\r\n８,鳥取市民体育館", "\r\n８,鳥取市立南中学校")
            lines = text.split("\r\n")
            lines.insert(len(lines) - 1, "１０,鳥取県庁,トットリケンチョウ,鳥取県鳥取市東町一丁目２２０,,35.5038,134.2381,9,"
                                         "0857-26-7111,,312011,鳥取県,鳥取市,○,,○,○,○,○,○,,○,300,,,")
            src.write_bytes("\r\n".join(lines).encode("cp932"))
            second = build_catalogue(folder, st)
            yield {"client": c, "store": st, "v1": v1, "first": first, "again": again, "second": second}


def test_build_is_idempotent(republished: dict[str, Any]) -> None:
    assert [r.action for r in republished["first"].results] == ["published"] * 4
    assert [r.action for r in republished["again"].results] == ["unchanged"] * 4
    actions = {r.id: r.action for r in republished["second"].results}
    assert actions == {"aed": "unchanged", "evacuation-space": "published", "population": "unchanged",
                       "public-toilet": "unchanged"}


def test_versions_listed(republished: dict[str, Any]) -> None:
    c: TestClient = republished["client"]
    d = c.get("/api/v1/datasets/evacuation-space/versions").json()
    assert d["current"] == 2 and [v["number"] for v in d["results"]] == [2, 1]
    assert [v["current"] for v in d["results"]] == [True, False]
    meta = c.get("/api/v1/datasets/evacuation-space").json()
    assert meta["version"]["number"] == 2 and meta["version"]["rows"] == 9
    assert all("/versions/2/" in x["download_url"] for x in meta["distributions"])
    assert c.get("/api/v1/datasets/evacuation-space/versions/1").json()["rows"] == 8


@pytest.mark.parametrize("kind", ["csv", "csv-bom", "json", "geojson", "datapackage", "original"])
def test_old_version_still_downloadable(republished: dict[str, Any], kind: str) -> None:
    c: TestClient = republished["client"]
    old = c.get(f"/api/v1/datasets/evacuation-space/versions/1/download/{kind}")
    assert old.status_code == 200 and old.content == republished["v1"][kind]
    new = c.get(f"/api/v1/datasets/evacuation-space/download/{kind}")
    assert new.status_code == 200 and new.content != old.content
    assert new.headers["etag"] != old.headers["etag"]


def test_old_version_rows(republished: dict[str, Any]) -> None:
    c: TestClient = republished["client"]
    old = c.get("/api/v1/datasets/evacuation-space/rows", params={"_version": 1, "名称": "鳥取市民体育館"}).json()
    assert old["version"] == 1 and len(old["rows"]) == 1
    assert c.get("/api/v1/datasets/evacuation-space/rows", params={"名称": "鳥取市民体育館"}).json()["rows"] == []


def test_diff_by_id(republished: dict[str, Any]) -> None:
    c: TestClient = republished["client"]
    d = c.get("/api/v1/datasets/evacuation-space/diff").json()      # default: previous → current
    assert (d["from"], d["to"], d["key"]) == (1, 2, "NO")
    assert d["counts"] == {"added": 1, "removed": 0, "changed": 2, "unchanged": 6}
    assert [r["名称"] for r in d["added"]] == ["鳥取県庁"]
    changed = {x["key"]: x for x in d["changed"]}
    assert changed["1"]["columns"] == ["想定収容人数"]
    assert (changed["1"]["before"]["想定収容人数"], changed["1"]["after"]["想定収容人数"]) == ("500", "550")
    assert changed["8"]["after"]["名称"] == "鳥取市立南中学校" and "名称" in changed["8"]["columns"]
    assert d["truncated"] is False
    back = c.get("/api/v1/datasets/evacuation-space/diff", params={"from": 2, "to": 1}).json()
    assert back["counts"]["removed"] == 1 and back["counts"]["added"] == 0
    short = c.get("/api/v1/datasets/evacuation-space/diff", params={"limit": 1}).json()
    assert len(short["changed"]) == 1 and short["truncated"] is True


def test_diff_without_key_compares_whole_rows(republished: dict[str, Any]) -> None:
    c: TestClient = republished["client"]
    d = c.get("/api/v1/datasets/public-toilet/diff", params={"from": 1, "to": 1}).json()
    assert d["key"] is None and d["counts"] == {"added": 0, "removed": 0, "changed": 0, "unchanged": 6}
    r = c.get("/api/v1/datasets/public-toilet/diff")
    assert r.status_code == 404 and r.json()["error"]["code"] == "version-not-found"


def test_report(republished: dict[str, Any]) -> None:
    c: TestClient = republished["client"]
    r = c.get("/api/v1/datasets/evacuation-space/versions/2/report")
    assert r.status_code == 200
    rep = r.json()
    assert rep["status"] == "problems" and rep["rows"] == {"in": 9, "out": 9}
    assert rep["validation"]["counts"] == {"multi-value-separator": 1}
    assert any(ch["step"] == "flags" for ch in rep["changes"]["items"])
    assert "mapping" in rep["recipe"]


def test_metadata_change_without_new_version(republished: dict[str, Any], tmp_path: Path) -> None:
    st: Store = republished["store"]
    folder = tmp_path / "cat"
    shutil.copytree(FIXTURE, folder)
    shutil.copy(Path(republished["second"].folder) / SOURCE, folder / SOURCE)
    y = folder / "aed" / "dataset.yaml"
    y.write_text(y.read_text(encoding="utf-8").replace("keywords: [AED, 救命, 健康]", "keywords: [AED, 救命, 健康, 心肺蘇生]"),
                 encoding="utf-8")
    s = build_catalogue(folder, st, only=["aed"])
    assert [(r.action, r.metadata_changed) for r in s.results] == [("unchanged", True)]
    c: TestClient = republished["client"]
    assert c.get("/api/v1/datasets/aed").json()["version"]["number"] == 1
    assert [d["id"] for d in c.get("/api/v1/datasets", params={"q": "心肺蘇生"}).json()["results"]] == ["aed"]


def test_csv_of_each_version_parses(republished: dict[str, Any]) -> None:
    assert len(read_csv_bytes(republished["v1"]["csv"])) == 9          # header + 8 rows

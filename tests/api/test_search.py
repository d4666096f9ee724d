"""GET /api/v1/datasets: Japanese full text, facets, sorting, keyset pagination (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.catalogue_support import BACKENDS, add_dataset, add_org, open_store, write_csv


def ids(client: TestClient, **params: object) -> list[str]:
    r = client.get("/api/v1/datasets", params=params)
    assert r.status_code == 200, r.text
    return [d["id"] for d in r.json()["results"]]


@pytest.mark.parametrize(("q", "expected"), [
    ("避難", ["evacuation-space"]),                 # 2 characters: shorter than a trigram
    ("緊急避難場所", ["evacuation-space"]),          # trigram index
    ("ﾄｲﾚ", ["public-toilet"]),                      # half-width katakana
    ("といれ", ["public-toilet"]),                   # hiragana
    ("トイレ", ["public-toilet"]),
    ("ＡＥＤ", ["aed"]),                             # full-width letters
    ("aed", ["aed"]),                                # case
    ("人口　世帯", ["population"]),                  # ideographic space: two terms, AND
    ("人口 トイレ", []),
    ("危機管理課", ["evacuation-space"]),            # the publisher is searchable
    ("緯度", ["aed", "evacuation-space", "public-toilet"]),   # column names are searchable
    ("100%", []),                                    # LIKE wildcards are literal
])
def test_japanese_full_text(client: TestClient, q: str, expected: list[str]) -> None:
    assert sorted(ids(client, q=q)) == expected


def test_relevance_puts_title_matches_first(client: TestClient) -> None:
    r = client.get("/api/v1/datasets", params={"q": "避難"}).json()
    assert r["sort"] == "relevance"
    assert r["results"][0]["id"] == "evacuation-space" and r["results"][0]["score"] >= 10


def test_facets_are_counted_and_labelled(client: TestClient) -> None:
    d = client.get("/api/v1/datasets").json()
    assert d["count"] == 4
    f = {name: {x["value"]: x for x in items} for name, items in d["facets"].items()}
    assert {k: v["count"] for k, v in f["organization"].items()} == {
        "kikikanri": 1, "kankyo": 1, "kenko": 1, "johoseisaku": 1}
    assert f["organization"]["kikikanri"]["label_ja"] == "危機管理課"
    assert f["license"]["CC-BY-4.0"]["count"] == 2 and f["license"]["PDL-1.0"]["count"] == 1
    assert f["license"]["PDL-1.0"]["label_ja"] == "公共データ利用規約（第1.0版）"
    assert f["standard"]["2021/aed"]["label_ja"] == "AED設置箇所一覧（2021）"
    assert f["format"]["CSV"]["count"] == 4 and f["format"]["GeoJSON"]["count"] == 3
    assert f["tag"]["防災"]["count"] == 1
    assert f["theme"]["観光"]["count"] == 1


def test_facet_filters(client: TestClient) -> None:
    assert ids(client, organization="kikikanri") == ["evacuation-space"]
    assert sorted(ids(client, organization=["kikikanri", "kenko"])) == ["aed", "evacuation-space"]   # OR
    assert sorted(ids(client, format="GeoJSON", license="CC-BY-4.0")) == ["aed", "evacuation-space"]   # AND
    assert ids(client, tag="防災") == ["evacuation-space"]
    assert ids(client, standard="2021/population") == ["population"]
    assert ids(client, q="トイレ", license="CC-BY-4.0") == []
    # disjunctive counts: the organization facet ignores the organization filter, the others apply it
    d = client.get("/api/v1/datasets", params={"organization": "kikikanri"}).json()
    assert {x["value"] for x in d["facets"]["organization"]} == {"kikikanri", "kankyo", "kenko", "johoseisaku"}
    assert {x["value"] for x in d["facets"]["license"]} == {"CC-BY-4.0"}


def test_sorting(client: TestClient) -> None:
    assert ids(client, sort="id") == ["aed", "evacuation-space", "population", "public-toilet"]
    assert ids(client, sort="-id") == ["public-toilet", "population", "evacuation-space", "aed"]
    titles = [d["title"] for d in client.get("/api/v1/datasets", params={"sort": "title"}).json()["results"]]
    assert titles == sorted(titles)
    issued = [d["issued"] for d in client.get("/api/v1/datasets", params={"sort": "-issued"}).json()["results"]]
    assert issued == sorted(issued, reverse=True)


def test_bad_sort_and_cursor_are_400(client: TestClient) -> None:
    r = client.get("/api/v1/datasets", params={"sort": "size"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid-sort"
    r = client.get("/api/v1/datasets", params={"cursor": "not-a-cursor"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid-cursor"
    nxt = client.get("/api/v1/datasets", params={"limit": 1}).json()["next"]
    r = client.get("/api/v1/datasets", params={"limit": 1, "cursor": nxt, "q": "避難"})   # other query
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid-cursor"


# --- pagination over many datasets ---------------------------------------------------------------------
N = 31


@pytest.fixture(scope="module", params=BACKENDS)
def many(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    tmp = tmp_path_factory.mktemp(f"many-{request.param}")
    with open_store(request.param, tmp) as st:
        add_org(st)
        add_org(st, "kankyo", "生活環境課")
        src = write_csv(tmp / "src.csv", [["ID", "名称"], ["1", "公園"]])
        for i in range(N):
            # few distinct titles and dates: ties everywhere, which keyset pagination must survive
            add_dataset(st, f"ds-{i:03d}", ["避難所一覧", "公園一覧", "トイレ一覧"][i % 3],
                        org="kikikanri" if i % 2 else "kankyo", keywords=["防災"] if i % 4 == 0 else ["公園"],
                        issued=f"2025-0{1 + i % 3}-01", modified=f"2025-0{1 + i % 5}-01")
            st.publish_version(f"ds-{i:03d}", src, src)
        with TestClient(create_app(store_=st)) as c:
            yield c


@pytest.mark.parametrize("params", [
    {}, {"sort": "title"}, {"sort": "-title"}, {"sort": "modified"}, {"sort": "-modified"}, {"sort": "issued"},
    {"sort": "-id"}, {"q": "一覧"}, {"q": "避難", "sort": "relevance"}, {"organization": "kankyo", "sort": "title"},
    {"tag": "公園", "sort": "-modified"},
])
@pytest.mark.parametrize("limit", [4, 100])
def test_pagination_to_the_end_without_duplicates_or_gaps(many: TestClient, params: dict[str, str], limit: int) -> None:
    first = many.get("/api/v1/datasets", params={**params, "limit": 100}).json()
    expected = [d["id"] for d in first["results"]]
    assert len(expected) == first["count"]
    seen: list[str] = []
    url: str | None = "/api/v1/datasets"
    page_params: dict[str, object] | None = {**params, "limit": limit}
    pages = 0
    while url:
        r = many.get(url, params=page_params)
        assert r.status_code == 200, r.text
        d = r.json()
        assert d["count"] == first["count"]
        assert len(d["results"]) <= limit
        seen += [x["id"] for x in d["results"]]
        url, page_params = d["next_url"], None
        pages += 1
        assert pages <= N + 2
    assert seen == expected                      # same order, nothing twice, nothing missing
    assert len(set(seen)) == len(seen)
    if not params:
        assert len(seen) == N


def test_one_per_page(many: TestClient) -> None:
    test_pagination_to_the_end_without_duplicates_or_gaps(many, {"sort": "-modified"}, 1)


def test_next_url_keeps_the_filters(many: TestClient) -> None:
    d = many.get("/api/v1/datasets", params={"organization": "kankyo", "limit": 2}).json()
    assert "organization=kankyo" in d["next_url"] and "cursor=" in d["next_url"]


def test_unpublished_datasets_are_not_listed(tmp_path: Path) -> None:
    with open_store("sqlite", tmp_path) as st:
        add_org(st)
        add_dataset(st, "draft-only", "下書きのデータ")
        with TestClient(create_app(store_=st)) as c:
            assert c.get("/api/v1/datasets").json()["count"] == 0
            assert c.get("/api/v1/datasets/draft-only").status_code == 404

"""GET /api/v1/datasets/{id}/rows: Datasette-like filters, sorting, keyset pagination (SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.catalogue_support import read_csv_bytes


def rows(client: TestClient, ds: str, **params: Any) -> dict[str, Any]:
    r = client.get(f"/api/v1/datasets/{ds}/rows", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def all_rows(client: TestClient, ds: str, **params: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    d = rows(client, ds, **params)
    out += d["rows"]
    while d["next_url"]:
        r = client.get(d["next_url"])
        assert r.status_code == 200, r.text
        d = r.json()
        out += d["rows"]
    return out


def csv_rows(client: TestClient, ds: str) -> tuple[list[str], list[list[str]]]:
    data = read_csv_bytes(client.get(f"/api/v1/datasets/{ds}/download/csv").content)
    return data[0], data[1:]


def test_all_rows_match_the_csv(client: TestClient) -> None:
    header, body = csv_rows(client, "population")
    got = all_rows(client, "population", _size=2)
    assert [r["_row"] for r in got] == list(range(1, len(body) + 1))
    for r, cells in zip(got, body, strict=True):
        for name, cell in zip(header, cells, strict=True):
            v = r[name]
            assert (v is None and cell == "") or str(v) == cell or (isinstance(v, int | float) and float(cell) == v)
    d = rows(client, "population", _size=3)
    assert d["count"] == d["total_rows"] == len(body) and d["limit"] == 3 and d["version"] == 1


def test_filters(client: TestClient) -> None:
    d = rows(client, "evacuation-space", 名称__contains="小学校")
    assert sorted(r["名称"] for r in d["rows"]) == ["鳥取市立遷喜小学校", "鳥取市立醇風小学校"]
    assert d["count"] == 2 and d["filters"] == [{"column": "名称", "op": "contains", "value": "小学校"}]
    assert [r["名称"] for r in rows(client, "evacuation-space", 名称="久松公園")["rows"]] == ["久松公園"]
    assert rows(client, "evacuation-space", 名称__exact="久松")["rows"] == []
    assert len(rows(client, "evacuation-space", 名称__not="久松公園")["rows"]) == 7
    assert [r["名称"] for r in rows(client, "evacuation-space", 名称__startswith="鳥取砂丘")["rows"]] == ["鳥取砂丘オアシス広場"]
    assert {r["名称"] for r in rows(client, "evacuation-space", 名称__endswith="公園")["rows"]} == {"久松公園", "湖山池公園"}
    assert {r["NO"] for r in rows(client, "evacuation-space", NO__in="1,3,5")["rows"]} == {"1", "3", "5"}
    assert len(rows(client, "evacuation-space", NO__notin="1,3,5")["rows"]) == 5
    assert [r["名称"] for r in rows(client, "evacuation-space", 備考__notblank="1")["rows"]] == ["鳥取市民体育館"]
    assert len(rows(client, "evacuation-space", 備考__isblank="1")["rows"]) == 7


def test_numeric_ranges_compare_numbers(client: TestClient) -> None:
    header, body = csv_rows(client, "population")
    i = header.index("総人口")
    totals = sorted(int(r[i]) for r in body)
    mid = totals[len(totals) // 2]
    got = rows(client, "population", 総人口__gte=str(mid))["rows"]
    assert sorted(r["総人口"] for r in got) == [t for t in totals if t >= mid]
    assert len(rows(client, "population", 総人口__gt=str(mid))["rows"]) == len([t for t in totals if t > mid])
    assert len(rows(client, "population", 総人口__lt="1000", 総人口__gte="1")["rows"]) == len([t for t in totals if t < 1000])
    assert len(rows(client, "evacuation-space", 緯度__lte="35.5", 経度__gte="134.2")["rows"]) == 3
    assert rows(client, "population", 総人口=str(totals[0]))["rows"][0]["総人口"] == totals[0]
    # text comparison for text columns (ISO dates compare correctly as text)
    assert len(rows(client, "population", 調査年月日__gte="2025-04-01")["rows"]) == len(body)
    assert rows(client, "population", 調査年月日__gt="2025-04-01")["rows"] == []


@pytest.mark.parametrize(("col", "desc"), [("総人口", False), ("総人口", True), ("地域名", False), ("地域名", True)])
def test_sorting_with_pagination(client: TestClient, col: str, desc: bool) -> None:
    key = "_sort_desc" if desc else "_sort"
    got = all_rows(client, "population", **{key: col, "_size": 2})
    values = [r[col] for r in got]
    assert values == sorted(values, reverse=desc)
    assert len({r["_row"] for r in got}) == len(got) == rows(client, "population")["total_rows"]


def test_sort_puts_blanks_last_and_pages_through_them(client: TestClient) -> None:
    for key in ("_sort", "_sort_desc"):
        got = all_rows(client, "public-toilet", **{key: "利用開始時間", "_size": 2})
        vals = [r["利用開始時間"] for r in got]
        filled = [v for v in vals if v is not None]
        assert vals == filled + [None] * (len(vals) - len(filled))
        assert filled == sorted(filled, reverse=key == "_sort_desc")
        assert len({r["_row"] for r in got}) == 6


def test_filtered_pagination_to_the_end(client: TestClient) -> None:
    got = all_rows(client, "evacuation-space", 災害種別_地震="1", _size=3)
    assert len(got) == 8 and len({r["_row"] for r in got}) == 8


def test_arrays_shape(client: TestClient) -> None:
    d = rows(client, "aed", _shape="arrays", _size=2)
    assert d["columns"][0] == "_row" and d["rows"][0][0] == 1 and len(d["rows"][0]) == len(d["columns"])


def test_sample_flag_and_version(client: TestClient) -> None:
    d = rows(client, "aed", _version=1)
    assert d["sample"] is True and d["version"] == 1


@pytest.mark.parametrize(("params", "status", "code"), [
    ({"名前__contains": "x"}, 400, "unknown-column"),
    ({"地域名__like": "x"}, 400, "unknown-operator"),
    ({"総人口__gt": "たくさん"}, 400, "invalid-number"),
    ({"_sort": "名前"}, 400, "unknown-column"),
    ({"_sort": "総人口", "_sort_desc": "総人口"}, 400, "invalid-sort"),
    ({"_next": "garbage"}, 400, "invalid-cursor"),
    ({"_size": "5000"}, 422, "invalid-parameter"),
    ({"_shape": "table"}, 422, "invalid-parameter"),
    ({"_version": "9"}, 404, "version-not-found"),
])
def test_errors(client: TestClient, params: dict[str, str], status: int, code: str) -> None:
    r = client.get("/api/v1/datasets/population/rows", params=params)
    assert r.status_code == status, r.text
    e = r.json()["error"]
    assert e["code"] == code and e["message_ja"] and e["message_en"]


def test_cursor_of_other_filters_is_refused(client: TestClient) -> None:
    nxt = rows(client, "population", _size=1)["next"]
    r = client.get("/api/v1/datasets/population/rows", params={"_size": 1, "_next": nxt, "地域名": "国府町"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid-cursor"

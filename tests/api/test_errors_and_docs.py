"""One error shape everywhere, never a traceback; OpenAPI documents every endpoint with examples."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from opendata.store import Store


def assert_error(r: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message_ja", "message_en", "details"}
    e = body["error"]
    assert e["message_ja"] and e["message_en"] and "Traceback" not in r.text
    if code:
        assert e["code"] == code
    return e


@pytest.mark.parametrize(("method", "url", "params", "status", "code"), [
    ("GET", "/api/v1/datasets/nope", {}, 404, "dataset-not-found"),
    ("GET", "/api/v1/datasets/nope/rows", {}, 404, "dataset-not-found"),
    ("GET", "/api/v1/datasets/aed/versions/99", {}, 404, "version-not-found"),
    ("GET", "/api/v1/datasets/aed/versions/x", {}, 422, "invalid-parameter"),
    ("GET", "/api/v1/nothing-here", {}, 404, "not-found"),
    ("GET", "/api/v1/schemas/2021/nope", {}, 404, "schema-not-found"),
    ("DELETE", "/api/v1/datasets/aed", {}, 405, "method-not-allowed"),
    ("POST", "/api/v1/datasets", {}, 405, "method-not-allowed"),
    ("GET", "/api/v1/datasets", {"limit": "0"}, 422, "invalid-parameter"),
    ("GET", "/api/v1/datasets", {"limit": "abc"}, 422, "invalid-parameter"),
    ("GET", "/api/v1/datasets", {"q": "x" * 201}, 422, "invalid-parameter"),
    ("GET", "/api/v1/datasets/aed/diff", {"from": "0"}, 422, "invalid-parameter"),
    ("GET", "/catalog.ttl", {"page": "0"}, 422, "invalid-parameter"),
])
def test_error_shape(client: TestClient, method: str, url: str, params: dict[str, str], status: int, code: str) -> None:
    e = assert_error(client.request(method, url, params=params), status, code)
    if status == 422:
        assert isinstance(e["details"], list) and e["details"][0]["parameter"]


def test_unexpected_errors_become_500_without_traceback(built: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(store_=built)
    with TestClient(app, raise_server_exceptions=False) as c:
        def boom(*a: Any, **k: Any) -> Any:
            raise RuntimeError("secret internal detail")

        monkeypatch.setattr("api.routers.datasets.search", boom)
        r = c.get("/api/v1/datasets")
        e = assert_error(r, 500, "internal-error")
        assert "secret" not in r.text and e["details"]["error_id"] in e["message_ja"]


def test_openapi_documents_every_endpoint_with_examples(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    ops = [(path, m, op) for path, item in spec["paths"].items() for m, op in item.items() if m in ("get", "head")]
    assert len(ops) >= 15
    for path, m, op in ops:
        assert op.get("summary"), (path, m)
        ok = op["responses"].get("200") or {}
        examples = [c.get("example") or c.get("examples") for c in (ok.get("content") or {}).values()]
        assert any(examples), f"no 200 example for {m.upper()} {path}"
    search = spec["paths"]["/api/v1/datasets"]["get"]
    assert "422" in search["responses"] and "400" in search["responses"]
    assert "ErrorResponse" in spec["components"]["schemas"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_cors_for_browser_apps(client: TestClient) -> None:
    r = client.get("/api/v1/datasets", headers={"Origin": "https://example.org"})
    assert r.headers["access-control-allow-origin"] == "*"
    assert "ETag" in r.headers["access-control-expose-headers"]

"""Authentication and authorization boundaries of the staff API (SQLite and PostgreSQL): no token → 401,
revoked / expired / unknown tokens → 401, an editor of 課A cannot touch 課B's datasets or jobs (403), editors
cannot manage users; CKAN-style headers; every staff endpoint documented with examples; no tracebacks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import update

from opendata.store.models import ApiToken, utcnow
from opendata.store.staff import hash_token, issue_token
from tests.api.staff_support import API, StaffEnv, bearer, staff_env
from tests.api.test_errors_and_docs import assert_error
from tests.catalogue_support import BACKENDS
from tests.convert.workbooks import aed_rows, write_print_style


@pytest.fixture(scope="module", params=BACKENDS)
def env(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[StaffEnv]:
    with staff_env(request.param, tmp_path_factory.mktemp(f"auth-{request.param}"),
                   raise_server_exceptions=False) as e:
        # 課A (危機管理課) and 課B (環境政策課) each have a dataset and a finished conversion
        e.create_dataset("sato", "a-data", standard="2021/aed")
        e.create_dataset("suzuki", "b-data", org="kankyo", standard="2021/aed")
        book = write_print_style(e.tmp / "AED.xlsx", aed_rows(2)).read_bytes()
        e.jobs = {"a": e.upload("sato", book, "AED.xlsx", dataset="a-data")["id"],
                  "b": e.upload("suzuki", book, "AED.xlsx", dataset="b-data")["id"]}
        yield e


STAFF_CALLS = [
    ("GET", "/me", None), ("GET", "/users", None), ("POST", "/users", {"name": "x", "role": "admin"}),
    ("GET", "/jobs", None), ("GET", "/jobs/{a}", None), ("GET", "/jobs/{a}/review", None),
    ("GET", "/jobs/{a}/original", None), ("POST", "/jobs/{a}/publish", {}), ("POST", "/jobs/{a}/adjust", {}),
    ("GET", "/datasets", None), ("POST", "/datasets", {"id": "x", "title": "x", "description": "x"}),
    ("GET", "/datasets/a-data", None), ("PATCH", "/datasets/a-data", {"title": "x"}),
    ("POST", "/datasets/a-data/unpublish", None), ("DELETE", "/datasets/a-data", None), ("POST", "/purge", None),
    ("DELETE", "/tokens/1", None),
]


def _call(env: StaffEnv, method: str, path: str, body: Any, headers: dict[str, str] | None = None) -> Any:
    url = API + path.format(**env.jobs)
    return env.client.request(method, url, headers=headers or {}, json=body)


@pytest.mark.parametrize(("method", "path", "body"), STAFF_CALLS)
def test_no_token_is_401(env: StaffEnv, method: str, path: str, body: Any) -> None:
    r = _call(env, method, path, body)
    assert_error(r, 401, "auth-required")
    assert r.headers["www-authenticate"].startswith("Bearer")


def test_uploads_need_a_token_too(env: StaffEnv) -> None:
    r = env.client.post(f"{API}/uploads", files={"file": ("a.csv", b"a,b\n1,2\n")})
    assert_error(r, 401, "auth-required")
    assert env.client.get(f"{API}/jobs").status_code == 401


def test_invalid_revoked_and_expired_tokens_are_401(env: StaffEnv) -> None:
    c = env.client
    assert_error(c.get(f"{API}/me", headers=bearer("odt_" + "x" * 43)), 401, "token-invalid")
    assert_error(c.get(f"{API}/me", headers=bearer("not-a-token")), 401, "token-invalid")
    assert_error(c.get(f"{API}/me", headers={"Authorization": "Basic dXNlcjpwYXNz"}), 401, "token-invalid")

    t, secret = issue_token(env.store, "sato", label="revoke me")
    assert c.get(f"{API}/me", headers=bearer(secret)).json()["token_id"] == t.id
    r = c.delete(f"{API}/tokens/{t.id}", headers=bearer(secret))          # one's own token
    assert r.status_code == 200 and r.json()["state"] == "revoked"
    assert_error(c.get(f"{API}/me", headers=bearer(secret)), 401, "token-revoked")

    t2, secret2 = issue_token(env.store, "sato", expires_days=1)
    assert c.get(f"{API}/me", headers=bearer(secret2)).status_code == 200
    with env.store.session() as s:
        s.execute(update(ApiToken).where(ApiToken.id == t2.id).values(expires_at=utcnow() - dt.timedelta(seconds=1)))
    e = assert_error(c.get(f"{API}/me", headers=bearer(secret2)), 401, "token-expired")
    assert "有効期限" in e["message_ja"]


def test_only_the_hash_is_stored_and_the_token_is_shown_once(env: StaffEnv) -> None:
    c = env.client
    r = c.post(f"{API}/users/sato/tokens", headers=env.h("sato"), json={"expires_days": 30, "label": "マクロ"})
    assert r.status_code == 201 and r.headers["cache-control"] == "no-store"
    new = r.json()
    assert new["token"].startswith("odt_") and new["expires_at"] and new["state"] == "active"
    with env.store.Session() as s:
        row = s.get(ApiToken, new["id"])
        assert row is not None and row.token_hash == hash_token(new["token"]) and new["token"] not in row.token_hash
    listed = c.get(f"{API}/users/sato/tokens", headers=env.h("sato")).json()["results"]
    assert any(t["id"] == new["id"] for t in listed) and all("token" not in t for t in listed)
    assert c.get(f"{API}/me", headers=bearer(new["token"])).json()["name"] == "sato"


def test_ckan_style_headers(env: StaffEnv) -> None:
    c = env.client
    assert c.get(f"{API}/me", headers={"Authorization": env.tokens["sato"]}).json()["name"] == "sato"
    assert c.get(f"{API}/me", headers={"X-CKAN-API-Key": env.tokens["suzuki"]}).json()["name"] == "suzuki"
    assert c.get(f"{API}/me", headers={"Authorization": f"bearer {env.tokens['admin']}"}).json()["role"] == "admin"


def test_editor_of_one_department_cannot_touch_anothers(env: StaffEnv) -> None:
    c = env.client
    a, b = env.jobs["a"], env.jobs["b"]
    h = env.h("sato")                          # 危機管理課
    forbidden = [
        ("GET", "/datasets/b-data", None), ("PATCH", "/datasets/b-data", {"title": "乗っ取り"}),
        ("POST", "/datasets/b-data/unpublish", None), ("POST", "/datasets/b-data/republish", None),
        ("DELETE", "/datasets/b-data", None), ("POST", "/datasets/b-data/restore", None),
        ("GET", "/datasets/b-data/recipe", None),
        ("GET", f"/jobs/{b}", None), ("GET", f"/jobs/{b}/review", None), ("GET", f"/jobs/{b}/original", None),
        ("GET", f"/jobs/{b}/output", None), ("GET", f"/jobs/{b}/changes", None), ("POST", f"/jobs/{b}/adjust", {}),
        ("POST", f"/jobs/{b}/publish", {}), ("POST", f"/jobs/{b}/retry", None),
        ("POST", f"/jobs/{a}/publish", {"dataset": "b-data"}),               # own conversion into B's dataset
        ("POST", "/datasets", {"id": "in-b", "title": "x", "description": "x", "organization": "kankyo"}),
        ("PATCH", "/datasets/a-data", {"organization": "kankyo"}),             # moving a dataset to B
    ]
    for method, path, body in forbidden:
        r = c.request(method, API + path, headers=h, json=body)
        assert_error(r, 403, "forbidden-organization")
    for form in ({"dataset": "b-data"}, {"organization": "kankyo"}):
        r = c.post(f"{API}/uploads", headers=h, files={"file": ("AED.xlsx", b"x")}, data=form)
        assert_error(r, 403, "forbidden-organization")
    # nothing changed on B's side
    b_rec = c.get(f"{API}/datasets/b-data", headers=env.h("suzuki")).json()
    assert b_rec["title"] != "乗っ取り" and b_rec["staff"]["state"] == "draft"
    assert c.get(f"{API}/datasets/in-b", headers=env.h("admin")).status_code == 404
    # lists show only one's own department
    assert {d["id"] for d in c.get(f"{API}/datasets", headers=h).json()["results"]} == {"a-data"}
    assert {j["organization"] for j in c.get(f"{API}/jobs", headers=h).json()["results"]} == {"kikikanri"}
    # and the editor can do all of it on their own department's dataset
    assert c.get(f"{API}/jobs/{a}/review", headers=h).status_code == 200
    assert c.patch(f"{API}/datasets/a-data", headers=h, json={"keywords": ["防災"]}).status_code == 200


def test_admin_may_act_on_every_department(env: StaffEnv) -> None:
    c = env.client
    h = env.h("admin")
    assert c.get(f"{API}/jobs/{env.jobs['b']}/review", headers=h).status_code == 200
    assert {d["id"] for d in c.get(f"{API}/datasets", headers=h).json()["results"]} >= {"a-data", "b-data"}
    assert c.patch(f"{API}/datasets/b-data", headers=h, json={"spatial": "鳥取県鳥取市"}).status_code == 200
    assert [u["name"] for u in c.get(f"{API}/users", headers=h).json()["results"]][:1] == ["admin"]


def test_editors_cannot_manage_users(env: StaffEnv) -> None:
    c = env.client
    h = env.h("sato")
    for method, path, body in [("GET", "/users", None), ("POST", "/users", {"name": "mallory", "role": "admin"}),
                               ("PATCH", "/users/suzuki", {"active": False}), ("PATCH", "/users/sato", {"role": "admin"}),
                               ("GET", "/users/suzuki", None), ("GET", "/users/suzuki/tokens", None),
                               ("POST", "/users/suzuki/tokens", {}), ("POST", "/purge", None)]:
        assert_error(c.request(method, API + path, headers=h, json=body), 403, "admin-required")
    admin_token = c.get(f"{API}/users/admin/tokens", headers=env.h("admin")).json()["results"][0]["id"]
    assert_error(c.delete(f"{API}/tokens/{admin_token}", headers=h), 403, "admin-required")
    assert c.get(f"{API}/me", headers=env.h("admin")).status_code == 200           # still valid
    assert c.get(f"{API}/users/sato", headers=h).json()["organization"] == "kikikanri"   # oneself is fine


def test_admin_manages_users_and_a_disabled_account_is_401(env: StaffEnv) -> None:
    c = env.client
    h = env.h("admin")
    r = c.post(f"{API}/users", headers=h, json={"name": "tanaka", "role": "editor", "organization": "kikikanri"})
    assert r.status_code == 201 and r.json()["role"] == "editor"
    assert_error(c.post(f"{API}/users", headers=h, json={"name": "tanaka", "role": "editor", "organization": "kikikanri"}),
                 409, "user-exists")
    assert_error(c.post(f"{API}/users", headers=h, json={"name": "nobody", "role": "editor"}), 422, "organization-required")
    assert_error(c.post(f"{API}/users", headers=h, json={"name": "x1", "role": "editor", "organization": "nope"}),
                 422, "organization-unknown")
    assert_error(c.post(f"{API}/users", headers=h, json={"name": "x2", "role": "root"}), 422, "invalid-parameter")
    token = c.post(f"{API}/users/tanaka/tokens", headers=h, json={}).json()["token"]
    assert c.get(f"{API}/me", headers=bearer(token)).status_code == 200
    assert c.patch(f"{API}/users/tanaka", headers=h, json={"active": False}).json()["active"] is False
    assert_error(c.get(f"{API}/me", headers=bearer(token)), 401, "user-disabled")
    assert_error(c.patch(f"{API}/users/admin", headers=h, json={"active": False}), 409, "cannot-demote-self")


def test_staff_endpoints_are_documented_with_examples(env: StaffEnv) -> None:
    spec = env.client.get("/openapi.json").json()
    ops = [(p, m, op) for p, item in spec["paths"].items() if p.startswith(API)
           for m, op in item.items() if m in ("get", "post", "patch", "delete", "put")]
    assert len(ops) >= 29
    for path, m, op in ops:
        assert op.get("summary") and op.get("tags", [""])[0].startswith("staff"), (m, path)
        good = [op["responses"][s] for s in ("200", "201", "202") if s in op["responses"]]
        examples = [c.get("example") or c.get("examples") for g in good for c in (g.get("content") or {}).values()]
        assert any(examples), f"no success example for {m.upper()} {path}"
        assert "401" in op["responses"], (m, path)
        assert op.get("security"), f"{m.upper()} {path} does not declare the token"
        if "requestBody" in op and "application/json" in op["requestBody"]["content"]:
            schema = op["requestBody"]["content"]["application/json"]["schema"]
            ref = schema.get("$ref") or next((x.get("$ref") for x in schema.get("anyOf", []) if x.get("$ref")), None)
            if ref:
                comp = spec["components"]["schemas"][ref.rsplit("/", 1)[1]]
                assert comp.get("examples"), f"no body example for {m.upper()} {path}"
    assert "APIToken" in spec["components"]["securitySchemes"]


def test_unexpected_errors_never_show_a_traceback(env: StaffEnv, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*a: Any, **k: Any) -> Any:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr("api.routers.staff_datasets.change_state", boom)
    r = env.client.post(f"{API}/datasets/a-data/unpublish", headers=env.h("sato"))
    assert_error(r, 500, "internal-error")
    assert "secret" not in r.text

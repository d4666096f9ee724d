"""A store with two departments and three accounts, served through TestClient, for the staff API tests.

危機管理課 (``kikikanri``): editor ``sato``; 環境政策課 (``kankyo``): editor ``suzuki``; ``admin``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from api.app import create_app
from opendata.store import Store
from opendata.store.staff import create_user, issue_token
from tests.catalogue_support import add_org, open_store

API = "/api/v1/staff"
WAIT = 60           # seconds a test waits for a job (the maximum `wait`; far more than it takes)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@dataclass
class StaffEnv:
    store: Store
    client: TestClient
    tmp: Path
    tokens: dict[str, str] = field(default_factory=dict)
    jobs: dict[str, str] = field(default_factory=dict)           # named jobs a test module prepared

    def h(self, user: str) -> dict[str, str]:
        return bearer(self.tokens[user])

    def create_dataset(self, user: str, ds_id: str, org: str = "kikikanri", **meta: Any) -> dict[str, Any]:
        body = {"id": ds_id, "title": f"{ds_id}の一覧（サンプル）", "description": "テスト用のサンプルデータです。",
                "organization": org, "sample": True, **meta}
        r = self.client.post(f"{API}/datasets", headers=self.h(user), json=body)
        assert r.status_code == 201, r.text
        return dict(r.json())

    def upload(self, user: str, data: bytes, name: str, *, wait: float = WAIT, expect: int = 202,
               **form: Any) -> dict[str, Any]:
        r = self.client.post(f"{API}/uploads", params={"wait": wait}, headers=self.h(user),
                             files={"file": (name, data)}, data={k: str(v) for k, v in form.items() if v is not None})
        assert r.status_code == expect, r.text
        return dict(r.json())

    def job(self, user: str, job_id: str, wait: float = WAIT) -> dict[str, Any]:
        r = self.client.get(f"{API}/jobs/{job_id}", params={"wait": wait}, headers=self.h(user))
        assert r.status_code == 200, r.text
        return dict(r.json())

    def publish(self, user: str, job_id: str, dataset: str | None = None, note: str | None = None) -> dict[str, Any]:
        body = {k: v for k, v in (("dataset", dataset), ("note", note)) if v is not None}
        r = self.client.post(f"{API}/jobs/{job_id}/publish", params={"wait": WAIT}, headers=self.h(user), json=body)
        assert r.status_code == 202, r.text
        return dict(r.json())


@contextlib.contextmanager
def staff_env(backend: str, tmp: Path, **client_kw: Any) -> Iterator[StaffEnv]:
    with open_store(backend, tmp) as st:
        add_org(st, "kikikanri", "危機管理課")
        add_org(st, "kankyo", "環境政策課")
        create_user(st, "admin", "admin")
        create_user(st, "sato", "editor", "kikikanri", "佐藤")
        create_user(st, "suzuki", "editor", "kankyo", "鈴木")
        tokens = {name: issue_token(st, name)[1] for name in ("admin", "sato", "suzuki")}
        with TestClient(create_app(store_=st), **client_kw) as c:
            yield StaffEnv(st, c, tmp, tokens)

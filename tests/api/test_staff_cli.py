"""`opendata users add/token/revoke/list` bootstrap the staff API; migration 0003 goes up and down on both
databases; the job runner claims each job once."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import inspect
from typer.testing import CliRunner

from api.app import create_app
from opendata.cli import app
from opendata.jobs import JobRunner, safe_name
from opendata.store import Settings, Store
from opendata.store.migrate import alembic_config, current_revision, upgrade
from tests.api.staff_support import API, bearer
from tests.catalogue_support import BACKENDS, add_org, open_store


def test_users_cli_bootstraps_the_staff_api(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENDATA_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("OPENDATA_DATABASE_URL", raising=False)
    st = Store(Settings.from_env())
    st.migrate()
    add_org(st)
    run = CliRunner()

    r = run.invoke(app, ["users", "add", "kanri", "--role", "admin"])
    assert r.exit_code == 0, r.output
    r = run.invoke(app, ["users", "add", "sato", "--org", "kikikanri", "--role", "editor"])
    assert r.exit_code == 0 and "sato" in r.output
    r = run.invoke(app, ["users", "add", "sato", "--org", "kikikanri"])
    assert r.exit_code == 2 and "すでに" in r.output
    r = run.invoke(app, ["users", "add", "x", "--role", "editor"])
    assert r.exit_code == 2 and "organization" in r.output
    r = run.invoke(app, ["users", "add", "y", "--org", "nope"])
    assert r.exit_code == 2 and "nope" in r.output

    r = run.invoke(app, ["users", "token", "sato", "--expires-days", "30"])
    assert r.exit_code == 0, r.output
    token = r.output.strip().splitlines()[-1]
    assert token.startswith("odt_") and "一度だけ" in r.output
    with TestClient(create_app(store_=st)) as c:
        me = c.get(f"{API}/me", headers=bearer(token)).json()
        assert me["name"] == "sato" and me["role"] == "editor" and me["organization"] == "kikikanri"
        r = run.invoke(app, ["users", "list", "--json"])
        users = {u["name"]: u for u in json.loads(r.output)}
        assert users["sato"]["tokens"][0]["state"] == "active" and users["kanri"]["role"] == "admin"
        assert token not in r.output
        r = run.invoke(app, ["users", "revoke", str(me["token_id"])])
        assert r.exit_code == 0 and "取り消し" in r.output
        assert c.get(f"{API}/me", headers=bearer(token)).json()["error"]["code"] == "token-revoked"
    assert run.invoke(app, ["users", "revoke", "999"]).exit_code == 2
    assert "revoked" in run.invoke(app, ["users", "list"]).output
    st.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_migration_0003_down_and_up(backend: str, tmp_path: Path) -> None:
    with open_store(backend, tmp_path) as st:
        assert current_revision(st.engine) == "0003"
        cfg = alembic_config()
        with st.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0002")
        tables = set(inspect(st.engine).get_table_names())
        assert not {"users", "api_tokens", "jobs"} & tables
        assert "deleted_at" not in {c["name"] for c in inspect(st.engine).get_columns("datasets")}
        upgrade(st.engine)
        assert current_revision(st.engine) == "0003"
        assert {"users", "api_tokens", "jobs"} <= set(inspect(st.engine).get_table_names())


def test_a_queued_job_is_claimed_once(tmp_path: Path) -> None:
    """Several runners (processes sharing the database) race for the same jobs: each runs once."""
    from opendata.jobs import create_convert_job
    from opendata.store.models import Job

    with open_store("sqlite", tmp_path) as st:
        add_org(st)
        blob = st.files.put_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)     # fails fast: an image
        ids = [create_convert_job(st, blob, f"p{i}.png", organization="kikikanri", user=None).id for i in range(6)]
        runners = [JobRunner(st, workers=2, poll_interval=0.05) for _ in range(3)]
        claimed: list[str] = []
        lock = threading.Lock()
        for r in runners:
            orig = r._claim

            def claim(job_id: str, _orig=orig) -> bool:  # type: ignore[no-untyped-def]
                ok = _orig(job_id)
                if ok:
                    with lock:
                        claimed.append(job_id)
                return ok

            r._claim = claim  # type: ignore[method-assign]
        for r in runners:
            r.start()
        try:
            for job_id in ids:
                job = runners[0].wait(job_id, 60)
                assert job is not None and job.state == "failed" and job.attempts == 1
        finally:
            for r in runners:
                r.stop()
        assert sorted(claimed) == sorted(ids)
        with st.Session() as s:
            assert {j.error_code for j in s.query(Job)} == {"image"}


def test_safe_names() -> None:
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\課\\AED一覧.xlsx") == "AED一覧.xlsx"
    assert safe_name("a\x00b\nc.csv") == "abc.csv"
    assert safe_name("") == "upload" and safe_name("..") == "upload"
    assert len(safe_name("あ" * 300 + ".xlsx")) <= 200 and safe_name("あ" * 300 + ".xlsx").endswith(".xlsx")

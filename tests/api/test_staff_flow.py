"""The staff flow over HTTP, on SQLite and on a real PostgreSQL: upload → review → adjust → publish → download,
republishing (the old version stays downloadable), failed conversions (the original is kept), the dataset's
life cycle (unpublish, delete, restore, purge after the retention period), metadata edits, interrupted jobs."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from opendata.jobs import JobRunner
from opendata.store import rows as rowsmod
from opendata.store.models import Dataset, Job, utcnow
from tests.api.staff_support import API, WAIT, StaffEnv, staff_env
from tests.catalogue_support import BACKENDS
from tests.conftest import corpus_file
from tests.convert.workbooks import aed_rows, write_print_style


@pytest.fixture(scope="module", params=BACKENDS)
def env(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[StaffEnv]:
    with staff_env(request.param, tmp_path_factory.mktemp(f"staff-{request.param}")) as e:
        yield e


def workbook(env: StaffEnv, n: int, name: str = "AED一覧（R6.4.1現在）.xlsx") -> bytes:
    return write_print_style(env.tmp / name, aed_rows(n)).read_bytes()


def rows_of(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_workbook_upload_review_publish_download(env: StaffEnv) -> None:
    c = env.client
    env.create_dataset("sato", "aed-flow")
    data = workbook(env, 5)
    job = env.upload("sato", data, "AED一覧（R6.4.1現在）.xlsx", dataset="aed-flow")
    assert job["state"] == "done", job
    assert job["result"]["standard"] == "2021/aed" and job["result"]["rows"] == 5
    assert job["progress"]["rows"] == 5 and job["attempts"] == 1 and job["created_by"] == "sato"

    rv = c.get(f"{API}/jobs/{job['id']}/review", headers=env.h("sato"), params={"changes_limit": 3}).json()
    det = rv["dataset"]              # the dataset has no standard yet: detected, with its confidence and reasons
    assert det["id"] == "2021/aed" and det["method"] == "detected" and 0.45 <= det["confidence"] < 1 and det["reasons"]
    by_target = {m["target"]: m for m in rv["mapping"]}
    assert by_target["名称"]["source"] == "施設名称" and 0 < by_target["名称"]["score"] <= 1 and by_target["名称"]["method"]
    unmapped = {u["header"]: u for u in rv["unmapped"]}
    assert unmapped["設置台数"]["samples"] and unmapped["設置台数"]["nonempty"] == 5
    assert rv["changes"]["total"] > 3 and len(rv["changes"]["items"]) == 3 and rv["changes"]["next_offset"] == 3
    assert {"row", "field", "before", "after", "step", "note_ja", "note_en"} <= set(rv["changes"]["items"][0])
    assert rv["validation"]["valid"] is True and rv["validation"]["groups"] == []
    assert rv["recipe"]["dataset"] == "2021/aed" and "mapping" in rv["recipe_yaml"]
    assert rv["read"]["sheet"] == "AED一覧" and rv["accounting"]["balanced"] == 1

    # changed cells, paged and filtered
    page = c.get(f"{API}/jobs/{job['id']}/changes", headers=env.h("sato"), params={"offset": 1, "limit": 2}).json()
    assert page["total"] == rv["changes"]["total"] and len(page["items"]) == 2
    assert page["items"][0] == c.get(f"{API}/jobs/{job['id']}/changes", headers=env.h("sato")).json()["items"][1]
    ditto = c.get(f"{API}/jobs/{job['id']}/changes", headers=env.h("sato"), params={"step": "ditto"}).json()
    assert ditto["total"] == rv["changes"]["counts"]["ditto"] and all(i["step"] == "ditto" for i in ditto["items"])

    output = c.get(f"{API}/jobs/{job['id']}/output", headers=env.h("sato"))
    assert output.status_code == 200 and output.headers["cache-control"].startswith("private")
    pub = env.publish("sato", job["id"], note="初版")
    assert pub["state"] == "done" and pub["kind"] == "publish", pub
    assert pub["result"]["dataset"] == "aed-flow" and pub["result"]["version"] == 1

    # the public API serves it: CSV equal to the reviewed output, the original as uploaded
    csv_ = c.get("/api/v1/datasets/aed-flow/download/csv")
    assert csv_.status_code == 200 and csv_.content == output.content
    got = rows_of(csv_.content)
    assert len(got) == 5 and got[0]["名称"] == "鳥取市施設1号館" and got[0]["住所"] == "鳥取県鳥取市富安二丁目104-2"
    assert c.get("/api/v1/datasets/aed-flow/download/original").content == data
    meta = c.get("/api/v1/datasets/aed-flow").json()
    assert meta["version"]["number"] == 1 and meta["standard"]["id"] == "2021/aed"
    assert c.get("/api/v1/datasets", params={"q": "aed-flow"}).json()["count"] == 1
    after = c.get(f"{API}/jobs/{job['id']}", headers=env.h("sato")).json()
    assert after["result"]["published"]["version"] == 1
    assert c.post(f"{API}/jobs/{job['id']}/publish", headers=env.h("sato"), json={}).json()["error"]["code"] == "already-published"
    recipe = c.get(f"{API}/datasets/aed-flow/recipe", headers=env.h("sato")).json()
    assert recipe["source"] == "dataset" and "2021/aed" in recipe["recipe_yaml"]


def test_republish_keeps_the_old_version_and_converts_with_the_saved_recipe(env: StaffEnv) -> None:
    c = env.client
    env.create_dataset("sato", "aed-monthly", standard="2021/aed")
    first = env.upload("sato", workbook(env, 4, "4月.xlsx"), "AED一覧（4月）.xlsx", dataset="aed-monthly")
    env.publish("sato", first["id"])
    v1 = c.get("/api/v1/datasets/aed-monthly/versions/1/download/csv").content

    second = env.upload("sato", workbook(env, 7, "5月.xlsx"), "AED一覧（5月）.xlsx", dataset="aed-monthly")
    rv = c.get(f"{API}/jobs/{second['id']}/review", headers=env.h("sato")).json()
    assert rv["recipe_from"] == "dataset" and rv["dataset"]["method"] == "recipe"
    assert {m["method"] for m in rv["mapping"] if m["source"]} == {"recipe"}       # unattended: the saved recipe
    assert env.publish("sato", second["id"], note="5月分")["result"]["version"] == 2

    assert len(rows_of(c.get("/api/v1/datasets/aed-monthly/download/csv").content)) == 7
    old = c.get("/api/v1/datasets/aed-monthly/versions/1/download/csv")
    assert old.status_code == 200 and old.content == v1 and len(rows_of(v1)) == 4
    versions = c.get("/api/v1/datasets/aed-monthly/versions").json()
    assert versions["current"] == 2 and [v["note"] for v in versions["results"]] == ["5月分", None]
    assert c.get("/api/v1/datasets/aed-monthly/versions/1/download/original").status_code == 200


def test_adjust_mapping_constants_and_remarks_then_the_recipe_is_reused(env: StaffEnv) -> None:
    c = env.client
    env.create_dataset("sato", "aed-adjust", standard="2021/aed")
    job = env.upload("sato", workbook(env, 3, "adj.xlsx"), "AED.xlsx", dataset="aed-adjust")
    body = {"constants": {"電話番号": "0857-30-8031"}, "mapping": {"名称_カナ": None}, "extra_to_remarks": True}
    r = c.post(f"{API}/jobs/{job['id']}/adjust", params={"wait": WAIT}, headers=env.h("sato"), json=body)
    assert r.status_code == 202, r.text
    adj = r.json()
    assert adj["parent"] == job["id"] and adj["state"] == "done", adj
    out = rows_of(c.get(f"{API}/jobs/{adj['id']}/output", headers=env.h("sato")).content)
    assert {row["電話番号"] for row in out} == {"0857-30-8031"} and {row["名称_カナ"] for row in out} == {""}
    assert "設置台数: " in out[0]["備考"]                                           # unmapped columns → 備考
    rv = c.get(f"{API}/jobs/{adj['id']}/review", headers=env.h("sato")).json()
    assert rv["adjusted_from"] == job["id"]
    assert {m["target"]: m for m in rv["mapping"]}["電話番号"]["constant"] == "0857-30-8031"

    # invalid adjustments: every problem named, in both languages
    bad = c.post(f"{API}/jobs/{job['id']}/adjust", headers=env.h("sato"),
                 json={"mapping": {"存在しない項目": "施設名称", "名称": "ない列"}, "disabled_steps": ["nope"]})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "adjustment-invalid"
    assert {p["field"] for p in bad.json()["error"]["details"]} == {"存在しない項目", "名称", "disabled_steps"}

    env.publish("sato", adj["id"])
    saved = c.get(f"{API}/datasets/aed-adjust/recipe", headers=env.h("sato")).json()["recipe_yaml"]
    assert "0857-30-8031" in saved
    nxt = env.upload("sato", workbook(env, 2, "next.xlsx"), "AED（翌月）.xlsx", dataset="aed-adjust")
    again = rows_of(c.get(f"{API}/jobs/{nxt['id']}/output", headers=env.h("sato")).content)
    assert {row["電話番号"] for row in again} == {"0857-30-8031"} and "設置台数: " in again[0]["備考"]


def test_a_failed_conversion_keeps_the_original(env: StaffEnv) -> None:
    c = env.client
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    job = env.upload("sato", data, "写真.png")
    assert job["state"] == "failed" and job["organization"] == "kikikanri", job
    err = job["error"]
    assert err["code"] == "image" and "画像" in err["message_ja"] and "image" in err["message_en"]
    assert job["retryable"] is False and "retry" not in job["links"]
    orig = c.get(f"{API}/jobs/{job['id']}/original", headers=env.h("sato"))
    assert orig.status_code == 200 and orig.content == data
    assert "%E5%86%99%E7%9C%9F.png" in orig.headers["content-disposition"]
    r = c.get(f"{API}/jobs/{job['id']}/review", headers=env.h("sato"))
    assert r.status_code == 409 and r.json()["error"]["code"] == "job-failed"
    assert "画像" in r.json()["error"]["message_ja"]

    # a file whose dataset cannot be told: the hint says what the API takes
    memo = env.upload("sato", "メモ,です\n1,2\n".encode(), "memo.csv")
    assert memo["error"]["code"] == "dataset-unknown" and "standard" in memo["error"]["details"]["hint_ja"]
    assert c.get(f"{API}/jobs/{memo['id']}/original", headers=env.h("sato")).content == "メモ,です\n1,2\n".encode()


def test_a_failed_publish_keeps_the_old_version_served(env: StaffEnv, monkeypatch: pytest.MonkeyPatch) -> None:
    c = env.client
    env.create_dataset("sato", "aed-atomic", standard="2021/aed")
    env.publish("sato", env.upload("sato", workbook(env, 3, "a1.xlsx"), "AED.xlsx", dataset="aed-atomic")["id"])
    before = c.get("/api/v1/datasets/aed-atomic/download/csv").content
    job = env.upload("sato", workbook(env, 6, "a2.xlsx"), "AED.xlsx", dataset="aed-atomic")

    def disk_full(self: Any, values: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(rowsmod.RowLoader, "add", disk_full)
    failed = env.publish("sato", job["id"])
    assert failed["state"] == "failed" and failed["error"]["code"] == "internal-error" and failed["retryable"] is True
    assert "disk full" not in str(failed["error"])             # no internals in the message
    assert c.get("/api/v1/datasets/aed-atomic").json()["version"]["number"] == 1
    assert c.get("/api/v1/datasets/aed-atomic/download/csv").content == before
    monkeypatch.undo()
    r = c.post(f"{API}/jobs/{failed['id']}/retry", params={"wait": WAIT}, headers=env.h("sato"))
    assert r.status_code == 202 and r.json()["state"] == "done" and r.json()["result"]["version"] == 2, r.text
    assert len(rows_of(c.get("/api/v1/datasets/aed-atomic/download/csv").content)) == 6


def test_corpus_file_round_trip(env: StaffEnv) -> None:
    src = corpus_file("aed/yaizu_aed.csv")
    c = env.client
    env.create_dataset("admin", "yaizu-aed", org="kankyo", standard="2021/aed", publisher_code="222127")
    data = src.read_bytes()
    job = env.upload("suzuki", data, src.name, dataset="yaizu-aed")
    assert job["state"] == "done" and job["result"]["rows"] == 82, job
    rv = c.get(f"{API}/jobs/{job['id']}/review", headers=env.h("suzuki")).json()
    assert rv["rows"] == {"in": 82, "out": 82} and rv["publisher_code"] == "222127"
    env.publish("suzuki", job["id"])
    got = rows_of(c.get("/api/v1/datasets/yaizu-aed/download/csv").content)
    assert len(got) == 82 and got[0]["都道府県コード又は市区町村コード"] == "222127"
    assert c.get("/api/v1/datasets/yaizu-aed/download/original").content == data
    assert c.get("/api/v1/datasets/yaizu-aed/rows", params={"_size": 5}).json()["total_rows"] == 82


def test_unpublish_republish_delete_restore_and_purge(env: StaffEnv) -> None:
    c = env.client
    env.create_dataset("sato", "aed-life", standard="2021/aed", keywords=["ライフサイクル"])
    env.publish("sato", env.upload("sato", workbook(env, 2, "l.xlsx"), "AED.xlsx", dataset="aed-life")["id"])

    def public() -> int:
        return int(c.get("/api/v1/datasets/aed-life").status_code)

    def facet() -> int:
        tags = c.get("/api/v1/datasets", params={"tag": "ライフサイクル"}).json()
        return int(tags["count"])

    assert public() == 200 and facet() == 1
    r = c.post(f"{API}/datasets/aed-life/unpublish", headers=env.h("sato"))
    assert r.status_code == 200 and r.json()["staff"]["state"] == "unpublished"
    assert public() == 404 and facet() == 0
    assert c.get("/api/v1/datasets/aed-life/versions/1/download/csv").status_code == 404
    assert c.post(f"{API}/datasets/aed-life/unpublish", headers=env.h("sato")).json()["error"]["code"] == "invalid-state"
    assert c.post(f"{API}/datasets/aed-life/republish", headers=env.h("sato")).json()["staff"]["state"] == "published"
    assert public() == 200 and facet() == 1

    d = c.delete(f"{API}/datasets/aed-life", headers=env.h("sato")).json()["staff"]
    assert d["state"] == "deleted" and d["purge_after"] > d["deleted_at"]
    assert public() == 404 and facet() == 0
    assert c.get(f"{API}/datasets", headers=env.h("sato"), params={"state": "deleted"}).json()["results"][0]["id"] == "aed-life"
    assert c.post(f"{API}/datasets/aed-life/restore", headers=env.h("sato")).json()["staff"]["state"] == "published"
    assert public() == 200 and facet() == 1

    # purge removes only what is past the retention period (OPENDATA_DELETE_RETENTION_DAYS, default 30)
    env.create_dataset("sato", "old-draft")
    job = env.upload("sato", workbook(env, 2, "o.xlsx"), "AED.xlsx", dataset="old-draft")
    env.publish("sato", job["id"])
    for ds_id in ("aed-life", "old-draft"):
        c.delete(f"{API}/datasets/{ds_id}", headers=env.h("sato"))
    with env.store.session() as s:
        s.execute(update(Dataset).where(Dataset.id == "old-draft").values(deleted_at=utcnow() - dt.timedelta(days=31)))
    assert c.post(f"{API}/purge", headers=env.h("sato")).status_code == 403
    dry = c.post(f"{API}/purge", headers=env.h("admin"), params={"dry_run": True}).json()
    assert dry == {"retention_days": 30, "dry_run": True, "purged": ["old-draft"]}
    assert c.post(f"{API}/purge", headers=env.h("admin")).json()["purged"] == ["old-draft"]
    assert c.get(f"{API}/datasets/old-draft", headers=env.h("admin")).status_code == 404
    assert c.get(f"{API}/datasets/aed-life", headers=env.h("admin")).json()["staff"]["state"] == "deleted"
    # the upload is kept forever: its job still serves it
    gone = c.get(f"{API}/jobs/{job['id']}", headers=env.h("sato")).json()
    assert gone["dataset"] is None and c.get(gone["input"]["url"], headers=env.h("sato")).status_code == 200
    assert c.post(f"{API}/datasets/aed-life/restore", headers=env.h("sato")).status_code == 200


def test_metadata_edit_is_validated(env: StaffEnv) -> None:
    c = env.client
    env.create_dataset("sato", "meta-edit")
    bad = c.patch(f"{API}/datasets/meta-edit", headers=env.h("sato"),
                  json={"license": "MIT", "issued": "令和7年4月1日", "temporal": {"start": "2025-13-01"}})
    assert bad.status_code == 422
    err = bad.json()["error"]
    assert err["code"] == "metadata-invalid" and {p["field"] for p in err["details"]} == {"license", "issued", "temporal.start"}
    assert "ライセンス" in err["message_ja"] and "licence" in err["message_en"]
    unknown_org = c.patch(f"{API}/datasets/meta-edit", headers=env.h("admin"), json={"organization": "nope"})
    assert unknown_org.status_code == 422 and unknown_org.json()["error"]["details"][0]["field"] == "organization"
    typo = c.patch(f"{API}/datasets/meta-edit", headers=env.h("sato"), json={"titel": "x"})
    assert typo.status_code == 422 and typo.json()["error"]["code"] == "invalid-parameter"

    ok = c.patch(f"{API}/datasets/meta-edit", headers=env.h("sato"),
                 json={"title": "編集後のタイトル", "license": "PDL-1.0", "keywords": ["編集", "テスト"],
                       "issued": "2025-04-01", "accrual_periodicity": "monthly",
                       "contact": {"email": "kikikanri@city.tottori.lg.jp"}})
    assert ok.status_code == 200, ok.text
    rec = ok.json()
    assert rec["title"] == "編集後のタイトル" and rec["license"]["id"] == "PDL-1.0" and rec["keywords"] == ["編集", "テスト"]
    assert rec["issued"] == "2025-04-01" and rec["staff"]["state"] == "draft"
    dup = c.post(f"{API}/datasets", headers=env.h("sato"), json={"id": "meta-edit", "title": "x", "description": "y"})
    assert dup.status_code == 409 and dup.json()["error"]["code"] == "dataset-exists"


def test_interrupted_jobs_fail_retryably_after_a_restart(env: StaffEnv) -> None:
    c = env.client
    job = env.upload("sato", workbook(env, 2, "r.xlsx"), "AED.xlsx", standard="2021/aed", wait=0)
    env.job("sato", job["id"])
    # as a process that died mid-conversion leaves it: running, owned by a dead worker on this host
    runner = JobRunner(env.store)
    dead = f"{runner.worker_id.rsplit(':', 2)[0]}:999999999:abcd"
    with env.store.session() as s:
        s.execute(update(Job).where(Job.id == job["id"]).values(state="running", worker=dead, heartbeat_at=utcnow()))
    assert runner.recover() == [job["id"]]
    failed = c.get(f"{API}/jobs/{job['id']}", headers=env.h("sato")).json()
    assert failed["state"] == "failed" and failed["retryable"] and failed["error"]["code"] == "interrupted"
    assert failed["error"]["message_ja"] and "retry" in failed["links"]
    again = c.post(f"{API}/jobs/{job['id']}/retry", params={"wait": WAIT}, headers=env.h("sato")).json()
    assert again["state"] == "done" and again["attempts"] == 2
    assert c.post(f"{API}/jobs/{job['id']}/retry", headers=env.h("sato")).json()["error"]["code"] == "job-not-retryable"


def test_job_list_and_progress_fields(env: StaffEnv) -> None:
    c = env.client
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 64
    for i in range(3):                          # tests of this module may run in other processes (xdist)
        env.upload("sato", png, f"p{i}.png")
    mine = c.get(f"{API}/jobs", headers=env.h("sato"), params={"limit": 2}).json()
    assert len(mine["results"]) == 2 and mine["next"]
    more = c.get(f"{API}/jobs", headers=env.h("sato"), params={"limit": 2, "before": mine["next"]}).json()
    assert not {j["id"] for j in more["results"]} & {j["id"] for j in mine["results"]}
    assert all(j["organization"] == "kikikanri" for j in mine["results"] + more["results"])
    failed = c.get(f"{API}/jobs", headers=env.h("sato"), params={"state": "failed", "kind": "convert"}).json()["results"]
    assert failed and all(j["state"] == "failed" and j["error"]["message_en"] for j in failed)


def test_upload_validation_errors(env: StaffEnv) -> None:
    c = env.client
    for form, code in (({"standard": "nope"}, "standard-unknown"), ({"code": "312010"}, "publisher-code-invalid"),
                       ({"dataset": "no-such"}, "dataset-not-found")):
        r = c.post(f"{API}/uploads", headers=env.h("sato"), files={"file": ("a.csv", b"a,b\n1,2\n")}, data=form)
        assert r.json()["error"]["code"] == code, r.text
    r = c.post(f"{API}/uploads", headers=env.h("admin"), files={"file": ("a.csv", b"a,b\n1,2\n")})
    assert r.status_code == 422 and r.json()["error"]["code"] == "organization-required"
    r = c.post(f"{API}/uploads", headers=env.h("sato"), files={"file": ("empty.csv", b"")})
    assert r.status_code == 422 and r.json()["error"]["code"] == "upload-empty"
    r = c.post(f"{API}/uploads", headers=env.h("sato"))
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid-parameter"


def test_upload_size_limit(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app
    from opendata.store import Settings, Store
    from opendata.store.staff import create_user, issue_token
    from tests.catalogue_support import add_org

    st = Store(Settings(database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}", data_dir=tmp_path, upload_max_bytes=1 << 20))
    st.migrate()
    add_org(st)
    create_user(st, "sato", "editor", "kikikanri")
    token = issue_token(st, "sato")[1]
    with TestClient(create_app(store_=st)) as c:
        r = c.post(f"{API}/uploads", headers={"Authorization": f"Bearer {token}"},
                   files={"file": ("big.csv", b"x" * (3 << 20))})
        assert r.status_code == 413 and r.json()["error"]["code"] == "upload-too-large"
    st.close()


def test_progress_can_be_polled(env: StaffEnv) -> None:
    """A CP932 CSV of 3,000 rows: the job is polled until done; its row count only grows."""
    import time

    lines = ["NO,名称,住所,電話番号"] + [f"{i},鳥取市施設{i}号館,鳥取市尚徳町{i},0857-22-8111" for i in range(1, 3001)]
    data = ("\r\n".join(lines) + "\r\n").encode("cp932")
    job = env.upload("sato", data, "AED設置箇所一覧.csv", standard="2021/aed", wait=0)
    seen = [job["progress"]["rows"]]
    deadline = time.monotonic() + WAIT
    while job["state"] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.05)
        job = env.client.get(f"{API}/jobs/{job['id']}", headers=env.h("sato")).json()
        seen.append(job["progress"]["rows"])
    assert job["state"] == "done", job
    assert seen == sorted(seen) and seen[-1] == 3000 and job["result"]["rows"] == 3000


def test_adjustments_accumulate(env: StaffEnv) -> None:
    """An adjustment of an adjustment keeps the first one's choices (they are in its recipe)."""
    c = env.client
    job = env.upload("sato", workbook(env, 2, "acc.xlsx"), "AED.xlsx", standard="2021/aed")

    def adjust(job_id: str, body: dict[str, Any]) -> dict[str, Any]:
        r = c.post(f"{API}/jobs/{job_id}/adjust", params={"wait": WAIT}, headers=env.h("sato"), json=body)
        assert r.status_code == 202 and r.json()["state"] == "done", r.text
        return dict(r.json())

    first = adjust(job["id"], {"extra_to_remarks": True, "ignore": ["設置日"]})
    second = adjust(first["id"], {"constants": {"電話番号": "0857-30-8031"}})
    out = rows_of(c.get(f"{API}/jobs/{second['id']}/output", headers=env.h("sato")).content)
    assert out[0]["電話番号"] == "0857-30-8031"
    assert "設置台数: " in out[0]["備考"] and "設置日" not in out[0]["備考"]
    recipe = c.get(f"{API}/jobs/{second['id']}/review", headers=env.h("sato")).json()["recipe"]
    assert recipe["ignore"] == ["設置日"] and recipe["options"]["extra_to_remarks"] is True


def test_turning_remarks_on_keeps_the_columns_chosen_to_be_ignored() -> None:
    """An ignore list holds only explicit choices: switching 備考 on later must not drop them."""
    from converters.recipe import Recipe
    from opendata.jobs import apply_adjustments

    r = Recipe.from_dict({"dataset": "2021/aed", "ignore": ["管轄入り交付番号"]})
    a = apply_adjustments(r, {"extra_to_remarks": True})
    assert a.ignore == ["管轄入り交付番号"] and a.options["extra_to_remarks"] is True
    b = apply_adjustments(a, {"ignore": []})
    assert b.ignore == [] and b.options["extra_to_remarks"] is True

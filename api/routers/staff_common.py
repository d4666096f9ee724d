"""Shared pieces of the staff routers: JSON records, OpenAPI examples, error documentation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import Request
from sqlalchemy.orm import Session

from opendata.jobs import JobRunner
from opendata.store import Dataset, Store, Version
from opendata.store.models import ApiToken, Job, User
from opendata.store.staff import token_state

from ..deps import links, store
from ..errors import ErrorResponse, body

API = "/api/v1/staff"
EX_BASE = "http://127.0.0.1:8000" + API
JOB_ID = "3f1c2a9be0d44b6c8f5e7a1d2c3b4a59"


def base_url(request: Request) -> str:
    return links(request).base + API


def iso(x: dt.datetime | dt.date | None) -> str | None:
    return x.isoformat() if x else None


def runner(request: Request) -> JobRunner:
    """The application's job runner (started with the application; started here if it was not)."""
    r: JobRunner | None = getattr(request.app.state, "jobs", None)
    if r is None:
        r = JobRunner(store(request))
        request.app.state.jobs = r
    if not r.started:
        r.start()
    return r


# --- records ---------------------------------------------------------------------------------------------
def user_record(u: User, tokens_active: int | None = None) -> dict[str, Any]:
    d: dict[str, Any] = {"name": u.name, "display_name": u.display_name, "role": u.role,
                         "organization": u.organization_id, "active": u.active, "created_at": iso(u.created_at)}
    if tokens_active is not None:
        d["tokens_active"] = tokens_active
    return d


def token_record(t: ApiToken, user_name: str | None = None) -> dict[str, Any]:
    return {"id": t.id, "user": user_name or t.user.name, "prefix": t.prefix, "label": t.label,
            "state": token_state(t), "created_at": iso(t.created_at), "expires_at": iso(t.expires_at),
            "revoked_at": iso(t.revoked_at), "last_used_at": iso(t.last_used_at)}


def job_record(request: Request, job: Job, s: Session | None = None) -> dict[str, Any]:
    b = f"{base_url(request)}/jobs/{job.id}"
    lk = links(request)
    d: dict[str, Any] = {
        "id": job.id, "kind": job.kind, "state": job.state, "retryable": job.retryable, "attempts": job.attempts,
        "phase": job.phase, "progress": {"rows": job.progress_rows},
        "organization": job.organization_id, "dataset": job.dataset_id, "created_by": job.created_by,
        "created_at": iso(job.created_at), "started_at": iso(job.started_at), "finished_at": iso(job.finished_at),
        "parent": job.parent_id,
        "input": {"name": job.input_name, "size": job.input_size, "sha256": job.input_sha256,
                  "url": f"{b}/original" if job.input_sha256 else None},
        "error": None, "result": None,
    }
    if job.state == "failed":
        d["error"] = {"code": job.error_code, "message_ja": job.error_ja, "message_en": job.error_en,
                      "details": job.error_details}
    version: Version | None = None
    if job.version_id and s is not None:
        version = s.get(Version, job.version_id)
    if job.kind == "convert" and job.state == "done":
        d["result"] = {"standard": job.schema_id, "status": job.status, "rows": job.rows_out,
                       "output": {"name": job.output_name, "sha256": job.output_sha256, "url": f"{b}/output"},
                       "published": ({"dataset": version.dataset_id, "version": version.number,
                                      "url": lk.version(version.dataset_id, version.number)} if version else None)}
    elif job.kind == "publish" and job.state == "done" and version is not None:
        d["result"] = {"dataset": version.dataset_id, "version": version.number, "rows": version.row_count,
                       "status": version.status, "url": lk.version(version.dataset_id, version.number)}
    links_: dict[str, str] = {"self": b}
    if job.input_sha256:
        links_["original"] = f"{b}/original"
    if job.kind == "convert" and job.state == "done":
        links_.update(review=f"{b}/review", output=f"{b}/output", changes=f"{b}/changes", issues=f"{b}/issues",
                      adjust=f"{b}/adjust", publish=f"{b}/publish")
    if job.state == "failed" and job.retryable:
        links_["retry"] = f"{b}/retry"
    d["links"] = links_
    return d


def staff_dataset_record(request: Request, ds: Dataset, st: Store) -> dict[str, Any]:
    from opendata.metadata.record import dataset_record

    rec = dataset_record(ds, links(request))
    purge_after = (ds.deleted_at + dt.timedelta(days=st.settings.delete_retention_days)) if ds.deleted_at else None
    rec["staff"] = {"state": ds.state, "origin": ds.origin, "deleted_at": iso(ds.deleted_at),
                    "purge_after": iso(purge_after), "has_recipe": bool(ds.recipe_yaml),
                    "recipe_updated_at": iso(ds.recipe_updated_at), "updated_at": iso(ds.updated_at),
                    "links": {"self": f"{base_url(request)}/datasets/{ds.id}",
                              "recipe": f"{base_url(request)}/datasets/{ds.id}/recipe"}}
    if ds.origin == "catalogue":
        rec["staff"]["note"] = {
            "ja": "このデータセットは datasets/ フォルダから取り込まれています。メタデータの変更は次の opendata build で"
                  "dataset.yaml の内容に戻ります。",
            "en": "This dataset is built from the datasets/ folder: metadata edits are replaced by dataset.yaml at the "
                  "next opendata build."}
    return rec


# --- OpenAPI ---------------------------------------------------------------------------------------------
ERROR_EXAMPLES: dict[int, tuple[str, dict[str, Any]]] = {
    401: ("ログインが必要・トークンが無効 / no token, or an invalid, revoked or expired token",
          body("auth-required", "この操作にはログイン（APIトークン）が必要です。Authorization: Bearer <トークン> を付けてください。",
               "authentication required: send Authorization: Bearer <token>")),
    403: ("権限がない / not allowed (another organization, or admin only)",
          body("forbidden-organization", "このデータセットは他の課（kankyo）のものです。自分の課（kikikanri）のものだけ操作できます。",
               "this dataset belongs to another organization (kankyo); editors act only on their own (kikikanri)",
               {"organization": "kankyo", "your_organization": "kikikanri"})),
    404: ("見つからない / not found",
          body("job-not-found", f"ジョブ「{JOB_ID}」は見つかりません。", f"job '{JOB_ID}' not found")),
    409: ("今の状態ではできない / not possible in the current state",
          body("job-not-done", "変換がまだ終わっていません（状態: running）。", "the conversion is not finished (state: running)",
               {"state": "running"})),
    413: ("ファイルが大きすぎる / upload too large",
          body("upload-too-large", "ファイルが大きすぎます（上限 200 MB）。", "the file is too large (limit 200 MB)")),
    422: ("入力の誤り / invalid input",
          body("metadata-invalid", "license の値「CC-BY」は使えません。CC-BY-4.0, PDL-1.0, GSTOU-2.0, CC0-1.0 のいずれかです。",
               "unknown licence 'CC-BY'; use one of CC-BY-4.0, PDL-1.0, GSTOU-2.0, CC0-1.0",
               [{"field": "license", "message_ja": "…", "message_en": "…"}])),
}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {s: {"model": ErrorResponse, "description": ERROR_EXAMPLES[s][0],
                "content": {"application/json": {"example": ERROR_EXAMPLES[s][1]}}} for s in statuses}


def ok(example: Any, status: int = 200, description: str = "OK") -> dict[int | str, dict[str, Any]]:
    return {status: {"description": description, "content": {"application/json": {"example": example}}}}


EX_USER = {"name": "tanaka", "display_name": "田中 花子", "role": "editor", "organization": "kikikanri",
           "active": True, "created_at": "2026-11-29T01:02:03+00:00", "tokens_active": 1}
EX_TOKEN = {"id": 7, "user": "tanaka", "prefix": "odt_Xy3k9Q", "label": "Excel マクロ用", "state": "active",
            "created_at": "2026-11-29T01:02:03+00:00", "expires_at": "2027-02-27T01:02:03+00:00", "revoked_at": None,
            "last_used_at": None}
EX_TOKEN_NEW = {**EX_TOKEN, "token": "odt_Xy3k9Q…（43文字 / 43 characters）",
                "message_ja": "このトークンは今回だけ表示されます。安全な場所に保存してください。",
                "message_en": "This token is shown once; store it safely."}
EX_JOB_QUEUED = {
    "id": JOB_ID, "kind": "convert", "state": "queued", "retryable": False, "attempts": 0, "phase": None,
    "progress": {"rows": 0}, "organization": "kikikanri", "dataset": "aed", "created_by": "tanaka",
    "created_at": "2026-11-29T01:02:03+00:00", "started_at": None, "finished_at": None, "parent": None,
    "input": {"name": "AED一覧（R6.4.1現在）.xlsx", "size": 18231, "sha256": "9b2f…", "url": f"{EX_BASE}/jobs/{JOB_ID}/original"},
    "error": None, "result": None, "links": {"self": f"{EX_BASE}/jobs/{JOB_ID}", "original": f"{EX_BASE}/jobs/{JOB_ID}/original"},
}
EX_JOB_DONE = {
    **EX_JOB_QUEUED, "state": "done", "attempts": 1, "progress": {"rows": 120},
    "started_at": "2026-11-29T01:02:03+00:00", "finished_at": "2026-11-29T01:02:05+00:00",
    "result": {"standard": "2021/aed", "status": "valid", "rows": 120,
               "output": {"name": "312011_aed.csv", "sha256": "5d41…", "url": f"{EX_BASE}/jobs/{JOB_ID}/output"},
               "published": None},
    "links": {"self": f"{EX_BASE}/jobs/{JOB_ID}", "review": f"{EX_BASE}/jobs/{JOB_ID}/review",
              "adjust": f"{EX_BASE}/jobs/{JOB_ID}/adjust", "publish": f"{EX_BASE}/jobs/{JOB_ID}/publish"},
}
EX_JOB_FAILED = {
    **EX_JOB_QUEUED, "state": "failed", "attempts": 1, "finished_at": "2026-11-29T01:02:04+00:00",
    "error": {"code": "not-a-table", "message_ja": "このファイルは表として読めません（画像）。",
              "message_en": "this file cannot be read as a table (an image)", "details": None},
}
EX_CHANGE = {"row": 6, "column": 7, "field": "住所", "source": "所在地_住所", "before": "鳥取市富安二丁目104-2",
             "after": "鳥取県鳥取市富安二丁目104-2", "step": "address",
             "note_ja": "都道府県名「鳥取県」を補いました（市区町村名「鳥取市」から）",
             "note_en": "Prepended the prefecture 鳥取県 (from the municipality name 鳥取市)"}
EX_PAGE = {"job": JOB_ID, "total": 8, "offset": 0, "limit": 100, "items": [EX_CHANGE], "next_offset": None}
EX_REVIEW = {
    "job": EX_JOB_DONE, "status": "valid",
    "dataset": {"id": "2021/aed", "name_ja": "AED設置箇所一覧", "generation": "2021", "confidence": 0.56,
                "method": "detected", "reasons": ["項目一致 7/22", "ファイル名・表題"]},
    "target_dataset": "aed",
    "read": {"sheet": "AED一覧", "header_rows": [4, 5], "notes": [{"code": "title-rows", "message_ja": "表の上のタイトル・説明の行を読み飛ばしました（2行: 1, 2行目）"}]},
    "rows": {"in": 120, "out": 120},
    "mapping": [{"target": "名称", "source": "施設名称", "method": "synonym", "score": 0.9, "describe_ja": "「施設名称」"},
                {"target": "都道府県コード又は市区町村コード", "source": None, "method": "constant", "score": 0.8,
                 "constant": "312011", "describe_ja": "固定値「312011」"}],
    "unmapped": [{"column": 8, "header": "設置台数", "nonempty": 120, "samples": ["2台", "1台"]}],
    "changes": {"total": 8, "counts": {"address": 5, "ditto": 2, "text": 1}, **{k: EX_PAGE[k] for k in ("offset", "limit", "next_offset")},
                "items": [EX_CHANGE], "url": f"{EX_BASE}/jobs/{JOB_ID}/changes"},
    "issues": {"total": 0, "counts": {}, "items": [], "url": f"{EX_BASE}/jobs/{JOB_ID}/issues"},
    "validation": {"valid": True, "errors": 0, "warnings": 0, "groups": [], "truncated": False},
    "accounting": {"source_nonempty_cells": 40, "landed": 30, "unmapped_listed": 10, "balanced": 1},
    "recipe": {"recipe_version": 1, "dataset": "2021/aed", "publisher_code": "312011", "mapping": {"名称": {"column": "施設名称"}}},
    "recipe_yaml": "recipe_version: 1\ndataset: 2021/aed\n…", "recipe_from": None,
}
EX_DATASET = {"id": "aed", "title": "AED設置箇所一覧", "organization": {"id": "kikikanri", "name": "危機管理課"},
              "license": {"id": "CC-BY-4.0"}, "version": {"number": 2},
              "staff": {"state": "published", "origin": "upload", "deleted_at": None, "purge_after": None,
                        "has_recipe": True}}

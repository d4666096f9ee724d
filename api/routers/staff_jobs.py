"""Staff API: upload → conversion job → review → adjust → publish.

* ``POST /api/v1/staff/uploads`` stores the original (kept forever) and queues a conversion job (202);
* ``GET /api/v1/staff/jobs/{id}`` polls it (``?wait=`` seconds to wait for the end);
* ``GET …/review`` — detected dataset with confidence, mapping with scores, changed cells (paged),
  issues, unmapped columns with samples, validation problems grouped by code, the recipe;
* ``POST …/adjust`` — mapping overrides, constants, publisher code, standard, 備考, disabled steps:
  always a **new job** re-run from the stored original (``?wait=`` makes small files feel synchronous);
* ``POST …/publish`` — a publish job: ``Store.publish_version`` (atomic), then the recipe becomes the
  dataset's recipe, so the next upload of the dataset converts unattended.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from opendata.jobs import (
    adjusted_options,
    create_convert_job,
    create_publish_job,
    iter_jsonl,
    retry_job,
    store_upload,
)
from opendata.metadata.vocab import ORIGINAL_MEDIA_TYPES
from opendata.store import Dataset, Organization
from opendata.store.files import Blob
from opendata.store.models import Job, User

from ..auth import Principal, Staff, check_organization
from ..deps import store
from ..errors import ApiError
from ..fileserve import serve_file
from . import staff_common as C

router = APIRouter(prefix=C.API, tags=["staff: uploads"])

WAIT_MAX = 60.0
Wait = Annotated[float, Query(ge=0, le=WAIT_MAX, description="終わるまで最大この秒数待つ（0: すぐ返す）/ wait up to this many "
                                                             "seconds for the job to finish (0: answer at once)")]
PAGE_DEFAULT, PAGE_MAX = 100, 1000


def _user(s: Session, p: Principal) -> User:
    u = s.get(User, p.user_id)
    assert u is not None
    return u


def _job(s: Session, job_id: str, p: Principal) -> Job:
    job = s.get(Job, job_id)
    if job is None:
        raise ApiError(404, "job-not-found", f"ジョブ「{job_id}」は見つかりません。", f"job {job_id!r} not found",
                       {"job": job_id})
    check_organization(p, job.organization_id, "このジョブ", "this job")
    return job


def _done_conversion(job: Job) -> None:
    if job.kind != "convert":
        raise ApiError(409, "not-a-conversion", "これは変換のジョブではありません。", "this job is not a conversion",
                       {"kind": job.kind})
    if job.state == "failed":
        raise ApiError(409, "job-failed", f"変換に失敗しています: {job.error_ja}", f"the conversion failed: {job.error_en}",
                       {"code": job.error_code, "message_ja": job.error_ja, "message_en": job.error_en})
    if job.state != "done":
        raise ApiError(409, "job-not-done", f"変換がまだ終わっていません（状態: {job.state}）。",
                       f"the conversion is not finished (state: {job.state})", {"state": job.state})


def _answer(request: Request, job_id: str, wait: float, status: int = 202) -> JSONResponse:
    r = C.runner(request)
    r.notify()
    if wait:
        r.wait(job_id, wait)
    with store(request).Session() as s:
        job = s.get(Job, job_id)
        assert job is not None
        rec = C.job_record(request, job, s)
    return JSONResponse(rec, status_code=status, headers={"Location": rec["links"]["self"]})


def _dataset_for(s: Session, dataset_id: str, p: Principal) -> Dataset:
    ds = s.get(Dataset, dataset_id)
    if ds is None:
        raise ApiError(404, "dataset-not-found", f"データセット「{dataset_id}」は見つかりません。先に POST /api/v1/staff/datasets "
                       "で作ってください。", f"dataset {dataset_id!r} not found; create it with POST /api/v1/staff/datasets first",
                       {"dataset": dataset_id})
    check_organization(p, ds.organization_id)
    if ds.state == "deleted":
        raise ApiError(409, "dataset-deleted", f"データセット「{ds.id}」は削除されています。元に戻してから使ってください。",
                       f"dataset {ds.id!r} is deleted; restore it first", {"dataset": ds.id})
    return ds


# --- upload ----------------------------------------------------------------------------------------------
@router.post(
    "/uploads", status_code=202, summary="元のファイルをアップロードして変換 / upload a legacy file and convert it",
    description=(
        "multipart/form-data. The original is stored first (content-addressed, **kept forever**, downloadable at "
        "`/jobs/{id}/original` even when the conversion fails), then a conversion job is queued and this answers "
        "`202` with the job. Poll `GET /api/v1/staff/jobs/{id}` (or pass `wait`). With `dataset` (an existing 管理ID) "
        "the dataset's saved recipe, standard and publisher code are used, so a new month's file converts "
        "unattended. Editors upload for their own organization only.\n\n"
        "Excel（.xlsx/.xls/.ods）や Shift_JIS の CSV をそのまま送れます。元のファイルは変換に失敗しても保存されます。"),
    responses={**C.ok(C.EX_JOB_QUEUED, 202, "ジョブ / the job"), **C.errors(401, 403, 404, 409, 413, 422)},
)
def upload(
    request: Request, user: Staff,
    file: Annotated[UploadFile, File(description="元のファイル / the original file (xlsx, xls, ods, csv, tsv, txt)")],
    dataset: Annotated[str | None, Form(description="公開先の管理ID（既存）/ the dataset (管理ID) this file is for")] = None,
    organization: Annotated[str | None, Form(description="担当課（dataset がないとき。editor は自分の課）/ "
                                                         "organization when no dataset is given")] = None,
    standard: Annotated[str | None, Form(description="変換先の標準（例 2021/aed。省略で自動判定）/ standard dataset; "
                                                     "detected when omitted")] = None,
    code: Annotated[str | None, Form(description="全国地方公共団体コード（既定 312011）/ publisher code")] = None,
    extra_to_remarks: Annotated[bool | None, Form(description="標準にない列を備考へ / unmapped columns to 備考")] = None,
    wait: Wait = 0,
) -> JSONResponse:
    st = store(request)
    options: dict[str, Any] = {}
    with st.Session() as s:
        org: str | None
        if dataset:
            ds = _dataset_for(s, dataset, user)
            org = ds.organization_id
        else:
            org = organization or user.organization_id
            if org is None:
                raise ApiError(422, "organization-required", "担当課（organization）か公開先のデータセット（dataset）を指定してください。",
                               "give an organization or a dataset")
            check_organization(user, org, "この担当課", "this organization")
            if s.get(Organization, org) is None:
                raise ApiError(422, "organization-unknown", f"担当課「{org}」は登録されていません。",
                               f"unknown organization {org!r}")
        u = _user(s, user)
    if standard:
        from opendata.validation.detect import resolve_dataset

        try:
            options["standard"] = resolve_dataset(standard)
        except KeyError:
            raise ApiError(422, "standard-unknown", f"標準データセット「{standard}」は見つかりません（GET /api/v1/schemas）。",
                           f"unknown standard dataset {standard!r} (see GET /api/v1/schemas)") from None
    if code:
        from converters.jp.checkdigit import is_valid_localgov_code

        if not is_valid_localgov_code(code.strip()):
            raise ApiError(422, "publisher-code-invalid", f"全国地方公共団体コード「{code}」が正しくありません（6桁、検査数字付き）。",
                           f"{code!r} is not a valid 6-digit local-government code")
        options["code"] = code.strip()
    if extra_to_remarks is not None:
        options["extra_to_remarks"] = extra_to_remarks
    blob = store_upload(st, file.file, st.settings.upload_max_bytes)
    job = create_convert_job(st, blob, file.filename or "upload", organization=org, user=u, dataset_id=dataset,
                             options=options)
    return _answer(request, job.id, wait)


# --- jobs ------------------------------------------------------------------------------------------------
@router.get("/jobs", summary="ジョブの一覧 / list jobs (newest first)",
            description="Editors see their organization's jobs. `before`: the last id of the previous page.",
            responses={**C.ok({"results": [C.EX_JOB_DONE], "next": None}), **C.errors(401, 422)})
def jobs_list(
    request: Request, user: Staff,
    state: Annotated[str | None, Query(pattern="^(queued|running|done|failed)$")] = None,
    kind: Annotated[str | None, Query(pattern="^(convert|publish)$")] = None,
    dataset: Annotated[str | None, Query(description="管理ID")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    before: Annotated[str | None, Query(description="前のページの最後のジョブid / last id of the previous page")] = None,
) -> dict[str, Any]:
    with store(request).Session() as s:
        q = select(Job)
        if not user.is_admin:
            q = q.where(Job.organization_id == user.organization_id)
        if state:
            q = q.where(Job.state == state)
        if kind:
            q = q.where(Job.kind == kind)
        if dataset:
            q = q.where(Job.dataset_id == dataset)
        if before:
            ref = s.get(Job, before)
            if ref is not None:
                q = q.where((Job.created_at < ref.created_at) | ((Job.created_at == ref.created_at) & (Job.id < ref.id)))
        jobs = list(s.scalars(q.order_by(Job.created_at.desc(), Job.id.desc()).limit(limit + 1)))
        more = len(jobs) > limit
        jobs = jobs[:limit]
        return {"results": [C.job_record(request, j, s) for j in jobs], "next": jobs[-1].id if more else None}


@router.get("/jobs/{job_id}", summary="ジョブの状態（進み具合）/ a job and its progress",
            description="`state`: queued → running → done | failed. `progress.rows`: rows converted so far. A failed "
                        "job has `error` (Japanese and English); `retryable` is true when it was interrupted.",
            responses={**C.ok(C.EX_JOB_DONE), **C.errors(401, 403, 404, 422)})
def job_get(request: Request, user: Staff, job_id: str, wait: Wait = 0) -> dict[str, Any]:
    with store(request).Session() as s:
        _job(s, job_id, user)
    if wait:
        C.runner(request).wait(job_id, wait)
    with store(request).Session() as s:
        return C.job_record(request, _job(s, job_id, user), s)


@router.post("/jobs/{job_id}/retry", status_code=202, summary="中断されたジョブをやり直す / retry an interrupted job",
             responses={**C.ok(C.EX_JOB_QUEUED, 202), **C.errors(401, 403, 404, 409, 422)})
def job_retry(request: Request, user: Staff, job_id: str, wait: Wait = 0) -> JSONResponse:
    with store(request).Session() as s:
        _job(s, job_id, user)
    retry_job(store(request), job_id)
    return _answer(request, job_id, wait)


def _serve_blob(request: Request, sha: str, name: str, created: dt.datetime | None, media: str) -> Response:
    st = store(request)
    if not st.files.exists(sha):
        raise ApiError(404, "file-not-found", "ファイルが保存場所にありません。", "the file is missing from the store")
    return serve_file(request, st.files.path(sha), sha256=sha, size=st.files.size(sha), media_type=media,
                      filename=name, last_modified=created, immutable=True,
                      headers={"Cache-Control": "private, max-age=0, must-revalidate"})


@router.get("/jobs/{job_id}/original", summary="アップロードされた元のファイル / the uploaded original (kept forever)",
            responses={200: {"description": "元のファイル（送られたままのバイト列）/ the file exactly as uploaded",
                             "content": {"application/octet-stream": {"example": "(AED一覧（R6.4.1現在）.xlsx)"}}},
                       **C.errors(401, 403, 404)})
def job_original(request: Request, user: Staff, job_id: str) -> Response:
    with store(request).Session() as s:
        job = _job(s, job_id, user)
    if not job.input_sha256:
        raise ApiError(404, "file-not-found", "このジョブには元のファイルがありません。", "this job has no original file")
    name = job.input_name or "original"
    media = ORIGINAL_MEDIA_TYPES.get(Path(name).suffix.lower(), ("", "application/octet-stream"))[1]
    return _serve_blob(request, job.input_sha256, name, job.created_at, media)


@router.get("/jobs/{job_id}/output", summary="変換後のCSV（公開前）/ the converted CSV (before publishing)",
            responses={200: {"description": "CSV", "content": {"text/csv": {"example": "NO,名称\r\n1,鳥取市役所\r\n"}}},
                       **C.errors(401, 403, 404, 409)})
def job_output(request: Request, user: Staff, job_id: str) -> Response:
    with store(request).Session() as s:
        job = _job(s, job_id, user)
    _done_conversion(job)
    assert job.output_sha256 is not None
    return _serve_blob(request, job.output_sha256, job.output_name or "output.csv", job.finished_at,
                       "text/csv; charset=utf-8; header=present")


# --- review ----------------------------------------------------------------------------------------------
def _page(items: Iterator[dict[str, Any]], offset: int, limit: int, keep: Callable[[dict[str, Any]], bool] | None,
          known_total: int) -> tuple[list[dict[str, Any]], int, int | None]:
    """(items, total, next_offset) of a JSON-lines log; filtered logs are counted as they are read."""
    if keep is None:
        page = list(itertools.islice(items, offset, offset + limit))
        total = known_total
    else:
        page, total = [], 0
        for it in items:
            if keep(it):
                if offset <= total < offset + limit:
                    page.append(it)
                total += 1
    nxt = offset + limit if offset + limit < total else None
    return page, total, nxt


def _log_page(request: Request, user: Staff, job_id: str, which: str, offset: int, limit: int,
              filters: dict[str, str | None]) -> dict[str, Any]:
    with store(request).Session() as s:
        job = _job(s, job_id, user)
    _done_conversion(job)
    sha = job.changes_sha256 if which == "changes" else job.issues_sha256
    active = {k: v for k, v in filters.items() if v}
    keep = (lambda it: all(str(it.get(k)) == v for k, v in active.items())) if active else None
    total = int(((job.report or {}).get(which) or {}).get("total") or 0)
    items, total, nxt = _page(iter_jsonl(store(request), sha), offset, limit, keep, total)
    return {"job": job.id, "total": total, "offset": offset, "limit": limit, "filters": active, "items": items,
            "next_offset": nxt}


Offset = Annotated[int, Query(ge=0, description="読み飛ばす件数 / items to skip")]
Limit = Annotated[int, Query(ge=1, le=PAGE_MAX, description=f"件数（最大{PAGE_MAX}）/ items per page")]


@router.get("/jobs/{job_id}/changes", summary="変換で変えたセル（ページ送り）/ the cells the conversion changed (paged)",
            description="Every change with its row, column, item, before and after, the step and a note in Japanese and "
                        "English. Filter by `step` (e.g. `address`, `ditto`, `text`) or `field` (an item name).",
            responses={**C.ok(C.EX_PAGE), **C.errors(401, 403, 404, 409, 422)})
def job_changes(request: Request, user: Staff, job_id: str, offset: Offset = 0, limit: Limit = PAGE_DEFAULT,
                step: str | None = None, field: str | None = None) -> dict[str, Any]:
    return _log_page(request, user, job_id, "changes", offset, limit, {"step": step, "field": field})


@router.get("/jobs/{job_id}/issues", summary="変換で残った問題（ページ送り）/ problems the conversion left (paged)",
            responses={**C.ok({**C.EX_PAGE, "items": [{"row": 12, "field": "電話番号", "value": "内線2442",
                                                        "code": "phone-invalid", "message_ja": "…", "message_en": "…"}]}),
                       **C.errors(401, 403, 404, 409, 422)})
def job_issues(request: Request, user: Staff, job_id: str, offset: Offset = 0, limit: Limit = PAGE_DEFAULT,
               code: str | None = None, field: str | None = None) -> dict[str, Any]:
    return _log_page(request, user, job_id, "issues", offset, limit, {"code": code, "field": field})


def _validation_groups(val: dict[str, Any]) -> dict[str, Any]:
    problems = val.get("problems") or []
    by_code: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in problems:
        by_code[str(p.get("code"))].append(p)
    columns: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in val.get("counts_by_column") or []:
        columns[str(c.get("code"))].append({"column": c.get("column"), "count": c.get("count")})
    counts = val.get("counts") or {}
    groups = []
    for code in sorted(set(counts) | set(by_code), key=lambda c: (-int(counts.get(c, len(by_code[c]))), c)):
        ex = by_code.get(code) or [{}]
        groups.append({"code": code, "severity": ex[0].get("severity"), "count": int(counts.get(code, len(by_code[code]))),
                       "message_ja": ex[0].get("message_ja"), "message_en": ex[0].get("message_en"),
                       "columns": columns.get(code, []), "examples": by_code.get(code, [])[:5]})
    stats = val.get("stats") or {}
    return {"valid": val.get("valid"), "errors": stats.get("errors", 0), "warnings": stats.get("warnings", 0),
            "groups": groups, "truncated": val.get("truncated", False)}


@router.get(
    "/jobs/{job_id}/review", summary="変換結果の確認 / review a conversion",
    description="The detected standard dataset with its confidence, the mapping of every item (source column, method, "
                "score), the first changed cells (all of them at `/changes`), issues, unmapped source columns with "
                "sample values, validation problems grouped by code, and the recipe that reproduces the conversion.",
    responses={**C.ok(C.EX_REVIEW), **C.errors(401, 403, 404, 409, 422)})
def job_review(request: Request, user: Staff, job_id: str,
               changes_limit: Annotated[int, Query(ge=0, le=PAGE_MAX)] = 50,
               issues_limit: Annotated[int, Query(ge=0, le=PAGE_MAX)] = 50) -> dict[str, Any]:
    st = store(request)
    with st.Session() as s:
        job = _job(s, job_id, user)
        _done_conversion(job)
        rec = C.job_record(request, job, s)
    rep = job.report or {}
    opts = job.options or {}
    std = rep.get("dataset") or {}
    det = rep.get("detection")
    if det:
        dataset = {"confidence": det.get("score"), "method": "detected", "reasons": det.get("reasons") or []}
    else:
        dataset = {"confidence": 1.0, "method": "recipe" if opts.get("recipe") else "given", "reasons": []}
    dataset = {"id": std.get("id") or job.schema_id, "name_ja": std.get("nameJa"), "generation": std.get("generation"),
               "generation_name": std.get("generationName"), "schema_confidence": std.get("confidence"), **dataset}
    b = f"{C.base_url(request)}/jobs/{job.id}"
    out: dict[str, Any] = {"job": rec, "status": job.status, "dataset": dataset, "target_dataset": job.dataset_id,
                           "publisher_code": rep.get("publisher_code"), "read": rep.get("read"), "rows": rep.get("rows"),
                           "mapping": rep.get("mapping") or [], "unmapped": rep.get("unmapped") or []}
    for which, limit in (("changes", changes_limit), ("issues", issues_limit)):
        meta = rep.get(which) or {}
        sha = job.changes_sha256 if which == "changes" else job.issues_sha256
        total = int(meta.get("total") or 0)
        items, _, nxt = _page(iter_jsonl(st, sha), 0, limit, None, total) if limit else ([], total, 0 if total else None)
        out[which] = {"total": total, "counts": meta.get("counts") or {}, "offset": 0, "limit": limit,
                      "items": items, "next_offset": nxt, "url": f"{b}/{which}"}
    out["validation"] = _validation_groups(rep.get("validation") or {})
    out["accounting"] = rep.get("accounting")
    out["recipe"] = rep.get("recipe")
    out["recipe_yaml"] = job.recipe_yaml
    out["recipe_from"] = opts.get("recipe_from")
    out["adjusted_from"] = opts.get("adjusted_from")
    return out


# --- adjust ----------------------------------------------------------------------------------------------
class AdjustIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"mapping": {"名称": "施設名称", "設置位置": {"columns": ["所在地_方書", "設置場所"], "join": " "}, "備考": None},
         "constants": {"都道府県コード又は市区町村コード": "312011"}, "extra_to_remarks": True,
         "disabled_steps": ["kana"]},
        {"dataset": "2026/aed"}]})
    dataset: str | None = Field(default=None, description="変換先の標準を変える（対応づけは自動からやり直し）/ another standard dataset "
                                                  "(its mapping starts again automatically)")
    publisher_code: str | None = Field(default=None, description="全国地方公共団体コード / publisher code")
    mapping: dict[str, str | dict[str, Any] | None] | None = Field(
        None, description="項目 → 元の列名、{column}、{columns, join}、{constant}、{derive}、null（空欄にする）/ "
                          "item → source column name, {column}, {columns, join}, {constant}, {derive}, or null (leave empty)")
    constants: dict[str, str | None] | None = Field(default=None, description="項目 → 固定値 / item → constant value")
    ignore: list[str] | None = Field(default=None, description="変換しない元の列（備考にも入れない）/ source columns deliberately "
                                                       "not converted")
    extra_to_remarks: bool | None = Field(default=None, description="標準にない列を「列名: 値」で備考へ（ignore の列を除く）/ "
                                                            "unmapped columns to 備考 (except ignore)")
    disabled_steps: list[str] | None = Field(default=None, description="使わない正規化処理 / normalisation steps to switch off "
                                                               "(ditto, machine_dependent, text, codes, dates, times, numbers, "
                                                               "coordinates, flags, phone, postcode, url, kana, halfwidth)")


@router.post(
    "/jobs/{job_id}/adjust", status_code=202,
    summary="対応づけ・定数を調整して変換し直す / adjust the mapping and constants, convert again",
    description="Always a **new conversion job** from the stored original with the job's recipe plus these "
                "changes (answers 202; pass `wait` to get the finished job in the same request for small files). "
                "Review the new job; publishing it saves its recipe as the dataset's recipe.",
    responses={**C.ok({**C.EX_JOB_QUEUED, "parent": C.JOB_ID}, 202), **C.errors(401, 403, 404, 409, 422)})
def job_adjust(request: Request, user: Staff, job_id: str, payload: AdjustIn, wait: Wait = 0) -> JSONResponse:
    st = store(request)
    with st.Session() as s:
        parent = _job(s, job_id, user)
        _done_conversion(parent)
        u = _user(s, user)
    assert parent.input_sha256 is not None
    opts = adjusted_options(parent, payload.model_dump(exclude_unset=True))
    job = create_convert_job(st, Blob(parent.input_sha256, int(parent.input_size or 0)), parent.input_name or "upload",
                             organization=parent.organization_id, user=u, dataset_id=parent.dataset_id, options=opts,
                             parent_id=parent.id, use_dataset_recipe=False)
    return _answer(request, job.id, wait)


# --- publish ---------------------------------------------------------------------------------------------
class PublishIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"dataset": "aed", "note": "4月分に更新"}]})
    dataset: str | None = Field(default=None, description="公開先の管理ID（アップロード時に指定していれば省略可）/ the dataset; "
                                                  "defaults to the one given at upload")
    note: str | None = Field(default=None, max_length=2000, description="版のメモ / a note on the version")


@router.post(
    "/jobs/{job_id}/publish", status_code=202, summary="新しい版として公開 / publish as a new version",
    description="Queues a publish job (202): `publish_version` writes every file, then one transaction creates the "
                "version and makes it current — the old version is served until then, and stays downloadable at "
                "its versioned URL. The conversion's recipe becomes the dataset's recipe (the next upload of the "
                "dataset converts unattended with it). An unpublished dataset is published again.",
    responses={**C.ok({**C.EX_JOB_QUEUED, "kind": "publish", "parent": C.JOB_ID}, 202),
               **C.errors(401, 403, 404, 409, 422)})
def job_publish(request: Request, user: Staff, job_id: str, payload: PublishIn | None = None,
                wait: Wait = 0) -> JSONResponse:
    st = store(request)
    p = payload or PublishIn()
    with st.Session() as s:
        job = _job(s, job_id, user)
        _done_conversion(job)
        if job.version_id is not None:
            raise ApiError(409, "already-published", "この変換結果はすでに公開されています。", "this conversion is already published",
                           {"job": job.id})
        target = p.dataset or job.dataset_id
        if not target:
            raise ApiError(422, "dataset-required", "公開先のデータセット（dataset）を指定してください。",
                           "give the dataset to publish to")
        ds = _dataset_for(s, target, user)
        if ds.organization_id != job.organization_id:
            check_organization(user, job.organization_id, "この変換結果", "this conversion")
        if ds.standard and job.schema_id and ds.standard != job.schema_id:
            raise ApiError(409, "standard-mismatch",
                           f"データセット「{ds.id}」の標準は {ds.standard} ですが、変換結果は {job.schema_id} です。"
                           f"adjust で dataset に {ds.standard} を指定して変換し直すか、メタデータの standard を変えてください。",
                           f"dataset {ds.id!r} follows {ds.standard} but this conversion is {job.schema_id}; adjust with "
                           f"dataset={ds.standard} or change the dataset's standard",
                           {"dataset_standard": ds.standard, "conversion_standard": job.schema_id})
        u = _user(s, user)
    pub = create_publish_job(st, job, ds.id, u, p.note)
    return _answer(request, pub.id, wait)

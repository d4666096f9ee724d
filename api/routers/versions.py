"""Versions of a dataset: the list, one version, its conversion report, and version-to-version diffs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlalchemy import select

from opendata.metadata.record import version_record
from opendata.store import Version, rows_spec
from opendata.store.rows import diff

from .. import examples
from ..deps import get_dataset, get_version, json_response, links, store
from ..errors import ApiError, responses
from ..fileserve import serve_file

router = APIRouter(prefix="/api/v1/datasets/{dataset_id}", tags=["versions"])

DIFF_DEFAULT, DIFF_MAX = 100, 1000


@router.get("/versions", summary="版の一覧 / all versions (every old version stays downloadable)",
            responses={200: {"content": {"application/json": {"example": {
                "dataset": "evacuation-space", "current": 2, "results": [examples.VERSION]}}}}, **responses(404)})
def list_versions(request: Request, dataset_id: str) -> Response:
    lk = links(request)
    with store(request).Session() as s:
        ds = get_dataset(s, dataset_id)
        vs = s.scalars(select(Version).where(Version.dataset_id == ds.id).order_by(Version.number.desc())).all()
        data = {"dataset": ds.id, "current": ds.current_version.number if ds.current_version else None,
                "results": [version_record(v, ds.id, lk, current=v.id == ds.current_version_id) for v in vs]}
    return json_response(request, data)


@router.get("/versions/{number}", summary="1つの版 / one version with its downloads",
            responses={200: {"content": {"application/json": {"example": examples.VERSION}}}, **responses(404, 422)})
def get_version_detail(request: Request, dataset_id: str, number: int) -> Response:
    lk = links(request)
    with store(request).Session() as s:
        ds = get_dataset(s, dataset_id)
        v = get_version(s, ds, number)
        data = version_record(v, ds.id, lk, current=v.id == ds.current_version_id)
    return json_response(request, data, max_age=3600)


@router.get("/versions/{number}/report", summary="変換・検証レポート / the conversion and validation report (JSON)",
            description="The report `opendata convert --report` writes: detection, column mapping, every change "
                        "made to a cell, issues, validation problems, the recipe.",
            responses={200: {"content": {"application/json": {"example": {
                "status": "valid", "rows": {"in": 31, "out": 31}, "changes": {"total": 12}}}}}, **responses(404, 422)})
def get_report(request: Request, dataset_id: str, number: int) -> Response:
    st = store(request)
    with st.Session() as s:
        ds = get_dataset(s, dataset_id)
        v = get_version(s, ds, number)
        sha, created = v.report_sha256, v.created_at
    if not sha:
        raise ApiError(404, "report-not-found", "この版には変換レポートがありません。", "this version has no report")
    return serve_file(request, st.files.path(sha), sha256=sha, size=st.files.size(sha), media_type="application/json",
                      filename=f"{dataset_id}_v{number}_report.json", last_modified=created, immutable=True, inline=True)


@router.get("/diff", summary="版の間の差分 / rows added, removed and changed between two versions",
            description=(
                "Rows are matched by the dataset's ID column (`key`) when both versions have the same unique one; "
                "otherwise by their whole content (a change then shows as one removed and one added row). "
                f"Defaults: from the previous version to the current one. `limit` rows per list (default {DIFF_DEFAULT}, "
                f"max {DIFF_MAX}); `counts` are always complete and `truncated` says when a list was cut."),
            responses={200: {"content": {"application/json": {"example": examples.DIFF}}}, **responses(404, 422)})
def get_diff(
    request: Request, dataset_id: str,
    from_: Annotated[int | None, Query(alias="from", ge=1, description="古い版 / older version number")] = None,
    to: Annotated[int | None, Query(ge=1, description="新しい版 / newer version number (default: current)")] = None,
    limit: Annotated[int, Query(ge=0, le=DIFF_MAX, description="rows per list")] = DIFF_DEFAULT,
) -> Response:
    with store(request).Session() as s:
        ds = get_dataset(s, dataset_id)
        new = get_version(s, ds, to)
        if from_ is None:
            if new.number == 1:
                raise ApiError(404, "version-not-found", "比べる前の版がありません（第1版です）。",
                               "there is no earlier version to compare with", {"to": new.number})
            from_ = new.number - 1
        old = get_version(s, ds, from_)
        result = diff(s.connection(), rows_spec(old), rows_spec(new), limit=limit)
    data = {"dataset": dataset_id, "from": old.number, "to": new.number, **result}
    return json_response(request, data, max_age=3600)

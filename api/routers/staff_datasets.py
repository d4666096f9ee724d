"""Staff API: datasets in every state — create, edit metadata (validated as dataset.yaml is), unpublish and
republish, delete (soft, restorable for ``OPENDATA_DELETE_RETENTION_DAYS`` days) and restore, the saved
recipe, and the admin's purge of datasets past their retention period."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from opendata.store import Dataset, DatasetMeta, Version
from opendata.store.staff import change_state, dataset_recipe, meta_mapping, organization_ids, purge

from ..auth import Principal, Staff, check_organization, require_admin
from ..deps import store
from ..errors import ApiError
from . import staff_common as C

router = APIRouter(prefix=C.API, tags=["staff: datasets"])


def _load(s: Session, dataset_id: str, p: Principal) -> Dataset:
    ds = s.scalar(select(Dataset).where(Dataset.id == dataset_id)
                  .options(selectinload(Dataset.current_version).selectinload(Version.distributions)))
    if ds is None:
        raise ApiError(404, "dataset-not-found", f"データセット「{dataset_id}」は見つかりません。",
                       f"dataset {dataset_id!r} not found", {"dataset": dataset_id})
    check_organization(p, ds.organization_id)
    return ds


def _record(request: Request, dataset_id: str, p: Principal, status: int = 200) -> JSONResponse:
    st = store(request)
    with st.Session() as s:
        rec = C.staff_dataset_record(request, _load(s, dataset_id, p), st)
    return JSONResponse(rec, status_code=status, headers={"Cache-Control": "no-store"})


class Temporal(BaseModel):
    model_config = ConfigDict(extra="forbid")
    start: str | None = Field(default=None, description="YYYY-MM-DD")
    end: str | None = Field(default=None, description="YYYY-MM-DD")


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str | None = None
    email: str | None = None
    phone: str | None = None


class MetadataIn(BaseModel):
    """DCAT-GoJ fields (as in dataset.yaml, docs/catalogue-files.md); only the fields given change."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"title": "AED設置箇所一覧", "keywords": ["防災", "AED"], "license": "CC-BY-4.0", "issued": "2025-04-01",
         "accrual_periodicity": "monthly", "temporal": {"start": "2025-04-01", "end": None}}]})
    title: str | None = Field(default=None, description="タイトル")
    description: str | None = Field(default=None, description="説明")
    organization: str | None = Field(default=None, description="提供者（担当課のid。editor は自分の課だけ）")
    standard: str | None = Field(default=None, description="準拠する標準（例 2021/aed）、none = 標準なし")
    keywords: list[str] | None = Field(default=None, description="キーワード")
    themes: list[str] | None = Field(default=None, description="テーマ")
    spatial: str | None = Field(default=None, description="対象地域")
    temporal: Temporal | None = Field(default=None, description="対象期間 {start, end}（YYYY-MM-DD）")
    license: str | None = Field(default=None, description="ライセンス: CC-BY-4.0, PDL-1.0, GSTOU-2.0, CC0-1.0")
    accrual_periodicity: str | None = Field(default=None, description="更新頻度 (daily, weekly, monthly, quarterly, annual, irregular …)")
    issued: str | None = Field(default=None, description="公開日 YYYY-MM-DD")
    modified: str | None = Field(default=None, description="最終更新日 YYYY-MM-DD")
    landing_page: str | None = Field(default=None, description="ランディングページ (http/https)")
    contact: Contact | None = Field(default=None, description="連絡先 {name, email, phone}")
    sample: bool | None = Field(default=None, description="サンプルデータ")
    publisher_code: str | None = Field(default=None, description="全国地方公共団体コード（6桁）")
    source_note: str | None = Field(default=None, description="出典・注記")


class DatasetIn(MetadataIn):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"id": "aed", "title": "AED設置箇所一覧", "description": "市内のAEDの設置場所です。", "organization": "kikikanri",
         "standard": "2021/aed", "license": "CC-BY-4.0", "keywords": ["防災"]}]})
    id: str = Field(description="管理ID（半角英数字・ハイフン・下線・ピリオド、100文字以内）")


def _validated(s: Session, dataset_id: str, mapping: dict[str, Any]) -> DatasetMeta:
    return DatasetMeta.from_mapping(dataset_id, mapping, organizations=organization_ids(s))


@router.get("/datasets", summary="データセットの一覧（すべての状態）/ datasets in every state",
            description="Editors see their organization's datasets. `state`: draft, published, unpublished, deleted "
                        "(repeatable). Keyset pages by 管理ID: pass the last id as `after`.",
            responses={**C.ok({"results": [C.EX_DATASET], "next": None}), **C.errors(401, 422)})
def datasets_list(
    request: Request, user: Staff,
    state: Annotated[list[str] | None, Query(description="draft | published | unpublished | deleted")] = None,
    organization: Annotated[str | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    after: Annotated[str | None, Query(description="前のページの最後の管理ID / last id of the previous page")] = None,
) -> JSONResponse:
    st = store(request)
    with st.Session() as s:
        q = select(Dataset).options(selectinload(Dataset.current_version).selectinload(Version.distributions))
        if not user.is_admin:
            q = q.where(Dataset.organization_id == user.organization_id)
        elif organization:
            q = q.where(Dataset.organization_id == organization)
        if state:
            q = q.where(Dataset.state.in_(state))
        if after:
            q = q.where(Dataset.id > after)
        dss = list(s.scalars(q.order_by(Dataset.id).limit(limit + 1)))
        more = len(dss) > limit
        dss = dss[:limit]
        data = {"results": [C.staff_dataset_record(request, d, st) for d in dss], "next": dss[-1].id if more else None}
    return JSONResponse(data, headers={"Cache-Control": "no-store"})


@router.post("/datasets", status_code=201, summary="データセットを作る（下書き）/ create a dataset (draft)",
             description="Metadata validated as dataset.yaml is (licence from the vocabulary, ISO dates, an existing "
                         "organization …). `standard` defaults to `none` (publishing a conversion sets it). The dataset "
                         "is a draft until its first version is published.",
             responses={**C.ok(C.EX_DATASET, 201, "作成 / created"), **C.errors(401, 403, 409, 422)})
def datasets_create(request: Request, user: Staff, payload: DatasetIn) -> JSONResponse:
    st = store(request)
    data = payload.model_dump(exclude_none=True)
    ds_id = data.pop("id")
    data.setdefault("organization", user.organization_id)
    data.setdefault("standard", "none")
    check_organization(user, data.get("organization"), "この担当課", "this organization")
    with st.Session() as s:
        if s.get(Dataset, ds_id) is not None:
            raise ApiError(409, "dataset-exists", f"管理ID「{ds_id}」のデータセットはすでにあります。",
                           f"dataset {ds_id!r} already exists", {"dataset": ds_id})
        meta = _validated(s, ds_id, data)
    st.upsert_dataset(meta, origin="upload")
    return _record(request, ds_id, user, 201)


@router.get("/datasets/{dataset_id}", summary="データセット（職員向け、すべての状態）/ a dataset in any state",
            responses={**C.ok(C.EX_DATASET), **C.errors(401, 403, 404)})
def datasets_get(request: Request, user: Staff, dataset_id: str) -> JSONResponse:
    return _record(request, dataset_id, user)


@router.patch("/datasets/{dataset_id}", summary="メタデータの編集 / edit metadata",
              description="Only the fields given change; the result is validated as a whole (every problem listed in "
                          "`details`, in Japanese and English). Editors cannot move a dataset to another organization.",
              responses={**C.ok(C.EX_DATASET), **C.errors(401, 403, 404, 409, 422)})
def datasets_patch(request: Request, user: Staff, dataset_id: str, payload: MetadataIn) -> JSONResponse:
    st = store(request)
    changes = payload.model_dump(exclude_unset=True)
    with st.Session() as s:
        ds = _load(s, dataset_id, user)
        if ds.state == "deleted":
            raise ApiError(409, "dataset-deleted", f"データセット「{ds.id}」は削除されています。元に戻してから編集してください。",
                           f"dataset {ds.id!r} is deleted; restore it first")
        if changes.get("organization") and changes["organization"] != ds.organization_id:
            check_organization(user, changes["organization"], "移動先の担当課", "the new organization")
        merged = meta_mapping(ds)
        for k, v in changes.items():
            if isinstance(v, dict):
                v = {a: b for a, b in v.items() if b is not None} or None
            merged[k] = v
        meta = _validated(s, ds.id, merged)
        origin = ds.origin
    st.upsert_dataset(meta, origin=origin)
    return _record(request, dataset_id, user)


@router.get("/datasets/{dataset_id}/recipe", summary="データセットの変換レシピ / the dataset's conversion recipe",
            description="The recipe the next upload of this dataset converts with (saved when a conversion is "
                        "published; else the current version's).",
            responses={**C.ok({"dataset": "aed", "source": "dataset", "updated_at": "2026-11-29T01:02:05+00:00",
                               "recipe_yaml": "recipe_version: 1\ndataset: 2021/aed\n…"}), **C.errors(401, 403, 404)})
def datasets_recipe(request: Request, user: Staff, dataset_id: str) -> dict[str, Any]:
    with store(request).Session() as s:
        ds = _load(s, dataset_id, user)
        text = dataset_recipe(s, ds)
        source = "dataset" if ds.recipe_yaml else ("version" if text else None)
        return {"dataset": ds.id, "source": source, "updated_at": C.iso(ds.recipe_updated_at), "recipe_yaml": text}


def _transition(request: Request, user: Principal, dataset_id: str, action: str) -> JSONResponse:
    with store(request).Session() as s:
        _load(s, dataset_id, user)
    change_state(store(request), dataset_id, action)
    return _record(request, dataset_id, user)


@router.post("/datasets/{dataset_id}/unpublish", summary="非公開にする（元に戻せる）/ unpublish (recoverable)",
             description="The public API answers 404 for it until it is republished; versions and files are kept.",
             responses={**C.ok({**C.EX_DATASET, "staff": {"state": "unpublished"}}), **C.errors(401, 403, 404, 409)})
def datasets_unpublish(request: Request, user: Staff, dataset_id: str) -> JSONResponse:
    return _transition(request, user, dataset_id, "unpublish")


@router.post("/datasets/{dataset_id}/republish", summary="再公開 / publish again",
             responses={**C.ok(C.EX_DATASET), **C.errors(401, 403, 404, 409)})
def datasets_republish(request: Request, user: Staff, dataset_id: str) -> JSONResponse:
    return _transition(request, user, dataset_id, "republish")


@router.delete("/datasets/{dataset_id}", summary="削除（保存期間内は元に戻せる）/ delete (restorable during the retention period)",
               description="Soft deletion: hidden everywhere, restorable with `/restore` until `purge_after` "
                           "(`OPENDATA_DELETE_RETENTION_DAYS`, default 30 days); only an admin's purge removes it.",
               responses={**C.ok({**C.EX_DATASET, "staff": {"state": "deleted", "deleted_at": "2026-11-29T01:00:00+00:00",
                                                            "purge_after": "2026-12-29T01:00:00+00:00"}}),
                          **C.errors(401, 403, 404, 409)})
def datasets_delete(request: Request, user: Staff, dataset_id: str) -> JSONResponse:
    return _transition(request, user, dataset_id, "delete")


@router.post("/datasets/{dataset_id}/restore", summary="削除を取り消す / undo a deletion",
             responses={**C.ok(C.EX_DATASET), **C.errors(401, 403, 404, 409)})
def datasets_restore(request: Request, user: Staff, dataset_id: str) -> JSONResponse:
    return _transition(request, user, dataset_id, "restore")


@router.post("/purge", summary="保存期間を過ぎた削除済みデータセットを消す（管理者）/ purge deleted datasets past retention (admin)",
             description="Removes for good only datasets deleted more than `OPENDATA_DELETE_RETENTION_DAYS` days ago: "
                         "versions, rows and search entries. Files stay (the uploaded originals are kept forever). "
                         "`dry_run=true` lists them without removing.",
             responses={**C.ok({"retention_days": 30, "dry_run": False, "purged": ["old-dataset"]}), **C.errors(401, 403, 422)})
def purge_deleted(request: Request, user: Staff,
                  dry_run: Annotated[bool, Query(description="消さずに一覧だけ / list only")] = False) -> dict[str, Any]:
    require_admin(user)
    st = store(request)
    return {"retention_days": st.settings.delete_retention_days, "dry_run": dry_run,
            "purged": purge(st, dry_run=dry_run)}

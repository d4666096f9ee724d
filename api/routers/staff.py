"""Staff API: accounts and tokens (``/api/v1/staff/me``, ``/users``, ``/tokens``), and ``install()``, which
adds every staff router, the error handler of staff errors and the job runner to the application.

The upload → review → publish flow is in ``staff_jobs``, the datasets' metadata and life cycle in
``staff_datasets``.  docs/staff.md describes the whole flow.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.types import ASGIApp, Receive, Scope, Send

from opendata.store import MetadataError
from opendata.store.staff import (
    StaffError,
    create_user,
    get_token,
    get_user,
    issue_token,
    list_tokens,
    list_users,
    revoke_token,
    update_user,
)

from ..auth import Principal, Staff, require_admin
from ..deps import store
from ..errors import ApiError, error_response
from . import staff_common as C

router = APIRouter(prefix=C.API, tags=["staff: accounts"])

TAGS = [
    {"name": "staff: accounts", "description": "職員の利用者とAPIトークン（要認証）/ staff accounts and API tokens (authenticated)"},
    {"name": "staff: uploads", "description": "アップロード → 変換 → 確認 → 調整 → 公開（要認証）/ upload → convert → review → adjust → publish"},
    {"name": "staff: datasets", "description": "メタデータの編集・非公開・削除（要認証）/ metadata, unpublish, delete (authenticated)"},
]

DESCRIPTION = """

**職員用API / staff API** (`/api/v1/staff/…`): `Authorization: Bearer <APIトークン>` が必要です（CKAN 形式の
`Authorization: <token>` も可）。アップロードした元のファイルを変換し、確認・調整してから新しい版として公開します。
The staff API needs an API token. Upload a legacy file (`POST /api/v1/staff/uploads`), poll the job, review the
conversion, adjust the mapping, publish a new version; edit metadata, unpublish, delete. See docs/staff.md.
"""


class UserIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"name": "tanaka", "role": "editor", "organization": "kikikanri", "display_name": "田中 花子"}]})
    name: str = Field(description="ログイン名（半角英数字と . _ @ -）/ user name")
    role: Literal["admin", "editor"] = Field(description="admin（すべて）/ editor（自分の課のデータセットだけ）")
    organization: str | None = Field(default=None, description="担当課のid（editor は必須）/ organization id (required for editors)")
    display_name: str | None = Field(default=None, max_length=200, description="表示名 / display name")


class UserPatch(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"active": False}, {"role": "admin"}]})
    role: Literal["admin", "editor"] | None = None
    organization: str | None = None
    active: bool | None = Field(default=None, description="false で無効化（トークンも使えなくなる）/ false disables the account")
    display_name: str | None = Field(default=None, max_length=200)


class TokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"expires_days": 90, "label": "Excel マクロ用"}]})
    expires_days: int | None = Field(default=None, ge=1, le=3660, description="有効期限（日数、省略で無期限）/ days until expiry")
    label: str | None = Field(default=None, max_length=200, description="用途のメモ / what the token is for")


def _self_or_admin(p: Principal, name: str) -> None:
    if p.name != name:
        require_admin(p)


@router.get("/me", summary="ログイン中の利用者 / the authenticated user",
            responses={**C.ok({**C.EX_USER, "token_id": 7}), **C.errors(401)})
def me(request: Request, user: Staff) -> dict[str, Any]:
    with store(request).Session() as s:
        u = get_user(s, user.name)
        return {**C.user_record(u), "token_id": user.token_id}


@router.get("/users", summary="利用者の一覧（管理者）/ list users (admin)",
            responses={**C.ok({"results": [C.EX_USER]}), **C.errors(401, 403)})
def users_list(request: Request, user: Staff) -> dict[str, Any]:
    require_admin(user)
    return {"results": [C.user_record(i.user, i.tokens_active) for i in list_users(store(request))]}


@router.post("/users", status_code=201, summary="利用者の追加（管理者）/ add a user (admin)",
             responses={**C.ok(C.EX_USER, 201, "作成 / created"), **C.errors(401, 403, 409, 422)})
def users_add(request: Request, user: Staff, payload: UserIn) -> dict[str, Any]:
    require_admin(user)
    u = create_user(store(request), payload.name, payload.role, payload.organization, payload.display_name)
    return C.user_record(u, 0)


@router.get("/users/{name}", summary="利用者（管理者・本人）/ one user (admin or self)",
            responses={**C.ok(C.EX_USER), **C.errors(401, 403, 404)})
def users_get(request: Request, user: Staff, name: str) -> dict[str, Any]:
    _self_or_admin(user, name)
    with store(request).Session() as s:
        return C.user_record(get_user(s, name))


@router.patch("/users/{name}", summary="利用者の変更・無効化（管理者）/ change or disable a user (admin)",
              responses={**C.ok(C.EX_USER), **C.errors(401, 403, 404, 422)})
def users_patch(request: Request, user: Staff, name: str, payload: UserPatch) -> dict[str, Any]:
    require_admin(user)
    if name == user.name and (payload.active is False or payload.role == "editor"):
        raise ApiError(409, "cannot-demote-self", "自分自身を無効にしたり、自分の管理者権限を外したりはできません。",
                       "you cannot disable yourself or remove your own admin role")
    u = update_user(store(request), name, role=payload.role, organization=payload.organization,
                    active=payload.active, display_name=payload.display_name)
    return C.user_record(u)


@router.post("/users/{name}/tokens", status_code=201,
             summary="APIトークンの発行（管理者・本人）/ issue an API token (admin or self)",
             description="The token is in the response **once**; only its sha256 is stored. "
                         "トークンはこの応答にだけ表示されます。",
             responses={**C.ok(C.EX_TOKEN_NEW, 201, "発行 / issued"), **C.errors(401, 403, 404, 409, 422)})
def tokens_issue(request: Request, user: Staff, name: str,
                 payload: Annotated[TokenIn | None, Body()] = None) -> JSONResponse:
    _self_or_admin(user, name)
    p = payload or TokenIn()
    t, secret = issue_token(store(request), name, expires_days=p.expires_days, label=p.label)
    rec = {**C.token_record(t, name), "token": secret,
           "message_ja": "このトークンは今回だけ表示されます。安全な場所に保存してください。",
           "message_en": "This token is shown once; store it safely."}
    return JSONResponse(rec, status_code=201, headers={"Cache-Control": "no-store"})


@router.get("/users/{name}/tokens", summary="APIトークンの一覧（管理者・本人）/ a user's tokens (admin or self)",
            responses={**C.ok({"results": [C.EX_TOKEN]}), **C.errors(401, 403, 404)})
def tokens_list(request: Request, user: Staff, name: str) -> dict[str, Any]:
    _self_or_admin(user, name)
    return {"results": [C.token_record(t, name) for t in list_tokens(store(request), name)]}


@router.delete("/tokens/{token_id}", summary="APIトークンの取り消し（管理者・本人）/ revoke a token (admin or its owner)",
               responses={**C.ok({**C.EX_TOKEN, "state": "revoked", "revoked_at": "2026-11-30T00:00:00+00:00"}),
                          **C.errors(401, 403, 404)})
def tokens_revoke(request: Request, user: Staff, token_id: int) -> dict[str, Any]:
    st = store(request)
    t = get_token(st, token_id)
    if t.user_id != user.user_id:
        require_admin(user)
    t = revoke_token(st, token_id)
    return C.token_record(get_token(st, t.id))


# --- installation ----------------------------------------------------------------------------------------
class UploadLimit:
    """413 before a too-large upload is read (the ``Content-Length`` of ``POST …/uploads``)."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and scope["path"].startswith(C.API + "/uploads"):
            for k, v in scope.get("headers") or []:
                if k == b"content-length" and v.isdigit() and int(v) > self.max_bytes + (1 << 20):
                    mb = self.max_bytes >> 20
                    resp = error_response(413, "upload-too-large", f"ファイルが大きすぎます（上限 {mb} MB）。",
                                          f"the file is too large (limit {mb} MB)", {"max_bytes": self.max_bytes})
                    await resp(scope, receive, send)
                    return
        await self.app(scope, receive, send)


def install(app: FastAPI) -> None:
    """Add the staff API to the application (``api.app.create_app`` calls it)."""
    from opendata.jobs import JobRunner

    from . import staff_datasets, staff_jobs

    st = app.state.store
    app.state.jobs = JobRunner(st)
    for r in (router, staff_jobs.router, staff_datasets.router):
        app.include_router(r)
    app.openapi_tags = [*(app.openapi_tags or []), *TAGS]
    app.description += DESCRIPTION
    app.add_middleware(UploadLimit, max_bytes=st.settings.upload_max_bytes)

    @app.exception_handler(StaffError)
    async def _staff_error(request: Request, exc: StaffError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message_ja, exc.message_en, exc.details)

    @app.exception_handler(MetadataError)
    async def _metadata_error(request: Request, exc: MetadataError) -> JSONResponse:
        return error_response(422, "metadata-invalid", exc.message_ja, exc.message_en, exc.problems)


def start(app: FastAPI) -> None:
    r = getattr(app.state, "jobs", None)
    if r is not None:
        r.start()


def stop(app: FastAPI) -> None:
    r = getattr(app.state, "jobs", None)
    if r is not None:
        r.stop()

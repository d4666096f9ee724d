"""Authentication and authorization of the staff API.

A request carries an API token (``opendata users token NAME`` or ``POST /api/v1/staff/users/{name}/tokens``):

* ``Authorization: Bearer odt_…`` (standard), or
* ``Authorization: odt_…`` — the raw token, as CKAN clients (ckanapi) send it, or ``X-CKAN-API-Key: odt_…``.

No token → 401 ``auth-required``; an unknown, revoked or expired token, or a disabled account → 401.
Roles: ``admin`` may do everything; ``editor`` only the datasets and jobs of its own organization
(403 ``forbidden-organization``) and no account management (403 ``admin-required``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from opendata.store.staff import StaffError, authenticate

from .deps import store
from .errors import ApiError

bearer = HTTPBearer(auto_error=False, scheme_name="APIToken", bearerFormat="odt_…",
                    description="APIトークン / API token: `Authorization: Bearer odt_…` "
                                "(CKAN style `Authorization: odt_…` and `X-CKAN-API-Key` are accepted too)")

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="opendata"'}


@dataclass(frozen=True)
class Principal:
    """The authenticated staff member of a request."""

    user_id: int
    name: str
    role: str
    organization_id: str | None
    token_id: int

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def token_from_request(request: Request) -> str | None:
    h = (request.headers.get("authorization") or "").strip()
    if h:
        scheme, _, rest = h.partition(" ")
        if scheme.lower() == "bearer":
            return rest.strip() or None
        return h                                   # CKAN: the raw token (anything else fails as invalid)
    return (request.headers.get("x-ckan-api-key") or "").strip() or None


def current_user(request: Request,
                 _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None) -> Principal:
    token = token_from_request(request)
    if not token:
        raise ApiError(401, "auth-required", "この操作にはログイン（APIトークン）が必要です。"
                       "Authorization: Bearer <トークン> を付けてください。",
                       "authentication required: send Authorization: Bearer <token>", headers=CHALLENGE)
    try:
        user, tok = authenticate(store(request), token)
    except StaffError as e:
        raise ApiError(401, e.code, e.message_ja, e.message_en,
                       headers={"WWW-Authenticate": 'Bearer realm="opendata", error="invalid_token"'}) from None
    p = Principal(user.id, user.name, user.role, user.organization_id, tok.id)
    request.state.principal = p
    return p


Staff = Annotated[Principal, Depends(current_user)]


def require_admin(p: Principal) -> None:
    if not p.is_admin:
        raise ApiError(403, "admin-required", "この操作は管理者（admin）だけができます。", "only an admin may do this",
                       {"role": p.role})


def check_organization(p: Principal, organization_id: str | None, what_ja: str = "このデータセット",
                       what_en: str = "this dataset") -> None:
    """Editors act only within their own organization."""
    if p.is_admin or (organization_id is not None and organization_id == p.organization_id):
        return
    raise ApiError(403, "forbidden-organization",
                   f"{what_ja}は他の課（{organization_id}）のものです。自分の課（{p.organization_id}）のものだけ操作できます。",
                   f"{what_en} belongs to another organization ({organization_id}); editors act only on their own "
                   f"({p.organization_id})", {"organization": organization_id, "your_organization": p.organization_id})

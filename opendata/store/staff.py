"""The store's part of the staff flow: accounts and API tokens, a dataset's life cycle (unpublish,
republish, soft delete, restore, purge after the retention period) and its saved recipe.

Tokens: ``odt_`` + 32 random bytes (URL-safe base64).  Only the sha256 of the whole token is stored; the
token itself is returned once, by :func:`issue_token`.  Every error is a :class:`StaffError` with an HTTP
status and Japanese and English messages (the API shows them as they are; the CLI too).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.orm import Session

from . import rows as rowsmod
from .models import (
    ApiToken,
    Dataset,
    DatasetFacet,
    DatasetSearch,
    Distribution,
    Job,
    Organization,
    User,
    Version,
    utcnow,
)
from .search import reindex
from .store import StoreError

if TYPE_CHECKING:
    from .store import Store

ROLES = ("admin", "editor")
TOKEN_PREFIX = "odt_"
USER_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")
LAST_USED_EVERY = dt.timedelta(minutes=1)        # last_used_at is written at most this often per token

#: dataset states: what an action may start from, and where it goes
STATES = ("draft", "published", "unpublished", "deleted")


class StaffError(StoreError):
    """A refused staff operation: ``status`` is the HTTP status the API answers with."""

    def __init__(self, status: int, code: str, message_ja: str, message_en: str, details: Any = None):
        super().__init__(code, message_ja, message_en)
        self.status, self.details = status, details


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return utcnow()


# --- accounts --------------------------------------------------------------------------------------------
def _check_org(s: Session, organization: str | None) -> None:
    if organization is not None and s.get(Organization, organization) is None:
        known = list(s.scalars(select(Organization.id).order_by(Organization.id)))
        raise StaffError(422, "organization-unknown", f"担当課「{organization}」は登録されていません。",
                         f"unknown organization {organization!r}", {"organizations": known})


def _check_role(role: str, organization: str | None) -> None:
    if role not in ROLES:
        raise StaffError(422, "role-invalid", f"役割「{role}」は admin か editor です。",
                         f"role must be admin or editor, not {role!r}", {"roles": list(ROLES)})
    if role == "editor" and not organization:
        raise StaffError(422, "organization-required", "editor には担当課（organization）が必要です。",
                         "an editor needs an organization")


def get_user(s: Session, name: str) -> User:
    u = s.scalar(select(User).where(User.name == name))
    if u is None:
        raise StaffError(404, "user-not-found", f"利用者「{name}」はいません。", f"no user {name!r}", {"user": name})
    return u


def create_user(store: Store, name: str, role: str, organization: str | None = None,
                display_name: str | None = None) -> User:
    name = name.strip()
    if not USER_RE.match(name):
        raise StaffError(422, "user-name-invalid", f"利用者名「{name}」は半角英数字と . _ @ - で100文字以内にしてください。",
                         f"user name {name!r} must be ASCII letters, digits, '.', '_', '@' or '-' (≤ 100)")
    organization = organization or None
    _check_role(role, organization)
    with store.session() as s:
        _check_org(s, organization)
        if s.scalar(select(User.id).where(User.name == name)) is not None:
            raise StaffError(409, "user-exists", f"利用者「{name}」はすでにいます。", f"user {name!r} already exists",
                             {"user": name})
        u = User(name=name, role=role, organization_id=organization, display_name=display_name, active=True)
        s.add(u)
        s.flush()
    return u


def update_user(store: Store, name: str, *, role: str | None = None, organization: str | None = None,
                active: bool | None = None, display_name: str | None = None) -> User:
    with store.session() as s:
        u = get_user(s, name)
        new_role = role or u.role
        new_org = organization if organization is not None else u.organization_id
        new_org = new_org or None
        _check_role(new_role, new_org)
        _check_org(s, new_org)
        u.role, u.organization_id = new_role, new_org
        if active is not None:
            u.active = active
        if display_name is not None:
            u.display_name = display_name or None
        s.flush()
    return u


@dataclass
class UserInfo:
    user: User
    tokens_active: int


def list_users(store: Store) -> list[UserInfo]:
    now = _now()
    with store.Session() as s:
        users = list(s.scalars(select(User).order_by(User.name)))
        counts = dict(s.execute(
            select(ApiToken.user_id, func.count()).where(ApiToken.revoked_at.is_(None))
            .where((ApiToken.expires_at.is_(None)) | (ApiToken.expires_at > now)).group_by(ApiToken.user_id)).all())
    return [UserInfo(u, int(counts.get(u.id, 0))) for u in users]


def issue_token(store: Store, user_name: str, *, expires_days: int | None = None,
                label: str | None = None) -> tuple[ApiToken, str]:
    """A new token for the user: (record, the token).  The token is not stored and cannot be shown again."""
    if expires_days is not None and not 1 <= expires_days <= 3660:
        raise StaffError(422, "expiry-invalid", "有効期限の日数は1〜3660日です。", "expires_days must be 1 to 3660")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with store.session() as s:
        u = get_user(s, user_name)
        if not u.active:
            raise StaffError(409, "user-disabled", f"利用者「{u.name}」は無効です。", f"user {u.name!r} is disabled")
        now = _now()
        t = ApiToken(user_id=u.id, token_hash=hash_token(secret), prefix=secret[:10], label=label, created_at=now,
                     expires_at=now + dt.timedelta(days=expires_days) if expires_days else None)
        s.add(t)
        s.flush()
        s.refresh(t, ["user"])
    return t, secret


def list_tokens(store: Store, user_name: str) -> list[ApiToken]:
    with store.Session() as s:
        u = get_user(s, user_name)
        return list(s.scalars(select(ApiToken).where(ApiToken.user_id == u.id).order_by(ApiToken.id)))


def get_token(store: Store, token_id: int) -> ApiToken:
    with store.Session() as s:
        t = s.get(ApiToken, token_id)
        if t is None:
            raise StaffError(404, "token-not-found", f"トークン {token_id} はありません。", f"no token {token_id}",
                             {"token_id": token_id})
        return t


def revoke_token(store: Store, token_id: int) -> ApiToken:
    """Revoke a token (idempotent: revoking twice keeps the first time)."""
    with store.session() as s:
        t = s.get(ApiToken, token_id)
        if t is None:
            raise StaffError(404, "token-not-found", f"トークン {token_id} はありません。", f"no token {token_id}",
                             {"token_id": token_id})
        if t.revoked_at is None:
            t.revoked_at = _now()
        s.flush()
    return t


def token_state(t: ApiToken, now: dt.datetime | None = None) -> str:
    now = now or _now()
    if t.revoked_at is not None:
        return "revoked"
    if t.expires_at is not None and t.expires_at <= now:
        return "expired"
    return "active"


def authenticate(store: Store, token: str) -> tuple[User, ApiToken]:
    """The user of a token, or StaffError 401 (invalid, expired, revoked, disabled user)."""
    invalid = StaffError(401, "token-invalid", "APIトークンが正しくありません。", "invalid API token")
    token = token.strip()
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        raise invalid
    now = _now()
    with store.Session() as s:
        t = s.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token)))
        if t is None:
            raise invalid
        state = token_state(t, now)
        if state == "revoked":
            raise StaffError(401, "token-revoked", "このAPIトークンは失効しています（取り消し済み）。",
                             "this API token has been revoked")
        if state == "expired":
            raise StaffError(401, "token-expired", "このAPIトークンは有効期限が切れています。新しいトークンを発行してください。",
                             "this API token has expired; issue a new one")
        u = t.user
        if not u.active:
            raise StaffError(401, "user-disabled", f"利用者「{u.name}」は無効になっています。", f"user {u.name!r} is disabled")
        if t.last_used_at is None or now - t.last_used_at > LAST_USED_EVERY:
            s.execute(update(ApiToken).where(ApiToken.id == t.id).values(last_used_at=now)
                      .execution_options(synchronize_session=False))
            s.commit()
            t.last_used_at = now
        return u, t


# --- a dataset's life cycle ------------------------------------------------------------------------------
_TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "unpublish": (("published",), "unpublished"),
    "republish": (("unpublished",), "published"),
    "delete": (("draft", "published", "unpublished"), "deleted"),
    "restore": (("deleted",), ""),                    # back to the state before the deletion
}
_STATE_JA = {"draft": "下書き", "published": "公開中", "unpublished": "非公開", "deleted": "削除済み"}
_ACTION_JA = {"unpublish": "非公開にする", "republish": "再公開する", "delete": "削除する", "restore": "元に戻す"}


def change_state(store: Store, dataset_id: str, action: str) -> Dataset:
    """unpublish | republish | delete | restore, then ``reindex`` (search and facets follow the state)."""
    allowed, target = _TRANSITIONS[action]
    with store.session() as s:
        ds = s.get(Dataset, dataset_id, with_for_update={"of": Dataset})
        if ds is None:
            raise StaffError(404, "dataset-not-found", f"データセット「{dataset_id}」は見つかりません。",
                             f"dataset {dataset_id!r} not found", {"dataset": dataset_id})
        if ds.state not in allowed:
            raise StaffError(409, "invalid-state",
                             f"データセット「{ds.id}」は{_STATE_JA.get(ds.state, ds.state)}のため、{_ACTION_JA[action]}ことはできません。",
                             f"dataset {ds.id!r} is {ds.state}: cannot {action}", {"state": ds.state, "allowed": list(allowed)})
        if action == "republish" and ds.current_version_id is None:
            raise StaffError(409, "no-version", "公開された版がないため再公開できません。", "no published version to republish")
        if action == "delete":
            ds.previous_state, ds.deleted_at, ds.state = ds.state, _now(), "deleted"
        elif action == "restore":
            back = ds.previous_state if ds.previous_state in ("draft", "published", "unpublished") else "unpublished"
            if back == "published" and ds.current_version_id is None:
                back = "draft"
            ds.state, ds.previous_state, ds.deleted_at = back, None, None
        else:
            ds.state = target
        ds.updated_at = _now()            # the public catalogue caches follow updated_at
        s.flush()
        reindex(s, ds)
    return ds


def purge_due(store: Store, *, retention_days: int | None = None, now: dt.datetime | None = None) -> list[Dataset]:
    """The deleted datasets whose retention period is over."""
    days = store.settings.delete_retention_days if retention_days is None else retention_days
    cutoff = (now or _now()) - dt.timedelta(days=days)
    with store.Session() as s:
        return list(s.scalars(select(Dataset).where(Dataset.state == "deleted", Dataset.deleted_at <= cutoff)
                              .order_by(Dataset.id)))


def purge(store: Store, *, retention_days: int | None = None, now: dt.datetime | None = None,
          dry_run: bool = False) -> list[str]:
    """Remove for good the datasets deleted more than ``retention_days`` ago (default: the setting).

    Their versions, distributions, rows tables and search entries go; the files stay (content-addressed;
    the uploads are kept forever and jobs keep pointing at them).  Returns the removed ids."""
    due = [d.id for d in purge_due(store, retention_days=retention_days, now=now)]
    if dry_run:
        return due
    done = []
    for ds_id in due:
        with store.session() as s:
            ds = s.get(Dataset, ds_id, with_for_update={"of": Dataset})
            if ds is None or ds.state != "deleted":        # restored or purged meanwhile
                continue
            versions = s.execute(select(Version.id, Version.rows_table).where(Version.dataset_id == ds_id)).all()
            vids = [v.id for v in versions]
            s.execute(update(Job).where(Job.dataset_id == ds_id).values(dataset_id=None))
            if vids:
                s.execute(update(Job).where(Job.version_id.in_(vids)).values(version_id=None))
            ds.current_version_id = None
            s.flush()
            s.execute(delete(Distribution).where(Distribution.dataset_id == ds_id))
            s.execute(delete(Version).where(Version.dataset_id == ds_id))
            s.execute(delete(DatasetFacet).where(DatasetFacet.dataset_id == ds_id))
            s.execute(delete(DatasetSearch).where(DatasetSearch.dataset_id == ds_id))
            if s.get_bind().dialect.name == "sqlite":
                for table in ("dataset_fts", "dataset_fts2"):
                    s.execute(text(f"DELETE FROM {table} WHERE dataset_id = :id"), {"id": ds_id})
            s.expunge(ds)
            s.execute(delete(Dataset).where(Dataset.id == ds_id))
            conn = s.connection()
            for v in versions:
                if v.rows_table:
                    rowsmod.drop_table(conn, v.rows_table)
        done.append(ds_id)
    return done


# --- the dataset's recipe --------------------------------------------------------------------------------
def save_recipe(s: Session, dataset_id: str, recipe_yaml: str | None) -> None:
    ds = s.get(Dataset, dataset_id)
    if ds is not None and recipe_yaml:
        ds.recipe_yaml, ds.recipe_updated_at = recipe_yaml, _now()


def dataset_recipe(s: Session, ds: Dataset) -> str | None:
    """The recipe the next upload of the dataset converts with: the one saved by the staff flow, else the
    current version's (e.g. from datasets/<id>/recipe.yaml via ``opendata build``)."""
    if ds.recipe_yaml:
        return ds.recipe_yaml
    if ds.current_version_id:
        v = s.get(Version, ds.current_version_id)
        return v.recipe_yaml if v else None
    return None


# --- metadata as the dataset.yaml mapping ----------------------------------------------------------------
def meta_mapping(ds: Dataset) -> dict[str, Any]:
    """A dataset's metadata in the dataset.yaml shape ``DatasetMeta.from_mapping`` validates."""
    d: dict[str, Any] = {
        "title": ds.title, "description": ds.description, "organization": ds.organization_id,
        "standard": ds.standard or "none", "keywords": list(ds.keywords or []), "themes": list(ds.themes or []),
        "spatial": ds.spatial, "license": ds.license, "accrual_periodicity": ds.accrual_periodicity,
        "issued": ds.issued.isoformat() if ds.issued else None,
        "modified": ds.modified.isoformat() if ds.modified else None,
        "landing_page": ds.landing_page, "contact": dict(ds.contact) if ds.contact else None, "sample": ds.sample,
        "publisher_code": ds.publisher_code, "source_note": ds.source_note,
    }
    if ds.temporal_start or ds.temporal_end:
        d["temporal"] = {"start": ds.temporal_start.isoformat() if ds.temporal_start else None,
                         "end": ds.temporal_end.isoformat() if ds.temporal_end else None}
    for k, v in (ds.extra or {}).items():
        d.setdefault(k, v)
    return d


def organization_ids(s: Session) -> set[str]:
    return set(s.scalars(select(Organization.id)))


def datasets_of(s: Session, ids: Iterable[str]) -> dict[str, Dataset]:
    ids = list(ids)
    return {d.id: d for d in s.scalars(select(Dataset).where(Dataset.id.in_(ids)))} if ids else {}

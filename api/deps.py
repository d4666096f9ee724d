"""Shared helpers of the routers: the store, the URL builder, JSON responses with ETags, look-ups."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from opendata.metadata.links import Links
from opendata.store import Dataset, Store, Version

from .errors import ApiError


def store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def links(request: Request) -> Links:
    base = store(request).settings.base_url or str(request.base_url).rstrip("/")
    return Links(base)


def cached_response(request: Request, content: str | bytes, media_type: str, *, max_age: int = 60,
                    headers: dict[str, str] | None = None) -> Response:
    """A response with a strong ETag of its content; If-None-Match → 304."""
    data = content.encode() if isinstance(content, str) else content
    etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
    h = {"ETag": etag, "Cache-Control": f"public, max-age={max_age}", **(headers or {})}
    inm = request.headers.get("if-none-match")
    if inm and (inm.strip() == "*" or etag in [t.strip().removeprefix("W/") for t in inm.split(",")]):
        return Response(status_code=304, headers=h)
    return Response(data, media_type=media_type, headers=h)


def json_response(request: Request, data: Any, *, max_age: int = 60, media_type: str = "application/json",
                  headers: dict[str, str] | None = None) -> Response:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return cached_response(request, text, media_type, max_age=max_age, headers=headers)


def get_dataset(s: Session, dataset_id: str) -> Dataset:
    ds = s.scalar(select(Dataset).where(Dataset.id == dataset_id, Dataset.state == "published")
                  .options(selectinload(Dataset.current_version).selectinload(Version.distributions)))
    if ds is None:
        raise ApiError(404, "dataset-not-found", f"データセット「{dataset_id}」は見つかりません。",
                       f"dataset {dataset_id!r} not found", {"dataset": dataset_id})
    return ds


def get_version(s: Session, ds: Dataset, number: int | None) -> Version:
    """The given version of a dataset, or its current version when ``number`` is None."""
    if number is None:
        if ds.current_version is None:
            raise ApiError(404, "version-not-found", f"データセット「{ds.id}」にはまだ公開された版がありません。",
                           f"dataset {ds.id!r} has no published version")
        return ds.current_version
    v = s.scalar(select(Version).where(Version.dataset_id == ds.id, Version.number == number))
    if v is None:
        numbers = list(s.scalars(select(Version.number).where(Version.dataset_id == ds.id).order_by(Version.number)))
        raise ApiError(404, "version-not-found", f"データセット「{ds.id}」に第{number}版はありません。",
                       f"dataset {ds.id!r} has no version {number}", {"versions": numbers})
    return v

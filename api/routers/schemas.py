"""The standard datasets' Table Schemas (the ``dct:conformsTo`` targets of the catalogue)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

import schemas as sch

from ..errors import ApiError, responses

router = APIRouter(prefix="/api/v1", tags=["schemas"])


@router.get("/schemas", summary="標準データセットの一覧 / standard datasets",
            responses={200: {"content": {"application/json": {"example": {"datasets": [
                {"id": "2021/aed", "nameJa": "AED設置箇所一覧", "generation": "2021", "status": "available"}]}}}}})
def list_schemas() -> dict[str, Any]:
    return sch.index()


@router.get("/schemas/{generation}/{slug}", summary="Table Schema of one standard dataset",
            responses={200: {"content": {"application/json": {"example": {
                "name": "aed-2021", "title": "AED設置箇所一覧", "fields": [{"name": "名称", "type": "string"}]}}}},
                **responses(404)})
def get_schema(generation: str, slug: str) -> dict[str, Any]:
    try:
        return sch.load(f"{generation}/{slug}")
    except KeyError:
        raise ApiError(404, "schema-not-found", f"標準データセット「{generation}/{slug}」は見つかりません。",
                       f"standard dataset {generation}/{slug} not found") from None

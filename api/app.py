"""FastAPI application factory (the service grows in issue 4; this is its entry point)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

import schemas as sch
from opendata import __version__


def create_app() -> FastAPI:
    app = FastAPI(title="鳥取市オープンデータ / Tottori City Open Data", version=__version__)

    @app.get("/api/v1/schemas", summary="標準データセットの一覧 / standard datasets")
    def list_schemas() -> dict[str, Any]:
        return sch.index()

    @app.get("/api/v1/schemas/{generation}/{slug}", summary="Table Schema of one standard dataset")
    def get_schema(generation: str, slug: str) -> dict[str, Any]:
        from fastapi import HTTPException

        try:
            return sch.load(f"{generation}/{slug}")
        except KeyError:
            raise HTTPException(404, {"code": "not-found", "message_ja": "見つかりません", "message_en": "not found"}) from None

    return app

"""FastAPI application factory: ``create_app()`` (``uvicorn --factory api.app:create_app``).

Settings come from the environment (``OPENDATA_DATABASE_URL``, ``OPENDATA_DATA_DIR``, ``OPENDATA_BASE_URL``)
unless a ``Settings`` or a ready ``Store`` is passed (tests).  The database must be migrated:
``opendata serve`` does it before starting.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from sqlalchemy import text

from opendata import __version__
from opendata.store import Settings, Store

from . import errors
from .deps import links, store
from .routers import catalog, datasets, downloads, rows, schemas, staff, versions

DESCRIPTION = """
鳥取市のオープンデータカタログの公開API（認証不要・読み取り専用）です。
The public, read-only API of the Tottori City open-data catalogue.

* **検索 / search** — `GET /api/v1/datasets?q=避難` (Japanese full text, facets, keyset pagination)
* **メタデータ / metadata** — `GET /api/v1/datasets/{id}` as JSON, DCAT JSON-LD, Turtle or schema.org
  (`?format=` or the Accept header); the whole catalogue at `/catalog.jsonld` and `/catalog.ttl`
* **データ / rows** — `GET /api/v1/datasets/{id}/rows?名称__contains=公園`
* **ダウンロード / downloads** — CSV, CSV for Excel (BOM), JSON, GeoJSON, datapackage.json and the original
  file, for every version (`/versions/{n}/download/{name}`); streamed, with ETag and Range
* **版と差分 / versions and diffs** — `GET /api/v1/datasets/{id}/versions`, `/diff?from=1&to=2`

エラーはすべて同じ形です / every error has the same shape:
`{"error": {"code", "message_ja", "message_en", "details"}}`.
"""

TAGS = [
    {"name": "datasets", "description": "データセットの検索とメタデータ / search and metadata"},
    {"name": "rows", "description": "データの行 / the data, filtered"},
    {"name": "downloads", "description": "ダウンロード / downloads of every version"},
    {"name": "versions", "description": "版・レポート・差分 / versions, reports, diffs"},
    {"name": "catalog", "description": "カタログ全体（DCAT）/ the whole catalogue as DCAT"},
    {"name": "organizations", "description": "担当課 / publishing departments"},
    {"name": "schemas", "description": "標準データセットのスキーマ / standard dataset schemas"},
    {"name": "service", "description": "サービスの状態 / service"},
]


def create_app(settings: Settings | None = None, *, store_: Store | None = None) -> FastAPI:
    st = store_ or Store(settings or Settings.from_env())

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        staff.start(app)
        yield
        staff.stop(app)
        if store_ is None:
            st.close()

    app = FastAPI(title="鳥取市オープンデータ / Tottori City Open Data", version=__version__, description=DESCRIPTION,
                  openapi_tags=TAGS, lifespan=lifespan)
    app.state.store = st
    errors.install(app)
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "HEAD", "OPTIONS"],
                       allow_headers=["*"], max_age=86400,
                       expose_headers=["ETag", "Content-Range", "Content-Disposition", "Content-Length",
                                       "Accept-Ranges", "Link", "X-Opendata-Sample", "X-Opendata-Version"])
    for r in (datasets.router, rows.router, versions.router, downloads.router, catalog.router, schemas.router):
        app.include_router(r)
    staff.install(app)          # the staff API (docs/staff.md): routers, its errors, the background job runner

    @app.get("/", tags=["service"], summary="APIの入口 / entry point with links",
             responses={200: {"content": {"application/json": {"example": {
                 "name": "鳥取市オープンデータ / Tottori City Open Data", "datasets": "http://127.0.0.1:8000/api/v1/datasets"}}}}})
    def root(request: Request) -> dict[str, Any]:
        lk = links(request)
        return {"name": "鳥取市オープンデータ / Tottori City Open Data", "version": __version__,
                "datasets": f"{lk.base}/api/v1/datasets", "organizations": f"{lk.base}/api/v1/organizations",
                "catalog": {"jsonld": lk.catalog("jsonld"), "turtle": lk.catalog("ttl"), "rdfxml": lk.catalog("rdf")},
                "schemas": f"{lk.base}/api/v1/schemas", "docs": f"{lk.base}/docs", "openapi": f"{lk.base}/openapi.json"}

    @app.get("/healthz", tags=["service"], summary="稼働確認 / health check",
             responses={200: {"content": {"application/json": {"example": {"status": "ok", "database": "ok"}}}},
                        503: {"model": errors.ErrorResponse, "description": "database unreachable"}})
    def healthz(request: Request) -> JSONResponse:
        try:
            with store(request).engine.connect() as c:
                c.execute(text("SELECT 1"))
        except Exception:
            return errors.error_response(503, "database-unavailable", "データベースに接続できません。",
                                         "the database is unreachable")
        return JSONResponse({"status": "ok", "database": "ok"})

    return app

"""One error shape for every response that is not a success:

    {"error": {"code": "dataset-not-found", "message_ja": "…", "message_en": "…", "details": …}}

with the right HTTP status.  Unexpected exceptions are logged with an id that the client sees, never a
traceback.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from opendata.store import StoreError

log = logging.getLogger("opendata.api")


class ApiError(Exception):
    def __init__(self, status: int, code: str, message_ja: str, message_en: str, details: Any = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message_en)
        self.status, self.code, self.message_ja, self.message_en = status, code, message_ja, message_en
        self.details, self.headers = details, headers


class ErrorBody(BaseModel):
    code: str = Field(description="機械向けの安定したコード / stable machine-readable code")
    message_ja: str = Field(description="日本語の説明 / message in Japanese")
    message_en: str = Field(description="英語の説明 / message in English")
    details: Any = Field(None, description="補足（パラメータ名、使える値など）/ details (parameter, allowed values …)")


class ErrorResponse(BaseModel):
    error: ErrorBody


def body(code: str, message_ja: str, message_en: str, details: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message_ja": message_ja, "message_en": message_en, "details": details}}


def error_response(status: int, code: str, message_ja: str, message_en: str, details: Any = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(jsonable_encoder(body(code, message_ja, message_en, details)), status_code=status,
                        headers=headers)


def not_found(what_ja: str, what_en: str, code: str = "not-found", details: Any = None) -> ApiError:
    return ApiError(404, code, f"{what_ja}は見つかりません。", f"{what_en} not found", details)


HTTP_MESSAGES = {
    400: ("bad-request", "リクエストが正しくありません。", "Bad request."),
    404: ("not-found", "ページが見つかりません。URLを確認してください。", "Not found. Check the URL."),
    405: ("method-not-allowed", "この操作（HTTPメソッド）は使えません。", "Method not allowed."),
    406: ("not-acceptable", "指定された形式では提供していません。", "Not acceptable."),
    413: ("too-large", "リクエストが大きすぎます。", "Request too large."),
    416: ("range-not-satisfiable", "指定された範囲（Range）はファイルの外です。", "Range not satisfiable."),
}


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message_ja, exc.message_en, exc.details, exc.headers)

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError) -> JSONResponse:
        return error_response(404, exc.code, exc.message_ja, exc.message_en)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, ja, en = HTTP_MESSAGES.get(exc.status_code, ("http-error", "リクエストを処理できませんでした。",
                                                           "The request could not be processed."))
        details = exc.detail if isinstance(exc.detail, dict | list) else None
        if isinstance(exc.detail, dict) and {"code", "message_ja", "message_en"} <= exc.detail.keys():
            code, ja, en, details = exc.detail["code"], exc.detail["message_ja"], exc.detail["message_en"], \
                exc.detail.get("details")
        return error_response(exc.status_code, code, ja, en, details, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        items = []
        for e in exc.errors():
            loc = [str(x) for x in e.get("loc", ())]
            items.append({"parameter": loc[-1] if loc else "", "location": loc[0] if loc else "",
                          "message": e.get("msg", ""), "type": e.get("type", "")})
        names = "、".join(dict.fromkeys(i["parameter"] for i in items if i["parameter"]))
        return error_response(422, "invalid-parameter",
                              f"パラメータの値が正しくありません（{names}）。" if names else "パラメータの値が正しくありません。",
                              f"invalid parameter value ({', '.join(dict.fromkeys(i['parameter'] for i in items))})",
                              items)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        error_id = uuid.uuid4().hex[:12]
        log.exception("unexpected error %s on %s %s", error_id, request.method, request.url.path)
        return error_response(500, "internal-error",
                              f"サーバー内部でエラーが発生しました。時間をおいて再度お試しください（エラーID: {error_id}）。",
                              f"Internal server error (error id {error_id}).", {"error_id": error_id})


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error statuses a route can return, with an example each."""
    examples = {
        400: body("unknown-column", "列「名前」はこのデータにありません。", "no column '名前' in this dataset",
                  {"parameter": "名前__contains", "columns": ["ID", "名称", "緯度", "経度"]}),
        404: body("dataset-not-found", "データセット「aed」は見つかりません。", "dataset 'aed' not found"),
        416: body("range-not-satisfiable", "指定された範囲（Range）はファイルの外です。", "Range not satisfiable."),
        422: body("invalid-parameter", "パラメータの値が正しくありません（limit）。", "invalid parameter value (limit)",
                  [{"parameter": "limit", "location": "query", "message": "Input should be less than or equal to 100",
                    "type": "less_than_equal"}]),
    }
    desc = {400: "条件の誤り / invalid filter, sort or cursor", 404: "見つからない / not found",
            416: "範囲外 / range not satisfiable", 422: "パラメータの誤り / invalid parameter"}
    return {s: {"model": ErrorResponse, "description": desc[s],
                "content": {"application/json": {"example": examples[s]}}} for s in statuses}

"""Downloads of every version: CSV (UTF-8), CSV for Excel (UTF-8 with BOM), JSON, GeoJSON, datapackage.json
and the original upload.  Streamed with ETag / If-None-Match, Range and HEAD; versioned URLs are immutable."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from opendata.metadata.vocab import FORMATS, LICENCES
from opendata.store import Dataset, Distribution, Version

from ..deps import get_dataset, get_version, links, store
from ..errors import ApiError, responses
from ..fileserve import serve_file

router = APIRouter(prefix="/api/v1/datasets/{dataset_id}", tags=["downloads"])

MEDIA = {"csv": "text/csv; charset=utf-8; header=present", "csv-bom": "text/csv; charset=utf-8; header=present",
         "json": "application/json", "geojson": "application/geo+json", "datapackage": "application/json"}

DESCRIPTION = (
    "`name`: a kind — `csv` (UTF-8, the standard format), `csv-bom` (UTF-8 with BOM: Excel opens it without "
    "garbling), `json`, `geojson` (only when the data has 緯度 and 経度), `datapackage` (Frictionless "
    "datapackage.json with the Table Schema; its resource path is relative, so it resolves next to this URL), "
    "`original` (the file the department submitted) — or a file name listed in the version's distributions. "
    "Responses stream (constant memory), carry a strong ETag (the sha256), honour If-None-Match (304), "
    "Range / If-Range (206, a single range) and HEAD. Sample data is labelled with `X-Opendata-Sample: true`.")

OK: dict[int | str, dict[str, Any]] = {200: {"description": "ファイル / the file", "content": {"text/csv": {"example": "ID,名称,緯度,経度\r\n1,鳥取市役所,35.5011,134.2351\r\n"}}},
      206: {"description": "Range の部分 / partial content"}, 304: {"description": "変更なし / not modified"}}


def _pick(v: Version, name: str) -> Distribution:
    by_kind = {d.kind: d for d in v.distributions}
    if name in by_kind:
        return by_kind[name]
    for d in v.distributions:
        if d.kind != "original" and d.file_name == name:
            return d
    for d in v.distributions:
        if d.kind == "original" and d.file_name == name:
            return d
    raise ApiError(404, "file-not-found", f"この版に「{name}」というファイルはありません。",
                   f"no file {name!r} in this version",
                   {"available": sorted({d.kind for d in v.distributions} | {d.file_name for d in v.distributions})})


def _serve(request: Request, ds: Dataset, v: Version, d: Distribution, immutable: bool) -> Response:
    st = store(request)
    lk = links(request)
    lic = LICENCES.get(d.license)
    link = [f'<{lk.dataset(ds.id)}>; rel="describedby"']
    if lic:
        link.append(f'<{lic.uri}>; rel="license"')
    headers = {"Link": ", ".join(link), "X-Opendata-Version": str(v.number)}
    if ds.sample:
        headers["X-Opendata-Sample"] = "true"
    media = MEDIA.get(d.kind) or d.media_type or FORMATS["original"]["media_type"]
    return serve_file(request, st.files.path(d.sha256), sha256=d.sha256, size=d.byte_size, media_type=media,
                      filename=d.file_name, last_modified=v.created_at, immutable=immutable, headers=headers,
                      inline=d.kind == "datapackage")


@router.head("/download/{name}", include_in_schema=False)
@router.get("/download/{name}", summary="現在の版をダウンロード / download (current version)",
                  description=DESCRIPTION + " This URL follows the current version (short cache, revalidate with the ETag).",
                  responses={**OK, **responses(404, 416)})
def download_current(request: Request, dataset_id: str, name: str) -> Response:
    with store(request).Session() as s:
        ds = get_dataset(s, dataset_id)
        v = get_version(s, ds, None)
        d = _pick(v, name)
    return _serve(request, ds, v, d, immutable=False)


@router.head("/versions/{number}/download/{name}", include_in_schema=False)
@router.get("/versions/{number}/download/{name}",
                  summary="版を指定してダウンロード / download a given version (immutable)",
                  description=DESCRIPTION + " A versioned URL never changes content (cached for a year).",
                  responses={**OK, **responses(404, 416, 422)})
def download_version(request: Request, dataset_id: str, number: int, name: str) -> Response:
    with store(request).Session() as s:
        ds = get_dataset(s, dataset_id)
        v = get_version(s, ds, number)
        d = _pick(v, name)
    return _serve(request, ds, v, d, immutable=True)

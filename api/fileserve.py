"""Serve an immutable stored file: streamed in chunks (memory does not grow with the file), strong ETag
(the sha256), If-None-Match / If-Modified-Since → 304, single byte ranges (Range, If-Range) → 206,
HEAD without a body.  Several ranges in one request are answered with the whole file (RFC 9110 allows it).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import Response, StreamingResponse

from .errors import error_response

CHUNK = 256 * 1024
_RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")


def content_disposition(filename: str, inline: bool = False) -> str:
    ascii_name = "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else "_" for c in filename)
    return f"{'inline' if inline else 'attachment'}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def _etag_matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    tags = [t.strip() for t in header.split(",")]
    return any(t.removeprefix("W/") == etag for t in tags)


def _iter_file(path: Path, start: int, length: int) -> Iterator[bytes]:
    with open(path, "rb") as f:
        f.seek(start)
        left = length
        while left > 0:
            chunk = f.read(min(CHUNK, left))
            if not chunk:
                break
            left -= len(chunk)
            yield chunk


def parse_range(header: str, size: int) -> tuple[int, int] | bool | None:
    """(start, end inclusive); None when the header is not a single byte range (serve everything);
    False when it cannot be satisfied."""
    m = _RANGE_RE.match(header.strip().replace(" ", ""))
    if not m:
        return None
    a, b = m.group(1), m.group(2)
    if a == "" and b == "":
        return None
    if a == "":                               # the last b bytes
        n = int(b)
        if n == 0:
            return False
        return max(0, size - n), size - 1
    start = int(a)
    end = min(int(b), size - 1) if b else size - 1
    if start >= size or start > end:
        return False
    return start, end


def serve_file(request: Request, path: Path, *, sha256: str, size: int, media_type: str, filename: str,
               last_modified: dt.datetime | None, immutable: bool, headers: dict[str, str] | None = None,
               inline: bool = False) -> Response:
    etag = f'"{sha256}"'
    h = {"ETag": etag, "Accept-Ranges": "bytes", "Content-Disposition": content_disposition(filename, inline),
         "X-Content-Type-Options": "nosniff",
         "Cache-Control": "public, max-age=31536000, immutable" if immutable else "public, max-age=60, must-revalidate",
         **(headers or {})}
    if last_modified is not None:
        h["Last-Modified"] = email.utils.format_datetime(last_modified.astimezone(dt.UTC), usegmt=True)
    inm = request.headers.get("if-none-match")
    if inm is not None:
        if _etag_matches(inm, etag):
            return Response(status_code=304, headers=h)
    elif last_modified is not None and (ims := request.headers.get("if-modified-since")):
        try:
            since = email.utils.parsedate_to_datetime(ims)
            if since.tzinfo is not None and last_modified.replace(microsecond=0) <= since:
                return Response(status_code=304, headers=h)
        except (TypeError, ValueError):
            pass
    status, start, length = 200, 0, size
    rng = request.headers.get("range")
    if_range = request.headers.get("if-range")
    if rng and (if_range is None or if_range.strip() == etag):
        r = parse_range(rng, size)
        if r is False:
            return error_response(416, "range-not-satisfiable", "指定された範囲（Range）はファイルの外です。",
                                  "Range not satisfiable.", {"size": size},
                                  headers={"Content-Range": f"bytes */{size}", "ETag": etag})
        if isinstance(r, tuple):
            start, end = r
            status, length = 206, end - start + 1
            h["Content-Range"] = f"bytes {start}-{end}/{size}"
    h["Content-Length"] = str(length)
    if request.method == "HEAD":
        return Response(status_code=status, headers=h, media_type=media_type)
    return StreamingResponse(_iter_file(path, start, length), status_code=status, headers=h, media_type=media_type)

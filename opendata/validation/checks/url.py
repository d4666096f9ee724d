"""URL fields: an absolute http(s) URL in half-width characters (frictionless' uri format accepts ftp://x)."""

from __future__ import annotations

import re

from .base import CellCheck, Finding

_URL = r"https?://[!-~]+"


class Url(CellCheck):
    name = "url"
    safe_pattern = _URL

    def check(self, value: str) -> list[Finding]:
        if re.fullmatch(_URL, value):
            return []
        return [Finding("url-format")]

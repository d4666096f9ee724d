"""URL fields: an absolute http(s) URL in half-width characters (frictionless' uri format accepts ftp://x),
whose host name has a dot (https://www/yosaitokyo.gr.jp/ is a typo for www.yosaitokyo…)."""

from __future__ import annotations

import re

from .base import CellCheck, Finding

_URL = r"https?://[!-~]+"
# printable ASCII up to the first / ? #, with a dot in it, then anything printable
_SAFE = r'https?://[!-"$-.0->@-~]*\.[!-~]*'
_HOST = re.compile(r"https?://([^/?#]*)")


class Url(CellCheck):
    name = "url"
    safe_pattern = _SAFE

    def check(self, value: str) -> list[Finding]:
        if re.fullmatch(_URL, value) and "." in _HOST.match(value).group(1):  # type: ignore[union-attr]
            return []
        return [Finding("url-format")]

"""URL fields (x-check url): full-width characters folded, spaces trimmed; nothing is added.

Refused: a value that is not one absolute http(s) URL (no scheme: "www.city…", two URLs in one cell,
spaces inside, mailto:, ftp:, text, a host name without a dot: "https://www/yosaitokyo.gr.jp/", where the dot
after www was typed as a slash) is an issue and kept; the converter never prepends "https://".
Non-ASCII path characters (日本語のパス) are left as they are.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from ._common import cell_text, changed, fold_ascii, fresh, keep_typed_on_issue, none_word, problem, shown
from .base import CellStep, FieldSpec, SafeRule, StepContext, StepResult

_TRIM = " \u3000\t\r\n"
# one absolute http(s) URL in printable ASCII with a plain host name
_SAFE = SafeRule(fullmatch=("https?://[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)+\\.?(?::[0-9]{1,5})?(?:[/?#][!-~]*)?",),
                 forbid=("(?i)https?://.*https?://",))


@lru_cache(maxsize=8192)
def normalise_url(text: str) -> StepResult:
    if (none := none_word(text)) is not None:
        return none
    s = fold_ascii(text).strip(_TRIM)
    if s == "":
        return StepResult(text)
    if len(re.findall(r"https?://", s, flags=re.I)) > 1:
        return problem(text, "url-several", f"1つのセルに複数のURLがあります（{shown(text)}）。1つにしてください",
                       f"several URLs in one cell ({shown(text)})")
    try:
        parts = urlsplit(s)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.netloc or re.search(r"\s", s):
        hint_ja = "（「http://」または「https://」で始まるURLを書きます）" if s.lower().startswith("www.") else ""
        hint_en = " (it must start with http:// or https://)" if hint_ja else ""
        return problem(text, "url-format", f"「{shown(text)}」は http(s) のURLとして正しくありません{hint_ja}",
                       f"'{shown(text)}' is not an http(s) URL{hint_en}")
    host = parts.hostname or ""
    if "." not in host:
        return problem(text, "url-format",
                       f"「{shown(text)}」のホスト名「{host}」にドメインがありません（「.」を「/」と打っていませんか）",
                       f"'{shown(text)}': the host name '{host}' has no domain (a '.' typed as '/'?)")
    if s == text:
        return StepResult(text)
    ja, en = [], []
    if s != text.strip(_TRIM):
        ja.append("全角文字を半角に")
        en.append("full-width characters to half-width")
    if text != text.strip(_TRIM):
        ja.append("前後の空白を削除")
        en.append("trimmed")
    return changed(s, "、".join(ja), "; ".join(en))


class UrlStep(CellStep):
    name = "url"

    def applies(self, field: FieldSpec) -> bool:
        return "url" in field.checks

    def safe_rule(self, field: FieldSpec) -> SafeRule:
        return _SAFE

    def apply(self, value: Any, field: FieldSpec, ctx: StepContext) -> StepResult:
        if value is None:
            return StepResult(value)
        return keep_typed_on_issue(fresh(normalise_url(cell_text(value))), value)

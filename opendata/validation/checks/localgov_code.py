"""全国地方公共団体コード: 6 digits, correct check digit, and a code that exists."""

from __future__ import annotations

import unicodedata

from converters.jp.checkdigit import complete_localgov_code, is_valid_localgov_code, localgov_check_digit
from converters.jp.localgov import by_code

from .base import CellCheck, Finding


class LocalGovCode(CellCheck):
    name = "localgov-code"
    safe_pattern = None  # existence needs the table: every distinct value is checked (codes repeat a lot)

    def check(self, value: str) -> list[Finding]:
        v = value
        norm = unicodedata.normalize("NFKC", v).strip()
        if not norm.isdigit() or not norm.isascii():
            return [Finding("localgov-code-format")]
        if norm != v:
            fix = norm if len(norm) == 6 and is_valid_localgov_code(norm) else None
            return [Finding("localgov-code-format", fix)]
        if len(v) == 5:
            return [Finding("localgov-code-length", complete_localgov_code(v), {"length": 5})]
        if len(v) == 4:
            # leading zero lost (北海道 01100 -> 1100)
            fix = complete_localgov_code("0" + v)
            return [Finding("localgov-code-length", fix, {"length": 4})]
        if len(v) != 6:
            return [Finding("localgov-code-length", None, {"length": len(v)})]
        if not is_valid_localgov_code(v):
            fix = v[:5] + str(localgov_check_digit(v[:5]))
            return [Finding("localgov-code-checkdigit", fix if by_code(fix) else None)]
        if by_code(v) is None:
            return [Finding("localgov-code-unknown")]
        return []

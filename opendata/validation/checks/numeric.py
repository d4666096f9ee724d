"""Numeric fields: half-width digits only.

frictionless reads ``int("３")`` as 3, so a full-width digit is not a type error there; the
standard (数値（半角数字）) still wants half-width digits.
"""

from __future__ import annotations

import unicodedata

from .base import CellCheck, Finding


class NumericAscii(CellCheck):
    name = "numeric-ascii"
    safe_pattern = "[ -~]*"
    explains_errors = False

    def check(self, value: str) -> list[Finding]:
        if value.isascii():
            return []
        fixed = unicodedata.normalize("NFKC", value).strip()
        return [Finding("not-halfwidth", fixed if fixed.isascii() else None,
                        {"chars": "".join(dict.fromkeys(c for c in value if not c.isascii()))})]

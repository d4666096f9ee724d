"""郵便番号: 7 half-width digits without a hyphen (1234567)."""

from __future__ import annotations

import re
import unicodedata

from .base import CellCheck, Finding


class PostalCode(CellCheck):
    name = "postal-code"
    safe_pattern = "[0-9]{7}"

    def check(self, value: str) -> list[Finding]:
        if re.fullmatch(r"[0-9]{7}", value):
            return []
        norm = re.sub(r"^〒|[\s\-‐−－ー―]", "", unicodedata.normalize("NFKC", value))
        return [Finding("postal-code-format", norm if re.fullmatch(r"[0-9]{7}", norm) else None)]

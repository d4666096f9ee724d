"""法人番号: 13 half-width digits with a correct check digit (NTA rule, spec §7.2)."""

from __future__ import annotations

import re
import unicodedata

from converters.jp.checkdigit import is_valid_corporate_number

from .base import CellCheck, Finding


class CorporateNumber(CellCheck):
    name = "corporate-number"

    def check(self, value: str) -> list[Finding]:
        norm = re.sub(r"[\s\-‐−－]", "", unicodedata.normalize("NFKC", value))
        if len(value) != 13 or not value.isascii() or not value.isdigit():
            fix = norm if len(norm) == 13 and norm.isdigit() and is_valid_corporate_number(norm) else None
            return [Finding("corporate-number-format", fix)]
        if not is_valid_corporate_number(value):
            return [Finding("corporate-number-checkdigit")]
        return []

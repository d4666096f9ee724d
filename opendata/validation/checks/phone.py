"""電話番号 / FAX番号: half-width digits with an area code, hyphenated (0857-22-8111 or (0857)22-8111)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .base import CellCheck, Finding

_OK = re.compile(r"(0[0-9]{1,4}-[0-9]{1,4}-[0-9]{3,4}|\(0[0-9]{1,4}\)[0-9]{1,4}-[0-9]{4}|0[0-9]{9,10})")


@lru_cache(maxsize=4096)
def national_format(text: str) -> str | None:
    """The number as 0857-22-8111 when phonenumbers knows it as a valid Japanese number."""
    import phonenumbers  # here: importing it takes about 35 ms and most files never need it

    norm = unicodedata.normalize("NFKC", text)
    norm = re.sub(r"[‐−ー―－]", "-", norm)
    try:
        n = phonenumbers.parse(norm, "JP")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(n):
        return None
    return phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.NATIONAL)


class Phone(CellCheck):
    name = "phone"
    safe_pattern = _OK.pattern

    def check(self, value: str) -> list[Finding]:
        v = value.strip()
        if _OK.fullmatch(v):
            return []
        if re.search(r"[,、;；/／・]|\s(?=[0-9(（])", v) and len(re.findall(r"[0-9０-９]{2,}", v)) >= 4:
            return [Finding("phone-format", None, {"detail": "に複数の番号があります。1つの番号だけを記入してください",
                                                   "detail_en": "several numbers in one cell"})]
        fix = national_format(v)
        if fix:
            return [Finding("phone-format", fix, {"detail": "の書き方が標準と異なります",
                                                  "detail_en": "not written as digits with hyphens"})]
        digits = re.sub(r"[^0-9]", "", unicodedata.normalize("NFKC", v))
        if digits and not digits.startswith("0"):
            return [Finding("phone-format", None, {"detail": "に市外局番がありません",
                                                   "detail_en": "no area code"})]
        return [Finding("phone-format", None, {"detail": "は電話番号として正しくありません（桁数を確認してください）",
                                               "detail_en": "not a valid Japanese phone number"})]

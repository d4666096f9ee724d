"""Date fields: ISO YYYY-MM-DD; 和暦, YYYY/M/D and friends are named and converted in the suggestion."""

from __future__ import annotations

from converters.jp.datetime_ja import parse_date

from .base import CellCheck, Finding


class DateCheck(CellCheck):
    name = "date"
    safe_pattern = "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"

    def check(self, value: str) -> list[Finding]:
        p = parse_date(value)
        if p.shape == "iso" and p.problem is None and value == p.iso:
            return []
        if p.problem == "era-mismatch":
            return [Finding("date-era-mismatch", None, {"detail": p.detail, "detail_en": p.detail})]
        if p.problem == "invalid":
            return [Finding("date-invalid")]
        if p.shape == "wareki":
            return [Finding("date-wareki", p.iso)]
        if p.value is not None:
            return [Finding("date-format", p.iso, {"shape": p.shape})]
        return [Finding("type-date")]

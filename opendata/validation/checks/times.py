"""Time fields: hh:mm (09:00).  9:00, 9時, ９：００, 09:00:00, 午後5時 are named with the fix."""

from __future__ import annotations

from converters.jp.datetime_ja import parse_time

from .base import CellCheck, Finding


class TimeCheck(CellCheck):
    name = "time"
    safe_pattern = "([01][0-9]|2[0-3]):[0-5][0-9]"

    def check(self, value: str) -> list[Finding]:
        p = parse_time(value)
        if p.shape == "hhmm" and p.problem is None:
            return []
        if p.problem == "range":
            return [Finding("time-range-in-cell")]
        if p.problem == "invalid":
            detail = "24時まで利用できる場合は「23:59」とし、特記事項に記入してください。" if value.strip().startswith("24") else ""
            return [Finding("time-invalid", None, {"detail": detail})]
        if p.value is not None:
            return [Finding("time-format", p.hhmm, {"shape": p.shape})]
        return [Finding("type-time")]

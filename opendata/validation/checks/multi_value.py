""";-separated multi-value fields (対象となる町会・自治会 …): other separators are named."""

from __future__ import annotations

import re

from .base import CellCheck, Finding

_OTHER = re.compile(r"[、，,；/／_＿\n]|・(?=\S)")


class MultiValue(CellCheck):
    name = "multi-value"
    safe_pattern = "[^、，,；/／_＿\n・]*"
    explains_errors = False

    def check(self, value: str) -> list[Finding]:
        m = _OTHER.search(value)
        if not m or ";" in value:
            return []
        sep = m.group()
        parts = [p.strip() for p in re.split(r"[、，,；/／_＿\n]", value) if p.strip()]
        if sep == "・":
            # ・ is also part of names (中・高等学校); only report, do not suggest
            return [Finding("multi-value-separator", None, {"sep": sep})]
        return [Finding("multi-value-separator", ";".join(parts), {"sep": sep.replace("\n", "改行")})]

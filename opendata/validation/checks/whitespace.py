"""Layout in cells: leading/trailing spaces (incl. U+3000) and line breaks inside a cell (L1-06, L1-14)."""

from __future__ import annotations

from .base import CellCheck, Finding


class SurroundingSpace(CellCheck):
    name = "surrounding-space"
    safe_pattern = "([^ 　\t\r\n].*[^ 　\t\r\n]|[^ 　\t\r\n])?"
    applies_to_all = True
    explains_errors = False

    def check(self, value: str) -> list[Finding]:
        if value and value != value.strip(" 　\t\r\n"):
            return [Finding("surrounding-space", value.strip(" 　\t\r\n"))]
        return []


class CellNewline(CellCheck):
    name = "cell-newline"
    safe_pattern = "[^\r\n]*"
    applies_to_all = True
    explains_errors = False

    def check(self, value: str) -> list[Finding]:
        s = value.strip(" 　\t\r\n")
        if "\n" in s or "\r" in s:
            return [Finding("cell-newline")]
        return []

"""Problems found in a file: a stable code, where (as a spreadsheet user counts), the value, and
messages in Japanese (for the clerk) and English."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from dataclasses import field as dc_field
from typing import Any

from .messages import render

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_JA = {ERROR: "エラー", WARNING: "警告", INFO: "情報"}


def column_letter(col: int) -> str:
    """1 -> A, 27 -> AA (as Excel labels columns)."""
    s = ""
    while col > 0:
        col, r = divmod(col - 1, 26)
        s = chr(65 + r) + s
    return s


@dataclass
class Problem:
    code: str
    severity: str
    message_ja: str
    message_en: str
    row: int | None = None          # 1 = the header row, data starts at 2 (as in Excel)
    column: int | None = None       # 1-based
    field: str | None = None
    value: str | None = None
    suggestion: str | None = None
    params: dict[str, Any] = dc_field(default_factory=dict)

    @property
    def column_letter(self) -> str | None:
        return column_letter(self.column) if self.column else None

    @property
    def location_ja(self) -> str:
        if self.row and self.column:
            return f"{self.column_letter}列{self.row}行目"
        if self.row:
            return f"{self.row}行目"
        if self.column:
            return f"{self.column_letter}列"
        return "ファイル全体"

    @property
    def location_en(self) -> str:
        if self.row and self.column:
            return f"cell {self.column_letter}{self.row}"
        if self.row:
            return f"row {self.row}"
        if self.column:
            return f"column {self.column_letter}"
        return "file"

    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.row or 0, self.column or 0, self.code, self.field or "")

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("params")
        d["column_letter"] = self.column_letter
        d["location_ja"] = self.location_ja
        d["text_ja"] = f"{self.location_ja}: {self.message_ja}"
        return {k: v for k, v in d.items() if v is not None}


def make_problem(code: str, *, row: int | None = None, column: int | None = None, field: str | None = None,
                 value: str | None = None, suggestion: str | None = None, **params: Any) -> Problem:
    params = {"field": field, "value": value, "suggestion": suggestion, **params}
    severity, ja, en = render(code, params)
    return Problem(code=code, severity=severity, message_ja=ja, message_en=en, row=row, column=column,
                   field=field, value=value, suggestion=suggestion, params=params)

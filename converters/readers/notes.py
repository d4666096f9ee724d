"""The notes a table finder writes: skipped rows by reason, empty and duplicate header names, merged
cells filled.  Every message in Japanese for the clerk, with English beside it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .base import ReadNote
from .cells import column_letter, row_text, text_of
from .header import Grid, row_slice

if TYPE_CHECKING:
    from .layout import TableLayout

_REASONS = {
    "title": ("表の上のタイトル・説明の行", "title / caption rows above the table"),
    "note": ("注・※・出典などの注記の行", "note lines (注, ※, 出典 …)"),
    "total": ("合計・小計・計の行", "total / subtotal rows"),
    "blank": ("表の中の空行", "blank rows inside the table"),
    "header-repeat": ("繰り返された見出し行（印刷ページごとの見出し）", "repeated header rows (one per printed page)"),
    "header-continuation": ("見出しとデータの間の行", "rows between the header and the data"),
    "linkdata-meta": ("LinkDataのメタデータの行", "LinkData meta rows"),
}
_NOTE_CODES = {"title": "title-rows", "note": "skipped-note", "total": "skipped-total", "blank": "skipped-blank",
               "header-repeat": "header-repeat", "header-continuation": "skipped-between"}


def _row_list(rows: list[int]) -> str:
    shown = ", ".join(str(r + 1) for r in rows[:10])
    return shown + (f" …（ほか{len(rows) - 10}行）" if len(rows) > 10 else "")


def _row_list_en(rows: list[int]) -> str:
    shown = ", ".join(str(r + 1) for r in rows[:10])
    return shown + (f" … (+{len(rows) - 10} more)" if len(rows) > 10 else "")


def skipped_notes(grid: Grid, skipped: Sequence[tuple[int, str]], c0: int, c1: int) -> list[ReadNote]:
    """One note per reason, listing the rows skipped for it (1-based)."""
    notes: list[ReadNote] = []
    by_reason: dict[str, list[int]] = {}
    for r, why in skipped:
        by_reason.setdefault(why, []).append(r)
    for why, rows in by_reason.items():
        ja, en = _REASONS.get(why, (why, why))
        first_text = row_text(row_slice(grid, rows[0], c0, c1)) if why != "blank" else None
        notes.append(ReadNote(
            _NOTE_CODES.get(why, "skipped-" + why),
            f"{ja}を読み飛ばしました（{len(rows)}行: {_row_list(rows)}行目）",
            f"skipped {en}: {len(rows)} row(s) ({_row_list_en(rows)})",
            row=rows[0] + 1, value=first_text[:200] if first_text else None))
    return notes


def footer_note(numbers: Sequence[int], first_text: str) -> ReadNote:
    """The note on a CSV's footer (``footer.py``): the records after the last blank line that are not data.
    The code of the sheet's notes under the table (``skipped_notes`` with reason ``note``), and their form of
    message, saying where the lines are."""
    rows = [n - 1 for n in numbers]
    return ReadNote(
        "skipped-note",
        f"表の下（最後の空行の後）の注記・フッターの行を読み飛ばしました（{len(rows)}行: {_row_list(rows)}行目）",
        f"skipped footer / note lines below the table (after the last blank line): {len(rows)} row(s) "
        f"({_row_list_en(rows)})",
        row=numbers[0], value=first_text[:200] or None)


def header_notes(header: list[str], c0: int, named_width: int | None = None) -> list[ReadNote]:
    """Notes on empty and duplicate header names."""
    notes: list[ReadNote] = []
    for j, name in enumerate(header):
        if name == "" and (named_width is None or j < named_width):
            notes.append(ReadNote(
                "unnamed-column",
                f"{column_letter(c0 + j)}列は見出しが空欄です（列はそのまま残し、名前は空にしました）",
                f"column {column_letter(c0 + j)} has an empty header (kept, with the name '')",
                column=c0 + j + 1, value=""))
    seen: dict[str, int] = {}
    for j, name in enumerate(header):
        if name and name in seen:
            notes.append(ReadNote(
                "duplicate-header",
                f"見出し「{name}」が{column_letter(c0 + seen[name])}列と{column_letter(c0 + j)}列に重複しています",
                f"header {name!r} appears twice (columns {column_letter(c0 + seen[name])} and {column_letter(c0 + j)})",
                column=c0 + j + 1, value=name))
        seen.setdefault(name, j)
    return notes


def describe_table(grid: Grid, t: TableLayout) -> list[ReadNote]:
    notes = skipped_notes(grid, t.skipped, t.c0, t.c1)
    if t.header_first >= 0:
        notes.extend(header_notes(t.header, t.c0))
    for m in t.fills:
        notes.append(ReadNote(
            "merged-fill",
            f"結合セル{m.ref}の値「{text_of(grid[m.r0][m.c0])}」を、結合範囲のすべてのセルに入れました",
            f"merged cells {m.ref}: the value {text_of(grid[m.r0][m.c0])!r} was filled into every cell of the range",
            row=m.r0 + 1, column=m.c0 + 1, value=m.ref))
    return notes



"""Classify cells and rows: empty / text / number / date, note lines, total rows.

Shared by the CSV reader and the spreadsheet table finder so that both decide the same way.
Everything here is pure and cheap; the per-row checks look at a few cells only, because they run
on every data row of large sheets.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from .base import CellValue

EMPTY, TEXT, NUMBER, DATE, BOOL = "e", "t", "n", "d", "b"
SPACES = " \t\r\n\u3000\xa0"

_DIGITS = "0-9０-９"
NUMERIC_RE = re.compile(
    rf"[+\-−－]?(?:[{_DIGITS}]{{1,3}}(?:[,，][{_DIGITS}]{{3}})+|[{_DIGITS}]+)(?:[.．][{_DIGITS}]+)?[%％]?"
    rf"|[+\-−－]?[.．][{_DIGITS}]+"
)
_DATE_RE = re.compile(
    rf"[{_DIGITS}]{{4}}\s*[-/.年]\s*[{_DIGITS}]{{1,2}}\s*[-/.月]\s*[{_DIGITS}]{{1,2}}\s*日?"
    rf"(?:\s+[{_DIGITS}]{{1,2}}[:：][{_DIGITS}]{{2}}(?:[:：][{_DIGITS}]{{2}})?)?"
    rf"|(?:明治|大正|昭和|平成|令和|[MTSHRmtshr])\s*(?:[{_DIGITS}]{{1,2}}|元)\s*[年./]\s*[{_DIGITS}]{{1,2}}\s*[月./]\s*[{_DIGITS}]{{1,2}}\s*日?"
    rf"|[{_DIGITS}]{{1,2}}[:：][{_DIGITS}]{{2}}(?:[:：][{_DIGITS}]{{2}})?"
)
_NOTE_RE = re.compile(
    r"(?:[※＊*]|[★☆◆◇■□](?=\s*[^\s0-9０-９])|[（(]\s*注|注\s*[0-9０-９)）:：.．、\s]|注$|出典|資料\s*[:：）)]|資料出所|出所\s*[:：]|"
    r"備考\s*[:：]|[（(]?\s*単位\s*[:：]|source\s*:|notes?\s*:)",
    re.IGNORECASE,
)
_TOTAL_RE = re.compile(
    r"(?:総|合|小|中|累|全体|全市|全県|男|女|区|市|町|村|県|郡|地区)?計(?:[（(].*[)）])?|"
    r"(?:grand\s*)?(?:sub\s*)?totals?|sum",
    re.IGNORECASE,
)


def is_empty(v: CellValue | object) -> bool:
    if v is None:
        return True
    if isinstance(v, str):
        return not v.strip(SPACES)
    return False


def kind(v: CellValue | object) -> str:
    """'e' empty, 't' text, 'n' number (also numeric text), 'd' date/time (also date-like text), 'b' bool."""
    if v is None:
        return EMPTY
    if isinstance(v, str):
        s = v.strip(SPACES)
        if not s:
            return EMPTY
        if NUMERIC_RE.fullmatch(s):
            return NUMBER
        if _DATE_RE.fullmatch(s):
            return DATE
        return TEXT
    if isinstance(v, bool):
        return BOOL
    if isinstance(v, int | float):
        return NUMBER
    if isinstance(v, dt.date | dt.time | dt.timedelta):
        return DATE
    return TEXT


def text_of(v: CellValue | object) -> str:
    """A cell as one line of text, for messages and skipped-row records."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, dt.date | dt.time):
        return v.isoformat()
    return str(v).strip(SPACES)


def row_text(cells: Sequence[CellValue | object]) -> str:
    return " | ".join(t for t in (text_of(v) for v in cells) if t)


def nonempty_count(cells: Sequence[CellValue | object]) -> int:
    n = 0
    for v in cells:
        if v is not None and v != "" and not (isinstance(v, str) and not v.strip(SPACES)):
            n += 1
    return n


def is_blank_row(cells: Sequence[CellValue | object]) -> bool:
    for v in cells:
        if v == "" or v is None:
            continue
        if isinstance(v, str) and not v.strip(SPACES):
            continue
        return False
    return True


_NOTE_START = frozenset("※＊*★☆◆◇■□（(注出資備単sSnN")
# A cell starting with one of these may make its row a note, a total or blank: rows whose first three
# cells start otherwise (and hold no 計) are data without a closer look (the readers' fast paths).
SUSPECT_START = frozenset("※＊*★☆◆◇■□（(注出資備単sSnNtTgG \t\r\n\u3000\xa0")


def classify_row(cells: Sequence[CellValue | object], width: int) -> str:
    """'blank', 'total', 'note' or '' (data) in one pass over the first few non-empty cells.

    The hot path of the spreadsheet and CSV readers: it runs once per data row.
    """
    first: object = None
    seen = 0
    for v in cells:
        if v == "" or v is None:
            continue
        if isinstance(v, str):
            s = v.strip(SPACES)
            if not s:
                continue
            if ("計" in s or s[0] in "TtSsGg") and is_total_label(s):
                return "total"
            if first is None:
                first = s
        elif first is None:
            first = v
        seen += 1
        if seen >= 3:
            break
    if seen == 0:
        return "blank"
    if isinstance(first, str) and first[0] in _NOTE_START and is_note_text(first) \
            and nonempty_count(cells) <= max(2, width // 3):
        return "note"
    return ""


def first_value(cells: Sequence[CellValue | object], limit: int | None = None) -> tuple[int, str] | None:
    for i, v in enumerate(cells if limit is None else cells[:limit]):
        if not is_empty(v):
            return i, text_of(v)
    return None


def is_note_text(s: str) -> bool:
    return bool(_NOTE_RE.match(s.strip(SPACES)))


def is_total_label(s: str) -> bool:
    t = re.sub(r"[\s\u3000]+", "", s)
    return bool(_TOTAL_RE.fullmatch(t))


def is_note_row(cells: Sequence[CellValue | object], width: int | None = None) -> bool:
    """A sparse row whose first text starts like a note: ※, 注, 出典, 資料:, (単位: …)."""
    fv = first_value(cells)
    if fv is None or not isinstance(cells[fv[0]], str) or not is_note_text(fv[1]):
        return False
    w = width if width is not None else len(cells)
    return nonempty_count(cells) <= max(2, w // 3)


def column_letter(index0: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    n = index0 + 1
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def column_index(letters: str) -> int:
    """A -> 0, AA -> 26."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n - 1

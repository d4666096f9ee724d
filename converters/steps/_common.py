"""Small helpers shared by the steps: building results, cell-to-text, width folding, caching.

Cached step functions return a ``StepResult``; :func:`fresh` hands out a copy so that a caller who
edits a result (or its ``moved`` dict) cannot change what the cache gives the next cell.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from .base import Issue, StepResult

# Full-width ASCII variants (U+FF01..U+FF5E) and the ideographic space, folded to ASCII.
FULLWIDTH_ASCII = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

# Dash look-alikes written between two digits (0857ー22ー8111, 7−5, 1―2 …).
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d\uff70\u30fc\u2500\u2501\ufe58\ufe63"
DIGIT_DASH_RE = re.compile(f"(?<=[0-9０-９])[{DASHES}](?=[0-9０-９])")
ANY_DASH_RE = re.compile(f"[{DASHES}]")


# Cell values that mean "none" in a field that holds one item (a count, a phone number, a URL …).
NONE_WORDS = frozenset({
    "-", "－", "―", "ー", "‐", "−", "–", "—", "ｰ", "--", "なし", "無し", "無", "ナシ", "該当なし", "該当無し",
    "特になし", "特に無し", "なし。", "無し。",
})


def none_word(value: str) -> StepResult | None:
    """'なし' / '-' / '該当なし' -> an empty value with a note; None for anything else."""
    s = value.strip(" \u3000\t\r\n")
    if s not in NONE_WORDS:
        return None
    return changed("", f"「{s}」は「なし」の意味として空欄にしました", f"'{s}' means none: left empty")


def fold_ascii(text: str) -> str:
    """Full-width ASCII letters, digits, symbols and U+3000 to half-width; nothing else changes."""
    return text.translate(FULLWIDTH_ASCII)


def changed(value: Any, ja: str, en: str, moved: dict[str, str] | None = None) -> StepResult:
    return StepResult(value, note_ja=ja, note_en=en, moved=moved)


def problem(value: Any, code: str, ja: str, en: str, moved: dict[str, str] | None = None) -> StepResult:
    return StepResult(value, issue=Issue(code, ja, en), moved=moved)


def fresh(r: StepResult) -> StepResult:
    """A copy of a (possibly cached) result that the caller may modify."""
    return StepResult(r.value, r.note_ja, r.note_en, r.issue, dict(r.moved) if r.moved else None)


def keep_typed_on_issue(r: StepResult, value: Any) -> StepResult:
    """When a step reports an issue on a typed cell (int, float …), the cell keeps its own value."""
    if r.issue is not None and not isinstance(value, str):
        r.value = value
    return r


def mostly_text_of(values: list[Any], matches: Callable[[str], bool], minimum: int, share: float) -> bool:
    """Do at least ``minimum`` of a column's sampled cells, and ``share`` of its non-empty ones, hold text that
    ``matches``?  (A column of Excel serials or day fractions written as text: dates.serial_text_column,
    times.fraction_text_column.)"""
    texts = [v for v in values if isinstance(v, str) and v.strip()]
    others = sum(1 for v in values if v is not None and not isinstance(v, str))
    hits = sum(1 for v in texts if matches(v))
    return hits >= minimum and hits >= share * (len(texts) + others)


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value == "")


def format_float(v: float) -> str:
    """A float as Excel shows it (15 significant digits), in plain notation: 4315.0 -> '4315', 0.1+0.2 -> '0.3'."""
    if not math.isfinite(v):
        return str(v)
    d = Decimal(f"{v:.15g}")
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def cell_text(value: Any) -> str:
    """A non-text cell as the text it stands for (lossless; no judgement)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_float(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ") if (value.hour, value.minute, value.second, value.microsecond) != (0, 0, 0, 0) \
            else value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S") if value.second else value.strftime("%H:%M")
    return str(value)


def shown(value: Any) -> str:
    """A value quoted for a message, shortened."""
    s = cell_text(value)
    return s if len(s) <= 40 else s[:39] + "…"

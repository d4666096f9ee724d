"""Per-column facts of a spreadsheet table, noted once per column: Excel dates/times, numbers stored
as text, whole numbers stored as floats (made ``int``), durations (made ``time``).

Runs over every data cell of a table, so it works column by column with C-level helpers
(``map(type, …)``) and only looks closer at columns whose types call for it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from .base import ReadNote, SourceRow
from .cells import NUMERIC_RE, SPACES, column_letter

SAMPLE = 200


def _label(col: int, name: str) -> tuple[str, str]:
    letter = column_letter(col)
    return (f"{letter}列（{name}）" if name else f"{letter}列"), (f"column {letter} ({name})" if name else f"column {letter}")


def _duration(v: dt.timedelta) -> dt.time | str:
    total = v.total_seconds()
    if 0 <= total < 86400:
        whole = int(total)
        micro = round((total - whole) * 1e6) % 1000000
        return dt.time(whole // 3600, whole % 3600 // 60, whole % 60, micro)
    sign = "-" if total < 0 else ""
    secs = abs(int(total))
    return f"{sign}{secs // 3600}:{secs % 3600 // 60:02d}:{secs % 60:02d}"


_BIG = float(2 ** 53)
_LEADING_ZERO = re.compile(r"(?:^|\n)0[0-9]")
_COUNTED = {dt.date, dt.datetime, dt.time, dt.timedelta}
_NUMBERS = {int, float}


def _maybe_numeric_text(values: Iterable[object]) -> bool:
    """Does a sample of the column's text look like numbers?"""
    head = itertools.islice((v for v in values if v.__class__ is str and v), SAMPLE)
    return any(NUMERIC_RE.fullmatch(v.strip(SPACES)) for v in head)  # type: ignore[attr-defined]


def _whole_floats(col: Sequence[object], all_float: bool) -> list[int]:
    """Indices of floats that hold a whole number (Excel stores every number as a float)."""
    if all_float:
        arr = np.asarray(col, dtype=np.float64)
        return np.flatnonzero((np.floor(arr) == arr) & (np.abs(arr) < _BIG)).tolist()  # type: ignore[no-any-return]
    return [i for i, v in enumerate(col)
            if v.__class__ is float and v.is_integer() and -_BIG < v < _BIG]  # type: ignore[attr-defined,operator]


def _number_texts(col: Sequence[object], all_str: bool) -> tuple[int, object, bool]:
    """(how many cells are numbers stored as text, the first of them, does one have a leading zero)."""
    if all_str:
        # a code column (every cell a non-empty run of ASCII digits) is decided on the cells joined by
        # line breaks, one pass over the cells and then C-speed string methods, no Python per cell
        joined = "\n".join(col)  # type: ignore[arg-type]
        if (joined and joined.isascii() and joined.count("\n") == len(col) - 1 and "\n\n" not in joined
                and joined[0] != "\n" and joined[-1] != "\n" and joined.replace("\n", "").isdigit()):
            return len(col), col[0], _LEADING_ZERO.search(joined) is not None
    numeric = [v for v in col if v.__class__ is str and v
               and ((v.isascii() and v.isdigit()) or NUMERIC_RE.fullmatch(v.strip(SPACES)))]  # type: ignore[attr-defined]
    leading = any(len(v) > 1 and v.startswith("0") and v[1:2].isdigit() for v in numeric)  # type: ignore[attr-defined]
    return len(numeric), (numeric[0] if numeric else None), leading


def column_notes(rows: list[SourceRow], header: list[str], c0: int) -> list[ReadNote]:
    """Normalise spreadsheet values in place and describe each column once."""
    notes: list[ReadNote] = []
    if not rows:
        return notes
    # the columns, transposed once in C (zip stops at the shortest row, as ``width`` did): about half the time of
    # picking each column's cells out of every row with itemgetter, twice for a column that needs a closer look
    cols: list[tuple[object, ...]] = list(zip(*(r.values for r in rows), strict=False))
    for j, name in enumerate(header):
        if j >= len(cols):
            break
        col = cols[j]
        kinds = set(map(type, col))
        if kinds == {str} and not _maybe_numeric_text(col):
            continue                     # the common text column: nothing to note
        # counts only where a note needs them: a second pass over a column costs as much as the first
        types: Counter[type] = (Counter(map(type, col)) if kinds & _COUNTED or (kinds & _NUMBERS and str in kinds)
                                else Counter(dict.fromkeys(kinds, 1)))
        ja, en = _label(c0 + j, name)
        if float in kinds:
            for i in _whole_floats(col, all_float=kinds == {float}):
                rows[i].values[j] = int(col[i])  # type: ignore[call-overload]
        if types.get(dt.timedelta):
            n = 0
            for i, v in enumerate(col):
                if isinstance(v, dt.timedelta):
                    rows[i].values[j] = _duration(v)
                    n += 1
            notes.append(ReadNote("excel-duration",
                                  f"{ja}の{n}セルは経過時間の形式です。24時間未満は時刻として、それ以上は「時:分:秒」の文字列として読みました",
                                  f"{en}: {n} duration cell(s); under 24 h read as a time, longer as 'h:mm:ss' text",
                                  column=c0 + j + 1, value=str(n)))
        n_dates = types.get(dt.date, 0) + types.get(dt.datetime, 0)
        n_times = types.get(dt.time, 0)
        if n_dates:
            sample = next(v for v in col if isinstance(v, dt.date))
            notes.append(ReadNote("excel-date",
                                  f"{ja}の{n_dates}セルはExcelの日付の値です。日付として読みました（例: {sample.isoformat()}）",
                                  f"{en}: {n_dates} Excel date cell(s), read as dates (e.g. {sample.isoformat()})",
                                  column=c0 + j + 1, value=str(n_dates)))
        if n_times:
            sample_t = next(v for v in col if isinstance(v, dt.time))
            notes.append(ReadNote("excel-time",
                                  f"{ja}の{n_times}セルはExcelの時刻の値です。時刻として読みました（例: {sample_t.isoformat()}）",
                                  f"{en}: {n_times} Excel time cell(s), read as times (e.g. {sample_t.isoformat()})",
                                  column=c0 + j + 1, value=str(n_times)))
        if types.get(str) and _maybe_numeric_text(col):
            n_text, first, zeros = _number_texts(col, kinds == {str})
            extra_ja = "（先頭の0を保つため文字列のまま読みました）" if zeros else "（文字列のまま読みました）"
            extra_en = " (kept as text: leading zeros)" if zeros else " (kept as text)"
            notes.append(ReadNote("number-as-text",
                                  f"{ja}の{n_text}セルは、数値が文字列として保存されています"
                                  f"（例: 「{first}」）{extra_ja}",
                                  f"{en}: {n_text} number(s) stored as text (e.g. {first!r}){extra_en}",
                                  column=c0 + j + 1, value=str(n_text)))
            n_numbers = types.get(int, 0) + types.get(float, 0)
            if n_numbers:
                notes.append(ReadNote("mixed-types",
                                      f"{ja}には数値のセル（{n_numbers}）と、数字が文字列のセル（{n_text}）が混在しています",
                                      f"{en} mixes number cells ({n_numbers}) and numbers stored as text ({n_text})",
                                      column=c0 + j + 1, value=f"{n_numbers}/{n_text}"))
    return notes

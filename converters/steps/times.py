"""Time fields -> hh:mm.

Reads 9:00, 09:00:00, 9時, 9時30分, 17時半, ９：００, 午後5時, 午前9:00, 5:30PM, Excel day fractions (also written
as text, 0.375, in a column of them: ``FieldSpec.serial_text``, decided by ``fraction_text_column``)
(0.375 when the cell came as a number) and Python time/datetime values.

A time followed by a note in parentheses (17:00（最終入館16:30まで）, 10:00（一部コーナーを除く）) keeps the time; the
parenthesis is moved out (to 備考, by the pipeline), as the flags step does with 有（2台）.  A word for "none"
(—, -, なし) leaves the field empty, with a note.

It refuses to guess: a range in one cell (9:00～17:00) is an issue, coded ``time-range-splittable``
when both ends read (the pipeline splits it into 開始/終了 with :func:`split_time_range`, which it
may do only when the 終了 field is empty), and so are 24:00, 24時間, 終日, 0900, bare numbers and words.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from functools import lru_cache
from typing import Any

from converters.jp.datetime_ja import parse_time

from ._common import changed, fresh, mostly_text_of, none_word, problem, shown
from .base import CellStep, FieldSpec, SafeRule, StepContext, StepResult

_RANGE_SPLIT_RE = re.compile(r"^(.+?)(?:~|〜|-|ー|―|‐|–|—|から)(.+?)(?:まで)?$")
_EXCEL_EPOCHS = {dt.date(1899, 12, 30), dt.date(1899, 12, 31), dt.date(1900, 1, 1)}
_SHAPE_JA = {"h:mm": "時刻を hh:mm に（0を補う）", "hh:mm:ss": "時刻を hh:mm に（秒を削除）", "kanji": "「○時○分」を hh:mm に",
             "ampm": "午前・午後表記を24時間の hh:mm に", "hhmm": "時刻を hh:mm に整形"}
_SHAPE_EN = {"h:mm": "time zero-padded to hh:mm", "hh:mm:ss": "seconds removed (hh:mm)", "kanji": "○時○分 to hh:mm",
             "ampm": "AM/PM to 24-hour hh:mm", "hhmm": "time reformatted as hh:mm"}


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=4096)
def split_time_range(text: str) -> tuple[str, str] | None:
    """'9:00～17:00', '9時から17時まで', '午前9時〜午後5時' -> ('09:00', '17:00'); None unless both ends read."""
    m = _RANGE_SPLIT_RE.match(_norm(text))
    if not m:
        return None
    a, b = parse_time(m[1]), parse_time(m[2])
    if a.hhmm is None or b.hhmm is None or a.problem or b.problem:
        return None
    return a.hhmm, b.hhmm


def _range_result(text: str) -> StepResult:
    ends = split_time_range(text)
    if ends is None:
        return problem(text, "time-range", f"1つのセルに時間帯「{shown(text)}」があります。開始と終了を分けてください",
                       f"a time range '{shown(text)}' in one cell; split start and end")
    start, end = ends
    return problem(text, "time-range-splittable",
                   f"1つのセルに時間帯「{shown(text)}」があります（開始 {start}、終了 {end}）。開始と終了を分けてください",
                   f"a time range '{shown(text)}' in one cell (start {start}, end {end}); split it")


# a time, then a note in parentheses (the note may hold times of its own: 最終入館16:30まで)
_NOTE_RE = re.compile(r"^(.+?)\s*([(（][^()（）]*[)）])$", re.S)


@lru_cache(maxsize=8192)
def _parse_text(text: str) -> StepResult:
    if text.strip() == "":
        return StepResult(text)
    if (none := none_word(text)) is not None:
        return none                      # 「—」「なし」: no time (高松市's events: 終了時間 —)
    m = _NOTE_RE.match(text.strip())
    if m and (head := parse_time(m[1])).value is not None and head.problem is None:
        hhmm, note = head.value.strftime("%H:%M"), m[2]
        return changed(hhmm, f"時刻 {hhmm} の後の括弧書き「{note}」は取り出し（備考へ）",
                       f"time {hhmm}; the parenthesis '{note}' moved out (to 備考)", {"note": note})
    p = parse_time(text)
    if p.value is not None and p.problem is None:
        hhmm = p.value.strftime("%H:%M")
        if hhmm == text:
            return StepResult(text)
        ja, en = _SHAPE_JA.get(p.shape, "時刻を hh:mm に"), _SHAPE_EN.get(p.shape, "time to hh:mm")
        if p.detail:
            ja, en = "時刻を hh:mm に（秒は切り捨て）", "time to hh:mm (seconds dropped)"
        if not text.isascii():
            ja, en = "全角文字を半角にし、" + ja, "full-width to half-width; " + en
        return changed(hhmm, ja, en)
    n = _norm(text)
    if p.problem == "range" or (_RANGE_SPLIT_RE.match(n) and split_time_range(text)):
        return _range_result(text)
    if n.startswith("24") or n in ("終日", "24時間", "24H", "24h"):
        return problem(text, "time-24h",
                       f"「{shown(text)}」は hh:mm の時刻にできません。終日利用できる場合は開始 00:00・終了 23:59 とし、"
                       "特記事項に「24時間」と書いてください",
                       f"'{shown(text)}' is not an hh:mm time; for all-day use write 00:00-23:59 and note it")
    if re.fullmatch(r"[0-9]{3,4}", n):
        return problem(text, "time-no-colon", f"「{shown(text)}」は時刻の区切り「:」がありません（例 09:00）",
                       f"'{shown(text)}' has no ':' separator (e.g. 09:00)")
    if p.problem == "invalid":
        return problem(text, "time-invalid", f"「{shown(text)}」は存在しない時刻です", f"'{shown(text)}' is not a valid time")
    return problem(text, "time-unreadable", f"「{shown(text)}」を時刻（hh:mm）として読めません",
                   f"'{shown(text)}' cannot be read as a time (hh:mm)")


# Excel day fractions written as text (小山市's 診療開始時間 0.375, 0.770833333333333: the cells lost their time format
# before the CSV was saved): read as such in a column whose first rows are mostly such numbers
_FRACTION_TEXT_RE = re.compile(r"0?\.[0-9]+")
FRACTION_COLUMN_MIN, FRACTION_COLUMN_SHARE = 3, 0.8


def _fraction_of(text: str) -> float | None:
    s = unicodedata.normalize("NFKC", text).strip()
    return float(s) if _FRACTION_TEXT_RE.fullmatch(s) else None


def fraction_text_column(values: list[Any]) -> bool:
    """Do these sampled cells of a time column hold Excel day fractions written as text (0.375)?  At least
    ``FRACTION_COLUMN_MIN`` of them, and ``FRACTION_COLUMN_SHARE`` of the non-empty ones, are decimals below 1."""
    return mostly_text_of(values, lambda v: _fraction_of(v) is not None, FRACTION_COLUMN_MIN, FRACTION_COLUMN_SHARE)


def _from_fraction(f: float) -> StepResult:
    if not math.isfinite(f) or f < 0:
        return problem(f, "time-number", f"時刻の項目に数値 {shown(f)} があります", f"the time field holds the number {shown(f)}")
    if f >= 1:
        return problem(f, "time-with-date", f"時刻の項目に日付を含む値（Excelのシリアル値 {shown(f)}）があります",
                       f"the time field holds a date-time serial ({shown(f)})")
    minutes = round(f * 1440)
    if minutes >= 1440:
        return problem(f, "time-24h", "時刻が 24:00 になります。終了 23:59 とし特記事項に書いてください",
                       "the time is 24:00; write 23:59 and explain in the notes")
    hhmm = f"{minutes // 60:02d}:{minutes % 60:02d}"
    seconds = abs(f * 86400 - minutes * 60) >= 1
    return changed(hhmm, f"Excelの時刻（1日に対する割合 {shown(f)}）を {hhmm} に変換" + ("（秒は丸めました）" if seconds else ""),
                   f"Excel day fraction {shown(f)} converted to {hhmm}" + (" (seconds rounded)" if seconds else ""))


def _from_time(t: dt.time, dropped_date: dt.date | None = None) -> StepResult:
    hhmm = t.strftime("%H:%M")
    ja, en = [], []
    if t.second or t.microsecond:
        ja.append(f"秒（{t.second}秒）を削除")
        en.append("seconds dropped")
    if dropped_date is not None:
        ja.append(f"日付 {dropped_date.isoformat()} を削除")
        en.append(f"date {dropped_date.isoformat()} dropped")
    return changed(hhmm, "、".join(ja), "; ".join(en)) if ja else StepResult(hhmm)


_SAFE = SafeRule(fullmatch=("(?:[01][0-9]|2[0-3]):[0-5][0-9]",))


class TimeStep(CellStep):
    name = "times"

    def applies(self, field: FieldSpec) -> bool:
        return field.type == "time" or "time" in field.checks

    def safe_rule(self, field: FieldSpec) -> SafeRule:
        return _SAFE

    def apply(self, value: Any, field: FieldSpec, ctx: StepContext) -> StepResult:
        if value is None:
            return StepResult(value)
        if isinstance(value, str):
            if field.serial_text and (f := _fraction_of(value)) is not None:
                r = _from_fraction(f)
                if r.issue is not None:
                    r.value = value
                return r
            return fresh(_parse_text(value))
        if isinstance(value, bool):
            return problem(value, "time-boolean", "時刻の項目に TRUE/FALSE があります", "the time field holds TRUE/FALSE")
        if isinstance(value, dt.datetime):
            d = value.date()
            return _from_time(value.time(), None if d in _EXCEL_EPOCHS else d)
        if isinstance(value, dt.time):
            return _from_time(value)
        if isinstance(value, float):
            return _from_fraction(value)
        if isinstance(value, int):
            return problem(value, "time-number", f"時刻の項目に数値 {value} があります（例 09:00 と書いてください）",
                           f"the time field holds the number {value} (write e.g. 09:00)")
        return problem(value, "time-unreadable", f"「{shown(value)}」を時刻として読めません",
                       f"'{shown(value)}' cannot be read as a time")

"""Date fields -> YYYY-MM-DD.

Reads 和暦 in every shape converters.jp.datetime_ja knows (令和6年4月1日, R6.4.1, H31/4/30, 令和元年,
kanji numerals, ㍻), YYYY/M/D, YYYY.M.D, YYYY-M-D, YYYY年M月D日, 20240401, a trailing weekday
((月), （月曜日）) that agrees with the date, a trailing 0:00 time from an Excel export, Excel serial
numbers when the cell came as a number or the column is one of serials written as text
(``FieldSpec.serial_text``, decided by ``serial_text_column`` on the first rows), and Python date/datetime values.

Month/day/year with the 4-digit year last (1/1/2023, 12/25/2023: the US form; 25/12/2023 can only be
day/month) is read when one reading alone is a date or both readings agree (day > 12, or month == day);
4/5/2023 could be 5 April or 4 May and is the issue ``date-order-ambiguous``, naming both.

It refuses to guess: era boundary violations (平成31年5月1日), impossible dates (2月30日), a year and
month without a day, two-digit years, a weekday that disagrees, and a 5-digit number written as
text (maybe a serial, maybe not) are issues; the value is kept.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import replace
from functools import lru_cache
from typing import Any

from converters.jp.datetime_ja import excel_serial_to_date, parse_date

from ._common import changed, fresh, mostly_text_of, problem, shown
from .base import CellStep, FieldSpec, SafeRule, StepContext, StepResult

_WEEKDAYS = "月火水木金土日"
_WEEKDAY_RE = re.compile(r"^(.*?)[(（]([月火水木金土日])(?:曜日?)?[)）]$")
_TIME_SUFFIX_RE = re.compile(r"^(.*?[\d日])[ T]*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$")
_SERIAL_TEXT_RE = re.compile(r"^[0-9]{5}(?:\.[0-9]+)?$")
_YEAR_LAST_RE = re.compile(r"^([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})$")
_RANGE_RE = re.compile(r"[~〜～]|から|まで|\d\s*-\s*(?:令和|平成|昭和|\d{4}[/.年])")
_SHAPE_JA = {
    "wareki": "和暦を西暦に変換", "ymd-slash": "YYYY/M/D を YYYY-MM-DD に", "ymd-dot": "YYYY.M.D を YYYY-MM-DD に",
    "ymd-hyphen": "YYYY-M-D を YYYY-MM-DD に", "ymd-kanji": "YYYY年M月D日 を YYYY-MM-DD に",
    "compact": "YYYYMMDD を YYYY-MM-DD に", "datetime": "日時から日付を取り出し", "iso": "YYYY-MM-DD に整形",
    "mdy": "月/日/年（米国式）を YYYY-MM-DD に", "dmy": "日/月/年 を YYYY-MM-DD に",
    "same": "月/日/年（月と日が同じ）を YYYY-MM-DD に",
}
_SHAPE_EN = {
    "wareki": "Japanese era date to Gregorian", "ymd-slash": "YYYY/M/D to YYYY-MM-DD",
    "ymd-dot": "YYYY.M.D to YYYY-MM-DD", "ymd-hyphen": "YYYY-M-D to YYYY-MM-DD",
    "ymd-kanji": "YYYY年M月D日 to YYYY-MM-DD", "compact": "YYYYMMDD to YYYY-MM-DD",
    "datetime": "date taken from a date-time", "iso": "reformatted as YYYY-MM-DD",
    "mdy": "month/day/year (US form) to YYYY-MM-DD", "dmy": "day/month/year to YYYY-MM-DD",
    "same": "month/day/year (month and day equal) to YYYY-MM-DD",
}
# Excel's 1900 system: serial 60 is the phantom 1900-02-29 and serials below 61 are off by a day.
_SERIAL_MIN, _SERIAL_MAX = 61, 2958465


def _serial_hint(text: str) -> tuple[str, str]:
    try:
        d = excel_serial_to_date(float(text))
    except (ValueError, OverflowError):
        return "", ""
    return f"（Excelのシリアル値なら {d.isoformat()}）", f" (as an Excel serial: {d.isoformat()})"


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _year_last(s: str) -> tuple[dt.date | None, str, StepResult | None]:
    """M/D/YYYY or D/M/YYYY: (the date, its shape) when only one reading is a date or both agree; else an issue."""
    m = _YEAR_LAST_RE.match(s)
    if m is None:
        return None, "", None
    a, b, y = int(m[1]), int(m[3]), int(m[4])
    mdy, dmy = _date(y, a, b), _date(y, b, a)
    if mdy is not None and dmy is not None and mdy != dmy:
        return None, "", problem(s, "date-order-ambiguous",
                                 f"「{s}」は月/日/年なら {mdy.isoformat()}、日/月/年なら {dmy.isoformat()} です。"
                                 "どちらか確認して YYYY-MM-DD で書いてください",
                                 f"'{s}' is {mdy.isoformat()} as month/day/year and {dmy.isoformat()} as "
                                 "day/month/year; check which and write YYYY-MM-DD")
    if mdy is not None:
        return mdy, ("same" if a == b else "mdy"), None
    if dmy is not None:
        return dmy, "dmy", None
    return None, "", problem(s, "date-invalid", f"「{s}」は存在しない日付です", f"'{s}' is not a real date")


@lru_cache(maxsize=16384)
def parse_date_text(text: str) -> StepResult:
    s = unicodedata.normalize("NFKC", text).strip()
    if s == "":
        return StepResult(text)
    weekday: str | None = None
    extra_ja: list[str] = []
    extra_en: list[str] = []
    if m := _WEEKDAY_RE.match(s):
        s, weekday = m[1].strip(), m[2]
    if m := _TIME_SUFFIX_RE.match(s):
        s = m[1]
        if (int(m[2]), int(m[3]), int(m[4] or 0)) != (0, 0, 0):
            extra_ja.append(f"時刻 {m[2]}:{m[3]} は削除")
            extra_en.append(f"time {m[2]}:{m[3]} dropped")
    p = parse_date(s)
    if p.value is None and p.problem is None:
        value, shape, issue = _year_last(s)
        if issue is not None:
            issue.value = text
            return issue
        if value is not None:
            p = replace(p, value=value, shape=shape)
    if p.problem == "era-mismatch":
        return problem(text, "date-era-mismatch",
                       f"「{shown(text)}」は存在しない和暦の日付です（{p.detail}）。正しい日付を確認してください",
                       f"'{shown(text)}' is not a valid era date ({p.detail}); check the date")
    if p.problem == "invalid":
        return problem(text, "date-invalid", f"「{shown(text)}」は存在しない日付です", f"'{shown(text)}' is not a real date")
    if p.value is None:
        if _SERIAL_TEXT_RE.match(s):
            hj, he = _serial_hint(s)
            return problem(text, "date-number-as-text",
                           f"日付の項目に数字「{s}」があります{hj}。日付を確認してください",
                           f"the date field holds the number '{s}'{he}; check the date")
        if _RANGE_RE.search(s):
            return problem(text, "date-range", f"1つのセルに期間「{shown(text)}」があります。開始日と終了日を分けてください",
                           f"a period '{shown(text)}' in one date cell; split start and end")
        return problem(text, "date-unreadable",
                       f"「{shown(text)}」を日付として読めません（年月日がそろっているか確認してください）",
                       f"'{shown(text)}' cannot be read as a date (year, month and day needed)")
    if weekday is not None and _WEEKDAYS[p.value.weekday()] != weekday:
        return problem(text, "date-weekday-mismatch",
                       f"「{shown(text)}」の曜日が日付と合いません（{p.value.isoformat()} は{_WEEKDAYS[p.value.weekday()]}曜日）",
                       f"'{shown(text)}': the weekday does not match the date ({p.value.isoformat()})")
    iso = p.value.isoformat()
    if iso == text:
        return StepResult(text)
    ja = [_SHAPE_JA.get(p.shape, "YYYY-MM-DD に")]
    en = [_SHAPE_EN.get(p.shape, "to YYYY-MM-DD")]
    if weekday is not None:
        ja.append("曜日を削除")
        en.append("weekday removed")
    return changed(iso, "、".join(ja + extra_ja), "; ".join(en + extra_en))


def _from_number(value: float) -> StepResult:
    """An Excel serial; the issue keeps the cell's own value (the caller puts it back)."""
    if not math.isfinite(value) or not (_SERIAL_MIN <= value < _SERIAL_MAX + 1):
        return problem(value, "date-number", f"日付の項目に数値 {shown(value)} があります。日付を確認してください",
                       f"the date field holds the number {shown(value)}; check the date")
    d = excel_serial_to_date(value)
    if value != int(value):
        return changed(d.isoformat(), f"Excelのシリアル値 {shown(value)} を日付に変換（時刻部分は削除）",
                       f"Excel serial {shown(value)} converted to a date (time part dropped)")
    return changed(d.isoformat(), f"Excelのシリアル値 {shown(value)} を日付に変換",
                   f"Excel serial {shown(value)} converted to a date")


# a date column whose sampled values are mostly 5-digit numbers of these dates' serials is a column of Excel serials
# written as text (the cells lost their date format before the CSV was saved: 市川市's 文化財指定日 22196 …)
_SERIAL_COLUMN_RANGE = (dt.date(1920, 1, 1), dt.date(2100, 12, 31))
SERIAL_COLUMN_MIN, SERIAL_COLUMN_SHARE = 3, 0.8


def _serial_of(text: str) -> dt.date | None:
    s = unicodedata.normalize("NFKC", text).strip()
    if not _SERIAL_TEXT_RE.match(s):
        return None
    try:
        d = excel_serial_to_date(float(s))
    except (ValueError, OverflowError):
        return None
    return d if _SERIAL_COLUMN_RANGE[0] <= d <= _SERIAL_COLUMN_RANGE[1] else None


def serial_text_column(values: list[Any]) -> bool:
    """Do these sampled cells of a date column hold Excel serial numbers written as text?  At least
    ``SERIAL_COLUMN_MIN`` of them, and ``SERIAL_COLUMN_SHARE`` of the non-empty ones, are 5-digit numbers that are
    the serials of dates from 1920 to 2100; one such number alone stays an issue (``date-number-as-text``)."""
    return mostly_text_of(values, lambda v: _serial_of(v) is not None, SERIAL_COLUMN_MIN, SERIAL_COLUMN_SHARE)


@lru_cache(maxsize=4096)
def _serial_text(text: str) -> StepResult:
    s = unicodedata.normalize("NFKC", text).strip()
    d = _serial_of(text)
    if d is None:
        return fresh(parse_date_text(text))
    return changed(d.isoformat(), f"Excelのシリアル値 {s} を日付に変換（この列の値はシリアル値の数字）",
                   f"Excel serial {s} converted to a date (the column holds serial numbers as text)")


# YYYY-MM-DD that is a real date in every month (days up to 28)
_SAFE = SafeRule(fullmatch=("[12][0-9]{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])",))


class DateStep(CellStep):
    name = "dates"

    def applies(self, field: FieldSpec) -> bool:
        return field.type == "date" or "date" in field.checks

    def safe_rule(self, field: FieldSpec) -> SafeRule:
        return _SAFE

    def apply(self, value: Any, field: FieldSpec, ctx: StepContext) -> StepResult:
        if value is None:
            return StepResult(value)
        if isinstance(value, str):
            r = parse_date_text(value)
            if field.serial_text and r.issue is not None and r.issue.code == "date-number-as-text":
                return _serial_text(value)
            return fresh(r)
        if isinstance(value, bool):
            return problem(value, "date-boolean", "日付の項目に TRUE/FALSE があります", "the date field holds TRUE/FALSE")
        if isinstance(value, dt.datetime):
            if value.time() != dt.time(0):
                return changed(value.date().isoformat(), f"日時から日付を取り出し（時刻 {value:%H:%M} は削除）",
                               f"date taken from a date-time (time {value:%H:%M} dropped)")
            return StepResult(value.date().isoformat())
        if isinstance(value, dt.date):
            return StepResult(value.isoformat())
        if isinstance(value, int) and 19000101 <= value <= 22001231:
            return fresh(parse_date_text(str(value)))     # 20240401 typed as a number
        if isinstance(value, (int, float)):
            try:
                r = _from_number(float(value))
            except OverflowError:
                return problem(value, "date-number", "日付の項目に大きすぎる数値があります",
                               "the date field holds an out-of-range number")
            if r.issue is not None:
                r.value = value
            return r
        return problem(value, "date-unreadable", f"「{shown(value)}」を日付として読めません",
                       f"'{shown(value)}' cannot be read as a date")

"""Japanese dates and times: 和暦, YYYY/M/D, 年月日, Excel serials; 9時, ９：００, 午後5時 ….

Hand-written rather than japanera: we must also name the *shape* a cell was written in (the
validator says "this is 和暦" or "this is YYYY/M/D"), and check era boundaries ourselves
(平成31年5月1日 does not exist; 令和元年4月30日 neither).  One regex per shape and a five-row era
table do both.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

# (kanji name, initial, first day, last day)
ERAS: tuple[tuple[str, str, dt.date, dt.date], ...] = (
    ("令和", "R", dt.date(2019, 5, 1), dt.date(9999, 12, 31)),
    ("平成", "H", dt.date(1989, 1, 8), dt.date(2019, 4, 30)),
    ("昭和", "S", dt.date(1926, 12, 25), dt.date(1989, 1, 7)),
    ("大正", "T", dt.date(1912, 7, 30), dt.date(1926, 12, 24)),
    ("明治", "M", dt.date(1868, 1, 25), dt.date(1912, 7, 29)),
)
_ERA_BY_KEY = {e[0]: e for e in ERAS} | {e[1]: e for e in ERAS} | {e[1].lower(): e for e in ERAS} \
    | {e[0][0]: e for e in ERAS}
# the one-kanji abbreviations (平17.4.20, 昭54.6.6, 令2.4.1: municipal lists write them) are keys too; each era's
# first kanji is unique among the five
# ㍻ etc. are handled by NFKC (㍻ -> 平成).

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def kanji_to_int(s: str) -> int | None:
    """'三十一' -> 31, '元' -> 1, '二〇二四' -> 2024, '12' -> 12."""
    if s == "元":
        return 1
    if s.isdigit():
        return int(s)
    if all(c in _KANJI_DIGITS for c in s):
        return int("".join(str(_KANJI_DIGITS[c]) for c in s))
    total, cur = 0, 0
    for c in s:
        if c in _KANJI_DIGITS:
            cur = _KANJI_DIGITS[c]
        elif c in "十百千":
            total += (cur or 1) * {"十": 10, "百": 100, "千": 1000}[c]
            cur = 0
        else:
            return None
    return total + cur


def _norm(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).strip()
    return re.sub(r"\s+", "", t)


_NUM = r"(元|[0-9]+|[〇零一二三四五六七八九十百千]+)"
_WAREKI = re.compile(
    r"^(令和|平成|昭和|大正|明治|[令平昭大明RHSTMrhstm])\.?" + _NUM + r"(?:年|[./\-])" + _NUM + r"(?:月|[./\-])" + _NUM
    + r"日?$")
_WAREKI_YM = re.compile(r"^(令和|平成|昭和|大正|明治|[令平昭大明RHSTMrhstm])\.?" + _NUM + r"(?:年|[./\-])" + _NUM + r"月?$")
_ISO = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_YMD_SEP = re.compile(r"^([0-9]{4})([/.\-])([0-9]{1,2})\2([0-9]{1,2})$")
_YMD_KANJI = re.compile(r"^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日$")
_COMPACT = re.compile(r"^(19[0-9]{2}|20[0-9]{2})([01][0-9])([0-3][0-9])$")
_ISO_DATETIME = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})[T ][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?$")
_SERIAL = re.compile(r"^[0-9]{5}(\.0+)?$")


@dataclass(frozen=True)
class DateParse:
    value: dt.date | None     # the date, when it could be determined
    shape: str                # iso | wareki | ymd-slash | ymd-dot | ymd-hyphen | ymd-kanji | compact | datetime | excel-serial | unknown
    problem: str | None = None  # None | invalid | era-mismatch
    detail: str = ""

    @property
    def iso(self) -> str | None:
        return self.value.isoformat() if self.value else None


def _mk(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def excel_serial_to_date(serial: float) -> dt.date:
    """Excel's 1900 date system (serial 60 is the phantom 1900-02-29)."""
    base = dt.date(1899, 12, 30)
    return base + dt.timedelta(days=int(serial))


def parse_date(text: str, *, allow_serial: bool = False) -> DateParse:
    t = _norm(text)
    if m := _ISO.match(t):
        d = _mk(int(m[1]), int(m[2]), int(m[3]))
        return DateParse(d, "iso", None if d else "invalid")
    if m := _WAREKI.match(t):
        era = _ERA_BY_KEY[m[1]]
        y, mo, da = kanji_to_int(m[2]), kanji_to_int(m[3]), kanji_to_int(m[4])
        if y is None or mo is None or da is None or y < 1:
            return DateParse(None, "wareki", "invalid")
        d = _mk(era[2].year + y - 1, mo, da)
        if d is None:
            return DateParse(None, "wareki", "invalid")
        if not (era[2] <= d <= era[3]):
            detail = f"{era[0]}は{era[2].isoformat()}〜{'' if era[3].year == 9999 else era[3].isoformat()}"
            return DateParse(None, "wareki", "era-mismatch", detail)
        return DateParse(d, "wareki")
    if m := _YMD_SEP.match(t):
        shape = {"/": "ymd-slash", ".": "ymd-dot", "-": "ymd-hyphen"}[m[2]]
        d = _mk(int(m[1]), int(m[3]), int(m[4]))
        return DateParse(d, shape, None if d else "invalid")
    if m := _YMD_KANJI.match(t):
        d = _mk(int(m[1]), int(m[2]), int(m[3]))
        return DateParse(d, "ymd-kanji", None if d else "invalid")
    if m := _ISO_DATETIME.match(t):
        d = _mk(int(m[1]), int(m[2]), int(m[3]))
        return DateParse(d, "datetime", None if d else "invalid")
    if m := _COMPACT.match(t):
        d = _mk(int(m[1]), int(m[2]), int(m[3]))
        if d:
            return DateParse(d, "compact")
    if allow_serial and _SERIAL.match(t):
        serial = float(t)
        if 1 <= serial < 2958466:
            return DateParse(excel_serial_to_date(serial), "excel-serial")
    return DateParse(None, "unknown")


# --- times ------------------------------------------------------------------------------------
_HHMM = re.compile(r"^([0-9]{2}):([0-9]{2})$")
_H_M = re.compile(r"^([0-9]{1,2}):([0-9]{1,2})(?::([0-9]{1,2}))?$")
_JI = re.compile(r"^(午前|午後|AM|PM|am|pm)?([0-9]{1,2})時(?:([0-9]{1,2})分|(半))?(?:([0-9]{1,2})秒)?$")
_AMPM = re.compile(r"^([0-9]{1,2})(?::([0-9]{2}))?(AM|PM|am|pm|a\.m\.|p\.m\.)$")
_AMPM_PREFIX = re.compile(r"^(午前|午後|AM|PM|am|pm|a\.m\.|p\.m\.)([0-9]{1,2}):([0-9]{2})$")
_RANGE = re.compile(r"[~〜～\-－ー―]|から|まで")


@dataclass(frozen=True)
class TimeParse:
    value: dt.time | None
    shape: str        # hhmm | h:mm | hh:mm:ss | kanji | ampm | excel-fraction | range | unknown
    problem: str | None = None   # None | invalid | range
    detail: str = ""

    @property
    def hhmm(self) -> str | None:
        return self.value.strftime("%H:%M") if self.value else None


def _mkt(h: int, m: int, s: int = 0) -> dt.time | None:
    if h == 24 and m == 0 and s == 0:
        return None
    try:
        return dt.time(h, m, s)
    except ValueError:
        return None


def parse_time(text: str, *, allow_fraction: bool = False) -> TimeParse:
    t = _norm(text).replace("：", ":")
    if m := _HHMM.match(t):
        v = _mkt(int(m[1]), int(m[2]))
        return TimeParse(v, "hhmm", None if v else "invalid")
    if m := _H_M.match(t):
        v = _mkt(int(m[1]), int(m[2]), int(m[3] or 0))
        shape = "hh:mm:ss" if m[3] is not None else "h:mm"
        if v and m[3] not in (None, "0", "00"):
            # seconds would be dropped: report but keep the minute
            return TimeParse(v.replace(second=0), shape, None, "秒は切り捨てます")
        return TimeParse(v, shape, None if v else "invalid")
    if m := _JI.match(t):
        h = int(m[2])
        mi = 30 if m[4] else int(m[3] or 0)
        ap = (m[1] or "").lower()
        if ap in ("午後", "pm") and h < 12:
            h += 12
        if ap in ("午前", "am") and h == 12:
            h = 0
        v = _mkt(h, mi, int(m[5] or 0))
        return TimeParse(v, "kanji", None if v else "invalid")
    if m := _AMPM.match(t):
        h = int(m[1])
        ap = m[3].lower().replace(".", "")
        if ap == "pm" and h < 12:
            h += 12
        if ap == "am" and h == 12:
            h = 0
        v = _mkt(h, int(m[2] or 0))
        return TimeParse(v, "ampm", None if v else "invalid")
    if m := _AMPM_PREFIX.match(t):
        # 午前9:00 / PM5:30 (the marker before the time)
        h = int(m[2])
        ap = m[1].lower().replace(".", "")
        if ap in ("午後", "pm") and h < 12:
            h += 12
        if ap in ("午前", "am") and h == 12:
            h = 0
        v = _mkt(h, int(m[3]))
        return TimeParse(v, "ampm", None if v else "invalid")
    if allow_fraction:
        try:
            f = float(t)
        except ValueError:
            f = -1.0
        if 0 <= f < 1:
            secs = round(f * 86400)
            v = _mkt(secs // 3600, (secs % 3600) // 60)
            return TimeParse(v, "excel-fraction", None if v else "invalid")
    if _RANGE.search(t) and re.search(r"[0-9]", t):
        return TimeParse(None, "range", "range")
    return TimeParse(None, "unknown")

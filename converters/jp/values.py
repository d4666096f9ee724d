"""What a single value is, from its text alone: a postcode, a phone number, an address, a code …

Used where a table has no column names to go by: the readers decide whether a would-be header row is
really the first record (``converters.readers.header``), and the mapping of a table without a header row
guesses each column's item from the kinds of its values (``converters.value_mapping``).

Every test is on the NFKC form of the text (full-width digits and hyphens read as ASCII), and is
deliberately narrow: a kind is only given when the shape leaves little doubt (a 7-digit number is not
a postcode without its hyphen, a 10-digit number is not a phone number without its hyphens).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from typing import Any

from .checkdigit import is_valid_corporate_number, is_valid_localgov_code

# kinds, from the most to the least specific
POSTCODE, PHONE, EMAIL, URL, ADDRESS = "postcode", "phone", "email", "url", "address"
LOCALGOV_CODE, CORPORATE_NUMBER, CODE, COORDINATE = "localgov-code", "corporate-number", "code", "coordinate"
DATE, TIME, TIME_RANGE, KANA, FLAG, NUMBER, TEXT = "date", "time", "time-range", "kana", "flag", "number", "text"
PREFECTURE, MUNICIPALITY = "prefecture", "municipality"

# Kinds a column name never has: two or more of them in a row (that the rows below repeat) make the row a
# record, not a header.  A plain number, a flag or a short text can be either.
DATA_KINDS = frozenset({POSTCODE, PHONE, EMAIL, ADDRESS, LOCALGOV_CODE, CORPORATE_NUMBER, CODE, COORDINATE,
                        DATE, TIME, TIME_RANGE})

# Japanese names of the kinds, for the clerk
KIND_JA = {POSTCODE: "郵便番号", PHONE: "電話番号", EMAIL: "メールアドレス", URL: "URL", ADDRESS: "住所",
           LOCALGOV_CODE: "全国地方公共団体コード", CORPORATE_NUMBER: "法人番号", CODE: "番号・コード（5桁以上）",
           COORDINATE: "緯度・経度", DATE: "日付", TIME: "時刻", TIME_RANGE: "時間帯", KANA: "カナ",
           FLAG: "記号（●・○・有無など）", NUMBER: "数値", TEXT: "文字", PREFECTURE: "都道府県名",
           MUNICIPALITY: "市区町村名"}

_DASH = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff70"
_POSTCODE = re.compile(rf"〒?\s*\d{{3}}[{_DASH}]\d{{4}}")
# 043-222-7171, 0120-123-456, (054)626-1139, 03(3333)4444; a note may follow (080-4856-8523(土、日のみ))
_PHONE = re.compile(rf"(?:0\d{{1,4}}[{_DASH}]\d{{1,4}}[{_DASH}]\d{{3,4}}|\(0\d{{1,4}}\)\s*\d{{1,4}}[{_DASH}]\d{{3,4}}"
                    rf"|0\d{{1,4}}\(\d{{1,4}}\)\d{{3,4}})(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_DECIMAL = re.compile(r"[+-]?\d{1,3}\.\d{3,}")
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?|[+-]?\.\d+")
_DATE = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*[（(].[)）])?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|(?:明治|大正|昭和|平成|令和|[明大昭平令MTSHR])\s*(?:\d{1,2}|元)\s*[年./]\s*\d{1,2}\s*[月./]\s*\d{1,2}\s*日?",
    re.IGNORECASE)
_TIME = re.compile(r"(?:午前|午後|AM|PM)?\s*\d{1,2}\s*(?::\d{2}(?::\d{2})?|時(?:\d{1,2}分)?)", re.IGNORECASE)
_TIME_RANGE = re.compile(rf"{_TIME.pattern}\s*[~〜～{_DASH}から]\s*{_TIME.pattern}", re.IGNORECASE)
_KANA = re.compile(r"[\u30a1-\u30fa\u30fc\u30fb\u3000 ()（）・\-ー･]+")
_FLAGS = frozenset({"●", "○", "◯", "〇", "◎", "×", "✕", "△", "▲", "■", "□", "◆", "◇", "✓", "✔", "-", "－", "―",
                    "有", "無", "あり", "なし", "有り", "無し", "可", "不可", "済", "要", "不要"})
# a lot number or the shape of one: 1-8-1, 2770, 一丁目, 578番地
_LOT = re.compile(r"\d|[一二三四五六七八九十]+丁目|番地")


def nfkc(v: Any) -> str:
    """A cell as stripped NFKC text ('' for None; a date as ISO; a whole float without .0)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, dt.date | dt.time):
        return v.isoformat()
    return unicodedata.normalize("NFKC", str(v)).strip()


def value_kind(v: Any) -> str:
    """The kind of one cell value ('' for an empty cell); see the module docstring."""
    if v is None or isinstance(v, bool):
        return ""
    if isinstance(v, dt.datetime | dt.date):
        return DATE
    if isinstance(v, dt.time):
        return TIME
    if isinstance(v, int | float):
        return _number_kind(nfkc(v))
    s = nfkc(v)
    if not s:
        return ""
    return _text_kind(s)


@lru_cache(maxsize=1 << 14)
def _text_kind(s: str) -> str:
    if s.lower() in _FLAGS or (len(s) == 1 and not s.isalnum()):
        return FLAG
    if _POSTCODE.fullmatch(s):
        return POSTCODE
    if _PHONE.match(s):
        return PHONE
    if _EMAIL.fullmatch(s):
        return EMAIL
    if _URL.match(s):
        return URL
    if _NUMBER.fullmatch(s):
        return _number_kind(s)
    if _TIME_RANGE.fullmatch(s):
        return TIME_RANGE
    if _DATE.fullmatch(s):
        return DATE
    if _TIME.fullmatch(s):
        return TIME
    if _KANA.fullmatch(s) and any("\u30a1" <= c <= "\u30fa" for c in s) and len(s) >= 2:
        return KANA
    locality = _locality(s)
    if locality == PREFECTURE:
        return PREFECTURE
    if locality == MUNICIPALITY:
        return MUNICIPALITY
    if locality and len(s) >= 6 and _LOT.search(s):
        return ADDRESS
    return TEXT


def _number_kind(s: str) -> str:
    if s.isdigit():
        if len(s) == 6 and is_valid_localgov_code(s):
            return LOCALGOV_CODE
        if len(s) == 13 and is_valid_corporate_number(s):
            return CORPORATE_NUMBER
        if len(s) >= 5:
            return CODE
        return NUMBER
    if _DECIMAL.fullmatch(s):
        return COORDINATE
    return NUMBER


def _locality(s: str) -> str:
    """'prefecture' / 'municipality' when the text is just such a name (千葉県, 千葉市, 千葉県千葉市),
    'start' when it begins with one (千葉市中央区亥鼻1-8-1), '' otherwise."""
    from .address import locality_prefix

    n = locality_prefix(s)
    if not n:
        return ""
    rest = s[n:]
    if not rest:
        from .localgov import prefectures

        return PREFECTURE if s in prefectures() else MUNICIPALITY
    return "start"


def coordinate_axis(values: list[float]) -> str:
    """'lat' when every value lies in Japan's latitudes (20-46), 'lon' in its longitudes (122-154), else ''."""
    if values and all(20.0 <= x <= 46.0 for x in values):
        return "lat"
    if values and all(122.0 <= x <= 154.0 for x in values):
        return "lon"
    return ""


def same_kind(a: str, b: str) -> bool:
    """Kinds that a column mixes freely count as one (a 5-digit code and a 6-digit 団体コード; a time and a range)."""
    if a == b:
        return True
    groups = ({LOCALGOV_CODE, CODE, CORPORATE_NUMBER}, {TIME, TIME_RANGE}, {ADDRESS, MUNICIPALITY})
    return any(a in g and b in g for g in groups)

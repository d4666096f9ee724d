"""緯度 / 経度 (x-checks latitude / longitude) -> decimal degrees as half-width text.

"34.719504 " -> 34.719504, ３４．７１９５ -> 34.7195, 35°30'04"N / 北緯35度30分4秒 -> 35.501111,
Excel floats -> their 15-digit text, 0 / 0.0 -> empty (0 means "unknown" here; noted).

Refused: values outside Japan (latitude 20-46, longitude 122-154) are issues, with a hint when the
value fits the other axis (swapped) or lacks its decimal point (34719504); two numbers in one cell
(34.34,134.04) and text are issues.  The value is kept.

Row-level helpers for the pipeline: :func:`split_latlon` splits "34.34,134.04" found in one cell, and
:func:`fix_swapped` swaps a pair whose latitude and longitude are exchanged.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, TypeVar

from ._common import changed, format_float, fresh, keep_typed_on_issue, problem, shown
from .base import CellStep, FieldSpec, SafeRule, StepContext, StepResult

LAT_RANGE = (20.0, 46.0)
LON_RANGE = (122.0, 154.0)
_DECIMAL_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_DMS_RE = re.compile(
    r"^(?P<h1>[NSEW]|北緯|南緯|東経|西経)?\s*(?P<d>[0-9]{1,3}(?:\.[0-9]+)?)\s*(?:°|度|゜|º)\s*"
    r"(?:(?P<m>[0-9]{1,2}(?:\.[0-9]+)?)\s*(?:'|′|’|分)\s*)?"
    r"(?:(?P<s>[0-9]{1,2}(?:\.[0-9]+)?)\s*(?:\"|″|”|''|′′|秒)\s*)?(?P<h2>[NSEW])?$")
_PAIR_RE = re.compile(r"^\(?\s*([+-]?[0-9]+\.[0-9]+)\s*(?:,|、|，|;|/|\s)\s*([+-]?[0-9]+\.[0-9]+)\s*\)?$")


def _in(v: float, r: tuple[float, float]) -> bool:
    return r[0] <= v <= r[1]


def dms_to_decimal(text: str) -> float | None:
    """'35°30'04"N', '北緯35度30分4秒', '135度30.5分' -> decimal degrees (negative for S/W); None otherwise."""
    m = _DMS_RE.match(re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip())
    if not m or (m["m"] is None and m["s"] is None and m["h1"] is None and m["h2"] is None and "°" not in text
                 and "度" not in text):
        return None
    d, mi, s = float(m["d"]), float(m["m"] or 0), float(m["s"] or 0)
    if mi >= 60 or s >= 60 or (m["s"] is not None and m["m"] is None):
        return None
    v = d + mi / 60 + s / 3600
    hemi = (m["h1"] or "") + (m["h2"] or "")
    if any(h in hemi for h in ("S", "W", "南", "西")):
        v = -v
    return round(v, 7)


def _packed_dms(digits: str, k: int, rng: tuple[float, float]) -> tuple[tuple[int, int, str], str] | None:
    """``digits`` read as degrees (``k`` digits), minutes and seconds written together, the rest the seconds'
    decimals (0351746231: 35°17'46.231"): ((degrees, minutes, seconds as written), the decimal degrees), or None
    when the minutes or seconds are 60 or more, or the value is outside ``rng``."""
    if len(digits) < k + 4:
        return None
    d, mi, whole, frac = int(digits[:k]), int(digits[k:k + 2]), digits[k + 2:k + 4], digits[k + 4:]
    sec = float(f"{whole}.{frac or 0}")
    if mi >= 60 or sec >= 60:
        return None
    v = round(d + mi / 60 + sec / 3600, 7)
    if not _in(v, rng):
        return None
    return (d, mi, f"{int(whole)}.{frac}" if frac else str(int(whole))), f"{v:.7f}".rstrip("0").rstrip(".")


def _decimal_text(text: str) -> str | None:
    """The plain decimal the text holds, normalised ('+34.50' -> '34.50'); None when it is not one."""
    if not _DECIMAL_RE.fullmatch(text):
        return None
    try:
        Decimal(text)
    except InvalidOperation:   # pragma: no cover - the regex lets only decimals through
        return None
    t = text.lstrip("+")
    return "0" + t if t.startswith(".") else t


def _axis(field: FieldSpec) -> tuple[str, tuple[float, float], tuple[float, float]]:
    if "latitude" in field.checks:
        return "lat", LAT_RANGE, LON_RANGE
    return "lon", LON_RANGE, LAT_RANGE


@lru_cache(maxsize=16384)
def normalise_coordinate(text: str, axis: str) -> StepResult:
    own, other = (LAT_RANGE, LON_RANGE) if axis == "lat" else (LON_RANGE, LAT_RANGE)
    own_ja, other_ja = ("緯度", "経度") if axis == "lat" else ("経度", "緯度")
    own_en = "latitude" if axis == "lat" else "longitude"
    s = re.sub(r"[\s\u3000]+", " ", unicodedata.normalize("NFKC", text)).strip()
    if s == "":
        return StepResult(text)
    dec = _decimal_text(s)
    if dec == text.strip():
        note_ja, note_en = "前後の空白を削除", "trimmed"
    elif s != text.strip():
        note_ja, note_en = "全角文字を半角に", "full-width characters to half-width"
    else:
        note_ja, note_en = "数値の書き方を整形（符号・小数点）", "number reformatted (sign, decimal point)"
    if dec is None:
        dms = dms_to_decimal(s)
        if dms is None:
            if _PAIR_RE.match(s):
                return problem(text, "latlon-pair-in-cell", f"1つのセルに緯度と経度の2つの数値があります（{shown(text)}）。分けてください",
                               f"latitude and longitude in one cell ({shown(text)}); split them")
            return problem(text, "latlon-not-number", f"{own_ja}「{shown(text)}」を10進数の度として読めません",
                           f"{own_en} '{shown(text)}' cannot be read as decimal degrees")
        dec = f"{dms:.7f}".rstrip("0").rstrip(".")
        note_ja, note_en = f"度分秒「{s}」を10進数の度に変換", f"degrees-minutes-seconds '{s}' to decimal degrees"
    v = float(dec)
    if v == 0:
        return changed("", f"{own_ja}「{shown(text)}」は0のため空欄にしました（0は不明の意味）",
                       f"'{shown(text)}' is 0: left empty (0 means unknown)")
    if not _in(v, own):
        rng = f"{own[0]:g}〜{own[1]:g}"
        if _in(v, other):
            return problem(text, "latlon-swapped",
                           f"{own_ja}「{shown(text)}」は日本の{own_ja}の範囲（{rng}）外で、{other_ja}の値のようです。緯度と経度が逆ではありませんか",
                           f"'{shown(text)}' is outside Japan's range ({rng}) and looks like the other coordinate (swapped?)")
        digits = dec.lstrip("-")
        if "." not in digits and digits.isdigit():
            for k in (2, 3):
                if len(digits) > k and _in(float(digits[:k] + "." + digits[k:]), own):
                    fix = digits[:k] + "." + digits[k:]
                    packed = _packed_dms(digits, k, own)
                    if packed is not None:
                        # 0351746231 (彦根市's 消火栓): 035.1746231, or 35°17'46.231" packed without marks
                        (d, mi, sec), v2 = packed
                        return problem(text, "latlon-no-decimal-point",
                                       f"{own_ja}「{shown(text)}」に小数点がありません（{fix} か、度分秒をつなげた値なら "
                                       f"{d}度{mi}分{sec}秒 = {v2} ではありませんか）",
                                       f"'{shown(text)}' has no decimal point ({fix}?, or {d}°{mi}'{sec}\" = {v2} "
                                       "if it is degrees, minutes and seconds written together)")
                    return problem(text, "latlon-no-decimal-point",
                                   f"{own_ja}「{shown(text)}」に小数点がありません（{fix} ではありませんか）",
                                   f"'{shown(text)}' has no decimal point ({fix}?)")
        return problem(text, "latlon-out-of-japan", f"{own_ja}「{shown(text)}」は日本の範囲（{rng}）外です",
                       f"'{shown(text)}' is outside Japan ({rng})")
    if dec == text:
        return StepResult(text)
    return changed(dec, note_ja, note_en)


def _from_number(v: float, axis: str) -> StepResult:
    if not math.isfinite(v):
        return problem(v, "latlon-not-number", "座標の値が数値として読めません（NaN/無限大）", "coordinate is NaN or infinity")
    r = normalise_coordinate(format_float(v), axis)
    if r.issue is None and r.value != "":
        return StepResult(r.value)                      # a number cell: its text, no note needed
    return fresh(r)


_SAFE_LAT = SafeRule(fullmatch=("[0-9]{2,3}(?:\\.[0-9]+)?",), number_range=LAT_RANGE)
_SAFE_LON = SafeRule(fullmatch=("[0-9]{2,3}(?:\\.[0-9]+)?",), number_range=LON_RANGE)


class CoordinateStep(CellStep):
    name = "coordinates"

    def applies(self, field: FieldSpec) -> bool:
        return "latitude" in field.checks or "longitude" in field.checks

    def safe_rule(self, field: FieldSpec) -> SafeRule:
        # a plain decimal inside Japan's range for its own axis
        return _SAFE_LAT if _axis(field)[0] == "lat" else _SAFE_LON

    def apply(self, value: Any, field: FieldSpec, ctx: StepContext) -> StepResult:
        if value is None:
            return StepResult(value)
        axis = _axis(field)[0]
        if isinstance(value, str):
            return fresh(normalise_coordinate(value, axis))
        if isinstance(value, bool):
            return problem(value, "latlon-not-number", "座標の項目に TRUE/FALSE があります", "TRUE/FALSE in a coordinate field")
        if isinstance(value, (int, float)):
            return keep_typed_on_issue(_from_number(float(value), axis), value)
        return problem(value, "latlon-not-number", f"座標の項目に「{shown(value)}」があります",
                       f"the coordinate field holds '{shown(value)}'")


# --- row-level helpers --------------------------------------------------------------------------

def split_latlon(text: str) -> tuple[str, str] | None:
    """'34.34,134.04' / '34.34 134.04' / '(34.34, 134.04)' -> ('34.34', '134.04'), in the order written.

    Only two plain decimals are split; pass the result through :func:`fix_swapped` for the order.
    """
    if not isinstance(text, str):
        return None
    m = _PAIR_RE.match(re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip())
    if not m:
        return None
    return m[1].lstrip("+"), m[2].lstrip("+")


T = TypeVar("T", str, float)


def _as_float(v: Any) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def fix_swapped(lat: T, lon: T) -> tuple[T, T, bool]:
    """(lon, lat) given as (lat, lon) inside Japan -> swapped back, with True; anything else unchanged."""
    a, b = _as_float(lat), _as_float(lon)
    if a is not None and b is not None and _in(a, LON_RANGE) and _in(b, LAT_RANGE):
        return lon, lat, True
    return lat, lon, False

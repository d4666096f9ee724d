"""緯度 / 経度: decimal degrees inside Japan; swapped pairs, lost decimal points and DMS named.

Japan spans latitude 20–46 °N (沖ノ鳥島 … 択捉島) and longitude 122–154 °E (与那国島 … 南鳥島).
The two ranges do not overlap, so a latitude that lies in the longitude range (or the reverse)
is almost certainly a swapped pair.
"""

from __future__ import annotations

import re
import unicodedata

from .base import CellCheck, Finding

LAT_RANGE = (20.0, 46.0)
LON_RANGE = (122.0, 154.0)
_DMS = re.compile(r"^(?:[NSEW北南東西]\s*)?(?:緯|経)?(?:度)?\s*([0-9]{1,3})\s*[°度]\s*([0-9]{1,2})\s*['′分]\s*([0-9]{1,2}(?:\.[0-9]+)?)\s*(?:[\"″秒]|'')?\s*[NSEW]?$")


def dms_to_decimal(text: str) -> float | None:
    m = _DMS.match(unicodedata.normalize("NFKC", text).strip())
    if not m:
        return None
    d, mi, s = float(m[1]), float(m[2]), float(m[3])
    if mi >= 60 or s >= 60:
        return None
    return round(d + mi / 60 + s / 3600, 7)


def _in(v: float, r: tuple[float, float]) -> bool:
    return r[0] <= v <= r[1]


class _Coordinate(CellCheck):
    own: tuple[float, float]
    other: tuple[float, float]
    other_ja: str
    other_en: str
    example: str

    def check(self, value: str) -> list[Finding]:
        s = value.strip()
        rng = f"{self.own[0]:g}〜{self.own[1]:g}"
        try:
            v = float(s) if s.isascii() else float("nan")
        except ValueError:
            v = float("nan")
        if v != v:  # NaN: not a plain number
            dec = dms_to_decimal(s)
            if dec is not None:
                return [Finding("latlon-dms", f"{dec:.6f}".rstrip("0").rstrip("."))]
            norm = unicodedata.normalize("NFKC", s)
            try:
                v2 = float(norm)
                if _in(v2, self.own):
                    return [Finding("type-number", norm, {"detail": "：全角文字が含まれています"})]
            except ValueError:
                pass
            return [Finding("latlon-not-number", None, {"example": self.example})]
        if _in(v, self.own):
            return []
        if v == 0:
            return [Finding("latlon-out-of-japan", None, {"range": rng})]
        if _in(v, self.other):
            return [Finding("latlon-swapped", None, {"other": self.other_ja, "other_en": self.other_en})]
        if "." not in s and s.lstrip("-").isdigit():
            digits = s.lstrip("-")
            for k in (2, 3):
                cand = float(digits[:k] + "." + digits[k:]) if len(digits) > k else None
                if cand is not None and _in(cand, self.own):
                    return [Finding("latlon-no-decimal-point", digits[:k] + "." + digits[k:])]
        return [Finding("latlon-out-of-japan", None, {"range": rng})]


class Latitude(_Coordinate):
    name = "latitude"
    own, other, other_ja, other_en, example = LAT_RANGE, LON_RANGE, "経度", "longitude", "35.501100"
    safe_pattern = "(2[0-9]|3[0-9]|4[0-5])\\.[0-9]+"


class Longitude(_Coordinate):
    name = "longitude"
    own, other, other_ja, other_en, example = LON_RANGE, LAT_RANGE, "緯度", "latitude", "134.235100"
    safe_pattern = "(12[2-9]|1[3-4][0-9]|15[0-3])\\.[0-9]+"

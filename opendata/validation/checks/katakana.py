"""_カナ fields: full-width katakana (half-width kana, hiragana and kanji are named)."""

from __future__ import annotations

import unicodedata

from converters.jp.chars import (
    halfwidth_kana_to_fullwidth,
    hiragana_to_katakana,
    is_halfwidth_katakana,
    is_hiragana,
    is_kanji,
    is_katakana,
)

from .base import CellCheck, Finding

# full-width katakana, ー・ヽヾ, spaces, digits, Latin letters, common punctuation
SAFE = "[ァ-ヺー・ヽヾ 　0-9A-Za-z０-９Ａ-Ｚａ-ｚ（）()－\\-．.、，,／/]*"


class Katakana(CellCheck):
    name = "katakana"
    safe_pattern = SAFE

    def check(self, value: str) -> list[Finding]:
        if any(is_halfwidth_katakana(c) for c in value):
            return [Finding("kana-halfwidth", halfwidth_kana_to_fullwidth(value))]
        if any(is_hiragana(c) for c in value):
            fixed = hiragana_to_katakana(value)
            if not any(is_kanji(c) for c in fixed):
                return [Finding("kana-hiragana", fixed)]
        bad = sorted({c for c in value if is_kanji(c) or is_hiragana(c)
                      or (unicodedata.category(c).startswith("L") and not is_katakana(c) and not c.isascii()
                          and unicodedata.east_asian_width(c) != "F")})
        if bad:
            return [Finding("kana-not-katakana", None, {"chars": "".join(bad)})]
        return []

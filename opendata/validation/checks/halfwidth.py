"""_英字 / _英語 fields: half-width alphanumerics (full-width letters and Japanese text named)."""

from __future__ import annotations

import re
import unicodedata

from converters.jp.chars import is_hiragana, is_kanji, is_katakana

from .base import CellCheck, Finding


class HalfWidth(CellCheck):
    name = "halfwidth"
    # ASCII with at least one letter (so it cannot be a misplaced postal code)
    safe_pattern = "[ -~]*[A-Za-z][ -~]*"

    def check(self, value: str) -> list[Finding]:
        if value.isascii():
            if re.fullmatch(r"〒?[0-9]{3}-?[0-9]{4}", value.strip()):
                return [Finding("english-looks-like-postcode")]
            return []
        jp = [c for c in value if is_kanji(c) or is_hiragana(c) or is_katakana(c)]
        if jp:
            return [Finding("english-contains-japanese", None, {"chars": "".join(dict.fromkeys(jp))[:10]})]
        wide = "".join(dict.fromkeys(c for c in value if not c.isascii()))
        fixed = unicodedata.normalize("NFKC", value)
        return [Finding("not-halfwidth", fixed if fixed.isascii() else None, {"chars": wide})]

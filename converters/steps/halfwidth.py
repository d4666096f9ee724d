"""_英語 / _英字 fields (x-check halfwidth): full-width letters, digits and symbols -> half-width.

Ｔｏｔｔｏｒｉ　Ｃｉｔｙ　Ｈａｌｌ -> Tottori City Hall (noted); a U+3000 with plain spaces beside it becomes one
space ("exit 　underground" -> "exit underground").

Refused: Japanese text (kana, kanji) is an issue (a translation is a human's job); so are other
non-ASCII letters (Tōkyō, Café: the standard asks for 半角英数字), and a value that looks like a
postal code or a phone number (Yaizu's 名称_英語 holds "425-0086": probably another column's value).
The value is kept.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from converters.jp.chars import is_hiragana, is_kanji, is_katakana

from ._common import cell_text, changed, fold_ascii, fresh, keep_typed_on_issue, problem, shown
from .base import CellStep, FieldSpec, SafeRule, StepContext, StepResult

_POSTCODE_RE = re.compile(r"〒?\s*[0-9]{3}-?[0-9]{4}")
_PHONE_RE = re.compile(r"\(?0[0-9]{1,4}\)?-?[0-9]{1,4}-[0-9]{3,4}")
_ONLY_NUMBER_RE = re.compile(r"[0-9\-\s]+")
_IDEO_SPACE_RUN_RE = re.compile("[ \u3000]*\u3000[ \u3000]*")
# printable ASCII without spaces at the ends, with a letter (so never a postal code or phone number)
_SAFE = SafeRule(fullmatch=("[!-~](?:[ -~]*[!-~])?", ".*[A-Za-z].*"))


@lru_cache(maxsize=16384)
def to_halfwidth(text: str) -> StepResult:
    # a U+3000 folds to one space, with the plain spaces beside it (no double space is left)
    s = fold_ascii(_IDEO_SPACE_RUN_RE.sub("\u3000", text)).strip()
    if s == "":
        return StepResult(text)
    jp = [c for c in dict.fromkeys(s) if is_kanji(c) or is_hiragana(c) or is_katakana(c) or "\uff61" <= c <= "\uff9f"]
    if jp:
        chars = "".join(jp[:10])
        return problem(text, "halfwidth-japanese",
                       f"「{shown(text)}」に日本語の文字「{chars}」があります。英語（半角英数字）で書いてください",
                       f"'{shown(text)}' contains Japanese characters ({chars}); write it in English (half-width)")
    if _POSTCODE_RE.fullmatch(s) or _PHONE_RE.fullmatch(s) or (_ONLY_NUMBER_RE.fullmatch(s) and sum(c.isdigit() for c in s) >= 7):
        return problem(text, "halfwidth-other-column",
                       f"「{shown(text)}」は郵便番号や電話番号のように見えます。別の列の値の可能性があります",
                       f"'{shown(text)}' looks like a postal code or phone number: probably another column's value")
    other = [c for c in dict.fromkeys(s) if not c.isascii()]
    if other:
        chars = "".join(other[:10])
        return problem(text, "halfwidth-non-ascii",
                       f"「{shown(text)}」に半角英数字以外の文字「{chars}」があります",
                       f"'{shown(text)}' contains non-ASCII characters ({chars})")
    if s == text:
        return StepResult(text)
    return changed(s, "全角英数字・記号を半角に", "full-width letters, digits and symbols to half-width")


class HalfwidthStep(CellStep):
    name = "halfwidth"

    def applies(self, field: FieldSpec) -> bool:
        return "halfwidth" in field.checks

    def safe_rule(self, field: FieldSpec) -> SafeRule:
        return _SAFE

    def apply(self, value: Any, field: FieldSpec, ctx: StepContext) -> StepResult:
        if value is None or isinstance(value, bool):
            return StepResult(value)
        return keep_typed_on_issue(fresh(to_halfwidth(cell_text(value))), value)

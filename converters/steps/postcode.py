"""郵便番号 (x-check postal-code) -> 7 half-width digits without a hyphen (6808571).

〒680-8571, ６８０－８５７１, "680 8571" and "郵便番号 680-8571" are cleaned (noted).  Refused: any
other number of digits (a 6-digit value may have lost its leading 0 in Excel: reported with the
padded form as a hint, not padded), letters and text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from ._common import ANY_DASH_RE, cell_text, changed, fresh, keep_typed_on_issue, none_word, problem, shown
from .base import CellStep, FieldSpec, SafeRule, StepContext, StepResult

_PREFIX_RE = re.compile(r"^(?:〒|郵便番号|郵便|〒\s*)\s*[:：]?\s*")
_SHAPE_RE = re.compile(r"^[0-9]{3}[\s\-]?[0-9]{4}$")
_SAFE = SafeRule(fullmatch=("[0-9]{7}",))


@lru_cache(maxsize=8192)
def normalise_postcode(text: str) -> StepResult:
    if (none := none_word(text)) is not None:
        return none
    s = ANY_DASH_RE.sub("-", unicodedata.normalize("NFKC", text)).strip()
    if s == "":
        return StepResult(text)
    s = _PREFIX_RE.sub("", s)
    if _SHAPE_RE.match(s):
        out = re.sub(r"[\s\-]", "", s)
        if out == text:
            return StepResult(text)
        return changed(out, "郵便番号を7桁の数字に（〒・ハイフン・全角を除く）", "postal code as 7 digits (〒, hyphen, full-width removed)")
    digits = s
    if digits.isascii() and digits.isdigit() and len(digits) == 6:
        return problem(text, "postal-code-length",
                       f"郵便番号「{shown(text)}」が6桁です（先頭の0が消えた可能性：0{digits}）。7桁で書いてください",
                       f"postal code '{shown(text)}' has 6 digits (leading 0 lost? 0{digits})")
    return problem(text, "postal-code-format", f"「{shown(text)}」は郵便番号（7桁の数字）として読めません",
                   f"'{shown(text)}' is not a postal code (7 digits)")


class PostcodeStep(CellStep):
    name = "postcode"

    def applies(self, field: FieldSpec) -> bool:
        return "postal-code" in field.checks

    def safe_rule(self, field: FieldSpec) -> SafeRule:
        return _SAFE

    def apply(self, value: Any, field: FieldSpec, ctx: StepContext) -> StepResult:
        if value is None or isinstance(value, bool):
            return StepResult(value)
        return keep_typed_on_issue(fresh(normalise_postcode(cell_text(value))), value)

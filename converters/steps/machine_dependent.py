"""機種依存文字 -> their standard spellings (① -> (1), ㈱ -> (株), Ⅲ -> III, № -> No., ㍻ -> 平成).

Runs before the text step: NFKC would turn ① into a bare 1 and ㎡ into m2 without a trace.  Each
change names the characters.  The three NEC math symbols without a better spelling (∮ ⊿ ∟) are
kept and reported.  Half-width katakana are left to the text step.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from converters.jp.chars import MACHINE_DEPENDENT, char_label

from ._common import changed, fresh, problem
from .base import CellStep, FieldSpec, SafeRule, StepContext, StepResult

_REPORT_ONLY = "∮⊿∟"
_TABLE = {ord(k): v for k, v in MACHINE_DEPENDENT.items()}
_INTERESTING = frozenset(MACHINE_DEPENDENT) | frozenset(_REPORT_ONLY)
_FIND = re.compile("[" + re.escape("".join(sorted(_INTERESTING))) + "]")
_SAFE = SafeRule(forbid=(_FIND.pattern,))


@lru_cache(maxsize=16384)
def _replace(text: str) -> StepResult:
    found = [c for c in dict.fromkeys(text) if c in _INTERESTING]
    replaced = [c for c in found if c in MACHINE_DEPENDENT]
    kept = [c for c in found if c in _REPORT_ONLY]
    new = text.translate(_TABLE) if replaced else text
    if kept:
        labels = "、".join(char_label(c) for c in kept)
        extra_ja = extra_en = ""
        if replaced:
            extra_ja = "（" + "、".join(f"{c}→{MACHINE_DEPENDENT[c]}" for c in replaced) + " は置き換えました）"
            extra_en = " (replaced: " + ", ".join(f"{c}->{MACHINE_DEPENDENT[c]}" for c in replaced) + ")"
        return problem(new, "machine-dependent-kept",
                       f"機種依存文字 {labels} には標準の書き換えがありません。別の表現に直してください{extra_ja}",
                       f"machine-dependent character(s) {' '.join(kept)} have no standard replacement; "
                       f"please reword{extra_en}")
    pairs_ja = "、".join(f"{char_label(c)}→「{MACHINE_DEPENDENT[c]}」" for c in replaced)
    pairs_en = ", ".join(f"{c} (U+{ord(c):04X}) -> {MACHINE_DEPENDENT[c]}" for c in replaced)
    return changed(new, f"機種依存文字を置き換えました：{pairs_ja}", f"machine-dependent characters replaced: {pairs_en}")


class MachineDependentStep(CellStep):
    name = "machine_dependent"

    def applies(self, field: FieldSpec) -> bool:
        return True

    def safe_rule(self, field: FieldSpec) -> SafeRule:
        return _SAFE

    def apply(self, value: Any, field: FieldSpec, ctx: StepContext) -> StepResult:
        if not isinstance(value, str) or value.isascii():
            return StepResult(value)
        if _FIND.search(value) is None:   # most cells have none of these characters
            return StepResult(value)
        return fresh(_replace(value))

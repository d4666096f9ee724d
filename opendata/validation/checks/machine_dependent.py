"""機種依存文字 anywhere in the file (①, ㈱, Ⅰ, №, ㍻, half-width katakana …)."""

from __future__ import annotations

import re

from converters.jp.chars import (
    MACHINE_DEPENDENT_RE,
    char_label,
    find_machine_dependent,
    is_halfwidth_katakana,
    replace_machine_dependent,
)

from .base import CellCheck, Finding

# Everything except the characters of the class (character-class complement, same in RE2 and re).
_CLASS_BODY = MACHINE_DEPENDENT_RE.pattern[1:-1]


class MachineDependent(CellCheck):
    name = "machine-dependent"
    safe_pattern = "[^" + _CLASS_BODY + "]*"
    applies_to_all = True
    explains_errors = False

    def __init__(self, include_halfwidth_kana: bool = True):
        # _カナ fields report half-width kana through their own, more specific check
        self.include_halfwidth_kana = include_halfwidth_kana

    def check(self, value: str) -> list[Finding]:
        chars = find_machine_dependent(value)
        if not self.include_halfwidth_kana:
            chars = [c for c in chars if not is_halfwidth_katakana(c)]
        if not chars:
            return []
        kana = [c for c in chars if is_halfwidth_katakana(c)]
        other = [c for c in chars if not is_halfwidth_katakana(c)]
        labels = [char_label(c) for c in other]
        if kana:
            runs = re.findall("[\uff61-\uff9f]+", value)
            labels.append("半角カナ「" + "」「".join(dict.fromkeys(runs)) + "」")
        return [Finding("machine-dependent-char", replace_machine_dependent(value),
                        {"chars": "、".join(labels), "chars_en": " ".join(chars)})]

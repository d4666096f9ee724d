"""Multi-value items (x-separator ";": 診療科目, 対象となる町会・自治会, バリアフリー情報 …): other separators
-> the half-width semicolon the standard asks for.

``内科、外科，小児科`` and ``内科_小児科_眼科`` (田布施町) -> ``内科;外科;小児科``; a kintone check-box export (one choice per line) -> joined with
``;``.  ``・`` is also part of names (中・高等学校), so a value separated only by ``・`` is reported, not
rewritten.  Spaces separate values only in a list of departments, every word ending in 科
(``内科　消化器内科 外科`` -> ``内科;消化器内科;外科``, as clinic lists write 診療科目); elsewhere a space may be
part of a value.  Runs before ``text``, which would turn line breaks into spaces.
"""

from __future__ import annotations

import re
from typing import Any

from ._common import changed, problem
from .base import CellStep, FieldSpec, SafeRule, StepContext, StepResult

_SEPARATORS = re.compile(r"\s*(?:[、，,；／/|｜_＿]|\r\n|\n|\r)\s*")
# a list of departments separated by spaces (内科 循環器内科　小児科): every word ends in 科
_DEPARTMENTS = re.compile(r"[^\s;、，,；／/|｜_＿・]+科(?:[ \u3000]+[^\s;、，,；／/|｜_＿・]+科)+")
_SPACES = re.compile(r"[ \u3000]+")
# values with none of the separators (and no ・, no 科 before a space) are left alone
_SAFE = SafeRule(forbid=("[、，,；／/|｜_＿\r\n・]", "科[ \u3000]"))


class MultiValueStep(CellStep):
    name = "multi_value"

    def applies(self, field: FieldSpec) -> bool:
        return field.separator == ";"

    def safe_rule(self, field: FieldSpec) -> SafeRule:
        return _SAFE

    def apply(self, value: Any, field: FieldSpec, ctx: StepContext) -> StepResult:
        if not isinstance(value, str) or not value:
            return StepResult(value)
        if _SEPARATORS.search(value.strip()):
            parts = [p.strip(" \u3000") for p in _SEPARATORS.split(value.strip()) if p.strip(" \u3000")]
            joined = ";".join(parts)
            if joined != value:
                return changed(joined, "複数の値の区切りを半角セミコロン「;」に統一しました",
                               "multiple values separated by ';' as the standard asks")
            return StepResult(value)
        if _DEPARTMENTS.fullmatch(value.strip(" \u3000")):
            return changed(";".join(_SPACES.split(value.strip(" \u3000"))),
                           "空白で区切られた診療科などの並びを半角セミコロン「;」で区切りました",
                           "a list of departments separated by spaces, now separated by ';' as the standard asks")
        if "・" in value and ";" not in value:
            return problem(value, "multi-value-separator",
                           "複数の値が「・」で区切られているようです。値の区切りなら「;」にしてください（名称の一部ならそのままで構いません）",
                           "values may be separated by '・'; use ';' if they are separate values")
        return StepResult(value)

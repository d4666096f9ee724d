"""同上 / 〃 / ” / 同 (the whole cell) -> the same field's value in the previous output row.

Rule L2-02 forbids leaving out repeated values.  Only a cell that is exactly one of these marks
(spaces around it allowed) is replaced; 同上 inside longer text is left alone.  With no previous row
or an empty previous value it is an issue and the mark is kept.  同左 (same as the cell to the left)
cannot be resolved from one field and is reported.
"""

from __future__ import annotations

from typing import Any

from ._common import changed, is_blank, problem, shown
from .base import CellStep, FieldSpec, SafeRule, StepContext, StepResult

DITTO_MARKS = frozenset({"同上", "〃", "”", "″", "\"", "同", "仝", "〃〃", "同じ", "同上。"})
_STRIP = " \u3000\t\r\n"
_FIRST = frozenset("同〃”″\"仝")
# the first character after any leading spaces is not a ditto mark's first character
_SAFE = SafeRule(fullmatch=("(?s)[ \u3000\t\r\n]*(?:[^ \u3000\t\r\n同〃”″\"仝].*)?",))


class DittoStep(CellStep):
    name = "ditto"

    def applies(self, field: FieldSpec) -> bool:
        return True

    def safe_rule(self, field: FieldSpec) -> SafeRule:
        return _SAFE

    def apply(self, value: Any, field: FieldSpec, ctx: StepContext) -> StepResult:
        if not isinstance(value, str) or len(value) > 12 or not value or value.lstrip(_STRIP)[:1] not in _FIRST:
            return StepResult(value)
        mark = value.strip(_STRIP).replace(" ", "").replace("\u3000", "")
        if mark == "同左":
            return problem(value, "ditto-left", "「同左」は左の項目の値を入力してください",
                           "'同左' (same as left): write the value of the cell to the left")
        if mark not in DITTO_MARKS:
            return StepResult(value)
        prev = (ctx.previous or {}).get(field.name)
        if is_blank(prev):
            return problem(value, "ditto-no-previous",
                           f"「{mark}」（上と同じ）ですが、前の行に「{field.name}」の値がありません。値を入力してください",
                           f"'{mark}' (ditto) but the previous row has no value for '{field.name}'")
        return changed(prev, f"「{mark}」を前の行の値「{shown(prev)}」に置き換えました",
                       f"ditto mark '{mark}' replaced by the previous row's value '{shown(prev)}'")

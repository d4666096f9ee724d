"""同上 / 〃 / ” / 同 (the whole cell) -> the same field's value in the previous output row.

Rule L2-02 forbids leaving out repeated values.  Only a cell that is exactly one of these marks
(spaces around it allowed) is replaced; 同上 inside longer text is left alone.  With no previous row
or an empty previous value it is an issue and the mark is kept.  同左 (same as the cell to the left)
cannot be resolved from one field and is reported.
"""

from __future__ import annotations

import re
from typing import Any

from ._common import changed, is_blank, problem, shown
from .base import CellStep, FieldSpec, SafeRule, StepContext, StepResult

DITTO_MARKS = frozenset({"同上", "〃", "”", "″", "\"", "同", "仝", "〃〃", "同じ", "同上。"})
# What a mark may carry around or inside it: spaces and line breaks, and what the text step removes or turns
# into a space (control, zero-width and odd-space characters).  Ignoring exactly these keeps a conversion
# idempotent: a cell the text step would clean into a mark ("\x1f, 同\n上) is a mark already.
_IGNORED = ("[\x00-\x20\x7f-\xa0\xad\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]")
_IGNORED_RE = re.compile(_IGNORED)
_STRIP = "".join(chr(c) for lo, hi in ((0x00, 0x20), (0x7F, 0xA0), (0xAD, 0xAD), (0x2000, 0x200D), (0x2028, 0x2029),
                                         (0x202F, 0x202F), (0x205F, 0x2060), (0x3000, 0x3000), (0xFEFF, 0xFEFF))
                 for c in range(lo, hi + 1) if _IGNORED_RE.fullmatch(chr(c)))
_FIRST = frozenset("同〃”″\"仝")
_MAX_LEN = 64
# the first character after any leading ignored characters is not a ditto mark's first character
_SAFE = SafeRule(fullmatch=(f"(?s){_IGNORED}*(?:[^{_IGNORED[1:-1]}同〃”″\"仝].*)?",))


def candidate(value: str) -> bool:
    """The ditto step looks at this cell (the columnar engine uses the same test)."""
    return (bool(value) and len(value) <= _MAX_LEN and value.lstrip(_STRIP)[:1] in _FIRST
            and len(_IGNORED_RE.sub("", value)) <= 12)


class DittoStep(CellStep):
    name = "ditto"

    def applies(self, field: FieldSpec) -> bool:
        return True

    def safe_rule(self, field: FieldSpec) -> SafeRule:
        return _SAFE

    def apply(self, value: Any, field: FieldSpec, ctx: StepContext) -> StepResult:
        if not isinstance(value, str) or not candidate(value):
            return StepResult(value)
        mark = _IGNORED_RE.sub("", value)
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

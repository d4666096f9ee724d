"""全国地方公共団体コード (x-check localgov-code) and 法人番号 (x-check corporate-number).

地方公共団体コード: 6 digits with the check digit.  5 digits -> the check digit is added; 4 digits
(the leading zero lost, 1100 for 01100) -> zero-padded and the check digit added; 5 digits that name no
municipality but are a known 6-digit code without its leading zero (92045 for 092045) -> the zero restored;
full-width digits and spaces cleaned.  An empty cell is filled from ``ctx.publisher_code`` only when
``ctx.options["fill_code"]`` is true.  Refused: a 6-digit code whose check digit is wrong (never
"fixed"), a code that is not in the official list, other lengths, and a code glued to a name
("01東灘" is a ward number and name, not a code).

法人番号: hyphens, spaces and full-width digits removed -> 13 digits; a wrong check digit or length is
an issue.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from converters.jp.checkdigit import (
    complete_localgov_code,
    is_valid_corporate_number,
    is_valid_localgov_code,
    localgov_check_digit,
)
from converters.jp.localgov import by_code

from ._common import (
    ANY_DASH_RE,
    cell_text,
    changed,
    fresh,
    is_blank,
    keep_typed_on_issue,
    none_word,
    problem,
    shown,
)
from .base import CellStep, FieldSpec, SafeRule, StepContext, StepResult

_GLUED_RE = re.compile(r"^[0-9]{1,6}\s*[^\d\s\-]")
_EXCEL_EXPONENT = re.compile(r"[0-9](?:\.[0-9]+)?[eE]\+?[0-9]{1,2}")
_SPACES_RE = re.compile(r"[\s\u3000]+")


def _clean(text: str) -> str:
    return _SPACES_RE.sub("", unicodedata.normalize("NFKC", text))


def _name(code: str) -> str:
    g = by_code(code)
    return g.full_name if g else ""


@lru_cache(maxsize=4096)
def localgov_code(text: str) -> StepResult:
    s = _clean(text)
    if s == "":
        return StepResult(text)
    if _EXCEL_EXPONENT.fullmatch(s):
        # 3.00002E+12 (宇部市's event list): Excel showed a long number in exponent notation and the file kept that text
        digits = int(s.lower().split("e")[1].lstrip("+")) + 1
        hint_ja = "（13桁の数: 法人番号かもしれません）" if digits == 13 else f"（{digits}桁の数）"
        return problem(text, "localgov-code-format",
                       f"「{shown(text)}」はExcelが指数表記にした値で、元の数字の下の桁が失われています{hint_ja}。"
                       "6桁の全国地方公共団体コードを記入してください",
                       f"'{shown(text)}' is Excel's exponent notation of a {digits}-digit number, its last digits lost"
                       + (" (a corporate number?)" if digits == 13 else "") + "; write the 6-digit local government code")
    if _GLUED_RE.match(s):
        return problem(text, "localgov-code-glued",
                       f"「{shown(text)}」は番号と名称がつながった値で、全国地方公共団体コードではありません",
                       f"'{shown(text)}' is a number glued to a name, not a local government code")
    if not s.isascii() or not s.isdigit():
        return problem(text, "localgov-code-format", f"「{shown(text)}」は全国地方公共団体コード（6桁の数字）ではありません",
                       f"'{shown(text)}' is not a local government code (6 digits)")
    if len(s) == 6:
        if not is_valid_localgov_code(s):
            right = s[:5] + str(localgov_check_digit(s[:5]))
            hint = f"（{right} {_name(right)} の誤りかもしれません）" if _name(right) else ""
            return problem(text, "localgov-code-checkdigit",
                           f"全国地方公共団体コード「{s}」の検査数字（6桁目）が合いません{hint}。コードを確認してください",
                           f"local government code {s}: wrong check digit; check the code")
        if by_code(s) is None:
            return problem(text, "localgov-code-unknown", f"全国地方公共団体コード「{s}」は一覧にありません",
                           f"local government code {s} is not in the official list")
        if s == text:
            return StepResult(text)
        return changed(s, "全角数字・空白を整形", "full-width digits or spaces cleaned")
    if len(s) in (4, 5):
        five = s.zfill(5)
        full = complete_localgov_code(five)
        lost = "0" + s
        if by_code(full) is None and len(s) == 5 and is_valid_localgov_code(lost) and by_code(lost) is not None:
            # a 6-digit code of 北海道…栃木県 (01…09) read as a number: its leading zero lost, its check digit kept
            # (92045 for 092045 栃木県佐野市); the 5-digit reading names no municipality, this one does
            return changed(lost, f"先頭の0を補いました（検査数字は合っています）：{s} → {lost}（{_name(lost)}）",
                           f"leading zero restored (the check digit fits): {s} -> {lost}")
        if by_code(full) is None:
            return problem(text, "localgov-code-unknown",
                           f"「{s}」に検査数字を付けた {full} は全国地方公共団体コードの一覧にありません。コードを確認してください",
                           f"'{s}' with a check digit ({full}) is not in the official list")
        what_ja = "先頭の0を補い、検査数字を付加" if len(s) == 4 else "検査数字（6桁目）を付加"
        what_en = "leading zero restored and check digit added" if len(s) == 4 else "check digit added"
        return changed(full, f"{what_ja}：{s} → {full}（{_name(full)}）", f"{what_en}: {s} -> {full}")
    return problem(text, "localgov-code-length",
                   f"全国地方公共団体コード「{s}」は{len(s)}桁です（6桁で書きます）",
                   f"local government code '{s}' has {len(s)} digits (6 needed)")


@lru_cache(maxsize=4096)
def corporate_number(text: str) -> StepResult:
    if (none := none_word(text)) is not None:
        return none
    s = ANY_DASH_RE.sub("", _clean(text)).replace("-", "")
    if s == "":
        return StepResult(text)
    if _EXCEL_EXPONENT.fullmatch(s):
        # 4.01E+12, 9.70015E+12: Excel showed the 13-digit number in exponent notation and the file kept that text
        return problem(text, "corporate-number-format",
                       f"「{shown(text)}」はExcelが指数表記にした値で、法人番号の下の桁が失われています。"
                       "元の13桁の番号を記入してください",
                       f"'{shown(text)}' is Excel's exponent notation: the corporate number's last digits are lost; "
                       "write the 13-digit number")
    if not s.isascii() or not s.isdigit():
        return problem(text, "corporate-number-format", f"「{shown(text)}」は法人番号（13桁の数字）ではありません",
                       f"'{shown(text)}' is not a corporate number (13 digits)")
    if len(s) != 13:
        return problem(text, "corporate-number-length", f"法人番号「{s}」は{len(s)}桁です（13桁で書きます）",
                       f"corporate number '{s}' has {len(s)} digits (13 needed)")
    if not is_valid_corporate_number(s):
        return problem(text, "corporate-number-checkdigit", f"法人番号「{s}」の検査数字（1桁目）が合いません。番号を確認してください",
                       f"corporate number {s}: wrong check digit")
    if s == text:
        return StepResult(text)
    return changed(s, "ハイフン・空白・全角数字を除いて13桁に", "hyphens, spaces and full-width digits removed")


@lru_cache(maxsize=1)
def _known_codes() -> SafeRule:
    """Every code of the official list that is written as it should be (6 digits, right check digit)."""
    from converters.jp.localgov import all_localgovs

    return SafeRule(fullmatch=("[0-9]{6}",), values=frozenset(
        g.code for g in all_localgovs()
        if len(g.code) == 6 and g.code.isascii() and g.code.isdigit() and is_valid_localgov_code(g.code)))


class CodeStep(CellStep):
    name = "codes"

    def applies(self, field: FieldSpec) -> bool:
        return "localgov-code" in field.checks or "corporate-number" in field.checks

    def safe_rule(self, field: FieldSpec) -> SafeRule | None:
        # 法人番号: the check digit cannot be read by a pattern; every value goes through the step
        return _known_codes() if "localgov-code" in field.checks else None

    def apply(self, value: Any, field: FieldSpec, ctx: StepContext) -> StepResult:
        if "localgov-code" in field.checks:
            if is_blank(value) or (isinstance(value, str) and value.strip() == ""):
                code = ctx.publisher_code
                if code and ctx.options.get("fill_code"):
                    return changed(code, f"空欄を公開団体のコード {code} で補いました", f"empty: filled with the publisher's code {code}")
                return StepResult(value)
            if isinstance(value, bool):
                return problem(value, "localgov-code-format", "コードの項目に TRUE/FALSE があります", "TRUE/FALSE in a code field")
            return keep_typed_on_issue(fresh(localgov_code(cell_text(value))), value)
        if value is None or isinstance(value, bool):
            return StepResult(value)
        return keep_typed_on_issue(fresh(corporate_number(cell_text(value))), value)

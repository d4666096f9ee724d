"""電話番号 / FAX番号 (x-check phone) -> 0857-22-8111 (phonenumbers, region JP, national format).

Full-width digits, dash look-alikes, (054)626-1139 and plain 0857228111 become the hyphenated
national format (noted).  A "TEL" / "電話" label in front is dropped; a trailing parenthesis
((代表), （FAX兼用）) and an extension (内線123) are moved out.  内線番号 fields get the same
"one value" check without the phone-number rules.

It refuses to guess: several numbers in one cell (0857-22-8111・8112, 2442・2421), a number without
the leading 0 (Excel drops it: 857228111), a number without an area code and anything phonenumbers
does not accept as a valid Japanese number are issues; the value is kept.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

import phonenumbers

from ._common import (
    ANY_DASH_RE,
    cell_text,
    changed,
    fold_ascii,
    fresh,
    keep_typed_on_issue,
    none_word,
    problem,
    shown,
)
from .base import CellStep, FieldSpec, SafeRule, StepContext, StepResult

_LABEL_RE = re.compile(r"^(?:TEL|Tel|tel|電話番号|電話|☎|☏|FAX|Fax|fax)\s*[.:：]?\s*")
_EXT_RE = re.compile(r"\s*(?:内線|内|ext\.?|EXT\.?|Ext\.?)\s*([0-9]{1,6})\s*$")
_TAIL_PAREN_RE = re.compile(r"\s*[(（]([^()（）0-9]+)[)）]\s*$")
_MULTI_SEP_RE = re.compile(r"[,、;；/／・~～〜]|または|又は|及び|および")
_DIGITS_RE = re.compile(r"[0-9]+")
_PHONE_CHARS_RE = re.compile(r"^[0-9()+\- ]+$")
_SAFE_EXTENSION = SafeRule(fullmatch=("[0-9]{1,6}",))


def _several(text: str) -> StepResult:
    return problem(text, "phone-several",
                   f"「{shown(text)}」に複数の番号があります。1つの番号だけを記入し、他は備考へ",
                   f"'{shown(text)}' holds several numbers; keep one (others to the notes)")


@lru_cache(maxsize=16384)
def normalise_phone(text: str) -> StepResult:
    if (none := none_word(text)) is not None:
        return none
    s = ANY_DASH_RE.sub("-", unicodedata.normalize("NFKC", text)).strip()
    if s == "":
        return StepResult(text)
    ja: list[str] = []
    en: list[str] = []
    moved: dict[str, str] = {}
    if m := _LABEL_RE.match(s):
        s = s[m.end():]
        ja.append(f"「{m[0].strip()}」を削除")
        en.append(f"label '{m[0].strip()}' removed")
    if m := _EXT_RE.search(s):
        moved["extension"] = m[1]
        s = s[:m.start()]
        ja.append(f"内線「{m[1]}」を取り出し")
        en.append(f"extension {m[1]} moved out")
    if m := _TAIL_PAREN_RE.search(s):
        moved["note"] = m[0].strip()
        s = s[:m.start()]
        ja.append(f"括弧書き「{m[0].strip()}」を取り出し")
        en.append(f"parenthesis '{m[0].strip()}' moved out")
    if _MULTI_SEP_RE.search(s) and len(_DIGITS_RE.findall(s)) >= 2:
        return _several(text)
    if not _PHONE_CHARS_RE.match(s):
        return problem(text, "phone-invalid", f"「{shown(text)}」は電話番号として読めません",
                       f"'{shown(text)}' cannot be read as a phone number")
    digits = "".join(_DIGITS_RE.findall(s))
    if not (digits.startswith("0") or s.startswith("+81")):
        hint_ja, hint_en = "", ""
        if _valid_national("0" + digits):
            hint_ja, hint_en = f"（先頭の0が消えた可能性：0{digits}）", f" (leading 0 lost? 0{digits})"
        return problem(text, "phone-no-area-code", f"「{shown(text)}」は0で始まっていません（市外局番から書きます）{hint_ja}",
                       f"'{shown(text)}' does not start with 0 (area code needed){hint_en}")
    national = _valid_national(s)
    if national is None and re.search(r"[0-9]\s+[0-9(]", s) and len(digits) >= 14:
        return _several(text)
    if national is None:
        return problem(text, "phone-invalid",
                       f"「{shown(text)}」は日本の電話番号として正しくありません（桁数・市外局番を確認してください）",
                       f"'{shown(text)}' is not a valid Japanese phone number")
    if national == text and not moved:
        return StepResult(text)
    if national != s:
        if "(" in s:
            ja.append("括弧付きの市外局番をハイフン区切りに")
            en.append("(area code) written with hyphens")
        elif "-" not in s:
            ja.append("ハイフン区切りに")
            en.append("hyphens added")
        else:
            ja.append("電話番号の書き方を整形（ハイフン位置など）")
            en.append("phone number reformatted")
    if not ja:
        ja.append("全角数字・ハイフン類を半角に")
        en.append("full-width digits and dash look-alikes to half-width")
    return changed(national, "、".join(ja), "; ".join(en), moved or None)


@lru_cache(maxsize=16384)
def _valid_national(s: str) -> str | None:
    try:
        n = phonenumbers.parse(s, "JP")
    except phonenumbers.NumberParseException:
        return None
    if n.country_code != 81 or not phonenumbers.is_valid_number(n):
        return None
    return str(phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.NATIONAL))


@lru_cache(maxsize=4096)
def extension_number(text: str) -> StepResult:
    s = ANY_DASH_RE.sub("-", fold_ascii(text)).strip()
    if s == "":
        return StepResult(text)
    if _MULTI_SEP_RE.search(s) and len(_DIGITS_RE.findall(s)) >= 2:
        return _several(text)
    return StepResult(text) if s == text else changed(s, "全角数字を半角に", "full-width digits to half-width")


class PhoneStep(CellStep):
    name = "phone"

    def applies(self, field: FieldSpec) -> bool:
        return "phone" in field.checks or field.name.endswith("内線番号")

    def safe_rule(self, field: FieldSpec) -> SafeRule | None:
        # a phone number's validity is phonenumbers' to decide: those go through the step (cached)
        return None if "phone" in field.checks else _SAFE_EXTENSION

    def apply(self, value: Any, field: FieldSpec, ctx: StepContext) -> StepResult:
        if value is None or isinstance(value, bool):
            return StepResult(value)
        text = cell_text(value)
        if "phone" not in field.checks:
            return keep_typed_on_issue(fresh(extension_number(text)), value)
        return keep_typed_on_issue(fresh(normalise_phone(text)), value)

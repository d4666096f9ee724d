"""integer / number fields -> the number as half-width digits.

``387台`` -> 387 (unit 台 moved), ``"4,315 "`` -> 4315, ``約50人`` -> 50 (qualifier 約 and unit 人
moved), ``１２３`` -> 123, ``50人（2平方メートルあたり1人）`` -> 50 (the parenthesis moved as a note),
``5,280円～`` -> 5280 (unit 円, qualifier ～).  What is taken out of the cell is returned in
``StepResult.moved`` so the pipeline can put it in 備考.  ``-`` / ``―`` / なし / 無し / 該当なし mean
"none" and become empty.  Blank stays blank and 0 stays 0 (rule L1-09).  In a fee field (料金(基本):
"基本料金を日本円で記載", an integer), 無料 / 無償 mean a fee of 0 yen and become 0 with a note; elsewhere
they are words.

It refuses to guess: decimals in an integer field, several numbers or a range in one cell,
▲/△ negatives, kanji numerals, words (不明, 未定, 非公開, ***) and unknown prefixes (普通3台) are issues
and the value is kept.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from ._common import FULLWIDTH_ASCII, NONE_WORDS, changed, format_float, fresh, problem, shown
from .base import CellStep, FieldSpec, SafeRule, StepContext, StepResult

# digits, letters (units such as ｍ), ，．－＋＄％ and U+3000; brackets and ～ stay as written
_FOLD = {k: v for k, v in FULLWIDTH_ASCII.items() if k not in (0xFF08, 0xFF09, 0xFF5E)}
_PRE = r"約|およそ|凡そ|概ね|おおむね|大体|だいたい|最大|最小|最低|最高|計|合計|総数|延べ|延|ca\.?|approx\.?"
_POST = r"以上|以下|未満|超|程度|前後|ほど|位|くらい|ぐらい|余り|余|強|弱|まで|程|~|～|〜|\+"
_NUMBER_RE = re.compile(
    rf"(?P<pre>{_PRE})?\s*(?P<cur>[¥￥$＄])?\s*(?P<sign>[-−‐+])?\s*"
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
    r"\s*(?P<unit>[^\d\s()（）~～〜+,、，;；:：/・]{1,8}?(?:[23](?![0-9]))?)?"
    rf"\s*(?P<post>{_POST})?\s*(?P<paren>[(（][^()（）]*[)）])?")
_NOT_A_UNIT_RE = re.compile(r"不明|未定|未|確認|調査|予定|\?|？|程度|以上|以下")
_DIGIT_GROUPS_RE = re.compile(r"[0-9]+")
_FULLWIDTH_DIGIT_RE = re.compile("[０-９]")
_KANJI_NUM_RE = re.compile(r"^[〇零一二三四五六七八九十百千万]+$")
# 無料 in a fee field, with an optional parenthesis (無料（要予約）: the parenthesis is moved out)
_FREE_RE = re.compile(r"(?P<word>無料|無償)\s*(?P<paren>[(（][^()（）]*[)）])?")


def is_fee_field(name: str) -> bool:
    """A field holding a fee in yen: 料金(基本), 子供預かり料金, 利用料, 入場料, 参加費 … (not 料金種別備考)."""
    return re.sub(r"[(（][^()（）]*[)）]$", "", name).endswith(("料金", "料", "費"))


def _join(a: list[str], sep: str) -> str:
    return sep.join(x for x in a if x)


@lru_cache(maxsize=16384)
def parse_number_text(text: str, integer: bool, fee: bool = False) -> StepResult:
    s = text.translate(_FOLD).strip()
    if s == "":
        return StepResult(text)
    if s in NONE_WORDS:
        return changed("", f"「{text.strip()}」は「なし」の意味として空欄にしました（0の場合は0と入力してください）",
                       f"'{text.strip()}' means none: left empty (write 0 if the value is zero)")
    free = _FREE_RE.fullmatch(s) if fee else None
    if free is not None:
        paren = free["paren"]
        return changed("0", f"「{free['word']}」を料金0円として0にしました" + (f"、括弧書き「{paren}」を取り出し" if paren else ""),
                       f"'{free['word']}' (free of charge) written as a fee of 0" + (f"; parenthesis '{paren}' moved out"
                                                                                    if paren else ""),
                       {"note": paren} if paren else None)
    m = _NUMBER_RE.fullmatch(s)
    unit = (m["unit"] or "") if m else ""
    if m is None or (unit and _NOT_A_UNIT_RE.search(unit)):
        if s[0] in "▲△":
            return problem(text, "number-triangle-negative",
                           f"「{shown(text)}」：▲/△ は負の数の意味か確認し、「-」で書いてください",
                           f"'{shown(text)}': ▲/△ may mean a negative number; write it with '-'")
        if _KANJI_NUM_RE.match(s):
            return problem(text, "number-kanji", f"「{shown(text)}」は漢数字です。算用数字（半角）で書いてください",
                           f"'{shown(text)}' is written in kanji numerals; use digits")
        if len(_DIGIT_GROUPS_RE.findall(s)) >= 2:
            return problem(text, "number-several", f"「{shown(text)}」に複数の数値（または範囲）があります。1つの数値にしてください",
                           f"'{shown(text)}' holds several numbers or a range; one number per cell")
        return problem(text, "number-unreadable", f"「{shown(text)}」を数値として読めません",
                       f"'{shown(text)}' cannot be read as a number")
    num = m["num"].replace(",", "")
    try:
        d = Decimal(num)
    except InvalidOperation:   # pragma: no cover - the regex only lets digits through
        return problem(text, "number-unreadable", f"「{shown(text)}」を数値として読めません", f"'{shown(text)}' is not a number")
    sign = m["sign"] or ""
    if sign in ("−", "‐"):
        sign = "-"
    if sign == "+":
        sign = ""
    if integer:
        if d != d.to_integral_value():
            return problem(text, "number-decimal-in-integer",
                           f"整数の項目に小数「{shown(text)}」があります。整数で書いてください",
                           f"a decimal '{shown(text)}' in an integer field")
        out = str(int(d))
    else:
        out = format(d, "f") if not num.startswith(".") else "0" + num
    out = ("-" + out) if sign == "-" and out.strip("0.") else out
    if out == text:
        return StepResult(text)
    ja: list[str] = []
    en: list[str] = []
    moved: dict[str, str] = {}
    if _FULLWIDTH_DIGIT_RE.search(text):
        ja.append("全角数字を半角に")
        en.append("full-width digits to half-width")
    if "," in m["num"]:
        ja.append("桁区切りのカンマを削除")
        en.append("thousands separators removed")
    units = _join([m["cur"] or "", unit], " ")
    if units:
        moved["unit"] = units
        ja.append(f"単位「{units}」を取り出し")
        en.append(f"unit '{units}' moved out")
    qual = _join([m["pre"] or "", m["post"] or ""], " ")
    if qual:
        moved["qualifier"] = qual
        ja.append(f"「{qual}」を取り出し（値の意味が変わるため備考に残してください）")
        en.append(f"qualifier '{qual}' moved out (keep it in the notes: it changes the meaning)")
    if m["paren"]:
        moved["note"] = m["paren"]
        ja.append(f"括弧書き「{m['paren']}」を取り出し")
        en.append(f"parenthesis '{m['paren']}' moved out")
    if integer and "." in num:
        ja.append("小数点以下の0を削除")
        en.append("trailing .0 removed")
    if not ja:
        ja.append("数値の書き方を整形（先頭の0・符号など）")
        en.append("number reformatted")
    return changed(out, "、".join(ja), "; ".join(en), moved or None)


# the number as the step writes it: no leading zero, no "-0", no "+", no thousands separator
_SAFE_INTEGER = SafeRule(fullmatch=("0|-?[1-9][0-9]{0,17}",))
_SAFE_NUMBER = SafeRule(fullmatch=("(?:0|[1-9][0-9]{0,14})(?:\\.[0-9]{1,15})?|-[1-9][0-9]{0,14}(?:\\.[0-9]{1,15})?",))


class NumberStep(CellStep):
    name = "numbers"

    def applies(self, field: FieldSpec) -> bool:
        return field.type in ("integer", "number") and not ({"latitude", "longitude"} & set(field.checks))

    def safe_rule(self, field: FieldSpec) -> SafeRule:
        return _SAFE_INTEGER if field.type == "integer" else _SAFE_NUMBER

    def apply(self, value: Any, field: FieldSpec, ctx: StepContext) -> StepResult:
        integer = field.type == "integer"
        if value is None:
            return StepResult(value)
        if isinstance(value, str):
            return fresh(parse_number_text(value, integer, is_fee_field(field.name)))
        if isinstance(value, bool):
            return problem(value, "number-boolean", "数値の項目に TRUE/FALSE があります", "the number field holds TRUE/FALSE")
        if isinstance(value, int):
            return StepResult(str(value))
        if isinstance(value, float):
            if not math.isfinite(value):
                return problem(value, "number-unreadable", "数値の項目に読めない値（NaN/無限大）があります",
                               "the number field holds NaN or infinity")
            if integer and not value.is_integer():
                return problem(value, "number-decimal-in-integer",
                               f"整数の項目に小数「{format_float(value)}」があります。整数で書いてください",
                               f"a decimal '{format_float(value)}' in an integer field")
            return StepResult(format_float(value))
        if isinstance(value, (dt.date, dt.time)):
            return problem(value, "number-date", f"数値の項目に日付・時刻（{shown(value)}）があります。Excelの書式を確認してください",
                           f"the number field holds a date/time ({shown(value)}); check the Excel cell format")
        return problem(value, "number-unreadable", f"「{shown(value)}」を数値として読めません",
                       f"'{shown(value)}' cannot be read as a number")

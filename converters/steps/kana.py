"""_カナ fields (x-check katakana): hiragana and half-width katakana -> full-width katakana.

ｺﾏｴｼﾔｸｼｮ -> コマエシヤクショ, とっとり -> トットリ, ゝゞ -> ヽヾ (noted).  Digits, Latin letters,
spaces and common punctuation are allowed as they are (第1ゴウ, NHKホール).

Kanji that look like katakana, typed for them next to katakana (二ホン, 工ンジン, 力フェ, ソフト一), are
written as that katakana (noted) when they are the value's only kanji.

Refused: other kanji (the reading is unknown: 鳥取シヤクショ) and other letters (Greek, Hangul …) are an
issue with the characters named; the value is kept.  Small ヶ is katakana and is kept.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from converters.jp.chars import halfwidth_kana_to_fullwidth, hiragana_to_katakana, is_kanji

from ._common import cell_text, changed, fresh, keep_typed_on_issue, problem, shown
from .base import CellStep, FieldSpec, SafeRule, StepContext, StepResult

_HIRAGANA_RE = re.compile("[\u3041-\u3096\u309d\u309e]")
_HALFWIDTH_RE = re.compile("[\uff61-\uff9f]")
_HIRA_ITER = str.maketrans({"\u309d": "\u30fd", "\u309e": "\u30fe"})
_KANA_OK_RE = re.compile("[\u30a1-\u30fa\u30fc-\u30fe\u30fb]")
# full-width katakana (with ー ・ ヽ ヾ) and printable ASCII only
_SAFE = SafeRule(fullmatch=("[\u30a1-\u30fa\u30fb-\u30fe\x20-\x7e]+",))


# kanji typed for the katakana they look like (二ホン for ニホン, 工ンジン, 力フェ, 一 for the long vowel ー)
_LOOKALIKES = {"二": "ニ", "口": "ロ", "力": "カ", "工": "エ", "夕": "タ", "卜": "ト", "八": "ハ", "才": "オ", "一": "ー",
               "匕": "ヒ"}


def _lookalikes_fixed(s: str) -> str | None:
    """``s`` with its look-alike kanji written as katakana, when those are its only kanji and each stands next to
    katakana (ホ二 and 二ホン, never 二 alone or between other letters); None otherwise."""
    out = list(s)
    for i, c in enumerate(s):
        if c not in _LOOKALIKES:
            continue
        near = [s[j] for j in (i - 1, i + 1) if 0 <= j < len(s)]
        if not any(_KANA_OK_RE.match(x) for x in near):
            return None
        out[i] = _LOOKALIKES[c]
    fixed = "".join(out)
    return fixed if fixed != s and not _bad_chars(fixed) else None


def _bad_chars(s: str) -> list[str]:
    bad = []
    for c in dict.fromkeys(s):
        if c == "ヶ" or c.isascii() or _KANA_OK_RE.match(c):
            continue
        if is_kanji(c) or (unicodedata.category(c).startswith("L") and unicodedata.east_asian_width(c) not in ("F",)):
            bad.append(c)
    return bad


@lru_cache(maxsize=16384)
def to_katakana(text: str) -> StepResult:
    s = text
    ja: list[str] = []
    en: list[str] = []
    if _HALFWIDTH_RE.search(s):
        s = halfwidth_kana_to_fullwidth(s)
        ja.append("半角カナを全角に")
        en.append("half-width katakana to full-width")
    if _HIRAGANA_RE.search(s):
        s = hiragana_to_katakana(s).translate(_HIRA_ITER)
        ja.append("ひらがなをカタカナに")
        en.append("hiragana to katakana")
    bad = _bad_chars(s)
    if bad and (fixed := _lookalikes_fixed(s)) is not None:
        pairs = "、".join(f"{a}→{_LOOKALIKES[a]}" for a in dict.fromkeys(bad))
        s, bad = fixed, []
        ja.append(f"カタカナに似た漢字をカタカナに（{pairs}）")
        en.append(f"kanji that look like katakana to katakana ({pairs})")
    if bad:
        chars = "".join(bad[:10])
        return problem(text, "kana-not-katakana",
                       f"「{shown(text)}」にカタカナ以外の文字「{chars}」があります。読みを全角カタカナで書いてください",
                       f"'{shown(text)}' contains characters other than katakana ({chars}); write the reading in katakana")
    if s == text:
        return StepResult(text)
    return changed(s, "、".join(ja), "; ".join(en))


class KanaStep(CellStep):
    name = "kana"

    def applies(self, field: FieldSpec) -> bool:
        return "katakana" in field.checks

    def safe_rule(self, field: FieldSpec) -> SafeRule:
        return _SAFE

    def apply(self, value: Any, field: FieldSpec, ctx: StepContext) -> StepResult:
        if value is None or isinstance(value, bool):
            return StepResult(value)
        text = cell_text(value)
        if text.isascii():
            return StepResult(text)
        return keep_typed_on_issue(fresh(to_katakana(text)), value)

"""Vocabulary (enum) fields: marks and words -> the schema's own value.

* 有/無 enums: ○ ◯ 〇 ● ◎ ✓ 有 有り あり 1 TRUE → 有; × なし 無し 0 - FALSE → 無.  A following
  parenthesis (有（2台）) is moved out as a note.
* enum ["1"] flags (災害種別_*, 指定避難所との重複): ○ ◯ ● 1 有 → "1"; × なし 0 - → "" (empty means 対応なし).
* other enums: the value equal to an allowed value after NFKC and without spaces, or the unique allowed
  value it is a prefix of (階 -> 階数), with a note.  An allowed value joined from several words with ・
  (運輸・観光, 情報通信・科学技術) is a prefix match only for whole words: 運輸 -> 運輸・観光, but 情報 (a
  category of its own in 豊島区's オープンデータ一覧, used for 人口 and 無線LAN) is not 情報通信・科学技術.

* a value made of narrower terms of one allowed value, by law or by the standard's own wording: 文化財一覧's
  種類 美術工芸品 covers 絵画, 彫刻, 工芸品, 書跡, 典籍, 古文書, 考古資料 and 歴史資料 (文化財保護法 第2条), so
  絵画・彫刻・工芸品 or 考古資料 (豊島区) -> 美術工芸品, with a note to check.

It refuses to guess: anything else (可, 一部, △, two prefixes that fit) is an issue with the allowed
values listed, and the value is kept.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from ._common import cell_text, changed, fresh, keep_typed_on_issue, problem, shown
from .base import CellStep, FieldSpec, SafeRule, StepContext, StepResult

TRUE_MARKS = frozenset({
    "○", "◯", "〇", "●", "◎", "✓", "✔", "☑", "レ", "有", "有り", "あり", "アリ", "有る", "ある", "1", "true", "yes", "y",
    "はい", "対象", "該当", "該当あり", "○有",
    # service offered (越前市 子育て施設: 一時預かり「実施あるいは実施可」)
    "実施", "実施あり", "実施中", "実施あるいは実施可",
})
FALSE_MARKS = frozenset({
    "×", "✕", "✖", "☓", "x", "なし", "無し", "無", "ナシ", "無い", "ない", "0", "-", "－", "―", "ー", "‐", "−", "false",
    "no", "n", "いいえ", "非該当", "該当なし", "対象外", "×無", "未実施", "実施なし",
})
_PAREN_RE = re.compile(r"^(.+?)\s*([(（].*[)）])$")
_SPACES_RE = re.compile(r"[\s\u3000]+")


def _key(text: str) -> str:
    return _SPACES_RE.sub("", unicodedata.normalize("NFKC", text)).lower()


def _truth(key: str) -> bool | None:
    if key in TRUE_MARKS:
        return True
    if key in FALSE_MARKS:
        return False
    return None


# allowed value -> its narrower terms (a value whose every ・ / 、 part is one of them means that value)
NARROWER: dict[str, frozenset[str]] = {
    "美術工芸品": frozenset({"絵画", "彫刻", "工芸品", "工芸", "書跡", "典籍", "書跡・典籍", "古文書", "考古資料",
                        "歴史資料"}),
}
_PARTS_RE = re.compile("[・、,，/／]")


def _narrower(key: str, enum: tuple[str, ...]) -> str | None:
    parts = [p for p in _PARTS_RE.split(key) if p]
    hits = [e for e in enum if e in NARROWER and parts and all(p in NARROWER[e] for p in parts)]
    return hits[0] if len(hits) == 1 else None


def _prefix_of(key: str, allowed: str) -> bool:
    """``key`` starts ``allowed``; in a ・-joined value (情報通信・科学技術) it ends at a word boundary."""
    full = _key(allowed)
    if not key or not full.startswith(key):
        return False
    return "・" not in full or full[len(key):].startswith("・")


def _allowed(enum: tuple[str, ...]) -> str:
    return "、".join(enum)


@lru_cache(maxsize=8192)
def map_flag(text: str, enum: tuple[str, ...]) -> StepResult:
    raw = text.strip()
    if raw == "" or raw in enum:
        return StepResult(text) if raw == text else changed(raw, "前後の空白を削除", "trimmed")
    key = _key(raw)
    kind = "yesno" if set(enum) == {"有", "無"} else ("one" if enum == ("1",) else "other")
    note: str | None = None
    if kind != "other":
        truth = _truth(key)
        if truth is None and (m := _PAREN_RE.match(raw)):
            truth, note = _truth(_key(m[1])), m[2]
        if truth is not None:
            out = ("有" if truth else "無") if kind == "yesno" else ("1" if truth else "")
            moved = {"note": note} if note else None
            extra_ja = f"（括弧書き「{note}」は取り出し）" if note else ""
            extra_en = f" (parenthesis '{note}' moved out)" if note else ""
            if out == "":
                return changed(out, f"「{shown(raw)}」を空欄（対応なし）に{extra_ja}", f"'{shown(raw)}' -> empty (no){extra_en}", moved)
            return changed(out, f"「{shown(raw)}」を「{out}」に{extra_ja}", f"'{shown(raw)}' -> '{out}'{extra_en}", moved)
        if kind == "one":
            return problem(text, "flag-unknown", f"「{shown(raw)}」が対応あり（1）か対応なし（空欄）か判断できません",
                           f"'{shown(raw)}': cannot tell yes (1) from no (empty)")
        return problem(text, "flag-unknown", f"「{shown(raw)}」が「有」か「無」か判断できません",
                       f"'{shown(raw)}': cannot tell 有 (yes) from 無 (no)")
    exact = [e for e in enum if _key(e) == key]
    if len(exact) == 1:
        return changed(exact[0], f"「{shown(raw)}」を統制語彙「{exact[0]}」の表記に", f"'{shown(raw)}' -> '{exact[0]}' (vocabulary spelling)")
    if (broad := _narrower(key, enum)) is not None:
        return changed(broad, f"「{shown(raw)}」は「{broad}」の内訳なので「{broad}」に（確認してください）",
                       f"'{shown(raw)}' is a kind of '{broad}' -> '{broad}' (please check)")
    prefix = [e for e in enum if _prefix_of(key, e)]
    if len(prefix) == 1:
        return changed(prefix[0], f"「{shown(raw)}」を前方一致で「{prefix[0]}」に（確認してください）",
                       f"'{shown(raw)}' -> '{prefix[0]}' (unique prefix match; please check)")
    return problem(text, "enum-unknown",
                   f"「{shown(raw)}」は選択肢（{_allowed(enum)}）にありません" + ("（複数の候補があります）" if prefix else ""),
                   f"'{shown(raw)}' is not one of: {', '.join(enum)}" + (" (several candidates)" if prefix else ""))


class FlagStep(CellStep):
    name = "flags"

    def applies(self, field: FieldSpec) -> bool:
        return bool(field.enum)

    def safe_rule(self, field: FieldSpec) -> SafeRule:
        # an allowed value, exactly as the schema spells it
        return SafeRule(values=frozenset(e for e in field.enum or () if e and e == e.strip()))

    def apply(self, value: Any, field: FieldSpec, ctx: StepContext) -> StepResult:
        if value is None:
            return StepResult(value)
        return keep_typed_on_issue(fresh(map_flag(cell_text(value), tuple(field.enum or ()))), value)

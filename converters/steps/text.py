"""Text cleanup for every cell: widths, spaces, line breaks, dashes between digits.

What it changes (each change is named in the note):

* zero-width characters and control characters are removed; tabs, NBSP and other odd spaces
  become a half-width space;
* spaces, U+3000 and line breaks at both ends are trimmed;
* line breaks inside a cell become one space in every field (2026 rule L1-14: one record, one line);
* half-width katakana become full-width (ｺﾏｴ -> コマエ, ｶﾞ -> ガ) and a stand-alone or combining
  voiced mark is joined to its kana (カ゛ -> ガ; NFKC would give "カ ゙");
* full-width digits and Latin letters become half-width (NFKC for U+FF10-FF5A);
* full-width ASCII symbols become half-width only inside alphanumeric runs (９：００ -> 9:00,
  Ａ＆Ｂ -> A&B, １００％ -> 100%, （０５４） -> (054)); Japanese punctuation in prose is kept
  (です！, 料金：300円, 市役所（本館）, 登呂田店（SANOWA）);
  ～ and 〜 are always kept (NFKC would turn ～ into an ASCII tilde);
* U+3000 between two ASCII characters becomes a half-width space; elsewhere it is kept;
* dash look-alikes between digits become "-" (0857ー22ー8111 -> 0857-22-8111);
* layout spaces inside a short name written one character at a time are removed (名　称 -> 名称,
  住　所 -> 住所); "山田　太郎" and English words are left alone.

What it reports (an issue; the cleanup above still applies, and the lost character is never guessed):

* probable mojibake (``probable-mojibake``): a run of ``?`` / ``？`` between two Japanese characters
  (祇??園, 東京都?区: a character lost to '?' in an earlier encoding round trip), except inside a URL, after
  a sentence-final particle (ありますか?次は…) and, for '？', after any hiragana (知ってる？それは…); and
  U+FFFD, the replacement character a lossy decoder writes for a character it could not read; an ASCII '?'
  run that starts the cell before a Japanese character (?賜豬碑); and, in a
  cell holding Japanese text, an ASCII '?' between two digits (柳井市: 8:00?15:00 for 8:00～15:00; 八丈町:
  樫立1812?3 for 1812‐3: a ～ or ‐ the encoder could not write), outside URLs.

機種依存文字 (①, ㈱, ㍻ …) are left to the machine_dependent step, which runs first.  Compatibility
ideographs (神 U+FA19 …) and superscripts (m²) are not folded: that would change names and units.
Numbers, dates and times that arrive as Python values for a plain string field become their text;
a date in a text field is reported (Excel turns 番地 "1-2" into 1月2日).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from typing import Any

from converters.jp.chars import halfwidth_kana_to_fullwidth

from ._common import DASHES, DIGIT_DASH_RE, cell_text, changed, fresh, problem, shown
from .base import CellStep, FieldSpec, Issue, SafeRule, StepContext, StepResult

_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")
_ODD_SPACE_RE = re.compile("[\t\u00a0\u2000-\u200a\u202f\u205f]")
_BREAKS = "\r\n\x0b\x0c\x85\u2028\u2029"
_TRIM = " \u3000" + _BREAKS
_INNER_BREAK_RE = re.compile(f"[ \u3000]*[{_BREAKS}]+[ \u3000]*")
_HALFWIDTH_KANA_RE = re.compile("[\uff61-\uff9f]")
_VOICED_RE = re.compile("(.?)([\u3099\u309a\u309b\u309c])", re.S)
_TO_COMBINING = {"\u309b": "\u3099", "\u309c": "\u309a", "\u3099": "\u3099", "\u309a": "\u309a"}
_TO_STANDALONE = {"\u3099": "\u309b", "\u309a": "\u309c", "\u309b": "\u309b", "\u309c": "\u309c"}
_FW_ALNUM = {cp: cp - 0xFEE0 for cp in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}
_FW_ALNUM_RE = re.compile("[０-９Ａ-Ｚａ-ｚ]")
_FW_SYMBOL_RE = re.compile("[\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff5d]")
_FW_SYMBOL_RUN_RE = re.compile("[\uff01-\uff07\uff0a-\uff0f\uff1a-\uff20\uff3c\uff3e-\uff40\uff5c]+")
_FW_ALNUM_AND_SYMBOLS = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5E)}
_SUFFIX = frozenset("％！？")
_PREFIX = frozenset("＃＄＠－＋")
_FW_PAIR_RE = re.compile("（([\x21-\x7e][\x20-\x7e]*)）|［([\x20-\x7e]+)］|｛([\x20-\x7e]+)｝")
_IDEO_SPACE_ASCII_RE = re.compile("(?<=[\x21-\x7e])\u3000+(?=[\x21-\x7e])")
_CJK = "\u3041-\u3096\u30a1-\u30fa\u30fc\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆"
_SPACED_NAME_RE = re.compile(f"[{_CJK}](?:[ \u3000]+[{_CJK}]){{1,3}}")
# Anything the cleanup could change or report, except the ASCII space and ー (both common in clean text and
# handled by the checks in _needs_work) and '?' (reported only after a Japanese character: _QMARK_AFTER_RE).
_SPECIAL_RE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00a0\u00ad\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\ufeff"
    "\u3000\u3099-\u309c\uff01-\uff5d\uff61-\uff9f\ufffd]")
# probable mojibake: a '?' / '？' run between two Japanese characters (祇??園, 東京都?区), or an ASCII '?' run
# that starts the cell before one (?賜豬碑: 豊島区's 文化財一覧, a kanji Shift_JIS could not hold) ...
_QMARK_RUN_RE = re.compile(f"(?<=[{_CJK}])[?？]+(?=[{_CJK}])|^\\?+(?=[{_CJK}])")
# ... unless it ends a question before the next sentence: after a sentence-final particle (ありますか?次は…,
# なの?, いいよね?), and a full-width '？' after any hiragana (知ってる？それは…: prose writes '？'; a lossy
# encoder writes an ASCII '?')
_QUESTION_END = frozenset("かのねよなわぞぜ")
_URL_RE = re.compile(r"(?:https?|ftp)://\S*|www\.\S*", re.IGNORECASE)
# a '?' after a non-ASCII character: where a reported run can start ('？' and U+FFFD are in _SPECIAL_RE);
# written with escapes that Python's re and RE2 read alike (the SafeRule below)
_QMARK_AFTER_RE = re.compile(r"[^\x00-\x7f]\?")
# ... and a '?' between two digits, in a cell that holds Japanese text (8:00?15:00, 1812?3)
_DIGIT_QMARK_RE = re.compile(r"[0-9]\?[0-9]")
_JAPANESE_RE = re.compile(f"[{_CJK}]")
_ASCII_CLEAN_RE = re.compile("[\x21-\x7e]|[\x21-\x7e][\x20-\x7e]*[\x21-\x7e]")
# not _needs_work(): no special character, no space at either end, no space in a short value, no dash
# look-alike between digits
_SAFE = SafeRule(fullmatch=("(?s)[^ ].*[^ ]|[^ ]", "(?s)[^ ]*|.{8,}"),
                 forbid=(_SPECIAL_RE.pattern, f"[0-9０-９][{DASHES}][0-9０-９]", _QMARK_AFTER_RE.pattern,
                         _DIGIT_QMARK_RE.pattern, "^\\?"))


def _is_half(c: str) -> bool:
    return "\x21" <= c <= "\x7e"


def _fold_symbols(s: str) -> str:
    """Full-width ASCII symbols inside alphanumerics become half-width.

    A run of symbols folds when it sits between two half-width characters (９：００, ｈｔｔｐ：／／,
    ５，２８０, Ａ＆Ｂ), when it is a suffix after one (１００％, ＯＫ！) or a prefix before one (＃１,
    －５, ＠user).  Brackets fold by pairs, when they enclose half-width text and do not follow a
    Japanese character (（０５４）６２６ -> (054)626, but 登呂田店（SANOWA） is kept).
    """

    def run(m: re.Match[str]) -> str:
        before = s[m.start() - 1] if m.start() else ""
        after = s[m.end()] if m.end() < len(s) else ""
        sym = m[0]
        if (_is_half(before) and _is_half(after)) or (_is_half(before) and all(c in _SUFFIX for c in sym)) \
                or (_is_half(after) and all(c in _PREFIX for c in sym)):
            return sym.translate(_FW_ALNUM_AND_SYMBOLS)
        return sym

    def pair(m: re.Match[str]) -> str:
        before = s2[m.start() - 1] if m.start() else ""
        if before and not (_is_half(before) or before == " "):
            return m[0]
        return m[0].translate(_FW_ALNUM_AND_SYMBOLS)

    s2 = _FW_SYMBOL_RUN_RE.sub(run, s)
    return _FW_PAIR_RE.sub(pair, s2)


def _join_voiced(m: re.Match[str]) -> str:
    base, mark = m[1], m[2]
    if base:
        composed = unicodedata.normalize("NFC", base + _TO_COMBINING[mark])
        if len(composed) == 1:
            return composed
    return base + _TO_STANDALONE[mark]


def _needs_work(s: str) -> bool:
    return bool(s) and (_SPECIAL_RE.search(s) is not None or s[0] == " " or s[-1] == " "
                        or (len(s) <= 7 and " " in s) or DIGIT_DASH_RE.search(s) is not None
                        or ("?" in s and (_QMARK_AFTER_RE.search(s) is not None or s[0] == "?"
                                          or _DIGIT_QMARK_RE.search(s) is not None)))


def mojibake_issue(s: str) -> Issue | None:
    """``probable-mojibake`` when ``s`` holds U+FFFD or a '?' / '？' run between two Japanese characters that
    is neither inside a URL nor the end of a question (see the module's docstring); None otherwise."""
    if "\ufffd" in s:
        return Issue("probable-mojibake",
                     f"「{shown(s)}」に置換文字「\ufffd」（U+FFFD）があります。読めなかった文字が失われています"
                     "（文字化け）。元の資料で正しい文字を確認してください",
                     f"'{shown(s)}' holds the replacement character U+FFFD: a character was lost when the text was "
                     "decoded (mojibake); check the original")
    urls: list[tuple[int, int]] | None = None
    for m in _QMARK_RUN_RE.finditer(s):
        before = s[m.start() - 1] if m.start() else ""
        if (before and before in _QUESTION_END) or ("?" not in m[0] and "\u3041" <= before <= "\u309f"):
            continue                           # a question, then the next sentence (…か？次は, 知ってる？それは)
        if urls is None:
            urls = [u.span() for u in _URL_RE.finditer(s)]
        if any(a <= m.start() < b for a, b in urls):
            continue
        run = m[0]
        return Issue("probable-mojibake",
                     f"「{shown(s)}」の「{run}」は文字化けの可能性があります（以前の文字コード変換で文字が「?」に"
                     "置き換わったと思われます）。元の資料で正しい文字を確認してください",
                     f"'{shown(s)}': '{run}' between Japanese characters is probably a character lost to '?' in an "
                     "earlier encoding conversion (mojibake); check the original")
    if "?" in s and _JAPANESE_RE.search(s):
        for m in _DIGIT_QMARK_RE.finditer(s):
            if urls is None:
                urls = [u.span() for u in _URL_RE.finditer(s)]
            if any(a <= m.start() < b for a, b in urls):
                continue
            return Issue("probable-mojibake",
                         f"「{shown(s)}」の数字の間の「?」（{m[0]}）は文字化けの可能性があります（「～」「‐」などが以前の"
                         "文字コード変換で「?」に置き換わったと思われます）。元の資料で正しい文字を確認してください",
                         f"'{shown(s)}': the '?' between digits ({m[0]}) is probably a character (～, ‐ …) lost to '?' in "
                         "an earlier encoding conversion (mojibake); check the original")
    return None


@lru_cache(maxsize=65536)
def clean_text(s: str) -> StepResult:
    """The cleanup of one string (cached: the same text always cleans the same way)."""
    ja: list[str] = []
    en: list[str] = []

    def step(new: str, old: str, j: str, e: str) -> str:
        if new != old:
            ja.append(j)
            en.append(e)
        return new

    s0 = s
    s = step(_ZERO_WIDTH_RE.sub("", s), s, "ゼロ幅文字を削除", "removed zero-width characters")
    s = step(_CONTROL_RE.sub("", s), s, "制御文字を削除", "removed control characters")
    s = step(_ODD_SPACE_RE.sub(" ", s), s, "タブ・特殊な空白を半角スペースに", "tabs and odd spaces to a plain space")
    s = step(s.strip(_TRIM), s, "前後の空白・改行を削除", "trimmed spaces and line breaks at both ends")
    s = step(_INNER_BREAK_RE.sub(" ", s), s, "セル内の改行を空白に置き換え（1行1データ）",
             "line breaks inside the cell replaced by a space (one record per line)")
    if _HALFWIDTH_KANA_RE.search(s):
        s = step(halfwidth_kana_to_fullwidth(s), s, "半角カナを全角に", "half-width katakana to full-width")
    if _VOICED_RE.search(s):
        s = step(_VOICED_RE.sub(_join_voiced, s), s, "濁点・半濁点を直前のかなと結合（結合できないものは単独の記号に）",
                 "voiced sound marks joined to their kana (or written as the stand-alone mark)")
    if _FW_ALNUM_RE.search(s):
        s = step(s.translate(_FW_ALNUM), s, "全角英数字を半角に", "full-width letters and digits to half-width")
    if _FW_SYMBOL_RE.search(s):
        s = step(_fold_symbols(s), s, "英数字に続く全角記号を半角に", "full-width symbols within alphanumerics to half-width")
    if "\u3000" in s:
        s = step(_IDEO_SPACE_ASCII_RE.sub(" ", s), s, "英数字の間の全角スペースを半角に",
                 "ideographic space between half-width characters to a plain space")
    s = step(DIGIT_DASH_RE.sub("-", s), s, "数字の間のハイフン類を「-」に統一", "dash look-alikes between digits to '-'")
    if _SPACED_NAME_RE.fullmatch(s):
        s = step(re.sub("[ \u3000]+", "", s), s, "体裁のための空白を削除（例：名　称→名称）",
                 "removed layout spaces inside a short name")
    issue = mojibake_issue(s)
    if s == s0:
        return StepResult(s0, issue=issue)
    r = changed(s, "、".join(ja), "; ".join(en))
    r.issue = issue
    return r


class TextStep(CellStep):
    name = "text"

    def applies(self, field: FieldSpec) -> bool:
        return True

    def safe_rule(self, field: FieldSpec) -> SafeRule:
        return _SAFE

    def apply(self, value: Any, field: FieldSpec, ctx: StepContext) -> StepResult:
        if isinstance(value, str):
            if value.isascii() and (value == "" or _ASCII_CLEAN_RE.fullmatch(value)):
                return StepResult(value)          # fast path: clean ASCII
            if not _needs_work(value):
                return StepResult(value)
            return fresh(clean_text(value))
        if value is None or field.type != "string":
            return StepResult(value)              # typed fields: the type's own step reads the value
        if isinstance(value, bool):
            return StepResult(value if field.enum else cell_text(value))
        if isinstance(value, float) and value != value:
            return problem(value, "text-not-a-value", "セルの値が数値として読めません（NaN）", "the cell holds NaN")
        if isinstance(value, (dt.date, dt.time)):
            text = cell_text(value)
            return problem(text, "excel-date-in-text",
                           f"文字列の項目に日付・時刻のセルがあります（{text}）。Excelが自動変換した可能性があります"
                           "（例：番地「1-2」が1月2日に）。元の値を確認してください",
                           f"a date/time cell in a text field ({text}); Excel may have converted it "
                           "(e.g. 1-2 to 2 January); check the original value")
        return StepResult(cell_text(value))      # int/float: the number as Excel shows it

"""Character classes of Japanese open data: 機種依存文字, kana, look-alikes, half/full width.

Project-owned tables (research/libs.md §2.3): NFKC alone silently rewrites ①→1 and leaves dash
look-alikes (U+2015 ―, U+2212 −) alone, so both detection and replacement need explicit tables.
"""

from __future__ import annotations

import re
import unicodedata

# --- 機種依存文字 -------------------------------------------------------------------------------
# NEC special characters (CP932 row 13), IBM/NEC-selected extensions that are symbols, and
# half-width katakana.  Each maps to the standard replacement the converter writes (and logs).
_CIRCLED = {chr(0x2460 + i): f"({i + 1})" for i in range(20)}              # ①..⑳ -> (1)..(20)
_ROMAN_UPPER = {chr(0x2160 + i): r for i, r in enumerate(
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"])}
_ROMAN_LOWER = {chr(0x2170 + i): r for i, r in enumerate(
    ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"])}
_SYMBOLS = {
    "№": "No.", "℡": "TEL", "㏍": "K.K.", "〝": "\"", "〟": "\"",
    "㈱": "(株)", "㈲": "(有)", "㈹": "(代)", "㊤": "(上)", "㊥": "(中)", "㊦": "(下)", "㊧": "(左)", "㊨": "(右)",
    "㍻": "平成", "㍼": "昭和", "㍽": "大正", "㍾": "明治", "㋿": "令和",
    "㍉": "ミリ", "㌔": "キロ", "㌢": "センチ", "㍍": "メートル", "㌘": "グラム", "㌧": "トン", "㌃": "アール",
    "㌶": "ヘクタール", "㍑": "リットル", "㍗": "ワット", "㌍": "カロリー", "㌦": "ドル", "㌣": "セント",
    "㌫": "パーセント", "㍊": "ミリバール", "㌻": "ページ",
    "㎜": "mm", "㎝": "cm", "㎞": "km", "㎎": "mg", "㎏": "kg", "㏄": "cc", "㎡": "平方メートル", "㎥": "立方メートル",
    "∮": "∮", "⊿": "⊿", "∟": "∟",
}
MACHINE_DEPENDENT: dict[str, str] = {**_CIRCLED, **_ROMAN_UPPER, **_ROMAN_LOWER, **_SYMBOLS}
# Math symbols of NEC row 13 have no better spelling; they are reported but kept.
for _k in ("∮", "⊿", "∟"):
    MACHINE_DEPENDENT.pop(_k)
_MD_EXTRA_REPORT_ONLY = "∮⊿∟"

HALFWIDTH_KATAKANA_RANGE = ("\uff61", "\uff9f")
_md_chars = "".join(sorted(MACHINE_DEPENDENT)) + _MD_EXTRA_REPORT_ONLY
# Python regex and an RE2-compatible twin (pyarrow) for the same class.
MACHINE_DEPENDENT_RE = re.compile("[" + re.escape(_md_chars) + "\uff61-\uff9f]")
MACHINE_DEPENDENT_RE2 = "[" + "".join(f"\\x{{{ord(c):04x}}}" for c in _md_chars) + "\\x{ff61}-\\x{ff9f}]"


def find_machine_dependent(text: str) -> list[str]:
    """Distinct 機種依存文字 in order of appearance (half-width kana included)."""
    seen: list[str] = []
    for m in MACHINE_DEPENDENT_RE.finditer(text):
        if m.group() not in seen:
            seen.append(m.group())
    return seen


def is_halfwidth_katakana(ch: str) -> bool:
    return HALFWIDTH_KATAKANA_RANGE[0] <= ch <= HALFWIDTH_KATAKANA_RANGE[1]


def halfwidth_kana_to_fullwidth(text: str) -> str:
    """ﾄｯﾄﾘ -> トットリ, ｶﾞ -> ガ (combining the voiced marks), leaving everything else alone."""
    if not any(is_halfwidth_katakana(c) for c in text):
        return text
    out = []
    for run in re.split(r"([\uff61-\uff9f]+)", text):
        out.append(unicodedata.normalize("NFKC", run) if run and is_halfwidth_katakana(run[0]) else run)
    return "".join(out)


def replace_machine_dependent(text: str) -> str:
    """Replace every 機種依存文字 with its standard equivalent (half-width kana -> full-width)."""
    text = halfwidth_kana_to_fullwidth(text)
    return "".join(MACHINE_DEPENDENT.get(c, c) for c in text)


def char_label(ch: str) -> str:
    """'―' -> '「―」(U+2015 HORIZONTAL BAR)'."""
    try:
        name = unicodedata.name(ch)
    except ValueError:
        name = "UNNAMED"
    shown = {"\n": "\\n", "\r": "\\r", "\t": "\\t", " ": "半角スペース", "\u3000": "全角スペース"}.get(ch, ch)
    return f"「{shown}」(U+{ord(ch):04X} {name})"


# --- kana ----------------------------------------------------------------------------------
def is_katakana(ch: str) -> bool:
    return "\u30a1" <= ch <= "\u30fa" or ch in "ーヽヾ・"


def is_hiragana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u3096" or ch in "ゝゞ"


def is_kanji(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or ch in "々〆ヶ"


def hiragana_to_katakana(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in text)


# Safe set for a _カナ field: full-width katakana, prolonged mark, middle dot, spaces, digits/Latin
# letters (名称 such as 「第1ゴウ」) and common brackets.  Used as the vectorised pre-filter too.
KANA_SAFE_RE = re.compile(r"[\u30a1-\u30faー・ヽヾ \u30000-9A-Za-z０-９Ａ-Ｚａ-ｚ（）()－\-．.、，,・／/]*")
KANA_SAFE_RE2 = r"^[\x{30a1}-\x{30fa}\x{30fc}\x{30fb}\x{30fd}\x{30fe} \x{3000}0-9A-Za-z\x{ff10}-\x{ff19}\x{ff21}-\x{ff3a}\x{ff41}-\x{ff5a}\x{ff08}\x{ff09}()\x{ff0d}\-\x{ff0e}.\x{3001}\x{ff0c},\x{ff0f}/]*$"


# --- half-width (英字/英語) ------------------------------------------------------------------
ASCII_PRINTABLE_RE = re.compile(r"[\x20-\x7e]*")
ASCII_PRINTABLE_RE2 = r"^[\x20-\x7e]*$"


# --- look-alike characters (headers, codes, addresses) ---------------------------------------
DASH_LIKES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d\uff70\u30fc\u2500\u2501-"
LOOKALIKE_NOTES: dict[str, str] = {
    "\u2015": "長音記号「ー」(U+30FC) と似ていますが別の文字です",
    "\u2014": "長音記号「ー」やハイフンと似ていますが別の文字です",
    "\u2010": "半角ハイフン「-」と似ていますが別の文字です",
    "\u2212": "半角ハイフン「-」と似ていますが別の文字（マイナス記号）です",
    "\uff0d": "全角ハイフンです",
    "\uff70": "半角カナの長音記号です",
    "\uff3f": "全角アンダースコアです（半角「_」を使います）",
    "\u3000": "全角スペースです",
    " ": "半角スペースです",
    "\n": "セル内の改行です",
    "\r": "セル内の改行です",
    "\t": "タブ文字です",
    "\ufeff": "BOM（ゼロ幅の不可視文字）です",
    "\u200b": "ゼロ幅スペース（不可視文字）です",
}


def canonical_name(name: str) -> str:
    """A comparison key for item names: NFKC, dash look-alikes unified, spaces and line breaks removed.

    Full-width and half-width parentheses compare equal (NFKC), so 建物名等（方書） matches
    建物名等(方書) and the difference is reported separately as a look-alike.
    """
    s = name.replace("\ufeff", "").replace("\u200b", "")
    s = halfwidth_kana_to_fullwidth(s)
    s = unicodedata.normalize("NFKC", s)
    s = re.sub(r"\s+", "", s)
    s = re.sub("[" + re.escape(DASH_LIKES) + "]", "ー", s)
    return s.lower()


def describe_differences(actual: str, expected: str) -> list[str]:
    """Characters of ``actual`` that differ from ``expected`` although both names are canonically equal."""
    labels: list[str] = []
    for ch in actual:
        if ch in expected:
            continue
        lab = char_label(ch)
        note = LOOKALIKE_NOTES.get(ch)
        if is_halfwidth_katakana(ch):
            note = "半角カナです"
        elif unicodedata.east_asian_width(ch) == "F" and ch not in expected:
            note = note or "全角文字です（正しくは半角）"
        elif ch.isascii() and ch not in expected and ch not in " \n\r\t":
            note = note or "半角文字です（正しくは全角）"
        entry = f"{lab}{'：' + note if note else ''}"
        if entry not in labels:
            labels.append(entry)
    return labels

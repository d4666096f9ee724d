"""Text normalisation for Japanese search: the same function runs on indexed text and on queries, so
full-width / half-width, hiragana / katakana and letter case never decide whether something is found.

    normalize("ﾄｲﾚ") == normalize("といれ") == normalize("トイレ") == "トイレ"
"""

from __future__ import annotations

import unicodedata

_HIRA_TO_KATA = {c: c + 0x60 for c in range(0x3041, 0x3097)} | {0x309D: 0x30FD, 0x309E: 0x30FE}
_VARIANTS = {ord("ヶ"): "ケ", ord("ヵ"): "カ"}       # 霞ヶ関 / 霞ケ関


def normalize(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).translate(_HIRA_TO_KATA).translate(_VARIANTS).casefold()
    return " ".join(s.split())


def terms(query: str) -> list[str]:
    """The search terms of a query (whitespace-separated after normalisation; ideographic space included)."""
    seen: dict[str, None] = {}
    for t in normalize(query).split():
        seen.setdefault(t)
    return list(seen)


def bigrams(normalised: str) -> str:
    """The overlapping 2-character tokens of every run of letters and digits, space-separated, for the
    SQLite FTS5 table that answers 2-character terms (the trigram tokenizer cannot): 避難場所 → 避難 難場 場所."""
    out: dict[str, None] = {}
    run: list[str] = []
    for ch in normalised + " ":
        if ch.isalnum():
            run.append(ch)
            continue
        for i in range(len(run) - 1):
            out.setdefault(run[i] + run[i + 1])
        run = []
    return " ".join(out)


def is_bigram_term(term: str) -> bool:
    return len(term) == 2 and term.isalnum()

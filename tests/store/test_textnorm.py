"""The search normalisation: full/half width, kana and case never decide a match."""

from __future__ import annotations

import pytest

from opendata.store.textnorm import normalize, terms


@pytest.mark.parametrize(("a", "b"), [
    ("ﾄｲﾚ", "トイレ"), ("といれ", "トイレ"), ("ＡＥＤ", "aed"), ("AED", "aed"), ("１２３", "123"),
    ("霞ヶ関", "霞ケ関"), ("がっこう", "ガッコウ"), ("ﾊﾞｽ", "バス"), ("公園　一覧", "公園 一覧"),
])
def test_equivalent(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


def test_kanji_untouched_and_terms() -> None:
    assert normalize("指定緊急避難場所一覧") == "指定緊急避難場所一覧"
    assert terms("避難　ﾄｲﾚ  避難") == ["避難", "トイレ"]
    assert terms("   ") == []


def test_bigrams_for_two_character_terms() -> None:
    from opendata.store.textnorm import bigrams, is_bigram_term

    assert bigrams("避難場所 aed（公園）") == "避難 難場 場所 ae ed 公園"
    assert is_bigram_term("避難") and not is_bigram_term("避") and not is_bigram_term("a-")

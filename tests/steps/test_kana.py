import pytest

from converters.steps.kana import KanaStep

from .helpers import field, run

STEP = KanaStep()
F = field("名称_カナ", checks=["katakana"])


@pytest.mark.parametrize("raw,out", [
    ("ｺﾏｴｼﾔｸｼｮ", "コマエシヤクショ"),            # Komae
    ("ｶﾞｲﾄﾞﾌﾞｯｸ", "ガイドブック"),
    ("とっとりしやくしょ", "トットリシヤクショ"),
    ("ゔぃーなす", "ヴィーナス"),
    ("いすゞ", "イスヾ"),
    ("とっとりｼﾔｸｼｮ", "トットリシヤクショ"),
])
def test_converted(raw, out):
    r = run(STEP, raw, F)
    assert r.value == out and r.note_ja and r.issue is None


@pytest.mark.parametrize("raw", ["シヤクショホンカン", "ダイ1ゴウコウエン", "NHKホール", "ケ・ヶ", "アイウ　エオ", "", "ABC"])
def test_clean_unchanged(raw):
    r = run(STEP, raw, F)
    assert r.value == raw and r.note_ja is None and r.issue is None


@pytest.mark.parametrize("raw", ["鳥取シヤクショ", "陽楽坊　晴れ晴れ+F174:AP174", "ソウル서울", "々"])
def test_refused(raw):
    r = run(STEP, raw, F)
    assert r.value == raw and r.issue.code == "kana-not-katakana"


# kanji typed for the katakana they look like (市川市's 二ホンフクインルーテルイチカワキョウカイカイドウ: 二 is the numeral)
@pytest.mark.parametrize("raw,out,pairs", [
    ("二ホンフクインルーテルイチカワキョウカイカイドウ", "ニホンフクインルーテルイチカワキョウカイカイドウ", "二→ニ"),
    ("工ンジン", "エンジン", "工→エ"),
    ("力フェ", "カフェ", "力→カ"),
    ("ハ口ー", "ハロー", "口→ロ"),
    ("ソフト一", "ソフトー", "一→ー"),
    ("ｺﾝﾋﾟｭｰ夕", "コンピュータ", "夕→タ"),                  # half-width first, then the look-alike
    ("にほん二", "ニホンニ", "二→ニ"),
])
def test_lookalike_kanji(raw, out, pairs):
    r = run(STEP, raw, F)
    assert r.value == out and r.issue is None and pairs in r.note_ja


@pytest.mark.parametrize("raw", [
    "二",               # nothing next to it says katakana
    "二ホン鳥取",         # other kanji too: the reading is unknown, nothing is changed
    "二 ホン",           # a space between: not next to katakana
])
def test_lookalike_kanji_left_as_an_issue(raw):
    r = run(STEP, raw, F)
    assert r.value == raw and r.issue.code == "kana-not-katakana"

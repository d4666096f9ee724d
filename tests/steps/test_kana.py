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

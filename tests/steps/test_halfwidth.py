import pytest

from converters.steps.halfwidth import HalfwidthStep

from .helpers import field, run

STEP = HalfwidthStep()
F = field("名称_英語", checks=["halfwidth"])


@pytest.mark.parametrize("raw,out", [("Ｔｏｔｔｏｒｉ　Ｃｉｔｙ　Ｈａｌｌ", "Tottori City Hall"), ("Station １", "Station 1"),
                                     ("ＡＢＣ（Ｂ）", "ABC(B)")])
def test_converted(raw, out):
    r = run(STEP, raw, F)
    assert r.value == out and r.note_ja and r.issue is None


@pytest.mark.parametrize("raw", ["Tottori City Hall", "Esthetic Room Ruby", "", "No.1 Park"])
def test_clean_unchanged(raw):
    r = run(STEP, raw, F)
    assert r.value == raw and r.note_ja is None and r.issue is None


@pytest.mark.parametrize("raw,code", [
    ("425-0086", "halfwidth-other-column"),          # Yaizu tourism: 名称_英語 holds the postal code
    ("〒425-0086", "halfwidth-other-column"), ("4250086", "halfwidth-other-column"), (4250086, "halfwidth-other-column"),
    ("054-626-1139", "halfwidth-other-column"),
    ("鳥取市役所", "halfwidth-japanese"), ("Tottori シティ", "halfwidth-japanese"), ("ﾄｯﾄﾘ", "halfwidth-japanese"),
    ("Tōkyō", "halfwidth-non-ascii"), ("Café", "halfwidth-non-ascii"),
])
def test_refused(raw, code):
    r = run(STEP, raw, F)
    assert r.value == raw and r.issue.code == code

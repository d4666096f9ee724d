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


# U+3000 next to plain spaces (新宿区 odp: "West exit 　underground"): one space, not two
@pytest.mark.parametrize("raw,out", [
    ("Shinjuku Sta. West exit \u3000underground taxi stand", "Shinjuku Sta. West exit underground taxi stand"),
    ("exit\u3000 underground", "exit underground"), ("A \u3000 \u3000 B", "A B"), ("Ａ\u3000\u3000Ｂ", "A B"),
    ("exit \u3000", "exit"),
])
def test_ideographic_space_with_spaces_beside_it_becomes_one_space(raw, out):
    r = run(STEP, raw, F)
    assert r.value == out and r.note_ja and r.issue is None


def test_plain_double_space_is_left_as_written():
    r = run(STEP, "A  B", F)
    assert r.value == "A  B" and r.note_ja is None


def test_whole_chain_gives_one_space():
    from converters.steps import normalise_value
    from converters.steps.base import StepContext

    value, _ = normalise_value("Shinjuku Sta. West exit \u3000underground taxi stand", F, StepContext())
    assert value == "Shinjuku Sta. West exit underground taxi stand"

import pytest

from converters.steps.postcode import PostcodeStep

from .helpers import field, run

STEP = PostcodeStep()
F = field("郵便番号", checks=["postal-code"])


@pytest.mark.parametrize("raw", ["〒680-8571", "６８０－８５７１", "680-8571", "680 8571", "〒 680-8571", "郵便番号：680-8571",
                                 "680ー8571", 6808571])
def test_normalised(raw):
    r = run(STEP, raw, F)
    assert r.value == "6808571" and r.issue is None
    if raw != 6808571:
        assert r.note_ja


def test_clean_unchanged():
    r = run(STEP, "6808571", F)
    assert r.value == "6808571" and r.note_ja is None


@pytest.mark.parametrize("raw,code", [("600001", "postal-code-length"), (600001, "postal-code-length"),
                                      ("68-8571", "postal-code-format"), ("鳥取市", "postal-code-format"),
                                      ("680-85711", "postal-code-format")])
def test_refused(raw, code):
    r = run(STEP, raw, F)
    assert r.value == raw and r.issue.code == code


def test_six_digits_hint_the_leading_zero():
    assert "0600001" in run(STEP, "600001", F).issue.message_ja


def test_empty_and_none_word():
    assert run(STEP, "", F).value == ""
    assert run(STEP, "なし", F).value == ""

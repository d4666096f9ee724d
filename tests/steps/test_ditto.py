import pytest

from converters.steps.base import StepContext
from converters.steps.ditto import DittoStep

from .helpers import field, run

STEP = DittoStep()
F = field("住所")
PREV = StepContext(previous={"住所": "鳥取県鳥取市尚徳町116", "名称": ""})


@pytest.mark.parametrize("mark", ["同上", "〃", "”", "同", " 同上 ", "同　上", "″", "仝",
                                  # what the text step would clean into a mark is a mark already (idempotence)
                                  '"\x1f', '\x1f"', "同\n上", "\u200b同上", "同上\u00a0", "\ufeff〃"])
def test_replaced_by_previous(mark):
    r = run(STEP, mark, F, PREV)
    assert r.value == "鳥取県鳥取市尚徳町116" and r.note_ja and r.issue is None


@pytest.mark.parametrize("ctx", [StepContext(), StepContext(previous={}), PREV])
def test_no_previous_value(ctx):
    f = field("名称") if ctx is PREV else F
    r = run(STEP, "同上", f, ctx)
    assert r.value == "同上" and r.issue.code == "ditto-no-previous"


@pytest.mark.parametrize("raw", ["同上の建物", "〃〃町", "同和地区センター", "", "鳥取市"])
def test_only_whole_cells(raw):
    r = run(STEP, raw, F, PREV)
    assert r.value == raw and r.note_ja is None and r.issue is None


def test_same_as_left_is_reported():
    assert run(STEP, "同左", F, PREV).issue.code == "ditto-left"


def test_typed_values_untouched():
    for v in (None, 1, 2.5):
        assert run(STEP, v, F, PREV).value == v


def test_clean_then_ditto_is_stable():
    """Converting the converted value again changes nothing (the property test found '"\\x1f')."""
    from converters.steps import DEFAULT_STEPS, normalise_value

    for raw in ('"\x1f', "同\r\n上", "\x1f同上\x1f"):
        first = normalise_value(raw, F, PREV, DEFAULT_STEPS)[0]
        assert first == "鳥取県鳥取市尚徳町116"

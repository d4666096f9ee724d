import pytest

from converters.steps.base import StepContext
from converters.steps.ditto import DittoStep

from .helpers import field, run

STEP = DittoStep()
F = field("住所")
PREV = StepContext(previous={"住所": "鳥取県鳥取市尚徳町116", "名称": ""})


@pytest.mark.parametrize("mark", ["同上", "〃", "”", "同", " 同上 ", "同　上", "″", "仝"])
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

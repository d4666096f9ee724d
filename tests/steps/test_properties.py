"""Property tests: no input crashes a step, every step returns a StepResult with messages in both
languages, and normalising twice changes nothing more (the pipeline may feed a normalised value back,
e.g. through 同上)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from converters.steps import DEFAULT_STEPS, normalise_value
from converters.steps.base import StepContext, StepResult
from converters.steps.coordinates import fix_swapped, split_latlon
from converters.steps.times import split_time_range

from .helpers import field

FIELDS = [
    field("名称"), field("備考"),
    field("名称_カナ", checks=["katakana"]), field("名称_英語", checks=["halfwidth"]),
    field("全国地方公共団体コード", checks=["localgov-code"]), field("法人番号", checks=["corporate-number"]),
    field("電話番号", checks=["phone"]), field("内線番号"), field("郵便番号", checks=["postal-code"]),
    field("URL", checks=["url"]), field("緯度", "number", ["latitude"]), field("経度", "number", ["longitude"]),
    field("登録日", "date", ["date"]), field("開始時間", "time", ["time"]),
    field("総数", "integer"), field("標高", "number"),
    field("有無", enum=["有", "無"]), field("災害種別_津波", enum=["1"]), field("高度の種別", enum=["階数", "標高", "地表高"]),
]
CTX = StepContext(publisher_code="312011", previous={"名称": "前の行", "備考": ""}, options={"fill_code": True})

# Text that looks like municipal data as well as anything Unicode can hold.
JAPANESE = st.text(alphabet=st.sampled_from(
    list("0123456789０１２３４５６７８９-－ー―‐−.．,，:：/／()（）～〜 　\n\t年月日時分秒令和平成昭和元RHS"
         "有無○×あいうアイウｱｲｳﾞﾟ゛゜①㈱Ⅲ№㍻㎡〒@#%！？同上〃¥円人台約以上なし東西南北度'\"°")), max_size=30)
ANY_TEXT = st.one_of(st.text(max_size=40), JAPANESE)
TYPED = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.dates(), st.datetimes(), st.times(),
)


def _check(r: StepResult) -> None:
    assert isinstance(r, StepResult)
    if r.note_ja is not None:
        assert r.note_en
    if r.issue is not None:
        assert r.issue.code and r.issue.message_ja and r.issue.message_en
    if r.moved is not None:
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in r.moved.items())


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(value=st.one_of(ANY_TEXT, TYPED), idx=st.integers(0, len(FIELDS) - 1))
def test_no_step_crashes(value, idx):
    f = FIELDS[idx]
    for step in DEFAULT_STEPS:
        _check(step.apply(value, f, CTX))       # every step, applicable or not, takes any value


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(value=st.one_of(ANY_TEXT, TYPED), idx=st.integers(0, len(FIELDS) - 1))
def test_normalise_value_is_idempotent(value, idx):
    f = FIELDS[idx]
    once, outcomes = normalise_value(value, f, CTX)
    for o in outcomes:
        _check(o)
    twice, again = normalise_value(once, f, CTX)
    assert twice == once or (twice != twice and once != once)    # NaN stays NaN
    assert not any(o.note_ja for o in again), [o.to_dict() for o in again]


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_row_helpers_never_crash(text):
    r = split_time_range(text)
    assert r is None or (len(r) == 2 and all(len(x) == 5 for x in r))
    p = split_latlon(text)
    assert p is None or len(p) == 2
    if p:
        fix_swapped(*p)


@settings(max_examples=200, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True), st.floats(allow_nan=True, allow_infinity=True))
def test_fix_swapped_floats(a, b):
    la, lo, swapped = fix_swapped(a, b)
    if swapped:
        assert (la, lo) == (b, a) and 20 <= la <= 46 and 122 <= lo <= 154
    else:
        assert (la is a and lo is b)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)))
def test_dates_round_trip_through_every_shape(d):
    f = field("登録日", "date", ["date"])
    for text in (d.isoformat(), f"{d.year}/{d.month}/{d.day}", f"{d.year}年{d.month}月{d.day}日", f"{d.year}.{d.month}.{d.day}"):
        assert normalise_value(text, f, CTX)[0] == d.isoformat()
    assert normalise_value(d, f, CTX)[0] == d.isoformat()
    serial = (d - dt.date(1899, 12, 30)).days
    assert normalise_value(float(serial), f, CTX)[0] == d.isoformat()


@settings(max_examples=200, deadline=None)
@given(st.times())
def test_times_round_trip(t):
    f = field("開始時間", "time", ["time"])
    hhmm = t.strftime("%H:%M")
    assert normalise_value(t, f, CTX)[0] == hhmm
    assert normalise_value(f"{t.hour}:{t.minute:02d}", f, CTX)[0] == hhmm
    assert normalise_value(f"{t.hour}時{t.minute}分", f, CTX)[0] == hhmm

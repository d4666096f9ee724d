import datetime as dt

import pytest

from converters.steps.times import TimeStep, split_time_range

from .helpers import field, run

STEP = TimeStep()
START = field("開始時間", "time", ["time"])


@pytest.mark.parametrize("raw,hhmm", [
    ("8:30", "08:30"),              # Komae
    ("9:30", "09:30"),              # Yaizu tourism
    ("9時", "09:00"), ("９：００", "09:00"), ("09:00:00", "09:00"), ("午後5時", "17:00"), ("17時半", "17:30"),
    ("9時30分", "09:30"), ("午前9:00", "09:00"), ("5:30PM", "17:30"), ("0:00", "00:00"), (" 9:00 ", "09:00"),
    ("09:00:30", "09:00"),
])
def test_converted(raw, hhmm):
    r = run(STEP, raw, START)
    assert r.value == hhmm and r.note_ja and r.issue is None


def test_clean_value_unchanged():
    r = run(STEP, "09:00", START)
    assert r.value == "09:00" and r.note_ja is None and r.issue is None


@pytest.mark.parametrize("value,hhmm", [(0.375, "09:00"), (0.7083333333333334, "17:00"), (0.0, "00:00"),
                                        (dt.time(9, 0), "09:00"), (dt.time(17, 30, 15), "17:30"),
                                        (dt.datetime(1899, 12, 30, 9, 0), "09:00")])
def test_excel_and_python_values(value, hhmm):
    assert run(STEP, value, START).value == hhmm


def test_excel_fraction_is_noted():
    assert "Excel" in run(STEP, 0.375, START).note_ja


def test_real_datetime_drops_the_date_with_a_note():
    r = run(STEP, dt.datetime(2024, 4, 1, 9, 0), START)
    assert r.value == "09:00" and "2024-04-01" in r.note_ja


@pytest.mark.parametrize("raw,code", [
    ("9:00～17:00", "time-range-splittable"), ("9:00~16:30", "time-range-splittable"),
    ("9時～", "time-range"),
    ("24:00", "time-24h"), ("24時間", "time-24h"), ("終日", "time-24h"),
    ("0900", "time-no-colon"),
    ("25:00", "time-invalid"), ("9:75", "time-invalid"),
    ("要問合せ", "time-unreadable"),
])
def test_issues(raw, code):
    r = run(STEP, raw, START)
    assert r.value == raw and r.issue.code == code


def test_range_issue_names_both_ends():
    r = run(STEP, "9:00～17:00", START)
    assert "09:00" in r.issue.message_ja and "17:00" in r.issue.message_ja and r.moved is None


@pytest.mark.parametrize("value", [9, 900, 1.5, -0.1, 0.99999999, float("nan"), True, dt.date(2024, 4, 1)])
def test_bad_typed_values(value):
    r = run(STEP, value, START)
    assert r.issue is not None and r.value is value


@pytest.mark.parametrize("raw,ends", [
    ("9:00～17:00", ("09:00", "17:00")), ("9:00-17:00", ("09:00", "17:00")), ("９：００～１７：００", ("09:00", "17:00")),
    ("9時から17時まで", ("09:00", "17:00")), ("午前9時〜午後5時", ("09:00", "17:00")), ("9:00 ~ 16:30", ("09:00", "16:30")),
    ("22:00～5:00", ("22:00", "05:00")),
    ("9:00～", None), ("9:00～16:30（最終入館16:00）", None), ("平日", None), ("", None),
])
def test_split_time_range(raw, ends):
    assert split_time_range(raw) == ends


def test_applies():
    assert STEP.applies(START) and STEP.applies(field("終了時間", "time")) and not STEP.applies(field("名称"))


@pytest.mark.parametrize(("raw", "hhmm", "note"), [
    ("17:00（最終入館16:30まで）", "17:00", "（最終入館16:30まで）"),        # 高松市's event list
    ("10:00\n（一部コーナーを除く）", "10:00", "（一部コーナーを除く）"),
    ("9時(受付8時30分から)", "09:00", "(受付8時30分から)"),
])
def test_time_with_a_note_in_parentheses(raw, hhmm, note):
    r = run(STEP, raw, START)
    assert r.value == hhmm and r.issue is None and r.moved == {"note": note} and "括弧書き" in r.note_ja


@pytest.mark.parametrize(("raw", "code"), [("9:00～17:00（土日は休み）", "time-range"), ("（随時）", "time-unreadable"),
                                           ("未定（調整中）", "time-unreadable")])
def test_parenthesis_after_what_is_not_one_time_is_still_an_issue(raw, code):
    r = run(STEP, raw, START)
    assert r.value == raw and r.issue.code == code and not r.moved


@pytest.mark.parametrize("raw", ["—", "-", "なし", " ― "])
def test_none_word_leaves_the_time_empty(raw):
    # 高松市's event list: 終了時間 — (no end time given)
    r = run(STEP, raw, START)
    assert r.value == "" and r.issue is None and "なし" in r.note_ja


# --- a column of Excel day fractions written as text (小山市's 診療開始時間: 0.375, 0.770833333333333) ---------------------
def test_fraction_text_column_is_recognised():
    from converters.steps.times import fraction_text_column

    assert fraction_text_column(["0.375", "0.770833333333333", ".5", "0.75", ""])
    assert not fraction_text_column(["0.375", "0.75"])                                   # too few to tell
    assert not fraction_text_column(["0.375", "0.75", "0.5", "9:00", "17:00"])           # 60 %
    assert not fraction_text_column(["1.5", "2.25", "3.75"])                             # not below 1


def test_fraction_text_converted_only_in_such_a_column():
    from dataclasses import replace

    from converters.steps.base import FieldSpec

    plain = FieldSpec("診療開始時間", type="time", checks=["time"])
    col = replace(plain, serial_text=True)
    r = run(STEP, "0.770833333333333", col)
    assert r.value == "18:30" and r.issue is None and "0.770833333333333" in r.note_ja
    assert run(STEP, "０．３７５", col).value == "09:00"
    assert run(STEP, "9:00", col).value == "09:00"
    assert run(STEP, "0.375", plain).issue is not None

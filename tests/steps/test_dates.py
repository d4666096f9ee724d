import datetime as dt

import pytest

from converters.steps.dates import DateStep

from .helpers import field, run

STEP = DateStep()
F = field("文化財指定日", "date", ["date"])


@pytest.mark.parametrize("raw,iso", [
    ("令和6年4月1日", "2024-04-01"), ("R6.4.1", "2024-04-01"), ("H31.4.30", "2019-04-30"),
    ("平成31年4月30日", "2019-04-30"), ("S39.04.06", "1964-04-06"), ("令和元年5月1日", "2019-05-01"),
    ("R1.5.1", "2019-05-01"), ("平成元年1月8日", "1989-01-08"), ("平成三十一年四月三十日", "2019-04-30"),
    ("令和２年４月１日", "2020-04-01"), ("H31/4/30", "2019-04-30"), ("㍻31年4月30日", "2019-04-30"),
    ("2024/4/1", "2024-04-01"), ("2024.4.1", "2024-04-01"), ("2024年4月1日", "2024-04-01"), ("2024-4-1", "2024-04-01"),
    ("２０２４／４／１", "2024-04-01"), ("20240401", "2024-04-01"), ("2024/4/1 0:00:00", "2024-04-01"),
    ("2024年4月1日(月)", "2024-04-01"), ("令和6年4月1日（月曜日）", "2024-04-01"),
])
def test_converted_with_note(raw, iso):
    r = run(STEP, raw, F)
    assert r.value == iso and r.note_ja and r.issue is None


def test_wareki_note_says_so():
    assert "和暦" in run(STEP, "令和6年4月1日", F).note_ja


def test_iso_is_unchanged():
    r = run(STEP, "2024-04-01", F)
    assert r.value == "2024-04-01" and r.note_ja is None


def test_time_part_is_dropped_with_a_note():
    r = run(STEP, "2024/04/01 9:30", F)
    assert r.value == "2024-04-01" and "9:30" in r.note_ja


@pytest.mark.parametrize("raw,code", [
    ("平成31年5月1日", "date-era-mismatch"), ("令和元年4月30日", "date-era-mismatch"), ("平成32年1月1日", "date-era-mismatch"),
    ("昭和65年1月1日", "date-era-mismatch"),
    ("令和2年2月30日", "date-invalid"), ("2024/2/30", "date-invalid"), ("2023-02-29", "date-invalid"),
    ("令和6年4月", "date-unreadable"), ("24/4/1", "date-unreadable"), ("未定", "date-unreadable"),
    ("2024年4月1日(火)", "date-weekday-mismatch"),
    ("2024/4/1～2024/4/5", "date-range"),
    ("45383", "date-number-as-text"),
])
def test_not_guessed(raw, code):
    r = run(STEP, raw, F)
    assert r.value == raw and r.issue.code == code and r.note_ja is None


def test_serial_as_text_gives_a_hint_only():
    r = run(STEP, "45383", F)
    assert "2024-04-01" in r.issue.message_ja


@pytest.mark.parametrize("value,iso", [(45383, "2024-04-01"), (45383.0, "2024-04-01"), (45383.75, "2024-04-01"),
                                       (61, "1900-03-01"), (20240401, "2024-04-01")])
def test_excel_serials_from_number_cells(value, iso):
    r = run(STEP, value, F)
    assert r.value == iso and r.note_ja


@pytest.mark.parametrize("value", [60, 0, -5, 1e12, float("nan"), float("inf"), True, 10**400])
def test_bad_numbers(value):
    r = run(STEP, value, F)
    assert r.issue is not None and r.value is value


def test_python_dates():
    assert run(STEP, dt.date(2024, 4, 1), F).value == "2024-04-01"
    r = run(STEP, dt.datetime(2024, 4, 1), F)
    assert r.value == "2024-04-01" and r.note_ja is None
    r = run(STEP, dt.datetime(2024, 4, 1, 13, 5), F)
    assert r.value == "2024-04-01" and "13:05" in r.note_ja
    assert run(STEP, dt.time(9, 0), F).issue is not None


def test_empty():
    assert run(STEP, "", F).value == ""
    assert run(STEP, None, F).value is None


def test_applies():
    assert STEP.applies(F) and STEP.applies(field("登録日", "date")) and not STEP.applies(field("名称"))


# --- day and month before a 4-digit year (1/1/2023: 高松市's population file) -------------------------------
@pytest.mark.parametrize("raw,iso,says", [
    ("1/1/2023", "2023-01-01", "月と日が同じ"),        # month == day: both readings agree
    ("12/25/2023", "2023-12-25", "米国式"),           # day > 12: only month/day/year is a date
    ("25/12/2023", "2023-12-25", "日/月/年"),         # the other way round: only day/month/year is a date
    ("1-1-2023", "2023-01-01", "月と日が同じ"),
    ("１/３１/２０２３", "2023-01-31", "米国式"),
    ("1/1/2023 0:00", "2023-01-01", "月と日が同じ"),
    ("12/25/2023(月)", "2023-12-25", "曜日"),
])
def test_year_last_read_when_only_one_reading_is_a_date(raw, iso, says):
    r = run(STEP, raw, F)
    assert r.value == iso and r.issue is None and says in r.note_ja


@pytest.mark.parametrize("raw", ["4/5/2023", "01.02.2023", "12/1/2024"])
def test_year_last_ambiguous_is_reported_with_both_readings(raw):
    r = run(STEP, raw, F)
    assert r.value == raw and r.issue.code == "date-order-ambiguous" and r.note_ja is None
    a, b, y = (int(x) for x in raw.replace(".", "/").split("/"))
    assert dt.date(y, a, b).isoformat() in r.issue.message_ja and dt.date(y, b, a).isoformat() in r.issue.message_en


@pytest.mark.parametrize("raw,code", [("13/13/2023", "date-invalid"), ("2/30/2023", "date-invalid"),
                                      ("1/1/23", "date-unreadable"), ("1/2023", "date-unreadable"),
                                      ("12/25/2023(火)", "date-weekday-mismatch")])
def test_year_last_refused(raw, code):
    r = run(STEP, raw, F)
    assert r.value == raw and r.issue.code == code


@pytest.mark.parametrize("raw,iso", [("平17．4.20", "2005-04-20"), ("昭45.3.1", "1970-03-01")])
def test_one_kanji_era_is_converted(raw, iso):
    r = run(STEP, raw, F)
    assert r.value == iso and r.issue is None and "和暦" in r.note_ja


# --- a column of Excel serial numbers written as text (市川市's 文化財指定日: 22196, 22313 …) -------------------------
def test_serial_text_column_is_recognised():
    from converters.steps.dates import serial_text_column

    assert serial_text_column(["22196", "22196", "22313", "22542", ""])
    assert serial_text_column(["22196", "22313", "２２５４２", "22600", "1960-10-07", None])   # 4 of 5: 80 %
    assert not serial_text_column(["22196", "22313", "22542", "1960-10-07"])                # 3 of 4: 75 %
    assert not serial_text_column(["22196", "22313"])                                    # too few to tell
    assert not serial_text_column(["22196", "22313", "22542", "2020/1/1", "R2.1.1"])     # 60 %
    assert not serial_text_column(["05000", "05001", "05002"])                           # 1913: before 1920
    assert not serial_text_column(["99999", "99998", "99997"])                           # after 2100


def test_serial_text_converted_only_in_such_a_column():
    from dataclasses import replace

    plain = F
    serial = replace(plain, serial_text=True)
    r = run(STEP, "22196", serial)
    assert r.value == "1960-10-07" and r.issue is None and "シリアル値 22196" in r.note_ja
    assert run(STEP, "２２３１３", serial).value == "1961-02-01"
    assert run(STEP, "22196", plain).issue.code == "date-number-as-text"
    # other values of such a column as usual; a number outside the range stays an issue
    assert run(STEP, "S63.7.5", serial).value == "1988-07-05"
    assert run(STEP, "99999", serial).issue.code == "date-number-as-text"

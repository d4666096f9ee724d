import datetime as dt

import pytest

from converters.jp.datetime_ja import kanji_to_int, parse_date, parse_time


@pytest.mark.parametrize("text,iso,shape", [
    ("2024-04-01", "2024-04-01", "iso"),
    ("令和6年4月1日", "2024-04-01", "wareki"),
    ("R6.4.1", "2024-04-01", "wareki"),
    ("H31.4.30", "2019-04-30", "wareki"),
    ("平成31年4月30日", "2019-04-30", "wareki"),
    ("S39.04.06", "1964-04-06", "wareki"),
    ("令和元年5月1日", "2019-05-01", "wareki"),
    ("令和２年４月１日", "2020-04-01", "wareki"),
    ("平成三十一年四月三十日", "2019-04-30", "wareki"),
    ("H31/4/30", "2019-04-30", "wareki"),
    ("㍻31年4月30日", "2019-04-30", "wareki"),
    ("2024/4/1", "2024-04-01", "ymd-slash"),
    ("2024.4.1", "2024-04-01", "ymd-dot"),
    ("2024年4月1日", "2024-04-01", "ymd-kanji"),
    ("2024-4-1", "2024-04-01", "ymd-hyphen"),
])
def test_dates(text, iso, shape):
    p = parse_date(text)
    assert (p.iso, p.shape, p.problem) == (iso, shape, None)


@pytest.mark.parametrize("text,problem", [
    ("平成31年5月1日", "era-mismatch"),
    ("令和元年4月30日", "era-mismatch"),
    ("平成32年1月1日", "era-mismatch"),
    ("昭和65年1月1日", "era-mismatch"),
    ("令和2年2月30日", "invalid"),
    ("2024-02-30", "invalid"),
])
def test_impossible_dates_are_flagged_not_guessed(text, problem):
    p = parse_date(text)
    assert p.problem == problem and p.value is None


def test_excel_serial_only_when_allowed():
    assert parse_date("45383").value is None
    assert parse_date("45383", allow_serial=True).value == dt.date(2024, 4, 1)


@pytest.mark.parametrize("text,hhmm", [
    ("09:00", "09:00"), ("9:00", "09:00"), ("9時", "09:00"), ("９：００", "09:00"), ("09:00:00", "09:00"),
    ("午後5時", "17:00"), ("17時半", "17:30"), ("8時30分", "08:30"), ("5:30PM", "17:30"),
])
def test_times(text, hhmm):
    assert parse_time(text).hhmm == hhmm


def test_time_problems():
    assert parse_time("24:00").problem == "invalid"
    assert parse_time("9:00～17:00").problem == "range"
    assert parse_time("0.375", allow_fraction=True).hhmm == "09:00"
    assert parse_time("0.375").value is None


def test_kanji_numbers():
    assert kanji_to_int("三十一") == 31
    assert kanji_to_int("元") == 1
    assert kanji_to_int("二〇二四") == 2024


@pytest.mark.parametrize("text,hhmm", [
    ("午前9:00", "09:00"), ("午後5:30", "17:30"), ("AM9:00", "09:00"), ("PM12:15", "12:15"), ("午前12:00", "00:00"),
    ("午後１：３０", "13:30"),
])
def test_times_with_marker_before(text, hhmm):
    p = parse_time(text)
    assert (p.hhmm, p.shape, p.problem) == (hhmm, "ampm", None)


# Sweep of unseen municipal files: 東村山市's 文化財一覧 writes 平17．4.20 (one-kanji era, a full-width period).
@pytest.mark.parametrize("text,iso", [
    ("平17．4.20", "2005-04-20"), ("平19.3.12", "2007-03-12"), ("昭54.6.6", "1979-06-06"),
    ("令2年4月1日", "2020-04-01"), ("大15.1.1", "1926-01-01"), ("明45.7.29", "1912-07-29"),
])
def test_one_kanji_era_abbreviation(text, iso):
    p = parse_date(text)
    assert (p.iso, p.shape, p.problem) == (iso, "wareki", None)


def test_one_kanji_era_abbreviation_keeps_the_era_boundaries():
    assert parse_date("平31.5.1").problem == "era-mismatch"
    assert parse_date("明日").value is None

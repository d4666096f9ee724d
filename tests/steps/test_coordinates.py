import pytest

from converters.steps.coordinates import CoordinateStep, dms_to_decimal, fix_swapped, split_latlon

from .helpers import field, run

STEP = CoordinateStep()
LAT = field("緯度", "number", ["latitude"])
LON = field("経度", "number", ["longitude"])


@pytest.mark.parametrize("raw,out,f", [
    ("34.719504 ", "34.719504", LAT),        # Kobe: trailing space
    ("135.262343 ", "135.262343", LON),
    ("３４．７１９５", "34.7195", LAT),
    ("35°30'04\"N", "35.5011111", LAT), ("35度30分4秒", "35.5011111", LAT), ("北緯35度30分4秒", "35.5011111", LAT),
    ("東経134度14分6秒", "134.235", LON), ("134°14′6″E", "134.235", LON), ("35度30.5分", "35.5083333", LAT),
    ("+34.5", "34.5", LAT),
])
def test_normalised(raw, out, f):
    r = run(STEP, raw, f)
    assert r.value == out and r.note_ja and r.issue is None


def test_clean_unchanged():
    r = run(STEP, "35.63494013", LAT)
    assert r.value == "35.63494013" and r.note_ja is None and r.issue is None


@pytest.mark.parametrize("raw", ["0", "0.0", "0.000000", 0, 0.0])
def test_zero_means_unknown(raw):
    r = run(STEP, raw, LAT)
    assert r.value == "" and "0" in r.note_ja


@pytest.mark.parametrize("value,out", [(34.719504, "34.719504"), (139.5787757, None), (35, "35")])
def test_typed(value, out):
    f = LON if value == 139.5787757 else LAT
    r = run(STEP, value, f)
    assert r.issue is None and r.value == (out or "139.5787757") and r.note_ja is None


@pytest.mark.parametrize("raw,f,code", [
    ("134.2", LAT, "latlon-swapped"), ("34.5", LON, "latlon-swapped"),
    ("34719504", LAT, "latlon-no-decimal-point"),
    ("50", LAT, "latlon-out-of-japan"), ("-35.5", LAT, "latlon-out-of-japan"), ("35°30'S", LAT, "latlon-out-of-japan"),
    ("34.34,134.04", LAT, "latlon-pair-in-cell"),
    ("緯度経度を確認", LAT, "latlon-not-number"), ("abc", LON, "latlon-not-number"),
])
def test_refused(raw, f, code):
    r = run(STEP, raw, f)
    assert r.value == raw and r.issue.code == code


@pytest.mark.parametrize("value", [float("nan"), float("inf"), True, 200.0])
def test_bad_typed(value):
    assert run(STEP, value, LAT).issue is not None


def test_dms():
    assert dms_to_decimal("35") is None
    assert dms_to_decimal("35°61'") is None
    assert dms_to_decimal("35°30'") == 35.5


@pytest.mark.parametrize("raw,pair", [("34.34,134.04", ("34.34", "134.04")), ("34.34 134.04", ("34.34", "134.04")),
                                      ("(34.34, 134.04)", ("34.34", "134.04")), ("３４．３４、１３４．０４", ("34.34", "134.04")),
                                      ("134.04,34.34", ("134.04", "34.34")), ("34.34", None), ("a,b", None), ("34,134", None)])
def test_split_latlon(raw, pair):
    assert split_latlon(raw) == pair


def test_fix_swapped():
    assert fix_swapped("134.04", "34.34") == ("34.34", "134.04", True)
    assert fix_swapped(134.04, 34.34) == (34.34, 134.04, True)
    assert fix_swapped("34.34", "134.04") == ("34.34", "134.04", False)
    assert fix_swapped("x", "134") == ("x", "134", False)
    assert fix_swapped("", "") == ("", "", False)


def test_applies():
    assert STEP.applies(LAT) and STEP.applies(LON) and not STEP.applies(field("標高", "number"))


# 彦根市's 消火栓: 0351746231 / 1361729125, degrees, minutes and seconds written together (35°17'46.231")
@pytest.mark.parametrize(("raw", "f", "decimal", "dms"), [
    ("0351746231", LAT, "035.1746231", "35度17分46.231秒 = 35.2961753"),
    ("1361729125", LON, "136.1729125", "136度17分29.125秒 = 136.2914236"),
])
def test_no_decimal_point_names_the_packed_dms_reading(raw, f, decimal, dms):
    r = run(STEP, raw, f)
    assert r.value == raw and r.issue.code == "latlon-no-decimal-point"
    assert decimal in r.issue.message_ja and dms in r.issue.message_ja


def test_no_decimal_point_without_a_dms_reading():
    r = run(STEP, "34719504", LAT)           # 34°71': no such minutes
    assert "34.719504" in r.issue.message_ja and "度分秒" not in r.issue.message_ja

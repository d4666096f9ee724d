"""Every Japanese check with passing and failing cells, and the soundness of its pre-filter."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opendata.validation.checks import REGISTRY, UNIVERSAL, UNIVERSAL_KANA, UNIVERSAL_SAFE
from opendata.validation.checks.numeric import NumericAscii


def codes(check: str, value: str) -> list[tuple[str, str | None]]:
    return [(f.code, f.suggestion) for f in REGISTRY[check].check(value)]


@pytest.mark.parametrize("value", ["312011", "011002", "131016", "222127", "310000"])
def test_localgov_code_ok(value):
    assert codes("localgov-code", value) == []


@pytest.mark.parametrize("value,expected", [
    ("31201", [("localgov-code-length", "312011")]),
    ("1100", [("localgov-code-length", "011002")]),          # leading zero lost
    ("312012", [("localgov-code-checkdigit", "312011")]),
    ("３１２０１１", [("localgov-code-format", "312011")]),
    ("鳥取市", [("localgov-code-format", None)]),
    ("312", [("localgov-code-length", None)]),
])
def test_localgov_code_bad(value, expected):
    assert codes("localgov-code", value) == expected


def test_localgov_code_unknown_but_valid_check_digit():
    # 99999 + its check digit is well-formed but no such local government exists
    from converters.jp.checkdigit import complete_localgov_code

    assert codes("localgov-code", complete_localgov_code("99999")) == [("localgov-code-unknown", None)]


def test_corporate_number():
    assert codes("corporate-number", "7000012050002") == []
    assert codes("corporate-number", "7000012050003") == [("corporate-number-checkdigit", None)]
    assert codes("corporate-number", "7-0000-1205-0002") == [("corporate-number-format", "7000012050002")]
    assert codes("corporate-number", "12345") == [("corporate-number-format", None)]


@pytest.mark.parametrize("check,value,code,fix", [
    ("latitude", "35.501100", None, None),
    ("latitude", "35.5 ", None, None),
    ("latitude", "134.2351", "latlon-swapped", None),
    ("latitude", "35501100", "latlon-no-decimal-point", "35.501100"),
    ("latitude", "0", "latlon-out-of-japan", None),
    ("latitude", "51.5", "latlon-out-of-japan", None),
    ("latitude", "北緯35度", "latlon-not-number", None),
    ("latitude", "35°30'4\"", "latlon-dms", "35.501111"),
    ("longitude", "134.2351", None, None),
    ("longitude", "35.5011", "latlon-swapped", None),
    ("longitude", "1342351", "latlon-no-decimal-point", "134.2351"),
])
def test_coordinates(check, value, code, fix):
    got = codes(check, value)
    assert got == ([] if code is None else [(code, fix)])


@pytest.mark.parametrize("value", ["0857-22-8111", "(054)626-1139", "03-3430-1111", "0120-123-456", "0857228111"])
def test_phone_ok(value):
    assert codes("phone", value) == []


@pytest.mark.parametrize("value,fix", [
    ("０８５７－２２－８１１１", "0857-22-8111"),
    ("0857 22 8111", "0857-22-8111"),
    ("22-8111", None),
    ("0857-22-8111・0857-22-8112", None),
])
def test_phone_bad(value, fix):
    got = codes("phone", value)
    assert len(got) == 1 and got[0] == ("phone-format", fix)


def test_postal_code():
    assert codes("postal-code", "6808571") == []
    assert codes("postal-code", "680-8571") == [("postal-code-format", "6808571")]
    assert codes("postal-code", "〒６８０－８５７１") == [("postal-code-format", "6808571")]
    assert codes("postal-code", "68085") == [("postal-code-format", None)]


def test_url_and_email():
    assert codes("url", "https://www.city.tottori.lg.jp/") == []
    assert codes("url", "ftp://x") == [("url-format", None)]
    assert codes("url", "www.city.tottori.lg.jp") == [("url-format", None)]
    assert codes("url", "https://www/yosaitokyo.gr.jp/") == [("url-format", None)]    # no dot in the host name
    assert codes("url", "https://a.jp/www/x") == [] and codes("url", "http://192.168.0.1/") == []
    assert codes("email", "opendata@city.tottori.lg.jp") == []
    assert codes("email", "opendata＠city") == [("email-format", None)]


def test_katakana():
    assert codes("katakana", "トットリシヤクショ") == []
    assert codes("katakana", "ダイ1ゴウ") == []
    assert codes("katakana", "ｺﾏｴｼﾔｸｼｮ") == [("kana-halfwidth", "コマエシヤクショ")]
    assert codes("katakana", "とっとり") == [("kana-hiragana", "トットリ")]
    assert [c for c, _ in codes("katakana", "鳥取シヤクショ")] == ["kana-not-katakana"]


def test_halfwidth():
    assert codes("halfwidth", "Tottori City Hall") == []
    assert codes("halfwidth", "Ｔｏｔｔｏｒｉ") == [("not-halfwidth", "Tottori")]
    assert [c for c, _ in codes("halfwidth", "鳥取 City")] == ["english-contains-japanese"]
    assert codes("halfwidth", "425-0086") == [("english-looks-like-postcode", None)]


@pytest.mark.parametrize("value,code,fix", [
    ("2024-04-01", None, None),
    ("R6.4.1", "date-wareki", "2024-04-01"),
    ("令和6年4月1日", "date-wareki", "2024-04-01"),
    ("2024/4/1", "date-format", "2024-04-01"),
    ("2024年4月1日", "date-format", "2024-04-01"),
    ("平成31年5月1日", "date-era-mismatch", None),
    ("2024-02-30", "date-invalid", None),
    ("来年", "type-date", None),
])
def test_dates(value, code, fix):
    assert codes("date", value) == ([] if code is None else [(code, fix)])


@pytest.mark.parametrize("value,code,fix", [
    ("09:00", None, None),
    ("9:00", "time-format", "09:00"),
    ("９：００", "time-format", "09:00"),
    ("9時", "time-format", "09:00"),
    ("09:00:00", "time-format", "09:00"),
    ("24:00", "time-invalid", None),
    ("9:00～17:00", "time-range-in-cell", None),
    ("終日", "type-time", None),
])
def test_times(value, code, fix):
    assert codes("time", value) == ([] if code is None else [(code, fix)])


def test_multi_value():
    assert codes("multi-value", "○○町;△△町") == []
    assert codes("multi-value", "○○町、△△町") == [("multi-value-separator", "○○町;△△町")]
    assert codes("multi-value", "内科_小児科_眼科") == [("multi-value-separator", "内科;小児科;眼科")]
    assert codes("multi-value", "一町") == []


def test_universal_checks():
    md, space, newline = UNIVERSAL
    assert [f.code for f in md.check("㈱とっとり①番館")] == ["machine-dependent-char"]
    assert md.check("㈱とっとり①番館")[0].suggestion == "(株)とっとり(1)番館"
    assert md.check("ｶﾅ")[0].code == "machine-dependent-char"
    assert UNIVERSAL_KANA[0].check("ｶﾅ") == []          # reported by the katakana check instead
    assert md.check("髙﨑") == []                        # IBM kanji are names, not symbols
    assert [f.suggestion for f in space.check("鳥取市　")] == ["鳥取市"]
    assert newline.check("一行目\n二行目")[0].code == "cell-newline"
    assert newline.check("一行目") == []
    assert NumericAscii().check("１２") [0].suggestion == "12"


# --- the vectorised pre-filter must never hide a finding --------------------------------------------
SAMPLES = st.text(alphabet=st.sampled_from(list("0123456789-.:/ 　０１２ｱｲﾞあア亜AZaz①㈱№ⅢR年月日時,;、\n()（）@_")),
                  max_size=14)


@settings(max_examples=400, deadline=None)
@given(SAMPLES)
def test_safe_patterns_are_sound(value):
    """If a value fully matches a check's safe pattern, the check reports nothing (RE2 and re agree on
    the syntax used, so testing with re is meaningful)."""
    for check in [*REGISTRY.values(), *UNIVERSAL, *UNIVERSAL_KANA, NumericAscii()]:
        if check.safe_pattern and re.fullmatch(check.safe_pattern, value):
            assert check.check(value) == [], (check.name, value)
    if re.fullmatch(UNIVERSAL_SAFE, value):
        for check in UNIVERSAL:
            assert check.check(value) == [], (check.name, value)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_checks_never_crash(value):
    for check in [*REGISTRY.values(), *UNIVERSAL, NumericAscii()]:
        for f in check.check(value):
            assert f.code

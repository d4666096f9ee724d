import csv

import pytest

from converters.jp.checkdigit import (
    complete_localgov_code,
    corporate_check_digit,
    corporate_number_of_localgov,
    is_valid_corporate_number,
    is_valid_localgov_code,
    localgov_check_digit,
)
from converters.jp.localgov import DATA, by_code


@pytest.mark.parametrize("code", ["312011", "011002", "131016", "222127", "232025", "130001", "310000"])
def test_known_localgov_codes_are_valid(code):
    assert is_valid_localgov_code(code)
    assert complete_localgov_code(code[:5]) == code


@pytest.mark.parametrize("code", ["312012", "31201", "3120111", "31201a", "３１２０１１", ""])
def test_invalid_localgov_codes(code):
    assert not is_valid_localgov_code(code)


def test_every_shipped_code_has_a_correct_check_digit():
    with DATA.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 1963
    bad = [r["code"] for r in rows if not is_valid_localgov_code(r["code"])]
    assert bad == []


def test_every_amendment_has_a_correct_check_digit_and_a_date():
    from converters.jp.localgov import AMENDMENTS

    with AMENDMENTS.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows and all(is_valid_localgov_code(r["code"]) and r["effective"] and r["note"] for r in rows)


def test_check_digit_rule_remainders():
    # remainder 0 -> 1 (鳥取市), remainder 1 -> 0 (鳥取県)
    assert localgov_check_digit("31201") == 1
    assert localgov_check_digit("31000") == 0


def test_lookup():
    g = by_code("312011")
    assert g and g.full_name == "鳥取県鳥取市"
    assert by_code("31201") == g
    assert by_code("999999") is None


def test_corporate_number():
    assert is_valid_corporate_number("7000012050002")   # 国税庁
    assert is_valid_corporate_number("8000020130001")   # 東京都
    assert not is_valid_corporate_number("7000012050003")
    assert not is_valid_corporate_number("700001205000")
    assert corporate_check_digit("000012050002") == 7
    assert corporate_number_of_localgov("312011") == "9000020312011"

"""Check digits of 全国地方公共団体コード and 法人番号 (spec §7).

Written here because nothing on PyPI validates 地方公共団体コード, and the 法人番号 rule is five lines
(python-stdnum has it, but is LGPL; see research/libs.md §2.7).
"""

from __future__ import annotations

_LG_WEIGHTS = (6, 5, 4, 3, 2)


def localgov_check_digit(code5: str) -> int:
    """Check digit for a 5-digit 地方公共団体コード: (11 - Σ d·(6,5,4,3,2) mod 11) mod 10."""
    if len(code5) != 5 or not code5.isascii() or not code5.isdigit():
        raise ValueError(f"not a 5-digit code: {code5!r}")
    s = sum(int(d) * w for d, w in zip(code5, _LG_WEIGHTS, strict=True))
    return (11 - s % 11) % 10


def is_valid_localgov_code(code: str) -> bool:
    """True for a 6-digit code whose last digit is the correct check digit."""
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return False
    return localgov_check_digit(code[:5]) == int(code[5])


def complete_localgov_code(code5: str) -> str:
    """Append the check digit: '31201' -> '312011'."""
    return code5 + str(localgov_check_digit(code5))


def corporate_check_digit(base12: str) -> int:
    """法人番号 check digit: 9 - (Σ P_n·Q_n mod 9), P_n counted from the right, Q_n = 1 (odd n) / 2 (even n)."""
    if len(base12) != 12 or not base12.isascii() or not base12.isdigit():
        raise ValueError(f"not a 12-digit base: {base12!r}")
    s = 0
    for n, d in enumerate(reversed(base12), start=1):
        s += int(d) * (1 if n % 2 else 2)
    return 9 - s % 9


def is_valid_corporate_number(number: str) -> bool:
    if len(number) != 13 or not number.isascii() or not number.isdigit():
        return False
    return corporate_check_digit(number[1:]) == int(number[0])


def corporate_number_of_localgov(code6: str) -> str:
    """法人番号 of a local government: check digit + '000020' + the 6-digit code (鳥取市 -> 9000020312011)."""
    base = "000020" + code6
    return str(corporate_check_digit(base)) + base

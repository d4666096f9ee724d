"""What a sheet's values do not tell: hidden rows/columns, formula cells, 和暦 display formats,
merged ranges.  One ``SheetStructure`` per sheet, filled by the format-specific scanners
(``xlsx_scan``, ``xls_structure``, ``ods_scan``).  All coordinates are 0-based.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .header import Merge

# Built-in number formats that Japanese Excel shows in the Japanese era (ECMA-376 §18.8.30, ja-JP).
WAREKI_BUILTIN_IDS = {27, 28, 29, 36, 50, 51, 54, 57, 58}
_WAREKI_RE = re.compile(r"g{1,3}e|gannen|\[\$-(?:ja-JP-x-gannen|[0-9A-Fa-f]*0?411)[^\]]*\][^;]*g|x-sysdate", re.I)


def is_wareki_format(code: str) -> bool:
    """A number format that displays a date in the Japanese era (令和5年4月1日, R5.4.1 …)."""
    stripped = re.sub(r'"[^"]*"', "", code)  # ignore quoted literal text such as "年"
    return bool(_WAREKI_RE.search(stripped))


_ZERO_PAD_RE = re.compile(r"0{2,15}")


def zero_pad_width(code: str) -> int:
    """Width of a number format that only pads whole numbers with leading zeros, 0 for any other format.

    ``000000`` shows 12025 as 012025 and ``000`` shows 1 as 001: a code or an ID typed as a number and
    formatted so Excel displays its leading zeros (and writes them to a CSV export).  Only the first section
    counts; colour and locale tags (``[Red]``, ``[$-411]``) are ignored.
    """
    first = re.sub(r"\[[^\]]*\]", "", code.split(";", 1)[0]).strip()
    return len(first) if _ZERO_PAD_RE.fullmatch(first) else 0


@dataclass
class SheetStructure:
    hidden: bool = False                                      # the sheet itself is hidden
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    formulas: dict[int, list[int]] = field(default_factory=dict)       # column -> rows with a formula
    wareki: dict[int, tuple[list[int], str]] = field(default_factory=dict)  # column -> (rows, format code)
    zero_pad: dict[int, tuple[list[int], int]] = field(default_factory=dict)  # column -> (rows, digits shown)
    merges: list[Merge] | None = None                         # None: not known from this scanner
    checked: bool = True                                      # False: structure could not be read
    problem: str | None = None                                # why not

    def add_formula(self, r: int, c: int) -> None:
        self.formulas.setdefault(c, []).append(r)

    def add_wareki(self, r: int, c: int, code: str) -> None:
        rows, _ = self.wareki.setdefault(c, ([], code))
        rows.append(r)

    def add_zero_pad(self, r: int, c: int, width: int) -> None:
        rows, _ = self.zero_pad.setdefault(c, ([], width))
        rows.append(r)

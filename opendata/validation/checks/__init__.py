"""Japanese checks, one per module; ``REGISTRY`` maps the names used in schemas (``x-checks``)."""

from __future__ import annotations

from converters.jp.chars import MACHINE_DEPENDENT_RE

from .base import CellCheck, Finding
from .coordinates import Latitude, Longitude
from .corporate_number import CorporateNumber
from .dates import DateCheck
from .email import Email
from .halfwidth import HalfWidth
from .katakana import Katakana
from .localgov_code import LocalGovCode
from .machine_dependent import MachineDependent
from .multi_value import MultiValue
from .phone import Phone
from .postal_code import PostalCode
from .times import TimeCheck
from .url import Url
from .whitespace import CellNewline, SurroundingSpace

REGISTRY: dict[str, CellCheck] = {c.name: c for c in (
    LocalGovCode(), CorporateNumber(), Latitude(), Longitude(), Phone(), PostalCode(), Url(), Email(),
    Katakana(), HalfWidth(), DateCheck(), TimeCheck(), MultiValue(),
)}
#: checks that run on every string field of every file
UNIVERSAL: tuple[CellCheck, ...] = (MachineDependent(), SurroundingSpace(), CellNewline())
#: the universal set for _カナ fields (half-width kana are reported by the katakana check instead)
UNIVERSAL_KANA: tuple[CellCheck, ...] = (MachineDependent(include_halfwidth_kana=False), *UNIVERSAL[1:])

# One pre-filter for all universal checks (RE2 has no look-ahead, so the conjunction is spelled out):
# no 機種依存文字, no line break, no leading or trailing space.
_MD = MACHINE_DEPENDENT_RE.pattern[1:-1]
UNIVERSAL_SAFE = f"([^{_MD} 　\t\r\n]([^{_MD}\r\n]*[^{_MD} 　\t\r\n])?)?"

__all__ = ["REGISTRY", "UNIVERSAL", "UNIVERSAL_KANA", "UNIVERSAL_SAFE", "CellCheck", "Finding"]

"""The official list of 全国地方公共団体コード (shipped in converters/data/localgov-codes.csv).

Lookups by code and by name, used to validate codes, to fill 地方公共団体名, and to split addresses
into 都道府県 / 市区町村 (郡 and 政令市の区 included).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "localgov-codes.csv"
# changes after the snapshot above (new codes; see converters/data/SOURCES.md): a row whose prefecture and name
# are already in the snapshot supersedes that row for lookups by name; the old code still reads by code
AMENDMENTS = DATA.with_name("localgov-amendments.csv")


@dataclass(frozen=True)
class LocalGov:
    code: str          # 6 digits with check digit
    prefecture: str    # 鳥取県
    city: str          # 鳥取市 / 札幌市中央区 / '' for a prefecture
    city_kana: str

    @property
    def is_prefecture(self) -> bool:
        return not self.city

    @property
    def full_name(self) -> str:
        """地方公共団体名 as the standard writes it: 鳥取県鳥取市 (or 鳥取県 for a prefecture)."""
        return self.prefecture + self.city


def _read(path: Path) -> list[LocalGov]:
    with path.open(encoding="utf-8", newline="") as f:
        return [LocalGov(r["code"], r["prefecture"], r["city"], r["city_kana"]) for r in csv.DictReader(f)]


@lru_cache(maxsize=1)
def _table() -> dict[str, LocalGov]:
    """Every code, current or superseded (old data still names the old ones)."""
    return {g.code: g for g in [*_read(DATA), *_read(AMENDMENTS)]}


@lru_cache(maxsize=1)
def _current() -> tuple[LocalGov, ...]:
    new = _read(AMENDMENTS)
    renamed = {(g.prefecture, g.city) for g in new}
    return (*(g for g in _read(DATA) if (g.prefecture, g.city) not in renamed), *new)


def all_localgovs() -> list[LocalGov]:
    """The current list (one entry per name; a code superseded by a newer one under the same name is left out)."""
    return list(_current())


def by_code(code: str) -> LocalGov | None:
    """Look up a 6-digit code; a 5-digit code (check digit omitted) is accepted too."""
    code = code.strip()
    if len(code) == 5 and code.isdigit():
        from .checkdigit import complete_localgov_code

        code = complete_localgov_code(code)
    return _table().get(code)


@lru_cache(maxsize=1)
def prefectures() -> tuple[str, ...]:
    return tuple(sorted({g.prefecture for g in _current()}, key=len, reverse=True))


@lru_cache(maxsize=1)
def _by_name() -> dict[tuple[str, str], LocalGov]:
    return {(g.prefecture, g.city): g for g in _current()}


def by_name(prefecture: str, city: str = "") -> LocalGov | None:
    return _by_name().get((prefecture, city))


@lru_cache(maxsize=1)
def _cities_by_name() -> dict[str, list[LocalGov]]:
    out: dict[str, list[LocalGov]] = {}
    for g in _current():
        if g.city:
            out.setdefault(g.city, []).append(g)
    return out


def cities_named(city: str) -> list[LocalGov]:
    """All municipalities with this name (府中市 exists in 東京都 and 広島県)."""
    return list(_cities_by_name().get(city, []))


_GUN = re.compile(r"^(.+?郡)(.+[町村])$")


def split_gun(city: str) -> tuple[str, str]:
    """'八頭郡智頭町' -> ('八頭郡', '智頭町'); other names -> ('', name)."""
    m = _GUN.match(city)
    return (m.group(1), m.group(2)) if m else ("", city)


@lru_cache(maxsize=1)
def city_names_longest_first() -> tuple[str, ...]:
    """Municipality names, and also their forms without the 郡 prefix, longest first (for address matching)."""
    names: set[str] = set()
    for g in _table().values():
        if g.city:
            names.add(g.city)
    return tuple(sorted(names, key=len, reverse=True))

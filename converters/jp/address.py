"""Split a Japanese address into the standard's 所在地_* columns, offline.

    split_address("鳥取市尚徳町116番地")
    -> 鳥取県 / 鳥取市 / 尚徳町 / 116番地, full "鳥取県鳥取市尚徳町116番地", code 312011

The 都道府県 and 市区町村 come from the official 全国地方公共団体コード list (localgov.py) plus the
郡 of every town and village (data/localgov-gun.csv), matched longest first.  町字 and 番地以下 are
split by the shape of the text (numbers, 丁目, 番地/番/号, hyphens), because no town list is shipped.
Whatever cannot be decided is left empty and named in ``unsure``: the splitter never guesses.
See docs/address.md for the rules and the known limits.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .localgov import LocalGov, all_localgovs, by_code

GUN_DATA = Path(__file__).resolve().parent.parent / "data" / "localgov-gun.csv"

HIGH, MEDIUM, LOW = "high", "medium", "low"
PART_NAMES = ("prefecture", "city", "town", "block", "building")
_LEVEL = {HIGH: 2, MEDIUM: 1, LOW: 0}
_LEVEL_NAME = {v: k for k, v in _LEVEL.items()}

Note = tuple[str, str]  # (Japanese for the clerk, English)


@dataclass
class AddressParts:
    full: str            # 所在地_連結表記: normalised, starting with the 都道府県 when it is known
    prefecture: str      # 所在地_都道府県
    city: str            # 所在地_市区町村 (郡 and 政令市の区 included)
    town: str            # 所在地_町字
    block: str           # 所在地_番地以下
    building: str        # 建物名等(方書)
    code: str | None     # 所在地_全国地方公共団体コード (ward code for designated-city wards)
    confidence: str      # "high" | "medium" | "low"
    notes: list[Note] = field(default_factory=list)
    unsure: list[str] = field(default_factory=list)
    # the unsure parts that the text itself lacks where every address has one (a 町字 in a city or ward:
    # 東京都豊島区3-43-12): a doubt about the data, reported even where the parts are not written separately
    lacking: list[str] = field(default_factory=list)


# --- normalisation -------------------------------------------------------------------------
_FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# Hyphen look-alikes that clerks type between lot numbers (ASCII '-' is the target).
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d\u30fc\uff70\u2500\u2501"
_DASH_BETWEEN_DIGITS = re.compile(f"(?<=[0-9])[{_DASHES}](?=[0-9])")
_SPACED_HYPHEN = re.compile(r"(?<=[0-9])[ \t\u3000]*-[ \t\u3000]*(?=[0-9])")   # 2- 6-7 -> 2-6-7
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SPACE_RUN = re.compile(r"\s+")
_POSTAL = re.compile(r"^(?:〒\s*[0-9]{3}-?[0-9]{4}|[0-9]{3}-[0-9]{4}(?=\s))\s*")

_N_DIGITS: Note = ("全角数字を半角数字にしました", "Full-width digits converted to half-width")
_N_DASHES: Note = ("数字の間のハイフン類（－ − ‐ ― ー など）を「-」にそろえました",
                   "Hyphen look-alikes between digits unified to '-'")
_N_SPACES: Note = ("空白・改行・不可視文字を整理しました（連続する空白は1つに、前後の空白は削除）",
                   "Whitespace, line breaks and invisible characters tidied (runs collapsed, ends trimmed)")


def _collapse_space(m: re.Match[str]) -> str:
    return "\u3000" if "\u3000" in m.group() else " "


def _normalise(text: str) -> tuple[str, list[Note]]:
    notes: list[Note] = []
    s = _INVISIBLE.sub("", text)
    t = s.translate(_FW_DIGITS)
    if t != s:
        notes.append(_N_DIGITS)
    u = _DASH_BETWEEN_DIGITS.sub("-", t)
    if u != t:
        notes.append(_N_DASHES)
    w = _SPACED_HYPHEN.sub("-", u)
    v = _SPACE_RUN.sub(_collapse_space, w).strip()
    if v != u or s != text:
        notes.append(_N_SPACES)
    return v, notes


def normalise_address(text: str) -> str:
    """Full-width digits -> half-width, hyphen look-alikes between digits -> '-', whitespace runs -> one
    space (a full-width one if the run had one), ends trimmed.  Nothing else changes: 1丁目 stays 1丁目,
    一丁目 stays 一丁目, ケ/ヶ and kana are kept as written."""
    return _normalise(text)[0]


# --- tables ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Entry:
    gov: LocalGov
    city: str           # the standard's 市区町村 spelling: 八頭郡智頭町, 神戸市東灘区, 千代田区
    gun_added: str      # the 郡 that the written form lacked ('' when written or when there is none)
    variant: str        # the written spelling when it differs from the official one (ケ/ヶ)
    bare_ward: str      # the designated city the written form lacked (東灘区 -> '神戸市')


class _Tables(NamedTuple):
    prefectures: frozenset[str]
    names: dict[str, tuple[_Entry, ...]]
    lengths: dict[str, tuple[int, ...]]             # first character -> key lengths, longest first
    gun_of: dict[str, str]                          # code -> 郡
    designated: dict[tuple[str, str], dict[str, LocalGov]]   # (pref, 神戸市) -> {東灘区: gov}
    ward_parent: dict[str, str]                     # ward code -> designated city name


def _ke_variants(name: str) -> set[str]:
    if "ケ" not in name and "ヶ" not in name:
        return set()
    return {name.replace("ヶ", "ケ"), name.replace("ケ", "ヶ")} - {name}


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    govs = [g for g in all_localgovs()]
    prefs = frozenset(g.prefecture for g in govs)
    gun_of: dict[str, str] = {}
    with GUN_DATA.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            gun_of[r["code"]] = r["gun"]
    by_pref_city = {(g.prefecture, g.city): g for g in govs if g.city}

    designated: dict[tuple[str, str], dict[str, LocalGov]] = {}
    ward_parent: dict[str, str] = {}
    for g in govs:
        if not g.city.endswith("区") or "市" not in g.city[:-1]:
            continue
        for i in range(1, len(g.city) - 1):
            parent = g.city[:i]
            if parent.endswith("市") and (g.prefecture, parent) in by_pref_city:
                designated.setdefault((g.prefecture, parent), {})[g.city[i:]] = g
                ward_parent[g.code] = parent
                break

    names: dict[str, list[_Entry]] = {}

    def add(key: str, entry: _Entry) -> None:
        lst = names.setdefault(key, [])
        if all(e.gov.code != entry.gov.code for e in lst):
            lst.append(entry)
        for v in _ke_variants(key):
            vl = names.setdefault(v, [])
            if all(e.gov.code != entry.gov.code for e in vl):
                vl.append(_Entry(entry.gov, entry.city, entry.gun_added, v, entry.bare_ward))

    for g in govs:
        if not g.city:
            continue
        gun = gun_of.get(g.code, "")
        if gun:
            add(gun + g.city, _Entry(g, gun + g.city, "", "", ""))
            add(g.city, _Entry(g, gun + g.city, gun, "", ""))
        else:
            add(g.city, _Entry(g, g.city, "", "", ""))
        city_of_ward = ward_parent.get(g.code, "")
        if city_of_ward:
            add(g.city[len(city_of_ward):], _Entry(g, g.city, "", "", city_of_ward))
    frozen = {k: tuple(v) for k, v in names.items()}
    by_first: dict[str, set[int]] = {}
    for k in frozen:
        by_first.setdefault(k[0], set()).add(len(k))
    lengths = {c: tuple(sorted(ls, reverse=True)) for c, ls in by_first.items()}
    return _Tables(prefs, frozen, lengths, gun_of, designated, ward_parent)


# --- town / lot grammar -------------------------------------------------------------------------
_KN = "〇一二三四五六七八九十百千壱弐参拾"
_TOWN_NUMBER_GOES_ON = ("条", "線", "地割", "番町", "番丁")   # 北1条西2丁目, 第1地割, 5番町
_FLOOR_SUFFIX = "階|F|Ｆ|号室|号館|棟"
_FLOOR_AT = re.compile(f"[0-9]+(?:{_FLOOR_SUFFIX})")
_FLOOR_NEXT = re.compile(f"(?:{_FLOOR_SUFFIX})")
# 甲 乙 丙 where a lot must start (after 丁目, after a space) begin the lot: 大浜町2丁目丙510-3.  Glued to a town name
# they stay in the 町字 (字山田甲123; 六甲, 鶴甲 are names): docs/address.md, "Limits"
_LOT_PREFIX = "甲乙丙"
_LOT_RE = re.compile(
    r"[甲乙丙]?[0-9]+(?:(?:番地の|番地|番の|番|号の|号|の|-)[0-9]+)*(?:番地先|番地|番|号(?![室館])|街区|地先|先|地内|付近)?"
)   # 街区: a block of a land readjustment area (さくら市上阿久津79街区)
_KANJI_LOT_RE = re.compile(f"[{_KN}]+(?:番地(?:の[{_KN}]+)?|番[{_KN}]+号(?:の[{_KN}]+)?)")
_LOT_IN_BRACKETS = re.compile(r"[0-9]+(?:番地|番|号|地先|-[0-9])")
_LIST_SEPARATORS = "、,，;；"
_MORE_LOTS = re.compile(r"\s?[、,，;；・～〜~]\s?[0-9]")
# 吉海町仁江678他: "and other lots" after the lot (not a building name)
_OTHER_LOTS = re.compile(r"(?:他|ほか)(?:$|[\s\u3000（(])")
_MALFORMED_LOT_TAIL = ("丁目", "町目", "丁", "条", "番", "号", "-", "の")   # 33丁目1号, 3町目 (typos)
_FLOOR_TAIL = re.compile(r"(?:-|の)([0-9]+)$")      # 4-5-8-1F: the last number is the floor
# a town name then a lot number (尚徳町116, 富安二丁目104-2, 竜泉2-20-13): the shape an address completed with the
# publisher's municipality must have (not 市内全域, 鳥取駅前, 不明)
_TOWN_THEN_LOT = re.compile(r"[^\s0-9０-９、,（(].*?[0-9０-９]")
# ... unless it starts with a 郡 or a city the list does not know (a former one: 岩美郡国府町…, 浜北市…): that text names
# another municipality, perhaps merged since; it is not completed
_MUNICIPALITY_WRITTEN = re.compile(r"[^\s0-9０-９（）()、,]{1,5}?[市区郡]")
_KYOTO_DIRECTION = re.compile("上る|下る|上ル|下ル|上がる|下がる|入る|入ル|西入|東入")
# the street-name part of a Kyoto address up to its last direction, with the block count a direction may carry
# (河原町通松原上ル2丁目 | 富永町344, 寺之内通千本東入一丁目下ル | 姥ケ寺之前町919-3): what follows is the town and the lot
_KYOTO_STREET_PART = re.compile(
    "^.*通.*(?:上る|下る|上ル|下ル|上がる|下がる|入る|入ル|西入|東入)(?:[0-9]+丁目|[一二三四五六七八九十]+丁目)?")
_DESCRIPTIVE = re.compile("区域内|地内|地先|付近|周辺|一帯|沿い|番地なし|無番地|官有|地区内|先$")
_DESCRIPTIVE_ONLY = re.compile("(?:地先|地内|付近|周辺|一帯|先|内)(?:海面|海域)?")
_WARD_WRITTEN = re.compile(r"[^\s0-9（）()、,]{1,4}?区")
_GUN_WRITTEN = re.compile(r"[^\s0-9（）()、,]{1,5}?郡")


def _is_digit(c: str) -> bool:
    return "0" <= c <= "9"


def _close_paren(s: str, i: int) -> int:
    """Index just past the bracket that closes s[i] ('（' or '('), or len(s) when it is not closed."""
    for j in range(i + 1, len(s)):
        if s[j] in "）)":
            return j + 1
    return len(s)


def _lot_starts_at(s: str, i: int) -> bool:
    if i >= len(s):
        return False
    c = s[i]
    if _is_digit(c):
        return not _FLOOR_AT.match(s, i)
    if c in _LOT_PREFIX and i + 1 < len(s) and _is_digit(s[i + 1]):
        return not _FLOOR_AT.match(s, i + 1)
    return c in _KN and _KANJI_LOT_RE.match(s, i) is not None


def _town_go(s: str, i: int, j: int) -> bool:
    """Is the number s[i:j], followed by 号, part of the town name rather than the first number of the lot?

    Yes for 第N号 (安原下第2号, never a lot: a lot does not start with 第) unless it is a building's 号室 / 号館 /
    号棟, and for N号 followed at once by the lot number (南2線3号12): an ordinary lot puts 号 after 番
    (3番4号), so N号M is the town's N号 and the lot M."""
    if not s.startswith("号", j):
        return False
    nxt = s[j + 1:j + 2]
    if i > 0 and s[i - 1] == "第":
        return nxt not in ("室", "館", "棟")
    return _is_digit(nxt)


class _Scan(NamedTuple):
    kind: str   # lot | chome | floor | multi | space | end
    at: int     # lot start / end of 丁目 / position of the separator


def _scan_town(s: str) -> _Scan:
    """Walk the text after the 市区町村 up to the first lot number."""
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if _is_digit(c) or c in _KN:
            is_digit = _is_digit(c)
            j = i
            while j < n and (_is_digit(s[j]) if is_digit else s[j] in _KN):
                j += 1
            if s.startswith("丁目", j):
                return _Scan("chome", j + 2)
            if is_digit and s.startswith("丁", j):          # 堺市: 市之町東3丁
                return _Scan("chome", j + 1)
            goes_on = next((w for w in _TOWN_NUMBER_GOES_ON if s.startswith(w, j)), "")
            if goes_on:
                i = j + len(goes_on)
                continue
            if is_digit and _town_go(s, i, j):                 # 安原下第2号857, 南2線3号12: the 号 is the town's
                i = j + 1
                continue
            if is_digit:
                return _Scan("floor" if _FLOOR_AT.match(s, i) else "lot", i)
            if i > 0 and _KANJI_LOT_RE.match(s, i):
                return _Scan("lot", i)
            i = j                                            # kanji numerals in a name: 三ケ名, 一色, 二郎
            continue
        if c in "（(":
            i = _close_paren(s, i)
            continue
        if c in _LIST_SEPARATORS:
            return _Scan("multi", i)
        if c in " \u3000":
            return _Scan("space", i)
        i += 1
    return _Scan("end", n)


# --- the splitter ------------------------------------------------------------------------------
class _Result(NamedTuple):
    full: str
    prefecture: str
    city: str
    town: str
    block: str
    building: str
    code: str | None
    confidence: str
    notes: tuple[Note, ...]
    unsure: tuple[str, ...]
    lacking: tuple[str, ...] = ()


class _State:
    def __init__(self) -> None:
        self.notes: list[Note] = []
        self.unsure: list[str] = []
        self.lacking: list[str] = []
        self.level = 2

    def note(self, ja: str, en: str) -> None:
        if (ja, en) not in self.notes:
            self.notes.append((ja, en))

    def cap(self, level: str) -> None:
        self.level = min(self.level, _LEVEL[level])

    def not_sure(self, *parts: str) -> None:
        for p in parts:
            if p not in self.unsure:
                self.unsure.append(p)
        self.cap(LOW)


class _Parts(NamedTuple):
    town: str
    block: str
    sep: str
    building: str


def _split_rest(rest: str, st: _State) -> _Parts | None:
    """町字 / 番地以下 / 建物名等 of the text after the 市区町村; None when the town/lot cannot be told."""
    if not rest:
        st.cap(MEDIUM)
        st.note("町字・番地がありません", "No 町字 or lot number after the municipality")
        return _Parts("", "", "", "")
    scan = _scan_town(rest)
    if scan.kind == "multi":
        st.note("1つのセルに複数の場所が書かれています（町字・番地以下は空欄にしました）",
                "Several places in one cell; 町字 and 番地以下 left empty")
        st.not_sure("town", "block")
        return None
    if scan.kind == "floor":
        st.note("番地より前に階数・部屋番号があり、町字を判断できません（建物名だけの住所の可能性）",
                "A floor/room number comes before any lot number; 町字 not determined (building name only?)")
        st.not_sure("town", "block")
        return None
    if scan.kind == "space":
        after = rest[scan.at + 1:]
        if _lot_starts_at(after, 0):
            scan = _Scan("lot", scan.at + 1)
            st.note("町字と番地の間の空白を削除しました", "Removed the space between 町字 and the lot number")
        elif _DESCRIPTIVE_ONLY.fullmatch(after):               # 吉津　地先
            st.cap(MEDIUM)
            st.note(f"番地のない記述的な所在地です（「{after}」を空白を除いて町字に含めました）",
                    f"Descriptive location without a lot number; '{after}' joined to 町字 without the space")
            return _Parts(rest[: scan.at] + after, "", "", "")
        elif not any(_is_digit(c) for c in after):
            town, building = rest[: scan.at], after
            st.cap(MEDIUM)
            st.note("番地がありません。空白の後を建物名等としました",
                    "No lot number; the text after the space was taken as 建物名等")
            return _Parts(town, "", rest[scan.at], building)
        else:
            st.note("町字の途中に空白があり、町字と番地以下の境目を判断できません",
                    "A space inside the 町字; where 町字 ends and the lot begins is unclear")
            st.not_sure("town", "block")
            return None
    if scan.kind == "end":
        st.cap(MEDIUM)
        if _DESCRIPTIVE.search(rest):
            st.note("番地のない記述的な所在地です（全体を町字に入れました）",
                    "Descriptive location without a lot number; all of it went to 町字")
        else:
            st.note("番地がありません（町字のみ）", "No lot number (町字 only)")
        return _Parts(rest, "", "", "")

    if scan.kind == "chome":
        town = rest[: scan.at]
        after = rest[scan.at:]
        lot_at = scan.at
        if after[:1] in (" ", "\u3000") and _lot_starts_at(after, 1):
            lot_at += 1
            st.note("町字と番地の間の空白を削除しました", "Removed the space between 町字 and the lot number")
        elif after[:1] in _DASHES + "-" and _is_digit(after[1:2]):
            lot_at += 1
            st.cap(MEDIUM)
            st.note(f"丁目の直後のハイフン「{after[0]}」を削除しました（{town}{after}）",
                    f"Dropped the hyphen right after 丁目 ({town}{after})")
        elif not _lot_starts_at(after, 0):
            if not after:
                st.cap(MEDIUM)
                st.note("番地がありません（町字のみ）", "No lot number (町字 only)")
                return _Parts(town, "", "", "")
            body = after.lstrip(" \u3000")
            if body != after or not any(_is_digit(c) for c in body):
                st.cap(MEDIUM)
                st.note("番地がありません。丁目の後を建物名等としました",
                        "No lot number; the text after 丁目 was taken as 建物名等")
                return _Parts(town, "", after[: len(after) - len(body)], body)
            st.note(f"丁目の後の「{after}」を番地として読めません（番地以下は空欄にしました）",
                    f"Cannot read '{after}' after 丁目 as a lot number; 番地以下 left empty")
            st.not_sure("block")
            return _Parts(town, "", "", "")
    else:
        town = rest[: scan.at].rstrip(" \u3000")
        lot_at = scan.at

    m = _LOT_RE.match(rest, lot_at) or _KANJI_LOT_RE.match(rest, lot_at)
    if m is None:  # pragma: no cover - _scan_town only stops where a lot matches
        st.not_sure("block")
        return _Parts(town, "", "", "")
    end = m.end()
    if end < len(rest) and rest[end] in "（(":
        close = _close_paren(rest, end)
        if _LOT_IN_BRACKETS.search(rest, end, close):          # 3808地先（3803-3番地ほか）, not （第2ビル）
            end = close
    block, after = rest[lot_at:end], rest[end:]
    if _MORE_LOTS.match(after) or _OTHER_LOTS.match(after):
        st.note(f"番地が複数書かれています（「{block}{after}」）。番地以下は空欄にしました",
                f"Several lot numbers ('{block}{after}'); 番地以下 left empty")
        st.not_sure("block")
        return _Parts(town, "", "", "")
    if _FLOOR_NEXT.match(after) and (fm := _FLOOR_TAIL.search(block)):
        st.cap(MEDIUM)
        st.note(f"「{block}{after[:1]}」の最後の数字を階数とみなし、建物名等に移しました",
                f"Read the last number of '{block}{after[:1]}' as a floor and moved it to 建物名等")
        sep, building = block[fm.start()], block[fm.start() + 1:] + after
        return _Parts(town, block[: fm.start()], sep, building)
    if after.startswith(_MALFORMED_LOT_TAIL) or (after[:1] and after[0] not in "（(「『【" and
                                                  unicodedata.category(after[0])[0] in "PS"):
        st.note(f"番地以下「{block}{after}」を読めません（番地以下は空欄にしました）",
                f"Cannot read the lot part '{block}{after}'; 番地以下 left empty")
        st.not_sure("block")
        return _Parts(town, "", "", "")
    sep, building = "", after
    if after[:1] in (" ", "\u3000"):
        sep, building = after[0], after[1:]
    if not town:
        st.cap(MEDIUM)
        st.note("町字がありません（市区町村の直後が番地です）", "No 町字: the lot number follows the municipality")
    return _Parts(town, block, sep, building)


def _names_at(tables: _Tables, s: str, p: int) -> list[tuple[int, _Entry]]:
    """Every list name that s[p:] starts with, as (length, entry)."""
    out: list[tuple[int, _Entry]] = []
    for length in tables.lengths.get(s[p:p + 1], ()):
        if p + length <= len(s):
            for e in tables.names.get(s[p:p + length], ()):
                out.append((length, e))
    return out


# the prefecture used to decide, by where it comes from: (Japanese, English)
_SOURCE = {"record": ("同じ行の列（都道府県名・市区町村名・団体コード）の都道府県",
                      "the prefecture of the record's own columns (prefecture, municipality, code)"),
           "default": ("公開団体の都道府県", "the publisher's prefecture"),
           "file": ("ファイルの他の住所の都道府県", "the prefecture of the file's other addresses")}


def _explain_pref_source(entry: _Entry, how: str) -> tuple[str, str]:
    g = entry.gov
    if how == "default-city":
        return (f"都道府県名「{g.prefecture}」を補いました（公開団体コードから）",
                f"Prepended the prefecture {g.prefecture} (from the publisher's code)")
    if how == "record-city":
        return (f"都道府県名「{g.prefecture}」を補いました（同じ行の市区町村の列から）",
                f"Prepended the prefecture {g.prefecture} (from the record's own municipality column)")
    if how.endswith("-pref"):
        ja, en = _SOURCE[how[:-5]]
        return (f"都道府県名「{g.prefecture}」を補いました（同名の市区町村があるため、{ja}で判断）",
                f"Prepended the prefecture {g.prefecture} (name shared by several prefectures; {en} decided)")
    return (f"都道府県名「{g.prefecture}」を補いました（市区町村名「{entry.city}」から）",
            f"Prepended the prefecture {g.prefecture} (from the municipality name {entry.city})")


def _describe(entries: list[_Entry]) -> str:
    return "・".join(sorted({e.gov.prefecture + e.gov.city for e in entries}))


def _designated_parent(tables: _Tables, gov: LocalGov | None) -> str:
    """The designated city of a code (the city itself, or a ward's city); '' for any other code."""
    if gov is None or not gov.city:
        return ""
    if (gov.prefecture, gov.city) in tables.designated:
        return gov.city
    return tables.ward_parent.get(gov.code, "")


@lru_cache(maxsize=1 << 16)
def _split_cached(text: str, default_prefecture: str | None, default_city_code: str | None,
                  record_code: str | None = None, file_prefecture: str | None = None) -> _Result:
    tables = _tables()
    st = _State()
    s, norm_notes = _normalise(text)
    for n in norm_notes:
        st.note(*n)

    default_gov: LocalGov | None = None
    if default_city_code:
        default_gov = by_code(default_city_code)
        if default_gov is None:
            st.note(f"公開団体コード「{default_city_code}」が一覧にないため使いませんでした",
                    f"Publisher code {default_city_code!r} is not in the code list; ignored")
    if default_prefecture is not None and default_prefecture not in tables.prefectures:
        st.note(f"既定の都道府県「{default_prefecture}」は都道府県名ではないため使いませんでした",
                f"Default prefecture {default_prefecture!r} is not a prefecture name; ignored")
        default_prefecture = None
    pref_default: str | None = default_prefecture or (default_gov.prefecture if default_gov else None)
    default_parent = _designated_parent(tables, default_gov)
    record_gov = by_code(record_code) if record_code else None
    if file_prefecture is not None and file_prefecture not in tables.prefectures:
        file_prefecture = None
    # what decides between readings, in this order: the record's own columns, the publisher, the file's other rows
    contexts: list[tuple[str, str | None, str]] = []
    if record_gov is not None:
        contexts.append(("record", record_gov.prefecture, _designated_parent(tables, record_gov)))
    contexts.append(("default", pref_default, default_parent))
    if file_prefecture:
        contexts.append(("file", file_prefecture, ""))

    def result(prefecture: str, city: str, town: str, block: str, building: str, code: str | None,
               full: str) -> _Result:
        if prefecture and not full.startswith(prefecture):
            full = prefecture + full
        return _Result(full, prefecture, city, town, block, building, code, _LEVEL_NAME[st.level],
                       tuple(st.notes), tuple(st.unsure), tuple(st.lacking))

    if not s:
        st.note("住所が空です", "The address is empty")
        st.not_sure("prefecture", "city", "town", "block")
        return result("", "", "", "", "", None, "")

    m = _POSTAL.match(s)
    if m:
        st.note(f"先頭の郵便番号「{m.group().strip()}」を取り除きました",
                f"Removed the leading postal code '{m.group().strip()}'")
        s = s[m.end():]

    # 都道府県 ------------------------------------------------------------------------------
    pref_written = ""
    for k in (4, 3):
        if s[:k] in tables.prefectures:
            pref_written = s[:k]
            break
    p = len(pref_written)
    if s[p:p + 1] in (" ", "\u3000"):
        p += 1
    if pref_written and pref_default and pref_written != pref_default:
        st.note(f"所在地の都道府県「{pref_written}」は公開団体の都道府県「{pref_default}」と異なります",
                f"The address is in {pref_written}, not in the publisher's prefecture {pref_default}")

    # 市区町村 ------------------------------------------------------------------------------
    cands = _names_at(tables, s, p)
    elsewhere = [e for _, e in cands]
    if pref_written:
        cands = [(n, e) for n, e in cands if e.gov.prefecture == pref_written]

    gun_written = ""
    if not cands:
        gm = _GUN_WRITTEN.match(s, p)
        if gm:
            q = gm.end()
            for length, e in _names_at(tables, s, q):
                if e.gov.city.endswith(("町", "村")) and not e.bare_ward and (
                        not pref_written or e.gov.prefecture == pref_written):
                    cands.append((q - p + length, e))
            if cands:
                gun_written = gm.group()

    rest_written = s[p:]

    def completed(name: str, ja: str, en: str) -> _Result:
        """``name`` (a prefecture and municipality) prefixed to the text, split again, capped at medium, noted."""
        st.note(ja, en)
        inner = _split_cached(name + rest_written, default_prefecture, default_city_code, None, file_prefecture)
        st.cap(MEDIUM)
        for n in inner.notes:
            st.note(*n)
        level = min(st.level, _LEVEL[inner.confidence])
        return inner._replace(confidence=_LEVEL_NAME[level], notes=tuple(st.notes))

    def no_municipality() -> _Result:
        """No municipality is read: the record's own municipality completes the text when it names one (and
        the written prefecture, if any, is its prefecture), else the publisher's when the text is a town and a lot;
        otherwise the text is kept as written and the publisher's city only suggested."""
        if record_gov is not None and record_gov.city and pref_written in ("", record_gov.prefecture):
            name = record_gov.prefecture + record_gov.city
            return completed(name, f"住所に市区町村名がないため、同じ行の列が示す「{name}」を先頭に補いました",
                             f"The address names no municipality; prefixed {name}, named by the record's own columns")
        if (default_gov is not None and default_gov.city and pref_written in ("", default_gov.prefecture)
                and not _designated_parent(tables, default_gov) and _TOWN_THEN_LOT.match(rest_written)
                and not _MUNICIPALITY_WRITTEN.match(rest_written)):
            # a town and a lot with no municipality, in a file of a city (or a Tokyo ward, a town, a village) that is
            # not a designated city: the city's own departments write their addresses so (尚徳町116 in 鳥取市's
            # lists). Completed with the publisher, capped at medium and noted, so that the clerk checks a record
            # of another municipality; a designated city is not completed (its ward would still be missing)
            name = default_gov.prefecture + default_gov.city
            return completed(name, f"住所に市区町村名がないため、公開団体の「{name}」を先頭に補いました"
                                   "（ほかの市区町村の住所であれば直してください）",
                             f"The address names no municipality; prefixed the publisher's {name} "
                             "(correct it if the place is in another municipality)")
        if default_gov is not None and default_gov.city and not pref_written:
            st.note(f"公開団体（{default_gov.full_name}）の住所であれば、先頭に「{default_gov.city}」を補ってください",
                    f"If this address is in the publisher's area ({default_gov.full_name}), "
                    f"prefix it with {default_gov.city}")
        st.not_sure(*(("city", "town", "block") if pref_written else ("prefecture", "city", "town", "block")))
        return result(pref_written, "", "", "", "", None, pref_written + rest_written)

    if not cands:
        if elsewhere and pref_written:
            st.note(f"「{pref_written}」に続く市区町村名が見つかりません"
                    f"（{_describe(elsewhere)} はありますが、都道府県が異なります）",
                    f"No municipality of {pref_written} follows; {_describe(elsewhere)} is in another prefecture")
        else:
            st.note("市区町村名が全国地方公共団体コードの一覧に見つかりません",
                    "No municipality name from the 全国地方公共団体コード list was found")
        return no_municipality()

    best = max(n for n, _ in cands)
    top = [e for n, e in cands if n == best]
    how = "name"
    for label, cpref, cparent in contexts:
        if cparent:
            own = [e for e in top if e.bare_ward == cparent]
            if own:
                if how == "name" or len(own) < len(top):
                    how = f"{label}-city"
                top = own
        if len({e.gov.code for e in top}) > 1 and cpref and not pref_written:
            narrowed = [e for e in top if e.gov.prefecture == cpref]
            if narrowed:
                top, how = narrowed, f"{label}-pref"
    if len({e.gov.code for e in top}) > 1:
        st.note(f"「{s[p:p + best]}」は複数の団体にあります（{_describe(top)}）。"
                "都道府県名を書くか、公開団体を指定してください",
                f"'{s[p:p + best]}' names several municipalities ({_describe(top)}); "
                "write the prefecture or pass the publisher")
        st.not_sure(*(("city", "town", "block") if pref_written else ("prefecture", "city", "town", "block")))
        return result(pref_written, "", "", "", "", None, pref_written + rest_written)

    entry = top[0]
    gov = entry.gov
    written = s[p:p + best]
    bare_doubt: Note | None = None
    if (not pref_written and not gun_written and gov.city.endswith(("町", "村")) and not entry.bare_ward
            and (entry.gun_added or gov.code not in tables.gun_of)
            and gov.code not in {g.code for g in (default_gov, record_gov) if g is not None}):
        # a town or village written bare (no 郡, no prefecture): as often a 町字 of the record's or the publisher's
        # own city (さいたま市大宮区錦町 written 錦町…) as that municipality
        ref = next(((label, cpref) for label, cpref, _ in contexts if cpref), None)
        if ref is not None and gov.prefecture != ref[1]:
            ja, en = _SOURCE[ref[0]]
            st.note(f"「{written}」は{gov.prefecture}{entry.city}の名前ですが、郡名も都道府県名もなく、{ja}"
                    f"「{ref[1]}」の外です。町字の可能性があるため、市区町村としては読みませんでした",
                    f"'{written}' names {gov.prefecture}{entry.city}, but neither its county nor a prefecture is "
                    f"written and it lies outside {en} {ref[1]}; it may be a 町字, so it "
                    "was not read as that municipality")
            return no_municipality()
        near = record_gov if record_gov is not None and record_gov.city else default_gov
        if ref is not None and near is not None and near.city and near.prefecture == gov.prefecture:
            st.cap(MEDIUM)
            whose_ja, whose_en = ("同じ行の列が示す", "the record's") if near is record_gov else ("公開団体", "the publisher")
            bare_doubt = (f"「{written}」を{gov.prefecture}{entry.city}と読みましたが、郡名が書かれていないため、{whose_ja}"
                          f"（{near.full_name}）の町字の可能性もあります。確認してください",
                          f"Read '{written}' as {gov.prefecture}{entry.city}, but no county is written: it may be a "
                          f"町字 of {whose_en} municipality ({near.full_name}); please check")
    prefecture = pref_written or gov.prefecture
    if not pref_written:
        st.note(*_explain_pref_source(entry, how))
        if pref_default and gov.prefecture != pref_default:
            st.cap(MEDIUM)
            st.note(f"所在地「{gov.prefecture}{entry.city}」は公開団体の都道府県「{pref_default}」の外です",
                    f"The address ({gov.prefecture}{entry.city}) is outside the publisher's prefecture {pref_default}")
    city: str = entry.city
    code: str | None = gov.code
    q = p + best

    if gun_written:
        known = tables.gun_of.get(gov.code, "")
        if known and known != gun_written:
            st.note(f"郡名「{gun_written}」は一覧の「{known}{gov.city}」と合いません（市区町村は空欄にしました）",
                    f"County {gun_written} does not match the list ({known}{gov.city}); 市区町村 left empty")
            st.not_sure("city", "town", "block")
            return result(prefecture, "", "", "", "", None, prefecture + rest_written)
        city = gun_written + gov.city
        st.cap(MEDIUM)
        st.note(f"郡名「{gun_written}」は一覧で確かめられないため、書かれたとおりにしました",
                f"County {gun_written} is not in the shipped 郡 table; kept as written")
    if entry.gun_added:
        st.note(f"郡名「{entry.gun_added}」を補いました（{entry.gun_added}{gov.city}）",
                f"Added the county name {entry.gun_added} ({entry.gun_added}{gov.city})")
    if bare_doubt is not None:
        st.note(*bare_doubt)
    if entry.variant:
        st.note(f"市区町村名「{entry.variant}」を一覧の表記「{gov.city}」にそろえました",
                f"Municipality '{entry.variant}' written as in the official list: {gov.city}")
    if entry.bare_ward:
        st.note(f"市名「{entry.bare_ward}」を補いました（{gov.city}）", f"Added the city name {entry.bare_ward} ({gov.city})")
        if how not in ("default-city", "record-city"):
            st.cap(MEDIUM)
    if (gov.prefecture, gov.city) in tables.designated:
        wm = _WARD_WRITTEN.match(s, q)
        if wm:
            city, code = gov.city + wm.group(), None
            q = wm.end()
            st.cap(LOW)
            st.note(f"区名「{wm.group()}」は全国地方公共団体コードの一覧にありません（一覧が古いか、誤記です）。"
                    "コードは空欄にしました",
                    f"Ward {wm.group()} is not in the code list (the list may be older, or a typo); code left empty")
        else:
            st.cap(MEDIUM)
            st.note(f"政令指定都市「{gov.city}」の区名が書かれていません（市のコードを使いました）",
                    f"No ward after the designated city {gov.city}; the city's code was used")
    if s[q:q + 1] in (" ", "\u3000"):
        q += 1

    # 町字 / 番地以下 / 建物名等 --------------------------------------------------------------------
    rest = s[q:]
    street = _KYOTO_STREET_PART.match(rest)
    if street and street.end() < len(rest):
        # a Kyoto street-name address: the lot is read after the street part, so a 丁目 the direction carries
        # (上ル2丁目) is not taken for the town's; which words are the 町字 is still not decided (below)
        after = _split_rest(rest[street.end():], st)
        st.note("京都の通り名（上る・下る・入る）を含むため、町字を判断できません（町字は空欄にしました）",
                "Kyoto street-name form (上る/下る/入る); 町字 not determined and left empty")
        st.not_sure("town")
        if after is None:
            return result(prefecture, city, "", "", "", code, prefecture + city + rest)
        return result(prefecture, city, "", after.block, after.building, code, prefecture + city + rest)
    parts = _split_rest(rest, st)
    if parts is None:
        return result(prefecture, city, "", "", "", code, prefecture + city + rest)
    town, block, sep, building = parts
    if not town and block and city.endswith(("市", "区")):
        # a city's or ward's addresses all have a 町字 (a town or village may have none: 八丈町1234); the lot right
        # after the municipality means the 町字 was left out: kept as written, reported
        st.note("市・区の住所には町字があるはずです（町字が抜けていないか確認してください）",
                "An address in a city or ward has a 町字; check whether it was left out")
        st.not_sure("town")
        st.lacking.append("town")
    if town and _KYOTO_DIRECTION.search(town):
        st.note("京都の通り名（上る・下る・入る）を含むため、町字を判断できません（町字は空欄にしました）",
                "Kyoto street-name form (上る/下る/入る); 町字 not determined and left empty")
        st.not_sure("town")
        return result(prefecture, city, "", block, building, code, prefecture + city + rest)
    if "town" in st.unsure or "block" in st.unsure:      # keep what could not be read, as written
        return result(prefecture, city, town, block, building, code, prefecture + city + rest)
    return result(prefecture, city, town, block, building, code, prefecture + city + town + block + sep + building)


def split_address(text: str, *, default_prefecture: str | None = None, default_city_code: str | None = None,
                  record_code: str | None = None, file_prefecture: str | None = None) -> AddressParts:
    """Split one address into the standard's 所在地_* parts.

    ``default_prefecture`` / ``default_city_code`` describe the publisher (e.g. Kobe 281000): they fill
    in a missing prefecture, pick between municipalities of the same name, and resolve a bare ward
    (``東灘区…`` -> 兵庫県神戸市東灘区).  ``record_code`` is the municipality (or prefecture) that the record
    itself names in other columns (``record_locality``): it comes first when picking between readings, and
    completes an address that names no municipality (``西新宿1`` in a row of 東京都 / 新宿区).
    ``file_prefecture`` is the prefecture every other address of the file lies in (``file_prefecture``): it
    picks between same-name municipalities when the record and the publisher do not.  Results are cached per
    distinct input.
    """
    r = _split_cached(text, default_prefecture, default_city_code, record_code or None, file_prefecture or None)
    return AddressParts(r.full, r.prefecture, r.city, r.town, r.block, r.building, r.code, r.confidence,
                        list(r.notes), list(r.unsure), list(r.lacking))


# --- what a record and a file say about where their addresses are ------------------------------------
@lru_cache(maxsize=4096)
def record_locality(name: str = "", code: str = "") -> str | None:
    """The code of the municipality (or, failing that, the prefecture) that a record names in its own columns:
    ``name`` is its 都道府県名 + 市区町村名 joined, or its 地方公共団体名 (``東京都新宿区``, ``新宿区``, ``東京都``),
    ``code`` a 全国地方公共団体コード / 市区町村コード it holds.  A name that the code list reads one way only wins
    over the code; None when neither says anything certain."""
    tables = _tables()
    named: LocalGov | None = None
    n = _normalise(name)[0].replace(" ", "").replace("\u3000", "")
    if n:
        pref = next((n[:k] for k in (4, 3) if n[:k] in tables.prefectures), "")
        rest = n[len(pref):]
        if rest:
            govs = {e.gov.code: e.gov for length, e in _names_at(tables, rest, 0)
                    if length == len(rest) and (not pref or e.gov.prefecture == pref)}
            if len(govs) == 1:
                named = next(iter(govs.values()))
        if named is None and pref:
            named = next((g for g in all_localgovs() if g.prefecture == pref and not g.city), None)
    coded = by_code(code) if code else None
    for g in (named, coded):
        if g is not None and g.city:
            return g.code
    for g in (named, coded):
        if g is not None:
            return g.code
    return None


@lru_cache(maxsize=1 << 14)
def _prefecture_evidence(text: str) -> str:
    """The prefecture an address certainly lies in, from its text alone: the written prefecture, or the one
    prefecture of the municipality it starts with; '' when the name is shared or is a bare town/village name
    (which may be a 町字 elsewhere)."""
    tables = _tables()
    s = _normalise(text)[0]
    m = _POSTAL.match(s)
    if m:
        s = s[m.end():]
    pref = next((s[:k] for k in (4, 3) if s[:k] in tables.prefectures), "")
    if pref:
        return pref
    cands = _names_at(tables, s, 0)
    if not cands:
        return ""
    best = max(n for n, _ in cands)
    top = [e for n, e in cands if n == best]
    if len({e.gov.prefecture for e in top}) != 1:
        return ""
    e = top[0]
    if e.gov.city.endswith(("町", "村")) and not e.bare_ward and (e.gun_added or e.gov.code not in tables.gun_of):
        return ""
    return e.gov.prefecture


def locality_prefix(text: str) -> int:
    """The length of the prefecture and/or municipality name the text begins with (千葉県千葉市中央区亥鼻… -> 9,
    中央区… -> 3), 0 when it begins with neither.  On the text as given: a caller that wants full-width
    digits read alike passes the NFKC form.  A value of a table without a header row is told to be an address
    by it (``converters.jp.values``)."""
    tables = _tables()
    s = text
    n = next((k for k in (4, 3) if s[:k] in tables.prefectures), 0)
    cands = _names_at(tables, s, n)
    return n + max((k for k, _ in cands), default=0)


def file_prefecture(texts: Iterable[str]) -> str | None:
    """The one prefecture that every address among ``texts`` whose municipality is certain lies in (the written
    prefecture, or a municipality name that only one prefecture has); None when they name several prefectures
    or none.  The converter passes it to ``split_address`` to settle 港区 / 府中市 in a file whose other rows are
    all in 東京都."""
    found = ""
    for t in texts:
        p = _prefecture_evidence(t)
        if p and p != found:
            if found:
                return None
            found = p
    return found or None

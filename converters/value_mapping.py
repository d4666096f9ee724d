"""Map the columns of a table without a header row by their values.

A table whose first row is a record (the readers' ``headerless`` note; ``SourceTable.header_rows == (0, 0)``)
has columns named by their letters, which say nothing.  Each column is then read from the first data rows the
reader holds (``readers.base.sample_values``): the kind of most of its values (``converters.jp.values``) names
the item it holds — a postcode → 郵便番号, a phone number → 電話番号, an address starting with a prefecture or
municipality → the one-cell address (住所 / 所在地_連結表記), names of facilities (…病院, …公民館, …センター)
→ 名称, katakana → 名称_カナ, a 6-digit code with a valid check digit → 全国地方公共団体コード, decimals in
Japan's latitudes / longitudes → 緯度 / 経度, URLs, e-mail addresses, 1, 2, 3 … → NO / ID, dates and times
when the schema has one place for them.

Every guess carries a score (0.5 + 0.3 × the share of values of that kind: never above 0.8, below every match
by a header name) and a reason for the report.  A column whose values fit no item, or fit one that another
column fits as well (two phone columns: which is the FAX?), is left unmapped, with the reason: it is listed in
the report with its values, never dropped.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import schemas
from converters.jp import values as vk

# a column is of a kind when at least this share of its sampled values is
KIND_SHARE = 0.8
# a name column: mostly distinct texts of a sensible length
NAME_DISTINCT, NAME_MIN_LEN, NAME_MAX_LEN = 0.7, 2.0, 40.0
# facility words a name ends with (before a bracket): the evidence that a text column holds names
FACILITY_ENDINGS = (
    "病院", "医院", "クリニック", "診療所", "医療センター", "センター", "館", "会館", "公民館", "体育館", "図書館", "美術館",
    "博物館", "所", "事務所", "出張所", "支所", "集会所", "役所", "役場", "庁舎", "園", "保育園", "幼稚園", "こども園", "公園",
    "校", "学校", "小学校", "中学校", "高校", "大学", "ホール", "プラザ", "施設", "広場", "駅", "店", "薬局", "室", "寮", "署",
    "局", "院", "ステーション", "トイレ", "便所", "神社", "寺", "ハウス", "ホーム", "苑", "荘", "場", "棟", "塾", "教室",
    "科", "歯科", "外科", "内科", "小児科",
)
_FACILITY = re.compile("(?:" + "|".join(sorted(map(re.escape, FACILITY_ENDINGS), key=len, reverse=True))
                       + r")(?:\s*[（(][^()（）]*[)）])?$")
# an address without its municipality: 椿森4-1-2, 亥鼻1丁目8番1号, 辰巳台東2-16 …; _LOT_SURE: the lot of one
# (a hyphenated number, 丁目, 番地), not a name with a number (さくら1号)
_LOT_ADDRESS = re.compile(r"[^\d\s]{1,20}?\d+(?:(?:丁目|番地の|番地|番の|番|号の|号|の|-)\d+)*(?:丁目|番地|番|号)?(?:\s.*)?")
_LOT_SURE = re.compile(r"\d+-\d+|\d+丁目|\d+番地|\d+番\d+号")
NAME, SEQUENCE, LATITUDE, LONGITUDE = "name", "sequence", "latitude", "longitude"
# column kinds that may hold an item (the rest are listed with their reason)
_KIND_JA = {**vk.KIND_JA, NAME: "施設などの名前", SEQUENCE: "通し番号（1, 2, 3 …）", LATITUDE: "緯度",
            LONGITUDE: "経度"}
_ONE_ITEM = {vk.POSTCODE: ("郵便番号",), vk.PHONE: ("電話番号",), vk.URL: ("URL",),
             vk.CORPORATE_NUMBER: ("法人番号",), vk.PREFECTURE: ("都道府県名",), vk.MUNICIPALITY: ("市区町村名",),
             LATITUDE: ("緯度",), LONGITUDE: ("経度",), SEQUENCE: ("NO", "ID"),
             vk.LOCALGOV_CODE: ("全国地方公共団体コード", "都道府県コード又は市区町村コード", "市区町村コード")}


@dataclass(frozen=True)
class ColumnGuess:
    """What one column holds, from its values."""

    index: int
    kind: str                       # a kind of converters.jp.values, or name / sequence / latitude / longitude
    hits: int                       # sampled values of that kind
    n: int                          # sampled non-empty values
    examples: tuple[str, ...] = ()
    weak: bool = False              # names without facility words, addresses mostly without a municipality
    why: str = ""                   # the reason, when not "hits of n values are of the kind"

    @property
    def share(self) -> float:
        return self.hits / self.n if self.n else 0.0

    @property
    def score(self) -> float:
        """0.5 + 0.3 × the share of values of the kind (0.1 less when weak): at most 0.8, below any header match."""
        return round(0.5 + 0.3 * self.share - (0.1 if self.weak else 0.0), 3)

    @property
    def label(self) -> str:
        """The kind in Japanese (郵便番号, 施設などの名前 …)."""
        return _KIND_JA.get(self.kind, self.kind)

    def reason_ja(self) -> str:
        ex = self.examples[0] if self.examples else ""
        return (self.why or f"{self.n}件中{self.hits}件が{self.label}の形") + (f"、例: {ex}" if ex else "")


@dataclass
class ValueColumns:
    """The columns of a sample, read by their values."""

    header: list[str] = field(default_factory=list)                # the columns' names (their letters)
    guesses: dict[int, ColumnGuess] = field(default_factory=dict)   # columns of one recognisable kind
    unknown: dict[int, str] = field(default_factory=dict)           # other non-empty columns: why (Japanese)
    filled: list[int] = field(default_factory=list)                 # columns with a value in the sample


def _texts(samples: Sequence[Sequence[Any]], j: int) -> list[Any]:
    out = []
    for row in samples:
        v = row[j] if j < len(row) else None
        if v is not None and not isinstance(v, bool) and vk.nfkc(v):
            out.append(v)
    return out


def _as_float(v: Any) -> float | None:
    try:
        return float(vk.nfkc(v))
    except ValueError:
        return None


def _column(j: int, vals: list[Any]) -> tuple[ColumnGuess | None, str]:
    """The guess for one column, or None with the reason (Japanese)."""
    n = len(vals)
    texts = [vk.nfkc(v) for v in vals]
    kinds = [vk.value_kind(v) for v in vals]
    count = Counter(kinds)
    top, hits = count.most_common(1)[0]
    grouped = sum(c for k, c in count.items() if vk.same_kind(k, top))

    def ex(k: str | None = None) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t for t, kk in zip(texts, kinds, strict=True) if k is None or kk == k))[:2]

    # numbers: coordinates by their range, 1, 2, 3 … as a sequence
    floats = [_as_float(v) for v in vals] if top in (vk.COORDINATE, vk.NUMBER) else []
    if floats and all(f is not None for f in floats):
        fs = [f for f in floats if f is not None]
        axis = vk.coordinate_axis(fs)
        if axis and (count[vk.COORDINATE] >= 0.5 * n):
            return ColumnGuess(j, LATITUDE if axis == "lat" else LONGITUDE, n, n, ex()), ""
        if n >= 3 and all(f.is_integer() for f in fs) and \
                sum(1 for a, b in itertools.pairwise(fs) if b == a + 1) >= 0.9 * (n - 1):
            return ColumnGuess(j, SEQUENCE, n, n, ex()), ""
    if top in (vk.TEXT, vk.ADDRESS, vk.MUNICIPALITY):
        addr = sum(1 for t, k in zip(texts, kinds, strict=True)
                   if k in (vk.ADDRESS, vk.MUNICIPALITY) or (k == vk.TEXT and _LOT_ADDRESS.fullmatch(t)))
        located = count[vk.ADDRESS]
        sure = sum(1 for t in texts if _LOT_SURE.search(t))
        if addr >= KIND_SHARE * n and (located or sure >= 0.5 * n):
            # without a municipality in most values (亥鼻1-8-1), a little less sure (the conversion reports the
            # parts it cannot tell, as for such an address under a header)
            return ColumnGuess(j, vk.ADDRESS, addr, n, ex(vk.ADDRESS) or ex(), weak=located < 0.5 * n), ""
    if top == vk.TEXT and hits >= KIND_SHARE * n:
        distinct = len(set(texts)) / n
        mean = sum(map(len, texts)) / n
        if distinct < NAME_DISTINCT:
            return None, "同じ値のくり返しが多い文字の列: どの項目か値からは決められません"
        if not NAME_MIN_LEN <= mean <= NAME_MAX_LEN:
            return None, "文章や短い語の列: どの項目か値からは決められません"
        facility = sum(1 for t in texts if _FACILITY.search(t))
        if facility >= 0.3 * n:
            return ColumnGuess(j, NAME, facility, n, ex()), ""
        unique = len(set(texts))
        return ColumnGuess(j, NAME, unique, n, ex(), weak=True,
                           why=f"{n}件中{unique}件が異なる文字の値（施設らしい語で終わる値は{facility}件）"), ""
    if grouped >= KIND_SHARE * n and top not in (vk.TEXT, vk.NUMBER, vk.FLAG, vk.CODE, vk.COORDINATE):
        return ColumnGuess(j, top, grouped, n, ex(top)), ""
    if top == vk.FLAG:
        return None, "記号・有無の列: どの項目か値からは決められません"
    if top in (vk.NUMBER, vk.COORDINATE):
        return None, "数値の列: どの項目か値からは決められません"
    if top == vk.CODE:
        return None, "番号・コードの列: どの項目か値からは決められません"
    return None, "値の種類がそろわない列: どの項目か値からは決められません"


def value_columns(samples: Sequence[Sequence[Any]] | None, header: Sequence[str]) -> ValueColumns:
    """Read every column of ``samples`` (the first data rows, aligned with ``header``: the columns' letters)."""
    out = ValueColumns(header=list(header))
    width = len(header)
    names: list[ColumnGuess] = []
    for j in range(width):
        vals = _texts(samples or [], j)
        if not vals:
            continue
        out.filled.append(j)
        g, why = _column(j, vals)
        if g is None:
            out.unknown[j] = why
        elif g.kind == NAME:
            names.append(g)
        else:
            out.guesses[j] = g
    # one name column: the one whose values end with facility words the most (clearly: no other column as
    # much), or the only candidate
    if names:
        names.sort(key=lambda g: (g.weak, -g.share, g.index))
        best = names[0]
        sure = not best.weak and (len(names) == 1 or names[1].weak or names[1].share < best.share)
        if sure or len(names) == 1:
            out.guesses[best.index] = best
            rest = names[1:]
        else:
            rest = names
        chosen = "" if rest is names else f"（名前は{header[best.index]}列としました）"
        for g in rest:
            out.unknown[g.index] = f"文字の列: 名前らしい列がほかにもあり、どの項目か値からは決められません{chosen}"
    return out


# --- per schema ------------------------------------------------------------------------------------
def _name_item(targets: list[str]) -> str | None:
    """The dataset's name item: 名称, or the item with a reading (イベント名 / イベント名_カナ, 施設名称 …)."""
    if "名称" in targets:
        return "名称"
    return next((t for t in targets if t.endswith(("名", "名称")) and f"{t}_カナ" in targets), None)


def _item(targets: list[str], names: tuple[str, ...]) -> str:
    """The first of ``names`` the schema has, else an item named with it (連絡先電話番号, 施設電話番号), else the
    first name (reported as missing)."""
    for n in names:
        if n in targets:
            return n
    for n in names:
        hit = next((t for t in targets if t.endswith(n) and "_" not in t), None)
        if hit:
            return hit
    return names[0]


def _pair(targets: list[str], types: dict[str, str], typ: str) -> tuple[str, str] | None:
    """The first start/end pair of items of one type (開始時間 / 終了時間, 開始日 / 終了日, 開所 / 閉所)."""
    for t in targets:
        if types.get(t) != typ:
            continue
        for a, b in (("開始", "終了"), ("開所", "閉所")):
            if a in t and t.replace(a, b) in targets and types.get(t.replace(a, b)) == typ:
                return t, t.replace(a, b)
    return None


@dataclass
class ValueMatch:
    """The items of one schema the columns of a sample fill (column -> (item, guess)), and why the others don't."""

    items: dict[int, tuple[str, ColumnGuess]] = field(default_factory=dict)
    unmapped: dict[int, str] = field(default_factory=dict)     # column -> reason (Japanese)
    labels: dict[int, str] = field(default_factory=dict)       # column -> how 備考 names its values


def match_values(cols: ValueColumns, schema_id: str) -> ValueMatch:
    """The items of ``schema_id`` that the value-read columns fill; one column per item, the leftmost column of a
    kind first; columns that would fill an item another column fills, or an item the schema lacks, are
    unmapped with the reason."""
    fields = schemas.load(schema_id)["fields"]
    targets = [f["name"] for f in fields]
    types = {f["name"]: f.get("type", "string") for f in fields}
    out = ValueMatch(unmapped=dict(cols.unknown))
    from converters.mapping import address_fields

    af = address_fields(tuple(targets))
    name = _name_item(targets)
    by_kind: dict[str, list[ColumnGuess]] = {}
    for j in sorted(cols.guesses):
        g = cols.guesses[j]
        by_kind.setdefault(g.kind, []).append(g)
    # 備考 names a value by its kind (郵便番号: 260-0856) when one column has that kind, else by its column (I列)
    for j in cols.filled:
        guess = cols.guesses.get(j)
        letter = cols.header[j] if j < len(cols.header) else str(j + 1)
        out.labels[j] = guess.label if guess is not None and len(by_kind[guess.kind]) == 1 else f"{letter}列"
    taken: set[str] = set()

    def give(g: ColumnGuess, item: str | None) -> None:
        if item is None or item not in targets:
            what = f"「{item}」" if item else g.label
            out.unmapped[g.index] = f"{g.label}の列ですが、この標準には{what}の項目がありません"
        elif item in taken:
            out.unmapped[g.index] = f"{g.label}の列が複数あり、どれが「{item}」か値からは決められません"
        else:
            taken.add(item)
            out.items[g.index] = (item, g)

    for kind, gs in by_kind.items():
        if kind in (vk.DATE, vk.TIME, vk.TIME_RANGE):
            continue
        item: str | None
        if kind in _ONE_ITEM:
            item = _item(targets, _ONE_ITEM[kind])
        elif kind == vk.ADDRESS:
            item = af.one_cell
        elif kind == NAME:
            item = name
        elif kind == vk.KANA:
            item = f"{name}_カナ" if name else None
        elif kind == vk.EMAIL:
            item = _item(targets, ("メールアドレス",))
        else:
            item = None
        for k, g in enumerate(gs):
            if k and kind != NAME:
                out.unmapped[g.index] = (f"{g.label}の列が{len(gs)}つあり、{k + 1}つ目がどの項目か"
                                         "値からは決められません（1つ目を" + (f"「{item}」" if item else "対応なし") + "としました）")
                continue
            give(g, item)
    # dates and times: only where the schema leaves one place for them (one item, or a start/end pair in order)
    for typ, kinds in (("date", (vk.DATE,)), ("time", (vk.TIME, vk.TIME_RANGE))):
        gs = [g for k in kinds for g in by_kind.get(k, [])]
        gs.sort(key=lambda g: g.index)
        if not gs:
            continue
        items = [t for t in targets if types.get(t) == typ and t not in taken]
        pair = _pair(targets, types, typ)
        ranges = [g for g in gs if g.kind == vk.TIME_RANGE]
        if typ == "time" and pair and len(gs) == 1 and ranges:
            give(gs[0], pair[0])                  # 9:00～17:00: the start item; the conversion splits the range
            continue
        if pair and len(gs) == 2 and not ranges:
            give(gs[0], pair[0])
            give(gs[1], pair[1])
            continue
        if len(items) == 1 and len(gs) == 1 and not ranges:
            give(gs[0], items[0])
            continue
        for g in gs:
            out.unmapped[g.index] = (f"{g.label}の列ですが、この標準の" + ("・".join(f"「{t}」" for t in items) or "項目")
                                     + "のどれにあたるか値からは決められません")
    return out

"""Match source headers to the target schema's items, and detect the target dataset.

Levels, best first: exact name → the same name after normalisation (NFKC, look-alike dashes,
full-width ＿ and parentheses, inner spaces and line breaks, half-width kana) → a known alias or
synonym (2021 ↔ 2026 names, English item names, municipal variants) → a known name with a qualifier in
parentheses (問い合わせ先（市の担当課）, a little less sure) → fuzzy similarity with a score.  A 親_子 header (two header rows joined, or written so) also offers its last part's items; a generic
last part (備考, 名称 … under 運動場面積) is only a weak candidate, since it may be about the first part.
Each target item takes at most one source column (best scores first).  Items the source
does not have can be derived: 地方公共団体名 from 都道府県名 + 市区町村名 or from the publisher's
code, the address parts (any set of …都道府県 / …市区町村 / …町字 / …番地以下 items, see ``address_fields``) from
a one-cell address, codes from the publisher.  An item with a vocabulary of its own that no header names takes the one
free column whose first rows' values are all allowed values (医療機関の種類 under 高松市's alternativeName).  A 全国地方公共団体コード split over a prefecture-code column (38)
and a municipality-code column (202) is joined (``_join_split_code``, read from the first rows' values).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Any

import schemas
from converters.jp.chars import canonical_name
from converters.synonyms import ENGLISH, SYNONYMS

SCORES = {"exact": 1.0, "normalised": 0.97, "alias": 0.95, "synonym": 0.9}   # "pattern" 0.85-0.88, "fuzzy" < 0.85
FUZZY_MIN = 0.8
# 親_子 headers whose last part is a generic item (in at least 3 datasets: 備考, 名称, URL, 電話番号 …) give that
# item only as a weak candidate, below every fuzzy match (>= 0.68): it is taken when no column is better
GENERIC_ITEM_WEIGHT = 1 / 3
WEAK_CHILD_SCORE = 0.6
ADDRESS_PARTS = ("所在地_都道府県", "所在地_市区町村", "所在地_町字", "所在地_番地以下")
# the one-cell address items, in the order the pipeline looks for them (the cell it normalises and splits)
ONE_CELL_ADDRESS = ("所在地_連結表記", "住所")
# the endings of address part items, with the part of converters.jp.address.split_address they take
PART_SUFFIXES = (("都道府県", "prefecture"), ("市区町村", "city"), ("町字", "town"), ("番地以下", "block"))
BUILDING_WORDS = ("方書", "建物名等")

# Words in a file name, sheet name or title that point to a dataset (Japanese and common romaji).
DATASET_KEYWORDS: dict[str, tuple[str, ...]] = {
    "aed": ("AED", "ＡＥＤ", "除細動", "aed"),
    "evacuation_space": ("避難場所", "避難所", "避難", "hinan", "evacuation"),
    "public_toilet": ("トイレ", "便所", "toilet"),
    "public_wireless_lan": ("無線LAN", "Wi-Fi", "WiFi", "wifi", "ワイファイ", "wireless", "FreeSpot", "フリースポット"),
    "fire_hydrant": ("消火栓", "防火水槽", "防火水そう", "消防水利", "hydrant", "shokasen"),
    "tourism": ("観光", "tourism", "kanko"),
    "event": ("イベント", "催し", "event"),
    "preschool": ("保育", "幼稚園", "子育て", "こども園", "preschool", "hoiku", "kosodate"),
    "care_service": ("介護", "kaigo", "care_service"),
    "hospital": ("医療機関", "病院", "診療所", "救護", "hospital", "byoin", "kyugo"),
    "cultural_property": ("文化財", "bunkazai", "cultural"),
    "population": ("人口", "population", "jinko"),
    "public_facility": ("公共施設", "public_facility", "shisetsu"),
    "opendata_list": ("オープンデータ一覧", "opendata_list"),
    "food_business": ("食品", "営業許可", "food_business"),
}


@dataclass
class FieldMapping:
    target: str
    method: str                      # exact|normalised|alias|synonym|fuzzy|pattern|values|recipe|combined|constant|derived|pair
    score: float = 1.0
    source: str | None = None        # source header (one column)
    index: int | None = None         # its 0-based position
    sources: list[str] = field(default_factory=list)   # combined: several columns
    indexes: list[int] = field(default_factory=list)
    join: str = ""
    constant: str | None = None
    derive: str | None = None        # address | localgov-name | localgov-code | localgov-pref | localgov-city | address-code
    #                                  | copy:<item> (the row's value of another item)
    reason: str | None = None        # value: why the column's values are taken for the item (Japanese)
    pick: str | None = None          # lat | lon: the part of a "latitude,longitude" pair written in one cell

    def to_recipe(self) -> dict[str, Any]:
        if self.constant is not None:
            return {"constant": self.constant}
        if self.derive:
            return {"derive": self.derive}
        if self.sources:
            return {"columns": list(self.sources), "join": self.join}
        if self.pick:
            return {"column": self.source, "pick": self.pick}
        return {"column": self.source}

    def describe_ja(self) -> str:
        if self.constant is not None:
            return f"固定値「{self.constant}」"
        if self.derive:
            return {"address": "住所から分割", "localgov-name": "団体コードから", "localgov-code": "発行者のコード",
                    "localgov-pref": "団体コードから", "localgov-city": "団体コードから",
                    "address-code": "住所の市区町村から"}.get(self.derive) or (
                f"「{self.derive[5:]}」と同じ値" if self.derive.startswith("copy:") else self.derive)
        if self.sources:
            return "＋".join(f"「{s}」" for s in self.sources)
        if self.pick:
            return f"「{self.source}」の{'緯度' if self.pick == 'lat' else '経度'}（1つのセルの「緯度,経度」を分割）"
        if self.method == "value":
            return f"{self.source}列の値（{self.reason}）" if self.reason else f"{self.source}列の値"
        return f"「{self.source}」"


@dataclass(frozen=True)
class AddressFields:
    """The address items of a schema, found by their names (not by schema).

    A *part set* is two or more items that share a prefix and end in 都道府県 / 市区町村 / 町字 / 番地以下
    (所在地_都道府県 …, 施設所在地_都道府県 …); each set may have one building item (a name holding 方書 or
    建物名等: 建物名等(方書), 施設方書): the one whose name alone shares the longest beginning with the set's
    prefix, or the one left over when one set is left.  All sets are filled from the split of ``one_cell``.
    """

    one_cell: str | None                 # 所在地_連結表記 or 住所
    parts: dict[str, str]                # part item -> split_address attribute (prefecture, city, town, block)
    buildings: tuple[str, ...]           # building items of the sets
    prefixes: tuple[str, ...]            # the sets' prefixes (所在地_, 施設所在地_)
    code: str | None                     # the item of the address's own code (所在地_全国地方公共団体コード)


@lru_cache(maxsize=256)
def address_fields(targets: tuple[str, ...]) -> AddressFields:
    """The address items among a schema's items (see ``AddressFields``)."""
    one_cell = next((t for t in ONE_CELL_ADDRESS if t in targets), None)
    groups: dict[str, dict[str, str]] = {}
    for t in targets:
        for suffix, attr in PART_SUFFIXES:
            if t.endswith(suffix):
                groups.setdefault(t[:-len(suffix)], {})[t] = attr
    groups = {p: g for p, g in groups.items() if len(g) >= 2 and len(set(g.values())) == len(g)}
    parts = {t: attr for g in groups.values() for t, attr in g.items()}
    free = [t for t in targets if any(w in t for w in BUILDING_WORDS) and t not in parts
            and not t.endswith(("カナ", "英語", "英字"))]       # a reading or translation is not the building
    chosen: dict[str, str] = {}                  # set prefix -> its building item

    def shared(a: str, b: str) -> int:
        n = 0
        while n < min(len(a), len(b)) and a[n] == b[n]:
            n += 1
        return n

    for prefix in sorted(groups, key=len, reverse=True):
        left = [t for t in free if t not in chosen.values()]
        scored = [(shared(t, prefix), t) for t in left]
        best = max((sc for sc, _ in scored), default=0)
        tied = [t for sc, t in scored if sc == best]
        if best > 0 and len(tied) == 1:
            chosen[prefix] = tied[0]
    rest_sets = [p for p in groups if p not in chosen]
    rest = [t for t in free if t not in chosen.values()]
    if len(rest_sets) == 1 and len(rest) == 1:
        chosen[rest_sets[0]] = rest[0]             # the one building item left, for the one set left
    buildings = [chosen[p] for p in groups if p in chosen]
    code = "所在地_全国地方公共団体コード" if one_cell == "所在地_連結表記" and "所在地_全国地方公共団体コード" in targets \
        else None
    return AddressFields(one_cell, parts, tuple(buildings), tuple(groups), code)


@dataclass
class Mapping:
    schema_id: str
    fields: dict[str, FieldMapping]
    unmapped: list[tuple[int, str]]          # source columns not used: (index, header)
    targets: list[str]                       # target items in schema order
    missing: list[tuple[str, list[str]]] = field(default_factory=list)   # recipe entries naming absent columns
    # a table without a header row (columns mapped by their values): why each unmapped column is not mapped, and
    # what its values are (郵便番号 …), which names its values when they go to 備考
    reasons: dict[int, str] = field(default_factory=dict)
    labels: dict[int, str] = field(default_factory=dict)

    def source_index(self, target: str) -> int | None:
        m = self.fields.get(target)
        return m.index if m else None

    def to_recipe(self) -> dict[str, Any]:
        return {t: self.fields[t].to_recipe() for t in self.targets if t in self.fields}


@cache
def _target_keys(schema_id: str) -> dict[str, dict[str, tuple[str, float]]]:
    """canonical key -> (target, method/score) per matching level, for one schema."""
    s = schemas.load(schema_id)
    exact: dict[str, tuple[str, float]] = {}
    canon: dict[str, tuple[str, float]] = {}
    alias: dict[str, tuple[str, float]] = {}
    syn: dict[str, tuple[str, float]] = {}
    for f in s["fields"]:
        n = f["name"]
        exact[n] = (n, SCORES["exact"])
        canon.setdefault(canonical_name(n), (n, SCORES["normalised"]))
        for a in f.get("x-aliases", []):
            alias.setdefault(canonical_name(a), (n, SCORES["alias"]))
        for a in [*SYNONYMS.get(n, ()), f.get("englishName") or ""]:
            if a:
                syn.setdefault(canonical_name(a), (n, SCORES["synonym"]))
        for a in [*ENGLISH.get(n, ()), f.get("englishName") or ""]:
            if a:
                syn.setdefault(ascii_key(a), (n, SCORES["synonym"]))
    return {"exact": exact, "normalised": canon, "alias": alias, "synonym": syn}


def ascii_key(h: str) -> str:
    """English headers compare case- and separator-insensitively: name_kana == nameKana == Name Kana."""
    return re.sub(r"[^0-9a-z]+", "", h.lower()) if h.isascii() else canonical_name(h)


_NAME_LIKE_EXCLUDE = ("団体名", "法人名", "法人の名称", "地方公共団体名", "場所名称", "連絡先名称", "都道府県名",
                      "市区町村名", "地域名", "イベント名", "データ名称", "設置者名", "所有者名", "主催者名", "課名", "担当課名",
                      # a device's or a product's name, not the record's (小金井市's AED list: 機種名（…）)
                      "機種名", "型式名", "機器名", "製品名", "商品名", "メーカー名")
_AGE = re.compile(r"^(?:(\d+)\s*[-~〜～－]\s*(\d+)|(\d+))\s*歳?\s*(以上)?\s*[_（(]?\s*(?:の)?\s*(男|女)(?:性)?\s*[)）]?$")


def _pattern_candidates(h: str, schema_id: str) -> list[tuple[str, str, float]]:
    """Header shapes that name an item without being one of its known spellings.

    * ``…名`` / ``…名称`` (医療機関名, 公民館名, トイレ名称, 事業所名) -> the dataset's name item, and the same
      with カナ (事業所名（カナ）, 施設名ふりがな) -> its _カナ item;
    * population bands: ``0～4歳_男``, ``0-4歳男性``, ``85歳以上（女）`` -> ``0-4歳の男性`` …
    """
    targets = [f["name"] for f in schemas.load(schema_id)["fields"]]
    c = canonical_name(h)
    out: list[tuple[str, str, float]] = []
    m = _AGE.match(c)
    if m:
        sex = "男性" if m.group(5) == "男" else "女性"
        band = f"{m.group(3)}歳以上" if m.group(3) and m.group(4) else (
            f"{m.group(1)}-{m.group(2)}歳" if m.group(1) else "")
        t = f"{band}の{sex}"
        if t in targets:
            out.append((t, "pattern", 0.88))
        return out
    af = address_fields(tuple(targets))
    if af.one_cell is not None:
        # the one-cell address under a part set's own name (施設所在地 for 施設所在地_都道府県 …)
        for prefix in af.prefixes:
            base = prefix.rstrip("_")
            if base and c in {canonical_name(base), canonical_name(prefix + "連結表記"), canonical_name(base + "住所")}:
                return [(af.one_cell, "pattern", 0.88)]
    kana = re.search(r"(カナ|かな|フリガナ|ふりがな|よみがな|ヨミガナ|読み)\)?$", c)
    base = re.sub(r"[(（]?(カナ|かな|フリガナ|ふりがな|よみがな|ヨミガナ|読み)[)）]?$", "", c).rstrip("_")
    if base.endswith(("名", "名称")) and not any(base.endswith(canonical_name(x)) for x in _NAME_LIKE_EXCLUDE):
        names = [t for t in targets if t.endswith("名称") and not t.endswith(_NAME_LIKE_EXCLUDE) and "_" not in t]
        name_item = "名称" if "名称" in targets else (names[0] if names else None)
        if name_item:
            t = f"{name_item}_カナ" if kana else name_item
            if t in targets:
                out.append((t, "pattern", 0.85))
    return out


_QUALIFIED = re.compile(r"^(.+?)\s*[(（][^()（）]+[)）]$")
_INNER_QUALIFIER = re.compile(r"\s*[(（][^()（）]+[)）]\s*")
_FIRST_OF_SERIES = re.compile(r"^(\D+?)\s*[-_－‐]?\s*[1１]$")
_IRI_HEADER = re.compile(r"^https?://[^\s#]*[#/]([A-Za-z_][\w\-]*)$")


# the subject of a dataset written before an item's name (イベント説明, 施設住所, 事業所所在地)
_SUBJECT_PREFIX = re.compile(r"^(?:イベント|催し|施設|事業所|医療機関|観光施設|避難所|避難場所)の?")
# a contact item named after whose it is (管理先電話番号, 問合せ先電話番号, 管理者メールアドレス, 担当課FAX番号): the item
_CONTACT_TAILS = ("電話番号", "FAX番号", "メールアドレス")
_WHOSE = re.compile(r"^[^\s0-9A-Za-z]{1,5}?(?:先|者|課|係|室|部|局|担当|の)$")


def _contact_candidates(c: str, schema_id: str) -> list[tuple[str, str, float]]:
    """A canonical header that is a contact item's name after a short word saying whose it is (管理先, 問合せ先,
    管理者, 担当課, 施設の): that item, as a pattern a little less sure than a synonym."""
    for tail in _CONTACT_TAILS:
        key = canonical_name(tail)
        if c.endswith(key) and len(c) > len(key) and _WHOSE.match(c[:-len(key)]):
            return [(t, "pattern", round(min(sc, SCORES["synonym"]) * 0.85, 3))
                    for t, mt, sc in candidates(tail, schema_id) if mt != "fuzzy"][:1]
    return []


def _strip_prefix(h: str) -> str:
    # LinkData / IMI vocabulary prefixes (ic:市区町村コード) and leading '#'; a header that is a vocabulary
    # IRI (https://schema.org/name, http://www.w3.org/2003/01/geo/wgs84_pos#lat, as 越前市 heads its files)
    # is read by its local name (name, lat)
    m = _IRI_HEADER.match(h.strip())
    if m:
        return m.group(1)
    return re.sub(r"^#?[a-zA-Z]{1,8}:", "", h.strip())


_START_END = ("開始", "終了", "開", "閉", "始", "終")
_TIME_TAIL = re.compile(r"(時間|時刻|日時|年月日|日)$")
_TOTAL_CHILD = frozenset({"計", "合計", "総数", "総計", "全体"})
_LOT_CHILD = frozenset({"地番", "番地", "所在地番", "町名地番", "町名番地", "町名・地番", "町名・番地", "町丁・番地",
                        "町名・番地等", "地番等", "番地等"})


def _joined_candidates(h: str, schema_id: str) -> list[tuple[str, str, float]]:
    """A name joined from a two-row header (``親_子``, the reader's merged-header names) read as one name, a
    little less sure than the name itself:

    * the two parts written together: ``電話`` over ``番号`` is ``電話番号``;
    * a start or end under a time: ``開所時間`` over ``開始`` / ``終了`` is ``開始時間`` / ``終了時間``;
    * a total under its parent: ``定員（人）`` over ``0歳`` … ``計`` — the ``計`` column is the ``定員`` itself.
    """
    parent, child = h.rsplit("_", 1)
    parent, child = parent.strip(), child.strip()
    if not parent or not child:
        return []
    forms = [parent + child]
    tail = _TIME_TAIL.search(canonical_name(parent))
    if tail and child in _START_END:
        forms.append(child + tail.group(1))
    if child in _TOTAL_CHILD:
        forms.append(parent)
    out: list[tuple[str, str, float]] = []
    for form in forms:
        # a known spelling only (exact, alias, synonym): a shape (…名 for the name item) or a look-alike of the
        # joined form says less than the child's own name (施設名_名称 is 名称 by its child)
        out.extend((t, m, round(sc * 0.95, 3)) for t, m, sc in candidates(form, schema_id)
                   if m not in ("fuzzy", "pattern"))
    if not out and canonical_name(child) in _LOT_CHILD:
        # 所在地 over 区市町村 / 地番: the lot part is the address cell (its city, in its own column, completes it)
        one_cell = address_fields(tuple(f["name"] for f in schemas.load(schema_id)["fields"])).one_cell
        out.extend((t, m, round(sc * 0.9, 3)) for t, m, sc in candidates(parent, schema_id)
                   if m != "fuzzy" and t == one_cell)
    return out


def candidates(header: str, schema_id: str) -> list[tuple[str, str, float]]:
    """(target, method, score) candidates for one source header, best first."""
    keys = _target_keys(schema_id)
    out: list[tuple[str, str, float]] = []
    h = header
    if h in keys["exact"]:
        out.append((keys["exact"][h][0], "exact", SCORES["exact"]))
    c = canonical_name(h)
    c2 = canonical_name(_strip_prefix(h))
    c3 = ascii_key(_strip_prefix(h))
    for level in ("normalised", "alias", "synonym"):
        for key in (c, c2, c3) if level == "synonym" else (c, c2):
            if key in keys[level]:
                t, sc = keys[level][key]
                out.append((t, level, sc))
    if not out and "_" in h.strip("_"):
        out.extend(_joined_candidates(h, schema_id))
    if not out and "_" in h.strip("_"):
        # a header joined from two rows (所在地_住所) or written so (運動場面積_備考): the last part alone, a little
        # less sure; when that part is a generic item (備考, 名称, URL … that most datasets have), it may be about
        # the first part (the 運動場面積's remarks, not the record's): a weak candidate only, never exact, unless
        # the first part names the same item (所在地_住所)
        parent, child = h.rsplit("_", 1)
        for t, m, sc in candidates(child, schema_id):
            if m == "fuzzy":
                continue
            if _item_weights().get(t, 1.0) <= GENERIC_ITEM_WEIGHT and \
                    t not in {pt for pt, _, _ in candidates(parent, schema_id)}:
                out.append((t, "fuzzy", WEAK_CHILD_SCORE))
            else:
                out.append((t, m, round(sc * 0.95, 3)))
    if not out:
        out.extend(_pattern_candidates(h, schema_id))
    if not out and c:
        out.extend(_contact_candidates(c, schema_id))
    if not out and (sub := _SUBJECT_PREFIX.match(h.strip())) and (rest := h.strip()[sub.end():]):
        # the dataset's subject before an item's name (鯖江市's イベント説明, イベント開始時刻): the name, a little less
        # sure; never a bare identifier (事業所番号 is no NO)
        out.extend((t, "pattern", round(min(sc, SCORES["synonym"]) * 0.9, 3)) for t, mt, sc in candidates(rest, schema_id)
                   if mt != "fuzzy" and t not in ("NO", "ID"))
    if not out and (q := _QUALIFIED.match(h.strip())):
        # a known name with a qualifier in parentheses (問い合わせ先（市の担当課）, TEL（代表）): the name alone, a
        # little less sure (after the patterns: 事業所名（カナ） is the kana item, 85歳以上（女） a population band)
        out.extend((t, mt, round(sc * 0.95, 3)) for t, mt, sc in candidates(q.group(1), schema_id) if mt != "fuzzy")
    if not out and (inner := _INNER_QUALIFIER.sub("", h.strip())) != h.strip() and inner:
        # a qualifier inside the name, as a system export writes its columns (彦根市's 水利種別(消火栓)名): without it
        out.extend((t, mt, round(sc * 0.95, 3)) for t, mt, sc in candidates(inner, schema_id) if mt != "fuzzy")
    if not out and (series := _FIRST_OF_SERIES.match(h.strip())):
        # the first of a numbered series (設置場所-1, 備考1): the name without its number, a little less sure
        out.extend((t, mt, round(sc * 0.9, 3)) for t, mt, sc in candidates(series.group(1), schema_id) if mt != "fuzzy")
    if not out and c:
        best: tuple[float, str] = (0.0, "")
        sm = difflib.SequenceMatcher(None, c, "")
        for key, (t, _) in keys["normalised"].items():
            # ratio() is at most real_quick_ratio() (lengths) and quick_ratio() (characters): a key that cannot
            # beat the best so far, or reach FUZZY_MIN, is skipped (the same best, found without most ratios)
            floor = max(best[0], FUZZY_MIN - 1e-9)
            if 2.0 * min(len(c), len(key)) / (len(c) + len(key)) <= floor:
                continue
            sm.set_seq2(key)
            if sm.quick_ratio() <= floor:
                continue
            r = sm.ratio()
            if r > best[0]:
                best = (r, t)
        if best[0] >= FUZZY_MIN:
            out.append((best[1], "fuzzy", round(best[0] * 0.85, 3)))
    seen: set[str] = set()
    uniq = []
    for t, m, sc in sorted(out, key=lambda x: -x[2]):
        if t not in seen:
            seen.add(t)
            uniq.append((t, m, sc))
    return uniq


def auto_map(header: list[str], schema_id: str, *, overrides: dict[str, dict[str, Any]] | None = None,
             publisher_code: str | None = None, has_values: list[bool] | None = None,
             ignore: list[str] | set[str] | None = None, samples: Sequence[Sequence[Any]] | None = None,
             headerless: bool = False) -> Mapping:
    """Map source columns to the schema's items; ``overrides`` are recipe entries that win.

    ``samples`` are the table's first data rows (``converters.readers.base.sample_values``): with them a
    code split over a prefecture-code and a municipality-code column is joined (``_join_split_code``).
    ``headerless``: the table has no header row (its columns are named by their letters, which mean nothing):
    the columns are mapped by their values instead (``converters.value_mapping``; method ``value``, with the
    reason), and the unmapped ones carry theirs (``Mapping.reasons``).

    A complete recipe (``__complete__``) maps nothing else automatically, except the items whose recipe
    entry names columns this file does not have (``Mapping.missing``): those are matched as usual, from
    the columns the recipe leaves free and does not ``ignore``, so that a renamed column is still found.
    """
    s = schemas.load(schema_id)
    targets = [f["name"] for f in s["fields"]]
    fields: dict[str, FieldMapping] = {}
    used: set[int] = set()
    pos = {h: i for i, h in reversed(list(enumerate(header)))}   # first occurrence wins
    missing: list[tuple[str, list[str]]] = []

    for t, spec in (overrides or {}).items():
        if t not in targets:
            continue
        fm, absent = _from_recipe(t, spec, pos)
        if absent:
            missing.append((t, absent))
        if fm is not None:
            fields[t] = fm
            used.update([fm.index] if fm.index is not None else fm.indexes)
    if overrides is not None and "__complete__" in overrides:
        # a saved recipe is complete: nothing else is matched automatically but its items whose columns are gone
        lost = {t for t, _ in missing if t not in fields}
        if lost:
            skip = {i for i, h in enumerate(header) if h in set(ignore or ())}
            found: dict[str, FieldMapping] = {}
            taken = used | skip
            if headerless:
                _match_by_values(header, schema_id, found, taken, samples, only=lost)
            else:
                _match(header, schema_id, found, taken, has_values, only=lost)
            _derive(found, targets, header, taken, publisher_code)
            for t, fm in found.items():
                if t in lost:
                    fields[t] = fm
                    used.update([fm.index] if fm.index is not None else fm.indexes)
        out = Mapping(schema_id, fields, [(i, h) for i, h in enumerate(header) if i not in used], targets, missing)
        if headerless:
            vm = _value_match(header, schema_id, samples)
            out.labels = vm.labels
        return out

    if headerless:
        vm = _match_by_values(header, schema_id, fields, used, samples)
    else:
        _match(header, schema_id, fields, used, has_values)
        if samples:
            _join_split_code(fields, targets, header, used, samples)
            _match_vocabulary_values(fields, schema_id, header, used, samples)
            _latlon_pair(fields, targets, header, used, samples)
            _ward_and_address(fields, header, used, samples)
            _match_unmistakable_values(header, schema_id, fields, used, samples)
    _derive(fields, targets, header, used, publisher_code)
    unmapped = [(i, h) for i, h in enumerate(header) if i not in used]
    out = Mapping(schema_id, fields, unmapped, targets, missing)
    if headerless:
        out.reasons = {i: vm.unmapped[i] for i, _ in unmapped if i in vm.unmapped}
        out.labels = vm.labels
    return out


def _value_match(header: list[str], schema_id: str, samples: Sequence[Sequence[Any]] | None) -> Any:
    from converters.value_mapping import match_values, value_columns

    return match_values(value_columns(samples, header), schema_id)


def _match_by_values(header: list[str], schema_id: str, fields: dict[str, FieldMapping], used: set[int],
                     samples: Sequence[Sequence[Any]] | None, only: set[str] | None = None) -> Any:
    """A table without a header row: each free column to the item its values name (``converters.value_mapping``)."""
    vm = _value_match(header, schema_id, samples)
    for i, (t, g) in sorted(vm.items.items()):
        if i in used or t in fields or (only is not None and t not in only):
            continue
        fields[t] = FieldMapping(t, "value", g.score, source=header[i], index=i, reason=g.reason_ja())
        used.add(i)
    return vm


# value kinds that name their item without doubt (a URL is the URL, whatever the column is called); a phone number
# is not among them (電話 or FAX?), nor a name or a number
_UNMISTAKABLE_KINDS = frozenset({"url", "email", "postcode", "corporate-number"})
UNMISTAKABLE_MIN_VALUES = 3


def _match_unmistakable_values(header: list[str], schema_id: str, fields: dict[str, FieldMapping], used: set[int],
                               samples: Sequence[Sequence[Any]]) -> None:
    """A column whose header names no item of the schema (``detail``, ``リンク先``) but whose sampled values are
    all of one unmistakable kind (URLs, e-mail addresses, postcodes, 法人番号) fills that item, when the schema has it,
    no column fills it yet, and no other column holds values of that kind."""
    free = [i for i, h in enumerate(header) if i not in used and not (h.strip() and candidates(h, schema_id))]
    if not free:
        return
    from converters.value_mapping import match_values, value_columns

    cols = value_columns(samples, header)
    vm = match_values(cols, schema_id)
    for i in free:
        got = vm.items.get(i)
        if got is None:
            continue
        t, g = got
        if (g.kind not in _UNMISTAKABLE_KINDS or t in fields or g.n < UNMISTAKABLE_MIN_VALUES or g.share < 1.0
                or any(o.kind == g.kind for j, o in cols.guesses.items() if j != i)):
            continue
        fields[t] = FieldMapping(t, "value", g.score, source=header[i], index=i, reason=g.reason_ja())
        used.add(i)


def _match(header: list[str], schema_id: str, fields: dict[str, FieldMapping], used: set[int],
           has_values: list[bool] | None, only: set[str] | None = None) -> None:
    """Each free column to its best item, best scores first (only the items ``only`` when given)."""
    pairs: list[tuple[float, int, str, str]] = []
    names = _name_columns(header)
    for i, h in enumerate(header):
        if i in used or not h.strip():
            continue
        # the items the column this one names (水利種別 for 水利種別名) would fill as well
        shared = {bt for bt, _, _ in candidates(header[names[i]], schema_id)} if i in names else set()
        for t, method, sc in candidates(h, schema_id):
            if only is not None and t not in only:
                continue
            if has_values is not None and not has_values[i]:
                sc -= 0.01   # prefer a column that has values when two match equally
            if t in shared and not t.endswith(("コード", "ID", "番号")):
                sc += 0.005  # 水利種別名 beside 水利種別: the name, not the code, when both match a text item equally
            pairs.append((sc, i, t, method))
    pairs.sort(key=lambda x: (-x[0], x[1]))
    for sc, i, t, method in pairs:
        if t in fields or i in used:
            continue
        fields[t] = FieldMapping(t, method, round(sc, 3), source=header[i], index=i)
        used.add(i)


def _name_columns(header: list[str]) -> dict[int, int]:
    """Columns whose header is another column's with 名 or 名称 added (a system export's code and name pair:
    水利種別 / 水利種別名, 水利種別(消火栓) / 水利種別(消火栓)名): column -> that other column."""
    keys = {canonical_name(h): j for j, h in enumerate(header) if h.strip()}
    out = {}
    for i, h in enumerate(header):
        c = canonical_name(h)
        for suffix in ("名称", "名"):
            if c.endswith(suffix) and len(c) > len(suffix) and (j := keys.get(c[:-len(suffix)])) is not None:
                out[i] = j
                break
    return out


def _from_recipe(t: str, spec: dict[str, Any], pos: dict[str, int]) -> tuple[FieldMapping | None, list[str]]:
    """The recipe entry as a mapping (None when none of its columns is in the file), and the columns it
    names that the file does not have."""
    if "constant" in spec:
        return FieldMapping(t, "recipe", constant=str(spec["constant"])), []
    if "derive" in spec:
        return FieldMapping(t, "recipe", derive=str(spec["derive"])), []
    if "columns" in spec:
        named = [str(c) for c in spec["columns"] or []]
        cols = [c for c in named if c in pos]
        absent = [c for c in named if c not in pos]
        if not cols:
            return None, absent
        fm = FieldMapping(t, "recipe", sources=cols, indexes=[pos[c] for c in cols], join=str(spec.get("join", "")))
        return fm, absent
    col = spec.get("column")
    if col is None:
        return None, []
    if str(col) in pos:
        pick = spec.get("pick") if spec.get("pick") in ("lat", "lon") else None
        return FieldMapping(t, "recipe", source=str(col), index=pos[str(col)], pick=pick), []
    return None, [str(col)]


# --- a column holding one vocabulary item's values ------------------------------------------------------
VALUES_SCORE = 0.8
VALUES_MIN = 2


def _match_vocabulary_values(fields: dict[str, FieldMapping], schema_id: str, header: list[str], used: set[int],
                             samples: Sequence[Sequence[Any]]) -> None:
    """An item with a vocabulary of its own (医療機関の種類: 病院 / 有床診療所 / 無床診療所) that no header named takes
    the one free column whose sampled values (at least two) are all among its allowed values (高松市's
    alternativeName: 病院, 有床診療所).  有/無 and "1" flags are left alone: their values fit too many columns."""
    vocab = {f["name"]: {_vocab_key(e) for e in f["constraints"]["enum"]}
             for f in schemas.load(schema_id)["fields"]
             if f.get("constraints", {}).get("enum") and f["name"] not in fields
             and set(f["constraints"]["enum"]) not in ({"有", "無"}, {"1"}) and len(f["constraints"]["enum"]) >= 3}
    if not vocab:
        return
    fits: dict[str, list[int]] = {t: [] for t in vocab}
    for i in range(len(header)):
        if i in used:
            continue
        vals = _column_texts(samples, i)
        if len(vals) < VALUES_MIN:
            continue
        keys = {_vocab_key(v) for v in vals}
        owners = [t for t, allowed in vocab.items() if keys <= allowed]
        if len(owners) == 1:
            fits[owners[0]].append(i)
    for t, cols in fits.items():
        if len(cols) == 1:
            i = cols[0]
            fields[t] = FieldMapping(t, "values", VALUES_SCORE, source=header[i], index=i)
            used.add(i)


def _vocab_key(v: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", v))


# --- a 全国地方公共団体コード split over two columns ----------------------------------------------------
# The code items, in the order a split code fills them (the first one the schema has and no column fills).
CODE_ITEMS = ("全国地方公共団体コード", "都道府県コード又は市区町村コード", "市区町村コード")
_PREF_CODE_HEADER = re.compile(r"^(?:都道府県|県)(?:コード|番号|cd|code)$")
_CITY_CODE_HEADER = re.compile(r"^(?:市区町村|市町村|区市町村|市区町)(?:コード|番号|cd|code)$")
_PREF_CODE_ASCII = frozenset({"prefcode", "prefecturecode", "prefcd", "kencode", "todofukencode"})
_CITY_CODE_ASCII = frozenset({"citycode", "municipalitycode", "municipalcode", "citycd", "shikuchosoncode"})


def _column_texts(samples: Sequence[Sequence[Any]], i: int) -> list[str]:
    """The non-empty values of column ``i`` in the sampled rows, as text (NFKC: full-width digits read alike)."""
    from converters.steps._common import cell_text

    out = []
    for row in samples:
        if i < len(row) and row[i] is not None and not isinstance(row[i], bool):
            v = unicodedata.normalize("NFKC", cell_text(row[i])).strip()
            if v:
                out.append(v)
    return out


def _all_pref_codes(values: list[str]) -> bool:
    """1 or 2 digits naming a prefecture (01 … 47, 1 … 9 when Excel dropped the zero)."""
    return bool(values) and all(v.isascii() and v.isdigit() and len(v) <= 2 and 1 <= int(v) <= 47 for v in values)


def _all_city_parts(values: list[str]) -> bool:
    """3 digits: the municipality's part of a 5-digit code (202 of 38202)."""
    return bool(values) and all(v.isascii() and v.isdigit() and len(v) == 3 for v in values)


def _join_split_code(fields: dict[str, FieldMapping], targets: list[str], header: list[str], used: set[int],
                     samples: Sequence[Sequence[Any]]) -> None:
    """A 全国地方公共団体コード split over two columns (厚生労働省's 医療情報ネット: ``都道府県コード`` 38,
    ``市区町村コード`` 202) becomes one combined mapping of both, joined without a separator (38 + 202 -> 38202;
    the codes step then adds the check digit: 382027, and logs it; 1 + 100 -> 1100 -> 011002).

    Only when the values say so, in every sampled row: one column named as a prefecture code
    (都道府県コード, 県コード, prefCode …) with 1-2 digit values 1-47, and a column with 3-digit values
    that a code item was matched to, or that is named as a municipality code (市区町村コード, cityCode …).  A
    3-digit column without a prefecture column, or a full code beside the prefecture's, stays as matched.
    """
    code_items = [t for t in CODE_ITEMS if t in targets]
    if not code_items:
        return

    def auto(t: str) -> FieldMapping | None:
        fm = fields.get(t)
        return fm if fm is not None and fm.index is not None and fm.method != "recipe" else None

    matched = {fm.index: t for t in code_items if (fm := auto(t)) is not None}

    def named(i: int, pattern: re.Pattern[str], ascii_names: frozenset[str]) -> bool:
        h = _strip_prefix(header[i])
        return bool(pattern.match(canonical_name(h))) or (h.isascii() and ascii_key(h) in ascii_names)

    prefs = [i for i in range(len(header)) if (i not in used or i in matched)
             and named(i, _PREF_CODE_HEADER, _PREF_CODE_ASCII) and _all_pref_codes(_column_texts(samples, i))]
    if len(prefs) != 1:
        return                                 # none, or two prefecture columns: nothing to tell them apart
    ip = prefs[0]
    cities = [i for i in range(len(header)) if i != ip and (i in matched or (
        i not in used and named(i, _CITY_CODE_HEADER, _CITY_CODE_ASCII))) and _all_city_parts(_column_texts(samples, i))]
    if len(cities) != 1:
        return
    ic = cities[0]
    # the item a half was matched to (the first in CODE_ITEMS when both were: _derive copies the others from it),
    # else the first code item no column fills
    halves = [t for t in code_items if t in (matched.get(ic), matched.get(ip))]
    target = halves[0] if halves else next((t for t in code_items if t not in fields), None)
    if target is None:
        return
    score = fields[matched[ic]].score if ic in matched else SCORES["synonym"]
    for i in (ip, ic):
        if i in matched and matched[i] != target:
            del fields[matched[i]]             # the other code item, matched to a half of the code: left to _derive
    fields[target] = FieldMapping(target, "combined", round(min(score, SCORES["synonym"]), 3),
                                  sources=[header[ip], header[ic]], indexes=[ip, ic], join="")
    used.update((ip, ic))


# headers of a column that may hold "latitude,longitude" in one cell (with the values to say so)
_PAIR_HEADER = re.compile(r"(?i)^(?:location|coordinates?|latlon|lat_?lng|lat_?lon|geo|position|point|座標|位置|位置座標|"
                          r"緯度経度|緯度・経度|緯度,経度|緯度、経度|緯度/経度|経緯度|所在地座標|地図座標)$")
PAIR_SHARE = 0.8


def _pairs_share(values: list[str]) -> float:
    """The share of ``values`` that are a latitude and a longitude inside Japan, in either order."""
    from converters.steps.coordinates import LAT_RANGE, LON_RANGE, fix_swapped, split_latlon

    ok = 0
    for v in values:
        p = split_latlon(v)
        if p is None:
            continue
        lat, lon, _ = fix_swapped(float(p[0]), float(p[1]))
        ok += LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]
    return ok / len(values) if values else 0.0


def _latlon_pair(fields: dict[str, FieldMapping], targets: list[str], header: list[str], used: set[int],
                 samples: Sequence[Sequence[Any]]) -> None:
    """One column holding "34.34277,134.04654" (高松市's ``location``): both 緯度 and 経度 are taken from it, each
    its part (``pick``), when neither has a column of its own, or when the column 緯度 was matched to holds such
    pairs and 経度 has none.  Only when the sampled values say so: most of them two decimals inside Japan."""
    if "緯度" not in targets or "経度" not in targets or "経度" in fields:
        return
    lat = fields.get("緯度")
    if lat is not None:
        if lat.index is None or lat.method == "recipe" or lat.pick:
            return
        cands = [lat.index]
    else:
        cands = [i for i in range(len(header)) if i not in used and _PAIR_HEADER.match(canonical_name(header[i]).strip())]
        if not cands:      # any free column whose values are pairs
            cands = [i for i in range(len(header)) if i not in used]
    for i in cands:
        values = _column_texts(samples, i)
        if values and _pairs_share(values) >= PAIR_SHARE:
            why = "1つのセルに「緯度,経度」が書かれています"
            for t, pick in (("緯度", "lat"), ("経度", "lon")):
                fields[t] = FieldMapping(t, "pair", SCORES["synonym"], source=header[i], index=i, pick=pick, reason=why)
            used.add(i)
            return


_WARD_VALUE = re.compile(r"[^\s0-9、,（）()]{1,4}区")
_WARD_HEADER = re.compile(r"(?:行政|所在)?区(?:名)?")     # 区, 区名, 行政区, 所在区 (not 区分, not 市区町村名)
# an address that names its municipality (or ward) before the first digit: 中央区1-1, さいたま市西区…, 東京都…
_NAMES_LOCALITY = re.compile(r"^[^0-9]*?(?:[都道府県]|[^0-9]{1,6}?[市区郡])")
WARD_SHARE = 0.9


def _ward_and_address(fields: dict[str, FieldMapping], header: list[str], used: set[int],
                      samples: Sequence[Sequence[Any]]) -> None:
    """A designated city's list with a ward column (区: 西区) and addresses without city or ward (飯田新田189-2, as
    さいたま市 writes them): the address item is taken from both, joined (西区飯田新田189-2), so that the address
    splitter reads the ward (of the publisher's city, or of the file's other addresses).  Only when the values say
    so: the free column holds ward names in nearly every sampled row and the addresses name no locality."""
    target = next((t for t in ("所在地_連結表記", "住所") if t in fields), None)
    if target is None:
        return
    fm = fields[target]
    if fm.index is None or fm.method == "recipe" or fm.pick or fm.sources:
        return
    addresses = _column_texts(samples, fm.index)
    if not addresses or sum(bool(_NAMES_LOCALITY.match(v)) for v in addresses) > (1 - WARD_SHARE) * len(addresses):
        return
    for i in range(len(header)):
        if i in used or i == fm.index or not _WARD_HEADER.fullmatch(canonical_name(header[i]).strip()):
            continue
        wards = _column_texts(samples, i)
        if wards and sum(bool(_WARD_VALUE.fullmatch(v)) for v in wards) >= WARD_SHARE * len(wards) \
                and len(wards) >= WARD_SHARE * len(addresses):
            fields[target] = FieldMapping(target, "combined", min(fm.score, SCORES["synonym"]),
                                          sources=[header[i], fm.source or ""], indexes=[i, fm.index], join="",
                                          reason="区の列と住所の列を続けて住所にしました")
            used.add(i)
            return


def _derive(fields: dict[str, FieldMapping], targets: list[str], header: list[str], used: set[int],
            publisher_code: str | None) -> None:
    pos = {h: i for i, h in reversed(list(enumerate(header)))}
    canon_pos = {canonical_name(h): i for i, h in reversed(list(enumerate(header)))}

    def free(name: str) -> int | None:
        i = pos.get(name)
        if i is None:
            i = canon_pos.get(canonical_name(name))
        return i if i is not None and i not in used else None

    # 地方公共団体名 = 都道府県名 + 市区町村名 (2021 -> 2026)
    if "地方公共団体名" in targets and "地方公共団体名" not in fields:
        ip, ic = free("都道府県名"), free("市区町村名")
        if ip is not None and ic is not None:
            fields["地方公共団体名"] = FieldMapping("地方公共団体名", "combined", 0.9, sources=[header[ip], header[ic]],
                                              indexes=[ip, ic], join="")
            used.update([ip, ic])
        elif publisher_code:
            fields["地方公共団体名"] = FieldMapping("地方公共団体名", "derived", 0.8, derive="localgov-name")
    # 2021 targets from the code
    for t, d in (("都道府県名", "localgov-pref"), ("市区町村名", "localgov-city")):
        if t in targets and t not in fields and publisher_code:
            fields[t] = FieldMapping(t, "derived", 0.8, derive=d)
    # address parts from a one-cell address (every part set of the schema; building items are filled by the
    # pipeline when they have no column of their own)
    af = address_fields(tuple(targets))
    if af.one_cell is not None and af.one_cell in fields:
        for t in af.parts:
            if t not in fields:
                fields[t] = FieldMapping(t, "derived", 0.8, derive="address")
        if af.code is not None and af.code not in fields:
            fields[af.code] = FieldMapping(af.code, "derived", 0.8, derive="address-code")
    elif "所在地_連結表記" in targets:
        parts = [free(p) for p in ADDRESS_PARTS]
        if all(i is not None for i in parts[:2]):
            idx = [i for i in parts if i is not None]
            fields["所在地_連結表記"] = FieldMapping("所在地_連結表記", "combined", 0.85,
                                              sources=[header[i] for i in idx], indexes=idx, join="")
    # 市区町村コード (the 設置主体, 2021/2026 evacuation_space) without a column of its own: the code the file
    # gives for each row (全国地方公共団体コード, the 管理主体, is the same body in municipal lists) rather than
    # the publisher's code for every row
    if "市区町村コード" in targets and "市区町村コード" not in fields:
        for src in ("全国地方公共団体コード", "都道府県コード又は市区町村コード", "所在地_全国地方公共団体コード"):
            fm = fields.get(src)
            if fm is not None and not fm.derive and fm.constant is None and (fm.index is not None or fm.indexes):
                fields["市区町村コード"] = FieldMapping("市区町村コード", "derived", 0.7, derive=f"copy:{src}")
                break
    # codes from the publisher (2021 evacuation_space also has 市区町村コード: the 設置主体)
    for t in ("全国地方公共団体コード", "都道府県コード又は市区町村コード", "市区町村コード"):
        if t in targets and t not in fields and publisher_code:
            fields[t] = FieldMapping(t, "constant", 0.8, constant=publisher_code)


# --- dataset detection ---------------------------------------------------------------------------
# How sure a detection must be to convert without --dataset (``accept_detection``): the confidence of the
# best guess (``DatasetGuess.score``: the header's fit raised by its lead over the best other dataset).
ACCEPT_CONFIDENCE = 0.45
# A lead over the best other dataset smaller than this share of the score is a tie: never accepted.
ACCEPT_MIN_LEAD = 0.03
# An unconfirmed 2026 list is kept for a file naming at least this many of its own items (that the 2021 list lacks)
# and more of them than the 2021 list's own: one or two such names (郵便番号) turn up in city lists of any age.
GENERATION_MIN_NAMES = 3
# Words of a name column's header that are not the kind of thing listed (指定暑熱避難施設の名称 is no 避難所).
_NAME_WORD_EXCLUDE = frozenset({"避難"})
# Values that name the dataset (``_value_hints``): a dataset word (``_keywords``) in at least VALUE_STRONG_SHARE
# of one column's sampled values (and VALUE_STRONG_MIN of them) is strong evidence, as strong as the file name;
# in at least VALUE_WEAK_SHARE (and VALUE_WEAK_MIN values) weak.  A few nurseries among the sites of an AED
# list (10 %) or one value in fifty is nothing.
VALUE_STRONG_SHARE, VALUE_STRONG_MIN, VALUE_STRONG_BONUS = 0.5, 3, 0.15
VALUE_WEAK_SHARE, VALUE_WEAK_MIN, VALUE_WEAK_BONUS = 0.2, 2, 0.05
# Longer values are prose (説明, 備考: "…トイレ、駐車場あり…"): counted, never searched.
VALUE_MAX_CHARS = 64
# Values naming a department (保育・幼稚園課, 観光係) say who answers, not what is listed: counted, never searched.
_DEPARTMENT_ENDINGS = ("課", "係")


@dataclass
class DatasetGuess:
    """One schema's fit to a source header (``detect_dataset``).

    ``score`` is the confidence reported and compared with ``ACCEPT_CONFIDENCE``: ``fit`` raised (or
    lowered) by ``lead``, the relative distance to the best guess for another dataset.  ``fit`` mixes the
    share of the source's columns explained, the share of the schema's items filled (plain and weighted by
    how few datasets have each item), the distinctive evidence (columns only this dataset or few others
    have) and the hints (file, sheet or title words; a name column such as 避難所名称; a dataset word in the
    values of one column).
    """

    schema_id: str
    score: float
    coverage: float
    reasons: list[str]
    fit: float = 0.0
    lead: float = 0.0
    explained: float = 0.0                                    # share of the non-blank source columns matched
    evidence: float = 0.0                                     # distinctive evidence (sum of column weights)
    distinctive: list[str] = field(default_factory=list)      # items matched that at most two datasets have
    accepted: bool = False
    decision: str = ""                                        # why accepted or not (Japanese, for the report)


@lru_cache(maxsize=1)
def _item_weights() -> dict[str, float]:
    """Weight of an item name for dataset detection: 1 / (number of datasets having it), a dataset being
    both generations of one standard.

    Generic items (全国地方公共団体コード, 名称, 緯度 …) say little about which dataset a file is;
    口径 or 災害種別_津波 say a lot.
    """
    count: dict[str, set[str]] = {}
    for sid in schemas.available_ids():
        for f in schemas.load(sid)["fields"]:
            count.setdefault(f["name"], set()).add(_dataset_of(sid))
    return {n: 1.0 / len(v) for n, v in count.items()}


def _dataset_of(schema_id: str) -> str:
    return schema_id.split("/", 1)[1]


def _keywords(schema_id: str) -> tuple[str, ...]:
    s = schemas.load(schema_id)
    name = s["x-opendata"].get("nameJa", "").replace("一覧", "")
    return tuple(k for k in (*DATASET_KEYWORDS.get(_dataset_of(schema_id), ()), name) if k)


@cache
def _value_words() -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """The dataset words looked for in values, as one pattern (longest first), and each word's datasets.

    The Japanese words of ``_keywords`` and the ASCII ones written as names (AED, Wi-Fi, WiFi); not romaji or
    slugs (kanko, event, shisetsu, toilet), which turn up in URLs and English prose, and not bare 避難
    (避難経路, 指定暑熱避難施設).  ASCII words match case-insensitively as whole words.
    """
    owners: dict[str, set[str]] = {}
    for sid in schemas.available_ids():
        for k in _keywords(sid):
            k = unicodedata.normalize("NFKC", k)
            if k in _NAME_WORD_EXCLUDE or (k.isascii() and not any(c.isupper() for c in k)):
                continue
            owners.setdefault(k.lower(), set()).add(_dataset_of(sid))
    alts = [(rf"(?<![0-9a-z]){re.escape(w)}(?![0-9a-z])" if w.isascii() else re.escape(w))
            for w in sorted(owners, key=lambda w: (-len(w), w))]
    return re.compile("|".join(alts), re.IGNORECASE), {w: frozenset(d) for w, d in owners.items()}


@dataclass(frozen=True)
class _ValueHint:
    bonus: float
    reason: str                  # Japanese, for the reasons list


def _value_hints(header: Sequence[str], values: Sequence[Sequence[Any]] | None) -> dict[str, _ValueHint]:
    """Per dataset, the evidence of the sampled values (``detect_dataset``'s ``values``): the column where a
    word of that dataset is in the largest share of the non-empty values (清水公民館 AED @… in every row of
    今治市's title column: AED).  Values longer than VALUE_MAX_CHARS, URLs and department names (…課, …係)
    count as values without the word.
    """
    if not values:
        return {}
    pat, owners = _value_words()
    best: dict[str, tuple[float, int, int, int, str]] = {}        # dataset -> (share, hits, n, column, word)
    for j in range(len(header)):
        n = 0
        hits: Counter[str] = Counter()                            # dataset -> values holding one of its words
        words: dict[str, Counter[str]] = {}                       # dataset -> its words found
        seen: dict[str, dict[str, str]] = {}                      # value -> {dataset: first word} (repeats)
        for row in values:
            v = row[j] if j < len(row) else None
            if v is None or v == "" or (isinstance(v, str) and not v.strip()):
                continue
            n += 1
            if not isinstance(v, str):
                continue
            found = seen.get(v)
            if found is None:
                t = unicodedata.normalize("NFKC", v).strip()
                found = {}
                if len(t) <= VALUE_MAX_CHARS and not t.endswith(_DEPARTMENT_ENDINGS) \
                        and not t.lower().startswith(("http://", "https://", "www.")):
                    for m in pat.finditer(t):
                        w = m.group(0).lower()
                        for d in owners.get(w, ()):
                            found.setdefault(d, m.group(0))
                seen[v] = found
            for d, w in found.items():
                hits[d] += 1
                words.setdefault(d, Counter())[w] += 1
        for d, h in hits.items():
            cand = (h / n, h, n, j, words[d].most_common(1)[0][0])
            if d not in best or cand[:2] > best[d][:2]:
                best[d] = cand
    out: dict[str, _ValueHint] = {}
    for d, (share, h, n, j, word) in best.items():
        col = header[j].strip() or f"{j + 1}列目"
        if share >= VALUE_STRONG_SHARE and h >= VALUE_STRONG_MIN:
            out[d] = _ValueHint(VALUE_STRONG_BONUS, f"値に「{word}」（列「{col}」の{n}件中{h}件）")
        elif share >= VALUE_WEAK_SHARE and h >= VALUE_WEAK_MIN:
            out[d] = _ValueHint(VALUE_WEAK_BONUS, f"一部の値に「{word}」（列「{col}」の{n}件中{h}件）")
    return out


def _assign(cands: list[list[tuple[str, str, float]]]) -> dict[int, tuple[str, float]]:
    """Each column to its best item, best scores first (as ``_match``): column index -> (item, score)."""
    pairs = sorted(((sc, i, t) for i, cs in enumerate(cands) for t, _, sc in cs), key=lambda x: (-x[0], x[1]))
    taken: set[str] = set()
    out: dict[int, tuple[str, float]] = {}
    for sc, i, t in pairs:
        if t in taken or i in out:
            continue
        taken.add(t)
        out[i] = (t, sc)
    return out


def detect_dataset(header: list[str], *, hints: list[str] | None = None, only: list[str] | None = None,
                   values: Sequence[Sequence[Any]] | None = None, headerless: bool = False) -> list[DatasetGuess]:
    """Rank schemas for a source header, best fit first; ``hints`` are the file name, sheet name and title rows,
    ``values`` the first data rows the reader holds (aligned with ``header``; ``readers.base.sample_values``).

    A column's weight is 1 / (number of datasets where it matches an item): 施設名, 住所, 緯度 match in every
    dataset and weigh little; 収容可能人員（屋内） or 病床数 match in one and weigh 1.  An item matched only
    through a generic column (…名称 taken for 介護サービス事業所名称) weighs as that column.  ``fit`` =
    0.3 × share of the source's columns explained + 0.2 × share of the schema's items filled + 0.2 × the same
    weighted by item weight + 0.3 × distinctive evidence (the matched columns' weights, 2 = full), + 0.15 when
    the file, sheet or title names the dataset (AED, 避難所, 観光 …) + 0.1 when the name column does
    (避難所名称, 観光スポット名称) + 0.15 when most values of one column do (AED @清水公民館 …), 0.05 when
    a fifth of them do (``_value_hints``).  ``score`` (the confidence) adds the lead over the best other
    dataset; ``accepted`` says whether it may be converted without being told (``accept_detection``).

    ``headerless``: the table has no header row (columns named by their letters): each column counts by the item
    its values name (``converters.value_mapping``, at that guess's score: 0.8 at most), every column with values
    counts as a source column, and a column whose values name nothing explains nothing.
    """
    all_ids = schemas.available_ids()
    ids = only or all_ids
    text = " ".join(hints or [])
    weights = _item_weights()
    by_values = _value_hints(header, values)
    if headerless:
        from converters.value_mapping import match_values, value_columns

        cols = value_columns(values, header)
        nonblank = [header[j] for j in cols.filled]
        cands = {}
        for sid in dict.fromkeys([*ids, *all_ids]):
            vm = match_values(cols, sid)
            cands[sid] = [[(vm.items[j][0], "value", vm.items[j][1].score)] if j in vm.items else []
                          for j in cols.filled]
    else:
        nonblank = [h for h in header if h.strip()]
        cands = {sid: [candidates(h, sid) for h in nonblank] for sid in dict.fromkeys([*ids, *all_ids])}
    col_w: list[float] = []
    for i in range(len(nonblank)):
        where = {_dataset_of(sid) for sid in all_ids if cands[sid][i]}
        col_w.append(1.0 / len(where) if where else 1.0)
    out: list[DatasetGuess] = []
    raw: dict[str, float] = {}
    for_dataset: dict[str, float] = {}
    assigned: dict[str, dict[int, tuple[str, float]]] = {}

    def assign(sid: str) -> dict[int, tuple[str, float]]:
        if sid not in assigned:
            assigned[sid] = _assign(cands[sid])
        return assigned[sid]

    for sid in ids:
        s = schemas.load(sid)
        names = [f["name"] for f in s["fields"]]
        got = assign(sid)
        matched = sum(sc for _, sc in got.values())
        contrib = {i: (t, sc, min(weights.get(t, 1.0), col_w[i])) for i, (t, sc) in got.items()}
        evidence = sum(sc * w for _, sc, w in contrib.values())
        # a column this schema has no item for but the dataset's other generation has, as an item of that dataset
        # alone or of few (2021 公共施設一覧's 名称_通称, POIコード in a 2026 file): evidence for the dataset against other
        # datasets (the lead), never for this generation against the other (the ranking, the fit)
        sibling: dict[int, tuple[str, float, float]] = {}
        for sib in all_ids:
            if sib == sid or _dataset_of(sib) != _dataset_of(sid):
                continue
            for i, (t, sc) in assign(sib).items():
                w = min(weights.get(t, 1.0), col_w[i])
                if i not in got and i not in sibling and t not in names and w >= 0.5 and sc >= 0.85:
                    sibling[i] = (t, sc, w)
        total_w = sum(weights.get(n, 1.0) for n in names) or 1.0
        nf = len(names)
        coverage = matched / nf if nf else 0.0
        explained = matched / len(nonblank) if nonblank else 0.0
        fit = 0.3 * explained + 0.2 * coverage + 0.2 * evidence / total_w + 0.3 * min(1.0, evidence / 2.0)
        ds_fit = fit
        if sibling:
            ev_ds = evidence + sum(sc * w for _, sc, w in sibling.values())
            ex_ds = (matched + sum(sc for _, sc, _ in sibling.values())) / len(nonblank)
            ds_fit = 0.3 * ex_ds + 0.2 * coverage + 0.2 * ev_ds / total_w + 0.3 * min(1.0, ev_ds / 2.0)
        hinted = fit
        n_good = sum(sc >= 0.9 for _, sc in got.values())
        reasons = [f"項目一致 {n_good}/{nf}", f"列の説明 {len(got)}/{len(nonblank)}"]
        distinctive = [t for _, (t, sc, w) in sorted(contrib.items()) if w >= 0.5 and sc >= 0.85]
        if distinctive:
            reasons.append("特有の項目" + "".join(f"「{t}」" for t in distinctive[:4]))
        if sibling:
            reasons.append("別の世代の特有の項目" + "".join(f"「{t}」" for _, (t, _, _) in sorted(sibling.items())[:4]))
        kws = _keywords(sid)
        if text and ((s["x-opendata"].get("slug") or _dataset_of(sid)) in text or any(k in text for k in kws)):
            fit += 0.15
            reasons.append("ファイル名・表題")
        name_cols = [nonblank[i] for i, (t, _) in got.items()
                     if (t == "名称" or t.endswith("名称")) and "_" not in t and nonblank[i] != t]
        # a print-style header spaces its letters out (診　療　所　名): the word is read without the spaces
        word = next((k for h in name_cols for k in kws
                     if k not in _NAME_WORD_EXCLUDE and k in re.sub(r"[\s\u3000]+", "", h)), None)
        if word:
            fit += 0.1
            reasons.append(f"名称の列「{word}」")
        vh = by_values.get(_dataset_of(sid))
        if vh is not None:
            fit += vh.bonus
            reasons.append(vh.reason)
        raw[sid] = fit                 # ranks: two guesses capped at 1.0 stay apart (16/16 items beat 9/11)
        for_dataset[sid] = min(ds_fit + (fit - hinted), 1.0)
        fit = min(fit, 1.0)
        out.append(DatasetGuess(sid, 0.0, round(coverage, 3), reasons, fit=fit, explained=round(explained, 3),
                                evidence=round(evidence, 3), distinctive=distinctive))
    out.sort(key=lambda g: (-raw[g.schema_id], g.schema_id))
    by_ds = sorted(out, key=lambda g: (-for_dataset[g.schema_id], -raw[g.schema_id], g.schema_id))
    for g in out:
        # the lead: the dataset as a whole (this generation's fit, with the other generation's items it lacks)
        # against the best other dataset as a whole
        other = next((o for o in by_ds if _dataset_of(o.schema_id) != _dataset_of(g.schema_id)), None)
        mine = for_dataset[g.schema_id]
        g.lead = round((mine - for_dataset[other.schema_id]) / mine, 3) if mine and other else (1.0 if mine else 0.0)
        # the lead raises a middling fit most, never takes the confidence to 1 nor below fit²
        g.score = round(g.fit + max(-1.0, min(g.lead, 0.5)) * g.fit * (1.0 - g.fit), 3)
        g.fit = round(g.fit, 3)
        g.accepted, g.decision = _decide(g, other.schema_id if other else None)
        g.reasons.append(g.decision)
    return out


def _decide(g: DatasetGuess, other: str | None) -> tuple[bool, str]:
    vs = f"次点 {other} との差 {max(g.lead, 0.0):.0%}" if other else "他の候補なし"
    if g.lead < ACCEPT_MIN_LEAD:
        return False, f"確信度 {g.score:.0%}、{vs}: 僅差のため自動では選びません"
    if g.score < ACCEPT_CONFIDENCE:
        return False, f"確信度 {g.score:.0%}、{vs}: 基準 {ACCEPT_CONFIDENCE:.0%} 未満"
    return True, f"確信度 {g.score:.0%}、{vs}"


def accept_detection(guesses: list[DatasetGuess] | DatasetGuess | None) -> tuple[str | None, str]:
    """The dataset to convert to without being told, or None, with the reason (Japanese).

    Takes ``detect_dataset``'s list (its first guess decides) or one guess (``best_dataset``'s).  A guess is
    taken when its confidence reaches ``ACCEPT_CONFIDENCE`` and it leads the best other dataset by at least
    ``ACCEPT_MIN_LEAD`` of its score.
    """
    g = guesses[0] if isinstance(guesses, list) and guesses else guesses
    if not isinstance(g, DatasetGuess):
        return None, "候補なし"
    return (g.schema_id if g.accepted else None), g.decision


def best_dataset(header: list[str], *, hints: list[str] | None = None,
                 values: Sequence[Sequence[Any]] | None = None, headerless: bool = False) -> DatasetGuess | None:
    """The best guess, with the generation chosen by ``prefer_generation`` (not by header likeness)."""
    guesses = detect_dataset(header, hints=hints, values=values, headerless=headerless)
    if not guesses or guesses[0].fit < 0.25:
        return None
    g = guesses[0]
    sid = prefer_generation(g.schema_id)
    if sid != g.schema_id:
        return replace(g, schema_id=sid, reasons=[*g.reasons, f"{g.schema_id} から2026年版へ"])
    if sid.startswith("2026/") and schemas.load(sid)["x-opendata"].get("confidence") not in ("high", "medium"):
        older = f"2021/{_dataset_of(sid)}"
        if older in schemas.available_ids():
            # the unconfirmed 2026 list is kept only for a file written in it: a header that names more of the items
            # only the 2026 list has than of those only the 2021 list has (板橋区's 公共施設一覧: 所在地_町字,
            # 所在地_番地以下, 町字ID … against 名称_通称, POIコード …), and fits it as well (both fits reach 1.0 with the
            # file name and the values as hints: the names decide then)
            g21 = next((o for o in guesses if o.schema_id == older), None)
            n26, n21 = _generation_names(header, sid, older)
            if g21 is not None and n26 > n21 and n26 >= GENERATION_MIN_NAMES and g.fit >= g21.fit:
                return replace(g, reasons=[*g.reasons, f"2026年版の列構成は未確定だが、2026年版だけの項目名が{n26}列"
                                                       f"（2021年版だけの項目名は{n21}列）"])
            return replace(g, schema_id=older, reasons=[*g.reasons, "2026年版の列構成が未確定のため2021年版"])
    return g


def _generation_names(header: list[str], newer: str, older: str) -> tuple[int, int]:
    """How many columns of ``header`` are named (after ``canonical_name``) as an item that only ``newer`` has, and
    as one that only ``older`` has."""
    n_new = {canonical_name(f["name"]) for f in schemas.load(newer)["fields"]}
    n_old = {canonical_name(f["name"]) for f in schemas.load(older)["fields"]}
    cols = {canonical_name(h) for h in header if h.strip()}
    return len(cols & (n_new - n_old)), len(cols & (n_old - n_new))


def prefer_generation(schema_id: str) -> str:
    """A 2021 target is upgraded to 2026 when that generation's column list is confirmed (high/medium)."""
    gen, slug = schema_id.split("/", 1)
    if gen == "2026":
        return schema_id
    newer = f"2026/{slug}"
    if newer in schemas.available_ids() and schemas.load(newer)["x-opendata"].get("confidence") in ("high", "medium"):
        return newer
    return schema_id


def _dataset_names() -> dict[str, list[str]]:
    """Every name a user may give a standard dataset (the slug or id tail, the Japanese title with and without
    一覧; NFKC, lower case) and the datasets it names, in id order."""
    out: dict[str, list[str]] = {}
    for sid in schemas.available_ids():
        x = schemas.load(sid)["x-opendata"]
        ja = unicodedata.normalize("NFKC", x.get("nameJa") or "")
        names = {sid.split("/", 1)[1], str(x.get("slug") or ""), ja, ja[:-2] if ja.endswith("一覧") else ""}
        for v in names:
            if v:
                out.setdefault(v.lower(), []).append(sid)
    return out


def schema_ids_named(name: str) -> list[str]:
    """The standard datasets a user's name means (any generation), in any width or case (ＡＥＤ, AED, 公衆トイレ)."""
    return list(_dataset_names().get(unicodedata.normalize("NFKC", name).strip().lower(), []))


def suggest_datasets(name: str, n: int = 3) -> list[str]:
    """Standard datasets whose names are close to an unknown one (避難所 → 2021/evacuation_space …), for the message."""
    typed = unicodedata.normalize("NFKC", name).strip().lower()
    by_name = _dataset_names()

    def shared(v: str) -> int:       # the longest run of characters both names have (避難 of 避難所 / 避難場所)
        return difflib.SequenceMatcher(None, typed, v).find_longest_match(0, len(typed), 0, len(v)).size

    scored = sorted(((difflib.SequenceMatcher(None, typed, v).ratio(), v) for v in by_name), reverse=True)
    out: list[str] = []
    for r, v in scored:
        if r >= 0.5 or (not typed.isascii() and shared(v) >= 2):
            out.extend(sid for sid in by_name[v] if sid not in out)
    return out[:n]


def resolve_schema_id(name: str, header: list[str] | None = None) -> str | None:
    """A target dataset given by a user: '2026/public_toilet', 'public_toilet@2021', 'aed', '公衆トイレ一覧'.

    A bare name picks the generation by ``prefer_generation`` (the 2026 list when confirmed).
    """
    ids = schemas.available_ids()
    n = name.strip()
    if n in ids:
        return n
    # what a clerk types: full-width or capital letters (ＡＥＤ, AED), the title without 一覧 (公衆トイレ)
    n = unicodedata.normalize("NFKC", n).strip()
    m = re.match(r"^(.+?)[@:](2021|2026)$", n)
    gen = None
    if m:
        n, gen = m.group(1), m.group(2)
    if n.lower() in ids:
        return n.lower()
    matches = schema_ids_named(n)
    if gen:
        matches = [sid for sid in matches if sid.startswith(gen + "/")]
    if not matches:
        return None
    if len(matches) == 1:
        return matches[0]
    older = sorted(matches)[0]
    return prefer_generation(older)

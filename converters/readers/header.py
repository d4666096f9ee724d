"""Find and name the header rows of a table on a plain 2-D grid of values.

A header row is mostly non-empty, mostly text (not numbers or dates), about as wide as the rows
below it, and followed by data.  Multi-row headers are found from merged cells (a parent merged over
its children, or merged down over several rows) or, without merge information, from a parent row
whose gaps are filled by a child row of text.  Names of a multi-row header are joined 親_子.

Everything works on 0-based grid coordinates; callers convert to 1-based for people.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from .base import CellValue, ReadNote
from .cells import (
    BOOL,
    DATE,
    EMPTY,
    NUMBER,
    SPACES,
    TEXT,
    column_letter,
    is_blank_row,
    is_note_row,
    is_note_text,
    kind,
    text_of,
)

Grid = Sequence[Sequence[CellValue]]
# A row read as a record, not a header (``HeaderFinder.record_values``): at least RECORD_MIN_VALUES cells whose
# kind a column name never has (postcode, phone, address, code, coordinate, date …; converters.jp.values), each
# of a kind the rows below repeat in the same column, no cell that reads as a column name, and values (not
# free text) in at least half of the non-empty cells unless RECORD_SURE_VALUES such cells are found.
RECORD_MIN_VALUES, RECORD_SURE_VALUES, RECORD_BELOW = 2, 3, 20
_CODE_KINDS = frozenset({"code", "localgov-code", "corporate-number"})
# header cells that are data values, never names: a phone number, a postcode, a code or number of 5+ digits, a
# decimal coordinate or an e-mail address (after NFKC).  Not a URL: vocabulary IRIs are headers
# (https://schema.org/name).
_DATA_VALUE = re.compile(r"0\d{1,4}-\d{1,4}-\d{3,4}|\d{3}-\d{4}|\d{5,}|-?\d{1,3}\.\d{4,}|[\w.+-]+@[\w-]+\.[\w.]+")
LOOKAHEAD = 10
MAX_HEADER_ROWS = 4


@dataclass(frozen=True)
class Merge:
    """A merged range, 0-based and inclusive."""

    r0: int
    c0: int
    r1: int
    c1: int

    @property
    def ref(self) -> str:
        return f"{column_letter(self.c0)}{self.r0 + 1}:{column_letter(self.c1)}{self.r1 + 1}"


@dataclass
class HeaderGuess:
    first: int                 # first header row (0-based)
    last: int                  # last header row (0-based)
    names: list[str]           # one per column c0..c1
    notes: list[ReadNote] = field(default_factory=list)


def cell(grid: Grid, r: int, c: int) -> CellValue:
    row = grid[r]
    return row[c] if c < len(row) else ""


def row_slice(grid: Grid, r: int, c0: int, c1: int) -> list[CellValue]:
    row = grid[r]
    out = list(row[c0:c1 + 1])
    if len(out) < c1 - c0 + 1:
        out.extend([""] * (c1 - c0 + 1 - len(out)))
    return out


def _is_sequence_like(values: list[CellValue]) -> bool:
    """Years (2019, 2020 …) or dates in increasing order across a row read as column names."""
    keys: list[float] = []
    for v in values:
        if isinstance(v, dt.datetime):
            keys.append(v.timestamp())
        elif isinstance(v, dt.date):
            keys.append(float(v.toordinal()))
        elif _year_like(v):
            keys.append(float(v))  # type: ignore[arg-type]
        else:
            return False
    return len(keys) >= 2 and all(a < b for a, b in itertools.pairwise(keys))


def _year_like(v: CellValue) -> bool:
    if isinstance(v, int | float) and not isinstance(v, bool):
        return 1900 <= v <= 2100 and float(v).is_integer()
    if isinstance(v, str):
        s = v.strip()
        return s.isdigit() and len(s) == 4 and 1900 <= int(s) <= 2100
    return False


def text_share(cells: list[CellValue], ks: list[str] | None = None) -> tuple[int, int]:
    """(non-empty cells, text-like cells) of a row."""
    if ks is None:
        ks = [kind(v) for v in cells]
    n = sum(1 for k in ks if k != EMPTY)
    t = ks.count(TEXT)
    others = [v for v, k in zip(cells, ks, strict=False) if k in (NUMBER, DATE, BOOL)]
    if len(others) >= 2 and _is_sequence_like(others):
        t += len(others)
    return n, t


class HeaderFinder:
    """Header detection over one column band (c0..c1) of a grid; rows are looked at lazily."""

    def __init__(self, grid: Grid, c0: int, c1: int, merges: Sequence[Merge] = (), r_end: int | None = None):
        self.grid = grid
        self.c0, self.c1 = c0, c1
        self.r_end = len(grid) - 1 if r_end is None else r_end
        self.merges = [m for m in merges if m.c1 >= c0 and m.c0 <= c1]
        self._kinds: dict[int, list[str]] = {}
        self._blank: dict[int, bool] = {}
        self._header_like: dict[int, bool] = {}
        self._by_row: dict[int, list[Merge]] | None = None

    # -- row facts -------------------------------------------------------------------------
    def cells(self, r: int) -> list[CellValue]:
        return row_slice(self.grid, r, self.c0, self.c1)

    def kinds(self, r: int) -> list[str]:
        """The kind of every cell of row ``r`` (cached: the look-ahead windows of rows overlap)."""
        ks = self._kinds.get(r)
        if ks is None:
            ks = self._kinds[r] = [kind(v) for v in self.cells(r)]
        return ks

    def count(self, r: int) -> int:
        return len(self.kinds(r)) - self.kinds(r).count(EMPTY)

    def blank(self, r: int) -> bool:
        hit = self._blank.get(r)
        if hit is None:
            ks = self._kinds.get(r)
            hit = ks.count(EMPTY) == len(ks) if ks is not None else is_blank_row(self.cells(r))
            self._blank[r] = hit
        return hit

    def _next_rows(self, r: int, n: int) -> list[int]:
        out: list[int] = []
        i = r + 1
        while i <= self.r_end and len(out) < n:
            if not self.blank(i):
                out.append(i)
            i += 1
        return out

    def _occupied_width(self, r: int) -> int:
        lo, hi = None, None
        for i in [r, *self._next_rows(r, LOOKAHEAD)]:
            used = [j for j, k in enumerate(self.kinds(i)) if k != EMPTY]
            if used:
                lo = used[0] if lo is None else min(lo, used[0])
                hi = used[-1] if hi is None else max(hi, used[-1])
        return 0 if lo is None or hi is None else hi - lo + 1

    def header_like(self, r: int) -> bool:
        hit = self._header_like.get(r)
        if hit is None:
            hit = self._header_like[r] = self._header_like_uncached(r)
        return hit

    def _header_like_uncached(self, r: int) -> bool:
        n, t = text_share(self.cells(r), self.kinds(r))   # this row's own facts first: they are cheap
        if n == 0 or t < 0.7 * n:
            return False
        width = self._occupied_width(r)
        if width >= 2 and n < 2:
            return False
        nxt = self._next_rows(r, LOOKAHEAD)
        maxn = max((self.count(i) for i in nxt), default=n)
        if n >= 0.5 * width and n >= 0.7 * maxn:
            return True
        # a header whose parents are merged over their children's columns (人口 over 男/女/合計) is as wide as the
        # data under it, though fewer of its cells hold a value
        if self.merges and n >= 0.5 * width and n + self._merged_span(r) >= 0.7 * maxn:
            return True
        # a parent row with gaps over its child row, without merges (地区 | 人口 | | | 世帯数 over | 男 | 女 | 計 |, as a
        # CSV export writes it): the two rows together
        if n >= 2 and r + 1 <= self.r_end and self._continuation(r, r + 1):
            both = sum(1 for a, b in zip(self.cells(r), self.cells(r + 1), strict=False)
                       if kind(a) != EMPTY or kind(b) != EMPTY)
            return both >= 0.7 * maxn
        return False

    # -- merges ----------------------------------------------------------------------------
    def merges_at_row(self, r: int) -> list[Merge]:
        by_row = self._by_row
        if by_row is None:
            by_row = self._by_row = {}
            for m in self.merges:
                by_row.setdefault(m.r0, []).append(m)
        return by_row.get(r, [])

    def _merged_span(self, r: int) -> int:
        """Cells of row ``r`` covered by horizontal merges anchored in it (a parent name over its children's
        columns): they are part of the row's names, though empty in the grid."""
        n = 0
        for m in self.merges_at_row(r):
            if m.c1 > m.c0:
                n += min(m.c1, self.c1) - max(m.c0, self.c0)
        return n

    # -- extent ------------------------------------------------------------------------------
    def _continuation(self, upper: int, lower: int) -> bool:
        """Is row ``lower`` a child header row of ``upper`` (without merge information)?"""
        if lower > self.r_end or self.blank(lower):
            return False
        up, lo = self.cells(upper), self.cells(lower)
        klo = [kind(v) for v in lo]
        if any(k in (NUMBER, DATE, BOOL) for k in klo):
            return False
        kup = [kind(v) for v in up]
        fills_gap = any(a == EMPTY and b != EMPTY for a, b in zip(kup, klo, strict=False))
        leaves_gap = any(a != EMPTY and b == EMPTY for a, b in zip(kup, klo, strict=False))
        if fills_gap and leaves_gap:
            return True
        # a parent name spelled out one letter per cell over its children (病 | 床 | 数 over 一般 | 療養 | 計): the
        # lower row names columns under such runs only, and under each of them
        runs = spelled_out_runs([clean_header(_header_text(v)) for v in up])
        under = [j for j, k in enumerate(klo) if k != EMPTY]
        return bool(runs) and bool(under) and all(any(a <= j <= b for a, b, _ in runs) for j in under) \
            and all(any(klo[j] != EMPTY for j in range(a, b + 1)) for a, b, _ in runs)

    def extent(self, h: int) -> tuple[int, int]:
        """First and last header row around the header-like row ``h``."""
        last = h
        for _ in range(MAX_HEADER_ROWS - 1):
            nxt = last
            for m in self.merges_at_row(last):
                if m.r1 > last and m.c0 >= self.c0:
                    nxt = max(nxt, min(m.r1, last + MAX_HEADER_ROWS - 1))
                if m.c1 > m.c0 and m.r1 == last and last + 1 <= self.r_end:
                    below = [kind(cell(self.grid, last + 1, c)) for c in range(m.c0, m.c1 + 1)]
                    if any(k == TEXT for k in below) and not any(k in (NUMBER, DATE) for k in below) \
                            and self._below_names_free(last, last + 1):
                        nxt = max(nxt, last + 1)
            if nxt == last and (self._continuation(last, last + 1) or self._unit_row(last + 1)):
                nxt = last + 1
            if nxt == last or nxt - h + 1 > MAX_HEADER_ROWS:
                break
            last = nxt
        first = h
        while first - 1 >= 0 and first - h > -(MAX_HEADER_ROWS - 1) and self._parent_row(first - 1, first):
            first -= 1
        return first, last

    def _below_names_free(self, upper: int, lower: int) -> bool:
        """Outside the parents merged across ``upper``, a child header row leaves the cells under the header's
        own names empty (they are leaf names, or merged down).  A first record under a header whose first name
        is merged over two columns (``二次保健医療圏`` over A:B, the region written in A4 and merged down, the
        hospital's name, address and phone in C4:G4) fills them: it is data, not a second header row."""
        spans = [m for m in self.merges_at_row(upper) if m.c1 > m.c0]
        named = filled = 0
        for j, (a, b) in enumerate(zip(self.kinds(upper), self.kinds(lower), strict=False)):
            if a == EMPTY or any(m.c0 <= self.c0 + j <= m.c1 for m in spans):
                continue
            named += 1
            filled += b != EMPTY
        return named < 2 or 2 * filled <= named

    def _unit_row(self, r: int) -> bool:
        """A row of units under the header: （人）, (円), ［㎡］, 単位：千円 …"""
        if r > self.r_end or self.blank(r):
            return False
        texts = [text_of(v) for v in self.cells(r) if kind(v) != EMPTY]
        return bool(texts) and all(is_unit_text(t) for t in texts)

    def _parent_row(self, upper: int, lower: int) -> bool:
        """Is ``upper`` a parent header row above the header row ``lower``?"""
        if self.blank(upper):
            return False
        up = self.cells(upper)
        n, t = text_share(up)
        if n == 0 or t < n or any(is_note_text(text_of(v)) for v in up if kind(v) != EMPTY):
            return False
        partial = [m for m in self.merges_at_row(upper)
                   if m.c1 > m.c0 and m.r1 < lower and not (m.c0 <= self.c0 and m.c1 >= self.c1)]
        if partial and (n >= 2 or any(m.c0 > self._first_used(lower) for m in partial)):
            return True
        return n >= 2 and self._continuation(upper, lower)

    def _first_used(self, r: int) -> int:
        for j, v in enumerate(self.cells(r)):
            if kind(v) != EMPTY:
                return self.c0 + j
        return self.c0

    def followed_by_data(self, last_header: int) -> bool:
        """The next row is data: adjacent (or after one blank row that is not followed by a header)."""
        nxt = self._next_rows(last_header, 1)
        if not nxt or nxt[0] - last_header > 2:
            return False
        if is_note_row(self.cells(nxt[0])):
            return False
        # a caption line, a blank row, then a wider header: the caption is not the header
        return not (nxt[0] - last_header == 2 and self.count(nxt[0]) > self.count(last_header)
                    and self.header_like(nxt[0]) and self._next_rows(nxt[0], 1))

    # -- names -------------------------------------------------------------------------------
    def names(self, first: int, last: int) -> HeaderGuess:
        width = self.c1 - self.c0 + 1
        raw = [[_header_text(v) for v in self.cells(r)] for r in range(first, last + 1)]
        rows = [[clean_header(v) for v in rr] for rr in raw]
        notes: list[ReadNote] = []
        covered: set[tuple[int, int]] = set()
        merged_parents: list[Merge] = []
        for k, r in enumerate(range(first, last + 1)):
            for m in self.merges_at_row(r):
                for rr in range(m.r0, min(m.r1, last) + 1):
                    for cc in range(max(m.c0, self.c0), min(m.c1, self.c1) + 1):
                        if (rr, cc) != (m.r0, m.c0):
                            covered.add((rr - first, cc - self.c0))
                if m.c1 > m.c0:
                    anchor = rows[k][m.c0 - self.c0] if m.c0 >= self.c0 else ""
                    for cc in range(max(m.c0, self.c0), min(m.c1, self.c1) + 1):
                        rows[k][cc - self.c0] = anchor
                    if anchor and last > r:
                        merged_parents.append(m)
        spelled: list[tuple[int, int, int, str]] = []
        for k in range(len(rows) - 1):
            for a, b, word in spelled_out_runs(rows[k]):
                if all(any(rows[kk][j] for kk in range(k + 1, len(rows))) for j in range(a, b + 1)) \
                        and not any((k, j) in covered for j in range(a, b + 1)):
                    for j in range(a, b + 1):
                        rows[k][j] = word
                    spelled.append((first + k, a, b, word))
        inferred: list[tuple[int, int, str]] = []
        for k in range(len(rows) - 1):
            for j in range(1, width):
                if rows[k][j] or (k, j) in covered:
                    continue
                left = rows[k][j - 1]
                if not left:
                    continue
                has_child = any(rows[kk][j] for kk in range(k + 1, len(rows)))
                left_child = any(rows[kk][j - 1] for kk in range(k + 1, len(rows)))
                if has_child and left_child:
                    rows[k][j] = left
                    inferred.append((first + k, j, left))
        names: list[str] = []
        for j in range(width):
            parts: list[str] = []
            for k in range(len(rows)):
                p = rows[k][j]
                if p and (not parts or parts[-1] != p):
                    parts.append(p)
            name = ""
            for p in parts:   # 親_子; a unit row such as （人） is appended without the underscore
                name = p if not name else (name + p if is_unit_text(p) else f"{name}_{p}")
            names.append(name)
        cleaned = [(first + k, j, raw[k][j], rows[k][j]) for k in range(len(rows)) for j in range(width)
                   if raw[k][j] and (k, j) not in covered and raw[k][j] != rows[k][j]
                   and isinstance(self.cells(first + k)[j], str)]
        if last > first:
            notes.append(_note_header_rows(first, last))
        data_like = [v for v in raw[-1] if _DATA_VALUE.fullmatch(unicodedata.normalize("NFKC", v).strip())]
        if len(data_like) >= 2:
            # a file without a header row: its first record was taken as the header, so it is not data
            shown = "」「".join(data_like[:3])
            notes.append(ReadNote(
                "header-looks-like-data",
                f"{last + 1}行目を見出しとして読みましたが、「{shown}」のようにデータの値（電話番号・郵便番号・番号など）が"
                "並んでいます。見出し行のないファイルかもしれません。この行はデータとして変換していません。"
                "先頭に見出し行を加えるか、見出し行のない表として読むようレシピの read に header_rows: [0, 0] を指定してください",
                f"row {last + 1} was read as the header but holds data values ({', '.join(data_like[:3])}): the file may "
                "have no header row, and this row was not converted as data; add a header row, or set "
                "header_rows: [0, 0] in the recipe's read section to read the table without one",
                row=last + 1, value=data_like[0]))
        for m in merged_parents:
            notes.append(ReadNote(
                "merged-header",
                f"結合された見出し「{text_of(cell(self.grid, m.r0, m.c0))}」（{m.ref}）を下の見出しとつなぎました"
                f"（例: {names[max(m.c0, self.c0) - self.c0]}）",
                f"merged header {text_of(cell(self.grid, m.r0, m.c0))!r} ({m.ref}) joined with the header cells below "
                f"(e.g. {names[max(m.c0, self.c0) - self.c0]!r})",
                row=m.r0 + 1, column=m.c0 + 1, value=m.ref))
        for r, a, b, word in spelled:
            letters = "」「".join(raw[r - first][a:b + 1])
            notes.append(ReadNote(
                "spelled-out-header",
                f"{column_letter(self.c0 + a)}{r + 1}:{column_letter(self.c0 + b)}{r + 1}の「{letters}」は1文字ずつ"
                f"分けて書かれた見出しとみなし、「{word}」として下の見出しとつなぎました（例: {names[a]}）",
                f"{column_letter(self.c0 + a)}{r + 1}:{column_letter(self.c0 + b)}{r + 1} spell out one header "
                f"letter by letter: read as {word!r} and joined with the header cells below (e.g. {names[a]!r})",
                row=r + 1, column=self.c0 + a + 1, value=word))
        for r, j, parent in inferred:
            notes.append(ReadNote(
                "merged-header",
                f"{column_letter(self.c0 + j)}{r + 1}は空欄のため、左の見出し「{parent}」が続いているとみなしました（{names[j]}）",
                f"{column_letter(self.c0 + j)}{r + 1} is empty: the header {parent!r} on its left was taken to span it "
                f"({names[j]!r})",
                row=r + 1, column=self.c0 + j + 1, value=names[j]))
        for r, j, before, after in cleaned:
            notes.append(ReadNote(
                "header-cleaned",
                f"{column_letter(self.c0 + j)}{r + 1}の見出しの改行・前後の空白を除きました（「{before}」→「{after}」）",
                f"removed line breaks / surrounding spaces from header cell {column_letter(self.c0 + j)}{r + 1} "
                f"({before!r} -> {after!r})",
                row=r + 1, column=self.c0 + j + 1, value=before))
        return HeaderGuess(first, last, names, notes)

    # -- a record where a header was expected ------------------------------------------------------
    def record_values(self, r: int) -> list[str] | None:
        """When row ``r`` reads as the first record of a table without a header row, the values that say so
        (the cells of a kind no column name has, that the rows below repeat: 1210017, 260-0856,
        043-222-7171); None when it may be a header.

        Years, months or ``No.`` are column names; so is any cell known as an item name, alias or synonym or
        shaped like one (…名称, …番号, …コード, 緯度 …, ``looks_like_column_name``): one such cell keeps the row a
        header.  A cell counts only if at least half of the values under it in the next RECORD_BELOW rows are of
        the same kind (a code: of the same length too), and bare numbers of 5+ digits count once (a header of
        codes over counts of as many digits, 13101 13102 over populations, stays a header).  Increasing dates
        across the row are column names.  A file of one record needs RECORD_SURE_VALUES such cells.
        """
        from converters.jp.values import CODE, DATA_KINDS, TEXT, nfkc, same_kind, value_kind

        cells = self.cells(r)
        texts = [nfkc(v) for v in cells]
        filled = [j for j, t in enumerate(texts) if t]
        if len(filled) < RECORD_MIN_VALUES:
            return None
        if any(looks_like_column_name(texts[j]) for j in filled if isinstance(cells[j], str)):
            return None
        kinds = {j: value_kind(cells[j]) for j in filled}
        data = [j for j in filled if kinds[j] in DATA_KINDS]
        if len(data) < RECORD_MIN_VALUES:
            return None
        dated = [cells[j] for j in filled if kind(cells[j]) in (NUMBER, DATE)]
        if len(dated) >= 3 and _is_sequence_like(dated):
            return None                                  # 2023/4/1, 2024/4/1, 2025/4/1: columns by date
        below = self._next_rows(r, RECORD_BELOW)

        def repeated(j: int) -> bool:
            k = kinds[j]
            vals = [v for v in (cell(self.grid, i, self.c0 + j) for i in below) if nfkc(v)]
            same = [v for v in vals if same_kind(value_kind(v), k)]
            if k == CODE:
                same = [v for v in same if len(nfkc(v)) == len(texts[j])]
            return bool(vals) and 2 * len(same) >= len(vals)

        if below:
            data = [j for j in data if repeated(j)]
        coded = [j for j in data if kinds[j] in _CODE_KINDS]
        evidence = len(data) - max(0, len(coded) - 1)
        if evidence < RECORD_MIN_VALUES or (not below and evidence < RECORD_SURE_VALUES):
            return None
        values = sum(1 for j in filled if kinds[j] != TEXT)
        if evidence < RECORD_SURE_VALUES and 2 * values < len(filled):
            return None                                  # two values among mostly free text: not sure enough
        return [texts[j] for j in data]

    def first_record(self, start: int, titles: int = 5) -> tuple[int, list[str]] | None:
        """No header row was found at or below ``start``: the first full row, below at most ``titles`` sparse
        title lines, when it reads as a record (``record_values``), with the values that say so."""
        r = start
        seen = 0
        while r <= self.r_end and seen <= titles:
            if self.blank(r):
                r += 1
                continue
            if self.count(r) > max(1, (self.c1 - self.c0 + 1) // 3):
                values = self.record_values(r)
                return (r, values) if values is not None else None
            seen += 1
            r += 1
        return None

    # -- search ------------------------------------------------------------------------------
    def find(self, start: int, max_scan: int = 60) -> tuple[int, int] | None:
        """The first header (first, last row) at or below ``start`` that is followed by data."""
        scanned = 0
        r = start
        while r <= self.r_end and scanned < max_scan:
            if self.blank(r):
                r += 1
                continue
            scanned += 1
            if self.header_like(r):
                first, last = self.extent(r)
                first = max(first, start)
                if self.followed_by_data(last):
                    return first, last
            r += 1
        return None


# the endings of column names (after a unit in brackets is removed): 施設名, 電話番号, 緯度, 設置場所の種別 …
_NAME_ENDINGS = re.compile(
    r"(?:(?<![0-9０-９〇一二三四五六七八九十百千数若])名|名称|番号|コード|住所|所在地|電話|TEL|FAX|緯度|経度|区分|種別|種類|分類|備考|日付|年月日|時間|時刻|"
    r"曜日|有無|カナ|かな|ｶﾅ|フリガナ|ふりがな|よみ|読み|URL|ホームページ|メール|アドレス|郵便番号|連絡先|概要|説明|内容|料金|"
    r"定員|名前|ID|No\.?|NO\.?|№|人数|件数|面積|方書|特記事項|摘要|座標)$",
    re.IGNORECASE)
_ENGLISH_NAMES = frozenset({
    "name", "address", "tel", "phone", "fax", "lat", "lon", "lng", "latitude", "longitude", "url", "code", "id",
    "no", "type", "category", "zip", "zipcode", "postal", "postcode", "email", "mail", "note", "notes", "remarks",
    "date", "time", "title", "kana", "city", "prefecture", "x", "y"})
_UNIT_TAIL = re.compile(r"\s*[（(［\[][^()（）\[\]［］]{0,12}[)）］\]]\s*$")


@cache
def _item_names() -> frozenset[str]:
    """Every item name, alias and synonym of the standard schemas (canonical form), 2 characters or more."""
    import schemas
    from converters.jp.chars import canonical_name
    from converters.synonyms import ENGLISH, SYNONYMS

    out: set[str] = set()
    for sid in schemas.available_ids():
        for f in schemas.load(sid)["fields"]:
            out.update([f["name"], *f.get("x-aliases", []), f.get("englishName") or ""])
    out.update(s for v in SYNONYMS.values() for s in v)
    out.update(s for v in ENGLISH.values() for s in v)
    return frozenset(canonical_name(s) for s in out if len(s) >= 2)


def looks_like_column_name(text: str) -> bool:
    """A header cell that names a column: an item name, alias or synonym of a standard schema (名称, 施設名, lat),
    or shaped like one (…名, …名称, …番号, …コード, 電話番号（代表）, No.)."""
    from converters.jp.chars import canonical_name

    s = unicodedata.normalize("NFKC", text).strip()
    if not s:
        return False
    if canonical_name(s) in _item_names():
        return True
    base = _UNIT_TAIL.sub("", s) or s
    if base.isascii() and re.sub(r"[^a-z]", "", base.lower()) in _ENGLISH_NAMES:
        return True
    return bool(_NAME_ENDINGS.search(base))


_UNIT_RE = re.compile(
    r"[（(［\[〔]\s*(?:単位\s*[:：]\s*)?[^()（）\[\]［］〔〕0-9０-９]{1,8}\s*[)）］\]〕]|単位\s*[:：]\s*[^\s]{1,8}")


def is_unit_text(s: str) -> bool:
    return bool(_UNIT_RE.fullmatch(s.strip(SPACES)))


_NEWLINE_RE = re.compile(r"[ \t\u3000]*(?:\r\n|\r|\n)+[ \t\u3000]*")


def _one_letter(s: str) -> bool:
    return len(s) == 1 and not s.isascii() and unicodedata.category(s).startswith("L")


def spelled_out_runs(texts: Sequence[str]) -> list[tuple[int, int, str]]:
    """Runs of two or more adjacent header cells holding one letter each (病 | 床 | 数) whose letters together read
    as a column name (an item name or synonym, or shaped like one: …名, …番号): (first, last, the name).  Separate
    one-letter names (男 | 女 | 計) do not read as one, and are left alone."""
    out: list[tuple[int, int, str]] = []
    j, n = 0, len(texts)
    while j < n:
        if not _one_letter(texts[j]):
            j += 1
            continue
        k = j
        while k + 1 < n and _one_letter(texts[k + 1]):
            k += 1
        word = "".join(texts[j:k + 1])
        if k > j and looks_like_column_name(word):
            out.append((j, k, word))
        j = k + 1
    return out


def _header_text(v: CellValue) -> str:
    if isinstance(v, str):
        return v
    return text_of(v)


def clean_header(s: str) -> str:
    """Remove line breaks inside a header cell (joined without a space between Japanese text) and
    surrounding spaces, including the ideographic space."""
    def join(m: re.Match[str]) -> str:
        before = m.string[m.start() - 1] if m.start() > 0 else ""
        after = m.string[m.end()] if m.end() < len(m.string) else ""
        return " " if (before.isascii() and before.isalnum()) and (after.isascii() and after.isalnum()) else ""

    return _NEWLINE_RE.sub(join, s).strip(SPACES)


def headerless_note(row: int, values: list[str]) -> ReadNote:
    """The note of a table read without a header row because its first row (0-based ``row``) is a record."""
    shown = "」「".join(values[:3])
    return ReadNote(
        "headerless",
        f"{row + 1}行目は見出しではなく「{shown}」のようなデータの値（郵便番号・電話番号・番号・住所など）が並んでいるため、"
        f"見出し行のない表として{row + 1}行目からデータとして読みました。列名は列記号（A, B, …）とし、"
        "どの項目かは列の値から判断します",
        f"row {row + 1} holds data values ({', '.join(values[:3])}), not column names: read as a table without a "
        f"header row, data from row {row + 1}; columns are named by their letters (A, B, …) and mapped by their "
        "values", row=row + 1, value=values[0])


def _note_header_rows(first: int, last: int) -> ReadNote:
    return ReadNote("header-rows",
                    f"{first + 1}〜{last + 1}行目を見出し（{last - first + 1}行）として読み、見出し名を「親_子」の形でつなぎました",
                    f"rows {first + 1}-{last + 1} read as a {last - first + 1}-row header; names joined as parent_child",
                    row=first + 1, value=f"{first + 1}-{last + 1}")

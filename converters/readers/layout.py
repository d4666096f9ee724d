"""Find the table(s) inside a print-style sheet, given only a 2-D grid of values (and merged ranges).

What it decides, per table:
- title rows and notes above the header (skipped as ``title``);
- the header rows (one or several; merged parents joined 親_子, see ``header.py``);
- the data rows, skipping 合計/小計/計 rows (``total``), 注/※/出典/資料 lines (``note``), blank rows inside
  the table (``blank``) and repeated header rows (``header-repeat``);
- where the table ends: a blank gap followed by a new header (a title row, a different set of columns
  or text over numbers), or the end of the grid;
- several tables on one sheet (stacked with blank rows between, or side by side with an empty column
  between); each becomes its own ``TableLayout``;
- merged body cells, filled down/right (``fills``).

Coordinates are 0-based here; everything a person reads is 1-based.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .base import CellValue, ReadNote, SourceRow
from .cells import (
    DATE,
    EMPTY,
    NUMBER,
    SUSPECT_START,
    TEXT,
    classify_row,
    column_letter,
    is_empty,
    kind,
    nonempty_count,
    row_text,
    text_of,
)
from .header import Grid, HeaderFinder, Merge, headerless_note, row_slice
from .notes import describe_table, skipped_notes

MAX_DEPTH = 2


@dataclass
class TableLayout:
    top: int                            # first row that belongs to the table (titles included)
    header_first: int                   # -1 when the table has no header row
    header_last: int
    data_first: int
    data_last: int                      # last row that belongs to the table (trailing notes/totals included)
    c0: int                             # first and last column of the table
    c1: int
    header: list[str]
    data: list[int] = field(default_factory=list)                     # grid rows taken as data
    skipped: list[tuple[int, str]] = field(default_factory=list)      # (grid row, reason)
    notes: list[ReadNote] = field(default_factory=list)
    fills: list[Merge] = field(default_factory=list)
    # a record written over several rows (名称 above ふりがな in one column, the other cells merged down over both):
    # ``data`` holds each record's first row, and ``stack`` the (row offset, grid column) of every header position
    stack: list[tuple[int, int]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return self.c1 - self.c0 + 1


def grid_width(grid: Grid) -> int:
    return max((len(r) for r in grid), default=0)


# --------------------------------------------------------------------------------------------
# body


def _same_row(a: list[CellValue], b: list[CellValue]) -> bool:
    return [text_of(v) for v in a] == [text_of(v) for v in b]


def _footprint(cells: list[CellValue]) -> set[int]:
    return {j for j, v in enumerate(cells) if kind(v) != EMPTY}


def _starts_new_table(hf: HeaderFinder, r: int, header_cells: list[CellValue]) -> bool:
    """After a blank gap, does row ``r`` (or a title just below it) start another table?"""
    found = hf.find(r, max_scan=6)
    if not found:
        return False
    first, last = found
    between = [i for i in range(r, first) if not hf.blank(i)]
    if between:
        # title rows before the new header; full rows there are more data of this table
        return all(hf.count(i) <= max(2, (hf.c1 - hf.c0 + 1) // 3) for i in between)
    cells = hf.cells(first)
    if _same_row(cells, header_cells):
        return False                                  # the header repeated (a new printed page)
    fp_new = {j for j, k in enumerate(hf.kinds(last)) if k != EMPTY}
    fp_old = _footprint(header_cells)
    if fp_new and fp_old and len(fp_new ^ fp_old) > 0.2 * len(fp_new | fp_old):
        return True
    below = [i for i in range(last + 1, min(hf.r_end, last + 6) + 1) if not hf.blank(i)][:3]
    for j, k0 in enumerate(hf.kinds(last)):
        if k0 == TEXT and below:
            others = [hf.kinds(i)[j] for i in below]
            if sum(k in (NUMBER, DATE) for k in others) >= max(1, len(others) - 1):
                return True
    return False


_PLAIN_TYPES = (int, float, bool, dt.date, dt.datetime, dt.time, dt.timedelta)


def _plain_rows(grid: Grid, start: int, stop: int, c0: int, c1: int, header_first: CellValue) -> list[bool] | None:
    """Per row from ``start`` to ``stop``: are its first three cells plain values (not empty, not a
    possible 合計/注 label, not the header's first cell)?  Such a row is data without looking
    further.  Built column by column with comprehensions: the hot path of large sheets."""
    if stop < start:
        return None
    rows = grid[start:stop + 1]
    k = min(3, c1 - c0 + 1)
    if k <= 0 or min(map(len, rows)) < c0 + k:
        return None
    flags: list[bool] | None = None
    suspect, plain_types = SUSPECT_START, _PLAIN_TYPES
    for c in range(c0, c0 + k):
        col = [row[c] for row in rows]
        if c == c0:
            ok = [(v.__class__ is str and v != "" and v[0] not in suspect and "計" not in v and v != header_first)
                  or (v.__class__ in plain_types and v != header_first) for v in col]
        else:
            ok = [(v.__class__ is str and v != "" and v[0] not in suspect and "計" not in v)
                  or v.__class__ in plain_types for v in col]
        flags = ok if flags is None else [a and b for a, b in zip(flags, ok, strict=True)]
    return flags


_PAGE_NUMBER = re.compile(
    r"[-－―ー‐—–]\s*[0-9０-９]+\s*[-－―ー‐—–]"
    r"|[0-9０-９]+\s*[/／]\s*[0-9０-９]+\s*(?:ページ|頁)"
    r"|(?:[pPｐＰ]\s*[.．]?|第)\s*[0-9０-９]+\s*(?:ページ|頁)?"
    r"|[0-9０-９]+\s*(?:ページ|頁)")


def _page_number_row(cells: Sequence[CellValue]) -> bool:
    """A row holding only a page number as a print layout writes it in a cell: 「－ 1 －」, 「1/3ページ」, 「P.2」."""
    found: str | None = None
    for v in cells:
        if is_empty(v):
            continue
        if found is not None or not isinstance(v, str):
            return False
        found = v
    return found is not None and _PAGE_NUMBER.fullmatch(found.strip(" \u3000")) is not None


def _scan_body(hf: HeaderFinder, header_first: int, header_last: int, start: int, stop: int,
               forced_last: bool) -> tuple[list[int], list[tuple[int, str]], int]:
    """Data rows, skipped rows and the last row of the table, from ``start`` to at most ``stop``."""
    header_cells = hf.cells(header_last) if header_last >= 0 else []
    width = hf.c1 - hf.c0 + 1
    data: list[int] = []
    skipped: list[tuple[int, str]] = []
    gap: list[int] = []
    last = max(header_last, start - 1)
    full = hf.c0 == 0
    r = start
    grid = hf.grid
    plain = _plain_rows(grid, start, stop, hf.c0, hf.c1, header_cells[0] if header_cells else None)
    while r <= stop:
        if plain is not None and not gap and plain[r - start]:
            data.append(r)              # the fast path: classify_row would call it data
            last = r
            r += 1
            continue
        row = grid[r]
        cells = row if full and len(row) == width else hf.cells(r)
        what = classify_row(cells, width)
        if what == "blank":
            gap.append(r)
            r += 1
            continue
        if gap and not forced_last and header_last >= 0:
            if what == "note" and "単位" not in row_text(cells):
                skipped.append((r, "note"))        # a note below the table, before anything else
                last = r
                r += 1
                continue
            if _starts_new_table(hf, r, header_cells):
                break
        if gap and data:
            skipped.extend((g, "blank") for g in gap)
        gap = []
        if what:
            skipped.append((r, what))
        elif header_cells and cells[0] == header_cells[0] and _same_row(list(cells), header_cells):
            skipped.append((r, "header-repeat"))
        elif width >= 3 and _page_number_row(cells):
            skipped.append((r, "note"))         # 「－ 1 －」, 「1/3ページ」 between printed pages
        else:
            data.append(r)
        last = r
        r += 1
    if forced_last:
        skipped.extend((g, "blank") for g in gap if g <= stop)
        last = stop
    # Sparse lines after the last blank gap (e.g. "令和5年4月1日現在", a signature) are notes.
    last_blank = max((s for s, why in skipped if why == "blank"), default=-1)
    trailing = [i for i in data if i > last_blank] if last_blank >= 0 else []
    if data and trailing and len(trailing) < len(data) and width >= 3 and len(trailing) <= 5 and all(
            nonempty_count(hf.cells(i)) <= max(1, width // 4) for i in trailing):
        data = [i for i in data if i < trailing[0]]
        skipped = [s for s in skipped if s[1] != "blank" or s[0] < data[-1]] + [(i, "note") for i in trailing]
    skipped.sort()
    return data, skipped, last


# --------------------------------------------------------------------------------------------
# tables


def _used_columns(grid: Grid, rows: Sequence[int], c0: int, c1: int) -> tuple[int, int] | None:
    lo, hi = c1 + 1, c0 - 1
    for r in rows:
        row = grid[r]
        top = min(c1, len(row) - 1)
        for j in range(c0, min(lo, top + 1)):
            if not is_empty(row[j]):
                lo = j
                break
        for j in range(top, max(hi, c0 - 1), -1):
            if not is_empty(row[j]):
                hi = j
                break
        if lo == c0 and hi == c1:
            break
    if lo > hi:
        return None
    return lo, hi


def _empty_columns(grid: Grid, rows: Sequence[int], c0: int, c1: int) -> list[int]:
    empty = []
    for j in range(c0, c1 + 1):
        if all(kind(grid[r][j] if j < len(grid[r]) else "") == EMPTY for r in rows):
            empty.append(j)
    return empty


def _split_groups(grid: Grid, t: TableLayout) -> list[tuple[int, int]]:
    """Column groups of a table that is really several tables side by side."""
    if t.header_first < 0 or len(t.data) > 5000:
        return []
    header_rows = list(range(t.header_first, t.header_last + 1))
    empties = set(_empty_columns(grid, header_rows + t.data, t.c0, t.c1))
    if not empties:
        return []
    groups: list[tuple[int, int]] = []
    start = None
    for j in range(t.c0, t.c1 + 2):
        if j <= t.c1 and j not in empties:
            start = j if start is None else start
        elif start is not None:
            groups.append((start, j - 1))
            start = None
    if len(groups) < 2:
        return []

    def header_cells(g: tuple[int, int]) -> int:
        return max(nonempty_count(row_slice(grid, r, g[0], g[1])) for r in header_rows)

    if not all(header_cells(g) >= 2 for g in groups):
        return []
    if _one_table_with_spacer(grid, header_rows, t.data, groups):
        return []
    return groups


def _one_table_with_spacer(grid: Grid, header_rows: list[int], data: list[int], groups: list[tuple[int, int]]) -> bool:
    """An empty column inside one table (a narrow spacer a print layout keeps between 所在地 and 電話番号), not
    tables side by side: no name of one group repeats in another (side-by-side blocks of one list repeat their
    header: 町丁, 世帯数 … twice), and every data row has values in every group (the rows are the same records)."""
    def names(g: tuple[int, int]) -> set[str]:
        return {str(v).strip() for r in header_rows for v in row_slice(grid, r, g[0], g[1]) if not is_empty(v)}

    seen: set[str] = set()
    for g in groups:
        ns = names(g)
        if ns & seen:
            return False
        seen |= ns
    return all(all(nonempty_count(row_slice(grid, r, g[0], g[1])) for g in groups) for r in data)


def _fills(merges: Sequence[Merge], t: TableLayout) -> list[Merge]:
    if not t.data:
        return []
    lo, hi = t.data[0], t.data[-1]
    return [m for m in merges
            if lo <= m.r0 <= hi and m.c0 >= t.c0 and m.c0 <= t.c1 and (m.r1 > m.r0 or m.c1 > m.c0)]


def find_tables(grid: Grid, merges: Sequence[Merge] = (), *,
                columns: tuple[int, int] | None = None,
                header_rows: tuple[int, int] | None = None,
                data_rows: tuple[int, int | None] | None = None,
                rows: tuple[int, int] | None = None,
                _depth: int = 0) -> list[TableLayout]:
    """All tables of a grid, top to bottom and left to right.

    ``columns``, ``header_rows`` and ``data_rows`` are 0-based, inclusive, and fix the decision
    instead of detecting it (``data_rows[1] is None``: to the end of the table).  ``rows`` limits
    the search to a band of rows.
    """
    if not grid:
        return []
    r_start, r_end = rows if rows is not None else (0, len(grid) - 1)
    c0, c1 = columns if columns is not None else (0, grid_width(grid) - 1)
    if c1 < c0:
        return []
    hf = HeaderFinder(grid, c0, c1, merges, r_end=r_end)
    if header_rows is None and data_rows is not None:
        header_rows = hf.find(r_start)
        if header_rows is None and data_rows[0] > r_start:
            header_rows = (data_rows[0] - 1, data_rows[0] - 1)
    if header_rows is not None:
        if header_rows[1] >= len(grid) or header_rows[0] > header_rows[1]:
            return []
        forced = _forced_table(grid, hf, merges, header_rows, data_rows, columns is not None)
        if columns is not None and _depth == 0:
            forced.notes.extend(outside_notes(grid, forced))
        return [forced]

    tables: list[TableLayout] = []
    r = r_start
    while r <= r_end:
        found = hf.find(r)
        if found is None:
            break
        first, last = found
        titles = [(i, "title") for i in range(r, first) if not hf.blank(i)]
        record = hf.record_values(first) if first == last else None
        if record is not None:
            # the "header" is the first record of a table without a header row: data from there to the end
            t = _headerless_table(grid, hf, merges, first, r_end, titles, record, columns is not None)
        else:
            data, skipped, end = _scan_body(hf, first, last, last + 1, r_end, forced_last=False)
            t = _make_table(grid, hf, merges, titles[0][0] if titles else first, first, last, data, titles + skipped,
                            end, keep_columns=columns is not None)
        tables.append(t)
        r = t.data_last + 1
    if not tables:
        fallback = _fallback_table(grid, hf, merges, r_start, r_end, columns is not None)
        return [fallback] if fallback else []
    if columns is not None and _depth == 0:
        for t in tables:
            t.notes.extend(outside_notes(grid, t))
    if columns is None and _depth < MAX_DEPTH:
        out: list[TableLayout] = []
        for t in tables:
            groups = _split_groups(grid, t)
            parts = [p for g in groups
                     for p in find_tables(grid, merges, columns=g, rows=(t.top, t.data_last), _depth=_depth + 1)]
            if not parts:
                out.append(t)
                continue
            # cells the side-by-side tables do not account for (a title over the gap, say) stay listed
            whole_rows = {r for p in parts for r, _ in p.skipped}
            spans: dict[int, list[tuple[int, int]]] = {}
            for p in parts:
                for r in [*p.data, *range(max(p.header_first, 0), p.header_last + 1)]:
                    spans.setdefault(r, []).append((p.c0, p.c1))
            lost = [(r, why) for r, why in t.skipped if r not in whole_rows and any(
                not is_empty(v) and not any(a <= c <= b for a, b in spans.get(r, []))
                for c, v in enumerate(grid[r]))]
            if lost:
                parts[0].skipped = sorted(parts[0].skipped + lost)
                parts[0].notes.extend(skipped_notes(grid, lost, 0, grid_width(grid) - 1))
            out.extend(parts)
        tables = out
    if len(tables) > 1:
        for i, t in enumerate(tables):
            t.notes.insert(0, ReadNote(
                "second-table" if i else "several-tables",
                f"このシートには表が{len(tables)}個あります。これは{i + 1}番目の表です"
                f"（{t.header_first + 1 if t.header_first >= 0 else t.data_first + 1}行目〜{t.data_last + 1}行目、"
                f"{column_letter(t.c0)}〜{column_letter(t.c1)}列）",
                f"this sheet holds {len(tables)} tables; this is table {i + 1} (rows "
                f"{t.header_first + 1 if t.header_first >= 0 else t.data_first + 1}-{t.data_last + 1}, "
                f"columns {column_letter(t.c0)}-{column_letter(t.c1)})",
                row=(t.header_first if t.header_first >= 0 else t.data_first) + 1, column=t.c0 + 1,
                value=str(i)))
    return tables


def outside_notes(grid: Grid, t: TableLayout) -> list[ReadNote]:
    """Values beside a table whose columns were fixed (a recipe's ``columns``), in its header and data rows: not
    read, so they are reported per column (the next version of a file may have gained a column)."""
    counts: dict[int, int] = {}
    rows = [*range(max(t.header_first, 0), t.header_last + 1), *t.data] if t.header_first >= 0 else list(t.data)
    for r in rows:
        row = grid[r]
        for c in (*range(min(t.c0, len(row))), *range(t.c1 + 1, len(row))):
            if not is_empty(row[c]):
                counts[c] = counts.get(c, 0) + 1
    if not counts:
        return []
    cols = sorted(counts)
    ja = "、".join(f"{column_letter(c)}列 {counts[c]}セル" for c in cols)
    en = ", ".join(f"column {column_letter(c)}: {counts[c]} cell(s)" for c in cols)
    return [ReadNote("outside-columns",
                     f"指定された列の範囲（{column_letter(t.c0)}〜{column_letter(t.c1)}列）の外にも値があります（{ja}）。"
                     "読み込んでいません。列が増えた場合はレシピの columns を見直してください",
                     f"values outside the fixed columns {column_letter(t.c0)}-{column_letter(t.c1)} ({en}) were not read; "
                     "if the file gained a column, update the recipe's columns",
                     column=cols[0] + 1, value=str(sum(counts.values())))]


def _make_table(grid: Grid, hf: HeaderFinder, merges: Sequence[Merge], top: int, first: int, last: int,
                data: list[int], skipped: list[tuple[int, str]], end: int, keep_columns: bool) -> TableLayout:
    header_rows = list(range(first, last + 1)) if first >= 0 else []
    if keep_columns:
        tc0, tc1 = hf.c0, hf.c1
    else:
        used = _used_columns(grid, header_rows + data, hf.c0, hf.c1) or (hf.c0, hf.c1)
        tc0, tc1 = used
    band = HeaderFinder(grid, tc0, tc1, merges, r_end=hf.r_end)
    if first >= 0:
        guess = band.names(first, last)
        header, notes = guess.names, list(guess.notes)
    else:
        header, notes = [column_letter(j) for j in range(tc0, tc1 + 1)], []
    t = TableLayout(top=top, header_first=first, header_last=last,
                    data_first=data[0] if data else last + 1, data_last=max(end, last),
                    c0=tc0, c1=tc1, header=header, data=data, skipped=skipped, notes=notes)
    t.fills = _fills(merges, t)
    if first >= 0 and last > first:
        _stack_records(grid, merges, t)
    t.notes.extend(describe_table(grid, t))
    return t


def _stack_records(grid: Grid, merges: Sequence[Merge], t: TableLayout) -> bool:
    """Fold a table whose every record spans as many rows as its header (``k``): columns whose header is merged
    down over the ``k`` rows hold one value per record (merged down, or written in the record's first row, the
    rows under it empty), and at least one column stacks ``k`` names (施設名 over ふりがな, not merged) and a value
    under each.  Each record becomes one row; a stacked column becomes one column per name."""
    k = t.header_last - t.header_first + 1
    if k < 2 or len(t.data) < 2 or len(t.data) % k or len(t.data) > 20000:
        return False
    h0 = t.header_first
    down = {m.c0 for m in merges if m.r0 == h0 and m.r1 == t.header_last and m.c0 == m.c1}
    across = [m for m in merges if h0 <= m.r0 <= t.header_last and m.c1 > m.c0]
    stacked: list[int] = []
    for c in range(t.c0, t.c1 + 1):
        if c in down:
            continue
        names = [grid[r][c] if c < len(grid[r]) else "" for r in range(h0, t.header_last + 1)]
        if any(is_empty(v) for v in names) or any(m.c0 <= c <= m.c1 for m in across):
            if not is_empty(names[0]) and all(is_empty(v) for v in names[1:]) and not any(
                    m.c0 <= c <= m.c1 for m in across):
                down.add(c)          # a name written once, the cells under it left empty: one value per record
                continue
            return False
        stacked.append(c)
    if not stacked or not down:
        return False
    groups = [t.data[i:i + k] for i in range(0, len(t.data), k)]
    if any(g != list(range(g[0], g[0] + k)) for g in groups):
        return False
    for g in groups:
        for c in down:
            if any(c < len(grid[r]) and not is_empty(grid[r][c]) for r in g[1:]):
                return False
    if not any(any(c < len(grid[r]) and not is_empty(grid[r][c]) for r in g[1:] for c in stacked) for g in groups):
        return False
    from .header import clean_header

    header: list[str] = []
    stack: list[tuple[int, int]] = []
    for c in range(t.c0, t.c1 + 1):
        if c in stacked:
            for j in range(k):
                header.append(clean_header(str(grid[h0 + j][c]).strip()))
                stack.append((j, c))
        else:
            header.append(t.header[c - t.c0])
            stack.append((0, c))
    t.header, t.stack = header, stack
    t.data = [g[0] for g in groups]
    t.fills = [m for m in t.fills if m.r1 == m.r0 or m.c0 not in down]   # the merged-down values are each group's first
    t.notes.append(ReadNote(
        "record-rows",
        f"各データが{k}行にわたって書かれています（" + "、".join(
            "／".join(str(grid[h0 + j][c]).strip() for j in range(k)) for c in stacked)
        + f"）。{k}行ずつ1件として読みました",
        f"every record spans {k} rows (" + ", ".join(
            "/".join(str(grid[h0 + j][c]).strip() for j in range(k)) for c in stacked)
        + f"); each {k} rows were read as one record",
        row=t.data[0] + 1, value=str(k)))
    return True


def _forced_table(grid: Grid, hf: HeaderFinder, merges: Sequence[Merge], header_rows: tuple[int, int],
                  data_rows: tuple[int, int | None] | None, keep_columns: bool) -> TableLayout:
    first, last = header_rows
    if first < 0:
        first = last = -1
    start = data_rows[0] if data_rows else last + 1
    stop = data_rows[1] if data_rows and data_rows[1] is not None else hf.r_end
    stop = min(stop, len(grid) - 1)
    data, skipped, end = _scan_body(hf, first, last, start, stop,
                                    forced_last=bool(data_rows and data_rows[1] is not None))
    between = [(i, "header-continuation") for i in range(max(last + 1, 0), start) if not hf.blank(i)]
    t = _make_table(grid, hf, merges, max(first, 0), first, last, data, between + skipped, end, keep_columns)
    if first < 0:
        t.data_first = start
    return t


def _fallback_table(grid: Grid, hf: HeaderFinder, merges: Sequence[Merge], r_start: int, r_end: int,
                    keep_columns: bool) -> TableLayout | None:
    """No header followed by data was found: the first non-blank row with text is the header, or
    (all numbers) there is no header and the columns are named by their letters."""
    rows = [i for i in range(r_start, r_end + 1) if not hf.blank(i)]
    if not rows:
        return None
    first = rows[0]
    has_text = any(kind(v) == TEXT for v in hf.cells(first))
    found = hf.first_record(first)
    if found is not None:
        # records (numbers, coordinates) with no header row, titles above them
        at, record = found
        titles = [(i, "title") for i in rows if i < at]
        return _headerless_table(grid, hf, merges, at, r_end, titles, record, keep_columns)
    if has_text:
        data, skipped, end = _scan_body(hf, first, first, first + 1, r_end, forced_last=False)
        t = _make_table(grid, hf, merges, first, first, first, data, skipped, end, keep_columns)
        msg = ("見出し行をはっきり判定できないため、最初の行（{0}行目）を見出しとしました", "no clear header row: "
               "the first non-empty row ({0}) was taken as the header")
    else:
        data, skipped, end = _scan_body(hf, -1, -1, first, r_end, forced_last=False)
        t = _make_table(grid, hf, merges, first, -1, -1, data, skipped, end, keep_columns)
        t.data_first = first
        msg = ("見出し行が見つからないため、列名を列記号（A, B, …）にしました（{0}行目からデータ）",
               "no header row found: columns are named by their letters (A, B, …); data from row {0}")
    t.notes.insert(0, ReadNote("no-header", msg[0].format(first + 1), msg[1].format(first + 1), row=first + 1))
    return t


def _headerless_table(grid: Grid, hf: HeaderFinder, merges: Sequence[Merge], first: int, r_end: int,
                      titles: list[tuple[int, str]], record: list[str], keep_columns: bool) -> TableLayout:
    """A table without a header row whose first record is row ``first`` (``HeaderFinder.record_values``):
    columns named by their letters, data to the end of the band (no header to tell where another table starts)."""
    data, skipped, end = _scan_body(hf, -1, -1, first, r_end, forced_last=False)
    t = _make_table(grid, hf, merges, titles[0][0] if titles else first, -1, -1, data, titles + skipped, end,
                    keep_columns)
    t.data_first = first
    t.notes.insert(0, headerless_note(first, record))
    return t


# --------------------------------------------------------------------------------------------
# rows


def table_rows(grid: Grid, t: TableLayout) -> list[SourceRow]:
    """The data rows of a table as ``SourceRow`` (1-based numbers), merged cells filled."""
    if t.stack:
        def at(r: int, c: int) -> CellValue:
            row = grid[r] if r < len(grid) else []
            return row[c] if c < len(row) else ""
        return [SourceRow(r + 1, [at(r + j, c) for j, c in t.stack]) for r in t.data]
    fill: dict[int, dict[int, CellValue]] = {}
    data_set = set(t.data) if t.fills else set()
    for m in t.fills:
        v = grid[m.r0][m.c0]
        for r in range(m.r0, m.r1 + 1):
            if r not in data_set:
                continue
            for c in range(max(m.c0, t.c0), min(m.c1, t.c1) + 1):
                fill.setdefault(r, {})[c - t.c0] = v
    c0, c1, w = t.c0, t.c1, t.width
    if not fill and c0 == 0 and all(len(grid[r]) == w for r in t.data):
        # the grid rows themselves (the reader owns them): no copy, and SourceRow built by map()
        return list(map(SourceRow, [r + 1 for r in t.data], [grid[r] for r in t.data]))  # type: ignore[arg-type]
    out: list[SourceRow] = []
    for r in t.data:
        row = grid[r]
        if c0 == 0 and len(row) == w and isinstance(row, list):
            vals = row          # the grid row itself: the reader owns it, no copy needed
        else:
            vals = list(row[c0:c1 + 1])
            if len(vals) < w:
                vals.extend([""] * (w - len(vals)))
        f = fill.get(r)
        if f:
            for j, v in f.items():
                vals[j] = v
        out.append(SourceRow(r + 1, vals))
    return out

"""A footer under a CSV table: the file's last lines, after a blank line, that are not records.

Some municipal CSV files end with a blank line and a line such as
``"区民避難場所・福祉避難所情報","Ver202204"`` (a title and a version, 港区), or a date or a signature.
Read as a record it would be a data row (全国地方公共団体コード = Ver202204).  Notes starting with ※, 注,
出典 … and 合計 rows are caught anywhere by ``cells.classify_row``; this module decides the rest of the lines
below the table, as ``layout._scan_body`` does for a sheet ("sparse lines after the last blank gap").

The rule is applied while streaming, record by record, by both conversion engines
(``csv_reader.CsvRows`` and ``converters.pipeline_columnar``), so it needs no more than a few records of
lookahead:

- after a blank record, up to ``FOOTER_MAX`` records that look like a footer (``FooterTest``) are held back;
  blank records and notes (skipped as they are anyway) do not end the block;
- a record that does not, or one more than ``FOOTER_MAX``, releases them: they are read as they would have
  been (data, or a note / total / repeated header skipped with its reason);
- at the end of the file, the records still held are the footer: skipped as ``note`` (or the reason they
  already had) and reported in one ``skipped-note`` note.  They are never dropped silently.

A record looks like a footer when

- it is **short**: at most a quarter of the columns and at most half of the typical data row's cells are
  non-empty; and
- it **does not fit the columns**: at least one of its cells, and at least as many as fit, is a kind of value
  its column's typical rows never hold (text in a column of numbers: ``Ver202204`` under a code; a number or
  a date in a column of text) or a text much longer than any the column holds (a title under 地区).  Cells in
  columns that are empty in the typical rows count neither way.

A **stamp** — a version (``Ver202204``, ``第3版``) or an as-of date (``令和4年4月1日現在``) — in a column whose
typical rows hold none does not fit either; a record with one may have two non-empty cells even in a table too
narrow for a quarter of its columns to be two (港区's 5-column 公衆便所一覧 ends in
``"公衆便所一覧(令和4年4月1日現在)","Ver202204",,,``, title and version fitting 名称 and 所在地 as text).

The typical data rows are the data records among the first records the reader reads to plan the table
(``csv_reader.HEAD_RECORDS``) that are not short themselves.  So a genuine last record that is only short
(its values fit their columns), and any record not below a blank line, stays data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .base import CellValue
from .cells import EMPTY, SPACES, TEXT, classify_row, kind

FOOTER_MAX = 5          # records held back after a blank record (as layout.py's trailing notes)
LONG_FACTOR = 2         # a text "much longer" than a column's longest typical value: more than twice as long
LONG_MARGIN = 6         # … and at least this many characters longer
STAMP_CELLS = 2         # a record with a stamp may have this many non-empty cells whatever the table's width
# a version or an as-of date: Ver202204, ver.2, Version 3, 第3版; 令和4年4月1日現在, 2022年4月現在
_STAMP = re.compile(r"^(?:ver(?:sion)?\.?\s*[0-9０-９][0-9０-９.]*|第?[0-9０-９]+版)$"
                    r"|[0-9０-９元]年[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日)?\s*現在", re.IGNORECASE)


def is_stamp(v: CellValue) -> bool:
    """A version (Ver202204) or an as-of date (令和4年4月1日現在, in a title too)."""
    return isinstance(v, str) and bool(_STAMP.search(v.strip(SPACES)))


@dataclass(frozen=True)
class FooterTest:
    """What the typical data rows of a table hold, per column; ``looks_like_footer`` tests one record."""

    width: int
    max_cells: int                         # a footer has at most this many non-empty cells
    kinds: tuple[frozenset[str], ...]      # per column: the kinds of value (cells.kind) of the typical rows
    longest: tuple[int, ...]               # per column: the longest typical value (characters, stripped)
    stamps: tuple[bool, ...] = ()          # per column: whether a typical row holds a stamp (is_stamp) there

    @classmethod
    def from_records(cls, records: Sequence[Sequence[CellValue]], width: int,
                     header_cells: Sequence[str] = ()) -> FooterTest | None:
        """From the first data records (the table's columns, as the rows will be read).  None when the table
        is too narrow (fewer than 3 columns) or has no typical (not short) data row to compare with."""
        if width < 3:
            return None
        short = max(1, width // 4)
        kinds: list[set[str]] = [set() for _ in range(width)]
        longest = [0] * width
        stamps = [False] * width
        fills: list[int] = []
        hc = list(header_cells)
        for rec in records:
            row = [*rec[:width], *([""] * (width - len(rec)))]
            if hc and row[:len(hc)] == hc:
                continue                                   # a repeated header
            if classify_row(row, width):
                continue                                   # blank, note, total
            cells = [(j, k, v) for j, v in enumerate(row) if (k := kind(v)) != EMPTY]
            if len(cells) <= short or (len(cells) <= STAMP_CELLS and any(is_stamp(v) for _, _, v in cells)):
                continue                                   # short, or a footer with a stamp (in a small file)
            fills.append(len(cells))
            for j, k, v in cells:
                kinds[j].add(k)
                stamps[j] = stamps[j] or is_stamp(v)
                longest[j] = max(longest[j], len(v.strip(SPACES)) if isinstance(v, str) else len(str(v)))
        if not fills:
            return None
        fills.sort()
        typical = fills[(len(fills) - 1) // 2]            # the (lower) median
        max_cells = min(short, typical // 2)
        if max_cells < 1:
            return None
        return cls(width, max_cells, tuple(frozenset(k) for k in kinds), tuple(longest), tuple(stamps))

    @property
    def most_cells(self) -> int:
        """The most non-empty cells a footer may have (``max_cells``, or ``STAMP_CELLS`` with a stamp)."""
        return max(self.max_cells, STAMP_CELLS)

    def looks_like_footer(self, vals: Sequence[CellValue]) -> bool:
        """A short record whose values do not fit their columns (see the module's docstring)."""
        cells = fit = misfit = 0
        stamped = False
        width = self.width
        most = self.most_cells
        for j, v in enumerate(vals):
            if v is None or v == "":
                continue
            s = v.strip(SPACES) if isinstance(v, str) else v
            if s == "":
                continue
            cells += 1
            if cells > most:
                return False                               # a full record: no closer look
            if j < width and is_stamp(s) and not (self.stamps and self.stamps[j]):
                stamped = True
                misfit += 1                                # a version or an as-of date its column never holds
                continue
            if j >= width or not self.kinds[j]:
                continue                                   # no evidence either way
            k = kind(s)
            n = len(s) if isinstance(s, str) else 0
            if k not in self.kinds[j] or (k == TEXT and n > LONG_FACTOR * self.longest[j]
                                           and n >= self.longest[j] + LONG_MARGIN):
                misfit += 1
            else:
                fit += 1
        if cells > self.max_cells and not stamped:
            return False                                   # more cells than a footer without a stamp has
        return misfit >= 1 and misfit >= fit

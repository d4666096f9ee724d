"""What every reader returns: tables found in a source file, with every decision written down.

A reader never silently drops a value: rows it does not take as data (titles, 注/出典 lines,
合計/小計 rows, a second table) go to ``skipped`` with their text, and everything it decided
(encoding, header rows, merged cells filled, hidden rows, formulas) goes to ``notes``.
``layout`` holds the decisions a recipe saves so the next file of the same shape reads the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

CellValue = str | int | float | bool | dt.date | dt.datetime | dt.time | None
# The most data rows kept in ``SourceTable.sample`` (and read by ``sample_values``) for dataset detection.
SAMPLE_ROWS = 200


class ReadRestart(Exception):
    """The whole-file passes contradicted what the reader assumed from the file's start (csv_reader.PendingChecks):
    read the file again with the passes done first."""


class ReadError(Exception):
    """The file cannot be read at all (encrypted, corrupt, an image, a PDF …).  Nothing is written."""

    def __init__(self, code: str, message_ja: str, message_en: str):
        super().__init__(message_en)
        self.code = code
        self.message_ja = message_ja
        self.message_en = message_en


@dataclass
class ReadNote:
    code: str            # encoding | delimiter | title-rows | header-rows | merged-header | merged-fill |
                         # hidden-row | hidden-column | formula | skipped-total | skipped-note | skipped-blank |
                         # excel-date | number-as-text | linkdata | second-table | sheet-chosen | …
    message_ja: str
    message_en: str
    sheet: str | None = None
    row: int | None = None       # 1-based source row, as the spreadsheet (or a text editor, per record) counts
    column: int | None = None    # 1-based source column
    value: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class SourceRow:
    number: int                  # 1-based source row number
    values: list[CellValue]      # one value per header position ('' or None for empty)


@dataclass
class SkippedRow:
    number: int
    reason: str                  # title | note | total | blank | second-table | header-continuation | linkdata-meta
    text: str                    # the row's non-empty cells joined with " | "
    sheet: str | None = None


@dataclass
class SourceTable:
    source: str                          # file path
    sheet: str | None                    # None for CSV
    header: list[str]                    # one name per column; multi-row headers joined as 親_子
    rows: Iterable[SourceRow]            # lazily produced for CSV (streaming); a list for spreadsheets
    header_rows: tuple[int, int] = (1, 1)   # first and last source row of the header
    columns: list[int] = field(default_factory=list)   # source column (1-based) of each header position
    notes: list[ReadNote] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    encoding: dict[str, Any] | None = None   # EncodingInfo.to_dict() for text files
    layout: dict[str, Any] = field(default_factory=dict)  # recipe-able decisions (see ReadOptions)
    # the first data rows (at most SAMPLE_ROWS, aligned with header) a streaming reader already read, for
    # dataset detection; empty when ``rows`` is a list (``sample_values`` takes its first rows)
    sample: list[list[CellValue]] = field(default_factory=list)
    # a CSV read with its whole-file passes still running (csv_reader.PendingChecks): settle() or cancel() it
    pending: Any = None


def sample_values(table: SourceTable, limit: int = SAMPLE_ROWS) -> list[list[CellValue]]:
    """The table's first data rows that are already in memory, for dataset detection (``detect_dataset``'s
    ``values``): the CSV reader's ``sample`` or the first rows of a list.  Lazy rows are never iterated, so
    this costs nothing on a million-row file (and a reshaped table, whose rows are a generator, gives none).
    """
    if table.sample:
        return table.sample[:limit]
    if isinstance(table.rows, list):
        return [r.values for r in table.rows[:limit]]
    return []


@dataclass
class ReadOptions:
    """Decisions a recipe can fix instead of letting the reader detect them."""

    sheet: str | int | None = None        # sheet name or 0-based index
    header_rows: tuple[int, int] | None = None   # first/last header row (1-based)
    data_rows: tuple[int, int | None] | None = None  # first/last data row (None = to the end of the table)
    columns: tuple[int, int] | None = None        # first/last column (1-based)
    encoding: str | None = None
    delimiter: str | None = None
    table_index: int | None = None        # which table when a sheet holds several

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> ReadOptions:
        d = d or {}
        o = cls()
        for k in ("sheet", "encoding", "delimiter", "table_index"):
            if d.get(k) is not None:
                setattr(o, k, d[k])
        for k in ("header_rows", "data_rows", "columns"):
            if d.get(k) is not None:
                setattr(o, k, tuple(d[k]))
        return o

    def to_dict(self) -> dict[str, Any]:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.__dict__.items() if v is not None}

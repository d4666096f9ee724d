"""LinkData (linkdata.org) table layout, as exported by e.g. 半田市's school-lunch files.

    #LINK / #lang / #attribution_url / #attribution_name / #license / #file_name / … / #namespace ic <uri>
    #property          ic:市区町村コード  ic:年  …        <- the header
    #object_type_xsd   string:ja         int    …        <- meta
    #property_context  \\tAssertion       …              <- meta
    1                  232050            2017   …        <- data; column A is LinkData's row number

The ``#property`` row is the header; every ``#`` row before and right after it is skipped with the
reason ``linkdata-meta``.  The marker column A is dropped when it holds only LinkData's row numbers
(empty or 1, 2, 3 …), otherwise kept with the name ''.  Namespace prefixes declared in ``#namespace``
rows (``ic:``) are removed from the names; each original name stays in a note.  Works on any grid of
values: the first records of a CSV or a whole sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .base import CellValue, ReadNote
from .cells import SPACES, column_letter, is_blank_row, text_of
from .layout import TableLayout
from .notes import describe_table

SEARCH_ROWS = 60
PROPERTY = "#property"


@dataclass
class LinkData:
    property_row: int                 # 0-based
    data_start: int                   # first row after the meta rows
    meta_rows: list[int]
    strip_marker: bool
    c0: int                           # first column of the table (1 when the marker column is dropped)
    c1: int
    header: list[str]
    notes: list[ReadNote] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)


def _first(row: Sequence[CellValue]) -> str:
    return text_of(row[0]).strip(SPACES) if row else ""


def detect(grid: Sequence[Sequence[CellValue]]) -> LinkData | None:
    """Recognise the LinkData layout in the first rows of ``grid``; None when it is not LinkData."""
    prop = None
    for i, row in enumerate(grid[:SEARCH_ROWS]):
        if is_blank_row(list(row)):
            continue
        first = _first(row)
        if first.lower() == PROPERTY:
            prop = i
            break
        if not first.startswith("#"):
            return None
    if prop is None:
        return None
    meta = [i for i in range(prop) if not is_blank_row(list(grid[i]))]
    start = prop + 1
    while start < len(grid) and (_first(grid[start]).startswith("#") or is_blank_row(list(grid[start]))):
        if not is_blank_row(list(grid[start])):
            meta.append(start)
        start += 1
    metadata: dict[str, str] = {}
    prefixes: set[str] = set()
    for i in meta:
        row = grid[i]
        key = _first(row).lstrip("#")
        vals = [text_of(v) for v in row[1:] if text_of(v)]
        if key.lower() == "namespace" and vals:
            prefixes.add(vals[0])
            metadata[f"namespace:{vals[0]}"] = vals[1] if len(vals) > 1 else ""
        elif i < prop and vals:
            metadata[key] = vals[0]
    header_row = grid[prop]
    last = max((j for j, v in enumerate(header_row) if text_of(v)), default=0)
    if last == 0:
        return None            # a #property row without property names is not a LinkData header
    numbers = [text_of(grid[r][0]) for r in range(start, len(grid)) if grid[r]]
    strip = all(not n or n.isdigit() for n in numbers)
    c0 = 1 if strip else 0
    notes: list[ReadNote] = []
    names: list[str] = []
    for j in range(c0, last + 1):
        raw = text_of(header_row[j]) if j < len(header_row) else ""
        if j == 0:
            raw = ""
        name = raw
        if ":" in raw:
            prefix, rest = raw.split(":", 1)
            if prefix in prefixes and rest:
                name = rest
                notes.append(ReadNote(
                    "linkdata-prefix",
                    f"{column_letter(j)}列の見出し「{raw}」から語彙の接頭辞「{prefix}:」を除き「{name}」としました",
                    f"column {column_letter(j)}: vocabulary prefix {prefix + ':'!r} removed from {raw!r} -> {name!r}",
                    row=prop + 1, column=j + 1, value=raw))
        names.append(name)
    meta_list = ", ".join(_first(grid[i]) for i in meta)
    notes.insert(0, ReadNote(
        "linkdata",
        f"LinkData形式のファイルです。#property行（{prop + 1}行目）を見出しとし、メタデータの行（{meta_list}）を"
        f"読み飛ばしました。データは{start + 1}行目からです",
        f"LinkData layout: the #property row ({prop + 1}) is the header; meta rows skipped ({meta_list}); "
        f"data from row {start + 1}",
        row=prop + 1, value=PROPERTY))
    if strip:
        notes.append(ReadNote(
            "linkdata-marker",
            "A列（#property の列）はLinkDataの行番号だけなので、表の列に含めませんでした",
            "column A (the #property marker column) holds only LinkData row numbers and was left out",
            column=1))
    if metadata:
        shown = "; ".join(f"{k}={v}" for k, v in metadata.items())
        notes.append(ReadNote("linkdata-metadata", f"LinkDataのメタデータ: {shown}", f"LinkData metadata: {shown}",
                              value=shown[:500]))
    return LinkData(property_row=prop, data_start=start, meta_rows=meta, strip_marker=strip, c0=c0, c1=last,
                    header=names, notes=notes, metadata=metadata)


def linkdata_table(grid: Sequence[Sequence[CellValue]], ld: LinkData, *,
                   header_rows: tuple[int, int] | None = None,
                   data_rows: tuple[int, int | None] | None = None,
                   columns: tuple[int, int] | None = None) -> TableLayout:
    """The table of a LinkData sheet (0-based options fix the detected positions)."""
    h0, h1 = header_rows if header_rows is not None else (ld.property_row, ld.property_row)
    start = data_rows[0] if data_rows is not None else ld.data_start
    stop = data_rows[1] if data_rows is not None and data_rows[1] is not None else len(grid) - 1
    if columns is not None:
        c0, c1 = columns
    else:
        # values beyond the last property name are kept, in columns named ''
        c0 = ld.c0
        c1 = max([ld.c1, *(j for r in range(start, stop + 1) for j, v in enumerate(grid[r]) if text_of(v))])
    header = list(ld.header[c0 - ld.c0:]) if c0 >= ld.c0 else ["", *ld.header]
    header = (header + [""] * (c1 - c0 + 1))[: c1 - c0 + 1]
    data: list[int] = []
    skipped: list[tuple[int, str]] = [(i, "linkdata-meta") for i in ld.meta_rows]
    gap: list[int] = []
    for r in range(start, stop + 1):
        cells = list(grid[r][c0:c1 + 1])
        if is_blank_row(cells) and is_blank_row(list(grid[r][:1])):
            gap.append(r)
            continue
        if gap and data:
            skipped.extend((g, "blank") for g in gap)
        gap = []
        data.append(r)
    last = data[-1] if data else start - 1
    t = TableLayout(top=min([h0, *ld.meta_rows]), header_first=h0, header_last=h1, data_first=start,
                    data_last=max(last, h1), c0=c0, c1=c1, header=header, data=data, skipped=sorted(skipped),
                    notes=list(ld.notes))
    t.notes.extend(n for n in describe_table(grid, t) if n.code != "skipped-linkdata-meta")
    return t

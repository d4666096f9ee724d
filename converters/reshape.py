"""Reshape a wide table into a long one before mapping (機械可読性ルール L3-09: 縦持ち).

A recipe asks for it:

    reshape:
      unpivot:
        columns: [主食（パン・ごはん）, 献立名１, 献立名２, 献立名３, 献立名４, 献立名５, 献立名６, 飲み物]
        names: {主食（パン・ごはん）: 主食, 飲み物: 飲み物}   # optional: the value written for a column
        name_column: 料理の区分        # receives the source column's name (or names[...] of it)
        value_column: 料理名           # receives the cell
        order_column: 順番             # optional: 1, 2, … within the source row
        skip_empty: true

Columns are matched by name, so a file that has only 献立名１…４ (an older year) works with the same
recipe.  A source row whose unpivoted cells are all empty produces no row; it is listed in the
table's skipped rows (reason ``empty-after-reshape``) with its text, so nothing disappears silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from converters.readers.base import ReadNote, SkippedRow, SourceRow, SourceTable


def _s(v: Any) -> str:
    return "" if v is None else str(v).strip()


def unpivot(table: SourceTable, spec: dict[str, Any]) -> SourceTable:
    cols = [c for c in spec.get("columns", []) if c in table.header]
    if not cols:
        table.notes.append(ReadNote("reshape-none", "縦持ちにする列が見つからないため、表をそのまま使いました。",
                                    "no column to unpivot was found; the table is used as is"))
        return table
    idx = [table.header.index(c) for c in cols]
    keep = [i for i in range(len(table.header)) if i not in idx]
    names: dict[str, str] = {str(k): str(v) for k, v in (spec.get("names") or {}).items()}
    name_col = str(spec.get("name_column", "区分"))
    value_col = str(spec.get("value_column", "値"))
    order_col = spec.get("order_column")
    skip_empty = bool(spec.get("skip_empty", True))
    header = [table.header[i] for i in keep] + [name_col, value_col] + ([str(order_col)] if order_col else [])
    skipped = table.skipped

    def rows() -> Iterator[SourceRow]:
        for r in table.rows:
            vals = list(r.values) + [""] * (len(table.header) - len(r.values))
            base = [vals[i] for i in keep]
            k = 0
            for i, c in zip(idx, cols, strict=True):
                v = vals[i]
                if skip_empty and _s(v) == "":
                    continue
                k += 1
                extra = [names.get(c, c), v] + ([k] if order_col else [])
                yield SourceRow(r.number, base + extra)
            if k == 0:
                text = " | ".join(_s(v) for v in vals if _s(v))
                skipped.append(SkippedRow(r.number, "empty-after-reshape", text, table.sheet))

    note = ReadNote("reshape-unpivot",
                    f"{len(cols)}列（{'、'.join(cols)}）を縦持ちにし、「{name_col}」「{value_col}」の2列にしました。",
                    f"unpivoted {len(cols)} columns into \"{name_col}\" / \"{value_col}\"")
    return replace(table, header=header, rows=rows(), notes=[*table.notes, note],
                   layout={**table.layout}, sample=[])      # the sample was aligned with the old header


def apply_reshape(table: SourceTable, spec: dict[str, Any] | None) -> SourceTable:
    if not spec:
        return table
    if "unpivot" in spec:
        return unpivot(table, spec["unpivot"])
    return table

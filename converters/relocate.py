"""A recipe's table layout checked against the next version of the file, and found again when it moved.

A recipe saves where the table was (sheet, header rows, data rows, columns, which table).  Next month's file
is often laid out a little differently: the sheet renamed (``AED一覧（R6.5.1現在）``), a title line added above
the table, a column added.  Read at the saved place, such a file would give a header of other cells (and data
rows taken from the wrong lines) or lose the new column.  So the table read at the saved place is checked:

- its header holds every source column the recipe's mapping names, and
- nothing lies beside it outside the saved columns (the reader's ``outside-columns`` note).

When the check fails (or the saved sheet or table is not there at all), the file is read again with the layout
found automatically, in the saved sheet when it still exists and in every sheet otherwise, and the table whose
header holds the most of the recipe's columns is taken, with a ``recipe-layout-moved`` note saying where it was
found.  When that is no better, the saved layout stands (its problems are reported as before: a missing column
is ``recipe-column-missing``).  A layout the user fixed by hand because the automatic one was wrong still
matches its own header, so it is kept.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from converters.readers.base import ReadError, ReadNote, ReadOptions, SourceTable

# a saved layout that cannot be applied to this file at all
_LAYOUT_ERRORS = ("sheet-not-found", "table-not-found", "no-table")


def fixed_layout(read: ReadOptions) -> bool:
    """Does ``read`` fix where the table is (not only how the file is decoded)?"""
    return any(v is not None for v in (read.sheet, read.header_rows, read.data_rows, read.columns, read.table_index))


def recipe_columns(mapping: dict[str, dict[str, object]]) -> set[str]:
    """The source columns a recipe's mapping names (``column`` and ``columns``)."""
    out: set[str] = set()
    for target, m in mapping.items():
        if target.startswith("__") or not isinstance(m, dict):
            continue
        if m.get("column"):
            out.add(str(m["column"]))
        cols = m.get("columns")
        if isinstance(cols, list):
            out.update(str(c) for c in cols if c)
    return out


def fit(table: SourceTable, wanted: set[str]) -> float:
    """The share of ``wanted`` columns in the table's header."""
    return len(wanted & set(table.header)) / len(wanted) if wanted else 1.0


def _outside(table: SourceTable) -> bool:
    return any(n.code == "outside-columns" for n in table.notes)


def _cancel(tables: list[SourceTable]) -> None:
    for t in tables:
        if t.pending is not None:
            t.pending.cancel()


def read_checked(src: Path, read: ReadOptions, wanted: set[str], *, background: bool) -> list[SourceTable]:
    """``read_tables`` with a recipe's layout, checked (module docstring).  When the table was found again, the
    list returned holds that one table and ``read.table_index`` is cleared."""
    from converters.readers import read_tables

    error: ReadError | None = None
    tables: list[SourceTable] = []
    try:
        tables = read_tables(src, read, background=background)
    except ReadError as e:
        if e.code not in _LAYOUT_ERRORS or not wanted:
            raise
        error = e
    # the reader applied table_index (it keeps that table of each sheet): the best fit of what it kept
    saved = max(tables, key=lambda t: fit(t, wanted), default=None)
    if not wanted or (saved is not None and fit(saved, wanted) == 1.0 and not _outside(saved)):
        return tables
    base = fit(saved, wanted) if saved is not None else -1.0
    try:
        found = _read_auto(src, ReadOptions(sheet=read.sheet, encoding=read.encoding, delimiter=read.delimiter))
    except ReadError:
        found = []
    best = max(found, key=lambda t: fit(t, wanted), default=None)
    better = best is not None and fit(best, wanted) > 0 and (
        fit(best, wanted) > base
        or (saved is not None and _outside(saved) and not _outside(best) and fit(best, wanted) >= base))
    if best is None or not better:
        if error is not None:
            raise error
        return tables
    _cancel(tables)
    best.notes.insert(0, _moved_note(read, best, saved, wanted))
    read.table_index = None
    return [best]


def _read_auto(src: Path, auto: ReadOptions) -> list[SourceTable]:
    from converters.readers import read_tables

    try:
        return read_tables(src, auto)
    except ReadError as e:
        if e.code != "sheet-not-found":
            raise
        return read_tables(src, replace(auto, sheet=None))


def _where(layout: dict[str, object]) -> tuple[str, str]:
    sheet = layout.get("sheet")
    hr = layout.get("header_rows") or []
    ja, en = [], []
    if sheet:
        ja.append(f"シート「{sheet}」")
        en.append(f"sheet {sheet!r}")
    if isinstance(hr, list) and len(hr) == 2 and hr[0]:
        ja.append(f"見出し{hr[0]}〜{hr[1]}行目" if hr[0] != hr[1] else f"見出し{hr[0]}行目")
        en.append(f"header rows {hr[0]}-{hr[1]}")
    cols = layout.get("columns")
    if isinstance(cols, list) and len(cols) == 2:
        ja.append(f"{cols[0]}〜{cols[1]}列目")
        en.append(f"columns {cols[0]}-{cols[1]}")
    return "、".join(ja) or "（不明）", ", ".join(en) or "(unknown)"


def _moved_note(read: ReadOptions, best: SourceTable, saved: SourceTable | None, wanted: set[str]) -> ReadNote:
    was = read.to_dict()
    if isinstance(was.get("sheet"), int):
        was["sheet"] = f"{was['sheet'] + 1}枚目"
    old_ja, old_en = _where(was)
    new_ja, new_en = _where(best.layout)
    if saved is None:
        why_ja, why_en = "レシピの場所に表がありません", "the recipe's place holds no table"
    elif fit(saved, wanted) < 1.0:
        missing = sorted(wanted - set(saved.header))
        why_ja = f"レシピの場所の見出しにレシピの列（{'、'.join(missing[:5])}）がありません"
        why_en = f"the header at the recipe's place lacks the recipe's column(s) {', '.join(missing[:5])}"
    else:
        why_ja, why_en = "レシピの列の範囲の外にも値があります", "there are values outside the recipe's columns"
    return ReadNote("recipe-layout-moved",
                    f"{why_ja}。表を探し直し、{new_ja}の表を読みました（レシピでは{old_ja}）。"
                    "次回のためにレシピを保存し直してください",
                    f"{why_en}: the table was found again at {new_en} (the recipe says {old_en}); "
                    "save the recipe again for the next run",
                    sheet=best.sheet, value=new_en)

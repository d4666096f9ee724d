"""Spreadsheet reader: .xlsx/.xlsm/.xlsb/.xls/.ods.

Values (with cached formula results and real dates) come from python-calamine; what values do not
show comes from a format-specific structure scan that runs in a thread while calamine loads:
``xlsx_scan`` (ZIP/XML, hidden rows/columns, formulas, 和暦 formats), ``xls_structure`` (xlrd
``formatting_info``) or ``ods_scan``.  Merged ranges come from calamine (xlsx, xls) or the scan (ods).
A large .xlsx sheet is parsed by calamine in two threads, each from half of its rows (``xlsx_halves``).
Every sheet is read; ``layout.find_tables`` finds the table(s) in each, or ``linkdata`` when the
sheet is a LinkData export.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from .base import CellValue, ReadNote, ReadOptions, SkippedRow, SourceTable
from .cells import column_letter, row_text
from .colstats import column_notes
from .errors import read_error
from .gcpause import gc_paused
from .header import Merge
from .layout import TableLayout, find_tables, table_rows
from .linkdata import detect as detect_linkdata
from .linkdata import linkdata_table
from .ods_scan import scan_ods
from .structure import SheetStructure
from .xls_structure import scan_xls
from .xlsx_halves import start as start_halves
from .xlsx_halves import wanted as halves_wanted
from .xlsx_scan import first_worksheet, scan_workbook

Grid = list[list[CellValue]]


def _calamine_error(e: BaseException) -> Exception:
    import python_calamine as pc

    if isinstance(e, pc.PasswordError):
        return read_error("encrypted")
    if isinstance(e, pc.ZipError):
        return read_error("corrupt-zip", detail=str(e)[:200])
    return read_error("corrupt-workbook", detail=f"{type(e).__name__}: {str(e)[:200]}")


def _guard(fn: Callable[[], Any]) -> Any:
    """Run a calamine call; map its errors (including Rust panics, which are BaseExceptions) to ReadError."""
    try:
        return fn()
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as e:
        raise _calamine_error(e) from e


def _choose_sheets(metas: list[Any], option: str | int | None) -> list[tuple[int, str, Any]]:
    names = [m.name for m in metas]
    if option is None:
        out = [(i, m.name, m) for i, m in enumerate(metas) if str(m.typ).endswith("WorkSheet")]
        return out or [(i, m.name, m) for i, m in enumerate(metas)]
    if isinstance(option, int) or (isinstance(option, str) and option.isdigit() and option not in names):
        i = int(option)
        if 0 <= i < len(metas):
            return [(i, metas[i].name, metas[i])]
    elif option in names:
        i = names.index(option)
        return [(i, option, metas[i])]
    else:
        wanted = str(option).strip().replace("\u3000", " ")
        for i, n in enumerate(names):
            if n.strip().replace("\u3000", " ") == wanted:
                return [(i, n, metas[i])]
    raise read_error("sheet-not-found", sheet=str(option), sheets="、".join(names))


# prefetch(): (path, size, mtime, sheet name) -> the parse of that sheet, started before it is asked for
# (and the structure scan of that sheet when the halves' writing scanned it, xlsx_halves.start)
_PREFETCH: dict[tuple[str, int, int, str], tuple[Future[tuple[Grid, Any] | None], SheetStructure | None]] = {}


def _file_key(p: Path) -> tuple[str, int, int]:
    st = p.stat()
    return str(p.resolve()), st.st_size, st.st_mtime_ns


def prefetch(path: str | Path) -> None:
    """Start parsing the workbook's first worksheet (the one ``read_workbook`` reads first without a ``sheet``
    option) in a background thread.  calamine parses without holding the GIL, so the caller's imports and
    set-up run meanwhile; ``read_workbook`` then takes the parsed sheet.  Any problem here is left for
    ``read_workbook`` to find and report: this only starts work early.  A large .xlsx sheet is parsed in two
    halves (``xlsx_halves.start``), whose copies are written here before this returns (0.3-0.7 s)."""
    import python_calamine as pc

    p = Path(path)
    try:
        key = _file_key(p)
    except OSError:
        return
    if any(k[:3] == key for k in _PREFETCH):    # started already (opendata.cli starts it before its imports)
        return
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        # the sheet's name from workbook.xml: opening the workbook with calamine first would parse its shared
        # strings in this thread (0.3-0.5 s); a name calamine would not choose only wastes this early parse
        first = first_worksheet(p)
        if first is not None and (halves := start_halves(p, first)) is not None:
            _PREFETCH[(*key, first)] = halves       # None from the future: _load parses the whole sheet
            return
    try:
        wb = pc.CalamineWorkbook.from_path(str(p))
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:       # calamine's panics too: read_workbook reports the problem
        return
    try:
        name = _choose_sheets(list(wb.sheets_metadata), None)[0][1]
    except (KeyboardInterrupt, SystemExit):
        wb.close()
        raise
    except BaseException:
        wb.close()
        return

    def work() -> tuple[Grid, Any]:
        try:
            sheet = wb.get_sheet_by_name(name)
            with gc_paused():
                grid: Grid = sheet.to_python(skip_empty_area=False)     # type: ignore[assignment]
            return grid, sheet.merged_cell_ranges
        finally:
            wb.close()

    pool = ThreadPoolExecutor(max_workers=1)
    _PREFETCH[(*key, name)] = (pool.submit(work), None)
    pool.shutdown(wait=False)


def _load(wb: Any, name: str, fut: Future[tuple[Grid, Any] | None] | None = None) -> tuple[Grid, list[Merge] | None]:
    """The sheet's grid and merged ranges: from ``fut`` (a prefetch or the two halves) unless it gave up."""
    def load() -> tuple[Grid, Any]:
        if fut is not None and (got := fut.result()) is not None:
            return got
        sheet = wb.get_sheet_by_name(name)
        return sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges

    grid, ranges = _guard(load)
    merges = None if ranges is None else [Merge(a[0], a[1], b[0], b[1]) for a, b in ranges]
    return grid, merges


_Started = tuple[Future[tuple[Grid, Any] | None] | None, SheetStructure | None]


def _take_prefetched(p: Path, names: list[str]) -> dict[str, _Started]:
    """The parses ``prefetch`` started for these sheets of this very file (taken out of ``_PREFETCH``)."""
    if not _PREFETCH:
        return {}
    try:
        key = _file_key(p)
    except OSError:
        return {}
    return {n: _PREFETCH.pop((*key, n)) for n in names if (*key, n) in _PREFETCH}


def _has_values(grid: Grid) -> bool:
    return any(row.count("") + row.count(None) != len(row) for row in grid)


def _scanner(fmt: str) -> Callable[[Path, list[str]], dict[str, SheetStructure]] | None:
    return {"xlsx": scan_workbook, "xls": scan_xls, "ods": scan_ods}.get(fmt)


def _zero_based(options: ReadOptions) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if options.columns:
        out["columns"] = (options.columns[0] - 1, options.columns[1] - 1)
    if options.header_rows:
        a, b = options.header_rows
        out["header_rows"] = (-1, -1) if a <= 0 else (a - 1, b - 1)
    if options.data_rows:
        a2, b2 = options.data_rows
        out["data_rows"] = (a2 - 1, None if b2 is None else b2 - 1)
    return out


def read_workbook(path: str | Path, fmt: str, options: ReadOptions | None = None) -> list[SourceTable]:
    p = Path(path)
    options = options or ReadOptions()
    import python_calamine as pc

    wb = _guard(lambda: pc.CalamineWorkbook.from_path(str(p)))
    try:
        metas = list(_guard(lambda: wb.sheets_metadata))
        chosen = _choose_sheets(metas, options.sheet)
        scanner = _scanner(fmt)
        tables: list[SourceTable] = []
        empty: list[str] = []
        names = [n for _, n, _ in chosen]
        started = _take_prefetched(p, names)
        # large .xlsx sheets are read in halves, whose writing scans their structure: not scanned again here
        halved = set(halves_wanted(p, [n for n in names if n not in started])) if fmt == "xlsx" else set()
        with ThreadPoolExecutor(max_workers=1) as pool:
            rest = [n for n in names if n not in halved and started.get(n, (None, None))[1] is None]
            fut: Future[dict[str, SheetStructure]] | None = (
                pool.submit(scanner, p, rest) if scanner and rest else None)
            others = [m.name for m in metas if m.name not in set(names)
                      and str(m.typ).endswith("WorkSheet")] if options.sheet is not None else []
            for index, name, meta in chosen:
                if name in halved and scanner is not None:
                    # given up while writing: the whole sheet is parsed, and scanned here
                    started[name] = start_halves(p, name) or (None, scanner(p, [name])[name])
                with gc_paused():
                    tables.extend(_read_sheet(p, wb, fmt, fut, index, name, meta, len(chosen), options, empty, others,
                                              started.get(name)))
    finally:
        wb.close()
    if not tables:
        raise read_error("no-values")
    if empty:
        shown = "、".join(f"「{n}」" for n in empty)
        tables[0].notes.append(ReadNote("empty-sheet", f"シート{shown}には値がないため読みませんでした",
                                        f"sheet(s) {', '.join(empty)} hold no values and were not read",
                                        value=", ".join(empty)))
    return tables


def _read_sheet(p: Path, wb: Any, fmt: str, fut: Future[dict[str, SheetStructure]] | None, index: int, name: str,
                meta: Any, n_sheets: int, options: ReadOptions, empty: list[str],
                others: list[str] | None = None, started: _Started | None = None) -> list[SourceTable]:
    loading, scanned = started or (None, None)
    grid, merges = _load(wb, name, loading)
    if not _has_values(grid):
        empty.append(name)
        return []
    structures = fut.result() if fut is not None and scanned is None else {}
    st = scanned or structures.get(name) or SheetStructure(checked=False, problem=f"no structure scan for {fmt}")
    if not merges and st.merges:
        merges = st.merges       # ODS (calamine has none), or an .xls whose merges only xlrd sees
    hidden = str(getattr(meta, "visible", "")).rsplit(".", 1)[-1] in ("Hidden", "VeryHidden")
    if st.zero_pad:
        _apply_zero_pad(grid, st)
    return _sheet_tables(p, grid, merges or [], st, name, index, n_sheets, hidden, options, fmt, others or [])


def _apply_zero_pad(grid: Grid, st: SheetStructure) -> None:
    """Whole numbers shown with leading zeros by their number format (``000`` shows 1 as ``001``) become the
    text Excel displays, as a CSV export would write it: an ID or a code typed as a number keeps its zeros.
    ``st.zero_pad`` is left with the cells actually changed (for the ``zero-padded`` note)."""
    applied: dict[int, tuple[list[int], int]] = {}
    for c, (rows, width) in st.zero_pad.items():
        done: list[int] = []
        for r in rows:
            if r >= len(grid) or c >= len(grid[r]):
                continue
            v = grid[r][c]
            if (v.__class__ is int or (v.__class__ is float and v.is_integer())) and 0 <= v < 10 ** 15:
                grid[r][c] = str(int(v)).zfill(width)
                done.append(r)
        if done:
            applied[c] = (done, width)
    st.zero_pad = applied


def _sheet_tables(path: Path, grid: Grid, merges: list[Merge], st: SheetStructure, name: str, index: int,
                  n_sheets: int, hidden: bool, options: ReadOptions, fmt: str,
                  others: list[str] | None = None) -> list[SourceTable]:
    zb = _zero_based(options)
    ld = detect_linkdata(grid)
    layouts: list[TableLayout]
    if ld is not None:
        layouts = [linkdata_table(grid, ld, header_rows=zb.get("header_rows"), data_rows=zb.get("data_rows"),
                                  columns=zb.get("columns"))]
    else:
        layouts = find_tables(grid, merges, columns=zb.get("columns"), header_rows=zb.get("header_rows"),
                              data_rows=zb.get("data_rows"))
    if not layouts and ("header_rows" in zb or "data_rows" in zb):
        raise read_error("no-table")
    indices = list(range(len(layouts)))
    if options.table_index is not None and "header_rows" not in zb and "data_rows" not in zb:
        if not 0 <= options.table_index < len(layouts):
            raise read_error("table-not-found", sheet=name, index=options.table_index + 1, count=len(layouts))
        indices = [options.table_index]
    out: list[SourceTable] = []
    for i in indices:
        t = layouts[i]
        rows = table_rows(grid, t)
        notes = list(t.notes)
        notes.extend(column_notes(rows, t.header, t.c0))
        notes.extend(structure_notes(grid, t, st, fmt))
        if options.sheet is not None:
            # a workbook that gains a sheet a month (R6.4, R6.5 …) keeps being read at the recipe's sheet: say so
            also_ja = ("。このブックには他のシート（" + "、".join(f"「{o}」" for o in others[:10])
                       + ("ほか" if len(others) > 10 else "") + "）もあります") if others else ""
            also_en = f"; the workbook also has sheet(s) {', '.join(others[:10])}" if others else ""
            notes.insert(0, ReadNote("sheet-chosen", f"指定どおりシート「{name}」を読みました{also_ja}",
                                     f"read sheet {name!r} as specified{also_en}", value=name))
        elif n_sheets > 1:
            notes.insert(0, ReadNote("sheet", f"シート「{name}」（{n_sheets}シート中{index + 1}番目）の表です",
                                     f"table from sheet {name!r} ({index + 1} of {n_sheets})", value=name))
        if hidden:
            notes.insert(0, ReadNote("hidden-sheet", f"シート「{name}」は非表示のシートです（読み込みました）",
                                     f"sheet {name!r} is hidden (read anyway)", value=name))
        for n in notes:
            n.sheet = name
        skipped = [SkippedRow(r + 1, why, row_text(grid[r]), sheet=name) for r, why in t.skipped]
        header_rows = (t.header_first + 1, t.header_last + 1) if t.header_first >= 0 else (0, 0)
        layout: dict[str, Any] = {"sheet": name, "header_rows": list(header_rows), "data_rows": [t.data_first + 1, t.data_last + 1],
                  "columns": [t.c0 + 1, t.c1 + 1]}
        if len(layouts) > 1:
            layout["table_index"] = i
        out.append(SourceTable(source=str(path), sheet=name, header=t.header, rows=rows, header_rows=header_rows,
                               columns=list(range(t.c0 + 1, t.c1 + 2)), notes=notes, skipped=skipped,
                               layout=layout))
    return out


def _ranges(nums: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for n in sorted(nums):
        if out and n == out[-1][1] + 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return out


def structure_notes(grid: Grid, t: TableLayout, st: SheetStructure, fmt: str) -> list[ReadNote]:
    notes: list[ReadNote] = []
    if not st.checked:
        notes.append(ReadNote("structure-unchecked",
                              "非表示の行・列、数式、表示形式は確認できませんでした（値は読み込みました）",
                              f"hidden rows/columns, formulas and number formats could not be checked ({st.problem})",
                              value=st.problem))
        return notes
    rows_hidden = [r for r in st.hidden_rows if t.top <= r <= t.data_last]
    for a, b in _ranges(rows_hidden):
        span = f"{a + 1}行目" if a == b else f"{a + 1}〜{b + 1}行目"
        span_en = f"row {a + 1}" if a == b else f"rows {a + 1}-{b + 1}"
        notes.append(ReadNote("hidden-row", f"{span}は非表示の行です（値はそのまま読み込みました）",
                              f"{span_en} hidden in the sheet (values read as they are)",
                              row=a + 1, value=f"{a + 1}-{b + 1}"))
    cols_hidden = [c for c in st.hidden_cols if t.c0 <= c <= t.c1]
    for c in sorted(cols_hidden):
        name = t.header[c - t.c0]
        notes.append(ReadNote("hidden-column", f"{column_letter(c)}列（{name}）は非表示の列です（値はそのまま読み込みました）",
                              f"column {column_letter(c)} ({name}) is hidden in the sheet (values read as they are)",
                              column=c + 1, value=name))
    data = set(t.data)
    for c in sorted(st.formulas):
        if not t.c0 <= c <= t.c1:
            continue
        rows = [r for r in st.formulas[c] if r in data]
        if not rows:
            continue
        missing = sum(1 for r in rows if r < len(grid) and c < len(grid[r]) and grid[r][c] in ("", None))
        name = t.header[c - t.c0]
        ja = f"{column_letter(c)}列（{name}）の{len(rows)}セルは数式です。Excelに保存されていた計算結果を使いました"
        en = f"column {column_letter(c)} ({name}): {len(rows)} formula cell(s); the results saved by Excel were used"
        if missing:
            ja += f"。うち{missing}セルは計算結果が保存されていないため空です（Excelで開いて保存し直すと値が入ります）"
            en += f"; {missing} have no saved result and read as empty (open and save the file in Excel)"
        notes.append(ReadNote("formula", ja, en, row=rows[0] + 1, column=c + 1, value=str(len(rows))))
    for c in sorted(st.zero_pad):
        if not t.c0 <= c <= t.c1:
            continue
        rows_p, width = st.zero_pad[c]
        hits = [r for r in rows_p if r in data]
        if not hits:
            continue
        name = t.header[c - t.c0]
        shown = str(grid[hits[0]][c])
        notes.append(ReadNote("zero-padded",
                              f"{column_letter(c)}列（{name}）の{len(hits)}セルは数値ですが、表示形式（{'0' * width}）で"
                              f"先頭に0を付けて表示されています。表示どおりの文字列として読みました（例: {shown}）",
                              f"column {column_letter(c)} ({name}): {len(hits)} number cell(s) displayed with leading "
                              f"zeros by their format ({'0' * width}); read as the text shown (e.g. {shown})",
                              row=hits[0] + 1, column=c + 1, value=shown))
    for c in sorted(st.wareki):
        if not t.c0 <= c <= t.c1:
            continue
        rows_w, code = st.wareki[c]
        hits = [r for r in rows_w if r in data and isinstance(grid[r][c], dt.date | dt.time)]
        if not hits:
            continue
        name = t.header[c - t.c0]
        sample = grid[hits[0]][c]
        shown = sample.isoformat() if isinstance(sample, dt.date | dt.time) else str(sample)
        notes.append(ReadNote("wareki-format",
                              f"{column_letter(c)}列（{name}）の{len(hits)}セルはExcel上で和暦の表示形式（{code}）です。"
                              f"値は西暦の日付として読みました（例: {shown}）",
                              f"column {column_letter(c)} ({name}): {len(hits)} cell(s) displayed in the Japanese era "
                              f"({code}); read as Gregorian dates (e.g. {shown})",
                              row=hits[0] + 1, column=c + 1, value=code))
    return notes

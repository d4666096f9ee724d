"""Structure of a legacy .xls (BIFF) workbook through xlrd ``formatting_info=True``: merged ranges,
hidden rows/columns and 和暦 number formats.  Values always come from python-calamine.

xlrd cannot tell formula cells apart (neither can calamine for .xls), so formulas in .xls are not
reported.  Very large files are not scanned (xlrd's formatting pass is slow); the reader notes that.
"""

from __future__ import annotations

from pathlib import Path

from .header import Merge
from .structure import WAREKI_BUILTIN_IDS, SheetStructure, is_wareki_format, zero_pad_width

MAX_BYTES = 30 * 1024 * 1024


def scan_xls(path: str | Path, sheets: list[str]) -> dict[str, SheetStructure]:
    p = Path(path)
    if p.stat().st_size > MAX_BYTES:
        return {s: SheetStructure(checked=False, problem="file too large for the formatting scan") for s in sheets}
    try:
        import xlrd

        book = xlrd.open_workbook(str(p), formatting_info=True, on_demand=True)
    except Exception as e:  # xlrd raises many kinds on odd files; structure is optional
        return {s: SheetStructure(checked=False, problem=f"{type(e).__name__}: {e}") for s in sheets}
    out: dict[str, SheetStructure] = {}
    try:
        wareki_xf: dict[int, str] = {}
        pad_xf: dict[int, int] = {}
        for i, xf in enumerate(book.xf_list):
            fmt = book.format_map.get(xf.format_key)
            code = fmt.format_str if fmt is not None else ""
            if (code and is_wareki_format(code)) or (not code and xf.format_key in WAREKI_BUILTIN_IDS):
                wareki_xf[i] = code or f"built-in {xf.format_key}"
            elif code and zero_pad_width(code):
                pad_xf[i] = zero_pad_width(code)
        names = book.sheet_names()
        for name in sheets:
            if name not in names:
                out[name] = SheetStructure(checked=False, problem="sheet not found by xlrd")
                continue
            sh = book.sheet_by_name(name)
            st = SheetStructure(hidden=bool(getattr(sh, "visibility", 0)))
            st.merges = [Merge(rlo, clo, rhi - 1, chi - 1) for rlo, rhi, clo, chi in sh.merged_cells]
            st.hidden_rows = {r for r, info in sh.rowinfo_map.items() if getattr(info, "hidden", 0)}
            st.hidden_cols = {c for c, info in sh.colinfo_map.items() if getattr(info, "hidden", 0)}
            if wareki_xf or pad_xf:
                for r in range(sh.nrows):
                    for c in range(sh.row_len(r)):
                        xf_index = sh.cell_xf_index(r, c)
                        if xf_index in wareki_xf and sh.cell_type(r, c) == xlrd.XL_CELL_DATE:
                            st.add_wareki(r, c, wareki_xf[xf_index])
                        elif xf_index in pad_xf and sh.cell_type(r, c) == xlrd.XL_CELL_NUMBER:
                            st.add_zero_pad(r, c, pad_xf[xf_index])
            out[name] = st
            book.unload_sheet(name)
    except Exception as e:
        for name in sheets:
            out.setdefault(name, SheetStructure(checked=False, problem=f"{type(e).__name__}: {e}"))
    finally:
        book.release_resources()
    return out

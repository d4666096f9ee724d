"""Structure of an OpenDocument spreadsheet (.ods): merged ranges, hidden rows/columns and formula
cells, streamed out of ``content.xml`` (python-calamine gives the values but no merged ranges for
ODS).  Repeated rows/columns (``number-rows-repeated``) are expanded only where they carry
something we report, so the usual trailing block of a million empty rows costs nothing.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from .header import Merge
from .structure import SheetStructure

_T = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
TABLE, ROW, COL, CELL, COVERED = (f"{{{_T}}}{n}" for n in
                                  ("table", "table-row", "table-column", "table-cell", "covered-table-cell"))
NAME, REP_R, REP_C = f"{{{_T}}}name", f"{{{_T}}}number-rows-repeated", f"{{{_T}}}number-columns-repeated"
SPAN_R, SPAN_C = f"{{{_T}}}number-rows-spanned", f"{{{_T}}}number-columns-spanned"
VIS, FORMULA = f"{{{_T}}}visibility", f"{{{_T}}}formula"
MAX_EXPAND = 10000


def _int(v: str | None) -> int:
    try:
        return max(1, int(v or "1"))
    except ValueError:
        return 1


def scan_ods(path: str | Path, sheets: list[str]) -> dict[str, SheetStructure]:
    out: dict[str, SheetStructure] = {}
    wanted = set(sheets)
    try:
        with zipfile.ZipFile(path) as z, z.open("content.xml") as fh:
            st: SheetStructure | None = None
            row = col = ncol = 0
            row_rep, row_hidden = 1, False
            for event, el in ET.iterparse(fh, events=("start", "end")):
                tag = el.tag
                if event == "start":
                    if tag == TABLE:
                        name = el.get(NAME, "")
                        st = SheetStructure(merges=[]) if name in wanted else None
                        if st is not None:
                            out[name] = st
                        row = ncol = 0
                    elif st is None:
                        continue
                    elif tag == COL:
                        rep = _int(el.get(REP_C))
                        if el.get(VIS) in ("collapse", "filter") and rep <= MAX_EXPAND:
                            st.hidden_cols.update(range(ncol, ncol + rep))
                        ncol += rep
                    elif tag == ROW:
                        row_rep = _int(el.get(REP_R))
                        row_hidden = el.get(VIS) in ("collapse", "filter")
                        col = 0
                    elif tag in (CELL, COVERED):
                        rep = _int(el.get(REP_C))
                        if tag == CELL:
                            rs, cs = _int(el.get(SPAN_R)), _int(el.get(SPAN_C))
                            if (rs > 1 or cs > 1) and st.merges is not None:
                                st.merges.append(Merge(row, col, row + rs - 1, col + cs - 1))
                            if el.get(FORMULA) and rep <= MAX_EXPAND and row_rep <= MAX_EXPAND:
                                for rr in range(row, row + row_rep):
                                    for cc in range(col, col + rep):
                                        st.add_formula(rr, cc)
                        col += rep
                else:
                    if tag == ROW and st is not None:
                        if row_hidden and row_rep <= MAX_EXPAND:
                            st.hidden_rows.update(range(row, row + row_rep))
                        row += row_rep
                    if tag in (ROW, TABLE):
                        el.clear()
    except (zipfile.BadZipFile, KeyError, ET.ParseError, OSError) as e:
        for name in sheets:
            out.setdefault(name, SheetStructure(checked=False, problem=str(e)))
    for name in sheets:
        out.setdefault(name, SheetStructure(checked=False, problem="sheet not found in content.xml"))
    return out

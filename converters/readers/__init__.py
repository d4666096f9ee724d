"""Readers: turn a legacy file (CSV/TSV, .xlsx/.xlsm/.xlsb, .xls, .ods) into ``SourceTable``s.

``read_tables(path, options)`` decides the format from the file's first bytes, then its extension
(``sniff.sniff_format``), refuses what cannot be read with a specific ``ReadError`` (encrypted,
corrupt, PDF, image, empty, undecodable …) and hands over to ``csv_reader`` or ``excel``.
Nothing is written anywhere, on success or on error.
"""

from __future__ import annotations

from pathlib import Path

from .base import CellValue, ReadError, ReadNote, ReadOptions, SkippedRow, SourceRow, SourceTable

__all__ = [
    "CellValue",
    "ReadError",
    "ReadNote",
    "ReadOptions",
    "SkippedRow",
    "SourceRow",
    "SourceTable",
    "read_tables",
]

_WORKBOOK_EXT = {".xlsx", ".xlsm", ".xlsb", ".xls", ".xlt", ".xltx", ".ods"}


def read_tables(path: str | Path, options: ReadOptions | None = None, *, background: bool = False) -> list[SourceTable]:
    """Every table found in the file (one for a CSV; one or more per sheet for a workbook).

    ``background``: see ``read_csv`` (the caller settles or cancels ``table.pending``)."""
    # imported here, not at the top: the validator imports converters.readers.encoding, and the package
    # import would otherwise load both readers and their layout code (about 0.1 s) for nothing
    from .csv_reader import read_csv
    from .errors import read_error
    from .excel import read_workbook
    from .sniff import sniff_format

    p = Path(path)
    options = options or ReadOptions()
    fmt = sniff_format(p)
    if fmt == "csv":
        note = None
        if p.suffix.lower() in _WORKBOOK_EXT:
            note = ReadNote("format-mismatch",
                            f"拡張子は「{p.suffix}」ですが、中身は文字のファイル（CSV）なのでCSVとして読みました",
                            f"the extension is {p.suffix!r} but the content is text: read as CSV", value=p.suffix)
        try:
            return [read_csv(p, options, fmt_note=note, background=background)]
        except ReadError as e:
            if p.suffix.lower() in _WORKBOOK_EXT and e.code in ("binary", "undecodable"):
                raise read_error("corrupt-workbook", detail="neither a workbook nor text") from e
            raise
    return read_workbook(p, fmt, options)

"""Decide what a file is from its first bytes, then its extension.

Magic bytes win over the extension: a CSV renamed .xls, or an .xlsx renamed .csv, is read as what
it is.  Anything that is not a spreadsheet (PDF, images, Word, HTML, encrypted Office files) is
refused with a specific ``ReadError`` before any reader runs.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from . import ole
from .errors import read_error

TEXT_EXTENSIONS = {".csv", ".tsv", ".txt", ".tab", ".dat"}
_IMAGES = [
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
]


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "[Content_Types].xml" in names and re.search(
                    rb"spreadsheetml\.sheet\.main\+xml|ms-excel\.sheet\.macroEnabled\.main\+xml",
                    z.read("[Content_Types].xml")):
                return "xlsx"           # a workbook part under another name: calamine follows the relationships
            if "xl/workbook.bin" in names:
                return "xlsb"
            if "mimetype" in names:
                mt = z.read("mimetype").strip()
                if mt == b"application/vnd.oasis.opendocument.spreadsheet":
                    return "ods"
                raise read_error("word", kind=mt.decode("ascii", "replace"))
            if any(n.startswith("word/") for n in names):
                raise read_error("word", kind="Word (.docx)")
            if any(n.startswith("ppt/") for n in names):
                raise read_error("word", kind="PowerPoint (.pptx)")
    except zipfile.BadZipFile as e:
        raise read_error("corrupt-zip", detail=str(e)) from e
    except (zipfile.LargeZipFile, NotImplementedError, OSError, EOFError) as e:
        raise read_error("corrupt-zip", detail=str(e)) from e
    raise read_error("zip-not-workbook")


def _looks_like_markup(head: bytes) -> str | None:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"\xff\xfe") or start.startswith(b"\xfe\xff"):
        start = start.decode("utf-16", "ignore").encode("ascii", "ignore").lower().lstrip()
    if start.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")):
        return "html"
    if start.startswith(b"<?xml"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in head:
            return "xml-spreadsheet"
        if b"<html" in head[:2048]:
            return "html"
    return None


def sniff_format(path: str | Path) -> str:
    """Return 'csv' | 'xlsx' | 'xlsb' | 'xls' | 'ods', or raise ReadError."""
    p = Path(path)
    if not p.is_file():
        raise read_error("not-found", path=str(p))
    with p.open("rb") as f:
        head = f.read(4096)
    if not head:
        raise read_error("empty")
    if head.startswith(b"%PDF-"):
        raise read_error("pdf")
    for magic, kind in _IMAGES:
        if head.startswith(magic):
            raise read_error("image", kind=kind)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        raise read_error("image", kind="WebP")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(p)
    if head.startswith(ole.OLE_MAGIC):
        kind = ole.classify(p)
        if kind == "encrypted":
            raise read_error("encrypted")
        if kind == "word":
            raise read_error("word", kind="Word (.doc)")
        if kind == "powerpoint":
            raise read_error("word", kind="PowerPoint (.ppt)")
        if kind == "unknown" and p.suffix.lower() not in (".xls", ".xlt"):
            raise read_error("ole-unknown")
        return "xls"
    if p.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods", ".xlsb") and head[:2] == b"PK":
        raise read_error("corrupt-zip", detail="bad ZIP header")
    markup = _looks_like_markup(head)
    if markup:
        raise read_error(markup)
    # A workbook extension on something that is neither ZIP nor text.
    if (p.suffix.lower() in (".xlsx", ".xlsm", ".ods", ".xlsb") and b"\x00" in head
            and not head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise read_error("corrupt-zip", detail="not a ZIP file")
    return "csv"

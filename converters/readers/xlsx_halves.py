"""A large .xlsx worksheet parsed by python-calamine in two threads at once, each from half of its rows.

python-calamine parses a worksheet in one thread (in Rust, without holding the GIL) and can only parse a
whole sheet.  The machines ``opendata convert`` runs on have two CPUs or more, and a 200k-row sheet takes
seconds to parse, so a large sheet is cut in two: its XML is inflated once, in chunks, and written into two
uncompressed copies of the workbook, the first holding the rows up to a ``<row>`` tag past the middle of the
XML, the second the rows from that tag on (the head of the sheet XML goes to both, its tail, with the merged
ranges, to the second; the first is closed right after its rows, so that its parse starts while the second
half is still being written).  calamine parses the two copies in two threads, and the second copy's rows,
which keep their ``r`` row numbers, are appended to the first's: the grid is the one a whole parse gives
(blank rows between the halves included).  Shared strings, styles (dates) and the workbook's settings (the 1904 date system) are in
both copies; the other worksheets become empty ones, as they are not read.

Anything unusual gives up quietly (``None``) and the caller parses the whole sheet as before: a sheet below
the size threshold, rows written without ``r`` numbers at the cut, rows out of order, no room for the copies,
any error (a broken file is then reported by the whole parse).  ``OPENDATA_SPLIT`` (auto | always | off) is
the switch the two-process conversion uses too.

Written by hand: no library parses part of a worksheet; the XML itself is still parsed only by calamine.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any

from converters.cpus import split_wanted

from .gcpause import gc_paused
from .structure import SheetStructure

MIN_XML_BYTES = 16 << 20        # the sheet XML's size from which two parses are used: about 20k rows of 16 columns
                                # (measured, bench files: 8 MiB 0.16 s against 0.18 s whole, 21 MiB 0.45 against 0.58,
                                # 42 MiB 0.98 against 1.27; below, the gain is a few hundredths of a second)
CHUNK = 8 << 20                # few GIL hand-overs: between chunks the thread waits for the GIL (the imports run meanwhile)
_SHM = "/dev/shm"
_PREFIX = "opendata-xlsx-"
STALE_SECONDS = 6 * 3600
_SHEETDATA_OPEN = re.compile(rb"<(\w+:)?sheetData\b[^>]*>")
_SHEETDATA_CLOSE = re.compile(rb"</(?:\w+:)?sheetData\s*>")
_ROW_OPEN = re.compile(rb"<(?:\w+:)?row[\s>/]")
_ROOT_OPEN = re.compile(rb"<((?:\w+:)?worksheet)\b")
_ROW_NUMBER = re.compile(rb"""\sr\s*=\s*["'](\d+)["']""")
_KEEP = 512                     # bytes held back between chunks so that a tag cut by a chunk's end is still found
_EMPTY_SHEET = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>')

Grid = list[list[Any]]


class _GiveUp(Exception):
    pass


def read_sheet(path: Path, name: str) -> tuple[Grid, Any] | None:
    """The sheet's values (``to_python(skip_empty_area=False)``) and merged ranges, parsed in two halves, or
    ``None`` when the sheet is small, one CPU is all there is, or anything is unusual."""
    started = start(path, name)
    return None if started is None else started[0].result()


def wanted(path: Path, names: list[str]) -> list[str]:
    """The sheets among ``names`` large enough to be read in halves (``OPENDATA_SPLIT``, two CPUs)."""
    from .xlsx_scan import sheet_parts

    try:
        with zipfile.ZipFile(path) as z:
            parts = sheet_parts(z)
            return [n for n in names if (part := parts.get(n)) is not None and part.endswith(".xml")
                    and part in z.NameToInfo and split_wanted(z.getinfo(part).file_size, MIN_XML_BYTES)]
    except Exception:       # not a readable .xlsx: the whole parse reports it
        return []


def start(path: Path, name: str) -> tuple[Future[tuple[Grid, Any] | None], SheetStructure] | None:
    """Write the two copies here and now and parse them in two threads (the first while the second is being
    written); the future gives what ``read_sheet`` gives.  The sheet's structure (``xlsx_scan``) is scanned
    from the same inflated chunks and returned beside it.  ``None``: not worth it, or given up while writing.

    The copies are written in the calling thread: in a thread of their own, writing waited for the GIL after
    every inflated chunk while ``opendata convert`` imported its modules (1.5 s instead of 0.7 s); the parses
    themselves hold the GIL only to make the Python values."""
    from .xlsx_scan import SheetScanner, sheet_parts, wareki_styles

    tmp: str | None = None
    first: Future[tuple[Grid, Any, tuple[int, int]]] | None = None
    pool = ThreadPoolExecutor(max_workers=2)
    try:
        with zipfile.ZipFile(path) as z:
            parts = sheet_parts(z)
            part = parts.get(name)
            if part is None or not part.endswith(".xml") or part not in z.NameToInfo:     # .xlsb parts are binary
                return None
            if not split_wanted(z.getinfo(part).file_size, MIN_XML_BYTES):
                return None
            tmp = tempfile.mkdtemp(prefix=_PREFIX, dir=_temp_root(z.getinfo(part).file_size))
            halves = _Halves(z, part, set(parts.values()), Path(tmp))
            scanner = SheetScanner(wareki_styles(z))

            def first_written(p: Path) -> None:
                nonlocal first
                first = pool.submit(_load, p, name, True)

            halves.write(first_written, scanner.feed)
            structure = scanner.close()
        assert first is not None
        fut = pool.submit(_second, halves.second, name, first, tmp)
        tmp = None                  # removed by _second
        return fut, structure
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:       # _GiveUp, a zip or disk problem (calamine's errors come in _second)
        return None
    finally:
        pool.shutdown(wait=False)
        if tmp is not None:
            if first is not None:
                with contextlib.suppress(BaseException):
                    first.result()      # the first copy's parse finishes before its file goes
            shutil.rmtree(tmp, ignore_errors=True)


def _second(second: Path, name: str, first: Future[tuple[Grid, Any, tuple[int, int]]],
            tmp: str) -> tuple[Grid, Any] | None:
    try:
        try:
            rest, merged, (row0, col0) = _load(second, name, False)
        finally:
            with contextlib.suppress(BaseException):
                first.result()      # both parses are over before the copies are removed
        grid, _, _ = first.result()
        return _join(grid, rest, row0, col0), merged
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:       # calamine's errors and panics (BaseExceptions), rows out of order:
        return None             # the whole parse runs instead and reports a broken file
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _close(buf: bytes) -> re.Match[bytes] | None:
    """The ``</sheetData>`` tag in ``buf``; the regular expression only runs where the name is (it would try a
    match at every ``</`` of the XML: 0.6 s over a 180 MB sheet, against 0.08 s for ``find``)."""
    return _SHEETDATA_CLOSE.search(buf) if buf.find(b"sheetData") >= 0 else None


def _temp_root(xml_bytes: int) -> str | None:
    """Where the copies go: the RAM-backed /dev/shm when it has room for them (writing 180 MB there takes 0.1 s;
    to a disk's page cache 0.2-0.8 s here, slower when the kernel throttles dirty pages), else the temp dir."""
    try:
        _sweep(_SHM)
        if shutil.disk_usage(_SHM).free > 2 * xml_bytes + (256 << 20):
            return _SHM
    except OSError:
        pass
    return None


def _sweep(root: str) -> None:
    """Remove copies left in ``root`` by a process killed while writing them (a copy is unlinked as soon as
    calamine has opened it, but not before): in /dev/shm they would hold memory until a reboot.  Only folders
    untouched for STALE_SECONDS, far longer than any parse, so another process's copies are never taken."""
    now = time.time()
    with os.scandir(root) as entries:
        for e in entries:
            if e.name.startswith(_PREFIX) and e.is_dir(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    if now - e.stat(follow_symlinks=False).st_mtime > STALE_SECONDS:
                        shutil.rmtree(e.path, ignore_errors=True)


def _load(p: Path, name: str, whole_area: bool) -> tuple[Grid, Any, tuple[int, int]]:
    import python_calamine as pc

    wb = pc.CalamineWorkbook.from_path(str(p))
    # calamine holds the file open: its name goes now, so that a process killed while parsing leaves no copy
    # behind (in /dev/shm it would hold memory until a reboot)
    p.unlink()
    try:
        sheet = wb.get_sheet_by_name(name)
        with gc_paused():
            grid: Grid = sheet.to_python(skip_empty_area=not whole_area)     # type: ignore[assignment]
        return grid, sheet.merged_cell_ranges, tuple(sheet.start or (0, 0))     # type: ignore[return-value]
    finally:
        wb.close()


def _join(grid: Grid, rest: Grid, row0: int, col0: int) -> Grid:
    """The first half's grid (from A1) with the second half's rows (starting at row ``row0``, column ``col0``)
    placed after it, every row as wide as the widest."""
    if not rest:
        return grid
    if row0 < len(grid):
        raise _GiveUp("rows out of order")
    width = max(len(grid[0]) if grid else 0, col0 + len(rest[0]))
    if grid and len(grid[0]) < width:
        pad = [""] * (width - len(grid[0]))
        for row in grid:
            row.extend(pad)
    grid.extend([""] * width for _ in range(row0 - len(grid)))
    if col0 or col0 + len(rest[0]) < width:
        left, right = [""] * col0, [""] * (width - col0 - len(rest[0]))
        rest = [left + row + right for row in rest]
    grid.extend(rest)
    return grid


class _Halves:
    """Writes the two uncompressed copies of the workbook.  The sheet XML is streamed: its head (through
    ``<sheetData>``) goes to both copies; the rows before the first ``<row`` tag past the middle of the XML to the
    first, which is then closed (``</sheetData>`` and the root's end tag) and handed over to be parsed; the rows
    from that tag on, and the tail (from ``</sheetData>``: the merged ranges), to the second."""

    def __init__(self, z: zipfile.ZipFile, part: str, sheets: set[str], tmp: Path):
        self.z, self.part, self.size = z, part, z.getinfo(part).file_size
        self.first, self.second = tmp / "first.xlsx", tmp / "second.xlsx"
        self.others = [(info.filename, _EMPTY_SHEET if info.filename in sheets else z.read(info))
                       for info in z.infolist() if not info.is_dir() and info.filename != part]

    def _open(self, path: Path) -> tuple[zipfile.ZipFile, IO[bytes]]:
        out = zipfile.ZipFile(path, "w", zipfile.ZIP_STORED)
        for filename, data in self.others:
            out.writestr(filename, data)
        return out, out.open(self.part, "w", force_zip64=True)

    def write(self, first_written: Callable[[Path], None], seen: Callable[[bytes], None]) -> None:
        """Write both copies; ``first_written(path)`` is called as soon as the first is complete, ``seen(chunk)``
        with every chunk of the sheet XML in order."""
        za, a = self._open(self.first)
        zb, b = self._open(self.second)
        try:
            with self.z.open(self.part) as src:
                def more() -> bytes:
                    chunk = src.read(CHUNK)
                    if chunk:
                        seen(chunk)
                    return chunk

                # the head, through <sheetData>, to both copies
                buf = b""
                while (m := _SHEETDATA_OPEN.search(buf)) is None:
                    if not (chunk := more()):
                        raise _GiveUp("no sheetData")
                    buf += chunk
                root = _ROOT_OPEN.search(buf, 0, m.start())
                if m.group().endswith(b"/>") or root is None:
                    raise _GiveUp("no rows or no worksheet element")
                end_tags = b"</" + (m.group(1) or b"") + b"sheetData></" + root.group(1) + b">"
                a.write(buf[:m.end()])
                b.write(buf[:m.end()])
                done, buf = m.end(), buf[m.end():]      # done: bytes of the XML before buf
                # the rows before the first <row> tag past the middle to the first copy, closed there
                while True:
                    middle = max(0, self.size // 2 - done)
                    close = _close(buf)
                    row = _ROW_OPEN.search(buf, middle) if middle < len(buf) else None
                    if close is not None and (row is None or close.start() < row.start()):
                        raise _GiveUp("no row past the middle")
                    if row is not None and (gt := buf.find(b">", row.start())) >= 0:
                        break
                    if not (chunk := more()):
                        raise _GiveUp("the sheet XML ended inside its rows")
                    # bytes before the middle, and before a row tag whose end is still to come, go out now
                    keep = min(len(buf) - _KEEP, middle, row.start() if row is not None else len(buf))
                    if keep > 0:
                        a.write(buf[:keep])
                        done, buf = done + keep, buf[keep:]
                    buf += chunk
                if _ROW_NUMBER.search(buf, row.start(), gt) is None:
                    raise _GiveUp("the row at the cut has no r number")
                a.write(buf[:row.start()])
                a.write(end_tags)
                a.close()
                za.close()
                first_written(self.first)
                # the rest, the tail with the merged ranges included, to the second copy
                b.write(buf[row.start():])
                while chunk := more():
                    b.write(chunk)
        finally:
            for f in (a, za, b, zb):
                f.close()

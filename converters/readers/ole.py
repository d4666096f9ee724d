"""List the stream names of an OLE compound file (legacy .xls/.doc, and encrypted OOXML).

Only what format detection needs: the names in the directory.  An encrypted .xlsx/.docx is an
OLE file holding ``EncryptionInfo`` and ``EncryptedPackage`` streams (MS-OFFCRYPTO); a legacy
workbook holds ``Workbook`` (BIFF8) or ``Book`` (BIFF5).  Defensive against corrupt input:
every sector number is bounds-checked and chains are cut at a fixed length.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END = 0xFFFFFFFE
_MAX_CHAIN = 1 << 20


class OleError(Exception):
    pass


def _sector(f: BinaryIO, n: int, size: int, file_size: int) -> bytes:
    off = (n + 1) * size
    if n >= 0xFFFFFFFA or off >= file_size:  # (the last sector may be short)
        raise OleError(f"sector {n} out of range")
    f.seek(off)
    return f.read(size)


def stream_names(path: str | Path) -> list[str]:
    """Names of all directory entries (streams and storages), root excluded."""
    p = Path(path)
    file_size = p.stat().st_size
    with p.open("rb") as f:
        header = f.read(512)
        if len(header) < 512 or not header.startswith(OLE_MAGIC):
            raise OleError("not an OLE compound file")
        shift = struct.unpack_from("<H", header, 0x1E)[0]
        if shift not in (9, 12):
            raise OleError(f"bad sector shift {shift}")
        size = 1 << shift
        n_fat, first_dir = struct.unpack_from("<II", header, 0x2C)
        first_difat, n_difat = struct.unpack_from("<II", header, 0x44)
        fat_sectors = [s for s in struct.unpack_from("<109I", header, 0x4C) if s < 0xFFFFFFFA]
        nxt, seen = first_difat, 0
        while nxt < 0xFFFFFFFA and seen < n_difat and seen < _MAX_CHAIN:
            data = _sector(f, nxt, size, file_size)
            vals = struct.unpack(f"<{size // 4}I", data.ljust(size, b"\xff"))
            fat_sectors += [s for s in vals[:-1] if s < 0xFFFFFFFA]
            nxt, seen = vals[-1], seen + 1
        if n_fat:
            fat_sectors = fat_sectors[:n_fat]
        fat: list[int] = []
        for s in fat_sectors:
            data = _sector(f, s, size, file_size).ljust(size, b"\xff")
            fat.extend(struct.unpack(f"<{size // 4}I", data))
        names: list[str] = []
        sec, steps = first_dir, 0
        while sec != _END and steps < _MAX_CHAIN:
            if sec >= len(fat) and sec != first_dir:
                raise OleError(f"directory chain leaves the FAT at {sec}")
            data = _sector(f, sec, size, file_size)
            for i in range(0, len(data) - 127, 128):
                entry = data[i:i + 128]
                name_len = struct.unpack_from("<H", entry, 0x40)[0]
                kind = entry[0x42]
                if kind in (1, 2) and 2 <= name_len <= 64:
                    names.append(entry[: name_len - 2].decode("utf-16-le", errors="replace"))
            if sec >= len(fat):
                break
            sec, steps = fat[sec], steps + 1
        return names


def classify(path: str | Path) -> str:
    """'encrypted' | 'xls' | 'word' | 'powerpoint' | 'unknown' for an OLE file."""
    try:
        names = {n.lower() for n in stream_names(path)}
    except (OleError, struct.error, OSError):
        return "unknown"
    if "encryptioninfo" in names or "encryptedpackage" in names:
        return "encrypted"
    if "workbook" in names or "book" in names:
        return "xls"
    if "worddocument" in names:
        return "word"
    if "powerpoint document" in names:
        return "powerpoint"
    return "unknown"

"""Derived downloads written in one pass over the converted CSV: JSON and GeoJSON (streamed, so memory
does not grow with the file), plus the byte-level CSV variants (without / with BOM)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .files import CHUNK, HashingWriter
from .rows import to_number, typed

BOM = b"\xef\xbb\xbf"
FLUSH = 1 << 20
LAT, LON = "緯度", "経度"


def read_header(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return next(csv.reader(f), [])


def iter_rows(path: Path) -> Iterator[list[str]]:
    """The data rows (after the header), padded / cut to the header's width (UTF-8, BOM ignored)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None:
            return
        width = len(header)
        for r in reader:
            if not r or (len(r) == 1 and r[0] == "" and width > 1):
                continue                          # an empty line
            if len(r) != width:
                r = (r + [""] * width)[:width]
            yield r


def copy_csv(src: Path, w: HashingWriter, bom: bool) -> None:
    """The CSV bytes unchanged, except that a BOM is removed (standard) or added (for Excel)."""
    with open(src, "rb") as f:
        head = f.read(3)
        if bom:
            w.write(BOM)
        if head != BOM:
            w.write(head)
        while chunk := f.read(CHUNK):
            w.write(chunk)


def has_coordinates(header: Sequence[str]) -> bool:
    return LAT in header and LON in header


class _Buffered:
    def __init__(self, w: HashingWriter):
        self.w = w
        self.buf = io.StringIO()
        self.n = 0

    def write(self, s: str) -> None:
        self.buf.write(s)
        if self.buf.tell() >= FLUSH:
            self.flush()

    def flush(self) -> None:
        self.w.write(self.buf.getvalue().encode("utf-8"))
        self.buf = io.StringIO()


def _dump(x: Any) -> str:
    return json.dumps(x, ensure_ascii=False, separators=(",", ":"))


class JsonExport:
    """``{"dataset", "title", …, "fields": [{name, type}], "records": [{column: value}, …]}``."""

    def __init__(self, w: HashingWriter, head: dict[str, Any], columns: Sequence[dict[str, Any]]):
        self.out = _Buffered(w)
        self.names = [c["name"] for c in columns]
        self.types = [c.get("type", "string") for c in columns]
        d = dict(head)
        d["fields"] = [{"name": c["name"], "type": c.get("type", "string")} for c in columns]
        text = json.dumps(d, ensure_ascii=False, indent=1)
        self.out.write(text[:-2] + ',\n "records": [')
        self.first = True

    def add(self, values: Sequence[str]) -> None:
        rec = {n: typed(v, t) for n, v, t in zip(self.names, values, self.types, strict=True)}
        self.out.write(("\n  " if self.first else ",\n  ") + _dump(rec))
        self.first = False

    def close(self) -> None:
        self.out.write("\n ]\n}\n")
        self.out.flush()


class GeoJsonExport:
    """RFC 7946 FeatureCollection; a row without usable coordinates is a Feature with ``geometry: null``."""

    def __init__(self, w: HashingWriter, head: dict[str, Any], columns: Sequence[dict[str, Any]]):
        self.out = _Buffered(w)
        self.names = [c["name"] for c in columns]
        self.types = [c.get("type", "string") for c in columns]
        self.lat = self.names.index(LAT)
        self.lon = self.names.index(LON)
        d = {"type": "FeatureCollection", **head}
        text = json.dumps(d, ensure_ascii=False, indent=1)
        self.out.write(text[:-2] + ',\n "features": [')
        self.first = True

    def add(self, values: Sequence[str]) -> None:
        lat, lon = to_number(values[self.lat].strip()), to_number(values[self.lon].strip())
        geom = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
        props = {n: typed(v, t) for n, v, t in zip(self.names, values, self.types, strict=True)}
        self.out.write(("\n  " if self.first else ",\n  ") +
                       _dump({"type": "Feature", "geometry": geom, "properties": props}))
        self.first = False

    def close(self) -> None:
        self.out.write("\n ]\n}\n")
        self.out.flush()

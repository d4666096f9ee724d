"""Content-addressed, immutable file storage: ``<root>/ab/cd/<sha256>``.

Several application servers may share the directory (NFS and the like): a file is written to a unique
temporary name under ``<root>/tmp`` on the same file system, then hard-linked to its final name, which
never overwrites (the content is identical anyway) and is atomic.  Stored files are made read-only.
Nothing is ever modified in place; a file no version refers to is an orphan a later sweep may remove.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20


@dataclass(frozen=True)
class Blob:
    sha256: str
    size: int


class HashingWriter:
    """A binary file object that hashes and counts what is written to it."""

    def __init__(self, f: BinaryIO):
        self._f = f
        self._h = hashlib.sha256()
        self.size = 0
        self.blob: Blob | None = None      # set once the file is stored

    def write(self, data: bytes) -> int:
        self._h.update(data)
        self.size += len(data)
        return self._f.write(data)

    def hexdigest(self) -> str:
        return self._h.hexdigest()


class FileStore:
    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.tmp = self.root / "tmp"

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError(f"not a sha256: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def size(self, sha256: str) -> int:
        return self.path(sha256).stat().st_size

    @contextlib.contextmanager
    def writer(self) -> Iterator[HashingWriter]:
        """Write a new file; on leaving the block it is stored and ``w.blob`` is set."""
        self.tmp.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=self.tmp, prefix="put-")
        tmp = Path(name)
        try:
            with os.fdopen(fd, "wb") as f:
                w = HashingWriter(f)
                yield w
                f.flush()
                os.fsync(f.fileno())
            w.blob = self._ingest(tmp, w.hexdigest(), w.size)
        finally:
            tmp.unlink(missing_ok=True)

    def put_file(self, src: str | Path) -> Blob:
        with self.writer() as w, open(src, "rb") as f:
            while chunk := f.read(CHUNK):
                w.write(chunk)
        assert w.blob is not None
        return w.blob

    def put_bytes(self, data: bytes) -> Blob:
        with self.writer() as w:
            w.write(data)
        assert w.blob is not None
        return w.blob

    def _ingest(self, tmp: Path, sha256: str, size: int) -> Blob:
        dest = self.path(sha256)
        if not dest.is_file():
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.chmod(tmp, 0o444)
            try:
                os.link(tmp, dest)
            except FileExistsError:
                pass
            except OSError:               # a file system without hard links
                os.replace(tmp, dest)
        return Blob(sha256, size)

    def open(self, sha256: str) -> BinaryIO:
        return open(self.path(sha256), "rb")

    def verify(self, sha256: str) -> bool:
        h = hashlib.sha256()
        with self.open(sha256) as f:
            while chunk := f.read(CHUNK):
                h.update(chunk)
        return h.hexdigest() == sha256


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()

"""Content-addressed file storage: sha256 names, deduplication, immutability, concurrent writers."""

from __future__ import annotations

import hashlib
import os
import stat
import threading
from pathlib import Path

import pytest

from opendata.store.files import FileStore


def test_put_is_content_addressed_and_deduplicated(tmp_path: Path) -> None:
    fs = FileStore(tmp_path / "files")
    src = tmp_path / "a.csv"
    src.write_bytes("名称\r\n鳥取砂丘\r\n".encode())
    b1 = fs.put_file(src)
    b2 = fs.put_bytes(src.read_bytes())
    assert b1 == b2 and b1.sha256 == hashlib.sha256(src.read_bytes()).hexdigest() and b1.size == src.stat().st_size
    p = fs.path(b1.sha256)
    assert p == tmp_path / "files" / b1.sha256[:2] / b1.sha256[2:4] / b1.sha256
    assert p.read_bytes() == src.read_bytes() and fs.verify(b1.sha256)
    assert not stat.S_IMODE(p.stat().st_mode) & 0o222                 # read-only
    assert [x for x in (tmp_path / "files" / "tmp").iterdir()] == []   # no temporary file left behind
    files = [x for x in (tmp_path / "files").rglob("*") if x.is_file()]
    assert files == [p]


def test_a_stored_file_is_never_overwritten(tmp_path: Path) -> None:
    fs = FileStore(tmp_path)
    b = fs.put_bytes(b"original")
    before = os.stat(fs.path(b.sha256)).st_ino
    fs.put_bytes(b"original")
    assert os.stat(fs.path(b.sha256)).st_ino == before


def test_failed_write_leaves_nothing(tmp_path: Path) -> None:
    fs = FileStore(tmp_path)
    with pytest.raises(RuntimeError), fs.writer() as w:
        w.write(b"half")
        raise RuntimeError("disk full")
    assert [x for x in tmp_path.rglob("*") if x.is_file()] == []


def test_concurrent_writers_of_the_same_content(tmp_path: Path) -> None:
    """Several app servers sharing the directory may store the same file at the same time."""
    fs = FileStore(tmp_path)
    data = os.urandom(1 << 20)
    out = []

    def put() -> None:
        out.append(fs.put_bytes(data))

    threads = [threading.Thread(target=put) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({b.sha256 for b in out}) == 1 and fs.verify(out[0].sha256)


def test_rejects_paths_that_are_not_hashes(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        FileStore(tmp_path).path("../../etc/passwd")

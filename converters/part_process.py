"""The second half of a large table converted in a forked process, while this one converts the first half.

``opendata convert`` of a large file is CPU-bound in one process, and the machines it runs on have two CPUs
or more.  The columnar engine (pipeline_columnar) converts a table in groups of rows whose results do not
depend on each other, apart from three things it carries from group to group: the previous output row
(同上 / 〃 and the rules that need the row above), the footer rule's records held back after a blank line,
and the counters (changes, issues, accounting, samples).  So the table is cut in two: a forked child
converts the second part into files of its own, starting with no previous row; the parent converts the
first part, then takes the child's part only when nothing the child did depended on what it could not know
(its first row needed no previous row, the first part did not end after a blank line or holding records,
and the child started at the record number the parent reached).  Otherwise the parent converts the second
part itself, as before.  The output, logs and counts are byte for byte those of one process
(tests/convert/test_columnar_equivalence.py runs with the split forced).

``fork`` (not a new interpreter) because the child needs the whole converter state, mapping and caches
included, which a fresh process would rebuild or unpickle at a cost close to the work saved.  The child
never touches the parent's open files or observers, and leaves with ``os._exit``.

Written by hand: this is a detail of our own engine, no library does it.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import shutil
import signal
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from converters.cpus import SPLIT_ENV, split_wanted

ENV = SPLIT_ENV
MIN_BYTES = 48 << 20            # a CSV's data bytes from which the split pays (measured: below, the fork's copy-on-write
                                # faults and the merge cost about what the second CPU gains, the whole-file child and
                                # the validating process competing for it)
MIN_ROWS = 60_000               # a workbook table's rows from which it pays
FRACTION = 0.5                  # the parent's share (it also writes the header and merges the child's part)


def wanted(amount: int, minimum: int) -> bool:
    return hasattr(os, "fork") and split_wanted(amount, minimum)


class Part:
    """The parent's handle on the child converting the second part."""

    def __init__(self, work: Callable[[Path], Any]):
        self.dir = Path(tempfile.mkdtemp(prefix="opendata-part-"))
        self.t0 = time.monotonic()
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:                                 # the child: work, answer, leave without cleaning up
            status = 1
            try:
                os.close(r)
                try:
                    answer: tuple[str, Any] = ("ok", work(self.dir))
                except BaseException as e:     # reported to the parent, which converts the part itself
                    answer = ("error", f"{type(e).__name__}: {e}")
                data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
                view = memoryview(data)
                while view:
                    view = view[os.write(w, view):]
                status = 0
            finally:
                os._exit(status)
        os.close(w)
        self.pid: int | None = pid
        self.fd: int | None = r

    def result(self) -> Any | None:
        """The child's answer, or None (it failed, died or took far longer than the parent's part)."""
        fd, pid = self.fd, self.pid
        if fd is None or pid is None:
            return None
        deadline = time.monotonic() + max(60.0, 4 * (time.monotonic() - self.t0))
        chunks: list[bytes] = []
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([fd], [], [], left)[0]:
                    return None
                b = os.read(fd, 1 << 20)
                if not b:
                    break
                chunks.append(b)
            kind, value = pickle.loads(b"".join(chunks))
        except Exception:           # an answer cut short or unreadable: the parent converts the part itself
            return None
        finally:
            self._stop()
        return value if kind == "ok" else None

    def _stop(self) -> None:
        fd, pid = self.fd, self.pid
        self.fd = self.pid = None
        if fd is not None:
            os.close(fd)
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)

    def close(self) -> None:
        """Stop the child if it still runs and remove its files."""
        self._stop()
        shutil.rmtree(self.dir, ignore_errors=True)


CHUNK = 8 << 20


def csv_split_point(path: Path, begin: int, end: int, delimiter: str) -> tuple[int, int] | None:
    """Where to cut a CSV's data bytes ``[begin, end)`` for two processes: (the byte offset just after a record
    near the middle, the number of records before it), or None when it cannot be told safely.

    pyarrow (which reads the records) accepts a file cut inside a quoted field without a word, so the cut
    must provably lie between records: every '"' before it must sit where a CSV quote can (an opening one
    at a field's start or right after a closing one, as in a doubled quote; a closing one before a
    delimiter, a line end or a second quote), which makes the quote count's parity the parser's state.  A
    bare CR (a record end for pyarrow) makes it give up.  Read in chunks: memory does not grow with the file."""
    if len(delimiter) != 1 or ord(delimiter) >= 0x40 or end - begin < 2:
        return None             # '|' (0x7C) and other bytes from 0x40 on are also CP932 trail bytes
    total = end - begin
    mid = int(total * FRACTION)
    dl = ord(delimiter)
    parity, records, pos = 0, 0, 0
    prev = 0x0A                                   # the data starts a record
    with path.open("rb") as f:
        while pos < total:
            f.seek(begin + pos)
            raw = f.read(min(CHUNK, total - pos) + 1)        # one byte more: what follows the chunk's last byte
            b = np.frombuffer(raw, dtype=np.uint8)
            n = min(CHUNK, total - pos)
            nxt = int(b[n]) if len(b) > n else -1
            b = b[:n]
            q = np.flatnonzero(b == 0x22)
            nl = np.flatnonzero(b == 0x0A)
            even_nl = nl[(np.searchsorted(q, nl) + parity) % 2 == 0]          # line ends outside quotes
            stop, found = n, False
            if pos + n > mid:
                after_mid = even_nl[even_nl + pos >= mid]
                if after_mid.size:
                    stop, found = int(after_mid[0]) + 1, True
            q = q[q < stop]
            if q.size:
                opening = (np.arange(q.size) + parity) % 2 == 0
                before = np.where(q > 0, b[np.maximum(q - 1, 0)], prev)
                after = np.where(q + 1 < n, b[np.minimum(q + 1, n - 1)], nxt)
                ok_open = (before == dl) | (before == 0x0A) | (before == 0x0D) | (before == 0x22)
                ok_close = (after == dl) | (after == 0x0A) | (after == 0x0D) | (after == 0x22) | (after == -1)
                if not np.all(np.where(opening, ok_open, ok_close)):
                    return None
            cr = np.flatnonzero(b[:stop] == 0x0D)
            if cr.size:
                follow = np.where(cr + 1 < n, b[np.minimum(cr + 1, n - 1)], nxt)
                if np.any(follow != 0x0A):
                    return None
            records += int(np.count_nonzero(even_nl < stop))
            parity = (parity + int(q.size)) % 2
            if found:
                cut = pos + stop
                return (begin + cut, records) if parity == 0 and cut < total else None
            prev = int(b[-1])
            pos += n
    return None

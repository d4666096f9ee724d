"""Validate a converted file while it is being written, in a second process.

``opendata convert`` writes its output batch by batch and validates it afterwards; on a large file the
validation reads the whole output again (about 1.5 s per million rows).  On a machine with a second CPU
this module overlaps the two: the converter tells a child process, through a pipe, how many bytes of the
output are written (``Follower``, the parent side, is the converter's output observer); the child runs the
same steps as ``validate_file`` (``check_readable`` … ``build_report``) on the growing file, each read
waiting until the bytes it asks for are written, and sends the finished ``ValidationReport`` back when the
converter reports the final file name.

The report is the one ``validate_file`` gives for the finished file (tested): the head decides the plan
exactly as before, the rows are read through the same Arrow reader, and what depends on the final file
(its name, size and line endings) is decided after the last byte.  Anything unusual -- the converter
switched engines, the child failed, the head reads differently under the final name -- makes the parent
validate the finished file the usual way, so the result never depends on this shortcut.

Written by hand: no library validates a file that another process is still writing.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import pickle
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from converters.cpus import usable_cpus

FOLLOW_MIN_BYTES = 16 << 20        # smaller sources validate in well under a second afterwards
ENV = "OPENDATA_FOLLOW_VALIDATION"  # auto (default) | on | off


def _cpus() -> int:
    return usable_cpus()


class Follower:
    """The parent side: starts the child when the converter writes the output's header, forwards the
    written size after each batch, and collects the report.  ``result`` returns None whenever the usual
    validation must run instead."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.final: Path | None = None
        self.rows_out = -1
        self.broken = False
        self.t0 = time.monotonic()

    @classmethod
    def maybe(cls, source: Path) -> Follower | None:
        mode = os.environ.get(ENV, "auto")
        if mode == "off":
            return None
        if mode != "on":
            try:
                if source.stat().st_size < FOLLOW_MIN_BYTES or _cpus() < 2:
                    return None
            except OSError:
                return None
        return cls()

    # --- the converter's output observer (converters.pipeline.ConvertOptions.output_observer) -------------
    def started(self, path: Path, schema_id: str, size: int) -> None:
        if self.broken:     # the converter started again after giving up a first attempt
            return
        from converters.readers.whole_file import child_env

        env = child_env()
        try:
            # the child reads through this descriptor: the file may be renamed before the child has started
            fd = os.open(path, os.O_RDONLY)
            try:
                self.proc = subprocess.Popen([sys.executable, "-m", "opendata.validation.follow"],
                                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                             stderr=subprocess.DEVNULL, env=env, pass_fds=(fd,))
            finally:
                os.close(fd)
        except OSError:
            self.broken = True
            return
        self._send({"path": str(path), "dataset": schema_id, "fd": fd})
        self._send({"size": size})

    def wrote(self, size: int) -> None:
        self._send({"size": size})

    def finished(self, final: Path, rows_out: int, size: int) -> None:
        self.final, self.rows_out = final, rows_out
        self._send({"size": size, "done": str(final), "rows_out": rows_out})

    def abandoned(self) -> None:
        """The output being written is thrown away (the converter starts again or failed)."""
        self.broken = True
        self._stop()

    def _send(self, msg: dict[str, Any]) -> None:
        if self.broken or self.proc is None or self.proc.stdin is None:
            return
        try:
            self.proc.stdin.write((json.dumps(msg) + "\n").encode("utf-8"))
            self.proc.stdin.flush()
        except OSError:
            self.broken = True
            self._stop()

    def _stop(self) -> None:
        from converters.readers.whole_file import stop

        if self.proc is not None:
            if self.proc.stdin is not None:
                with contextlib.suppress(OSError):
                    self.proc.stdin.close()
            stop(self.proc)
            self.proc = None

    def result(self, output: Path) -> Any:
        """The child's ValidationReport of ``output``, or None (validate it the usual way then)."""
        proc = self.proc
        if self.broken or proc is None or self.final is None or Path(output) != self.final:
            self._stop()
            return None
        try:
            timeout = max(60.0, 2 * (time.monotonic() - self.t0))
            out, _ = proc.communicate(timeout=timeout)
            kind, value = pickle.loads(out)
        except Exception:   # a child that died, hung or answered nonsense: validate the usual way
            self._stop()
            return None
        self.proc = None
        return value if kind == "ok" and proc.returncode == 0 else None


# --- the child ----------------------------------------------------------------------------------------
class _Aborted(Exception):
    pass


class _Feed:
    """How much of the file is written, read from the parent's messages on stdin."""

    def __init__(self, stream: IO[bytes]):
        self.stream = stream
        self.available = 0
        self.done: str | None = None
        self.rows_out = -1

    def wait_for(self, end: int) -> None:
        while self.done is None and self.available < end:
            line = self.stream.readline()
            if not line:
                raise _Aborted("the parent closed the pipe")
            msg = json.loads(line)
            self.available = max(self.available, int(msg.get("size", 0)))
            if "done" in msg:
                self.done, self.rows_out = msg["done"], int(msg["rows_out"])

    def wait_done(self) -> None:
        self.wait_for(1 << 62)


class _Tail(io.RawIOBase):
    """A read-only view of the growing file: a read waits until its bytes are written (or the file is done)."""

    def __init__(self, feed: _Feed, fd: int):
        super().__init__()
        self.feed, self.fd, self.pos = feed, fd, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        n = len(b)
        self.feed.wait_for(self.pos + n)
        k = max(0, min(n, self.feed.available - self.pos))
        data = os.pread(self.fd, k, self.pos) if k else b""
        b[:len(data)] = data
        self.pos += len(data)
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_SET:
            self.pos = offset
        elif whence == io.SEEK_CUR:
            self.pos += offset
        else:
            self.feed.wait_done()
            self.pos = self.feed.available + offset
        return self.pos

    def tell(self) -> int:
        return self.pos


def _child(stdin: IO[bytes]) -> tuple[str, Any]:
    from converters.pipeline import written_output_encoding
    from converters.readers.encoding import EncodingInfo

    from . import build_report, check_readable, check_rows, head_records, prepare

    t0 = time.perf_counter()
    hello = json.loads(stdin.readline())
    path, dataset = Path(hello["path"]), hello["dataset"]
    feed = _Feed(stdin)
    fd = int(hello["fd"])               # opened by the parent: the file is renamed when it is done

    def opener() -> io.BufferedReader:
        return io.BufferedReader(_Tail(feed, fd), buffer_size=1 << 20)

    try:
        check_readable(path, opener)
        with opener() as f:
            bom = f.read(3) == b"\xef\xbb\xbf"
        enc0 = EncodingInfo("utf-8-sig" if bom else "utf-8", bom, "", "")
        records = head_records(path, enc0, opener)
        prep0 = prepare(path.name, records, dataset)
        collector, rows, used = check_rows(path, enc0.encoding, prep0, "fast", opener=opener)
        feed.wait_done()
    finally:
        os.close(fd)
    assert feed.done is not None
    final = Path(feed.done)
    enc = written_output_encoding(final, feed.rows_out)
    det = prepare(final.name, records, dataset).det
    if (det.schema_id, det.header_row) != (prep0.det.schema_id, prep0.det.header_row) or enc.encoding != enc0.encoding:
        return "again", "the final name reads differently"
    report = build_report(final, enc, replace(prep0, det=det), collector, rows, used, time.perf_counter() - t0)
    return "ok", report


def main() -> None:
    stdin = sys.stdin.buffer
    try:
        out: tuple[str, Any] = _child(stdin)
    except BaseException as e:   # the parent validates the usual way; say why for a debugger
        out = ("error", f"{type(e).__name__}: {e}")
    sys.stdout.buffer.write(pickle.dumps(out))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()

"""The whole-file passes of the CSV reader, run in a second process while the conversion goes on.

``read_csv`` must decide the encoding from the whole file and count the fields of every record (a wider
record adds a column).  On a large CP932 or EUC-JP file these two passes take about 1.5 s per million rows.
When the first 64 KiB already settle which codec ``detect_encoding`` will choose
(``encoding.provisional_encoding``) and the machine has a second CPU, the conversion starts at once with that
codec and the width of the first records, and this process runs the passes themselves: ``detect_encoding``
and ``field_counts``, exactly as the reader would have.  ``PendingChecks.settle`` (csv_reader) compares the
answers before the output is kept: the same codec and width complete the reader's notes; anything else makes
the converter start again with the passes done first, so the result never depends on the guess.

Written by hand: this is a detail of our own reader, no library does it.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from converters.cpus import usable_cpus

MIN_BYTES = 16 << 20          # smaller files: the passes take a fraction of a second in the reader itself
ENV = "OPENDATA_WHOLE_FILE_CHECKS"   # auto (default) | background (always, for tests) | inline


def wanted(path: Path) -> bool:
    mode = os.environ.get(ENV, "auto")
    if mode == "inline":
        return False
    if mode == "background":
        return True
    try:
        return usable_cpus() >= 2 and path.stat().st_size >= MIN_BYTES
    except OSError:
        return False


def child_env() -> dict[str, str]:
    """The environment of a helper process: this one's, with the project's root first on PYTHONPATH (the child
    runs ``python -m`` one of our modules, whether or not the project is installed)."""
    root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


class WholeFileChecks:
    """The parent side: the child process and its answer."""

    def __init__(self, path: Path, delimiter: str, skip: int):
        env = child_env()
        self.t0 = time.monotonic()
        self.proc: subprocess.Popen[bytes] | None
        try:
            self.proc = subprocess.Popen([sys.executable, "-m", "converters.readers.whole_file", str(path), delimiter,
                                          str(skip)], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                         stderr=subprocess.DEVNULL, env=env)
        except OSError:
            self.proc = None

    def answer(self) -> tuple[Any, Any] | None:
        """(EncodingInfo, or None when no encoding decodes the whole file; the field histogram), or None when
        the child gave no answer."""
        proc, self.proc = self.proc, None
        if proc is None:
            return None
        try:
            out, _ = proc.communicate(timeout=max(120.0, 4 * (time.monotonic() - self.t0)))
            kind, info, hist = pickle.loads(out)
        except Exception:   # a child that died, hung or answered nonsense: the caller does the passes itself
            stop(proc)
            return None
        return (info, hist) if kind == "ok" and proc.returncode == 0 else None

    def cancel(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None:
            stop(proc)


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop a helper process (killed if still running) and close its output pipe."""
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    if proc.stdout is not None:
        proc.stdout.close()


def main() -> None:
    path, delimiter, skip = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    try:
        from .csv_shape import field_counts
        from .encoding import UndecodableError, detect_encoding

        info: Any
        try:
            info = detect_encoding(path)
        except UndecodableError:
            info = None             # the reader, run again with the passes first, says why
        out: tuple[str, Any, Any] = ("ok", info, field_counts(path, delimiter, skip=skip))
    except BaseException as e:
        out = ("error", f"{type(e).__name__}: {e}", None)
    sys.stdout.buffer.write(pickle.dumps(out))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()

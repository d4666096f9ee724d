"""Pause the cyclic garbage collector while a large sheet's values are made and converted.

A large sheet creates millions of objects (cells, rows, SourceRows) that hold no cycles, and every
generational collection would walk all of them again.  The pause is counted, not nested naively: the two
halves of a sheet (xlsx_halves) make their values in two threads at once, and the collector comes back
only when the last pause ends (a plain disable/enable pair would let the first thread to finish turn it
back on under the second).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()

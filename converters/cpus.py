"""How many CPUs this process may use (the converter's second processes are started only with two or more)."""

from __future__ import annotations

import os


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):    # pragma: no cover - not Linux
        return os.cpu_count() or 1

"""How many CPUs this process may use (the converter's second processes are started only with two or more)."""

from __future__ import annotations

import os


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):    # pragma: no cover - not Linux
        return os.cpu_count() or 1


SPLIT_ENV = "OPENDATA_SPLIT"    # auto (default) | always (any size, for tests) | off


def split_wanted(amount: int, minimum: int) -> bool:
    """Whether a piece of work of this size is shared with a second process or thread (``OPENDATA_SPLIT``)."""
    mode = os.environ.get(SPLIT_ENV, "auto")
    if mode == "off":
        return False
    if mode == "always":
        return True
    return usable_cpus() >= 2 and amount >= minimum

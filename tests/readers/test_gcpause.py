"""converters.readers.gcpause: the collector is paused while any pause lasts, in any thread."""

from __future__ import annotations

import gc
import threading

from converters.readers.gcpause import gc_paused


def test_paused_until_the_last_pause_ends_across_threads() -> None:
    assert gc.isenabled()
    first_in, first_out, second_in = threading.Event(), threading.Event(), threading.Event()
    seen: list[bool] = []

    def first() -> None:
        with gc_paused():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    t = threading.Thread(target=first)
    t.start()
    first_in.wait(5)
    with gc_paused():
        second_in.set()
        first_out.wait(5)
        seen.append(gc.isenabled())      # the first pause ended, this one still holds
    t.join()
    assert seen == [False]
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_exception_ends_the_pause() -> None:
    try:
        with gc_paused():
            raise ValueError("x")
    except ValueError:
        pass
    assert gc.isenabled()

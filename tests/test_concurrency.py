"""The process's script slots: one page script at a time, handed over in the order visitors asked."""

from __future__ import annotations

import threading
import time

from dashboard.web.concurrency import FairSlots, script_slot


def _wait_until(condition, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.001)


def test_a_freed_slot_goes_to_whoever_has_waited_longest():
    slots = FairSlots(1)
    order: list[int] = []
    assert slots.acquire(timeout=1)  # a page is running
    threads = []
    for number in range(8):
        thread = threading.Thread(target=lambda n=number: (slots.acquire(timeout=5), order.append(n), slots.release()))
        thread.start()
        threads.append(thread)
        _wait_until(lambda count=number + 1: len(slots._waiting) == count)  # queued in this order
    slots.release()
    for thread in threads:
        thread.join(5)
    assert order == list(range(8))


def test_a_script_that_waits_too_long_runs_anyway_and_does_not_take_a_slot_with_it():
    slots = FairSlots(1)
    assert slots.acquire(timeout=1)
    started = time.monotonic()
    assert not slots.acquire(timeout=0.05)
    assert time.monotonic() - started >= 0.05
    assert not slots._waiting  # it left the queue
    slots.release()
    assert slots.acquire(timeout=0)  # the one slot is free again, not lost or doubled
    assert not slots.acquire(timeout=0)


def test_script_slot_holds_a_slot_only_while_the_page_runs():
    slots = FairSlots(2)
    with script_slot(slots=slots), script_slot(slots=slots):
        assert not slots.acquire(timeout=0)
    assert slots.acquire(timeout=0) and slots.acquire(timeout=0)

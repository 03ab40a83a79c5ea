"""One page script at a time per process, first come first served: under load, queueing beats every session's
thread fighting for the GIL, and a queue in arrival order keeps the slowest wait close to the typical one.

Streamlit runs each session's script in its own thread. Page scripts are pure Python, so only one runs at
any moment anyway; with 50 sessions rerunning at once, switching between their threads (and starving the
thread that sends messages) halved throughput. Measured with bench/run.py on the grades page at 50
concurrent sessions: 5 reruns/s and p95 10.8 s with free threads, 10 reruns/s and p95 5.0 s with one slot.
A semaphore wakes waiters in no particular order, so some reruns waited far longer than others (p95 1.6x
the median on the overview); the slot is now handed to the longest waiter.
A slow script (a PDF, say) holds the others back for at most WAIT_SECONDS; after that they run anyway.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

SLOTS = max(1, int(os.environ.get("DASHBOARD_SCRIPT_SLOTS", "1")))
WAIT_SECONDS = 10.0

log = logging.getLogger("dashboard")


class FairSlots:
    """A counting semaphore that hands a freed slot to the thread that has waited longest."""

    def __init__(self, slots: int) -> None:
        self._lock = threading.Lock()
        self._free = slots
        self._waiting: deque[threading.Lock] = deque()

    def acquire(self, timeout: float) -> bool:
        with self._lock:
            if self._free and not self._waiting:
                self._free -= 1
                return True
            turn = threading.Lock()
            turn.acquire()
            self._waiting.append(turn)
        if turn.acquire(timeout=timeout):
            return True
        with self._lock:
            if turn in self._waiting:
                self._waiting.remove(turn)
                return False
        return True  # the slot was handed over just as the wait ran out: it is ours, so use it

    def release(self) -> None:
        with self._lock:
            if self._waiting:
                self._waiting.popleft().release()  # straight to the longest waiter; the count stays the same
            else:
                self._free += 1


_slots = FairSlots(SLOTS)
# Which slot set, if any, the current thread holds: lets a script hand its slot back while it waits on slow work.
_held = threading.local()


class _Held:
    """One script_slot's claim: slot_released gives it away and takes it back; the slot is freed once, on exit."""

    def __init__(self, slots: FairSlots, holding: bool) -> None:
        self.slots, self.holding = slots, holding


@contextmanager
def script_slot(wait: float | None = None, slots: FairSlots | None = None) -> Iterator[None]:
    """Hold one of the process's script slots while a page runs (or go ahead after `wait` seconds)."""
    wait = WAIT_SECONDS if wait is None else wait  # read at call time, so a test can make the wait unbounded
    slots = slots or _slots
    acquired = slots.acquire(timeout=wait)
    if not acquired:
        log.warning("no script slot free after %.0f s; running alongside", wait)
    held, outer = _Held(slots, acquired), getattr(_held, "current", None)
    _held.current = held
    try:
        yield
    finally:
        _held.current = outer
        if held.holding:
            slots.release()


@contextmanager
def slot_released(wait: float | None = None) -> Iterator[None]:
    """Give this thread's script slot to the next visitor while it waits on work done elsewhere (a PDF, say).

    Other sessions' scripts run meanwhile; the slot is taken back (first come, first served) before the
    script goes on. A thread that holds no slot (running alongside, or outside a page) just waits.
    """
    held = getattr(_held, "current", None)
    if held is None or not held.holding:
        yield
        return
    held.holding = False
    held.slots.release()
    try:
        yield
    finally:
        wait = WAIT_SECONDS if wait is None else wait
        held.holding = held.slots.acquire(timeout=wait)
        if not held.holding:
            log.warning("no script slot free after %.0f s on return; running alongside", wait)

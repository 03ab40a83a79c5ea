"""One page script at a time per process: under load, queueing beats every session's thread fighting for the GIL.

Streamlit runs each session's script in its own thread. Page scripts are pure Python, so only one runs at
any moment anyway; with 50 sessions rerunning at once, switching between their threads (and starving the
thread that sends messages) halved throughput. Measured with bench/run.py on the grades page at 50
concurrent sessions: 5 reruns/s and p95 10.8 s with free threads, 10 reruns/s and p95 5.0 s with one slot.
A slow script (a PDF, say) holds the others back for at most WAIT_SECONDS; after that they run anyway.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SLOTS = max(1, int(os.environ.get("DASHBOARD_SCRIPT_SLOTS", "1")))
WAIT_SECONDS = 10.0

_slots = threading.BoundedSemaphore(SLOTS)
log = logging.getLogger("dashboard")


@contextmanager
def script_slot(wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold one of the process's script slots while a page runs (or go ahead after `wait` seconds)."""
    acquired = _slots.acquire(timeout=wait)
    if not acquired:
        log.warning("no script slot free after %.0f s; running alongside", wait)
    try:
        yield
    finally:
        if acquired:
            _slots.release()

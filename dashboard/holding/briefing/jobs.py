"""Briefing packs made off the request path, once per (force, as-at, since, database version), one Chromium at a time.

Printing a pack takes seconds of Chromium and kaleido. Made inside a page script, it held the process's script
slot (dashboard/web/concurrency.py) and every other visitor waited: another session's rerun took 8.7 s instead of
12 ms. Now a single worker thread makes packs in turn (two Chromiums at once would only fight over the same two
cores), the page script hands its slot back while it waits, and a second click, or another visitor asking for
the same pack, gets the same job and so the same bytes.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from dashboard.web.concurrency import slot_released

log = logging.getLogger("dashboard")

KEEP_PACKS = 32  # finished packs kept per process (a PDF is a few hundred kB)


class PackJobs:
    """A keyed single-flight queue: one future per key, made by one worker thread, kept while it is wanted."""

    def __init__(self, keep: int = KEEP_PACKS) -> None:
        self._lock = threading.Lock()
        self._jobs: OrderedDict[Hashable, Future] = OrderedDict()
        self._keep = keep
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="briefing-pack")
        self.builds = 0  # how many packs were actually started: the tests count them

    def submit(self, key: Hashable, make: Callable[[], Any]) -> Future:
        """The job for this key: the one already asked for, or a new one queued behind the others."""
        with self._lock:
            job = self._jobs.get(key)
            if job is not None and not _failed(job):
                self._jobs.move_to_end(key)
                return job
            self.builds += 1
            job = self._executor.submit(make)
            self._jobs[key] = job
            while len(self._jobs) > self._keep:
                oldest_key, oldest = next(iter(self._jobs.items()))
                if not oldest.done():
                    break  # never forget a job still running: a later click must find it
                del self._jobs[oldest_key]
            return job

    def get(self, key: Hashable) -> Future | None:
        """The job already asked for with this key, if any (finished or not)."""
        with self._lock:
            return self._jobs.get(key)


def _failed(job: Future) -> bool:
    """A job that raised, or made a pack without its PDF, is tried again on the next request rather than kept."""
    if not job.done():
        return False
    if job.exception() is not None:
        return True
    return getattr(job.result(), "pdf", b"") is None


def wait_for(job: Future, timeout: float | None = None) -> Any:
    """Wait for a job from a page script, letting other visitors' scripts run meanwhile."""
    with slot_released():
        try:
            return job.result(timeout=timeout)
        except Exception:
            log.exception("briefing pack failed")  # for the operator; the page shows plain words
            raise


jobs = PackJobs()

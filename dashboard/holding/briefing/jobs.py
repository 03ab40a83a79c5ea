"""Briefing packs made off the request path, once per (force, as-at, since, database version, day), one Chromium at a
time, with every queue and wait bounded.

Printing a pack takes seconds of Chromium and kaleido. Made inside a page script, it held the process's script
slot (dashboard/web/concurrency.py) and every other visitor waited: another session's rerun took 8.7 s instead of
12 ms. Now a single worker thread makes packs in turn (two Chromiums at once would only fight over the same two
cores), the page script hands its slot back while it waits, and a second click, or another visitor asking for
the same pack, gets the same job and so the same bytes.

A script pressing "Make the pack" with ever-changing dates could queue hours of Chromium, so: at most MAX_WAITING
packs wait behind the one being made and a request beyond that is refused (QueueFull) with nothing queued; a
queued pack that nobody waits for any more (its visitor left, or their wait ran out) is cancelled; every wait
ends after WAIT_SECONDS; and a pack that failed is handed back as it is for FAILED_FOR_SECONDS, not made again on
every click. The dates themselves are snapped to the days the data changed (content.pack_dates), so there are
few distinct packs to ask for.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from functools import partial
from typing import Any

from dashboard.web.concurrency import slot_released

log = logging.getLogger("dashboard")

KEEP_PACKS = 32  # finished packs kept per process (a PDF is a few hundred kB)
MAX_WAITING = 3  # packs queued behind the one being made, per process
# Longest a page waits for its pack: one pack at its worst (the PDF's 120 s timeout, plus the charts) and some.
WAIT_SECONDS = 180.0
POLL_SECONDS = 0.5  # how often a waiting page checks that its visitor is still there
FAILED_FOR_SECONDS = 60.0  # a failed pack is handed back, not made again, for this long


class QueueFull(RuntimeError):
    """MAX_WAITING packs are already waiting: nothing was queued."""


class WaitTimedOut(RuntimeError):
    """The pack was not ready within the wait's deadline."""


@dataclass(eq=False)
class _Job:
    make: Callable[[], Any]
    future: Future
    waiters: int = 0  # page scripts waiting for it now
    finished_at: float | None = None


def _failed(future: Future) -> bool:
    """A job that raised, or made a pack without its PDF, is a failure (tried again once FAILED_FOR_SECONDS have passed)."""
    if not future.done() or future.cancelled():
        return False
    if future.exception() is not None:
        return True
    return getattr(future.result(), "pdf", b"") is None


class PackJobs:
    """A keyed single-flight queue with a bound: one job per key, made by one worker thread, kept while it is wanted.

    The queue is ours, not an executor's: a cancelled job leaves it at once, so it never holds more than MAX_WAITING.
    """

    def __init__(
        self,
        keep: int = KEEP_PACKS,
        max_waiting: int = MAX_WAITING,
        failed_for: float = FAILED_FOR_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._lock = threading.Lock()
        self._work = threading.Condition(self._lock)  # the worker sleeps on it until a job is queued
        self._queue: deque[_Job] = deque()  # asked for, not yet started
        self._worker: threading.Thread | None = None
        self._jobs: OrderedDict[Hashable, _Job] = OrderedDict()
        self._keep = keep
        self._max_waiting = max_waiting
        self._failed_for = failed_for
        self._clock = clock
        self.builds = 0  # packs queued to be made: the tests count them
        self.refused = 0  # requests turned away because the queue was full
        self.cancelled = 0  # queued packs dropped because nobody waited for them any more

    def waiting(self) -> int:
        """Packs queued and not yet started (the one being made is not counted)."""
        with self._lock:
            return self._waiting()

    def _waiting(self) -> int:
        return len(self._queue)

    def submit(self, key: Hashable, make: Callable[[], Any]) -> Future:
        """The job for this key: the one already asked for (or failed within FAILED_FOR_SECONDS), or a new one queued
        behind the others; QueueFull when MAX_WAITING are already waiting."""
        with self._lock:
            job = self._jobs.get(key)
            if job is not None and not self._may_retry(job):
                self._jobs.move_to_end(key)
                return job.future
            if self._waiting() >= self._max_waiting:
                self.refused += 1
                raise QueueFull(f"{self._max_waiting} briefing packs are already waiting")
            self.builds += 1
            job = _Job(make, Future())
            job.future.add_done_callback(partial(self._finished, job))
            self._jobs[key] = job
            self._jobs.move_to_end(key)
            self._forget_oldest()
            self._queue.append(job)
            if self._worker is None:
                self._worker = threading.Thread(target=self._make_in_turn, name="briefing-pack", daemon=True)
                self._worker.start()
            self._work.notify()
            return job.future

    def _make_in_turn(self) -> None:
        """The worker: one pack at a time, in the order asked for, for the life of the process."""
        while True:
            with self._work:
                while not self._queue:
                    self._work.wait()
                job = self._queue.popleft()
                job.future.set_running_or_notify_cancel()  # never cancelled here: a cancelled job leaves the queue
            try:
                result = job.make()
            except BaseException as error:  # noqa: BLE001 - handed to whoever waits; the worker goes on
                job.future.set_exception(error)
            else:
                job.future.set_result(result)

    def _may_retry(self, job: _Job) -> bool:
        if job.future.cancelled():
            return True
        finished = job.finished_at  # set just after the job is done: until then it counts as failing now
        return _failed(job.future) and finished is not None and self._clock() - finished >= self._failed_for

    def _finished(self, job: _Job, future: Future) -> None:
        job.finished_at = self._clock()
        if not future.cancelled() and future.exception() is not None:
            log.error("briefing pack failed", exc_info=future.exception())  # for the operator; the page shows plain words

    def _forget_oldest(self) -> None:
        while len(self._jobs) > self._keep:
            oldest_key, oldest = next(iter(self._jobs.items()))
            if not oldest.future.done():
                break  # never forget a job still wanted: a later click must find it (at most MAX_WAITING + 1 of them)
            del self._jobs[oldest_key]

    def get(self, key: Hashable) -> Future | None:
        """The job already asked for with this key, if any (finished or not)."""
        with self._lock:
            job = self._jobs.get(key)
            return None if job is None else job.future

    def wait(self, future: Future, timeout: float = WAIT_SECONDS, between_polls: Callable[[], object] = lambda: None) -> Any:
        """Wait for a job from a page script, letting other visitors' scripts run meanwhile.

        `between_polls` runs every POLL_SECONDS: a page passes a Streamlit call, which raises Streamlit's stop or
        rerun when its visitor has left or moved on. Either way, or when the wait times out (WaitTimedOut), a job
        still queued that nobody else waits for is cancelled. A failed job raises its error.
        """
        job = self._join(future)
        deadline = time.monotonic() + timeout
        try:
            with slot_released():
                while True:
                    try:
                        return future.result(timeout=max(0.0, min(POLL_SECONDS, deadline - time.monotonic())))
                    except FutureTimeout:
                        if time.monotonic() >= deadline:
                            raise WaitTimedOut(f"no briefing pack after {timeout:.0f} s") from None
                        between_polls()
        finally:
            if job is not None:
                self._leave(job)

    def _join(self, future: Future) -> _Job | None:
        """Count one more page waiting for this job (under the lock, so it cannot be cancelled meanwhile)."""
        with self._lock:
            job = next((job for job in self._jobs.values() if job.future is future), None)
            if job is not None:
                job.waiters += 1
            return job

    def _leave(self, job: _Job) -> None:
        with self._lock:
            job.waiters -= 1
            if job.waiters or job not in self._queue:  # still wanted, or already being made (or made)
                return
            self._queue.remove(job)
            job.future.cancel()
            self.cancelled += 1
            for key, held in list(self._jobs.items()):
                if held is job:
                    del self._jobs[key]


jobs = PackJobs()

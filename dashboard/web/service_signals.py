"""A second SIGTERM or SIGINT stops a dashboard process at once.

uvicorn (which serves st.App) stops gracefully on the first signal, and on a second only for SIGINT; an
operator or a supervisor sending SIGTERM twice means "now". The app's lifespan runs once uvicorn has set
its handlers, so it wraps them: the first signal goes to uvicorn as before, a later one ends the process.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

log = logging.getLogger("dashboard")

SIGNALS = (signal.SIGTERM, signal.SIGINT)


def exit_on_second_signal() -> None:
    """Wrap the current SIGTERM and SIGINT handlers; does nothing outside the main thread (signals live there)."""
    if threading.current_thread() is not threading.main_thread():
        return
    received: list[int] = []
    for number in SIGNALS:
        previous = signal.getsignal(number)

        def handler(signum, frame, previous=previous):
            if received:
                log.warning("second signal (%s): stopping now", signal.Signals(signum).name)
                os._exit(128 + signum)
            received.append(signum)
            if callable(previous):
                previous(signum, frame)
            elif previous == signal.SIG_DFL:
                os._exit(128 + signum)

        signal.signal(number, handler)


@asynccontextmanager
async def lifespan(_app: object) -> AsyncIterator[None]:
    """st.App lifespan: runs inside uvicorn's signal handling, after its handlers are in place."""
    exit_on_second_signal()
    yield

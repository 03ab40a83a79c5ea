"""One wake-up of the server's event loop per batch of a script run's messages, not one per message.

Streamlit 1.67 hands every element a page script makes to the event loop thread on its own: the script thread
calls `call_soon_threadsafe`, which writes a byte to the loop's wake-up pipe, and the two threads pass the GIL
back and forth once per element. Profiled with py-spy on the overview (57 messages a run), that hand-over was
the largest single cost of a warm rerun: more than the page's own Python. Here the script thread appends each
event to a per-session list and wakes the loop only when the list was empty; the loop then handles the whole
list, in the order the events were made, exactly as Streamlit would have handled them one by one. While it
does, the messages those events queue for the browser ask the sender to wake once for the list, not once each
(another write to the same pipe per message).

It replaces one private method of `AppSession`. If a later Streamlit no longer has the methods it relies on,
nothing is replaced, one warning is logged, and Streamlit's own one-by-one hand-over stays.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

log = logging.getLogger("dashboard")

_BATCH_ATTRIBUTE = "_dashboard_event_batch"
_MARK = "__batched_wakeups__"
# The AppSession methods the replacement calls; all private, so each is checked before anything is replaced.
NEEDED = ("_on_scriptrunner_event", "_handle_scriptrunner_event_on_event_loop", "_call_soon_on_event_loop")
# Set on the event loop thread while it handles a list of events: the sender's wake-up, if any was asked for.
_handling = threading.local()


class EventBatch:
    """The events a session's script thread has made that the event loop has not handled yet."""

    __slots__ = ("events", "lock", "wake_pending")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.events: list[tuple[Any, Any, dict[str, Any]]] = []
        self.wake_pending = False

    def add(self, sender: Any, event: Any, details: dict[str, Any]) -> bool:
        """Keep one event; True when the loop must be woken (no wake-up is on its way for earlier events)."""
        with self.lock:
            self.events.append((sender, event, details))
            if self.wake_pending:
                return False
            self.wake_pending = True
            return True

    def take(self) -> list[tuple[Any, Any, dict[str, Any]]]:
        """Every event kept so far, oldest first; the next event added wakes the loop again."""
        with self.lock:
            events, self.events, self.wake_pending = self.events, [], False
        return events


def _batch_of(session: Any) -> EventBatch:
    batch = session.__dict__.get(_BATCH_ATTRIBUTE)
    if batch is None:  # dict.setdefault is atomic: two threads racing here still share one batch
        batch = session.__dict__.setdefault(_BATCH_ATTRIBUTE, EventBatch())
    return batch


def _on_scriptrunner_event(self: Any, sender: Any, event: Any, **details: Any) -> None:
    """Stands in for AppSession._on_scriptrunner_event (any thread): keep the event, wake the loop if needed."""
    batch = _batch_of(self)
    if batch.add(sender, event, details):
        self._call_soon_on_event_loop(lambda: _handle_all(self, batch))


def _handle_all(session: Any, batch: EventBatch) -> None:
    """On the event loop: handle each waiting event as Streamlit would have, one failure not stopping the rest."""
    _defer_sender_wakeups(session)
    _handling.wakeups = wakeups = []
    try:
        for sender, event, details in batch.take():
            try:
                session._handle_scriptrunner_event_on_event_loop(sender, event, **details)
            except Exception:  # Streamlit's own callbacks would each have failed alone; so does each event here
                log.exception("handling the script event %s failed", event)
    finally:
        _handling.wakeups = None
        if wakeups:
            wakeups[0]()


def _defer_sender_wakeups(session: Any) -> None:
    """Wrap the session's "a message is queued" callback (the Runtime's, which wakes its sender) so that, while this
    thread handles a list of events, it is called once after the list; from any other thread it is called at once."""
    wake = getattr(session, "_message_enqueued_callback", None)
    if wake is None or getattr(wake, _MARK, False):
        return

    def wake_once_per_list() -> None:
        waiting = getattr(_handling, "wakeups", None)
        if waiting is None:
            wake()
        elif not waiting:
            waiting.append(wake)

    setattr(wake_once_per_list, _MARK, True)
    session._message_enqueued_callback = wake_once_per_list


setattr(_on_scriptrunner_event, _MARK, True)


def batch_script_events() -> bool:
    """Replace AppSession's one-by-one hand-over with batches; False (and one warning) if Streamlit moved it."""
    try:
        from streamlit.runtime.app_session import AppSession
    except ImportError as error:
        log.warning("Streamlit's AppSession moved (%s): script messages reach the browser one wake-up each", error)
        return False
    missing = [name for name in NEEDED if not callable(getattr(AppSession, name, None))]
    if missing:
        log.warning("Streamlit's AppSession has no %s: script messages reach the browser one wake-up each", ", ".join(missing))
        return False
    if not getattr(AppSession._on_scriptrunner_event, _MARK, False):
        AppSession._on_scriptrunner_event = _on_scriptrunner_event
    return True

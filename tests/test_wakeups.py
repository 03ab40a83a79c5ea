"""Script messages reach the event loop in batches (dashboard/web/wakeups.py): same events, same order, fewer wake-ups.

The fake session below stands in for Streamlit's AppSession with the three private methods the batching relies on;
the last test runs the real server with many sessions at once, where batches really form, and checks that every
run still delivers every element of the page, in the page's order.
"""

from __future__ import annotations

import asyncio
import threading

import pytest
from streamlit.runtime.app_session import AppSession

from bench.client import StreamlitSession
from dashboard.web import wakeups
from deploy.process import AppServer
from tests.browser.helpers import run_async


class FakeSession:
    """An AppSession's event path, recording what reaches the loop and how often the loop is woken."""

    def __init__(self, fail_on: object = None) -> None:
        self.loop_queue: list = []  # callbacks waiting for the (simulated) event loop
        self.loop_wakeups = 0
        self.handled: list = []
        self.sender_wakeups = 0
        self.fail_on = fail_on
        self._message_enqueued_callback = self._wake_sender

    def _wake_sender(self) -> None:
        self.sender_wakeups += 1

    def _call_soon_on_event_loop(self, callback) -> None:
        self.loop_wakeups += 1
        self.loop_queue.append(callback)

    def _handle_scriptrunner_event_on_event_loop(self, sender, event, **details) -> None:
        if event == self.fail_on:
            raise RuntimeError("this event breaks")
        self.handled.append((sender, event, details))
        self._message_enqueued_callback()  # as AppSession._enqueue_forward_msg does for each message it queues

    def run_loop(self) -> None:
        while self.loop_queue:
            self.loop_queue.pop(0)()

    emit = wakeups._on_scriptrunner_event


def test_events_made_while_the_loop_is_busy_reach_it_in_one_wake_up_in_their_order():
    session = FakeSession()
    for number in range(50):
        session.emit("runner", "ENQUEUE_FORWARD_MSG", forward_msg=number)
    session.run_loop()
    assert [details["forward_msg"] for _, _, details in session.handled] == list(range(50))
    assert session.loop_wakeups == 1
    assert session.sender_wakeups == 1  # the sender is woken once for the 50 messages, after the last


def test_an_event_after_the_loop_has_handled_the_last_batch_wakes_it_again():
    session = FakeSession()
    session.emit("runner", "SCRIPT_STARTED", page_script_hash="home")
    session.run_loop()
    session.emit("runner", "SCRIPT_STOPPED_WITH_SUCCESS")
    session.run_loop()
    assert [event for _, event, _ in session.handled] == ["SCRIPT_STARTED", "SCRIPT_STOPPED_WITH_SUCCESS"]
    assert session.handled[0][2] == {"page_script_hash": "home"}
    assert session.loop_wakeups == 2 and session.sender_wakeups == 2


def test_one_failing_event_does_not_stop_the_rest(caplog):
    session = FakeSession(fail_on="BROKEN")
    for event in ("SCRIPT_STARTED", "BROKEN", "SCRIPT_STOPPED_WITH_SUCCESS"):
        session.emit("runner", event)
    with caplog.at_level("ERROR", logger="dashboard"):
        session.run_loop()
    assert [event for _, event, _ in session.handled] == ["SCRIPT_STARTED", "SCRIPT_STOPPED_WITH_SUCCESS"]
    assert any("BROKEN" in record.message for record in caplog.records)


def test_a_message_queued_from_another_thread_wakes_the_sender_at_once():
    session = FakeSession()
    session.emit("runner", "SCRIPT_STARTED")
    session.run_loop()  # the callback is now wrapped
    before = session.sender_wakeups
    other = threading.Thread(target=session._message_enqueued_callback)
    other.start()
    other.join()
    assert session.sender_wakeups == before + 1


def test_events_from_a_script_thread_racing_the_loop_are_all_handled_once():
    session = FakeSession()
    lock = threading.Lock()  # the fake loop queue is a plain list; the real one is thread-safe
    original = session._call_soon_on_event_loop

    def call_soon(callback) -> None:
        with lock:
            original(callback)

    session._call_soon_on_event_loop = call_soon
    done = threading.Event()

    def script() -> None:
        for number in range(2000):
            session.emit("runner", "ENQUEUE_FORWARD_MSG", forward_msg=number)
        done.set()

    thread = threading.Thread(target=script)
    thread.start()
    while not done.is_set() or session.loop_queue:
        with lock:
            waiting = list(session.loop_queue)
            session.loop_queue.clear()
        for callback in waiting:
            callback()
    thread.join()
    assert [details["forward_msg"] for _, _, details in session.handled] == list(range(2000))


def test_serving_replaces_streamlits_one_by_one_hand_over():
    assert wakeups.batch_script_events()
    assert AppSession._on_scriptrunner_event is wakeups._on_scriptrunner_event
    assert wakeups.batch_script_events()  # a second call changes nothing


def test_a_streamlit_without_the_methods_keeps_its_own_hand_over_and_says_so(monkeypatch, caplog):
    monkeypatch.setattr(AppSession, "_on_scriptrunner_event", lambda self, *args, **kwargs: None)
    kept = AppSession._on_scriptrunner_event
    monkeypatch.delattr(AppSession, "_handle_scriptrunner_event_on_event_loop")
    with caplog.at_level("WARNING", logger="dashboard"):
        assert not wakeups.batch_script_events()
    assert AppSession._on_scriptrunner_event is kept
    assert any("_handle_scriptrunner_event_on_event_loop" in record.message for record in caplog.records)


@pytest.fixture(scope="module")
def server(real_db):
    app = AppServer(env={"DASHBOARD_DB": str(real_db)}).start()
    yield app
    app.stop()


def test_many_sessions_at_once_each_get_every_element_of_the_page_in_order(server):
    """20 sessions rerunning the overview together (batches form): each run shows the same texts as a lone run."""

    async def texts_of_runs(sessions: int, reruns: int) -> list[list[str]]:
        opened = [StreamlitSession(server.url) for _ in range(sessions)]
        for session in opened:
            await session.__aenter__()
        try:

            async def rerun(session: StreamlitSession) -> list[list[str]]:
                results = [await session.run("", "") for _ in range(reruns)]
                assert all(not result.errors for result in results)
                return [result.texts for result in results]

            return [texts for runs in await asyncio.gather(*(rerun(s) for s in opened)) for texts in runs]
        finally:
            for session in opened:
                await session.__aexit__(None, None, None)

    alone = run_async(texts_of_runs(1, 2))[-1]
    assert any("where it stands" in text for text in alone)
    together = run_async(texts_of_runs(20, 3))
    assert len(together) == 60
    assert all(texts == alone for texts in together)

"""Briefing packs are made once per key, one at a time, and no visitor's page waits on another visitor's pack."""

from __future__ import annotations

import contextlib
import random
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.common.wording import format_date
from dashboard.holding.briefing import jobs as briefing_jobs
from dashboard.holding.briefing import pack as briefing
from dashboard.holding.briefing.content import change_days, pack_dates
from dashboard.holding.briefing.pack import BriefingPack
from dashboard.holding.model.as_at import EARLIEST
from dashboard.web import concurrency
from dashboard.web.concurrency import FairSlots, script_slot, slot_released
from queries import run_query

APP = str(Path(__file__).parents[1] / "app.py")
BLOCK_SECONDS = 60  # an upper bound so a broken test ends; never a measure of speed


def test_two_requests_for_the_same_pack_start_one_build_and_get_the_same_bytes():
    jobs = briefing_jobs.PackJobs()
    started, release = threading.Event(), threading.Event()
    made = []

    def make():
        made.append(1)
        started.set()
        release.wait(BLOCK_SECONDS)
        return BriefingPack("<html></html>", b"%PDF-1.4 one pack")

    key = ("hertfordshire", "2025-08-01", "2025-04-01", ("db", 1))
    first = jobs.submit(key, make)
    assert started.wait(BLOCK_SECONDS)
    second = jobs.submit(key, make)  # a second click, or another visitor, while the first is being made
    release.set()
    assert second is first
    assert first.result(BLOCK_SECONDS).pdf is second.result(BLOCK_SECONDS).pdf
    assert jobs.submit(key, make) is first  # and after it is made
    assert jobs.builds == 1 and made == [1]
    other = jobs.submit((*key[:2], "2025-07-01", key[3]), make)  # another 'since' date is another pack
    assert other.result(BLOCK_SECONDS).pdf == b"%PDF-1.4 one pack"
    assert jobs.builds == 2


class Clock:
    """A clock the test moves by hand, so that 'a minute later' needs no waiting."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def test_a_failed_pack_is_handed_back_for_a_minute_and_made_again_after():
    clock = Clock()
    jobs = briefing_jobs.PackJobs(clock=clock)
    failed = jobs.submit("key", lambda: BriefingPack("<html></html>", None, "The PDF could not be made just now."))
    assert failed.result(BLOCK_SECONDS).pdf is None
    assert jobs.submit("key", lambda: BriefingPack("<html></html>", b"%PDF")) is failed  # a click at once: not tried again
    clock.now += briefing_jobs.FAILED_FOR_SECONDS - 1
    assert jobs.submit("key", lambda: BriefingPack("<html></html>", b"%PDF")) is failed
    assert jobs.builds == 1
    clock.now += 1
    again = jobs.submit("key", lambda: BriefingPack("<html></html>", b"%PDF"))
    assert again is not failed and again.result(BLOCK_SECONDS).pdf == b"%PDF"
    assert jobs.builds == 2


def test_a_pack_that_raised_is_not_made_again_on_every_click():
    clock = Clock()
    jobs = briefing_jobs.PackJobs(clock=clock)
    made = []

    def broken():
        made.append(1)
        raise RuntimeError("kaleido fell over")

    first = jobs.submit("key", broken)
    with pytest.raises(RuntimeError):
        jobs.wait(first, timeout=BLOCK_SECONDS)
    for _ in range(5):
        assert jobs.submit("key", broken) is first
    assert made == [1] and jobs.builds == 1


def test_a_script_waiting_on_its_pack_gives_its_slot_to_another_visitor():
    slots = FairSlots(1)
    waiting, other_ran, done = threading.Event(), threading.Event(), threading.Event()

    def visitor_making_a_pack():
        with script_slot(wait=BLOCK_SECONDS, slots=slots):
            with slot_released(wait=BLOCK_SECONDS):
                waiting.set()
                done.wait(BLOCK_SECONDS)  # the pack is being made elsewhere

    first = threading.Thread(target=visitor_making_a_pack)
    first.start()
    assert waiting.wait(BLOCK_SECONDS)
    with script_slot(wait=BLOCK_SECONDS, slots=slots):  # would wait the whole BLOCK_SECONDS if the slot were held
        other_ran.set()
    assert other_ran.is_set() and not done.is_set()  # the other visitor finished before the pack did
    done.set()
    first.join(BLOCK_SECONDS)
    assert slots._free == 1  # the slot came back and was let go once, not twice


def test_another_sessions_page_runs_while_a_pack_is_being_made(use_real_db, monkeypatch):
    # Scripts wait for a slot without limit here, so the overview can only finish if the briefing page gave its slot back.
    monkeypatch.setattr(concurrency, "WAIT_SECONDS", BLOCK_SECONDS * 10)
    monkeypatch.setattr(briefing_jobs, "jobs", briefing_jobs.PackJobs())
    building, finish = threading.Event(), threading.Event()

    def slow_pack(force, as_at, made_on=None, since=None):
        building.set()
        finish.wait(BLOCK_SECONDS)
        return BriefingPack("<html>pack</html>", b"%PDF-1.4", None, "briefing-pack-test")

    monkeypatch.setattr(briefing, "make_pack", slow_pack)
    panel = AppTest.from_file(APP, default_timeout=BLOCK_SECONDS * 2)
    panel.query_params["as_at"] = "2025-08-01"
    panel.switch_page("pages/briefing.py").run()
    panel_done = threading.Event()

    def click():
        panel.button(key="briefing_make").click().run()
        panel_done.set()

    clicker = threading.Thread(target=click)
    clicker.start()
    try:
        assert building.wait(BLOCK_SECONDS)
        resident = AppTest.from_file(APP, default_timeout=BLOCK_SECONDS * 2)
        resident.run()
        assert not resident.exception
        assert resident.title[0].value.startswith("Hertfordshire")
        assert not panel_done.is_set()  # the resident's page finished while the pack was still being made
    finally:
        finish.set()
        clicker.join(BLOCK_SECONDS * 2)
    assert not panel.exception
    used = pack_dates(date(2025, 8, 1), date(2025, 4, 1))
    assert panel.success[0].value == f"Briefing pack ready: Hertfordshire Constabulary, data as at {format_date(used.as_at)}."
    assert briefing_jobs.jobs.builds == 1


@pytest.mark.parametrize("as_at, expected", [(date(2025, 8, 1), date(2025, 4, 1)), (date(2024, 9, 30), date(2024, 6, 30))])
def test_the_usual_since_date_is_the_last_meeting_or_three_months_before(use_real_db, as_at, expected):
    from dashboard.holding.briefing.content import default_since

    assert default_since("hertfordshire", as_at).day == expected


class Gate:
    """A slow stand-in for making a pack: each build records that it started, then waits until the test lets it end."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.first_started = threading.Event()
        self.started: list[object] = []

    def make(self, key: object):
        def build() -> BriefingPack:
            self.started.append(key)
            self.first_started.set()
            self.release.wait(BLOCK_SECONDS)
            return BriefingPack("<html></html>", b"%PDF-1.4", None, "briefing-pack-test")

        return build


def test_a_flood_of_distinct_pack_requests_queues_a_few_and_turns_the_rest_away(use_real_db):
    jobs = briefing_jobs.PackJobs()
    gate = Gate()
    forces = run_query("forces")["force_id"].tolist()
    choose = random.Random(21)
    asked_as_at, used_as_at, most_waiting, accepted = set(), set(), 0, []
    try:
        for number in range(1000):  # a script pressing "Make the pack" with ever-changing forces and dates
            as_at = EARLIEST + timedelta(days=choose.randrange((date(2026, 1, 1) - EARLIEST).days))
            since = max(EARLIEST, as_at - timedelta(days=choose.randrange(1, 400)))
            dates = pack_dates(as_at, since)
            asked_as_at.add(as_at)
            used_as_at.add(dates.as_at)
            key = (forces[number % len(forces)], dates.as_at, dates.since, "db", "today")
            with contextlib.suppress(briefing_jobs.QueueFull):
                accepted.append(jobs.submit(key, gate.make(key)))
            if number == 0:  # the first is being made before the next arrives (as the flood goes on for a while)
                assert gate.first_started.wait(BLOCK_SECONDS)
            most_waiting = max(most_waiting, jobs.waiting())
            assert jobs.waiting() <= briefing_jobs.MAX_WAITING
        assert most_waiting == briefing_jobs.MAX_WAITING
        assert jobs.builds == briefing_jobs.MAX_WAITING + 1  # the one being made and those waiting: nothing more queued
        assert jobs.refused >= 1000 - jobs.builds - 50  # the rest were turned away (a few asked again for a queued pack)
        # The dates snap to the days the data changed: ~1,000 'as at' dates asked for, few distinct packs to make.
        assert len(asked_as_at) > 900
        assert len(used_as_at) <= len(change_days()) + 1
    finally:
        gate.release.set()
    for job in accepted:
        job.result(BLOCK_SECONDS)
    assert len(gate.started) == jobs.builds


def test_two_dates_between_the_same_two_changes_make_one_pack(use_real_db, monkeypatch):
    jobs = briefing_jobs.PackJobs()
    monkeypatch.setattr(briefing_jobs, "jobs", jobs)
    made = []
    monkeypatch.setattr(briefing, "make_pack", lambda *args, **kwargs: made.append(args) or BriefingPack("<p>", b"%PDF"))
    used = pack_dates(date(2025, 8, 1), date(2025, 4, 1))
    seen = []
    for as_at in ("2025-07-30", "2025-08-01"):  # no change between them (the last one before both was on used.as_at)
        visitor = AppTest.from_file(APP, default_timeout=60)
        visitor.query_params["as_at"] = as_at
        visitor.switch_page("pages/briefing.py").run()
        visitor.button(key="briefing_make").click().run()
        assert not visitor.exception
        seen.append(visitor.success[0].value)
    assert seen == [f"Briefing pack ready: Hertfordshire Constabulary, data as at {format_date(used.as_at)}."] * 2
    assert jobs.builds == 1 and len(made) == 1


def test_a_visitor_is_told_plainly_when_the_queue_is_full_and_nothing_is_queued(use_real_db, monkeypatch):
    jobs = briefing_jobs.PackJobs()
    monkeypatch.setattr(briefing_jobs, "jobs", jobs)
    made = []
    monkeypatch.setattr(briefing, "make_pack", lambda *args, **kwargs: made.append(args) or BriefingPack("<p>", b"%PDF"))
    gate = Gate()
    try:
        jobs.submit(("another visitor", 0), gate.make(0))  # other visitors' packs: one being made...
        assert gate.first_started.wait(BLOCK_SECONDS)
        for number in range(1, briefing_jobs.MAX_WAITING + 1):  # ...and the rest waiting
            jobs.submit(("another visitor", number), gate.make(number))
        visitor = AppTest.from_file(APP, default_timeout=60)
        visitor.query_params["as_at"] = "2025-08-01"
        visitor.switch_page("pages/briefing.py").run()
        visitor.button(key="briefing_make").click().run()
        assert not visitor.exception
        assert [warning.value for warning in visitor.warning] == [
            "Several briefing packs are being made just now, so yours was not started. Please try again in a minute."
        ]
        assert not visitor.success
        assert jobs.waiting() == briefing_jobs.MAX_WAITING and jobs.builds == briefing_jobs.MAX_WAITING + 1
        assert made == []
        # Meanwhile another visitor's page answers.
        resident = AppTest.from_file(APP, default_timeout=60).run()
        assert not resident.exception
        assert resident.title[0].value.startswith("Hertfordshire")
    finally:
        gate.release.set()


class VisitorLeft(BaseException):
    """Stands in for Streamlit's StopException, raised at a waiting page's next poll once its visitor has gone."""


def _left() -> None:
    raise VisitorLeft


def _one_running_and_one_queued(jobs: briefing_jobs.PackJobs, gate: Gate):
    running = jobs.submit("running", gate.make("running"))
    assert gate.first_started.wait(BLOCK_SECONDS)
    return running, jobs.submit("queued", gate.make("queued"))


def test_a_queued_pack_whose_visitor_leaves_is_cancelled_and_never_made():
    jobs, gate = briefing_jobs.PackJobs(), Gate()
    try:
        running, queued = _one_running_and_one_queued(jobs, gate)
        with pytest.raises(VisitorLeft):
            jobs.wait(queued, timeout=BLOCK_SECONDS, between_polls=_left)
        assert queued.cancelled() and jobs.cancelled == 1 and jobs.waiting() == 0
        assert jobs.get("queued") is None  # a later click queues it afresh
    finally:
        gate.release.set()
    assert running.result(BLOCK_SECONDS).pdf == b"%PDF-1.4"
    assert gate.started == ["running"]  # the abandoned pack was never made


def test_a_queued_pack_whose_wait_runs_out_is_cancelled():
    jobs, gate = briefing_jobs.PackJobs(), Gate()
    try:
        _, queued = _one_running_and_one_queued(jobs, gate)
        with pytest.raises(briefing_jobs.WaitTimedOut):
            jobs.wait(queued, timeout=0.2)
        assert queued.cancelled() and jobs.waiting() == 0
    finally:
        gate.release.set()


def test_a_queued_pack_another_visitor_still_waits_for_is_kept():
    jobs, gate = briefing_jobs.PackJobs(), Gate()
    polling, got = threading.Event(), []
    try:
        _, queued = _one_running_and_one_queued(jobs, gate)
        other = threading.Thread(target=lambda: got.append(jobs.wait(queued, BLOCK_SECONDS, between_polls=polling.set)))
        other.start()
        assert polling.wait(BLOCK_SECONDS)  # the other visitor is waiting for the same pack
        with pytest.raises(VisitorLeft):
            jobs.wait(queued, timeout=BLOCK_SECONDS, between_polls=_left)
        assert not queued.cancelled() and jobs.cancelled == 0
    finally:
        gate.release.set()
    other.join(BLOCK_SECONDS)
    assert got and got[0].pdf == b"%PDF-1.4"
    assert gate.started == ["running", "queued"]


def test_a_pack_that_failed_on_the_page_is_not_made_again_on_the_next_click(use_real_db, monkeypatch):
    jobs = briefing_jobs.PackJobs()
    monkeypatch.setattr(briefing_jobs, "jobs", jobs)
    made = []

    def broken(*args, **kwargs):
        made.append(args)
        raise RuntimeError("kaleido fell over")

    monkeypatch.setattr(briefing, "make_pack", broken)
    visitor = AppTest.from_file(APP, default_timeout=60)
    visitor.query_params["as_at"] = "2025-08-01"
    visitor.switch_page("pages/briefing.py").run()
    for _ in range(3):
        visitor.button(key="briefing_make").click().run()
        assert not visitor.exception
        assert [error.value for error in visitor.error] == [
            "The briefing pack could not be made just now. We try again at most once a minute, so please try again in a minute."
        ]
    assert len(made) == 1 and jobs.builds == 1

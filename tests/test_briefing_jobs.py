"""Briefing packs are made once per key, one at a time, and no visitor's page waits on another visitor's pack."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.holding.briefing import jobs as briefing_jobs
from dashboard.holding.briefing import pack as briefing
from dashboard.holding.briefing.pack import BriefingPack
from dashboard.web import concurrency
from dashboard.web.concurrency import FairSlots, script_slot, slot_released

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


def test_a_pack_that_failed_is_made_again_on_the_next_request():
    jobs = briefing_jobs.PackJobs()
    failed = jobs.submit("key", lambda: BriefingPack("<html></html>", None, "The PDF could not be made just now."))
    assert failed.result(BLOCK_SECONDS).pdf is None
    again = jobs.submit("key", lambda: BriefingPack("<html></html>", b"%PDF"))
    assert again is not failed and again.result(BLOCK_SECONDS).pdf == b"%PDF"
    assert jobs.builds == 2


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

    def slow_pack(force, as_at, since=None):
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
    assert panel.success[0].value == "Briefing pack ready: Hertfordshire Constabulary, data as at 1 August 2025."
    assert briefing_jobs.jobs.builds == 1


@pytest.mark.parametrize("as_at, expected", [(date(2025, 8, 1), date(2025, 4, 1)), (date(2024, 9, 30), date(2024, 6, 30))])
def test_the_usual_since_date_is_the_last_meeting_or_three_months_before(use_real_db, as_at, expected):
    from dashboard.holding.briefing.content import default_since

    assert default_since("hertfordshire", as_at).day == expected

"""`streamlit run app.py`, the way most people start a Streamlit app, with no database built yet: whatever address the
first visitor opens, the database is built and the page shows (dashboard/web/routing.py).

Plain Streamlit runs a deep link on a fresh process as the bare page file, without app.py (the router that builds
the database); before each page handed over to the router, /meeting and /grades showed Streamlit's error box.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import expect

from deploy.process import ROOT, AppServer
from tests.browser.conftest import DESKTOP
from tests.browser.helpers import assert_page_did_not_fail, main_heading, wait_until_drawn

SITE = "Policing accountability dashboard"
SHOWN_OR_FAILED = """() => document.querySelector('[data-testid="stMain"] h1, [data-testid="stException"]')
    || document.body.innerText.includes('This app has encountered an error')"""


class PlainStreamlit(AppServer):
    """`streamlit run app.py`: no launcher, so none of dashboard/web/serve.py's fixes."""

    def command(self) -> list[str]:
        streamlit = Path(sys.executable).with_name("streamlit")
        launcher = [str(streamlit)] if streamlit.exists() else [sys.executable, "-m", "streamlit"]
        return [
            *launcher,
            "run",
            str(ROOT / "app.py"),
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ]


@pytest.fixture
def fresh_plain_server(tmp_path):
    """A plain Streamlit process whose database folder is empty: the first visit must build it."""
    database = tmp_path / "build" / "dashboard.duckdb"
    server = PlainStreamlit(env={"DASHBOARD_DB": str(database)}, log_path=tmp_path / "streamlit.log").start()
    try:
        assert not database.exists()
        yield server, database
    finally:
        server.stop()


def first_visit(browser, server: AppServer, address: str):
    context = browser.new_context(base_url=server.url, viewport=DESKTOP, locale="en-GB")
    context.set_default_timeout(60_000)  # the first visit builds the database
    tab = context.new_page()
    tab.goto(address)
    # A heading or Streamlit's error box, whichever comes first: a failure is reported as one, not as a timeout.
    tab.wait_for_function(SHOWN_OR_FAILED, timeout=60_000)
    assert_page_did_not_fail(tab)
    wait_until_drawn(tab, timeout=60_000)
    return context, tab


def test_a_first_visit_to_the_meeting_page_on_plain_streamlit_builds_the_database_and_shows_the_page(browser, fresh_plain_server):
    server, database = fresh_plain_server
    context, tab = first_visit(browser, server, "/meeting")
    try:
        assert_page_did_not_fail(tab)
        expect(tab).to_have_title(f"Meeting mode · {SITE}")
        assert main_heading(tab) == "Meeting mode"
        assert database.exists()
        with duckdb.connect(str(database), read_only=True) as db:
            (name,) = db.execute("SELECT name FROM force WHERE force_id = 'hertfordshire'").fetchone()
        # The lead, made from the database: the slides are for the default force.
        expect(tab.locator('[data-testid="stMain"]')).to_contain_text(f"4 slides for a public meeting on {name}")
        assert server.alive()
    finally:
        context.close()


def test_a_first_visit_to_a_force_s_grades_on_plain_streamlit_builds_the_database_and_shows_that_force(
    browser, fresh_plain_server
):
    server, database = fresh_plain_server
    context, tab = first_visit(browser, server, "/grades?force=essex")
    try:
        assert_page_did_not_fail(tab)
        expect(tab).to_have_title(f"Inspection grades · {SITE}")
        with duckdb.connect(str(database), read_only=True) as db:
            (name,) = db.execute("SELECT name FROM force WHERE force_id = 'essex'").fetchone()
            area, grade = db.execute(
                "SELECT a.name, g.grade FROM grade AS g JOIN peel_area AS a USING (cycle_id, area_id) "
                "WHERE g.force_id = 'essex' ORDER BY g.cycle_id DESC, a.sort_order LIMIT 1"
            ).fetchone()
        assert main_heading(tab) == f"{name}: inspection grades"
        main = tab.locator('[data-testid="stMain"]')
        expect(main).to_contain_text(area)
        expect(main).to_contain_text(grade)
        assert "force=essex" in tab.url
        assert server.alive()
    finally:
        context.close()

"""Every page hands a bare run over to the router (dashboard/web/routing.py); the browser test
tests/browser/test_plain_streamlit.py opens deep links on a fresh plain `streamlit run app.py`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from tests.app_helpers import APP

ROUTER_MARK = "_navigation_pages"  # app.py keeps each session's pages under this key (PAGES_KEY)
PAGES = sorted((Path(__file__).parents[1] / "pages").glob("*.py"))


def _first_statement_after_imports(path: Path) -> ast.stmt:
    body = ast.parse(path.read_text()).body
    return next(n for n in body if not isinstance(n, (ast.Import, ast.ImportFrom, ast.Expr)) or _is_call(n))


def _is_call(node: ast.stmt) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_every_page_hands_a_bare_run_to_the_router_before_it_does_anything(page):
    first = _first_statement_after_imports(page)
    assert _is_call(first) and ast.unparse(first.value) == "run_through_router()", (
        f"{page.name} must call run_through_router() first, or plain `streamlit run app.py` shows its first visitor an error"
    )


def test_a_first_visit_to_a_deep_link_on_a_fresh_process_builds_the_database_and_shows_the_page(tmp_path, monkeypatch):
    """AppTest starts each run as a fresh plain-Streamlit process does: pages/ counts as old-style pages, so a first
    run asked for /meeting runs pages/meeting.py bare. Before the hand-over it raised (no database was built)."""
    database = tmp_path / "build" / "dashboard.duckdb"
    monkeypatch.setenv("DASHBOARD_DB", str(database))
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/meeting.py").run()  # the first run, before app.py ever ran
    assert not at.exception
    assert database.exists()
    assert at.title[0].value == "Meeting mode"
    assert ROUTER_MARK in at.session_state  # app.py ran: the page came through the router
    assert PagesManager.uses_pages_directory is False


def test_a_click_on_a_page_run_bare_is_kept_when_it_hands_over(use_real_db):
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/meeting.py").run()
    # AppTest starts every run bare again, so the click below is handled by a run that hands over.
    at.button(key="meeting_start").click().run()
    assert not at.exception
    assert at.query_params["mode"] == "meeting"

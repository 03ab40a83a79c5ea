"""Real-browser fixtures: one app server on a free loopback port and one Debian Chromium per test session.

Playwright cannot download its own browser on these machines, so it drives /usr/bin/chromium
(installed by `make system-packages`). Pages are discovered from app.py's PAGES, never listed here.
Every browser context a test opens is watched (tests/browser/boundary.py): a test fails if a page asked another site
for anything or tried what the Content-Security-Policy refuses.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from deploy.process import AppServer
from tests.browser.boundary import SiteBoundary, describe_refusal
from tests.browser.registry import registered_pages

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# `make test` runs two test processes on two cores, each with its own app server and browser: a page can take longer
# than Playwright's 5 s to show an element, so expect() waits as long as the contexts' actions do (still a bound).
expect.set_options(timeout=30_000)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 320, "height": 640}


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: runs in real Chromium against a live app server")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def pytest_generate_tests(metafunc):
    # One test per page registered in app.py, named by its address, so new pages are picked up unaided.
    if "app_page" in metafunc.fixturenames:
        pages = registered_pages()
        metafunc.parametrize("app_page", pages, ids=[p.id for p in pages], scope="module")


def launch_chromium(playwright):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-packages` (installs Debian's chromium)")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@pytest.fixture(scope="session")
def app_server(real_db, tmp_path_factory):
    """The dashboard (python -m dashboard.web.serve) on a free port over a database built from data/ into a temporary folder."""
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    server = AppServer(env={"DASHBOARD_DB": str(real_db)}, log_path=log)
    server.start()
    try:
        assert server.alive(), "the app server we started is not the one answering"
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def base_url(app_server) -> str:
    return app_server.url


@pytest.fixture(scope="session")
def site_boundary() -> SiteBoundary:
    return SiteBoundary()


@pytest.fixture(scope="session")
def browser(site_boundary):
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        open_context = chromium.new_context

        def new_context(*args, **kwargs):
            context = open_context(*args, **kwargs)
            site_boundary.watch(context)
            return context

        chromium.new_context = new_context  # every test's contexts, whichever way the test opens them
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def nothing_leaves_the_site(request):
    """Fail a browser test whose pages asked another site for anything, or tried what the Content-Security-Policy
    refuses (it would break for visitors the same way)."""
    if "browser" not in request.fixturenames:
        yield
        return
    boundary = request.getfixturevalue("site_boundary")
    boundary.take()
    yield
    elsewhere, refused = boundary.take()
    assert not elsewhere, f"requests to other sites: {elsewhere}"
    assert not refused, "the Content-Security-Policy refused: " + "; ".join(describe_refusal(r) for r in refused)


@pytest.fixture
def page(browser, base_url, app_server) -> Page:
    """A fresh browser context (no cookies, no session) at desktop width."""
    context = browser.new_context(base_url=base_url, viewport=DESKTOP, locale="en-GB")
    context.set_default_timeout(30_000)
    tab = context.new_page()
    yield tab
    context.close()
    assert app_server.alive(), "the app server died during the test"

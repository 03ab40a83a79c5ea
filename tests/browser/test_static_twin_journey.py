"""A visitor goes from an app page to its plain twin in the static edition and back (issue 23): the app's link opens
the static page (served by the same process at /f/), whose link opens the same app page again, with no error."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bench.stand_in_site import GRADE_SENTENCE, write_stand_in_site
from dashboard.web.freshness import TWIN_LINK_TEXT
from deploy.process import AppServer
from tests.browser.conftest import DESKTOP
from tests.browser.helpers import assert_page_did_not_fail, main_heading, path_of, query, wait_until_drawn


@pytest.fixture(scope="module")
def server_with_a_site(real_db, tmp_path_factory):
    """The app with a small hand-made static edition in its site folder (until the real builder is merged)."""
    folder = Path(tempfile.mkdtemp(prefix="dashboard-site-")) / "site"
    write_stand_in_site(folder)
    server = AppServer(
        env={"DASHBOARD_DB": str(real_db), "DASHBOARD_SITE": str(folder)},
        log_path=tmp_path_factory.mktemp("twin-server") / "streamlit.log",
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder.parent, ignore_errors=True)


@pytest.fixture
def tab(browser, server_with_a_site):
    context = browser.new_context(base_url=server_with_a_site.url, viewport=DESKTOP, locale="en-GB")
    context.set_default_timeout(30_000)
    yield context.new_page()
    context.close()


BACK_TO_THE_APP = "Open the interactive version of this page"  # the stand-in's words; the real pages say their own


@pytest.mark.parametrize(
    ("app_path", "static_path", "static_heading", "app_heading"),
    [
        ("/overview", "/f/hertfordshire/", "Hertfordshire: where it stands", "Hertfordshire Constabulary: where it stands"),
        ("/calls", "/f/hertfordshire/calls/", "Hertfordshire: 999 and 101 calls", "Hertfordshire: 999 and 101 calls"),
    ],
)
def test_an_app_page_opens_its_plain_twin_and_the_twin_opens_the_app_page_again(
    tab, app_path, static_path, static_heading, app_heading
):
    tab.goto(f"{app_path}?force=hertfordshire")
    wait_until_drawn(tab)
    assert_page_did_not_fail(tab)
    link = tab.get_by_role("link", name=TWIN_LINK_TEXT)
    if link.get_attribute("target") == "_blank":  # Streamlit may open a markdown link in a new tab
        with tab.context.expect_page() as opened:
            link.click()
        static = opened.value
    else:
        link.click()
        static = tab
    expect(static.locator("h1")).to_have_text(static_heading)
    assert path_of(static) == static_path
    if static_path == "/f/hertfordshire/":
        expect(static.get_by_text(GRADE_SENTENCE)).to_be_visible()
    assert "Page not found" not in static.locator("body").inner_text()

    static.get_by_role("link", name=BACK_TO_THE_APP).click()
    wait_until_drawn(static)
    assert_page_did_not_fail(static)
    assert path_of(static) == app_path and query(static)["force"] == ["hertfordshire"]
    assert main_heading(static) == app_heading

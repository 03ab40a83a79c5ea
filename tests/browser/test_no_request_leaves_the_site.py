"""No request leaves the site: every page, at a phone's and a desktop's size, in meeting mode, and the briefing pack
made and read, asks no other site for anything (a visitor's address goes to no third party, and the page works
behind a firewall). Every other browser test checks the same for its own pages (tests/browser/boundary.py)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.boundary import NETWORK_SCHEMES, describe_refusal, origin
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import assert_page_did_not_fail, open_path, reveal_everything
from tests.browser.registry import registered_pages

SIZES = {"desktop": DESKTOP, "phone": PHONE}
MEETING_MODE = "/meeting?mode=meeting&force=hertfordshire&as_at=2025-03-31&step=2"
ADDRESSES = [page.path for page in registered_pages()] + [MEETING_MODE]
TAB_ICON = "document.querySelector(\"link[rel~='icon']\").href"


def other_sites(requests: list[str], site: str) -> list[str]:
    return [url for url in requests if urlsplit(url).scheme in NETWORK_SCHEMES and origin(url) != origin(site)]


def refused_elsewhere(site_boundary, since: int = 0) -> list[str]:
    """Requests to another site the policy stopped before they left, from the `since`-th refusal seen on."""
    refused = site_boundary.refused[since:]
    return [describe_refusal(r) for r in refused if urlsplit(r["blocked"] or "").scheme in NETWORK_SCHEMES]


@pytest.mark.parametrize("size", SIZES)
def test_no_page_asks_another_site_for_anything(browser, base_url, site_boundary, size):
    """Each address opened afresh, in turn, in one browser: a first visit is when Streamlit sets the tab's icon."""
    context = browser.new_context(base_url=base_url, viewport=SIZES[size], locale="en-GB")
    context.set_default_timeout(30_000)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    elsewhere, own_files, tab_icons = {}, {}, {}
    try:
        tab = context.new_page()
        for address in ADDRESSES:
            requests.clear()
            refusals_before = len(site_boundary.refused)
            open_path(tab, address)
            reveal_everything(tab)  # charts are drawn only when scrolled into view
            assert_page_did_not_fail(tab)
            tab_icons[address] = tab.evaluate(TAB_ICON)[:26]
            elsewhere[address] = other_sites(requests, base_url) + refused_elsewhere(site_boundary, refusals_before)
            own_files[address] = sum(url.startswith(f"{base_url}/static/") for url in requests)
    finally:
        context.close()
    assert elsewhere == {address: [] for address in ADDRESSES}
    # The recorder saw each page's own files, and the tab's icon is the one drawn in the page, not Google's.
    assert all(own_files.values()), own_files
    assert tab_icons == {address: "data:image/svg+xml;base64," for address in ADDRESSES}


def test_making_the_briefing_pack_and_reading_it_asks_no_other_site(browser, base_url, site_boundary, tmp_path):
    context = browser.new_context(base_url=base_url, viewport=DESKTOP, locale="en-GB", accept_downloads=True)
    context.set_default_timeout(30_000)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        tab = context.new_page()
        open_path(tab, "/briefing?force=hertfordshire&as_at=2025-08-01")
        tab.get_by_role("button", name="Make the briefing pack").click()
        html_button = tab.get_by_role("button", name="Download the HTML version")
        expect(html_button).to_be_visible(timeout=180_000)
        assert_page_did_not_fail(tab)
        with tab.expect_download() as caught:
            html_button.click()
        pack = tmp_path / "pack.html"
        caught.value.save_as(pack)
        # The pack's web page, opened from disk as a Panel member would: it needs nothing from any network.
        reader = context.new_page()
        reader.goto(Path(pack).as_uri())
        expect(reader.locator("h1").first).to_contain_text("Hertfordshire")
    finally:
        context.close()
    assert other_sites(requests, base_url) == []
    assert refused_elsewhere(site_boundary) == []
    opened = [url for url in requests if url.startswith("file:")]
    assert opened == [pack.as_uri()], "the pack's web page loaded files besides itself"

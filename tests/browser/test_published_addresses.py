"""Every address we publish opens cleanly: the README's examples, every registered page (alone and with ?force=kent)
and every link the app itself offers (the minutes link, links in sentences), each in a fresh browser context.

Addresses are harvested (tests/browser/addresses.py), never listed here, so a new example in the README or a
new page is checked without editing this file.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from dashboard.common.site_addresses import PREFIX
from deploy.process import AppServer
from tests.browser.addresses import Address, published_addresses, readme_addresses, title_for
from tests.browser.conftest import DESKTOP
from tests.browser.helpers import assert_page_did_not_fail, wait_until_drawn

SITE = "Policing accountability dashboard"
STATIC_EDITION = PREFIX + "/"
ADDRESSES = published_addresses()
MINUTES_POPOVER = "Link for the minutes"

# Links the app offers: anchors in the page's text that stay on this server (not a heading's link to itself), and
# addresses shown as code anywhere, popovers included (Streamlit draws a popover's body outside the main block).
OFFERED = """(origin) => {
    const main = document.querySelector('[data-testid="stMain"]');
    const links = [...main.querySelectorAll('a[href]')].map(a => a.href).filter(h => !h.includes('#'));
    const code = [...document.querySelectorAll('[data-testid="stCode"] code')].map(c => c.innerText.trim());
    return [...links, ...code].filter(u => u.startsWith(origin + '/'));
}"""


def open_fresh(browser, base_url: str, address: str):
    """A new browser context (no cookies, no session), as a visitor who pasted the address."""
    context = browser.new_context(base_url=base_url, viewport=DESKTOP, locale="en-GB")
    context.set_default_timeout(30_000)
    tab = context.new_page()
    tab.goto(address)
    wait_until_drawn(tab)
    return context, tab


def check_static_page_opens(browser, base_url: str, link: str, offered_on: str) -> None:
    """A static edition page, opened in a fresh context: answered (not the site's 404 page) and headed."""
    context = browser.new_context(base_url=base_url, viewport=DESKTOP, locale="en-GB")
    try:
        tab = context.new_page()
        response = tab.goto(link)
        assert response is not None and response.status == 200, f"{offered_on} offers {link}, which does not open"
        expect(tab.get_by_role("heading", level=1)).to_be_visible()
    finally:
        context.close()


def check_opens(tab, title: str, where: str) -> None:
    expect(tab, f"{where} opened the wrong page").to_have_title(f"{title} · {SITE}")
    assert_page_did_not_fail(tab)


def links_offered(tab, origin: str) -> list[str]:
    """Every internal address the page offers, with the minutes popover opened if the page has one."""
    popover = tab.get_by_role("button", name=MINUTES_POPOVER)
    if popover.count():
        popover.first.click()
        tab.locator('[data-testid="stPopoverBody"] [data-testid="stCode"]').first.wait_for()
    offered = []
    for url in tab.evaluate(OFFERED, origin):
        parsed = urlparse(url)
        offered.append(parsed.path + (f"?{parsed.query}" if parsed.query else ""))
    return offered


def test_the_readme_examples_were_harvested():
    """The harvester finds the README's kinds of address, so an empty harvest cannot pass unnoticed."""
    paths = {a.path for a in readme_addresses()}
    assert "/meeting?mode=meeting&force=hertfordshire&as_at=2025-03-31&step=1" in paths
    assert "/grades?cycle=2021-22" in paths
    assert "/" in paths  # http://127.0.0.1:8501 in `make run`
    assert {"/about-data?tier=primary", "/about-data?tier=secondary"} <= paths


@pytest.mark.parametrize("address", ADDRESSES, ids=[a.path for a in ADDRESSES])
def test_every_published_address_opens_its_page_without_an_error(browser, base_url, address: Address):
    assert address.title != "(no such page)", f"{address.origin} publishes {address.path}, which no page answers"
    context, tab = open_fresh(browser, base_url, address.path)
    try:
        check_opens(tab, address.title, f"{address.path} ({address.origin})")
        offered = links_offered(tab, base_url.rstrip("/"))
    finally:
        context.close()
    # Then every link that page offers, each in its own fresh context too.
    for link in dict.fromkeys(offered):
        if link.startswith(STATIC_EDITION):  # a static twin (once published): plain HTML the same server answers
            check_static_page_opens(browser, base_url, link, address.path)
            continue
        title = title_for(link)
        assert title, f"{address.path} offers {link}, which no page answers"
        context, tab = open_fresh(browser, base_url, link)
        try:
            check_opens(tab, title, f"{link} (offered on {address.path})")
        finally:
            context.close()


def test_each_published_page_opens_on_a_freshly_started_server(browser, real_db, tmp_path):
    """A deep link to a server whose router has not run yet (dashboard.web.serve) must still reach the right page.

    What a fresh process can get wrong is routing a path before st.navigation first ran, so each distinct path is
    opened once here (the first address published for it), each in a fresh context.
    """
    firsts = {}
    for address in ADDRESSES:
        firsts.setdefault(urlparse(address.path).path, address)
    server = AppServer(env={"DASHBOARD_DB": str(real_db)}, log_path=tmp_path / "fresh.log").start()
    try:
        for address in firsts.values():
            context, tab = open_fresh(browser, server.url, address.path)
            try:
                check_opens(tab, address.title, f"{address.path} on a fresh server")
            finally:
                context.close()
        assert server.alive()
    finally:
        server.stop()

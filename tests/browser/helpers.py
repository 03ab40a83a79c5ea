"""Small helpers the browser tests share: open a page and wait until Streamlit has finished drawing it."""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page, expect

from dashboard.web.widgets import TABLE_SWITCH

FORCE_PICKER = "Police force"
# app.py shows this when a page raised; it must never appear.
PAGE_FAILED = "could not be shown"

_IDLE = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.dataset.testScriptState !== 'notRunning') return false;
    if (!document.querySelector('[data-testid="stMain"] h1')) return false;
    // Plotly draws after the script has finished: wait for every chart's SVG.
    return [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(c => c.querySelector('.main-svg'));
}"""


def wait_until_drawn(page: Page, timeout: float = 30_000) -> None:
    """Wait until the script run has finished, the page has a heading and every chart is drawn."""
    page.wait_for_function(_IDLE, timeout=timeout)
    # A short settle: Streamlit may still swap stale elements out in the frame after it reports idle.
    page.wait_for_timeout(300)
    page.wait_for_function(_IDLE, timeout=timeout)


_SCROLL_THROUGH = """async () => {
    const main = document.querySelector('[data-testid="stMain"]');
    for (const box of [main, document.scrollingElement].filter(Boolean)) {
        for (let y = 0; y < box.scrollHeight; y += 500) {
            box.scrollTo(0, y);
            await new Promise(done => setTimeout(done, 40));
        }
        box.scrollTo(0, 0);
    }
}"""


def reveal_everything(page: Page) -> None:
    """Scroll through the page: Streamlit mounts charts only when they first come into view."""
    page.evaluate(_SCROLL_THROUGH)
    wait_until_drawn(page)


def open_path(page: Page, path: str) -> None:
    page.goto(path)
    wait_until_drawn(page)


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def path_of(page: Page) -> str:
    return urlparse(page.url).path


def main_heading(page: Page) -> str:
    return page.locator('[data-testid="stMain"] h1').first.inner_text().strip()


def choose_force(page: Page, name: str) -> None:
    """Use the force picker the way a visitor does: open it, type part of the name, press Enter."""
    picker = page.get_by_role("combobox", name=FORCE_PICKER)
    picker.click()
    picker.fill(name)
    page.keyboard.press("Enter")


def expect_force_in_url(page: Page, force_id: str) -> None:
    expect(page).to_have_url(re.compile(rf"[?&]force={re.escape(force_id)}(&|$)"))


# Streamlit's own failure texts: its error box when a script or the router raised, and its modal for an unknown path.
STREAMLIT_FAILED = ("This app has encountered an error", "Page not found")


def assert_page_did_not_fail(page: Page) -> None:
    """No traceback, no 'could not be shown' from app.py, no Streamlit error box and no 'Page not found' modal."""
    assert page.locator('[data-testid="stException"]').count() == 0, "a traceback reached the page"
    alerts = page.locator('[data-testid="stAlertContentError"]').all_inner_texts()
    assert not [a for a in alerts if PAGE_FAILED in a], f"the page reported a failure: {alerts}"
    body = page.locator("body").inner_text()
    shown = [text for text in STREAMLIT_FAILED if text in body]
    assert not shown, f"Streamlit showed {shown} at {page.url}"


def sidebar_links(page: Page) -> dict[str, str]:
    """The navigation links the visitor sees: link text -> path."""
    links = page.locator('[data-testid="stSidebarNav"] a[data-testid="stSidebarNavLink"]')
    result = {}
    for link in links.all():
        # The visible label; the icon before it is a ligature font with aria-hidden, not part of the name.
        label = link.locator("span[label]").first.get_attribute("label") or link.inner_text()
        result[label.strip()] = urlparse(link.get_attribute("href") or "").path
    return result


def run_async(coroutine):
    """Run a coroutine to the end from a test: in its own thread, since Playwright's sync API holds an event loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def expand_everything(page) -> None:
    """Open every expander, so the audit also sees the tables and downloads a visitor can reveal."""
    closed = page.locator('[data-testid="stMain"] [data-testid="stExpander"] details:not([open]) > summary')
    for _ in range(closed.count()):
        closed.first.click()
    wait_until_drawn(page)


def switch_on_every_table(page) -> None:
    """Turn on every "Show as a table" switch from the keyboard (Tab to it, then Space), as a keyboard user would."""
    switches = page.locator(f'[data-testid="stMain"] input[role="switch"][aria-label="{TABLE_SWITCH}"]')
    for number in range(switches.count()):
        switch = switches.nth(number)
        if switch.is_checked():
            continue
        switch.focus()
        page.keyboard.press("Space")
        expect(switch).to_be_checked()
        wait_until_drawn(page)

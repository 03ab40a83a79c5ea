"""A resident wants the figures behind a chart: Tab to "Show as a table", press Space, read the table,
then Tab to its download and press Enter.

Walked in real Chromium on a phone (360 px) and on a projector-sized screen (1366x768), from the keyboard alone,
then the page's address opened in a fresh browser. Screenshots of each size with the table shown are saved to
$TMPDIR/table-switch/ (TABLE_SWITCH_SCREENSHOTS to keep them somewhere else), to look at.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard.web.widgets import TABLE_SWITCH
from tests.browser.helpers import assert_page_did_not_fail, open_path, wait_until_drawn

SIZES = {"phone": {"width": 360, "height": 740}, "projector": {"width": 1366, "height": 768}}
SCREENSHOTS = Path(os.environ.get("TABLE_SWITCH_SCREENSHOTS", Path(tempfile.gettempdir()) / "table-switch"))
SCREENSHOTS.mkdir(parents=True, exist_ok=True)
# The 999 chart on the calls page is the first chart; its table holds Hertfordshire's April 2024 figure.
FIRST_CHART = '[data-testid="stMain"] [class*="st-key-chart-"]'


def tab_until(page, name: str, backwards: bool = False, presses: int = 80) -> None:
    """Press Tab (or Shift+Tab), as a keyboard user does, until the focus is on the control with this name."""
    focused = "document.activeElement && (document.activeElement.getAttribute('aria-label') || document.activeElement.innerText)"
    for _ in range(presses):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if (page.evaluate(focused) or "").strip() == name:
            return
    pytest.fail(f"{presses} presses of {'Shift+' if backwards else ''}Tab never reached '{name}'")


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_a_keyboard_user_shows_a_charts_table_and_downloads_exactly_those_rows(browser, base_url, size):
    context = browser.new_context(base_url=base_url, viewport=SIZES[size], locale="en-GB", accept_downloads=True)
    context.set_default_timeout(30_000)
    try:
        page = context.new_page()
        open_path(page, "/calls?force=hertfordshire")
        group = page.locator(FIRST_CHART).first
        switch = group.get_by_role("switch", name=TABLE_SWITCH)
        expect(switch).not_to_be_checked()
        assert group.locator('[data-testid="stDataFrame"]').count() == 0, "the table shows before it is asked for"

        tab_until(page, TABLE_SWITCH)
        page.keyboard.press("Space")
        expect(switch).to_be_checked()
        wait_until_drawn(page)
        table = group.locator('[data-testid="stDataFrame"]')
        expect(table).to_be_visible()
        download = group.get_by_role("button", name="Download this data (CSV)")
        expect(download).to_be_visible()
        assert_page_did_not_fail(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"the page is {overflow} px wider than the {size} screen with the table shown"
        table.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / f"calls-{size}.png"))

        tab_until(page, "Download this data (CSV)")
        with page.expect_download() as caught:
            page.keyboard.press("Enter")
        rows = list(csv.DictReader(io.StringIO(Path(caught.value.path()).read_text(encoding="utf-8"))))
        assert caught.value.suggested_filename.endswith(".csv")
        april = [r for r in rows if r.get("Place") == "Hertfordshire" and r.get("Period") == "April 2024"]
        assert [r["Value"] for r in april] == ["87.4%"], f"the CSV lacks Hertfordshire's April 2024 figure: {rows[:3]}"
        assert_page_did_not_fail(page)  # downloading does not rerun or break the page

        tab_until(page, TABLE_SWITCH, backwards=True)
        page.keyboard.press("Space")  # and Space again hides the table
        expect(switch).not_to_be_checked()
        wait_until_drawn(page)
        assert group.locator('[data-testid="stDataFrame"]').count() == 0
        address = page.url
    finally:
        context.close()

    # The address the visitor would share opens cleanly in a fresh browser: same page, switch off, no error.
    fresh = browser.new_context(base_url=base_url, viewport=SIZES[size], locale="en-GB")
    try:
        page = fresh.new_page()
        page.goto(address)
        wait_until_drawn(page)
        expect(page.locator(FIRST_CHART).first.get_by_role("switch", name=TABLE_SWITCH)).not_to_be_checked()
        assert "999 and 101 calls" in page.locator('[data-testid="stMain"] h1').first.inner_text()
        assert_page_did_not_fail(page)
    finally:
        fresh.close()

"""A resident on a 360 px phone: no page scrolls sideways, and the overview's first screen answers the question."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_page_did_not_fail, open_path, reveal_everything

PHONE_SCREEN = {"width": 360, "height": 740}
PAGES = ("/", "/grades", "/calls", "/national", "/tracker", "/peers")
GRADE_WORDS = ("Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate")


@pytest.fixture
def phone(browser, base_url, app_server):
    context = browser.new_context(base_url=base_url, viewport=PHONE_SCREEN, locale="en-GB")
    context.set_default_timeout(30_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_page_scrolls_sideways_on_a_360_px_phone(phone, path, tmp_path):
    open_path(phone, path)
    reveal_everything(phone)
    assert_page_did_not_fail(phone)
    phone.screenshot(path=str(tmp_path / "page.png"))
    width, screen = phone.evaluate("() => [document.scrollingElement.scrollWidth, innerWidth]")
    assert width <= screen, f"{path} is {width} px wide on a {screen} px screen"


def test_first_screen_of_the_overview_shows_a_grade_in_words_and_the_999_figure_against_its_standard(phone):
    open_path(phone, "/")
    main = phone.locator('[data-testid="stMain"]')
    # Everything drawn within the first 740 px of the page, read from the page itself.
    first_screen = phone.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMain"] h1, [data-testid="stMain"] [data-testid="stAlert"]')]
            .filter(e => e.getBoundingClientRect().bottom <= innerHeight)
            .map(e => e.innerText).join('\\n')"""
    )
    assert main.locator("h1").first.is_visible()
    assert any(word in first_screen for word in GRADE_WORDS), first_screen
    assert re.search(r"\d+\.\d% answered within 10 seconds .*the \d+% standard", first_screen), first_screen


def test_the_force_by_area_grid_becomes_a_list_on_a_phone(phone):
    open_path(phone, "/national")
    expect(phone.locator(".st-key-wide-matrix")).to_be_hidden()
    expect(phone.locator(".st-key-narrow-matrix")).to_be_visible()
    expect(phone.locator(".st-key-narrow-matrix")).to_contain_text("◀")

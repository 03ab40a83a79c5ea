"""A resident on a 360 px phone: no page scrolls sideways, and the first screen of a page answers its question.

Expected answers are read from the database the app serves (queries.run_query), never pinned."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from dashboard.common.scale import GRADE_ORDER
from dashboard.common.wording import format_value
from dashboard.holding.model.tracker import STATUSES
from tests.browser.helpers import assert_page_did_not_fail, open_path, reveal_everything
from tests.browser.registry import registered_pages

PHONE_SCREEN = {"width": 360, "height": 740}
PAGES = tuple(page.path for page in registered_pages())
GRADE_WORDS = ("Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate")


@pytest.fixture
def phone(browser, base_url, app_server):
    context = browser.new_context(base_url=base_url, viewport=PHONE_SCREEN, locale="en-GB")
    context.set_default_timeout(30_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_registered_page_scrolls_sideways_on_a_360_px_phone(phone, path, tmp_path):
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


# Everything of the page's main column whose box starts within the first screen (top < 740 px), as the reader sees it.
FIRST_SCREEN = """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stElementContainer"]')]
    .filter(e => { const box = e.getBoundingClientRect(); return box.height > 0 && box.top < innerHeight; })
    .map(e => e.innerText).join('\\n')"""


def first_screen(phone, path: str, tmp_path) -> str:
    open_path(phone, path)
    phone.screenshot(path=str(tmp_path / "first-screen.png"))
    return phone.evaluate(FIRST_SCREEN)


def latest_grades(force_id: str):
    from queries import run_query

    cycle_id = run_query("cycles").iloc[0]["cycle_id"]
    grades = run_query("force_grades", force_id=force_id, cycle_id=cycle_id)
    return grades[grades["grade"].isin(GRADE_ORDER)]


def test_first_screen_of_the_grades_page_gives_each_grade_in_words_with_its_count(phone, use_real_db, tmp_path):
    shown = first_screen(phone, "/grades", tmp_path)
    known = latest_grades("hertfordshire")
    assert not known.empty
    for grade, count in known["grade"].value_counts().items():
        assert re.search(rf"\b{grade} in {count}\b", shown), (grade, count, shown)


def test_first_screen_of_the_calls_page_gives_the_latest_999_figure(phone, use_real_db, tmp_path):
    from queries import run_query

    shown = first_screen(phone, "/calls", tmp_path)
    figure = run_query("latest_figures", force_id="hertfordshire", metric_ids=["pct_999_answered_10s"]).iloc[0]
    assert format_value(figure["value"], figure["unit"]) in shown, shown
    assert figure["period_label"] in shown, shown


def test_first_screen_of_all_forces_says_where_the_force_sits_at_its_lowest_grade(phone, use_real_db, tmp_path):
    shown = first_screen(phone, "/national", tmp_path)
    known = latest_grades("hertfordshire")
    lowest = known.sort_values("grade_rank").iloc[-1]
    assert f"{lowest['grade']} in {lowest['area_short_name']}" in shown or f"{lowest['grade']} in {lowest['area_name']}" in shown
    assert "with a known grade higher" in shown, shown


def test_first_screen_of_the_tracker_counts_its_items_by_status(phone, use_real_db, tmp_path):
    from queries import run_query

    shown = first_screen(phone, "/tracker", tmp_path)
    cycle_id = run_query("cycles").iloc[0]["cycle_id"]
    tracker = run_query("improvement_tracker", force_id="hertfordshire", cycle_id=cycle_id, as_at=date.today())
    assert not tracker.empty
    for status, count in tracker["status"].value_counts().items():
        assert f"{count} {status}" in shown, (status, count, shown)


def test_the_tracker_on_a_phone_is_a_list_that_starts_each_item_with_its_status(phone, use_real_db):
    from queries import run_query

    open_path(phone, "/tracker")
    expect(phone.locator('[class*="st-key-wide-tracker"]')).to_be_hidden()
    items = phone.locator('[class*="st-key-narrow-tracker"] li')
    cycle_id = run_query("cycles").iloc[0]["cycle_id"]
    tracker = run_query("improvement_tracker", force_id="hertfordshire", cycle_id=cycle_id, as_at=date.today())
    expect(items).to_have_count(len(tracker))
    statuses = tuple(s.capitalize() for s in STATUSES)
    for item in items.all():
        item.scroll_into_view_if_needed()
        box = item.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE_SCREEN["width"], box
        assert item.inner_text().startswith(statuses), item.inner_text()


def test_the_tracker_on_a_wide_screen_keeps_its_table_scrolling_in_its_own_box(page):
    open_path(page, "/tracker")
    expect(page.locator('[class*="st-key-narrow-tracker"]')).to_be_hidden()
    table = page.locator('[class*="st-key-wide-tracker"] [data-testid="stDataFrame"]')
    expect(table).to_be_visible()
    width, screen = page.evaluate("() => [document.scrollingElement.scrollWidth, innerWidth]")
    assert width <= screen

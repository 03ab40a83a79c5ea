"""What a visitor does, in real Chromium: read the grades, change force, move between pages, share a link."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from dashboard.common.scale import GRADE_ORDER, SYMBOL
from deploy.process import AppServer
from queries import run_query
from tests.browser.conftest import DESKTOP
from tests.browser.helpers import (
    FORCE_PICKER,
    assert_page_did_not_fail,
    choose_force,
    expect_force_in_url,
    main_heading,
    open_path,
    path_of,
    query,
    sidebar_links,
    wait_until_drawn,
)
from tests.browser.registry import registered_pages

SITE = "Policing accountability dashboard"


def grade_columns_on_page(page) -> dict[str, list[str]]:
    """The overview's five grade columns as the visitor reads them: grade label -> areas listed under it."""
    shown = {}
    for grade in GRADE_ORDER:
        label = page.locator("strong").get_by_text(f"{SYMBOL[grade]} {grade}", exact=True).first
        column = page.locator('[data-testid="stColumn"]').filter(has=label).first
        shown[grade] = [item.strip() for item in column.locator("li").all_inner_texts()]
    return shown


def picker_text(page) -> str:
    return page.get_by_role("combobox", name=FORCE_PICKER).first.input_value()


def test_the_overview_shows_hertfordshire_graded_inadequate_for_recording_crime(page):
    open_path(page, "/")
    assert main_heading(page) == "Hertfordshire Constabulary: where it stands"
    expect_force_in_url(page, "hertfordshire")
    columns = grade_columns_on_page(page)
    assert columns["Inadequate"] == ["Recording data about crime"]
    assert columns["Good"] == ["Preventing crime"]
    assert "Responding to the public" in columns["Requires improvement"]
    assert_page_did_not_fail(page)


def test_choosing_kent_in_the_picker_changes_the_address_and_the_grades(page, use_real_db):
    open_path(page, "/")
    hertfordshire = grade_columns_on_page(page)
    choose_force(page, "Kent")
    expect_force_in_url(page, "kent")
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text("Kent Police: where it stands")
    wait_until_drawn(page)
    kent = grade_columns_on_page(page)
    cycle = run_query("cycles").iloc[0]["cycle_id"]
    expected = run_query("force_grades", force_id="kent", cycle_id=cycle)
    for grade in GRADE_ORDER:
        assert kent[grade] == expected.loc[expected["grade"] == grade, "area_short_name"].tolist(), grade
    assert kent != hertfordshire
    assert picker_text(page) == "Kent"


def test_the_navigation_lists_every_page_registered_in_app_py(page):
    open_path(page, "/")
    links = sidebar_links(page)
    assert links == {p.title: p.path for p in registered_pages()}


def test_every_page_opens_from_the_menu_and_its_address_reopens_the_same_view(page, browser, base_url, app_page):
    # Navigate as a visitor would: choose Kent on the overview, then follow the menu link.
    open_path(page, "/")
    choose_force(page, "Kent")
    expect_force_in_url(page, "kent")
    wait_until_drawn(page)
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=app_page.title, exact=True).click()
    expect(page).to_have_title(f"{app_page.title} · {SITE}")
    wait_until_drawn(page)
    assert path_of(page) == app_page.path
    assert main_heading(page)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert_page_did_not_fail(page)
    navigated = (path_of(page), query(page).get("force"), main_heading(page), page.title())
    address = page.url

    # Open the same address in a brand-new browser context (no session, no cookies): a shared link.
    context = browser.new_context(base_url=base_url, viewport=DESKTOP)
    try:
        fresh = context.new_page()
        open_path(fresh, address)
        linked = (path_of(fresh), query(fresh).get("force"), main_heading(fresh), fresh.title())
        has_picker = fresh.get_by_role("combobox", name=FORCE_PICKER).count() > 0
        if has_picker:
            assert picker_text(fresh) == "Kent"
        assert_page_did_not_fail(fresh)
    finally:
        context.close()
    assert linked == navigated
    if has_picker:
        assert navigated[1] == ["kent"]


def test_a_deep_link_to_a_freshly_started_server_goes_through_the_router(browser, real_db, tmp_path):
    """Streamlit runs pages/*.py bare until st.navigation first runs in a process; dashboard.web.serve prevents that."""
    target = next(p for p in registered_pages() if not p.default)
    server = AppServer(env={"DASHBOARD_DB": str(real_db)}, log_path=tmp_path / "fresh.log").start()
    context = browser.new_context(viewport=DESKTOP)
    try:
        tab = context.new_page()
        tab.goto(server.url + target.path)
        wait_until_drawn(tab)
        assert tab.title() == f"{target.title} · {SITE}"
        assert urlparse(tab.url).path == target.path
        assert sidebar_links(tab) == {p.title: p.path for p in registered_pages()}
        assert server.alive()
    finally:
        context.close()
        server.stop()


@pytest.mark.parametrize("value", ["not-a-force", "<script>alert(1)</script>"])
def test_a_bad_force_in_a_link_falls_back_to_hertfordshire_politely(page, value):
    page.goto("/?force=" + value)
    wait_until_drawn(page)
    assert main_heading(page) == "Hertfordshire Constabulary: where it stands"
    expect(page.get_by_text("We could not find a police force", exact=False).first).to_be_visible()
    assert_page_did_not_fail(page)


def test_the_glossary_link_under_a_pages_title_reaches_the_glossary_on_about_the_data(page):
    open_path(page, "/calls")
    link = page.locator('[data-testid="stMain"] a', has_text="glossary").first
    assert urlparse(link.get_attribute("href")).path == "/about-data"
    assert urlparse(link.get_attribute("href")).fragment == "glossary"
    open_path(page, "/about-data#glossary")
    expect(page.locator("#glossary")).to_have_count(1)
    expect(page.get_by_text("Police and Crime Commissioner, elected to hold the force to account").first).to_be_visible()
    assert_page_did_not_fail(page)

"""The PCC runs a meeting in real Chromium: start, move with keys and buttons, and reopen the minutes link."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.helpers import assert_page_did_not_fail, main_heading, open_path, path_of, query, wait_until_drawn

PROJECTOR = {"width": 1366, "height": 768}


def test_starting_meeting_mode_then_pressing_right_moves_to_the_999_step_without_an_error(page):
    page.set_viewport_size(PROJECTOR)
    open_path(page, "/meeting?force=hertfordshire")
    page.get_by_role("button", name="Start meeting mode").click()
    wait_until_drawn(page)
    assert query(page)["mode"] == ["meeting"]
    assert_page_did_not_fail(page)
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(__import__("re").compile(r"[?&]step=2(&|$)"))
    wait_until_drawn(page)
    assert path_of(page) == "/meeting"
    assert "999" in main_heading(page)
    assert_page_did_not_fail(page)


def test_a_meeting_deep_link_and_the_overview_address_open_without_page_not_found(page):
    open_path(page, "/meeting?mode=meeting&force=hertfordshire&as_at=2025-03-31&step=2")
    assert "999" in main_heading(page)
    assert_page_did_not_fail(page)
    open_path(page, "/overview?force=kent")
    assert main_heading(page) == "Kent Police: where it stands"
    assert_page_did_not_fail(page)

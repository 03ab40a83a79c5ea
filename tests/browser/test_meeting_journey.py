"""The PCC runs a meeting in real Chromium: start, move with keys and buttons, and reopen the minutes link."""

from __future__ import annotations

import os
import re
import tempfile
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard.common.forces import resolve_force
from dashboard.holding.model import meeting
from dashboard.holding.views import step_view
from queries import run_query
from tests.browser.helpers import (
    assert_page_did_not_fail,
    choose_force,
    expect_force_in_url,
    main_heading,
    open_path,
    path_of,
    query,
    wait_until_drawn,
)

PROJECTOR = {"width": 1366, "height": 768}
# Every slide is saved here at both sizes, to look at (MEETING_SCREENSHOTS to keep them somewhere else).
SCREENSHOTS = Path(os.environ.get("MEETING_SCREENSHOTS", Path(tempfile.gettempdir()) / "meeting-slides"))
SCREENSHOTS.mkdir(parents=True, exist_ok=True)


def test_starting_meeting_mode_then_pressing_right_moves_to_the_999_step_without_an_error(page):
    page.set_viewport_size(PROJECTOR)
    open_path(page, "/meeting?force=hertfordshire")
    page.get_by_role("button", name="Start meeting mode").click()
    wait_until_drawn(page)
    assert query(page)["mode"] == ["meeting"]
    assert_page_did_not_fail(page)
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"[?&]step=2(&|$)"))
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


# --- The PCC's whole meeting, and slides that fit a projector -------------------------------------------------

SCREENS = {"1366x768": PROJECTOR, "1920x1080": {"width": 1920, "height": 1080}}
# Readable from the back of a room: the smallest text on a slide, by screen.
SMALLEST_TEXT = {"1366x768": 16, "1920x1080": 20}
AS_AT = date(2025, 8, 1)


def expected_headlines(force_id: str, as_at: date) -> dict[int, str]:
    """What each step's headline should say, from the same data the app reads (not figures written into the test)."""
    force = resolve_force(force_id, run_query("forces"))
    return {
        step: step_view(force.force_id, force.name, force.short_name, step, as_at, True).headline
        for step in range(1, len(meeting.AGENDA) + 1)
    }


def expect_step(page, step: int, headline: str) -> None:
    # Generous waits (not assertions on speed): the machine is shared and a rerun can take a few seconds.
    expect(page).to_have_url(re.compile(rf"[?&]step={step}(&|$)"), timeout=20_000)
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text(headline, timeout=20_000)
    wait_until_drawn(page)
    assert_page_did_not_fail(page)


def test_the_pcc_runs_a_meeting_with_keys_and_reopens_the_minutes_link(page, browser, base_url, use_real_db):
    page.set_viewport_size(PROJECTOR)
    open_path(page, "/meeting?force=kent")
    choose_force(page, "Hertfordshire")
    expect_force_in_url(page, "hertfordshire")
    wait_until_drawn(page)
    # The date field is three segments (day, month, year); typing the digits moves from one to the next, and the
    # date is taken when the field loses focus.
    page.get_by_role("spinbutton", name="day, Data as at").click()
    page.keyboard.type(AS_AT.strftime("%d%m%Y"))
    page.locator('[data-testid="stMain"] h1').first.click()
    expect(page).to_have_url(re.compile(rf"[?&]as_at={AS_AT.isoformat()}(&|$)"))
    wait_until_drawn(page)
    page.get_by_role("button", name="Start meeting mode").click()
    expect(page).to_have_url(re.compile(r"[?&]mode=meeting(&|$)"))
    headlines = expected_headlines("hertfordshire", AS_AT)
    expect_step(page, 1, headlines[1])
    assert page.locator('[data-testid="stSidebar"]').is_hidden()

    for step in (2, 3, 4):
        page.keyboard.press("ArrowRight")
        expect_step(page, step, headlines[step])
    for step in (3, 2, 1):
        page.keyboard.press("ArrowLeft")
        expect_step(page, step, headlines[step])
    page.keyboard.press("2")
    expect_step(page, 2, headlines[2])
    page.keyboard.press("4")
    expect_step(page, 4, headlines[4])
    assert query(page)["as_at"] == [AS_AT.isoformat()] and query(page)["force"] == ["hertfordshire"]

    # The clerk copies the link for the minutes; a member of the public opens it later in their own browser.
    page.get_by_role("button", name="Link for the minutes").click()
    link = page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"] code').first.inner_text().strip()
    assert link == f"{base_url.rstrip('/')}/meeting?mode=meeting&force=hertfordshire&as_at={AS_AT.isoformat()}&step=4"
    page.get_by_role("button", name="Link for the minutes").click()  # and closes it again
    expect(page.locator('[data-testid="stPopoverBody"]')).to_have_count(0)
    context = browser.new_context(viewport=PROJECTOR, locale="en-GB")
    try:
        later = context.new_page()
        later.goto(link)
        expect_step(later, 4, headlines[4])
        assert query(later)["mode"] == ["meeting"]
    finally:
        context.close()

    # Escape leaves meeting mode: the menu is back and the address no longer says mode=meeting.
    page.keyboard.press("Escape")
    expect(page.locator('[data-testid="stSidebar"]')).to_be_visible()
    wait_until_drawn(page)
    assert "mode" not in query(page)
    assert query(page)["step"] == ["4"]
    assert main_heading(page) == "Meeting mode"
    assert_page_did_not_fail(page)


SLIDE_LAYOUT = """() => {
    const box = el => { if (!el) return null; const r = el.getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height}; };
    const main = document.querySelector('[data-testid="stMain"]');
    const evidence = main.querySelector('[data-testid="stPlotlyChart"]') || main.querySelector('table')
        || [...main.querySelectorAll('ul')].find(u => u.innerText.includes(':'));
    const small = [];
    for (const el of main.querySelectorAll('*')) {
        const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!own || !el.checkVisibility({visibilityProperty: true})) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        small.push([size, el.textContent.trim().slice(0, 40)]);
    }
    const presenter = [...main.querySelectorAll('p')].find(p => p.innerText.startsWith('What it means'));
    return {
        viewport: {width: innerWidth, height: innerHeight},
        scrolled: main.scrollTop + document.scrollingElement.scrollTop,
        headline: box(main.querySelector('h1')),
        evidence: box(evidence),
        presenter: box(presenter),
        previous: box(document.querySelector('.st-key-meeting_previous button')),
        next: box(document.querySelector('.st-key-meeting_next button')),
        text: small,
    };
}"""

CHART_LABELS = """() => {
    const chart = document.querySelector('[data-testid="stPlotlyChart"]');
    const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    return {
        labels: [...chart.querySelectorAll('.textpoint text')].filter(t => t.textContent).map(t => [t.textContent, box(t)]),
        lines: [...chart.querySelectorAll('.shapelayer path')].map(box),
        notes: [...chart.querySelectorAll('.annotation')].map(a => [a.textContent, box(a)]),
    };
}"""


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("screen", SCREENS, ids=list(SCREENS))
def test_every_slide_fits_the_screen_without_scrolling_and_reads_from_the_back_of_the_room(page, screen, use_real_db):
    page.set_viewport_size(SCREENS[screen])
    headlines = expected_headlines("hertfordshire", AS_AT)
    for step in range(1, len(meeting.AGENDA) + 1):
        open_path(page, f"/meeting?mode=meeting&force=hertfordshire&as_at={AS_AT.isoformat()}&step={step}")
        expect_step(page, step, headlines[step])
        page.screenshot(path=str(SCREENSHOTS / f"meeting-step-{step}-{screen}.png"))
        layout = page.evaluate(SLIDE_LAYOUT)
        width, height = layout["viewport"]["width"], layout["viewport"]["height"]
        assert layout["scrolled"] == 0
        for part in ("headline", "evidence", "presenter", "previous", "next"):
            box = layout[part]
            assert box is not None, f"step {step} at {screen} has no {part}"
            inside = box["top"] >= 0 and box["left"] >= 0 and box["bottom"] <= height and box["right"] <= width
            assert inside, f"step {step} at {screen}: the {part} runs off the screen ({box})"
        too_small = [(size, text) for size, text in layout["text"] if size < SMALLEST_TEXT[screen] - 0.01]
        assert not too_small, f"step {step} at {screen}: text smaller than {SMALLEST_TEXT[screen]} px: {too_small[:5]}"
        if page.locator('[data-testid="stPlotlyChart"]').count():
            chart = page.evaluate(CHART_LABELS)
            labels = chart["labels"]
            assert labels, f"step {step}: the chart's points carry no labels"
            for index, (text, box) in enumerate(labels):
                for other, other_box in labels[index + 1 :]:
                    assert not overlaps(box, other_box), f"step {step} at {screen}: label {text} overlaps {other}"
                for line in chart["lines"]:
                    assert not overlaps(box, line), f"step {step} at {screen}: label {text} is struck through by a line"
                for note, note_box in chart["notes"]:
                    assert not overlaps(box, note_box), f"step {step} at {screen}: label {text} overlaps “{note}”"

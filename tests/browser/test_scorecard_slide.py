"""Meeting mode's grades slide on a 1920x1080 projector opens with the grade scorecard and its text alternative."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import expect

from dashboard.common.forces import resolve_force
from dashboard.common.scale import SYMBOL
from dashboard.grades.scorecard import scorecard, scorecard_text
from dashboard.web.widgets import chart_name
from queries import run_query
from tests.browser.helpers import assert_page_did_not_fail, open_path
from tests.browser.test_meeting_journey import SCREENSHOTS

AS_AT = date(2025, 8, 1)
FULL_HD = {"width": 1920, "height": 1080}


def expected_card(force_id: str):
    """The scorecard as the app should draw it, from the same data the app reads."""
    force = resolve_force(force_id, run_query("forces"))
    cycle = run_query("cycles").iloc[0]
    grades = run_query("grades_as_at", cycle_id=cycle["cycle_id"], as_at=AS_AT)
    return scorecard(force.name, cycle["name"], grades[grades["force_id"] == force_id])


LABELS = """chart => [...chart.querySelectorAll('.textpoint text')].map(t => {
    const r = t.getBoundingClientRect();
    return [t.textContent.replace(/\\s+/g, ''), (r.left + r.right) / 2];
})"""


def test_the_grades_slide_at_1920x1080_opens_with_the_scorecard_and_its_text_alternative(page, use_real_db):
    card = expected_card("hertfordshire")
    page.set_viewport_size(FULL_HD)
    open_path(page, f"/meeting?mode=meeting&force=hertfordshire&as_at={AS_AT.isoformat()}&step=1")
    assert_page_did_not_fail(page)

    group = page.locator(".st-key-chart-meeting_grades")
    chart = group.locator('[data-testid="stPlotlyChart"]')
    expect(chart).to_have_count(1)
    # The sentence straight before the chart is its text alternative, the grade list in words, and names the chart.
    expect(group.locator('[data-testid="stMarkdown"]').first).to_have_text(scorecard_text(card))
    assert chart.get_attribute("aria-label") == chart_name(scorecard_text(card))
    box = chart.bounding_box()
    assert box is not None and box["y"] + box["height"] <= FULL_HD["height"], "the scorecard runs off the projector"
    assert box["width"] >= 0.8 * FULL_HD["width"], "the scorecard is not projector size"

    # What a person sees in the picture: each grade's heading with its symbol and word, and under it (the same
    # column) each area given that grade, with the grade's symbol.
    expect(chart.locator(".textpoint text").first).to_be_visible()
    labels = dict(chart.evaluate(LABELS))
    for grade, areas in card.columns:
        heading = labels.get(f"{SYMBOL[grade]}{grade}".replace(" ", ""))
        assert heading is not None, f"no heading for {grade} in {sorted(labels)}"
        for area in areas:
            centre = labels.get(f"{SYMBOL[grade]}{area}".replace(" ", ""))
            assert centre is not None, f"{area} is not on the scorecard with the symbol of {grade}"
            assert abs(centre - heading) < 5, f"{area} is not under {grade}"
    assert "Source:" in " ".join(chart.locator(".annotation").all_text_contents())
    page.screenshot(path=str(SCREENSHOTS / "meeting-grades-scorecard-1920x1080.png"))

    # Its data, as for every chart: the switch shows the table of the areas and their grades.
    group.get_by_text("Show as a table").click()
    expect(group.locator('[data-testid="stDataFrame"]')).to_have_count(1)
    assert_page_did_not_fail(page)

"""Every page leads with its answer right under the title (issue 11): the first element after the title is one info
box whose words match the data. Expected values are read from the database with run_query, never pinned, for
Hertfordshire and for a force with thin data (Dyfed-Powys)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.common.scale import GRADE_ORDER
from dashboard.common.wording import format_date, format_value, join_words, lower_first
from dashboard.holding.model.tracker import STATUSES
from tests.app_helpers import PAGE_SCRIPTS, open_page

APP = str(Path(__file__).parents[1] / "app.py")
FORCES = ("hertfordshire", "dyfed-powys")
PAGES = tuple(page for page in PAGE_SCRIPTS if page != "accessibility")  # a statement, not a page of figures


def lead_of(at: AppTest) -> str:
    """The element straight after the page's title, which must be the info box holding the answer."""
    children = list(at.main.children.values())
    kinds = [getattr(child, "type", None) for child in children]
    assert "title" in kinds, kinds
    after_title = children[kinds.index("title") + 1]
    assert after_title.type == "info", f"the element after the title is {after_title.type}"
    return after_title.value


def force_names(force_id: str) -> tuple[str, str]:
    from queries import run_query

    forces = run_query("forces").set_index("force_id")
    return forces.loc[force_id, "name"], forces.loc[force_id, "short_name"]


def latest_cycle() -> tuple[str, str]:
    from queries import run_query

    cycle = run_query("cycles").iloc[0]
    return cycle["cycle_id"], cycle["name"]


def expected_grade_counts(force_id: str) -> dict[str, int]:
    from queries import run_query

    grades = run_query("force_grades", force_id=force_id, cycle_id=latest_cycle()[0])
    counts = grades["grade"].value_counts()
    return {grade: int(counts[grade]) for grade in GRADE_ORDER if counts.get(grade, 0)}


def latest_figure(force_id: str, metric_ids: tuple[str, ...]):
    """The newest figure of the first measure (in the page's order) the force has one for, else None."""
    from queries import run_query

    figures = run_query("latest_figures", force_id=force_id, metric_ids=list(metric_ids))
    for metric_id in metric_ids:
        rows = figures[figures["metric_id"] == metric_id]
        if not rows.empty:
            return rows.iloc[0]
    return None


@pytest.mark.parametrize("force", FORCES)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_leads_with_its_answer_under_the_title(use_real_db, page, force):
    lead = lead_of(open_page(page, force))
    assert len(lead) < 400, f"{page}: the lead should be one or two short sentences, not {len(lead)} characters"
    assert "Traceback" not in lead


@pytest.mark.parametrize("force", FORCES)
def test_grades_page_leads_with_each_grade_and_how_many_areas_got_it(use_real_db, force):
    from queries import run_query

    lead = lead_of(open_page("grades", force))
    name, _ = force_names(force)
    assert lead.startswith(name)
    counts = expected_grade_counts(force)
    assert counts, f"{force} has no grade in the latest cycle; choose another force for this test"
    for grade, count in counts.items():
        assert f"{grade} in {count}" in lead, (grade, count, lead)
    grades = run_query("force_grades", force_id=force, cycle_id=latest_cycle()[0])
    for area in grades.loc[grades["grade"] == "Inadequate", "area_name"]:
        assert area in lead  # the areas graded Inadequate are named
    not_graded = grades.loc[grades["grade"] == "Not graded", "area_name"].tolist()
    if not_graded:  # a published fact, named, and not counted among those not known
        assert f"Not graded by the inspectorate: {join_words(not_graded)}." in lead
    unknown = int((~grades["grade"].isin(GRADE_ORDER)).sum()) - len(not_graded)
    if unknown:
        assert f"Not known for {unknown} of {len(grades)} areas" in lead
    else:
        assert "Not known" not in lead


@pytest.mark.parametrize(
    ("page", "metrics"),
    [
        ("calls", ("pct_999_answered_10s", "calls_999", "mean_999_answer_seconds", "pct_101_answered_90s")),
        ("crime_recording", ("crime_recording_rate_pct", "crime_recording_rate_violence_pct", "crime_recording_rate_sexual_pct")),
        ("crime_outcomes", ("recorded_crime_total", "recorded_crime_rate_per_1000", "charge_rate_pct")),
    ],
)
@pytest.mark.parametrize("force", FORCES)
def test_figure_pages_lead_with_the_latest_figure_and_its_period_or_say_it_is_not_known(use_real_db, page, metrics, force):
    lead = lead_of(open_page(page, force))
    figure = latest_figure(force, metrics)
    _, short = force_names(force)
    if figure is None:
        assert lead.startswith(f"**Not known for {short}:**"), lead
        return
    assert figure["metric_name"] in lead
    assert format_value(figure["value"], figure["unit"]) in lead
    assert figure["period_label"] in lead
    if figure["standard_value"] == figure["standard_value"]:  # not NaN: a standard is published
        assert "standard" in lead
    if figure["source_tier"] != "primary":
        assert "second-hand" in lead


@pytest.mark.parametrize("page", ["national", "peers"])
@pytest.mark.parametrize("force", FORCES)
def test_comparison_pages_lead_with_the_forces_lowest_grade_and_how_many_were_graded_higher(use_real_db, page, force):
    from queries import run_query

    lead = lead_of(open_page(page, force))
    _, short = force_names(force)
    assert lead.startswith(short)
    counts = expected_grade_counts(force)
    lowest = [grade for grade in GRADE_ORDER if grade in counts][-1]
    assert lowest in lead
    if page == "national":
        matrix = run_query("grade_matrix", cycle_id=latest_cycle()[0])
        own = matrix[(matrix["force_id"] == force) & (matrix["grade"] == lowest)]
        # Of the areas at its lowest grade, the one with most other forces graded higher is the one named.
        higher = []
        for area_id in own["area_id"]:
            others = matrix[(matrix["area_id"] == area_id) & (matrix["force_id"] != force) & matrix["grade"].isin(GRADE_ORDER)]
            higher.append((int((others["grade_rank"] < GRADE_ORDER.index(lowest) + 1).sum()), len(others)))
        most, known = max(higher)
        assert f"({most} of the {known} with a known grade higher)" in lead, lead


@pytest.mark.parametrize("force", FORCES)
def test_explorer_leads_with_the_forces_figure_for_the_period_it_ranks(use_real_db, force):
    from queries import run_query

    at = open_page("explorer", force)
    lead = lead_of(at)
    metric_id = at.selectbox(key="explorer_metric").value
    period = at.selectbox(key="explorer_period").value
    series = run_query("metric_series", force_ids=[force], metric_ids=[metric_id])
    unit = run_query("metric_coverage").set_index("metric_id").loc[metric_id, "unit"]
    own = series[series["period_label"] == period]
    assert period in lead
    if own.empty:
        assert "no figure held" in lead
    else:
        assert format_value(own["value"].iloc[0], unit) in lead


@pytest.mark.parametrize("force", FORCES)
def test_tracker_leads_with_its_items_counted_by_status(use_real_db, force):
    from queries import run_query

    lead = lead_of(open_page("tracker", force))
    tracker = run_query("improvement_tracker", force_id=force, cycle_id=latest_cycle()[0], as_at=date.today())
    if tracker.empty:
        assert lead.startswith("No improvement items held"), lead
        return
    assert lead.startswith(f"{len(tracker)} items")
    counts = tracker["status"].value_counts()
    for status in STATUSES:
        if counts.get(status, 0):
            assert f"{counts[status]} {status}" in lead, (status, lead)


@pytest.mark.parametrize("force", FORCES)
def test_timeline_leads_with_the_latest_event(use_real_db, force):
    from queries import run_query

    lead = lead_of(open_page("timeline", force))
    events = run_query("timeline_events", force_id=force, as_at=date.today()).dropna(subset=["event_date"])
    if events.empty:
        assert "we hold no dated inspection events" in lead
    else:
        assert lower_first(events.iloc[-1]["title"]) in lead


@pytest.mark.parametrize("page", ["meeting", "briefing"])
@pytest.mark.parametrize("force", FORCES)
def test_meeting_and_briefing_lead_with_what_they_make_for_whom_and_as_at_when(use_real_db, page, force):
    lead = lead_of(open_page(page, force))
    name, _ = force_names(force)
    assert name in lead
    assert format_date(date.today()) in lead
    assert ("slides" if page == "meeting" else "Police and Crime Panel") in lead


def test_about_data_leads_with_how_many_sources_of_each_kind(use_real_db):
    from queries import run_query

    lead = lead_of(open_page("about_data", "hertfordshire"))
    sources = run_query("sources")
    primary = int((sources["tier"] == "primary").sum())
    assert f"{len(sources)} published sources" in lead
    assert f"{primary} primary" in lead
    assert f"{len(sources) - primary} second-hand" in lead

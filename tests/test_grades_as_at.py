"""'Data as at' for grades: a grade counts from its publication day, so a meeting held that day shows it.

The fixture's Hertfordshire 2023-25 grades were published on 16 October 2024 (tests/fixtures/data/grades.csv),
as were the real ones (data/grades.csv). A meeting dated 16 October 2024 shows them; one dated the day before
says they had not been published.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.holding import views as holding_cache
from queries import run_query

APP = str(Path(__file__).parents[1] / "app.py")
PUBLISHED = date(2024, 10, 16)
DAY_BEFORE = date(2024, 10, 15)
DAY_AFTER = date(2024, 10, 17)


def grades_as_at(as_at: date, force_id: str = "hertfordshire") -> pd.DataFrame:
    every_force = run_query("grades_as_at", cycle_id="2023-25", as_at=as_at)
    return every_force[every_force["force_id"] == force_id].set_index("area_id")


def test_a_grade_is_shown_on_the_day_it_was_published(use_fixture_db):
    grades = grades_as_at(PUBLISHED)
    assert grades.loc["crime-recording", "grade"] == "Inadequate"
    assert grades.loc["preventing-crime", "grade"] == "Good"
    assert grades.loc["responding", "grade"] == "Requires improvement"
    assert grades.loc["crime-recording", "grade_rank"] == 5  # ranked, so it sorts and colours as a grade


def test_a_grade_is_shown_the_day_after_it_was_published(use_fixture_db):
    grades = grades_as_at(DAY_AFTER)
    assert grades.loc["crime-recording", "grade"] == "Inadequate"
    assert grades.loc["crime-recording", "grade_rank"] == 5


def test_a_grade_is_not_yet_published_the_day_before(use_fixture_db):
    grades = grades_as_at(DAY_BEFORE)
    assert grades.loc["crime-recording", "grade"] == "Not yet published"
    assert grades.loc["preventing-crime", "grade"] == "Not yet published"
    assert pd.isna(grades.loc["crime-recording", "grade_rank"])
    # The publication date itself is still given, so the page can say when the grade arrived.
    assert pd.Timestamp(grades.loc["crime-recording", "published"]).date() == PUBLISHED


def test_a_grade_with_no_recorded_date_is_not_known_whatever_the_date(use_fixture_db):
    for day in (DAY_BEFORE, PUBLISHED, date(2030, 1, 1)):
        assert grades_as_at(day).loc["workforce", "grade"] == "Not known"
        # An area nobody graded stays 'Not known' too: a gap, never a grade and never 'not yet published'.
        assert grades_as_at(day).loc["investigating", "grade"] == "Not known"


def test_each_force_counts_from_its_own_publication_day(use_fixture_db):
    assert grades_as_at(date(2024, 3, 1), "essex").loc["preventing-crime", "grade"] == "Adequate"
    assert grades_as_at(date(2024, 2, 29), "essex").loc["preventing-crime", "grade"] == "Not yet published"
    assert grades_as_at(date(2024, 12, 31), "kent").loc["preventing-crime", "grade"] == "Not yet published"
    assert grades_as_at(date(2025, 1, 1), "kent").loc["preventing-crime", "grade"] == "Good"


def step_one(as_at: date) -> holding_cache.StepView:
    return holding_cache.step_view("hertfordshire", "Hertfordshire Constabulary", "Hertfordshire", 1, as_at, False)


@pytest.mark.parametrize("as_at", [PUBLISHED, DAY_AFTER])
def test_the_meeting_grades_step_on_or_after_the_publication_day_names_the_grades(use_fixture_db, as_at):
    view = step_one(as_at)
    assert view.headline == "Hertfordshire: Inadequate for recording data about crime; Good for preventing crime (PEEL 2023-25)"
    # The slide opens with the scorecard; its text alternative, above it, lists the grades in words.
    assert "Good: Preventing crime" in view.chart.summary
    assert "Inadequate: Recording data about crime" in view.chart.summary


def test_the_meeting_grades_step_the_day_before_says_not_yet_published(use_fixture_db):
    view = step_one(DAY_BEFORE)
    assert view.headline == "Hertfordshire's PEEL 2023-25 grades had not been published by 15 October 2024"
    assert view.chart is None and view.presenter is None  # no grade is drawn before it existed


@pytest.mark.parametrize(
    ("as_at", "expected"),
    [
        ("2024-10-16", "Hertfordshire: Inadequate for recording data about crime; Good for preventing crime (PEEL 2023-25)"),
        ("2024-10-15", "Hertfordshire's PEEL 2023-25 grades had not been published by 15 October 2024"),
    ],
)
def test_meeting_mode_dated_on_the_publication_day_shows_the_grades(use_real_db, as_at, expected):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"mode": "meeting", "step": "1", "as_at": as_at})
    at.run()
    assert not at.exception
    assert at.title[0].value == expected


def test_areas_come_in_the_inspectorates_order_as_at_a_date_and_in_the_latest_grades(use_fixture_db):
    expected = run_query("force_grades", force_id="hertfordshire", cycle_id="2023-25")["sort_order"].tolist()
    assert expected == sorted(expected) and len(expected) == 9
    assert grades_as_at(PUBLISHED)["sort_order"].tolist() == list(range(1, 10))

"""What the briefing pack says at its boundaries, read from its HTML (no charts, no PDF, so cheap enough to mutate):
a figure exactly at, above and below its standard, and a grade published the day before, on and after the as-at day.

The fixture's Hertfordshire 2023-25 grades were published on 16 October 2024 (tests/fixtures/data/grades.csv).
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from dashboard.common.forces import ForceChoice
from dashboard.holding.briefing import pack as briefing
from dashboard.holding.briefing.content import BriefingExtra, Since
from dashboard.holding.briefing.sections import summary_section
from dashboard.performance.model.series import Comparison

HERTS = ForceChoice("hertfordshire", "Hertfordshire", "Hertfordshire Constabulary")
PUBLISHED = date(2024, 10, 16)
DAY_BEFORE, DAY_AFTER = date(2024, 10, 15), date(2024, 10, 17)


def figure(name: str, value: float, standard: float | None, higher_is_better: bool | None, unit: str = "percent") -> dict:
    return {
        "force_id": "hertfordshire",
        "metric_id": name.lower().replace(" ", "_"),
        "metric_name": name,
        "unit": unit,
        "higher_is_better": higher_is_better,
        "standard_value": standard,
        "period_label": "April 2024",
        "period_end": pd.Timestamp("2024-04-30"),
        "value": value,
        "source_tier": "primary",
    }


def figures_below_their_standard(*figures: dict) -> list[str]:
    """The items the pack's summary page lists under 'Figures below their standard', as a reader sees them."""
    extra = BriefingExtra(
        since=Since(date(2024, 1, 1), "a test"),
        comparison=Comparison("hertfordshire", "Hertfordshire", ()),
        changes=pd.DataFrame({"update_date": []}),
        grade_counts=[],
        # As the database gives it: a nullable boolean, so a measure with no better direction holds pd.NA.
        latest=pd.DataFrame(list(figures)).astype({"higher_is_better": "boolean"}),
        series={},
        metric_names={},
    )
    html = summary_section(
        "Hertfordshire Constabulary", date(2024, 5, 31), extra, pd.DataFrame(), pd.DataFrame(), pd.DataFrame(),
        "hertfordshire", lambda row: "[1]",
    )  # fmt: skip
    below = html.split("<h3>Figures below their standard</h3>")[1]
    return [re.sub(r"<[^>]+>", "", item) for item in re.findall(r"<li>(.*?)</li>", below)] or [re.sub(r"<[^>]+>", "", below)]


def test_a_figure_below_its_standard_is_listed_and_one_exactly_at_or_above_it_is_not():
    listed = figures_below_their_standard(
        figure("Calls answered at the standard", 90.0, 90, True),
        figure("Calls answered above the standard", 90.1, 90, True),
        figure("Calls answered below the standard", 89.9, 90, True),
    )
    assert listed == ["Calls answered below the standard: 89.9% (April 2024), below the 90% standard; primary source [1]"]


def test_where_lower_is_better_a_figure_above_its_standard_is_listed_and_one_at_or_below_it_is_not():
    listed = figures_below_their_standard(
        figure("Seconds to answer at the standard", 10.0, 10, False, "seconds"),
        figure("Seconds to answer under the standard", 9.5, 10, False, "seconds"),
        figure("Seconds to answer over the standard", 10.5, 10, False, "seconds"),
    )
    assert listed == [
        "Seconds to answer over the standard: 10.5 seconds (April 2024), above the 10.0 seconds standard; primary source [1]"
    ]


def test_figures_that_all_meet_their_standard_or_have_none_leave_the_list_empty_in_words():
    listed = figures_below_their_standard(
        figure("Calls answered at the standard", 90.0, 90, True),
        figure("Crimes recorded", 1200, None, None, "crimes"),
        figure("A figure with no better direction", 50.0, 90, None),
    )
    assert listed == [
        "None of the latest figures held misses a published standard (only 999 answering has one: 90% within 10 seconds)."
    ]


def pack_text(as_at: date) -> str:
    document = briefing.render_html(briefing.gather(HERTS, as_at, date(2024, 10, 20)), {})
    return " ".join(re.sub(r"<[^>]+>", " ", document).split())


def section(text: str, heading: str, next_heading: str) -> str:
    return text[text.index(heading) : text.index(next_heading, text.index(heading))]


@pytest.mark.parametrize("as_at", [PUBLISHED, DAY_AFTER])
def test_the_pack_dated_on_or_after_the_publication_day_gives_the_grades(use_fixture_db, as_at):
    text = pack_text(as_at)
    grades = section(text, "1. Inspection grades", "2. Grades beside")
    assert "(published 16 October 2024), HMICFRS graded Hertfordshire Constabulary Good in 1 area" in grades
    assert "Recording data about crime ✖ Inadequate 16 October 2024" in grades
    counts = section(text, "PEEL 2023-25: areas at each grade", "PEEL 2021-22")
    # Outstanding, Good, Adequate, Requires improvement, Inadequate, Not known
    assert "Hertfordshire 0 1 0 1 1 6 Essex" in counts
    assert "England and Wales (3 forces) 0 1 1 2 1 22" in counts
    assert "16 October 2024: grade published, Recording data about crime: Inadequate" in text


def test_the_pack_dated_the_day_before_the_publication_day_says_the_grades_were_not_yet_published(use_fixture_db):
    text = pack_text(DAY_BEFORE)
    grades = section(text, "1. Inspection grades", "2. Grades beside")
    assert "The PEEL 2023-25 grades for Hertfordshire Constabulary had not been published by 15 October 2024." in grades
    assert "Inadequate" not in grades
    counts = section(text, "PEEL 2023-25: areas at each grade", "PEEL 2021-22")
    assert "Hertfordshire 0 0 0 0 0 9 Essex" in counts  # not yet published: counted as not known, never as a grade
    assert "England and Wales (3 forces) 0 0 1 1 0 25" in counts
    assert "grade published" not in text

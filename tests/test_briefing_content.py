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
from dashboard.holding.briefing.content import BriefingExtra, Since, grade_count_table, since_from_events
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
        every_place=pd.DataFrame(),
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


def timeline(*events: tuple[str, str | None, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"kind": kind, "event_date": None if day is None else pd.Timestamp(day), "title": title} for kind, day, title in events]
    )


EVENTS = timeline(
    ("progress_update", "2025-03-05", "Progress update to the Panel"),
    ("meeting", "2025-01-10", "Accountability meeting"),
    ("report", "2025-03-20", "Inspection report published"),  # not a meeting
    ("meeting", "2025-04-01", "Meeting held on the as-at day"),  # the pack's own meeting: not 'the last one'
    ("meeting", None, "A meeting looked for and not found"),
)


def test_changes_are_counted_from_the_last_public_meeting_before_the_as_at_day():
    since = since_from_events(EVENTS, date(2025, 4, 1))
    assert since == Since(
        date(2025, 3, 5), "the date of the last public meeting in the inspection timeline (Progress update to the Panel)"
    )
    assert since_from_events(EVENTS, date(2025, 4, 2)).day == date(2025, 4, 1)
    assert since_from_events(EVENTS, date(2025, 3, 5)).day == date(2025, 1, 10)


def test_without_an_earlier_meeting_changes_are_counted_from_three_months_before():
    expected = Since(date(2024, 10, 10), "three months before the “data as at” date: the timeline holds no earlier meeting")
    assert since_from_events(EVENTS, date(2025, 1, 10)) == expected
    assert since_from_events(EVENTS.iloc[0:0], date(2025, 1, 10)) == expected


def count_rows(*rows: tuple[str, str, int, int, str]) -> pd.DataFrame:
    columns = ["force_id", "grade", "area_count", "graded_areas", "published"]
    return pd.DataFrame([dict(zip(columns, row)) for row in rows], columns=columns)


HERTS_PEERS = Comparison("hertfordshire", "Hertfordshire", ("essex", "kent"))


def counts_table(cycle_id: str, counts: pd.DataFrame, as_at: date) -> tuple[list[list], tuple[str, ...]]:
    from queries import run_query

    matrix = run_query("grades_as_at", cycle_id=cycle_id, as_at=as_at)
    table, counts_only = grade_count_table(matrix, counts, HERTS_PEERS, as_at)
    return table.values.tolist(), counts_only


def test_grades_known_only_as_counts_are_counted_from_the_month_they_were_published(use_fixture_db):
    counts = count_rows(("hertfordshire", "Good", 2, 3, "2023-02"), ("hertfordshire", "Adequate", 1, 3, "2023-02"))
    rows, counts_only = counts_table("2021-22", counts, date(2023, 2, 1))
    # Place, Outstanding, Good, Adequate, Requires improvement, Inadequate, Not known (areas of the cycle)
    assert rows == [
        ["Hertfordshire", 0, 2, 1, 0, 0, 6],
        ["Essex", 0, 0, 0, 0, 0, 9],
        ["Kent", 0, 0, 0, 0, 0, 9],
        ["Hertfordshire and these 2 forces together", 0, 2, 1, 0, 0, 24],
        ["England and Wales (3 forces)", 0, 2, 1, 0, 0, 24],
    ]
    assert counts_only == ("Hertfordshire",)
    rows, counts_only = counts_table("2021-22", counts, date(2023, 1, 31))
    assert rows[0] == ["Hertfordshire", 0, 0, 0, 0, 0, 9] and counts_only == ()


def test_published_counts_never_replace_grades_placed_in_areas_and_every_counts_only_force_is_counted(use_fixture_db):
    counts = count_rows(
        ("hertfordshire", "Outstanding", 9, 9, "2024-10-16"),  # Hertfordshire has grades by area: these are ignored
        ("kent", "Adequate", 2, 9, "2024-10-16"),
        ("kent", "Inadequate", 1, 9, None),  # no date recorded: counted, as a grade with no date is shown
    )
    # On 31 December 2024 Kent's one grade by area was not yet published (1 January 2025), so its counts are used.
    rows, counts_only = counts_table("2023-25", counts, date(2024, 12, 31))
    assert rows[0] == ["Hertfordshire", 0, 1, 0, 1, 1, 6]
    assert rows[2] == ["Kent", 0, 0, 2, 0, 1, 6]
    assert counts_only == ("Kent",)
    rows, counts_only = counts_table("2023-25", counts, date(2025, 1, 1))
    assert rows[2] == ["Kent", 0, 1, 0, 0, 0, 8] and counts_only == ()


def test_the_pack_reads_the_force_its_peers_and_england_and_wales_as_known_on_the_day(use_fixture_db):
    text = pack_text(date(2025, 3, 31))
    assert "Changes are counted since 14 November 2024 : the date of the last public meeting" in text
    assert "15 January 2025: tracker item now in progress (was open): Test: record crime correctly" in text
    assert "1 March 2025: tracker item now evidence submitted (was open): Test: answer calls faster" in text
    calls = section(text, "3. 999 and 101 calls", "4. Crime recording")
    assert "999 calls answered within 10 seconds November 2023 80.0%" in calls
    assert "999 calls answered within 10 seconds April 2024 85.0%" in calls
    assert (
        "Place 999 calls answered within 10 seconds Hertfordshire Constabulary 85.0% April 2024 (second-hand) [1] "
        "Essex 91.0% November 2023: another period, 5 months earlier (second-hand) [1] Kent No figure held "
        "England and Wales 88.0% November 2023: another period, 5 months earlier"
    ) in calls
    recording = section(text, "4. Crime recording", "5. Recorded crime")
    assert "Crime recording rate (all crime) December 2023 to June 2024 82.0% ±1.5 points primary source" in recording
    peers = section(text, "2. Grades beside", "3. 999 and 101 calls")
    assert "Kent 0 1 0 0 0 8" in peers  # Kent's Good, published on 1 January 2025
    assert "Known only as published counts, not area by area: Hertfordshire." in peers
    assert peers.endswith("Grades cannot be compared directly with earlier inspection cycles: HMICFRS changed its "
                          "framework for 2023-25 (after moving from a four-point to a five-point scale in 2021-22), and "
                          "area names differ between cycles. ")  # fmt: skip


def test_a_smaller_group_is_added_up_on_its_own_and_a_force_outside_it_counts_only_for_england_and_wales(use_fixture_db):
    counts = count_rows(
        ("hertfordshire", "Good", 2, 3, "2023-02"),
        ("kent", "Good", 5, 9, "2023-02"),  # every area of the cycle: none left unknown
        ("kent", "Adequate", 4, 9, "2023-02"),
    )
    from queries import run_query

    matrix = run_query("grades_as_at", cycle_id="2021-22", as_at=date(2023, 3, 1))
    essex_only = Comparison("hertfordshire", "Hertfordshire", ("essex",))
    table, counts_only = grade_count_table(matrix, counts, essex_only, date(2023, 3, 1))
    assert table.values.tolist() == [
        ["Hertfordshire", 0, 2, 0, 0, 0, 7],
        ["Essex", 0, 0, 0, 0, 0, 9],
        ["Hertfordshire and these 1 forces together", 0, 2, 0, 0, 0, 16],
        ["England and Wales (3 forces)", 0, 7, 4, 0, 0, 16],
    ]
    assert counts_only == ("Hertfordshire",)  # Kent is counted, but not in the group shown


def test_the_summary_lists_open_improvement_items_and_never_a_closed_one():
    tracker = pd.DataFrame(
        {
            "finding_kind": ["cause_of_concern", "area_for_improvement"],
            "item": ["Record crime correctly", "Answer calls faster"],
            "status": ["in progress", "closed by the inspectorate"],
            "target_date": [None, None],
        }
    )
    extra = BriefingExtra(
        Since(date(2024, 1, 1), "a test"),
        HERTS_PEERS,
        pd.DataFrame({"update_date": []}),
        [],
        pd.DataFrame(columns=["force_id", "period_end"]),
        {},
        pd.DataFrame(),
        {},
    )
    html = summary_section(
        "Hertfordshire Constabulary", date(2024, 5, 31), extra, tracker, pd.DataFrame(), pd.DataFrame(), "hertfordshire",
        lambda row: "[1]",
    )  # fmt: skip
    opened = re.sub(r"<[^>]+>", "", html.split("<h3>Open improvement items")[1].split("<h3>")[0])
    assert opened.startswith(" (1)") and "Record crime correctly" in opened and "Answer calls faster" not in opened

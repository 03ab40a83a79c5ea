"""Meeting mode: every agenda step renders its headline, buttons move ?step=, and ?as_at= fixes what is shown."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.holding.charts import figures_chart, label_positions
from dashboard.holding.model import meeting
from dashboard.holding.model.as_at import months_before, parse_date

APP = str(Path(__file__).parents[1] / "app.py")


def open_meeting(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["mode"] = "meeting"
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def headline(at: AppTest) -> str:
    return at.title[0].value


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        ("1", "Hertfordshire: Inadequate for recording data about crime; Good for preventing crime (PEEL 2023-25)"),
        ("2", "Hertfordshire: 87.4% — 999 calls answered within 10 seconds, April 2024, below the 90% standard"),
        ("3", "Hertfordshire: the cause of concern on crime recording was closed by the inspectorate on 11 July 2025"),
        ("4", "Hertfordshire: 5 items tracked — 1 closed by the inspectorate, 1 in progress, 3 open"),
    ],
)
def test_every_agenda_step_renders_one_plain_headline(use_real_db, step, expected):
    at = open_meeting(step=step, as_at="2025-08-01")
    assert not at.exception
    assert [t.value for t in at.title] == [expected]
    assert at.caption[0].value.startswith(f"Hertfordshire Constabulary · Step {step} of 4")
    assert at.caption[0].value.endswith("Data as at 1 August 2025")


def test_data_as_at_before_the_closure_shows_the_cause_of_concern_not_yet_closed(use_real_db):
    at = open_meeting(step="3", as_at="2025-03-31")
    assert headline(at) == "Hertfordshire: the cause of concern on crime recording is open (last update 16 October 2024)"
    at = open_meeting(step="3", as_at="2025-07-10")
    assert headline(at) == "Hertfordshire: the cause of concern on crime recording is in progress (last update 1 April 2025)"


def test_data_as_at_filters_the_tracker_grades_and_figures(use_real_db):
    assert headline(open_meeting(step="4", as_at="2025-03-31")) == "Hertfordshire: 5 items tracked — 5 open"
    assert headline(open_meeting(step="1", as_at="2024-10-15")) == (
        "Hertfordshire's PEEL 2023-25 grades had not been published by 15 October 2024"
    )
    # 83.3% (November 2023) is the latest 999 figure whose period had ended by 31 March 2024.
    assert headline(open_meeting(step="2", as_at="2024-03-31")).startswith("Hertfordshire: 83.3% — 999 calls")
    assert headline(open_meeting(step="2", as_at="2021-01-01")) == (
        "No published figure for Hertfordshire on 999 calls as at 1 January 2021"
    )


def test_next_and_previous_buttons_move_the_step_in_the_url(use_real_db):
    at = open_meeting(step="1", as_at="2025-08-01")
    at.button(key="meeting_next").click().run()
    assert at.query_params["step"] == "2"
    assert headline(at).startswith("Hertfordshire: 87.4%")
    at.button(key="meeting_step_4").click().run()
    assert at.query_params["step"] == "4"
    at.button(key="meeting_previous").click().run()
    assert at.query_params["step"] == "3"
    assert at.query_params["as_at"] == "2025-08-01"


def test_buttons_carry_keyboard_shortcuts(use_real_db):
    at = open_meeting(step="2", as_at="2025-08-01")
    assert at.button(key="meeting_next").proto.shortcut.casefold() == "right"
    assert at.button(key="meeting_previous").proto.shortcut.casefold() == "left"
    assert at.button(key="meeting_step_3").proto.shortcut == "3"


def test_the_link_for_the_minutes_reopens_the_same_view(use_real_db):
    at = open_meeting(step="3", as_at="2025-03-31", force="essex")
    link = at.code[0].value
    assert link.endswith("meeting?mode=meeting&force=essex&as_at=2025-03-31&step=3")


def test_bad_step_and_date_fall_back_politely(use_real_db):
    at = open_meeting(step="99", as_at="last Tuesday")
    assert not at.exception
    notices = [i.value for i in at.info]
    assert any("steps 1 to 4" in n for n in notices)
    assert any("is not a date we can read" in n for n in notices)
    assert at.query_params["step"] == "1"


def test_without_meeting_mode_the_page_offers_setup_and_a_preview(use_real_db):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["as_at"] = "2025-08-01"
    at.switch_page("pages/meeting.py").run()
    assert not at.exception
    assert at.title[0].value == "Meeting mode"
    at.button(key="meeting_start").click().run()
    assert at.query_params["mode"] == "meeting"


def test_parse_step_and_dates_are_polite():
    assert meeting.parse_step("2") == (2, None)
    assert meeting.parse_step(["1", "3"]) == (3, None)
    assert meeting.parse_step("0")[0] == 1
    assert meeting.parse_step("two")[0] == 1
    today = date(2025, 8, 1)
    assert parse_date("2025-03-31", today, today).value == date(2025, 3, 31)
    assert parse_date("2031-01-01", today, today).value == today
    assert parse_date("2025-02-30", today, today).notice is not None
    assert months_before(date(2025, 5, 31), 3) == date(2025, 2, 28)


def test_view_link_keeps_force_date_and_step():
    link = meeting.view_link("https://example.org/meeting", "hertfordshire", date(2025, 3, 31), 2)
    assert link == "https://example.org/meeting?mode=meeting&force=hertfordshire&as_at=2025-03-31&step=2"
    assert meeting.view_link(None, "kent", date(2025, 1, 1), 1).startswith("meeting?mode=meeting&force=kent")


def test_leaving_meeting_mode_keeps_the_step_force_and_date(use_real_db):
    at = open_meeting(step="2", as_at="2025-08-01")
    at.button(key="meeting_leave").click().run()
    assert "mode" not in at.query_params
    assert at.title[0].value == "Meeting mode"
    assert at.query_params["step"] == "2"
    assert at.query_params["as_at"] == "2025-08-01"


def _points(rows: list[tuple[str, str, float, float | None]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["metric_id", "period_end", "value", "standard_value"]).assign(
        period_end=lambda f: pd.to_datetime(f["period_end"])
    )


def test_a_label_under_the_standard_goes_below_its_point_so_the_line_never_strikes_it_through():
    # Synthetic: 83.3% under a 90% line must not be labelled upwards into the line; 95% above it goes up.
    points = _points([("calls", "2023-11-30", 83.3, 90.0), ("calls", "2024-04-30", 95.0, 90.0), ("x", "2020-01-31", 50.0, None)])
    assert label_positions(points).tolist() == ["bottom center", "top center", "top center"]


def test_two_measures_at_one_date_are_labelled_apart_highest_above():
    points = _points([("all", "2017-05-31", 87.2, None), ("violence", "2017-05-31", 84.8, None)])
    assert label_positions(points).tolist() == ["top center", "bottom center"]


def test_the_999_chart_puts_the_standard_beside_its_line_outside_the_plot():
    points = _points([("calls", "2023-11-30", 83.3, 90.0)]).assign(
        metric_name="999 calls answered within 10 seconds",
        unit="percent",
        period_label="November 2023",
        ci_half_width=float("nan"),
    )
    figure = figures_chart(points, font_size=20, height=360)
    (note,) = figure.layout.annotations
    assert note.text == "Standard<br>90.0%" and note.xref == "x domain" and note.x == 1 and note.xanchor == "left"
    assert figure.data[0].textposition == ("bottom center",)
    assert figure.layout.xaxis.tickfont.size == 20 and figure.layout.yaxis.tickfont.size == 20


def _grades(pairs: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(pairs, columns=["area_short_name", "grade"])


def test_the_grades_headline_names_two_areas_then_counts_the_rest_and_says_when_none_is_published():
    as_at = date(2024, 10, 1)
    many = _grades([("Area A", "Inadequate"), ("Area B", "Inadequate"), ("Area C", "Inadequate"), ("Area D", "Good")])
    assert meeting.grades_headline("Herts", "PEEL 2023-25", many, as_at) == (
        "Herts: Inadequate for area A, area B and 1 other area; Good for area D (PEEL 2023-25)"
    )
    same = _grades([("Area A", "Adequate"), ("Area B", "Adequate"), ("Area C", "Not known")])
    assert meeting.grades_headline("Herts", "PEEL 2023-25", same, as_at) == "Herts: Adequate in all 2 graded areas (PEEL 2023-25)"
    waiting = _grades([("Area A", "Not yet published")])
    assert meeting.grades_headline("Herts", "PEEL 2023-25", waiting, as_at) == (
        "Herts's PEEL 2023-25 grades had not been published by 1 October 2024"
    )
    assert meeting.grades_headline("Herts", "PEEL 2023-25", _grades([("Area A", "Not known")]), as_at) == (
        "We hold no PEEL 2023-25 grades for Herts"
    )


def test_without_a_tracked_cause_of_concern_the_recording_headline_gives_the_latest_figure_or_says_there_is_none():
    latest = pd.Series(
        {
            "value": 82.6, "unit": "percent", "standard_value": None, "higher_is_better": True,
            "metric_name": "Crime recording rate", "period_label": "2023-24",
        }
    )  # fmt: skip
    as_at = date(2025, 8, 1)
    assert meeting.recording_headline("Herts", None, latest, as_at) == "Herts: 82.6% — crime recording rate, 2023-24"
    assert meeting.recording_headline("Herts", None, None, as_at) == (
        "No published figure for Herts on crime recording as at 1 August 2025"
    )
    cause = pd.Series({"update_date": date(2025, 4, 1), "status": "in progress"})
    assert meeting.recording_headline("Herts", cause, latest, as_at) == (
        "Herts: the cause of concern on crime recording is in progress (last update 1 April 2025)"
    )
    assert meeting.tracker_headline("Herts", pd.DataFrame({"status": []}), as_at) == (
        "Herts: no improvement items held as at 1 August 2025"
    )


def test_the_recording_cause_of_concern_is_the_cause_of_concern_on_recording_not_another_area_or_kind():
    tracker = pd.DataFrame(
        {
            "finding_kind": ["cause_of_concern", "area_for_improvement", "cause_of_concern"],
            "area_id": ["investigating_crime", meeting.RECORDING_AREA, meeting.RECORDING_AREA],
            "item": ["Investigate better", "Record all crime", "Record crime correctly"],
        }
    )
    assert meeting.recording_cause_of_concern(tracker)["item"] == "Record crime correctly"
    assert meeting.recording_cause_of_concern(tracker.iloc[:2]) is None


def test_the_grades_headline_names_both_areas_when_exactly_two_share_a_grade():
    two = _grades([("Area A", "Inadequate"), ("Area B", "Good"), ("Area C", "Good")])
    assert meeting.grades_headline("Herts", "PEEL 2023-25", two, date(2024, 10, 1)) == (
        "Herts: Inadequate for area A; Good for area B and area C (PEEL 2023-25)"
    )


def test_the_tracker_slide_never_calls_a_closed_item_overdue():
    tracker = pd.DataFrame(
        {
            "finding_kind": ["area_for_improvement", "area_for_improvement"],
            "area_name": ["Responding to the public", "Investigating crime"],
            "item": ["Answer calls faster", "Investigate better"],
            "status": ["closed by the inspectorate", "open"],
            "target_date": [date(2025, 1, 31), date(2025, 1, 31)],
            "update_date": [date(2025, 2, 10), date(2024, 10, 16)],
        }
    )
    assert meeting.tracker_slide_table(tracker, date(2025, 3, 1)).split("\n")[2:] == [
        "| Responding to the public | Answer calls faster | **Closed by the inspectorate** | 10 February 2025 |",
        "| Investigating crime | Investigate better | **Open (overdue)** | 16 October 2024 |",
    ]


def test_the_tracker_presenter_line_counts_each_source_once_and_says_which_are_primary():
    tracker = pd.DataFrame(
        {
            "item": ["Answer calls faster", "Record crime correctly", "Investigate better", "Protect people"],
            "source_publisher": ["HMICFRS", "HMICFRS", "Hertfordshire PCC", "HMICFRS"],
            "source_title": ["Closure letter", "Closure letter", "Panel report on the force", "PEEL 2023-25"],
            "source_title_kind": ["title", "title", "description", "title"],
            "source_published": [date(2025, 7, 11), date(2025, 7, 11), None, date(2024, 10, 16)],
            "source_tier": ["primary", "primary", "secondary", "primary"],
        }
    )
    assert meeting.tracker_presenter_line(tracker) == (
        "**What it means:** each item's status is the one its latest published update gives; owners and target dates "
        "are not published. **Sources:** 3 (2 primary, 1 second-hand): HMICFRS: “Closure letter”, published 11 July "
        "2025 (primary source); Hertfordshire PCC: panel report on the force, date of publication not recorded "
        "(second-hand source); HMICFRS: “PEEL 2023-25”, published 16 October 2024 (primary source)."
    )


@pytest.mark.parametrize(
    ("value", "step", "notice"),
    [
        (None, 1, None),
        ("", 1, None),
        ([], 1, None),
        (["3", "4", "2"], 2, None),  # ?step=3&step=4&step=2: the last one
        ("1", 1, None),
        (" 4 ", 4, None),
        ("0", 1, "The agenda has steps 1 to 5, so we start at step 1."),
        ("6", 1, "The agenda has steps 1 to 5, so we start at step 1."),
        ("5", 5, None),
    ],
)
def test_the_step_in_the_address_is_read_politely(value, step, notice):
    assert meeting.parse_step(value, count=5) == (step, notice)


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("https://example.org/meeting", "https://example.org/meeting?"),
        ("https://example.org/meeting/", "https://example.org/meeting?"),
        ("https://example.org/", "https://example.org/meeting?"),
        ("https://example.org", "https://example.org/meeting?"),
        ("/dashboard/", "/dashboard/meeting?"),
        ("https://example.org/PCC-BOX", "https://example.org/PCC-BOX/meeting?"),
        ("", "meeting?"),
    ],
)
def test_the_link_for_the_minutes_is_the_meeting_page_under_any_base_address(base, expected):
    link = meeting.view_link(base, "kent", date(2025, 1, 1), 1, meeting=False)
    assert link == f"{expected}force=kent&as_at=2025-01-01&step=1"

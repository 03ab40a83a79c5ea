"""What a resident reads for every force, including those with thin data: charts only where there are enough
figures, no empty grade columns, honest wording (issue 11). Expected values come from the data, not pinned."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.common.wording import age_note, dated_label, grade_column_text, range_text
from dashboard.grades.model import publication_label
from tests.app_helpers import open_page

APP = str(Path(__file__).parents[1] / "app.py")
THEME_PAGES = ("calls", "crime_recording", "crime_outcomes")
THIN = ("dyfed-powys", "greater-manchester", "cheshire", "north-yorkshire")


def chart_points(at: AppTest) -> list[int]:
    """For every Plotly chart on the page, how many data points its marker traces hold."""
    counts = []
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        markers = [t for t in spec["data"] if "markers" in t.get("mode", "markers") and t.get("type", "scatter") == "scatter"]
        if markers:  # time charts; grids and bar charts are not series of figures
            counts.append(sum(len([x for x in t.get("x", []) if x is not None]) for t in markers))
    return counts


def page_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    return "\n".join(parts)


# ---- every force, through the views the pages draw (fast: no page run) ----


@pytest.fixture(scope="module")
def every_theme_section(real_db) -> list[tuple[str, object]]:
    """Every force's sections on the three theme pages, as the pages draw them: built once for the tests below (a
    walk over 43 forces × 3 pages takes tens of seconds), which only read them."""
    from dashboard.performance.model.series import CALL_METRICS, OUTCOME_METRICS, RECORDING_METRICS
    from dashboard.performance.views import theme_view
    from queries import run_query

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_DB", str(real_db))
        return [
            (force_id, section)
            for force_id in run_query("forces")["force_id"]
            for metrics in (CALL_METRICS, RECORDING_METRICS, OUTCOME_METRICS)
            for section in theme_view(force_id, metrics, date.today()).sections
        ]


def test_no_time_chart_is_drawn_from_fewer_than_three_figures_for_any_force(every_theme_section):
    charted = carded = 0
    for force_id, section in every_theme_section:
        view = section.view
        if view.not_known:
            continue
        if view.figure is not None:
            charted += 1
            own = [t for t in view.figure.data if (t.name or "").startswith(section.view.table["Place"].iloc[0])]
            points = sum(len([x for x in t.x if x is not None]) for t in view.figure.data if "markers" in (t.mode or ""))
            assert points >= 3, f"{force_id} {section.key}: a chart of {points} points"
            assert own or view.no_chosen_note is None
        else:
            carded += 1
            # Instead of a chart: the force's figures as cards, or a plain 'not known' and the table.
            assert view.cards or view.no_chosen_note, f"{force_id} {section.key}: neither chart nor cards"
    assert charted and carded  # both kinds occur in the real data


def test_no_force_without_grades_gets_empty_grade_columns(use_real_db):
    from dashboard.overview.views import overview_view
    from queries import run_query

    without = 0
    for force in run_query("forces").itertuples():
        view = overview_view(force.force_id, force.name, force.short_name, date.today())
        if not view.grades_known:
            without += 1
            assert view.grade_columns.columns == ()
            assert "none held for" in view.lead
        else:
            assert len(view.grade_columns.columns) == 5
    assert without  # some forces have no grades held


# ---- pages, for the forces the issue named ----


@pytest.mark.parametrize("force", THIN)
@pytest.mark.parametrize("page", ("overview", "grades", *THEME_PAGES))
def test_thin_data_forces_get_no_tiny_charts_and_no_empty_grade_columns(use_real_db, page, force):
    at = open_page(page, force)
    assert all(points >= 3 for points in chart_points(at)), f"{page} for {force} draws a chart of fewer than 3 points"
    text = page_text(at)
    if "none held for" in text or "We do not hold any" in text:
        # No five empty columns for the cycle with no grades; a previous cycle with some grades held may still show
        # its columns, and at most four of those can be empty.
        assert text.count("No areas graded") <= 4, f"{page} for {force} shows empty grade columns"
    assert "Over 8 graded areas" not in text
    assert "in wales" not in text and "in england" not in text.replace("in england and wales", "")


def test_a_force_without_grades_has_no_report_date_above_no_grades(use_real_db):
    at = open_page("grades", "greater-manchester")
    assert not any(m.value.startswith("**Report published") for m in at.markdown)


def test_overview_leads_with_grades_in_words_and_the_999_figure_against_its_standard(use_real_db):
    from queries import run_query

    at = open_page("overview", "hertfordshire")
    lead = at.info[0].value
    figure = run_query("latest_figures", force_id="hertfordshire", metric_ids=["pct_999_answered_10s"]).iloc[0]
    assert f"{figure['value']:.1f}%" in lead
    assert f"the {figure['standard_value']:g}% standard" in lead
    assert any(grade in lead for grade in ("Good", "Adequate", "Requires improvement", "Inadequate", "Outstanding"))


def test_control_limits_are_explained_once_per_page_at_most(use_real_db):
    at = open_page("calls", "hertfordshire")
    assert page_text(at).count("Control limits") <= 1


# ---- the wording rules, on their own ----


def test_a_range_whose_ends_are_equal_reads_all_at():
    assert range_text("86.6%", "Humberside", "86.6%", "South Yorkshire") == "all at 86.6%"
    assert range_text("84.0%", "Kent", "91.3%", "Sussex") == "from 84.0% (Kent) to 91.3% (Sussex)"


def test_old_figures_say_how_old_they_are():
    today = date(2026, 6, 1)
    assert age_note(pd.Timestamp("2022-03-31"), today, "2022") == "over 4 years old"
    assert age_note(pd.Timestamp("2022-03-31"), today, "PEEL audit") == "from 2022 — over 4 years old"
    assert age_note(pd.Timestamp("2024-04-30"), today, "April 2024") == "over two years old"
    assert age_note(pd.Timestamp("2025-04-30"), today, "April 2025") == ""
    assert dated_label("April 2025", pd.Timestamp("2025-04-30"), today) == "April 2025"


def test_no_grade_columns_when_no_area_is_graded():
    grades = pd.DataFrame({"grade": ["Not known", "Not graded"], "area_short_name": ["A", "B"]})
    assert grade_column_text(grades).columns == ()


def test_no_report_date_when_no_grade_is_held():
    grades = pd.DataFrame({"grade": ["Not known", "Not graded"], "published": [pd.Timestamp("2023-12-01")] * 2})
    assert not publication_label(grades, pd.DataFrame()).startswith("Report published")


def test_small_print_under_cards_never_describes_points_on_a_chart(every_theme_section):
    """Under a measure shown as cards there is no chart, so no note says where its points are drawn."""
    mixed_lengths_under_cards = 0
    for force_id, section in every_theme_section:
        view = section.view
        notes = " ".join(n for n in view.notes_under_chart if n)
        if view.figure is None:
            assert "point is drawn" not in notes, f"{force_id} {section.key}: {notes}"
            mixed_lengths_under_cards += "periods of different lengths" in notes
        elif "periods of different lengths" in notes:
            assert "Each point is drawn at the end of its period" in notes
    assert mixed_lengths_under_cards  # the real data has cards over periods of different lengths: the case is tested


def test_a_figures_age_follows_the_day_the_page_is_read_not_the_day_the_view_was_first_built(use_real_db):
    """theme_view and overview_view take today as part of their key: a server left running says 'over two years old'
    as soon as that becomes true, and not before."""
    from dashboard.overview.views import overview_view
    from dashboard.performance.model.series import CALL_METRICS
    from dashboard.performance.views import theme_view
    from queries import run_query

    figure = run_query("latest_figures", force_id="hertfordshire", metric_ids=["pct_999_answered_10s"]).iloc[0]
    ended = pd.Timestamp(figure["period_end"]).date()
    soon, later = date(ended.year, ended.month, 1) if ended.month > 1 else ended, date(ended.year + 3, ended.month, 28)
    assert age_note(ended, soon) == "" and age_note(ended, later)
    assert "years old" not in theme_view("hertfordshire", CALL_METRICS, soon).lead
    assert age_note(ended, later, figure["period_label"]) in theme_view("hertfordshire", CALL_METRICS, later).lead
    assert "years old" not in overview_view("hertfordshire", "Hertfordshire Constabulary", "Hertfordshire", soon).lead
    assert "years old" in overview_view("hertfordshire", "Hertfordshire Constabulary", "Hertfordshire", later).lead

"""The overview's words without a browser: the short answer on grades and 999 calls, and each figure card."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.common.catalogue import HEADLINE_METRICS
from dashboard.overview.model import figure_card_text, figure_in_brief, grades_in_brief
from queries import run_query

TODAY = date(2024, 6, 1)


def headline_figures() -> pd.DataFrame:
    return run_query("latest_figures", force_id="hertfordshire", metric_ids=list(HEADLINE_METRICS)).set_index(
        "metric_id", drop=False
    )


def test_the_grades_in_brief_count_each_grade_and_what_is_not_known(use_fixture_db):
    grades = run_query("force_grades", force_id="hertfordshire", cycle_id="2023-25")
    assert grades_in_brief("PEEL 2023-25", grades, "Herts") == (
        "**PEEL 2023-25 grades:** Good in 1 area, Requires improvement in 1 and Inadequate in 1. Not known for 6 of 9 areas."
    )
    two_good = pd.DataFrame({"grade": ["Good", "Good", "Adequate"], "area_short_name": ["A", "B", "C"]})
    assert grades_in_brief("PEEL 2023-25", two_good, "Herts") == "**PEEL 2023-25 grades:** Good in 2 areas and Adequate in 1."
    one_not_graded = pd.DataFrame({"grade": ["Good", "Not graded"], "area_short_name": ["Preventing crime", "Recording"]})
    assert grades_in_brief("PEEL 2023-25", one_not_graded, "Herts") == (
        "**PEEL 2023-25 grades:** Good in 1 area. Not graded by the inspectorate: Recording."
    )
    none = run_query("force_grades", force_id="hertfordshire", cycle_id="2021-22")
    assert grades_in_brief("PEEL 2021-22", none, "Herts") == (
        "**PEEL 2021-22 grades:** none held for Herts; no published source we found states them."
    )


def test_the_999_answer_gives_the_figure_its_period_the_standard_and_a_second_hand_source(use_fixture_db):
    figures = headline_figures()
    assert figure_in_brief(figures, "Herts", TODAY) == (
        "**999 calls:** 85.0% answered within 10 seconds (April 2024), below the 90% standard. Reported second-hand."
    )
    primary = figures.assign(source_tier="primary", standard_value=None)
    assert figure_in_brief(primary, "Herts", TODAY) == "**999 calls:** 85.0% answered within 10 seconds (April 2024)."
    assert figure_in_brief(figures.iloc[0:0], "Herts", TODAY) == (
        "**999 calls:** we hold no published figure for Herts on answering within 10 seconds."
    )


def test_a_figure_card_shows_value_period_standard_margin_counts_and_source(use_fixture_db):
    figures = headline_figures()
    calls = figure_card_text(figures.loc["pct_999_answered_10s"], TODAY)
    assert (calls.name, calls.value, calls.definition) == (
        "999 calls answered within 10 seconds", "85.0%", "Share of 999 calls answered within 10 seconds"
    )  # fmt: skip
    assert calls.period == "**April 2024** — below the 90% standard"
    assert calls.small_print == (
        "⚠️ **Second-hand:** Source: [Test Gazette: “Test news story”](https://example.org/news), 1 May 2024 · second-hand source"
    )
    recording = figure_card_text(figures.loc["crime_recording_rate_pct"], TODAY)
    assert recording.period == "**December 2023 to June 2024**"  # no standard: no comparison
    assert recording.small_print == (
        "An estimate from an audit sample: ±1.5 percentage points.  \nSource: [Test Inspectorate: test inspection "
        "report](https://example.org/report), 16 October 2024 · primary source"
    )
    with_counts = figures.loc["pct_999_answered_10s"].copy()
    with_counts[["numerator", "denominator"]] = [8500, 10000]
    assert figure_card_text(with_counts, TODAY).small_print.startswith("8,500 of 10,000  \n⚠️ **Second-hand:** Source:")


def test_a_count_is_shown_only_with_both_its_parts_and_an_old_999_figure_says_how_old(use_fixture_db):
    figures = headline_figures()
    half = figures.loc["pct_999_answered_10s"].copy()
    half[["numerator", "denominator"]] = [8500, None]
    assert figure_card_text(half, TODAY).small_print.startswith("⚠️ **Second-hand:** Source:")
    assert figure_in_brief(figures, "Herts", date(2026, 12, 7)) == (
        "**999 calls:** 85.0% answered within 10 seconds (April 2024 — over two years old), below the 90% standard. "
        "Reported second-hand."
    )

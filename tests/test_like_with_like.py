"""Like with like: figures are set side by side only where their periods match or overlap; otherwise the words say
so, with each period and how far apart they are, on the pages and in the briefing pack."""

from __future__ import annotations

import html
import re
from datetime import date

import pandas as pd
import pytest

from dashboard.common.forces import ForceChoice
from dashboard.performance.model.series import (
    Comparison,
    beside,
    comparison_sentence,
    figure_lead,
    how_far_apart,
    periods_overlap,
)

PERCENT = pd.Series({"metric_id": "crime_recording_rate_pct", "name": "Crime recording rate", "unit": "percent",
                     "standard_value": None, "higher_is_better": True})  # fmt: skip


def figure(place: str, role: str, start: str | None, end: str | None, label: str, value: float) -> dict:
    return {
        "force_id": place,
        "place_short_name": place,
        "role": role,
        "period_start": pd.Timestamp(start) if start else pd.NaT,
        "period_end": pd.Timestamp(end) if end else pd.NaT,
        "plotted_at": pd.Timestamp(end or start) if (end or start) else pd.NaT,
        "period_label": label,
        "value": value,
        "ci_half_width": None,
        "source_tier": "secondary",
        "months": None,
    }


HERTS_2024 = figure("Herts", "chosen", "2023-12-01", "2024-06-30", "PEEL 2023-25 inspection (fieldwork)", 82.6)
EW_2014 = figure("England and Wales", "england_and_wales", "2013-12-01", "2014-08-31", "December 2013 to August 2014", 81.0)
EW_2022 = figure("England and Wales", "england_and_wales", "2021-04-01", "2022-03-31", "Year to March 2022", 92.4)


def test_a_figure_from_another_period_is_set_beside_with_both_periods_and_how_far_apart_they_are():
    found = beside(pd.Series(HERTS_2024), pd.DataFrame([EW_2014, EW_2022]))
    assert not found.same_period
    assert found.figure["value"] == 92.4  # the latest period end, not the oldest
    assert found.words("England and Wales", "percent", HERTS_2024["period_label"]) == (
        "England and Wales: 92.4% for the year to March 2022, two years earlier"
    )


def test_the_same_or_an_overlapping_period_is_like_with_like_and_preferred_to_a_later_one():
    herts_2012 = figure("Herts", "chosen", "2011-10-01", "2012-09-30", "12 months to September 2012", 52)
    same = figure("England and Wales", "england_and_wales", "2011-10-01", "2012-09-30", "12 months to September 2012", 68)
    later = figure("England and Wales", "england_and_wales", "2019-04-01", "2020-03-31", "Year to March 2020", 88.9)
    found = beside(pd.Series(herts_2012), pd.DataFrame([same, later]))
    assert found.same_period and found.figure["value"] == 68
    assert found.words("England and Wales", "per 1,000 people", herts_2012["period_label"]) == (
        "England and Wales: 68.0 per 1,000 people"
    )
    overlapping = figure("England and Wales", "england_and_wales", "2012-04-01", "2013-03-31", "Year to March 2013", 70)
    found = beside(pd.Series(herts_2012), pd.DataFrame([overlapping, later]))
    assert found.same_period and found.figure["value"] == 70
    assert found.words("England and Wales", "percent", herts_2012["period_label"]).endswith("(an overlapping period)")


@pytest.mark.parametrize(
    ("first_end", "second_end", "words"),
    [
        ("2024-06-30", "2022-03-31", "two years earlier"),
        ("2024-04-30", "2023-11-30", "5 months earlier"),
        ("2023-11-30", "2024-10-31", "11 months later"),
        ("2017-05-31", "2019-04-30", "a year later"),
    ],
)
def test_how_far_apart_two_periods_end_is_said_in_words(first_end, second_end, words):
    first = pd.Series(figure("a", "chosen", None, first_end, "x", 1))
    second = pd.Series(figure("b", "peer", None, second_end, "y", 1))
    assert how_far_apart(first, second) == words
    assert not periods_overlap(first, second)


def test_the_theme_page_says_when_no_figure_shares_a_period_and_gives_each_period():
    points = pd.DataFrame([HERTS_2024, EW_2014, EW_2022])
    sentence = comparison_sentence(points, PERCENT, Comparison("hertfordshire", "Hertfordshire", ()))
    assert "so no like-for-like comparison can be made" in sentence
    assert "Hertfordshire: 82.6% for “PEEL 2023-25 inspection (fieldwork)”" in sentence
    assert "England and Wales: 92.4% for the year to March 2022, two years earlier" in sentence
    assert "81.0%" not in sentence


def test_the_theme_page_lead_names_england_and_wales_period_when_it_is_not_the_forces():
    lead = figure_lead("Crime recording rate", PERCENT, pd.DataFrame([HERTS_2024, EW_2022]), date(2024, 9, 1))
    assert lead.startswith("**Crime recording rate:** 82.6% (")
    assert lead.endswith("England and Wales 92.4% for the year to March 2022, two years earlier. Reported second-hand.")


def test_the_crime_recording_page_for_hertfordshire_sets_92_4_beside_82_6_as_another_period(use_real_db):
    from dashboard.performance.views import theme_view

    theme = theme_view("hertfordshire", ("crime_recording_rate_pct",), date(2025, 8, 1))
    assert "England and Wales 92.4% for the year to March 2022, two years earlier" in theme.lead
    summary = theme.sections[0].view.summary
    assert "England and Wales: 92.4% for the year to March 2022, two years earlier" in summary
    assert "81.0%" not in summary and "81%" not in theme.lead


def test_the_recorded_crime_page_compares_hertfordshire_with_england_and_wales_for_the_same_twelve_months(use_real_db):
    from dashboard.performance.views import theme_view

    theme = theme_view("hertfordshire", ("recorded_crime_rate_per_1000",), date(2025, 8, 1))
    summary = theme.sections[0].view.summary
    assert "For 12 months to September 2012, Hertfordshire: 52.0 per 1,000 people; England and Wales: 68.0 per 1,000 people" in (
        summary
    )
    assert "88.9" not in summary


@pytest.fixture(scope="module")
def comparison_tables(real_db) -> list[list[list[str]]]:
    """The briefing pack's 'beside the most similar forces' tables for Hertfordshire as at 1 August 2025, as text cells."""
    from dashboard.holding.briefing import pack

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_DB", str(real_db))
        data = pack.gather(ForceChoice("hertfordshire", "Hertfordshire", "Hertfordshire Constabulary"), date(2025, 8, 1))
        document = pack.render_html(data, {})
    tables = []
    for table in re.findall(r'<table class="compare">.*?</table>', document, re.S):
        table = re.sub(r'<span class="ref">\[\d+\]</span>', "", table)
        rows = [
            [html.unescape(re.sub("<[^>]+>", "", cell)).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
        ]
        tables.append(rows)
    return tables


def cell(tables: list[list[list[str]]], measure: str, place: str) -> str:
    table = next(t for t in tables if measure in t[0])
    row = next(r for r in table if r[0] == place)
    return row[table[0].index(measure)]


def test_the_pack_sets_each_place_beside_the_force_for_the_same_period_or_says_it_is_another(comparison_tables):
    # Recorded crime per 1,000 people: England and Wales for the same 12 months as Hertfordshire, not its latest year.
    assert cell(comparison_tables, "Police recorded crime per 1,000 people", "England and Wales") == (
        "68 per 1,000 people 12 months to September 2012 (second-hand)"
    )
    # Crime recording: England and Wales's latest is another period, two years before Hertfordshire's, and says so.
    assert cell(comparison_tables, "Crime recording rate (all crime)", "England and Wales") == (
        "92.4% Year to March 2022: another period, two years earlier (second-hand)"
    )
    assert "November 2023: another period, 5 months earlier" in cell(
        comparison_tables, "999 calls answered within 10 seconds", "Surrey"
    )
    assert "12 months to October 2024: an overlapping period" in cell(
        comparison_tables, "999 calls answered within 10 seconds", "Sussex"
    )
    caption = "periods may differ"
    assert all(caption not in " ".join(" ".join(r) for r in t) for t in comparison_tables)


@pytest.mark.parametrize(
    ("first", "second", "overlap"),
    [
        (("2024-01-01", "2024-03-31"), ("2024-03-31", "2024-06-30"), True),  # the first ends on the day the second starts
        (("2024-03-31", "2024-06-30"), ("2024-01-01", "2024-03-31"), True),  # the first starts on the day the second ends
        (("2024-01-01", "2024-12-31"), ("2024-03-01", "2024-04-30"), True),  # the first holds the second
        (("2024-03-01", "2024-04-30"), ("2024-01-01", "2024-12-31"), True),  # the second holds the first
        (("2024-01-01", "2024-03-30"), ("2024-03-31", "2024-06-30"), False),  # a day apart
        ((None, "2024-03-31"), ("2024-03-31", "2024-06-30"), True),  # a figure with one date covers that day
        (("2024-03-31", None), ("2024-03-01", "2024-04-30"), True),  # whichever date it is
        (("2024-01-01", "2024-03-31"), (None, None), False),  # an undated figure overlaps nothing
    ],
    ids=["ends-as-other-starts", "starts-as-other-ends", "holds", "held", "a-day-apart", "end-only", "start-only", "undated"],
)
def test_two_periods_overlap_when_they_share_at_least_one_day(first, second, overlap):
    one = pd.Series(figure("a", "chosen", *first, "x", 1))
    other = pd.Series(figure("b", "peer", *second, "y", 1))
    assert periods_overlap(one, other) is overlap


@pytest.mark.parametrize(
    ("second_end", "words"),
    [
        ("2023-04-30", "a year earlier"),  # twelve months is a year, not "12 months"
        ("2023-05-31", "11 months earlier"),
        ("2012-04-30", "twelve years earlier"),
        ("2011-04-30", "13 years earlier"),  # numbers past twelve are written as figures
        ("2024-04-01", "in the same month"),
    ],
)
def test_how_far_apart_at_a_year_and_past_the_numbers_written_as_words(second_end, words):
    first = pd.Series(figure("a", "chosen", None, "2024-04-30", "x", 1))
    assert how_far_apart(first, pd.Series(figure("b", "peer", None, second_end, "y", 1))) == words


def test_an_undated_figure_is_set_beside_a_dated_one_as_a_period_that_cannot_be_set_beside_it():
    undated = pd.Series(figure("b", "peer", None, None, "Period not stated", 7))
    dated = pd.Series(figure("a", "chosen", None, "2024-04-30", "April 2024", 1))
    assert how_far_apart(dated, undated) == how_far_apart(undated, dated) == ""
    found = beside(dated, pd.DataFrame([figure("England and Wales", "england_and_wales", None, None, "Period not stated", 7)]))
    assert found.words("England and Wales", "percent", "April 2024") == (
        "England and Wales: 7.0% for “Period not stated”, a period that cannot be set beside it"
    )


def test_with_no_figure_of_its_own_the_other_places_latest_is_given_without_a_distance():
    found = beside(None, pd.DataFrame([EW_2014, EW_2022]))
    assert found.figure["value"] == 92.4 and not found.same_period and found.apart == ""
    assert (
        found.words("England and Wales", "percent", "")
        == "England and Wales: 92.4% for the year to March 2022, a period that cannot be set beside it"
    )
    assert beside(None, pd.DataFrame()).words("England and Wales", "percent", "") == "England and Wales: not held"


HERTS_APRIL = figure("Herts", "chosen", "2024-04-01", "2024-04-30", "April 2024", 87.4)
ESSEX_APRIL = figure("Essex", "peer", "2024-04-01", "2024-04-30", "April 2024", 91.0)
MOST_SIMILAR = Comparison("hertfordshire", "Hertfordshire", ("essex", "kent", "surrey"), peer_label="Most similar forces")
STANDARD_999 = pd.Series({"metric_id": "pct_999_answered_10s", "name": "999 calls answered within 10 seconds", "unit": "percent",
                          "standard_value": 90.0, "higher_is_better": True})  # fmt: skip


def test_the_comparison_in_one_period_names_each_national_figure_and_the_peers_range():
    points = pd.DataFrame(
        [
            HERTS_APRIL,
            figure("England and Wales", "england_and_wales", "2024-04-01", "2024-04-30", "April 2024", 71.0),
            figure("United Kingdom", "united_kingdom", "2024-04-01", "2024-04-30", "April 2024", 72.5),
            ESSEX_APRIL,
            figure("Kent", "selected", "2024-04-01", "2024-04-30", "April 2024", 80.0),
        ]
    )
    assert comparison_sentence(points, PERCENT, MOST_SIMILAR) == (
        "For April 2024, Hertfordshire: 87.4%; England and Wales: 71.0%; United Kingdom (includes Police Scotland): 72.5%; "
        "2 of 3 most similar forces: from 80.0% (Kent) to 91.0% (Essex)."
    )
    assert comparison_sentence(pd.DataFrame([HERTS_APRIL, ESSEX_APRIL]), PERCENT, MOST_SIMILAR) == (
        "For April 2024, Hertfordshire: 87.4%; England and Wales: not held; 1 of 3 most similar forces: Essex 91.0%."
    )


def test_with_no_shared_period_the_latest_of_each_national_figure_is_given_with_its_distance():
    uk_2023 = figure("United Kingdom", "united_kingdom", "2022-04-01", "2023-03-31", "Year to March 2023", 72.5)
    assert comparison_sentence(pd.DataFrame([HERTS_APRIL, uk_2023]), PERCENT, MOST_SIMILAR) == (
        "We hold no figure from England and Wales or from most similar forces for the same period as any figure for "
        "Hertfordshire, so no like-for-like comparison can be made. The latest we hold: Hertfordshire: 87.4% for April "
        "2024; United Kingdom (includes Police Scotland): 72.5% for the year to March 2023, a year earlier."
    )


def test_the_theme_lead_uses_the_chosen_forces_figure_with_its_standard_margin_and_source():
    later_peer = figure("Essex", "peer", "2024-05-01", "2024-05-31", "May 2024", 91.0)
    primary_estimate = {**HERTS_APRIL, "source_tier": "primary", "ci_half_width": 2.5}
    national = figure("England and Wales", "england_and_wales", "2024-04-01", "2024-04-30", "April 2024", 71.0)
    with_national = pd.DataFrame([primary_estimate, later_peer, national])
    assert figure_lead("999 calls", STANDARD_999, with_national, date(2024, 6, 1)) == (
        "**999 calls:** 87.4% (April 2024), below the 90% standard. An estimate from an audit sample, ±2.5 points."
    )  # the standard, not England and Wales, is what a figure with a standard is judged against
    assert figure_lead("999 calls", STANDARD_999, with_national, date(2026, 6, 1)).startswith(
        "**999 calls:** 87.4% (April 2024 — over two years old), below"
    )
    national = figure("England and Wales", "england_and_wales", "2024-04-01", "2024-04-30", "April 2024", 71.0)
    assert figure_lead("Rate", PERCENT, pd.DataFrame([HERTS_APRIL, national]), date(2024, 6, 1)) == (
        "**Rate:** 87.4% (April 2024), England and Wales 71.0%. Reported second-hand."
    )
    assert figure_lead("Rate", PERCENT, pd.DataFrame([HERTS_APRIL]), date(2024, 6, 1)) == (
        "**Rate:** 87.4% (April 2024). Reported second-hand."
    )
    assert figure_lead("Rate", PERCENT, pd.DataFrame([later_peer]), date(2024, 6, 1)) is None


def test_a_period_with_only_the_united_kingdoms_figure_is_not_said_to_lack_a_national_one():
    uk = figure("United Kingdom", "united_kingdom", "2024-04-01", "2024-04-30", "April 2024", 72.5)
    assert comparison_sentence(pd.DataFrame([HERTS_APRIL, uk]), PERCENT, MOST_SIMILAR) == (
        "For April 2024, Hertfordshire: 87.4%; United Kingdom (includes Police Scotland): 72.5%."
    )

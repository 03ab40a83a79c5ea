"""The calls, crime recording, recorded crime and explorer pages, run through AppTest on the real data."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_helpers import show_tables

APP = str(Path(__file__).parents[1] / "app.py")


def open_page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception
    return at


def texts(at: AppTest) -> list[str]:
    """Every markdown element and caption whole, and each paragraph of a markdown element on its own (a section's
    heading, its definition and its first sentence are one element)."""
    whole = [m.value for m in at.markdown] + [c.value for c in at.caption]
    return whole + [part for m in at.markdown for part in m.value.split("\n\n")]


def table_with(at: AppTest, column: str, value: str):
    """The first data table that has `value` in `column`."""
    for frame in show_tables(at).dataframe:
        table = frame.value
        if column in table.columns and (table[column] == value).any():
            return table
    raise AssertionError(f"no table with {column} = {value}")


def test_calls_page_shows_hertfordshire_april_2024_as_second_hand(use_real_db):
    at = open_page("calls")
    assert at.title[0].value == "Hertfordshire: 999 and 101 calls"
    assert any(
        t.startswith(
            "In April 2024 Hertfordshire answered 87.4% of 999 calls within 10 seconds, below the 90% standard. "
            "This figure is second-hand: The Comet reported it."
        )
        for t in texts(at)
    )
    table = table_with(at, "Period", "April 2024")
    april = table[(table["Place"] == "Hertfordshire") & (table["Period"] == "April 2024")].iloc[0]
    assert april["Value"] == "87.4%"
    assert april["Kind of source"] == "second-hand source"
    # Its most similar forces for November 2023 are named with their range, and no limits are claimed.
    assert any("5 of 7 most similar forces: from 84.0% (Hampshire and Isle of Wight) to 91.3% (Sussex)" in t for t in texts(at))
    # Said once for the page, naming the measure: not under every chart.
    assert sum("**Control limits**" in t for t in texts(at)) == 1
    assert any(
        "We hold fewer for Hertfordshire, so none are drawn for: 999 calls answered within 10 seconds (2 monthly" in t
        for t in texts(at)
    )


def test_calls_page_gives_the_101_figures_and_says_what_is_not_known(use_real_db):
    at = open_page("calls")
    assert any(t.startswith("In April 2024 Hertfordshire answered 74.3% of 101 calls within 90 seconds.") for t in texts(at))
    # The only mean answer time held is the force's own from 2018, with no period: it is given with what the source says.
    assert any("for the period “Averaging period not stated (said in November 2018)”" in t for t in texts(at))
    assert any(
        t.startswith("**Not known for Kent:** we hold no published figure for this measure")
        for t in texts(open_page("calls", force="kent"))
    )


def test_a_force_without_a_peer_group_is_compared_with_its_region(use_real_db):
    at = open_page("calls", force="essex")
    assert at.title[0].value == "Essex: 999 and 101 calls"
    # How to read the page, in small print under its opening sentence, starts with what Essex is compared with.
    assert any(
        ":small[We hold no published most similar group for Essex, so it is compared with the other forces in the East of "
        "England" in t
        for t in texts(at)
    )
    assert any(t.startswith("In the 12 months to October 2024 Essex answered 80.3% of 999 calls") for t in texts(at))


def test_crime_recording_page_shows_the_2023_25_estimates_and_the_2017_margin_of_error(use_real_db):
    at = open_page("crime_recording")
    summaries = texts(at)
    assert any("Hertfordshire recorded 82.6% of the crimes it should have" in t for t in summaries)
    assert any("Hertfordshire recorded 75.7% of the violent crimes it should have" in t for t in summaries)
    table = table_with(at, "Value", "87.2%")
    audit_2017 = table[table["Value"] == "87.2%"].iloc[0]
    assert audit_2017["Period"] == "December 2016 to May 2017"
    assert audit_2017["Margin of error (± points)"] == "1.86"
    # The 2023-25 estimate was published without a margin of error: a blank cell, not "None" or "nan".
    peel_2023 = table[table["Value"] == "82.6%"].iloc[0]
    assert peel_2023["Margin of error (± points)"] == ""
    assert audit_2017["Kind of source"] == "primary source"
    assert any("vs 87.2% in December 2016 to May 2017 (counts not published, ±1.86)" in t for t in summaries)


def test_recorded_crime_page_shows_a_change_with_both_base_counts(use_real_db):
    at = open_page("crime_outcomes")
    assert any(
        "74,608 crimes in the year to March 2024 vs 76,373 crimes in the year to March 2023: down 1,765 crimes (2.3% lower)." in t
        for t in texts(at)
    )
    assert any("5.7% in the 12 months to September 2022 (4,310 of 75,720)" in t for t in texts(at))
    assert any("so we do not work rates out ourselves" in t for t in texts(at))


def test_control_limits_and_a_special_cause_month_appear_for_a_monthly_series(use_monthly_db):
    at = open_page("calls", force="kent")
    summary = next(t for t in texts(at) if t.startswith("Over 14 months from January 2023 to March 2024"))
    assert "1 month is missing; the chart breaks there." in summary
    assert "December 2023 (concern: outside the control limits)" in summary
    assert "Against the standard: hit and miss" in summary or "Against the standard: consistently missing" in summary
    assert "**Is it changing? Statistical process control for Kent**" in texts(at)


def test_explorer_ranks_november_2023_with_hertfordshire_at_the_bottom_and_scotland_left_out(use_real_db):
    at = open_page("explorer")
    assert at.selectbox[1].value == "pct_999_answered_10s"
    assert at.selectbox[2].value == "November 2023"
    ranking = table_with(at, "Force", "Hertfordshire (your force)")
    herts = ranking[ranking["Force"] == "Hertfordshire (your force)"].iloc[0]
    assert herts["Rank"] == "31st"
    assert herts["Value"] == "83.3%"
    assert herts["Counts"] == "12,118 of 14,551"
    assert herts["Rank in the source's table"] == 33
    assert ranking["Force"].iloc[0] == "Greater Manchester"
    assert "Police Scotland" not in set(ranking["Force"])
    assert len(ranking) == 31
    assert any("Police Scotland (85.6%) is not ranked: it is not an England and Wales force." in t for t in texts(at))
    assert any("The source's own table put Hertfordshire 33rd" in t for t in texts(at))


def test_explorer_state_round_trips_through_the_address(use_real_db):
    at = open_page(
        "explorer", metric="mean_999_answer_seconds", forces="lincolnshire,northumbria", period="november-2021-to-april-2022"
    )
    assert at.selectbox[1].value == "mean_999_answer_seconds"
    assert at.multiselect[0].value == ["lincolnshire", "northumbria"]
    assert at.selectbox[2].value == "November 2021 to April 2022"
    assert at.query_params["metric"] == "mean_999_answer_seconds"
    assert at.query_params["forces"] == "lincolnshire,northumbria"
    assert at.query_params["period"] == "november-2021-to-april-2022"
    ranking = table_with(at, "Force", "Lincolnshire")
    # Lower is better for answer times: Lincolnshire's 6.0 seconds ranks first.
    assert ranking["Force"].tolist()[:2] == ["Lincolnshire", "Avon and Somerset"]
    assert ranking["Value"].tolist()[0] == "6.0 seconds"
    assert not any("We could not find" in i.value for i in at.info)


def test_explorer_choices_change_the_address(use_real_db):
    at = open_page("explorer")
    at.multiselect[0].set_value(["kent", "essex"]).run()
    assert at.query_params["forces"] == "kent,essex"
    at.selectbox[1].select("calls_999").run()
    assert at.query_params["metric"] == "calls_999"
    # The period follows the new measure rather than keeping one it may not have.
    assert at.query_params["period"] == "november-2023"
    assert at.query_params["forces"] == "kent,essex"


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        (
            {"metric": "nonsense"},
            "We could not find a measure called “nonsense”, so we are showing 999 calls answered within 10 seconds.",
        ),
        ({"period": "1066"}, "We hold no figures for this measure for a period called “1066”, so we are showing November 2023."),
        (
            {"forces": "atlantis"},
            "We could not find a place called “atlantis”, so we left it out. We are showing the usual comparison instead.",
        ),
        ({"metric": "x" * 3000, "forces": "<b>", "period": "%%"}, "We could not find a measure called"),
    ],
)
def test_explorer_falls_back_politely_on_a_bad_address(use_real_db, params, notice):
    at = open_page("explorer", **params)
    assert at.selectbox[1].value == "pct_999_answered_10s"
    assert any(i.value.startswith(notice) for i in at.info)


def test_explorer_keeps_a_second_pick_on_the_same_control(use_real_db):
    at = open_page("explorer")
    at.selectbox[1].select("calls_999").run()
    at.selectbox[1].select("mean_999_answer_seconds").run()
    assert at.selectbox[1].value == "mean_999_answer_seconds"
    assert at.query_params["metric"] == "mean_999_answer_seconds"
    at.multiselect[0].set_value(["kent"]).run()
    at.multiselect[0].set_value(["kent", "essex"]).run()
    assert at.query_params["forces"] == "kent,essex"
    at.selectbox[2].set_value("November 2021 to April 2022").run()
    at.selectbox[2].set_value("Period not stated").run()
    assert at.selectbox[2].value == "Period not stated"
    assert at.query_params["period"] == "period-not-stated"

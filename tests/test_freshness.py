"""Freshness people can see: the line under each title, overdue feeds in words, and the feeds on About the data."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.common.freshness import feed_statuses, feeds_summary, feeds_table, freshness_text
from dashboard.store.feeds import Check, Feed, append_checks
from tests.app_helpers import show_tables

APP = str(Path(__file__).parents[1] / "app.py")
FEED = Feed(
    "police-uk-999",
    "police-uk-999",
    "999 figures",
    "police.uk",
    "999 call answering data",
    "https://example.org/999.csv",
    None,
    "monthly",
    60,
    "Open Government Licence v3.0",
    ("pct_999_answered_10s", "calls_999"),
    {},
)
CHECKS = [
    Check(datetime(2026, 11, 2, 6, 0), "police-uk-999", "new", 200, 100, "a" * 64, load_id=3, message="Loaded as load 3"),
    Check(datetime(2026, 12, 2, 6, 0), "police-uk-999", "unchanged", 304, 0, "a" * 64, message="Not modified"),
]


def latest(end: str) -> pd.DataFrame:
    return pd.DataFrame({"metric_id": ["pct_999_answered_10s"], "latest_end": [pd.Timestamp(end)], "figures": [43]})


def test_the_line_names_the_latest_month_held_and_the_last_check():
    statuses = feed_statuses([FEED], CHECKS, latest("2026-10-31"), date(2026, 12, 2), ["pct_999_answered_10s"])
    assert freshness_text(statuses) == ("999 figures to October 2026 · checked 2 December 2026", [])


def test_a_feed_behind_its_cadence_is_called_overdue_in_words():
    statuses = feed_statuses([FEED], CHECKS, latest("2026-06-30"), date(2026, 12, 2), ["calls_999", "pct_999_answered_10s"])
    line, overdue = freshness_text(statuses)
    assert line == "999 figures to June 2026 · checked 2 December 2026"
    assert overdue == ["999 figures from police.uk are normally published monthly; the latest we hold are for June 2026."]


# A monthly feed is due 31 days after its latest period ends, plus the publisher's usual delay (60 days here):
# October 2026's figures are due by 30 January 2027, and overdue from 31 January.
DUE_BY = date(2026, 10, 31) + timedelta(days=31 + 60)
OVERDUE_SENTENCE = "999 figures from police.uk are normally published monthly; the latest we hold are for October 2026."


def test_a_feed_is_not_called_overdue_on_the_last_day_it_is_due():
    assert DUE_BY == date(2027, 1, 30)
    statuses = feed_statuses([FEED], CHECKS, latest("2026-10-31"), DUE_BY, ["pct_999_answered_10s"])
    assert freshness_text(statuses) == ("999 figures to October 2026 · checked 2 December 2026", [])
    assert feeds_table(statuses).loc[0, "Overdue"] == "no"
    assert feeds_summary(statuses) == "1 official feed(s) are checked for new releases; 1 have been checked so far."


def test_a_feed_is_called_overdue_from_the_day_after_it_was_due():
    statuses = feed_statuses([FEED], CHECKS, latest("2026-10-31"), DUE_BY + timedelta(days=1), ["pct_999_answered_10s"])
    assert freshness_text(statuses) == ("999 figures to October 2026 · checked 2 December 2026", [OVERDUE_SENTENCE])
    assert feeds_table(statuses).loc[0, "Overdue"] == "yes"
    assert feeds_summary(statuses).endswith(" Overdue against their usual timetable: 999 figures.")


def test_a_feed_is_as_late_as_its_latest_measure_not_its_oldest():
    both = pd.DataFrame(
        {
            "metric_id": ["pct_999_answered_10s", "calls_999"],
            "latest_end": [pd.Timestamp("2026-10-31"), pd.Timestamp("2025-01-31")],
            "figures": [43, 43],
        }
    )
    statuses = feed_statuses([FEED], CHECKS, both, DUE_BY, ["calls_999", "pct_999_answered_10s"])
    assert freshness_text(statuses) == ("999 figures to October 2026 · checked 2 December 2026", [])


def test_a_page_without_the_feeds_measures_gets_no_line_and_nothing_is_made_up():
    assert feed_statuses([FEED], CHECKS, latest("2026-10-31"), date(2026, 12, 2), ["charge_rate_pct"]) == []
    never = feed_statuses([FEED], [], latest("2026-10-31").iloc[0:0], date(2026, 12, 2))
    assert freshness_text(never) == ("No 999 figures held yet · not yet checked for updates", [])


def test_the_feeds_table_gives_last_check_last_change_and_outcome():
    table = feeds_table(feed_statuses([FEED], CHECKS, latest("2026-10-31"), date(2026, 12, 2)))
    assert table.loc[0, ["Last checked", "Outcome", "Last new release", "Overdue"]].tolist() == [
        "2 December 2026",
        "unchanged",
        "2 November 2026",
        "no",
    ]


CRIME = Feed(
    "ons-crime",
    "ons-pfa",
    "Recorded crime figures",
    "ONS",
    "Police recorded crime",
    "https://example.org/crime.xlsx",
    "https://example.org/crime",
    "quarterly",
    30,
    "Open Government Licence v3.0",
    ("recorded_crime_total",),
    {},
)


def test_about_the_data_reads_every_column_of_the_feeds_table_for_a_checked_and_an_unchecked_feed():
    both = pd.DataFrame(
        {
            "metric_id": ["pct_999_answered_10s", "recorded_crime_total"],
            "latest_end": [pd.Timestamp("2026-06-30"), pd.NaT],
            "figures": [43, 0],
        }
    ).dropna()
    table = feeds_table(feed_statuses([FEED, CRIME], CHECKS, both, date(2026, 12, 2)))
    assert table.to_dict("records") == [
        {
            "Feed": "999 figures",
            "Publisher": "police.uk",
            "Address": "https://example.org/999.csv",
            "Normally published": "monthly",
            "Latest period held": "June 2026",
            "Last checked": "2 December 2026",
            "Outcome": "unchanged",
            "What happened": "No new release since the last check.",  # fixed public words (store.feeds), not the detail
            "Last new release": "2 November 2026",
            "Overdue": "yes",
        },
        {
            "Feed": "Recorded crime figures",
            "Publisher": "ONS",
            "Address": "https://example.org/crime",  # the landing page, where a person can read about the release
            "Normally published": "quarterly",
            "Latest period held": "none held",
            "Last checked": "never",
            "Outcome": "not checked",
            "What happened": "",
            "Last new release": "never",
            "Overdue": "no",
        },
    ]


def test_the_feeds_summary_names_every_overdue_feed():
    late = pd.DataFrame(
        {
            "metric_id": ["pct_999_answered_10s", "recorded_crime_total"],
            "latest_end": [pd.Timestamp("2026-06-30"), pd.Timestamp("2026-03-31")],
            "figures": [43, 43],
        }
    )
    summary = feeds_summary(feed_statuses([FEED, CRIME], CHECKS, late, date(2026, 12, 2)))
    assert summary == (
        "2 official feed(s) are checked for new releases; 1 have been checked so far. "
        "Overdue against their usual timetable: 999 figures, Recorded crime figures."
    )


@pytest.fixture
def feeds_dir(tmp_path, monkeypatch, use_real_db) -> Path:
    """The real catalogue with a synthetic log (checked on 2 December 2026) in a temporary data folder."""
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "catalogue.csv").write_bytes((Path(__file__).parents[1] / "data/feeds/catalogue.csv").read_bytes())
    append_checks(tmp_path, CHECKS)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path))
    return tmp_path


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(page)
    return at.run()


def test_the_calls_page_says_how_far_its_999_figures_go_and_when_they_were_checked(feeds_dir):
    at = open_page("pages/calls.py")
    assert not at.exception
    # The first words under the title, in small print, before the page's opening sentence.
    opening = at.markdown[0].value
    assert opening.startswith(":small[") and "How quickly the force answers emergency (999)" in opening
    line = opening.split("\n\n")[0]
    # The real data's latest 999 figure is for October 2024, long before December 2026: overdue, in words.
    assert line.startswith(":small[999 figures to October 2024 · checked 2 December 2026")
    assert "**Overdue:** 999 figures from Home Office (police.uk) are normally published monthly" in line


def test_about_the_data_lists_each_feed_and_offers_the_open_data_zip_with_its_version(feeds_dir, use_real_db):
    import duckdb

    at = open_page("pages/about_data.py")
    assert not at.exception
    feeds = next(d.value for d in at.dataframe if d.value.columns[0] == "Feed")
    assert feeds["Feed"].tolist() == ["999 figures", "Recorded crime figures"]
    assert feeds.loc[0, "Last checked"] == "2 December 2026" and feeds.loc[0, "Outcome"] == "unchanged"
    assert feeds.loc[1, "Outcome"] == "not checked"
    con = duckdb.connect(str(use_real_db), read_only=True)
    build_id = con.execute("SELECT build_id FROM build_info").fetchone()[0]
    con.close()
    labels = [b.label for b in at.get("download_button")]
    assert f"Download the open data, version {build_id} (zip)" in labels
    assert "Download the data dictionary (CSV)" not in labels  # until the visitor asks for the table
    labels = [b.label for b in show_tables(at).get("download_button")]
    assert "Download the data dictionary (CSV)" in labels


def test_a_page_with_two_feeds_reads_both_lines_whatever_the_order_of_the_catalogue():
    both = pd.DataFrame(
        {
            "metric_id": ["pct_999_answered_10s", "recorded_crime_total"],
            "latest_end": [pd.Timestamp("2026-10-31"), pd.Timestamp("2026-09-30")],
            "figures": [43, 43],
        }
    )
    statuses = feed_statuses([CRIME, FEED], CHECKS, both, date(2026, 12, 2))
    assert freshness_text(statuses)[0] == (
        "Recorded crime figures to September 2026 · not yet checked for updates; "
        "999 figures to October 2026 · checked 2 December 2026"
    )
    # A page about 999 calls only: the crime feed, first in the catalogue, is passed over, not the end of the list.
    calls_only = feed_statuses([CRIME, FEED], CHECKS, both, date(2026, 12, 2), ["pct_999_answered_10s"])
    assert freshness_text(calls_only)[0] == "999 figures to October 2026 · checked 2 December 2026"


def test_the_last_check_is_the_latest_of_several():
    third = Check(datetime(2026, 12, 9, 6, 0), "police-uk-999", "unreachable", 0, 0, "", message="Timed out")
    statuses = feed_statuses([FEED], [*CHECKS, third], latest("2026-10-31"), date(2026, 12, 9))
    assert freshness_text(statuses)[0] == "999 figures to October 2026 · checked 9 December 2026"
    assert feeds_table(statuses).loc[0, ["Outcome", "Last new release"]].tolist() == ["unreachable", "2 November 2026"]

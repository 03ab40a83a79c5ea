"""The improvement tracker: overdue logic on fixed dates, status counts, the as-at view, changes, and file checks."""

from __future__ import annotations

import shutil
from datetime import date

import duckdb
import pandas as pd
import pytest

from dashboard.holding.model.meeting import tracker_headline
from dashboard.holding.model.tracker import (
    count_by_status,
    is_overdue,
    overdue_flags,
    status_counts,
    tracker_gaps,
    tracker_table,
)
from dashboard.store.build import build_database
from dashboard.store.tables import DataFileError
from queries import run_query
from tests.test_build import rewrite_cell


def tracker_as_at(day: date) -> pd.DataFrame:
    return run_query("improvement_tracker", force_id="hertfordshire", cycle_id="2023-25", as_at=day).set_index("action_id")


@pytest.mark.parametrize(
    ("target", "status", "as_at", "expected"),
    [
        (date(2025, 2, 28), "open", date(2025, 3, 1), True),
        (date(2025, 2, 28), "evidence submitted", date(2025, 3, 1), True),
        (date(2025, 2, 28), "in progress", date(2025, 2, 28), False),  # due today is not yet overdue
        (date(2025, 2, 28), "closed by the inspectorate", date(2025, 6, 1), False),
        (None, "open", date(2030, 1, 1), False),  # no published target date: never called overdue
        (pd.NaT, "in progress", date(2030, 1, 1), False),
        (pd.Timestamp("2025-02-28"), "open", date(2025, 3, 1), True),
    ],
)
def test_an_item_is_overdue_only_past_its_target_and_not_closed(target, status, as_at, expected):
    assert is_overdue(target, status, as_at) is expected


def test_counts_list_every_status_in_workflow_order_with_zeros():
    frame = pd.DataFrame({"status": ["open", "open", "closed by the inspectorate"]})
    assert count_by_status(frame) == {"open": 2, "in progress": 0, "evidence submitted": 0, "closed by the inspectorate": 1}


def test_status_counts_leave_out_zeros_in_either_order_and_one_item_is_singular():
    frame = pd.DataFrame({"status": ["open", "open", "closed by the inspectorate"]})
    assert status_counts(frame) == "2 open, 1 closed by the inspectorate"
    assert status_counts(frame, furthest_first=True) == "1 closed by the inspectorate, 2 open"
    one = pd.DataFrame({"status": ["in progress"]})
    assert tracker_headline("Kent", one, date(2025, 8, 1)) == "Kent: 1 item tracked — 1 in progress"


def test_tracker_shows_each_items_latest_update_on_the_as_at_date(use_fixture_db):
    tracker = tracker_as_at(date(2025, 3, 15))
    assert tracker.loc["a1", "status"] == "in progress"
    assert tracker.loc["a1", "owner"] == "Test owner"
    assert tracker.loc["a1", "update_date"] == pd.Timestamp("2025-01-15")
    assert tracker.loc["a2", "status"] == "evidence submitted"
    assert tracker.loc["a1", "finding_kind"] == "cause_of_concern"
    assert tracker.loc["a2", "source_tier"] == "secondary"
    assert count_by_status(tracker) == {"open": 0, "in progress": 1, "evidence submitted": 1, "closed by the inspectorate": 0}


def test_overdue_flags_follow_the_as_at_date(use_fixture_db):
    on_15_march = tracker_as_at(date(2025, 3, 15))
    assert overdue_flags(on_15_march, date(2025, 3, 15)).to_dict() == {"a1": False, "a2": True}
    on_30_april = tracker_as_at(date(2025, 4, 30))
    assert overdue_flags(on_30_april, date(2025, 4, 30)).to_dict() == {"a1": True, "a2": True}
    on_1_august = tracker_as_at(date(2025, 8, 1))
    assert on_1_august.loc["a1", "status"] == "closed by the inspectorate"
    assert overdue_flags(on_1_august, date(2025, 8, 1)).to_dict() == {"a1": False, "a2": True}


def test_before_any_update_the_tracker_is_empty(use_fixture_db):
    assert tracker_as_at(date(2024, 10, 15)).empty


def test_what_changed_lists_updates_between_the_dates_with_the_status_before(use_fixture_db):
    changes = run_query(
        "improvement_updates", force_id="hertfordshire", cycle_id="2023-25", since=date(2025, 1, 1), as_at=date(2025, 3, 31)
    )
    assert changes["action_id"].tolist() == ["a2", "a1"]  # newest first
    assert changes["status"].tolist() == ["evidence submitted", "in progress"]
    assert changes["previous_status"].tolist() == ["open", "open"]
    # 'Since' is exclusive: an update made on that day was already known then, so it is not a change.
    since_an_update = run_query(
        "improvement_updates", force_id="hertfordshire", cycle_id="2023-25", since=date(2025, 1, 15), as_at=date(2025, 3, 31)
    )
    assert since_an_update["action_id"].tolist() == ["a2"]
    # 'As at' is inclusive: an update made on that day is known by then (a2's evidence went in on 1 March 2025).
    for as_at, expected in ((date(2025, 3, 1), ["a2", "a1"]), (date(2025, 2, 28), ["a1"])):
        assert (
            run_query("improvement_updates", force_id="hertfordshire", cycle_id="2023-25", since=date(2025, 1, 1), as_at=as_at)[
                "action_id"
            ].tolist()
            == expected
        )
    for force_id, cycle_id in (("essex", "2023-25"), ("hertfordshire", "2021-22")):  # nobody else's updates
        assert run_query(
            "improvement_updates", force_id=force_id, cycle_id=cycle_id, since=date(2024, 1, 1), as_at=date(2025, 8, 1)
        ).empty


def test_tracker_table_says_not_published_for_missing_owner_and_target(use_fixture_db):
    tracker = tracker_as_at(date(2024, 12, 1)).reset_index()
    table = tracker_table(tracker, date(2024, 12, 1)).set_index("What is to be improved")
    assert table.loc["Test: record crime correctly", "Owner"] == "not published"
    assert table.loc["Test: record crime correctly", "Target date"] == "not published"
    assert table.loc["Test: answer calls faster", "Target date"] == "28 February 2025"
    assert table.loc["Test: record crime correctly", "Item"] == "Cause of concern"


def test_tracker_gaps_are_the_not_found_action_plan_and_findings_list(use_fixture_db):
    events = run_query("timeline_events", force_id="hertfordshire", as_at=date(2025, 8, 1))
    assert tracker_gaps(events, "2023-25")["title"].tolist() == ["Test action plan"]


def test_hertfordshire_cause_of_concern_is_closed_on_11_july_2025_with_the_closure_letter(use_real_db):
    tracker = tracker_as_at(date(2025, 8, 1))
    cause = tracker[tracker["finding_kind"] == "cause_of_concern"].iloc[0]
    assert cause["status"] == "closed by the inspectorate"
    assert cause["update_date"] == pd.Timestamp("2025-07-11")
    assert cause["source_title"] == (
        "Letter from HM Inspector Roy Wilsher closing Hertfordshire Constabulary's cause of concern on crime recording"
    )
    assert cause["source_title_kind"] == "description"
    assert cause["source_tier"] == "primary"
    assert cause["evidence_url"].endswith("cause-of-concern-closed-letter-july-2025")
    assert cause["owner"] is None or pd.isna(cause["owner"])  # not published: left blank, never invented


def test_hertfordshire_before_closure_shows_the_cause_of_concern_in_progress(use_real_db):
    tracker = tracker_as_at(date(2025, 7, 10))
    cause = tracker[tracker["finding_kind"] == "cause_of_concern"].iloc[0]
    assert cause["status"] == "in progress"
    assert cause["update_date"] == pd.Timestamp("2025-04-01")
    assert count_by_status(tracker) == {"open": 3, "in progress": 2, "evidence submitted": 0, "closed by the inspectorate": 0}


def test_a_bad_status_is_rejected_naming_file_row_and_column(fixture_data_copy):
    rewrite_cell(fixture_data_copy / "improvement_actions.csv", 3, "status", "done")
    with pytest.raises(DataFileError) as caught:
        build_database(fixture_data_copy, fixture_data_copy / "test.duckdb")
    assert "data/improvement_actions.csv, row 3, column 'status': 'done' is not one of" in str(caught.value)


def test_an_action_must_answer_a_finding_of_its_own_force(fixture_data_copy):
    rewrite_cell(fixture_data_copy / "improvement_actions.csv", 2, "finding_id", "f3")
    rewrite_cell(fixture_data_copy / "improvement_actions.csv", 5, "force_id", "essex")
    with pytest.raises(DataFileError) as caught:
        build_database(fixture_data_copy, fixture_data_copy / "test.duckdb")
    message = str(caught.value)
    assert "row 2, column 'finding_id': finding f3 is innovative practice" in message
    assert "row 3, column 'finding_id': action a1 has finding_id 'f3' in row 2" in message
    assert "row 6, column 'force_id': action a2 has force_id 'essex' in row 5" in message
    assert "row 5, column 'finding_id': finding f2 belongs to hertfordshire 2023-25, not essex 2023-25" in message


def test_a_rejected_tracker_file_leaves_the_database_as_it_was(fixture_data_copy, fixture_db, tmp_path):
    database = tmp_path / "kept.duckdb"
    shutil.copy(fixture_db, database)
    rewrite_cell(fixture_data_copy / "improvement_actions.csv", 2, "update_date", "16/10/2024")
    with pytest.raises(DataFileError) as caught:
        build_database(fixture_data_copy, database)
    assert "row 2, column 'update_date': expected a date as YYYY-MM-DD, found '16/10/2024'" in str(caught.value)
    con = duckdb.connect(str(database), read_only=True)
    assert con.execute("SELECT count(*) FROM improvement_action").fetchone()[0] == 5
    con.close()


def test_the_counts_table_lists_every_status_and_the_overdue_count():
    from dashboard.holding.views import counts_table

    frame = pd.DataFrame(
        {"status": ["open", "open", "closed by the inspectorate"], "target_date": [date(2025, 1, 1), None, date(2025, 1, 1)]}
    )
    header, rule, row = counts_table(frame, date(2025, 3, 1)).splitlines()
    assert header == "| Open | In progress | Evidence submitted | Closed by the inspectorate | Past target date |"
    assert rule == "|---:|---:|---:|---:|---:|"
    assert row == "| **2** | **0** | **0** | **1** | **1** |"


def test_changes_are_one_markdown_newest_first_with_their_sources(use_fixture_db):
    from dashboard.holding.views import changes_markdown

    since, as_at = date(2024, 1, 1), date(2025, 8, 1)
    changes = run_query("improvement_updates", force_id="hertfordshire", cycle_id="2023-25", since=since, as_at=as_at)
    intro, *items = changes_markdown(changes, since, as_at).split("\n\n---\n\n")
    assert intro == f"{len(changes)} update{'s' if len(changes) != 1 else ''} after 1 January 2024, newest first:"
    assert len(items) == len(changes)
    assert all(item.split("\n\n")[-1].startswith(":small[Source: ") for item in items)
    assert items[0].split("\n\n")[:3] == [
        "**11 July 2025 — Closed by the inspectorate** (was in progress)",
        "Test: record crime correctly",
        "*Update:* Test: closed by letter",
    ]
    assert items[-1].startswith("**16 October 2024 — Open** (new item)")
    # Two items raised the same day come in the tracker's order of actions.
    assert [item.split("\n\n")[1] for item in items[-2:]] == ["Test: record crime correctly", "Test: answer calls faster"]
    empty = changes.iloc[0:0]
    assert changes_markdown(empty, since, as_at) == "No updates dated after 1 January 2024 and on or before 1 August 2025."


def test_tracker_lists_the_cause_of_concern_first_then_items_in_the_areas_order_and_counts_an_update_on_the_day(
    use_real_db,
):
    as_at = date(2025, 4, 1)  # the day two items were updated: those updates count
    table = tracker_table(run_query("improvement_tracker", force_id="hertfordshire", cycle_id="2023-25", as_at=as_at), as_at)
    assert list(zip(table["Item"], table["Area"], table["Status"])) == [
        ("Cause of concern", "Recording data about crime", "in progress"),
        ("Area for improvement", "Responding to the public", "open"),
        ("Area for improvement", "Responding to the public", "open"),
        ("Area for improvement", "Investigating crime", "open"),
        ("Area for improvement", "Leadership and force management", "in progress"),
    ]
    assert table["What is to be improved"].iloc[1].startswith("Improve 999 call handling")
    assert table["What is to be improved"].iloc[2].startswith("Attend non-emergency calls")
    assert table["Latest update"].iloc[4] == "1 April 2025"


def test_the_tracker_reads_the_same_as_a_phone_list_a_slide_and_a_table(use_fixture_db):
    from dashboard.holding.model.meeting import tracker_presenter_line, tracker_slide_table
    from dashboard.holding.model.tracker import tracker_as_list

    as_at = date(2025, 3, 15)
    tracker = tracker_as_at(as_at).reset_index()
    assert tracker_as_list(tracker, as_at) == (
        "- **In progress** — Cause of concern, Recording data about crime: Test: record crime correctly  \n"
        "  Target date: 31 March 2025 · Latest update: 15 January 2025\n"
        "- **Evidence submitted** · **Past target date** — Area for improvement, Responding to the public: "
        "Test: answer calls faster  \n  Target date: 28 February 2025 · Latest update: 1 March 2025"
    )
    assert tracker_slide_table(tracker, as_at).split("\n") == [
        "| Area | What is to be improved | Status | Latest update |",
        "|---|---|---|---|",
        "| Recording data about crime | Cause of concern: Test: record crime correctly | **In progress** | 15 January 2025 |",
        "| Responding to the public | Test: answer calls faster | **Evidence submitted (overdue)** | 1 March 2025 |",
    ]
    table = tracker_table(tracker, as_at)
    assert list(table.columns)[:2] == ["Status", "Overdue"] and "Latest update" in table.columns
    assert table["Overdue"].tolist() == ["No", "Overdue"]
    unplaced = tracker.assign(area_name=[None, "Responding to the public"])
    assert "Cause of concern, Not tied to one area: " in tracker_as_list(unplaced, as_at)
    assert "| Not tied to one area |" in tracker_slide_table(unplaced, as_at)
    later = tracker_as_at(date(2025, 8, 1)).reset_index()
    assert "**Sources:** 2 (1 primary, 1 second-hand): " in tracker_presenter_line(later)


def test_the_documents_a_tracker_needs_are_the_findings_list_and_action_plan_not_found_in_that_cycle():
    events = pd.DataFrame(
        {
            "kind": ["findings_list", "action_plan", "action_plan", "fieldwork", "findings_list"],
            "status": ["not found", "not found", "happened", "not found", "not found"],
            "cycle_id": ["2023-25", "2023-25", "2023-25", "2023-25", "2021-22"],
        }
    )
    gaps = tracker_gaps(events, "2023-25")
    assert gaps["kind"].tolist() == ["findings_list", "action_plan"]


def test_the_counts_sentence_agrees_in_number_with_how_many_are_overdue_or_undated(use_fixture_db):
    from dashboard.holding.model.tracker import counts_sentence

    as_at = date(2025, 4, 30)
    tracker = tracker_as_at(as_at).reset_index()
    assert counts_sentence("Herts", tracker, as_at) == (
        "As at 30 April 2025, of 2 items for Herts: 1 in progress, 1 evidence submitted. "
        "2 are past the target date and not closed."
    )
    assert counts_sentence("Herts", tracker.iloc[1:], as_at).endswith(" 1 is past the target date and not closed.")
    undated = pd.concat([tracker, tracker.iloc[:1]], ignore_index=True).assign(target_date=[None, date(2025, 6, 1), None])
    assert counts_sentence("Herts", undated, as_at).endswith(" 2 have no published target date.")
    assert counts_sentence("Herts", undated.iloc[:2], as_at).endswith(" 1 has no published target date.")


def test_the_key_figures_table_and_presenter_line_read_as_published(use_fixture_db):
    from dashboard.holding.model.key_figures import figure_table
    from dashboard.holding.model.meeting import figure_presenter_line

    metrics = ["pct_999_answered_10s", "crime_recording_rate_pct"]
    series = run_query("metric_series_as_at", force_ids=["hertfordshire"], metric_ids=metrics, as_at=date(2024, 8, 1))
    table = figure_table(series)
    assert table.iloc[1][["Period", "Figure", "Margin of error", "Kind of source"]].tolist() == [
        "April 2024", "85.0%", "", "second-hand source"
    ]  # fmt: skip
    assert table.iloc[2][["Figure", "Margin of error", "Kind of source"]].tolist() == ["82.0%", "±1.5 points", "primary source"]
    from dashboard.holding.model.key_figures import figures_summary

    # Measures in the order asked for, each its latest figure; a second-hand one says who reported it.
    assert figures_summary("Herts", series, "999 calls and crime recording") == (
        "We hold 3 figures for Herts on 999 calls and crime recording; the earliest covers November 2023. Latest: "
        "999 calls answered within 10 seconds for Herts: 85.0% (April 2024), below the 90% standard, as reported by "
        "Test Gazette (second-hand). Crime recording rate (all crime) for Herts: 82.0% (December 2023 to June 2024) "
        "(an estimate, ±1.5 percentage points)."
    )
    assert figure_presenter_line(series.iloc[-1], "Share of crimes recorded") == (
        "**What it means:** Share of crimes recorded. **Source of the latest figure:** Test Inspectorate: test "
        "inspection report, published 16 October 2024 (primary source)."
    )


def test_an_item_not_tied_to_an_area_is_tracked_and_listed_last(fixture_data_copy, tmp_path, monkeypatch):
    with (fixture_data_copy / "findings.csv").open("a", encoding="utf-8") as findings:
        findings.write("f4,hertfordshire,2023-25,,area_for_improvement,Test finding with no area,test-news\n")
    with (fixture_data_copy / "improvement_actions.csv").open("a", encoding="utf-8") as actions:
        actions.write("a0,hertfordshire,2023-25,f4,Test: work across areas,open,,,2024-10-16,Test: raised,,test-news\n")
    build_database(fixture_data_copy, tmp_path / "unplaced.duckdb")
    monkeypatch.setenv("DASHBOARD_DB", str(tmp_path / "unplaced.duckdb"))
    as_at = date(2025, 3, 15)
    table = tracker_table(tracker_as_at(as_at).reset_index(), as_at)
    assert table["Area"].tolist() == ["Recording data about crime", "Responding to the public", "Not tied to one area"]


def test_the_counts_sentence_names_the_day_when_nothing_is_held_and_says_when_no_target_date_is_published(use_fixture_db):
    from dashboard.holding.model.tracker import counts_sentence

    as_at = date(2025, 4, 30)
    tracker = tracker_as_at(as_at).reset_index()
    assert counts_sentence("Kent", tracker.iloc[0:0], as_at) == "As at 30 April 2025 we hold no improvement items for Kent."
    undated = tracker.assign(target_date=[None, None])
    assert counts_sentence("Herts", undated, as_at) == (
        "As at 30 April 2025, of 2 items for Herts: 1 in progress, 1 evidence submitted. "
        "No target dates have been published, so we cannot say whether any item is overdue."
    )
    one_undated = tracker.assign(target_date=[None, date(2025, 6, 1)])
    assert counts_sentence("Herts", one_undated, as_at) == (
        "As at 30 April 2025, of 2 items for Herts: 1 in progress, 1 evidence submitted. 1 has no published target date."
    )


def test_the_tracker_page_leads_with_items_furthest_along_first_and_how_many_are_past_their_target(use_fixture_db):
    from dashboard.holding.model.tracker import tracker_lead

    as_at = date(2025, 4, 30)
    tracker = tracker_as_at(as_at).reset_index()
    lead = tracker_lead("Herts", "2023-25", tracker, as_at)
    assert lead == "2 items as at 30 April 2025: 1 evidence submitted, 1 in progress. 2 past their target date."
    assert tracker_lead("Herts", "2023-25", tracker.iloc[1:], as_at).endswith(": 1 evidence submitted. 1 past its target date.")
    undated = tracker.assign(target_date=[None, None])
    assert tracker_lead("Herts", "2023-25", undated, as_at).endswith(". No target dates published.")
    on_time = tracker.assign(target_date=[date(2025, 6, 1), None])
    assert tracker_lead("Herts", "2023-25", on_time, as_at) == (
        "2 items as at 30 April 2025: 1 evidence submitted, 1 in progress."
    )
    assert tracker_lead("Kent", "PEEL 2023-25", tracker.iloc[0:0], as_at) == (
        "No improvement items held for Kent from PEEL 2023-25 as at 30 April 2025."
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "not published"),
        ("", "not published"),
        (pd.NaT, "not published"),
        ("Chief Superintendent, Contact", "Chief Superintendent, Contact"),
        (date(2025, 6, 1), "1 June 2025"),
        (pd.Timestamp("2025-06-01"), "1 June 2025"),
    ],
)
def test_an_owner_or_target_date_reads_as_published_or_says_not_published(value, shown):
    from dashboard.holding.model.tracker import shown_or_not_published

    assert shown_or_not_published(value) == shown


def test_the_tracker_table_has_its_columns_named_for_readers_in_this_order(use_fixture_db):
    as_at = date(2025, 3, 15)
    table = tracker_table(tracker_as_at(as_at).reset_index(), as_at)
    assert list(table.columns) == [
        "Status",
        "Overdue",
        "Item",
        "Area",
        "What is to be improved",
        "Owner",
        "Target date",
        "Latest update",
        "What the update says",
        "Evidence",
        "Source",
    ]
    assert table["What the update says"].tolist()[1] == tracker_as_at(as_at)["update_summary"].tolist()[1]


def test_the_key_figures_summary_takes_each_measures_newest_period_in_any_order_and_an_undated_figure_as_it_is(
    use_fixture_db,
):
    from dashboard.holding.model.key_figures import figure_table, figures_summary

    metrics = ["pct_999_answered_10s", "crime_recording_rate_pct"]
    series = run_query("metric_series_as_at", force_ids=["hertfordshire"], metric_ids=metrics, as_at=date(2024, 8, 1))
    newest_first = series.iloc[::-1]
    summary = figures_summary("Herts", series, "999 calls and crime recording")
    assert (
        figures_summary(
            "Herts", newest_first.sort_values("metric_id", kind="stable", ascending=False), "999 calls and crime recording"
        )
        == summary
    )
    undated = series[series["metric_id"] == "crime_recording_rate_pct"].assign(period_end=None, period_label="undated")
    assert figures_summary("Herts", undated, "crime recording") == (
        "We hold 1 figure for Herts on crime recording. Latest: Crime recording rate (all crime) for Herts: 82.0% "
        "(undated) (an estimate, ±1.5 percentage points)."
    )
    assert list(figure_table(series).columns) == ["Measure", "Period", "Figure", "Margin of error", "Source", "Kind of source"]


def test_of_figures_ending_together_the_summary_names_the_one_the_headline_does_the_one_starting_latest(use_fixture_db):
    from dashboard.holding.model.key_figures import figures_summary

    as_at = date(2024, 8, 1)
    series = run_query("metric_series_as_at", force_ids=["hertfordshire"], metric_ids=["pct_999_answered_10s"], as_at=as_at)
    april = series[series["period_label"] == "April 2024"].iloc[0]
    longer = april.copy()
    longer[["period_label", "period_start", "value"]] = ["January to April 2024", pd.Timestamp(2024, 1, 1), 83.0]
    unstated_start = april.copy()
    unstated_start[["period_label", "period_start", "value"]] = ["Period to April 2024", None, 84.0]
    ending_together = pd.concat([series, longer.to_frame().T, unstated_start.to_frame().T], ignore_index=True)
    headline = run_query("latest_figures_as_at", force_ids=["hertfordshire"], metric_ids=["pct_999_answered_10s"], as_at=as_at)
    assert headline["period_label"].tolist() == ["April 2024"]
    for order in (ending_together, ending_together.iloc[::-1]):
        assert ": 85.0% (April 2024), below the 90% standard" in figures_summary("Herts", order, "999 calls")


def test_one_change_is_one_update_with_its_source(use_fixture_db):
    from dashboard.holding.views import changes_markdown

    since, as_at = date(2025, 7, 1), date(2025, 8, 1)
    changes = run_query("improvement_updates", force_id="hertfordshire", cycle_id="2023-25", since=since, as_at=as_at)
    assert len(changes) == 1
    intro, item = changes_markdown(changes, since, as_at).split("\n\n---\n\n")
    assert intro == "1 update after 1 July 2025, newest first:"
    assert item.split("\n\n")[-1] == (
        ":small[Source: [Test Inspectorate: test inspection report](https://example.org/report), 16 October 2024 · "
        "primary source]"
    )


def test_the_tracker_block_counts_the_chosen_forces_items_in_its_cycle_and_says_nothing_for_a_force_with_none(
    use_fixture_db,
):
    from dashboard.holding.views import tracker_block_view

    block = tracker_block_view("hertfordshire", "Herts", "2023-25", date(2025, 4, 30))
    assert block.counts.startswith("As at 30 April 2025, of 2 items for Herts: 1 in progress, 1 evidence submitted.")
    assert len(block.table) == 2
    assert tracker_block_view("kent", "Kent", "2023-25", date(2025, 4, 30)) is None
    assert tracker_block_view("hertfordshire", "Herts", "2021-22", date(2025, 4, 30)) is None


def test_the_999_slide_explains_the_measure_in_its_own_definition(use_fixture_db):
    from dashboard.holding.views import step_view

    step = step_view("hertfordshire", "Hertfordshire Constabulary", "Hertfordshire", 2, date(2025, 8, 1), False)
    assert step.presenter.startswith("**What it means:** Share of 999 calls answered within 10 seconds. **Source of")


def test_the_tracker_page_view_is_the_chosen_forces_cycle_on_the_dates_asked(use_fixture_db):
    from dashboard.holding.views import tracker_view

    view = tracker_view("hertfordshire", "Herts", "2023-25", date(2025, 4, 30), date(2025, 1, 1))
    assert view.lead.startswith("2 items as at 30 April 2025: 1 evidence submitted, 1 in progress.")
    assert view.block.counts.startswith("As at 30 April 2025, of 2 items for Herts:")
    assert view.changes.startswith("2 updates after 1 January 2025, newest first:")
    assert view.not_found.startswith("**Not found: test action plan.**")
    kent = tracker_view("kent", "Kent", "2023-25", date(2025, 4, 30), date(2025, 1, 1))
    assert kent.block is None and kent.lead.startswith("No improvement items held for Kent from ")

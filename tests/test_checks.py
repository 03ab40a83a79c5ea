"""Rules across rows (dashboard/store/checks.py): each bad row is named by file, row and column with what to fix."""

from __future__ import annotations

from datetime import date

from dashboard.store.checks import check_actions, check_events, label_observations
from dashboard.store.tables import Problem


def observation(row: int, period_start, period_end, label=None, force="essex", metric="m") -> dict:
    return {
        "_row": row,
        "force_id": force,
        "metric_id": metric,
        "period_start": period_start,
        "period_end": period_end,
        "period_label": label,
    }


def test_a_period_label_is_written_from_its_dates_when_missing_and_kept_when_given():
    rows = [
        observation(2, date(2024, 4, 1), date(2024, 4, 30)),
        observation(3, date(2024, 4, 1), date(2024, 4, 30), label="Spring", metric="n"),
    ]
    assert label_observations(rows, "obs.csv") == []
    assert rows[0]["period_label"] == "April 2024"
    assert rows[1]["period_label"] == "Spring"


def test_a_period_ending_before_it_starts_is_named():
    rows = [observation(2, date(2024, 5, 1), date(2024, 4, 30), label="x")]
    assert label_observations(rows, "obs.csv") == [Problem("obs.csv", 2, "period_end", "the period ends before it starts")]


def test_a_one_day_period_is_allowed():
    assert label_observations([observation(2, date(2024, 4, 1), date(2024, 4, 1), label="x")], "obs.csv") == []


def test_the_same_place_measure_and_period_twice_names_both_rows():
    rows = [
        observation(2, date(2024, 4, 1), date(2024, 4, 30)),
        observation(3, date(2024, 4, 1), date(2024, 4, 30), force="kent"),
        observation(5, date(2024, 4, 1), date(2024, 4, 30)),
        observation(6, None, None, label="April 2024"),
    ]
    problems = label_observations(rows, "obs.csv")
    message = "duplicate of row 2: essex, m, April 2024 appears twice"
    assert problems == [Problem("obs.csv", 5, "period_label", message), Problem("obs.csv", 6, "period_label", message)]


def event(row: int, status="confirmed", event_date=date(2024, 10, 16), precision="day", end=None) -> dict:
    return {"_row": row, "status": status, "event_date": event_date, "date_precision": precision, "end_date": end}


def test_a_dated_event_with_its_precision_and_a_later_end_is_fine():
    assert check_events([event(2), event(3, end=date(2024, 10, 16)), event(4, end=date(2024, 11, 1))]) == []
    assert check_events([event(2, status="not found", event_date=None, precision=None)]) == []


def test_each_broken_event_rule_names_its_row_and_column():
    problems = check_events(
        [
            event(2, status="not found"),
            event(3, event_date=None, precision=None),
            event(4, precision=None),
            event(5, status="not found", event_date=None, precision="day"),
            event(6, end=date(2024, 10, 15)),
            event(7, status="not found", event_date=None, precision=None, end=date(2024, 1, 1)),
        ],
        "t.csv",
    )
    assert problems == [
        Problem("t.csv", 2, "event_date", "a 'not found' event has no date"),
        Problem("t.csv", 3, "event_date", "give the date, or set status to 'not found'"),
        Problem("t.csv", 4, "date_precision", "give 'day' or 'month' exactly when there is a date"),
        Problem("t.csv", 5, "date_precision", "give 'day' or 'month' exactly when there is a date"),
        Problem("t.csv", 6, "end_date", "the end date needs a start date on or before it"),
        Problem("t.csv", 7, "end_date", "the end date needs a start date on or before it"),
    ]


def test_the_default_file_names_are_the_curated_files():
    assert check_events([event(2, status="not found")])[0].file == "data/timeline_events.csv"
    assert check_actions({"improvement_action": [action(2, force="kent"), action(3)]})[0].file == "data/improvement_actions.csv"


def action(row: int, action_id="a1", force="essex", cycle="2023-25", finding="f1", url=None) -> dict:
    return {
        "_row": row,
        "action_id": action_id,
        "force_id": force,
        "cycle_id": cycle,
        "finding_id": finding,
        "evidence_url": url,
    }


def finding(finding_id="f1", force="essex", cycle="2023-25", kind="cause_of_concern") -> dict:
    return {"finding_id": finding_id, "force_id": force, "cycle_id": cycle, "kind": kind}


def test_updates_of_one_action_answering_its_own_forces_finding_are_fine():
    loaded = {
        "finding": [finding(), finding("f2", kind="area_for_improvement")],
        "improvement_action": [action(2, url="https://a"), action(3, url="http://b"), action(4, "a2", finding="f2")],
    }
    assert check_actions(loaded, "a.csv") == []
    assert check_actions({}, "a.csv") == []


def test_an_update_that_changes_its_actions_force_cycle_or_finding_is_named():
    loaded = {
        "finding": [finding(), finding("f2")],
        "improvement_action": [action(2), action(5, force="kent", cycle="2021-22", finding="f2")],
    }
    problems = check_actions(loaded, "a.csv")
    assert [(p.row, p.column) for p in problems[:3]] == [(5, "force_id"), (5, "cycle_id"), (5, "finding_id")]
    assert problems[0].message == ("action a1 has force_id 'essex' in row 2; every update of an action must keep the same value")


def test_an_action_on_another_forces_finding_or_on_innovative_practice_is_named():
    loaded = {
        "finding": [finding(force="kent"), finding("f3", kind="innovative_practice")],
        "improvement_action": [action(2), action(3, "a3", finding="f3"), action(4, "a4", finding="unknown")],
    }
    assert check_actions(loaded, "a.csv") == [
        Problem("a.csv", 2, "finding_id", "finding f1 belongs to kent 2023-25, not essex 2023-25"),
        Problem(
            "a.csv",
            3,
            "finding_id",
            "finding f3 is innovative practice; only causes of concern and areas for improvement are tracked",
        ),
    ]


def test_every_problem_with_an_action_names_the_file():
    loaded = {"finding": [finding(force="kent")], "improvement_action": [action(2), action(3, force="kent")]}
    assert {p.file for p in check_actions(loaded, "a.csv")} == {"a.csv"}
    assert len(check_actions(loaded, "a.csv")) == 2

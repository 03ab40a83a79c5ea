"""Rules across rows of the curated files that one column's type cannot express, run by every build and load.

Kept in the data layer because the build and the importers both need them; the pages' own rules on
statuses and dates (dashboard/holding/model/tracker.py, dashboard/holding/model/timeline.py) build on the same constants.
"""

from __future__ import annotations

from typing import Any

from dashboard.store.periods import describe_period
from dashboard.store.tables import Problem

TIMELINE_FILE = "data/timeline_events.csv"
TRACKER_FILE = "data/improvement_actions.csv"
NOT_FOUND = "not found"
FINDING_KINDS = {"cause_of_concern": "Cause of concern", "area_for_improvement": "Area for improvement"}


def label_observations(rows: list[dict[str, Any]], file_name: str) -> list[Problem]:
    """Fill in period labels from dates and check each place × metric × period appears once."""
    problems, seen = [], {}
    for row in rows:
        if row.get("period_start") and row.get("period_end") and row["period_start"] > row["period_end"]:
            problems.append(Problem(file_name, row["_row"], "period_end", "the period ends before it starts"))
        if not row.get("period_label"):
            row["period_label"] = describe_period(row.get("period_start"), row.get("period_end"))
        key = (row["force_id"], row["metric_id"], row["period_label"])
        if key in seen:
            problems.append(
                Problem(
                    file_name,
                    row["_row"],
                    "period_label",
                    f"duplicate of row {seen[key]}: {key[0]}, {key[1]}, {key[2]} appears twice",
                )
            )
        else:
            seen[key] = row["_row"]
    return problems


def check_events(rows: list[dict[str, Any]], file_name: str = TIMELINE_FILE) -> list[Problem]:
    """A dated event needs its precision; a 'not found' event has no date; a span ends after it starts."""
    problems = []
    for row in rows:
        line, dated = row["_row"], row["event_date"] is not None
        if (row["status"] == NOT_FOUND) == dated:
            message = "a 'not found' event has no date" if dated else "give the date, or set status to 'not found'"
            problems.append(Problem(file_name, line, "event_date", message))
        if dated != (row["date_precision"] is not None):
            problems.append(Problem(file_name, line, "date_precision", "give 'day' or 'month' exactly when there is a date"))
        if row["end_date"] is not None and (not dated or row["end_date"] < row["event_date"]):
            problems.append(Problem(file_name, line, "end_date", "the end date needs a start date on or before it"))
    return problems


def check_actions(loaded: dict[str, list[dict[str, Any]]], file_name: str = TRACKER_FILE) -> list[Problem]:
    """Rules one row cannot show: an action keeps one force, cycle and finding, and answers a finding of its own force."""
    findings = {row["finding_id"]: row for row in loaded.get("finding", [])}
    first: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    for row in loaded.get("improvement_action", []):
        earlier = first.setdefault(row["action_id"], row)
        for column in ("force_id", "cycle_id", "finding_id"):
            if row[column] != earlier[column]:
                problems.append(
                    Problem(
                        file_name,
                        row["_row"],
                        column,
                        f"action {row['action_id']} has {column} '{earlier[column]}' in row {earlier['_row']}; "
                        "every update of an action must keep the same value",
                    )
                )
        finding = findings.get(row["finding_id"])
        if finding is not None:
            if (finding["force_id"], finding["cycle_id"]) != (row["force_id"], row["cycle_id"]):
                problems.append(
                    Problem(
                        file_name,
                        row["_row"],
                        "finding_id",
                        f"finding {row['finding_id']} belongs to {finding['force_id']} {finding['cycle_id']}, "
                        f"not {row['force_id']} {row['cycle_id']}",
                    )
                )
            if finding["kind"] not in FINDING_KINDS:
                problems.append(
                    Problem(
                        file_name,
                        row["_row"],
                        "finding_id",
                        f"finding {row['finding_id']} is {finding['kind'].replace('_', ' ')}; "
                        "only causes of concern and areas for improvement are tracked",
                    )
                )
    return problems

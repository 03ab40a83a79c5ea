"""The improvement tracker's rules: statuses, counts, overdue items, and the checks on the tracker file.

The file holds one row per update to an action, so the status on any past date is the latest
update on or before that date; the queries pick that row, these functions judge it.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.common.wording import as_date, format_date, is_missing
from dashboard.store.checks import FINDING_KINDS

STATUSES = ("open", "in progress", "evidence submitted", "closed by the inspectorate")
CLOSED = "closed by the inspectorate"
NOT_PUBLISHED = "not published"


def is_overdue(target_date: object, status: str, as_at: date) -> bool:
    """Past its target date on the as-at date and not yet closed by the inspectorate."""
    target = as_date(target_date)
    return target is not None and target < as_at and status != CLOSED


def overdue_flags(tracker: pd.DataFrame, as_at: date) -> pd.Series:
    """One True/False per tracker row (an empty tracker gives an empty series)."""
    return pd.Series(
        [is_overdue(t, s, as_at) for t, s in zip(tracker["target_date"], tracker["status"])], index=tracker.index, dtype=bool
    )


def count_by_status(tracker: pd.DataFrame) -> dict[str, int]:
    """How many items stand at each status, every status listed (zeros included), in workflow order."""
    counts = tracker["status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in STATUSES}


def counts_sentence(force_name: str, tracker: pd.DataFrame, as_at: date) -> str:
    """'As at 31 March 2025, of 5 items for Hertfordshire Constabulary: 3 open, 2 in progress. None is overdue …'"""
    if tracker.empty:
        return f"As at {format_date(as_at)} we hold no improvement items for {force_name}."
    counts = count_by_status(tracker)
    parts = [f"{n} {status}" for status, n in counts.items() if n]
    overdue = int(overdue_flags(tracker, as_at).sum())
    undated = int(tracker["target_date"].isna().sum())
    sentence = f"As at {format_date(as_at)}, of {len(tracker)} items for {force_name}: {', '.join(parts)}."
    if overdue:
        sentence += f" {overdue} {'is' if overdue == 1 else 'are'} past the target date and not closed."
    if undated == len(tracker):
        sentence += " No target dates have been published, so we cannot say whether any item is overdue."
    elif undated:
        sentence += f" {undated} {'has' if undated == 1 else 'have'} no published target date."
    return sentence


def shown_or_not_published(value: object) -> str:
    """Owner and target date are often unpublished: say so rather than leave a blank."""
    if is_missing(value) or value == "":
        return NOT_PUBLISHED
    if isinstance(value, (date, pd.Timestamp)):
        return format_date(value)
    return str(value)


def tracker_table(tracker: pd.DataFrame, as_at: date) -> pd.DataFrame:
    """The tracker as residents and the Panel read it: words, not codes; gaps said out loud."""
    return pd.DataFrame(
        {
            "Item": tracker["finding_kind"].map(FINDING_KINDS).fillna(tracker["finding_kind"]),
            "Area": tracker["area_name"].fillna("Not tied to one area"),
            "What is to be improved": tracker["item"],
            "Status": tracker["status"],
            "Overdue": overdue_flags(tracker, as_at).map({True: "Overdue", False: "No"}),
            "Owner": tracker["owner"].map(shown_or_not_published),
            "Target date": tracker["target_date"].map(shown_or_not_published),
            "Latest update": tracker["update_date"].map(format_date),
            "What the update says": tracker["update_summary"],
            "Evidence": tracker["evidence_url"],
            "Source": tracker["source_publisher"] + ": " + tracker["source_title"],
        }
    )


def tracker_gaps(events: pd.DataFrame, cycle_id: str) -> pd.DataFrame:
    """The documents a complete tracker needs that were looked for and not found: the list of findings and the action plan."""
    wanted = events["kind"].isin(("findings_list", "action_plan")) & (events["status"] == "not found")
    return events[wanted & (events["cycle_id"] == cycle_id)]

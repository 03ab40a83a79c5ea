"""The improvement tracker's rules: statuses, counts, overdue items, and the checks on the tracker file.

The file holds one row per update to an action, so the status on any past date is the latest
update on or before that date; the queries pick that row, these functions judge it.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.common.escape import Markdown, markdown, markdown_join
from dashboard.common.wording import as_date, citations, counted, format_date, is_missing
from dashboard.store.checks import FINDING_KINDS
from dashboard.store.web_address import checked_url

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


def status_counts(tracker: pd.DataFrame, furthest_first: bool = False) -> str:
    """'3 open, 1 in progress, 1 closed by the inspectorate' (workflow order), or furthest along first; no zeros."""
    counts = count_by_status(tracker)
    order = reversed(STATUSES) if furthest_first else STATUSES
    return ", ".join(f"{counts[status]} {status}" for status in order if counts[status])


def counts_sentence(force_name: str, tracker: pd.DataFrame, as_at: date) -> str:
    """'As at 31 March 2025, of 5 items for Hertfordshire Constabulary: 3 open, 2 in progress. None is overdue …'"""
    if tracker.empty:
        return f"As at {format_date(as_at)} we hold no improvement items for {force_name}."
    overdue = int(overdue_flags(tracker, as_at).sum())
    undated = int(tracker["target_date"].isna().sum())
    sentence = f"As at {format_date(as_at)}, of {counted(len(tracker), 'item')} for {force_name}: {status_counts(tracker)}."
    if overdue:
        sentence += f" {overdue} {'is' if overdue == 1 else 'are'} past the target date and not closed."
    if undated == len(tracker):
        sentence += " No target dates have been published, so we cannot say whether any item is overdue."
    elif undated:
        sentence += f" {undated} {'has' if undated == 1 else 'have'} no published target date."
    return sentence


def status_before(previous_status: object) -> str:
    """How an update's status stood before it: 'new item', or 'was open' (queries/improvement_updates.sql's
    previous_status). The pack's list of changes and the feeds word it the same way."""
    return "new item" if is_missing(previous_status) else f"was {previous_status}"


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
            # Status first: where the table is narrower than the screen, the column read first is never scrolled away.
            "Status": tracker["status"],
            "Overdue": overdue_flags(tracker, as_at).map({True: "Overdue", False: "No"}),
            "Item": tracker["finding_kind"].map(FINDING_KINDS).fillna(tracker["finding_kind"]),
            "Area": tracker["area_name"].fillna("Not tied to one area"),
            "What is to be improved": tracker["item"],
            "Owner": tracker["owner"].map(shown_or_not_published),
            "Target date": tracker["target_date"].map(shown_or_not_published),
            "Latest update": tracker["update_date"].map(format_date),
            "What the update says": tracker["update_summary"],
            # A link column: only addresses that may be linked to; anything else is left out, never made a link.
            "Evidence": tracker["evidence_url"].map(checked_url),
            "Source": citations(tracker),
        }
    )


def tracker_gaps(events: pd.DataFrame, cycle_id: str) -> pd.DataFrame:
    """The documents a complete tracker needs that were looked for and not found: the list of findings and the action plan."""
    wanted = events["kind"].isin(("findings_list", "action_plan")) & (events["status"] == "not found")
    return events[wanted & (events["cycle_id"] == cycle_id)]


def tracker_lead(force_name: str, cycle_name: str, tracker: pd.DataFrame, as_at: date) -> str:
    """The page's answer: items by status, furthest along first, and how many are past their target date.

    '5 items as at 2 December 2026: 1 closed by the inspectorate, 1 in progress, 3 open. None past its target date.'
    """
    if tracker.empty:
        return f"No improvement items held for {force_name} from {cycle_name} as at {format_date(as_at)}."
    text = f"{counted(len(tracker), 'item')} as at {format_date(as_at)}: {status_counts(tracker, furthest_first=True)}."
    overdue = int(overdue_flags(tracker, as_at).sum())
    if overdue:
        text += f" {overdue} past {'its' if overdue == 1 else 'their'} target date."
    elif tracker["target_date"].isna().all():
        text += " No target dates published."
    return text


def tracker_as_list(tracker: pd.DataFrame, as_at: date) -> Markdown:
    """The tracker as one markdown list, status first, for a phone: a wide table hides its Status column there."""
    overdue = overdue_flags(tracker, as_at)
    items = []
    for (_, row), late in zip(tracker.iterrows(), overdue):
        kind = FINDING_KINDS.get(row["finding_kind"], row["finding_kind"])
        area = row["area_name"] if not is_missing(row["area_name"]) else "Not tied to one area"
        status = markdown("**{}**" + (" · **Past target date**" if late else ""), row["status"][:1].upper() + row["status"][1:])
        items.append(
            markdown(
                "- {} — {}, {}: {}  \n  Target date: {} · Latest update: {}",
                status,
                kind,
                area,
                row["item"],
                shown_or_not_published(row["target_date"]),
                format_date(row["update_date"]),
            )
        )
    return markdown_join(items, "\n")

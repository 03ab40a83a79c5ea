"""Meeting mode: the agenda, the step in the URL, one plain headline per step, and the large-type style.

Pure functions apart from `use_meeting_style`; the Streamlit rendering of each step lives in
dashboard/holding/blocks.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

import pandas as pd

from dashboard.common.escape import Markdown, markdown, markdown_join
from dashboard.common.scale import GRADE_ORDER
from dashboard.common.wording import (
    citation,
    compare_with_standard,
    counted,
    format_date,
    format_value,
    is_missing,
    last_given,
    lower_first,
    tier_label,
)
from dashboard.holding.model.tracker import CLOSED, is_overdue, status_counts

MEETING = "meeting"
CALLS_METRICS = ("pct_999_answered_10s",)
RECORDING_METRICS = ("crime_recording_rate_pct", "crime_recording_rate_violence_pct")
RECORDING_AREA = "crime-recording"


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    label: str  # the step's button: short, since Streamlit prints the key hint after it ("Grades 1")


AGENDA = (
    Step("grades", "Inspection grades", "Grades"),
    Step("calls", "999 calls", "999 calls"),
    Step("recording", "Crime recording", "Recording"),
    Step("tracker", "Improvement tracker", "Tracker"),
)

# Keyboard: arrows move one step, a number jumps to that step, Escape leaves meeting mode (Streamlit button
# shortcuts, 1.67). Streamlit prints each key after the button's label, so labels carry no arrows or numbers.
NEXT_KEY, PREVIOUS_KEY, LEAVE_KEY = "Right", "Left", "Escape"


def is_meeting_mode(value: object) -> bool:
    return value == MEETING


def parse_step(value: object, count: int = len(AGENDA)) -> tuple[int, str | None]:
    """The 1-based step from ?step=, else 1 with a plain notice."""
    value = last_given(value)
    if value is None or value == "":
        return 1, None
    text = str(value).strip()
    if text.isdigit() and 1 <= int(text) <= count:
        return int(text), None
    return 1, f"The agenda has steps 1 to {count}, so we start at step 1."


def view_link(base_url: str | None, force_id: str, as_at: date, step: int, meeting: bool = True) -> str:
    """The address that reopens exactly this view: force, 'data as at' date, step, meeting mode."""
    params = {"force": force_id, "as_at": as_at.isoformat(), "step": str(step)}
    if meeting:
        params = {"mode": MEETING, **params}
    base = (base_url or "").rstrip("/")
    if not base.endswith("/meeting"):
        base = f"{base}/meeting" if base else "meeting"
    return f"{base}?{urlencode(params)}"


def source_line(row: pd.Series) -> str:
    """'HMICFRS: “Title”, published 11 July 2025 (primary source)', or the publisher and our description of the page,
    unquoted: publisher, title, date, kind of source."""
    published = row.get("source_published")
    when = "date of publication not recorded" if is_missing(published) else f"published {format_date(published)}"
    cited = citation(row["source_publisher"], row["source_title"], row.get("source_title_kind"))
    return f"{cited}, {when} ({tier_label(row['source_tier'])})"


GRADES_MEANING = (
    "The inspectorate grades each area of policing from Outstanding to Inadequate; a cause of concern is its most "
    "serious finding, and grades are not comparable with earlier cycles."
)


def figure_presenter_line(latest: pd.Series, definition: str) -> Markdown:
    """What the latest figure means and where it comes from, for the presenter to read out."""
    return markdown("**What it means:** {}. **Source of the latest figure:** {}.", definition, source_line(latest))


def tracker_slide_table(tracker: pd.DataFrame, as_at: date) -> Markdown:
    """The tracker as one compact markdown table that wraps its text (no column is cut off on a projector); each cell
    is escaped (md), so a '|' or a line break in the data is text, not a new cell or row."""
    rows = [Markdown("| Area | What is to be improved | Status | Latest update |"), Markdown("|---|---|---|---|")]
    for _, item in tracker.iterrows():
        kind = "Cause of concern: " if item["finding_kind"] == "cause_of_concern" else ""
        area = item["area_name"] if isinstance(item["area_name"], str) else "Not tied to one area"
        status = item["status"].capitalize() + (" (overdue)" if is_overdue(item["target_date"], item["status"], as_at) else "")
        rows.append(markdown("| {} | {} | **{}** | {} |", area, kind + item["item"], status, format_date(item["update_date"])))
    return markdown_join(rows, "\n")


def tracker_presenter_line(tracker: pd.DataFrame) -> Markdown:
    """Where the statuses come from: each item's latest published update, with how many sources are primary."""
    sources = tracker.drop_duplicates(["source_publisher", "source_title"])
    primary = int((sources["source_tier"] == "primary").sum())
    return markdown(
        "**What it means:** each item's status is the one its latest published update gives; owners and target dates "
        "are not published. **Sources:** {}",
        f"{len(sources)} ({primary} primary, {len(sources) - primary} second-hand): "
        + "; ".join(source_line(row) for _, row in sources.iterrows())
        + ".",
    )


def _areas(names: list[str], limit: int = 2) -> str:
    names = [lower_first(n) for n in names]
    if len(names) <= limit:
        return " and ".join(names)
    others = len(names) - limit
    return f"{', '.join(names[:limit])} and {counted(others, 'other area')}"


def grades_headline(force_short: str, cycle_name: str, grades: pd.DataFrame, as_at: date) -> str:
    """'Hertfordshire: Inadequate for recording data about crime; Good for preventing crime (PEEL 2023-25).'"""
    known = grades[grades["grade"].isin(GRADE_ORDER)]
    if known.empty:
        if (grades["grade"] == "Not yet published").any():
            return f"{force_short}'s {cycle_name} grades had not been published by {format_date(as_at)}"
        return f"We hold no {cycle_name} grades for {force_short}"
    present = [g for g in GRADE_ORDER if g in set(known["grade"])]
    worst, best = present[-1], present[0]
    worst_areas = known.loc[known["grade"] == worst, "area_short_name"].tolist()
    if worst == best:
        return f"{force_short}: {worst} in all {len(worst_areas)} graded areas ({cycle_name})"
    best_areas = known.loc[known["grade"] == best, "area_short_name"].tolist()
    return f"{force_short}: {worst} for {_areas(worst_areas)}; {best} for {_areas(best_areas)} ({cycle_name})"


def figure_headline(force_short: str, latest: pd.Series | None, what: str, as_at: date) -> str:
    """'87.4% of 999 calls answered within 10 seconds (April 2024), below the 90% standard.'"""
    if latest is None:
        return f"No published figure for {force_short} on {what} as at {format_date(as_at)}"
    value = format_value(latest["value"], latest["unit"])
    standard = compare_with_standard(latest["value"], latest["standard_value"], latest["higher_is_better"], latest["unit"])
    name = lower_first(latest["metric_name"])
    text = f"{force_short}: {value} — {name}, {latest['period_label']}"
    return text + (f", {standard}" if standard else "")


def recording_cause_of_concern(tracker: pd.DataFrame) -> pd.Series | None:
    """The tracked cause of concern about recording data about crime, if there is one."""
    causes = tracker[(tracker["finding_kind"] == "cause_of_concern") & (tracker["area_id"] == RECORDING_AREA)]
    return None if causes.empty else causes.iloc[0]


def recording_headline(force_short: str, cause: pd.Series | None, latest: pd.Series | None, as_at: date) -> str:
    """Where the crime-recording cause of concern stood on the as-at date, else the latest recording figure."""
    if cause is not None:
        when = format_date(cause["update_date"])
        if cause["status"] == CLOSED:
            return f"{force_short}: the cause of concern on crime recording was closed by the inspectorate on {when}"
        return f"{force_short}: the cause of concern on crime recording is {cause['status']} (last update {when})"
    return figure_headline(force_short, latest, "crime recording", as_at)


def tracker_headline(force_short: str, tracker: pd.DataFrame, as_at: date) -> str:
    """'Hertfordshire: 5 items tracked — 1 closed by the inspectorate, 1 in progress, 3 open.'"""
    if tracker.empty:
        return f"{force_short}: no improvement items held as at {format_date(as_at)}"
    return f"{force_short}: {counted(len(tracker), 'item')} tracked — {status_counts(tracker, furthest_first=True)}"

"""The inspection timeline: checks on its file, how each event's date is written, and its chart.

Events that were looked for and not found carry no date, by design: they are listed, never placed.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.common.wording import as_date, citations, format_date, lower_first
from dashboard.store.checks import NOT_FOUND

STATUS_WORDS = {"happened": "Happened", "scheduled": "Scheduled (no record of what was said was found)", NOT_FOUND: "Not found"}


def event_when(event: pd.Series) -> str:
    """'16 October 2024', 'December 2023 to June 2024', or 'Not found'."""
    start, end = as_date(event["event_date"]), as_date(event["end_date"])
    if start is None:
        return "Not found"
    if event["date_precision"] == "month":
        text = f"{start:%B %Y}"
        return f"{text} to {end:%B %Y}" if end is not None and (end.year, end.month) != (start.year, start.month) else text
    text = format_date(start)
    return f"{text} to {format_date(end)}" if end is not None and end != start else text


def timeline_table(events: pd.DataFrame) -> pd.DataFrame:
    """Every event in date order, then those not found, in words."""
    return pd.DataFrame(
        {
            "When": events.apply(event_when, axis=1) if not events.empty else pd.Series(dtype=str),
            "What": events["title"],
            "Status": events["status"].map(STATUS_WORDS),
            "Detail": events["detail"],
            "Source": citations(events),
            "Kind of source": events["source_tier"].map({"primary": "primary source", "secondary": "second-hand source"}),
        }
    )


def timeline_summary(force_name: str, events: pd.DataFrame, as_at: date) -> str:
    """The chart's text alternative: first and last dated events, and what was not found."""
    dated = events.dropna(subset=["event_date"])
    missing = events[events["status"] == NOT_FOUND]
    if dated.empty:
        text = f"As at {format_date(as_at)} we hold no dated inspection events for {force_name}."
    else:
        first, last = dated.iloc[0], dated.iloc[-1]
        text = (
            f"As at {format_date(as_at)}, {len(dated)} dated events for {force_name}, from "
            f"{lower_first(first['title'])} ({event_when(first)}) to {lower_first(last['title'])} ({event_when(last)})."
        )
    if not missing.empty:
        text += (
            " Not found in any source we reviewed, so not placed on the chart: "
            + "; ".join(missing["title"].map(lower_first))
            + "."
        )
    return text


def timeline_lead(force_name: str, events: pd.DataFrame, as_at: date) -> str:
    """The page's answer: the latest dated event as at the chosen date, and how many expected documents were not found.

    'Latest, as at 2 December 2026: the inspectorate closed the cause of concern on crime recording (12 March 2025).'
    """
    dated = events.dropna(subset=["event_date"])
    missing = int((events["status"] == NOT_FOUND).sum())
    if dated.empty:
        text = f"As at {format_date(as_at)} we hold no dated inspection events for {force_name}."
    else:
        last = dated.iloc[-1]
        scheduled = " (scheduled; no record of what was said was found)" if last["status"] == "scheduled" else ""
        text = f"Latest, as at {format_date(as_at)}: {lower_first(last['title'])} ({event_when(last)}){scheduled}."
    if missing:
        text += f" {missing} expected document{'s' if missing != 1 else ''} or event{'s' if missing != 1 else ''} not found."
    return text

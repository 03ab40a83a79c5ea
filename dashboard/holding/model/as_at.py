"""Dates in the address: 'data as at' (?as_at=) and 'changed since' (?since=), read politely.

A date in the URL fixes what a page shows, so a link in a meeting's minutes reopens exactly
what the meeting saw. A value that is not a date falls back with a plain notice, never an error.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from dashboard.common.wording import format_date, last_given, readable_echo

EARLIEST = date(2010, 1, 1)


@dataclass(frozen=True)
class DateChoice:
    value: date
    notice: str | None = None  # shown when the URL's value could not be used


def parse_date(value: object, default: date, latest: date, earliest: date = EARLIEST, what: str = "date") -> DateChoice:
    """An ISO date (YYYY-MM-DD) between earliest and latest, else the default with a notice saying why."""
    value = last_given(value)
    if value is None or value == "":
        return DateChoice(default)
    text = str(value).strip()
    try:
        parsed = date.fromisoformat(text[:10]) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        parsed = None
    if parsed is None:
        return DateChoice(
            default, f"“{readable_echo(text)}” is not a date we can read (use YYYY-MM-DD), so we show {what} {default:%-d %B %Y}."
        )
    if parsed > latest:
        return DateChoice(latest, f"{parsed:%-d %B %Y} is in the future, so we show {what} {latest:%-d %B %Y}.")
    if parsed < earliest:
        return DateChoice(earliest, f"We hold nothing before {earliest:%-d %B %Y}, so we show {what} {earliest:%-d %B %Y}.")
    return DateChoice(parsed)


def months_before(day: date, months: int) -> date:
    """The same day some months earlier (the month's last day where it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for candidate in range(day.day, 27, -1):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    return date(year, month, min(day.day, 28))


def last_change(day: date, change_days: Sequence[date]) -> date:
    """The latest of the sorted change days on or before `day` (EARLIEST when there is none, never later than `day`).

    What an "as at" view shows changes only on a change day (queries/change_days.sql), so the view as at this
    day and as at `day` are the same; the same holds for a "since" day.
    """
    floor = min(day, EARLIEST)
    index = bisect_right(change_days, day)
    return max(change_days[index - 1], floor) if index else floor


def snapped_note(asked_as_at: date, as_at: date, asked_since: date, since: date) -> str | None:
    """Says which dates the pack uses where they differ from those asked for, and that its contents are the same."""
    parts = []
    if as_at != asked_as_at:
        parts.append(
            f"Nothing the pack holds changed between {format_date(as_at)} and {format_date(asked_as_at)}, so it is made "
            f"as at {format_date(as_at)}, the last day its data changed: its contents are the same as for "
            f"{format_date(asked_as_at)}."
        )
    if since != asked_since:
        parts.append(
            f"Changes are counted since {format_date(since)}: nothing the pack holds is dated between that day and "
            f"{format_date(asked_since)}, so the list is the same."
        )
    return " ".join(parts) or None

"""Dates in the address: 'data as at' (?as_at=) and 'changed since' (?since=), read politely.

A date in the URL fixes what a page shows, so a link in a meeting's minutes reopens exactly
what the meeting saw. A value that is not a date falls back with a plain notice, never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dashboard.common.wording import readable_echo

EARLIEST = date(2010, 1, 1)


@dataclass(frozen=True)
class DateChoice:
    value: date
    notice: str | None = None  # shown when the URL's value could not be used


def parse_date(value: object, default: date, latest: date, earliest: date = EARLIEST, what: str = "date") -> DateChoice:
    """An ISO date (YYYY-MM-DD) between earliest and latest, else the default with a notice saying why."""
    if isinstance(value, list):  # ?as_at=a&as_at=b
        value = value[-1] if value else None
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

"""Dates in the address: 'data as at' (?as_at=) and 'changed since' (?since=), read politely.

A date in the URL fixes what a page shows, so a link in a meeting's minutes reopens exactly
what the meeting saw. A value that is not a date falls back with a plain notice, never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import streamlit as st

from dashboard.common.wording import readable_echo
from dashboard.web.url import keep_param

EARLIEST = date(2010, 1, 1)
# Static style only: Streamlit's date field draws day, month and year as small adjacent targets; give each
# at least 24 by 24 pixels so they meet WCAG 2.2 target size (2.5.8) on a phone.
DATE_FIELD_CSS = """
<style>
[data-testid="stDateInput"] [role="spinbutton"] {
  display: inline-block; min-width: 24px; min-height: 24px; line-height: 24px; text-align: center; padding: 0 2px;
}
</style>
"""


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


def as_at_from_url(today: date | None = None) -> DateChoice:
    """The 'data as at' date in the URL, else today; written back so that every link carries it."""
    today = today or date.today()
    choice = parse_date(st.query_params.get_all("as_at"), today, today, what="data as at")
    keep_param("as_at", choice.value.isoformat())
    return choice


def date_picker(param: str, label: str, choice: DateChoice, latest: date, help: str, style: bool = True) -> date:
    """A date input bound to ?<param>=: the URL wins on load, the visitor's pick is written back."""
    if choice.notice:
        st.info(choice.notice, icon=":material/info:")
    if style:  # the style applies to every date field on the page, so one copy is enough
        st.html(DATE_FIELD_CSS)
    # No widget key: the value follows the URL, so a shared link or the back button always wins.
    picked = st.date_input(label, value=choice.value, min_value=EARLIEST, max_value=latest, format="DD/MM/YYYY", help=help)
    if not isinstance(picked, date):  # cleared by the visitor: keep what the URL said
        picked = choice.value
    keep_param(param, picked.isoformat())
    return picked


def as_at_picker(today: date | None = None) -> date:
    """The 'data as at' chooser: nothing dated after it is shown."""
    today = today or date.today()
    choice = parse_date(st.query_params.get_all("as_at"), today, today, what="data as at")
    return date_picker(
        "as_at",
        "Data as at",
        choice,
        today,
        "Grades published after this date, figures for periods ending after it, and tracker updates and timeline "
        "events dated after it are left out. "
        "The date is kept in the page address, so a link in the minutes reopens exactly this view.",
    )


def since_picker(as_at: date) -> date:
    """The 'what changed since' chooser; three months before the as-at date unless the URL says otherwise.

    Always shown after as_at_picker, whose style block already covers this field.
    """
    choice = parse_date(st.query_params.get_all("since"), months_before(as_at, 3), as_at, what="changes since")
    return date_picker("since", "Show what changed since", choice, as_at, "Updates dated after this day are listed.", style=False)

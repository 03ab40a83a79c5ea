"""Plain-English labels for reporting periods, used as part of each observation's key."""

from __future__ import annotations

import calendar
from datetime import date


def _day(d: date) -> str:
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


def _month(d: date) -> str:
    return f"{calendar.month_name[d.month]} {d.year}"


def _is_month_end(d: date) -> bool:
    return d.day == calendar.monthrange(d.year, d.month)[1]


def describe_period(start: date | None, end: date | None) -> str:
    """'November 2023', 'Year to March 2023', '12 months to October 2024', … or 'Period not stated'."""
    if start is None and end is None:
        return "Period not stated"
    if start is None:
        return f"Period ending {_day(end)}"
    if end is None:
        return f"From {_day(start)}"
    if start == end:
        return _day(start)
    whole_months = start.day == 1 and _is_month_end(end)
    if whole_months:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if months == 1:
            return _month(start)
        if months == 12 and start.month == 1:
            return str(start.year)
        if months == 12 and start.month == 4:
            return f"Year to March {end.year}"
        if months == 12:
            return f"12 months to {_month(end)}"
        return f"{_month(start)} to {_month(end)}"
    return f"{_day(start)} to {_day(end)}"

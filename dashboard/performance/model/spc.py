"""Statistical process control (XmR charts) as NHS England's "Making Data Count" method draws them.

Rules, as in NHS England's "Plot the Dots" tools (NHSRplotthedots), with the whole series as baseline:
  - process limits: mean ± 2.66 × mean moving range (= ±3 sigma, sigma estimated as mean moving range / 1.128);
  - special cause when a point is outside the limits;
  - a shift: 7 or more consecutive points on the same side of the mean (a point on the mean breaks the run);
  - a trend: 7 or more consecutive points each higher (or each lower) than the one before, that is 6 successive
    rises or falls (an equal value breaks it);
  - two out of three consecutive points on the same side of the mean beyond two-thirds of the way to a limit
    (2 sigma) but inside it; the points beyond 2 sigma are marked.
Only monthly figures are charted, and only with 12 or more of them. Our one addition to the method: a missing
month is a gap, so no moving range spans it and no run or trend is counted across it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.common.wording import counted

LIMIT_FACTOR = 2.66  # 3 / 1.128, the XmR constant: mean moving range to 3 sigma
NEAR_LIMIT_FACTOR = 2 * LIMIT_FACTOR / 3  # 2 sigma
MINIMUM_POINTS = 12
SHIFT_POINTS = 7
TREND_POINTS = 7


@dataclass(frozen=True)
class SpcResult:
    """Centre line, limits and each point's reading; `points` keeps the input order by month."""

    mean: float
    mean_moving_range: float
    upper_limit: float
    lower_limit: float
    points: pd.DataFrame  # period_start, value, moving_range, outside_limits, shift, trend, two_in_three,
    #                      special_cause, variation ('common cause' | 'improvement' | 'concern' | 'high' | 'low'), reason
    missing_months: int


def month_index(day: date | pd.Timestamp) -> int:
    return day.year * 12 + day.month - 1


def is_calendar_month(start: object, end: object) -> bool:
    """True when a period runs from the first to the last day of one month."""
    if start is None or end is None or pd.isna(start) or pd.isna(end):
        return False
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    return start.day == 1 and month_index(start) == month_index(end) and end.day == end.days_in_month


def why_no_limits(monthly_points: int) -> str | None:
    """None when limits can be drawn, else the plain reason they are not."""
    if monthly_points >= MINIMUM_POINTS:
        return None
    if monthly_points == 0:
        return "These figures are not a monthly series, so no control limits are drawn."
    return (
        f"We hold {counted(monthly_points, 'monthly figure')}; control limits need at least "
        f"{MINIMUM_POINTS} months, so none are drawn and no month is called unusual."
    )


def _runs(flags: list[int], segment: list[int], length: int) -> list[bool]:
    """Mark every point inside a run of `length` or more equal, non-zero flags within one unbroken segment."""
    marked = [False] * len(flags)
    start = 0
    for i in range(1, len(flags) + 1):
        if i == len(flags) or flags[i] != flags[start] or segment[i] != segment[start] or flags[i] == 0:
            if flags[start] != 0 and i - start >= length:
                for j in range(start, i):
                    marked[j] = True
            start = i
    return marked


def _trend_runs(values: list[float], segment: list[int], length: int) -> list[bool]:
    """Mark points in runs of `length` or more points each strictly above (or below) the one before."""
    steps = [0] + [
        (1 if values[i] > values[i - 1] else -1 if values[i] < values[i - 1] else 0) if segment[i] == segment[i - 1] else 0
        for i in range(1, len(values))
    ]
    marked = [False] * len(values)
    i = 1
    while i < len(values):
        if steps[i] == 0:
            i += 1
            continue
        j = i
        while j + 1 < len(values) and steps[j + 1] == steps[i]:
            j += 1
        if j - i + 2 >= length:  # steps i..j join points i-1..j
            for k in range(i - 1, j + 1):
                marked[k] = True
        i = j + 1
    return marked


def _two_in_three(near: list[bool], side: list[int], segment: list[int]) -> list[bool]:
    marked = [False] * len(near)
    for i in range(len(near) - 2):
        window = range(i, i + 3)
        if len({segment[k] for k in window}) != 1:
            continue
        if sum(near[k] for k in window) >= 2 and abs(sum(side[k] for k in window)) == 3:
            for k in window:
                marked[k] |= near[k]
    return marked


def xmr(series: pd.DataFrame, higher_is_better: bool | None) -> SpcResult:
    """XmR limits and special-cause flags for monthly figures (columns period_start, value), one row per month."""
    frame = series[["period_start", "value"]].copy()
    frame["period_start"] = pd.to_datetime(frame["period_start"])
    frame = frame.sort_values("period_start").reset_index(drop=True)
    if len(frame) < MINIMUM_POINTS:
        raise ValueError(why_no_limits(len(frame)))
    months = [month_index(d) for d in frame["period_start"]]
    if len(set(months)) != len(months):
        raise ValueError("each month may appear only once in a control chart")
    values = frame["value"].astype(float).tolist()
    # A new segment starts after any missing month: nothing is measured across a gap.
    segment = [0]
    for i in range(1, len(months)):
        segment.append(segment[-1] + (months[i] - months[i - 1] != 1))
    moving = [None] + [abs(values[i] - values[i - 1]) if segment[i] == segment[i - 1] else None for i in range(1, len(values))]
    ranges = [m for m in moving if m is not None]
    if not ranges:
        raise ValueError("no two figures are for consecutive months, so the month-to-month variation is unknown")
    mean = sum(values) / len(values)
    mean_moving_range = sum(ranges) / len(ranges)
    upper = mean + LIMIT_FACTOR * mean_moving_range
    lower = mean - LIMIT_FACTOR * mean_moving_range
    near_upper = mean + NEAR_LIMIT_FACTOR * mean_moving_range
    near_lower = mean - NEAR_LIMIT_FACTOR * mean_moving_range

    side = [1 if v > mean else -1 if v < mean else 0 for v in values]
    outside = [v > upper or v < lower for v in values]
    near = [not o and (v > near_upper or v < near_lower) for v, o in zip(values, outside)]
    shift = _runs(side, segment, SHIFT_POINTS)
    trend = _trend_runs(values, segment, TREND_POINTS)
    two_in_three = _two_in_three(near, side, segment)
    special = [any(flags) for flags in zip(outside, shift, trend, two_in_three)]

    def variation(i: int) -> str:
        if not special[i]:
            return "common cause"
        high = values[i] > mean
        if higher_is_better is None:
            return "high" if high else "low"
        return "improvement" if high == bool(higher_is_better) else "concern"

    def reason(i: int) -> str:
        parts = []
        if outside[i]:
            parts.append("outside the control limits")
        if shift[i]:
            parts.append(f"part of a run of {SHIFT_POINTS} or more months on one side of the mean")
        if trend[i]:
            parts.append(f"part of {TREND_POINTS} or more months rising or falling in a row")
        if two_in_three[i]:
            parts.append("two of three months close to a limit")
        return "; ".join(parts)

    frame["moving_range"] = moving
    frame["outside_limits"] = outside
    frame["shift"] = shift
    frame["trend"] = trend
    frame["two_in_three"] = two_in_three
    frame["special_cause"] = special
    frame["variation"] = [variation(i) for i in range(len(values))]
    frame["reason"] = [reason(i) for i in range(len(values))]
    missing = months[-1] - months[0] + 1 - len(months)
    return SpcResult(mean, mean_moving_range, upper, lower, frame, missing)


def assurance(result: SpcResult, standard: float | None, higher_is_better: bool | None) -> str | None:
    """Whether the process can be relied on to meet a standard, in the Making Data Count sense."""
    if standard is None or pd.isna(standard) or higher_is_better is None or pd.isna(higher_is_better):
        return None
    if result.lower_limit <= standard <= result.upper_limit:
        return "hit and miss: the standard lies inside the control limits, so some months will meet it and some will not"
    passes = result.lower_limit > standard if higher_is_better else result.upper_limit < standard
    if passes:
        return "consistently meeting the standard: even the low end of normal variation meets it"
    return "consistently missing the standard: it lies outside the control limits, so it will not be met without change"

"""XmR control charts on series whose limits and special causes can be worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.performance.model.spc import assurance, is_calendar_month, why_no_limits, xmr


def monthly(values: list[float], start: str = "2023-01-01", skip: tuple[int, ...] = ()) -> pd.DataFrame:
    """Consecutive months from `start`, leaving out the month offsets in `skip` (gaps)."""
    months = [m for m in range(len(values) + len(skip)) if m not in skip]
    starts = [pd.Timestamp(start) + pd.DateOffset(months=m) for m in months]
    return pd.DataFrame({"period_start": starts, "value": values})


def test_limits_are_the_mean_plus_or_minus_2_66_mean_moving_ranges():
    result = xmr(monthly([10, 12] * 6), higher_is_better=True)
    assert result.mean == pytest.approx(11.0)
    assert result.mean_moving_range == pytest.approx(2.0)
    assert result.upper_limit == pytest.approx(11 + 2.66 * 2)
    assert result.lower_limit == pytest.approx(11 - 2.66 * 2)
    assert not result.points["special_cause"].any()
    assert set(result.points["variation"]) == {"common cause"}


def test_a_point_outside_the_limits_is_special_cause_and_named_by_direction():
    # Six months either side of the spike, so no run of seven below the mean either.
    values = [10, 12, 10, 12, 10, 12, 30, 12, 10, 12, 10, 12, 10]
    result = xmr(monthly(values), higher_is_better=True)
    # mean 162 / 13 = 12.46, mean moving range (10 × 2 + 2 × 18) / 12 = 4.67, upper limit 24.87
    assert result.mean == pytest.approx(162 / 13)
    assert result.mean_moving_range == pytest.approx(56 / 12)
    assert result.upper_limit == pytest.approx(162 / 13 + 2.66 * 56 / 12)
    flagged = result.points[result.points["special_cause"]]
    assert flagged["value"].tolist() == [30]
    assert flagged["variation"].tolist() == ["improvement"]
    assert "outside the control limits" in flagged["reason"].iloc[0]
    lower_better = xmr(monthly(values), higher_is_better=False)
    assert lower_better.points["variation"].iloc[6] == "concern"
    neutral = xmr(monthly(values), higher_is_better=None)
    assert neutral.points["variation"].iloc[6] == "high"


def test_seven_months_on_one_side_of_the_mean_are_a_shift_and_six_are_not():
    # Mean 161.5 / 14 = 11.54: six months below it, then seven above, all well inside the limits (8.98 to 14.09).
    low = [10, 11, 10, 11, 10, 11]
    high = [12, 13, 12, 13, 12, 13, 12]
    result = xmr(monthly(low + high + [11.5]), higher_is_better=True)
    points = result.points
    assert result.mean == pytest.approx(161.5 / 14)
    assert points["shift"].tolist() == [False] * 6 + [True] * 7 + [False]
    assert not points["outside_limits"].any()


def test_a_point_on_the_mean_breaks_a_run():
    values = [14, 14, 14, 14, 12, 14, 14, 14, 10, 10, 9, 10, 9, 10]
    result = xmr(monthly(values), higher_is_better=True)
    assert result.mean == pytest.approx(12.0)
    # Seven months above the mean, split by a month exactly on it: no shift.
    assert not result.points["shift"].any()


def test_seven_months_rising_in_a_row_are_a_trend_and_six_are_not():
    rising_seven = [20, 10, 11, 12, 13, 14, 15, 16, 10, 20, 15, 15]
    result = xmr(monthly(rising_seven), higher_is_better=True)
    assert result.points["trend"].tolist() == [False] + [True] * 7 + [False] * 4
    rising_six = [20, 10, 11, 12, 13, 14, 15, 10, 16, 20, 15, 15]
    assert not xmr(monthly(rising_six), higher_is_better=True).points["trend"].any()


def test_two_of_three_months_close_to_a_limit_are_special_cause():
    # Mean 150.8 / 14 = 10.77, mean moving range 15.6 / 13 = 1.2, so 2 sigma is at 10.77 + 1.77 × 1.2 = 12.90 and the
    # upper limit at 13.96: 13.4, 11, 13.4 are three months above the mean with two of them close to the limit.
    values = [10, 11, 10, 11, 10, 11, 13.4, 11, 13.4, 10, 10, 10, 10, 10]
    result = xmr(monthly(values), higher_is_better=True)
    assert result.mean_moving_range == pytest.approx(1.2)
    points = result.points
    assert points.loc[points["two_in_three"], "value"].tolist() == [13.4, 13.4]
    assert points["special_cause"].sum() == 2
    # The same two months with a month below the mean between them are not flagged.
    values[7] = 10
    assert not xmr(monthly(values), higher_is_better=True).points["two_in_three"].any()


def test_a_missing_month_breaks_moving_ranges_and_runs():
    # Seven high months, but a gap after the fourth: neither half is a run of seven.
    values = [10, 11, 10, 11, 10, 14, 15, 14, 15, 14, 15, 14, 11]
    result = xmr(monthly(values, skip=(9,)), higher_is_better=True)
    assert result.missing_months == 1
    assert result.points["moving_range"].isna().sum() == 2  # the first month, and the month after the gap
    assert not result.points["shift"].any()


def test_fewer_than_twelve_months_get_no_limits_and_a_reason():
    assert why_no_limits(12) is None
    assert "We hold 11 monthly figures" in why_no_limits(11)
    assert "not a monthly series" in why_no_limits(0)
    with pytest.raises(ValueError, match="at least 12"):
        xmr(monthly([1.0] * 11), higher_is_better=True)


def test_a_month_must_appear_once():
    frame = monthly([10, 12] * 6)
    frame.loc[1, "period_start"] = frame.loc[0, "period_start"]
    with pytest.raises(ValueError, match="only once"):
        xmr(frame, higher_is_better=True)


def test_calendar_months_are_recognised_and_longer_periods_are_not():
    assert is_calendar_month("2024-02-01", "2024-02-29")
    assert not is_calendar_month("2024-02-01", "2024-02-28")
    assert not is_calendar_month("2023-11-01", "2024-10-31")
    assert not is_calendar_month(None, "2024-10-31")


def test_assurance_says_whether_the_standard_is_within_reach():
    result = xmr(monthly([84, 86] * 6), higher_is_better=True)  # limits 79.68 to 90.32
    assert assurance(result, 90, True).startswith("hit and miss")
    assert assurance(result, 75, True).startswith("consistently meeting")
    assert assurance(result, 95, True).startswith("consistently missing")
    assert assurance(result, None, True) is None

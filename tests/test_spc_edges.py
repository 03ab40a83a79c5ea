"""Control-chart edges that mutation testing found untested: falling trends, exact boundaries, gaps, and the words.

Each series is small enough to work out by hand; tests/test_spc.py covers the ordinary cases.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.performance.model.spc import SpcResult, assurance, is_calendar_month, month_index, why_no_limits, xmr


def monthly(values: list[float], start: str = "2023-01-01", skip: tuple[int, ...] = ()) -> pd.DataFrame:
    months = [m for m in range(len(values) + len(skip)) if m not in skip]
    return pd.DataFrame({"period_start": [pd.Timestamp(start) + pd.DateOffset(months=m) for m in months], "value": values})


def test_month_index_counts_months_from_year_zero():
    assert month_index(date(2024, 1, 15)) == 2024 * 12
    assert month_index(date(2024, 12, 1)) - month_index(date(2024, 1, 1)) == 11
    assert month_index(date(2025, 1, 1)) - month_index(date(2024, 12, 31)) == 1


@pytest.mark.parametrize(
    ("start", "end"), [(None, "2024-01-31"), ("2024-01-01", None), (pd.NaT, "2024-01-31"), ("2024-01-01", pd.NaT)]
)
def test_a_period_missing_either_end_is_not_a_calendar_month(start, end):
    assert is_calendar_month(start, end) is False


def test_the_reason_for_no_limits_is_worded_for_none_one_and_several_months():
    assert why_no_limits(0) == "These figures are not a monthly series, so no control limits are drawn."
    assert why_no_limits(1) == (
        "We hold 1 monthly figure; control limits need at least 12 months, so none are drawn and no month is called unusual."
    )
    assert why_no_limits(2).startswith("We hold 2 monthly figures; ")
    assert why_no_limits(11).startswith("We hold 11 monthly figures; ")
    assert why_no_limits(12) is None


def test_seven_months_falling_in_a_row_are_a_trend_in_a_series_that_starts_by_falling():
    values = [20, 19, 18, 17, 16, 15, 14, 16, 18, 16, 18, 16, 18]
    points = xmr(monthly(values), higher_is_better=True).points
    assert points["trend"].tolist() == [True] * 7 + [False] * 6
    assert points.loc[0, "reason"].startswith("part of 7 or more months rising or falling in a row")
    assert points.loc[0, "variation"] == "improvement"  # the first points are above the mean


def test_six_months_falling_are_not_a_trend_and_an_equal_month_breaks_one():
    assert not xmr(monthly([19, 18, 17, 16, 15, 14, 16, 18, 16, 18, 16, 18]), True).points["trend"].any()
    flat = [20, 19, 18, 17, 17, 16, 15, 14, 16, 18, 16, 18, 16]  # falls 3, holds, falls 3: two runs of four points
    assert not xmr(monthly(flat), True).points["trend"].any()


def test_a_trend_is_found_after_months_that_stay_the_same():
    values = [10, 10, 10, 11, 12, 13, 14, 15, 16, 17, 13, 12, 11]
    trend = xmr(monthly(values), True).points["trend"].tolist()
    assert trend == [False, False, True, True, True, True, True, True, True, True, False, False, False]


def test_a_missing_month_breaks_a_trend():
    # Rises through seven months, but month 4 is missing: 4 points, a gap, then 3.
    values = [10, 11, 12, 13, 14, 15, 16, 12, 11, 12, 11, 12]
    result = xmr(monthly(values, skip=(4,)), True)
    assert not result.points["trend"].any()
    assert result.missing_months == 1
    assert result.points["moving_range"].isna().tolist() == [True, False, False, False, True] + [False] * 7


def test_the_first_months_of_a_shift_are_part_of_it():
    values = [14] * 7 + [10, 18, 10, 18, 10, 18, 10]  # mean 13.7: seven above, then either side in turn
    shift = xmr(monthly(values), None).points["shift"].tolist()
    assert shift == [True] * 7 + [False] * 7


def test_a_shift_below_the_mean_is_low_when_neither_direction_is_better():
    values = [12] * 7 + [16, 8, 16, 8, 16, 8, 16]  # mean 12.3: seven below, then either side in turn
    points = xmr(monthly(values), None).points
    assert points.loc[0, "shift"] and points.loc[0, "variation"] == "low"
    assert points.loc[0, "reason"] == "part of a run of 7 or more months on one side of the mean"
    assert points.loc[0, "special_cause"]


def test_a_missing_month_starts_a_new_segment_even_after_a_long_gap():
    # Six months, a gap of two, six months: no moving range across the gap; the two halves are measured apart.
    values = [10, 12, 10, 12, 10, 12, 30, 32, 30, 32, 30, 32]
    result = xmr(monthly(values, skip=(6, 7)), None)
    assert result.mean_moving_range == pytest.approx(2.0)
    assert result.missing_months == 2
    assert pd.isna(result.points.loc[6, "moving_range"])


def test_figures_given_out_of_order_are_charted_in_month_order():
    frame = monthly([10, 12] * 6).iloc[::-1]
    result = xmr(frame, True)
    assert result.points["period_start"].is_monotonic_increasing
    assert result.points.index.tolist() == list(range(12))
    assert result.points["value"].tolist() == [10.0, 12.0] * 6


def test_text_values_and_dates_are_read_as_numbers_and_days():
    frame = pd.DataFrame({"period_start": [f"2023-{m:02d}-01" for m in range(1, 13)], "value": ["10", "12"] * 6})
    result = xmr(frame, True)
    assert result.mean == pytest.approx(11.0)


def test_months_with_no_neighbour_give_no_limits_and_say_why():
    frame = pd.DataFrame({"period_start": pd.date_range("2020-01-01", periods=12, freq="2MS"), "value": range(12)})
    unknown = r"^no two figures are for consecutive months, so the month-to-month variation is unknown$"
    with pytest.raises(ValueError, match=unknown):
        xmr(frame, True)
    with pytest.raises(ValueError, match=r"^each month may appear only once in a control chart$"):
        xmr(pd.concat([monthly([10, 12] * 6), monthly([11])]), True)


def limits(lower: float, upper: float) -> SpcResult:
    return SpcResult((lower + upper) / 2, 1.0, upper, lower, pd.DataFrame(), 0)


@pytest.mark.parametrize(
    ("lower", "upper", "standard", "higher", "expected"),
    [
        (80, 95, 80, "hit", "hit and miss"),  # a standard exactly on a limit is within reach, not assured
        (80, 95, 95, True, "hit and miss"),
        (90.01, 95, 90, True, "consistently meeting"),
        (80, 89.99, 90, True, "consistently missing"),
        (80, 89.99, 90, False, "consistently meeting"),  # lower is better: the whole range is under the standard
        (90.01, 95, 90, False, "consistently missing"),
    ],
)
def test_assurance_at_and_beyond_the_limits(lower, upper, standard, higher, expected):
    higher_is_better = True if higher == "hit" else higher
    assert assurance(limits(lower, upper), standard, higher_is_better).startswith(expected)


@pytest.mark.parametrize(("standard", "higher"), [(None, True), (float("nan"), True), (90, None), (90, float("nan"))])
def test_no_assurance_without_a_standard_or_a_direction(standard, higher):
    assert assurance(limits(80, 95), standard, higher) is None


def test_two_of_three_close_to_a_limit_in_the_last_three_months_are_found_even_after_a_gap():
    # Mean 10.84, mean moving range 1.09: 2 sigma at 12.78, the limit at 13.75; 13.4, 11, 13.4 end the series.
    values = [10, 10, 10, 10, 11, 10, 11, 10, 11, 10, 11, 13.4, 11, 13.4]
    flagged = xmr(monthly(values), True).points["two_in_three"].tolist()
    assert flagged == [False] * 11 + [True, False, True]
    # A missing month near the start (a window across it is skipped) does not stop the search.
    after_gap = xmr(monthly(values, skip=(2,)), True).points["two_in_three"].tolist()
    assert after_gap == [False] * 11 + [True, False, True]


def test_the_points_table_has_one_column_per_reading_and_no_stray_index():
    points = xmr(monthly([10, 12] * 6), True).points
    assert list(points.columns) == [
        "period_start",
        "value",
        "moving_range",
        "outside_limits",
        "shift",
        "trend",
        "two_in_three",
        "special_cause",
        "variation",
        "reason",
    ]
    assert points["outside_limits"].tolist() == [False] * 12


def test_a_point_both_outside_the_limits_and_in_a_shift_gives_both_reasons():
    values = [10, 10, 10, 10, 10, 10, 10, 20, 22, 20, 22, 20, 22, 20]
    points = xmr(monthly(values), None).points
    assert points.loc[0, "outside_limits"]
    assert points.loc[0, "reason"] == "outside the control limits; part of a run of 7 or more months on one side of the mean"


def test_two_of_three_close_to_the_lower_limit_are_special_cause_with_their_reason():
    # The mirror of tests/test_spc.py's upper case: 8.4, 11, 8.4 below a mean of 11.23.
    values = [12, 11, 12, 11, 12, 11, 8.4, 11, 8.4, 12, 12, 12, 12, 12]
    points = xmr(monthly(values), True).points
    assert points.loc[points["two_in_three"], "value"].tolist() == [8.4, 8.4]
    assert points.loc[6, "reason"] == "two of three months close to a limit"
    assert points.loc[6, "variation"] == "concern"


def test_a_point_on_the_mean_breaks_a_run_below_it():
    # Mean 12: six months below, one on the mean, then six below again; neither half is a run of seven.
    values = [10] * 6 + [12] + [10] * 6 + [24, 24]
    result = xmr(monthly(values), None)
    assert result.mean == pytest.approx(12.0)
    assert not result.points["shift"].any()


def test_a_shift_that_starts_in_the_second_month_includes_it():
    values = [16, 10, 10, 10, 10, 10, 10, 10, 16, 14, 16, 14, 16, 14]  # mean 12.5; months 2 to 8 below it
    shift = xmr(monthly(values), None).points["shift"].tolist()
    assert shift == [False] + [True] * 7 + [False] * 6


def test_one_level_month_before_a_rise_does_not_delay_the_trend():
    values = [10, 10, 11, 12, 13, 14, 15, 16, 12, 11, 12, 11, 12]
    trend = xmr(monthly(values), True).points["trend"].tolist()
    assert trend == [False] + [True] * 7 + [False] * 5

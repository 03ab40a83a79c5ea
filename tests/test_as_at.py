"""Dates read from the address (?as_at=, ?since=): what the visitor is told when a date cannot be used."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.holding.model.as_at import EARLIEST, last_change, months_before, parse_date, snapped_note

TODAY = date(2025, 8, 1)


def test_a_date_in_the_address_is_used_as_written():
    choice = parse_date("2025-03-31", TODAY, TODAY)
    assert choice.value == date(2025, 3, 31) and choice.notice is None


def test_no_date_or_an_empty_one_gives_the_default_without_a_notice():
    assert parse_date(None, TODAY, TODAY) == parse_date("", TODAY, TODAY) == parse_date([], TODAY, TODAY)
    assert parse_date(None, TODAY, TODAY).value == TODAY and parse_date(None, TODAY, TODAY).notice is None


def test_the_last_of_two_dates_in_the_address_wins():
    assert parse_date(["2024-01-01", "2025-03-31"], TODAY, TODAY).value == date(2025, 3, 31)


def test_spaces_around_a_date_are_ignored():
    assert parse_date(" 2025-03-31 ", TODAY, TODAY).value == date(2025, 3, 31)


@pytest.mark.parametrize("text", ["last Tuesday", "31/03/2025", "2025-3-31", "2025-02-30", "2025-13-01", "20250331"])
def test_something_that_is_not_a_date_falls_back_to_the_default_and_says_why(text):
    choice = parse_date(text, date(2025, 7, 1), TODAY, what="data as at")
    assert choice.value == date(2025, 7, 1)
    assert choice.notice == f"“{text}” is not a date we can read (use YYYY-MM-DD), so we show data as at 1 July 2025."


def test_a_date_in_the_future_shows_the_latest_and_says_so():
    choice = parse_date("2025-08-02", TODAY, TODAY, what="data as at")
    assert choice.value == TODAY
    assert choice.notice == "2 August 2025 is in the future, so we show data as at 1 August 2025."


def test_the_latest_and_earliest_days_themselves_are_accepted_without_a_notice():
    assert parse_date("2025-08-01", date(2025, 1, 1), TODAY) == parse_date("2025-08-01", TODAY, TODAY)
    assert parse_date("2025-08-01", date(2025, 1, 1), TODAY).notice is None
    assert parse_date("2010-01-01", TODAY, TODAY).value == EARLIEST == date(2010, 1, 1)
    assert parse_date("2010-01-01", TODAY, TODAY).notice is None


def test_a_date_before_anything_we_hold_shows_the_earliest_and_says_so():
    choice = parse_date("2009-12-31", TODAY, TODAY, what="changes since")
    assert choice.value == EARLIEST
    assert choice.notice == "We hold nothing before 1 January 2010, so we show changes since 1 January 2010."


def test_the_notice_names_what_the_date_is_for_by_default():
    assert parse_date("soon", TODAY, TODAY).notice.endswith("so we show date 1 August 2025.")


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 8, 1), 3, date(2025, 5, 1)),
        (date(2025, 1, 15), 1, date(2024, 12, 15)),
        (date(2025, 3, 15), 14, date(2024, 1, 15)),
        (date(2025, 5, 31), 3, date(2025, 2, 28)),  # February is shorter: its last day
        (date(2024, 5, 31), 3, date(2024, 2, 29)),  # a leap year's February
        (date(2025, 7, 31), 1, date(2025, 6, 30)),
        (date(2025, 12, 31), 0, date(2025, 12, 31)),
    ],
)
def test_months_before_keeps_the_day_or_takes_the_months_last_day(day, months, expected):
    assert months_before(day, months) == expected


def test_the_last_of_three_dates_in_the_address_wins():
    assert parse_date(["2024-01-01", "2024-06-30", "2025-03-31"], TODAY, TODAY).value == date(2025, 3, 31)


CHANGES = (date(2012, 9, 30), date(2024, 10, 16), date(2025, 1, 15), date(2025, 4, 1))


@pytest.mark.parametrize(
    "day, expected",
    [
        (date(2025, 4, 1), date(2025, 4, 1)),  # a change day is its own
        (date(2025, 3, 31), date(2025, 1, 15)),  # the day before a change day goes back to the one before it
        (date(2025, 4, 2), date(2025, 4, 1)),
        (date(2030, 1, 1), date(2025, 4, 1)),  # after the last change: the last change
        (date(2012, 9, 29), EARLIEST),  # before the first change: the earliest day we show
        (EARLIEST, EARLIEST),
        (date(2009, 6, 1), date(2009, 6, 1)),  # before the earliest day: left alone, never moved later
    ],
)
def test_a_date_moves_back_to_the_last_day_the_data_changed(day, expected):
    assert last_change(day, CHANGES) == expected


def test_with_no_changes_at_all_every_date_moves_back_to_the_earliest_day():
    assert last_change(date(2025, 4, 1), ()) == EARLIEST


def test_a_change_before_the_earliest_day_moves_a_date_back_no_further_than_the_earliest_day():
    assert last_change(date(2011, 1, 1), (date(2009, 1, 1),)) == EARLIEST


def test_the_note_says_which_dates_the_pack_uses_and_that_its_contents_are_the_same():
    note = snapped_note(date(2025, 8, 1), date(2025, 7, 28), date(2025, 4, 1), date(2025, 4, 1))
    assert note == (
        "Nothing the pack holds changed between 28 July 2025 and 1 August 2025, so it is made as at 28 July 2025, "
        "the last day its data changed: its contents are the same as for 1 August 2025."
    )
    note = snapped_note(date(2025, 3, 31), date(2025, 3, 31), date(2025, 1, 5), date(2024, 12, 5))
    assert note == (
        "Changes are counted since 5 December 2024: nothing the pack holds is dated between that day and 5 January 2025, "
        "so the list is the same."
    )
    both = snapped_note(date(2025, 8, 1), date(2025, 7, 28), date(2025, 1, 5), date(2024, 12, 5))
    assert both.startswith("Nothing the pack holds changed between 28 July 2025") and both.endswith("so the list is the same.")
    assert "for 1 August 2025. Changes are counted since 5 December 2024:" in both  # two sentences, one space between


def test_no_note_when_the_pack_uses_the_dates_asked_for():
    assert snapped_note(date(2025, 4, 1), date(2025, 4, 1), date(2025, 1, 15), date(2025, 1, 15)) is None

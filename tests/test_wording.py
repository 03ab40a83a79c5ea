"""The words every page uses for numbers, dates, standards, sources and grades (dashboard/common/wording.py).

Written as the sentences a resident reads, on small synthetic rows, so a changed word, boundary or unit fails here
before it reaches a page.
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from dashboard.common.escape import Markdown
from dashboard.common.wording import (
    as_date,
    compare_with_standard,
    counted,
    figure_sentence,
    format_date,
    format_value,
    grade_column_text,
    grades_sentence,
    is_missing,
    join_words,
    lower_first,
    readable_echo,
    row_source,
    small,
    source_markdown,
    sources_frame,
)


def test_missing_means_none_nan_or_not_a_time_and_nothing_else():
    assert is_missing(None) and is_missing(float("nan")) and is_missing(pd.NaT)
    assert not is_missing(0) and not is_missing(0.0) and not is_missing("") and not is_missing(date(2024, 1, 1))


@pytest.mark.parametrize(
    ("parts", "expected"),
    [([], ""), (["Essex"], "Essex"), (["Essex", "Kent"], "Essex and Kent"), (["a", "b", "c"], "a, b and c")],
)
def test_lists_of_words_read_as_english(parts, expected):
    assert join_words(parts) == expected


def test_what_a_visitor_typed_is_echoed_short_and_without_markup():
    assert readable_echo("<script>alert(1)</script>") == "scriptalert1/script"
    assert readable_echo("Hertfordshire's – A/B") == "Hertfordshire's – A/B"
    assert readable_echo("x" * 50) == "x" * 40
    assert readable_echo("x" * 50, limit=3) == "xxx"
    assert readable_echo("  **  ") == "that value"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2024, 10, 16), date(2024, 10, 16)),
        (datetime(2024, 10, 16, 9, 30), date(2024, 10, 16)),
        (pd.Timestamp("2024-10-16 23:59"), date(2024, 10, 16)),
        ("2024-10-16", date(2024, 10, 16)),
        ("2024-10-16T12:00:00", date(2024, 10, 16)),
        (None, None),
        (float("nan"), None),
        (pd.NaT, None),
        (pd.NA, None),
    ],
)
def test_dates_are_read_from_whatever_a_frame_holds(value, expected):
    assert as_date(value) == expected


def test_a_numpy_datetime_is_read_as_its_day():
    assert as_date(pd.Series(pd.to_datetime(["2024-10-16"])).to_numpy()[0]) == date(2024, 10, 16)


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (87.44, "percent", "87.4%"),
        (87.46, "percent of calls", "87.5%"),
        (7.25, "seconds", "7.2 seconds"),
        (2.345, "percentage points", "±2.35 points"),
        (1234.56, "£ million", "£1,234.6 million"),
        (76373.0, "crimes", "76,373 crimes"),
        (1234.5, "crimes", "1,234.50 crimes"),
        (12.0, "", "12"),
        (float("nan"), "percent", "not published"),
        (None, "crimes", "not published"),
    ],
)
def test_values_are_written_with_their_unit(value, unit, expected):
    assert format_value(value, unit) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2024, 10, 6), "6 October 2024"),
        ("2024-10-16", "16 October 2024"),
        ("2024-10-16T10:00", "16 October 2024"),
        (pd.Timestamp("2025-07-11"), "11 July 2025"),
        (datetime(2025, 1, 1, 23, 0), "1 January 2025"),
        (None, "date not recorded"),
        (pd.NaT, "date not recorded"),
    ],
)
def test_dates_are_written_day_month_year_without_a_leading_zero(value, expected):
    assert format_date(value) == expected


@pytest.mark.parametrize(
    ("value", "standard", "higher", "unit", "expected"),
    [
        (87.4, 90.0, True, "percent", "below the 90% standard"),
        (90.0, 90.0, True, "percent", "meeting the 90% standard"),  # exactly on the standard meets it
        (92.0, 90.0, True, "percent", "meeting the 90% standard"),
        (12.0, 10.0, False, "seconds", "above the 10.0 seconds standard"),
        (10.0, 10.0, False, "seconds", "meeting the 10.0 seconds standard"),
        (8.0, 10.0, False, "seconds", "meeting the 10.0 seconds standard"),
        (87.4, float("nan"), True, "percent", ""),
        (float("nan"), 90.0, True, "percent", ""),
        (87.4, 90.0, None, "percent", ""),
        (87.4, 90.0, float("nan"), "percent", ""),
    ],
)
def test_a_figure_is_compared_with_its_standard_in_words(value, standard, higher, unit, expected):
    assert compare_with_standard(value, standard, higher, unit) == expected


def test_only_the_first_letter_is_lowered():
    assert lower_first("The PCC's response") == "the PCC's response"
    assert lower_first("HMICFRS") == "hMICFRS"  # callers pass sentences, never bare acronyms
    assert lower_first("") == ""


def test_small_print_wraps_the_text_and_keeps_paired_brackets():
    assert small("plain") == ":small[plain]"
    assert small(Markdown("[a](b) and [c]")) == ":small[[a](b) and [c]]"
    assert small(Markdown("]]")) == ":small[))]"
    assert small(Markdown("[[x]")) == ":small[[(x]]"  # the innermost unclosed bracket is the stray one
    assert small(Markdown("[a [b")) == ":small[(a (b]"


def test_small_print_of_plain_text_shows_its_brackets_as_written_and_makes_no_link():
    assert small("[a](javascript:alert(1)) ]") == ":small[\\[a\\](javascript\\:alert(1)) \\]]"
    assert small(Markdown("\\[x\\] [y] \\]")) == ":small[\\[x\\] [y] \\]]"  # escaped brackets are text, not a pair


def test_a_source_is_written_with_its_link_date_and_kind():
    assert source_markdown("HMICFRS", "PEEL [2023-25]", "https://example.org", "2024-10-16", "primary") == (
        "[HMICFRS: PEEL \\[2023-25\\]](https://example.org), 16 October 2024 · primary source"
    )
    assert source_markdown("The Comet", "999 calls", None, None, "secondary") == (
        "The Comet: 999 calls (web address not recorded), date not recorded · second-hand source"
    )
    assert source_markdown("The Comet", "999 calls", "", None, "secondary").startswith("The Comet: 999 calls (web address")


def test_a_row_without_a_source_date_column_says_date_not_recorded():
    row = pd.Series({"source_publisher": "P", "source_title": "T", "source_url": "https://x", "source_tier": "primary"})
    assert row_source(row) == "[P: T](https://x), date not recorded · primary source"
    assert row_source(row.copy().set_axis(row.index).combine_first(pd.Series({"source_published": "2024-01-02"}))) == (
        "[P: T](https://x), 2 January 2024 · primary source"
    )


def test_the_sources_table_lists_each_source_once_with_its_kind_in_words():
    frame = pd.DataFrame(
        {
            "source_publisher": ["HMICFRS", "HMICFRS", "The Comet", None],
            "source_title": ["PEEL", "PEEL", "News report on Hertfordshire", None],
            "source_title_kind": ["title", "title", "description", None],
            "source_url": ["u1", "u1", "u2", None],
            "source_published": ["2024-10-16", "2024-10-16", "2024-05-01", None],
            "source_tier": ["primary", "primary", "secondary", None],
            "grade": ["Good", "Adequate", "Good", "Not known"],
        }
    )
    table = sources_frame(frame)
    assert list(table.columns) == [
        "Publisher",
        "Title or description",
        "Which it is",
        "Web address",
        "Published",
        "Kind of source",
    ]
    assert table["Which it is"].tolist() == ["The publisher's title", "Our description"]
    assert table["Kind of source"].tolist() == ["primary source", "second-hand source"]
    assert table["Publisher"].tolist() == ["HMICFRS", "The Comet"]


def grades(rows: list[tuple[str, str]], published: str | None = "2024-10-16") -> pd.DataFrame:
    return pd.DataFrame(
        {"area_short_name": [a for a, _ in rows], "grade": [g for _, g in rows], "published": [published] * len(rows)}
    )


def test_the_grades_sentence_counts_and_names_areas_and_says_what_is_not_known():
    frame = grades(
        [
            ("Preventing crime", "Good"),
            ("Responding", "Requires improvement"),
            ("Recording", "Inadequate"),
            ("Workforce", "Not known"),
            ("Data", "Not graded"),
        ]
    )
    assert grades_sentence("Herts Police", "PEEL 2023-25", frame) == (
        "In its PEEL 2023-25 inspection (published 16 October 2024), HMICFRS graded Herts Police Good in 1 area "
        "(Preventing crime), Requires improvement in 1 area (Responding) and Inadequate in 1 area (Recording). "
        "Not graded by the inspectorate: Data. Not known for 1 of 5 areas."
    )


def test_three_or_more_areas_at_one_grade_are_counted_not_named_except_outstanding_and_inadequate():
    frame = grades([("A", "Good"), ("B", "Good"), ("C", "Good"), ("D", "Inadequate"), ("E", "Inadequate"), ("F", "Inadequate")])
    sentence = grades_sentence("X", "PEEL", frame)
    assert "Good in 3 areas," not in sentence and "Good in 3 areas and" in sentence
    assert "Inadequate in 3 areas (D, E and F)" in sentence
    assert "not known" not in sentence
    two = grades_sentence("X", "PEEL", grades([("A", "Adequate"), ("B", "Adequate")]))
    assert "Adequate in 2 areas (A and B)" in two


def test_grades_without_a_publication_date_say_no_date_and_none_known_says_so():
    undated = grades([("A", "Good")], published=None)
    assert grades_sentence("X", "PEEL", undated) == "In its PEEL inspection, HMICFRS graded X Good in 1 area (A)."
    assert grades_sentence("X", "PEEL 2021-22", grades([("A", "Not known")])) == (
        "We do not hold any PEEL 2021-22 grades for X: no published source we found states them."
    )


def test_grade_columns_list_areas_under_their_grade_and_the_rest_below():
    columns = grade_column_text(grades([("A", "Good"), ("B", "Not known"), ("C", "Not graded"), ("D", "Not known")]))
    assert len(columns.columns) == 5
    assert columns.columns[1] == "**:green-background[★ Good]**\n\n- A"
    assert columns.columns[0] == "**:blue-background[★★ Outstanding]**\n\n:small[No areas graded Outstanding]"
    assert len(columns.others) == 2
    assert any(line.endswith(" B, D") for line in columns.others)
    assert any(line.endswith(" C") for line in columns.others)


def figure(**overrides: object) -> pd.Series:
    row = {
        "metric_id": "pct_999_answered_10s",
        "metric_name": "999 calls answered within 10 seconds",
        "value": 87.4,
        "unit": "percent",
        "period_label": "April 2024",
        "standard_value": 90.0,
        "higher_is_better": True,
        "ci_half_width": None,
        "source_tier": "secondary",
        "source_publisher": "The Comet",
    }
    return pd.Series({**row, **overrides})


def test_a_figure_sentence_gives_value_period_standard_and_margin_of_error():
    assert figure_sentence("Herts", figure()) == (
        "999 calls answered within 10 seconds for Herts: 87.4% (April 2024), below the 90% standard."
    )
    estimate = figure(metric_name="Crime recording rate", standard_value=None, higher_is_better=None, ci_half_width=2.5)
    assert figure_sentence("Herts", estimate) == (
        "Crime recording rate for Herts: 87.4% (April 2024) (an estimate, ±2.5 percentage points)."
    )


def test_a_count_takes_the_singular_for_exactly_one():
    assert [counted(n, "monthly figure") for n in (0, 1, 2)] == ["0 monthly figures", "1 monthly figure", "2 monthly figures"]


def test_an_unclosed_bracket_at_the_very_end_is_made_round():
    assert small(Markdown("a [")) == ":small[a (]"


def test_a_source_without_a_web_address_is_still_listed():
    frame = pd.DataFrame(
        {
            "source_publisher": ["The Comet"],
            "source_title": ["News"],
            "source_url": [None],
            "source_published": [None],
            "source_tier": ["secondary"],
        }
    )
    assert sources_frame(frame)["Title or description"].tolist() == ["News"]


def test_several_areas_at_one_grade_are_listed_one_per_line_and_the_rest_carry_their_badge():
    from dashboard.common.scale import grade_badge

    columns = grade_column_text(grades([("A", "Good"), ("B", "Good"), ("C", "Not known")]))
    assert columns.columns[1].endswith("\n\n- A\n- B")
    assert columns.others == (f"{grade_badge('Not known')} C",)


def test_three_outstanding_areas_are_named_like_inadequate_ones():
    sentence = grades_sentence("X", "PEEL", grades([("A", "Outstanding"), ("B", "Outstanding"), ("C", "Outstanding")]))
    assert "Outstanding in 3 areas (A, B and C)" in sentence


def test_a_publishers_own_title_is_quoted_and_our_description_of_a_page_is_not():
    from dashboard.common.wording import citation

    assert citation("BBC News", "Dorset Police investigations require improvement", "title") == (
        "BBC News: “Dorset Police investigations require improvement”"
    )
    assert citation("ITV News", "News report on Humberside Police", "description") == "ITV News: news report on Humberside Police"
    assert citation("HMICFRS", "PEEL 2023–25 letter", None) == "HMICFRS: PEEL 2023–25 letter"
    assert source_markdown("BBC News", "Dorset", "https://x", None, "secondary", "title").startswith(
        "[BBC News: “Dorset”](https://x)"
    )

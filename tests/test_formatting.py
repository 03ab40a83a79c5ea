"""Small print inside a markdown element: links survive, stray brackets cannot end the directive early."""

from __future__ import annotations

from dashboard.common.escape import Markdown, markdown
from dashboard.common.wording import small, source_markdown


def test_small_print_keeps_a_source_link_whole():
    source = source_markdown("HMICFRS", "PEEL 2023-25: Hertfordshire", "https://example.org/peel", "2024-10-16", "primary")
    assert small(markdown("Source: {}", source)) == f":small[Source: {source}]"
    assert "[HMICFRS: PEEL 2023-25: Hertfordshire](https://example.org/peel)" in small(source)


def test_small_print_rounds_off_brackets_in_markdown_that_do_not_pair():
    assert small(Markdown("Rate per 1,000 people] (mid-year)")) == ":small[Rate per 1,000 people) (mid-year)]"
    assert small(Markdown("Counts [see note")) == ":small[Counts (see note]"
    assert small(Markdown("a [b] c [d")) == ":small[a [b] c (d]"


def test_small_print_of_plain_text_keeps_its_brackets_as_text():
    assert small("Rate per 1,000 people] (mid-year)") == ":small[Rate per 1,000 people\\] (mid-year)]"

"""Data text is text: hostile strings go in, the same words come out, in markdown and in HTML, and no link but to an
http(s) address. Markdown is read back with a CommonMark parser (markdown-it-py, tables and strikethrough on, as
GitHub-flavoured markdown has them); what only Streamlit reads (directives, shortcodes, LaTeX, bare addresses) is
checked in the escaped text here and drawn in real Chromium by tests/browser/test_hostile_data_journey.py."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from dashboard.common.escape import (
    WORD_JOINER,
    Markdown,
    html_link,
    html_text,
    markdown,
    markdown_join,
    markdown_link,
    md,
    streamlit_html,
)
from dashboard.common.wording import small, source_markdown

HOSTILE = (
    "<img src=x onerror=window.__pwned=1>",
    "<script>window.__pwned=2</script>",
    "<iframe src=http://127.0.0.2/frame></iframe>",
    "<style>body{display:none}</style>",
    "<a href=javascript:alert(1)>click</a>",
    "![x](http://127.0.0.2/p.gif)",
    "[click](javascript:alert(1))",
    "[data](data:text/html,<script>alert(1)</script>)",
    "[ref][1]\n\n[1]: http://127.0.0.2/r",
    "<http://127.0.0.2/autolink>",
    "**bold** _it_ ~~struck~~ `code` *em*",
    "# heading",
    "- item",
    "1. item",
    "> quoted",
    "---",
    "=====",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "    indented code",
    "```\nfenced\n```",
    "&lt;b&gt; &amp; &#60; &#x3c;",
    "back\\slash \\* \\",
    "line one  \nline two",
    "Avon & Somerset: 87.4% (April 2024) — up 1.2 points",
    "snake_case and __dunder__",
)


def rendered(markdown_text: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown_text)


class Reader(HTMLParser):
    """The elements and the visible text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def read(html: str) -> Reader:
    reader = Reader()
    reader.feed(html)
    reader.close()
    return reader


def shown(markdown_text: str) -> str:
    """The words a CommonMark reader shows for some markdown, without the invisible word joiners."""
    return "".join(read(rendered(markdown_text)).text).strip().replace(WORD_JOINER, "")


def written(text: str) -> str:
    """What a reader should see: the text with its white space run together (markdown and HTML both do that)."""
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_in_markdown_is_one_paragraph_of_the_same_words(hostile):
    html = read(rendered(md(hostile)))
    assert html.tags == ["p"]
    assert written("".join(html.text)).replace(WORD_JOINER, "") == written(hostile)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Co", "Cn")), max_size=60))
def test_any_text_in_markdown_shows_exactly_its_words(text):
    html = read(rendered(md(text)))
    assert set(html.tags) <= {"p"}
    shown = written("".join(html.text)).replace(WORD_JOINER, "")
    assert shown == written(text.replace("\x00", "\ufffd")).replace(WORD_JOINER, "")


@pytest.mark.parametrize(
    "hostile",
    [
        ":material/home:",  # an icon in Streamlit
        ":material_home:",
        ":streamlit:",  # Streamlit's logo, an <img>
        ":smile: :+1:",  # emoji
        "http://127.0.0.2/x",  # a bare address Streamlit makes a link
        "www.example.org",
        "someone@example.org",
        "a -> b <- c",  # arrows Streamlit redraws
    ],
)
def test_what_streamlit_rewrites_after_parsing_is_broken_by_an_invisible_word_joiner(hostile):
    escaped = md(hostile)
    assert WORD_JOINER in escaped
    assert ":material/" not in escaped and not re.search(r":[\w+/-]+:|://|www\.|@\w|->|<-", escaped.replace("\\", ""))
    assert shown(escaped) == hostile


@pytest.mark.parametrize("hostile", [":red[red]", ":small[tiny]", ":help[tip]", ":blue-badge[b]", "::leaf", ":name{#id .c}"])
def test_streamlit_directives_in_data_lose_their_colon_to_an_escape(hostile):
    assert not re.search(r"(?<!\\):(?=[A-Za-z:])", md(hostile))


@pytest.mark.parametrize("hostile", ["$x^2$", "$$\\int$$", "costs $5 and $6"])
def test_dollar_signs_in_data_are_escaped_so_streamlit_draws_no_latex(hostile):
    assert not re.search(r"(?<!\\)\$", md(hostile))


def test_markdown_is_never_escaped_twice_and_plain_text_always_is():
    bold = markdown("**{}**", "<b>x</b>")
    assert md(bold) is bold
    assert rendered(bold) == "<p><strong>&lt;b&gt;x&lt;/b&gt;</strong></p>\n"
    assert shown(md(str(bold))) == str(bold)  # a Markdown that became a plain str shows its markup: never a hole


def test_a_template_keeps_the_codes_markup_and_escapes_every_value():
    text = markdown("**{}:** {}", "[Kind](javascript:alert(1))", "![x](http://127.0.0.2/p.gif)")
    html = read(rendered(text))
    assert html.tags == ["p", "strong"]
    assert shown(text) == "[Kind](javascript:alert(1)): ![x](http://127.0.0.2/p.gif)"


def test_joined_markdown_keeps_its_parts_and_leaves_out_empty_ones():
    assert markdown_join([Markdown("**a**"), None, "", "*b*"]) == "**a**\n\n\\*b\\*"


def test_a_link_is_made_only_to_an_http_address_with_its_words_escaped():
    assert markdown_link("Report [2024]", "https://example.org/a_(b)") == "[Report \\[2024\\]](https://example.org/a_%28b%29)"
    for hostile in ("javascript:alert(1)", "data:text/html,x", "//elsewhere.example/", " https://example.org", None):
        link = markdown_link("Report", hostile)
        assert "](" not in link and read(rendered(link)).tags == ["p"]


def test_a_source_with_an_address_that_may_not_be_linked_to_is_named_without_a_link():
    written_source = source_markdown("<b>P</b>", "T", "javascript:alert(1)", None, "primary")
    assert read(rendered(written_source)).tags == ["p"]
    assert "(web address not recorded)" in written_source


def test_small_print_of_hostile_text_is_text():
    html = read(rendered(small("![x](http://127.0.0.2/p.gif) ]")))
    assert html.tags == ["p"]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_in_html_has_no_element_and_the_same_words(hostile):
    html = read(f"<p>{html_text(hostile)}</p><span title='{html_text(hostile)}' data-x=\"{html_text(hostile)}\"></span>")
    assert html.tags == ["p", "span"]
    assert written("".join(html.text)) == written(hostile)


def test_html_text_writes_quotes_as_numbers_plotly_reads():
    assert html_text('it\'s "quoted" <&>') == "it&#39;s &#34;quoted&#34; &lt;&amp;&gt;"
    assert html_text("two\n\nlines") == "two lines"


def test_an_html_link_is_made_only_to_an_http_address():
    assert html_link("a<b", "https://example.org/?x=1&y=2") == '<a href="https://example.org/?x=1&amp;y=2">a&lt;b</a>'
    assert html_link("a<b", "javascript:alert(1)") == "a&lt;b"
    assert html_link("https://example.org/<x>", "https://example.org/<x>") == "https://example.org/&lt;x&gt;"


def test_html_inside_a_streamlit_markdown_element_writes_colons_as_references():
    assert streamlit_html(":material/home: <b>") == "&#58;material/home&#58; &lt;b&gt;"

"""The one HTML renderer: Jinja2 templates in dashboard/templates/, escaped by default, for the briefing pack and the
static edition. Data reaches a page as text (escaped by Jinja2) or as `Markdown` (already escaped, dashboard/common/
escape.py), which the `markdown` filter turns into HTML with raw HTML off and links only to checked addresses.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markupsafe import Markup

from dashboard.common.escape import Markdown, md
from dashboard.common.scale import GRADE_ORDER, SYMBOL
from dashboard.common.wording import format_date, is_missing
from dashboard.store.web_address import checked_url

# A Streamlit text directive the code writes (':small[...]', ':green-badge[...]'): its name, then its bracketed text.
_DIRECTIVE = re.compile(r":([a-z]+(?:-[a-z]+)?)\[")


def is_site_relative(url: str) -> bool:
    """An address on this site ('/f/essex/', '/about-data#glossary'), never '//elsewhere' or a scheme."""
    return url.startswith("/") and not url.startswith("//") and "\\" not in url


def linkable(url: str) -> bool:
    """Whether a link may be made to this address: a site-relative one, or one dashboard.store.web_address accepts."""
    return is_site_relative(url) or checked_url(url) is not None


def _directive(state: StateInline, silent: bool) -> bool:
    """':name[text]' as <small> (for small) or <span class="name"> around text parsed as inline markdown."""
    if state.src[state.pos] != ":":
        return False
    found = _DIRECTIVE.match(state.src, state.pos)
    if found is None:
        return False
    start = found.end()
    depth, index = 1, start
    while index < state.posMax:
        char = state.src[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                break
        index += 1
    if depth != 0:
        return False
    if not silent:
        name = found.group(1)
        tag = "small" if name == "small" else "span"
        opening = state.push("directive_open", tag, 1)
        if tag == "span":
            opening.attrSet("class", name)
        end, limit = index, state.posMax
        state.pos, state.posMax = start, end
        state.md.inline.tokenize(state)
        state.pos, state.posMax = end + 1, limit
        state.push("directive_close", tag, -1)
    else:
        state.pos = index + 1
    return True


@functools.lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
    parser.disable("image")  # a picture from data would be a request to wherever it names
    parser.validateLink = linkable  # every other address stays text
    parser.inline.ruler.before("emphasis", "directive", _directive)
    return parser


@functools.lru_cache(maxsize=8192)  # the same sentences come back for every force's pages
def _markdown_html(text: str, inline: bool, first_heading: int) -> str:
    parser = _parser()
    if inline:
        return parser.renderInline(text)
    tokens = parser.parse(text)
    levels = [int(t.tag[1]) for t in tokens if t.type in ("heading_open", "heading_close")]
    if levels and first_heading:
        # The markdown's own headings start where the page's outline has got to, so no level is skipped.
        shift = first_heading - min(levels)
        for token in tokens:
            if token.type in ("heading_open", "heading_close"):
                token.tag = f"h{min(6, int(token.tag[1]) + shift)}"
    html = parser.renderer.render(tokens, parser.options, {})
    # A table wider than a phone scrolls inside its own box (reachable by keyboard), never the whole page.
    return html.replace("<table>", TABLE_WRAP + "<table>").replace("</table>", "</table></div>")


TABLE_WRAP = '<div class="table-wrap" tabindex="0">'


def markdown_html(value: object, inline: bool = False, first_heading: int = 0) -> Markup:
    """Markdown (escaped data in the code's own markup) as HTML; plain text is escaped first, so it stays text.

    first_heading: the level its highest heading becomes (0 keeps them as written)."""
    if value is None:
        return Markup("")
    return Markup(_markdown_html(md(value), inline, first_heading).strip())


_TAG = re.compile(r"<[^>]+>")


def markdown_text(value: object) -> str:
    """Markdown as the plain words a reader sees (for a page's description and a preview's text): tags left out."""
    import html

    return " ".join(html.unescape(_TAG.sub(" ", markdown_html(value))).split())


def markdown_inline(value: object) -> Markup:
    """markdown_html() without the paragraph around it, for a sentence inside a cell, a heading or a list item."""
    return markdown_html(value, inline=True)


@dataclass(frozen=True)
class Link:
    """A table cell that is a link (made only when the address is linkable, else shown as text)."""

    text: str
    url: str


@dataclass(frozen=True)
class TableData:
    """A DataFrame's header and cells as text (dates in words, gaps empty), for the data_table macro."""

    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


def cell_text(value: object) -> object:
    if isinstance(value, (Link, Markdown)):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)) or is_missing(value):
        return ""
    if isinstance(value, (pd.Timestamp, datetime, date)):
        return format_date(value)
    if isinstance(value, float) and value.is_integer():
        return f"{value:,.0f}"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def table_data(frame: pd.DataFrame, link_columns: Iterable[str] = ("Web address", "Evidence")) -> TableData:
    """A DataFrame as the data_table macro draws it; an address column's checked addresses become links."""
    links = set(link_columns)
    rows = []
    for values in frame.itertuples(index=False, name=None):
        cells = []
        for column, value in zip(frame.columns, values):
            if column in links and isinstance(value, str) and checked_url(value):
                cells.append(Link(value, value))
            else:
                cells.append(cell_text(value))
        rows.append(tuple(cells))
    return TableData(tuple(str(c) for c in frame.columns), tuple(rows))


def grade_symbol(grade: object) -> str:
    return SYMBOL.get(str(grade), "") if not is_missing(grade) else ""


def _url_if_linkable(url: object) -> str | None:
    if is_missing(url) or not isinstance(url, str):
        return None
    return url if linkable(url) else None


def _not_known(value: object) -> object:
    """What a template prints for a value: a gap in the data is written as the words 'not known', never 'None'."""
    return "not known" if is_missing(value) else value


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    """The one Jinja2 environment: autoescaping for .html and .xml, and a missing name is an error, never empty."""
    env = Environment(
        loader=PackageLoader("dashboard", "templates"),
        autoescape=select_autoescape(["html", "xml"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        finalize=_not_known,
    )
    env.filters["markdown"] = markdown_html
    env.filters["markdown_inline"] = markdown_inline
    env.filters["date_words"] = format_date
    env.filters["cell"] = cell_text
    env.filters["linkable"] = _url_if_linkable
    env.filters["or_not_known"] = _not_known
    env.globals.update(
        table_wrap=Markup(TABLE_WRAP),
        grade_symbol=grade_symbol,
        is_link=lambda cell: isinstance(cell, Link),
        GRADE_ORDER=GRADE_ORDER,
    )
    env.tests["missing"] = is_missing
    env.tests["markdown"] = lambda value: isinstance(value, Markdown)
    return env


def render(template: str, **context: Any) -> str:
    """One template rendered with the given names (every name it uses must be given)."""
    return environment().get_template(template).render(**context)

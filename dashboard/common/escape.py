"""Text from data written for the medium that shows it: Streamlit markdown, or HTML (the briefing pack, Plotly's
labels, HTML inside a markdown element); links only to addresses dashboard.store.web_address accepts.

Text is plain until it is made `Markdown`: `md()` escapes plain text and leaves Markdown alone, so the blocks that
draw text call md() on whatever they are given, and a sentence with the code's own markup (bold, links, small print)
is built with `markdown()`, which escapes every value put into it. Plain sentences stay plain for the pack, the CSV
tables and a chart's accessible name.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from dashboard.store.web_address import checked_url


class Markdown(str):
    """Streamlit markdown whose data is already escaped: drawn as it is, never escaped again."""

    __slots__ = ()


# Characters that open markup anywhere in a line: code, emphasis, strikethrough, links and images (and directive
# labels), raw HTML and autolinks, GFM table cells, LaTeX between dollars, and the escape itself.
_MARKUP = str.maketrans({c: "\\" + c for c in "\\`*~[]<>|$"})
# An underscore between two letters or digits (snake_case, file names) can neither open nor close emphasis.
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
# A character reference (&lt; &#60;) would be read as the character it names.
_REFERENCE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Streamlit's text directives (:red[...], :small[...], :help[...], :name{...}) and leaf or container directives.
_DIRECTIVE = re.compile(r":(?=[A-Za-z:])")
# What turns into a block at the start of a line: a list item, a heading or a setext underline; an ordered list item.
_MARKER_START = re.compile(r"^([-+=#])(?![0-9A-Za-z])")
_NUMBER_START = re.compile(r"^(\d{1,9})([.)])(?=[ \t]|$)")
# Streamlit also rewrites text after it is parsed, where an escape no longer shows: shortcodes (:material/x:,
# :material_x:, :streamlit: as an image, :smile:), bare addresses and e-mail addresses made links, and arrows
# ('->' to '→'). A word joiner (invisible, zero width) inside each keeps the words as written.
WORD_JOINER = "\u2060"
_SHORTCODE_OR_ADDRESS = re.compile(r"(?<=:)(?=[\w+/-]+:|//)")
_WWW = re.compile(r"(?<=www)(?=\.)", re.IGNORECASE)
_ARROW = re.compile(r"(?<=[-<>~])(?=[->=])")
# Line breaks end a paragraph, a list item or an HTML block, and a run of spaces at the start of a line is code.
_WHITE_SPACE = re.compile(r"[ \t\r\n\f\v\x85\u2028\u2029]{2,}|[\t\r\n\f\v\x85\u2028\u2029]")
_LINE_BREAKS = re.compile(r"[ \t]*[\r\n\f\v\x85\u2028\u2029]+[ \t]*")


@functools.lru_cache(maxsize=8192)  # pages pass the same cached sentences on every rerun
def _escaped(text: str) -> str:
    # Each step runs only when its characters are there: most sentences have none of them.
    text = _WHITE_SPACE.sub(" ", text)
    if ":" in text:
        text = _SHORTCODE_OR_ADDRESS.sub(WORD_JOINER, text)
    if "@" in text:
        text = text.replace("@", "@" + WORD_JOINER)
    if "." in text and "ww" in text.lower():
        text = _WWW.sub(WORD_JOINER, text)
    if "-" in text or "=" in text:
        text = _ARROW.sub(WORD_JOINER, text)
    text = text.translate(_MARKUP)
    if "_" in text:
        text = _UNDERSCORE.sub(r"\\_", text)
    if ":" in text:
        text = _DIRECTIVE.sub(r"\\:", text)
    if "&" in text:
        text = _REFERENCE.sub(r"\\&", text)
    if text[:1] in ("-", "+", "=", "#"):
        text = _MARKER_START.sub(r"\\\1", text)
    return _NUMBER_START.sub(r"\1\\\2", text) if text[:1].isdigit() else text


def md(value: object) -> Markdown:
    """Plain text (or a value) as markdown that shows exactly that text; Markdown is returned as it is."""
    if isinstance(value, Markdown):
        return value
    if value is None:
        return Markdown("")
    return Markdown(_escaped(str(value)))


def markdown(template: str, *values: object, **named: object) -> Markdown:
    """The code's own markdown (`template`, a str.format pattern) with each value escaped by md()."""
    return Markdown(template.format(*(md(v) for v in values), **{k: md(v) for k, v in named.items()}))


def markdown_join(parts: Iterable[object], separator: str = "\n\n") -> Markdown:
    """Parts (plain text escaped, Markdown kept) joined by the code's own separator; empty parts left out."""
    return Markdown(separator.join(md(part) for part in parts if part))


def _link_target(url: str) -> str:
    # A checked address holds no spaces or angle brackets; brackets are encoded so that they cannot end the link.
    return url.replace("(", "%28").replace(")", "%29")


def markdown_link(text: object, url: object) -> Markdown:
    """'[text](url)' when url is an address that may be linked to, else the text alone, never a link."""
    checked = checked_url(url)
    if checked is None:
        return md(text)
    return Markdown(f"[{md(text)}]({_link_target(checked)})")


_HTML_REFERENCES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"}
_HTML = str.maketrans(_HTML_REFERENCES)
_STREAMLIT_HTML = str.maketrans({**_HTML_REFERENCES, ":": "&#58;"})


def html_text(value: object) -> str:
    """A value as HTML text or attribute value (the pack, Plotly's titles, labels and hover text).

    Quotes are numeric references because Plotly decodes those but not '&quot;'; line breaks become spaces."""
    return _LINE_BREAKS.sub(" ", str(value)).translate(_HTML)


def html_link(text: object, url: object) -> str:
    """An HTML link when url is an address that may be linked to, else the text alone."""
    checked = checked_url(url)
    if checked is None:
        return html_text(text)
    return f'<a href="{html_text(checked)}">{html_text(text)}</a>'


def streamlit_html(value: object) -> str:
    """A value as HTML inside a Streamlit markdown element drawn with unsafe_allow_html: html_text(), and colons as
    references too, because Streamlit rewrites ':material/' in the element's source before any HTML is read."""
    return _LINE_BREAKS.sub(" ", str(value)).translate(_STREAMLIT_HTML)

"""Open a page of the app for a force the way a visitor's link does (AppTest), for page tests that share it."""

from __future__ import annotations

import html
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.web.widgets import TABLE_SWITCH

APP = str(Path(__file__).parents[1] / "app.py")
# Every page script (pages/<name>.py), by name: a new page is picked up by the tests that go through them all.
PAGE_SCRIPTS = tuple(sorted(path.stem for path in (Path(__file__).parents[1] / "pages").glob("*.py")))


def open_page(page: str, force: str) -> AppTest:
    """pages/<page>.py for ?force=<force>, run through the router, and checked to have raised nothing."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["force"] = force
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def show_tables(at: AppTest) -> AppTest:
    """Turn on every "Show as a table" switch on the page, as a visitor who wants the figures does, and rerun."""
    off = [switch for switch in at.toggle if switch.label == TABLE_SWITCH and not switch.value]
    for switch in off:
        switch.set_value(True)
    if off:
        at.run()
        assert not at.exception, at.exception
    return at


CARD = re.compile(r'<p class="card-name">(?P<name>[^<]*)</p>\n<p class="card-value">(?P<value>[^<]*)</p>')


def figure_cards(at: AppTest) -> dict[str, str]:
    """The headline figure cards a page shows, as {name: value}, read from the words the visitor sees."""
    found = {}
    for element in at.markdown:
        match = CARD.match(element.value)
        if match:
            found[html.unescape(match["name"])] = html.unescape(match["value"])
    return found


HEADING_LINE = re.compile(r"(#{2,3}) (?P<title>[^\n]+)(?:\n\n(?P<below>.*))?\Z", re.S)


def headings(at: AppTest) -> list[str]:
    """Every section heading (levels 2 and 3) in page order, drawn by st.header, st.subheader or section_heading."""
    found = []
    for node in at.main:
        kind = getattr(node, "type", "")
        if kind in ("header", "subheader"):
            found.append(node.value)
        elif kind == "markdown" and (match := HEADING_LINE.match(node.value)):
            found.append(match["title"])
    return found


def markdown_texts(at: AppTest) -> list[str]:
    """Each markdown element's words; one drawn by section_heading counts as its heading's words alone."""
    texts = []
    for element in at.markdown:
        match = HEADING_LINE.match(element.value)
        texts.append(match["below"] or "" if match else element.value)
    return texts


def downloaded_csv(at: AppTest, downloads: dict[str, bytes], key: str) -> str:
    """The CSV a download button hands over, as text (`downloads` is the fixture in tests/conftest.py)."""
    url = at.download_button(key=key).proto.url
    return downloads[url.rsplit("/", 1)[-1].split(".")[0]].decode("utf-8")

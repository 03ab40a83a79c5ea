"""The hostile copy of data/ (tests/hostile_data.py) reaches every text a page shows, and the briefing pack made from
it shows the hostile words as words: no element, script, style or link made from them, in its HTML or its charts."""

from __future__ import annotations

import base64
from datetime import date
from html.parser import HTMLParser

import pytest

from dashboard.common.escape import html_text
from dashboard.common.forces import ForceChoice
from dashboard.holding.briefing import pack as briefing
from dashboard.store.web_address import checked_url
from queries import QUERY_NAMES, query_parameters, run_query
from tests.hostile_data import VISIBLE, build_hostile_database
from tests.test_queries import SAMPLE_PARAMETERS

# Text columns the queries return that hold no free words: identifiers, values from a fixed list (checked by the
# build), web addresses (checked as addresses, tests/test_web_address.py), a code and a file's SHA-256.
NOT_FREE_TEXT = {
    "country",
    "date_precision",
    "earlier_source_tier",
    "earlier_source_title_kind",
    "evidence",
    "finding_kind",
    "grade",
    "kind",
    "pfa_code",
    "place_kind",
    "sha256",
    "source_tier",
    "source_title_kind",
    "source_url",
    "status",
    "tier",
    "title_kind",
    "url",
}


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    data, database = build_hostile_database(tmp_path_factory.mktemp("hostile"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_DB", str(database))
        yield database


def test_every_text_column_a_query_returns_holds_the_hostile_words_unless_it_holds_no_free_text(hostile_db):
    """So the browser journey over this data (tests/browser/test_hostile_data_journey.py) meets every text a page shows.

    A column counts as reached when some query returns the hostile words in it (a period the importer labels itself,
    'April 2024', is the code's words, not the data's)."""
    text_columns, reached = set(), set()
    for name in sorted(QUERY_NAMES):
        frame = run_query(name, **{p: SAMPLE_PARAMETERS[p] for p in query_parameters(name)})
        for column in frame.columns:
            texts = [value for value in frame[column] if isinstance(value, str)]
            if texts and not column.endswith("_id"):
                text_columns.add(column)
                if any(VISIBLE in text for text in texts):
                    reached.add(column)
    untouched = text_columns - reached
    assert untouched <= NOT_FREE_TEXT, f"text columns without hostile words: {sorted(untouched - NOT_FREE_TEXT)}"
    assert {"file_name", "earlier_source_publisher", "superseded_by_file"} <= reached  # the hostile release's own


class Reader(HTMLParser):
    """Every element (with its attributes) and the words of an HTML or SVG document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.words: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data):
        self.words.append(data)


def read(document: str) -> Reader:
    reader = Reader()
    reader.feed(document)
    reader.close()
    return reader


@pytest.fixture(scope="module")
def hostile_pack(hostile_db):
    herts = run_query("forces").set_index("force_id").loc["hertfordshire"]
    force = ForceChoice("hertfordshire", herts["short_name"], herts["name"])
    data = briefing.gather(force, date(2025, 8, 1), date(2025, 8, 4))
    images = briefing.chart_images(briefing.chart_figures(data))
    return briefing.render_html(data, images), images


def test_the_briefing_pack_from_hostile_data_shows_the_words_and_makes_no_element_from_them(hostile_pack):
    document, _ = hostile_pack
    pack = read(document)
    tags = {tag for tag, _ in pack.elements}
    assert not tags & {"script", "iframe", "object", "embed", "form", "base", "link", "math"}
    assert [tag for tag, _ in pack.elements].count("style") == 1  # the pack's own print style
    for tag, attributes in pack.elements:
        assert not [a for a in attributes if a.startswith("on")], f"<{tag}> has an event handler"
        if tag == "img":
            assert attributes["src"].startswith("data:image/svg+xml;base64,"), attributes["src"][:80]
        if tag == "a":
            assert checked_url(attributes["href"]) == attributes["href"], attributes["href"]
    words = " ".join(pack.words)
    assert VISIBLE in words and "![x](//127.0.0.2/p.gif)" in words and "[js](javascript:" in words
    assert html_text(VISIBLE) in document


def test_the_packs_chart_images_show_the_hostile_words_as_text_and_hold_no_link_or_script(hostile_pack):
    _, images = hostile_pack
    assert images, "no chart image was made (kaleido and Chromium are needed)"
    legends = []
    for image in images.values():
        svg = base64.b64decode(image.removeprefix("data:image/svg+xml;base64,")).decode("utf-8")
        chart = read(svg)
        assert not {tag for tag, _ in chart.elements} & {"a", "script", "foreignobject", "iframe", "image"}
        assert not [a for _, attributes in chart.elements for a in attributes if a.startswith("on")]
        legends.append(" ".join(chart.words))
    assert any(VISIBLE in legend for legend in legends), "the measures' hostile names are not in the charts as words"

"""The Panel's briefing pack: the PDF exists and holds the force, its grades, the tracker items and the sources.

Kaleido and Chromium are slow, so the pack is made once for this module and shared by its tests.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from dashboard import briefing
from dashboard.common.forces import ForceChoice

APP = str(Path(__file__).parents[1] / "app.py")
HERTS = ForceChoice("hertfordshire", "Hertfordshire", "Hertfordshire Constabulary")
AS_AT, MADE_ON = date(2025, 8, 1), date(2025, 8, 4)


@pytest.fixture(scope="module")
def pack(real_db) -> briefing.BriefingPack:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_DB", str(real_db))
        return briefing.make_pack(HERTS, AS_AT, MADE_ON)


@pytest.fixture(scope="module")
def pdf_text(pack) -> str:
    assert pack.pdf is not None, pack.problem
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pack.pdf)).pages)
    return " ".join(text.split())  # the PDF wraps lines anywhere; compare on single spaces


def test_the_pdf_is_a_real_pdf_of_several_pages(pack):
    assert pack.pdf.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(pack.pdf)).pages) >= 5
    assert pack.notes == []  # the charts were drawn
    assert pack.file_stem == "briefing-pack-hertfordshire-as-at-2025-08-01"


def test_the_cover_names_the_force_the_date_and_data_as_at(pdf_text):
    assert "Hertfordshire Constabulary" in pdf_text
    assert "Date of this pack 4 August 2025" in pdf_text
    assert "Data as at 1 August 2025" in pdf_text


def test_the_pdf_holds_the_grades_in_words(pdf_text):
    assert "Recording data about crime ✖ Inadequate" in pdf_text
    assert "Preventing crime and antisocial behaviour ★ Good" in pdf_text
    assert "Leadership and force management ▲ Requires improvement" in pdf_text


def test_the_pdf_holds_key_figures_with_their_summaries(pdf_text):
    assert "87.4%" in pdf_text
    assert "below the 90% standard" in pdf_text
    assert "82.6%" in pdf_text


def test_the_pdf_holds_the_tracker_items(pdf_text):
    assert "1 closed by the inspectorate" in pdf_text
    assert "Record reported crime correctly" in pdf_text
    assert "Improve 999 call handling (answer speed)." in pdf_text
    assert "11 July 2025: HM Inspector Roy Wilsher formally closed the cause of concern" in pdf_text
    assert "Not found: The full list of areas for improvement." in pdf_text


def test_the_pdf_holds_the_source_list_and_caveats(pdf_text):
    assert "5. Sources and caveats" in pdf_text
    assert "HMICFRS: Hertfordshire Constabulary: cause of concern closed (letter from HM Inspector Roy Wilsher)" in pdf_text
    assert "Hertfordshire Police and Crime Commissioner: Commissioner responds to HMICFRS report" in pdf_text
    assert "cannot be compared directly between inspection cycles" in pdf_text


def test_the_html_version_has_real_headings_and_alt_text_for_charts(pack):
    document = pack.html
    assert '<html lang="en-GB">' in document
    for heading in ("<h2>1. Inspection grades</h2>", "<h2>3. Improvement tracker</h2>", "<h2>5. Sources and caveats</h2>"):
        assert heading in document
    assert document.count('<img src="data:image/svg+xml;base64,') == 2
    assert 'alt="We hold 3 figures for Hertfordshire Constabulary on answering 999 calls' in document
    assert "break-inside: avoid" in document


def test_data_values_are_escaped_in_the_html():
    grades = pd.DataFrame(
        {
            "area_name": ["<script>alert(1)</script>"],
            "area_short_name": ["x"],
            "grade": ["Good"],
            "published": [pd.Timestamp("2024-10-16")],
            "source_publisher": ["A & B"],
            "source_title": ['"quoted"'],
            "source_url": ["https://example.org/?a=1&b=<2>"],
            "source_published": [None],
            "source_tier": ["primary"],
        }
    )
    empty_tracker = pd.DataFrame(columns=["status", "target_date"])
    empty_events = pd.DataFrame(columns=["kind", "status", "cycle_id", "event_date"])
    data = briefing.BriefingData(
        "x", "Force <b>X</b>", AS_AT, MADE_ON, "2023-25", "PEEL 2023-25", "note", grades, [], empty_tracker, empty_events
    )
    document = briefing.render_html(data, {})
    assert "<script>alert(1)</script>" not in document
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document
    assert "Force &lt;b&gt;X&lt;/b&gt;" in document
    assert "https://example.org/?a=1&amp;b=&lt;2&gt;" in document


def test_a_missing_chromium_fails_politely(monkeypatch):
    monkeypatch.setenv("BRIEFING_CHROMIUM", "/nonexistent/chromium")
    with pytest.raises(briefing.BriefingError) as caught:
        briefing.print_pdf("<html></html>")
    assert str(caught.value) == "The PDF cannot be made on this server because the Chromium browser is not installed."


def test_the_page_offers_the_pdf_and_the_html_after_one_click(use_real_db, pack, monkeypatch):
    monkeypatch.setattr(briefing, "make_pack", lambda force, as_at: pack)  # the real pack was made once above
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["as_at"] = "2025-08-01"
    at.switch_page("pages/briefing.py").run()
    assert at.title[0].value == "Briefing pack: Hertfordshire Constabulary"
    at.button(key="briefing_make").click().run()
    assert not at.exception
    assert at.success[0].value == "Briefing pack ready: Hertfordshire Constabulary, data as at 1 August 2025."
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == ["Download the PDF", "Download the HTML version"]


def test_a_pack_as_at_before_the_closure_leaves_later_updates_out_and_flags_later_sources(use_real_db):
    data = briefing.gather(HERTS, date(2025, 3, 31), MADE_ON)
    document = briefing.render_html(data, {})  # no charts or PDF needed to check what is included
    assert "As at 31 March 2025, of 5 items for Hertfordshire Constabulary: 5 open." in document
    assert "The inspectorate closes the cause of concern" not in document
    assert "formally closed the cause of concern" not in document
    # The 82.6% audit figure (period ended June 2024) is cited from the July 2025 closure letter: said so plainly.
    assert "82.6%" in document
    assert "Published after the “data as at” date; cited here only for figures dated earlier." in document

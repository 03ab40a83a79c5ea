"""The Panel's briefing pack: the PDF exists and holds the force, its grades, the tracker items and the sources.

Kaleido and Chromium are slow, so the pack is made once for this module and shared by its tests.
"""

from __future__ import annotations

import io
import re
import time
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from dashboard.common.forces import ForceChoice
from dashboard.common.wording import format_date
from dashboard.holding.briefing import jobs as briefing_jobs
from dashboard.holding.briefing import pack as briefing
from dashboard.holding.briefing.content import change_days, default_since, pack_dates
from dashboard.holding.model.as_at import EARLIEST
from deploy.process import pid_running

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
    for ligature, letters in (("ﬁ", "fi"), ("ﬀ", "ff"), ("ﬂ", "fl"), ("ﬃ", "ffi")):  # the PDF's font joins these
        text = text.replace(ligature, letters)
    return " ".join(text.split())  # the PDF wraps lines anywhere; compare on single spaces


def test_the_pdf_is_a_real_pdf_of_several_pages(pack):
    assert pack.pdf.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(pack.pdf)).pages) >= 5
    assert pack.notes == []  # the charts were drawn
    assert pack.file_stem == "briefing-pack-hertfordshire-as-at-2025-08-01-since-2025-04-01"


SECTION_HEADINGS = (
    "Summary",
    "1. Inspection grades",
    "2. Grades beside similar forces and England and Wales",
    "3. 999 and 101 calls",
    "4. Crime recording",
    "5. Recorded crime and charge rate",
    "6. Improvement tracker",
    "7. Inspection timeline",
    "8. Sources",
    "9. Caveats",
)


def test_every_section_is_there_by_its_heading_in_order(pack, pdf_text):
    positions = [pack.html.find(f"<h2>{heading}</h2>") for heading in SECTION_HEADINGS]
    assert -1 not in positions, [h for h, at in zip(SECTION_HEADINGS, positions) if at == -1]
    assert positions == sorted(positions)
    in_pdf = [pdf_text.find(heading) for heading in SECTION_HEADINGS[1:]]
    assert -1 not in in_pdf and in_pdf == sorted(in_pdf)


def test_the_summary_says_since_when_and_why_and_lists_what_changed(pdf_text):
    assert "Changes are counted since 1 April 2025: the date of the last public meeting in the inspection timeline" in pdf_text
    assert "11 July 2025: tracker item now closed by the inspectorate (was in progress)" in pdf_text
    assert "Open improvement items (4)" in pdf_text
    assert "999 calls answered within 10 seconds: 87.4% (April 2024), below the 90% standard" in pdf_text


def test_a_chosen_since_date_is_used_and_said(use_real_db):
    data = briefing.gather(HERTS, AS_AT, MADE_ON, since=date(2025, 7, 1))
    document = briefing.render_html(data, {})
    assert "Changes are counted since <strong>1 July 2025</strong>: the day chosen for this pack." in document
    assert "tracker item now <strong>closed by the inspectorate</strong>" in document


def test_without_a_meeting_the_summary_counts_from_three_months_before(use_real_db):
    data = briefing.gather(HERTS, date(2024, 9, 30), MADE_ON)
    assert data.extra.since.day == date(2024, 6, 30)
    assert data.extra.since.reason.startswith("three months before")


def test_the_grades_sit_beside_the_most_similar_group_and_england_and_wales_as_counts(pack, pdf_text):
    squashed = pdf_text.replace(" ", "")  # narrow table cells wrap long names anywhere
    for peer in ("Avon and Somerset", "Hampshire and Isle of Wight", "Leicestershire", "Staffordshire", "Surrey", "Sussex"):
        assert peer.replace(" ", "") in squashed
    assert "England and Wales (43 forces)" in pdf_text
    assert "PEEL 2023-25: areas at each grade" in pdf_text and "PEEL 2021-22: areas at each grade" in pdf_text
    assert "never averaged or scored" in pdf_text
    assert "Grades cannot be compared directly with earlier inspection cycles" in pdf_text


def test_each_figure_section_sets_the_force_beside_its_peers_and_says_gaps_plainly(pack, pdf_text):
    assert pdf_text.count("Beside most similar forces and England and Wales") == 3
    assert "No figure held" in pdf_text
    assert "Not held for Hertfordshire Constabulary by this date: Mean 999 answer time." in pdf_text
    assert "Charge or summons rate for Hertfordshire Constabulary: 5.7% (12 months to September 2022)" in pdf_text
    # The fifth research pass's 74,608 for the year to March 2024 is the latest, not 76,373 for the year before.
    assert "Police recorded crime (total) for Hertfordshire Constabulary: 74,608 crimes" in pdf_text
    # Like with like: England and Wales's crime-recording figure is another period, and the table says how far apart.
    assert "Year to March 2022: another period, two years earlier" in pdf_text
    assert "periods may differ" not in pdf_text


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
    assert "8. Sources" in pdf_text and "9. Caveats" in pdf_text
    # Our description of a page is not quoted; the publisher's own title is.
    assert "HMICFRS: letter from HM Inspector Roy Wilsher closing Hertfordshire Constabulary's cause of concern" in pdf_text
    assert "Hertfordshire Police and Crime Commissioner: “Commissioner responds to HMICFRS report" in pdf_text
    assert "Abbreviations and terms" in pdf_text and "PCC: Police and Crime Commissioner" in pdf_text
    assert "cannot be compared directly between inspection cycles" in pdf_text


def test_the_html_version_has_real_headings_and_alt_text_for_charts(pack):
    document = pack.html
    assert '<html lang="en-GB">' in document
    assert document.count('<img src="data:image/svg+xml;base64,') == 4  # the grade scorecard and three charts
    # 7 since the fifth research pass added the force's 153,408 calls to 999 in 2017.
    assert (
        'alt="We hold 7 figures for Hertfordshire Constabulary on answering 999 and 101 calls; the earliest covers 2017'
        in document
    )
    assert "break-inside: avoid" in document


def test_the_first_page_opens_with_the_grade_scorecard_whose_text_is_the_grade_list(pack):
    first_page = pack.html.split('<section class="part"')[0]
    scorecard = re.search(r'<figure class="scorecard"><img src="data:image/svg\+xml;base64,[^"]+" alt="([^"]+)">', first_page)
    assert scorecard is not None
    assert scorecard.group(1).startswith("Hertfordshire Constabulary")
    for words in ("Good: Preventing crime", "Inadequate: Recording data about crime"):
        assert words in scorecard.group(1)


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
        "x", "Force <b>X</b>", AS_AT, MADE_ON, "2023-25", "PEEL 2023-25", "note", grades, empty_tracker, empty_events
    )
    document = briefing.render_html(data, {})
    assert "<script>alert(1)</script>" not in document
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document
    assert "Force &lt;b&gt;X&lt;/b&gt;" in document
    assert "https://example.org/?a=1&amp;b=&lt;2&gt;" in document  # an address a link cannot be made to: plain words
    assert '<a href="https://example.org/?a=1' not in document


def test_a_missing_chromium_fails_politely(monkeypatch):
    monkeypatch.setenv("BRIEFING_CHROMIUM", "/nonexistent/chromium")
    with pytest.raises(briefing.BriefingError) as caught:
        briefing.print_pdf("<html></html>")
    assert str(caught.value) == "The PDF cannot be made on this server because the Chromium browser is not installed."


def test_the_page_offers_the_pdf_and_the_html_after_one_click(use_real_db, pack, monkeypatch):
    made = []
    monkeypatch.setattr(briefing, "make_pack", lambda *args, **kwargs: made.append(args) or pack)  # made once above
    monkeypatch.setattr(briefing_jobs, "jobs", briefing_jobs.PackJobs())
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["as_at"] = "2025-08-01"
    at.switch_page("pages/briefing.py").run()
    assert at.title[0].value == "Briefing pack: Hertfordshire Constabulary"
    # Nothing the pack holds changed between the last change before 1 August and that day: the page says so.
    used = pack_dates(AS_AT, date(2025, 4, 1))
    assert used.as_at < AS_AT
    assert used.note in [info.value for info in at.info]
    at.button(key="briefing_make").click().run()
    assert not at.exception
    assert at.success[0].value == f"Briefing pack ready: Hertfordshire Constabulary, data as at {format_date(used.as_at)}."
    assert made[0][1] == used.as_at  # the pack was made for the day the page named
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


def _asked_and_snapped(force: ForceChoice, as_at: date, since: date) -> tuple[str, str]:
    """The pack's HTML for the dates asked for (their printed dates written as the snapped ones) and for the snapped dates."""
    used = pack_dates(as_at, since)
    asked = briefing.render_html(briefing.gather(force, as_at, MADE_ON, since), {})
    snapped = briefing.render_html(briefing.gather(force, used.as_at, MADE_ON, used.since), {})
    printed = {format_date(as_at): format_date(used.as_at), format_date(since): format_date(used.since)}
    return re.sub("|".join(map(re.escape, printed)), lambda match: printed[match.group(0)], asked), snapped


ESSEX = ForceChoice("essex", "Essex", "Essex Police")
BLOCK_SECONDS = 30  # an upper bound so a broken test ends; never a measure of speed


@pytest.mark.parametrize(
    "force, as_at, since",
    [
        (HERTS, date(2025, 8, 1), date(2025, 4, 1)),
        (HERTS, date(2025, 3, 30), date(2025, 1, 5)),
        (HERTS, date(2024, 10, 15), date(2023, 6, 1)),
        (ESSEX, date(2024, 5, 5), date(2023, 6, 1)),
        (ESSEX, date(2015, 6, 1), date(2011, 2, 3)),
    ],
)
def test_a_pack_made_for_the_snapped_dates_holds_exactly_what_the_dates_asked_for_would(use_real_db, force, as_at, since):
    asked, snapped = _asked_and_snapped(force, as_at, since)
    assert asked == snapped


@pytest.mark.parametrize(
    "as_at, since",
    [(date(2025, 6, 15), date(2024, 12, 20)), (date(2025, 4, 1), date(2024, 11, 14)), (date(2025, 7, 10), date(2025, 1, 10))],
)
def test_snapping_keeps_an_item_overdue_from_the_day_after_its_target_date(use_fixture_db, as_at, since):
    # The fixture's tracker item a1 had a target date of 31 March 2025 and is not closed: overdue from 1 April.
    assert date(2025, 4, 1) in change_days()
    asked, snapped = _asked_and_snapped(HERTS, as_at, since)
    assert "OVERDUE" in asked
    assert asked == snapped


def test_two_dates_between_the_same_two_changes_snap_to_the_first_of_them(use_real_db):
    days = change_days()
    # The date pickers go back to EARLIEST; the data holds a few older days (figures for periods before 2010).
    earlier, later = next((a, b) for a, b in zip(days, days[1:]) if a >= EARLIEST and (b - a).days > 2)
    since = days[0]
    first, second = pack_dates(earlier + timedelta(days=1), since), pack_dates(later - timedelta(days=1), since)
    assert first.as_at == second.as_at == earlier
    assert pack_dates(later, since).as_at == later  # a change day is its own


HANGING_CHROMIUM = """#!/bin/sh
# Stands in for a Chromium that hangs: it starts a child of its own (as Chromium starts its renderers), then sleeps.
sleep 600 &
echo $! > "{children}"
echo $$ > "{leader}"
sleep 600
"""


def test_a_chromium_that_hangs_past_the_timeout_is_killed_with_every_process_it_started(tmp_path):
    children, leader = tmp_path / "child.pid", tmp_path / "leader.pid"
    stub = tmp_path / "chromium"
    stub.write_text(HANGING_CHROMIUM.format(children=children, leader=leader))
    stub.chmod(0o755)
    with pytest.raises(briefing.BriefingError) as caught:
        briefing.print_pdf("<html></html>", chromium=str(stub), timeout=2)
    assert str(caught.value) == "The PDF took too long to make. Please try again, or print the HTML version."
    started = [int(leader.read_text()), int(children.read_text())]
    deadline = time.monotonic() + BLOCK_SECONDS  # SIGKILL lands at once; the bound only ends a broken test
    while any(pid_running(pid) for pid in started) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [pid for pid in started if pid_running(pid)] == []  # the browser and its child are both gone


def test_the_page_opens_for_a_day_before_any_dated_event_in_the_timeline(use_real_db):
    # Hertfordshire's timeline holds only undated 'not found' rows as at 2020: the page failed on them.
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["as_at"] = "2020-06-01"
    at.switch_page("pages/briefing.py").run()
    assert not at.exception
    assert at.button(key="briefing_make").label == "Make the briefing pack"
    assert default_since("hertfordshire", date(2020, 6, 1)).reason.startswith("three months before")

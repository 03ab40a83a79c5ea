"""A Panel member makes the briefing pack in real Chromium, downloads the PDF and reads it back."""

from __future__ import annotations

import io
import re
from datetime import date

from playwright.sync_api import expect
from pypdf import PdfReader

from dashboard.common.wording import format_date
from dashboard.holding.briefing.content import pack_dates
from tests.browser.helpers import assert_page_did_not_fail, choose_force, expect_force_in_url, open_path, wait_until_drawn
from tests.test_briefing import SECTION_HEADINGS as HEADINGS

PEERS = ("Avon and Somerset", "Hampshire and Isle of Wight", "Leicestershire", "Staffordshire", "Surrey", "Sussex")
FOOTER_POINTS = 60  # the page-number footer sits in the bottom margin, below this height


def _text(reader: PdfReader) -> str:
    text = "\n".join(page.extract_text() for page in reader.pages)
    for ligature, letters in (("ﬁ", "fi"), ("ﬀ", "ff"), ("ﬂ", "fl"), ("ﬃ", "ffi")):
        text = text.replace(ligature, letters)
    return " ".join(text.split())


def _share_used(page) -> float:
    """How far down the page its body text reaches, as a share of the page height (footer left out)."""
    heights = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            y = tm[5] * cm[3] + tm[4] * cm[1] + cm[5]
            if y > FOOTER_POINTS:
                heights.append(y)

    page.extract_text(visitor_text=visit)
    return 1 - min(heights) / float(page.mediabox.height) if heights else 0.0


def test_a_panel_member_makes_downloads_and_reads_the_briefing_pack(page, use_real_db):
    # Nothing changed between the last change before 1 August 2025 and that day: the pack is dated to that change.
    used = pack_dates(date(2025, 8, 1), date(2025, 4, 1))
    open_path(page, "/briefing?force=essex")
    choose_force(page, "Hertfordshire")
    expect_force_in_url(page, "hertfordshire")
    wait_until_drawn(page)
    # The date field is three spin buttons (day, month, year); typing the digits moves from one to the next and
    # opens the calendar at that month, where the day is picked.
    page.get_by_role("spinbutton", name="day, Data as at").click()
    page.keyboard.type("01082025")
    page.get_by_role("button", name="Friday, 1 August 2025").click()
    expect(page).to_have_url(re.compile(r"[?&]as_at=2025-08-01(&|$)"))
    wait_until_drawn(page)
    expect(page.get_by_text(used.note)).to_be_visible()
    page.get_by_role("button", name="Make the briefing pack").click()
    download_button = page.get_by_role("button", name="Download the PDF")
    expect(download_button).to_be_visible(timeout=180_000)
    assert_page_did_not_fail(page)
    with page.expect_download() as caught:
        download_button.click()
    download = caught.value
    assert download.suggested_filename == f"briefing-pack-hertfordshire-as-at-{used.as_at}-since-{used.since}.pdf"
    reader = PdfReader(io.BytesIO(open(download.path(), "rb").read()))

    pages = len(reader.pages)
    assert 8 <= pages <= 20, pages
    text = _text(reader)
    assert "Hertfordshire Constabulary" in text and f"Data as at {format_date(used.as_at)}" in text
    # Headings in order: each looked for after the one before, starting past the contents list on page one.
    positions, start = [], text.find("Summary Changes are counted since")
    assert start != -1, "no summary"
    for heading in HEADINGS:
        start = text.find(heading, start)
        assert start != -1, f"{heading!r} missing or out of order"
        positions.append(start)
    peers = text[positions[2] : positions[3]].replace(" ", "")  # the peer comparison section
    for peer in PEERS:
        assert peer.replace(" ", "") in peers, peer
    assert "England and Wales (43 forces)" in text[positions[2] : positions[3]]
    half_empty = [n + 1 for n, p in enumerate(reader.pages[:-1]) if _share_used(p) < 0.5]
    assert half_empty == [], f"pages more than half empty: {half_empty} of {pages}"

"""Router: builds the database if it is missing or stale, then hands over to the chosen page."""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from dashboard.store.build import ensure_database
from dashboard.store.db import one_version_per_run
from dashboard.store.tables import DataFileError
from dashboard.web.concurrency import script_slot
from dashboard.web.layout import TAB_ICON, narrow_screen_layout
from dashboard.web.url import url_value

HERE = Path(__file__).parent
log = logging.getLogger("dashboard")

SITE = "Policing accountability dashboard"

try:
    ensure_database(recheck_after=2.0)  # a data file edited by hand shows within two seconds
except DataFileError as error:
    log.error("database build failed: %s", error)
    st.set_page_config(page_title=SITE, page_icon=TAB_ICON, layout="wide")
    st.error("The dashboard's data could not be loaded just now. Please try again later.")
    st.stop()

PAGES_KEY = "_navigation_pages"
MEETING_PATH = "meeting"


def navigation_pages() -> dict[str, list]:
    """Every page of the dashboard, by section, in the order the navigation lists them."""
    PAGES = {
        "Your force": [
            # The default page is served at "/" only; its twin below answers the published address /overview.
            st.Page(HERE / "pages" / "overview.py", title="Overview", icon=":material/dashboard:", default=True, url_path="home"),
            st.Page(HERE / "pages" / "grades.py", title="Inspection grades", icon=":material/grading:", url_path="grades"),
            st.Page(HERE / "pages" / "calls.py", title="999 and 101 calls", icon=":material/call:", url_path="calls"),
            st.Page(
                HERE / "pages" / "crime_recording.py",
                title="Crime recording",
                icon=":material/fact_check:",
                url_path="crime-recording",
            ),
            st.Page(
                HERE / "pages" / "crime_outcomes.py",
                title="Recorded crime and outcomes",
                icon=":material/gavel:",
                url_path="crime-outcomes",
            ),
        ],
        "Compare": [
            st.Page(HERE / "pages" / "peers.py", title="Similar forces", icon=":material/groups:", url_path="peers"),
            st.Page(HERE / "pages" / "national.py", title="All forces", icon=":material/table_view:", url_path="national"),
            st.Page(HERE / "pages" / "explorer.py", title="Metric explorer", icon=":material/query_stats:", url_path="explorer"),
        ],
        "Holding to account": [
            st.Page(HERE / "pages" / "tracker.py", title="Improvement tracker", icon=":material/checklist:", url_path="tracker"),
            st.Page(HERE / "pages" / "timeline.py", title="Inspection timeline", icon=":material/timeline:", url_path="timeline"),
            st.Page(HERE / "pages" / "meeting.py", title="Meeting mode", icon=":material/co_present:", url_path="meeting"),
            st.Page(HERE / "pages" / "briefing.py", title="Briefing pack", icon=":material/picture_as_pdf:", url_path="briefing"),
        ],
        "About": [
            st.Page(HERE / "pages" / "about_data.py", title="About the data", icon=":material/info:", url_path="about-data"),
            st.Page(
                HERE / "pages" / "accessibility.py",
                title="Accessibility",
                icon=":material/accessibility:",
                url_path="accessibility",
            ),
        ],
    }
    return PAGES


def address_aliases() -> list:
    """Pages reachable at an address but not listed in the menu: Streamlit serves the default page at "/" alone."""
    return [
        st.Page(
            HERE / "pages" / "overview.py",
            title="Overview",
            icon=":material/dashboard:",
            url_path="overview",
            visibility="hidden",
        )
    ]


# st.Page looks for its file on disk every time one is made; each session keeps the pages it was first given
# (its reruns never overlap, so nothing is shared between threads). Measured: about 0.4 ms of every rerun.
if PAGES_KEY not in st.session_state:
    st.session_state[PAGES_KEY] = (navigation_pages(), address_aliases())
PAGES, ALIASES = st.session_state[PAGES_KEY]
# Every page is always registered, so every address resolves ("Page not found" otherwise covers the page);
# ?mode=meeting only hides the navigation chrome (for a projector or webcast).
in_meeting = url_value("mode") == "meeting"
# The tab's icon before the navigation, in every run: until a run has set one, the browser takes the page's Material
# icon for the tab and fetches it from fonts.gstatic.com. Not once per session: a run cut short by st.switch_page
# (meeting mode below) never delivers its messages.
st.set_page_config(page_icon=TAB_ICON, layout="wide")
page = st.navigation({**PAGES, "": ALIASES}, position="hidden" if in_meeting else "sidebar")
if in_meeting and page.url_path != MEETING_PATH:
    # Meeting mode belongs to the meeting page, whatever path the link was pasted with.
    meeting_page = next(p for pages in PAGES.values() for p in pages if p.url_path == MEETING_PATH)
    st.switch_page(meeting_page, query_params=st.query_params.to_dict())
# The page's own name first in the browser tab, so each page has a distinct title (WCAG 2.4.2 Page Titled).
# After navigation, which chooses the page.
st.set_page_config(page_title=f"{page.title} · {SITE}")
narrow_screen_layout()
try:
    # One page script at a time per process (dashboard/web/concurrency.py), reading one database build throughout.
    with script_slot(), one_version_per_run():
        page.run()
except Exception:  # Streamlit's own control flow (rerun, stop) is not an Exception subclass.
    log.exception("page %s failed", page.title)
    st.error("Sorry, this part of the page could not be shown. The rest of the dashboard still works; please try again later.")

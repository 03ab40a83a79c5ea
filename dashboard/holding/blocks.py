"""Streamlit building blocks for the 'Holding to account' pages: tracker, timeline and meeting steps."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from concurrent.futures import Future
from datetime import date
from typing import TYPE_CHECKING

import streamlit as st

from dashboard.common.escape import md
from dashboard.common.forces import ForceChoice
from dashboard.holding.briefing.jobs import PackJobs, QueueFull, WaitTimedOut
from dashboard.holding.model import meeting
from dashboard.holding.model.as_at import EARLIEST, DateChoice, months_before, parse_date
from dashboard.holding.views import ChartView, TrackerBlock, step_view
from dashboard.web.elements import csv_download, plotly_chart
from dashboard.web.elements import table as show_table
from dashboard.web.layout import narrow_only, wide_only
from dashboard.web.url import keep_param, url_value
from dashboard.web.widgets import chart_name, table_switch

if TYPE_CHECKING:
    from dashboard.holding.briefing.pack import BriefingPack


def cycle_select(names: dict[str, str]) -> tuple[str, str]:
    """The inspection cycle (id, name), bound to ?cycle=: the latest unless the URL names another (unknown: falls back)."""
    cycle_ids = list(names)
    requested = url_value("cycle")
    if requested is not None and requested not in names:
        st.info(md(f"We hold no inspection cycle called that, so we show {names[cycle_ids[0]]}."), icon=":material/info:")
    index = cycle_ids.index(requested) if requested in names else 0
    picked = st.selectbox("Inspection", cycle_ids, index=index, format_func=names.get)
    keep_param("cycle", picked)
    return picked, names[picked]


def tracker_block(block: TrackerBlock, file_name: str, key: str) -> None:
    """Counts (a plain sentence and a table, one markdown), then the items: on a phone a list with each status first,
    elsewhere the full table with evidence links (it scrolls inside its own box); a CSV download on both."""
    st.markdown(md(block.counts))
    # At 360 px the table shows two columns at most: there, each item as a line that starts with its status.
    with narrow_only(f"tracker-{key}"):
        st.markdown(md(block.as_list))
    with wide_only(f"tracker-{key}"):
        show_table(
            block.table,
            column_config={
                "Evidence": st.column_config.LinkColumn("Evidence", display_text="Open the evidence"),
                "What is to be improved": st.column_config.TextColumn(width="large"),
                "What the update says": st.column_config.TextColumn(width="large"),
            },
        )
    csv_download(block.table, "Download the tracker (CSV)", file_name, key)


def not_found_notes(text: str | None) -> None:
    """Documents looked for and not found, said plainly in one warning."""
    if text:
        st.warning(md(text), icon=":material/search_off:")


def _go_to(number: int) -> None:
    st.query_params["step"] = str(number)


def _leave_meeting() -> None:
    st.query_params.pop("mode", None)


def step_navigation(step: int, in_meeting: bool = False, minutes_link: str | None = None) -> None:
    """The control bar: Previous / Next (arrow keys), one button per agenda step (number keys), all moving ?step=;
    in meeting mode also "Leave meeting mode" (Escape) and the link for the minutes in a popover.

    One horizontal row at the top of the slide, so the controls never fall below the fold on a projector; it wraps
    on a phone. Labels are plain words: Streamlit prints each button's key after its label.
    """
    count = len(meeting.AGENDA)
    with st.container(horizontal=True, key="meeting-controls", vertical_alignment="center"):
        st.button(
            "Previous",
            key="meeting_previous",
            on_click=_go_to,
            args=(max(step - 1, 1),),
            disabled=step == 1,
            shortcut=meeting.PREVIOUS_KEY,
        )
        st.button(
            "Next",
            key="meeting_next",
            on_click=_go_to,
            args=(min(step + 1, count),),
            disabled=step == count,
            shortcut=meeting.NEXT_KEY,
            type="primary",
        )
        for number, item in enumerate(meeting.AGENDA, start=1):
            st.button(
                item.label,
                key=f"meeting_step_{number}",
                on_click=_go_to,
                args=(number,),
                type="tertiary" if number != step else "secondary",
                shortcut=str(number),
                help=f"Step {number}: {item.title}",
            )
        if minutes_link is not None:
            with st.popover("Link for the minutes"):
                st.write("This address reopens exactly this step, with the same force and the same “data as at” date.")
                st.code(minutes_link, language=None, wrap_lines=True)
        if in_meeting:
            st.button("Leave meeting mode", key="meeting_leave", on_click=_leave_meeting, shortcut=meeting.LEAVE_KEY)


def show_step(step: int, force: ForceChoice, as_at: date, large: bool) -> None:
    """One agenda step as a slide: a plain headline, then the evidence under it and the presenter line (what it means
    and its source), all as known on the as-at date; the full tracker table and its CSV follow below the slide."""
    view = step_view(force.force_id, force.name, force.short_name, step, as_at, large)
    st.title(md(view.headline))
    for words in (view.text, view.no_figures, view.tracker_table):
        if words:
            st.markdown(md(words))
    if view.chart is not None:
        slide_chart(view.chart, view.presenter, key=f"meeting_{meeting.AGENDA[step - 1].slug}")
    elif view.presenter:
        st.markdown(md(view.presenter))
    if view.tracker is not None:
        with st.expander("The full tracker, with evidence links and a CSV download"):
            tracker_block(view.tracker, f"{force.force_id}-tracker-as-at-{as_at.isoformat()}.csv", "meeting_tracker_csv")


def slide_chart(chart: ChartView, presenter: str | None, key: str) -> None:
    """dashboard.web.widgets.chart_block's group (sentence, chart, data and CSV), with the presenter line between the chart
    and its data so that it stays on the slide."""
    with st.container(key=f"chart-{key}"):
        st.markdown(md(chart.summary))
        plotly_chart(chart.figure, key=f"{key}_chart", config={"displaylogo": False}, alt=chart_name(chart.summary))
        if presenter:
            st.markdown(md(presenter))
        table_switch(chart.table, chart.file_name, key)


# Static style only (no data). A slide must fit a projector without scrolling, from 1366x768 to 1920x1080, and be
# readable from the back of the room: type scales with the smaller of the width and the height (about 17 px at
# 1366x768, 24 px at 1920x1080) and nothing in the slide is smaller than the body text. Charts keep the size
# their builder gives them (their SVG text is set by Plotly, so it is left alone here).
MEETING_CSS = """
<style>
header[data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
html { font-size: clamp(16px, min(1.25vw, 2.2vh), 30px); }
[data-testid="stMainBlockContainer"], .block-container {
  padding: 0.6rem 1.5rem 3rem !important; max-width: 100% !important;
}
[data-testid="stMain"] :is(p, li, td, th, span, small, code, kbd, label, summary, button, a, div):not(h1 *, svg *) {
  font-size: 1rem !important;
}
[data-testid="stMain"] h1 {
  font-size: clamp(24px, min(2.1vw, 3.6vh), 52px) !important; line-height: 1.2 !important;
  font-weight: 700 !important; padding: 0 !important;
}
[data-testid="stMain"] :is(p, li) { line-height: 1.35 !important; margin-bottom: 0.2rem; }
[data-testid="stMain"] .stButton button, [data-testid="stMain"] [data-testid="stPopover"] button {
  min-height: 2.2rem; padding: 0.15rem 0.8rem;
}
[data-testid="stMain"] table { width: 100%; }
[data-testid="stMain"] :is(td, th) { padding: 0.2rem 0.5rem !important; vertical-align: top; white-space: normal !important; }
</style>
"""


def use_meeting_style() -> None:
    """Enlarge type and hide the header for the projector (a static style block; no data goes into HTML)."""
    st.html(MEETING_CSS)


# Static style only: Streamlit's date field draws day, month and year as small adjacent targets; give each
# at least 24 by 24 pixels so they meet WCAG 2.2 target size (2.5.8) on a phone.
DATE_FIELD_CSS = """
<style>
[data-testid="stDateInput"] [role="spinbutton"] {
  display: inline-block; min-width: 24px; min-height: 24px; line-height: 24px; text-align: center; padding: 0 2px;
}
</style>
"""


def as_at_from_url(today: date | None = None) -> DateChoice:
    """The 'data as at' date in the URL, else today; written back so that every link carries it."""
    today = today or date.today()
    choice = parse_date(url_value("as_at"), today, today, what="data as at")
    keep_param("as_at", choice.value.isoformat())
    return choice


def date_picker(param: str, label: str, choice: DateChoice, latest: date, help: str, style: bool = True) -> date:
    """A date input bound to ?<param>=: the URL wins on load, the visitor's pick is written back. `help` is plain text
    (the briefing page's names the meeting it counts from), escaped because a tooltip reads markdown."""
    if choice.notice:
        st.info(md(choice.notice), icon=":material/info:")
    if style:  # the style applies to every date field on the page, so one copy is enough
        st.html(DATE_FIELD_CSS)
    # No widget key: the value follows the URL, so a shared link or the back button always wins.
    picked = st.date_input(label, value=choice.value, min_value=EARLIEST, max_value=latest, format="DD/MM/YYYY", help=md(help))
    if not isinstance(picked, date):  # cleared by the visitor: keep what the URL said
        picked = choice.value
    keep_param(param, picked.isoformat())
    return picked


def as_at_picker(today: date | None = None) -> date:
    """The 'data as at' chooser: nothing dated after it is shown."""
    today = today or date.today()
    choice = parse_date(url_value("as_at"), today, today, what="data as at")
    return date_picker(
        "as_at",
        "Data as at",
        choice,
        today,
        "Grades published after this date, figures for periods ending after it, and tracker updates and timeline "
        "events dated after it are left out. "
        "The date is kept in the page address, so a link in the minutes reopens exactly this view.",
    )


def since_picker(as_at: date) -> date:
    """The 'what changed since' chooser; three months before the as-at date unless the URL says otherwise.

    Always shown after as_at_picker, whose style block already covers this field.
    """
    choice = parse_date(url_value("since"), months_before(as_at, 3), as_at, what="changes since")
    return date_picker("since", "Show what changed since", choice, as_at, "Updates dated after this day are listed.", style=False)


PACK_BUSY = "Several briefing packs are being made just now, so yours was not started. Please try again in a minute."
PACK_SLOW = "Your briefing pack is taking longer than usual. Please try again in a minute."
PACK_FAILED = "The briefing pack could not be made just now. We try again at most once a minute, so please try again in a minute."


def request_pack(jobs: PackJobs, key: Hashable, make: Callable[[], BriefingPack]) -> Future | None:
    """Ask for a pack; when the queue is full, say so plainly and queue nothing."""
    try:
        return jobs.submit(key, make)
    except QueueFull:
        st.warning(PACK_BUSY, icon=":material/hourglass_top:")
        return None


def wait_for_pack(jobs: PackJobs, job: Future | None) -> BriefingPack | None:
    """Wait for the pack under a spinner, with other visitors' pages running meanwhile; plain words if it fails or is
    slow. If the visitor leaves or changes a choice meanwhile, Streamlit stops or reruns this script at the next poll
    (an empty placeholder redrawn), and a pack still queued for nobody else is cancelled (PackJobs.wait)."""
    if job is None:
        return None
    poll = st.empty()
    with st.spinner("Drawing the charts and printing the PDF; this takes a few seconds…"):
        try:
            return jobs.wait(job, between_polls=poll.empty)
        except WaitTimedOut:
            st.warning(PACK_SLOW, icon=":material/hourglass_top:")
        except Exception:  # logged when the pack failed; the visitor gets plain words, never a traceback
            st.error(PACK_FAILED, icon=":material/error:")
    return None

"""Briefing pack: what should Panel members read before a session, for one force, as the data stood on one date?"""

from datetime import date

import streamlit as st

from dashboard.common.escape import md
from dashboard.common.wording import format_date
from dashboard.holding.blocks import as_at_picker, date_picker, request_pack, wait_for_pack
from dashboard.holding.briefing.content import default_since, pack_dates
from dashboard.holding.briefing.jobs import jobs
from dashboard.holding.briefing.pack import make_pack
from dashboard.holding.model.as_at import parse_date
from dashboard.holding.views import briefing_lead
from dashboard.store.db import database_version
from dashboard.web.freshness import page_opening
from dashboard.web.layout import lead_slot, show_lead
from dashboard.web.routing import run_through_router
from dashboard.web.url import url_value
from dashboard.web.widgets import force_picker

run_through_router()

force = force_picker()
st.title(md(f"Briefing pack: {force.name}"))
lead = lead_slot()  # what the pack is, filled once its dates are chosen below
page_opening(
    "One document for the Police and Crime Panel: a cover with the date and the “data as at” date, the inspection "
    "grades, the key figures with charts and their summaries, the improvement tracker, the inspection timeline, "
    "and every source with its caveats. It comes as a PDF to print and as a web page (HTML) that screen readers read well."
)
as_at = as_at_picker()
usual = default_since(force.force_id, as_at)
since = date_picker(
    "since",
    "Changes since",
    parse_date(url_value("since"), usual.day, as_at, what="changes since"),
    as_at,
    f"The summary lists what changed after this day. Unless you choose, it is {format_date(usual.day)}: {usual.reason}.",
    style=False,
)
if since == usual.day and "since" in st.query_params:
    del st.query_params["since"]  # the usual day follows the as-at date; only a day the reader chose stays in the address
show_lead(briefing_lead(force.name, as_at, since), lead)
# Each date moved back to the last day the data changed: the same pack, and few distinct packs to make.
dates = pack_dates(as_at, since)
if dates.note:
    st.info(md(dates.note), icon=":material/event_available:")

# One pack per force, dates, database build and day, made by one worker for every visitor, a few waiting at most
# (dashboard/holding/briefing/jobs.py).
today = date.today()  # the pack's own date is printed on it
wanted = (force.force_id, dates.as_at.isoformat(), dates.since.isoformat(), database_version(), today.isoformat())
job = jobs.get(wanted)
if st.button("Make the briefing pack", key="briefing_make", type="primary", icon=":material/picture_as_pdf:"):
    job = request_pack(jobs, wanted, lambda: make_pack(force, dates.as_at, today, since=dates.since))
pack = wait_for_pack(jobs, job)  # other visitors' pages run while this one waits

if pack is None:
    st.markdown(
        md(
            f"The pack will hold what was known about {force.name} on {format_date(dates.as_at)}, "
            f"and what changed after {format_date(dates.since)}."
        )
    )
else:
    st.success(md(f"Briefing pack ready: {force.name}, data as at {format_date(dates.as_at)}."), icon=":material/check_circle:")
    for note in pack.notes:
        st.warning(md(note), icon=":material/image_not_supported:")
    pdf_column, html_column = st.columns(2)
    if pack.pdf is not None:
        pdf_column.download_button(
            "Download the PDF",
            pack.pdf,
            file_name=f"{pack.file_stem}.pdf",
            mime="application/pdf",
            key="briefing_pdf",
            on_click="ignore",
            icon=":material/download:",
        )
    else:
        pdf_column.warning(
            md(f"{pack.problem or 'The PDF could not be made just now.'} We try again at most once a minute."),
            icon=":material/error:",
        )
    html_column.download_button(
        "Download the HTML version",
        pack.html.encode("utf-8"),
        file_name=f"{pack.file_stem}.html",
        mime="text/html",
        key="briefing_html",
        on_click="ignore",
        icon=":material/download:",
    )
st.caption(
    "Grades published after the “data as at” date, figures for periods ending after it, and tracker updates and "
    "timeline events dated after it are left out of the pack. Grades are written in words "
    "with a symbol and charts use shapes as well as colours, so the pack reads when printed in black and white."
)

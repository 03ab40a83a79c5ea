"""Briefing pack: what should Panel members read before a session, for one force, as the data stood on one date?"""

import streamlit as st

from dashboard.as_at import as_at_picker
from dashboard.briefing import make_pack
from dashboard.formatting import format_date
from dashboard.freshness_ui import freshness_note
from dashboard.ui import force_picker

force = force_picker()
st.title(f"Briefing pack: {force.name}")
freshness_note()
st.write(
    "One document for the Police and Crime Panel: a cover with the date and the “data as at” date, the inspection "
    "grades, the key figures with charts and their summaries, the improvement tracker, the inspection timeline, "
    "and every source with its caveats. It comes as a PDF to print and as a web page (HTML) that screen readers read well."
)
as_at = as_at_picker()

packs = st.session_state.setdefault("briefing_packs", {})
wanted = (force.force_id, as_at.isoformat())
if st.button("Make the briefing pack", key="briefing_make", type="primary", icon=":material/picture_as_pdf:"):
    with st.spinner("Drawing the charts and printing the PDF; this takes a few seconds…"):
        packs[wanted] = make_pack(force, as_at)

pack = packs.get(wanted)
if pack is None:
    st.markdown(f"The pack will hold what was known about {force.name} on {format_date(as_at)}.")
else:
    st.success(f"Briefing pack ready: {force.name}, data as at {format_date(as_at)}.", icon=":material/check_circle:")
    for note in pack.notes:
        st.warning(note, icon=":material/image_not_supported:")
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
        pdf_column.warning(pack.problem or "The PDF could not be made just now.", icon=":material/error:")
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

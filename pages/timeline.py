"""Inspection timeline: when was the force inspected, when was the report published, and what has followed?"""

import streamlit as st

from dashboard.as_at import as_at_picker
from dashboard.holding_ui import event_list
from dashboard.timeline import NOT_FOUND, timeline_figure, timeline_summary, timeline_table
from dashboard.ui import chart_block, force_picker
from queries import run_query

force = force_picker()
st.title(f"{force.name}: inspection timeline")
st.write(
    "From the inspectorate's fieldwork to the report, the public meetings that followed and the closure of concerns, "
    "each with its source. Things we looked for and could not find are listed, never given a guessed date."
)
as_at = as_at_picker()
events = run_query("timeline_events", force_id=force.force_id, as_at=as_at)

if events.empty:
    st.markdown(f"We hold no inspection timeline for {force.name} yet.")
else:
    dated, missing = events[events["status"] != NOT_FOUND], events[events["status"] == NOT_FOUND]
    if not dated.empty:
        chart_block(
            timeline_figure(events),
            timeline_summary(force.name, events, as_at),
            timeline_table(events),
            f"{force.force_id}-timeline-as-at-{as_at.isoformat()}.csv",
            key="timeline",
        )
    st.header("What happened, with sources")
    event_list(dated)
    if not missing.empty:
        st.header("Looked for and not found")
        st.write("These are expected to exist, but no source we reviewed gives them; so they have no date here.")
        event_list(missing)

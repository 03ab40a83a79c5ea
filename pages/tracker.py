"""Improvement tracker: what has the force done about each cause of concern and area for improvement the inspectorate raised?"""

import streamlit as st

from dashboard.as_at import as_at_picker, since_picker
from dashboard.formatting import format_date
from dashboard.holding_ui import changes_list, cycle_select, not_found_notes, tracker_block
from dashboard.tracker import tracker_gaps
from dashboard.ui import force_picker
from queries import run_query

force = force_picker()
st.title(f"{force.name}: improvement tracker")
st.write(
    "Each cause of concern and area for improvement the inspectorate raised, where it stands, who owns it, "
    "its target date and its latest published update, with the source. Choose a date to see where things stood then."
)

cycle_column, as_at_column, since_column = st.columns(3)
with cycle_column:
    cycle = cycle_select(run_query("cycles"))
with as_at_column:
    as_at = as_at_picker()
with since_column:
    since = since_picker(as_at)

tracker = run_query("improvement_tracker", force_id=force.force_id, cycle_id=cycle.name, as_at=as_at)
events = run_query("timeline_events", force_id=force.force_id, as_at=as_at)

st.header(f"Where each item stands: {cycle['name']}")
if tracker.empty:
    st.markdown(
        f"We hold no improvement items for {force.name} from {cycle['name']} as at {format_date(as_at)}. "
        "The inspectorate's report lists its causes of concern and areas for improvement; none has been entered "
        "here from a published source yet."
    )
else:
    tracker_block(force, tracker, as_at, f"{force.force_id}-{cycle.name}-tracker-as-at-{as_at.isoformat()}.csv", "tracker_csv")
not_found_notes(tracker_gaps(events, cycle.name))

st.header(f"What changed since {format_date(since)}")
changes_list(
    run_query("improvement_updates", force_id=force.force_id, cycle_id=cycle.name, since=since, as_at=as_at), since, as_at
)

st.caption(
    "Owner and target date say “not published” where no published source gives them; nothing is estimated. "
    "An item is overdue when its target date has passed on the chosen date and the inspectorate has not closed it."
)

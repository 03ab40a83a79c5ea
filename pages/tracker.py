"""Improvement tracker: what has the force done about each cause of concern and area for improvement the inspectorate raised?"""

import streamlit as st

from dashboard.common.escape import md
from dashboard.common.lookups import cycle_names
from dashboard.common.page_text import TRACKER, no_tracker_items
from dashboard.common.site_addresses import FORCE_PAGE_BY_SLUG
from dashboard.common.wording import format_date
from dashboard.holding.blocks import as_at_picker, cycle_select, not_found_notes, since_picker, tracker_block
from dashboard.holding.views import tracker_view
from dashboard.web.freshness import page_opening
from dashboard.web.layout import lead_slot, show_lead
from dashboard.web.routing import run_through_router
from dashboard.web.widgets import force_picker, section_heading

run_through_router()

force = force_picker()
st.title(md(TRACKER.titled(force.name)))
lead = lead_slot()  # items by status, filled once the cycle and dates are chosen below
page_opening(TRACKER.intro, twin=FORCE_PAGE_BY_SLUG["tracker"], force_id=force.force_id)

cycle_column, as_at_column, since_column = st.columns(3)
with cycle_column:
    cycle_id, cycle_name = cycle_select(cycle_names())
with as_at_column:
    as_at = as_at_picker()
with since_column:
    since = since_picker(as_at)

view = tracker_view(force.force_id, force.name, cycle_id, as_at, since)
show_lead(view.lead, lead)

where_each_stands = f"Where each item stands: {cycle_name}"
if view.block is None:
    section_heading(
        where_each_stands,
        no_tracker_items(force.name, cycle_name, format_date(as_at)),
    )
else:
    section_heading(where_each_stands)
    tracker_block(view.block, f"{force.force_id}-{cycle_id}-tracker-as-at-{as_at.isoformat()}.csv", "tracker_csv")
not_found_notes(view.not_found)

section_heading(f"What changed since {format_date(since)}", view.changes)

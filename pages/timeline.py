"""Inspection timeline: when was the force inspected, when was the report published, and what has followed?"""

import streamlit as st

from dashboard.common.escape import md
from dashboard.common.page_text import TIMELINE, no_timeline
from dashboard.common.site_addresses import FORCE_PAGE_BY_SLUG
from dashboard.holding.blocks import as_at_picker
from dashboard.holding.views import timeline_view
from dashboard.web.freshness import page_opening
from dashboard.web.layout import lead_slot, show_lead
from dashboard.web.routing import run_through_router
from dashboard.web.widgets import chart_block, force_picker, section_heading

run_through_router()

force = force_picker()
st.title(md(TIMELINE.titled(force.name)))
lead = lead_slot()  # the latest event, filled once the date is chosen below
page_opening(TIMELINE.intro, twin=FORCE_PAGE_BY_SLUG["timeline"], force_id=force.force_id)
as_at = as_at_picker()
view = timeline_view(force.force_id, force.name, as_at)
show_lead(view.lead, lead)

if view.empty:
    st.markdown(md(no_timeline(force.name)))
else:
    if view.chart is not None:
        chart_block(view.chart.figure, view.chart.summary, view.chart.table, view.chart.file_name, key="timeline")
    section_heading("What happened, with sources", view.dated or "")
    if view.missing:
        section_heading("Looked for and not found", view.missing)

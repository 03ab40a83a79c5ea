"""Crime recording: what share of reported crime did the inspectorate find the chosen force recorded, across inspections?"""

from datetime import date

import streamlit as st

from dashboard.common.escape import md
from dashboard.common.site_addresses import FORCE_PAGE_BY_SLUG
from dashboard.performance.blocks import theme_sections
from dashboard.performance.model.series import RECORDING_METRICS
from dashboard.performance.views import theme_view
from dashboard.web.freshness import page_opening
from dashboard.web.layout import show_lead
from dashboard.web.routing import run_through_router
from dashboard.web.widgets import force_picker

run_through_router()

force = force_picker()
st.title(md(f"{force.short_name}: crime recording"))
# Built once per process for this force and day, shared by every session (dashboard/performance/views.py).
theme = theme_view(force.force_id, RECORDING_METRICS, date.today())
show_lead(theme.lead)
page_opening(
    "When the inspectorate audits a force, it checks a sample of reports to see how many crimes that should have been "
    "recorded were. The results are estimates from that sample, so each comes with a margin of error where published.",
    f"{theme.comparison.basis} "
    + (
        "Error bars show the published margin of error (its confidence interval); a figure without one had none "
        "published. Audit windows differ in length between inspections, and each point is labelled with its own."
        if theme.any_chart  # for a force with thin data every measure is a card: no error bars to explain
        else "The table under each measure gives the published margin of error where there is one. Audit windows differ "
        "in length between inspections, and each figure is labelled with its own."
    ),
    metrics=RECORDING_METRICS,
    twin=FORCE_PAGE_BY_SLUG["crime-recording"],
    force_id=force.force_id,
)
theme_sections(theme)

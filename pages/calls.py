"""999 and 101 calls: how quickly does the chosen force answer, against the standard, England and Wales and its peers?"""

from datetime import date

import streamlit as st

from dashboard.common.escape import md
from dashboard.common.page_text import CALLS, calls_small_print
from dashboard.common.site_addresses import FORCE_PAGE_BY_SLUG
from dashboard.performance.blocks import theme_sections
from dashboard.performance.model.series import CALL_METRICS
from dashboard.performance.views import theme_view
from dashboard.web.freshness import page_opening
from dashboard.web.layout import show_lead
from dashboard.web.routing import run_through_router
from dashboard.web.widgets import force_picker

run_through_router()

force = force_picker()
st.title(md(CALLS.titled(force.short_name)))
# Built once per process for this force and day, shared by every session (dashboard/performance/views.py).
theme = theme_view(force.force_id, CALL_METRICS, date.today())
show_lead(theme.lead)
page_opening(
    CALLS.intro,
    calls_small_print(theme.comparison.basis, theme.any_chart),
    metrics=CALL_METRICS,
    twin=FORCE_PAGE_BY_SLUG["calls"],
    force_id=force.force_id,
)
theme_sections(theme)

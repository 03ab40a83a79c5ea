"""999 and 101 calls: how quickly does the chosen force answer, against the standard, England and Wales and its peers?"""

from datetime import date

import streamlit as st

from dashboard.common.escape import md
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
st.title(md(f"{force.short_name}: 999 and 101 calls"))
# Built once per process for this force and day, shared by every session (dashboard/performance/views.py).
theme = theme_view(force.force_id, CALL_METRICS, date.today())
show_lead(theme.lead)
page_opening(
    "How quickly the force answers emergency (999) and non-emergency (101) calls. The national standard is for "
    "90% of 999 calls to be answered within 10 seconds; the clock includes the telephone network's connection time.",
    f"{theme.comparison.basis} "
    + (
        "Hollow markers are second-hand figures (a news report or statement quoting the official data); filled markers "
        "come from the publisher itself. Each point sits at the end of the period it covers."
        if theme.any_chart  # for a force with thin data every measure is a card: no markers to explain
        else "A figure marked second-hand comes from a news report or statement quoting the official data."
    ),
    metrics=CALL_METRICS,
    twin=FORCE_PAGE_BY_SLUG["calls"],
    force_id=force.force_id,
)
theme_sections(theme)

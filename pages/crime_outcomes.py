"""Recorded crime and outcomes: how much crime did the chosen force record, and how often did it end in a charge?"""

from datetime import date

import streamlit as st

from dashboard.common.escape import md
from dashboard.common.site_addresses import FORCE_PAGE_BY_SLUG
from dashboard.performance.blocks import theme_sections
from dashboard.performance.model.series import OUTCOME_METRICS
from dashboard.performance.views import theme_view
from dashboard.web.freshness import page_opening
from dashboard.web.layout import show_lead
from dashboard.web.routing import run_through_router
from dashboard.web.widgets import force_picker

run_through_router()

force = force_picker()
st.title(md(f"{force.short_name}: recorded crime and outcomes"))
# Built once per process for this force and day, shared by every session (dashboard/performance/views.py).
theme = theme_view(force.force_id, OUTCOME_METRICS, date.today())
show_lead(theme.lead)
page_opening(
    "How many crimes the force recorded, the rate per 1,000 people where a publisher gave one, and the share of "
    "crimes that ended in a charge or summons. Any change is shown with the figures on both sides of it.",
    f"{theme.comparison.basis} Rates per 1,000 people are shown only where the publisher gave one: the only populations we "
    "hold are rounded figures the forces supplied, so we do not work rates out ourselves. Police recorded crime is "
    "official statistics but no longer accredited.",
    metrics=OUTCOME_METRICS,
    twin=FORCE_PAGE_BY_SLUG["crime-outcomes"],
    force_id=force.force_id,
)
theme_sections(theme)

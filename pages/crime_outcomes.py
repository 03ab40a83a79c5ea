"""Recorded crime and outcomes: how much crime did the chosen force record, and how often did it end in a charge?"""

import streamlit as st

from dashboard.performance import OUTCOME_METRICS, comparison_for
from dashboard.performance_ui import theme_sections
from dashboard.ui import force_picker
from queries import run_query

force = force_picker()
st.title(f"{force.short_name}: recorded crime and outcomes")
st.write(
    "How many crimes the force recorded, the rate per 1,000 people where a publisher gave one, and the share of "
    "crimes that ended in a charge or summons. Any change is shown with the figures on both sides of it."
)

comparison = comparison_for(force.force_id, run_query("forces"), run_query("peer_groups", force_id=force.force_id))
observations = run_query("metric_series", force_ids=comparison.place_ids, metric_ids=list(OUTCOME_METRICS))
metrics = run_query("metrics")

st.caption(
    f"{comparison.basis} Rates per 1,000 people are shown only where the publisher gave one: the only populations we "
    "hold are rounded figures the forces supplied, so we do not work rates out ourselves. Police recorded crime is "
    "official statistics but no longer accredited."
)
theme_sections(observations, metrics, OUTCOME_METRICS, comparison)

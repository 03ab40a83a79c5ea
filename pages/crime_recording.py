"""Crime recording: what share of reported crime did the inspectorate find the chosen force recorded, across inspections?"""

import streamlit as st

from dashboard.performance import RECORDING_METRICS, comparison_for
from dashboard.performance_ui import theme_sections
from dashboard.ui import force_picker
from queries import run_query

force = force_picker()
st.title(f"{force.short_name}: crime recording")
st.write(
    "When the inspectorate audits a force, it checks a sample of reports to see how many crimes that should have been "
    "recorded were. The results are estimates from that sample, so each comes with a margin of error where published."
)

comparison = comparison_for(force.force_id, run_query("forces"), run_query("peer_groups", force_id=force.force_id))
observations = run_query("metric_series", force_ids=comparison.place_ids, metric_ids=list(RECORDING_METRICS))
metrics = run_query("metrics")

st.caption(
    f"{comparison.basis} Error bars show the published margin of error (its confidence interval); a figure without "
    "one had none published. Audit windows differ in length between inspections, and each point is labelled with its own."
)
theme_sections(observations, metrics, RECORDING_METRICS, comparison)

"""999 and 101 calls: how quickly does the chosen force answer, against the standard, England and Wales and its peers?"""

import streamlit as st

from dashboard.performance import CALL_METRICS, comparison_for
from dashboard.performance_ui import theme_sections
from dashboard.ui import force_picker
from queries import run_query

force = force_picker()
st.title(f"{force.short_name}: 999 and 101 calls")
st.write(
    "How quickly the force answers emergency (999) and non-emergency (101) calls. The national standard is for "
    "90% of 999 calls to be answered within 10 seconds; the clock includes the telephone network's connection time."
)

comparison = comparison_for(force.force_id, run_query("forces"), run_query("peer_groups", force_id=force.force_id))
observations = run_query("metric_series", force_ids=comparison.place_ids, metric_ids=list(CALL_METRICS))
metrics = run_query("metrics")

st.caption(
    f"{comparison.basis} Hollow markers are second-hand figures (a news report or statement quoting the official "
    "data); filled markers come from the publisher itself. Each point sits at the end of the period it covers."
)
theme_sections(observations, metrics, CALL_METRICS, comparison)

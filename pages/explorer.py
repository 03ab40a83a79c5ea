"""Metric explorer: on any published measure, how do chosen forces compare over time, and who ranks where in one period?"""

import streamlit as st

from dashboard.explorer_cache import explorer_view, metric_periods
from dashboard.explorer_state import period_slug, resolve_metric, resolve_period, resolve_places
from dashboard.grade_ui import bound_to_url
from dashboard.performance import comparison_for
from dashboard.performance_ui import draw_control
from dashboard.ui import chart_block, force_picker
from queries import run_query

force = force_picker()
st.title("Metric explorer")
st.write(
    "Choose any measure we hold, the places to compare and a period to rank. Your force is highlighted. "
    "The choices are kept in the page address, so you can share the link."
)

coverage = run_query("metric_coverage").set_index("metric_id", drop=False)
places = run_query("places")
forces = run_query("forces")
names = dict(zip(places["force_id"], places["short_name"]))

# The measure: from ?metric=, else 999 answering.
requested_metric = resolve_metric(st.query_params.get("metric"), coverage)
metric_ids = coverage["metric_id"].tolist()
metric_id = st.selectbox(
    "Measure",
    metric_ids,
    format_func=lambda m: f"{coverage.loc[m, 'name']} ({coverage.loc[m, 'figure_count']} figures)",
    **bound_to_url("explorer_metric", requested_metric.value),
)
metric_changed = metric_id != requested_metric.value
metric = coverage.loc[metric_id]
st.caption(metric["definition"])

# The places: from ?forces=, else the chosen force, its peers and the national figures.
comparison = comparison_for(force.force_id, forces, run_query("peer_groups", force_id=force.force_id))
requested_places = resolve_places(st.query_params.get_all("forces"), places, comparison.place_ids)
picked = st.multiselect(
    "Places to compare over time",
    places["force_id"].tolist(),
    format_func=names.get,
    help="Any of the 43 forces, England and Wales, the United Kingdom or Police Scotland.",
    **bound_to_url("explorer_places", list(requested_places.value)),
)

# The measure's figures, periods and everything drawn below are built once per process (dashboard/explorer_cache.py).
series = metric_periods(metric_id)

# The period to rank: from ?period=, else the period most forces have a figure for.
requested_period = resolve_period(None if metric_changed else st.query_params.get("period"), series.periods)
period_labels = list(series.labels)
counts = series.force_counts
period = None
if period_labels:
    period = st.selectbox(
        "Period to rank",
        period_labels,
        format_func=lambda p: f"{p} ({counts[p]} force{'s' if counts[p] != 1 else ''})",
        **bound_to_url("explorer_period", requested_period.value),
    )

for notice in (requested_metric.notice, requested_places.notice, None if metric_changed else requested_period.notice):
    if notice:
        st.info(notice, icon=":material/info:")
st.query_params["metric"] = metric_id
st.query_params["forces"] = ",".join(picked)
if period is not None:
    st.query_params["period"] = period_slug(period)

view = explorer_view(force.force_id, force.short_name, metric_id, tuple(picked), period)
st.header(f"{metric['name']}: over time")
if view.time_figure is None:
    st.markdown("**Not known:** we hold no figures on this measure for the places chosen.")
else:
    chart_block(view.time_figure, view.time_summary, view.time_table, view.time_file_name, "explore_time")
    if view.is_count:
        st.caption("These are counts, not rates: bigger forces have bigger numbers.")
    if view.time_sources:
        st.caption(view.time_sources)
    draw_control(view.control, force.short_name, "explore_spc")

st.header(f"{metric['name']}: ranked for {period}" if period else f"{metric['name']}: ranked")
if period is None:
    st.markdown("**Not known:** we hold no figures on this measure for any period.")
else:
    if view.ranking_figure is None:
        st.markdown(view.ranking_summary)
    else:
        chart_block(view.ranking_figure, view.ranking_summary, view.ranking_table, view.ranking_file_name, "explore_ranking")
    if view.missing:
        st.caption(f"No figure held for {period}: " + ", ".join(view.missing) + ".")
    if view.ranking_sources:
        st.caption(view.ranking_sources)

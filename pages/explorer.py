"""Metric explorer: on any published measure, how do chosen forces compare over time, and who ranks where in one period?"""

import streamlit as st

from dashboard.explorer_state import period_slug, periods_for, resolve_metric, resolve_period, resolve_places
from dashboard.grade_ui import bound_to_url
from dashboard.performance import (
    comparison_for,
    comparison_of_selection,
    is_comparable_between_places,
    points_table,
    rank_forces,
    ranking_sentence,
    ranking_table,
    shape_points,
)
from dashboard.performance_charts import ranking_chart, time_chart
from dashboard.performance_ui import control_chart, metric_summary, sources_caption
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

all_points = run_query("metric_series", force_ids=places["force_id"].tolist(), metric_ids=[metric_id])
periods = periods_for(all_points)

# The period to rank: from ?period=, else the period most forces have a figure for.
requested_period = resolve_period(None if metric_changed else st.query_params.get("period"), periods)
period_labels = periods["period_label"].tolist()
counts = dict(zip(periods["period_label"], periods["force_count"]))
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

st.header(f"{metric['name']}: over time")
points = shape_points(all_points[all_points["force_id"].isin(picked)], metric_id, force.force_id)
if points.empty:
    st.markdown("**Not known:** we hold no figures on this measure for the places chosen.")
else:
    summary = metric_summary(points, metric, comparison_of_selection(force.force_id, places, picked))
    chart_block(
        time_chart(points, metric), summary, points_table(points, metric["unit"]), f"{metric_id}-over-time.csv", "explore_time"
    )
    if not is_comparable_between_places(metric["unit"]):
        st.caption("These are counts, not rates: bigger forces have bigger numbers.")
    sources_caption(points)
    control_chart(points[points["role"] == "chosen"], metric, force.short_name, "explore_spc")

st.header(f"{metric['name']}: ranked for {period}" if period else f"{metric['name']}: ranked")
if period is None:
    st.markdown("**Not known:** we hold no figures on this measure for any period.")
else:
    in_period = all_points[all_points["period_label"] == period]
    ranking = rank_forces(in_period, forces, force.force_id, metric["higher_is_better"])
    summary = ranking_sentence(ranking, metric, force.short_name, period)
    if ranking.ranked.empty:
        st.markdown(summary)
    else:
        national = in_period[in_period["force_id"] == "england-and-wales"]
        chart_block(
            ranking_chart(ranking.ranked, metric, None if national.empty else national.iloc[0]),
            summary,
            ranking_table(ranking, metric["unit"]),
            f"{metric_id}-{period_slug(period)}-ranking.csv",
            "explore_ranking",
        )
    if ranking.missing:
        st.caption(f"No figure held for {period}: " + ", ".join(ranking.missing) + ".")
    sources_caption(in_period)

"""Metric explorer: on any published measure, how do chosen forces compare over time, and who ranks where in one period?"""

import streamlit as st

from dashboard.common.escape import Markdown, md
from dashboard.performance.blocks import notes_and_control
from dashboard.performance.model.explorer import period_slug
from dashboard.performance.views import (
    explorer_choices,
    explorer_view,
    metric_periods,
    requested_metric,
    requested_period,
    requested_places,
)
from dashboard.web.elements import csv_download, table
from dashboard.web.freshness import page_opening
from dashboard.web.layout import lead_slot, show_lead
from dashboard.web.routing import run_through_router
from dashboard.web.url import bound_to_url, keep_param, url_list, url_value
from dashboard.web.widgets import chart_block, force_picker, section_heading, small_print

run_through_router()

force = force_picker()
st.title("Metric explorer")
lead = lead_slot()  # where the force ranks, filled once the measure and period are chosen below
page_opening(
    "Choose any measure we hold, the places to compare and a period to rank. Your force is highlighted. "
    "The choices are kept in the page address, so you can share the link."
)

# Options, labels and what the address asks for are resolved once per process (dashboard/performance/views.py).
choices = explorer_choices()

# The measure: from ?metric=, else 999 answering.
wanted_metric = requested_metric(url_value("metric"))
metric_id = st.selectbox(
    "Measure",
    choices.metric_ids,
    format_func=choices.metric_labels.get,
    **bound_to_url("explorer_metric", wanted_metric.value),
)
metric_changed = metric_id != wanted_metric.value
metric = choices.coverage.loc[metric_id]
st.caption(md(metric["definition"]))

# The places: from ?forces=, else the chosen force, its peers and the national figures.
wanted_places = requested_places(url_list("forces"), force.force_id)
picked = st.multiselect(
    "Places to compare over time",
    choices.place_ids,
    format_func=choices.place_names.get,
    help="Any of the 43 forces, England and Wales, the United Kingdom or Police Scotland.",
    **bound_to_url("explorer_places", list(wanted_places.value)),
)

# The measure's figures, periods and everything drawn below are built once per process (dashboard/performance/views.py).
series = metric_periods(metric_id)

# The period to rank: from ?period=, else the period most forces have a figure for.
wanted_period = requested_period(None if metric_changed else url_value("period"), metric_id)
period_labels = list(series.labels)
counts = series.force_counts
period = None
if period_labels:
    period = st.selectbox(
        "Period to rank",
        period_labels,
        format_func=lambda p: f"{p} ({counts[p]} force{'s' if counts[p] != 1 else ''})",
        **bound_to_url("explorer_period", wanted_period.value),
    )

for notice in (wanted_metric.notice, wanted_places.notice, None if metric_changed else wanted_period.notice):
    if notice:
        st.info(md(notice), icon=":material/info:")
keep_param("metric", metric_id)
keep_param("forces", ",".join(picked))
if period is not None:
    keep_param("period", period_slug(period))

view = explorer_view(force.force_id, force.short_name, metric_id, tuple(picked), period)
show_lead(view.lead, lead)
over_time = f"{metric['name']}: over time"
if view.time_table is None:
    section_heading(over_time, Markdown("**Not known:** we hold no figures on this measure for the places chosen."))
else:
    if view.time_figure is None:  # one or two figures in all: the sentence and the table, not a chart of dots
        section_heading(over_time, view.time_summary)
        table(view.time_table)
        csv_download(view.time_table, "Download this data (CSV)", view.time_file_name, key="explore_time_csv")
    else:
        section_heading(over_time)
        chart_block(view.time_figure, view.time_summary, view.time_table, view.time_file_name, "explore_time")
    counts_note = "These are counts, not rates: bigger forces have bigger numbers." if view.is_count else None
    notes_and_control([counts_note, view.time_sources], view.control, force.short_name, "explore_spc")

ranked = f"{metric['name']}: ranked for {period}" if period else f"{metric['name']}: ranked"
if period is None:
    section_heading(ranked, Markdown("**Not known:** we hold no figures on this measure for any period."))
else:
    if view.ranking_figure is None:
        section_heading(ranked, view.ranking_summary)
    else:
        section_heading(ranked)
        chart_block(view.ranking_figure, view.ranking_summary, view.ranking_table, view.ranking_file_name, "explore_ranking")
    missing = f"No figure held for {period}: " + ", ".join(view.missing) + "." if view.missing else None
    small_print([missing, view.ranking_sources])

"""Overview: how was the chosen force graded in its latest inspection, and what do its headline figures say?"""

import streamlit as st

from dashboard.catalogue import HEADLINE_METRICS
from dashboard.elements import csv_download, table
from dashboard.overview_cache import overview_view
from dashboard.ui import figure_card, force_picker, grade_columns, show_sources
from queries import run_query

force = force_picker()
st.title(f"{force.name}: where it stands")
st.write(
    "How the police inspectorate (HMICFRS) graded this force in its latest inspection, and the most recent "
    "published figures on answering 999 calls and recording crime. Every figure shows where it comes from."
)

cycles = run_query("cycles")
latest, previous = cycles.iloc[0], cycles.iloc[1]
grades = run_query("force_grades", force_id=force.force_id, cycle_id=latest["cycle_id"])
figures = run_query("latest_figures", force_id=force.force_id, metric_ids=list(HEADLINE_METRICS))

# Sentences and tables are built once per process for this force (dashboard/overview_cache.py).
view = overview_view(force.force_id, force.name, force.short_name)
st.info(view.summary, icon=":material/summarize:")

st.header(f"Inspection grades: {latest['name']}")
st.caption("The inspectorate grades each area on a five-point scale, from Outstanding to Inadequate.")
grade_columns(grades)
if view.grades_source:
    st.caption(view.grades_source)
with st.expander("These grades as a table"):
    table(view.grades_table)
    csv_download(
        view.grades_table, "Download these grades (CSV)", f"{force.force_id}-{latest['cycle_id']}-grades.csv", "grades_csv"
    )

st.subheader(f"Previous inspection: {previous['name']}")
st.warning(previous["comparability_note"], icon=":material/compare_arrows:")
if view.earlier_known:
    grade_columns(run_query("force_grades", force_id=force.force_id, cycle_id=previous["cycle_id"]))
elif view.counts_text:
    st.markdown(view.counts_text)
    st.caption(view.counts_note)
    st.caption(view.counts_source)
else:
    st.markdown(f"We hold no {previous['name']} grades for {force.name}: no published source we found states them.")

st.header("Headline figures")
st.caption(
    "The latest figure we hold for each measure. ⚠️ marks a figure reported second-hand (for example a news "
    "report quoting police data) rather than taken from the official publication."
)
if figures.empty:
    st.markdown(f"We do not hold any published headline figures for {force.name} yet.")
else:
    for start in range(0, len(figures), 3):
        for column, (_, figure) in zip(st.columns(3), figures.iloc[start : start + 3].iterrows()):
            with column:
                figure_card(figure)
if view.missing:
    st.markdown(view.missing)

st.header("Sources")
show_sources(view.sources)

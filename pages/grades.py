"""Inspection grades: how did the inspectorate grade the chosen force in each area, and what did it find?"""

import pandas as pd
import streamlit as st

from dashboard.grade_ui import area_card, cycle_picker, findings_list, source_caption, table_block
from dashboard.grade_views import (
    counts_sentence,
    counts_table,
    cycles_side_by_side,
    findings_for_area,
    findings_table,
    grades_table,
    is_known,
    publication_label,
)
from dashboard.summaries import grades_sentence
from dashboard.ui import force_picker, sources_table
from queries import run_query

force = force_picker()
st.title(f"{force.name}: inspection grades")
st.write(
    "How the police inspectorate (HMICFRS) graded this force in each area it inspects, what it found there, "
    "and the latest related figures we hold. Grades are shown in words as well as colour."
)

cycles = run_query("cycles")
cycle = cycle_picker(cycles)
grades = run_query("force_grades", force_id=force.force_id, cycle_id=cycle.cycle_id)
counts = run_query("force_grade_counts", force_id=force.force_id, cycle_id=cycle.cycle_id)
findings = run_query("force_findings", force_id=force.force_id, cycle_id=cycle.cycle_id)
figures = run_query("area_figures", force_id=force.force_id)

any_known = grades["grade"].map(is_known).any()
st.header(f"{cycle.name} grades")
st.markdown(f"**{publication_label(grades, counts)}**")
if any_known:
    st.info(grades_sentence(force.name, cycle.name, grades), icon=":material/summarize:")
    for _, area in grades.iterrows():
        area_card(area, findings_for_area(findings, area["area_id"]), figures, show_findings_gap=not findings.empty)
elif not counts.empty:
    st.info(counts_sentence(force.name, cycle.name, counts), icon=":material/summarize:")
    st.markdown("Which area got which grade is not stated in the sources we hold, so no area is shown with a grade.")
    table_block(
        "The same counts as a table, with their source.",
        counts_table(counts),
        f"{force.force_id}-{cycle.cycle_id}-grade-counts.csv",
        "grade_counts",
    )
    st.caption(counts["note"].iloc[0])
else:
    st.info(grades_sentence(force.name, cycle.name, grades), icon=":material/help:")

unplaced = findings_for_area(findings, None)
if not unplaced.empty:
    st.subheader("Not tied to one area")
    st.caption("Findings the sources do not tie to a single graded area.")
    findings_list(unplaced)
if findings.empty:
    st.markdown(
        f"We hold no published findings (causes of concern, areas for improvement or practice) for {force.name} in {cycle.name}."
    )
else:
    st.caption(
        "The findings listed are those we found published. The inspectorate's full list of areas for improvement may be longer."
    )

st.subheader("Every area as a table")
table_block(
    grades_sentence(force.name, cycle.name, grades),
    grades_table(grades, figures),
    f"{force.force_id}-{cycle.cycle_id}-grades.csv",
    "grades_table",
)
if not findings.empty:
    st.subheader("Every finding as a table")
    table_block(
        f"{len(findings)} findings for {force.name} in {cycle.name}, "
        f"{findings['area_id'].isna().sum()} of them not tied to one area.",
        findings_table(findings),
        f"{force.force_id}-{cycle.cycle_id}-findings.csv",
        "findings_table",
    )

st.header("Both inspections side by side")
st.warning(cycles.iloc[0]["comparability_note"], icon=":material/compare_arrows:")
by_cycle = {c: run_query("force_grades", force_id=force.force_id, cycle_id=c) for c in cycles["cycle_id"]}
counts_only = {c for c in cycles["cycle_id"] if not run_query("force_grade_counts", force_id=force.force_id, cycle_id=c).empty}
table_block(
    "Each cycle's own areas and grades, matched by subject. They sit side by side, never joined or averaged: "
    "the scale and the questions changed between cycles.",
    cycles_side_by_side(by_cycle, dict(zip(cycles["cycle_id"], cycles["name"])), counts_only),
    f"{force.force_id}-grades-by-cycle.csv",
    "side_by_side",
)

st.header("Sources")
if not counts.empty and not any_known:
    source_caption(counts.iloc[0])
sources_table(pd.concat([grades[grades["grade"] != "Not known"], findings, figures], ignore_index=True))

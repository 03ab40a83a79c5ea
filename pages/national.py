"""All forces: how did the inspectorate grade every force in England and Wales, and where does the chosen force sit?"""

import streamlit as st

from dashboard.grade_charts import grade_counts_chart, grade_heatmap
from dashboard.grade_ui import area_picker, cycle_picker, table_block
from dashboard.grade_views import (
    coverage,
    distribution_summary,
    distribution_table,
    force_position,
    forces_by_grade,
    forces_by_grade_summary,
    grade_sources,
    matrix_summary,
    position_summary,
    sources_sentence,
    wide_matrix,
)
from dashboard.ui import chart_block, force_picker
from queries import run_query

force = force_picker()
st.title("All forces in England and Wales")
st.write(
    "The inspectorate's grades for every territorial police force, area by area, in one inspection cycle. "
    "Where we found no published grade it says Not known: nothing is guessed."
)

cycles = run_query("cycles")
cycle = cycle_picker(cycles)
matrix = run_query("grade_matrix", cycle_id=cycle.cycle_id)
distribution = run_query("grade_distribution", cycle_id=cycle.cycle_id)
counts = run_query("cycle_grade_counts", cycle_id=cycle.cycle_id)

st.info(coverage(matrix, cycle.name, counts).sentence(), icon=":material/fact_check:")
sources = grade_sources(matrix)
st.caption(sources_sentence(sources) + " " + cycle.comparability_note)
st.caption(
    "**Not known**: no published source we found states the grade. "
    "**Not graded**: the inspectorate did not grade that area for that force."
)

others = f"the other {matrix['force_id'].nunique() - 1} forces"
st.header(f"Where {force.short_name} sits")
position = force_position(matrix, force.force_id)
table_block(
    position_summary(position, force.short_name, others), position, f"{force.force_id}-{cycle.cycle_id}-position.csv", "position"
)

st.header("Forces at each grade, area by area")
chart_block(
    grade_counts_chart(distribution),
    distribution_summary(distribution, cycle.name),
    distribution_table(distribution),
    f"{cycle.cycle_id}-grade-counts-by-area.csv",
    "distribution",
)

st.header("One area at a time")
st.caption("Every force's grade in one area, grouped by grade: easier to read on a phone than the full grid below.")
area_id = area_picker(matrix.drop_duplicates("area_id"))
by_grade = forces_by_grade(matrix, area_id)
table_block(
    forces_by_grade_summary(matrix, area_id, cycle.name),
    by_grade,
    f"{cycle.cycle_id}-{area_id}-forces-by-grade.csv",
    "by_grade",
)

st.header("Every force and area")
st.caption(f"{force.short_name} is outlined and marked ◀. Each cell gives the grade in words and a symbol as well as a colour.")
chart_block(
    grade_heatmap(matrix, force.force_id),
    matrix_summary(matrix, cycle.name, force.force_id, "all forces in England and Wales"),
    wide_matrix(matrix),
    f"{cycle.cycle_id}-grades-all-forces.csv",
    "matrix",
)

st.header("Sources")
st.markdown(sources_sentence(sources))
st.dataframe(sources, hide_index=True, column_config={"Web address": st.column_config.LinkColumn()})

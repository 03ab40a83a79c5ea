"""Similar forces: how was the chosen force graded beside its most similar forces, its region, or forces you pick?"""

import pandas as pd
import streamlit as st

from dashboard.grade_charts import grade_heatmap
from dashboard.grade_ui import peer_picker, source_caption, table_block
from dashboard.grade_views import (
    counts_only_sentence,
    cycles_tally_table,
    force_position,
    matrix_summary,
    peer_description,
    peer_matrix,
    position_summary,
    wide_matrix,
)
from dashboard.ui import chart_block, force_picker, sources_table
from queries import run_query

force = force_picker()
st.title(f"{force.short_name} beside similar forces")
st.write(
    "The inspectorate's grades for this force and a group of forces to compare it with, each inspection cycle "
    "on its own. Grades are compared only within a cycle."
)

forces = run_query("forces")
groups = run_query("peer_groups", force_id=force.force_id)
peers = peer_picker(force.force_id, forces, groups)
st.markdown(peer_description(peers, groups, forces))
if peers.kind == "msg":
    source_caption(groups.iloc[0])

cycles = run_query("cycles")
names = dict(zip(cycles["cycle_id"], cycles["name"]))
matrices = {c: peer_matrix(run_query("grade_matrix", cycle_id=c), force.force_id, peers.member_ids) for c in cycles["cycle_id"]}
counts = {c: run_query("cycle_grade_counts", cycle_id=c) for c in cycles["cycle_id"]}
group = f"{force.short_name} and {peers.label}"

st.header("Both cycles side by side")
st.warning(cycles.iloc[0]["comparability_note"], icon=":material/compare_arrows:")
table_block(
    f"How many areas each force had at each grade, one column per cycle, for {group}. "
    "Counts only: no average or score is worked out, because the scale and the areas changed between cycles.",
    cycles_tally_table(matrices, counts, names),
    f"{force.force_id}-{peers.kind}-grades-by-cycle.csv",
    "tally",
)

for number, cycle in enumerate(cycles.itertuples()):
    if number:
        st.warning(cycle.comparability_note, icon=":material/compare_arrows:")
    st.header(cycle.name)
    matrix = matrices[cycle.cycle_id]
    st.caption(
        f"{force.short_name} is outlined and marked ◀. Each cell gives the grade in words and a symbol as well as a colour."
    )
    chart_block(
        grade_heatmap(matrix, force.force_id),
        matrix_summary(matrix, cycle.name, force.force_id, group),
        wide_matrix(matrix),
        f"{force.force_id}-{peers.kind}-{cycle.cycle_id}-grades.csv",
        f"peers_{cycle.cycle_id}",
    )
    note = counts_only_sentence(counts[cycle.cycle_id], matrix)
    if note:
        st.caption(note)
    if peers.member_ids:
        position = force_position(matrix, force.force_id)
        table_block(
            position_summary(position, force.short_name, peers.label),
            position,
            f"{force.force_id}-{peers.kind}-{cycle.cycle_id}-position.csv",
            f"position_{cycle.cycle_id}",
        )

st.header("Sources")
combined = pd.concat(list(matrices.values()), ignore_index=True)
sources_table(combined[combined["grade"] != "Not known"])

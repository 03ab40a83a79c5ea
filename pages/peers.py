"""Similar forces: how was the chosen force graded beside its most similar forces, its region, or forces you pick?"""

import pandas as pd
import streamlit as st

from dashboard.grade_cache import peer_views
from dashboard.grade_ui import peer_picker, source_caption, table_block
from dashboard.grade_views import peer_description
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
tally, grids = peer_views(cycles, force.force_id, force.short_name, peers.member_ids, peers.label)

st.header("Both cycles side by side")
st.warning(cycles.iloc[0]["comparability_note"], icon=":material/compare_arrows:")
table_block(
    f"How many areas each force had at each grade, one column per cycle, for {force.short_name} and {peers.label}. "
    "Counts only: no average or score is worked out, because the scale and the areas changed between cycles.",
    tally,
    f"{force.force_id}-{peers.kind}-grades-by-cycle.csv",
    "tally",
)

for number, cycle in enumerate(cycles.itertuples()):
    if number:
        st.warning(cycle.comparability_note, icon=":material/compare_arrows:")
    st.header(cycle.name)
    grid = grids[cycle.cycle_id]
    st.caption(
        f"{force.short_name} is outlined and marked ◀. Each cell gives the grade in words and a symbol, not only a colour."
    )
    chart_block(
        grid.figure,
        grid.summary,
        grid.table,
        f"{force.force_id}-{peers.kind}-{cycle.cycle_id}-grades.csv",
        f"peers_{cycle.cycle_id}",
    )
    if grid.counts_note:
        st.caption(grid.counts_note)
    if peers.member_ids:
        table_block(
            grid.position_summary,
            grid.position,
            f"{force.force_id}-{peers.kind}-{cycle.cycle_id}-position.csv",
            f"position_{cycle.cycle_id}",
        )

st.header("Sources")
combined = pd.concat([grid.matrix for grid in grids.values()], ignore_index=True)
sources_table(combined[combined["grade"] != "Not known"])

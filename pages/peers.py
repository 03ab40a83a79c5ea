"""Similar forces: how was the chosen force graded beside its most similar forces, its region, or forces you pick?"""

import streamlit as st

from dashboard.common.escape import markdown_join, md
from dashboard.common.wording import small
from dashboard.grades.blocks import peer_picker, table_block
from dashboard.grades.views import peer_view
from dashboard.web.freshness import page_opening
from dashboard.web.layout import lead_slot, narrow_only, show_lead, wide_only
from dashboard.web.routing import run_through_router
from dashboard.web.widgets import chart_block, force_picker, section_heading, show_sources

run_through_router()

force = force_picker()
st.title(md(f"{force.short_name} beside similar forces"))
lead = lead_slot()  # where the force sits in its group, filled once the group is chosen below
page_opening(
    "The inspectorate's grades for this force and a group of forces to compare it with, each inspection cycle "
    "on its own. Grades are compared only within a cycle."
)

peers = peer_picker(force.force_id)
# Every sentence, table and chart below is built once per process for this force and group (dashboard/grades/views.py).
view = peer_view(force.force_id, force.short_name, peers)
show_lead(view.lead, lead)
st.markdown(md(view.description))

st.header("Both cycles side by side")
st.warning(md(view.comparability_note), icon=":material/compare_arrows:")
table_block(
    f"How many areas each force had at each grade, one column per cycle, for {force.short_name} and {peers.label}. "
    "Counts only: no average or score is worked out, because the scale and the areas changed between cycles.",
    view.tally,
    f"{force.force_id}-{peers.kind}-grades-by-cycle.csv",
    "tally",
)

for number, cycle in enumerate(view.cycles):
    if number:
        st.warning(md(cycle.comparability_note), icon=":material/compare_arrows:")
    section_heading(cycle.name, small(cycle.caption))
    grid = cycle.grid
    # The grid's headers and cell words collide on a phone: there, the same grades as a list per area.
    with wide_only(f"peers_{cycle.cycle_id}"):
        chart_block(
            grid.figure,
            grid.summary,
            grid.table,
            f"{force.force_id}-{peers.kind}-{cycle.cycle_id}-grades.csv",
            f"peers_{cycle.cycle_id}",
        )
    with narrow_only(f"peers_{cycle.cycle_id}"):
        st.markdown(markdown_join([grid.summary, grid.as_list]))
    if peers.member_ids:
        table_block(
            grid.position_summary,
            grid.position,
            f"{force.force_id}-{peers.kind}-{cycle.cycle_id}-position.csv",
            f"position_{cycle.cycle_id}",
        )

st.header("Sources")
show_sources(view.sources)

"""All forces: how did the inspectorate grade every force in England and Wales, and where does the chosen force sit?"""

import streamlit as st

from dashboard.common.escape import markdown_join, md
from dashboard.common.page_text import ALL_FORCES
from dashboard.common.site_addresses import ALL_FORCES as STATIC_TWIN
from dashboard.common.wording import small
from dashboard.grades.blocks import area_picker, cycle_picker, table_block
from dashboard.grades.views import national_view
from dashboard.web.freshness import page_opening
from dashboard.web.layout import lead_slot, narrow_only, show_lead, wide_only
from dashboard.web.routing import run_through_router
from dashboard.web.widgets import chart_block, force_picker, section_heading, show_sources

run_through_router()

force = force_picker()
st.title(ALL_FORCES.title)
lead = lead_slot()  # where the force sits, filled once the cycle is chosen below
page_opening(ALL_FORCES.intro, twin=STATIC_TWIN)

cycle = cycle_picker()
# Every sentence, table and chart below is built once per process for this cycle and force (dashboard/grades/views.py).
view = national_view(cycle.cycle_id, cycle.name, force.force_id, force.short_name)
show_lead(view.lead, lead)

st.info(md(view.coverage), icon=":material/fact_check:")
st.caption(md(view.notes))

table_block(
    view.grid.position_summary,
    view.grid.position,
    f"{force.force_id}-{cycle.cycle_id}-position.csv",
    "position",
    heading=f"Where {force.short_name} sits",
)

st.header("Forces at each grade, area by area")
chart_block(
    view.counts_figure, view.counts_summary, view.counts_table, f"{cycle.cycle_id}-grade-counts-by-area.csv", "distribution"
)

section_heading(
    "One area at a time",
    small("Every force's grade in one area, grouped by grade: easier to read on a phone than the full grid below."),
)
area_id = area_picker(view.areas)
area = view.by_area[area_id]
table_block(
    area.summary,
    area.table,
    f"{cycle.cycle_id}-{area_id}-forces-by-grade.csv",
    "by_grade",
)

section_heading(
    "Every force and area",
    small(f"{force.short_name} is outlined and marked ◀. Each cell gives the grade in words and a symbol as well as a colour."),
)
# 43 forces by 8 areas cannot show their words on a phone: there, the same grades as a list per area.
with wide_only("matrix"):
    chart_block(view.grid.figure, view.grid.summary, view.grid.table, f"{cycle.cycle_id}-grades-all-forces.csv", "matrix")
with narrow_only("matrix"):
    st.markdown(markdown_join([view.grid.summary, view.grid.as_list]))

section_heading("Sources", view.sources_sentence)
show_sources(view.sources)

"""Inspection grades: how did the inspectorate grade the chosen force in each area, and what did it find?"""

import streamlit as st

from dashboard.common.escape import markdown, md
from dashboard.common.page_text import COUNTS_ONLY, COUNTS_TABLE, CYCLES_SIDE_BY_SIDE, GRADES, findings_counted
from dashboard.common.site_addresses import FORCE_PAGE_BY_SLUG
from dashboard.common.wording import small
from dashboard.grades.blocks import area_cards, cycle_picker, table_block
from dashboard.grades.views import force_grades_view
from dashboard.web.freshness import page_opening
from dashboard.web.layout import lead_slot, show_lead
from dashboard.web.routing import run_through_router
from dashboard.web.widgets import force_picker, section_heading, show_sources

run_through_router()

force = force_picker()
st.title(md(GRADES.titled(force.name)))
lead = lead_slot()  # the grades in words, filled once the cycle is chosen below
page_opening(GRADES.intro, twin=FORCE_PAGE_BY_SLUG["grades"], force_id=force.force_id)

cycle = cycle_picker()
# Every table and sentence below is built once per process for this force and cycle (dashboard/grades/views.py).
view = force_grades_view(force.force_id, force.name, cycle.cycle_id, cycle.name)
show_lead(view.lead, lead)

section_heading(f"{cycle.name} grades", markdown("**{}**", view.publication))
if view.any_known:
    st.info(md(view.grades_sentence), icon=":material/summarize:")
    area_cards(view.cards)
elif view.counts_table is not None:
    st.info(md(view.counts_sentence), icon=":material/summarize:")
    st.markdown(COUNTS_ONLY)
    table_block(
        COUNTS_TABLE,
        view.counts_table,
        f"{force.force_id}-{cycle.cycle_id}-grade-counts.csv",
        "grade_counts",
    )
    st.caption(md(view.counts_note))
else:
    st.info(md(view.grades_sentence), icon=":material/help:")

if view.unplaced:
    section_heading("Not tied to one area", view.findings_text, level=3)
else:
    st.markdown(md(view.findings_text))

table_block(
    view.grades_sentence,
    view.grades_table,
    f"{force.force_id}-{cycle.cycle_id}-grades.csv",
    "grades_table",
    heading="Every area as a table",
    level=3,
)
if view.findings_count:
    table_block(
        findings_counted(view.findings_count, force.name, cycle.name, view.unplaced_count),
        view.findings_table,
        f"{force.force_id}-{cycle.cycle_id}-findings.csv",
        "findings_table",
        heading="Every finding as a table",
        level=3,
    )

st.header("Both inspections side by side")
st.warning(md(view.comparability_note), icon=":material/compare_arrows:")
table_block(
    CYCLES_SIDE_BY_SIDE,
    view.side_by_side,
    f"{force.force_id}-grades-by-cycle.csv",
    "side_by_side",
)

section_heading("Sources", small(view.counts_source) if view.counts_source is not None and not view.any_known else "")
show_sources(view.sources)

"""Overview: how was the chosen force graded in its latest inspection, and what do its headline figures say?"""

from datetime import date

import streamlit as st

from dashboard.common.escape import markdown_join, md
from dashboard.common.page_text import GRADE_SCALE, HEADLINE_FIGURES_NOTE, OVERVIEW, no_grades_held, no_headline_figures
from dashboard.common.site_addresses import FORCE_PAGE_BY_SLUG
from dashboard.common.wording import small
from dashboard.overview.blocks import figure_cards
from dashboard.overview.views import overview_view
from dashboard.web.freshness import page_opening
from dashboard.web.layout import show_lead
from dashboard.web.routing import run_through_router
from dashboard.web.widgets import force_picker, grade_columns, section_heading, show_sources, table_switch

run_through_router()

force = force_picker()
st.title(md(OVERVIEW.titled(force.name)))
# Sentences, tables and cards are built once per process for this force (dashboard/overview/views.py).
view = overview_view(force.force_id, force.name, force.short_name, date.today())
# The answer first, in two short lines: on a phone it is all of the first screen below the picker and the name.
show_lead(view.lead)
page_opening(OVERVIEW.intro, twin=FORCE_PAGE_BY_SLUG[""], force_id=force.force_id)

if view.grades_known:
    section_heading(
        f"Inspection grades: {view.latest_name}",
        small(GRADE_SCALE),
    )
    grade_columns(view.grade_columns)
    if view.grades_source:
        st.caption(md(view.grades_source))
else:
    section_heading(f"Inspection grades: {view.latest_name}", view.summary_of_grades)
table_switch(view.grades_table, view.file_name, "grades")

st.subheader(md(f"Previous inspection: {view.previous_name}"))
st.warning(md(view.previous_note), icon=":material/compare_arrows:")
if view.earlier_columns is not None:
    grade_columns(view.earlier_columns)
elif view.counts_text:
    st.markdown(md(view.counts_text))
    st.caption(markdown_join([view.counts_note, view.counts_source], "  \n"))
else:
    st.markdown(md(no_grades_held(view.previous_name, force.name)))

section_heading(
    "Headline figures",
    small(HEADLINE_FIGURES_NOTE),
)
if not view.figure_cards:
    st.markdown(md(no_headline_figures(force.name)))
figure_cards(view.figure_cards)
if view.missing:
    st.markdown(md(view.missing))

st.header("Sources")
show_sources(view.sources)

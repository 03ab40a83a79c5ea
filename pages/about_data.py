"""About the data: where does every figure come from, what was loaded and when, and what should a reader bear in mind?"""

import streamlit as st

from dashboard.about.blocks import feeds_section, open_data_section, url_select
from dashboard.about.model.sources import CAVEATS, TIER_CHOICES, glossary_markdown
from dashboard.about.views import about_view, sources_view
from dashboard.common.escape import markdown, markdown_join, md
from dashboard.common.page_text import ABOUT_DATA, LOADS_NOTE, NO_REVISIONS, PRIMARY_SOURCES, revisions_counted
from dashboard.common.site_addresses import ABOUT_DATA as STATIC_TWIN
from dashboard.web.elements import csv_download
from dashboard.web.elements import table as show_table
from dashboard.web.freshness import page_opening
from dashboard.web.layout import show_lead
from dashboard.web.routing import run_through_router
from dashboard.web.widgets import section_heading

run_through_router()

st.title(ABOUT_DATA.title)
# Tables and sentences are built once per process for each choice of filters (dashboard/about/blocks.py).
view = about_view()
show_lead(view.lead)
page_opening(ABOUT_DATA.intro, twin=STATIC_TWIN)

section_heading("Things to bear in mind", markdown_join((markdown("- **{}.** {}", h, text) for h, text in CAVEATS), "\n"))
# The anchor every page's opening links to (/about-data#glossary): Streamlit names it after the heading's words.
section_heading("Glossary", glossary_markdown())

st.header("Sources")
left, right = st.columns(2)
with left:
    tier = url_select("Kind of source", TIER_CHOICES, "tier", "kind of source")
with right:
    status = url_select("Status", view.statuses, "status", "status")
shown = sources_view(tier, status)
st.markdown(md(shown.summary))
if shown.table is None:
    st.info("No source matches both filters. Choose another kind of source or status.", icon=":material/filter_alt_off:")
else:
    show_table(shown.table, column_config={"Web address": st.column_config.LinkColumn()})
    csv_download(shown.table, "Download these sources (CSV)", "sources.csv", "sources_csv")
st.caption(PRIMARY_SOURCES)

section_heading("Official releases loaded", view.loads_summary)
if view.loads_table is not None:
    show_table(view.loads_table)
    csv_download(view.loads_table, "Download the load log (CSV)", "load-log.csv", "loads_csv")
    st.caption(LOADS_NOTE)

if not view.revised_count:
    section_heading("Figures revised by a later release", NO_REVISIONS, level=3)
else:
    section_heading(
        "Figures revised by a later release",
        revisions_counted(view.revised_count),
        level=3,
    )
    show_table(view.revisions_table)
    csv_download(view.revisions_table, "Download the revised figures (CSV)", "revised-figures.csv", "revised_csv")

feeds_section()

st.header("What each measure means")
show_table(view.metrics_table)
csv_download(view.metrics_table, "Download the definitions (CSV)", "measures.csv", "metrics_csv")

open_data_section()

"""About the data: where does every figure come from, what was loaded and when, and what should a reader bear in mind?"""

import streamlit as st

from dashboard.about.blocks import feeds_section, open_data_section, url_select
from dashboard.about.model.sources import CAVEATS, TIER_CHOICES, glossary_markdown
from dashboard.about.views import about_view, sources_view
from dashboard.common.escape import markdown, markdown_join, md
from dashboard.common.site_addresses import ABOUT_DATA
from dashboard.web.elements import csv_download
from dashboard.web.elements import table as show_table
from dashboard.web.freshness import page_opening
from dashboard.web.layout import show_lead
from dashboard.web.routing import run_through_router
from dashboard.web.widgets import section_heading

run_through_router()

st.title("About the data")
# Tables and sentences are built once per process for each choice of filters (dashboard/about/blocks.py).
view = about_view()
show_lead(view.lead)
page_opening(
    "Every grade and figure in this dashboard is a published fact with its source. This page lists those sources, "
    "the official data releases loaded and when, what each measure means, and what to bear in mind when reading them.",
    twin=ABOUT_DATA,
)

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
st.caption(
    "Primary sources are the inspectorate (HMICFRS), the Office for National Statistics, the Home Office and "
    "police.uk. Their content is used under the Open Government Licence v3.0; news reports and statements are "
    "cited for the facts they report."
)

section_heading("Official releases loaded", view.loads_summary)
if view.loads_table is not None:
    show_table(view.loads_table)
    csv_download(view.loads_table, "Download the load log (CSV)", "load-log.csv", "loads_csv")
    st.caption("Each file is kept unedited; its SHA-256 fingerprint shows it has not changed since it was loaded.")

if not view.revised_count:
    section_heading("Figures revised by a later release", "No figure has been revised by a later release.", level=3)
else:
    section_heading(
        "Figures revised by a later release",
        f"{view.revised_count} earlier value(s) were replaced by a later release. The newest value is the one shown "
        "across the dashboard; the earlier ones are kept here.",
        level=3,
    )
    show_table(view.revisions_table)
    csv_download(view.revisions_table, "Download the revised figures (CSV)", "revised-figures.csv", "revised_csv")

feeds_section()

st.header("What each measure means")
show_table(view.metrics_table)
csv_download(view.metrics_table, "Download the definitions (CSV)", "measures.csv", "metrics_csv")

open_data_section()

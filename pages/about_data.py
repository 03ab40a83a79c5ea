"""About the data: where does every figure come from, what was loaded and when, and what should a reader bear in mind?"""

import streamlit as st

from dashboard.about_data import (
    ALL_STATUSES,
    CAVEATS,
    TIER_CHOICES,
    filter_sources,
    loads_summary,
    loads_table,
    metrics_table,
    revisions_table,
    sources_summary,
    sources_table,
)
from dashboard.about_ui import url_select
from dashboard.elements import csv_download
from dashboard.elements import table as show_table
from queries import run_query

st.title("About the data")
st.write(
    "Every grade and figure in this dashboard is a published fact with its source. This page lists those sources, "
    "the official data releases loaded and when, what each measure means, and what to bear in mind when reading them."
)

st.header("Things to bear in mind")
st.markdown("\n".join(f"- **{heading}.** {text}" for heading, text in CAVEATS))

st.header("Sources")
sources = run_query("sources")
statuses = {ALL_STATUSES: "Any status"} | {s: s[:1].upper() + s[1:] for s in sorted(sources["status"].unique())}
left, right = st.columns(2)
with left:
    tier = url_select("Kind of source", TIER_CHOICES, "tier", "kind of source")
with right:
    status = url_select("Status", statuses, "status", "status")
shown = filter_sources(sources, tier, status)
st.markdown(sources_summary(sources, shown))
if shown.empty:
    st.info("No source matches both filters. Choose another kind of source or status.", icon=":material/filter_alt_off:")
else:
    table = sources_table(shown)
    show_table(table, column_config={"Web address": st.column_config.LinkColumn()})
    csv_download(table, "Download these sources (CSV)", "sources.csv", "sources_csv")
st.caption(
    "Primary sources are the inspectorate (HMICFRS), the Office for National Statistics, the Home Office and "
    "police.uk. Their content is used under the Open Government Licence v3.0; news reports and statements are "
    "cited for the facts they report."
)

st.header("Official releases loaded")
loads = run_query("load_log")
st.markdown(loads_summary(loads))
if not loads.empty:
    table = loads_table(loads)
    show_table(table)
    csv_download(table, "Download the load log (CSV)", "load-log.csv", "loads_csv")
    st.caption("Each file is kept unedited; its SHA-256 fingerprint shows it has not changed since it was loaded.")

st.subheader("Figures revised by a later release")
revised = run_query("revised_figures")
if revised.empty:
    st.markdown("No figure has been revised by a later release.")
else:
    st.markdown(
        f"{len(revised)} earlier value(s) were replaced by a later release. The newest value is the one shown "
        "across the dashboard; the earlier ones are kept here."
    )
    table = revisions_table(revised)
    show_table(table)
    csv_download(table, "Download the revised figures (CSV)", "revised-figures.csv", "revised_csv")

st.header("What each measure means")
metrics = run_query("metrics")
table = metrics_table(metrics)
show_table(table)
csv_download(table, "Download the definitions (CSV)", "measures.csv", "metrics_csv")

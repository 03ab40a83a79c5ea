"""Streamlit pieces for the 'About the data' page: filters bound to the page address."""

from __future__ import annotations

import streamlit as st

from dashboard.about.model.sources import (
    resolve_choice,
)
from dashboard.about.views import open_data
from dashboard.common.escape import markdown, md
from dashboard.store.tables import DataFileError
from dashboard.web.elements import csv_download
from dashboard.web.elements import table as show_table
from dashboard.web.freshness import feeds_view
from dashboard.web.url import keep_param, url_value
from dashboard.web.widgets import section_heading, table_switch


def url_select(label: str, options: dict[str, str], param: str, what: str) -> str:
    """A select box whose choice lives in ?param=, so that a shared link reopens the same view."""
    values = list(options)
    choice = resolve_choice(url_value(param), values, what, default=values[0])
    if choice.notice:
        st.info(md(choice.notice), icon=":material/info:")
    # No widget key: the index follows the address, so a shared link or the back button always wins.
    picked = st.selectbox(label, values, index=values.index(choice.value), format_func=options.get)
    if picked == values[0]:
        if param in st.query_params:
            del st.query_params[param]
    else:
        keep_param(param, picked)
    return picked


def feeds_section() -> None:
    heading = "Official feeds and when they were checked"
    try:
        feeds = feeds_view()
    except DataFileError as error:
        section_heading(heading)
        st.warning(md(f"The feed catalogue or log could not be read: {error.problems[0]}"), icon=":material/warning:")
        return
    if not feeds.statuses:
        section_heading(heading, "No official feed is listed for automatic checking.")
        return
    section_heading(heading, feeds.summary)
    show_table(feeds.table, column_config={"Address": st.column_config.LinkColumn()})
    csv_download(feeds.table, "Download the feed checks (CSV)", "feeds.csv", "feeds_csv")
    st.caption(
        "Each feed is checked by `python -m dashboard refresh`, outside this website. A new release is checked whole "
        "before it is loaded; one that fails is rejected and the figures shown stay as they were."
    )


def _zip_bytes() -> bytes:
    return open_data().zip_bytes


def open_data_section() -> None:
    data = open_data()
    section_heading(
        "Download the whole dataset",
        markdown(
            "Every table behind this dashboard, version **{}** (the same data always has the same version): "
            "each table as CSV and Parquet, with a `datapackage.json` describing every column (a Frictionless Data Package) "
            "and its sources, under the Open Government Licence v3.0. {} KB as one zip file.",
            data.version,
            f"{len(data.zip_bytes) / 1024:,.0f}",
        ),
    )
    st.download_button(
        f"Download the open data, version {data.version} (zip)",
        _zip_bytes,  # made on the click: the zip is not sent with every rerun of the page
        file_name=data.file_name,
        mime="application/zip",
        key="open_data_zip",
        on_click="ignore",
    )
    section_heading("Data dictionary", data.dictionary_summary, level=3)
    table_switch(data.dictionary, "data-dictionary.csv", "dictionary", download="Download the data dictionary (CSV)")

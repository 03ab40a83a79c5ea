"""About the data: every official feed with its last check, and the whole dataset as one open-data zip."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from dashboard.db import database_version
from dashboard.elements import csv_download
from dashboard.elements import table as show_table
from dashboard.export import data_dictionary, export_package
from dashboard.freshness import feeds_summary, feeds_table
from dashboard.freshness_ui import statuses
from dashboard.tables import DataFileError


def feeds_section() -> None:
    st.header("Official feeds and when they were checked")
    try:
        found = statuses()
    except DataFileError as error:
        st.warning(f"The feed catalogue or log could not be read: {error.problems[0]}", icon=":material/warning:")
        return
    if not found:
        st.markdown("No official feed is listed for automatic checking.")
        return
    st.markdown(feeds_summary(found))
    shown = feeds_table(found)
    show_table(shown, column_config={"Address": st.column_config.LinkColumn()})
    csv_download(shown, "Download the feed checks (CSV)", "feeds.csv", "feeds_csv")
    st.caption(
        "Each feed is checked by `python -m dashboard refresh`, outside this website. A new release is checked whole "
        "before it is loaded; one that fails is rejected and the figures shown stay as they were."
    )


@dataclass(frozen=True)
class OpenData:
    version: str
    file_name: str
    zip_bytes: bytes
    dictionary: pd.DataFrame


@lru_cache(maxsize=2)
def _open_data(version: tuple) -> OpenData:
    """Written once per process and database: a few hundred kilobytes, shared by every session."""
    with tempfile.TemporaryDirectory(prefix="open-data-") as folder:
        package = export_package(Path(version[0]), Path(folder) / "open-data")
        return OpenData(package.version, package.zip_path.name, package.zip_path.read_bytes(), _dictionary(version[0]))


def _dictionary(path: str) -> pd.DataFrame:
    con = duckdb.connect(path, read_only=True)
    try:
        return data_dictionary(con)
    finally:
        con.close()


def open_data_section() -> None:
    st.header("Download the whole dataset")
    data = _open_data(database_version())
    st.markdown(
        f"Every table behind this dashboard, version **{data.version}** (the same data always has the same version): "
        f"each table as CSV and Parquet, with a `datapackage.json` describing every column (a Frictionless Data Package) "
        f"and its sources, under the Open Government Licence v3.0. {len(data.zip_bytes) / 1024:,.0f} KB as one zip file."
    )
    st.download_button(
        f"Download the open data, version {data.version} (zip)",
        data.zip_bytes,
        file_name=data.file_name,
        mime="application/zip",
        key="open_data_zip",
        on_click="ignore",
    )
    st.subheader("Data dictionary")
    st.markdown(f"{len(data.dictionary):,} columns in {data.dictionary['Table'].nunique()} tables, with what each holds.")
    show_table(data.dictionary)
    csv_download(data.dictionary, "Download the data dictionary (CSV)", "data-dictionary.csv", "dictionary_csv")

"""What the About the data page shows, built once per filter choice and database."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.about.model.sources import (
    ALL_STATUSES,
    about_lead,
    filter_sources,
    loads_summary,
    loads_table,
    metrics_table,
    revisions_table,
    sources_summary,
    sources_table,
)
from dashboard.common.cache import built_once
from dashboard.store.export import export_package
from dashboard.store.paths import database_path
from queries import run_query


@dataclass(frozen=True)
class AboutView:
    """The page's tables and sentences that do not depend on the filters; shared read-only by every session."""

    lead: str  # how much is shown and what it rests on, first under the title
    statuses: dict[str, str]  # the status filter's options, in words
    loads_summary: str
    loads_table: pd.DataFrame | None
    revised_count: int
    revisions_table: pd.DataFrame
    metrics_table: pd.DataFrame


@built_once(maxsize=4)
def about_view() -> AboutView:
    """Built once per process and database."""
    sources, loads, revised = run_query("sources"), run_query("load_log"), run_query("revised_figures")
    return AboutView(
        lead=about_lead(sources),
        statuses={ALL_STATUSES: "Any status"} | {s: s[:1].upper() + s[1:] for s in sorted(sources["status"].unique())},
        loads_summary=loads_summary(loads),
        loads_table=None if loads.empty else loads_table(loads),
        revised_count=len(revised),
        revisions_table=revisions_table(revised),
        metrics_table=metrics_table(run_query("metrics")),
    )


@dataclass(frozen=True)
class SourcesView:
    summary: str
    table: pd.DataFrame | None  # None when no source matches the filters


@built_once(maxsize=64)
def sources_view(tier: str, status: str) -> SourcesView:
    """The sources matching the filters, in words and as a table; once per filter pair and database."""
    sources = run_query("sources")
    shown = filter_sources(sources, tier, status)
    return SourcesView(sources_summary(sources, shown), None if shown.empty else sources_table(shown))


@dataclass(frozen=True)
class OpenData:
    version: str
    file_name: str
    zip_bytes: bytes
    dictionary: pd.DataFrame
    dictionary_summary: str


@built_once(maxsize=2)
def open_data() -> OpenData:
    """The whole dataset as one zip and its data dictionary, written once per process and database and shared."""
    path = database_path()
    with tempfile.TemporaryDirectory(prefix="open-data-") as folder:
        package = export_package(path, Path(folder) / "open-data")
        dictionary = package.dictionary
        summary = f"{len(dictionary):,} columns in {dictionary['Table'].nunique()} tables, with what each holds."
        return OpenData(package.version, package.zip_path.name, package.zip_path.read_bytes(), dictionary, summary)

"""Streamlit pieces for the 'About the data' page: filters bound to the page address."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
import streamlit as st

from dashboard.about_data import (
    ALL_STATUSES,
    filter_sources,
    loads_summary,
    loads_table,
    metrics_table,
    resolve_choice,
    revisions_table,
    sources_summary,
    sources_table,
)
from dashboard.db import database_version
from dashboard.url import keep_param
from queries import run_query


@dataclass(frozen=True)
class AboutView:
    """The page's tables and sentences that do not depend on the filters; shared read-only by every session."""

    statuses: dict[str, str]  # the status filter's options, in words
    loads_summary: str
    loads_table: pd.DataFrame | None
    revised_count: int
    revisions_table: pd.DataFrame
    metrics_table: pd.DataFrame


def about_view() -> AboutView:
    """Built once per process and database."""
    return _about_view(database_version())


@lru_cache(maxsize=4)
def _about_view(version: tuple) -> AboutView:
    sources, loads, revised = run_query("sources"), run_query("load_log"), run_query("revised_figures")
    return AboutView(
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


def sources_view(tier: str, status: str) -> SourcesView:
    """The sources matching the filters, in words and as a table; once per filter pair and database."""
    return _sources_view(tier, status, database_version())


@lru_cache(maxsize=64)
def _sources_view(tier: str, status: str, version: tuple) -> SourcesView:
    sources = run_query("sources")
    shown = filter_sources(sources, tier, status)
    return SourcesView(sources_summary(sources, shown), None if shown.empty else sources_table(shown))


def url_select(label: str, options: dict[str, str], param: str, what: str) -> str:
    """A select box whose choice lives in ?param=, so that a shared link reopens the same view."""
    values = list(options)
    choice = resolve_choice(st.query_params.get_all(param) or None, values, what, default=values[0])
    if choice.notice:
        st.info(choice.notice, icon=":material/info:")
    # No widget key: the index follows the address, so a shared link or the back button always wins.
    picked = st.selectbox(label, values, index=values.index(choice.value), format_func=options.get)
    if picked == values[0]:
        if param in st.query_params:
            del st.query_params[param]
    else:
        keep_param(param, picked)
    return picked

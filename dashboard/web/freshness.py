"""One line under each page's title saying how fresh its figures are (see dashboard/common/freshness.py)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.common.cache import built_once
from dashboard.common.escape import Markdown, markdown, markdown_join, md
from dashboard.common.freshness import FeedStatus, feed_statuses, feeds_summary, feeds_table, freshness_text
from dashboard.common.wording import small
from dashboard.store.feeds import catalogue_path, log_path, read_catalogue, read_log
from dashboard.store.paths import DATA_DIR
from dashboard.store.tables import DataFileError
from queries import run_query


def feeds_data_dir() -> Path:
    """The data folder holding feeds/; DASHBOARD_DATA_DIR points elsewhere (tests)."""
    return Path(os.environ.get("DASHBOARD_DATA_DIR", DATA_DIR))


def _mtime(path: Path) -> int:
    return path.stat().st_mtime_ns if path.exists() else 0


def _what_it_depends_on(metrics: Iterable[str] | None) -> tuple:
    """The page's measures, the feeds folder, the catalogue's and log's versions and the day: the cache key."""
    folder = feeds_data_dir()
    chosen = None if metrics is None else tuple(sorted(metrics))
    return chosen, str(folder), _mtime(catalogue_path(folder)), _mtime(log_path(folder)), date.today()


@built_once(maxsize=64)
def _statuses(
    metrics: tuple[str, ...] | None, folder: str, catalogue_mtime: int, log_mtime: int, today: date
) -> list[FeedStatus]:
    data_dir = Path(folder)
    return feed_statuses(read_catalogue(data_dir), read_log(data_dir), run_query("metric_latest"), today, metrics)


@dataclass(frozen=True)
class FeedsView:
    """Every official feed for About the data: how many were checked, and each one's last check, as a table."""

    statuses: list[FeedStatus]
    summary: str
    table: pd.DataFrame


def feeds_view() -> FeedsView:
    """Built once per process for each catalogue, log, database and day, so the table is encoded once, not per rerun."""
    return _feeds_view(*_what_it_depends_on(None))


@built_once(maxsize=8)
def _feeds_view(metrics: tuple[str, ...] | None, folder: str, catalogue_mtime: int, log_mtime: int, today: date) -> FeedsView:
    found = _statuses(metrics, folder, catalogue_mtime, log_mtime, today)
    return FeedsView(found, feeds_summary(found), feeds_table(found))


# Every page links to the glossary on About the data, where each abbreviation a page may show is written out.
GLOSSARY_LINK = Markdown("Abbreviations and terms are explained in the [glossary](/about-data#glossary).")


def page_opening(intro: str, small_print: str = "", metrics: Iterable[str] | None = None) -> None:
    """Under a page's title, as one element: how far its figures go and when their feed was last checked (overdue
    feeds said in words), in small print; then the page's opening sentence and how to read what follows (plain text
    or Markdown)."""
    try:
        note = _note(*_what_it_depends_on(metrics))
    except DataFileError:
        # A damaged catalogue or log is the refresher's problem to report; the page still shows its figures.
        note = "When these figures were last checked for updates is not available just now."
    # One element, not three: every element is a message on every rerun (bench/run.py).
    st.markdown(
        markdown_join(
            [
                small(note) if note else None,
                md(intro),
                small(markdown("{} {}", small_print, GLOSSARY_LINK) if small_print else GLOSSARY_LINK),
            ]
        )
    )


@built_once(maxsize=64)
def _note(metrics: tuple[str, ...] | None, folder: str, catalogue_mtime: int, log_mtime: int, today: date) -> Markdown | None:
    """The words of the line, worked out once for what it depends on (every page shows it on every rerun)."""
    found = _statuses(metrics, folder, catalogue_mtime, log_mtime, today)
    if not found:
        return None
    line, overdue = freshness_text(found)
    return markdown_join([line, *(markdown("**Overdue:** {}", sentence) for sentence in overdue)], "  \n")

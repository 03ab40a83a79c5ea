"""One line under each page's title saying how fresh its figures are (see dashboard/common/freshness.py)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pandas as pd
import streamlit as st

from dashboard.common.cache import built_once
from dashboard.common.escape import Markdown, markdown, markdown_join, markdown_link, md
from dashboard.common.freshness import FeedStatus, feed_statuses, feeds_summary, feeds_table, freshness_text
from dashboard.common.site_addresses import ForcePage, app_url, file_for, public_url, static_address
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


TWIN_LINK_TEXT = "A plain version of this page"
TWIN_LINK_AFTER = " loads quickly on a weak signal and prints well."


def static_twin_link(twin: ForcePage, force_id: str | None = None) -> Markdown | None:
    """A link to the page's twin in the static edition (dashboard/site), or None while there is none to open.

    Published with the app (no DASHBOARD_APP_URL), the twin is linked once its file is in the site folder, so a
    site not built yet never gives a dead link. Published elsewhere (a CDN), it is linked at the public address.
    """
    address = static_address(twin, force_id)
    if app_url():
        link = markdown_link(TWIN_LINK_TEXT, public_url() + address)
        return Markdown(link + TWIN_LINK_AFTER) if link != md(TWIN_LINK_TEXT) else None
    if not file_for(address).is_file():
        return None
    # The force id comes from the database; quoted, it cannot close the link or add markup.
    return Markdown(f"[{TWIN_LINK_TEXT}]({quote(address, safe='/')}){TWIN_LINK_AFTER}")


def page_opening(
    intro: str,
    small_print: str = "",
    metrics: Iterable[str] | None = None,
    twin: ForcePage | None = None,
    force_id: str | None = None,
) -> None:
    """Under a page's title, as one element: how far its figures go and when their feed was last checked (overdue
    feeds said in words), in small print; then the page's opening sentence and how to read what follows (plain text
    or Markdown); then, for a page with a `twin` in the static edition (for `force_id`), a link to it."""
    try:
        note = _note(*_what_it_depends_on(metrics))
    except DataFileError:
        # A damaged catalogue or log is the refresher's problem to report; the page still shows its figures.
        note = "When these figures were last checked for updates is not available just now."
    twin_link = static_twin_link(twin, force_id) if twin else None
    # One element, not three: every element is a message on every rerun (bench/run.py).
    st.markdown(
        markdown_join(
            [
                small(note) if note else None,
                md(intro),
                small(markdown("{} {}", small_print, GLOSSARY_LINK) if small_print else GLOSSARY_LINK),
                small(twin_link) if twin_link else None,
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

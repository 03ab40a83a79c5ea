"""How fresh a page's figures are, in one line: "999 figures to October 2026 · checked 2 December 2026".

Pure: it is given the feed catalogue, the feed log and the latest period held for each measure (from the
database), and never makes a date up. A feed whose latest period ended longer ago than its cadence plus
the publisher's usual delay is called overdue, in words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from dashboard.common.wording import format_date
from dashboard.store.feeds import CADENCE_DAYS, Check, Feed
from dashboard.store.web_address import checked_url


@dataclass(frozen=True)
class FeedStatus:
    feed: Feed
    latest_end: date | None  # last day of the latest period held for the feed's measures
    last_check: Check | None
    last_change: Check | None  # the last check that loaded a new release
    overdue: bool

    @property
    def line(self) -> str:
        held = f"{self.feed.label} to {self.latest_end:%B %Y}" if self.latest_end else f"no {self.feed.label.lower()} held yet"
        checked = f"checked {format_date(self.last_check.checked_at)}" if self.last_check else "not yet checked for updates"
        return f"{held[:1].upper()}{held[1:]} · {checked}"

    @property
    def overdue_sentence(self) -> str | None:
        if not self.overdue or self.latest_end is None:
            return None
        return (
            f"{self.feed.label[:1].upper()}{self.feed.label[1:]} from {self.feed.publisher} are normally published "
            f"{self.feed.cadence}; the latest we hold are for {self.latest_end:%B %Y}."
        )


def feed_statuses(
    feeds: Iterable[Feed], checks: list[Check], latest: pd.DataFrame, today: date, metrics: Iterable[str] | None = None
) -> list[FeedStatus]:
    """Each feed that supplies one of `metrics` (every feed when None), with what the database and the log say."""
    wanted = None if metrics is None else set(metrics)
    latest_by_metric = {row.metric_id: pd.Timestamp(row.latest_end).date() for row in latest.itertuples(index=False)}
    statuses = []
    for feed in feeds:
        measures = set(feed.metrics) if wanted is None else set(feed.metrics) & wanted
        if not measures:
            continue
        ends = [latest_by_metric[m] for m in measures if m in latest_by_metric]
        latest_end = max(ends) if ends else None
        own = [c for c in checks if c.feed_id == feed.feed_id]
        new = [c for c in own if c.outcome == "new"]
        due_by = latest_end + timedelta(days=CADENCE_DAYS[feed.cadence] + feed.grace_days) if latest_end else None
        statuses.append(
            FeedStatus(feed, latest_end, own[-1] if own else None, new[-1] if new else None, bool(due_by and today > due_by))
        )
    return statuses


def freshness_text(statuses: list[FeedStatus]) -> tuple[str, list[str]]:
    """The line under a page's title, and a sentence for each overdue feed."""
    line = "; ".join(s.line for s in statuses)
    return line, [s.overdue_sentence for s in statuses if s.overdue_sentence]


def feeds_table(statuses: list[FeedStatus]) -> pd.DataFrame:
    """For About the data: every feed with its last check, last change and outcome."""

    def when(check: Check | None) -> str:
        return format_date(check.checked_at) if check else "never"

    return pd.DataFrame(
        {
            "Feed": [s.feed.label for s in statuses],
            "Publisher": [s.feed.publisher for s in statuses],
            # A link column: only addresses that may be linked to (the catalogue is checked when read, and again here).
            "Address": [checked_url(s.feed.landing_url or s.feed.address) for s in statuses],
            "Normally published": [s.feed.cadence for s in statuses],
            "Latest period held": [f"{s.latest_end:%B %Y}" if s.latest_end else "none held" for s in statuses],
            "Last checked": [when(s.last_check) for s in statuses],
            "Outcome": [s.last_check.outcome if s.last_check else "not checked" for s in statuses],
            # Fixed words only: a check's detail (what the server said) is for the operator's log.
            "What happened": [s.last_check.public_message if s.last_check else "" for s in statuses],
            "Last new release": [when(s.last_change) for s in statuses],
            "Overdue": ["yes" if s.overdue else "no" for s in statuses],
        }
    )


def feeds_summary(statuses: list[FeedStatus]) -> str:
    checked = [s for s in statuses if s.last_check]
    overdue = [s.feed.label for s in statuses if s.overdue]
    text = f"{len(statuses)} official feed(s) are checked for new releases; {len(checked)} have been checked so far."
    if overdue:
        text += f" Overdue against their usual timetable: {', '.join(overdue)}."
    return text

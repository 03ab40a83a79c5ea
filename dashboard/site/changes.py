"""What changed for each force between two dates, in dated sentences a resident can read, each tied to the static page
that shows it: grades, new and revised figures, tracker updates, timeline events. Dates follow the pages' "as at" rules
(queries/grade_changes.sql, figure_changes.sql, improvement_updates.sql, timeline_events.sql); the sentences are theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.common.lookups import cycle_names
from dashboard.common.scale import GRADE_ORDER
from dashboard.common.wording import (
    area_gaps,
    as_date,
    counted,
    figure_sentence,
    format_date,
    format_value,
    grades_sentence,
    is_missing,
    lower_first,
)
from dashboard.grades.model import counts_sentence
from dashboard.holding.briefing.content import FIGURE_SECTIONS, change_days, counts_published
from dashboard.holding.model.timeline import STATUS_WORDS, event_when
from dashboard.holding.model.tracker import status_before
from dashboard.store.checks import FINDING_KINDS, NOT_FOUND
from queries import run_query

# Which static page shows each figure section's measures (a measure on no page has no entry: nothing to link to).
SECTION_PAGE = {"calls": "calls", "recording": "crime-recording", "outcomes": "crime-outcomes"}
PAGE_OF_METRIC = {m: (SECTION_PAGE[s.key], s.title) for s in FIGURE_SECTIONS for m in s.metric_ids}
FIGURE_METRICS = tuple(PAGE_OF_METRIC)
KIND_ORDER = ("grades", "grade-revised", "figures", "figures-revised", "tracker", "timeline")
KIND_LABEL = {
    "grades": "Inspection grades",
    "grade-revised": "Inspection grades",
    "figures": "New figures",
    "figures-revised": "Revised figures",
    "tracker": "Improvement tracker",
    "timeline": "Inspection timeline",
}
MOST_SENTENCES = 10  # an entry lists at most this many figures or grades, then says how many more its page shows
ALL_TIME = date(1900, 1, 1)  # 'since' for every change held: the data holds figures from before 2010


@dataclass(frozen=True)
class Change:
    """One thing that changed for one force on one day, in words, and the page that shows it."""

    force_id: str
    force_name: str  # the short name, as in the force picker
    day: date
    kind: str  # one of KIND_ORDER
    title: str
    summary: str
    page_slug: str  # the force's static page (site_addresses.FORCE_PAGES)
    key: str  # what it is within the force, for a stable entry id: the same change always has the same key
    month_only: bool = False  # the source gives only the month (grades known as counts): say 'February 2023'

    @property
    def label(self) -> str:
        return KIND_LABEL[self.kind]

    @property
    def when(self) -> str:
        """The day in words, or only its month where that is all the source gives."""
        return f"{self.day:%B %Y}" if self.month_only else format_date(self.day)

    def sort_key(self) -> tuple:
        """Newest first; on one day by force, kind and key, so every build lists the same entries in the same order."""
        return (-self.day.toordinal(), self.force_name, self.force_id, KIND_ORDER.index(self.kind), self.key)


def _sentence(text: object) -> str:
    """Text from the data as a sentence: a full stop added only where it has no closing mark of its own."""
    text = str(text).rstrip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _bounded(sentences: list[str], noun: str) -> str:
    shown = sentences[:MOST_SENTENCES]
    more = len(sentences) - len(shown)
    return " ".join(shown) + (f" And {counted(more, noun)} more on the page." if more else "")


def grade_changes(rows: pd.DataFrame, full_names: dict[str, str], cycles: dict[str, str]) -> list[Change]:
    """A force's grades published on one day in one cycle as one entry (the page's sentence); each revision its own."""
    changes = []
    published = rows[rows["earlier_grade"].isna()]
    for (force_id, cycle_id, day), grades in published.groupby(["force_id", "cycle_id", "day"], sort=False):
        grades = grades.sort_values("sort_order")
        cycle = cycles.get(cycle_id, "")
        if grades["grade"].isin(GRADE_ORDER).any():
            summary = grades_sentence(full_names[force_id], cycle, grades)  # its gaps included
        else:
            summary = area_gaps(grades["grade"], grades["area_short_name"]).strip()
        short = grades["force_short_name"].iloc[0]
        changes.append(
            Change(
                force_id,
                short,
                as_date(day),
                "grades",
                f"{short}: inspection grades published ({cycle})",
                summary,
                "grades",
                f"grades/{cycle_id}/{as_date(day).isoformat()}",
            )
        )
    for row in rows[rows["earlier_grade"].notna()].itertuples():
        cycle = cycles.get(row.cycle_id, "")
        now = "not known" if row.grade == "Not known" else row.grade
        before = "not known to us" if row.earlier_grade == "Not known" else row.earlier_grade
        changes.append(
            Change(
                row.force_id,
                row.force_short_name,
                as_date(row.day),
                "grade-revised",
                f"{row.force_short_name}: inspection grade corrected ({cycle})",
                f"{row.area_name}: now {now}, previously {before}.",
                "grades",
                f"grade-revised/{row.cycle_id}/{row.area_id}/{row.load_id}",
            )
        )
    return changes


def grade_count_changes(
    counts: pd.DataFrame, matrix: pd.DataFrame, full_names: dict[str, str], cycle_id: str, cycle: str, since: date, as_at: date
) -> list[Change]:
    """Grades known only as counts (how many areas got each grade) for a force with no grade placed in an area in that
    cycle, as the grades page and the pack show them, dated on their publication (a month, as text: the pack's rule)."""
    placed = set(matrix.loc[matrix["grade"].isin(GRADE_ORDER), "force_id"])
    counts = counts.assign(day=counts_published(counts).dt.date)
    changes = []
    for force_id, rows in counts[~counts["force_id"].isin(placed)].groupby("force_id", sort=False):
        day = rows["day"].dropna().min() if rows["day"].notna().any() else None
        if day is None or not since < day <= as_at:
            continue
        short = rows["force_short_name"].iloc[0]
        changes.append(
            Change(
                force_id,
                short,
                day,
                "grades",
                f"{short}: inspection grades published ({cycle})",
                counts_sentence(full_names[force_id], cycle, rows),
                "grades",
                f"grade-counts/{cycle_id}/{day.isoformat()}",
                month_only=True,
            )
        )
    return changes


def _revision_sentence(row: pd.Series) -> str:
    now, before = format_value(row["value"], row["unit"]), format_value(row["earlier_value"], row["unit"])
    if now == before:
        return f"{row['metric_name']} ({row['period_label']}): {now}, unchanged, now from the later release."
    return f"{row['metric_name']} ({row['period_label']}): now {now}, previously {before}."


def figure_changes(rows: pd.DataFrame, full_names: dict[str, str]) -> list[Change]:
    """A force's new figures on one page on one day as one entry (the pages' sentence for each); the same for the
    figures one release revised."""
    changes = []
    rows = rows.assign(page=rows["metric_id"].map(lambda m: PAGE_OF_METRIC[m][0]))
    new, revised = rows[rows["earlier_value"].isna()], rows[rows["earlier_value"].notna()]
    for (force_id, page, day), figures in new.groupby(["force_id", "page", "day"], sort=False):
        short, section = figures["force_short_name"].iloc[0], PAGE_OF_METRIC[figures["metric_id"].iloc[0]][1]
        sentences = [figure_sentence(full_names[force_id], figure) for _, figure in figures.iterrows()]
        changes.append(
            Change(
                force_id,
                short,
                as_date(day),
                "figures",
                f"{short}: new figures on {lower_first(section)}",
                _bounded(sentences, "figure"),
                page,
                f"figures/{page}/{as_date(day).isoformat()}",
            )
        )
    for (force_id, page, load_id), figures in revised.groupby(["force_id", "page", "load_id"], sort=False):
        short, section = figures["force_short_name"].iloc[0], PAGE_OF_METRIC[figures["metric_id"].iloc[0]][1]
        day = as_date(figures["day"].iloc[0])
        intro = f"A release on {format_date(day)} revised {counted(len(figures), 'figure')} for {full_names[force_id]}."
        changes.append(
            Change(
                force_id,
                short,
                day,
                "figures-revised",
                f"{short}: revised figures on {lower_first(section)}",
                f"{intro} {_bounded([_revision_sentence(f) for _, f in figures.iterrows()], 'revision')}",
                page,
                f"figures-revised/{page}/{int(load_id)}",
            )
        )
    return changes


def tracker_changes(force_id: str, short: str, updates: pd.DataFrame) -> list[Change]:
    """Each improvement tracker update: a new item, a status that moved on, or news on an item whose status stayed."""
    changes = []
    for row in updates.itertuples():
        kind = FINDING_KINDS.get(row.finding_kind, "Improvement item")
        if is_missing(row.previous_status):
            title = f"{short}: new item in the improvement tracker"
        elif row.previous_status != row.status:
            title = f"{short}: improvement item now {row.status}"
        else:
            title = f"{short}: update on an improvement item"
        status = f"Status: {row.status} ({status_before(row.previous_status)})."
        changes.append(
            Change(
                force_id,
                short,
                as_date(row.update_date),
                "tracker",
                title,
                f"{kind}: {_sentence(row.item)} {status} Update: {_sentence(row.update_summary)}",
                "tracker",
                f"tracker/{row.action_id}/{as_date(row.update_date).isoformat()}",
            )
        )
    return changes


def timeline_changes(force_id: str, short: str, events: pd.DataFrame, since: date) -> list[Change]:
    """Each dated inspection event after `since` (those looked for and not found have no day, so no entry)."""
    changes = []
    for _, event in events.iterrows():
        day = as_date(event["event_date"])
        if event["status"] == NOT_FOUND or day is None or day <= since:
            continue
        scheduled = f" {STATUS_WORDS['scheduled']}." if event["status"] == "scheduled" else ""
        when = event_when(event)  # a span or a month says more than the entry's day, which the feed gives anyway
        when = f"{when}: " if when != format_date(day) else ""
        changes.append(
            Change(
                force_id,
                short,
                day,
                "timeline",
                f"{short}: {lower_first(event['title'])}",
                f"{when}{_sentence(event['detail'])}{scheduled}",
                "timeline",
                f"timeline/{event['event_id']}",
            )
        )
    return changes


def changes_between(since: date, as_at: date) -> list[Change]:
    """Everything that changed for every force after `since` and on or before `as_at`, newest first."""
    forces = run_query("forces")
    full_names = dict(zip(forces["force_id"], forces["name"]))
    cycles = cycle_names()
    changes = grade_changes(run_query("grade_changes", since=since, as_at=as_at), full_names, cycles)
    changes += figure_changes(run_query("figure_changes", metric_ids=list(FIGURE_METRICS), since=since, as_at=as_at), full_names)
    for cycle_id, cycle in cycles.items():
        changes += grade_count_changes(
            run_query("cycle_grade_counts", cycle_id=cycle_id),
            run_query("grades_as_at", cycle_id=cycle_id, as_at=as_at),
            full_names,
            cycle_id,
            cycle,
            since,
            as_at,
        )
    for force in forces.itertuples():
        for cycle_id in cycles:
            updates = run_query("improvement_updates", force_id=force.force_id, cycle_id=cycle_id, since=since, as_at=as_at)
            changes += tracker_changes(force.force_id, force.short_name, updates)
        events = run_query("timeline_events", force_id=force.force_id, as_at=as_at)
        changes += timeline_changes(force.force_id, force.short_name, events, since)
    return sorted(changes, key=Change.sort_key)


@dataclass(frozen=True)
class Release:
    """What a digest covers: the changes dated after `since` and on or before `day`."""

    day: date
    since: date
    loaded: bool  # True when `day` is a day releases were loaded, False when it is one of the data's own change days

    @property
    def name(self) -> str:
        return self.day.isoformat()


def releases(as_at: date) -> list[Release]:
    """The release log's load days when any release was loaded; otherwise the data's own change days
    (queries/change_days.sql, the briefing pack's rule). Oldest first; each counts from the one before it.

    The curated data the dashboard started from is no release: the first load's digest holds its own day only."""
    loads = run_query("load_log")
    loaded = bool(len(loads))
    if loaded:
        days = sorted({d for d in pd.to_datetime(loads["loaded_at"]).dt.date if d <= as_at})
    else:
        days = [d for d in change_days() if d <= as_at]
    return [
        Release(day, days[index - 1] if index else date.fromordinal(day.toordinal() - 1), loaded)
        for index, day in enumerate(days)
    ]

"""What the briefing pack adds to the grades, tracker and timeline: the 'since' date, what changed since then, the
force beside its peers and England and Wales (grades as counts per cycle, figures as published), and the gaps.

Pure shaping apart from `gather_extra` and `default_since`, which run the named queries. Nothing here
estimates, averages or fills in: a figure not held comes back as a gap and the pack says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.common.cache import built_once
from dashboard.common.scale import GRADE_ORDER
from dashboard.common.wording import compare_with_standard, meets_standard
from dashboard.holding.model.as_at import last_change, months_before, snapped_note
from dashboard.holding.model.tracker import CLOSED
from dashboard.performance.model.series import (
    CALL_METRICS,
    ENGLAND_AND_WALES,
    OUTCOME_METRICS,
    RECORDING_METRICS,
    Comparison,
    comparison_for,
)

MEETING_KINDS = ("meeting", "progress_update")  # timeline events at which the PCC held the force to account in public
NOT_KNOWN = "Not known"
COUNT_COLUMNS = (*GRADE_ORDER, NOT_KNOWN)


@dataclass(frozen=True)
class Since:
    day: date
    reason: str  # which default was taken, or that the reader chose it


@dataclass(frozen=True)
class PackDates:
    """The dates a pack is made for: those asked for, each moved back to the last day the data changed."""

    as_at: date
    since: date
    note: str | None  # says so when either differs from the date asked for


@dataclass(frozen=True)
class FigureSection:
    key: str
    title: str
    what: str  # 'answering 999 and 101 calls', for the sentence
    metric_ids: tuple[str, ...]


FIGURE_SECTIONS = (
    FigureSection("calls", "999 and 101 calls", "answering 999 and 101 calls", CALL_METRICS),
    FigureSection("recording", "Crime recording", "recording crime", RECORDING_METRICS),
    FigureSection("outcomes", "Recorded crime and charge rate", "recorded crime and charges", OUTCOME_METRICS),
)


@dataclass(frozen=True)
class GradeCounts:
    cycle_name: str
    comparability_note: str
    table: pd.DataFrame  # Place, one column per grade and 'Not known', each a count of areas
    counts_only: tuple[str, ...]  # places whose counts are published counts, not placed in areas


@dataclass
class BriefingExtra:
    since: Since
    comparison: Comparison
    changes: pd.DataFrame  # improvement_updates between since and as_at
    grade_counts: list[GradeCounts]
    latest: pd.DataFrame  # latest_figures_as_at for the force, its peers and England and Wales
    series: dict[str, pd.DataFrame]  # the force's figures over time, per figure section
    every_place: pd.DataFrame  # metric_series_as_at for the force, its peers and England and Wales (like-for-like periods)
    metric_names: dict[str, str]


def last_meeting(events: pd.DataFrame, as_at: date) -> pd.Series | None:
    """The latest public meeting in the timeline dated before the as-at day, or None."""
    if events.empty:
        return None
    # As timestamps: a timeline with no dated event as at the day (only 'not found' rows) refused a date.
    dates = pd.to_datetime(events["event_date"])
    meetings = events[events["kind"].isin(MEETING_KINDS) & events["event_date"].notna() & (dates < pd.Timestamp(as_at))]
    if meetings.empty:
        return None
    return meetings.sort_values("event_date").iloc[-1]


def since_from_events(events: pd.DataFrame, as_at: date) -> Since:
    """The last meeting before the as-at date; without one, three months before it. Says which."""
    meeting = last_meeting(events, as_at)
    if meeting is not None:
        day = pd.Timestamp(meeting["event_date"]).date()
        return Since(day, f"the date of the last public meeting in the inspection timeline ({meeting['title']})")
    return Since(months_before(as_at, 3), "three months before the “data as at” date: the timeline holds no earlier meeting")


@built_once(maxsize=256)
def default_since(force_id: str, as_at: date) -> Since:
    """since_from_events for the force's timeline, once per force, as-at day and database: the briefing page asks on
    every rerun, and the query and date sums cost more than the rest of the page."""
    from queries import run_query

    return since_from_events(run_query("timeline_events", force_id=force_id, as_at=as_at), as_at)


def counts_published(counts: pd.DataFrame) -> pd.Series:
    """When each published grade count was published: stored as text ('2023-02'), read as a timestamp (NaT if not)."""
    return pd.to_datetime(counts["published"], errors="coerce")


@built_once(maxsize=4)
def change_days() -> tuple[date, ...]:
    """Every day on which something the pack shows can change, oldest first, once per database."""
    from queries import run_query

    days = set(pd.to_datetime(run_query("change_days")["day"]).dt.date)
    for cycle_id in run_query("cycles")["cycle_id"]:
        days.update(counts_published(run_query("cycle_grade_counts", cycle_id=cycle_id)).dropna().dt.date)
    return tuple(sorted(days))


def pack_dates(as_at: date, since: date) -> PackDates:
    """The pack's dates, snapped to the last day on or before each on which its data changed: the pack is the same
    (only the dates printed on it differ), and a script asking for every day of the year gets a few packs, not 365."""
    days = change_days()
    used_as_at, used_since = last_change(as_at, days), last_change(since, days)
    return PackDates(used_as_at, used_since, snapped_note(as_at, used_as_at, since, used_since))


def open_items(tracker: pd.DataFrame) -> pd.DataFrame:
    return tracker[tracker["status"] != CLOSED] if not tracker.empty else tracker


def below_standard(latest: pd.DataFrame, force_id: str) -> pd.DataFrame:
    """The force's latest figures that miss a published standard (meets_standard), with the words saying which way."""
    own = latest[latest["force_id"] == force_id]
    missed, words = [], []
    for index, row in zip(own.index, own.itertuples()):
        if meets_standard(row.value, row.standard_value, row.higher_is_better) is False:
            missed.append(index)
            words.append(compare_with_standard(row.value, row.standard_value, row.higher_is_better, row.unit))
    # As text even when there are none: a force with no figure against a standard by the as-at day made an empty
    # float column, and the pack failed on it.
    return own.loc[missed].assign(standard_words=pd.Series(words, index=missed, dtype=object))


def grade_count_table(
    matrix: pd.DataFrame, counts: pd.DataFrame, comparison: Comparison, as_at: date
) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Areas at each grade: the force, each peer, the peers with the force, and all of England and Wales.

    Counts only, within one cycle: never an average or a score. `matrix` is queries/grades_as_at.sql, which says
    which grades were published by the as-at day; any other state ('Not yet published', 'Not graded') counts as
    'Not known'. A force known only as published counts (no grade placed in an area) is counted from those
    published by the as-at day.
    """
    matrix = matrix.assign(grade=matrix["grade"].where(matrix["grade"].isin(GRADE_ORDER), NOT_KNOWN))
    per_force = matrix.groupby(["force_id", "grade"]).size().unstack(fill_value=0)
    per_force = per_force.reindex(columns=list(COUNT_COLUMNS), fill_value=0)
    counts_only: list[str] = []
    if not counts.empty:
        published = counts_published(counts)
        counts = counts[published.isna() | (published <= pd.Timestamp(as_at))]
        # grades_as_at has a row for every force and area, so every force with counts is in per_force.
        for force_id, rows in counts.groupby("force_id"):
            if per_force.loc[force_id, list(GRADE_ORDER)].sum():
                continue  # grades placed in areas are shown, never counts beside them
            row = {g: int(rows.loc[rows["grade"] == g, "area_count"].sum()) for g in GRADE_ORDER}
            row[NOT_KNOWN] = max(int(per_force.loc[force_id].sum()) - sum(row.values()), 0)
            per_force.loc[force_id] = pd.Series(row)
            counts_only.append(force_id)
    names = dict(zip(matrix["force_id"], matrix["force_short_name"]))
    group_ids = [comparison.force_id, *comparison.peer_ids]
    rows = [{"Place": names[force_id], **per_force.loc[force_id].astype(int).to_dict()} for force_id in group_ids]
    if comparison.peer_ids:
        together = per_force.loc[group_ids].sum().astype(int)
        rows.append(
            {"Place": f"{comparison.force_name} and these {len(comparison.peer_ids)} forces together", **together.to_dict()}
        )
    rows.append({"Place": f"England and Wales ({per_force.shape[0]} forces)", **per_force.sum().astype(int).to_dict()})
    return pd.DataFrame(rows), tuple(names[force_id] for force_id in counts_only if force_id in group_ids)


def gather_extra(force_id: str, as_at: date, since: Since, cycle_id: str) -> BriefingExtra:
    """Run the named queries the extra sections need, all as known on the as-at date."""
    from queries import run_query

    comparison = comparison_for(force_id, run_query("forces"), run_query("peer_groups", force_id=force_id))
    cycles = run_query("cycles")
    grade_counts = []
    for cycle in cycles.itertuples():
        table, counts_only = grade_count_table(
            run_query("grades_as_at", cycle_id=cycle.cycle_id, as_at=as_at),
            run_query("cycle_grade_counts", cycle_id=cycle.cycle_id),
            comparison,
            as_at,
        )
        grade_counts.append(GradeCounts(cycle.name, cycle.comparability_note, table, counts_only))
    all_metrics = [m for section in FIGURE_SECTIONS for m in section.metric_ids]
    places = [force_id, *comparison.peer_ids, ENGLAND_AND_WALES]
    latest = run_query("latest_figures_as_at", force_ids=places, metric_ids=all_metrics, as_at=as_at)
    every_place = run_query("metric_series_as_at", force_ids=places, metric_ids=all_metrics, as_at=as_at)
    own = every_place[every_place["force_id"] == force_id]
    series = {s.key: own[own["metric_id"].isin(s.metric_ids)].reset_index(drop=True) for s in FIGURE_SECTIONS}
    changes = run_query("improvement_updates", force_id=force_id, cycle_id=cycle_id, since=since.day, as_at=as_at)
    metrics = run_query("metrics")
    return BriefingExtra(
        since,
        comparison,
        changes,
        grade_counts,
        latest,
        series,
        every_place,
        dict(zip(metrics["metric_id"], metrics["name"])),
    )

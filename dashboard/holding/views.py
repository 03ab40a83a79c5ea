"""What the timeline, tracker and meeting pages show, built once per process and shared by every session.

The same force, dates and database always give the same words, tables and charts, so reruns reuse
them instead of querying and reshaping again (the approach of dashboard/overview/views.py). The same
objects come back on every rerun, so dashboard/web/elements.py serialises each table and chart once.
Results are shared between sessions: read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dashboard.common.cache import built_once
from dashboard.common.escape import Markdown, markdown, markdown_join
from dashboard.common.lookups import cycle_names
from dashboard.common.scale import GRADE_ORDER
from dashboard.common.wording import format_date, join_words, lower_first, row_source, small
from dashboard.grades.scorecard import PACK, SLIDE, scorecard, scorecard_figure, scorecard_text
from dashboard.holding.charts import figures_chart, timeline_figure
from dashboard.holding.model import meeting
from dashboard.holding.model.key_figures import figure_table, figures_summary
from dashboard.holding.model.timeline import STATUS_WORDS, event_when, timeline_lead, timeline_summary, timeline_table
from dashboard.holding.model.tracker import (
    STATUSES,
    count_by_status,
    counts_sentence,
    overdue_flags,
    status_before,
    tracker_as_list,
    tracker_gaps,
    tracker_lead,
    tracker_table,
)
from dashboard.store.checks import NOT_FOUND
from queries import run_query

# Between items of one list: a blank line before the rule, or the line above would become a heading.
ITEM_BREAK = Markdown("\n\n---\n\n")
OVERDUE_LABEL = "Past target date"
TRACKER_NOTE = (
    "Owner and target date say “not published” where no published source gives them; nothing is estimated. "
    "An item is past its target date (overdue) when that date has passed on the chosen date and the inspectorate "
    "has not closed it."
)


def events_markdown(events: pd.DataFrame) -> Markdown:
    """Every event as one markdown: when and what in bold, its status if scheduled, the detail, its source."""
    items = []
    for _, event in events.iterrows():
        lines = [markdown("**{} — {}**", event_when(event), event["title"])]
        if event["status"] == "scheduled":
            lines.append(markdown("*{}*", STATUS_WORDS[event["status"]]))
        lines.append(event["detail"])
        prefix = "Looked for; the source that said it would exist: " if event["status"] == NOT_FOUND else "Source: "
        lines.append(small(markdown("{}{}", prefix, row_source(event))))
        items.append(markdown_join(lines))
    return markdown_join(items, ITEM_BREAK)


def changes_markdown(changes: pd.DataFrame, since: date, as_at: date) -> Markdown:
    """Each update between the two dates, newest first: new status, what it was before, what it says, its source."""
    if changes.empty:
        return markdown("No updates dated after {} and on or before {}.", format_date(since), format_date(as_at))
    items = []
    for _, change in changes.iterrows():
        before = status_before(change["previous_status"])
        items.append(
            markdown(
                "**{} — {}** ({})\n\n{}\n\n*Update:* {}\n\n{}",
                format_date(change["update_date"]),
                change["status"].capitalize(),
                before,
                change["item"],
                change["update_summary"],
                small(markdown("Source: {}", row_source(change))),
            )
        )
    intro = f"{len(changes)} update{'s' if len(changes) != 1 else ''} after {format_date(since)}, newest first:"
    return markdown_join([intro, *items], ITEM_BREAK)


def counts_table(tracker: pd.DataFrame, as_at: date) -> Markdown:
    """One markdown table: how many items stand at each status (zeros included), then how many are past their target."""
    counts = count_by_status(tracker)
    labels = [status.capitalize() for status in STATUSES] + [OVERDUE_LABEL]
    values = [counts[status] for status in STATUSES] + [int(overdue_flags(tracker, as_at).sum())]
    return markdown_join(
        [
            markdown("| {} |", markdown_join(labels, " | ")),
            Markdown("|" + "---:|" * len(labels)),
            markdown("| {} |", markdown_join((markdown("**{}**", v) for v in values), " | ")),
        ],
        "\n",
    )


@dataclass(frozen=True)
class ChartView:
    figure: go.Figure
    summary: str
    table: pd.DataFrame
    file_name: str


@dataclass(frozen=True)
class TimelineView:
    """The timeline page for one force and date: the chart, the dated events and those not found."""

    lead: str  # the latest event, first under the title
    empty: bool
    chart: ChartView | None
    dated: Markdown  # empty when nothing dated is held
    missing: Markdown | None  # with its plain introduction


# The cached functions take dates as ISO text: Streamlit hashes a string for the cache key far faster than a date.


def timeline_view(force_id: str, force_name: str, as_at: date) -> TimelineView:
    """The timeline page's chart and lists, built once per process, force, date and database."""
    return _timeline_view(force_id, force_name, as_at.isoformat())


@built_once(maxsize=500)
def _timeline_view(force_id: str, force_name: str, as_at_text: str) -> TimelineView:
    as_at = date.fromisoformat(as_at_text)
    events = run_query("timeline_events", force_id=force_id, as_at=as_at)
    lead = timeline_lead(force_name, events, as_at)
    if events.empty:
        return TimelineView(lead, True, None, Markdown(""), None)
    not_found = events["status"] == NOT_FOUND
    dated, missing = events[~not_found], events[not_found]
    chart = None
    if not dated.empty:
        chart = ChartView(
            timeline_figure(events),
            timeline_summary(force_name, events, as_at),
            timeline_table(events),
            f"{force_id}-timeline-as-at-{as_at.isoformat()}.csv",
        )
    missing_text = None
    if not missing.empty:
        missing_text = markdown_join(
            [
                "These are expected to exist, but no source we reviewed gives them; so they have no date here.",
                events_markdown(missing),
            ],
            ITEM_BREAK,
        )
    return TimelineView(lead, False, chart, events_markdown(dated), missing_text)


@dataclass(frozen=True)
class TrackerBlock:
    """The tracker's counts (a sentence and a table, one markdown), its full table, and the same items as a list."""

    counts: Markdown
    table: pd.DataFrame
    as_list: Markdown  # one list, status first, shown instead of the table on a phone


@dataclass(frozen=True)
class TrackerView:
    """The tracker page for one force, cycle and pair of dates."""

    lead: str  # items by status, first under the title
    block: TrackerBlock | None  # None when no item is held
    not_found: Markdown | None  # documents looked for and not found, one warning
    changes: Markdown


def tracker_block_view(force_id: str, force_name: str, cycle_id: str, as_at: date) -> TrackerBlock | None:
    """Counts and table for one force, cycle and date (None when no item is held), built once per process."""
    return _tracker_block(force_id, force_name, cycle_id, as_at.isoformat())


@built_once(maxsize=500)
def _tracker_block(force_id: str, force_name: str, cycle_id: str, as_at_text: str) -> TrackerBlock | None:
    as_at = date.fromisoformat(as_at_text)
    tracker = run_query("improvement_tracker", force_id=force_id, cycle_id=cycle_id, as_at=as_at)
    if tracker.empty:
        return None
    counts = markdown_join([counts_sentence(force_name, tracker, as_at), counts_table(tracker, as_at), small(TRACKER_NOTE)])
    return TrackerBlock(counts, tracker_table(tracker, as_at), tracker_as_list(tracker, as_at))


def tracker_view(force_id: str, force_name: str, cycle_id: str, as_at: date, since: date) -> TrackerView:
    """The tracker page's counts, table, gaps and changes, built once per process and database."""
    return _tracker_view(force_id, force_name, cycle_id, as_at.isoformat(), since.isoformat())


@built_once(maxsize=500)
def _tracker_view(force_id: str, force_name: str, cycle_id: str, as_at_text: str, since_text: str) -> TrackerView:
    as_at, since = date.fromisoformat(as_at_text), date.fromisoformat(since_text)
    gaps = tracker_gaps(run_query("timeline_events", force_id=force_id, as_at=as_at), cycle_id)
    not_found = markdown_join(markdown("**Not found: {}.** {}", lower_first(g["title"]), g["detail"]) for _, g in gaps.iterrows())
    changes = run_query("improvement_updates", force_id=force_id, cycle_id=cycle_id, since=since, as_at=as_at)
    tracker = run_query("improvement_tracker", force_id=force_id, cycle_id=cycle_id, as_at=as_at)
    return TrackerView(
        tracker_lead(force_name, cycle_names().get(cycle_id, cycle_id), tracker, as_at),
        tracker_block_view(force_id, force_name, cycle_id, as_at),
        not_found or None,
        changes_markdown(changes, since, as_at),
    )


@dataclass(frozen=True)
class StepView:
    """One meeting step (a slide): its headline, then what the page draws under it, in order; unused parts are None."""

    headline: str
    text: Markdown | None = None  # straight under the headline
    chart: ChartView | None = None
    no_figures: str | None = None
    tracker_table: Markdown | None = None  # the compact table the slide shows (wrapping)
    presenter: Markdown | None = None  # under the figure: what it means and its source
    tracker: TrackerBlock | None = None  # the full table and its CSV, below the slide


# Slides: chart text at 20 px reads from the back of a room; heights leave room for the headline, the sentence
# before the chart, the presenter line and the control bar at 1366x768 (tests/browser/test_meeting_journey.py).
SLIDE_FONT = 20
SLIDE_CHART_HEIGHT = {"calls": 360, "recording": 300}


def _definition(metric_id: str) -> str:
    metrics = run_query("metrics")
    return str(metrics.loc[metrics["metric_id"] == metric_id, "definition"].iloc[0]).rstrip(".")


@built_once(maxsize=500)
def step_view(force_id: str, force_name: str, force_short: str, step: int, as_at: date, large: bool) -> StepView:
    """One agenda step as known on the as-at date, built once per process and database."""
    slug = meeting.AGENDA[step - 1].slug
    cycle = run_query("cycles").iloc[0]
    cycle_id, cycle_name = cycle["cycle_id"], cycle["name"]
    if slug == "grades":
        every_force = run_query("grades_as_at", cycle_id=cycle_id, as_at=as_at)
        grades = every_force[every_force["force_id"] == force_id].reset_index(drop=True)
        headline = meeting.grades_headline(force_short, cycle_name, grades, as_at)
        if not grades["grade"].isin(GRADE_ORDER).any():
            return StepView(headline)
        first = grades.dropna(subset=["source_title"]).iloc[0]
        card = scorecard(force_name, cycle_name, grades)
        chart = ChartView(
            scorecard_figure(card, SLIDE if large else PACK),
            scorecard_text(card),
            card.table,
            f"{force_id}-grades-as-at-{as_at.isoformat()}.csv",
        )
        return StepView(
            headline,
            chart=chart,
            presenter=markdown("**What it means:** {} **Source:** {}.", meeting.GRADES_MEANING, meeting.source_line(first)),
        )
    if slug == "tracker":
        tracker = run_query("improvement_tracker", force_id=force_id, cycle_id=cycle_id, as_at=as_at)
        if tracker.empty:
            return StepView(meeting.tracker_headline(force_short, tracker, as_at))
        return StepView(
            meeting.tracker_headline(force_short, tracker, as_at),
            tracker_table=meeting.tracker_slide_table(tracker, as_at),
            presenter=meeting.tracker_presenter_line(tracker),
            tracker=tracker_block_view(force_id, force_name, cycle_id, as_at),
        )
    metrics = meeting.CALLS_METRICS if slug == "calls" else meeting.RECORDING_METRICS
    series = run_query("metric_series_as_at", force_ids=[force_id], metric_ids=list(metrics), as_at=as_at)
    # The latest figure as known that day: decided in queries/latest_figures_as_at.sql, as in the briefing pack.
    newest = run_query("latest_figures_as_at", force_ids=[force_id], metric_ids=[metrics[0]], as_at=as_at)
    latest = None if newest.empty else newest.iloc[0]
    text = None
    if slug == "calls":
        headline = meeting.figure_headline(force_short, latest, "999 calls", as_at)
    else:
        tracker = run_query("improvement_tracker", force_id=force_id, cycle_id=cycle_id, as_at=as_at)
        cause = meeting.recording_cause_of_concern(tracker)
        headline = meeting.recording_headline(force_short, cause, latest, as_at)
        if cause is not None:
            text = markdown(
                "**Latest update ({}):** {} **Source:** {}.",
                format_date(cause["update_date"]),
                cause["update_summary"],
                meeting.source_line(cause),
            )
    what = "answering 999 calls" if slug == "calls" else "recording crime"
    if series.empty:
        no_figures = f"We hold no published figures for {force_name} on {what} as at {format_date(as_at)}."
        return StepView(headline, text=text, no_figures=no_figures)
    font, height = (SLIDE_FONT, SLIDE_CHART_HEIGHT[slug]) if large else (14, 380)
    chart = ChartView(
        figures_chart(series, font_size=font, height=height),
        figures_summary(force_name, series, what),
        figure_table(series),
        f"{force_id}-{slug}-as-at-{as_at.isoformat()}.csv",
    )
    presenter = None if latest is None else meeting.figure_presenter_line(latest, _definition(metrics[0]))
    return StepView(headline, text=text, chart=chart, presenter=presenter)


@built_once(maxsize=500)
def meeting_lead(force_name: str, as_at: date) -> str:
    """Meeting mode's answer before it starts: what the slides are, for whom and as known on which day."""
    steps = join_words([item.title.lower() for item in meeting.AGENDA])
    return (
        f"{len(meeting.AGENDA)} slides for a public meeting on {force_name}, as known on {format_date(as_at)}: {steps}. "
        "Each has one plain headline, its evidence and its source."
    )


@built_once(maxsize=500)
def briefing_lead(force_name: str, as_at: date, since: date) -> str:
    """The briefing page's answer: what the pack is, for whom, and the two dates it is made for."""
    return (
        f"A briefing pack for the Police and Crime Panel on {force_name}, as known on {format_date(as_at)}: what changed "
        f"since {format_date(since)}, the grades, the key figures, the improvement tracker, the timeline and every source, "
        "as a PDF to print and a web page."
    )

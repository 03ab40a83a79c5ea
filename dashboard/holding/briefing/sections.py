"""What the briefing pack's summary page, its peer comparison of grades and its three figure sections hold, rendered
by the templates in dashboard/templates/briefing/ (dashboard.common.render: every value escaped there).

`cite` is the pack's source register, which numbers each source the first time it is cited: the templates cite in the
order the pack reads, except the comparison tables, whose cells are cited measure by measure. A figure not held is
written as a gap, never filled in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.common.render import render
from dashboard.common.wording import format_value, is_missing, tier_label
from dashboard.holding.briefing.content import (
    COUNT_COLUMNS,
    FIGURE_SECTIONS,
    BriefingExtra,
    below_standard,
    open_items,
)
from dashboard.holding.charts import chartable
from dashboard.holding.model.key_figures import figures_summary
from dashboard.holding.model.timeline import event_when
from dashboard.holding.model.tracker import shown_or_not_published
from dashboard.performance.model.series import ENGLAND_AND_WALES, Beside, beside, is_comparable_between_places, latest
from dashboard.store.checks import FINDING_KINDS

Cite = Callable[[pd.Series], str]

# The wording helpers the pack's templates call, by the names they use.
WORDING = {
    "format_value": format_value,
    "tier_label": tier_label,
    "event_when": event_when,
    "shown_or_not_published": shown_or_not_published,
    "finding_kinds": FINDING_KINDS,
}


def _records(frame: pd.DataFrame) -> list[dict]:
    return frame.to_dict("records") if not frame.empty else []


def _changes(since: date, as_at: date, extra: BriefingExtra, events: pd.DataFrame, grades: pd.DataFrame, force_id: str):
    """What changed after `since` and by `as_at`, as (kind, row) in the order the summary lists them."""
    changes: list[tuple[str, dict]] = []
    for g in _records(grades):
        published = g.get("published")
        if not is_missing(published) and since < pd.Timestamp(published).date() <= as_at:
            changes.append(("grade", g))
    for e in _records(events):
        day = e.get("event_date")
        if not is_missing(day) and since < pd.Timestamp(day).date() <= as_at:
            changes.append(("event", e))
    for c in _records(extra.changes.sort_values("update_date")):
        c["before"] = "new item" if is_missing(c["previous_status"]) else f"was {c['previous_status']}"
        changes.append(("tracker", c))
    held = extra.latest
    for f in _records(held[held["force_id"] == force_id]):
        end = f.get("period_end")
        if not is_missing(end) and since < pd.Timestamp(end).date() <= as_at:
            changes.append(("figure", f))
    return changes


def summary_context(
    force_name: str,
    as_at: date,
    extra: BriefingExtra,
    tracker: pd.DataFrame,
    events: pd.DataFrame,
    grades: pd.DataFrame,
    force_id: str,
) -> dict:
    return {
        "since": extra.since.day,
        "since_reason": extra.since.reason,
        "as_at": as_at,
        "force_name": force_name,
        "changes": _changes(extra.since.day, as_at, extra, events, grades, force_id),
        "opened": _records(open_items(tracker)),
        "below": _records(below_standard(extra.latest, force_id)),
    }


def summary_section(
    force_name: str,
    as_at: date,
    extra: BriefingExtra,
    tracker: pd.DataFrame,
    events: pd.DataFrame,
    grades: pd.DataFrame,
    force_id: str,
    cite: Cite,
) -> str:
    """Page one: what changed since the chosen day, the open improvement items, figures below their standard."""
    context = summary_context(force_name, as_at, extra, tracker, events, grades, force_id)
    return render("briefing/summary.html", cite=cite, **WORDING, **context)


def peer_context(extra: BriefingExtra, number: int) -> dict:
    return {
        "number": number,
        "comparison": extra.comparison,
        "grade_counts": extra.grade_counts,
        "count_columns": ("Place", *COUNT_COLUMNS),
    }


@dataclass(frozen=True)
class ComparisonCell:
    """One place's figure on one measure, beside the force's: its value, period, and how the periods relate."""

    value: str
    period: str
    other: bool  # another period, not like with like
    apart: str | None
    overlapping: bool
    second_hand: bool
    ref: str  # the source's number, cited when the cell was made


@dataclass(frozen=True)
class ComparisonTable:
    metric_names: tuple[str, ...]
    rows: tuple[tuple[str, tuple[ComparisonCell | None, ...]], ...]  # (place name, a cell per measure)


def comparison_cells(
    metric_id: str, extra: BriefingExtra, force_id: str, places: list[tuple[str, str]], cite: Cite
) -> list[ComparisonCell | None]:
    """One measure's cell for each place, like with like: the force's latest figure (latest period end) and each other
    place's figure for the same or an overlapping period; where none is held, its latest with both periods and how far
    apart they are ('for the year to March 2022, two years earlier'), marked as another period. None: no figure held."""
    every = extra.every_place
    every = every[every["metric_id"] == metric_id]
    own = every[every["force_id"] == force_id]
    anchor = latest(own[own["period_end"].notna()])  # a figure with no stated period cannot anchor a comparison
    cells: list[ComparisonCell | None] = []
    for place_id, _ in places:
        held = every[every["force_id"] == place_id]
        if place_id == force_id:
            chosen = Beside(latest(own), True)
        else:
            chosen = beside(anchor, held[held["period_end"].notna()])
        figure = chosen.figure
        if figure is None:
            cells.append(None)
            continue
        other = place_id != force_id and not chosen.same_period
        overlapping = (
            not other and place_id != force_id and anchor is not None and figure["period_label"] != anchor["period_label"]
        )
        cells.append(
            ComparisonCell(
                value=format_value(figure["value"], figure["unit"]),
                period=figure["period_label"],
                other=other,
                apart=chosen.apart,
                overlapping=overlapping,
                second_hand=figure["source_tier"] != "primary",
                ref=cite(figure),
            )
        )
    return cells


def comparison_table(
    section_metrics: tuple[str, ...], extra: BriefingExtra, force_id: str, force_name: str, cite: Cite
) -> ComparisonTable | None:
    """The section's comparable measures beside the force's peers and England and Wales; None when there is none."""
    latest_held = extra.latest
    comparison = extra.comparison
    places = [(force_id, force_name), *comparison.peer_names.items(), (ENGLAND_AND_WALES, "England and Wales")]
    metrics = latest_held[latest_held["metric_id"].isin(section_metrics)].drop_duplicates("metric_id")
    metrics = metrics[metrics["unit"].map(is_comparable_between_places)]
    if metrics.empty:
        return None
    columns = [comparison_cells(metric_id, extra, force_id, places, cite) for metric_id in metrics["metric_id"]]
    rows = tuple((place_name, tuple(column[i] for column in columns)) for i, (_, place_name) in enumerate(places))
    return ComparisonTable(tuple(metrics["metric_name"]), rows)


def figures_context(extra: BriefingExtra, force_id: str, force_name: str, images: dict[str, str], first: int, cite: Cite) -> dict:
    sections = []
    for offset, section in enumerate(FIGURE_SECTIONS):
        series = extra.series.get(section.key, pd.DataFrame())
        held = set(series["metric_id"]) if not series.empty else set()
        missing = [m for m in section.metric_ids if m not in held]
        sections.append(
            {
                "key": section.key,
                "number": first + offset,
                "title": section.title,
                "summary": figures_summary(force_name, series, section.what),
                "rows": _records(series),
                "image": images.get(section.key) if not series.empty else None,
                "chartable": not series.empty and not chartable(series).empty,
                "missing": ", ".join(extra.metric_names.get(m, m) for m in missing),
                "metric_ids": section.metric_ids,
            }
        )
    return {
        "figure_sections": sections,
        "force_name": force_name,
        "peer_label": extra.comparison.peer_label,
        "comparison_table": lambda metric_ids: comparison_table(metric_ids, extra, force_id, force_name, cite),
    }

"""The metric explorer's tables, sentences and charts, built once per process and shared by every session.

The same measure, places, period and force always give the same result, so reruns reuse it instead of
reshaping the data and rebuilding the figures. functools.lru_cache, not st.cache_resource, which hashes
its arguments on every call. Results are shared objects: treat them as read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go

from dashboard.db import database_version
from dashboard.explorer_state import (
    Resolved,
    period_slug,
    periods_for,
    resolve_metric,
    resolve_period,
    resolve_places,
)
from dashboard.performance import (
    comparison_for,
    comparison_of_selection,
    is_comparable_between_places,
    points_table,
    rank_forces,
    ranking_sentence,
    ranking_table,
    shape_points,
)
from dashboard.performance_charts import ranking_chart, time_chart
from dashboard.performance_ui import ControlView, control_view, metric_summary, sources_text
from queries import run_query


@dataclass(frozen=True)
class MetricPeriods:
    """One measure's figures for every place, and the periods it can be ranked in."""

    points: pd.DataFrame
    periods: pd.DataFrame
    labels: tuple[str, ...]
    force_counts: dict[str, int]


@dataclass(frozen=True)
class ExplorerView:
    """Both sections of the explorer for one force, measure, set of places and period."""

    time_figure: go.Figure | None
    time_summary: str
    time_table: pd.DataFrame | None
    time_file_name: str
    is_count: bool
    time_sources: str | None
    control: ControlView | None
    ranking_summary: str
    ranking_figure: go.Figure | None
    ranking_table: pd.DataFrame | None
    ranking_file_name: str
    missing: tuple[str, ...]
    ranking_sources: str | None


@dataclass(frozen=True)
class ExplorerChoices:
    """What the explorer's pickers offer, in words: every measure held and every place."""

    coverage: pd.DataFrame  # metric_coverage, indexed by metric_id
    metric_ids: tuple[str, ...]
    metric_labels: dict[str, str]  # 'Name (12 figures)'
    place_ids: tuple[str, ...]
    place_names: dict[str, str]


def explorer_choices() -> ExplorerChoices:
    """The pickers' options and labels, built once per process and database (Streamlit labels every option per run)."""
    return _explorer_choices(database_version())


@lru_cache(maxsize=4)
def _explorer_choices(version: tuple) -> ExplorerChoices:
    coverage = run_query("metric_coverage").set_index("metric_id", drop=False)
    places = run_query("places")
    return ExplorerChoices(
        coverage=coverage,
        metric_ids=tuple(coverage["metric_id"]),
        metric_labels={m: f"{row['name']} ({row['figure_count']} figures)" for m, row in coverage.iterrows()},
        place_ids=tuple(places["force_id"]),
        place_names=dict(zip(places["force_id"], places["short_name"])),
    )


def requested_metric(value: str | None) -> Resolved:
    """The measure ?metric= names, resolved once per value and database."""
    return _requested_metric(value, database_version())


@lru_cache(maxsize=1024)
def _requested_metric(value: str | None, version: tuple) -> Resolved:
    return resolve_metric(value, _explorer_choices(version).coverage)


def requested_places(values: tuple[str, ...], force_id: str) -> Resolved:
    """The places ?forces= names, else the force, its peers and the national figures; once per value and database."""
    return _requested_places(values, force_id, database_version())


@lru_cache(maxsize=4096)
def _requested_places(values: tuple[str, ...], force_id: str, version: tuple) -> Resolved:
    comparison = comparison_for(force_id, run_query("forces"), run_query("peer_groups", force_id=force_id))
    return resolve_places(list(values), run_query("places"), comparison.place_ids)


def requested_period(value: str | None, metric_id: str) -> Resolved:
    """The period ?period= names for this measure, else the fullest one; once per value and database."""
    return _requested_period(value, metric_id, database_version())


@lru_cache(maxsize=4096)
def _requested_period(value: str | None, metric_id: str, version: tuple) -> Resolved:
    return resolve_period(value, _metric_periods(metric_id, version).periods)


def metric_periods(metric_id: str) -> MetricPeriods:
    """Every place's figures on one measure and its periods, built once per process and database."""
    return _metric_periods(metric_id, database_version())


@lru_cache(maxsize=200)
def _metric_periods(metric_id: str, version: tuple) -> MetricPeriods:
    places = run_query("places")
    points = run_query("metric_series", force_ids=places["force_id"].tolist(), metric_ids=[metric_id])
    periods = periods_for(points)
    return MetricPeriods(
        points=points,
        periods=periods,
        labels=tuple(periods["period_label"]),
        force_counts=dict(zip(periods["period_label"], periods["force_count"])),
    )


def explorer_view(
    force_id: str, force_short_name: str, metric_id: str, picked: tuple[str, ...], period: str | None
) -> ExplorerView:
    """The chart, sentence, table and sources of both sections, built once per process and database."""
    return _explorer_view(force_id, force_short_name, metric_id, tuple(picked), period, database_version())


@lru_cache(maxsize=1000)
def _explorer_view(
    force_id: str, force_short_name: str, metric_id: str, picked: tuple[str, ...], period: str | None, version: tuple
) -> ExplorerView:
    metric = run_query("metric_coverage").set_index("metric_id", drop=False).loc[metric_id]
    places = run_query("places")
    forces = run_query("forces")
    all_points = _metric_periods(metric_id, version).points
    points = shape_points(all_points[all_points["force_id"].isin(list(picked))], metric_id, force_id)
    time_figure = time_table = control = None
    time_summary = ""
    time_sources = None
    if not points.empty:
        time_summary = metric_summary(points, metric, comparison_of_selection(force_id, places, list(picked)))
        time_figure = time_chart(points, metric)
        time_table = points_table(points, metric["unit"])
        time_sources = sources_text(points)
        control = control_view(points[points["role"] == "chosen"], metric, force_short_name)
    ranking_summary = ""
    ranking_figure = ranked_table = None
    missing: tuple[str, ...] = ()
    ranking_sources = None
    if period is not None:
        in_period = all_points[all_points["period_label"] == period]
        ranking = rank_forces(in_period, forces, force_id, metric["higher_is_better"])
        ranking_summary = ranking_sentence(ranking, metric, force_short_name, period)
        if not ranking.ranked.empty:
            national = in_period[in_period["force_id"] == "england-and-wales"]
            ranking_figure = ranking_chart(ranking.ranked, metric, None if national.empty else national.iloc[0])
            ranked_table = ranking_table(ranking, metric["unit"])
        missing = tuple(ranking.missing)
        ranking_sources = sources_text(in_period)
    return ExplorerView(
        time_figure=time_figure,
        time_summary=time_summary,
        time_table=time_table,
        time_file_name=f"{metric_id}-over-time.csv",
        is_count=not is_comparable_between_places(metric["unit"]),
        time_sources=time_sources,
        control=control,
        ranking_summary=ranking_summary,
        ranking_figure=ranking_figure,
        ranking_table=ranked_table,
        ranking_file_name=f"{metric_id}-{period_slug(period)}-ranking.csv" if period else "",
        missing=missing,
        ranking_sources=ranking_sources,
    )

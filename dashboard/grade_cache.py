"""Grade tables, sentences and charts built once per process and shared by every session.

The same cycle, force and group always give the same result, so reruns reuse it instead of reshaping
the data and rebuilding the figures. Results are shared objects: treat them as read-only.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.db import database_version
from dashboard.grade_charts import grade_counts_chart, grade_heatmap
from dashboard.grade_ui import AreaCard, area_card_content, finding_lines
from dashboard.grade_views import (
    counts_only_sentence,
    counts_sentence,
    counts_table,
    coverage,
    cycles_side_by_side,
    cycles_tally_table,
    distribution_summary,
    distribution_table,
    findings_for_area,
    findings_table,
    force_position,
    grade_sources,
    grades_table,
    is_known,
    matrix_summary,
    peer_matrix,
    position_summary,
    publication_label,
    sources_sentence,
    wide_matrix,
)
from dashboard.summaries import grades_sentence
from dashboard.ui import sources_frame
from queries import run_query


@dataclass(frozen=True)
class GridView:
    """A force × area grid for one cycle: the figure, its sentence, the same as a table, and where the force sits."""

    matrix: pd.DataFrame
    figure: go.Figure
    summary: str
    table: pd.DataFrame
    position: pd.DataFrame
    position_summary: str
    counts_note: str


@dataclass(frozen=True)
class NationalView:
    grid: GridView
    coverage: str
    sources: pd.DataFrame
    sources_sentence: str
    counts_figure: go.Figure
    counts_summary: str
    counts_table: pd.DataFrame


def _grid(
    matrix: pd.DataFrame, counts: pd.DataFrame, cycle_name: str, force_id: str, force_name: str, group: str, others: str
) -> GridView:
    position = force_position(matrix, force_id)
    return GridView(
        matrix=matrix,
        figure=grade_heatmap(matrix, force_id),
        summary=matrix_summary(matrix, cycle_name, force_id, group),
        table=wide_matrix(matrix),
        position=position,
        position_summary=position_summary(position, force_name, others),
        counts_note=counts_only_sentence(counts, matrix),
    )


def national_view(cycle_id: str, cycle_name: str, force_id: str, force_name: str) -> NationalView:
    """Everything the all-forces page shows for one cycle and chosen force (the area list aside)."""
    return _national_view(cycle_id, cycle_name, force_id, force_name, database_version())


@st.cache_resource(show_spinner=False, max_entries=200)
def _national_view(cycle_id: str, cycle_name: str, force_id: str, force_name: str, version: tuple) -> NationalView:
    matrix = run_query("grade_matrix", cycle_id=cycle_id)
    distribution = run_query("grade_distribution", cycle_id=cycle_id)
    counts = run_query("cycle_grade_counts", cycle_id=cycle_id)
    sources = grade_sources(matrix)
    others = f"the other {matrix['force_id'].nunique() - 1} forces"
    return NationalView(
        grid=_grid(matrix, counts, cycle_name, force_id, force_name, "all forces in England and Wales", others),
        coverage=coverage(matrix, cycle_name, counts).sentence(),
        sources=sources,
        sources_sentence=sources_sentence(sources),
        counts_figure=grade_counts_chart(distribution),
        counts_summary=distribution_summary(distribution, cycle_name),
        counts_table=distribution_table(distribution),
    )


def peer_views(
    cycles: pd.DataFrame, force_id: str, force_name: str, member_ids: tuple[str, ...], label: str
) -> tuple[pd.DataFrame, dict[str, GridView]]:
    """The cycles side by side as counts, and one grid per cycle, for a force and its peers."""
    cycle_names = tuple(zip(cycles["cycle_id"], cycles["name"]))
    return _peer_views(cycle_names, force_id, force_name, tuple(member_ids), label, database_version())


@st.cache_resource(show_spinner=False, max_entries=500)
def _peer_views(
    cycle_names: tuple[tuple[str, str], ...],
    force_id: str,
    force_name: str,
    member_ids: tuple[str, ...],
    label: str,
    version: tuple,
) -> tuple[pd.DataFrame, dict[str, GridView]]:
    names = dict(cycle_names)
    matrices = {c: peer_matrix(run_query("grade_matrix", cycle_id=c), force_id, member_ids) for c in names}
    counts = {c: run_query("cycle_grade_counts", cycle_id=c) for c in names}
    group = f"{force_name} and {label}"
    grids = {c: _grid(matrices[c], counts[c], names[c], force_id, force_name, group, label) for c in names}
    return cycles_tally_table(matrices, counts, names), grids


@dataclass(frozen=True)
class ForceGradesView:
    """Everything the one-force grades page shows for a force and cycle, as strings and finished tables."""

    any_known: bool
    publication: str
    grades_sentence: str
    cards: tuple[AreaCard, ...]
    counts_sentence: str
    counts_table: pd.DataFrame | None
    counts_note: str
    counts_source: pd.Series | None
    unplaced: tuple[tuple[str, str], ...]
    findings_count: int
    unplaced_count: int
    grades_table: pd.DataFrame
    findings_table: pd.DataFrame
    comparability_note: str
    side_by_side: pd.DataFrame
    sources: pd.DataFrame  # as dashboard.ui.sources_frame() shapes it


def themed_latest_figures(force_id: str) -> pd.DataFrame:
    """The latest figure of each metric that speaks to a PEEL theme, for one place, with that theme.

    "Latest" is decided in one place, queries/latest_figures.sql, for the overview and the area cards alike.
    """
    metrics = run_query("metrics")
    themed = metrics.loc[metrics["theme_id"].notna(), ["metric_id", "theme_id"]]
    figures = run_query("latest_figures", force_id=force_id, metric_ids=themed["metric_id"].tolist())
    return figures.merge(themed, on="metric_id").sort_values(["theme_id", "metric_name"], ignore_index=True)


def force_grades_view(force_id: str, force_name: str, cycle_id: str, cycle_name: str) -> ForceGradesView:
    """The grades page for one force and cycle, built once per process and database."""
    return _force_grades_view(force_id, force_name, cycle_id, cycle_name, database_version())


@st.cache_resource(show_spinner=False, max_entries=500)
def _force_grades_view(force_id: str, force_name: str, cycle_id: str, cycle_name: str, version: tuple) -> ForceGradesView:
    cycles = run_query("cycles")
    grades = run_query("force_grades", force_id=force_id, cycle_id=cycle_id)
    counts = run_query("force_grade_counts", force_id=force_id, cycle_id=cycle_id)
    findings = run_query("force_findings", force_id=force_id, cycle_id=cycle_id)
    figures = themed_latest_figures(force_id)
    any_known = bool(grades["grade"].map(is_known).any())
    cards = tuple(
        area_card_content(area, findings_for_area(findings, area["area_id"]), figures, show_findings_gap=not findings.empty)
        for _, area in grades.iterrows()
    )
    by_cycle = {c: run_query("force_grades", force_id=force_id, cycle_id=c) for c in cycles["cycle_id"]}
    counts_only = {c for c in cycles["cycle_id"] if not run_query("force_grade_counts", force_id=force_id, cycle_id=c).empty}
    sources = pd.concat([grades[grades["grade"] != "Not known"], findings, figures], ignore_index=True)
    return ForceGradesView(
        any_known=any_known,
        publication=publication_label(grades, counts),
        grades_sentence=grades_sentence(force_name, cycle_name, grades),
        cards=cards if any_known else (),
        counts_sentence="" if counts.empty else counts_sentence(force_name, cycle_name, counts),
        counts_table=None if counts.empty else counts_table(counts),
        counts_note="" if counts.empty else counts["note"].iloc[0],
        counts_source=None if counts.empty else counts.iloc[0],
        unplaced=finding_lines(findings_for_area(findings, None)),
        findings_count=len(findings),
        unplaced_count=int(findings["area_id"].isna().sum()),
        grades_table=grades_table(grades, figures),
        findings_table=findings_table(findings),
        comparability_note=cycles.iloc[0]["comparability_note"],
        side_by_side=cycles_side_by_side(by_cycle, dict(zip(cycles["cycle_id"], cycles["name"])), counts_only),
        sources=sources_frame(sources),
    )

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
from dashboard.grade_views import (
    counts_only_sentence,
    coverage,
    cycles_tally_table,
    distribution_summary,
    distribution_table,
    force_position,
    grade_sources,
    matrix_summary,
    peer_matrix,
    position_summary,
    sources_sentence,
    wide_matrix,
)
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

"""Streamlit blocks for the performance pages: one metric over time, its control chart, its sources."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.db import database_version
from dashboard.formatting import is_missing, small
from dashboard.memo import built_once
from dashboard.performance import (
    Comparison,
    change_sentence,
    comparison_for,
    comparison_sentence,
    headline_sentence,
    is_comparable_between_places,
    latest,
    monthly_points,
    period_lengths_note,
    points_table,
    shape_points,
    sources_of,
    spc_sentence,
    undated_note,
    value_text,
)
from dashboard.performance_charts import spc_chart, time_chart
from dashboard.spc import assurance, why_no_limits, xmr
from dashboard.ui import chart_block, small_print, source_markdown
from queries import run_query


@built_once()
def sources_text(points: pd.DataFrame) -> str | None:
    """'Source(s): ...' naming publisher, title, date and tier of every source behind what is drawn."""
    sources = sources_of(points)
    if sources.empty:
        return None
    listed = "; ".join(
        source_markdown(r.source_publisher, r.source_title, r.source_url, r.source_published, r.source_tier)
        for r in sources.itertuples()
    )
    marker = "⚠️ " if (sources["source_tier"] != "primary").any() else ""
    return f"{marker}Source{'s' if len(sources) > 1 else ''}: {listed}"


@built_once()
def metric_summary(points: pd.DataFrame, metric: pd.Series, comparison: Comparison) -> str:
    """The chart's text alternative: the latest figure, where it stands, and how it has moved."""
    chosen = points[points["role"] == "chosen"]
    newest = latest(chosen)
    sentences = []
    if newest is None:
        sentences.append(f"We hold no published figure for {comparison.force_name} on this measure.")
    else:
        sentences.append(headline_sentence(comparison.force_name, metric, newest))
    if is_comparable_between_places(metric["unit"]):
        compared = comparison_sentence(points, metric, comparison)
        if compared:
            sentences.append(compared)
    changed = change_sentence(chosen, metric)
    if changed:
        sentences.append(f"Change: {changed}")
    return " ".join(sentences)


@dataclass(frozen=True)
class ControlView:
    """An XmR chart ready to draw, or the plain reason there is none."""

    reason: str | None
    figure: go.Figure | None = None
    summary: str = ""
    table: pd.DataFrame | None = None


@dataclass(frozen=True)
class MetricView:
    """Everything one metric section shows, computed once per process and shared: treat it as read-only."""

    definition: str
    not_known: str | None  # shown instead of the chart when nothing is held
    no_chosen_note: str | None
    figure: go.Figure | None
    summary: str
    table: pd.DataFrame | None
    file_name: str
    notes: tuple[str, ...]
    is_count: bool
    sources: str | None
    control: ControlView | None

    @property
    def notes_under_chart(self) -> list[str | None]:
        """The lines of small print under the chart: period lengths, undated figures, counts, sources."""
        count_note = "This is a count, so it is not set beside other forces: bigger forces have bigger numbers."
        return [*self.notes, count_note if self.is_count else None, self.sources]


def control_view(chosen: pd.DataFrame, metric: pd.Series, place: str) -> ControlView:
    """An XmR chart where there are 12 or more monthly figures; otherwise a plain reason why there is none."""
    monthly = monthly_points(chosen)
    reason = why_no_limits(len(monthly))
    if reason is None:
        try:
            result = xmr(monthly, metric["higher_is_better"])
        except ValueError as error:
            reason = str(error)
    if reason is not None:
        return ControlView(reason)
    higher_is_better = None if is_missing(metric["higher_is_better"]) else bool(metric["higher_is_better"])
    summary = spc_sentence(result, metric, place, assurance(result, metric["standard_value"], higher_is_better))
    table = pd.DataFrame(
        {
            "Month": [f"{d:%B %Y}" for d in result.points["period_start"]],
            "Value": [value_text(v, metric["unit"]) for v in result.points["value"]],
            "Moving range": result.points["moving_range"],
            "Variation": result.points["variation"],
            "Why": result.points["reason"],
        }
    )
    return ControlView(None, spc_chart(result, metric, place), summary, table)


@dataclass(frozen=True)
class MetricSection:
    """One metric's section of a theme page: its name, the key its widgets use, and its built view."""

    key: str
    name: str
    view: MetricView


@dataclass(frozen=True)
class ThemeView:
    """A theme page's sections for one force, beside England and Wales and its peers."""

    comparison: Comparison
    sections: tuple[MetricSection, ...]


def theme_view(force_id: str, metric_ids: tuple[str, ...]) -> ThemeView:
    """Every section of a theme for one force, built once per process and database, shared read-only."""
    return _theme_view(force_id, metric_ids, database_version())


@lru_cache(maxsize=500)
def _theme_view(force_id: str, metric_ids: tuple[str, ...], version: tuple) -> ThemeView:
    comparison = comparison_for(force_id, run_query("forces"), run_query("peer_groups", force_id=force_id))
    observations = run_query("metric_series", force_ids=comparison.place_ids, metric_ids=list(metric_ids))
    defined = run_query("metrics").set_index("metric_id", drop=False)
    sections = tuple(
        MetricSection(metric_id, defined.loc[metric_id, "name"], metric_view(observations, defined.loc[metric_id], comparison))
        for metric_id in metric_ids
        if metric_id in defined.index  # metrics the database does not define are left out
    )
    return ThemeView(comparison, sections)


def metric_view(observations: pd.DataFrame, metric: pd.Series, comparison: Comparison) -> MetricView:
    definition = metric["definition"]
    if not is_missing(metric.get("standard_text")):
        definition += f". Standard: {metric['standard_text']}"
    points = shape_points(observations, metric["metric_id"], comparison.force_id, comparison.peer_ids)
    comparable = is_comparable_between_places(metric["unit"])
    if not comparable:
        # Counts depend on a force's size, so only the chosen force is drawn.
        points = points[points["role"] == "chosen"]
    file_name = f"{comparison.force_id}-{metric['metric_id']}.csv"
    if points.empty:
        not_known = f"**Not known for {comparison.force_name}:** we hold no published figure for this measure" + (
            ", nor for England and Wales or its peers." if comparable else "."
        )
        return MetricView(definition, not_known, None, None, "", None, file_name, (), not comparable, None, None)
    no_chosen_note = None
    if (points["role"] == "chosen").sum() == 0:
        no_chosen_note = (
            f"**Not known for {comparison.force_name}:** we hold no published figure for this measure. "
            "The chart shows what we hold for the places it is compared with."
        )
    notes = tuple(n for n in (period_lengths_note(points), undated_note(points, metric["unit"])) if n)
    return MetricView(
        definition=definition,
        not_known=None,
        no_chosen_note=no_chosen_note,
        figure=time_chart(points, metric, comparison.peer_label),
        summary=metric_summary(points, metric, comparison),
        table=points_table(points, metric["unit"]),
        file_name=file_name,
        notes=notes,
        is_count=not comparable,
        sources=sources_text(points),
        control=control_view(points[points["role"] == "chosen"], metric, comparison.force_name),
    )


def metric_section(section: MetricSection, force_name: str) -> None:
    """One metric for the chosen force beside England and Wales and its peers: chart, words, table, sources."""
    view, key = section.view, section.key
    # The measure's name (a level-3 heading, as st.subheader draws it) and its definition in one element.
    st.markdown(f"### {section.name}\n\n{small(view.definition)}")
    if view.not_known:
        st.markdown(view.not_known)
        return
    if view.no_chosen_note:
        st.markdown(view.no_chosen_note)
    chart_block(view.figure, view.summary, view.table, view.file_name, key)
    notes_and_control(view.notes_under_chart, view.control, force_name, f"{key}_spc")


def notes_and_control(notes: list[str | None], control: ControlView, place: str, key: str) -> None:
    """The small print under a chart as one caption, with why there are no control limits when there are none;
    else the control chart after it."""
    no_limits = None if control.reason is None else f"**Control limits:** {control.reason}"
    small_print([*notes, no_limits])
    if no_limits is None:
        draw_control(control, place, key)


def draw_control(control: ControlView, place: str, key: str) -> None:
    """The control chart, its summary and data, and how its limits are drawn."""
    st.markdown(f"**Is it changing? Statistical process control for {place}**")
    chart_block(control.figure, control.summary, control.table, f"{key}.csv", key)
    st.caption(
        "Control limits follow NHS England's “Making Data Count” method: the mean ± 2.66 × the average month-to-month "
        "change (three sigma). A month is special cause when it falls outside the limits, is one of 7 or more in a row "
        "on one side of the mean, one of 7 or more rising or falling in a row, or two of three months close to a limit."
    )


def theme_sections(theme: ThemeView) -> None:
    """One section per metric of a theme, in the theme's order."""
    for section in theme.sections:
        metric_section(section, theme.comparison.force_name)

"""Streamlit blocks for the performance pages: one metric over time, its control chart, its sources."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.formatting import is_missing
from dashboard.performance import (
    Comparison,
    change_sentence,
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
from dashboard.ui import chart_block, source_markdown


def sources_caption(points: pd.DataFrame) -> None:
    """Publisher, title, date and tier of every source behind what is drawn."""
    sources = sources_of(points)
    if sources.empty:
        return
    listed = "; ".join(
        source_markdown(r.source_publisher, r.source_title, r.source_url, r.source_published, r.source_tier)
        for r in sources.itertuples()
    )
    marker = "⚠️ " if (sources["source_tier"] != "primary").any() else ""
    st.caption(f"{marker}Source{'s' if len(sources) > 1 else ''}: {listed}")


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


def metric_section(observations: pd.DataFrame, metric: pd.Series, comparison: Comparison, key: str) -> None:
    """One metric for the chosen force beside England and Wales and its peers: chart, words, table, sources."""
    st.subheader(metric["name"])
    definition = metric["definition"]
    if not is_missing(metric.get("standard_text")):
        definition += f". Standard: {metric['standard_text']}"
    st.caption(definition)
    points = shape_points(observations, metric["metric_id"], comparison.force_id, comparison.peer_ids)
    comparable = is_comparable_between_places(metric["unit"])
    if not comparable:
        # Counts depend on a force's size, so only the chosen force is drawn.
        points = points[points["role"] == "chosen"]
    if points.empty:
        st.markdown(
            f"**Not known for {comparison.force_name}:** we hold no published figure for this measure"
            + (", nor for England and Wales or its peers." if comparable else ".")
        )
        return
    if (points["role"] == "chosen").sum() == 0:
        st.markdown(
            f"**Not known for {comparison.force_name}:** we hold no published figure for this measure. "
            "The chart shows what we hold for the places it is compared with."
        )
    summary = metric_summary(points, metric, comparison)
    file_name = f"{comparison.force_id}-{metric['metric_id']}.csv"
    chart_block(time_chart(points, metric, comparison.peer_label), summary, points_table(points, metric["unit"]), file_name, key)
    for note in (period_lengths_note(points), undated_note(points, metric["unit"])):
        if note:
            st.caption(note)
    if not comparable:
        st.caption("This is a count, so it is not set beside other forces: bigger forces have bigger numbers.")
    sources_caption(points)
    control_chart(points[points["role"] == "chosen"], metric, comparison.force_name, f"{key}_spc")


def control_chart(chosen: pd.DataFrame, metric: pd.Series, place: str, key: str) -> None:
    """An XmR chart where there are 12 or more monthly figures; otherwise a plain reason why there is none."""
    monthly = monthly_points(chosen)
    reason = why_no_limits(len(monthly))
    if reason is None:
        try:
            result = xmr(monthly, metric["higher_is_better"])
        except ValueError as error:
            reason = str(error)
    if reason is not None:
        st.caption(f"**Control limits:** {reason}")
        return
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
    st.markdown(f"**Is it changing? Statistical process control for {place}**")
    chart_block(spc_chart(result, metric, place), summary, table, f"{key}.csv", key)
    st.caption(
        "Control limits follow NHS England's “Making Data Count” method: the mean ± 2.66 × the average month-to-month "
        "change (three sigma). A month is special cause when it falls outside the limits, is one of 7 or more in a row "
        "on one side of the mean, one of 7 or more rising or falling in a row, or two of three months close to a limit."
    )


def theme_sections(
    observations: pd.DataFrame, metrics: pd.DataFrame, metric_ids: tuple[str, ...], comparison: Comparison
) -> None:
    """One section per metric of a theme, in the theme's order; metrics the database does not define are left out."""
    defined = metrics.set_index("metric_id", drop=False)
    for metric_id in metric_ids:
        if metric_id in defined.index:
            metric_section(observations, defined.loc[metric_id], comparison, key=metric_id)

"""The key figures a meeting and a briefing pack show: a chart of the figures held over time, and its sentence.

Figures are sparse and come from different sources, so each is a separate point (never joined by a
line across a gap); metrics differ by marker shape as well as colour, so the chart prints in black and white.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.common.wording import figure_sentence, format_value, is_missing

MARKERS = ("circle", "square", "diamond", "triangle-up")
COLOURS = ("#1f4e79", "#7a3b00", "#2e6b30", "#5a2d82")
# Labels of a second measure go below its points, so two measures at similar values stay legible.
TEXT_POSITIONS = ("top center", "bottom center", "middle right", "middle left")


def figure_table(series: pd.DataFrame) -> pd.DataFrame:
    """The data behind a key-figure chart, in words."""
    return pd.DataFrame(
        {
            "Measure": series["metric_name"],
            "Period": series["period_label"],
            "Figure": [format_value(v, u) for v, u in zip(series["value"], series["unit"])],
            "Margin of error": series["ci_half_width"].map(lambda h: "" if is_missing(h) else f"±{h:g} points"),
            "Source": series["source_publisher"] + ": " + series["source_title"],
            "Kind of source": series["source_tier"].map({"primary": "primary source", "secondary": "second-hand source"}),
        }
    )


def figures_summary(force_name: str, series: pd.DataFrame, what: str) -> str:
    """'We hold 3 figures for Hertfordshire Constabulary on 999 calls, from 2022 to April 2024. The latest: …'"""
    dated = series.dropna(subset=["period_end"])
    if series.empty:
        return f"We hold no published figures for {force_name} on {what} for this date."
    parts = []
    for _, rows in series.groupby("metric_id", sort=False):
        rows = rows.dropna(subset=["period_end"]).sort_values("period_end") if rows["period_end"].notna().any() else rows
        latest = rows.iloc[-1]
        sentence = figure_sentence(force_name, latest)
        if latest["source_tier"] != "primary":
            sentence = sentence[:-1] + f", as reported by {latest['source_publisher']} (second-hand)."
        parts.append(sentence)
    earliest = ""
    if not dated.empty:
        first = dated.sort_values("period_end").iloc[0]["period_label"]
        earliest = f"; the earliest covers {first}"
    count = len(series)
    return f"We hold {count} figure{'s' if count != 1 else ''} for {force_name} on {what}{earliest}. Latest: " + " ".join(parts)


def figures_chart(series: pd.DataFrame, font_size: int = 14, height: int = 380) -> go.Figure:
    """Each figure a labelled point at the end of its period, with its margin of error; the standard as a dashed line."""
    figure = go.Figure()
    dated = series.dropna(subset=["period_end"])
    for index, (_, rows) in enumerate(dated.groupby("metric_id", sort=False)):
        errors = rows["ci_half_width"]
        figure.add_trace(
            go.Scatter(
                x=rows["period_end"],
                y=rows["value"],
                name=rows["metric_name"].iloc[0],
                mode="markers+text",
                marker={"size": 14, "symbol": MARKERS[index % len(MARKERS)], "color": COLOURS[index % len(COLOURS)]},
                text=[format_value(v, u) for v, u in zip(rows["value"], rows["unit"])],
                textposition=TEXT_POSITIONS[index % len(TEXT_POSITIONS)],
                error_y={"type": "data", "array": errors.fillna(0).tolist(), "visible": bool(errors.notna().any())},
                customdata=rows["period_label"],
                hovertemplate="%{customdata}: %{text}<extra>%{fullData.name}</extra>",
            )
        )
    standards = dated.dropna(subset=["standard_value"]).drop_duplicates("metric_id")
    for _, row in standards.iterrows():
        figure.add_hline(
            y=row["standard_value"],
            line={"dash": "dash", "color": "#333333", "width": 2},
            annotation_text=f"Standard: {format_value(row['standard_value'], row['unit'])}",
            annotation_position="top left",
        )
    percent = bool(len(dated)) and dated["unit"].str.startswith("percent").all()
    figure.update_layout(
        font={"size": font_size},
        height=height,
        margin={"l": 60, "r": 20, "t": 40, "b": 50},
        plot_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        showlegend=dated["metric_id"].nunique() > 1,
        xaxis={"type": "date", "showgrid": True, "gridcolor": "#dddddd", "title": "End of the period the figure covers"},
        yaxis={
            "range": [0, 105] if percent else None,
            "showgrid": True,
            "gridcolor": "#dddddd",
            "title": None,
            "ticksuffix": "%" if percent else "",
            "automargin": True,
        },
    )
    return figure

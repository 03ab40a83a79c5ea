"""Print charts for the briefing pack: points without value labels, the values in the table beside them.

Labels drawn next to points collided when two measures sat close (87.2% drawn over 84.8%), and no placement
rule survives every pair of figures; the pack prints the values in a table next to each chart instead. The
standard is a dashed line named in the legend rather than an annotation, so nothing is written over a point.
Measures differ by marker shape as well as colour, so the chart reads in black and white.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.common.wording import format_value

MARKERS = ("circle", "square", "diamond", "triangle-up")
COLOURS = ("#1f4e79", "#7a3b00", "#2e6b30", "#5a2d82")


def chartable(series: pd.DataFrame) -> pd.DataFrame:
    """The figures a pack chart draws: dated shares (percentages) only, so one axis serves every point."""
    if series.empty:
        return series
    return series[series["period_end"].notna() & series["unit"].str.startswith("percent")]


def pack_chart(series: pd.DataFrame, font_size: int = 16, height: int = 380) -> go.Figure:
    """Each figure a point at the end of its period with its margin of error; the standard a dashed line."""
    dated = chartable(series)
    figure = go.Figure()
    for index, (_, rows) in enumerate(dated.groupby("metric_id", sort=False)):
        errors = rows["ci_half_width"]
        figure.add_trace(
            go.Scatter(
                x=rows["period_end"],
                y=rows["value"],
                name=rows["metric_name"].iloc[0],
                mode="markers",
                marker={"size": 13, "symbol": MARKERS[index % len(MARKERS)], "color": COLOURS[index % len(COLOURS)]},
                error_y={"type": "data", "array": errors.fillna(0).tolist(), "visible": bool(errors.notna().any())},
            )
        )
    if len(dated):
        start, end = dated["period_end"].min(), dated["period_end"].max()
        for _, row in dated.dropna(subset=["standard_value"]).drop_duplicates("metric_id").iterrows():
            figure.add_trace(
                go.Scatter(
                    x=[start, end],
                    y=[row["standard_value"], row["standard_value"]],
                    name=f"Standard: {format_value(row['standard_value'], row['unit'])}",
                    mode="lines",
                    line={"dash": "dash", "color": "#333333", "width": 2},
                )
            )
    figure.update_layout(
        font={"size": font_size},
        height=height,
        margin={"l": 60, "r": 20, "t": 20, "b": 60},
        plot_bgcolor="white",
        showlegend=True,
        legend={"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0},
        xaxis={"type": "date", "showgrid": True, "gridcolor": "#dddddd", "title": None},
        yaxis={"range": [0, 105], "showgrid": True, "gridcolor": "#dddddd", "title": None, "ticksuffix": "%"},
    )
    return figure

"""Charts for holding to account: the key figures on a slide, the briefing pack's print charts, the timeline.

Pure functions, DataFrame in, Plotly figure out. On a slide each figure is labelled on the side away from the
standard line. In the pack, labels drawn next to points collided when two measures sat close (87.2% drawn over
84.8%), and no placement rule survives every pair of figures, so print charts carry no value labels: the values
are in the table beside them, and the standard is a dashed line named in the legend. Measures differ by marker
shape as well as colour, so every chart reads in black and white. Plotly reads its text as HTML, so every text
from the data (measure names, event titles, periods, units) goes in through html_text.
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import plotly.graph_objects as go

from dashboard.common.escape import html_text
from dashboard.common.wording import as_date, format_value, is_missing
from dashboard.holding.model.timeline import event_when

MARKERS = ("circle", "square", "diamond", "triangle-up")
COLOURS = ("#1f4e79", "#7a3b00", "#2e6b30", "#5a2d82")
ABOVE, BELOW = "top center", "bottom center"


def chartable(series: pd.DataFrame) -> pd.DataFrame:
    """The figures a pack chart draws: dated shares (percentages) only, so one axis serves every point."""
    if series.empty:
        return series
    return series[series["period_end"].notna() & series["unit"].str.startswith("percent")]


def _measure_points(rows: pd.DataFrame, index: int, size: int, **labels) -> go.Scatter:
    """One measure's figures as points with their margins of error, its own marker shape and colour."""
    errors = rows["ci_half_width"]
    return go.Scatter(
        x=rows["period_end"],
        y=rows["value"],
        name=html_text(rows["metric_name"].iloc[0]),
        mode="markers+text" if labels else "markers",
        marker={"size": size, "symbol": MARKERS[index % len(MARKERS)], "color": COLOURS[index % len(COLOURS)]},
        error_y={"type": "data", "array": errors.fillna(0).tolist(), "visible": bool(errors.notna().any())},
        **labels,
    )


def pack_chart(series: pd.DataFrame, font_size: int = 16, height: int = 380) -> go.Figure:
    """Each figure a point at the end of its period with its margin of error; the standard a dashed line."""
    dated = chartable(series)
    figure = go.Figure()
    for index, (_, rows) in enumerate(dated.groupby("metric_id", sort=False)):
        figure.add_trace(_measure_points(rows, index, size=13))
    if len(dated):
        start, end = dated["period_end"].min(), dated["period_end"].max()
        for _, row in dated.dropna(subset=["standard_value"]).drop_duplicates("metric_id").iterrows():
            figure.add_trace(
                go.Scatter(
                    x=[start, end],
                    y=[row["standard_value"], row["standard_value"]],
                    name=f"Standard: {html_text(format_value(row['standard_value'], row['unit']))}",
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


# Marker shapes differ by status, so the chart reads in black and white as well as in colour.
STATUS_MARKER = {"happened": "circle", "scheduled": "circle-open"}


def timeline_figure(events: pd.DataFrame, font_size: int = 14) -> go.Figure:
    """One row per dated event: a bar for a span (fieldwork), a marker for a day; undated events are left off."""
    dated = events.dropna(subset=["event_date"]).iloc[::-1]  # newest at the bottom reads down the page like the list
    figure = go.Figure()
    for _, event in dated.iterrows():
        start, end = as_date(event["event_date"]), as_date(event["end_date"])
        label = html_text(event["title"])
        if end is not None and end != start:
            figure.add_trace(
                go.Scatter(
                    x=[start, end + timedelta(days=1)],
                    y=[label, label],
                    mode="lines",
                    line={"width": 14, "color": "#4d4d4d"},
                    hovertemplate=f"{html_text(event_when(event))}<extra></extra>",
                    showlegend=False,
                )
            )
        else:
            figure.add_trace(
                go.Scatter(
                    x=[start],
                    y=[label],
                    mode="markers+text",
                    marker={
                        "size": 16,
                        "symbol": STATUS_MARKER.get(event["status"], "circle"),
                        "color": "#1f4e79",
                        "line": {"width": 2},
                    },
                    text=[html_text(event_when(event))],
                    textposition="middle right",
                    hovertemplate=f"{html_text(event_when(event))}<extra></extra>",
                    showlegend=False,
                )
            )
    xaxis = {"showgrid": True, "gridcolor": "#dddddd", "type": "date", "title": None}
    if not dated.empty:
        # Room after the last event for its date label, which is written to the right of its marker.
        first = min(as_date(d) for d in dated["event_date"])
        last = max(as_date(e) or as_date(d) for d, e in zip(dated["event_date"], dated["end_date"]))
        xaxis["range"] = [first - timedelta(days=30), last + timedelta(days=max(120, (last - first).days // 4))]
    figure.update_layout(
        font={"size": font_size},
        height=max(220, 70 * len(dated) + 80),
        margin={"l": 10, "r": 40, "t": 20, "b": 40},
        plot_bgcolor="white",
        xaxis=xaxis,
        yaxis={"automargin": True, "title": None},
    )
    return figure


# Points within this many days of each other are treated as one date when placing their labels.
SAME_DATE_DAYS = 45


def label_positions(dated: pd.DataFrame) -> pd.Series:
    """Above or below each point, so that no label crosses a standard's line or sits on another label.

    Where points of several measures share a date, the highest is labelled above and the others below (a lower
    label below its own point cannot reach a higher one). A point alone at its date is labelled on the side away
    from its standard's line (83.3% under a 90% line is labelled below it), and above when there is no standard.
    """
    positions = pd.Series(ABOVE, index=dated.index, dtype=object)
    ends = pd.to_datetime(dated["period_end"])
    for index in dated.index:
        near = dated[(ends - ends[index]).abs() <= pd.Timedelta(days=SAME_DATE_DAYS)]
        if near["metric_id"].nunique() > 1:
            highest = near["value"].max()
            positions[index] = ABOVE if dated.at[index, "value"] >= highest else BELOW
            continue
        standard = dated.at[index, "standard_value"]
        if not is_missing(standard) and dated.at[index, "value"] < standard:
            positions[index] = BELOW
    return positions


def _date_range(dated: pd.DataFrame) -> list | None:
    """The x axis runs a little beyond the first and last points, so a label centred on an end point is not cut off."""
    if dated.empty:
        return None
    ends = pd.to_datetime(dated["period_end"])
    first, last = ends.min(), ends.max()
    pad = max((last - first) * 0.1, pd.Timedelta(days=120))
    return [(first - pad).isoformat(), (last + pad).isoformat()]


def figures_chart(series: pd.DataFrame, font_size: int = 14, height: int = 380) -> go.Figure:
    """Each figure a labelled point at the end of its period, with its margin of error; the standard as a dashed line.

    The standard's label sits in the right-hand margin beside its line, outside the plotting area, so no point or
    point label can run into it; point labels are placed by label_positions().
    """
    figure = go.Figure()
    dated = series.dropna(subset=["period_end"])
    positions = label_positions(dated)
    for index, (_, rows) in enumerate(dated.groupby("metric_id", sort=False)):
        figure.add_trace(
            _measure_points(
                rows,
                index,
                size=14,
                text=[html_text(format_value(v, u)) for v, u in zip(rows["value"], rows["unit"])],
                textposition=positions[rows.index].tolist(),
                textfont={"size": font_size, "color": "#222222"},
                cliponaxis=False,
                customdata=rows["period_label"].map(html_text),
                hovertemplate="%{customdata}: %{text}<extra>%{fullData.name}</extra>",
            )
        )
    standards = dated.dropna(subset=["standard_value"]).drop_duplicates("metric_id")
    for _, row in standards.iterrows():
        figure.add_hline(
            y=row["standard_value"],
            line={"dash": "dash", "color": "#333333", "width": 2},
            annotation_text=f"Standard<br>{html_text(format_value(row['standard_value'], row['unit']))}",
            annotation_position="right",
            annotation_align="left",
            annotation_font={"size": font_size, "color": "#222222"},
        )
    percent = bool(len(dated)) and dated["unit"].str.startswith("percent").all()
    # Room on the right for "Standard" (about 0.6 of the font size per character, plus a little air).
    right = round(font_size * 6) if len(standards) else 20
    figure.update_layout(
        font={"size": font_size},
        height=height,
        margin={"l": 60, "r": right, "t": 40, "b": 50},
        plot_bgcolor="white",
        # Every text size written out: Streamlit's chart theme sets smaller ones for ticks, legend and titles.
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "font": {"size": font_size}},
        showlegend=dated["metric_id"].nunique() > 1,
        xaxis={
            "type": "date",
            "range": _date_range(dated),
            "showgrid": True,
            "gridcolor": "#dddddd",
            "title": {"text": "End of the period the figure covers", "font": {"size": font_size}},
            "tickfont": {"size": font_size},
        },
        yaxis={
            "range": [0, 105] if percent else None,
            "showgrid": True,
            "gridcolor": "#dddddd",
            "title": None,
            "ticksuffix": "%" if percent else "",
            "tickfont": {"size": font_size},
            "automargin": True,
        },
    )
    return figure

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
ABOVE, BELOW = "top center", "bottom center"
# Points within this many days of each other are treated as one date when placing their labels.
SAME_DATE_DAYS = 45


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
        errors = rows["ci_half_width"]
        figure.add_trace(
            go.Scatter(
                x=rows["period_end"],
                y=rows["value"],
                name=rows["metric_name"].iloc[0],
                mode="markers+text",
                marker={"size": 14, "symbol": MARKERS[index % len(MARKERS)], "color": COLOURS[index % len(COLOURS)]},
                text=[format_value(v, u) for v, u in zip(rows["value"], rows["unit"])],
                textposition=positions[rows.index].tolist(),
                textfont={"size": font_size, "color": "#222222"},
                cliponaxis=False,
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
            annotation_text=f"Standard<br>{format_value(row['standard_value'], row['unit'])}",
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

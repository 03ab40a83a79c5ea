"""Plotly figures for published figures over time, control charts and ranked comparisons.

Pure functions: shaped DataFrame in, figure out, no Streamlit. Colour is never the only cue: places differ
by marker shape and legend label, second-hand sources by hollow markers and their legend entry, the chosen
force in a ranking by a hatched bar and a label, special-cause months by shape and a legend entry in words. Plotly
reads its text as HTML, so every text from the data (names, periods, units, publishers) goes in through html_text.
"""

from __future__ import annotations

import re
import textwrap

import pandas as pd
import plotly.graph_objects as go

from dashboard.common.cache import built_once
from dashboard.common.escape import html_text
from dashboard.performance.model.series import ROLE_LABEL, counts_text, length_words, value_text
from dashboard.performance.model.spc import SpcResult, month_index

STYLE = {
    "chosen": {"color": "#1d4ed8", "symbol": "circle", "size": 13},
    "england_and_wales": {"color": "#111827", "symbol": "diamond", "size": 12},
    "united_kingdom": {"color": "#4b5563", "symbol": "triangle-up", "size": 11},
    "peer": {"color": "#b45309", "symbol": "square", "size": 9},
    "outside_england_and_wales": {"color": "#6b21a8", "symbol": "x", "size": 10},
}
# Forces picked in the explorer: a distinct colour and shape each, repeating after eight.
SELECTED_STYLES = [
    {"color": c, "symbol": s, "size": 10}
    for c, s in zip(
        ("#b45309", "#047857", "#be185d", "#0e7490", "#7c2d12", "#4d7c0f", "#9333ea", "#a16207"),
        ("square", "triangle-down", "pentagon", "hexagon", "star", "cross", "triangle-left", "hourglass"),
    )
]
VARIATION_STYLE = {
    "common cause": {"color": "#6b7280", "symbol": "circle", "size": 8, "label": "Common cause (normal variation)"},
    "improvement": {"color": "#1d6fb8", "symbol": "square", "size": 12, "label": "Special cause: improvement"},
    "concern": {"color": "#c2410c", "symbol": "diamond", "size": 13, "label": "Special cause: concern"},
    "high": {"color": "#6b21a8", "symbol": "triangle-up", "size": 12, "label": "Special cause: unusually high"},
    "low": {"color": "#6b21a8", "symbol": "triangle-down", "size": 12, "label": "Special cause: unusually low"},
}
LABELLED_ROLES = ("chosen", "england_and_wales", "united_kingdom", "selected")
DENSE_MONTHS = 12


def _axis_title(unit: str) -> str:
    if unit.startswith("percent"):
        return "Per cent"
    if unit.startswith("per 1,000"):
        return "Per 1,000 people"
    return html_text(unit[0].upper() + unit[1:])


def _wrap(text: str, width: int = 22) -> str:
    """Text as Plotly text (html_text), broken over lines at word boundaries."""
    return "<br>".join(html_text(line) for line in textwrap.wrap(text, width)) or html_text(text)


def _value(value: float, unit: str) -> str:
    """value_text() as Plotly text: the unit comes from the data."""
    return html_text(value_text(value, unit))


_MONTH = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b")


def short_period(label: str) -> str:
    """'Year to March 2023' -> 'Yr to Mar 2023': the same period in fewer characters, for labels on a chart."""
    text = _MONTH.sub(lambda m: m.group(1)[:3], label)
    text = text.replace("Year to ", "Yr to ").replace("12 months to ", "12 mo to ")
    text = re.sub(r"^(\w{3} \d{4}) to (\w{3} \d{4})$", r"\1–\2", text)
    return _wrap(text)


def _hover(row: pd.Series, unit: str) -> str:
    lines = [
        f"<b>{html_text(row['place_short_name'])}</b>",
        f"{html_text(row['period_label'])} ({length_words(row['months'])})",
        _value(row["value"], unit),
    ]
    if not pd.isna(row["ci_half_width"]):
        lines.append(f"margin of error ±{row['ci_half_width']:g} points")
    if counts_text(row) != "not published":
        lines.append(counts_text(row))
    lines.append(html_text(f"{row['source_publisher']} ({row['tier_label']})"))
    return "<br>".join(lines)


def _legend_name(row_role: str, place: str, peer_label: str) -> str:
    if row_role == "peer":
        return peer_label
    return ROLE_LABEL.get(row_role, place)


def _month_segments(points: pd.DataFrame, x_column: str) -> tuple[list, list]:
    """x and y for a line that joins only figures for consecutive calendar months; None breaks it at a gap."""
    months = points[points["is_month"]].sort_values("period_start")
    xs: list = []
    ys: list = []
    previous = None
    for row in months.itertuples():
        index = month_index(row.period_start)
        if previous is not None and index != previous + 1:
            xs.append(None)
            ys.append(None)
        xs.append(getattr(row, x_column))
        ys.append(row.value)
        previous = index
    return xs, ys


@built_once(per_database=False)  # the same figures give the same chart: built once per process, shared read-only
def time_chart(points: pd.DataFrame, metric: pd.Series, peer_label: str = "Peer forces") -> go.Figure:
    """Each place's figures as dated points; only consecutive months are joined, and never across a gap."""
    unit = metric["unit"]
    drawn = points[points["plotted_at"].notna()]
    figure = go.Figure()
    selected_index: dict[str, int] = {}
    groups = drawn.groupby(["role_order", "role", "place_short_name"], sort=True) if not drawn.empty else []
    legend_seen: set[str] = set()
    labelled = _labelled_points(drawn)
    standard = metric.get("standard_value")
    standard = None if standard is None or pd.isna(standard) else float(standard)
    for (_, role, place), rows in groups:
        if role == "selected":
            style = SELECTED_STYLES[selected_index.setdefault(place, len(selected_index)) % len(SELECTED_STYLES)]
        else:
            style = STYLE[role]
        name = _legend_name(role, place, peer_label)
        dense = int(rows["is_month"].sum()) >= DENSE_MONTHS
        xs, ys = _month_segments(rows, "plotted_at")
        if any(xs[i] is not None and xs[i - 1] is not None for i in range(1, len(xs))):
            figure.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    line={"color": style["color"], "width": 1 if role == "peer" else 2},
                    connectgaps=False,
                    hoverinfo="skip",
                    showlegend=False,
                    legendgroup=name,
                )
            )
        for tier, tier_rows in rows.groupby("source_tier", sort=True):
            hollow = tier != "primary"
            label_points = role in LABELLED_ROLES
            national = role in ("england_and_wales", "united_kingdom")
            # A national label names only the period; where the chosen force has a figure at the same date its own
            # label already does, and two labels there would print over each other.
            text = [
                ""
                if not label_points or (dense and r["is_month"]) or index not in labelled
                else short_period(r["period_label"])
                if national
                else f"{_value(r['value'], unit)}<br>{short_period(r['period_label'])}"
                for index, r in tier_rows.iterrows()
            ]
            positions = [
                "middle right" if not pd.isna(c) else _label_side(v, standard, national)
                for c, v in zip(tier_rows["ci_half_width"], tier_rows["value"])
            ]
            # Wrapped, so that every entry fits beside its marker on a 360 px phone instead of running off the edge.
            legend_name = _wrap(f"{name} · {'second-hand source (hollow)' if hollow else 'primary source (filled)'}", 38)
            ci = tier_rows["ci_half_width"]
            figure.add_trace(
                go.Scatter(
                    x=tier_rows["plotted_at"],
                    y=tier_rows["value"],
                    mode="markers+text" if any(text) else "markers",
                    name=legend_name,
                    legendgroup=name,
                    showlegend=legend_name not in legend_seen,
                    text=text,
                    # Beside a point with an error bar, so the label does not sit on the bar.
                    textposition=positions,
                    textfont={"size": 11, "color": style["color"]},
                    marker={
                        # An open symbol takes its outline from the marker colour and leaves the inside empty.
                        "color": style["color"],
                        "symbol": style["symbol"] + ("-open" if hollow and style["symbol"] != "x" else ""),
                        "size": style["size"],
                        "line": {"color": style["color"], "width": 2 if hollow else 1},
                    },
                    error_y={
                        "type": "data",
                        "array": [None if pd.isna(v) else v for v in ci],
                        "visible": bool(ci.notna().any()),
                        "color": style["color"],
                        "thickness": 1.5,
                    },
                    hovertext=[_hover(r, unit) for _, r in tier_rows.iterrows()],
                    hoverinfo="text",
                    cliponaxis=False,
                )
            )
            legend_seen.add(legend_name)
    _add_standard(figure, metric, horizontal=True)
    figure.update_layout(
        margin={"l": 70, "r": 30, "t": 30, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0},
        yaxis_title=_axis_title(unit),
        xaxis_title="End of the period each figure covers",
        hovermode="closest",
        height=500,
    )
    if unit.startswith("percent") and not drawn.empty:
        # From 0, so that a gap of one point between 95% and 96% looks like one point, not half the chart.
        top = max(100.0, float((drawn["value"] + drawn["ci_half_width"].fillna(0)).max()) * 1.05)
        figure.update_yaxes(range=[0, top])
    else:
        figure.update_yaxes(rangemode="tozero")
    if not drawn.empty:
        # Room either side so that the period labels on the first and last points are not cut off.
        first, last = drawn["plotted_at"].min(), drawn["plotted_at"].max()
        pad = max(pd.Timedelta(days=90), (last - first) * 0.08)
        figure.update_xaxes(range=[first - pad, last + pad])
    return figure


LABEL_GAP = 0.3  # of the x axis: about a label's width on a 360 px phone, where the plot is ~230 px wide


def _labelled_points(drawn: pd.DataFrame) -> set:
    """Which points carry a label, so that no two labels meet even on a phone: the chosen force's newest figure first,
    then its others, then national figures, each kept only if it is at least LABEL_GAP of the axis from every label
    already kept. An unlabelled point still has its value in the hover text and in the table under the chart."""
    if drawn.empty:
        return set()
    first, last = drawn["plotted_at"].min(), drawn["plotted_at"].max()
    pad = max(pd.Timedelta(days=90), (last - first) * 0.08)
    gap = (last - first + 2 * pad) * LABEL_GAP
    candidates = drawn[drawn["role"].isin(LABELLED_ROLES)]
    order = candidates.assign(is_chosen=candidates["role"] == "chosen").sort_values(
        ["is_chosen", "plotted_at"], ascending=[False, False]
    )
    kept: dict = {}
    for index, row in order.iterrows():
        if all(abs(row["plotted_at"] - x) >= gap for x in kept.values()):
            kept[index] = row["plotted_at"]
    return set(kept)


def _label_side(value: float, standard: float | None, national: bool) -> str:
    """Where a point's label goes: away from the standard line (so the line never runs through the label); with no
    standard, the chosen force's labels above its points and national labels below, so they rarely meet."""
    if standard is None:
        return "bottom center" if national else "top center"
    return "bottom center" if value < standard else "top center"


def _add_standard(figure: go.Figure, metric: pd.Series, horizontal: bool) -> None:
    standard = metric.get("standard_value")
    if standard is None or pd.isna(standard):
        return
    label = f"{standard:g}% standard" if metric["unit"].startswith("percent") else f"Standard: {standard:g}"
    line = {"line_dash": "dash", "line_color": "#15803d", "line_width": 2}
    if horizontal:
        figure.add_hline(y=standard, annotation_text=label, annotation_position="top left", **line)
    else:
        figure.add_vline(x=standard, annotation_text=label, annotation_position="top", **line)


def spc_chart(result: SpcResult, metric: pd.Series, place: str) -> go.Figure:
    """An XmR chart: monthly figures, their mean and process limits, special-cause months marked in words."""
    unit = metric["unit"]
    points = result.points.assign(is_month=True)
    figure = go.Figure()
    xs, ys = _month_segments(points, "period_start")
    figure.add_trace(
        go.Scatter(x=xs, y=ys, mode="lines", line={"color": "#9ca3af", "width": 1.5}, hoverinfo="skip", showlegend=False)
    )
    first, last = points["period_start"].min(), points["period_start"].max()
    for value, label, dash in (
        (result.upper_limit, "Upper limit", "dash"),
        (result.mean, "Mean", "solid"),
        (result.lower_limit, "Lower limit", "dash"),
    ):
        figure.add_trace(
            go.Scatter(
                x=[first, last],
                y=[value, value],
                mode="lines+text",
                line={"color": "#374151", "dash": dash, "width": 1.5},
                text=["", f"{label} {_value(value, unit)}"],
                textposition="middle right",
                name=f"{label} ({_value(value, unit)})",
                hoverinfo="name",
                showlegend=False,
                cliponaxis=False,
            )
        )
    for variation, style in VARIATION_STYLE.items():
        rows = points[points["variation"] == variation]
        if rows.empty:
            continue
        figure.add_trace(
            go.Scatter(
                x=rows["period_start"],
                y=rows["value"],
                mode="markers",
                name=style["label"],
                marker={"color": style["color"], "symbol": style["symbol"], "size": style["size"]},
                hovertext=[
                    f"<b>{html_text(place)}</b><br>{d:%B %Y}<br>{_value(v, unit)}" + (f"<br>{html_text(why)}" if why else "")
                    for d, v, why in zip(rows["period_start"], rows["value"], rows["reason"])
                ],
                hoverinfo="text",
            )
        )
    _add_standard(figure, metric, horizontal=True)
    figure.update_layout(
        margin={"l": 70, "r": 140, "t": 30, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0},
        yaxis_title=_axis_title(unit),
        xaxis_title="Month",
        height=440,
    )
    if unit.startswith("percent"):
        # A control chart is read against its own limits, so its axis is zoomed to them; say so where the axis begins.
        figure.add_annotation(
            text="⚡ Axis does not start at 0",
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            font={"size": 11, "color": "#374151"},
        )
    return figure


@built_once(per_database=False)  # the same figures give the same chart: built once per process, shared read-only
def ranking_chart(ranked: pd.DataFrame, metric: pd.Series, reference: pd.Series | None = None) -> go.Figure:
    """Forces as bars in rank order, best (or highest) at the top, the chosen force hatched and labelled."""
    unit = metric["unit"]
    ordered = ranked.iloc[::-1]  # Plotly draws the first category at the bottom
    mixed_tiers = ordered["source_tier"].nunique() > 1
    labels = [
        f"▶ {html_text(r['place_short_name'])} (your force)" if r["is_chosen"] else html_text(r["place_short_name"])
        for _, r in ordered.iterrows()
    ]
    text = [
        _value(r["value"], unit) + (" · second-hand" if mixed_tiers and r["source_tier"] != "primary" else "")
        for _, r in ordered.iterrows()
    ]
    figure = go.Figure(
        go.Bar(
            x=ordered["value"],
            y=labels,
            orientation="h",
            text=text,
            textposition="outside",
            cliponaxis=False,
            marker={
                "color": ["#1d4ed8" if c else "#93a3b8" for c in ordered["is_chosen"]],
                "pattern": {"shape": ["/" if c else "" for c in ordered["is_chosen"]], "fgcolor": "white", "solidity": 0.3},
                "line": {"color": "#111827", "width": [2 if c else 0 for c in ordered["is_chosen"]]},
            },
            hovertext=[
                f"<b>{html_text(r['place_short_name'])}</b><br>Rank {r['rank_text']}<br>{_value(r['value'], unit)}"
                f"<br>{counts_text(r)}<br>{html_text(r['source_publisher'])} ({r['tier_label']})"
                for _, r in ordered.iterrows()
            ],
            hoverinfo="text",
            showlegend=False,
        )
    )
    _add_standard(figure, metric, horizontal=False)
    if reference is not None:
        figure.add_vline(
            x=reference["value"],
            line_dash="dot",
            line_color="#111827",
            annotation_text=f"England and Wales {_value(reference['value'], unit)}",
            annotation_position="bottom",
        )
    figure.update_layout(
        margin={"l": 10, "r": 60, "t": 40, "b": 10},
        xaxis_title=_axis_title(unit),
        height=max(260, 26 * len(ordered) + 90),
        bargap=0.25,
    )
    figure.update_yaxes(automargin=True)
    return figure

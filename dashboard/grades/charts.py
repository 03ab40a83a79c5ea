"""Charts of inspection grades: pure functions, DataFrame in, Plotly figure out, no Streamlit.

Colours come from dashboard.common.scale, and every cell or bar also prints the grade's symbol and word,
so colour is never the only cue (colour-blind readers, black-and-white print). Plotly reads its text as HTML, so
every name from the data goes in through html_text.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from dashboard.common.escape import html_text
from dashboard.common.scale import FILL_COLOUR, SYMBOL
from dashboard.grades.model import GRADE_STATES

TEXT_COLOUR = "#1a1a1a"
GRID_COLOUR = "#6f6f6f"  # the gaps between cells, so that white 'Not known' cells still show their edges
FONT = {"family": "Source Sans Pro, Arial, sans-serif", "color": TEXT_COLOUR}


def wrap(label: str, width: int = 16) -> str:
    """A label from the data as Plotly text, broken over lines at word boundaries (Plotly wraps nothing by itself)."""
    return "<br>".join(html_text(line) for line in textwrap.wrap(label, width, break_long_words=False)) or html_text(label)


def cell_text(grade: str) -> str:
    """The symbol on one line and the grade in words below it, short enough for a narrow cell."""
    return f"{SYMBOL.get(grade, '')}<br>{wrap(grade, 9)}"


def _discrete_scale() -> list[tuple[float, str]]:
    """One flat band of colour per grade state, so that code i is always drawn in its grade's colour."""
    scale = []
    n = len(GRADE_STATES)
    for i, grade in enumerate(GRADE_STATES):
        scale += [(i / n, FILL_COLOUR[grade]), ((i + 1) / n, FILL_COLOUR[grade])]
    return scale


def grade_heatmap(matrix: pd.DataFrame, focus_force_id: str | None = None, rows: str = "force") -> go.Figure:
    """Force × area grades as coloured cells with the grade printed in each; the chosen force outlined.

    rows="force" puts forces down the side (the national picture); rows="area" puts areas down the side,
    which suits a handful of forces in a narrow column.
    """
    force_order = list(dict.fromkeys(matrix["force_short_name"]))
    area_order = list(dict.fromkeys(matrix.sort_values("sort_order")["area_short_name"]))
    codes = matrix.assign(code=matrix["grade"].map({g: i for i, g in enumerate(GRADE_STATES)}))
    by_force = rows == "force"
    index, columns = ("force_short_name", "area_short_name") if by_force else ("area_short_name", "force_short_name")
    order_index, order_columns = (force_order, area_order) if by_force else (area_order, force_order)
    z = codes.pivot(index=index, columns=columns, values="code").reindex(index=order_index, columns=order_columns)
    grades = codes.pivot(index=index, columns=columns, values="grade").reindex(index=order_index, columns=order_columns)
    grades = grades.fillna("Not known")
    z = z.fillna(GRADE_STATES.index("Not known"))
    focus_name = None
    if focus_force_id is not None and (matrix["force_id"] == focus_force_id).any():
        focus_name = matrix.loc[matrix["force_id"] == focus_force_id, "force_short_name"].iloc[0]

    def tick(name: str, width: int) -> str:
        label = wrap(name, width)
        return f"<b>{label} ◀</b>" if name == focus_name and by_force else (f"<b>{label}</b>" if name == focus_name else label)

    y_labels = [tick(n, 40 if by_force else 22) for n in order_index]
    x_labels = [tick(n, 11) for n in order_columns]
    hover = [
        [
            f"{html_text(r if by_force else c)}<br>{html_text(c if by_force else r)}: {html_text(grades.loc[r, c])}"
            for c in order_columns
        ]
        for r in order_index
    ]
    figure = go.Figure(
        go.Heatmap(
            z=z.to_numpy(),
            x=list(range(len(order_columns))),
            y=list(range(len(order_index))),
            text=[[cell_text(g) for g in row] for row in grades.to_numpy()],
            texttemplate="%{text}",
            textfont={"size": 9, "color": TEXT_COLOUR},
            hovertext=hover,
            hoverinfo="text",
            colorscale=_discrete_scale(),
            zmin=-0.5,
            zmax=len(GRADE_STATES) - 0.5,
            showscale=False,
            xgap=2,
            ygap=2,
        )
    )
    row_height = 46
    figure.update_layout(
        height=150 + row_height * len(order_index),
        margin={"l": 10, "r": 10, "t": 130, "b": 10},
        plot_bgcolor=GRID_COLOUR,
        paper_bgcolor="white",
        font=FONT,
        xaxis={
            "side": "top",
            "tickmode": "array",
            "tickvals": list(range(len(order_columns))),
            "ticktext": x_labels,
            "tickangle": 0,
            "tickfont": {"size": 11},
            "showgrid": False,
            "fixedrange": True,
        },
        yaxis={
            "tickmode": "array",
            "tickvals": list(range(len(order_index))),
            "ticktext": y_labels,
            "autorange": "reversed",
            "showgrid": False,
            "fixedrange": True,
        },
    )
    if focus_name is not None:
        position = order_index.index(focus_name) if by_force else order_columns.index(focus_name)
        if by_force:
            box = {"x0": -0.5, "x1": len(order_columns) - 0.5, "y0": position - 0.5, "y1": position + 0.5}
        else:
            box = {"x0": position - 0.5, "x1": position + 0.5, "y0": -0.5, "y1": len(order_index) - 0.5}
        figure.add_shape(type="rect", line={"color": "#000000", "width": 4}, fillcolor="rgba(0,0,0,0)", **box)
    return figure


def grade_counts_chart(distribution: pd.DataFrame) -> go.Figure:
    """Per area, the number of forces at each grade as one stacked bar; each segment labelled with its symbol and count."""
    areas = list(dict.fromkeys(distribution.sort_values("sort_order")["area_short_name"]))
    figure = go.Figure()
    for grade in GRADE_STATES:
        rows = distribution[distribution["grade"] == grade].set_index("area_short_name").reindex(areas)
        counts = rows["force_count"].fillna(0).astype(int).tolist()
        figure.add_trace(
            go.Bar(
                name=f"{SYMBOL[grade]} {grade}",
                y=[wrap(a, 22) for a in areas],
                x=counts,
                orientation="h",
                marker={"color": FILL_COLOUR[grade], "line": {"color": GRID_COLOUR, "width": 1}},
                text=[f"{SYMBOL[grade]} {c}" if c else "" for c in counts],
                textposition="inside",
                textangle=0,
                insidetextanchor="middle",
                textfont={"color": TEXT_COLOUR, "size": 12},
                hovertemplate=f"%{{y}}<br>{grade}: %{{x}} forces<extra></extra>",
            )
        )
    figure.update_layout(
        barmode="stack",
        # A count too long for its segment is hidden rather than shrunk or turned; the table beneath has every count.
        uniformtext={"minsize": 11, "mode": "hide"},
        height=140 + 52 * len(areas),
        margin={"l": 10, "r": 10, "t": 90, "b": 40},
        font=FONT,
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "traceorder": "normal"},
        xaxis={"title": {"text": "Number of forces"}, "fixedrange": True, "gridcolor": "#dddddd"},
        yaxis={"autorange": "reversed", "fixedrange": True},
    )
    return figure

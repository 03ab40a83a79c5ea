"""The grade scorecard: a force's grades in five columns, Outstanding to Inadequate, as a PCC's report to the Panel lays
them out, with the areas whose grade we do not hold listed beneath. Pure: grades in, a Plotly figure (and its SVG or PNG
through kaleido) out; the same picture is the link preview, the meeting's grades slide and the pack's first page.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from dashboard.common.escape import html_text
from dashboard.common.scale import FILL_COLOUR, GRADE_ORDER, NOT_A_GRADE_MEANING, SYMBOL
from dashboard.common.wording import (
    citation,
    counted,
    format_date,
    grades_sentence,
    is_missing,
    join_words,
    names_at_each_grade,
    tier_label,
)
from dashboard.grades.charts import FONT, GRID_COLOUR, TEXT_COLOUR
from dashboard.grades.model import publication_label

QUIET_COLOUR = "#4d4d4d"  # small print and "No area": dark enough on white for WCAG AA at any size


@dataclass(frozen=True)
class Scorecard:
    """What the scorecard shows, in words: every grade with its areas, the gaps, and where the grades come from."""

    force_name: str
    cycle_name: str
    columns: tuple[tuple[str, tuple[str, ...]], ...]  # each of the five grades, best first, with the areas given it
    gaps: tuple[tuple[str, tuple[str, ...]], ...]  # each state that is not a grade ('Not known', ...) with its areas
    sentence: str  # grades_sentence(): what a card without any grade says instead of five empty columns
    published: str  # 'Report published 16 October 2024', or that no report is dated
    source: str  # 'Source: Publisher: “Title”, 16 October 2024 (primary source)', '' when no grade is held
    table: pd.DataFrame  # one row per area: the data behind the picture

    @property
    def any_known(self) -> bool:
        return any(areas for _, areas in self.columns)


def _source_line(known: pd.DataFrame) -> str:
    """The source most of the grades cite, and how many others there are: a preview has room for one citation."""
    cited = known.dropna(subset=["source_title"])
    if cited.empty:
        return ""
    keys = cited[["source_publisher", "source_title"]].apply(tuple, axis=1)
    first = cited.loc[keys == keys.mode().iloc[0]].iloc[0]
    when = "" if is_missing(first.get("source_published")) else f", {format_date(first['source_published'])}"
    line = f"Source: {citation(first['source_publisher'], first['source_title'], first.get('source_title_kind'))}{when}"
    line += f" ({tier_label(first['source_tier'])})"
    others = keys.nunique() - 1
    return line + (f", and {counted(others, 'other source')}" if others else "")


def scorecard(force_name: str, cycle_name: str, grades: pd.DataFrame) -> Scorecard:
    """The scorecard of one force's grades in one cycle (rows as queries grade_matrix and grades_as_at give them)."""
    grades = grades.sort_values("sort_order", kind="stable") if "sort_order" in grades else grades
    columns = tuple((grade, tuple(areas)) for grade, areas in names_at_each_grade(grades, "area_short_name").items())
    others = grades[~grades["grade"].isin(GRADE_ORDER)]
    gaps = tuple((state, tuple(rows["area_short_name"])) for state, rows in others.groupby("grade", sort=False))
    known = grades[grades["grade"].isin(GRADE_ORDER)]
    table = pd.DataFrame(
        {
            "Area": grades["area_name"] if "area_name" in grades else grades["area_short_name"],
            "Grade": grades["grade"],
            "Published": [format_date(p) if not is_missing(p) else "" for p in grades["published"]],
            "Source": [
                citation(p, t, k) if g in GRADE_ORDER and not is_missing(t) else ""
                for p, t, k, g in zip(
                    grades["source_publisher"], grades["source_title"], grades["source_title_kind"], grades["grade"]
                )
            ],
            "Kind of source": [
                tier_label(s) if g in GRADE_ORDER and not is_missing(s) else ""
                for s, g in zip(grades["source_tier"], grades["grade"])
            ],
        }
    ).reset_index(drop=True)
    return Scorecard(
        force_name=force_name,
        cycle_name=cycle_name,
        columns=columns,
        gaps=gaps,
        sentence=grades_sentence(force_name, cycle_name, grades),
        published=publication_label(grades, pd.DataFrame()),
        source=_source_line(known),
        table=table,
    )


def gap_line(state: str, areas: Sequence[str]) -> str:
    """'Not known (no published source we found states the grade): Investigating crime and Managing offenders.'"""
    meaning = NOT_A_GRADE_MEANING.get(state)
    return f"{state}{f' ({meaning})' if meaning else ''}: {join_words(list(areas))}."


def scorecard_text(card: Scorecard) -> str:
    """The scorecard's text alternative: the grade list in words, in the columns' order, then the gaps, each named."""
    if not card.any_known:
        return " ".join([card.sentence, *(gap_line(state, areas) for state, areas in card.gaps)])
    listed = "; ".join(f"{grade}: {join_words(list(areas)) if areas else 'no area'}" for grade, areas in card.columns)
    text = f"{card.force_name}'s {card.cycle_name} grades, from Outstanding to Inadequate. {listed}."
    return " ".join([text, *(gap_line(state, areas) for state, areas in card.gaps)])


# --- The picture -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CardSize:
    """The picture's width and type sizes in pixels. A fixed height (a link preview) shrinks the areas' type to fit a
    crowded column; otherwise the picture grows taller instead, so that its type stays at least `body`."""

    width: int
    height: int
    title: int
    body: int
    small: int
    fixed_height: bool = True
    one_line_heading: bool = False  # the force and the cycle on one line, where height is scarcer than width


PREVIEW = CardSize(1200, 630, title=32, body=18, small=15)  # Open Graph's 1.91:1 link preview
# On a projector nothing is under 20 px (tests/browser/test_meeting_journey.py), small print included.
SLIDE = CardSize(1300, 300, title=20, body=20, small=20, fixed_height=False, one_line_heading=True)
PACK = CardSize(1000, 320, title=26, body=16, small=13, fixed_height=False)  # the pack's first page, on A4
SMALLEST_TYPE = 11
LINE = 1.3  # line height, in ems: what Plotly gives a note of several lines


def _chars(width: float, size: float) -> int:
    """How many characters of type `size` fit in `width` pixels (an average glyph is about half an em wide)."""
    return max(8, int(width / (0.52 * size)))


def _lines(text: str, width: float, size: float, limit: int | None = None) -> list[str]:
    """Plain text broken at word boundaries to fit `width`; past `limit` lines the last ends in '…' (the table and the
    text alternative keep every word)."""
    lines = textwrap.wrap(text, _chars(width, size), break_long_words=True) or [""]
    if limit is not None and len(lines) > limit:
        lines = lines[:limit]
        lines[-1] = lines[-1][: max(1, len(lines[-1]) - 1)].rstrip() + "…"
    return lines


def _html(lines: list[str]) -> str:
    return "<br>".join(html_text(line) for line in lines)


def _box(x0: float, y0: float, x1: float, y1: float) -> tuple[list[float | None], list[float | None]]:
    return [x0, x1, x1, x0, x0, None], [y0, y0, y1, y1, y0, None]


class _Drawing:
    """Boxes (filled scatter traces, one per colour) and labels (text points) in the picture's own pixels, y downwards."""

    def __init__(self) -> None:
        self.boxes: dict[str, tuple[list, list]] = {}
        self.labels: list[tuple[float, float, str, int, str, str]] = []
        self.notes: list[dict] = []

    def box(self, colour: str, x0: float, y0: float, x1: float, y1: float) -> None:
        xs, ys = self.boxes.setdefault(colour, ([], []))
        bx, by = _box(x0, y0, x1, y1)
        xs += bx
        ys += by

    def label(self, x: float, y: float, text: str, size: int, hover: str = "", colour: str = TEXT_COLOUR) -> None:
        self.labels.append((x, y, text, size, hover, colour))

    def note(self, x: float, y: float, text: str, size: int, colour: str = TEXT_COLOUR) -> None:
        """Left-aligned text whose top edge is at y (titles, the gaps, the small print)."""
        self.notes.append(
            {
                "x": x,
                "y": y,
                "xref": "x",
                "yref": "y",
                "text": text,
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "top",
                "align": "left",
                "font": {"size": size, "color": colour},
            }
        )

    def figure(self, size: CardSize) -> go.Figure:
        figure = go.Figure()
        for colour, (xs, ys) in self.boxes.items():
            figure.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    fill="toself",
                    fillcolor=colour,
                    line={"color": GRID_COLOUR, "width": 1.5},
                    hoverinfo="skip",
                    showlegend=False,
                )
            )
        if self.labels:  # one trace for every label: its size, colour and hover text per point
            xs, ys, texts, sizes, hovers, colours = zip(*self.labels)
            figure.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="text",
                    text=texts,
                    textposition="middle center",
                    textfont={"size": list(sizes), "color": list(colours)},
                    hovertext=hovers,
                    hoverinfo="text",
                    showlegend=False,
                )
            )
        axis = {"visible": False, "fixedrange": True, "showgrid": False, "zeroline": False}
        figure.update_layout(
            width=size.width,
            height=size.height,
            margin={"l": 0, "r": 0, "t": 0, "b": 0},
            paper_bgcolor="white",
            plot_bgcolor="white",
            font=FONT,
            showlegend=False,
            dragmode=False,
            hoverlabel={"font": {"size": size.body}},
            xaxis={**axis, "range": [0, size.width]},
            yaxis={**axis, "range": [size.height, 0]},
            annotations=self.notes,
        )
        return figure


@dataclass(frozen=True)
class _Plan:
    """The scorecard's lines at one type size for the areas and gaps, and the height they need."""

    body: int
    title: list[str]
    subtitle: list[str]
    areas: dict[str, list[list[str]]]  # grade -> each area's lines
    gaps: list[list[str]]
    small: list[list[str]]
    header_height: float
    height: float


def _plan(card: Scorecard, size: CardSize, body: int) -> _Plan:
    pad, inner, gutter = _spacing(size)
    column = (inner - 4 * gutter) / 5
    title = _lines(card.force_name, inner, size.title, 1)
    subtitle = _lines(f"{card.cycle_name} inspection grades, from Outstanding to Inadequate", inner, size.body, 1)
    if size.one_line_heading:
        title = _lines(f"{card.force_name} · {subtitle[0]}", inner, size.title, 1)
        subtitle = []
    areas = {g: [_lines(f"{SYMBOL[g]} {a}", column - body, body, 3) for a in names] for g, names in card.columns}
    gaps = [_lines(gap_line(state, names), inner, body, 4) for state, names in card.gaps]  # every word in the text
    small = [_lines(" · ".join(text for text in (card.published, card.source) if text), inner, size.small, 3)]
    header_height = 2 * size.body * LINE + size.body * 0.5
    if card.any_known:
        tallest = max(
            sum(len(lines) * body * LINE + body * 0.5 + gutter * 0.4 for lines in column) or body * LINE
            for column in areas.values()
        )
        middle = header_height + gutter + tallest
    else:
        middle = 4 * size.title * LINE
    height = (
        pad * 0.8
        + size.title * LINE
        + len(subtitle) * size.body * LINE
        + pad * 0.5
        + middle
        + (body * 0.5 + sum(len(lines) for lines in gaps) * body * LINE if gaps else 0)
        + pad * 0.5
        + sum(len(lines) for lines in small) * size.small * LINE
        + pad * 0.6
    )
    return _Plan(body, title, subtitle, areas, gaps, small, header_height, height)


def _spacing(size: CardSize) -> tuple[int, int, int]:
    """The margin, the width inside it, and the gap between columns."""
    pad = round(size.body * 1.4)
    return pad, size.width - 2 * pad, round(size.body * 0.6)


def scorecard_figure(card: Scorecard, size: CardSize = PREVIEW) -> go.Figure:
    """The scorecard at one size: the force and cycle on top; five columns, each headed by its grade's colour, symbol and
    word, its areas beneath in that colour with the symbol; the gaps listed under them; the publication and source in
    small print. A force without any grade gets the sentence saying so, not five empty columns."""
    plan = _plan(card, size, size.body)
    while size.fixed_height and plan.height > size.height and plan.body > SMALLEST_TYPE:
        plan = _plan(card, size, plan.body - 1)
    height = size.height if size.fixed_height else max(size.height, round(plan.height))
    size = replace(size, height=height)
    pad, inner, gutter = _spacing(size)
    drawing = _Drawing()

    # The small print at the foot, the gaps above it; the columns take the space between the titles and the gaps.
    y = size.height - pad * 0.6 - sum(len(lines) for lines in plan.small) * size.small * LINE
    for lines in plan.small:
        drawing.note(pad, y, _html(lines), size.small, QUIET_COLOUR)
        y += len(lines) * size.small * LINE
    y = size.height - pad * 0.6 - sum(len(lines) for lines in plan.small) * size.small * LINE - pad * 0.5
    y -= sum(len(lines) for lines in plan.gaps) * plan.body * LINE
    gaps_top = y - (plan.body * 0.5 if plan.gaps else 0)
    gap_lines = []
    for lines, (state, _) in zip(plan.gaps, card.gaps):
        first = html_text(lines[0])
        if first.startswith(html_text(state)):  # the state in bold, as a column's heading is
            first = f"<b>{html_text(state)}</b>{first[len(html_text(state)) :]}"
        gap_lines += [first, *(html_text(rest) for rest in lines[1:])]
    if gap_lines:  # one note, so that Plotly spaces every line alike
        drawing.note(pad, y, "<br>".join(gap_lines), plan.body)

    if size.one_line_heading:  # the force in bold, then the cycle: 'Hertfordshire Constabulary · PEEL 2023-25 …'
        force = html_text(card.force_name)
        heading = _html(plan.title)
        heading = f"<b>{force}</b>{heading[len(force) :]}" if heading.startswith(force) else heading
    else:
        heading = f"<b>{_html(plan.title)}</b>"
    drawing.note(pad, pad * 0.8, heading, size.title)
    top = pad * 0.8 + size.title * LINE
    if plan.subtitle:
        drawing.note(pad, top, _html(plan.subtitle), size.body, QUIET_COLOUR)
        top += size.body * LINE
    top += pad * 0.5

    if not card.any_known:
        words = _lines(card.sentence, inner * 0.9, size.title * 0.8, 4)
        drawing.label(size.width / 2, (top + gaps_top) / 2, _html(words), round(size.title * 0.8))
        return drawing.figure(size)

    column_width = (inner - 4 * gutter) / 5
    for index, (grade, areas) in enumerate(card.columns):
        x0 = pad + index * (column_width + gutter)
        x1 = x0 + column_width
        drawing.box(FILL_COLOUR[grade], x0, top, x1, top + plan.header_height)
        # The symbol above the word when both do not fit on one line: the word is never broken (the grade is read whole).
        one_line = len(f"{SYMBOL[grade]} {grade}") <= _chars(column_width - size.body, size.body * 1.1)
        header = [f"{SYMBOL[grade]} {grade}"] if one_line else [SYMBOL[grade], grade]
        drawing.label((x0 + x1) / 2, top + plan.header_height / 2, f"<b>{_html(header)}</b>", size.body, html_text(grade))
        y = top + plan.header_height + gutter
        if not areas:
            drawing.label((x0 + x1) / 2, y + plan.body * LINE / 2, "No area", plan.body, colour=QUIET_COLOUR)
            continue
        for area, lines in zip(areas, plan.areas[grade]):
            height = len(lines) * plan.body * LINE + plan.body * 0.5
            drawing.box(FILL_COLOUR[grade], x0, y, x1, y + height)
            drawing.label((x0 + x1) / 2, y + height / 2, _html(lines), plan.body, f"{html_text(area)}: {html_text(grade)}")
            y += height + gutter * 0.4
    return drawing.figure(size)


# --- Images through kaleido -------------------------------------------------------------------------------------


def scorecard_svg(figure: go.Figure) -> str:
    """The figure as an SVG document (for the pack's first page), at the size it was drawn for."""
    import plotly.io as pio

    return pio.to_image(figure, format="svg", width=figure.layout.width, height=figure.layout.height).decode("utf-8")


def scorecard_png(figure: go.Figure) -> bytes:
    """The figure as PNG bytes, one pixel per layout pixel."""
    import plotly.io as pio

    return pio.to_image(figure, format="png", width=figure.layout.width, height=figure.layout.height, scale=1)


def write_pngs(figures: Sequence[go.Figure], paths: Sequence[Path]) -> None:
    """Many figures as PNG files in one kaleido session (one Chromium), each at the size it was drawn for."""
    import plotly.io as pio

    pio.write_images(
        list(figures),
        list(paths),
        format="png",
        width=[f.layout.width for f in figures],
        height=[f.layout.height for f in figures],
        scale=1,
    )

"""Streamlit building blocks the pages share: the chosen force, grades, figures and sources."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
import streamlit as st

from dashboard.db import database_version
from dashboard.elements import csv_download, plotly_chart, table
from dashboard.forces import ForceChoice, resolve_force
from dashboard.formatting import compare_with_standard, format_date, format_value, is_missing, small, tier_label
from dashboard.grades import GRADE_ORDER, grade_badge, grade_heading
from dashboard.url import keep_param

LAST_FORCE_KEY = "last_force_id"
FORCE_WIDGET_KEY = "force_choice"
FORCE_PICKED_KEY = "_force_choice_picked"


def chosen_force() -> ForceChoice:
    """The force named in the URL (?force=), else the visitor's last choice, else Hertfordshire."""
    # Page links do not carry the query string, so an absent ?force= keeps the visitor's last choice.
    requested = st.query_params.get_all("force") or [st.session_state.get(LAST_FORCE_KEY)]
    return _resolve_once(requested[-1], database_version())


@lru_cache(maxsize=1024)
def _resolve_once(value: object, version: tuple) -> ForceChoice:
    """resolve_force, once per value and database file for the whole process (it indexes all 43 forces)."""
    from queries import run_query

    return resolve_force(value, run_query("forces"))


def _force_picked() -> None:
    st.session_state[FORCE_PICKED_KEY] = True


@lru_cache(maxsize=4)
def _force_options(version: tuple) -> tuple[tuple[str, ...], dict[str, str]]:
    """Every force's id, and its short name for the picker, once per database file."""
    from queries import run_query

    forces = run_query("forces")
    return tuple(forces["force_id"]), dict(zip(forces["force_id"], forces["short_name"]))


def force_picker() -> ForceChoice:
    """The force chooser at the top of a page, bound to ?force= so that any link reopens the same view."""
    choice = chosen_force()
    if choice.notice:
        st.info(choice.notice, icon=":material/info:")
    force_ids, short_names = _force_options(database_version())
    # Keyed, and set from the URL on every run except one the visitor's own pick started. A keyless widget
    # whose index follows the URL gets a new identity after every change, and the next pick on it was lost.
    if not st.session_state.pop(FORCE_PICKED_KEY, False):
        st.session_state[FORCE_WIDGET_KEY] = choice.force_id
    picked = st.selectbox(
        "Police force",
        force_ids,
        format_func=short_names.get,
        help="Every territorial police force in England and Wales. "
        "The choice is kept in the page address, so you can share the link.",
        key=FORCE_WIDGET_KEY,
        on_change=_force_picked,
    )
    if picked != choice.force_id:
        choice = _resolve_once(picked, database_version())
    st.session_state[LAST_FORCE_KEY] = choice.force_id
    keep_param("force", choice.force_id)
    return choice


def page_intro(text: str, small_print: str) -> None:
    """A page's opening sentence and how to read what follows (in small print), as one element."""
    st.markdown(f"{text}\n\n{small(small_print)}")


def source_markdown(publisher: str, title: str, url: object, published: object, tier: str) -> str:
    """'[Publisher: Title](url), 16 October 2024 · second-hand source'."""
    label = f"{publisher}: {title}".replace("[", "(").replace("]", ")")
    linked = f"[{label}]({url})" if isinstance(url, str) and url else f"{label} (web address not recorded)"
    return f"{linked}, {format_date(published)} · {tier_label(tier)}"


def row_source(row: pd.Series) -> str:
    """source_markdown() for a row with the usual source_* columns (no source_published column: date not recorded)."""
    return source_markdown(
        row["source_publisher"], row["source_title"], row["source_url"], row.get("source_published"), row["source_tier"]
    )


@dataclass(frozen=True)
class GradeColumns:
    """The words of the five grade columns: one markdown per column, plus a line for areas not graded."""

    columns: tuple[str, ...]
    others: tuple[str, ...]


def grade_column_text(grades: pd.DataFrame) -> GradeColumns:
    """Each column's grade label over the areas given that grade; views build it once per force."""
    columns = []
    for grade in GRADE_ORDER:
        areas = grades.loc[grades["grade"] == grade, "area_short_name"].tolist()
        listed = "\n".join(f"- {a}" for a in areas) if areas else small(f"No areas graded {grade}")
        columns.append(f"**{grade_heading(grade)}**\n\n{listed}")
    others = grades[~grades["grade"].isin(GRADE_ORDER)]
    lines = tuple(f"{grade_badge(state)} " + ", ".join(rows["area_short_name"]) for state, rows in others.groupby("grade"))
    return GradeColumns(tuple(columns), lines)


def grade_columns(grades: pd.DataFrame | GradeColumns) -> None:
    """The PCC report's layout: five columns, Outstanding to Inadequate, areas listed under each."""
    text = grades if isinstance(grades, GradeColumns) else grade_column_text(grades)
    for column, words in zip(st.columns(len(text.columns)), text.columns):
        column.markdown(words)
    for line in text.others:
        st.markdown(line)


FIGURE_CARD_WIDTH = 400  # pixels: two to a row beside the menu on a laptop; on a phone a card is as wide as the screen


@dataclass(frozen=True)
class FigureCard:
    """One headline figure's words: its name, value, definition, period line and small print."""

    name: str
    value: str
    definition: str
    period: str
    small_print: str


def figure_card_text(figure: pd.Series) -> FigureCard:
    """A headline figure with its period, its standard, and where it comes from, as the card shows them."""
    standard = compare_with_standard(figure["value"], figure["standard_value"], figure["higher_is_better"], figure["unit"])
    notes = []
    if not is_missing(figure["ci_half_width"]):
        notes.append(f"An estimate from an audit sample: ±{figure['ci_half_width']:g} percentage points.")
    if not is_missing(figure["numerator"]) and not is_missing(figure["denominator"]):
        notes.append(f"{figure['numerator']:,.0f} of {figure['denominator']:,.0f}")
    marker = "" if figure["source_tier"] == "primary" else "⚠️ **Second-hand:** "
    notes.append(f"{marker}Source: {row_source(figure)}")
    return FigureCard(
        name=figure["metric_name"],
        value=format_value(figure["value"], figure["unit"]),
        definition=figure["definition"],
        period=f"**{figure['period_label']}**" + (f" — {standard}" if standard else ""),
        small_print="  \n".join(notes),
    )


def figure_card(card: FigureCard) -> None:
    """One headline figure in a bordered card: the number large, then its period, then the small print."""
    with st.container(border=True, width=FIGURE_CARD_WIDTH):
        st.metric(card.name, card.value, help=card.definition)
        st.markdown(f"{card.period}  \n{small(card.small_print)}")


def sources_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every distinct source behind a frame's rows, with its tier in words, as the sources table shows it."""
    columns = ["source_publisher", "source_title", "source_url", "source_published", "source_tier"]
    sources = frame.dropna(subset=["source_title"])[columns].drop_duplicates()
    sources = sources.assign(source_tier=sources["source_tier"].map(tier_label))
    return sources.rename(
        columns={
            "source_publisher": "Publisher",
            "source_title": "Title",
            "source_url": "Web address",
            "source_published": "Published",
            "source_tier": "Kind of source",
        }
    )


def sources_table(frame: pd.DataFrame) -> None:
    """Every distinct source behind what the page shows, with its tier."""
    show_sources(sources_frame(frame))


def show_sources(sources: pd.DataFrame) -> None:
    """A table made by sources_frame() (pages may build it once per process); nothing when there is none."""
    if sources.empty:
        return
    table(sources, column_config={"Web address": st.column_config.LinkColumn()})


def small_print(lines: list[str | None]) -> None:
    """Notes under a chart or table as one caption, a line each, leaving out the empty ones (nothing if none):
    one element, not several, because every element is a message on every rerun."""
    kept = [line for line in lines if line]
    if kept:
        st.caption("  \n".join(kept))


def chart_name(summary: str) -> str:
    """The chart's accessible name: 'Chart: ' and the summary's first sentence (the whole summary sits just above)."""
    first = summary.split(". ")[0].strip().rstrip(".")
    return f"Chart: {first}."


def chart_block(figure, summary: str, data: pd.DataFrame, file_name: str, key: str) -> None:
    """A chart with its plain-English summary (also its text alternative), the data behind it and a CSV download.

    Every chart on every page goes through here, so accessibility fixes land in one place.
    """
    # One keyed group (CSS class st-key-chart-<key>): the sentence directly before the chart is its text
    # alternative and its first sentence the chart's accessible name; the browser audit checks every chart has both.
    with st.container(key=f"chart-{key}"):
        st.markdown(summary)
        plotly_chart(figure, key=f"{key}_chart", config={"displaylogo": False}, alt=chart_name(summary))
        with st.expander("The data behind this chart"):
            table(data)
            csv_download(data, "Download this data (CSV)", file_name, key=f"{key}_csv")

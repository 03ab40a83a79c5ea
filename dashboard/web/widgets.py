"""Streamlit building blocks the pages share: the chosen force, grades, figures and sources."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from dashboard.common.cache import built_once
from dashboard.common.escape import Markdown, markdown, markdown_join, md, streamlit_html
from dashboard.common.forces import ForceChoice, resolve_force
from dashboard.common.wording import GradeColumns, grade_column_text, small
from dashboard.web.elements import csv_download, plotly_chart, table
from dashboard.web.url import bound_to_url, keep_param, url_value

LAST_FORCE_KEY = "last_force_id"
FORCE_WIDGET_KEY = "force_choice"


def chosen_force() -> ForceChoice:
    """The force named in the URL (?force=), else the visitor's last choice, else Hertfordshire."""
    # Page links do not carry the query string, so an absent ?force= keeps the visitor's last choice.
    requested = url_value("force")
    return _resolve_once(st.session_state.get(LAST_FORCE_KEY) if requested is None else requested)


@built_once(maxsize=1024)
def _resolve_once(value: object) -> ForceChoice:
    """resolve_force, once per value and database file for the whole process (it indexes all 43 forces)."""
    from queries import run_query

    return resolve_force(value, run_query("forces"))


@built_once(maxsize=4)
def _force_options() -> tuple[tuple[str, ...], dict[str, str]]:
    """Every force's id, and its short name for the picker, once per database file."""
    from queries import run_query

    forces = run_query("forces")
    return tuple(forces["force_id"]), dict(zip(forces["force_id"], forces["short_name"]))


def force_picker() -> ForceChoice:
    """The force chooser at the top of a page, bound to ?force= so that any link reopens the same view."""
    choice = chosen_force()
    if choice.notice:
        st.info(md(choice.notice), icon=":material/info:")
    force_ids, short_names = _force_options()
    picked = st.selectbox(
        "Police force",
        force_ids,
        format_func=short_names.get,
        help="Every territorial police force in England and Wales. "
        "The choice is kept in the page address, so you can share the link.",
        **bound_to_url(FORCE_WIDGET_KEY, choice.force_id),
    )
    if picked != choice.force_id:
        choice = _resolve_once(picked)
    st.session_state[LAST_FORCE_KEY] = choice.force_id
    keep_param("force", choice.force_id)
    return choice


def section_heading(title: str, below: str = "", level: int = 2) -> None:
    """A section's heading (level 2 as st.header draws it, 3 as st.subheader) and the words under it (plain text, or
    Markdown; wrap a note in small() for small print), as one element: every element is a message on every rerun."""
    st.markdown(markdown_join([markdown("#" * level + " {}", title), below]))


def card_markdown(value: str, period: str, small_print: str, name: str = "", definition: str = "") -> Markdown:
    """One figure as a card's words: its name, the value large, its period, the small print, and what it measures.

    The name, value and definition are plain text, set as HTML (streamlit_html) so that the value can be drawn large
    (the card_row styles in dashboard/web/layout.py); period and small print are plain text or Markdown (links, bold,
    the ⚠️ marker), escaped by md(). The definition opens from a "What this measures" summary, which a keyboard and
    a phone reach as well as a mouse does.
    """
    parts = []
    if name:
        parts.append(f'<p class="card-name">{streamlit_html(name)}</p>')
    parts.append(f'<p class="card-value">{streamlit_html(value)}</p>\n')
    parts.append(f"{md(period)}  \n{small(small_print)}")
    if definition:
        parts.append(f"\n<details><summary>What this measures</summary>{streamlit_html(definition)}</details>")
    return Markdown("\n".join(parts))


def card_row(cards: Sequence[Markdown], key: str, width: int) -> None:
    """Cards made by card_markdown() in one wrapping row: side by side on a wide screen, one under another on a
    phone. Each card is one element (a bordered container holding a metric and its text was three per card)."""
    with st.container(horizontal=True, key=f"cards-{key}"):
        for card in cards:
            st.markdown(card, unsafe_allow_html=True, width=width)


def grade_columns(grades: pd.DataFrame | GradeColumns) -> None:
    """The PCC report's layout: five columns, Outstanding to Inadequate, areas listed under each."""
    text = grades if isinstance(grades, GradeColumns) else grade_column_text(grades)
    if not text.columns:  # no area graded: the page says what is and is not known instead
        return
    for column, words in zip(st.columns(len(text.columns)), text.columns):
        column.markdown(md(words))
    for line in text.others:
        st.markdown(md(line))


def show_sources(sources: pd.DataFrame) -> None:
    """A table made by sources_frame() (pages may build it once per process); nothing when there is none."""
    if sources.empty:
        return
    table(sources, column_config={"Web address": st.column_config.LinkColumn()})


def small_print(lines: list[str | None]) -> None:
    """Notes under a chart or table (plain text or Markdown) as one caption, a line each, leaving out the empty ones
    (nothing if none): one element, not several, because every element is a message on every rerun."""
    if any(lines):
        st.caption(markdown_join(lines, "  \n"))


def chart_name(summary: str) -> str:
    """The chart's accessible name: 'Chart: ' and the summary's first sentence (the whole summary sits just above).

    The summary is plain text: the name is an attribute, which the browser shows as written."""
    first = summary.split(". ")[0].strip().rstrip(".")
    return f"Chart: {first}."


TABLE_SWITCH = "Show as a table"


def table_switch(
    data: pd.DataFrame, file_name: str, key: str, label: str = TABLE_SWITCH, download: str = "Download this data (CSV)"
) -> None:
    """A switch, off at first, that shows the figures as a table with a CSV download of exactly those rows beneath.

    A switch rather than a table hidden in every page: it is one element until a visitor wants the table (each
    element is a message on every rerun), and it is reached by Tab and turned on with Space like any checkbox,
    which screen readers announce as a switch with its state.
    """
    if st.toggle(label, key=f"{key}_as_table"):
        table(data)
        csv_download(data, download, file_name, key=f"{key}_csv")


def chart_block(figure, summary: str, data: pd.DataFrame, file_name: str, key: str) -> None:
    """A chart with its plain-English summary (also its text alternative), the data behind it and a CSV download.

    Every chart on every page goes through here, so accessibility fixes land in one place.
    """
    # One keyed group (CSS class st-key-chart-<key>): the sentence directly before the chart is its text
    # alternative and its first sentence the chart's accessible name; the browser audit checks every chart has both.
    with st.container(key=f"chart-{key}"):
        st.markdown(md(summary))
        plotly_chart(figure, key=f"{key}_chart", config={"displaylogo": False}, alt=chart_name(summary))
        table_switch(data, file_name, key)

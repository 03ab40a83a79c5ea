"""Streamlit blocks for the performance pages: one metric over time, its control chart, its sources."""

from __future__ import annotations

import streamlit as st

from dashboard.common.escape import markdown, markdown_join
from dashboard.common.page_text import control_heading
from dashboard.common.wording import small
from dashboard.performance.views import CONTROL_LIMITS_METHOD, ControlView, MetricSection, ThemeView, control_limits_note
from dashboard.web.widgets import card_markdown, card_row, chart_block, small_print, table_switch

CARD_WIDTH = 300  # pixels: a phone shows one card a row, a laptop three or four


def metric_section(section: MetricSection, force_name: str) -> None:
    """One metric for the chosen force beside England and Wales and its peers: chart (or cards), words, table, sources."""
    view, key = section.view, section.key
    # The measure's name (a level-3 heading, as st.subheader draws it), its definition and what is or is not known
    # come before any chart or card, so they are one element: every element is a message on every rerun.
    opening = [markdown("### {}", section.name), small(view.definition)]
    if view.not_known:
        st.markdown(markdown_join([*opening, view.not_known]))
        return
    if view.no_chosen_note:
        opening.append(view.no_chosen_note)
    if view.figure is None:
        # Fewer than three figures for the force: the sentence (with the comparison), one card per figure, the table.
        st.markdown(markdown_join([*opening, view.summary]))
        if view.cards:
            card_row([card_markdown(card.value, card.period, card.small_print) for card in view.cards], key, CARD_WIDTH)
        table_switch(view.table, view.file_name, key)
        small_print(view.notes_under_chart)
        return
    st.markdown(markdown_join(opening))
    chart_block(view.figure, view.summary, view.table, view.file_name, key)
    small_print(view.notes_under_chart)
    if view.control.reason is None:
        draw_control(view.control, force_name, f"{key}_spc")


def notes_and_control(notes: list[str | None], control: ControlView, place: str, key: str) -> None:
    """The small print under a chart, with why there are no control limits when a monthly series is too short
    (not for yearly figures, where they could never be drawn); else the control chart after it."""
    short_series = control.reason is not None and control.monthly > 0
    small_print([*notes, markdown("**Control limits:** {}", control.reason) if short_series else None])
    if control.reason is None:
        draw_control(control, place, key)


def draw_control(control: ControlView, place: str, key: str) -> None:
    """The control chart, its summary and data, and how its limits are drawn."""
    st.markdown(markdown("**{}**", control_heading(place)))
    chart_block(control.figure, control.summary, control.table, f"{key}.csv", key)
    st.caption(CONTROL_LIMITS_METHOD)


def theme_sections(theme: ThemeView) -> None:
    """One section per metric of a theme, in the theme's order, then the one note on control limits."""
    for section in theme.sections:
        metric_section(section, theme.comparison.force_name)
    small_print([control_limits_note(theme)])

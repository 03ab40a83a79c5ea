"""Streamlit blocks for the performance pages: one metric over time, its control chart, its sources."""

from __future__ import annotations

import streamlit as st

from dashboard.common.wording import small
from dashboard.performance.views import ControlView, MetricSection, ThemeView
from dashboard.web.widgets import chart_block, small_print


def metric_section(section: MetricSection, force_name: str) -> None:
    """One metric for the chosen force beside England and Wales and its peers: chart, words, table, sources."""
    view, key = section.view, section.key
    # The measure's name (a level-3 heading, as st.subheader draws it) and its definition in one element.
    st.markdown(f"### {section.name}\n\n{small(view.definition)}")
    if view.not_known:
        st.markdown(view.not_known)
        return
    if view.no_chosen_note:
        st.markdown(view.no_chosen_note)
    chart_block(view.figure, view.summary, view.table, view.file_name, key)
    notes_and_control(view.notes_under_chart, view.control, force_name, f"{key}_spc")


def notes_and_control(notes: list[str | None], control: ControlView, place: str, key: str) -> None:
    """The small print under a chart as one caption, with why there are no control limits when there are none;
    else the control chart after it."""
    no_limits = None if control.reason is None else f"**Control limits:** {control.reason}"
    small_print([*notes, no_limits])
    if no_limits is None:
        draw_control(control, place, key)


def draw_control(control: ControlView, place: str, key: str) -> None:
    """The control chart, its summary and data, and how its limits are drawn."""
    st.markdown(f"**Is it changing? Statistical process control for {place}**")
    chart_block(control.figure, control.summary, control.table, f"{key}.csv", key)
    st.caption(
        "Control limits follow NHS England's “Making Data Count” method: the mean ± 2.66 × the average month-to-month "
        "change (three sigma). A month is special cause when it falls outside the limits, is one of 7 or more in a row "
        "on one side of the mean, one of 7 or more rising or falling in a row, or two of three months close to a limit."
    )


def theme_sections(theme: ThemeView) -> None:
    """One section per metric of a theme, in the theme's order."""
    for section in theme.sections:
        metric_section(section, theme.comparison.force_name)

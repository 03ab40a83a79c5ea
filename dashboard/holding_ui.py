"""Streamlit building blocks for the 'Holding to account' pages: tracker, timeline and meeting steps."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard import meeting
from dashboard.common.forces import ForceChoice
from dashboard.holding_cache import TrackerBlock, step_view
from dashboard.web.elements import csv_download
from dashboard.web.elements import table as show_table
from dashboard.web.url import keep_param
from dashboard.web.widgets import chart_block, grade_columns


def cycle_select(names: dict[str, str]) -> tuple[str, str]:
    """The inspection cycle (id, name), bound to ?cycle=: the latest unless the URL names another (unknown: falls back)."""
    cycle_ids = list(names)
    requested = st.query_params.get("cycle")
    if requested is not None and requested not in names:
        st.info(f"We hold no inspection cycle called that, so we show {names[cycle_ids[0]]}.", icon=":material/info:")
    index = cycle_ids.index(requested) if requested in names else 0
    picked = st.selectbox("Inspection", cycle_ids, index=index, format_func=names.get)
    keep_param("cycle", picked)
    return picked, names[picked]


def tracker_block(block: TrackerBlock, file_name: str, key: str) -> None:
    """Counts (a plain sentence and a table, one markdown), then the full table with evidence links and a CSV download."""
    st.markdown(block.counts)
    show_table(
        block.table,
        column_config={
            "Evidence": st.column_config.LinkColumn("Evidence", display_text="Open the evidence"),
            "What is to be improved": st.column_config.TextColumn(width="large"),
            "What the update says": st.column_config.TextColumn(width="large"),
        },
    )
    csv_download(block.table, "Download the tracker (CSV)", file_name, key)


def not_found_notes(text: str | None) -> None:
    """Documents looked for and not found, said plainly in one warning."""
    if text:
        st.warning(text, icon=":material/search_off:")


def step_navigation(step: int) -> None:
    """Previous / Next (arrow keys) and one button per agenda step (number keys), all moving ?step=."""

    def go_to(number: int) -> None:
        st.query_params["step"] = str(number)

    count = len(meeting.AGENDA)
    # Horizontal containers rather than columns: the same rows (wrapping on a phone) in fewer elements.
    with st.container(horizontal=True):
        st.button(
            "← Previous",
            key="meeting_previous",
            on_click=go_to,
            args=(max(step - 1, 1),),
            disabled=step == 1,
            shortcut=meeting.PREVIOUS_KEY,
            width="stretch",
        )
        st.button(
            "Next →",
            key="meeting_next",
            on_click=go_to,
            args=(min(step + 1, count),),
            disabled=step == count,
            shortcut=meeting.NEXT_KEY,
            type="primary",
            width="stretch",
        )
    with st.container(horizontal=True):
        for number, item in enumerate(meeting.AGENDA, start=1):
            st.button(
                f"{number}. {item.title}",
                key=f"meeting_step_{number}",
                on_click=go_to,
                args=(number,),
                type="primary" if number == step else "secondary",
                shortcut=str(number),
                width="stretch",
            )


def show_step(step: int, force: ForceChoice, as_at: date, large: bool) -> None:
    """One agenda step: a large plain headline, then the evidence under it, all as known on the as-at date."""
    view = step_view(force.force_id, force.name, force.short_name, step, as_at, large)
    st.title(view.headline)
    if view.text:
        st.markdown(view.text)
    if view.grades is not None:
        grade_columns(view.grades)
    if view.grades_source:
        st.caption(view.grades_source)
    if view.no_figures:
        st.markdown(view.no_figures)
    if view.chart is not None:
        chart = view.chart
        chart_block(chart.figure, chart.summary, chart.table, chart.file_name, key=f"meeting_{meeting.AGENDA[step - 1].slug}")
    if view.tracker is not None:
        tracker_block(view.tracker, f"{force.force_id}-tracker-as-at-{as_at.isoformat()}.csv", "meeting_tracker_csv")

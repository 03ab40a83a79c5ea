"""Streamlit building blocks for the 'Holding to account' pages: tracker, timeline and meeting steps."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard import meeting
from dashboard.common.forces import ForceChoice
from dashboard.holding_cache import ChartView, TrackerBlock, step_view
from dashboard.web.elements import csv_download, plotly_chart
from dashboard.web.elements import table as show_table
from dashboard.web.url import keep_param
from dashboard.web.widgets import chart_name


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


def _go_to(number: int) -> None:
    st.query_params["step"] = str(number)


def _leave_meeting() -> None:
    st.query_params.pop("mode", None)


def step_navigation(step: int, in_meeting: bool = False, minutes_link: str | None = None) -> None:
    """The control bar: Previous / Next (arrow keys), one button per agenda step (number keys), all moving ?step=;
    in meeting mode also "Leave meeting mode" (Escape) and the link for the minutes in a popover.

    One horizontal row at the top of the slide, so the controls never fall below the fold on a projector; it wraps
    on a phone. Labels are plain words: Streamlit prints each button's key after its label.
    """
    count = len(meeting.AGENDA)
    with st.container(horizontal=True, key="meeting-controls", vertical_alignment="center"):
        st.button(
            "Previous",
            key="meeting_previous",
            on_click=_go_to,
            args=(max(step - 1, 1),),
            disabled=step == 1,
            shortcut=meeting.PREVIOUS_KEY,
        )
        st.button(
            "Next",
            key="meeting_next",
            on_click=_go_to,
            args=(min(step + 1, count),),
            disabled=step == count,
            shortcut=meeting.NEXT_KEY,
            type="primary",
        )
        for number, item in enumerate(meeting.AGENDA, start=1):
            st.button(
                item.label,
                key=f"meeting_step_{number}",
                on_click=_go_to,
                args=(number,),
                type="tertiary" if number != step else "secondary",
                shortcut=str(number),
                help=f"Step {number}: {item.title}",
            )
        if minutes_link is not None:
            with st.popover("Link for the minutes"):
                st.write("This address reopens exactly this step, with the same force and the same “data as at” date.")
                st.code(minutes_link, language=None, wrap_lines=True)
        if in_meeting:
            st.button("Leave meeting mode", key="meeting_leave", on_click=_leave_meeting, shortcut=meeting.LEAVE_KEY)


def show_step(step: int, force: ForceChoice, as_at: date, large: bool) -> None:
    """One agenda step as a slide: a plain headline, then the evidence under it and the presenter line (what it means
    and its source), all as known on the as-at date; the full tracker table and its CSV follow below the slide."""
    view = step_view(force.force_id, force.name, force.short_name, step, as_at, large)
    st.title(view.headline)
    if view.text:
        st.markdown(view.text)
    if view.grade_lines:
        st.markdown(view.grade_lines)
    if view.no_figures:
        st.markdown(view.no_figures)
    if view.tracker_table:
        st.markdown(view.tracker_table)
    if view.chart is not None:
        slide_chart(view.chart, view.presenter, key=f"meeting_{meeting.AGENDA[step - 1].slug}")
    elif view.presenter:
        st.markdown(view.presenter)
    if view.tracker is not None:
        with st.expander("The full tracker, with evidence links and a CSV download"):
            tracker_block(view.tracker, f"{force.force_id}-tracker-as-at-{as_at.isoformat()}.csv", "meeting_tracker_csv")


def slide_chart(chart: ChartView, presenter: str | None, key: str) -> None:
    """dashboard.web.widgets.chart_block's group (sentence, chart, data and CSV), with the presenter line between the chart
    and its data so that it stays on the slide."""
    with st.container(key=f"chart-{key}"):
        st.markdown(chart.summary)
        plotly_chart(chart.figure, key=f"{key}_chart", config={"displaylogo": False}, alt=chart_name(chart.summary))
        if presenter:
            st.markdown(presenter)
        with st.expander("The data behind this chart"):
            show_table(chart.table)
            csv_download(chart.table, "Download this data (CSV)", chart.file_name, key=f"{key}_csv")

"""Streamlit building blocks for the 'Holding to account' pages: tracker, timeline and meeting steps."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard import meeting
from dashboard.elements import csv_download
from dashboard.elements import table as show_table
from dashboard.forces import ForceChoice
from dashboard.formatting import format_date, lower_first
from dashboard.grades import GRADE_ORDER
from dashboard.key_figures import figure_table, figures_chart, figures_summary
from dashboard.summaries import grades_sentence
from dashboard.timeline import NOT_FOUND, STATUS_WORDS, event_when
from dashboard.tracker import STATUSES, count_by_status, counts_sentence, overdue_flags, tracker_table
from dashboard.ui import chart_block, grade_columns, source_markdown


def cycle_select(cycles: pd.DataFrame) -> pd.Series:
    """The inspection cycle, bound to ?cycle=; the latest unless the URL names another (an unknown value falls back)."""
    cycle_ids = cycles["cycle_id"].tolist()
    requested = st.query_params.get("cycle")
    if requested is not None and requested not in cycle_ids:
        st.info(f"We hold no inspection cycle called that, so we show {cycles.iloc[0]['name']}.", icon=":material/info:")
    index = cycle_ids.index(requested) if requested in cycle_ids else 0
    names = dict(zip(cycles["cycle_id"], cycles["name"]))
    picked = st.selectbox("Inspection", cycle_ids, index=index, format_func=names.get)
    st.query_params["cycle"] = picked
    return cycles.set_index("cycle_id").loc[picked].rename(picked)


def source_line(row: pd.Series) -> str:
    return source_markdown(
        row["source_publisher"], row["source_title"], row["source_url"], row["source_published"], row["source_tier"]
    )


def status_counts(tracker: pd.DataFrame, as_at: date) -> None:
    """One number per status, plus the overdue count, in workflow order."""
    counts = count_by_status(tracker)
    columns = st.columns(len(STATUSES) + 1)
    for column, status in zip(columns, STATUSES):
        column.metric(status.capitalize(), counts[status])
    columns[-1].metric("Past target date", int(overdue_flags(tracker, as_at).sum()), help="Past the target date and not closed.")


def tracker_block(force: ForceChoice, tracker: pd.DataFrame, as_at: date, file_name: str, key: str) -> None:
    """Counts, the plain sentence, then the full table with evidence links and a CSV download."""
    st.markdown(counts_sentence(force.name, tracker, as_at))
    status_counts(tracker, as_at)
    table = tracker_table(tracker, as_at)
    show_table(
        table,
        column_config={
            "Evidence": st.column_config.LinkColumn("Evidence", display_text="Open the evidence"),
            "What is to be improved": st.column_config.TextColumn(width="large"),
            "What the update says": st.column_config.TextColumn(width="large"),
        },
    )
    csv_download(table, "Download the tracker (CSV)", file_name, key)


def changes_list(changes: pd.DataFrame, since: date, as_at: date) -> None:
    """Each update between the two dates: new status, what it was before, what the update says, its source."""
    if changes.empty:
        st.markdown(f"No updates dated after {format_date(since)} and on or before {format_date(as_at)}.")
        return
    st.markdown(f"{len(changes)} update{'s' if len(changes) != 1 else ''} after {format_date(since)}, newest first:")
    for _, change in changes.iterrows():
        before = "new item" if pd.isna(change["previous_status"]) else f"was {change['previous_status']}"
        with st.container(border=True):
            st.markdown(f"**{format_date(change['update_date'])} — {change['status'].capitalize()}** ({before})")
            st.markdown(change["item"])
            st.markdown(f"*Update:* {change['update_summary']}")
            st.caption("Source: " + source_line(change))


def not_found_notes(gaps: pd.DataFrame) -> None:
    """Documents looked for and not found, said plainly."""
    for _, gap in gaps.iterrows():
        st.warning(f"**Not found: {lower_first(gap['title'])}.** {gap['detail']}", icon=":material/search_off:")


def event_list(events: pd.DataFrame) -> None:
    """Every event as a readable list: when, what, status, detail, source."""
    for _, event in events.iterrows():
        with st.container(border=True):
            st.markdown(f"**{event_when(event)} — {event['title']}**")
            if event["status"] == "scheduled":
                st.markdown(f"*{STATUS_WORDS[event['status']]}*")
            st.markdown(event["detail"])
            prefix = "Looked for; the source that said it would exist: " if event["status"] == NOT_FOUND else "Source: "
            st.caption(prefix + source_line(event))


def step_navigation(step: int) -> None:
    """Previous / Next (arrow keys) and one button per agenda step (number keys), all moving ?step=."""

    def go_to(number: int) -> None:
        st.query_params["step"] = str(number)

    count = len(meeting.AGENDA)
    back, forward = st.columns(2)
    back.button(
        "← Previous",
        key="meeting_previous",
        on_click=go_to,
        args=(max(step - 1, 1),),
        disabled=step == 1,
        shortcut=meeting.PREVIOUS_KEY,
        width="stretch",
    )
    forward.button(
        "Next →",
        key="meeting_next",
        on_click=go_to,
        args=(min(step + 1, count),),
        disabled=step == count,
        shortcut=meeting.NEXT_KEY,
        type="primary",
        width="stretch",
    )
    for column, (number, item) in zip(st.columns(count), enumerate(meeting.AGENDA, start=1)):
        column.button(
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
    from queries import run_query

    font, height = (22, 520) if large else (14, 380)
    slug = meeting.AGENDA[step - 1].slug
    cycle = run_query("cycles").iloc[0]
    if slug == "grades":
        grades = run_query("grades_as_at", force_id=force.force_id, cycle_id=cycle["cycle_id"], as_at=as_at)
        st.title(meeting.grades_headline(force.short_name, cycle["name"], grades, as_at))
        if grades["grade"].isin(GRADE_ORDER).any():
            st.markdown(grades_sentence(force.name, cycle["name"], grades))
            grade_columns(grades)
            first = grades.dropna(subset=["source_title"]).iloc[0]
            st.caption("Source: " + source_line(first))
    elif slug in ("calls", "recording"):
        metrics = meeting.CALLS_METRICS if slug == "calls" else meeting.RECORDING_METRICS
        series = run_query("metric_series_as_at", force_id=force.force_id, metric_ids=list(metrics), as_at=as_at)
        latest = meeting.latest_figure(series, metrics[0])
        if slug == "calls":
            st.title(meeting.figure_headline(force.short_name, latest, "999 calls", as_at))
        else:
            tracker = run_query("improvement_tracker", force_id=force.force_id, cycle_id=cycle["cycle_id"], as_at=as_at)
            cause = meeting.recording_cause_of_concern(tracker)
            st.title(meeting.recording_headline(force.short_name, cause, latest, as_at))
            if cause is not None:
                st.markdown(f"*Latest update ({format_date(cause['update_date'])}):* {cause['update_summary']}")
                st.caption("Source: " + source_line(cause))
        what = "answering 999 calls" if slug == "calls" else "recording crime"
        if series.empty:
            st.markdown(f"We hold no published figures for {force.name} on {what} as at {format_date(as_at)}.")
        else:
            chart_block(
                figures_chart(series, font_size=font, height=height),
                figures_summary(force.name, series, what),
                figure_table(series),
                f"{force.force_id}-{slug}-as-at-{as_at.isoformat()}.csv",
                key=f"meeting_{slug}",
            )
    else:
        tracker = run_query("improvement_tracker", force_id=force.force_id, cycle_id=cycle["cycle_id"], as_at=as_at)
        st.title(meeting.tracker_headline(force.short_name, tracker, as_at))
        if not tracker.empty:
            tracker_block(force, tracker, as_at, f"{force.force_id}-tracker-as-at-{as_at.isoformat()}.csv", "meeting_tracker_csv")

"""Streamlit pieces for the grade pages: cycle, area and peer-group choices bound to the URL, area cards, tables.

Each choice is a keyed widget kept in step with the URL by bound_to_url(): the URL sets the widget, and
the visitor's own change is written back to the URL at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard.elements import csv_download, table
from dashboard.grade_views import (
    FINDING_KINDS,
    PEER_KINDS,
    CycleChoice,
    PeerChoice,
    figure_line,
    figures_for_theme,
    resolve_area,
    resolve_cycle,
    resolve_peers,
)
from dashboard.grades import grade_badge
from dashboard.ui import source_markdown


def _mark_picked(key: str) -> None:
    st.session_state[f"_{key}_picked"] = True


def bound_to_url(key: str, url_value: object) -> dict:
    """Widget arguments that keep a keyed widget in step with the URL: the URL sets it on every run except
    one the visitor's own change started (a keyless widget whose default follows the URL gets a new
    identity after each change, and the next click on it is lost)."""
    if not st.session_state.pop(f"_{key}_picked", False):
        st.session_state[key] = url_value
    return {"key": key, "on_change": _mark_picked, "args": (key,)}


def cycle_picker(cycles: pd.DataFrame) -> CycleChoice:
    """The inspection cycle, bound to ?cycle= (e.g. ?cycle=2021-22); a bad value falls back to the newest."""
    choice = resolve_cycle(st.query_params.get_all("cycle") or None, cycles)
    if choice.notice:
        st.info(choice.notice, icon=":material/info:")
    names = dict(zip(cycles["cycle_id"], cycles["name"]))
    picked = st.radio(
        "Inspection cycle", list(names), format_func=names.get, horizontal=True, **bound_to_url("cycle_choice", choice.cycle_id)
    )
    if picked != choice.cycle_id:
        choice = resolve_cycle(picked, cycles)
    st.query_params["cycle"] = choice.cycle_id
    return choice


def area_picker(areas: pd.DataFrame) -> str:
    """One area of the cycle, bound to ?area=; a bad value falls back to the first area."""
    area_id, notice = resolve_area(st.query_params.get_all("area") or None, areas)
    if notice:
        st.info(notice, icon=":material/info:")
    ordered = areas.sort_values("sort_order")
    names = dict(zip(ordered["area_id"], ordered["area_name"]))
    picked = st.selectbox("Area", list(names), format_func=names.get, **bound_to_url("area_choice", area_id))
    st.query_params["area"] = picked
    return picked


def peer_picker(force_id: str, forces: pd.DataFrame, groups: pd.DataFrame) -> PeerChoice:
    """The peer group, bound to ?peers=msg|region|custom and, for custom, ?with=essex,kent."""
    choice = resolve_peers(st.query_params.get("peers"), st.query_params.get_all("with"), force_id, forces, groups)
    if choice.notice:
        st.info(choice.notice, icon=":material/info:")
    kinds = [k for k in PEER_KINDS if k != "msg" or not groups.empty]
    picked = st.radio(
        "Compare with", kinds, format_func=PEER_KINDS.get, horizontal=True, **bound_to_url("peer_kind", choice.kind)
    )
    if picked == "custom":
        others = forces.loc[forces["force_id"] != force_id]
        short = dict(zip(others["force_id"], others["short_name"]))
        members = st.multiselect(
            "Forces to compare with",
            list(short),
            format_func=short.get,
            placeholder="Choose one or more forces",
            **bound_to_url("peer_with", list(choice.member_ids) if choice.kind == "custom" else []),
        )
        choice = resolve_peers("custom", [",".join(members)], force_id, forces, groups)
    elif picked != choice.kind:
        choice = resolve_peers(picked, None, force_id, forces, groups)
    st.query_params["peers"] = choice.kind
    if choice.kind == "custom" and choice.member_ids:
        st.query_params["with"] = ",".join(choice.member_ids)
    elif "with" in st.query_params:
        del st.query_params["with"]
    return choice


def table_block(summary: str, data: pd.DataFrame, file_name: str, key: str, **dataframe_options) -> None:
    """A table with its plain-English summary and a CSV download of exactly the rows shown."""
    st.markdown(summary)
    table(data, **dataframe_options)
    csv_download(data, "Download this table (CSV)", file_name, key=f"{key}_csv")


def source_caption_text(row: pd.Series, prefix: str = "Source: ") -> str:
    """The caption text for one source, flagged when it is second-hand."""
    marker = "" if row["source_tier"] == "primary" else "⚠️ **Second-hand:** "
    return (
        marker
        + prefix
        + source_markdown(
            row["source_publisher"], row["source_title"], row["source_url"], row.get("source_published"), row["source_tier"]
        )
    )


def source_caption(row: pd.Series, prefix: str = "Source: ") -> None:
    """One source under what it supports, flagged when it is second-hand."""
    st.caption(source_caption_text(row, prefix))


def finding_lines(findings: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    """Each finding as (its kind in words and summary, its source caption): plain strings, cheap to reuse."""
    return tuple(
        (f"**{FINDING_KINDS.get(finding['kind'], finding['kind'])}:** {finding['summary']}", source_caption_text(finding))
        for _, finding in findings.iterrows()
    )


def findings_list(findings: pd.DataFrame | tuple[tuple[str, str], ...]) -> None:
    """Each finding with its kind in words and its source."""
    lines = finding_lines(findings) if isinstance(findings, pd.DataFrame) else findings
    for text, caption in lines:
        st.markdown(text)
        st.caption(caption)


@dataclass(frozen=True)
class AreaCard:
    """What one area's card shows, as plain strings (built once per process by dashboard.grade_cache)."""

    title: str
    badge: str
    figures: str | None
    findings: tuple[tuple[str, str], ...]
    show_findings_gap: bool


def area_card_content(area: pd.Series, findings: pd.DataFrame, figures: pd.DataFrame, show_findings_gap: bool) -> AreaCard:
    """One area's card content: its grade in words and colour, the latest related figures, its findings."""
    related = figures_for_theme(figures, area["theme_id"])
    lines = "**Latest related figures we hold:**\n" + "\n".join(f"- {figure_line(f)}" for _, f in related.iterrows())
    return AreaCard(
        title=f"##### {area['area_name']}",
        badge=grade_badge(area["grade"]),
        figures=None if related.empty else lines,
        findings=finding_lines(findings),
        show_findings_gap=show_findings_gap,
    )


def area_card(card: AreaCard) -> None:
    """One area: its grade in words and colour, the latest related figures, then its findings with sources."""
    with st.container(border=True):
        st.markdown(card.title)
        st.markdown(card.badge)
        if card.figures is not None:
            st.markdown(card.figures)
            st.caption("The latest we hold, which may be from before or after this inspection.")
        if card.findings:
            findings_list(card.findings)
        elif card.show_findings_gap:
            st.caption("We hold no published finding for this area.")

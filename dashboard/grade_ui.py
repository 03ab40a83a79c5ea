"""Streamlit pieces for the grade pages: cycle, area and peer-group choices bound to the URL, area cards, tables.

Each choice is a keyed widget kept in step with the URL by bound_to_url(): the URL sets the widget, and
the visitor's own change is written back to the URL at once.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
import streamlit as st

from dashboard.db import database_version
from dashboard.elements import csv_download, table
from dashboard.formatting import small
from dashboard.grade_views import (
    FINDING_KINDS,
    PEER_KINDS,
    AreaOptions,
    CycleChoice,
    PeerChoice,
    figure_line,
    figures_for_theme,
    resolve_cycle,
    resolve_peers,
)
from dashboard.grades import grade_badge
from dashboard.ui import row_source
from dashboard.url import keep_param
from queries import run_query


def _mark_picked(key: str) -> None:
    st.session_state[f"_{key}_picked"] = True


def bound_to_url(key: str, url_value: object) -> dict:
    """Widget arguments that keep a keyed widget in step with the URL: the URL sets it on every run except
    one the visitor's own change started (a keyless widget whose default follows the URL gets a new
    identity after each change, and the next click on it is lost)."""
    if not st.session_state.pop(f"_{key}_picked", False):
        st.session_state[key] = url_value
    return {"key": key, "on_change": _mark_picked, "args": (key,)}


def _last(values: list[str]) -> str | None:
    return values[-1] if values else None


# The choices below are resolved once per URL value and database file for the whole process: resolving
# them walked the cycles, forces and peer groups with pandas on every rerun. Results are read-only.
@lru_cache(maxsize=256)
def _cycle_choice(value: str | None, version: tuple) -> CycleChoice:
    return resolve_cycle(value, run_query("cycles"))


@lru_cache(maxsize=8)
def _cycle_names(version: tuple) -> dict[str, str]:
    cycles = run_query("cycles")
    return dict(zip(cycles["cycle_id"], cycles["name"]))


def cycle_picker() -> CycleChoice:
    """The inspection cycle, bound to ?cycle= (e.g. ?cycle=2021-22); a bad value falls back to the newest."""
    version = database_version()
    choice = _cycle_choice(_last(st.query_params.get_all("cycle")), version)
    if choice.notice:
        st.info(choice.notice, icon=":material/info:")
    names = _cycle_names(version)
    picked = st.radio(
        "Inspection cycle", list(names), format_func=names.get, horizontal=True, **bound_to_url("cycle_choice", choice.cycle_id)
    )
    if picked != choice.cycle_id:
        choice = _cycle_choice(picked, version)
    keep_param("cycle", choice.cycle_id)
    return choice


def area_picker(areas: AreaOptions) -> str:
    """One area of the cycle, bound to ?area=; a bad value falls back to the first area."""
    area_id, notice = areas.resolve(_last(st.query_params.get_all("area")))
    if notice:
        st.info(notice, icon=":material/info:")
    names = areas.names
    picked = st.selectbox("Area", list(names), format_func=names.get, **bound_to_url("area_choice", area_id))
    keep_param("area", picked)
    return picked


@lru_cache(maxsize=1024)
def _peer_choice(kind: str | None, chosen: tuple[str, ...], force_id: str, version: tuple) -> PeerChoice:
    groups = run_query("peer_groups", force_id=force_id)
    return resolve_peers(kind, list(chosen), force_id, run_query("forces"), groups)


@lru_cache(maxsize=128)
def _peer_options(force_id: str, version: tuple) -> tuple[tuple[str, ...], dict[str, str]]:
    """The group kinds this force can offer, and the short names of every other force."""
    forces = run_query("forces")
    has_group = not run_query("peer_groups", force_id=force_id).empty
    kinds = tuple(k for k in PEER_KINDS if k != "msg" or has_group)
    others = forces.loc[forces["force_id"] != force_id]
    return kinds, dict(zip(others["force_id"], others["short_name"]))


def peer_picker(force_id: str) -> PeerChoice:
    """The peer group, bound to ?peers=msg|region|custom and, for custom, ?with=essex,kent."""
    version = database_version()
    choice = _peer_choice(st.query_params.get("peers"), tuple(st.query_params.get_all("with")), force_id, version)
    if choice.notice:
        st.info(choice.notice, icon=":material/info:")
    kinds, short = _peer_options(force_id, version)
    picked = st.radio(
        "Compare with", kinds, format_func=PEER_KINDS.get, horizontal=True, **bound_to_url("peer_kind", choice.kind)
    )
    if picked == "custom":
        members = st.multiselect(
            "Forces to compare with",
            list(short),
            format_func=short.get,
            placeholder="Choose one or more forces",
            **bound_to_url("peer_with", list(choice.member_ids) if choice.kind == "custom" else []),
        )
        choice = _peer_choice("custom", (",".join(members),), force_id, version)
    elif picked != choice.kind:
        choice = _peer_choice(picked, (), force_id, version)
    keep_param("peers", choice.kind)
    if choice.kind == "custom" and choice.member_ids:
        keep_param("with", ",".join(choice.member_ids))
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
    return marker + prefix + row_source(row)


def finding_lines(findings: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    """Each finding as (its kind in words and summary, its source caption): plain strings, cheap to reuse."""
    return tuple(
        (f"**{FINDING_KINDS.get(finding['kind'], finding['kind'])}:** {finding['summary']}", source_caption_text(finding))
        for _, finding in findings.iterrows()
    )


def findings_markdown(lines: tuple[tuple[str, str], ...]) -> str:
    """Findings as markdown paragraphs: the kind and summary, then its source in small print on the next line."""
    return "\n\n".join(f"{text}  \n{small(caption)}" for text, caption in lines)


def area_card_content(area: pd.Series, findings: pd.DataFrame, figures: pd.DataFrame, show_findings_gap: bool) -> str:
    """One area's card as one markdown: its grade in words and colour, the latest related figures, its findings.

    Built once per process by dashboard.grade_cache; a horizontal rule closes the card.
    """
    parts = [f"##### {area['area_name']}", grade_badge(area["grade"])]
    related = figures_for_theme(figures, area["theme_id"])
    if not related.empty:
        parts.append("**Latest related figures we hold:**\n" + "\n".join(f"- {figure_line(f)}" for _, f in related.iterrows()))
        parts.append(small("The latest we hold, which may be from before or after this inspection."))
    if not findings.empty:
        parts.append(findings_markdown(finding_lines(findings)))
    elif show_findings_gap:
        parts.append(small("We hold no published finding for this area."))
    parts.append("---")
    return "\n\n".join(parts)


def area_cards(cards: tuple[str, ...]) -> None:
    """Every area's card (area_card_content) in a single markdown element: one message to the browser, not one per area."""
    st.markdown("\n\n".join(cards))

"""Streamlit pieces for the grade pages: cycle, area and peer-group choices bound to the URL, area cards, tables.

Each choice is a keyed widget kept in step with the URL by bound_to_url(): the URL sets the widget, and
the visitor's own change is written back to the URL at once.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.common.escape import markdown_join, md
from dashboard.common.lookups import cycle_names
from dashboard.grades.model import (
    PEER_KINDS,
    AreaOptions,
    CycleChoice,
    PeerChoice,
)
from dashboard.grades.views import cycle_choice, peer_choice, peer_options
from dashboard.web.elements import csv_download, table
from dashboard.web.url import bound_to_url, keep_param, url_list, url_value
from dashboard.web.widgets import section_heading


def cycle_picker() -> CycleChoice:
    """The inspection cycle, bound to ?cycle= (e.g. ?cycle=2021-22); a bad value falls back to the newest."""
    choice = cycle_choice(url_value("cycle"))
    if choice.notice:
        st.info(md(choice.notice), icon=":material/info:")
    names = cycle_names()
    picked = st.radio(  # a radio's options are markdown, so the names are escaped
        "Inspection cycle",
        list(names),
        format_func=lambda cycle_id: md(names[cycle_id]),
        horizontal=True,
        **bound_to_url("cycle_choice", choice.cycle_id),
    )
    if picked != choice.cycle_id:
        choice = cycle_choice(picked)
    keep_param("cycle", choice.cycle_id)
    return choice


def area_picker(areas: AreaOptions) -> str:
    """One area of the cycle, bound to ?area=; a bad value falls back to the first area."""
    area_id, notice = areas.resolve(url_value("area"))
    if notice:
        st.info(md(notice), icon=":material/info:")
    names = areas.names
    picked = st.selectbox("Area", list(names), format_func=names.get, **bound_to_url("area_choice", area_id))
    keep_param("area", picked)
    return picked


def peer_picker(force_id: str) -> PeerChoice:
    """The peer group, bound to ?peers=msg|region|custom and, for custom, ?with=essex,kent."""
    choice = peer_choice(url_value("peers"), url_list("with"), force_id)
    if choice.notice:
        st.info(md(choice.notice), icon=":material/info:")
    kinds, short = peer_options(force_id)
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
        choice = peer_choice("custom", (",".join(members),), force_id)
    elif picked != choice.kind:
        choice = peer_choice(picked, (), force_id)
    keep_param("peers", choice.kind)
    if choice.kind == "custom" and choice.member_ids:
        keep_param("with", ",".join(choice.member_ids))
    elif "with" in st.query_params:
        del st.query_params["with"]
    return choice


def table_block(
    summary: str, data: pd.DataFrame, file_name: str, key: str, heading: str = "", level: int = 2, **dataframe_options
) -> None:
    """A table with its plain-English summary (under its section's heading, if given, in the same element) and a CSV
    download of exactly the rows shown."""
    if heading:
        section_heading(heading, summary, level)
    else:
        st.markdown(md(summary))
    table(data, **dataframe_options)
    csv_download(data, "Download this table (CSV)", file_name, key=f"{key}_csv")


def area_cards(cards: tuple[str, ...]) -> None:
    """Every area's card (area_card_content) in a single markdown element: one message to the browser, not one per area."""
    st.markdown(markdown_join(cards))

"""Streamlit pieces for the 'About the data' page: filters bound to the page address."""

from __future__ import annotations

import streamlit as st

from dashboard.about.model.sources import (
    resolve_choice,
)
from dashboard.web.url import keep_param


def url_select(label: str, options: dict[str, str], param: str, what: str) -> str:
    """A select box whose choice lives in ?param=, so that a shared link reopens the same view."""
    values = list(options)
    choice = resolve_choice(st.query_params.get_all(param) or None, values, what, default=values[0])
    if choice.notice:
        st.info(choice.notice, icon=":material/info:")
    # No widget key: the index follows the address, so a shared link or the back button always wins.
    picked = st.selectbox(label, values, index=values.index(choice.value), format_func=options.get)
    if picked == values[0]:
        if param in st.query_params:
            del st.query_params[param]
    else:
        keep_param(param, picked)
    return picked

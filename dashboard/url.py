"""The page address: values written to it only when they change."""

from __future__ import annotations

import streamlit as st


def keep_param(name: str, value: str) -> None:
    """Write a value to the address only when it differs: every write is one more message to the browser."""
    if st.query_params.get_all(name) != [value]:
        st.query_params[name] = value

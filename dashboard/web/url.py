"""The page address: values written to it only when they change, and keyed widgets kept in step with it."""

from __future__ import annotations

import streamlit as st


def keep_param(name: str, value: str) -> None:
    """Write a value to the address only when it differs: every write is one more message to the browser."""
    if st.query_params.get_all(name) != [value]:
        st.query_params[name] = value


def _mark_picked(key: str) -> None:
    st.session_state[f"_{key}_picked"] = True


def bound_to_url(key: str, url_value: object) -> dict:
    """Widget arguments that keep a keyed widget in step with the URL: the URL sets it on every run except
    one the visitor's own change started (a keyless widget whose default follows the URL gets a new
    identity after each change, and the next click on it is lost)."""
    if not st.session_state.pop(f"_{key}_picked", False):
        st.session_state[key] = url_value
    return {"key": key, "on_change": _mark_picked, "args": (key,)}

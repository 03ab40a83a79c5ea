"""The page address: what a visitor typed, cut short before anything remembers it; values written to it only when they
change; and keyed widgets kept in step with it.

Every page reads the address through `url_value` and `url_list`: each choice is resolved by a cache keyed by the
value (dashboard/common/cache.py), so a script sending thousands of distinct, long values would otherwise fill
memory. A value longer than any name we match (80 characters) still falls back politely once cut.
"""

from __future__ import annotations

import streamlit as st

LONGEST_VALUE = 100  # characters kept of one value: any force, measure, period, cycle or date is far shorter
LONGEST_LIST = 1_000  # characters kept of a list (?forces=a,b): every place's id, all 46 of them, takes 565


def last_value(values: list[str]) -> str | None:
    """The last of a parameter's values (?force=a&force=b means b), cut to LONGEST_VALUE characters."""
    return values[-1][:LONGEST_VALUE] if values else None


def joined_values(values: list[str]) -> tuple[str, ...]:
    """A list parameter's values (?forces=a,b or ?forces=a&forces=b) as one comma-separated value of at most
    LONGEST_LIST characters, in a tuple (empty when the address has none)."""
    joined = ""
    for value in values:  # stops once full: a thousand repeats are not joined first and cut after
        joined = f"{joined},{value[:LONGEST_LIST]}" if joined else value[:LONGEST_LIST]
        if len(joined) >= LONGEST_LIST:
            break
    return (joined[:LONGEST_LIST],) if joined else ()


def url_value(name: str) -> str | None:
    """?name= as the visitor sent it, cut short (None when absent)."""
    return last_value(st.query_params.get_all(name))


def url_list(name: str) -> tuple[str, ...]:
    """?name=a,b (or repeated) as one value, cut short."""
    return joined_values(st.query_params.get_all(name))


def keep_param(name: str, value: str) -> None:
    """Write a value to the address only when it differs: every write is one more message to the browser."""
    if st.query_params.get_all(name) != [value]:
        st.query_params[name] = value


def _mark_picked(key: str) -> None:
    st.session_state[f"_{key}_picked"] = True


def bound_to_url(key: str, value: object) -> dict:
    """Widget arguments that keep a keyed widget in step with the URL: the URL sets it on every run except
    one the visitor's own change started (a keyless widget whose default follows the URL gets a new
    identity after each change, and the next click on it is lost)."""
    if not st.session_state.pop(f"_{key}_picked", False):
        st.session_state[key] = value
    return {"key": key, "on_change": _mark_picked, "args": (key,)}

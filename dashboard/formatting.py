"""How numbers, dates and sources are written for people: one place, so every page agrees."""

from __future__ import annotations

import math
from datetime import date, datetime

import pandas as pd


def is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT


def format_value(value: float, unit: str) -> str:
    if is_missing(value):
        return "not published"
    if unit.startswith("percent"):
        return f"{value:.1f}%"
    if unit == "seconds":
        return f"{value:.1f} seconds"
    if unit.startswith("percentage points"):
        return f"±{value:.2f} points"
    if unit == "GBP million":
        return f"£{value:,.1f} million"
    if float(value).is_integer():
        return f"{int(value):,} {unit}".strip()
    return f"{value:,.2f} {unit}".strip()


def format_date(value: object) -> str:
    if is_missing(value):
        return "date not recorded"
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, (datetime, pd.Timestamp)):
        value = value.date()
    return f"{value.day} {value:%B %Y}"


def tier_label(tier: str) -> str:
    return "primary source" if tier == "primary" else "second-hand source"


def compare_with_standard(value: float, standard: float, higher_is_better: bool | None, unit: str) -> str:
    """'below the 90% standard' or 'meeting the 90% standard'; empty when there is no standard."""
    if is_missing(value) or is_missing(standard) or higher_is_better is None or is_missing(higher_is_better):
        return ""
    target = f"{standard:g}%" if unit.startswith("percent") else format_value(standard, unit)
    meets = value >= standard if higher_is_better else value <= standard
    if meets:
        return f"meeting the {target} standard"
    return f"{'below' if higher_is_better else 'above'} the {target} standard"


def lower_first(text: str) -> str:
    """'The PCC's response' → 'the PCC's response': only the first letter, so names keep their capitals."""
    return text[:1].lower() + text[1:] if text else text


def small(text: str) -> str:
    """Caption-sized text inside one markdown element (Streamlit's :small[] directive), so a page sends one
    element where a paragraph and its caption would be two. Square brackets in the text must pair up, as the
    links source_markdown() writes do; a stray one is made round so it cannot end the directive early."""
    depth = 0
    kept = []
    for char in text:
        if char == "[":
            depth += 1
        elif char == "]":
            if depth == 0:
                char = ")"
            else:
                depth -= 1
        kept.append(char)
    if depth:  # an opening bracket never closed: make the unclosed ones round, from the right
        for index in range(len(kept) - 1, -1, -1):
            if depth and kept[index] == "[":
                kept[index] = "("
                depth -= 1
    return ":small[" + "".join(kept) + "]"

"""The key figures a meeting and a briefing pack show: a chart of the figures held over time, and its sentence.

Figures are sparse and come from different sources, so each is a separate point (never joined by a
line across a gap); metrics differ by marker shape as well as colour, so the chart prints in black and white.
"""

from __future__ import annotations

import pandas as pd

from dashboard.common.wording import citations, counted, figure_sentence, format_value, is_missing
from dashboard.performance.model.series import latest as newest


def figure_table(series: pd.DataFrame) -> pd.DataFrame:
    """The data behind a key-figure chart, in words."""
    return pd.DataFrame(
        {
            "Measure": series["metric_name"],
            "Period": series["period_label"],
            "Figure": [format_value(v, u) for v, u in zip(series["value"], series["unit"])],
            "Margin of error": series["ci_half_width"].map(lambda h: "" if is_missing(h) else f"±{h:g} points"),
            "Source": citations(series),
            "Kind of source": series["source_tier"].map({"primary": "primary source", "secondary": "second-hand source"}),
        }
    )


def figures_summary(force_name: str, series: pd.DataFrame, what: str) -> str:
    """'We hold 3 figures for Hertfordshire Constabulary on 999 calls, from 2022 to April 2024. The latest: …'"""
    dated = series.dropna(subset=["period_end"])
    if series.empty:
        return f"We hold no published figures for {force_name} on {what} for this date."
    parts = []
    for _, rows in series.groupby("metric_id", sort=False):
        latest = newest(rows)  # of undated figures only, the last given
        sentence = figure_sentence(force_name, latest)
        if latest["source_tier"] != "primary":
            sentence = sentence[:-1] + f", as reported by {latest['source_publisher']} (second-hand)."
        parts.append(sentence)
    earliest = ""
    if not dated.empty:
        first = dated.sort_values("period_end").iloc[0]["period_label"]
        earliest = f"; the earliest covers {first}"
    return f"We hold {counted(len(series), 'figure')} for {force_name} on {what}{earliest}. Latest: " + " ".join(parts)

"""Plain-English sentences generated from the same data the page shows.

Each sentence doubles as the text alternative of the chart or table it sits beside.
"""

from __future__ import annotations

import pandas as pd

from dashboard.formatting import compare_with_standard, format_date, format_value, is_missing
from dashboard.grades import GRADE_ORDER


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def grades_sentence(force_name: str, cycle_name: str, grades: pd.DataFrame) -> str:
    """'HMICFRS graded Hertfordshire Constabulary Good in 1 area, … Inadequate in 1 (Recording data about crime).'"""
    known = grades[grades["grade"].isin(GRADE_ORDER)]
    if known.empty:
        return f"We do not hold any {cycle_name} grades for {force_name}: no published source we found states them."
    parts = []
    for grade in GRADE_ORDER:
        areas = known.loc[known["grade"] == grade, "area_short_name"].tolist()
        if not areas:
            continue
        count = f"{len(areas)} area{'s' if len(areas) > 1 else ''}"
        named = f" ({_join(areas)})" if grade in ("Outstanding", "Inadequate") or len(areas) <= 2 else ""
        parts.append(f"{grade} in {count}{named}")
    published = known["published"].dropna()
    when = f" (published {format_date(published.iloc[0])})" if not published.empty else ""
    sentence = f"In its {cycle_name} inspection{when}, HMICFRS graded {force_name} {_join(parts)}."
    unknown = int((grades["grade"] == "Not known").sum())
    if unknown:
        sentence += f" The grade for {unknown} of {len(grades)} areas is not known to us."
    return sentence


def figure_sentence(force_name: str, figure: pd.Series) -> str:
    """'In April 2024 Hertfordshire answered 87.4% of 999 calls within 10 seconds, below the 90% standard.'"""
    value = format_value(figure["value"], figure["unit"])
    standard = compare_with_standard(figure["value"], figure["standard_value"], figure["higher_is_better"], figure["unit"])
    text = f"{figure['metric_name']} for {force_name}: {value} ({figure['period_label']})"
    if standard:
        text += f", {standard}"
    if not is_missing(figure.get("ci_half_width")):
        text += f" (an estimate, ±{figure['ci_half_width']:g} percentage points)"
    return text + "."


def overview_summary(force_name: str, cycle_name: str, grades: pd.DataFrame, figures: pd.DataFrame) -> str:
    sentences = [grades_sentence(force_name, cycle_name, grades)]
    for _, figure in figures.iterrows():
        if figure["metric_id"] in ("pct_999_answered_10s", "crime_recording_rate_pct"):
            sentence = figure_sentence(force_name, figure)
            if figure["source_tier"] != "primary":
                sentence = sentence[:-1] + f", as reported by {figure['source_publisher']}."
            sentences.append(sentence)
    return " ".join(sentences)

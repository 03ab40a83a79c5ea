"""The overview's words: its short answer, and the headline figure cards (value, period against its standard, source)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.common.escape import Markdown, markdown, markdown_join
from dashboard.common.scale import GRADE_ORDER
from dashboard.common.wording import (
    area_gaps,
    compare_with_standard,
    dated_label,
    format_value,
    is_missing,
    join_words,
    row_source,
)

LEAD_FIGURE = "pct_999_answered_10s"  # the figure with a national standard a resident asks about first


@dataclass(frozen=True)
class FigureCard:
    """One headline figure's words: its name, value, definition, period line and small print."""

    name: str
    value: str
    definition: str
    period: Markdown
    small_print: Markdown


def figure_card_text(figure: pd.Series, today: date) -> FigureCard:
    """A headline figure with its period, its age when old, its standard, and where it comes from, as the card shows them."""
    standard = compare_with_standard(figure["value"], figure["standard_value"], figure["higher_is_better"], figure["unit"])
    notes = []
    if not is_missing(figure["ci_half_width"]):
        notes.append(f"An estimate from an audit sample: ±{figure['ci_half_width']:g} percentage points.")
    if not is_missing(figure["numerator"]) and not is_missing(figure["denominator"]):
        notes.append(f"{figure['numerator']:,.0f} of {figure['denominator']:,.0f}")
    marker = "" if figure["source_tier"] == "primary" else "⚠️ **Second-hand:** "
    notes.append(markdown(marker + "Source: {}", row_source(figure)))
    period = markdown("**{}**", dated_label(figure["period_label"], figure["period_end"], today))
    return FigureCard(
        name=figure["metric_name"],
        value=format_value(figure["value"], figure["unit"]),
        definition=figure["definition"],
        period=markdown("{} — {}", period, standard) if standard else period,
        small_print=markdown_join(notes, "  \n"),
    )


def grades_in_brief(cycle_name: str, grades: pd.DataFrame, force_short_name: str) -> Markdown:
    """'**PEEL 2023-25 grades:** Good in 1 area, Adequate in 3, Requires improvement in 4 and Inadequate in 1.'"""
    known = grades[grades["grade"].isin(GRADE_ORDER)]
    if known.empty:
        return markdown(
            "**{} grades:** {}", cycle_name, f"none held for {force_short_name}; no published source we found states them."
        )
    counts = known["grade"].value_counts()
    parts = [f"{grade} in {counts[grade]}" for grade in GRADE_ORDER if counts.get(grade, 0)]
    parts[0] += " area" if parts[0].endswith(" 1") else " areas"
    return markdown(
        "**{} grades:** {}", cycle_name, f"{join_words(parts)}.{area_gaps(grades['grade'], grades['area_short_name'])}"
    )


def figure_in_brief(figures: pd.DataFrame, force_short_name: str, today: date) -> Markdown:
    """'**999 calls:** 87.4% answered within 10 seconds (April 2024), below the 90% standard.' or what is not known."""
    rows = figures[figures["metric_id"] == LEAD_FIGURE]
    if rows.empty:
        return markdown(
            "**999 calls:** {}", f"we hold no published figure for {force_short_name} on answering within 10 seconds."
        )
    figure = rows.iloc[0]
    value = format_value(figure["value"], figure["unit"])
    standard = compare_with_standard(figure["value"], figure["standard_value"], figure["higher_is_better"], figure["unit"])
    when = dated_label(figure["period_label"], figure["period_end"], today)
    second_hand = "" if figure["source_tier"] == "primary" else " Reported second-hand."
    return markdown(
        "**999 calls:** {}", f"{value} answered within 10 seconds ({when}){', ' + standard if standard else ''}.{second_hand}"
    )

"""The overview's headline figure cards in words: value, period against its standard, and where it comes from."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.common.wording import compare_with_standard, format_value, is_missing, row_source


@dataclass(frozen=True)
class FigureCard:
    """One headline figure's words: its name, value, definition, period line and small print."""

    name: str
    value: str
    definition: str
    period: str
    small_print: str


def figure_card_text(figure: pd.Series) -> FigureCard:
    """A headline figure with its period, its standard, and where it comes from, as the card shows them."""
    standard = compare_with_standard(figure["value"], figure["standard_value"], figure["higher_is_better"], figure["unit"])
    notes = []
    if not is_missing(figure["ci_half_width"]):
        notes.append(f"An estimate from an audit sample: ±{figure['ci_half_width']:g} percentage points.")
    if not is_missing(figure["numerator"]) and not is_missing(figure["denominator"]):
        notes.append(f"{figure['numerator']:,.0f} of {figure['denominator']:,.0f}")
    marker = "" if figure["source_tier"] == "primary" else "⚠️ **Second-hand:** "
    notes.append(f"{marker}Source: {row_source(figure)}")
    return FigureCard(
        name=figure["metric_name"],
        value=format_value(figure["value"], figure["unit"]),
        definition=figure["definition"],
        period=f"**{figure['period_label']}**" + (f" — {standard}" if standard else ""),
        small_print="  \n".join(notes),
    )

"""The overview's Streamlit pieces: the headline figures as a row of cards."""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.overview.model import FigureCard
from dashboard.web.widgets import card_markdown, card_row

FIGURE_CARD_WIDTH = 400  # pixels: two to a row beside the menu on a laptop; on a phone a card is as wide as the screen


def figure_cards(cards: Sequence[FigureCard]) -> None:
    """Each headline figure in a bordered card: its name, the number large, its period, the small print, its definition."""
    card_row(
        [card_markdown(c.value, c.period, c.small_print, name=c.name, definition=c.definition) for c in cards],
        "headline",
        FIGURE_CARD_WIDTH,
    )

"""The overview's Streamlit pieces: a headline figure as a card."""

from __future__ import annotations

import streamlit as st

from dashboard.common.wording import small
from dashboard.overview.model import FigureCard

FIGURE_CARD_WIDTH = 400  # pixels: two to a row beside the menu on a laptop; on a phone a card is as wide as the screen


def figure_card(card: FigureCard) -> None:
    """One headline figure in a bordered card: the number large, then its period, then the small print."""
    with st.container(border=True, width=FIGURE_CARD_WIDTH):
        st.metric(card.name, card.value, help=card.definition)
        st.markdown(f"{card.period}  \n{small(card.small_print)}")

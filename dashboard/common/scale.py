"""The five-point PEEL scale, its order and its colours: one mapping used by every page and chart.

Colour is never the only cue: every use of these colours also prints the grade in words.
"""

from __future__ import annotations

from dashboard.common.escape import Markdown, markdown

GRADE_ORDER = ("Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate")
NOT_A_GRADE = ("Not graded", "Not known")
# What each gap means, wherever a gap is explained (the all-forces key, the scorecard's list of gaps).
NOT_A_GRADE_MEANING = {
    "Not known": "no published source we found states the grade",
    "Not graded": "the inspectorate did not grade that area for that force",
    "Not yet published": "published after the “data as at” date",  # queries/grades_as_at.sql
}
# How a grade is known, in words: the evidence codes of data/grades.csv are never shown as they are.
EVIDENCE_LABEL = {
    "stated": "Stated by the source",
    "derived": "Worked out from published counts and the areas named",
    "probable only": "Not known (only a likely grade was found)",
    "not found": "Not known (no source found)",
}

# Streamlit badge colours for text, and matching fills for charts (dark text stays readable on each).
BADGE_COLOUR = {
    "Outstanding": "blue",
    "Good": "green",
    "Adequate": "yellow",
    "Requires improvement": "orange",
    "Inadequate": "red",
    "Not graded": "gray",
    "Not known": "gray",
}
FILL_COLOUR = {
    "Outstanding": "#9cc3f5",
    "Good": "#a8dcb2",
    "Adequate": "#fbe38e",
    "Requires improvement": "#f8c08c",
    "Inadequate": "#f4a3a3",
    "Not graded": "#e3e3e3",
    "Not known": "#ffffff",
}
# A symbol per grade so that grades differ in shape too (for charts and black-and-white print).
SYMBOL = {
    "Outstanding": "★★",
    "Good": "★",
    "Adequate": "●",
    "Requires improvement": "▲",
    "Inadequate": "✖",
    "Not graded": "–",
    "Not known": "?",
}


def grade_badge(grade: str) -> Markdown:
    """Markdown for a coloured badge that carries the grade in words."""
    return markdown(f":{BADGE_COLOUR.get(grade, 'gray')}-badge[{{}} {{}}]", SYMBOL.get(grade, ""), grade)


def grade_heading(grade: str) -> Markdown:
    """Markdown for a grade on a coloured background that wraps rather than truncates in narrow columns."""
    return markdown(f":{BADGE_COLOUR.get(grade, 'gray')}-background[{{}} {{}}]", SYMBOL.get(grade, ""), grade)

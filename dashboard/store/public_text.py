"""What public text must not look like: source titles made from web addresses, and back-office notes.

Used by the build (dashboard/store/tables.py rejects such a title or public note, naming file, row and column)
and by the tests over every row the display queries return. Pure: no Streamlit, no database.
"""

from __future__ import annotations

import re

# A title that is a web-address slug, a file name, a bare number or an identifier, not a headline.
_SLUG_PATTERNS = (
    (re.compile(r"^\s*[\d\s.,:/-]*\d[\d\s.,:/-]*$"), "a bare number"),
    (re.compile(r"\.(csv|xlsx?|ods|pdf|html?|php|aspx?|json|txt)\b", re.IGNORECASE), "a file name"),
    (re.compile(r"^[\w.-]+\.(co\.uk|com|org|net|uk|gov\.uk|info|news|today|network|wales)\.?$", re.IGNORECASE), "a web address"),
    (re.compile(r"^(article|page|item|post|node|p)\s*\d+$", re.IGNORECASE), "a page number"),
    (re.compile(r"^[A-Za-z]?\d*[a-z]+\d+[a-z\d]*$"), "an article code"),
    (re.compile(r"^[a-z0-9]+([-_][a-z0-9]+)+$"), "a slug"),
    (re.compile(r"^\."), "a slug (starts with a full stop)"),
    (re.compile(r"\bNone\b"), "the word None"),
    (re.compile(r"\s\d$"), "a slug (ends in a stray digit)"),
)


def title_problem(title: str) -> str | None:
    """Why a title reads as a slug, file name or number; None when it reads as a title."""
    text = (title or "").strip()
    if len(text) < 8:
        return f"'{text}' is too short to be a title"
    for pattern, what in _SLUG_PATTERNS:
        if pattern.search(text):
            return (
                f"'{text}' looks like {what}, not a title; give the publisher's headline or 'Publisher, kind of document, date'"
            )
    return None


# Back-office wording that belongs in curation notes, never on a page.
BACK_OFFICE = re.compile(
    r"\[(?:stated|derived|probable|not found|pass \d)\]"  # research tags
    r"|\bnot seen\b|\bUNCERTAIN\b|\bNOT (?:FOUND|stated)\b|\bsee NOTES\b"
    r"|\b[a-z]+(?:_[a-z0-9]+)+\b"  # identifiers such as crime_recording_rate_pct
    r"|\b(?:AFIs?|NCRS|HOCR|CDI|MSG|PRC|CMA|FTE|TVP|GMP|YE|HO|PA|RI|CI|pp)\b"  # unexplained acronyms
    r"|>=|<=|\+/-|E&W"
    r"|https?://"
    r"|\b(?:hertfordshire|wales|england|scotland)\b",  # place names lower-cased
)


def back_office_phrases(text: str | None) -> list[str]:
    """The back-office fragments in a piece of public text (empty when it reads as plain words)."""
    if not text:
        return []
    return [m.group(0) for m in BACK_OFFICE.finditer(text)]

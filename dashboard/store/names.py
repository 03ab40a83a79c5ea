"""How names are matched: one normal form for force names, aliases, slugs and column headers typed by people."""

from __future__ import annotations

import re


def normalise(text: str) -> str:
    """'Avon & Somerset Constabulary' -> 'avon-and-somerset-constabulary'."""
    text = text.casefold().replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")

"""Tolerant column-header matching: case, spacing, % signs, 'under'/'within', footnote markers.

Headers are reduced to word tokens with common synonyms made equal, so that "% Answered Under 10s"
and "Percentage of calls answered within 10 seconds" read the same; each importer then says which
tokens make which field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

_NOTE_MARKER = re.compile(r"\[(?:note|notes)\s*[\d, ]+\]|\((?:note|notes)\s*[\d, ]+\)", re.IGNORECASE)
_SYNONYMS = {
    "percentage": "percent",
    "pct": "percent",
    "proportion": "percent",
    "share": "percent",
    "rate": "percent",
    "under": "within",
    "less": "within",
    "below": "within",
    "inside": "within",
    "more": "over",
    "above": "over",
    "after": "over",
    "longer": "over",
    "greater": "over",
    "average": "mean",
    "avg": "mean",
    "s": "seconds",
    "sec": "seconds",
    "secs": "seconds",
    "second": "seconds",
    "call": "calls",
    "no": "number",
    "count": "number",
    "forces": "force",
    "months": "month",
}


def normalise_space(text: object) -> str:
    """'Total recorded crime  (excluding fraud) [note 3]' → 'total recorded crime (excluding fraud)'."""
    cleaned = _NOTE_MARKER.sub(" ", str(text or "")).replace("\ufeff", "").replace("\xa0", " ")
    return re.sub(r"\s+", " ", cleaned).strip().casefold()


def header_tokens(text: object) -> frozenset[str]:
    """The words and numbers of a header, with synonyms made equal and symbols spelt out."""
    lowered = normalise_space(text)
    lowered = lowered.replace("%", " percent ").replace("<", " within ").replace(">", " over ").replace("+", " over ")
    lowered = lowered.replace("&", " and ")
    words = re.findall(r"[a-z]+|\d+", lowered)
    return frozenset(_SYNONYMS.get(word, word) for word in words)


@dataclass
class ColumnMap:
    """Which column holds which field, and which columns could not be matched."""

    found: dict[str, int] = field(default_factory=dict)  # field → column index
    headers: list[str] = field(default_factory=list)
    unmapped: list[int] = field(default_factory=list)
    clashes: list[tuple[str, int, int]] = field(default_factory=list)  # field, first column, second column

    def header(self, name: str) -> str:
        return self.headers[self.found[name]]


def map_columns(headers: list[str], classify: Callable[[frozenset[str], str], str | None]) -> ColumnMap:
    """Match every header to a field with `classify(tokens, raw_header)`; blank headers are skipped."""
    result = ColumnMap(headers=[str(h or "").strip() for h in headers])
    for index, raw in enumerate(result.headers):
        if not raw:
            continue
        name = classify(header_tokens(raw), raw)
        if name is None:
            result.unmapped.append(index)
        elif name in result.found:
            result.clashes.append((name, result.found[name], index))
        else:
            result.found[name] = index
    return result

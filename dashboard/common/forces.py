"""Turn whatever arrives in ?force= into one of the 43 forces, politely."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.common.wording import last_given, readable_echo
from dashboard.store.names import normalise

DEFAULT_FORCE_ID = "hertfordshire"
_LONGEST_SENSIBLE_NAME = 80


@dataclass(frozen=True)
class ForceChoice:
    force_id: str
    short_name: str
    name: str
    notice: str | None = None  # shown to the visitor when their value could not be used


def force_lookup(forces: pd.DataFrame) -> dict[str, str]:
    """Every way a force or place is named (slug, short name, official name, alias), normalised, to its slug."""
    lookup: dict[str, str] = {}
    for row in forces.itertuples():
        for name in (row.force_id, row.short_name, row.name, *list(row.aliases)):
            lookup.setdefault(normalise(name), row.force_id)
    return lookup


def most_similar_group(force_id: str, peer_groups: pd.DataFrame) -> pd.DataFrame:
    """The force's published most similar group (the first that queries/peer_groups.sql lists), without the force
    itself: the peers the grades and the figures pages compare it with by default. Empty when none is held."""
    if peer_groups.empty:
        return peer_groups
    group = peer_groups[peer_groups["group_id"] == peer_groups["group_id"].iloc[0]]
    return group[group["member_force_id"] != force_id]


def region_neighbours(force_id: str, forces: pd.DataFrame) -> pd.DataFrame:
    """The other forces in the force's region, by short name: the peers when it has no most similar group."""
    region = forces.loc[forces["force_id"] == force_id, "region"]
    if region.empty or region.isna().iloc[0]:
        return forces.iloc[0:0]
    same = forces[(forces["region"] == region.iloc[0]) & (forces["force_id"] != force_id)]
    return same.sort_values("short_name")


def resolve_force(value: object, forces: pd.DataFrame, default: str = DEFAULT_FORCE_ID) -> ForceChoice:
    """Match a slug, short name, official name or alias, case-insensitively; else fall back."""
    lookup = force_lookup(forces)
    by_id = forces.set_index("force_id")

    def choice(force_id: str, notice: str | None = None) -> ForceChoice:
        row = by_id.loc[force_id]
        return ForceChoice(force_id, row["short_name"], row["name"], notice)

    value = last_given(value)
    if value is None or value == "":
        return choice(default)
    text = str(value)
    if len(text) <= _LONGEST_SENSIBLE_NAME:
        found = lookup.get(normalise(text))
        if found:
            return choice(found)
    fallback = by_id.loc[default, "short_name"]
    return choice(
        default,
        f"We could not find a police force called “{readable_echo(text)}”, so we are showing {fallback}. "
        "Choose another force from the list.",
    )

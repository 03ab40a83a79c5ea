"""The metric explorer's state in the page address (?metric=&forces=&period=), read politely.

Whatever arrives is matched against what exists; anything that does not match falls back to a default
with a short note saying what was not understood. Nothing from the address reaches SQL except as a bound value.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.common.forces import force_lookup
from dashboard.common.wording import readable_echo
from dashboard.store.names import normalise

DEFAULT_METRIC_ID = "pct_999_answered_10s"
MAX_PLACES = 60
_LONGEST_SENSIBLE_VALUE = 80


@dataclass(frozen=True)
class Resolved:
    value: object
    notice: str | None = None


def resolve_metric(value: str | None, coverage: pd.DataFrame, default: str = DEFAULT_METRIC_ID) -> Resolved:
    """A metric id or name from the address, else the 999 measure (or the first metric held)."""
    lookup = {}
    for row in coverage.itertuples():
        lookup.setdefault(normalise(row.metric_id), row.metric_id)
        lookup.setdefault(normalise(row.name), row.metric_id)
    fallback = default if default in set(coverage["metric_id"]) else coverage["metric_id"].iloc[0]
    if not value:
        return Resolved(fallback)
    if len(value) <= _LONGEST_SENSIBLE_VALUE and normalise(value) in lookup:
        return Resolved(lookup[normalise(value)])
    name = coverage.set_index("metric_id").loc[fallback, "name"]
    return Resolved(fallback, f"We could not find a measure called “{readable_echo(value)}”, so we are showing {name}.")


def split_places(values: list[str]) -> list[str]:
    """?forces=a,b and ?forces=a&forces=b both mean [a, b]."""
    parts = [p.strip() for v in values for p in str(v).split(",")]
    return [p for p in parts if p][:MAX_PLACES]


def resolve_places(values: list[str], places: pd.DataFrame, default: list[str]) -> Resolved:
    """Places named in the address (slugs, names or aliases), in order, without repeats; else the default."""
    lookup = force_lookup(places)
    wanted = split_places(values)
    if not wanted:
        return Resolved(tuple(default))
    found: list[str] = []
    unknown: list[str] = []
    for item in wanted:
        match = lookup.get(normalise(item)) if len(item) <= _LONGEST_SENSIBLE_VALUE else None
        if match is None:
            unknown.append(readable_echo(item))
        elif match not in found:
            found.append(match)
    notice = None
    if unknown:
        notice = f"We could not find {'a place' if len(unknown) == 1 else 'places'} called " + ", ".join(
            f"“{u}”" for u in unknown[:5]
        )
        notice += ", so we left it out." if len(unknown) == 1 else ", so we left them out."
    if not found:
        notice = (notice or "") + " We are showing the usual comparison instead."
        return Resolved(tuple(default), notice.strip())
    return Resolved(tuple(found), notice)


def period_slug(label: str) -> str:
    """'November 2023' -> 'november-2023', readable in an address."""
    return normalise(label)


def periods_for(points: pd.DataFrame) -> pd.DataFrame:
    """Every period a metric has figures for, newest first, with how many forces have one (periods not stated last)."""
    if points.empty:
        return pd.DataFrame(columns=["period_label", "period_start", "period_end", "force_count", "place_count"])
    grouped = points.groupby("period_label", dropna=False).agg(
        period_start=("period_start", "min"),
        period_end=("period_end", "max"),
        force_count=("place_kind", lambda kinds: int((kinds == "force").sum())),
        place_count=("force_id", "nunique"),
    )
    grouped = grouped.reset_index()
    return grouped.sort_values(["period_end", "period_label"], ascending=[False, True], na_position="last").reset_index(drop=True)


def default_period(periods: pd.DataFrame) -> str | None:
    """The period most forces have a figure for (the fullest ranking); the newest such period on a tie."""
    if periods.empty:
        return None
    best = periods.sort_values(["force_count", "period_end"], ascending=[False, False], na_position="last")
    return best["period_label"].iloc[0]


def resolve_period(value: str | None, periods: pd.DataFrame) -> Resolved:
    """A period from the address (its label, in any case or spacing), else the default period."""
    fallback = default_period(periods)
    if not value:
        return Resolved(fallback)
    by_slug = {period_slug(label): label for label in periods["period_label"]}
    if len(value) <= _LONGEST_SENSIBLE_VALUE and period_slug(value) in by_slug:
        return Resolved(by_slug[period_slug(value)])
    if fallback is None:
        return Resolved(None, f"We hold no figures for a period called “{readable_echo(value)}”.")
    return Resolved(
        fallback,
        f"We hold no figures for this measure for a period called “{readable_echo(value)}”, so we are showing {fallback}.",
    )

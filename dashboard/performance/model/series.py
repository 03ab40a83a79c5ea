"""Published figures over time for the theme pages and the explorer: who to compare with, and what it says.

Pure functions on the frames that queries/metric_series.sql returns. Nothing here fills a gap or computes a
figure that was not published, except differences between two published figures, always shown with both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from dashboard.common.escape import Markdown, markdown
from dashboard.common.forces import most_similar_group, region_neighbours
from dashboard.common.wording import (
    as_date,
    citations,
    compare_with_standard,
    counted,
    dated_label,
    format_value,
    is_missing,
    join_words,
    lower_first,
    range_text,
    tier_label,
)
from dashboard.performance.model.spc import is_calendar_month, month_index
from dashboard.store.periods import describe_period

ENGLAND_AND_WALES = "england-and-wales"
UNITED_KINGDOM = "united-kingdom"
NATIONAL_IDS = (ENGLAND_AND_WALES, UNITED_KINGDOM)

CALL_METRICS = ("pct_999_answered_10s", "calls_999", "mean_999_answer_seconds", "pct_101_answered_90s")
RECORDING_METRICS = ("crime_recording_rate_pct", "crime_recording_rate_violence_pct", "crime_recording_rate_sexual_pct")
OUTCOME_METRICS = ("recorded_crime_total", "recorded_crime_rate_per_1000", "charge_rate_pct")

ROLE_ORDER = ("chosen", "england_and_wales", "united_kingdom", "peer", "selected", "outside_england_and_wales")
ROLE_LABEL = {
    "england_and_wales": "England and Wales",
    "united_kingdom": "United Kingdom (includes Police Scotland)",
    "outside_england_and_wales": "Police Scotland (not in England and Wales)",
}

# How a figure reads in a sentence; {value} is formatted with its unit, {number} without, {decimal} to one place.
PHRASES = {
    "pct_999_answered_10s": "{place} answered {value} of 999 calls within 10 seconds",
    "pct_101_answered_90s": "{place} answered {value} of 101 calls within 90 seconds",
    "calls_999": "{place} received {number} 999 calls",
    "mean_999_answer_seconds": "{place} took {value} on average to answer a 999 call",
    "crime_recording_rate_pct": "the inspectorate estimated that {place} recorded {value} of the crimes it should have",
    "crime_recording_rate_violence_pct": "the inspectorate estimated that {place} recorded {value} of the violent crimes "
    "it should have",
    "crime_recording_rate_sexual_pct": "the inspectorate estimated that {place} recorded {value} of the sexual offences "
    "it should have",
    "recorded_crime_total": "{place} recorded {number} crimes",
    "recorded_crime_rate_per_1000": "{place} recorded {decimal} crimes per 1,000 people",
    "charge_rate_pct": "{value} of the crimes {place} recorded ended in a charge or summons",
}


@dataclass(frozen=True)
class Comparison:
    """The chosen force and the places it is compared with."""

    force_id: str
    force_name: str
    peer_ids: tuple[str, ...]
    peer_names: dict[str, str] = field(default_factory=dict)
    peer_label: str = "Peer forces"
    basis: str = ""  # a sentence saying who the peers are and why

    @property
    def place_ids(self) -> list[str]:
        return [self.force_id, *self.peer_ids, *NATIONAL_IDS]


def comparison_for(force_id: str, forces: pd.DataFrame, peer_groups: pd.DataFrame) -> Comparison:
    """Peers are the force's published most similar group; without one, the other forces in its region."""
    by_id = forces.set_index("force_id")
    name = by_id.loc[force_id, "short_name"]
    members = most_similar_group(force_id, peer_groups)
    if not peer_groups.empty:
        group_name = peer_groups["group_name"].iloc[0]
        return Comparison(
            force_id,
            name,
            tuple(members["member_force_id"]),
            dict(zip(members["member_force_id"], members["member_short_name"])),
            "Most similar forces",
            f"{name} is compared with its {lower_first(group_name)}: {join_words(list(members['member_short_name']))}.",
        )
    region = by_id.loc[force_id, "region"]
    if is_missing(region):
        return Comparison(force_id, name, (), {}, "Peer forces", f"We hold no peer group or region for {name}.")
    same = region_neighbours(force_id, forces)
    if same.empty:
        return Comparison(
            force_id,
            name,
            (),
            {},
            "Peer forces",
            f"We hold no most similar group for {name}, and no other force in {region_name(region)}.",
        )
    return Comparison(
        force_id,
        name,
        tuple(same["force_id"]),
        dict(zip(same["force_id"], same["short_name"])),
        f"Other forces in {region_name(region)}",
        f"We hold no published most similar group for {name}, so it is compared with the other forces in "
        f"{region_name(region)}: {join_words(list(same['short_name']))}.",
    )


def comparison_of_selection(force_id: str, places: pd.DataFrame, picked: list[str]) -> Comparison:
    """In the explorer, the chosen force is compared with whichever other forces the reader picked."""
    names = dict(zip(places["force_id"], places["short_name"]))
    kinds = dict(zip(places["force_id"], places["kind"]))
    others = tuple(p for p in picked if p != force_id and kinds.get(p) == "force")
    return Comparison(force_id, names[force_id], others, {p: names[p] for p in others}, "Other forces chosen", "")


def region_name(region: str) -> str:
    return region if region in ("Wales", "London") else f"the {region}"


def is_comparable_between_places(unit: str) -> bool:
    """Shares, rates and times can be set side by side; raw counts depend on a force's size, so they cannot."""
    return unit.startswith("percent") or unit.startswith("per ") or unit == "seconds"


def period_months(start: object, end: object) -> int | None:
    """Whole calendar months a period covers, or None when it is not a run of whole months."""
    if is_missing(start) or is_missing(end) or pd.isna(start) or pd.isna(end):
        return None
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if start.day != 1 or end.day != end.days_in_month:
        return None
    return month_index(end) - month_index(start) + 1


def length_words(months: int | None) -> str:
    if months is None:
        return "a period not stated in full"
    if months == 1:
        return "one month"
    return f"{months} months"


def value_text(value: float, unit: str) -> str:
    """Like format_value, but rates per 1,000 read as '52.0 per 1,000 people'."""
    if not is_missing(value) and unit.startswith("per 1,000"):
        return f"{value:,.1f} per 1,000 people"
    return format_value(value, unit)


def number_text(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def counts_text(row: pd.Series) -> str:
    """'12,118 of 14,551' where both counts were published, else what was."""
    numerator, denominator = row.get("numerator"), row.get("denominator")
    if not is_missing(numerator) and not is_missing(denominator):
        return f"{numerator:,.0f} of {denominator:,.0f}"
    if not is_missing(numerator):
        return f"{numerator:,.0f} (total not published)"
    if not is_missing(denominator):
        return f"out of {denominator:,.0f}"
    return "not published"


def shape_points(series: pd.DataFrame, metric_id: str, chosen_id: str, peer_ids: tuple[str, ...] = ()) -> pd.DataFrame:
    """One metric's figures with each place's role, its period length and where it sits on a time axis."""
    frame = series[series["metric_id"] == metric_id].copy()

    def role(row: pd.Series) -> str:
        if row["force_id"] == chosen_id:
            return "chosen"
        if row["place_kind"] != "force":
            return row["place_kind"]
        return "peer" if row["force_id"] in peer_ids else "selected"

    frame["role"] = [role(r) for _, r in frame.iterrows()] if not frame.empty else []
    frame["role_order"] = frame["role"].map(ROLE_ORDER.index)
    for column in ("period_start", "period_end"):
        frame[column] = pd.to_datetime(frame[column])
    months = [period_months(s, e) for s, e in zip(frame["period_start"], frame["period_end"])]
    frame["months"] = pd.Series(months, index=frame.index, dtype="object")
    frame["is_month"] = [is_calendar_month(s, e) for s, e in zip(frame["period_start"], frame["period_end"])]
    # A figure is drawn at the end of the period it covers; a figure with no dates cannot be drawn.
    frame["plotted_at"] = frame["period_end"].fillna(frame["period_start"])
    frame["tier_label"] = frame["source_tier"].map(tier_label)
    return frame.sort_values(["role_order", "place_short_name", "plotted_at"], na_position="last").reset_index(drop=True)


def undated(points: pd.DataFrame) -> pd.DataFrame:
    return points[points["plotted_at"].isna()]


def latest(points: pd.DataFrame) -> pd.Series | None:
    """The most recent dated figure (a figure with no stated period is never the latest when a dated one exists)."""
    if points.empty:
        return None
    ordered = points.sort_values(["period_end", "period_start"], na_position="first")
    return ordered.iloc[-1]


def period_phrase(label: str, start: object, end: object) -> str | None:
    """'In April 2024', 'In the year to March 2023', … or None when the period is not a plain date range."""
    has_dates = not (is_missing(start) or pd.isna(start)) or not (is_missing(end) or pd.isna(end))
    if not has_dates:
        return None
    generated = describe_period(as_date(start), as_date(end))
    if label != generated:
        return None
    if re.fullmatch(r"[A-Z][a-z]+ \d{4}|\d{4}", label):
        return f"In {label}"
    if label.startswith(("Year to", "12 months to", "Period ending")):
        return f"In the {lower_first(label)}"
    if label.startswith("From"):
        return label
    return f"From {label}"


def headline_sentence(place: str, metric: pd.Series, point: pd.Series) -> str:
    """'In April 2024 Hertfordshire answered 87.4% of 999 calls within 10 seconds, below the 90% standard.'"""
    template = PHRASES.get(metric["metric_id"], "{metric} for {place} was {value}")
    body = template.format(
        place=place,
        value=value_text(point["value"], metric["unit"]),
        number=number_text(point["value"]),
        decimal=f"{point['value']:,.1f}",
        metric=metric["name"],
    )
    counts = counts_text(point)
    if counts != "not published" and metric["unit"].startswith("percent"):
        body += f" ({counts})"
    when = period_phrase(point["period_label"], point["period_start"], point["period_end"])
    if when:
        sentence = f"{when} {body}"
    else:
        sentence = f"{body[0].upper()}{body[1:]}, for the period “{point['period_label']}”"
    extras = []
    standard = compare_with_standard(point["value"], metric["standard_value"], metric["higher_is_better"], metric["unit"])
    if standard:
        extras.append(standard)
    if not is_missing(point.get("ci_half_width")):
        extras.append(f"an estimate with a margin of error of ±{point['ci_half_width']:g} percentage points")
    if extras:
        sentence += ", " + ", ".join(extras)
    sentence += "."
    if point["source_tier"] != "primary":
        sentence += f" This figure is second-hand: {point['source_publisher']} reported it."
    return sentence


def change_sentence(points: pd.DataFrame, metric: pd.Series) -> str | None:
    """The latest figure against the most recent earlier one it can fairly be set beside, with both bases.

    Periods must not overlap; counts must also cover periods of the same length.
    """
    dated = points.dropna(subset=["period_end"])
    newest = latest(dated)
    if newest is None:
        return None
    # An earlier figure must end before the newest one starts: overlapping periods share the same events.
    newest_start = newest["period_end"] if pd.isna(newest["period_start"]) else newest["period_start"]
    candidates = dated[dated["period_end"] < newest_start]
    if not is_comparable_between_places(metric["unit"]):
        same_length = [m is not None and m == newest["months"] for m in candidates["months"]]
        candidates = candidates[same_length]
    earlier = latest(candidates)
    if earlier is None:
        return None
    unit = metric["unit"]
    difference = newest["value"] - earlier["value"]

    def described(point: pd.Series) -> str:
        text = f"{value_text(point['value'], unit)} in {_lower_period(point)}"
        extra = []
        if unit.startswith("percent"):
            extra.append(counts_text(point) if counts_text(point) != "not published" else "counts not published")
        if not is_missing(point.get("ci_half_width")):
            extra.append(f"±{point['ci_half_width']:g}")
        return text + (f" ({', '.join(extra)})" if extra else "")

    if difference == 0:
        movement = "no change"
    elif unit.startswith("percent"):
        movement = f"{'up' if difference > 0 else 'down'} {abs(difference):.1f} percentage points"
    else:
        change = f"{'up' if difference > 0 else 'down'} {value_text(abs(difference), unit)}"
        if earlier["value"]:
            change += f" ({abs(difference) / earlier['value']:.1%} {'higher' if difference > 0 else 'lower'})"
        movement = change
    sentence = f"{described(newest)} vs {described(earlier)}: {movement}."
    both_ci = not is_missing(newest.get("ci_half_width")) and not is_missing(earlier.get("ci_half_width"))
    if both_ci:
        apart = abs(difference) > newest["ci_half_width"] + earlier["ci_half_width"]
        sentence += (
            " The two estimates' margins of error do not overlap."
            if apart
            else " The two estimates' margins of error overlap, so the change may be chance."
        )
    elif not is_missing(newest.get("ci_half_width")) or not is_missing(earlier.get("ci_half_width")):
        sentence += (
            " Only one of the two estimates has a published margin of error, "
            "so we cannot say whether the change is more than chance."
        )
    if newest["months"] != earlier["months"]:
        lengths = f"{length_words(newest['months'])} and {length_words(earlier['months'])}"
        sentence += f" The two figures cover periods of different lengths ({lengths})."
    return sentence


def _lower_period(point: pd.Series) -> str:
    """'the year to March 2023', 'April 2024', or a quoted label for periods the source described in words."""
    label = point["period_label"]
    if period_phrase(label, point["period_start"], point["period_end"]) is None:
        return f"“{label}”"
    if label.startswith(("Year to", "Period ending")):
        return f"the {lower_first(label)}"
    if label.startswith("12 months to"):
        return f"the {label}"
    if label.startswith("From"):  # a figure with a start and no end: 'in the period from 1 April 2024'
        return f"the period {lower_first(label)}"
    return label


def _bounds(point: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first and last day a figure covers (a figure with one date covers that day); None when it has no date."""
    start, end = point.get("period_start"), point.get("period_end")
    start = None if is_missing(start) or pd.isna(start) else pd.Timestamp(start)
    end = None if is_missing(end) or pd.isna(end) else pd.Timestamp(end)
    if start is None and end is None:
        return None
    return (start or end, end or start)


def periods_overlap(first: pd.Series, second: pd.Series) -> bool:
    """Whether two figures cover at least one day in common: only then are they set side by side as like with like."""
    a, b = _bounds(first), _bounds(second)
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


def how_far_apart(anchor: pd.Series, other: pd.Series) -> str:
    """'two years earlier', '5 months later': how far the other figure's period ends from the anchor's (whole months,
    rounded down); '' when either has no date."""
    a, b = _bounds(anchor), _bounds(other)
    if a is None or b is None:
        return ""
    months = (a[1].year - b[1].year) * 12 + a[1].month - b[1].month
    direction = "earlier" if months > 0 else "later"
    months = abs(months)
    if months < 12:
        return f"{months} month{'s' if months != 1 else ''} {direction}" if months else "in the same month"
    years = months // 12
    count = "a year" if years == 1 else f"{NUMBER_WORDS[years] if years < len(NUMBER_WORDS) else years} years"
    return f"{count} {direction}"


@dataclass(frozen=True)
class Beside:
    """What can be set beside a figure from another place: its figure for a period that matches or overlaps, or else
    its latest with how far apart the two periods are, or nothing held."""

    figure: pd.Series | None
    same_period: bool = False
    apart: str = ""  # '' when the periods match or overlap, or when a date is missing

    def words(self, place: str, unit: str, anchor_label: str, joiner: str = ": ") -> str:
        """'England and Wales: 92.4% for the year to March 2022, two years earlier' (or just the value and, where the
        label differs, its period)."""
        if self.figure is None:
            return f"{place}{joiner}not held"
        text = f"{place}{joiner}{value_text(self.figure['value'], unit)}"
        if self.same_period and self.figure["period_label"] == anchor_label:
            return text
        text += f" for {_lower_period(self.figure)}"
        if self.same_period:
            return text + " (an overlapping period)"
        return text + (f", {self.apart}" if self.apart else ", a period that cannot be set beside it")


def beside(anchor: pd.Series | None, figures: pd.DataFrame) -> Beside:
    """The other place's figure to set beside the anchor: the same period, else an overlapping one, else its latest
    (latest = latest period end) with how far apart the periods are. With no anchor, its latest figure."""
    if figures.empty:
        return Beside(None)
    if anchor is not None:
        same = figures[figures["period_label"] == anchor["period_label"]]
        if not same.empty and _bounds(anchor) is not None:
            return Beside(same.iloc[-1], True)
        overlapping = figures[[periods_overlap(anchor, row) for _, row in figures.iterrows()]]
        if not overlapping.empty:
            return Beside(latest(overlapping), True)
    newest = latest(figures)
    if anchor is None:
        return Beside(newest)
    return Beside(newest, False, how_far_apart(anchor, newest))


def comparison_sentence(points: pd.DataFrame, metric: pd.Series, comparison: Comparison) -> str | None:
    """Where the chosen force stands against England and Wales and its peers, in the latest period both have."""
    chosen = points[(points["role"] == "chosen") & points["plotted_at"].notna()]
    others = points[(points["role"] != "chosen") & points["plotted_at"].notna()]
    if chosen.empty:
        return None
    shared = chosen[chosen["period_label"].isin(set(others["period_label"]))]
    if shared.empty:
        newest = latest(chosen)
        unit = metric["unit"]
        parts = [f"{comparison.force_name}: {value_text(newest['value'], unit)} for {_lower_period(newest)}"]
        for role in ("england_and_wales", "united_kingdom"):
            national = others[others["role"] == role]
            if not national.empty:
                parts.append(beside(newest, national).words(ROLE_LABEL[role], unit, newest["period_label"]))
        return (
            f"We hold no figure from England and Wales or from {lower_first(comparison.peer_label)} for the same period as "
            f"any figure for {comparison.force_name}, so no like-for-like comparison can be made. The latest we hold: "
            + "; ".join(parts)
            + "."
        )
    point = latest(shared)
    same = others[others["period_label"] == point["period_label"]]
    unit = metric["unit"]
    parts = [f"For {point['period_label']}, {comparison.force_name}: {value_text(point['value'], unit)}"]
    for role in ("england_and_wales", "united_kingdom"):
        national = same[same["role"] == role]
        if not national.empty:
            parts.append(f"{ROLE_LABEL[role]}: {value_text(national['value'].iloc[0], unit)}")
    if not any((same["role"] == r).any() for r in ("england_and_wales", "united_kingdom")):
        parts.append("England and Wales: not held")
    peers = same[same["role"].isin(("peer", "selected"))].sort_values("value")
    if not peers.empty and comparison.peer_ids:
        low, high = peers.iloc[0], peers.iloc[-1]
        held = f"{len(peers)} of {len(comparison.peer_ids)} {lower_first(comparison.peer_label)}"
        if len(peers) == 1:
            parts.append(f"{held}: {low['place_short_name']} {value_text(low['value'], unit)}")
        else:
            low_text, high_text = value_text(low["value"], unit), value_text(high["value"], unit)
            parts.append(f"{held}: {range_text(low_text, low['place_short_name'], high_text, high['place_short_name'])}")
    return "; ".join(parts) + "."


def period_lengths_note(points: pd.DataFrame, charted: bool = True) -> str | None:
    """Say so when figures covering periods of different lengths are shown together; where they are drawn on one time
    axis, say where each point sits (under cards there is no chart, so no point to describe)."""
    drawn = points[points["plotted_at"].notna()]
    lengths = sorted({-1 if m is None else m for m in drawn["months"]})
    if len(lengths) <= 1:
        return None
    words = [length_words(None if m == -1 else m) for m in lengths]
    where = "Each point is drawn at the end of its period and labelled with it; f" if charted else "F"
    return (
        f"These figures cover periods of different lengths ({join_words(words)}). {where}igures for periods of different "
        "lengths are not directly comparable."
    )


def undated_note(points: pd.DataFrame, unit: str) -> str | None:
    missing = undated(points)
    if missing.empty:
        return None
    listed = "; ".join(f"{r.place_short_name} {value_text(r.value, unit)} ({r.period_label})" for r in missing.itertuples())
    return f"Not drawn, because no period was stated: {listed}. They are in the table."


def monthly_points(points: pd.DataFrame) -> pd.DataFrame:
    """One place's one-month figures, oldest first (the input for a control chart)."""
    return points[points["is_month"]].sort_values("period_start")


def points_table(points: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The data behind a time chart, as a reader would want it."""
    return pd.DataFrame(
        {
            "Place": points["place_short_name"],
            "Period": points["period_label"],
            "Period length": [length_words(m) for m in points["months"]],
            "Value": [value_text(v, unit) for v in points["value"]],
            # Words, as in "Value": a figure published without a margin shows a blank cell, never "None".
            "Margin of error (± points)": ["" if is_missing(v) else f"{v:g}" for v in points["ci_half_width"]],
            "Counts": [counts_text(r) for _, r in points.iterrows()],
            "Kind of source": points["tier_label"],
            "Source": citations(points),
            "Note": points["note"],
        }
    )


def sources_of(points: pd.DataFrame) -> pd.DataFrame:
    """Each distinct source behind the points, most used first."""
    columns = [
        "source_id",
        "source_publisher",
        "source_title",
        "source_title_kind",
        "source_url",
        "source_published",
        "source_tier",
    ]
    if points.empty:
        return pd.DataFrame(columns=columns)
    counted = points.groupby(columns, dropna=False).size().rename("figures").reset_index()
    return counted.sort_values(["figures", "source_publisher"], ascending=[False, True]).reset_index(drop=True)


_PUBLISHED_RANK = re.compile(r"\brank (\d+)\b")


def published_rank(note: object) -> int | None:
    """The rank a source's own table gave, where the curated note kept it ('… (third-party; rank 33)')."""
    if not isinstance(note, str):
        return None
    found = _PUBLISHED_RANK.search(note)
    return int(found.group(1)) if found else None


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(frozen=True)
class Ranking:
    ranked: pd.DataFrame  # territorial forces only, best first, with rank, rank_text and is_chosen
    not_ranked: pd.DataFrame  # places with a figure that are not England and Wales forces (Scotland, UK, E&W)
    missing: list[str]  # short names of forces with no figure for the period
    order_words: str  # how the ranking is ordered, in words


def rank_forces(values: pd.DataFrame, forces: pd.DataFrame, chosen_id: str, higher_is_better: object) -> Ranking:
    """England and Wales forces ranked on one period's figures; equal values share a rank ('joint 29th')."""
    is_force = values["place_kind"] == "force"
    ranked = values[is_force].copy()
    best_high = True if higher_is_better is None or pd.isna(higher_is_better) else bool(higher_is_better)
    ranked["rank"] = ranked["value"].rank(method="min", ascending=not best_high).astype(int)
    ranked = ranked.sort_values(["rank", "place_short_name"]).reset_index(drop=True)
    shared = ranked["rank"].duplicated(keep=False)
    ranked["rank_text"] = [("joint " if s else "") + ordinal(r) for r, s in zip(ranked["rank"], shared)]
    ranked["is_chosen"] = ranked["force_id"] == chosen_id
    ranked["tier_label"] = ranked["source_tier"].map(tier_label)
    held = set(ranked["force_id"])
    missing = sorted(forces.loc[~forces["force_id"].isin(held), "short_name"])
    if higher_is_better is None or pd.isna(higher_is_better):
        words = "highest first (for this measure neither higher nor lower is better)"
    else:
        words = "best first (highest)" if best_high else "best first (lowest)"
    return Ranking(ranked, values[~is_force], missing, words)


def ranking_sentence(ranking: Ranking, metric: pd.Series, chosen_name: str, period_label: str) -> str:
    """Where the chosen force stands in one period's ranking, and what is left out of it."""
    ranked = ranking.ranked
    total = len(ranked)
    unit = metric["unit"]
    sentences = []
    chosen = ranked[ranked["is_chosen"]]
    if ranked.empty:
        sentences.append(f"We hold no figure for any England and Wales force for {period_label}.")
    elif chosen.empty:
        sentences.append(
            f"We hold figures for {counted(total, 'England and Wales force')} for {period_label}, but none for {chosen_name}."
        )
    else:
        row = chosen.iloc[0]
        if total == 1:
            sentences.append(
                f"For {period_label}, {chosen_name} ({value_text(row['value'], unit)}) is the only England and Wales "
                "force we hold a figure for."
            )
        else:
            sentences.append(
                f"For {period_label}, {chosen_name} ({value_text(row['value'], unit)}) ranks {row['rank_text']} of the "
                f"{total} England and Wales forces we hold a figure for, ordered {ranking.order_words}."
            )
        source_rank = published_rank(row["note"])
        if source_rank is not None and source_rank != row["rank"]:
            sentences.append(
                f"The source's own table put {chosen_name} {ordinal(source_rank)}: its ranks also count places we do not "
                "rank here (such as Police Scotland) or hold no figure for."
            )
    if total > 1:
        top, bottom = ranked.iloc[0], ranked.iloc[-1]
        sentences.append(
            f"The range runs from {value_text(top['value'], unit)} ({top['place_short_name']}) to "
            f"{value_text(bottom['value'], unit)} ({bottom['place_short_name']})."
        )
    if ranking.missing:
        sentences.append(f"{len(ranking.missing)} of the 43 forces have no figure for this period in the data we hold.")
    for row in ranking.not_ranked.itertuples():
        reason = "it is not an England and Wales force" if row.place_kind == "outside_england_and_wales" else "it is not a force"
        sentences.append(f"{row.place_short_name} ({value_text(row.value, unit)}) is not ranked: {reason}.")
    tiers = set(ranked["source_tier"])
    if tiers == {"secondary"}:
        sentences.append("Every figure in this ranking is second-hand.")
    elif "secondary" in tiers:
        sentences.append("Some figures are second-hand; the table says which.")
    if not is_comparable_between_places(unit):
        sentences.append("These are counts, not rates: bigger forces have bigger numbers.")
    return " ".join(sentences)


def ranking_table(ranking: Ranking, unit: str) -> pd.DataFrame:
    ranked = ranking.ranked
    return pd.DataFrame(
        {
            "Rank": ranked["rank_text"],
            "Force": [n + (" (your force)" if c else "") for n, c in zip(ranked["place_short_name"], ranked["is_chosen"])],
            "Value": [value_text(v, unit) for v in ranked["value"]],
            "Counts": [counts_text(r) for _, r in ranked.iterrows()],
            "Period": ranked["period_label"],
            "Rank in the source's table": pd.array([published_rank(n) for n in ranked["note"]], dtype="Int64"),
            "Kind of source": ranked["tier_label"],
            "Source": citations(ranked),
            "Note": ranked["note"],
        }
    )


def spc_sentence(result, metric: pd.Series, place: str, assurance_text: str | None) -> str:
    """What the control chart shows: the usual range, any unusual months, and whether the standard is within reach."""
    unit = metric["unit"]
    points = result.points
    first, last = points["period_start"].min(), points["period_start"].max()
    sentence = (
        f"Over {len(points)} months from {first:%B %Y} to {last:%B %Y}, {place}'s monthly figure averaged "
        f"{value_text(result.mean, unit)}; normal month-to-month variation runs from {value_text(result.lower_limit, unit)} "
        f"to {value_text(result.upper_limit, unit)} (the control limits)."
    )
    if result.missing_months:
        sentence += (
            f" {result.missing_months} month{'s are' if result.missing_months > 1 else ' is'} missing; the chart breaks there."
        )
    special = points[points["special_cause"]]
    if special.empty:
        sentence += " No month shows special-cause variation: the changes are within normal variation."
    else:
        kinds = {"improvement": "improvement", "concern": "concern", "high": "unusually high", "low": "unusually low"}
        listed = "; ".join(f"{r.period_start:%B %Y} ({kinds[r.variation]}: {r.reason})" for r in special.itertuples())
        sentence += f" {len(special)} month{'s show' if len(special) > 1 else ' shows'} special-cause variation: {listed}."
    if assurance_text:
        sentence += f" Against the standard: {assurance_text}."
    return sentence


def figure_lead(name: str, metric: pd.Series, points: pd.DataFrame, today: date) -> Markdown | None:
    """A theme page's answer: its first measure's latest figure with its period and age, against the standard or else
    England and Wales in the same period. None when the force has no dated figure on this measure.

    '**999 calls answered within 10 seconds:** 87.4% (April 2024 — over two years old), below the 90% standard.'
    """
    chosen = points[(points["role"] == "chosen") & points["plotted_at"].notna()]
    newest = latest(chosen)
    if newest is None:
        return None
    unit = metric["unit"]
    text = f"{value_text(newest['value'], unit)} ({dated_label(newest['period_label'], newest['period_end'], today)})"
    against = compare_with_standard(newest["value"], metric["standard_value"], metric["higher_is_better"], unit)
    if not against and is_comparable_between_places(unit):
        national = points[(points["role"] == "england_and_wales") & points["plotted_at"].notna()]
        if not national.empty:
            # The same period, else England and Wales's latest with how far apart the two periods are.
            against = beside(newest, national).words("England and Wales", unit, newest["period_label"], joiner=" ")
    text += f", {against}." if against else "."
    if not is_missing(newest.get("ci_half_width")):
        text += f" An estimate from an audit sample, ±{newest['ci_half_width']:g} points."
    if newest["source_tier"] != "primary":
        text += " Reported second-hand."
    return markdown("**{}:** {}", name, text)


def ranking_lead(ranking: Ranking | None, metric: pd.Series, chosen_name: str, period_label: str | None) -> Markdown:
    """The explorer's answer: where the chosen force ranks on the chosen measure and period, or what is not held.

    '**999 calls answered within 10 seconds, November 2023:** Hertfordshire 83.3%, 31st of 31 England and Wales forces
    with a figure, ranked best first (highest).'
    """
    name = metric["name"]
    if ranking is None or period_label is None:
        return markdown("**{}:** we hold no figures on this measure for any period.", name)
    ranked = ranking.ranked
    chosen = ranked[ranked["is_chosen"]]
    total = len(ranked)
    if chosen.empty:
        return markdown(
            "**{}, {}:** {}",
            name,
            period_label,
            f"no figure held for {chosen_name}; " + _how_many_have_one(total),
        )
    row = chosen.iloc[0]
    return markdown(
        "**{}, {}:** {}",
        name,
        period_label,
        f"{chosen_name} {value_text(row['value'], metric['unit'])}, "
        + (
            "the only England and Wales force with a figure."
            if total == 1
            else f"{row['rank_text']} of {total} England and Wales forces with a figure, ranked {ranking.order_words}."
        ),
    )


def _how_many_have_one(total: int) -> str:
    if total == 0:
        return "no England and Wales force has one."
    return f"{counted(total, 'England and Wales force')} {'has' if total == 1 else 'have'} one."

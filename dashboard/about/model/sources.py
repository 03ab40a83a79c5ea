"""What the 'About the data' page says: the caveats, the source filters, and plain sentences about loads."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.common.escape import Markdown, markdown, markdown_join
from dashboard.common.wording import TITLE_KIND_WORDS, citations, format_date, format_value, is_missing, tier_label
from dashboard.store.importers import REGISTRY
from dashboard.store.public_text import GLOSSARY
from dashboard.store.web_address import checked_url

# (heading, text): the known caveats every reader should see, in the order a resident meets them.
CAVEATS: tuple[tuple[str, str], ...] = (
    (
        "999 calls",
        "The 10-second clock starts when the telephone network connects the call to the force, so it includes "
        "the network's connection time as well as the force's own answering. The official monthly series "
        "(police.uk) starts in November 2021. Police Scotland appears in UK tables and is never counted in "
        "England and Wales figures.",
    ),
    (
        "Police recorded crime",
        "Police recorded crime is published by the Office for National Statistics as official statistics, but "
        "it is no longer accredited (it lost its National Statistics status in 2014 over the quality of crime "
        "recording). A change in recorded crime can reflect how crimes are recorded as well as how many happen.",
    ),
    (
        "Crime recording rates",
        "The inspectorate's recording rates (for example, 82.6% of reported crime recorded in Hertfordshire) are "
        "estimates from an audit of a sample of reports, not counts of every crime. Each has a margin of error, "
        "a confidence interval, shown as ± percentage points where it was published.",
    ),
    (
        "Inspection grades",
        "Grades cannot be compared directly between inspection cycles: the inspectorate moved from a four-point "
        "to a five-point scale in 2021-22, changed its framework again for 2023-25, and area names differ.",
    ),
    (
        "Second-hand figures",
        "Some figures come from a news report or a Police and Crime Commissioner's statement quoting the official "
        "data, not from the official publication itself. They are marked as second-hand wherever they appear. "
        "When an official release is loaded, its figure replaces the second-hand one, and the earlier value is "
        "kept in the history of revised figures below.",
    ),
    (
        "Gaps",
        "Where a figure or grade is not known, the dashboard says so. Nothing is estimated, filled in or "
        "interpolated, and no line is drawn across a gap.",
    ),
)

# Terms a reader meets on every page, besides the abbreviations (dashboard/store/public_text.GLOSSARY).
TERMS: tuple[tuple[str, str], ...] = (
    ("Area for improvement", "something the inspectorate says a force should do better; less serious than a cause of concern"),
    ("Cause of concern", "the inspectorate's most serious finding: a problem the force must put right, followed up on a revisit"),
    ("Crime data integrity", "how accurately a force records the crimes reported to it, which the inspectorate audits"),
    ("Margin of error", "how far an estimate from an audit sample may be from the true figure (its confidence interval)"),
    ("Most similar group", "forces with similar populations and crime, listed for comparing a force with its peers"),
    (
        "Primary source",
        "the publisher of the fact itself: the inspectorate, the Office for National Statistics, the Home Office or police.uk",
    ),
    ("Second-hand source", "a news report, statement or copy that reports a fact published by someone else"),
)


def glossary_entries() -> list[tuple[str, str]]:
    """Every abbreviation a page may show and the terms it uses, written out, in alphabetical order."""
    return sorted([*GLOSSARY.items(), *TERMS], key=lambda entry: entry[0].lower())


def glossary_markdown() -> Markdown:
    """The glossary as one markdown list, for About the data."""
    return markdown_join((markdown("- **{}**: {}.", term, meaning) for term, meaning in glossary_entries()), "\n")


TIER_CHOICES = {"all": "All sources", "primary": "Primary sources only", "secondary": "Second-hand sources only"}
ALL_STATUSES = "all"


@dataclass(frozen=True)
class Choice:
    value: str
    notice: str | None = None  # shown when the address asked for something we do not have


def resolve_choice(requested: object, options: list[str], what: str, default: str = "all") -> Choice:
    """The option named in the address, else the default with a polite notice."""
    if isinstance(requested, list):
        requested = requested[-1] if requested else None
    if requested is None or requested == "" or requested == default:
        return Choice(default)
    if str(requested) in options:
        return Choice(str(requested))
    return Choice(default, f"The page address asked for a {what} we do not have, so every {what} is shown.")


def filter_sources(sources: pd.DataFrame, tier: str, status: str) -> pd.DataFrame:
    shown = sources
    if tier != "all":
        shown = shown[shown["tier"] == tier]
    if status != ALL_STATUSES:
        shown = shown[shown["status"] == status]
    return shown


def sources_summary(sources: pd.DataFrame, shown: pd.DataFrame) -> str:
    """'We cite 153 sources: 40 primary and 113 second-hand. 153 are listed below.'"""
    primary = int((sources["tier"] == "primary").sum())
    second = len(sources) - primary
    listed = "All are listed below." if len(shown) == len(sources) else f"{len(shown)} match the filters and are listed below."
    return f"We cite {len(sources)} sources: {primary} primary and {second} second-hand. {listed}"


def sources_table(shown: pd.DataFrame) -> pd.DataFrame:
    """The sources as a reader sees them: words for the tier, a date or 'date not recorded'."""
    return pd.DataFrame(
        {
            "Publisher": shown["publisher"],
            "Title or description": shown["title"],
            "Which it is": shown["title_kind"].map(TITLE_KIND_WORDS).fillna(TITLE_KIND_WORDS["description"]),
            "Web address": shown["url"].map(checked_url),  # a link column: only addresses that may be linked to
            "Published": [format_date(d) for d in shown["published"]],
            "Kind of source": [tier_label(t) for t in shown["tier"]],
            "Status": shown["status"],
            "Licence": shown["licence"],
            "Grades citing it": shown["grades_cited"],
            "Figures citing it": shown["figures_cited"],
            "Note": shown["note"],
        }
    )


def loads_summary(loads: pd.DataFrame) -> str:
    """One sentence about the official releases loaded, newest first."""
    if loads.empty:
        return (
            "No official release has been loaded yet: every figure comes from the curated files built from "
            "researched, sourced reference data."
        )
    latest = loads.iloc[0]
    return (
        f"{len(loads)} file(s) loaded. The latest, {latest['file_name']} ({latest['row_count']:,} rows from "
        f"{latest['source_publisher']}), was loaded on {format_date(latest['loaded_at'])}."
    )


def load_kind_words(kind: str) -> str:
    """What kind of file a load was, in the importer's own words ('police-uk-999' is a code, not a description)."""
    importer = REGISTRY.get(kind)
    return importer.description if importer else kind.replace("-", " ")


def loads_table(loads: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Load": loads["load_id"],
            "Loaded": [f"{format_date(t)} {pd.Timestamp(t):%H:%M}" for t in loads["loaded_at"]],
            "File": loads["file_name"],
            "Kind": loads["kind"].map(load_kind_words),
            "Rows in file": loads["row_count"],
            "Figures shown from it": loads["figures_shown"],
            "Figures it revised": loads["figures_superseded"],
            "Source": citations(loads),
            "Kind of source": [tier_label(t) for t in loads["source_tier"]],
            "SHA-256": loads["sha256"],
            "Warnings when loaded": ["" if is_missing(w) else w for w in loads["warnings"]],
        }
    )


def revisions_table(revised: pd.DataFrame) -> pd.DataFrame:
    def value(v: object, unit: str) -> str:
        return "no longer shown" if is_missing(v) else format_value(v, unit)

    return pd.DataFrame(
        {
            "Place": revised["place"],
            "Measure": revised["metric_name"],
            "Period": revised["period_label"],
            "Earlier value": [value(v, u) for v, u in zip(revised["earlier_value"], revised["unit"])],
            "Earlier source": citations(revised, "earlier_source_"),
            "Value now shown": [value(v, u) for v, u in zip(revised["current_value"], revised["unit"])],
            "Replaced by": [f"load {n}: {f}" for n, f in zip(revised["superseded_by_load_id"], revised["superseded_by_file"])],
        }
    )


def metrics_table(metrics: pd.DataFrame) -> pd.DataFrame:
    standards = [s if isinstance(s, str) and s else "None" for s in metrics["standard_text"]]
    return pd.DataFrame(
        {
            "Measure": metrics["name"],
            "Unit": metrics["unit"],
            "What it means": metrics["definition"],
            "Standard or target": standards,
            "Published by": metrics["publisher"].fillna("Not recorded"),
        }
    )


def about_lead(sources: pd.DataFrame) -> str:
    """The page's answer: how much the dashboard holds and what it rests on.

    'We hold 312 grades and 1,204 figures, each with its source: 153 published sources in all, 40 primary and 113
    second-hand.'
    """
    primary = int((sources["tier"] == "primary").sum())
    grades = int(sources["grades_cited"].fillna(0).sum())
    figures = int(sources["figures_cited"].fillna(0).sum())
    return (
        f"We hold {grades:,} grades and {figures:,} figures, each with its source: {len(sources)} published sources in "
        f"all, {primary} primary (the inspectorate, ONS, the Home Office, police.uk) and {len(sources) - primary} "
        "second-hand, marked as such wherever they are used."
    )

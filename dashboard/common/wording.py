"""How numbers, dates, sources and grades are written for people, and the sentences built from them: one module."""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from dashboard.common.escape import Markdown, markdown, markdown_join, markdown_link, md
from dashboard.common.scale import GRADE_ORDER, grade_badge, grade_heading
from dashboard.store.web_address import checked_url


def is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT or value is pd.NA


def counted(count: int, noun: str) -> str:
    """'1 item', '5 items', '0 items': the count and its noun, singular for exactly one."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def join_words(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c' ('' for none)."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def last_given(value: object) -> object:
    """What a visitor gave for a parameter: the last of several (?force=a&force=b means b), None for none."""
    if isinstance(value, list):
        return value[-1] if value else None
    return value


def readable_echo(value: str, limit: int = 40) -> str:
    """A safe, short echo of what a visitor typed in the address (no markup, no control characters)."""
    cleaned = re.sub(r"[^A-Za-z0-9 '\-–/]", "", value)[:limit].strip()
    return cleaned or "that value"


def as_date(value: object) -> date | None:
    """A date from whatever a frame or a file holds: a date, a timestamp, ISO text, or nothing."""
    if is_missing(value) or (not isinstance(value, (str, date)) and pd.isna(value)):
        return None
    if isinstance(value, datetime):  # pandas' Timestamp is a datetime too
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    return pd.Timestamp(value).date()


def format_value(value: float, unit: str) -> str:
    if is_missing(value):
        return "not published"
    # 'percentage points' before 'percent', which it starts with: a margin of error is not a percentage.
    if unit.startswith("percentage points"):
        return f"±{value:.2f} points"
    if unit.startswith("percent"):
        return f"{value:.1f}%"
    if unit == "seconds":
        return f"{value:.1f} seconds"
    if unit == "£ million":
        return f"£{value:,.1f} million"
    if float(value).is_integer():
        return f"{int(value):,} {unit}".strip()
    return f"{value:,.2f} {unit}".strip()


def format_date(value: object) -> str:
    if is_missing(value):
        return "date not recorded"
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, (datetime, pd.Timestamp)):
        value = value.date()
    return f"{value.day} {value:%B %Y}"


def tier_label(tier: str) -> str:
    return "primary source" if tier == "primary" else "second-hand source"


def meets_standard(value: float, standard: float, higher_is_better: bool | None) -> bool | None:
    """Whether a figure meets its published standard (a figure exactly at it does); None when there is no standard
    to meet, or no figure, or no better direction. The one rule for every page, slide and the pack."""
    if is_missing(value) or is_missing(standard) or higher_is_better is None or is_missing(higher_is_better):
        return None
    return bool(value >= standard) if higher_is_better else bool(value <= standard)


def compare_with_standard(value: float, standard: float, higher_is_better: bool | None, unit: str) -> str:
    """'below the 90% standard' or 'meeting the 90% standard'; empty when there is no standard."""
    meets = meets_standard(value, standard, higher_is_better)
    if meets is None:
        return ""
    target = f"{standard:g}%" if unit.startswith("percent") else format_value(standard, unit)
    if meets:
        return f"meeting the {target} standard"
    return f"{'below' if higher_is_better else 'above'} the {target} standard"


def age_note(period_end: object, today: date, label: str = "") -> str:
    """'over two years old' (or 'from 2022 — over two years old' when the label does not name the year) for a figure
    whose period ended more than two years before today; '' for a newer one or one without an end date.

    A 'latest' figure can be a decade old for a force with thin data; a resident must not read it as current."""
    ended = as_date(period_end)
    if ended is None:
        return ""
    years = (today - ended).days // 365
    if years < 2:
        return ""
    how_old = "over two years old" if years < 3 else f"over {years} years old"
    return how_old if str(ended.year) in label else f"from {ended.year} — {how_old}"


def dated_label(label: str, period_end: object, today: date) -> str:
    """'April 2024 — over two years old', or the period's label alone when it is recent."""
    age = age_note(period_end, today, label)
    return f"{label} — {age}" if age else label


def range_text(low: str, low_place: str, high: str, high_place: str) -> str:
    """'from 80.1% (Kent) to 91.2% (Essex)', or 'all at 86.6%' when the lowest and highest figures are the same."""
    if low == high:
        return f"all at {low}"
    return f"from {low} ({low_place}) to {high} ({high_place})"


def lower_first(text: str) -> str:
    """'The PCC's response' → 'the PCC's response': only the first letter, so names keep their capitals."""
    return text[:1].lower() + text[1:] if text else text


# A pure function of its text, walked a character at a time, asked on every rerun; typed, so that plain text and
# Markdown with the same characters are never mistaken for each other.
@functools.lru_cache(maxsize=4096, typed=True)
def small(text: str) -> Markdown:
    """Caption-sized text inside one markdown element (Streamlit's :small[] directive), so a page sends one
    element where a paragraph and its caption would be two. Plain text is escaped (md); in Markdown, square brackets
    must pair up, as the links markdown_link() writes do; a stray one is made round so it cannot end the directive
    early (an escaped one, \\[ or \\], is text and left alone)."""
    text = md(text)
    depth = 0
    kept = []
    escaped = False
    for char in text:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            depth += 1
        elif char == "]":
            if depth == 0:
                char = ")"
            else:
                depth -= 1
        kept.append(char)
    if depth:  # an opening bracket never closed: make the unclosed ones round, from the right
        for index in range(len(kept) - 1, -1, -1):
            if depth and kept[index] == "[" and not _is_escaped(kept, index):
                kept[index] = "("
                depth -= 1
    return Markdown(":small[" + "".join(kept) + "]")


def cited_title(title: str, title_kind: object) -> str:
    """A publisher's own title in quotation marks; our description of a page as it is, never quoted, and read on from
    the publisher's name ('BBC News: news report on …')."""
    if title_kind == "title":
        return f"“{title}”"
    return lower_first(title) if title[1:2].islower() else title


def citation(publisher: str, title: str, title_kind: object) -> str:
    """'BBC News: “Dorset Police investigations require improvement”' or 'ITV News: news report on …'."""
    return f"{publisher}: {cited_title(title, title_kind)}"


def citations(frame: pd.DataFrame, prefix: str = "source_") -> pd.Series:
    """citation() for every row of a frame with the usual {prefix}publisher, {prefix}title and {prefix}title_kind."""
    kinds = frame[f"{prefix}title_kind"] if f"{prefix}title_kind" in frame else pd.Series(None, index=frame.index)
    return pd.Series(
        [citation(p, t, k) for p, t, k in zip(frame[f"{prefix}publisher"], frame[f"{prefix}title"], kinds)],
        index=frame.index,
        dtype=object,
    )


TITLE_KIND_WORDS = {"title": "The publisher's title", "description": "Our description"}


def _is_escaped(chars: list[str], index: int) -> bool:
    """Whether the character at index follows an odd number of backslashes (markdown reads it as text)."""
    slashes = 0
    while index - slashes - 1 >= 0 and chars[index - slashes - 1] == "\\":
        slashes += 1
    return slashes % 2 == 1


def source_markdown(publisher: str, title: str, url: object, published: object, tier: str, title_kind: object = None) -> Markdown:
    """'[Publisher: “Title”](url), 16 October 2024 · second-hand source' (a description goes unquoted); the citation
    unlinked when the address is not one that may be linked to (dashboard.store.web_address)."""
    label = citation(publisher, title, title_kind)
    linked = markdown_link(label, url) if checked_url(url) else markdown("{} (web address not recorded)", label)
    return markdown("{}, {} · {}", linked, format_date(published), tier_label(tier))


def row_source(row: pd.Series) -> Markdown:
    """source_markdown() for a row with the usual source_* columns (no source_published column: date not recorded)."""
    return source_markdown(
        row["source_publisher"],
        row["source_title"],
        row["source_url"],
        row.get("source_published"),
        row["source_tier"],
        row.get("source_title_kind"),
    )


def sources_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every distinct source behind a frame's rows, with its tier in words and whether its title is the publisher's
    own or our description, as the sources table shows it."""
    columns = ["source_publisher", "source_title", "source_title_kind", "source_url", "source_published", "source_tier"]
    sources = frame.dropna(subset=["source_title"]).reindex(columns=columns).drop_duplicates()
    # A link column shows only addresses that may be linked to; anything else is left out, never made a link.
    sources = sources.assign(
        source_tier=sources["source_tier"].map(tier_label),
        source_title_kind=sources["source_title_kind"].map(TITLE_KIND_WORDS).fillna(TITLE_KIND_WORDS["description"]),
        source_url=sources["source_url"].map(checked_url),
    )
    return sources.rename(
        columns={
            "source_publisher": "Publisher",
            "source_title": "Title or description",
            "source_title_kind": "Which it is",
            "source_url": "Web address",
            "source_published": "Published",
            "source_tier": "Kind of source",
        }
    )


@dataclass(frozen=True)
class GradeColumns:
    """The words of the five grade columns: one markdown per column, plus a line for areas not graded."""

    columns: tuple[Markdown, ...]
    others: tuple[Markdown, ...]


def names_at_each_grade(rows: pd.DataFrame, name_column: str, grades: tuple[str, ...] = GRADE_ORDER) -> dict[str, list[str]]:
    """Each grade, in the order given, with the names in `name_column` (areas or forces) of the rows given it: every
    grade is a key, with an empty list where no row has it."""
    return {grade: rows.loc[rows["grade"] == grade, name_column].tolist() for grade in grades}


def grade_column_text(grades: pd.DataFrame) -> GradeColumns:
    """Each column's grade label over the areas given that grade; views build it once per force.

    With no area graded there are no columns at all: five empty ones, each saying 'No areas graded Inadequate',
    would read as good news about a force whose grades we simply do not hold."""
    if not grades["grade"].isin(GRADE_ORDER).any():
        return GradeColumns((), ())
    columns = []
    for grade, areas in names_at_each_grade(grades, "area_short_name").items():
        listed = markdown_join((markdown("- {}", a) for a in areas), "\n") if areas else small(f"No areas graded {grade}")
        columns.append(markdown("**{}**\n\n{}", grade_heading(grade), listed))
    others = grades[~grades["grade"].isin(GRADE_ORDER)]
    lines = tuple(
        markdown("{} {}", grade_badge(state), ", ".join(rows["area_short_name"])) for state, rows in others.groupby("grade")
    )
    return GradeColumns(tuple(columns), lines)


def grades_sentence(force_name: str, cycle_name: str, grades: pd.DataFrame) -> str:
    """'HMICFRS graded Hertfordshire Constabulary Good in 1 area, … Inadequate in 1 (Recording data about crime).'"""
    known = grades[grades["grade"].isin(GRADE_ORDER)]
    if known.empty:
        return f"We do not hold any {cycle_name} grades for {force_name}: no published source we found states them."
    parts = []
    for grade, areas in names_at_each_grade(known, "area_short_name").items():
        if not areas:
            continue
        named = f" ({join_words(areas)})" if grade in ("Outstanding", "Inadequate") or len(areas) <= 2 else ""
        parts.append(f"{grade} in {counted(len(areas), 'area')}{named}")
    published = known["published"].dropna()
    when = f" (published {format_date(published.iloc[0])})" if not published.empty else ""
    sentence = f"In its {cycle_name} inspection{when}, HMICFRS graded {force_name} {join_words(parts)}."
    return sentence + area_gaps(grades["grade"], grades["area_short_name"])


def not_graded_sentence(areas: list[str]) -> str:
    """' Not graded by the inspectorate: Recording data about crime.' for the areas the inspectorate did not grade (a
    published fact, named like a grade), or "" for none."""
    return f" Not graded by the inspectorate: {join_words(areas)}." if areas else ""


def area_gaps(grades: pd.Series, areas: pd.Series) -> str:
    """What a force's grades in one cycle leave out, each as a sentence after a space, or "" when none does:
    ' Not graded by the inspectorate: Recording data about crime. Not known for 2 of 9 areas.'

    An area the inspectorate did not grade is a published fact, named like a grade and never counted among those
    not known; the areas not known are counted, as there may be all nine."""
    not_graded = grades == "Not graded"
    not_known = int((~grades.isin(GRADE_ORDER) & ~not_graded).sum())
    text = not_graded_sentence(areas[not_graded].tolist())
    return text + (f" Not known for {not_known} of {len(grades)} areas." if not_known else "")


def figure_sentence(force_name: str, figure: pd.Series) -> str:
    """'In April 2024 Hertfordshire answered 87.4% of 999 calls within 10 seconds, below the 90% standard.'"""
    value = format_value(figure["value"], figure["unit"])
    standard = compare_with_standard(figure["value"], figure["standard_value"], figure["higher_is_better"], figure["unit"])
    text = f"{figure['metric_name']} for {force_name}: {value} ({figure['period_label']})"
    if standard:
        text += f", {standard}"
    if not is_missing(figure.get("ci_half_width")):
        text += f" (an estimate, ±{figure['ci_half_width']:g} percentage points)"
    return text + "."

"""The public-text rule: what any text a page shows must not be (a title made from a web address, back-office
research wording, a code, an abbreviation the glossary does not explain), the glossary itself, and the register of
every column the queries return to pages with how each is made fit to show.

Used by the build (dashboard/store/tables.py rejects a bad value, naming file, row and column), by About the data (the
glossary) and by the tests over every column the queries return. Pure: no Streamlit, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    r"|\b(?i:not seen)\b|\bprobable only\b|\bUNCERTAIN\b|\bNOT (?:FOUND|stated)\b|\bsee NOTES\b"
    r"|\b(?:tier: |quote: )"  # the fifth research pass's note fields
    r"|\b[a-z]+(?:_[a-z0-9]+)+\b"  # identifiers such as crime_recording_rate_pct
    r"|\b(?:AFIs?|NCRS|HOCR|CDI|MSG|PRC|CMA|FTE|TVP|GMP|YE|HO|PA|RI|CI|pp)\b"  # unexplained acronyms
    r"|>=|<=|\+/-|E&W|\b(?:excl|incl|approx)\.|\by/y\b"
    r"|https?://"
    r"|\b(?:hertfordshire|wales|england|scotland)\b",  # place names lower-cased
)


def back_office_phrases(text: str | None) -> list[str]:
    """The back-office fragments in a piece of public text (empty when it reads as plain words)."""
    if not text:
        return []
    return [m.group(0) for m in BACK_OFFICE.finditer(text)]


# Every abbreviation a page may show, written out. About the data shows this list (its "Words and abbreviations"
# section, anchor #glossary) and every page links to it; the build rejects public text using any other.
GLOSSARY: dict[str, str] = {
    "BBC": "British Broadcasting Corporation (publisher of BBC News)",
    "CDI": "crime data integrity, the inspectorate's inspections of how accurately police record crime",
    "FM": "a radio station (in a publisher's name, such as Banbury FM)",
    "HM": "His Majesty's, as in HM Inspector of Constabulary",
    "HMIC": "Her Majesty's Inspectorate of Constabulary, the inspectorate's name until 2017",
    "HMICFRS": "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services, which inspects police forces",
    "ITV": "the ITV television network (publisher of ITV News)",
    "iQuanta": "a service that police forces and PCCs use to compare their crime figures with similar forces",
    "NYP": "North Yorkshire Police",
    "ONS": "Office for National Statistics, which publishes police recorded crime",
    "PCC": "Police and Crime Commissioner, elected to hold the force to account",
    "PEEL": "police effectiveness, efficiency and legitimacy: the inspectorate's regular inspection of every force",
    "UK": "United Kingdom",
}
_ABBREVIATION = re.compile(r"\b(?:[A-Z]{2,}|[a-z]+[A-Z]\w*)(?:s|'s)?\b")


def unexplained_abbreviations(text: str | None) -> list[str]:
    """Abbreviations in a piece of public text that the glossary does not write out ('PCCs' counts as 'PCC')."""
    if not text:
        return []
    found = []
    for match in _ABBREVIATION.finditer(text):
        word = re.sub(r"(?:'s|s)$", "", match.group(0)) if match.group(0) not in GLOSSARY else match.group(0)
        if word not in GLOSSARY and match.group(0) not in GLOSSARY:
            found.append(match.group(0))
    return found


# In text quoted from a publisher (a title, its own name) its abbreviations are its words: the glossary explains them.
_OWN_WORDS_ONLY = re.compile(r"\b(?:AFIs?|NCRS|HOCR|CDI|MSG|PRC|CMA|FTE|TVP|GMP|YE|HO|PA|RI|CI|pp)\b|\b(?:hertfordshire|wales)\b")


def public_text_problems(text: str | None, quoted: bool = False) -> list[str]:
    """What makes a piece of text unfit for a page: back-office wording, and abbreviations the glossary lacks.
    `quoted` text is a publisher's own words (a title, a name), so its shorthand is allowed once explained."""
    phrases = back_office_phrases(text)
    if quoted:
        phrases = [p for p in phrases if not _OWN_WORDS_ONLY.fullmatch(p)]
    return phrases + [f"{a} (not in the glossary)" for a in unexplained_abbreviations(text)]


@dataclass(frozen=True)
class Shown:
    """How one column the queries return is made fit for a page.

    how: 'text' (shown as written: every origin, a table.column, is public text the build checks), 'quoted' (a
    publisher's own words, checked the same way but keeping its shorthand, which the glossary explains), 'code' (never
    shown as it is: `origins` names what turns it into words), 'number', 'date', 'address' (a checked web address,
    shown as a link), 'identifier' (used to look things up, order or link, never shown as words), 'file' (the name of
    a file the PCC's office loaded, shown as that name), 'generated' (words the dashboard's own code writes)."""

    how: str
    origins: tuple[str, ...] = ()


def _text(*origins: str) -> Shown:
    return Shown("text", origins)


def _quoted(*origins: str) -> Shown:
    return Shown("quoted", origins)


def _code(*converters: str) -> Shown:
    return Shown("code", converters)


_NUMBER, _DATE, _ADDRESS, _ID = Shown("number"), Shown("date"), Shown("address"), Shown("identifier")
_SOURCE_PUBLISHER, _SOURCE_TITLE = _quoted("source.publisher"), _quoted("source.title")
_TIER = _code("dashboard.common.wording.tier_label")

# Every column any query in queries/ returns, by name. tests/test_public_text_columns.py runs every query and fails on
# a column missing here, and checks that each text column's origin is public text the build validates.
SHOWN_COLUMNS: dict[str, Shown] = {
    "action_id": _ID,
    "aliases": _ID,
    "area_count": _NUMBER,
    "area_id": _ID,
    "area_name": _text("peel_area.name"),
    "area_short_name": _text("peel_area.short_name"),
    "ci_half_width": _NUMBER,
    "comparability_note": _text("cycle.comparability_note"),
    "country": _text("force.country"),
    "corroborating_sources": _quoted("source.publisher", "source.title"),
    "current_source_publisher": _SOURCE_PUBLISHER,
    "current_source_title": _SOURCE_TITLE,
    "current_source_title_kind": _code("dashboard.common.wording.cited_title"),
    "current_value": _NUMBER,
    "cycle_id": _ID,
    "day": _DATE,
    "date_precision": _code("dashboard.holding.model.timeline.event_when"),
    "definition": _text("metric.definition"),
    "denominator": _NUMBER,
    "detail": _text("timeline_event.detail"),
    "earlier_grade": _text("grade.grade"),
    "earlier_source_publisher": _SOURCE_PUBLISHER,
    "earlier_source_tier": _TIER,
    "earlier_source_title": _SOURCE_TITLE,
    "earlier_source_title_kind": _code("dashboard.common.wording.cited_title"),
    "earlier_value": _NUMBER,
    "end_date": _DATE,
    "event_date": _DATE,
    "event_id": _ID,
    "evidence": _code("dashboard.common.scale.EVIDENCE_LABEL"),
    "evidence_url": _ADDRESS,
    "figure_count": _NUMBER,
    "figures": _NUMBER,
    "figures_cited": _NUMBER,
    "figures_shown": _NUMBER,
    "figures_superseded": _NUMBER,
    "file_name": Shown("file"),
    "finding_id": _ID,
    "finding_kind": _code("dashboard.grades.model.FINDING_KINDS"),
    "findings_cited": _NUMBER,
    "first_update_date": _DATE,
    "force_count": _NUMBER,
    "force_id": _ID,
    "force_name": _text("force.name"),
    "force_short_name": _text("force.short_name"),
    "grade": _text("grade.grade", "grade_count.grade"),
    "grade_rank": _ID,
    "graded_areas": _NUMBER,
    "grades_cited": _NUMBER,
    "group_id": _ID,
    "group_name": _text("peer_group.name"),
    "higher_is_better": _ID,
    "is_grade": _ID,
    "item": _text("improvement_action.item"),
    # finding kinds are worded by FINDING_KINDS; place and event kinds only choose roles and order; load kinds by the
    # importers' own descriptions.
    "kind": _code("dashboard.grades.model.FINDING_KINDS", "dashboard.about.model.sources.load_kind_words"),
    "latest_end": _DATE,
    "latest_period_end": _DATE,
    "licence": _text("source.licence"),
    "load_id": _ID,
    "loaded_at": _DATE,
    "member_force_id": _ID,
    "member_short_name": _text("force.short_name"),
    "metric_id": _ID,
    "metric_name": _text("metric.name"),
    "name": _text("cycle.name", "force.name", "metric.name"),
    "note": _text("grade.public_note", "grade_count.public_note", "observation.public_note", "source.public_note"),
    "numerator": _NUMBER,
    "owner": _text("improvement_action.owner"),
    "period_count": _NUMBER,
    "period_end": _DATE,
    "period_label": _text("observation.period_label"),
    "period_start": _DATE,
    "pfa_code": _ID,
    "place": _text("force.short_name"),
    "place_kind": _ID,
    "place_name": _text("force.name", "force.short_name"),
    "place_short_name": _text("force.short_name"),
    "previous_status": _text("improvement_action.status"),
    "published": _DATE,
    "publisher": _quoted("metric.publisher", "source.publisher"),
    "region": _text("force.region"),
    "row_count": _NUMBER,
    "sha256": _ID,
    "short_name": _text("force.short_name"),
    "sort_order": _ID,
    "source_id": _ID,
    "source_published": _DATE,
    "source_publisher": _SOURCE_PUBLISHER,
    "source_status": _text("source.status"),
    "source_tier": _TIER,
    "source_title": _SOURCE_TITLE,
    "source_title_kind": _code("dashboard.common.wording.cited_title"),
    "source_url": _ADDRESS,
    "standard_text": _text("metric.standard_text"),
    "standard_value": _NUMBER,
    "status": _text("source.status", "improvement_action.status", "timeline_event.status"),
    "summary": _text("finding.summary"),
    "superseded_by_file": Shown("file"),
    "superseded_by_load_id": _ID,
    "target_date": _DATE,
    "theme_id": _ID,
    "tier": _TIER,
    "title": _quoted("source.title", "timeline_event.title"),
    "title_kind": _code("dashboard.common.wording.cited_title"),
    "unit": _text("metric.unit"),
    "update_count": _NUMBER,
    "update_date": _DATE,
    "update_summary": _text("improvement_action.update_summary"),
    "url": _ADDRESS,
    "value": _NUMBER,
    "warnings": Shown("generated"),
}

"""One public-text rule for every column a page shows: each column any query returns is registered in
dashboard/store/public_text.SHOWN_COLUMNS, and each text column comes from data the build checks as public text."""

from __future__ import annotations

import importlib
from datetime import date

import pytest

from dashboard.store.public_text import GLOSSARY, SHOWN_COLUMNS, public_text_problems, unexplained_abbreviations
from dashboard.store.tables import TABLES
from queries import QUERY_NAMES, query_parameters, run_query

SAMPLE_PARAMETERS = {
    "force_id": "hertfordshire",
    "cycle_id": "2023-25",
    "metric_ids": ["pct_999_answered_10s", "crime_recording_rate_pct"],
    "force_ids": ["hertfordshire", "england-and-wales"],
    "as_at": date(2025, 3, 31),
    "since": date(2024, 12, 31),
}
KINDS = ("text", "quoted", "code", "number", "date", "address", "identifier", "file", "generated")


def returned_columns() -> dict[str, list[str]]:
    """Every column each query returns on the fixture database, with the queries that return it."""
    columns: dict[str, list[str]] = {}
    for name in sorted(QUERY_NAMES):
        frame = run_query(name, **{p: SAMPLE_PARAMETERS[p] for p in query_parameters(name)})
        for column in frame.columns:
            columns.setdefault(column, []).append(name)
    return columns


def table_column(origin: str):
    table_name, column_name = origin.split(".")
    table = next(t for t in TABLES.values() if t.name == table_name)
    return next(c for c in table.columns if c.name == column_name)


def converter(path: str):
    module, name = path.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


def test_every_column_a_query_returns_is_registered_with_how_it_is_made_fit_to_show(use_fixture_db):
    columns = returned_columns()
    missing = {column: queries for column, queries in columns.items() if column not in SHOWN_COLUMNS}
    assert sorted(missing) == [], "register these in dashboard/store/public_text.SHOWN_COLUMNS"
    stale = sorted(set(SHOWN_COLUMNS) - set(columns))
    assert stale == [], "no query returns these any more"
    print(f"{len(columns)} public columns covered")


def test_every_text_column_comes_from_data_the_build_checks_as_public_text():
    unchecked = []
    for column, shown in SHOWN_COLUMNS.items():
        assert shown.how in KINDS, column
        if shown.how in ("text", "quoted"):
            assert shown.origins, column
            for origin in shown.origins:
                declared = table_column(origin)
                # Text shown as our own words must get the full check; a publisher's words keep their shorthand.
                if not declared.public or (shown.how == "text" and declared.quoted):
                    unchecked.append(f"{column} <- {origin}")
    assert unchecked == []


def test_every_code_is_turned_into_words_by_something_that_knows_every_value():
    for column, shown in SHOWN_COLUMNS.items():
        if shown.how != "code":
            continue
        for path in shown.origins:
            words = converter(path)
            assert callable(words) or isinstance(words, dict), f"{column}: {path}"
    evidence = converter("dashboard.common.scale.EVIDENCE_LABEL")
    assert set(table_column("grade.evidence").allowed) <= set(evidence)
    finding_kinds = converter("dashboard.grades.model.FINDING_KINDS")
    assert set(table_column("finding.kind").allowed) <= set(finding_kinds)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("What was reported was Not seen.", "Not seen"),
        ("Evidence: probable only", "probable only"),
        ("tier: secondary (Hemel Today)", "tier: "),
        ("Officers (FTE) at the snapshot date", "FTE"),
        ("Crime Survey (CSEW) estimate", "CSEW (not in the glossary)"),
    ],
)
def test_research_words_codes_and_unexplained_shorthand_are_not_public_text(text, problem):
    assert problem in public_text_problems(text)


def test_a_publishers_own_title_keeps_its_shorthand_once_the_glossary_explains_it():
    assert public_text_problems("Thames Valley Police response to CDI inspection report", quoted=True) == []
    assert public_text_problems("The PCC's report on PEEL", quoted=False) == []
    assert unexplained_abbreviations("The PCCs of England and Wales") == []
    assert "CDI" in GLOSSARY and "PEEL" in GLOSSARY

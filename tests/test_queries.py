"""Every named query: documented, parameterised, and returning known values from the fixture database."""

from __future__ import annotations

from datetime import date

import pytest

from queries import QUERY_NAMES, UnknownQueryError, query_parameters, query_text, run_query

# Sample parameters for each query, so that every .sql file is exercised against the fixture.
SAMPLE_PARAMETERS = {
    "force_id": "hertfordshire",
    "cycle_id": "2023-25",
    "metric_ids": ["pct_999_answered_10s", "crime_recording_rate_pct"],
    "force_ids": ["hertfordshire", "england-and-wales"],
    "as_at": date(2025, 3, 31),
    "since": date(2024, 12, 31),
}


@pytest.mark.parametrize("name", sorted(QUERY_NAMES))
def test_every_query_has_a_header_naming_grain_parameters_and_columns(name):
    header = query_text(name).split("\n\n")[0]
    assert header.startswith(f"-- {name}:")
    for part in ("Grain:", "Parameters:", "Columns:"):
        assert part in header, f"{name}.sql header lacks {part}"


@pytest.mark.parametrize("name", sorted(QUERY_NAMES))
def test_every_query_runs_and_returns_its_declared_columns(name, use_fixture_db):
    params = {p: SAMPLE_PARAMETERS[p] for p in query_parameters(name)}
    frame = run_query(name, **params)
    header = query_text(name).split("\n\n")[0]
    declared = header.split("Columns:")[1]
    for column in frame.columns:
        assert column in declared, f"{name} returns undeclared column {column}"


def test_force_grades_returns_the_fixture_grades_and_not_known_for_gaps(use_fixture_db):
    grades = run_query("force_grades", force_id="hertfordshire", cycle_id="2023-25").set_index("area_short_name")
    assert len(grades) == 9
    assert grades.loc["Recording data about crime", "grade"] == "Inadequate"
    assert grades.loc["Preventing crime", "grade"] == "Good"
    assert grades.loc["Investigating crime", "grade"] == "Not known"
    assert grades.loc["Preventing crime", "source_tier"] == "primary"


def test_latest_figures_takes_the_most_recent_period(use_fixture_db):
    figures = run_query("latest_figures", force_id="hertfordshire", metric_ids=["pct_999_answered_10s"])
    assert figures["period_label"].tolist() == ["April 2024"]
    assert figures["value"].tolist() == [85.0]
    assert figures["source_tier"].tolist() == ["secondary"]


def test_forces_lists_only_forces_with_their_aliases(use_fixture_db):
    forces = run_query("forces")
    assert forces["force_id"].tolist() == ["essex", "hertfordshire", "kent"]
    assert list(forces.set_index("force_id").loc["hertfordshire", "aliases"]) == ["Herts"]


def test_a_value_with_a_quote_is_bound_not_spliced(use_fixture_db):
    grades = run_query("force_grades", force_id="hertfordshire' OR '1'='1", cycle_id="2023-25")
    assert set(grades["grade"]) == {"Not known"}


def test_only_query_files_that_exist_can_be_run(use_fixture_db):
    with pytest.raises(UnknownQueryError):
        run_query("../data/schema")
    with pytest.raises(UnknownQueryError):
        run_query("drop_everything")


def test_parameters_must_match_the_query(use_fixture_db):
    with pytest.raises(TypeError):
        run_query("force_grades", force_id="hertfordshire")

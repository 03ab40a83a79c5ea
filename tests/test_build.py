"""The build: real data loads, bad data is rejected with file/row/column, and nothing is lost."""

from __future__ import annotations

import csv
import hashlib
import os
from datetime import date
from pathlib import Path

import duckdb
import pytest

from dashboard.store.build import build_database, ensure_database, is_stale
from dashboard.store.periods import describe_period
from dashboard.store.tables import DataFileError


def rewrite_cell(path: Path, row_number: int, column: str, value: str) -> None:
    """Set one cell; row_number counts as a spreadsheet does (header = row 1)."""
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
        fields = list(rows[0])
    rows[row_number - 2][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_real_data_builds_with_43_forces_and_every_grade_row(real_db):
    con = duckdb.connect(str(real_db), read_only=True)
    assert con.execute("SELECT count(*) FROM force WHERE kind = 'force'").fetchone()[0] == 43
    assert con.execute("SELECT count(*) FROM grade").fetchone()[0] == 43 * 2 * 9
    herts = dict(
        con.execute(
            "SELECT a.short_name, g.grade FROM grade g JOIN peel_area a USING (cycle_id, area_id) "
            "WHERE force_id = 'hertfordshire' AND cycle_id = '2023-25'"
        ).fetchall()
    )
    assert herts == {
        "Preventing crime": "Good",
        "Police powers and public treatment": "Adequate",
        "Managing offenders": "Adequate",
        "Developing a positive workplace": "Adequate",
        "Responding to the public": "Requires improvement",
        "Investigating crime": "Requires improvement",
        "Protecting vulnerable people": "Requires improvement",
        "Leadership and force management": "Requires improvement",
        "Recording data about crime": "Inadequate",
    }


def test_probable_and_not_found_grades_are_loaded_as_not_known(real_db):
    con = duckdb.connect(str(real_db), read_only=True)
    wrong = con.execute(
        "SELECT count(*) FROM grade WHERE evidence IN ('probable only', 'not found') AND grade <> 'Not known'"
    ).fetchone()[0]
    herts_earlier = con.execute(
        "SELECT DISTINCT grade FROM grade WHERE force_id = 'hertfordshire' AND cycle_id = '2021-22'"
    ).fetchall()
    assert wrong == 0
    assert herts_earlier == [("Not known",)]


def test_every_grade_finding_and_observation_has_a_source(real_db):
    con = duckdb.connect(str(real_db), read_only=True)
    assert con.execute("SELECT count(*) FROM grade WHERE grade <> 'Not known' AND source_id IS NULL").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM observation WHERE source_id IS NULL").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM finding WHERE source_id IS NULL").fetchone()[0] == 0


def test_crime_recording_cause_of_concern_and_innovative_practice_are_loaded(real_db):
    con = duckdb.connect(str(real_db), read_only=True)
    kinds = dict(con.execute("SELECT kind, count(*) FROM finding WHERE force_id = 'hertfordshire' GROUP BY kind").fetchall())
    chrysalis = con.execute("SELECT count(*) FROM finding WHERE summary LIKE '%Chrysalis%'").fetchone()[0]
    assert kinds["cause_of_concern"] == 1
    assert kinds["innovative_practice"] == 5  # the press release's theme plus the four the PCC names
    assert chrysalis == 1


def test_a_grade_outside_the_scale_is_rejected_naming_file_row_and_column(fixture_data_copy, tmp_path):
    rewrite_cell(fixture_data_copy / "grades.csv", 3, "grade", "Excellent")
    with pytest.raises(DataFileError) as caught:
        build_database(fixture_data_copy, tmp_path / "new.duckdb")
    message = str(caught.value)
    assert "data/grades.csv, row 3, column 'grade'" in message
    assert "'Excellent' is not one of" in message


def test_an_observation_without_a_source_is_rejected_naming_file_row_and_column(fixture_data_copy, tmp_path):
    rewrite_cell(fixture_data_copy / "observations.csv", 4, "source_id", "")
    with pytest.raises(DataFileError) as caught:
        build_database(fixture_data_copy, tmp_path / "new.duckdb")
    assert "data/observations.csv, row 4, column 'source_id': a value is required" in str(caught.value)


def test_a_failed_build_leaves_the_existing_database_exactly_as_it_was(fixture_data_copy, tmp_path):
    db_path = tmp_path / "kept.duckdb"
    build_database(fixture_data_copy, db_path)
    before = file_digest(db_path)
    rewrite_cell(fixture_data_copy / "observations.csv", 2, "value", "84%")
    with pytest.raises(DataFileError) as caught:
        build_database(fixture_data_copy, db_path)
    assert "row 2, column 'value': expected a number, found '84%' (write the number without a % sign)" in str(caught.value)
    assert file_digest(db_path) == before
    assert not list(tmp_path.glob("*.building"))


def test_an_unknown_force_in_grades_is_rejected(fixture_data_copy, tmp_path):
    rewrite_cell(fixture_data_copy / "grades.csv", 2, "force_id", "gotham")
    with pytest.raises(DataFileError) as caught:
        build_database(fixture_data_copy, tmp_path / "new.duckdb")
    assert "data/grades.csv, row 2, column 'force_id': 'gotham' is not a known force id" in str(caught.value)


def test_a_repeated_force_metric_period_is_rejected(fixture_data_copy, tmp_path):
    rewrite_cell(fixture_data_copy / "observations.csv", 3, "period_start", "2023-11-01")
    rewrite_cell(fixture_data_copy / "observations.csv", 3, "period_end", "2023-11-30")
    with pytest.raises(DataFileError) as caught:
        build_database(fixture_data_copy, tmp_path / "new.duckdb")
    assert "data/observations.csv, row 3, column 'period_label': duplicate of row 2" in str(caught.value)


def test_a_missing_column_is_named(fixture_data_copy, tmp_path):
    path = fixture_data_copy / "metrics.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("definition", "meaning", 1), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        build_database(fixture_data_copy, tmp_path / "new.duckdb")
    assert "data/metrics.csv, row 1, column 'definition': required column is missing" in str(caught.value)


def test_a_database_older_than_its_sources_is_rebuilt(fixture_data_copy, tmp_path):
    db_path = tmp_path / "stale.duckdb"
    ensure_database(fixture_data_copy, db_path)
    assert not is_stale(db_path, fixture_data_copy)
    (fixture_data_copy / "sources.csv").touch()
    import os

    os.utime(db_path, (1, 1))
    assert is_stale(db_path, fixture_data_copy)
    ensure_database(fixture_data_copy, db_path)
    assert not is_stale(db_path, fixture_data_copy)


def test_the_app_rechecks_its_sources_only_after_the_interval_but_rebuilds_a_missing_database(fixture_data_copy, tmp_path):
    import os

    db_path = tmp_path / "throttled.duckdb"
    ensure_database(fixture_data_copy, db_path, recheck_after=3600)
    os.utime(db_path, (1, 1))  # now older than every source file
    ensure_database(fixture_data_copy, db_path, recheck_after=3600)
    assert is_stale(db_path, fixture_data_copy)  # checked a moment ago, so not looked at again yet
    ensure_database(fixture_data_copy, db_path, recheck_after=0)
    assert not is_stale(db_path, fixture_data_copy)
    db_path.unlink()
    ensure_database(fixture_data_copy, db_path, recheck_after=3600)
    assert db_path.exists()  # a missing database is always built, whatever the interval


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        (date(2023, 11, 1), date(2023, 11, 30), "November 2023"),
        (date(2022, 4, 1), date(2023, 3, 31), "Year to March 2023"),
        (date(2023, 11, 1), date(2024, 10, 31), "12 months to October 2024"),
        (date(2022, 1, 1), date(2022, 12, 31), "2022"),
        (date(2021, 3, 21), date(2021, 3, 21), "21 March 2021"),
        (None, date(2017, 9, 30), "Period ending 30 September 2017"),
        (None, None, "Period not stated"),
        (date(2021, 11, 1), date(2022, 4, 30), "November 2021 to April 2022"),
    ],
)
def test_periods_are_described_in_plain_english(start, end, label):
    assert describe_period(start, end) == label


def test_a_page_run_reads_one_database_build_throughout_and_the_next_run_sees_a_new_one(tmp_path, monkeypatch):
    from dashboard.store.db import database_version, one_version_per_run

    built = tmp_path / "dashboard.duckdb"
    built.write_bytes(b"first build")
    monkeypatch.setenv("DASHBOARD_DB", str(built))
    with one_version_per_run() as during:
        replacement = tmp_path / "new.duckdb"
        replacement.write_bytes(b"second build")
        os.utime(replacement, ns=(built.stat().st_mtime_ns + 10**9,) * 2)
        replacement.replace(built)  # a rebuild swaps its file in halfway through the run
        assert database_version() == during
        assert database_version(built) != during  # asked about the file by name, the new build is seen
    assert database_version() == (str(built), built.stat().st_mtime_ns) != during

"""The PCC office's tracker CSV loads with `python -m dashboard load --kind improvement-tracker`, by the same rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest
from importer_helpers import snapshot

from dashboard.store.build import build_database
from dashboard.store.importers.load import SourceSpec, load_file
from dashboard.store.tables import TABLES, DataFileError

TRACKER = Path(__file__).parent / "fixtures" / "tracker"


@pytest.fixture
def env(fixture_data_copy, tmp_path):
    """A writable copy of the fixture data with its own database; never the real data/."""
    db_path = tmp_path / "tracker.duckdb"
    build_database(fixture_data_copy, db_path)
    return fixture_data_copy, db_path


def rows(db_path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_the_template_has_exactly_the_columns_of_the_tracker_table():
    template = Path(__file__).parents[1] / "data" / "templates" / "improvement_actions.csv"
    assert template.read_text(encoding="utf-8").splitlines()[0].split(",") == TABLES["improvement_action"].column_names


def test_a_tracker_file_adds_updates_and_corrects_one_keeping_the_earlier_row(env):
    data_dir, db_path = env
    report = load_file(
        TRACKER / "update.csv", "improvement-tracker", SourceSpec("test-inspectorate"), data_dir=data_dir, db_path=db_path
    )
    assert report.row_count == 2
    latest = rows(db_path, "SELECT status, update_date FROM improvement_action WHERE action_id = 'a2' ORDER BY update_date DESC")
    assert latest[0] == ("closed by the inspectorate", date(2025, 6, 1))
    assert rows(db_path, "SELECT target_date FROM improvement_action WHERE action_id = 'a1' AND update_date = '2025-01-15'") == [
        (date(2025, 4, 30),)
    ]
    assert rows(db_path, "SELECT target_date, update_summary FROM improvement_action_history") == [
        (date(2025, 3, 31), "Test: work under way")
    ]
    # Force names were resolved to ids; the rebuilt database replays the load.
    rebuilt = db_path.with_name("again.duckdb")
    build_database(data_dir, rebuilt)
    assert rows(rebuilt, "SELECT count(*) FROM improvement_action") == [(6,)]


def test_a_bad_tracker_file_is_rejected_whole_naming_row_and_column_and_nothing_changes(env):
    data_dir, db_path = env
    before = snapshot(data_dir, db_path)
    with pytest.raises(DataFileError) as caught:
        load_file(TRACKER / "bad.csv", "improvement-tracker", SourceSpec(), data_dir=data_dir, db_path=db_path)
    # A cell that is not what its column holds is named first, as in the curated files (the address check is per cell).
    assert "bad.csv, row 3, column 'evidence_url': expected a web address starting https://" in str(caught.value)
    assert snapshot(data_dir, db_path) == before

    addressed = data_dir.parent / "bad.csv"
    addressed.write_text((TRACKER / "bad.csv").read_text().replace("evidence.pdf", "https://example.org/evidence.pdf"))
    with pytest.raises(DataFileError) as caught:
        load_file(addressed, "improvement-tracker", SourceSpec(), data_dir=data_dir, db_path=db_path)
    message = str(caught.value)
    assert "bad.csv, row 2, column 'finding_id': 'f9' is not a known finding id; load the finding first" in message
    assert "bad.csv, row 3, column 'finding_id': finding f3 belongs to hertfordshire 2023-25, not essex 2023-25" in message
    assert "bad.csv, row 3, column 'finding_id': finding f3 is innovative practice" in message
    assert snapshot(data_dir, db_path) == before

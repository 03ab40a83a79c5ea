"""`python -m dashboard export`: the open-data package reads back, validates as a Data Package and matches the database."""

from __future__ import annotations

import csv
import json
import zipfile

import duckdb
import pandas as pd
from frictionless import validate

from dashboard.__main__ import main
from dashboard.store.export import export_package


def test_the_package_validates_and_every_table_has_the_database_row_count(real_db, tmp_path):
    package = export_package(real_db, tmp_path / "open-data")
    report = validate(str(package.folder / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:5]
    descriptor = json.loads((package.folder / "datapackage.json").read_text(encoding="utf-8"))
    con = duckdb.connect(str(real_db), read_only=True)
    try:
        tables = [
            r[0] for r in con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()
        ]
        expected = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
        build_id = con.execute("SELECT build_id FROM build_info").fetchone()[0]
    finally:
        con.close()
    assert {r["path"] for r in descriptor["resources"]} == {f"csv/{t}.csv" for t in tables}
    for resource in descriptor["resources"]:
        table = resource["path"].removeprefix("csv/").removesuffix(".csv")
        with (package.folder / resource["path"]).open(encoding="utf-8", newline="") as handle:
            assert sum(1 for _ in csv.DictReader(handle)) == expected[table], table
        assert len(pd.read_parquet(package.folder / resource["parquet"])) == expected[table], table
        assert all(field["description"] for field in resource["schema"]["fields"])
    assert expected["observation"] > 100 and expected["grade"] > 100  # the real data, not an empty shell
    assert descriptor["version"] == build_id == package.version
    assert descriptor["licenses"][0]["title"] == "Open Government Licence v3.0"
    assert any("HMICFRS" in s["title"] or "Inspectorate" in s["title"] for s in descriptor["sources"])


def test_a_measure_published_in_the_package_is_the_figure_in_the_database(real_db, tmp_path):
    package = export_package(real_db, tmp_path / "open-data")
    exported = pd.read_csv(package.folder / "csv" / "observation.csv")
    con = duckdb.connect(str(real_db), read_only=True)
    try:
        force_id, metric_id, period, value = con.execute(
            "SELECT force_id, metric_id, period_label, value FROM observation ORDER BY ALL LIMIT 1"
        ).fetchone()
    finally:
        con.close()
    row = exported[(exported.force_id == force_id) & (exported.metric_id == metric_id) & (exported.period_label == period)]
    assert row["value"].tolist() == [value]


def test_the_zip_holds_the_package_and_its_data_dictionary(real_db, tmp_path):
    package = export_package(real_db, tmp_path / "open-data")
    with zipfile.ZipFile(package.zip_path) as archive:
        names = set(archive.namelist())
    assert {"datapackage.json", "data-dictionary.csv", "csv/observation.csv", "parquet/observation.parquet"} <= names
    assert package.zip_path.name == f"policing-accountability-dashboard-open-data-{package.version}.zip"


def test_the_command_line_writes_the_package(real_db, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DASHBOARD_DB", str(real_db))
    assert main(["export", "--out", str(tmp_path / "pkg")]) == 0
    assert "Wrote the open-data package version" in capsys.readouterr().out
    assert (tmp_path / "pkg" / "datapackage.json").exists()


def test_no_table_in_the_package_carries_the_curation_notes_that_never_leave_the_csvs(real_db, tmp_path):
    """data/README.md: curation_note (research notes for maintainers) never leaves the CSVs and the database."""
    con = duckdb.connect(str(real_db), read_only=True)
    try:
        noted = con.execute("SELECT count(*) FROM observation WHERE curation_note IS NOT NULL").fetchone()[0]
    finally:
        con.close()
    assert noted > 0  # the notes are there to leak
    package = export_package(real_db, tmp_path / "open-data")
    descriptor = json.loads((package.folder / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        assert "curation_note" not in [field["name"] for field in resource["schema"]["fields"]], resource["name"]
        with (package.folder / resource["path"]).open(encoding="utf-8", newline="") as handle:
            assert "curation_note" not in next(csv.reader(handle)), resource["path"]
        assert "curation_note" not in pd.read_parquet(package.folder / resource["parquet"]).columns, resource["parquet"]
    assert "curation_note" not in package.dictionary["Column"].tolist()
    with zipfile.ZipFile(package.zip_path) as archive:
        assert not [name for name in archive.namelist() if b"curation_note" in archive.read(name)]
    # A curation note's words, too: the reference note behind a grade, kept whole in curation_note.
    assert "[stated] PFCC news page lists all nine grades" not in (package.folder / "csv" / "grade.csv").read_text("utf-8")


def test_the_package_tells_spreadsheet_users_its_values_are_as_published(real_db, tmp_path):
    package = export_package(real_db, tmp_path / "open-data")
    descriptor = json.loads((package.folder / "datapackage.json").read_text(encoding="utf-8"))
    assert "a cell starting with =, +, - or @ may otherwise be read as a formula" in descriptor["description"]
    notes = pd.read_csv(package.folder / "csv" / "observation.csv")["public_note"].dropna().tolist()
    assert "Up 13% on the year before (566)." in notes

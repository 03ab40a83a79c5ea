"""The importers: real formats load, malformed files are rejected whole, and nothing is ever lost or garbled."""

from __future__ import annotations

import hashlib
import io
import sys
import types
from datetime import date
from pathlib import Path

import duckdb
import pytest
from importer_helpers import IMPORTS, NEW_999_SOURCE, prepare, snapshot

from dashboard.__main__ import main
from dashboard.store.build import build_database
from dashboard.store.importers import REGISTRY, Progress, template_importer
from dashboard.store.importers.base import parse_number
from dashboard.store.importers.headers import header_tokens
from dashboard.store.importers.load import SourceSpec, load_file
from dashboard.store.importers.police_uk_999 import classify, parse_month
from dashboard.store.tables import TABLES, DataFileError
from queries import run_query

NEW_SOURCE = SourceSpec(**NEW_999_SOURCE)
NEW_SOURCE_ID = "test-home-office-police-uk-999-call-answering-data-synthetic-2024-06-20"


@pytest.fixture
def env(fixture_data_copy, tmp_path):
    """A writable copy of the fixture data with its own database; never the real data/."""
    db_path = tmp_path / "import.duckdb"
    prepare(fixture_data_copy, db_path)
    return fixture_data_copy, db_path


def load(env, name: str, kind: str = "police-uk-999", source: SourceSpec = NEW_SOURCE, **kwargs):
    data_dir, db_path = env
    return load_file(IMPORTS / name, kind, source, data_dir=data_dir, db_path=db_path, **kwargs)


def rows(env, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(env[1]), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def figure(env, force_id: str, metric_id: str, period: str):
    found = rows(
        env,
        "SELECT value, numerator, denominator, source_id FROM observation "
        "WHERE force_id = ? AND metric_id = ? AND period_label = ?",
        [force_id, metric_id, period],
    )
    return found[0] if found else None


# --- the police.uk 999 file ---------------------------------------------------------------------


def test_a_999_file_stores_each_published_measure_for_each_force_and_month(env):
    report = load(env, "police_uk_999_2024.csv")
    assert report.row_count == 8
    assert figure(env, "hertfordshire", "pct_999_answered_10s", "April 2024") == (86.0, 8600.0, 10000.0, NEW_SOURCE_ID)
    assert figure(env, "hertfordshire", "calls_999", "April 2024")[0] == 10000.0
    assert figure(env, "hertfordshire", "calls_999_answered_10s", "May 2024")[0] == 9345.0
    assert figure(env, "essex", "mean_999_answer_seconds", "May 2024")[0] == 4.9
    assert figure(env, "kent", "pct_999_answered_10_60s", "April 2024") is None  # not published as a share
    assert figure(env, "kent", "calls_999_answered_10_60s", "April 2024")[0] == 1500.0


def test_empty_cells_in_a_999_file_stay_gaps(env):
    load(env, "police_uk_999_2024.csv")
    kent_may = rows(env, "SELECT metric_id FROM observation WHERE force_id = 'kent' AND period_label = 'May 2024'")
    assert kent_may == [("calls_999",)]


def test_police_scotland_is_kept_apart_from_england_and_wales(env):
    load(env, "police_uk_999_2024.csv")
    scotland = rows(
        env,
        "SELECT f.kind, o.value FROM observation o JOIN force f USING (force_id) "
        "WHERE force_id = 'police-scotland' AND metric_id = 'pct_999_answered_10s'",
    )
    assert scotland == [("outside_england_and_wales", 95.0)]
    # The England and Wales figure is the file's own, not a sum that could take Scotland in.
    assert figure(env, "england-and-wales", "calls_999", "April 2024")[0] == 900000.0


def test_the_load_is_logged_and_the_file_kept_unedited(env):
    data_dir, _ = env
    report = load(env, "police_uk_999_2024.csv")
    original = (IMPORTS / "police_uk_999_2024.csv").read_bytes()
    sha = hashlib.sha256(original).hexdigest()
    assert rows(env, "SELECT load_id, kind, file_name, sha256, row_count, source_id FROM load_log") == [
        (1, "police-uk-999", "police_uk_999_2024.csv", sha, 8, NEW_SOURCE_ID)
    ]
    assert (data_dir / report.stored_path).read_bytes() == original
    assert rows(env, "SELECT publisher, tier, licence FROM source WHERE source_id = ?", [NEW_SOURCE_ID]) == [
        ("Test Home Office (police.uk)", "primary", "Open Government Licence v3.0")
    ]


def test_the_official_figure_replaces_a_second_hand_one_which_is_kept_in_history(env):
    report = load(env, "police_uk_999_2024.csv")
    assert (report.changes.revised, report.changes.added) == (1, 42)
    history = rows(
        env,
        "SELECT value, source_id, superseded_by_load_id FROM observation_history "
        "WHERE force_id = 'hertfordshire' AND metric_id = 'pct_999_answered_10s' AND period_label = 'April 2024'",
    )
    assert history == [(85.0, "test-news", 1)]


def test_other_spellings_of_headers_months_and_force_names_are_understood(env):
    report = load(env, "police_uk_999_other_headers.csv")
    assert "'Answered under 10s' → calls answered within 10 seconds" in report.column_map
    assert "'Percentage answered in under 10 seconds' → share answered within 10 seconds (%)" in report.column_map
    assert "'Average time to answer (secs)' → mean answer time (seconds)" in report.column_map
    assert report.warnings[0] == "Not loaded: column(s) 'Region', which match no measure we hold."
    assert figure(env, "hertfordshire", "pct_999_answered_10s", "April 2024")[0] == 86.0
    assert figure(env, "essex", "calls_999", "May 2024")[0] == 12500.0  # 01/05/2024 is read day first
    assert figure(env, "kent", "mean_999_answer_seconds", "April 2024")[0] == 6.8  # "Apr-24"


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Force", "force"),
        ("Force Name", "force"),
        ("Month", "month"),
        ("Total 999 calls", "calls"),
        ("TOTAL  CALLS", "calls"),
        ("Calls answered within 10 seconds", "within_10_count"),
        ("% answered under 10s", "within_10_pct"),
        ("Percentage of calls answered in less than 10 seconds", "within_10_pct"),
        ("Calls answered between 10 and 60 seconds", "band_10_60_count"),
        ("% 10-60s", "band_10_60_pct"),
        ("Calls answered in over 60 seconds", "over_60_count"),
        ("% answered after more than 60 secs", "over_60_pct"),
        ("Mean answer time (seconds)", "mean_seconds"),
        ("Average time to answer", "mean_seconds"),
        ("Force code", None),
        ("Calls abandoned", None),
    ],
)
def test_999_headers_are_matched_by_meaning(header, field):
    assert classify(header_tokens(header), header) == field


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("2024-04", date(2024, 4, 1)),
        ("April 2024", date(2024, 4, 1)),
        ("Apr-24", date(2024, 4, 1)),
        ("01/04/2024", date(2024, 4, 1)),
        ("2024-04-01 00:00:00", date(2024, 4, 1)),
        ("Sept 2023", date(2023, 9, 1)),
    ],
)
def test_months_are_read_in_the_usual_uk_spellings(text, start):
    assert parse_month(text)[0] == start


def test_a_percent_sign_is_stripped_only_where_the_header_carries_one():
    assert parse_number("84%", percent_sign_allowed=True) == 84.0
    with pytest.raises(ValueError, match=r"write 84 without the % sign"):
        parse_number("84%")
    assert parse_number("41,798", whole=True) == 41798.0
    assert parse_number("[x]") is None


# --- malformed files: rejected whole, nothing changed --------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "message"),
    [
        ("bad_wrong_header.csv", "police-uk-999", "bad_wrong_header.csv, row 1: no column for the force name"),
        (
            "bad_text_in_number.csv",
            "police-uk-999",
            "bad_text_in_number.csv, row 3, column 'Total 999 calls': expected a whole number, found 'twelve thousand'",
        ),
        (
            "bad_percent_sign.csv",
            "police-uk-999",
            "bad_percent_sign.csv, row 2, column 'Percentage answered within 10 seconds': expected a number, "
            "found '84%' (write 84 without the % sign)",
        ),
        (
            "bad_duplicate_force_month.csv",
            "police-uk-999",
            "bad_duplicate_force_month.csv, row 4, column 'Force': duplicate of row 2: Herts, April 2024 appears twice",
        ),
        (
            "bad_unknown_force.csv",
            "police-uk-999",
            "bad_unknown_force.csv, row 3, column 'Force': 'Gotham City Police' is not a police force we know",
        ),
        ("bad_empty.csv", "police-uk-999", "bad_empty.csv, row 1: the file is empty"),
        ("bad_cp1252.csv", "police-uk-999", "bad_cp1252.csv, row 3: is not UTF-8 text"),
        (
            "bad_truncated.xlsx",
            "ons-pfa",
            "bad_truncated.xlsx: could not be opened as an Excel workbook (.xlsx): it may be truncated",
        ),
        (
            "bad_negative_offences.xlsx",
            "ons-pfa",
            "bad_negative_offences.xlsx, sheet 'Table P1 ', row 8, "
            "column 'C ('Total recorded crime  (excluding fraud) [note 2]')': expected a whole number of offences, found -5",
        ),
        (
            "grades_template_bad_area.csv",
            "grades",
            "row 2, column 'area_id': 'good-use-of-resources' is not an area of the 2023-25 cycle",
        ),
    ],
)
def test_a_malformed_file_is_rejected_whole_and_nothing_changes(env, name, kind, message):
    load(env, "police_uk_999_2024.csv")  # so that there is a manifest, a stored release and history to keep
    before = snapshot(*env)
    with pytest.raises(DataFileError) as caught:
        load(env, name, kind, source=SourceSpec("test-inspectorate"))
    assert message in str(caught.value)
    assert str(caught.value).startswith("Rejected:") and "nothing was changed" in str(caught.value)
    assert snapshot(*env) == before


def test_a_dry_run_says_what_would_change_and_writes_nothing(env):
    before = snapshot(*env)
    report = load(env, "police_uk_999_2024.csv", dry_run=True)
    assert (report.changes.added, report.changes.revised, report.changes.unchanged) == (42, 1, 0)
    assert report.changes.examples == ["hertfordshire, pct_999_answered_10s, April 2024: 85 → 86"]
    assert "Dry run: nothing was written." in report.lines()
    assert snapshot(*env) == before


def test_loading_the_same_file_twice_changes_nothing(env):
    load(env, "police_uk_999_2024.csv")
    before = snapshot(*env)
    again = load(env, "police_uk_999_2024.csv", source=SourceSpec("test-news"))
    assert again.already_loaded is not None and again.already_loaded.load_id == 1
    assert again.lines()[0].startswith("Already loaded: police_uk_999_2024.csv has the same contents")
    assert snapshot(*env) == before


def test_a_revised_release_shows_the_newest_value_and_keeps_the_earlier_one(env):
    load(env, "police_uk_999_2024.csv")
    report = load(env, "police_uk_999_2024_revised.csv", source=SourceSpec(NEW_SOURCE_ID))
    assert (report.changes.added, report.changes.revised, report.changes.unchanged) == (6, 4, 8)
    assert figure(env, "hertfordshire", "pct_999_answered_10s", "April 2024")[:3] == (87.0, 8700.0, 10000.0)
    history = rows(
        env,
        "SELECT value, superseded_by_load_id FROM observation_history "
        "WHERE force_id = 'hertfordshire' AND metric_id = 'pct_999_answered_10s' ORDER BY superseded_by_load_id",
    )
    assert history == [(85.0, 1), (86.0, 2)]
    # May was repeated unchanged: it keeps its first load and gains no history.
    assert rows(
        env,
        "SELECT load_id FROM observation "
        "WHERE force_id = 'hertfordshire' AND metric_id = 'calls_999' AND period_label = 'May 2024'",
    ) == [(1,)]


def test_a_failed_rebuild_takes_the_release_out_again(env, monkeypatch):
    load(env, "police_uk_999_2024.csv")
    before = snapshot(*env)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt  # as if the analyst pressed Ctrl+C during the rebuild

    monkeypatch.setattr("dashboard.store.importers.load.build_database", interrupted)
    with pytest.raises(KeyboardInterrupt):
        load(env, "police_uk_999_2024_revised.csv", source=SourceSpec(NEW_SOURCE_ID))
    assert snapshot(*env) == before


def test_a_failed_first_load_leaves_no_releases_folder_behind(env, monkeypatch):
    data_dir, _ = env
    before = snapshot(*env)
    monkeypatch.setattr("dashboard.store.importers.load.build_database", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        load(env, "police_uk_999_2024.csv")
    assert not (data_dir / "releases").exists()
    assert snapshot(*env) == before


def test_the_database_rebuilt_from_data_replays_every_release(env, tmp_path):
    data_dir, db_path = env
    load(env, "police_uk_999_2024.csv")
    load(env, "police_uk_999_2024_revised.csv", source=SourceSpec(NEW_SOURCE_ID))
    load(
        env,
        "ons_pfa_no_period.xlsx",
        "ons-pfa",
        source=SourceSpec("test-inspectorate"),
        options={"period": "year ending March 2024"},
    )
    loaded = snapshot(*env)["queries"]
    fresh = tmp_path / "fresh.duckdb"
    build_database(data_dir, fresh)
    assert snapshot(data_dir, fresh)["queries"] == loaded


def test_a_stored_release_edited_after_loading_stops_the_build(env, tmp_path):
    data_dir, _ = env
    report = load(env, "police_uk_999_2024.csv")
    stored = data_dir / report.stored_path
    stored.write_text(stored.read_text(encoding="utf-8").replace("8600", "8601"), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        build_database(data_dir, tmp_path / "new.duckdb")
    assert "data/releases/manifest.csv, row 2, column 'sha256'" in str(caught.value)
    assert "has changed since it was loaded" in str(caught.value)


def test_a_load_must_name_a_known_source_or_describe_a_new_one(env):
    with pytest.raises(DataFileError, match="name the source of this file"):
        load(env, "police_uk_999_2024.csv", source=SourceSpec())
    with pytest.raises(DataFileError, match="'nowhere' is not a known source id"):
        load(env, "police_uk_999_2024.csv", source=SourceSpec("nowhere"))
    with pytest.raises(DataFileError, match="expected a date as YYYY-MM-DD, found '20 June 2024'"):
        load(env, "police_uk_999_2024.csv", source=SourceSpec(publisher="X", title="Y", published="20 June 2024"))


# --- the ONS workbook ------------------------------------------------------------------------------


def test_ons_table_p1_gives_each_force_and_england_and_wales_and_leaves_regions_out(env):
    report = load(env, "ons_pfa_2024.xlsx", "ons-pfa", source=SourceSpec("test-inspectorate"))
    assert figure(env, "hertfordshire", "recorded_crime_total", "Year to March 2024")[0] == 95000.0
    assert figure(env, "south-wales", "recorded_crime_total", "Year to March 2024")[0] == 110000.0
    assert figure(env, "england-and-wales", "recorded_crime_total", "Year to March 2024")[0] == 6500000.0
    assert figure(env, "essex", "recorded_robbery", "Year to March 2024") is None  # published as [x]
    period = rows(env, "SELECT DISTINCT period_start, period_end FROM observation WHERE metric_id = 'recorded_crime_total'")
    assert period == [(date(2023, 4, 1), date(2024, 3, 31))]
    places = {r[0] for r in rows(env, "SELECT DISTINCT force_id FROM observation WHERE load_id = 1")}
    assert places == {"hertfordshire", "essex", "kent", "south-wales", "england-and-wales"}
    assert "4 region and country total row(s) left out (only forces and England and Wales are kept)." in report.warnings


def test_ons_period_comes_from_the_title_rows_or_from_the_period_option(env):
    with pytest.raises(DataFileError, match="give it with --period 'year ending March 2024'"):
        load(env, "ons_pfa_no_period.xlsx", "ons-pfa", source=SourceSpec("test-inspectorate"), dry_run=True)
    with pytest.raises(DataFileError, match="the title rows say Year to March 2024 but --period says 2023"):
        load(
            env,
            "ons_pfa_2024.xlsx",
            "ons-pfa",
            source=SourceSpec("test-inspectorate"),
            options={"period": "December 2023"},
            dry_run=True,
        )
    report = load(
        env,
        "ons_pfa_no_period.xlsx",
        "ons-pfa",
        source=SourceSpec("test-inspectorate"),
        options={"period": "year ending March 2024"},
    )
    assert "period: Year to March 2024" in report.column_map


# --- the templates and the registry ----------------------------------------------------------------


def test_the_templates_have_exactly_the_columns_of_their_tables():
    templates = Path(__file__).parents[1] / "data" / "templates"
    for name, table in (("grades.csv", "grade"), ("findings.csv", "finding"), ("observations.csv", "observation")):
        header = (templates / name).read_text(encoding="utf-8").splitlines()[0].split(",")
        assert header == TABLES[table].column_names


def test_a_grades_template_replaces_not_known_and_keeps_the_earlier_row(env):
    report = load(env, "grades_template.csv", "grades", source=SourceSpec())
    assert report.source_id == "test-inspectorate"  # every row cites it
    assert rows(env, "SELECT grade FROM grade WHERE force_id = 'hertfordshire' AND area_id = 'workforce'") == [("Adequate",)]
    assert rows(env, "SELECT grade FROM grade WHERE force_id = 'essex' AND area_id = 'responding'") == [("Good",)]
    assert rows(env, "SELECT force_id, grade, superseded_by_load_id FROM grade_history ORDER BY force_id") == [
        ("essex", "Requires improvement", 1),
        ("hertfordshire", "Not known", 1),
    ]


def test_a_findings_template_rewords_one_finding_and_adds_another(env):
    load(env, "findings_template.csv", "findings", source=SourceSpec())
    assert rows(env, "SELECT summary FROM finding WHERE finding_id = 'f2'") == [("Test area for improvement (reworded)",)]
    assert rows(env, "SELECT summary FROM finding_history") == [("Test area for improvement",)]
    assert rows(env, "SELECT kind FROM finding WHERE finding_id = 'f9'") == [("promising_practice",)]


def test_an_observations_template_names_its_period_from_the_dates(env, monkeypatch):
    load(env, "observations_template.csv", "observations", source=SourceSpec("test-inspectorate"))
    assert figure(env, "hertfordshire", "crime_recording_rate_pct", "July 2024 to December 2024")[0] == 90.5
    assert figure(env, "essex", "calls_999", "April 2024")[0] == 12000.0
    # A load that revised no figure is still listed among the loads, with nothing revised.
    monkeypatch.setenv("DASHBOARD_DB", str(env[1]))
    loads = run_query("load_log")
    assert list(zip(loads["file_name"], loads["figures_superseded"])) == [("observations_template.csv", 0)]
    # Every figure the load brought in is counted as shown from it (the About page's "Figures shown from it").
    (loaded,) = rows(env, "SELECT count(*) FROM observation WHERE load_id IS NOT NULL")[0]
    assert loaded > 0 and loads["figures_shown"].tolist() == [loaded]


def test_a_new_kind_registered_by_another_module_loads_and_replays(env, monkeypatch, tmp_path):
    data_dir, _ = env
    monkeypatch.setitem(REGISTRY, "peer-groups", template_importer("peer-groups", "peer_group", "Most similar groups"))
    peers = tmp_path / "peers.csv"
    peers.write_text(
        "group_id,force_id,member_force_id,name,source_id\nmsg-test,hertfordshire,kent,Test group,test-news\n", "utf-8"
    )
    load_file(peers, "peer-groups", SourceSpec(), data_dir=data_dir, db_path=env[1])
    assert ("msg-test", "kent") in rows(env, "SELECT group_id, member_force_id FROM peer_group")
    build_database(data_dir, tmp_path / "again.duckdb")


# --- command line and progress ----------------------------------------------------------------------


def test_the_command_line_loads_a_file_reports_in_words_and_then_publishes_the_static_edition(
    env, monkeypatch, capsys, stand_in_site
):
    data_dir, db_path = env
    monkeypatch.setenv("DASHBOARD_DB", str(db_path))
    args = ["load", str(IMPORTS / "police_uk_999_2024.csv"), "--kind", "police-uk-999", "--data-dir", str(data_dir)]
    source = [
        "--publisher",
        "Test Home Office (police.uk)",
        "--title",
        "999 call answering data (synthetic)",
        "--published",
        "2024-06-20",
    ]
    assert main([*args, *source, "--dry-run"]) == 0
    assert "Would add 42 figure(s), revise 1" in capsys.readouterr().out
    assert not stand_in_site.exists(), "a dry run changes nothing, so publishes nothing"
    assert main([*args, *source]) == 0
    out = capsys.readouterr().out
    assert "Loaded as load 1" in out and "Kept the file unedited as data/releases/police-uk-999/" in out
    assert f"Published the static edition in {stand_in_site}" in out
    assert (stand_in_site / "hertfordshire" / "index.html").is_file()


def test_a_load_stands_when_the_static_edition_then_fails_and_the_failure_is_said(env, monkeypatch, capsys, stand_in_site):
    data_dir, db_path = env
    monkeypatch.setenv("DASHBOARD_DB", str(db_path))

    def broken(destination):
        raise RuntimeError("the renderer is missing a template")

    monkeypatch.setitem(sys.modules, "dashboard.site.build", types.SimpleNamespace(build_site=broken))
    args = ["load", str(IMPORTS / "police_uk_999_2024.csv"), "--kind", "police-uk-999", "--data-dir", str(data_dir)]
    assert main([*args, "--publisher", "Test Home Office (police.uk)", "--title", "999 data (synthetic)"]) == 0
    captured = capsys.readouterr()
    assert "Loaded as load 1" in captured.out
    assert "the renderer is missing a template" in captured.err
    assert "The data was loaded; only the static edition was not updated" in captured.err
    assert main([*args, "--publisher", "Test Home Office (police.uk)", "--title", "999 data (synthetic)"]) == 0
    assert "Already loaded" in capsys.readouterr().out, "the load was kept"


def test_the_command_line_names_file_row_and_column_of_a_bad_file(env, monkeypatch, capsys):
    data_dir, db_path = env
    monkeypatch.setenv("DASHBOARD_DB", str(db_path))
    code = main(
        [
            "load",
            str(IMPORTS / "bad_percent_sign.csv"),
            "--kind",
            "police-uk-999",
            "--source",
            "test-news",
            "--data-dir",
            str(data_dir),
        ]
    )
    assert code == 1
    assert "bad_percent_sign.csv, row 2, column 'Percentage answered within 10 seconds'" in capsys.readouterr().err


def test_progress_is_reported_about_every_tenth_of_a_large_file():
    stream = io.StringIO()
    progress = Progress("big.csv", stream)
    for done in range(1, 2581):
        progress(done, 2580)
    lines = stream.getvalue().splitlines()
    assert lines[0] == "  big.csv: checked 1 of 2,580 rows (0%)"
    assert lines[-1] == "  big.csv: checked 2,580 of 2,580 rows (100%)"
    assert 10 <= len(lines) <= 12

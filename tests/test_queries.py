"""Every named query: documented, parameterised, and returning known values from the fixture database."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dashboard.store.build import build_database
from queries import QUERY_NAMES, UnknownQueryError, query_parameters, query_text, run_query
from tests.conftest import FIXTURE_DATA

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


@pytest.fixture(scope="module")
def undated_db(tmp_path_factory) -> Path:
    """The fixture data plus two figures with no stated period, whose source (Test Gazette) was published 1 May 2024,
    and two that end on the same day as another."""
    data = tmp_path_factory.mktemp("undated") / "data"
    shutil.copytree(FIXTURE_DATA, data)
    with (data / "observations.csv").open("a", encoding="utf-8") as observations:
        observations.write("kent,pct_999_answered_10s,,,Period not stated,70.0,,,,test-news,undated\n")
        observations.write("essex,pct_999_answered_10s,,,Period not stated,60.0,,,,test-news,undated\n")
        # Two more Hertfordshire figures ending with its April 2024 month: the month, starting latest, stays the latest.
        observations.write("hertfordshire,pct_999_answered_10s,2024-01-01,2024-04-30,January to April 2024,83.0,,,,test-news,\n")
        observations.write("hertfordshire,pct_999_answered_10s,,2024-04-30,Period to April 2024,84.0,,,,test-news,\n")
    path = tmp_path_factory.mktemp("undated-db") / "undated.duckdb"
    build_database(data, path)
    return path


def latest_as_at(as_at: date) -> list[tuple]:
    places = ["england-and-wales", "essex", "hertfordshire", "kent"]
    metrics = ["crime_recording_rate_pct", "pct_999_answered_10s"]
    figures = run_query("latest_figures_as_at", force_ids=places, metric_ids=metrics, as_at=as_at)
    return list(figures[["metric_id", "place_name", "period_label", "value", "source_title"]].itertuples(index=False, name=None))


def test_latest_figures_as_at_a_date_take_each_places_newest_dated_figure_else_an_undated_one(undated_db, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(undated_db))
    # In the order asked for: metric by metric, place by place. Essex's dated figure wins over its undated one;
    # Kent has only an undated figure, known once its source was published (1 May 2024).
    assert latest_as_at(date(2024, 5, 1)) == [
        ("pct_999_answered_10s", "England and Wales", "November 2023", 88.0, "Test news story"),
        ("pct_999_answered_10s", "Essex", "November 2023", 91.0, "Test news story"),
        ("pct_999_answered_10s", "Hertfordshire", "April 2024", 85.0, "Test news story"),
        ("pct_999_answered_10s", "Kent", "Period not stated", 70.0, "Test news story"),
    ]
    # A day earlier Kent's undated figure was not yet published; Hertfordshire's April figure ends that day.
    assert [row[1] for row in latest_as_at(date(2024, 4, 30))] == ["England and Wales", "Essex", "Hertfordshire"]
    # Hertfordshire's crime recording rate (to June 2024) counts once its period has ended.
    assert latest_as_at(date(2024, 6, 30))[0] == (
        "crime_recording_rate_pct", "Hertfordshire", "December 2023 to June 2024", 82.0, "Test inspection report"
    )  # fmt: skip


def test_figures_as_at_come_in_the_order_of_places_and_measures_asked_each_with_its_own_place_name(use_fixture_db):
    figures = run_query(
        "metric_series_as_at",
        force_ids=["essex", "hertfordshire"],
        metric_ids=["pct_999_answered_10s", "crime_recording_rate_pct"],
        as_at=date(2024, 6, 30),  # the day the crime recording figure's period ends: it is known that day
    )
    assert list(zip(figures["place_name"], figures["metric_id"], figures["value"])) == [
        ("Essex", "pct_999_answered_10s", 91.0),
        ("Hertfordshire", "pct_999_answered_10s", 80.0),
        ("Hertfordshire", "pct_999_answered_10s", 85.0),
        ("Hertfordshire", "crime_recording_rate_pct", 82.0),
    ]
    before = run_query(
        "metric_series_as_at", force_ids=["hertfordshire"], metric_ids=["pct_999_answered_10s"], as_at=date(2024, 4, 29)
    )
    assert list(zip(before["metric_id"], before["value"])) == [("pct_999_answered_10s", 80.0)]  # April's ends the 30th


def test_figures_as_at_put_an_undated_figure_first_so_the_table_ends_on_the_newest(undated_db, monkeypatch):
    # The meeting's and the pack's tables read down to the newest figure; one with no stated period cannot be placed
    # in that run, so it comes before it; of figures ending on one day, the one starting latest (the latest) comes last.
    monkeypatch.setenv("DASHBOARD_DB", str(undated_db))
    figures = run_query(
        "metric_series_as_at", force_ids=["essex", "hertfordshire"], metric_ids=["pct_999_answered_10s"], as_at=date(2024, 6, 30)
    )
    assert list(zip(figures["place_name"], figures["period_label"], figures["value"])) == [
        ("Essex", "Period not stated", 60.0),
        ("Essex", "November 2023", 91.0),
        ("Hertfordshire", "November 2023", 80.0),
        ("Hertfordshire", "Period to April 2024", 84.0),
        ("Hertfordshire", "January to April 2024", 83.0),
        ("Hertfordshire", "April 2024", 85.0),
    ]


def test_the_latest_figure_is_the_newest_dated_one_and_of_those_ending_together_the_one_starting_latest(undated_db, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(undated_db))
    metrics = ["pct_999_answered_10s", "crime_recording_rate_pct"]
    herts = run_query("latest_figures", force_id="hertfordshire", metric_ids=metrics)
    assert list(zip(herts["metric_id"], herts["period_label"], herts["value"])) == [
        ("pct_999_answered_10s", "April 2024", 85.0),  # not 'January to April 2024' nor 'Period to April 2024'
        ("crime_recording_rate_pct", "December 2023 to June 2024", 82.0),
    ]
    essex = run_query("latest_figures", force_id="essex", metric_ids=metrics)
    assert essex["period_label"].tolist() == ["November 2023"]  # its undated figure is never the latest


def test_every_source_is_listed_primary_first_even_one_that_states_no_grade(use_real_db):
    sources = run_query("sources")
    assert len(sources) == 178  # every row of data/sources.csv
    assert sources["tier"].tolist() == ["primary"] * 46 + ["secondary"] * 132
    for _, titles in sources.groupby(["tier", "publisher"], sort=False)["title"]:  # one publisher's by title
        assert titles.tolist() == sorted(titles.tolist()), titles.tolist()
    assert (sources["grades_cited"] == 0).sum() == 83  # cited only for figures or findings, or kept for the record


def test_coverage_counts_forces_not_figures_and_lists_only_measures_with_figures(use_fixture_db):
    coverage = run_query("metric_coverage").set_index("metric_id")
    assert coverage.loc["pct_999_answered_10s", ["figure_count", "force_count", "period_count"]].tolist() == [4, 2, 2]
    assert "calls_999" not in coverage.index  # a measure with no figure held is not offered


def test_grade_counts_are_one_forces_in_one_cycle(use_fixture_db):
    counts = run_query("force_grade_counts", force_id="hertfordshire", cycle_id="2021-22")
    assert list(zip(counts["grade"], counts["area_count"])) == [("Good", 2), ("Adequate", 1)]
    assert run_query("force_grade_counts", force_id="essex", cycle_id="2021-22").empty
    assert run_query("force_grade_counts", force_id="hertfordshire", cycle_id="2023-25").empty


def test_places_to_choose_from_list_the_forces_by_name_then_the_wider_areas(use_real_db):
    places = run_query("places")
    forces = places[places["kind"] == "force"]["short_name"].tolist()
    assert len(forces) == 43 and forces == sorted(forces)
    assert places["kind"].tolist()[:43] == ["force"] * 43  # England and Wales and the rest after every force


def _grade_changes(since: date, as_at: date) -> list[tuple]:
    rows = run_query("grade_changes", since=since, as_at=as_at)
    return list(
        zip(rows["force_short_name"], rows["area_name"], rows["grade"], rows["day"].map(lambda d: d.strftime("%Y-%m-%d")))
    )


def test_grade_changes_count_a_publication_after_since_and_on_or_before_as_at_each_area_once(use_fixture_db):
    published = [
        ("Hertfordshire", "Preventing crime and antisocial behaviour", "Good", "2024-10-16"),
        ("Hertfordshire", "Responding to the public", "Requires improvement", "2024-10-16"),
        ("Hertfordshire", "Recording data about crime", "Inadequate", "2024-10-16"),
    ]
    assert sorted(_grade_changes(date(2024, 10, 15), date(2024, 10, 16))) == sorted(published)
    assert _grade_changes(date(2024, 10, 16), date(2024, 12, 31)) == []  # since is exclusive
    assert _grade_changes(date(2024, 4, 1), date(2024, 10, 15)) == []  # as_at is inclusive: the day before is empty
    # Essex's grades, a Not graded area among them, on their own day; Kent's after them; the area not known never
    assert {row[0] for row in _grade_changes(date(2024, 1, 1), date(2025, 12, 31))} == {"Essex", "Hertfordshire", "Kent"}
    assert len(_grade_changes(date(2024, 1, 1), date(2025, 12, 31))) == 3 + 3 + 1


def test_grade_changes_name_each_area_from_its_own_cycle_once(use_real_db):
    rows = run_query("grade_changes", since=date(2024, 10, 15), as_at=date(2024, 10, 16))
    herts = rows[rows["force_id"] == "hertfordshire"]
    grades = run_query("force_grades", force_id="hertfordshire", cycle_id="2023-25")
    assert sorted(zip(herts["area_name"], herts["grade"])) == sorted(zip(grades["area_name"], grades["grade"]))
    assert len(herts) == 9


def _figure_changes(metric_ids: list[str], since: date, as_at: date) -> list[tuple]:
    rows = run_query("figure_changes", metric_ids=metric_ids, since=since, as_at=as_at)
    return list(
        zip(rows["force_short_name"], rows["metric_id"], rows["value"], rows["day"].map(lambda d: d.strftime("%Y-%m-%d")))
    )


def test_figure_changes_count_a_figure_from_its_periods_end_after_since_and_on_or_before_as_at_for_forces_only(
    use_fixture_db,
):
    both = ["pct_999_answered_10s", "crime_recording_rate_pct"]
    november = [
        ("Essex", "pct_999_answered_10s", 91.0, "2023-11-30"),
        ("Hertfordshire", "pct_999_answered_10s", 80.0, "2023-11-30"),
    ]
    assert _figure_changes(both, date(2023, 11, 29), date(2023, 11, 30)) == november  # England and Wales is no force
    assert _figure_changes(both, date(2023, 11, 30), date(2023, 12, 31)) == []  # since is exclusive
    assert _figure_changes(both, date(2023, 10, 1), date(2023, 11, 29)) == []  # as_at is inclusive: the day before is empty
    assert _figure_changes(["crime_recording_rate_pct"], date(2023, 1, 1), date(2025, 1, 1)) == [
        ("Hertfordshire", "crime_recording_rate_pct", 82.0, "2024-06-30")
    ]
    assert [row[3] for row in _figure_changes(both, date(2023, 1, 1), date(2025, 1, 1))] == [
        "2024-06-30", "2024-04-30", "2023-11-30", "2023-11-30"
    ]  # fmt: skip


def test_figure_changes_on_one_day_come_in_the_order_of_the_measures_asked(use_real_db):
    asked = ["pct_999_answered_10s", "calls_999"]
    rows = run_query("figure_changes", metric_ids=asked, since=date(2023, 11, 29), as_at=date(2023, 11, 30))
    bedfordshire = rows[rows["force_id"] == "bedfordshire"]
    assert list(bedfordshire["metric_id"]) == asked
    backwards = run_query("figure_changes", metric_ids=asked[::-1], since=date(2023, 11, 29), as_at=date(2023, 11, 30))
    assert list(backwards[backwards["force_id"] == "bedfordshire"]["metric_id"]) == asked[::-1]


def test_the_measures_to_explore_are_listed_by_name_with_their_latest_period(use_real_db):
    coverage = run_query("metric_coverage")
    assert coverage["name"].tolist() == sorted(coverage["name"])
    figures = run_query("metric_series", force_ids=run_query("places")["force_id"].tolist(), metric_ids=["pct_999_answered_10s"])
    latest = coverage.set_index("metric_id").loc["pct_999_answered_10s", "latest_period_end"]
    assert pd.Timestamp(latest) == pd.to_datetime(figures["period_end"]).max()


def test_an_undated_figure_is_known_from_the_day_its_source_was_published(undated_db, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(undated_db))

    def kents(as_at: date) -> list[float]:
        figures = run_query("metric_series_as_at", force_ids=["kent"], metric_ids=["pct_999_answered_10s"], as_at=as_at)
        return figures["value"].tolist()

    assert kents(date(2024, 5, 1)) == [70.0]  # Test Gazette published it on 1 May 2024
    assert kents(date(2024, 4, 30)) == []

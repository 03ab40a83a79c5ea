"""The grades, all-forces and similar-forces pages, run through AppTest on the real embedded data."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.common.spreadsheet import spreadsheet_csv
from dashboard.grades.model import GRADE_STATES
from dashboard.store.paths import DATA_DIR
from tests.app_helpers import downloaded_csv, headings, markdown_texts, show_tables

APP = str(Path(__file__).parents[1] / "app.py")


def open_page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for name, value in params.items():
        at.query_params[name] = value
    at.switch_page(f"pages/{page}.py")
    return at.run()


def table(at: AppTest, first_column: str, containing: str | None = None) -> pd.DataFrame:
    """The first table on the page whose first column is named first_column (and, optionally, has a column)."""
    for frame in show_tables(at).dataframe:
        value = frame.value
        if list(value.columns)[0] == first_column and (containing is None or containing in value.columns):
            return value
    raise AssertionError(f"no table starting with {first_column!r}")


def area_cards(at: AppTest) -> list[str]:
    """The area cards on the grades page: one markdown element, each card a heading to its closing rule."""
    cards = [m.value for m in at.markdown if m.value.startswith("##### ")]
    assert len(cards) <= 1
    return [card.strip() for card in cards[0].split("\n\n---") if card.strip()] if cards else []


def area_card(at: AppTest, area_name: str) -> str:
    """One area's card on the grades page."""
    cards = [card for card in area_cards(at) if card.startswith(f"##### {area_name}\n\n")]
    assert len(cards) == 1, area_name
    return cards[0]


def loaded_grades(cycle_id: str) -> pd.DataFrame:
    """The grade rows exactly as loaded from data/grades.csv, for one cycle."""
    grades = pd.read_csv(DATA_DIR / "grades.csv")
    return grades[grades["cycle_id"] == cycle_id]


# --- Inspection grades page -----------------------------------------------------------------------


def test_grades_page_shows_recording_data_about_crime_as_inadequate(use_real_db):
    at = open_page("grades")
    assert not at.exception
    assert at.title[0].value == "Hertfordshire Constabulary: inspection grades"
    grades = table(at, "Area", "How we know").set_index("Area")
    assert grades.loc["Recording data about crime", "Grade"] == "Inadequate"
    assert grades.loc["Preventing crime and antisocial behaviour", "Grade"] == "Good"
    markdown = markdown_texts(at)
    card = area_card(at, "Recording data about crime")
    assert card.split("\n\n")[1] == ":red-badge[✖ Inadequate]"  # the grade straight under the area's heading
    assert "**Report published 16 October 2024**" in markdown


def test_grades_page_puts_findings_under_their_area_and_the_figure_beside_the_grade(use_real_db):
    at = open_page("grades")
    card = area_card(at, "Recording data about crime").split("\n\n")
    assert any("Crime recording rate (all crime): 82.6%" in m and "primary source" in m for m in card)
    concern = next(m for m in card if m.startswith("**Cause of concern:** The force was not recording reported crime correctly"))
    assert "  \n:small[Source: [" in concern  # its source in small print on the next line
    responding = area_card(at, "Responding to the public")
    assert "999 calls answered within 10 seconds: 87.4%, April 2024, below the 90% standard" in responding
    grades = table(at, "Area", "How we know")
    assert [card.split("\n\n")[0] for card in area_cards(at)] == [f"##### {area}" for area in grades["Area"]]
    assert "Not tied to one area" in headings(at)
    findings = table(at, "Area", "Finding")
    assert (findings["Area"] == "Not tied to one area").sum() == 4
    unplaced = next(text for text in markdown_texts(at) if text.startswith(":small[Findings the sources do not tie"))
    sources = [line for line in unplaced.split("\n") if line.startswith(":small[") and "Source: " in line]
    assert len(sources) == 4  # each finding not tied to an area, with its source on the line under it
    assert unplaced.endswith("full list of areas for improvement may be longer.]")
    assert findings.loc[findings["Kind"] == "Cause of concern", "Area"].tolist() == ["Recording data about crime"]


def test_grades_page_for_a_counts_only_cycle_shows_counts_not_placements(use_real_db):
    at = open_page("grades", cycle="2021-22")
    assert not at.exception
    assert at.query_params["cycle"] == "2021-22"
    assert "across 8 graded areas, 2 Good, 5 Adequate and 1 Requires improvement" in at.info[1].value
    counts = table(at, "Grade", "Number of areas").set_index("Grade")
    assert counts["Number of areas"].to_dict() == {"Good": 2, "Adequate": 5, "Requires improvement": 1}
    assert set(table(at, "Area", "How we know")["Grade"]) == {"Not known"}
    assert area_cards(at) == []  # no area card with a grade


def _forces_with_no_known_grades(cycle: str) -> list[str]:
    """Read from the data, so that a research pass that fills a force in does not break the test."""
    import csv

    with open(DATA_DIR / "grades.csv", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["cycle_id"] == cycle]
    known = {r["force_id"] for r in rows if r["grade"] != "Not known"}
    return sorted({r["force_id"] for r in rows} - known)


@pytest.mark.parametrize("force", _forces_with_no_known_grades("2023-25")[:2] or ["no-force-without-grades"])
def test_grades_page_for_a_force_with_no_known_grades_says_not_known(use_real_db, force):
    if force == "no-force-without-grades":
        pytest.skip("every force has at least one known 2023-25 grade in data/grades.csv")
    at = open_page("grades", force=force)
    assert not at.exception
    assert at.info[1].value.startswith("We do not hold any PEEL 2023-25 grades for")
    grades = table(at, "Area", "How we know")
    assert len(grades) == 9
    assert set(grades["Grade"]) == {"Not known"}
    assert set(grades["How we know"]) == {"Not known (no source found)"}


@pytest.mark.parametrize("value", ["2019-20", "<b>x</b>", "%%", "2" * 400])
def test_grades_page_with_a_bad_cycle_falls_back_to_the_latest(use_real_db, value):
    at = open_page("grades", cycle=value)
    assert not at.exception
    assert at.info[1].value.startswith("We hold no inspection cycle called")
    assert "<b>" not in at.info[1].value
    assert at.query_params["cycle"] == "2023-25"


def test_grades_page_shows_both_cycles_side_by_side_with_the_warning(use_real_db):
    at = open_page("grades")
    assert any("cannot be compared directly" in w.value for w in at.warning)
    side = table(at, "Area (PEEL 2023-25)")
    assert list(side.columns) == ["Area (PEEL 2023-25)", "PEEL 2023-25", "Area (PEEL 2021-22)", "PEEL 2021-22"]
    assert set(side["PEEL 2021-22"]) == {"Not known (counts only)"}


def test_choosing_the_other_cycle_changes_the_page_and_the_url(use_real_db):
    at = open_page("grades")
    at.radio[0].set_value("2021-22").run()
    assert at.query_params["cycle"] == "2021-22"
    assert headings(at)[0] == "PEEL 2021-22 grades"


def test_grades_csv_download_holds_the_rows_on_screen(use_real_db, downloads):
    at = open_page("grades")
    shown = table(at, "Area", "How we know")
    assert downloaded_csv(at, downloads, "grades_table_csv") == spreadsheet_csv(shown).decode()
    findings = table(at, "Area", "Finding")
    assert downloaded_csv(at, downloads, "findings_table_csv") == spreadsheet_csv(findings).decode()


# --- All forces page ------------------------------------------------------------------------------


@pytest.mark.parametrize("cycle_id", ["2023-25", "2021-22"])
def test_national_count_for_each_grade_in_each_area_equals_the_rows_loaded(use_real_db, cycle_id):
    at = open_page("national", cycle=cycle_id)
    assert not at.exception
    shown = table(at, "Area", "Forces").set_index("Area")
    loaded = loaded_grades(cycle_id)
    areas = pd.read_csv(DATA_DIR / "areas.csv")
    names = areas[areas["cycle_id"] == cycle_id].set_index("area_id")["short_name"]
    expected = loaded.assign(area=loaded["area_id"].map(names)).groupby(["area", "grade"]).size()
    for (area, grade), count in expected.items():
        assert shown.loc[area, grade] == count, (area, grade)
    assert shown[list(GRADE_STATES)].sum().sum() == len(loaded)
    assert set(shown["Forces"]) == {43}


def test_national_matrix_has_every_force_never_blank_and_states_coverage(use_real_db):
    at = open_page("national")
    matrix = table(at, "Force").set_index("Force")
    assert matrix.shape == (43, 9)
    assert not matrix.isna().any().any()
    assert matrix.loc["South Yorkshire", "Preventing crime"] == "Good"  # a real fact from the fourth research pass
    assert matrix.loc["Hertfordshire", "Recording data about crime"] == "Inadequate"
    loaded = loaded_grades("2023-25")
    known = loaded[loaded["grade"].isin(GRADE_STATES[:5])]["force_id"].nunique()
    complete = 43 - loaded[loaded["grade"] == "Not known"]["force_id"].nunique()
    assert at.info[1].value.startswith(f"Grades known for {known} of 43 forces in PEEL 2023-25; all areas known for {complete}.")
    # Forces with no known grade are named; which they are is read from the data, not pinned here.
    none_known = set(loaded["force_id"]) - set(loaded[loaded["grade"].isin(GRADE_STATES[:5])]["force_id"])
    short = pd.read_csv(DATA_DIR / "forces.csv").set_index("force_id")["short_name"]
    for force_id in none_known:
        assert short[force_id] in at.info[1].value


def test_national_page_lists_the_sources_with_their_tier(use_real_db):
    at = open_page("national")
    sources = table(at, "Publisher", "Grades cited")
    assert set(sources["Kind of source"]) == {"primary source", "second-hand source"}
    assert sources["Grades cited"].sum() == (loaded_grades("2023-25")["grade"] != "Not known").sum()
    notes = next(c.value for c in at.caption if c.value.startswith(f"These grades come from {len(sources)} sources"))
    assert "cannot be compared directly" in notes
    assert notes.endswith("**Not graded**: the inspectorate did not grade that area for that force.")


def test_national_page_shows_where_the_chosen_force_sits(use_real_db):
    at = open_page("national", force="essex")
    assert "Where Essex sits" in headings(at)
    position = table(at, "Area", "Others graded higher").set_index("Area")
    matrix = table(at, "Force").set_index("Force")
    area = "Responding to the public"
    grade = matrix.loc["Essex", area]
    assert position.loc[area, "Grade"] == grade
    others = matrix.drop(index="Essex")[area]
    assert position.loc[area, "Others graded the same"] == (others == grade).sum()
    chart = json.loads(at.get("plotly_chart")[-1].proto.spec)
    assert "<b>Essex ◀</b>" in chart["layout"]["yaxis"]["ticktext"]
    assert len(chart["layout"]["shapes"]) == 1  # the outline round Essex's row


def test_national_one_area_list_reads_the_area_from_the_url(use_real_db, downloads):
    at = open_page("national", area="crime-recording")
    by_grade = table(at, "Grade", "Which forces").set_index("Grade")
    assert "Hertfordshire" in by_grade.loc["Inadequate", "Which forces"].split(", ")
    assert by_grade["Forces"].sum() == 43
    assert downloaded_csv(at, downloads, "by_grade_csv") == spreadsheet_csv(by_grade.reset_index()).decode()
    assert downloaded_csv(at, downloads, "distribution_csv") == spreadsheet_csv(table(at, "Area", "Forces")).decode()


# --- Similar forces page --------------------------------------------------------------------------

HERTS_MSG = [
    "Hertfordshire",
    "Avon and Somerset",
    "Hampshire and Isle of Wight",
    "Leicestershire",
    "Staffordshire",
    "Surrey",
    "Sussex",
    "Thames Valley",
]


def test_peers_page_shows_hertfordshires_most_similar_group_as_the_pcc_listed_it(use_real_db):
    at = open_page("peers")
    assert not at.exception
    assert at.query_params["peers"] == "msg"
    assert table(at, "Force", "PEEL 2021-22")["Force"].tolist() == HERTS_MSG
    assert any(m.value.startswith("Most similar group (as listed by the PCC, July 2020): Avon and Somerset") for m in at.markdown)
    description = next(m.value for m in at.markdown if m.value.startswith("Most similar group"))
    small_print = description.split("\n\n")[-1]  # the group's source, in small print under it
    assert small_print.startswith(":small[⚠️ **Second-hand:** Source: [Hertfordshire Police and Crime Commissioner")


def test_peers_page_shows_the_group_named_in_the_url(use_real_db, downloads):
    at = open_page("peers", peers="custom", **{"with": "essex,kent"})
    assert not at.exception
    tally = table(at, "Force", "PEEL 2021-22")
    assert tally["Force"].tolist() == ["Hertfordshire", "Essex", "Kent"]
    assert at.multiselect[0].value == ["essex", "kent"]
    assert at.query_params["with"] == "essex,kent"
    assert downloaded_csv(at, downloads, "tally_csv") == spreadsheet_csv(tally).decode()
    for cycle_id in ("2023-25", "2021-22"):
        assert downloaded_csv(at, downloads, f"peers_{cycle_id}_csv").count("\n") == 4  # header + 3 forces


def test_peers_page_region_group_is_the_forces_of_the_region(use_real_db):
    at = open_page("peers", peers="region")
    forces = table(at, "Force", "PEEL 2021-22")["Force"].tolist()
    assert forces == ["Hertfordshire", "Bedfordshire", "Cambridgeshire", "Essex", "Norfolk", "Suffolk"]


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"peers": "nonsense"}, "We do not know a peer group called"),
        ({"force": "essex", "peers": "msg"}, "We hold no published most similar group for Essex"),
        ({"peers": "custom", "with": "kent,<i>nowhere</i>"}, "We could not find"),
    ],
)
def test_peers_page_bad_group_values_fall_back_politely(use_real_db, params, notice):
    at = open_page("peers", **params)
    assert not at.exception
    assert any(i.value.startswith(notice) for i in at.info)
    assert all("<i>" not in i.value for i in at.info)


def test_choosing_the_region_changes_the_group_and_the_url(use_real_db):
    at = open_page("peers")
    at.radio[0].set_value("region").run()
    assert at.query_params["peers"] == "region"
    assert table(at, "Force", "PEEL 2021-22")["Force"].tolist()[1] == "Bedfordshire"


def test_peers_page_never_joins_cycles_with_a_line_and_warns_where_they_meet(use_real_db):
    at = open_page("peers")
    assert sum("cannot be compared directly" in w.value for w in at.warning) == 2
    charts = at.get("plotly_chart")
    assert len(charts) == 2
    for chart in charts:
        assert {trace["type"] for trace in json.loads(chart.proto.spec)["data"]} == {"heatmap"}
    assert headings(at)[:3] == ["Both cycles side by side", "PEEL 2023-25", "PEEL 2021-22"]


def test_every_pick_counts_when_the_visitor_changes_force_and_cycle_twice(use_real_db):
    at = open_page("grades")
    at.selectbox[0].select("kent").run()
    at.selectbox[0].select("essex").run()  # a second pick on the same widget used to be lost
    assert at.title[0].value == "Essex Police: inspection grades"
    assert at.query_params["force"] == "essex"
    at.radio[0].set_value("2021-22").run()
    at.radio[0].set_value("2023-25").run()
    assert headings(at)[0] == "PEEL 2023-25 grades"
    assert at.query_params["cycle"] == "2023-25"


def test_picking_forces_one_after_another_builds_the_group_in_the_url(use_real_db):
    at = open_page("peers", peers="custom")
    at.multiselect[0].select("kent").run()
    at.multiselect[0].select("essex").run()
    assert at.query_params["with"] == "kent,essex"
    assert table(at, "Force", "PEEL 2021-22")["Force"].tolist() == ["Hertfordshire", "Essex", "Kent"]
    at.multiselect[0].unselect("kent").run()
    assert at.query_params["with"] == "essex"

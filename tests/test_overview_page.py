"""The overview page, run through Streamlit's AppTest on the real embedded data."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_helpers import figure_cards, show_tables

APP = str(Path(__file__).parents[1] / "app.py")


def open_app(force: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if force is not None:
        at.query_params["force"] = force
    return at.run()


def grades_table(at: AppTest):
    return show_tables(at).dataframe[0].value.set_index("Area")


def test_overview_shows_inadequate_for_recording_data_about_crime(use_real_db):
    at = open_app()
    assert not at.exception
    assert at.title[0].value.startswith("Hertfordshire Constabulary")
    grades = grades_table(at)
    assert grades.loc["Recording data about crime", "Grade"] == "Inadequate"
    assert grades.loc["Preventing crime and antisocial behaviour", "Grade"] == "Good"
    # The short answer first: the grades counted in words (which area has which is in the columns and table).
    assert "Good in 1 area" in at.info[0].value
    assert "Inadequate in 1." in at.info[0].value


def test_overview_lists_areas_under_their_grade_in_words(use_real_db):
    at = open_app()
    markdown = [m.value for m in at.markdown]
    # Each column is its grade in words (with a symbol, not colour alone) over the areas given that grade.
    assert "**:red-background[✖ Inadequate]**\n\n- Recording data about crime" in markdown
    assert "**:green-background[★ Good]**\n\n- Preventing crime" in markdown
    assert "**:blue-background[★★ Outstanding]**\n\n:small[No areas graded Outstanding]" in markdown


def test_overview_shows_previous_cycle_as_counts_with_the_comparability_warning(use_real_db):
    at = open_app()
    assert any("cannot be compared directly" in w.value for w in at.warning)
    assert any("2 Good, 5 Adequate, 1 Requires improvement" in m.value for m in at.markdown)


def test_overview_headline_999_figure_is_marked_second_hand_with_its_period(use_real_db):
    at = open_app()
    assert figure_cards(at)["999 calls answered within 10 seconds"] == "87.4%"
    card = next(m.value for m in at.markdown if m.value.startswith('<p class="card-name">999 calls answered'))
    assert "\n**April 2024 — over two years old** — below the 90% standard  \n" in card
    assert ":small[⚠️ **Second-hand:** Source: [The Comet" in card
    # What the figure measures opens from a summary a keyboard and a phone can reach (it was a hover tooltip).
    assert "<details><summary>What this measures</summary>" in card


def test_force_in_the_url_shows_that_force(use_real_db):
    at = open_app("essex")
    assert not at.exception
    assert at.title[0].value.startswith("Essex Police")
    assert at.query_params["force"] == "essex"
    assert at.selectbox[0].value == "essex"


def test_force_named_by_alias_is_understood(use_real_db):
    at = open_app("Herts")
    assert at.title[0].value.startswith("Hertfordshire Constabulary")
    assert at.query_params["force"] == "hertfordshire"


@pytest.mark.parametrize("value", ["not-a-force", "<b>bad</b>", "%%%", "x" * 3000])
def test_a_malformed_force_falls_back_to_hertfordshire_without_an_exception(use_real_db, value):
    at = open_app(value)
    assert not at.exception
    assert at.title[0].value.startswith("Hertfordshire Constabulary")
    assert any("We could not find a police force" in i.value for i in at.info)


def test_choosing_a_force_in_the_picker_changes_the_page_and_the_url(use_real_db):
    at = open_app()
    at.selectbox[0].select("kent").run()
    assert at.title[0].value.startswith("Kent Police")
    assert at.query_params["force"] == "kent"


def _a_force_with_no_known_grades() -> tuple[str, str, str] | None:
    """Read from the data: a research pass may fill in the last such force."""
    import csv

    from dashboard.store.paths import DATA_DIR

    with open(DATA_DIR / "grades.csv", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["cycle_id"] == "2023-25"]
    none_known = sorted({r["force_id"] for r in rows} - {r["force_id"] for r in rows if r["grade"] != "Not known"})
    if not none_known:
        return None
    with open(DATA_DIR / "forces.csv", encoding="utf-8") as handle:
        force = next(f for f in csv.DictReader(handle) if f["force_id"] == none_known[0])
    return force["force_id"], force["name"], force["short_name"]


def test_a_force_with_no_known_grades_says_so_plainly(use_real_db):
    chosen = _a_force_with_no_known_grades()
    if chosen is None:
        pytest.skip("every force has at least one known 2023-25 grade in data/grades.csv")
    force_id, name, short = chosen
    at = open_app(force_id)
    assert not at.exception
    assert f"PEEL 2023-25 grades:** none held for {short}" in at.info[0].value
    assert any(f"We do not hold any PEEL 2023-25 grades for {name}" in m.value for m in at.markdown)
    # No five empty columns for the cycle with no grades (the previous cycle's columns, with grades held, may have four).
    assert sum(m.value.count("No areas graded") for m in at.markdown) <= 4
    assert any(m.value.startswith(f"**Not known for {short}:**") for m in at.markdown)


def test_the_overview_says_how_each_grade_is_known_in_words_never_the_evidence_code(use_real_db):
    at = open_app("dorset")  # Dorset 2023-25 has grades whose only evidence is a likely grade ('probable only')
    assert not at.exception
    grades = grades_table(at)
    assert "Evidence" not in grades.columns
    assert set(grades["How we know"]) <= {
        "Stated by the source",
        "Worked out from published counts and the areas named",
        "Not known (only a likely grade was found)",
        "Not known (no source found)",
    }
    assert "Not known (only a likely grade was found)" in set(grades["How we know"])

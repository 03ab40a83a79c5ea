"""Views are built once per process and shared: two forces opened one after the other must each see their own.

A view cached without the force in its key would show every visitor the first force anyone opened. One
process serves every session, so these tests open several forces in one test, in both orders, rather than
relying on a fresh process (which would hide the bug: the first force is always right).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.holding import views as holding_cache
from dashboard.overview.views import overview_view

APP = str(Path(__file__).parents[1] / "app.py")

FIXTURE_FORCES = {
    "hertfordshire": ("Hertfordshire Constabulary", "Hertfordshire"),
    "essex": ("Essex Police", "Essex"),
    "kent": ("Kent Police", "Kent"),
}


def overview_summary(force_id: str) -> str:
    """The overview's sentence on the latest grades, as the visitor reads it under that section's heading."""
    return overview_view(force_id, *FIXTURE_FORCES[force_id], date.today()).summary_of_grades


@pytest.mark.parametrize("order", [("hertfordshire", "essex", "kent"), ("kent", "essex", "hertfordshire")])
def test_the_overview_view_of_each_force_names_that_force_and_its_own_grades(use_fixture_db, order):
    summaries = {force_id: overview_summary(force_id) for force_id in order}
    assert "Hertfordshire Constabulary" in summaries["hertfordshire"]
    assert "Inadequate in 1 area (Recording data about crime)" in summaries["hertfordshire"]
    assert "Essex Police" in summaries["essex"] and "Hertfordshire" not in summaries["essex"]
    assert "Requires improvement in 1 area (Responding to the public)" in summaries["essex"]
    assert "Inadequate" not in summaries["essex"]
    assert "Kent Police" in summaries["kent"] and "Good in 1 area (Preventing crime)" in summaries["kent"]
    # Asked again, each force still gets its own (the cached copy, not whichever was built last).
    assert overview_summary("hertfordshire") == summaries["hertfordshire"]
    assert overview_summary("essex") == summaries["essex"]


def test_the_overview_grades_table_belongs_to_the_force_asked_for(use_fixture_db):
    herts = overview_view("hertfordshire", *FIXTURE_FORCES["hertfordshire"], date.today()).grades_table.set_index("Area")
    essex = overview_view("essex", *FIXTURE_FORCES["essex"], date.today()).grades_table.set_index("Area")
    assert herts.loc["Recording data about crime", "Grade"] == "Inadequate"
    assert essex.loc["Recording data about crime", "Grade"] == "Not graded"


def test_the_meeting_step_of_each_force_is_its_own(use_fixture_db):
    day = date(2025, 3, 31)
    herts = holding_cache.step_view("hertfordshire", "Hertfordshire Constabulary", "Hertfordshire", 1, day, False)
    essex = holding_cache.step_view("essex", "Essex Police", "Essex", 1, day, False)
    assert herts.headline.startswith("Hertfordshire: Inadequate for recording data about crime")
    assert essex.headline.startswith("Essex: Requires improvement for ")


def open_overview(force: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["force"] = force
    return at.run()


def test_two_forces_opened_one_after_the_other_show_different_overviews(use_real_db):
    herts = open_overview("hertfordshire")
    essex = open_overview("essex")
    herts_again = open_overview("hertfordshire")
    for at in (herts, essex, herts_again):
        assert not at.exception
    assert essex.title[0].value == "Essex Police: where it stands"
    assert herts.title[0].value == herts_again.title[0].value == "Hertfordshire Constabulary: where it stands"
    # The lead under the title: the latest grades in words, then the headline figure.
    assert essex.info[0].value.startswith("**PEEL 2023-25 grades:**")
    assert essex.info[0].value != herts.info[0].value
    assert "Inadequate" in herts.info[0].value and "Inadequate" not in essex.info[0].value
    assert herts_again.info[0].value == herts.info[0].value
    # The grades table under the summary is the chosen force's too.
    assert essex.dataframe[0].value.equals(herts.dataframe[0].value) is False

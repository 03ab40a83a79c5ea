"""Figures loaded from an official monthly release show on the calls page and in the explorer."""

from __future__ import annotations

from pathlib import Path

import pytest
from importer_helpers import load_first_999_release
from test_performance_pages import open_page

from tests.app_helpers import show_tables


@pytest.fixture
def imported_db(fixture_data_copy, tmp_path, monkeypatch) -> Path:
    """The fixture data with the synthetic police.uk 999 file (April and May 2024) loaded through the importer."""
    db_path = tmp_path / "imported.duckdb"
    load_first_999_release(fixture_data_copy, db_path)
    monkeypatch.setenv("DASHBOARD_DB", str(db_path))
    return db_path


def test_the_calls_page_shows_the_imported_month_as_a_primary_figure(imported_db):
    at = open_page("calls")
    summaries = [m.value for m in at.markdown]
    assert any(
        s.startswith("In May 2024 Hertfordshire answered 89.0% of 999 calls within 10 seconds")
        and "second-hand" not in s.split(".")[1]
        for s in summaries
    )
    table = next(
        f.value for f in show_tables(at).dataframe if "Period" in f.value.columns and (f.value["Period"] == "May 2024").any()
    )
    may = table[(table["Place"] == "Hertfordshire") & (table["Period"] == "May 2024")].iloc[0]
    assert may["Value"] == "89.0%"
    assert may["Kind of source"] == "primary source"
    # The release revised the curated April figure: the newest value is the one shown.
    april = table[(table["Place"] == "Hertfordshire") & (table["Period"] == "April 2024")]
    assert april["Value"].tolist() == ["86.0%"]


def test_the_explorer_ranks_the_imported_month_without_scotland_or_england_and_wales(imported_db):
    at = open_page("explorer", period="may-2024")
    assert at.selectbox[2].value == "May 2024"
    ranking = next(f.value for f in show_tables(at).dataframe if "Rank" in f.value.columns)
    assert ranking["Force"].tolist() == ["Essex", "Hertfordshire (your force)"]
    assert ranking["Value"].tolist() == ["94.0%", "89.0%"]
    assert "Police Scotland" not in set(ranking["Force"])

"""The 'About the data' page: sources, the load log, revised figures, definitions and caveats, as a reader sees them."""

from __future__ import annotations

import csv
import os
import time
from pathlib import Path

import pytest
from importer_helpers import IMPORTS, load_first_999_release
from streamlit.testing.v1 import AppTest

from dashboard.store.importers.load import SourceSpec, load_file
from dashboard.store.paths import DATA_DIR
from queries import run_query
from tests.app_helpers import figure_cards, markdown_texts

APP = str(Path(__file__).parents[1] / "app.py")
PAGE = "pages/about_data.py"


def open_page(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(PAGE)
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def table(at: AppTest, first_column: str):
    return next(d.value for d in at.dataframe if d.value.columns[0] == first_column)


@pytest.fixture
def loaded_db(fixture_data_copy, tmp_path, monkeypatch) -> Path:
    """The fixture data with two 999 releases loaded, the second revising Hertfordshire's April 2024."""
    db_path = tmp_path / "loaded.duckdb"
    load_first_999_release(fixture_data_copy, db_path)
    source_id = "test-home-office-police-uk-999-call-answering-data-synthetic-2024-06-20"
    load_file(
        IMPORTS / "police_uk_999_2024_revised.csv",
        "police-uk-999",
        SourceSpec(source_id),
        data_dir=fixture_data_copy,
        db_path=db_path,
    )
    # The app rebuilds from the real data/ when its database looks older than it; this one must stay as loaded.
    future = time.time() + 86400
    os.utime(db_path, (future, future))
    monkeypatch.setenv("DASHBOARD_DB", str(db_path))
    return db_path


def test_the_page_states_the_known_caveats(use_real_db):
    at = open_page()
    assert not at.exception
    assert at.title[0].value == "About the data"
    caveats = next(text for text in markdown_texts(at) if text.startswith("- **999 calls.**"))
    assert "includes the network's connection time" in caveats
    assert "official statistics, but it is no longer accredited" in caveats
    assert "estimates from an audit of a sample of reports" in caveats and "confidence interval" in caveats
    assert "cannot be compared directly between inspection cycles" in caveats
    assert "marked as second-hand" in caveats


def test_every_source_is_listed_with_its_tier_status_and_licence(use_real_db):
    with (DATA_DIR / "sources.csv").open(encoding="utf-8") as handle:
        held = list(csv.DictReader(handle))
    at = open_page()
    sources = table(at, "Publisher")
    assert len(sources) == len(held)
    primary = sum(1 for s in held if s["tier"] == "primary")
    summary = f"We cite {len(held)} sources: {primary} primary and {len(held) - primary} second-hand. All are listed below."
    assert summary in [m.value for m in at.markdown]
    title = "PEEL 2023–25: Police effectiveness, efficiency and legitimacy – An inspection of Hertfordshire Constabulary"
    report = sources.set_index("Title or description").loc[title]
    assert report["Which it is"] == "The publisher's title"
    assert report["Kind of source"] == "primary source"
    assert report["Licence"] == "Open Government Licence v3.0"
    assert report["Published"] == "16 October 2024"


def test_the_tier_filter_follows_the_address_and_a_bad_value_falls_back_politely(use_real_db):
    at = open_page(tier="secondary", status="news report")
    sources = table(at, "Publisher")
    assert set(sources["Kind of source"]) == {"second-hand source"}
    assert set(sources["Status"]) == {"news report"}
    at = open_page(tier="invented")
    # at.info[0] is the page's lead under the title; the notice follows it.
    assert at.info[1].value == "The page address asked for a kind of source we do not have, so every kind of source is shown."
    assert {"primary source", "second-hand source"} <= set(table(at, "Publisher")["Kind of source"])


def test_with_nothing_loaded_the_page_says_so(use_fixture_db):
    at = open_page()
    assert not at.exception
    assert any(text.startswith("No official release has been loaded yet") for text in markdown_texts(at))
    assert "No figure has been revised by a later release." in markdown_texts(at)


def test_the_load_log_shows_each_loaded_file(loaded_db):
    at = open_page()
    assert not at.exception
    loads = table(at, "Load")
    assert loads["File"].tolist() == ["police_uk_999_2024_revised.csv", "police_uk_999_2024.csv"]
    assert loads["Rows in file"].tolist() == [3, 8]
    assert loads["Figures it revised"].tolist() == [4, 1]
    assert loads["Source"].iloc[0] == "Test Home Office (police.uk): 999 call answering data (synthetic)"
    loaded = "2 file(s) loaded. The latest, police_uk_999_2024_revised.csv (3 rows"
    assert any(text.startswith(loaded) for text in markdown_texts(at))


def test_revised_figures_show_the_earlier_and_the_current_value(loaded_db):
    at = open_page()
    revised = table(at, "Place")
    april = revised[(revised["Measure"] == "999 calls answered within 10 seconds") & (revised["Period"] == "April 2024")]
    assert sorted(zip(april["Earlier value"], april["Value now shown"], april["Replaced by"])) == [
        ("85.0%", "87.0%", "load 1: police_uk_999_2024.csv"),
        ("86.0%", "87.0%", "load 2: police_uk_999_2024_revised.csv"),
    ]
    assert set(revised.loc[april.index, "Earlier source"]) == {
        "Test Gazette: “Test news story”",
        "Test Home Office (police.uk): 999 call answering data (synthetic)",
    }


def test_the_overview_shows_the_imported_999_figure(loaded_db):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    # June 2024, the newest month of the second release
    assert figure_cards(at)["999 calls answered within 10 seconds"] == "91.0%"
    # The period may carry its age ("June 2024 — over two years old") depending on today's date.
    assert any("\n**June 2024" in m.value and "** — meeting the 90% standard  \n" in m.value for m in at.markdown)


def test_every_measure_is_defined(use_real_db):
    at = open_page()
    measures = table(at, "Measure").set_index("Measure")
    assert (
        "the time the telephone network takes to connect the call"
        in measures.loc["999 calls answered within 10 seconds", "What it means"]
    )
    assert measures.loc["999 calls answered within 10 seconds", "Standard or target"].startswith("90% within 10 s")
    assert "999 calls answered after more than 60 seconds" in measures.index


def test_the_glossary_writes_out_every_abbreviation_a_page_may_show_and_every_page_links_to_it(use_real_db):
    from dashboard.store.public_text import GLOSSARY
    from dashboard.web.freshness import GLOSSARY_LINK
    from tests.app_helpers import PAGE_SCRIPTS

    at = open_page()
    glossary = next(m.value for m in at.markdown if m.value.startswith("## Glossary\n"))
    for short, meaning in GLOSSARY.items():
        assert f"- **{short}**: {meaning}." in glossary
    assert "- **PCC**: Police and Crime Commissioner" in glossary
    assert any(GLOSSARY_LINK in text for text in markdown_texts(at))
    assert "(/about-data#glossary)" in GLOSSARY_LINK
    # Every page opens with page_opening(), which always ends with the link to the glossary.
    pages = Path(__file__).parents[1] / "pages"
    assert [name for name in PAGE_SCRIPTS if "page_opening(" not in (pages / f"{name}.py").read_text()] == []


def test_revised_figures_come_newest_release_first_each_once_with_the_source_now_shown(loaded_db):
    revised = run_query("revised_figures")
    assert revised["superseded_by_load_id"].tolist() == [2, 2, 2, 2, 1]
    assert list(zip(revised["metric_name"], revised["earlier_value"], revised["current_value"]))[-2:] == [
        ("Mean 999 answer time", 7.5, 7.2),
        ("999 calls answered within 10 seconds", 85.0, 87.0),
    ]
    assert set(revised["current_source_publisher"]) == {"Test Home Office (police.uk)"}
    assert revised["earlier_source_publisher"].tolist()[-1] == "Test Gazette"


def test_revised_figures_of_one_release_read_by_place_measure_and_period(fixture_data_copy, tmp_path, monkeypatch):
    database = tmp_path / "revised.duckdb"
    load_first_999_release(fixture_data_copy, database)
    revision = tmp_path / "police_uk_999_2024_second_look.csv"
    first = (IMPORTS / "police_uk_999_2024.csv").read_text(encoding="utf-8").splitlines()
    kept = [line for line in first[1:] if line.startswith(("Essex Police", "Hertfordshire Constabulary"))]
    # Each place's mean answer time in both months, a second later than first published.
    later = [",".join([*line.split(",")[:-1], f"{float(line.split(',')[-1]) + 1:.1f}"]) for line in kept]
    revision.write_text("\n".join([first[0], *reversed(later)]) + "\n", encoding="utf-8")
    cited = SourceSpec("test-home-office-police-uk-999-call-answering-data-synthetic-2024-06-20")
    load_file(revision, "police-uk-999", cited, data_dir=fixture_data_copy, db_path=database)
    monkeypatch.setenv("DASHBOARD_DB", str(database))
    revised = run_query("revised_figures").query("superseded_by_load_id == 2")
    assert list(zip(revised["place"], revised["period_label"], revised["earlier_value"], revised["current_value"])) == [
        ("Essex", "April 2024", 5.1, 6.1),
        ("Essex", "May 2024", 4.9, 5.9),
        ("Hertfordshire", "April 2024", 7.5, 8.5),
        ("Hertfordshire", "May 2024", 6.9, 7.9),
    ]
    assert set(revised["metric_name"]) == {"Mean 999 answer time"}

"""Sources people can trust: real titles, public text free of back-office notes, and the best source cited."""

from __future__ import annotations

import csv
import re
import shutil
import sys
from pathlib import Path

import pytest

from dashboard.store.build import build_database
from dashboard.store.public_text import SHOWN_COLUMNS, public_text_problems, title_problem
from dashboard.store.tables import DataFileError
from queries import run_query

DATA = Path(__file__).parents[1] / "data"
PCC_REPORT = "herts-pcc-report-peel-2023-25"


@pytest.mark.parametrize(
    "title",
    [
        "C199ezv099wo",
        "Article2208",
        "67649",
        "622",
        "2019.csv",
        "Thenantwichnews.co.uk",
        "None",
        "hmicfrs12march2024",
        "assessment-finds-avon-and-somerset-police",
        ".force criticised manages sex offenders",
        "Rise in recorded crime 1",
    ],
)
def test_a_title_made_from_a_web_address_is_rejected(title):
    assert title_problem(title) is not None


@pytest.mark.parametrize(
    "title",
    [
        "Dorset Police investigations require improvement",
        "BBC News, news report on South Yorkshire Police's PEEL 2023–25 inspection, 24 July 2025",
        "PEEL 2023-25: An inspection of Hertfordshire Constabulary",
    ],
)
def test_a_real_title_is_accepted(title):
    assert title_problem(title) is None


def test_build_rejects_a_slug_title_naming_file_row_and_column(fixture_data_copy, tmp_path):
    sources = fixture_data_copy / "sources.csv"
    lines = sources.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("Test news story", "C199ezv099wo")
    sources.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        build_database(fixture_data_copy, tmp_path / "out.duckdb")
    message = str(error.value)
    assert "data/sources.csv, row 3, column 'title'" in message
    assert "C199ezv099wo" in message
    assert not (tmp_path / "out.duckdb").exists()


def test_build_rejects_back_office_wording_in_a_public_note(fixture_data_copy, tmp_path):
    grades = fixture_data_copy / "grades.csv"
    rows = grades.read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    assert header[-1] == "public_note"
    rows[1] = rows[1].rsplit(",", 1)[0] + ",[stated] exact AFI wording not seen"
    grades.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        build_database(fixture_data_copy, tmp_path / "out.duckdb")
    assert "data/grades.csv, row 2, column 'public_note'" in str(error.value)


def test_every_source_held_has_a_title_that_is_not_a_slug_file_name_or_number():
    with open(DATA / "sources.csv", encoding="utf-8") as handle:
        sources = list(csv.DictReader(handle))
    bad = {s["source_id"]: title_problem(s["title"]) for s in sources if title_problem(s["title"])}
    assert bad == {}
    bare_hosts = [s["publisher"] for s in sources if re.fullmatch(r"[a-z0-9.-]+\.[a-z.]+", s["publisher"])]
    assert bare_hosts == []


def test_the_curated_title_mapping_covers_every_source_with_a_web_address():
    with open(DATA / "curation" / "source_titles.csv", encoding="utf-8") as handle:
        mapped = {r["url"] for r in csv.DictReader(handle)}
    with open(DATA / "sources.csv", encoding="utf-8") as handle:
        addressed = {s["url"] for s in csv.DictReader(handle) if s["url"]} - _hand_curated_urls()
    assert addressed <= mapped


def _hand_curated_urls() -> set[str]:
    # Sources added by hand for the holding-to-account files carry their own titles in data/sources.csv.
    return {
        "https://www.herts-pcc.gov.uk/news/latest-news/2024/commissioner-responds-to-hmicfrs-report-on-hertfordshire-constabulary/",
    }


# Every query a page shows text from, with the parameters for one force.
DISPLAY_QUERIES = {
    "force_grades": lambda f: [{"force_id": f, "cycle_id": c} for c in ("2021-22", "2023-25")],
    "force_grade_counts": lambda f: [{"force_id": f, "cycle_id": c} for c in ("2021-22", "2023-25")],
    "force_findings": lambda f: [{"force_id": f, "cycle_id": "2023-25"}],
}
TEXT_COLUMNS = {c: s.how == "quoted" for c, s in SHOWN_COLUMNS.items() if s.how in ("text", "quoted")}


def test_public_text_queries_never_return_back_office_wording_for_any_force(use_real_db):
    forces = run_query("forces")
    force_ids = forces.loc[forces["kind"] == "force", "force_id"].tolist() if "kind" in forces else forces["force_id"].tolist()
    assert len(force_ids) == 43
    found: dict[str, list[str]] = {}
    metrics = run_query("metrics")
    frames = [("sources", run_query("sources")), ("metrics", metrics)]
    # Every figure held, for every place (the 43 forces, England and Wales, the UK, Police Scotland).
    frames.append(
        (
            "metric_series",
            run_query("metric_series", force_ids=forces["force_id"].tolist(), metric_ids=metrics["metric_id"].tolist()),
        )
    )
    for cycle in ("2021-22", "2023-25"):
        frames.append((f"grade_matrix {cycle}", run_query("grade_matrix", cycle_id=cycle)))
        frames.append((f"cycle_grade_counts {cycle}", run_query("cycle_grade_counts", cycle_id=cycle)))
    for force_id in force_ids:
        for name, params in DISPLAY_QUERIES.items():
            for p in params(force_id):
                frames.append((f"{name} {force_id}", run_query(name, **p)))
    for label, frame in frames:
        assert "curation_note" not in frame.columns, label
        for column in [c for c in frame.columns if c in TEXT_COLUMNS]:
            for value in (text for cell in frame[column].dropna() for text in _texts(cell)):
                phrases = public_text_problems(value, quoted=TEXT_COLUMNS[column])
                if phrases:
                    found.setdefault(f"{label}.{column}", []).append(f"{phrases}: {value[:80]}")
    assert found == {}


def _texts(cell: object) -> list[str]:
    """The words in one cell: the cell itself, or each text of a list of sources (corroborating_sources)."""
    if isinstance(cell, str):
        return [cell]
    return [str(v) for item in cell for k, v in item.items() if k != "title_kind" and v is not None]


def test_no_query_file_selects_a_curation_note():
    for path in (Path(__file__).parents[1] / "queries").glob("*.sql"):
        text = "\n".join(line for line in path.read_text().splitlines() if not line.lstrip().startswith("--"))
        assert "curation_note" not in text, path.name


def test_grade_coverage_follows_the_data(use_real_db):
    """Counts come from the data, not from a number written into the test."""
    with open(DATA / "grades.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for cycle in ("2021-22", "2023-25"):
        expected = {r["force_id"] for r in rows if r["cycle_id"] == cycle and r["grade"] not in ("Not known", "Not graded")}
        matrix = run_query("grade_matrix", cycle_id=cycle)
        known = set(matrix.loc[matrix["grade_rank"].notna(), "force_id"])
        assert known == expected


class TestNamedRealFacts:
    """A few real, published facts, named here on purpose (from the fourth research pass and the PCC's report)."""

    def test_hertfordshire_2023_25_grades_cite_the_pccs_report_with_news_as_corroboration(self, use_real_db):
        grades = run_query("force_grades", force_id="hertfordshire", cycle_id="2023-25").set_index("area_id")
        assert set(grades["source_id"]) == {PCC_REPORT}
        assert grades.loc["preventing-crime", "grade"] == "Good"
        assert grades.loc["crime-recording", "grade"] == "Inadequate"
        assert grades.loc["preventing-crime", "source_title"].startswith("Report to Police & Crime Panel")
        assert grades.loc["preventing-crime", "source_title_kind"] == "title"
        assert grades.loc["preventing-crime", "source_tier"] == "secondary"  # the inspectorate's report is the original
        assert "Hertford.org.uk" in {c["publisher"] for c in grades.loc["preventing-crime", "corroborating_sources"]}
        assert "inspectorate's report is the original" in grades.loc["preventing-crime", "note"]

    def test_south_yorkshire_2023_25_is_complete(self, use_real_db):
        grades = run_query("force_grades", force_id="south-yorkshire", cycle_id="2023-25").set_index("area_id")
        assert grades.loc["preventing-crime", "grade"] == "Good"
        assert grades.loc["investigating", "grade"] == "Requires improvement"
        assert "Not known" not in set(grades["grade"])

    def test_sussex_2021_22_crime_recording_is_inadequate(self, use_real_db):
        grades = run_query("force_grades", force_id="sussex", cycle_id="2021-22").set_index("area_id")
        assert grades.loc["crime-recording", "grade"] == "Inadequate"
        assert "Not known" not in set(grades["grade"])

    def test_dyfed_powys_2023_25_has_one_placed_grade_and_the_rest_shown_as_gaps(self, use_real_db):
        grades = run_query("force_grades", force_id="dyfed-powys", cycle_id="2023-25").set_index("area_id")
        assert grades.loc["workforce", "grade"] == "Requires improvement"
        assert grades.loc["police-powers", "grade"] == "Not known"
        assert "6 Adequate" not in str(grades.loc["police-powers", "grade"])

    def test_avon_and_somerset_grades_worked_out_from_counts_list_no_one_as_also_stating_them(self, use_real_db):
        from dashboard.grades.model import grades_table
        from dashboard.grades.views import themed_latest_figures

        grades = run_query("force_grades", force_id="avon-and-somerset", cycle_id="2023-25")
        table = grades_table(grades, themed_latest_figures("avon-and-somerset")).set_index("Area")
        derived = table[table["How we know"] == "Worked out from published counts and the areas named"]
        assert len(derived) == 4  # three Requires improvement and crime recording, not graded
        assert set(derived["Also stated by"]) == {""}
        stated = table.loc["Police powers and public treatment"]
        assert stated["How we know"] == "Stated by the source"
        assert stated["Also stated by"].startswith("Greatest Hits Radio: “Assessment finds Avon and Somerset Police")

    def test_suffolk_2021_22_note_says_two_graded_areas_are_not_in_the_list(self, use_real_db):
        grades = run_query("force_grades", force_id="suffolk", cycle_id="2021-22").set_index("area_id")
        note = grades.loc["treatment", "note"]
        assert "10 areas graded: 6 Good, 3 Adequate, 1 Requires improvement" in note
        assert "Two of those ten graded areas are not in this list" in note

    def test_the_101_definition_is_not_hertfordshires_on_every_page(self, use_real_db):
        metrics = run_query("metrics").set_index("metric_id")
        assert "Hertfordshire" not in metrics.loc["pct_101_answered_90s", "definition"]
        figures = run_query("metric_series", force_ids=["hertfordshire"], metric_ids=["pct_101_answered_90s"])
        assert len(figures) == 2
        assert figures["note"].str.contains("Hertfordshire's own measure").all()


def test_regeneration_keeps_curated_titles(tmp_path, monkeypatch):
    """from_reference.py applies source_titles.csv: a curated title survives a re-run."""
    import importlib
    import sys

    sys.path.insert(0, str(DATA / "curation"))
    try:
        module = importlib.import_module("from_reference")
    finally:
        sys.path.remove(str(DATA / "curation"))
    out = tmp_path / "data"
    shutil.copytree(DATA, out, ignore=shutil.ignore_patterns("build", "releases"))
    monkeypatch.setattr(module, "DATA", out)
    reference = Path("/work/shared/reference")
    if not reference.exists():
        pytest.skip("reference files not available")
    module.main(reference)
    # Every file the script writes comes out exactly as checked in: the curation is reproducible.
    for name in ("sources.csv", "grades.csv", "observations.csv", "metrics.csv", "findings.csv", "grade_counts.csv"):
        assert (out / name).read_text(encoding="utf-8") == (DATA / name).read_text(encoding="utf-8"), name


def test_grades_page_lists_the_pccs_report_and_the_news_reports_that_also_state_hertfordshires_grades(use_real_db):
    from dashboard.grades.model import grades_table

    grades = run_query("force_grades", force_id="hertfordshire", cycle_id="2023-25")
    from dashboard.grades.views import themed_latest_figures

    figures = themed_latest_figures("hertfordshire")
    table = grades_table(grades, figures)
    row = table.set_index("Area").loc["Preventing crime and antisocial behaviour"]
    assert row["Source"].startswith("Hertfordshire Police and Crime Commissioner: “Report to Police & Crime Panel")
    assert row["Also stated by"] == (
        "Hertford.org.uk: “Herts police require improvement following inspection”; Watford Observer: news report on "
        "the Police and Crime Commissioner's public meeting to examine the inspection report"
    )  # exactly the two sources that state it, by publisher: no other source held is named


def test_a_research_note_is_never_passed_through_as_a_public_note():
    """A research note is written out in plain words where it is worth showing, and otherwise left off the page."""
    sys.path.insert(0, str(DATA / "curation"))
    try:
        import public_notes
    finally:
        sys.path.remove(str(DATA / "curation"))
    assert public_notes.observation_public_note("+13% on 566") == "Up 13% on the year before (566)."
    assert public_notes.observation_public_note("PCC statement") == "Stated by the PCC."
    assert public_notes.observation_public_note("a note nobody has written out yet") == ""
    with open(DATA / "observations.csv", encoding="utf-8") as handle:
        notes = {row["public_note"] for row in csv.DictReader(handle)}
    assert "+13% on 566" not in notes and "Up 13% on the year before (566)." in notes

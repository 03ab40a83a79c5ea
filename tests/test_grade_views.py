"""Grade shaping, counts, coverage, peer groups and charts, on the small fixture database."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.common.scale import FILL_COLOUR
from dashboard.common.wording import join_words
from dashboard.grades.charts import grade_counts_chart, grade_heatmap
from dashboard.grades.model import (
    GRADE_STATES,
    also_stated_by,
    area_options,
    counts_only_sentence,
    coverage,
    cycles_side_by_side,
    cycles_tally_table,
    distribution_summary,
    distribution_table,
    figure_line,
    figures_for_theme,
    findings_for_area,
    findings_table,
    force_position,
    forces_by_grade,
    grade_sources,
    grade_tally,
    grades_table,
    grid_as_list,
    matrix_summary,
    peer_description,
    peer_matrix,
    position_summary,
    publication_label,
    resolve_area,
    resolve_cycle,
    resolve_peers,
    sources_sentence,
    wide_matrix,
)
from dashboard.grades.views import peer_choice, peer_view, themed_latest_figures
from queries import run_query


@pytest.fixture
def matrix(use_fixture_db) -> pd.DataFrame:
    return run_query("grade_matrix", cycle_id="2023-25")


@pytest.fixture
def forces(use_fixture_db) -> pd.DataFrame:
    return run_query("forces")


def test_grade_matrix_has_every_force_and_area_with_gaps_as_not_known(matrix):
    assert len(matrix) == 3 * 9
    cell = matrix.set_index(["force_id", "area_short_name"])["grade"]
    assert cell["hertfordshire", "Recording data about crime"] == "Inadequate"
    assert cell["essex", "Recording data about crime"] == "Not graded"
    assert cell["kent", "Investigating crime"] == "Not known"
    assert matrix["grade"].notna().all()


def test_grade_distribution_counts_equal_the_matrix_rows(use_fixture_db, matrix):
    distribution = run_query("grade_distribution", cycle_id="2023-25")
    from_sql = distribution.set_index(["area_id", "grade"])["force_count"]
    # Counted again from the matrix's rows, every area and grade state, zero counts kept.
    counted = matrix.groupby(["area_id", "grade"]).size()
    from_rows = pd.Series(
        {(area, grade): int(counted.get((area, grade), 0)) for area in matrix["area_id"].unique() for grade in GRADE_STATES}
    )
    assert from_sql.sort_index().tolist() == from_rows.sort_index().tolist()
    assert len(distribution) == 9 * len(GRADE_STATES)
    preventing = distribution[distribution["area_id"] == "preventing-crime"].set_index("grade")["force_count"]
    assert preventing["Good"] == 2 and preventing["Adequate"] == 1 and preventing["Not known"] == 0


def test_distribution_table_has_one_row_per_area_and_totals_equal_the_forces(use_fixture_db):
    table = distribution_table(run_query("grade_distribution", cycle_id="2023-25"))
    assert table["Area"].tolist()[0] == "Police powers and public treatment"
    assert list(table.columns) == ["Area", *GRADE_STATES, "Forces"]
    assert set(table["Forces"]) == {3}
    assert table.set_index("Area").loc["Recording data about crime", "Inadequate"] == 1


def test_distribution_summary_names_the_most_common_grade_and_ties(use_fixture_db):
    text = distribution_summary(run_query("grade_distribution", cycle_id="2023-25"), "PEEL 2023-25")
    assert text.startswith("Area grades we hold for PEEL 2023-25, across all areas: 0 Outstanding, 2 Good, 1 Adequate")
    assert "Preventing crime: most often Good (2 of 3 forces with a known grade)" in text
    assert "Responding to the public: most often Requires improvement (2 of 2 forces with a known grade)" in text
    assert "Police powers and public treatment: no grade known; Preventing crime: most often Good" in text


def test_wide_matrix_is_never_blank_and_keeps_the_row_order(matrix):
    wide = wide_matrix(matrix)
    assert wide["Force"].tolist() == ["Essex", "Hertfordshire", "Kent"]
    assert list(wide.columns)[1:4] == ["Police powers and public treatment", "Preventing crime", "Responding to the public"]
    assert not wide.isna().any().any()
    assert wide.set_index("Force").loc["Kent", "Investigating crime"] == "Not known"
    reordered = wide_matrix(peer_matrix(matrix, "kent", ("essex",)))
    assert reordered["Force"].tolist() == ["Kent", "Essex"]


def test_coverage_counts_a_force_known_when_one_area_has_a_real_grade(use_fixture_db, matrix):
    latest = coverage(matrix, "PEEL 2023-25")
    assert (latest.forces, latest.any_known, latest.all_known) == (3, 3, 0)
    assert latest.sentence() == "Grades known for 3 of 3 forces in PEEL 2023-25; all areas known for 0."
    earlier = coverage(
        run_query("grade_matrix", cycle_id="2021-22"), "PEEL 2021-22", run_query("cycle_grade_counts", cycle_id="2021-22")
    )
    assert earlier.any_known == 0
    assert earlier.none_known == ("Essex", "Hertfordshire", "Kent")
    assert earlier.counts_only == ("Hertfordshire",)
    assert "For Hertfordshire only the number of areas at each grade is known." in earlier.sentence()


def test_grade_sources_list_each_source_with_its_tier_and_count(matrix):
    sources = grade_sources(matrix).set_index("Publisher")
    assert sources.loc["Test Inspectorate", "Kind of source"] == "primary source"
    assert sources.loc["Test Inspectorate", "Grades cited"] == 3  # the 'Not known' row is not counted
    assert sources.loc["Test Gazette", "Kind of source"] == "second-hand source"
    assert sources.loc["Test Gazette", "Forces"] == 2


def test_force_position_counts_others_higher_same_and_lower_within_the_cycle(matrix):
    position = force_position(matrix, "hertfordshire").set_index("Area")
    preventing = position.loc["Preventing crime"]
    assert preventing["Grade"] == "Good"
    assert preventing[["Others graded higher", "Others graded the same", "Others graded lower"]].tolist() == [0, 1, 1]
    responding = position.loc["Responding to the public"]
    assert (responding["Others graded the same"], responding["Others not known or not graded"]) == (1, 1)
    assert pd.isna(position.loc["Investigating crime", "Others graded higher"])
    text = position_summary(force_position(matrix, "hertfordshire"), "Hertfordshire", "the other 2 forces")
    assert "Preventing crime, Good (0 higher, 1 the same, 1 lower)" in text
    assert "Its grade is not known for Police powers and public treatment" in text
    assert "not graded" not in text.lower()  # every area it lacks is not known to us, none was left ungraded
    ungraded = force_position(matrix, "hertfordshire")
    ungraded.loc[ungraded["Area"] == "Police powers and public treatment", "Grade"] = "Not graded"
    assert position_summary(ungraded, "Hertfordshire", "the other 2 forces").endswith(
        "0 lower). Not graded by the inspectorate: Police powers and public treatment. Its grade is not known for "
        "Investigating crime, Protecting vulnerable people, Managing offenders, Developing a positive workplace and "
        "Leadership and force management."
    )


def test_forces_by_grade_lists_every_state_for_one_area(matrix):
    table = forces_by_grade(matrix, "preventing-crime").set_index("Grade")
    assert table.loc["Good", "Which forces"] == "Hertfordshire, Kent"
    assert table.loc["Adequate", "Forces"] == 1
    assert table["Forces"].sum() == 3


def test_matrix_summary_names_the_outlined_force(matrix):
    text = matrix_summary(matrix, "PEEL 2023-25", "hertfordshire", "all forces")
    assert text.startswith(
        "PEEL 2023-25 grades for all forces (3 forces, 9 areas): 2 Good, 1 Adequate, 2 Requires improvement and 1 Inadequate;"
    )
    assert "Hertfordshire (outlined): Good in Preventing crime" in text
    assert "Inadequate in Recording data about crime" in text


@pytest.mark.parametrize(
    ("value", "expected", "notice"),
    [
        (None, "2023-25", False),
        ("2021-22", "2021-22", False),
        ("2021–22", "2021-22", False),
        ("PEEL 2021-22", "2021-22", False),
        (["2023-25", "2021-22"], "2021-22", False),
        ("2019", "2023-25", True),
        ("<script>", "2023-25", True),
        ("x" * 500, "2023-25", True),
    ],
)
def test_resolve_cycle_understands_written_forms_and_falls_back_politely(use_fixture_db, value, expected, notice):
    choice = resolve_cycle(value, run_query("cycles"))
    assert choice.cycle_id == expected
    assert (choice.notice is not None) == notice
    if notice:
        assert "<" not in choice.notice and "PEEL 2023-25" in choice.notice


def test_resolve_area_accepts_id_or_name(matrix):
    areas = matrix.drop_duplicates("area_id")
    assert resolve_area("crime-recording", areas) == ("crime-recording", None)
    assert resolve_area("Recording data about crime", areas) == ("crime-recording", None)
    area_id, notice = resolve_area("nowhere", areas)
    assert area_id == "police-powers" and "nowhere" in notice


def test_area_options_list_areas_in_page_order_and_resolve_any_name(matrix):
    options = area_options(matrix)  # every force's rows: one option per area
    ordered = matrix.drop_duplicates("area_id").sort_values("sort_order")
    assert list(options.names) == ordered["area_id"].tolist()
    assert list(options.names.values()) == ordered["area_name"].tolist()
    assert options.resolve(["nowhere", "Recording data about crime"]) == ("crime-recording", None)
    assert options.resolve(None) == (ordered["area_id"].iloc[0], None)


def test_peers_default_to_the_published_group_then_region(use_fixture_db, forces):
    group = run_query("peer_groups", force_id="hertfordshire")
    herts = resolve_peers(None, None, "hertfordshire", forces, group)
    assert (herts.kind, herts.member_ids, herts.notice) == ("msg", ("essex", "kent"), None)
    essex = resolve_peers(None, None, "essex", forces, run_query("peer_groups", force_id="essex"))
    assert (essex.kind, essex.member_ids) == ("region", ("hertfordshire",))


def test_peers_msg_without_a_group_falls_back_to_region_with_a_notice(use_fixture_db, forces):
    choice = resolve_peers("msg", None, "kent", forces, run_query("peer_groups", force_id="kent"))
    assert choice.kind == "region"
    assert choice.member_ids == ()
    assert "no published most similar group for Kent" in choice.notice


def test_custom_peers_understand_names_and_aliases_and_drop_unknowns(use_fixture_db, forces):
    group = run_query("peer_groups", force_id="essex")
    choice = resolve_peers("custom", ["kent,Herts", "bogus", "essex", "kent"], "essex", forces, group)
    assert choice.member_ids == ("kent", "hertfordshire")  # itself and repeats left out
    assert "“bogus”" in choice.notice
    assert resolve_peers("nonsense", None, "essex", forces, group).notice.startswith("We do not know a peer group")


def test_similar_forces_name_the_published_group_its_members_and_its_source(use_fixture_db):
    view = peer_view("hertfordshire", "Hertfordshire", peer_choice(None, (), "hertfordshire"))
    assert view.description == (
        "Test peer group: Essex and Kent. Most similar groups are revised from time to time; this is the group as it "
        "was listed then, and we have not found a more recent one.\n\n:small[⚠️ **Second-hand:** Source: "
        "[Test Gazette: “Test news story”](https://example.org/news), 1 May 2024 · second-hand source]"
    )
    assert view.tally["Force"].tolist() == ["Hertfordshire", "Essex", "Kent"]
    grid = view.cycles[0].grid
    assert grid.position.set_index("Area").loc["Preventing crime", "Others graded lower"] == 1
    assert grid.position_summary.startswith(
        "Hertfordshire compared with Hertfordshire's most similar group whose grade is known, area by area: "
        "Preventing crime, Good (0 higher, 1 the same, 1 lower);"
    )
    assert grid.as_list.startswith(
        "**Police powers and public treatment**\n- :gray-badge[? Not known] (3): Essex, **Hertfordshire ◀**, Kent"
    )


@pytest.mark.parametrize("how_many", [1, 4, 5, 42])
def test_a_visitor_who_chooses_forces_to_compare_sees_every_one_they_chose(use_real_db, how_many):
    """1, 4, 5 and the most there can be (every other force): each is named and has its row on Similar forces."""
    others = run_query("forces").query("force_id != 'hertfordshire'")  # in name order
    chosen = others.iloc[:how_many]
    # The page joins the multiselect's choices into ?with=a,b,c and resolves them (dashboard/grades/blocks.py).
    peers = peer_choice("custom", (",".join(chosen["force_id"]),), "hertfordshire")
    view = peer_view("hertfordshire", "Hertfordshire", peers)
    names = chosen["short_name"].tolist()
    assert view.description == f"Forces you chose: {join_words(names)}."
    assert view.tally["Force"].tolist() == ["Hertfordshire", *names]
    assert view.cycles[0].grid.summary.startswith(
        f"PEEL 2023-25 grades for Hertfordshire and the forces you chose ({how_many + 1} forces, 9 areas)"
    )


def test_choosing_every_force_including_the_chosen_one_compares_it_with_the_other_42(use_real_db):
    every = run_query("forces")["force_id"].tolist()
    peers = peer_choice("custom", (",".join(every),), "hertfordshire")
    assert len(peers.member_ids) == 42 and "hertfordshire" not in peers.member_ids


def test_figures_for_an_area_leave_out_context_counts_and_show_period_and_tier(use_fixture_db):
    figures = themed_latest_figures("hertfordshire")
    responding = figures_for_theme(figures, "responding")
    assert responding["metric_id"].tolist() == ["pct_999_answered_10s"]  # calls_999 is a count, not a measure
    line = figure_line(responding.iloc[0])
    assert line == "999 calls answered within 10 seconds: 85.0%, April 2024, below the 90% standard; second-hand source"
    recording = figure_line(figures_for_theme(figures, "recording").iloc[0])
    assert "82.0%" in recording and "±1.5 points" in recording and recording.endswith("primary source")


def test_grades_table_has_every_area_with_grade_source_and_related_figure(use_fixture_db):
    grades = run_query("force_grades", force_id="hertfordshire", cycle_id="2023-25")
    table = grades_table(grades, themed_latest_figures("hertfordshire")).set_index("Area")
    assert len(table) == 9
    assert table.loc["Recording data about crime", "Grade"] == "Inadequate"
    assert table.loc["Recording data about crime", "Kind of source"] == "primary source"
    assert table.loc["Recording data about crime", "Published"] == "16 October 2024"
    assert "85.0%, April 2024" in table.loc["Responding to the public", "Latest related figures"]
    assert table.loc["Investigating crime", "Grade"] == "Not known"
    assert table.loc["Investigating crime", "Source"] == ""
    assert publication_label(grades, pd.DataFrame()) == "Report published 16 October 2024"


def test_findings_are_placed_under_their_area_or_listed_as_not_tied(use_fixture_db):
    findings = run_query("force_findings", force_id="hertfordshire", cycle_id="2023-25")
    assert findings_for_area(findings, "crime-recording")["summary"].tolist() == ["Test cause of concern"]
    assert findings_for_area(findings, None)["summary"].tolist() == ["Test practice with no area"]
    table = findings_table(findings)
    assert table["Area"].tolist() == ["Responding to the public", "Recording data about crime", "Not tied to one area"]
    assert table["Kind"].tolist() == ["Area for improvement", "Cause of concern", "Innovative practice"]
    assert table["Source"].tolist() == [
        "Test Gazette: “Test news story”",
        "Test Inspectorate: test inspection report",
        "Test Gazette: “Test news story”",
    ]
    assert run_query("force_findings", force_id="hertfordshire", cycle_id="2021-22").empty  # another cycle's are not shown
    assert run_query("force_findings", force_id="essex", cycle_id="2023-25").empty  # nor another force's


def test_counts_only_cycle_shows_counts_not_placements(use_fixture_db):
    counts = run_query("force_grade_counts", force_id="hertfordshire", cycle_id="2021-22")
    grades = run_query("force_grades", force_id="hertfordshire", cycle_id="2021-22")
    assert publication_label(grades, counts) == "Report published February 2023"
    by_cycle = {c: run_query("force_grades", force_id="hertfordshire", cycle_id=c) for c in ("2023-25", "2021-22")}
    table = cycles_side_by_side(by_cycle, {"2023-25": "PEEL 2023-25", "2021-22": "PEEL 2021-22"}, {"2021-22"})
    assert list(table.columns) == ["Area (PEEL 2023-25)", "PEEL 2023-25", "Area (PEEL 2021-22)", "PEEL 2021-22"]
    leadership = table[table["Area (PEEL 2023-25)"] == "Leadership and force management"].iloc[0]
    assert leadership["Area (PEEL 2021-22)"] == "Good use of resources"  # matched by theme, never merged
    assert set(table["PEEL 2021-22"]) == {"Not known (counts only)"}
    matrix = run_query("grade_matrix", cycle_id="2021-22")
    assert counts_only_sentence(run_query("cycle_grade_counts", cycle_id="2021-22"), matrix).startswith(
        "Hertfordshire's grades are known only as counts: 2 Good and 1 Adequate over 3 graded areas"
    )


def test_cycles_tally_puts_cycles_side_by_side_as_counts_never_scores(use_fixture_db):
    ids = ("hertfordshire", "kent")
    matrices = {c: peer_matrix(run_query("grade_matrix", cycle_id=c), "hertfordshire", ids[1:]) for c in ("2023-25", "2021-22")}
    counts = {c: run_query("cycle_grade_counts", cycle_id=c) for c in ("2023-25", "2021-22")}
    table = cycles_tally_table(matrices, counts, {"2023-25": "PEEL 2023-25", "2021-22": "PEEL 2021-22"}).set_index("Force")
    assert table.loc["Hertfordshire", "PEEL 2023-25"] == "1 Good, 1 Requires improvement and 1 Inadequate; 6 not known"
    assert table.loc["Hertfordshire", "PEEL 2021-22"].startswith("2 Good and 1 Adequate (counts only")
    assert table.loc["Kent", "PEEL 2021-22"] == "Not known"
    assert grade_tally(pd.Series(["Not graded", "Not known"])) == "No grade known; 1 not graded, 1 not known"
    assert grade_tally(pd.Series(["Good", "Adequate", "Good"])) == "2 Good and 1 Adequate"  # nothing after it
    assert grade_tally(pd.Series(["Good", "Not known"])) == "1 Good; 1 not known"


def test_heatmap_prints_the_grade_in_every_cell_in_its_colour_and_outlines_the_force(matrix):
    figure = grade_heatmap(matrix, "hertfordshire")
    heatmap = figure.data[0]
    words = [cell.split("<br>", 1)[1].replace("<br>", " ") for row in heatmap.text for cell in row]
    assert sorted(words) == sorted(matrix["grade"])
    assert len(figure.layout.shapes) == 1
    assert "<b>Hertfordshire ◀</b>" in figure.layout.yaxis.ticktext
    colours = {colour for _, colour in heatmap.colorscale}
    assert colours == set(FILL_COLOUR.values())
    assert all(trace.type == "heatmap" for trace in figure.data)  # no line anywhere


def test_counts_chart_has_a_labelled_bar_per_grade_state(use_fixture_db):
    figure = grade_counts_chart(run_query("grade_distribution", cycle_id="2023-25"))
    assert [trace.name for trace in figure.data] == [
        "★★ Outstanding",
        "★ Good",
        "● Adequate",
        "▲ Requires improvement",
        "✖ Inadequate",
        "– Not graded",
        "? Not known",
    ]
    good = figure.data[1]
    assert list(good.x)[1] == 2 and good.text[1] == "★ 2"
    assert all(trace.type == "bar" for trace in figure.data)


def test_the_phone_list_names_each_areas_forces_by_grade_in_scale_order_with_the_chosen_force_marked():
    # Rows arrive in no useful order: areas follow their sort order, grades the scale, forces their names.
    matrix = pd.DataFrame(
        {
            "area_id": ["record", "prevent", "record", "prevent", "record", "prevent"],
            "area_short_name": [
                "Recording data",
                "Preventing crime",
                "Recording data",
                "Preventing crime",
                "Recording data",
                "Preventing crime",
            ],
            "sort_order": [9, 1, 9, 1, 9, 1],
            "force_id": ["kent", "kent", "herts", "herts", "essex", "essex"],
            "force_short_name": ["Kent", "Kent", "Hertfordshire", "Hertfordshire", "Essex", "Essex"],
            "grade": ["Good", "Good", "Inadequate", "Good", "Not known", "Adequate"],
        }
    )
    assert grid_as_list(matrix, "herts") == (
        "**Preventing crime**\n"
        "- :green-badge[★ Good] (2): **Hertfordshire ◀**, Kent\n"
        "- :yellow-badge[● Adequate] (1): Essex\n\n"
        "**Recording data**\n"
        "- :green-badge[★ Good] (1): Kent\n"
        "- :red-badge[✖ Inadequate] (1): **Hertfordshire ◀**\n"
        "- :gray-badge[? Not known] (1): Essex"
    )
    assert grid_as_list(matrix.iloc[0:0], "herts") == ""


def test_the_grade_sources_table_lists_primary_sources_first_and_counts_only_grades_shown(use_real_db):
    matrix = run_query("grade_matrix", cycle_id="2023-25")
    sources = grade_sources(matrix)
    assert list(sources.columns) == [
        "Publisher", "Title or description", "Which it is", "Web address", "Published", "Kind of source",
        "Grades cited", "Forces",
    ]  # fmt: skip
    tiers = sources["Kind of source"].tolist()
    assert tiers == ["primary source"] * 13 + ["second-hand source"] * 45
    second_hand = sources.loc[sources["Kind of source"] == "second-hand source", "Grades cited"].tolist()
    assert second_hand == sorted(second_hand, reverse=True)  # the sources behind most grades first
    # Sources cited for areas whose grade is 'Not known' are not counted: 272 grades are shown, not 387.
    assert sources_sentence(sources).startswith(
        "These grades come from 58 sources: 13 primary and 45 second-hand (news reports, force and PCC statements "
        "citing the inspectorate). 13 of 272 grades shown come from a primary source."
    )


def test_also_stated_by_names_each_other_source_with_its_title_quoted_or_described():
    corroborating = [
        {"publisher": "Hertford.org.uk", "title": "Herts police require improvement", "title_kind": "title"},
        {"publisher": "Watford Observer", "title": "news report on the meeting", "title_kind": "description"},
    ]
    assert also_stated_by(corroborating) == (
        "Hertford.org.uk: “Herts police require improvement”; Watford Observer: news report on the meeting"
    )
    assert also_stated_by(None) == "" and also_stated_by(float("nan")) == ""


def test_within_an_area_a_cause_of_concern_comes_before_an_area_for_improvement(fixture_data_copy, tmp_path, monkeypatch):
    from dashboard.store.build import build_database

    with (fixture_data_copy / "findings.csv").open("a", encoding="utf-8") as findings:
        findings.write("f0,hertfordshire,2023-25,crime-recording,area_for_improvement,Test improvement too,test-news\n")
    build_database(fixture_data_copy, tmp_path / "findings.duckdb")
    monkeypatch.setenv("DASHBOARD_DB", str(tmp_path / "findings.duckdb"))
    findings = run_query("force_findings", force_id="hertfordshire", cycle_id="2023-25")
    assert findings_for_area(findings, "crime-recording")["summary"].tolist() == [
        "Test cause of concern",
        "Test improvement too",
    ]


def test_hertfordshires_findings_carry_their_own_cycles_area_names_in_the_areas_order(use_real_db):
    table = findings_table(run_query("force_findings", force_id="hertfordshire", cycle_id="2023-25"))
    assert table["Area"].tolist() == [
        "Preventing crime and antisocial behaviour",  # 2023-25's name; 2021-22 wrote "anti-social"
        "Responding to the public",
        "Responding to the public",
        "Investigating crime",
        "Leadership and force management",  # an area 2021-22 did not have
        "Recording data about crime",
        *["Not tied to one area"] * 4,
    ]


def test_the_all_forces_grid_outlines_and_describes_the_chosen_force_and_says_whose_grades_are_counts_only(use_fixture_db):
    from dashboard.grades.views import national_view

    grid = national_view("2021-22", "PEEL 2021-22", "kent", "Kent Police").grid
    assert "<b>Kent ◀</b>" in grid.figure.layout.yaxis.ticktext
    assert "Kent (outlined):" in grid.summary
    assert grid.summary.startswith("PEEL 2021-22 grades for all forces in England and Wales")
    assert grid.counts_note.startswith("Hertfordshire's grades are known only as counts: 2 Good and 1 Adequate")
    assert list(grid.table.columns)[0] == "Force" and set(grid.table["Force"]) == {"Essex", "Hertfordshire", "Kent"}
    assert len(grid.matrix) == 3 * 9 and set(grid.matrix["force_id"]) == {"essex", "hertfordshire", "kent"}


def test_the_grades_page_says_plainly_when_no_finding_is_held_and_that_the_list_may_be_longer_when_some_are(
    use_fixture_db,
):
    from dashboard.grades.views import force_grades_view

    none = force_grades_view("kent", "Kent Police", "2023-25", "PEEL 2023-25").findings_text
    assert none == (
        "We hold no published findings (causes of concern, areas for improvement or practice) for Kent Police in PEEL 2023-25."
    )
    some = force_grades_view("hertfordshire", "Hertfordshire Constabulary", "2023-25", "PEEL 2023-25").findings_text
    assert some.startswith(":small[Findings the sources do not tie to a single graded area.]\n\n")
    assert "Test practice with no area" in some
    assert some.endswith(
        ":small[The findings listed are those we found published. The inspectorate's full list of areas for "
        "improvement may be longer.]"
    )


def test_the_one_area_summary_counts_forces_by_grade_then_those_not_graded_and_not_known(matrix):
    from dashboard.grades.model import forces_by_grade_summary

    assert forces_by_grade_summary(matrix, "preventing-crime", "PEEL 2023-25") == (
        "Preventing crime and antisocial behaviour, PEEL 2023-25: 2 forces Good and 1 force Adequate; 0 not graded and "
        "0 not known."
    )
    assert forces_by_grade_summary(matrix, "crime-recording", "PEEL 2023-25") == (
        "Recording data about crime, PEEL 2023-25: 1 force Inadequate; 1 not graded and 1 not known."
    )
    assert forces_by_grade_summary(matrix, "workforce", "PEEL 2023-25") == (
        "Developing a positive workplace, PEEL 2023-25: no grade known; 0 not graded and 3 not known."
    )


@pytest.mark.parametrize(
    ("value", "expected", "notice"),
    [
        ("", "2023-25", False),
        ("   ", "2023-25", False),
        ([], "2023-25", False),
        (["nonsense", "2021-22", "2023-25"], "2023-25", False),  # the last of several
        ("2021-22".center(40), "2021-22", False),  # up to 40 characters are read
        ("2021-22".center(41), "2023-25", True),
    ],
)
def test_a_cycle_in_the_address_is_read_up_to_its_length_limit_and_the_last_of_several_wins(
    use_fixture_db, value, expected, notice
):
    choice = resolve_cycle(value, run_query("cycles"))
    assert (choice.cycle_id, choice.notice is not None) == (expected, notice)
    cycles = run_query("cycles").set_index("cycle_id")
    assert (choice.name, choice.comparability_note) == (cycles.loc[expected, "name"], cycles.loc[expected, "comparability_note"])
    if notice:
        assert choice.notice.endswith("”, so we are showing PEEL 2023-25. Choose another cycle below.")


@pytest.mark.parametrize(
    ("value", "expected", "notice"),
    [
        ("", "police-powers", False),
        ([], "police-powers", False),
        (["nowhere", "workforce", "Recording data about crime"], "crime-recording", False),
        ("crime-recording".center(80), "crime-recording", False),
        ("crime-recording".center(81), "police-powers", True),
    ],
)
def test_an_area_in_the_address_is_read_up_to_80_characters_and_the_last_of_several_wins(matrix, value, expected, notice):
    area_id, said = area_options(matrix).resolve(value)
    assert (area_id, said is not None) == (expected, notice)


def test_a_forces_grades_page_reads_as_published_lead_card_findings_and_counts(use_fixture_db):
    from dashboard.grades.views import force_grades_view

    herts = force_grades_view("hertfordshire", "Hertfordshire Constabulary", "2023-25", "PEEL 2023-25")
    assert herts.lead == (
        "Hertfordshire Constabulary, PEEL 2023-25: Good in 1 area, Requires improvement in 1, Inadequate in 1 "
        "(Recording data about crime). Not known for 6 of 9 areas."
    )
    assert herts.cards[2] == (
        "##### Responding to the public\n\n:orange-badge[▲ Requires improvement]\n\n**Latest related figures we hold:**\n"
        "- 999 calls answered within 10 seconds: 85.0%, April 2024, below the 90% standard; second-hand source\n\n"
        ":small[The latest we hold, which may be from before or after this inspection.]\n\n**Area for improvement:** "
        "Test area for improvement  \n:small[⚠️ **Second-hand:** Source: [Test Gazette: “Test news story”]"
        "(https://example.org/news), 1 May 2024 · second-hand source]\n\n---"
    )
    assert herts.findings_table.to_dict("records") == [
        {
            "Area": "Responding to the public",
            "Kind": "Area for improvement",
            "Finding": "Test area for improvement",
            "Source": "Test Gazette: “Test news story”",
            "Kind of source": "second-hand source",
        },
        {
            "Area": "Recording data about crime",
            "Kind": "Cause of concern",
            "Finding": "Test cause of concern",
            "Source": "Test Inspectorate: test inspection report",
            "Kind of source": "primary source",
        },
        {
            "Area": "Not tied to one area",
            "Kind": "Innovative practice",
            "Finding": "Test practice with no area",
            "Source": "Test Gazette: “Test news story”",
            "Kind of source": "second-hand source",
        },
    ]
    counts = force_grades_view("hertfordshire", "Hertfordshire Constabulary", "2021-22", "PEEL 2021-22")
    assert counts.lead == (
        "Hertfordshire Constabulary, PEEL 2021-22: 3 graded areas, 2 Good, 1 Adequate. Which area got which grade is "
        "not published."
    )
    assert counts.counts_table.to_dict("records") == [
        {
            "Grade": grade,
            "Number of areas": number,
            "Graded areas in all": 3,
            "Source": "Test Gazette: “Test news story”",
            "Kind of source": "second-hand source",
        }
        for grade, number in (("Good", 2), ("Adequate", 1))
    ]
    assert force_grades_view("kent", "Kent Police", "2021-22", "PEEL 2021-22").lead == (
        "Kent Police, PEEL 2021-22: no grade held. No published source we found states one."
    )


def test_the_all_forces_sentences_read_word_for_word(use_fixture_db, matrix):
    from dashboard.grades.model import distribution_summary, position_lead

    assert distribution_summary(run_query("grade_distribution", cycle_id="2023-25"), "PEEL 2023-25") == (
        "Area grades we hold for PEEL 2023-25, across all areas: 0 Outstanding, 2 Good, 1 Adequate, 2 Requires "
        "improvement and 1 Inadequate; 1 not graded and 20 not known. Police powers and public treatment: no grade "
        "known; Preventing crime: most often Good (2 of 3 forces with a known grade); Responding to the public: most "
        "often Requires improvement (2 of 2 forces with a known grade); Investigating crime: no grade known; Protecting "
        "vulnerable people: no grade known; Managing offenders: no grade known; Developing a positive workplace: no "
        "grade known; Leadership and force management: no grade known; Recording data about crime: most often "
        "Inadequate (1 of 1 forces with a known grade)."
    )
    assert matrix_summary(matrix, "PEEL 2023-25", "hertfordshire", "all forces") == (
        "PEEL 2023-25 grades for all forces (3 forces, 9 areas): 2 Good, 1 Adequate, 2 Requires improvement and 1 "
        "Inadequate; 1 not graded and 20 not known. Hertfordshire (outlined): Good in Preventing crime, Requires "
        "improvement in Responding to the public and Inadequate in Recording data about crime."
    )
    assert position_lead(force_position(matrix, "hertfordshire"), "Hertfordshire", "PEEL 2023-25", "the other 2 forces") == (
        "Hertfordshire, PEEL 2023-25, beside the other 2 forces: its lowest grade, Inadequate in Recording data about "
        "crime (0 of the 0 with a known grade higher); its highest, Good in Preventing crime (0 of the 2 with a known "
        "grade higher). Not known for 6 of 9 areas."
    )


def test_every_peer_notice_label_and_description_reads_word_for_word(use_fixture_db, forces):
    """Hertfordshire has a published group; Essex has none but a neighbour in its region; Kent has neither."""
    groups = {force_id: run_query("peer_groups", force_id=force_id) for force_id in ("hertfordshire", "essex", "kent")}

    def said(kind, force_id, chosen=None):
        choice = resolve_peers(kind, chosen, force_id, forces, groups[force_id])
        return choice.kind, choice.member_ids, choice.label, choice.notice, peer_description(choice, groups[force_id], forces)

    group_words = (
        "Test peer group: Essex and Kent. Most similar groups are revised from time to time; this is the group as it was "
        "listed then, and we have not found a more recent one."
    )
    assert said("region", "hertfordshire") == (
        "region",
        ("essex",),
        "the other forces in East of England",
        None,
        "The forces in the same region: Essex.",
    )
    assert said("<b>bogus</b>", "hertfordshire") == (
        "msg",
        ("essex", "kent"),
        "Hertfordshire's most similar group",
        "We do not know a peer group called “bbogus/b”, so we are showing Hertfordshire's most similar group.",
        group_words,
    )
    assert (
        said("bogus", "essex")[3]
        == "We do not know a peer group called “bogus”, so we are showing Essex's region (East of England)."
    )
    assert said("msg", "essex") == (
        "region",
        ("hertfordshire",),
        "the other forces in East of England",
        "We hold no published most similar group for Essex, so we are showing the forces in its region (East of "
        "England). You can also choose forces yourself.",
        "The forces in the same region: Hertfordshire.",
    )
    assert said(None, "kent") == ("region", (), "the other forces in South East", None, "No other force is in the same region.")
    assert said("custom", "kent") == (
        "custom",
        (),
        "the forces you chose",
        None,
        "Choose forces to compare with from the list.",
    )
    # The last of several ?peers= wins, and an empty list or value is the default.
    assert said(["msg", "region"], "hertfordshire")[0] == "region"
    assert said(["region", "msg"], "essex")[3].startswith("We hold no published most similar group for Essex")
    assert said([], "hertfordshire")[:4] == said("", "hertfordshire")[:4] == said(None, "hertfordshire")[:4]
    assert said(["bogus", "msg", "region"], "hertfordshire")[:4] == said("region", "hertfordshire")[:4]  # the last of three


def test_forces_a_visitor_typed_that_are_not_found_are_named_up_to_five_and_the_rest_counted(use_fixture_db, forces):
    groups = run_query("peer_groups", force_id="kent")

    def notice(*chosen):
        return resolve_peers("custom", list(chosen), "kent", forces, groups).notice

    assert notice("essex", "Atlantis") == "We could not find “Atlantis” among the 43 forces, so we left it out."
    assert notice("a,b", "essex") == "We could not find “a” and “b” among the 43 forces, so we left them out."
    assert notice("a,b,c,d,e") == "We could not find “a”, “b”, “c”, “d” and “e” among the 43 forces, so we left them out."
    assert notice("a,b,c,d,e,f,g") == (
        "We could not find “a”, “b”, “c”, “d”, “e” and 2 more among the 43 forces, so we left them out."
    )
    # A name longer than any force's (80 characters) is not looked up, and is echoed cut to 40.
    assert notice("x" * 81) == f"We could not find “{'x' * 40}” among the 43 forces, so we left it out."


def test_the_grades_lead_counts_areas_names_the_inadequate_and_ungraded_ones_and_counts_those_not_known():
    from dashboard.grades.model import grades_lead

    def lead(*pairs, counts=None):
        grades = pd.DataFrame({"area_name": [area for area, _ in pairs], "grade": [grade for _, grade in pairs]})
        return grades_lead("Test Police", "PEEL 2023-25", grades, counts)

    assert lead(("A", "Requires improvement"), ("B", "Inadequate"), ("C", "Requires improvement"), ("D", "Inadequate")) == (
        "Test Police, PEEL 2023-25: Requires improvement in 2 areas, Inadequate in 2 (B and D)."
    )
    # An area the inspectorate did not grade is named, never counted as not known.
    assert lead(("A", "Outstanding"), ("B", "Good"), ("C", "Not graded"), ("D", "Not known"), ("E", "Not graded")) == (
        "Test Police, PEEL 2023-25: Outstanding in 1 area, Good in 1. Not graded by the inspectorate: C and E. "
        "Not known for 1 of 5 areas."
    )
    assert lead(("A", "Inadequate")) == "Test Police, PEEL 2023-25: Inadequate in 1 area (A)."
    no_grades = (("A", "Not known"), ("B", "Not graded"))
    assert lead(*no_grades) == "Test Police, PEEL 2023-25: no grade held. No published source we found states one."
    assert lead(*no_grades, counts=pd.DataFrame()) == lead(*no_grades)
    counts = pd.DataFrame({"grade": ["Good", "Inadequate"], "area_count": [5, 4], "graded_areas": [9, 9]})
    assert lead(*no_grades, counts=counts) == (
        "Test Police, PEEL 2023-25: 9 graded areas, 5 Good, 4 Inadequate. Which area got which grade is not published."
    )


def test_a_tie_for_the_most_common_grade_names_both_grades_each_in_the_scales_order():
    states = list(GRADE_STATES)
    counts = {"Good": 2, "Adequate": 2, "Inadequate": 1, "Not graded": 1, "Not known": 3}
    distribution = pd.DataFrame(
        {
            "area_id": ["workforce"] * len(states),
            "area_short_name": ["Developing a positive workplace"] * len(states),
            "sort_order": [7] * len(states),
            "grade": states,
            "force_count": [counts.get(state, 0) for state in states],
        }
    )
    assert distribution_summary(distribution, "PEEL 2023-25") == (
        "Area grades we hold for PEEL 2023-25, across all areas: 0 Outstanding, 2 Good, 2 Adequate, 0 Requires improvement "
        "and 1 Inadequate; 1 not graded and 3 not known. Developing a positive workplace: most often Good and Adequate "
        "(2 each of 5 forces with a known grade)."
    )


def test_the_cycle_coverage_and_the_grade_sources_read_word_for_word(use_fixture_db, matrix):
    earlier = coverage(
        run_query("grade_matrix", cycle_id="2021-22"), "PEEL 2021-22", run_query("cycle_grade_counts", cycle_id="2021-22")
    )
    assert earlier.sentence() == (
        "Grades known for 0 of 3 forces in PEEL 2021-22; all areas known for 0. No area grade known for Essex, "
        "Hertfordshire and Kent. For Hertfordshire only the number of areas at each grade is known."
    )
    assert grade_sources(matrix).to_dict("records") == [
        {
            "Publisher": "Test Inspectorate",
            "Title or description": "Test inspection report",
            "Which it is": "Our description",
            "Web address": "https://example.org/report",
            "Published": "16 October 2024",
            "Kind of source": "primary source",
            "Grades cited": 3,
            "Forces": 1,
        },
        {
            "Publisher": "Test Gazette",
            "Title or description": "Test news story",
            "Which it is": "The publisher's title",
            "Web address": "https://example.org/news",
            "Published": "1 May 2024",
            "Kind of source": "second-hand source",
            "Grades cited": 4,
            "Forces": 2,
        },
    ]
    assert sources_sentence(grade_sources(matrix)) == (
        "These grades come from 2 sources: 1 primary and 1 second-hand (news reports, force and PCC statements citing the "
        "inspectorate). 3 of 7 grades shown come from a primary source. None was read from the inspectorate's own grade "
        "tables."
    )
    assert sources_sentence(grade_sources(matrix.iloc[0:0])) == "No source states a grade for this cycle."
    undated = grade_sources(matrix.assign(source_published=None))
    assert undated["Published"].tolist() == ["", ""]  # blank, not "date not recorded" in every row


def test_every_force_with_every_area_known_is_counted_on_the_real_data(use_real_db):
    latest = coverage(run_query("grade_matrix", cycle_id="2023-25"), "PEEL 2023-25")
    assert latest.sentence() == (
        "Grades known for 39 of 43 forces in PEEL 2023-25; all areas known for 24. No area grade known for Greater "
        "Manchester, Leicestershire, Lincolnshire and West Midlands."
    )


def test_cycles_side_by_side_say_an_area_was_not_assessed_and_keep_not_known_apart_from_counts_only():
    def grades(cycle: str, rows: list[tuple[str, str, str]]) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "theme_id": [theme for theme, _, _ in rows],
                "sort_order": range(len(rows)),
                "area_name": [f"{area} ({cycle})" for _, area, _ in rows],
                "grade": [grade for _, _, grade in rows],
            }
        )

    later = grades("new", [("a", "Alpha", "Good"), ("b", "Beta", "Not known"), ("c", "Gamma", "Inadequate")])
    earlier = grades("old", [("a", "Alpha", "Not known"), ("b", "Beta", "Not known"), ("d", "Delta", "Not known")])
    table = cycles_side_by_side({"new": later, "old": earlier}, {"new": "PEEL new", "old": "PEEL old"}, {"old"})
    assert table.to_dict("records") == [
        {
            "Area (PEEL new)": "Alpha (new)",
            "PEEL new": "Good",
            "Area (PEEL old)": "Alpha (old)",
            "PEEL old": "Not known (counts only)",
        },
        {
            "Area (PEEL new)": "Beta (new)",
            "PEEL new": "Not known",
            "Area (PEEL old)": "Beta (old)",
            "PEEL old": "Not known (counts only)",
        },
        {
            "Area (PEEL new)": "Gamma (new)",
            "PEEL new": "Inadequate",
            "Area (PEEL old)": "Not assessed in this cycle",
            "PEEL old": "Not assessed in this cycle",
        },
        {
            "Area (PEEL new)": "Not assessed in this cycle",
            "PEEL new": "Not assessed in this cycle",
            "Area (PEEL old)": "Delta (old)",
            "PEEL old": "Not known (counts only)",
        },
    ]


def test_the_counts_sentence_and_a_cards_figures_read_as_published(use_real_db):
    from dashboard.grades.views import force_grades_view

    earlier = force_grades_view("hertfordshire", "Hertfordshire Constabulary", "2021-22", "PEEL 2021-22")
    assert earlier.counts_sentence == (
        "For PEEL 2021-22 we know only how many areas got each grade for Hertfordshire Constabulary, not which area got "
        "which: across 8 graded areas, 2 Good, 5 Adequate and 1 Requires improvement."
    )
    latest = force_grades_view("hertfordshire", "Hertfordshire Constabulary", "2023-25", "PEEL 2023-25")
    responding = next(card for card in latest.cards if card.startswith("##### Responding to the public"))
    assert (
        "**Latest related figures we hold:**\n"
        "- 999 calls answered within 10 seconds: 87.4%, April 2024, below the 90% standard; second-hand source\n"
        "- Mean 999 answer time: 8.0 seconds, Averaging period not stated (said in November 2018); second-hand source\n"
        "- 101 calls answered within 90 seconds: 74.3%, April 2024; second-hand source\n\n"
        ":small[The latest we hold, which may be from before or after this inspection.]"
    ) in responding


def test_a_source_caption_is_flagged_second_hand_only_when_it_is():
    from dashboard.grades.model import source_caption_text

    row = pd.Series(
        {
            "source_tier": "primary",
            "source_publisher": "HMICFRS",
            "source_title": "PEEL 2023–25: An inspection of Hertfordshire Constabulary",
            "source_title_kind": "title",
            "source_url": "https://hmicfrs.justiceinspectorates.gov.uk/",
            "source_published": "2024-10-16",
        }
    )
    primary = source_caption_text(row)
    assert primary.startswith("Source: [HMICFRS: “PEEL 2023–25: An inspection of Hertfordshire Constabulary”]")
    assert source_caption_text(
        row.copy().set_axis(row.index).replace("primary", "secondary")
    ) == "⚠️ **Second-hand:** " + primary.replace("primary source", "second-hand source")


def test_a_typed_list_is_read_up_to_twice_the_most_forces_and_a_name_up_to_80_characters(use_fixture_db, forces):
    groups = run_query("peer_groups", force_id="kent")

    def members(*chosen):
        return resolve_peers("custom", list(chosen), "kent", forces, groups).member_ids

    assert members(*["nowhere"] * 83, "essex") == ("essex",)
    assert members(*["nowhere"] * 84, "essex") == ()  # an address with thousands of names is not read to the end
    assert members("Essex" + "." * 75) == ("essex",)  # normalised to "essex"
    assert members("Essex" + "." * 76) == ()


def test_a_published_group_that_lists_the_force_itself_compares_it_with_the_others_only(use_fixture_db, forces):
    groups = run_query("peer_groups", force_id="hertfordshire")
    itself = groups.iloc[[0]].assign(member_force_id="hertfordshire", member_short_name="Hertfordshire")
    choice = resolve_peers("msg", None, "hertfordshire", forces, pd.concat([groups, itself]))
    assert choice.member_ids == ("essex", "kent")


def test_where_a_force_sits_names_its_lowest_and_highest_grade_or_the_range_of_one_grade(use_real_db):
    from dashboard.grades.model import position_lead

    matrix = run_query("grade_matrix", cycle_id="2023-25")

    def lead(force_id: str, name: str) -> str:
        return position_lead(force_position(matrix, force_id), name, "PEEL 2023-25", "the other 42 forces")

    assert lead("hertfordshire", "Hertfordshire") == (
        "Hertfordshire, PEEL 2023-25, beside the other 42 forces: its lowest grade, Inadequate in Recording data about "
        "crime (16 of the 16 with a known grade higher); its highest, Good in Preventing crime (2 of the 28 with a known "
        "grade higher)."
    )
    # Both grades held are Outstanding: there is no lowest grade to name, only how many others are placed higher.
    assert lead("cheshire", "Cheshire") == (
        "Cheshire, PEEL 2023-25, beside the other 42 forces: Outstanding in each of the 2 areas whose grade we hold, from "
        "Managing offenders (0 of the 26 with a known grade higher) to Protecting vulnerable people (0 of the 30 with a "
        "known grade higher). Not graded by the inspectorate: Recording data about crime. Not known for 6 of 9 areas."
    )
    one = force_position(matrix, "hertfordshire").iloc[[1]]
    assert position_lead(one, "Hertfordshire", "PEEL 2023-25", "the other 42 forces") == (
        "Hertfordshire, PEEL 2023-25, beside the other 42 forces: Good in Preventing crime (2 of the 28 with a known grade "
        "higher)."
    )


def test_the_all_forces_tables_and_sentences_read_word_for_word_for_a_cycle_with_and_without_grades(use_fixture_db, matrix):
    assert wide_matrix(matrix).iloc[1].to_dict() == {
        "Force": "Hertfordshire",
        "Police powers and public treatment": "Not known",
        "Preventing crime": "Good",
        "Responding to the public": "Requires improvement",
        "Investigating crime": "Not known",
        "Protecting vulnerable people": "Not known",
        "Managing offenders": "Not known",
        "Developing a positive workplace": "Not known",
        "Leadership and force management": "Not known",
        "Recording data about crime": "Inadequate",
    }
    assert forces_by_grade(matrix, "crime-recording").to_dict("records") == [
        {"Grade": grade, "Forces": count, "Which forces": names}
        for grade, count, names in (
            ("Outstanding", 0, ""),
            ("Good", 0, ""),
            ("Adequate", 0, ""),
            ("Requires improvement", 0, ""),
            ("Inadequate", 1, "Hertfordshire"),
            ("Not graded", 1, "Essex"),
            ("Not known", 1, "Kent"),
        )
    ]
    earlier = run_query("grade_matrix", cycle_id="2021-22")
    assert matrix_summary(earlier, "PEEL 2021-22", "hertfordshire", "all forces") == (
        "PEEL 2021-22 grades for all forces (3 forces, 9 areas): no grade known; 0 not graded and 27 not known. "
        "Hertfordshire (outlined): no grade known."
    )
    assert counts_only_sentence(run_query("cycle_grade_counts", cycle_id="2021-22"), earlier) == (
        "Hertfordshire's grades are known only as counts: 2 Good and 1 Adequate over 3 graded areas (Test Gazette, "
        "second-hand source)."
    )
    assert position_summary(force_position(matrix, "hertfordshire"), "Hertfordshire", "all forces") == (
        "Hertfordshire compared with all forces whose grade is known, area by area: Preventing crime, Good (0 higher, 1 the "
        "same, 1 lower); Responding to the public, Requires improvement (0 higher, 1 the same, 0 lower); Recording data "
        "about crime, Inadequate (0 higher, 0 the same, 0 lower). Its grade is not known for Police powers "
        "and public treatment, Investigating crime, Protecting vulnerable people, Managing offenders, Developing a "
        "positive workplace and Leadership and force management."
    )
    assert grade_tally(pd.Series(["Good", "Not graded", "Not known"])) == "1 Good; 1 not graded, 1 not known"


def test_a_report_date_is_given_as_its_source_gives_it_or_said_to_be_missing(use_fixture_db):
    held = run_query("force_grades", force_id="hertfordshire", cycle_id="2021-22")
    assert publication_label(held.iloc[0:0], pd.DataFrame()) == "No grades held for this cycle, so no report is dated here"
    assert publication_label(held, pd.DataFrame({"published": ["2022-11"]})) == "Report published November 2022"
    assert publication_label(held, pd.DataFrame({"published": ["2022-11-04"]})) == "Report published 4 November 2022"


def test_an_area_card_says_when_no_finding_is_held_only_where_asked_to(use_fixture_db):
    from dashboard.grades.model import area_card_content

    area = run_query("force_grades", force_id="hertfordshire", cycle_id="2023-25").iloc[0]
    no_figures = pd.DataFrame(columns=["theme_id", "higher_is_better", "metric_id", "metric_name"])
    findings = run_query("force_findings", force_id="hertfordshire", cycle_id="2023-25").iloc[0:0]
    assert area_card_content(area, findings, no_figures, True) == (
        "##### Police powers and public treatment\n\n:gray-badge[? Not known]\n\n:small[We hold no published finding for "
        "this area.]\n\n---"
    )
    assert area_card_content(area, findings, no_figures, False) == (
        "##### Police powers and public treatment\n\n:gray-badge[? Not known]\n\n---"
    )


def test_a_grid_with_every_grade_known_says_none_is_unknown_and_a_primary_counts_source_is_called_primary(use_fixture_db, matrix):
    known = matrix[matrix["force_id"] == "hertfordshire"].query("grade in ['Good', 'Requires improvement', 'Inadequate']")
    assert matrix_summary(known, "PEEL 2023-25", "hertfordshire", "the chosen areas") == (
        "PEEL 2023-25 grades for the chosen areas (1 force, 3 areas): 1 Good, 1 Requires improvement and 1 Inadequate; 0 "
        "not graded and 0 not known. Hertfordshire (outlined): Good in Preventing crime, Requires improvement in "
        "Responding to the public and Inadequate in Recording data about crime."
    )
    counts = run_query("cycle_grade_counts", cycle_id="2021-22").assign(source_tier="primary", source_publisher="HMICFRS")
    assert counts_only_sentence(counts, run_query("grade_matrix", cycle_id="2021-22")).endswith(
        "over 3 graded areas (HMICFRS, primary source)."
    )


def test_the_lowest_grade_is_the_worst_grade_even_where_fewer_others_are_graded_higher_in_it():
    from dashboard.grades.model import position_lead

    position = pd.DataFrame(
        {
            "Area": ["A", "B"],
            "Grade": ["Good", "Requires improvement"],
            "Others graded higher": [5, 3],
            "Others with a known grade": [20, 10],
        }
    )
    assert position_lead(position, "Herts", "PEEL 2023-25", "the other 42 forces") == (
        "Herts, PEEL 2023-25, beside the other 42 forces: its lowest grade, Requires improvement in B (3 of the 10 with a "
        "known grade higher); its highest, Good in A (5 of the 20 with a known grade higher)."
    )

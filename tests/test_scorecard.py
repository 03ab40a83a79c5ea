"""The grade scorecard: each area under its grade with the grade's colour, symbol and word; gaps listed, never placed;
data text stays text; the link previews are 1200x630 PNGs, one per force."""

from __future__ import annotations

import html
import re
import struct
import xml.etree.ElementTree as ElementTree

import pandas as pd
import pytest

from dashboard.common.scale import FILL_COLOUR, GRADE_ORDER, SYMBOL
from dashboard.common.site_addresses import PREVIEW_FILE
from dashboard.grades.scorecard import PREVIEW, SLIDE, scorecard, scorecard_figure, scorecard_png, scorecard_svg, scorecard_text
from dashboard.store.build import build_database
from queries import run_query

AREAS = [
    ("Preventing crime", "Good"),
    ("Responding to the public", "Requires improvement"),
    ("Investigating crime", "Requires improvement"),
    ("Police powers and public treatment", "Adequate"),
    ("Recording data about crime", "Inadequate"),
    ("Leadership and force management", "Not known"),
    ("Developing a positive workplace", "Not graded"),
]


def grades(rows: list[tuple[str, str]]) -> pd.DataFrame:
    """Rows shaped as queries grade_matrix and grades_as_at return them."""
    known = [grade in GRADE_ORDER for _, grade in rows]
    return pd.DataFrame(
        {
            "area_name": [area for area, _ in rows],
            "area_short_name": [area for area, _ in rows],
            "sort_order": range(1, len(rows) + 1),
            "grade": [grade for _, grade in rows],
            "published": [pd.Timestamp("2024-10-16") if k else pd.NaT for k in known],
            "source_publisher": ["HMICFRS" if k else None for k in known],
            "source_title": ["PEEL 2023-25: an inspection of Hertfordshire" if k else None for k in known],
            "source_title_kind": ["title" if k else None for k in known],
            "source_url": ["https://hmicfrs.justiceinspectorates.gov.uk/" if k else None for k in known],
            "source_published": [pd.Timestamp("2024-10-16") if k else pd.NaT for k in known],
            "source_tier": ["primary" if k else None for k in known],
        }
    )


def plain(text: str) -> str:
    """What a label reads as: Plotly's bold and line breaks taken out, references read as their characters."""
    return html.unescape(re.sub(r"</?b>", "", text).replace("<br>", " "))


def labels(figure) -> list[tuple[float, float, str]]:
    """Every label drawn in the picture: (x, y, its words)."""
    trace = next(t for t in figure.data if t.mode == "text")
    return [(x, y, plain(text)) for x, y, text in zip(trace.x, trace.y, trace.text)]


def filled_boxes(figure) -> list[tuple[str, float, float, float, float]]:
    """Every coloured box: (its colour, left, top, right, bottom)."""
    boxes = []
    for trace in figure.data:
        if trace.fill != "toself":
            continue
        xs, ys = list(trace.x), list(trace.y)
        for start in range(0, len(xs), 6):  # each box is five corners and a gap
            box_x, box_y = xs[start : start + 5], ys[start : start + 5]
            boxes.append((trace.fillcolor, min(box_x), min(box_y), max(box_x), max(box_y)))
    return boxes


def notes(figure) -> str:
    return " ".join(plain(a.text) for a in figure.layout.annotations)


HERTFORDSHIRE = scorecard("Hertfordshire Constabulary", "PEEL 2023-25", grades(AREAS))


@pytest.mark.parametrize("size", [PREVIEW, SLIDE], ids=["preview", "slide"])
def test_each_area_is_drawn_under_its_grade_in_the_grade_colour_with_its_symbol_and_word_above(size):
    figure = scorecard_figure(HERTFORDSHIRE, size)
    drawn = labels(figure)
    headings = {text: x for x, _, text in drawn if text in {f"{SYMBOL[g]} {g}" for g in GRADE_ORDER}}
    assert list(headings) == [f"{SYMBOL[g]} {g}" for g in GRADE_ORDER]  # five columns, Outstanding to Inadequate
    assert list(headings.values()) == sorted(headings.values())
    for area, grade in AREAS:
        if grade not in GRADE_ORDER:
            continue
        x, y = next((x, y) for x, y, text in drawn if text == f"{SYMBOL[grade]} {area}")
        assert x == headings[f"{SYMBOL[grade]} {grade}"], f"{area} is not in the {grade} column"
        colours = [c for c, left, top, right, bottom in filled_boxes(figure) if left < x < right and top < y < bottom]
        assert colours == [FILL_COLOUR[grade]], f"{area} is not drawn in the colour of {grade}"


def test_a_grade_no_area_was_given_says_no_area_in_its_column():
    drawn = labels(scorecard_figure(HERTFORDSHIRE))
    outstanding = next(x for x, _, text in drawn if text == "★★ Outstanding")
    assert [text for x, _, text in drawn if x == outstanding] == ["★★ Outstanding", "No area"]


def test_areas_without_a_grade_are_listed_beneath_with_what_the_gap_means_and_never_placed_in_a_column():
    figure = scorecard_figure(HERTFORDSHIRE)
    drawn = " ".join(text for _, _, text in labels(figure))
    assert "Leadership and force management" not in drawn and "Developing a positive workplace" not in drawn
    beneath = notes(figure)
    assert "Not known (no published source we found states the grade): Leadership and force management." in beneath
    assert "Not graded (the inspectorate did not grade that area for that force): Developing a positive workplace." in beneath


def test_the_publication_date_and_source_are_in_the_small_print():
    beneath = notes(scorecard_figure(HERTFORDSHIRE))
    assert "Report published 16 October 2024" in beneath
    assert "Source: HMICFRS: “PEEL 2023-25: an inspection of Hertfordshire”, 16 October 2024 (primary source)" in beneath


def test_the_text_alternative_is_the_grade_list_in_words_in_the_columns_order_then_the_gaps():
    assert scorecard_text(HERTFORDSHIRE) == (
        "Hertfordshire Constabulary's PEEL 2023-25 grades, from Outstanding to Inadequate. Outstanding: no area; "
        "Good: Preventing crime; Adequate: Police powers and public treatment; Requires improvement: Responding to the "
        "public and Investigating crime; Inadequate: Recording data about crime. "
        "Not known (no published source we found states the grade): Leadership and force management. "
        "Not graded (the inspectorate did not grade that area for that force): Developing a positive workplace."
    )


def test_the_table_behind_the_scorecard_has_every_area_with_its_grade_and_a_source_only_for_a_grade():
    table = HERTFORDSHIRE.table
    assert table[["Area", "Grade"]].values.tolist() == [list(row) for row in AREAS]
    assert table.loc[table["Grade"] == "Not known", "Source"].tolist() == [""]


def test_a_force_without_any_grade_gets_a_card_that_says_so_not_five_empty_columns():
    card = scorecard("Greater Manchester Police", "PEEL 2023-25", grades([(a, "Not known") for a, _ in AREAS]))
    figure = scorecard_figure(card)
    drawn = [text for _, _, text in labels(figure)]
    assert drawn == [
        "We do not hold any PEEL 2023-25 grades for Greater Manchester Police: no published source we found states them."
    ]
    assert "Not known (no published source we found states the grade): Preventing crime, " in notes(figure)
    assert "Report published" not in notes(figure) and "No grades held for this cycle" in notes(figure)
    assert scorecard_text(card).startswith("We do not hold any PEEL 2023-25 grades for Greater Manchester Police")


def test_a_crowded_column_still_fits_the_preview_and_shows_every_area():
    crowded = [(f"Area number {n} with a long name", "Adequate") for n in range(9)]
    figure = scorecard_figure(scorecard("Kent Police", "PEEL 2023-25", grades(crowded)))
    drawn = labels(figure)
    assert all(any(text == f"● Area number {n} with a long name" for _, _, text in drawn) for n in range(9))
    assert all(bottom <= PREVIEW.height for *_, bottom in filled_boxes(figure))
    assert figure.layout.height == PREVIEW.height


HOSTILE_FORCE = "Kent <b>Police</b> <img src=x onerror=alert(1)> & Co"
HOSTILE_AREA = "<script>alert('area')</script> Preventing"


def svg_words(svg: str) -> tuple[set[str], str]:
    """The SVG's element names and all its text, as a browser would read it."""
    root = ElementTree.fromstring(svg)
    tags = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
    return tags, " ".join("".join(element.itertext()) for element in root.iter() if element.tag.endswith("text"))


def test_hostile_force_and_area_names_stay_text_in_the_picture_and_its_words():
    card = scorecard(HOSTILE_FORCE, "PEEL 2023-25", grades([(HOSTILE_AREA, "Good"), ("Investigating crime", "Not known")]))
    svg = scorecard_svg(scorecard_figure(card))
    tags, text = svg_words(svg)
    assert not tags & {"script", "img", "foreignObject", "a", "iframe"}
    assert HOSTILE_FORCE in text  # written out, with its tags and reference, as the words they are
    # A label of two lines is two text elements: compared without white space.
    assert re.sub(r"\s", "", f"{SYMBOL['Good']} {HOSTILE_AREA}") in re.sub(r"\s", "", text)
    assert "onerror" not in re.sub(r">[^<]*<", "><", svg)  # only inside text, never an attribute
    assert HOSTILE_FORCE in scorecard_text(card) and HOSTILE_AREA in scorecard_text(card)


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (its IHDR chunk follows the eight-byte signature)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_the_scorecard_as_png_is_1200_by_630_and_as_svg_is_an_svg_document():
    assert png_size(scorecard_png(scorecard_figure(HERTFORDSHIRE))) == (1200, 630)
    root = ElementTree.fromstring(scorecard_svg(scorecard_figure(HERTFORDSHIRE)))
    assert root.tag.endswith("svg") and root.get("width") == "1200" and root.get("height") == "630"


@pytest.fixture
def one_force_without_grades(fixture_data_copy, tmp_path, monkeypatch) -> str:
    """The fixture data with Kent's grades taken out, built into a database of its own."""
    grades_file = fixture_data_copy / "grades.csv"
    lines = grades_file.read_text().splitlines(keepends=True)
    grades_file.write_text("".join(line for line in lines if not line.startswith("kent,")))
    path = tmp_path / "no-kent-grades.duckdb"
    build_database(fixture_data_copy, path)
    monkeypatch.setenv("DASHBOARD_DB", str(path))
    return "kent"


def test_write_previews_writes_one_1200_by_630_preview_per_force_including_one_without_grades(one_force_without_grades, tmp_path):
    from dashboard.site.previews import write_previews

    forces = run_query("forces")["force_id"].tolist()
    site = tmp_path / "site"
    assert write_previews(site) == len(forces)
    files = sorted(site.glob(f"*/{PREVIEW_FILE}"))
    assert sorted(path.parent.name for path in files) == sorted(forces)
    assert {png_size(path.read_bytes()) for path in files} == {(1200, 630)}
    assert (site / one_force_without_grades / PREVIEW_FILE).exists()
    # The card drawn for it says that no grade is held, rather than five empty columns.
    from dashboard.grades.views import every_scorecard

    card = every_scorecard()[one_force_without_grades]
    assert not card.any_known
    assert [text for _, _, text in labels(scorecard_figure(card))] == [card.sentence]

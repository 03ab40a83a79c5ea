"""The stricter 999 loader: damaged or doubtful files are rejected whole, naming row and column, and never half-loaded."""

from __future__ import annotations

import shutil
from datetime import date

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importer_helpers import IMPORTS, NEW_999_SOURCE, prepare, snapshot

from dashboard.store.importers import police_uk_999
from dashboard.store.importers.base import ReadContext, Reference
from dashboard.store.importers.load import SourceSpec, load_file
from dashboard.store.tables import DataFileError

GOOD = (IMPORTS / "police_uk_999_2024.csv").read_bytes()
SOURCE = SourceSpec(**NEW_999_SOURCE)


@pytest.fixture
def env(fixture_data_copy, tmp_path):
    db_path = tmp_path / "strict.duckdb"
    prepare(fixture_data_copy, db_path)
    return fixture_data_copy, db_path


def load_bytes(env, data: bytes, name: str = "999.csv", **kwargs):
    data_dir, db_path = env
    path = data_dir.parent / name
    path.write_bytes(data)
    return load_file(path, "police-uk-999", SOURCE, data_dir=data_dir, db_path=db_path, **kwargs)


def rejected(env, data: bytes, **kwargs) -> str:
    before = snapshot(*env)
    with pytest.raises(DataFileError) as caught:
        load_bytes(env, data, **kwargs)
    assert snapshot(*env) == before
    return str(caught.value)


def test_a_month_that_has_not_ended_is_rejected(env, monkeypatch):
    monkeypatch.setattr(police_uk_999, "today", lambda: date(2024, 5, 20))
    message = rejected(env, GOOD)
    assert "999.csv, row 7, column 'Month': May 2024 has not ended yet (today is 20 May 2024)" in message


def test_a_row_with_fewer_fields_than_the_header_is_rejected(env):
    message = rejected(
        env, GOOD.replace(b"Essex Police,2024-04,12000,11160,93.0,700,140,5.1", b"Essex Police,2024-04,12000,11160")
    )
    assert "999.csv, row 3: this row has 4 cells but the header has 8 (fewer than the header)" in message


def test_a_last_line_cut_short_by_an_interrupted_download_is_rejected(env):
    message = rejected(env, GOOD[:-6])  # "Kent Police,2024-05,15500,,,,,\n" loses its end and its line break
    assert "999.csv, row 9: " in message


def test_a_file_ending_without_a_line_break_is_taken_as_cut_short(env):
    # Every cell is there, but a cut inside the last figure would look the same: only the missing line break tells.
    assert "999.csv, row 9: the file ends part-way through this line" in rejected(env, GOOD[:-1])


def test_n_a_in_a_count_column_is_rejected_unless_listed_and_then_reported(env):
    data = GOOD.replace(b"Kent Police,2024-04,15000,13200", b"Kent Police,2024-04,15000,n/a")
    assert "999.csv, row 4, column 'Calls answered within 10 seconds': expected a whole number, found 'n/a'" in rejected(
        env, data
    )
    report = load_bytes(env, data, options={"not_available": "n/a"})
    assert "1 cell(s) marked 'n/a', listed as 'not available', are kept as gaps." in report.warnings


def test_a_cell_over_the_csv_size_limit_is_rejected_without_a_traceback(env):
    data = GOOD.replace(b"Essex Police,2024-04", b"Essex Police" + b"x" * 200_000 + b",2024-04")
    message = rejected(env, data)
    assert "999.csv, row 3: a cell is longer than 131,072 characters" in message


def test_a_share_that_contradicts_its_counts_is_rejected_unless_accepted_as_published(env):
    data = GOOD.replace(b"10000,8600,86.0", b"10000,8600,80.0")
    assert "999.csv, row 2, column '% answered within 10 seconds': '% answered within 10 seconds' is 80 but 8,600 of" in rejected(
        env, data
    )
    report = load_bytes(env, data, options={"accept_as_published": "yes"})
    con = duckdb.connect(str(env[1]), read_only=True)
    warnings = con.execute("SELECT warnings FROM load_log WHERE load_id = ?", [report.load_id]).fetchone()[0]
    con.close()
    assert "row 2: '% answered within 10 seconds' is 80 but 8,600 of 10,000 is 86.0%" in warnings


# --- random damage: loaded exactly, or rejected with data/ unchanged -------------------------------------------

LINES = GOOD.split(b"\n")


@st.composite
def damaged(draw) -> bytes:
    how = draw(st.sampled_from(["cut", "duplicate field", "drop field", "encoding", "inject"]))
    if how == "cut":
        return GOOD[: draw(st.integers(1, len(GOOD) - 1))]
    if how == "encoding":
        text = GOOD.decode("utf-8").replace("Kent Police", draw(st.sampled_from(["Kent Pólice", "Kent Police – Kent"])))
        return text.encode(draw(st.sampled_from(["cp1252", "utf-16", "latin-1"])), errors="replace")
    if how == "inject":
        at = draw(st.integers(0, len(GOOD)))
        junk = draw(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=8))
        return GOOD[:at] + junk.encode("utf-8") + GOOD[at:]
    row = draw(st.integers(1, len(LINES) - 2))
    cells = LINES[row].split(b",")
    index = draw(st.integers(0, len(cells) - 1))
    cells = cells[: index + 1] + cells[index:] if how == "duplicate field" else cells[:index] + cells[index + 1 :]
    return b"\n".join([*LINES[:row], b",".join(cells), *LINES[row + 1 :]])


@pytest.fixture
def pristine(fixture_data_copy, tmp_path):
    db_path = tmp_path / "pristine.duckdb"
    prepare(fixture_data_copy, db_path)
    return fixture_data_copy, db_path


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=damaged())
def test_random_damage_is_loaded_exactly_or_rejected_with_nothing_changed(pristine, tmp_path_factory, data):
    work = tmp_path_factory.mktemp("damage")
    data_dir, db_path = work / "data", work / "db.duckdb"
    shutil.copytree(pristine[0], data_dir)
    shutil.copy2(pristine[1], db_path)
    before = snapshot(data_dir, db_path)
    try:
        report = load_bytes((data_dir, db_path), data)
    except DataFileError:
        assert snapshot(data_dir, db_path) == before
        return
    # Loaded: the stored copy is the file as received, and every figure it gives is in the database as given.
    assert (data_dir / report.stored_path).read_bytes() == data
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        reread = police_uk_999.read(data_dir / report.stored_path, ReadContext("stored", Reference(con), report.source_id))
        held = {
            (f, m, p): v
            for f, m, p, v in con.execute("SELECT force_id, metric_id, period_label, value FROM observation").fetchall()
        }
    finally:
        con.close()
    assert reread.rows and all(held[(r["force_id"], r["metric_id"], r["period_label"])] == r["value"] for r in reread.rows)

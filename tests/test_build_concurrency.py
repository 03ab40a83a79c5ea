"""First visitors arriving together with no database: one build, and every one of them gets the data."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb

from dashboard.store import build
from tests.conftest import FIXTURE_DATA

ROOT = Path(__file__).resolve().parents[1]

# Another process doing what app.py does on every rerun: wait for the start signal, then make sure the database exists.
VISITOR_PROCESS = """
import sys, time
from pathlib import Path
from dashboard.store import build
start = float(sys.argv[3])
while time.time() < start:
    time.sleep(0.001)
build.ensure_database(Path(sys.argv[1]), Path(sys.argv[2]))
print(build.builds_made())
"""


def count_forces(db_path: Path) -> int:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.execute("SELECT count(*) FROM force").fetchone()[0]


def test_eight_threads_and_two_processes_finding_no_database_make_exactly_one_build(tmp_path):
    db_path = tmp_path / "first-visit.duckdb"
    start = time.time() + 2.0  # time for the two processes to import everything before the race starts
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", VISITOR_PROCESS, str(FIXTURE_DATA), str(db_path), str(start)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    before = build.builds_made()
    errors: list[BaseException] = []
    forces_seen: list[int] = []

    def visit() -> None:
        try:
            while time.time() < start:
                time.sleep(0.001)
            build.ensure_database(FIXTURE_DATA, db_path)
            forces_seen.append(count_forces(db_path))
        except BaseException as error:  # collected and asserted below, so a failure names itself
            errors.append(error)

    threads = [threading.Thread(target=visit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    outputs = [process.communicate(timeout=120) for process in processes]

    assert errors == []
    assert [process.returncode for process in processes] == [0, 0], [err for _, err in outputs]
    builds_here = build.builds_made() - before
    builds_there = sum(int(out.strip()) for out, _ in outputs)
    assert builds_here + builds_there == 1
    expected = count_forces(db_path)
    assert expected > 0 and forces_seen == [expected] * 8
    assert not list(tmp_path.glob("*.building"))


def test_a_rebuild_while_others_read_never_shows_them_a_half_built_file(tmp_path):
    db_path = tmp_path / "busy.duckdb"
    build.build_database(FIXTURE_DATA, db_path)
    expected = count_forces(db_path)
    stop = threading.Event()
    seen: list[int] = []
    errors: list[BaseException] = []

    def read() -> None:
        while not stop.is_set():
            try:
                seen.append(count_forces(db_path))
            except BaseException as error:
                errors.append(error)

    readers = [threading.Thread(target=read) for _ in range(3)]
    for reader in readers:
        reader.start()
    builders = [threading.Thread(target=build.build_database, args=(FIXTURE_DATA, db_path)) for _ in range(3)]
    for builder in builders:
        builder.start()
    for builder in builders:
        builder.join(timeout=120)
    stop.set()
    for reader in readers:
        reader.join(timeout=30)
    assert errors == []
    assert seen and set(seen) == {expected}


def test_pages_read_the_new_data_as_soon_as_a_rebuild_swaps_it_in(fixture_data_copy, tmp_path, monkeypatch):
    from queries import run_query

    db_path = tmp_path / "swapped.duckdb"
    build.build_database(fixture_data_copy, db_path)
    monkeypatch.setenv("DASHBOARD_DB", str(db_path))
    forces = fixture_data_copy / "forces.csv"
    assert "Hertfordshire" in run_query("forces")["short_name"].tolist()
    forces.write_text(forces.read_text().replace(",Hertfordshire,force,", ",Herts,force,"))
    time.sleep(0.01)  # a distinct modification time for the new file
    build.build_database(fixture_data_copy, db_path)
    short_names = run_query("forces")["short_name"].tolist()
    assert "Herts" in short_names and "Hertfordshire" not in short_names
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".open")]

"""Build the DuckDB database from the curated files in data/, all or nothing.

The build writes a new file beside the old one and swaps it in only when every row has been
validated and inserted, so a bad file never costs the database what it had. One build at a time, across
threads and processes (a lock file beside the database): whoever finds the database missing or stale
while another build runs waits for it, then reads the file it made instead of building again.
"""

from __future__ import annotations

import hashlib
import math
import os
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
from filelock import FileLock

from dashboard.store import releases
from dashboard.store.checks import check_actions, check_events, label_observations
from dashboard.store.paths import DATA_DIR, SCHEMA_PATH, database_path
from dashboard.store.tables import TABLES, DataFileError, Problem, check_references, insert_rows, read_table

# Parents before children, so that foreign keys are satisfied as rows go in.
LOAD_ORDER = (
    "source",
    "force",
    "force_alias",
    "cycle",
    "peel_area",
    "grade",
    "grade_count",
    "finding",
    "metric",
    "observation",
    "peer_group",
    "improvement_action",
    "timeline_event",
)


@dataclass(frozen=True)
class BuildReport:
    path: Path
    rows: dict[str, int]
    seconds: float


def source_files(data_dir: Path = DATA_DIR) -> list[Path]:
    """Every file whose change should trigger a rebuild."""
    files = [SCHEMA_PATH, *sorted(data_dir.glob("*.csv"))]
    releases_dir = data_dir / "releases"
    if releases_dir.exists():
        # Dot-files are a load's temporary files and lock, not data.
        files += sorted(p for p in releases_dir.rglob("*") if p.is_file() and not p.name.startswith("."))
    return files


def build_id(data_dir: Path = DATA_DIR) -> str:
    """Names the data a build was made from: the same files give the same id (the open-data package's version)."""
    digest = hashlib.sha256()
    for path in source_files(data_dir):
        name = path.name if path == SCHEMA_PATH else str(path.relative_to(data_dir))
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:12]


def is_stale(db_path: Path | None = None, data_dir: Path = DATA_DIR) -> bool:
    db_path = db_path or database_path()
    if not db_path.exists():
        return True
    built = db_path.stat().st_mtime
    return any(p.stat().st_mtime > built for p in source_files(data_dir))


def read_curated(data_dir: Path = DATA_DIR, table_names: tuple[str, ...] = LOAD_ORDER) -> dict[str, list[dict[str, Any]]]:
    """Validate every curated file; raise one DataFileError listing all problems found."""
    loaded: dict[str, list[dict[str, Any]]] = {}
    problems: list[Problem] = []
    for name in table_names:
        table = TABLES[name]
        path = data_dir / table.file_name
        if table.optional_file and not path.exists():
            continue
        try:
            loaded[name] = read_table(path, table, display_name=f"data/{table.file_name}")
        except DataFileError as error:
            problems += error.problems
    if problems:
        raise DataFileError(problems)
    problems += _check_relations(loaded)
    if problems:
        raise DataFileError(problems)
    return loaded


def _check_relations(loaded: dict[str, list[dict[str, Any]]]) -> list[Problem]:
    keys = {
        "source": {r["source_id"] for r in loaded["source"]},
        "force": {r["force_id"] for r in loaded["force"]},
        "cycle": {r["cycle_id"] for r in loaded["cycle"]},
        "metric": {r["metric_id"] for r in loaded["metric"]},
        "finding": {r["finding_id"] for r in loaded.get("finding", [])},
    }
    problems = check_references(loaded, TABLES, keys)
    areas = {(r["cycle_id"], r["area_id"]) for r in loaded["peel_area"]}
    for name in ("grade", "finding"):
        for row in loaded.get(name, []):
            if row["area_id"] is not None and (row["cycle_id"], row["area_id"]) not in areas:
                problems.append(
                    Problem(
                        f"data/{TABLES[name].file_name}",
                        row["_row"],
                        "area_id",
                        f"'{row['area_id']}' is not an area of the {row['cycle_id']} cycle",
                    )
                )
    for row in loaded.get("grade", []):
        if row["grade"] != "Not known" and row["source_id"] is None:
            problems.append(Problem("data/grades.csv", row["_row"], "source_id", f"a {row['grade']} grade needs a source"))
        if (row["grade"] == "Not known") != (row["evidence"] in ("probable only", "not found")):
            problems.append(
                Problem(
                    "data/grades.csv",
                    row["_row"],
                    "evidence",
                    "only 'probable only' or 'not found' evidence may go with 'Not known', and only with it",
                )
            )
    problems += label_observations(loaded.get("observation", []), "data/observations.csv")
    problems += check_actions(loaded) + check_events(loaded.get("timeline_event", []))
    return problems


_thread_lock = threading.Lock()
_builds_made = 0


def build_lock(db_path: Path) -> FileLock:
    """The lock every build of this database file takes: a file beside it, so other processes see it too."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(db_path.with_name(f".{db_path.name}.lock"))


def builds_made() -> int:
    """How many builds this process has made (tests check that concurrent visitors start just one)."""
    return _builds_made


def build_database(data_dir: Path = DATA_DIR, db_path: Path | None = None) -> BuildReport:
    """Validate everything, build a new database file, then swap it in atomically; one build at a time."""
    db_path = db_path or database_path()
    with _thread_lock, build_lock(db_path):
        return _build_unlocked(data_dir, db_path)


def _build_unlocked(data_dir: Path, db_path: Path) -> BuildReport:
    global _builds_made
    started = time.perf_counter()
    loaded = read_curated(data_dir)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    # A name no other thread or process can be using, so two builds never write one file.
    temporary = db_path.with_name(f".{db_path.name}.{os.getpid()}.{uuid.uuid4().hex}.building")
    temporary.unlink(missing_ok=True)
    con = duckdb.connect(str(temporary))
    try:
        con.execute(SCHEMA_PATH.read_text(encoding="utf-8"))
        con.execute("BEGIN TRANSACTION")
        for name in LOAD_ORDER:
            if name in loaded:
                insert_rows(con, TABLES[name], loaded[name])
        releases.apply_all(con, data_dir)
        con.execute(
            "INSERT INTO build_info (built_at, data_as_at, build_id) VALUES (?, ?, ?)", [datetime.now(), None, build_id(data_dir)]
        )
        con.execute("COMMIT")
        counts = {name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in LOAD_ORDER}
        con.execute("CHECKPOINT")
    except duckdb.Error as error:
        con.close()
        temporary.unlink(missing_ok=True)
        raise DataFileError([Problem("database build", None, None, str(error).splitlines()[0])]) from None
    except BaseException:
        con.close()
        temporary.unlink(missing_ok=True)
        raise
    con.close()
    os.replace(temporary, db_path)
    _builds_made += 1
    return BuildReport(db_path, counts, time.perf_counter() - started)


_last_checked: dict[tuple[Path, Path], float] = {}


def ensure_database(data_dir: Path = DATA_DIR, db_path: Path | None = None, recheck_after: float = 0.0) -> Path:
    """Build the database when it is missing or older than its sources; return its path.

    With recheck_after, a database found fresh is not checked again for that many seconds: the app calls this
    on every rerun, and looking at every data file each time cost about half a millisecond.
    """
    db_path = db_path or database_path()
    key = (db_path, data_dir)
    now = time.monotonic()
    if now - _last_checked.get(key, -math.inf) < recheck_after and db_path.exists():
        return db_path
    if is_stale(db_path, data_dir):
        with _thread_lock, build_lock(db_path):
            if is_stale(db_path, data_dir):  # another thread or process may have built it while we waited
                _build_unlocked(data_dir, db_path)
    _last_checked[key] = now
    return db_path

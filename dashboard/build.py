"""Build the DuckDB database from the curated files in data/, all or nothing.

The build writes a new file beside the old one and swaps it in only when every row has been
validated and inserted, so a bad file never costs the database what it had.
"""

from __future__ import annotations

import hashlib
import math
import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from dashboard import releases
from dashboard.paths import DATA_DIR, SCHEMA_PATH, database_path
from dashboard.periods import describe_period
from dashboard.tables import TABLES, DataFileError, Problem, Table, check_references, read_table
from dashboard.timeline import check_events
from dashboard.tracker import check_actions

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


def label_observations(rows: list[dict[str, Any]], file_name: str) -> list[Problem]:
    """Fill in period labels from dates and check each place × metric × period appears once."""
    problems, seen = [], {}
    for row in rows:
        if row.get("period_start") and row.get("period_end") and row["period_start"] > row["period_end"]:
            problems.append(Problem(file_name, row["_row"], "period_end", "the period ends before it starts"))
        if not row.get("period_label"):
            row["period_label"] = describe_period(row.get("period_start"), row.get("period_end"))
        key = (row["force_id"], row["metric_id"], row["period_label"])
        if key in seen:
            problems.append(
                Problem(
                    file_name,
                    row["_row"],
                    "period_label",
                    f"duplicate of row {seen[key]}: {key[0]}, {key[1]}, {key[2]} appears twice",
                )
            )
        else:
            seen[key] = row["_row"]
    return problems


def insert_rows(
    con: duckdb.DuckDBPyConnection, table: Table, rows: list[dict[str, Any]], extra: dict[str, Any] | None = None
) -> None:
    if not rows:
        return
    columns = [c for c in table.column_names if c in rows[0]] + list(extra or {})
    frame = pd.DataFrame([{**{c: r.get(c) for c in columns}, **(extra or {})} for r in rows], columns=columns)
    con.register("incoming_rows", frame)
    try:
        column_list = ", ".join(columns)
        # Identifiers here come from the fixed TABLES catalogue, never from input.
        con.execute(f"INSERT INTO {table.name} ({column_list}) SELECT {column_list} FROM incoming_rows")
    finally:
        con.unregister("incoming_rows")


def build_database(data_dir: Path = DATA_DIR, db_path: Path | None = None) -> BuildReport:
    """Validate everything, build a new database file, then swap it in atomically."""
    started = time.perf_counter()
    db_path = db_path or database_path()
    loaded = read_curated(data_dir)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    temporary = db_path.with_name(f".{db_path.name}.{os.getpid()}.building")
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
        build_database(data_dir, db_path)
    _last_checked[key] = now
    return db_path

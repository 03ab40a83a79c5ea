"""Official data releases loaded by the importers, replayed on every build.

A release is kept unedited under data/releases/<kind>/ and listed in data/releases/manifest.csv, so
that rebuilding the database from data/ never loses what an analyst has loaded. Sources created by a
load are kept in data/releases/sources.csv. Releases are replayed in the order they were loaded: a
later release's figure replaces an earlier one for the same place, metric and period, and the
earlier row moves to the history table.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from dashboard.store.tables import TABLES, Column, DataFileError, Problem, Table, insert_rows, read_table

MANIFEST = Table(
    "load_log",
    "releases/manifest.csv",
    (
        Column("load_id", "integer"),
        Column("kind"),
        Column("file_name"),
        Column("stored_path"),
        Column("sha256"),
        Column("row_count", "integer"),
        Column("loaded_at"),
        Column("source_id"),
        Column("options", required=False),  # importer options as 'name=value; name=value', e.g. the ONS period
        Column("warnings", required=False),  # what the load warned about, joined by WARNING_SEPARATOR
    ),
    key=("load_id",),
)
MANIFEST_SHOWN = "data/releases/manifest.csv"
# Warnings are kept on one line of the manifest (the CSV reader splits rows on line breaks).
WARNING_SEPARATOR = " | "
SOURCES_SHOWN = "data/releases/sources.csv"


@dataclass(frozen=True)
class ManifestEntry:
    load_id: int
    kind: str
    file_name: str
    stored_path: str  # relative to the data folder
    sha256: str
    row_count: int
    loaded_at: datetime
    source_id: str
    options: dict[str, str] = field(default_factory=dict)
    row: int = 0  # its row in the manifest, for messages
    warnings: tuple[str, ...] = ()

    def as_record(self) -> dict[str, Any]:
        return {
            "load_id": self.load_id,
            "kind": self.kind,
            "file_name": self.file_name,
            "stored_path": self.stored_path,
            "sha256": self.sha256,
            "row_count": self.row_count,
            "loaded_at": self.loaded_at.isoformat(timespec="seconds"),
            "source_id": self.source_id,
            "options": format_options(self.options),
            "warnings": WARNING_SEPARATOR.join(w.replace("\n", " ") for w in self.warnings),
        }


def format_options(options: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in sorted(options.items()))


def parse_options(text: str | None) -> dict[str, str]:
    pairs = [part.split("=", 1) for part in (text or "").split(";") if "=" in part]
    return {k.strip(): v.strip() for k, v in pairs}


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_path(data_dir: Path) -> Path:
    return data_dir / "releases" / "manifest.csv"


def sources_path(data_dir: Path) -> Path:
    return data_dir / "releases" / "sources.csv"


def read_manifest(data_dir: Path) -> list[ManifestEntry]:
    """Every load so far, oldest first; a damaged manifest is rejected naming its row and column."""
    path = manifest_path(data_dir)
    if not path.exists():
        return []
    rows = read_table(path, MANIFEST, display_name=MANIFEST_SHOWN)
    entries, problems = [], []
    for row in rows:
        try:
            loaded_at = datetime.fromisoformat(row["loaded_at"])
        except ValueError:
            problems.append(
                Problem(MANIFEST_SHOWN, row["_row"], "loaded_at", f"expected a date and time, found '{row['loaded_at']}'")
            )
            continue
        entries.append(
            ManifestEntry(
                row["load_id"],
                row["kind"],
                row["file_name"],
                row["stored_path"],
                row["sha256"],
                row["row_count"],
                loaded_at,
                row["source_id"],
                parse_options(row["options"]),
                row["_row"],
                tuple(w for w in (row["warnings"] or "").split(WARNING_SEPARATOR) if w),
            )
        )
    if problems:
        raise DataFileError(problems)
    return sorted(entries, key=lambda e: e.load_id)


def read_release_sources(data_dir: Path) -> list[dict[str, Any]]:
    path = sources_path(data_dir)
    if not path.exists():
        return []
    return read_table(path, TABLES["source"], display_name=SOURCES_SHOWN)


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target, flush to disk, then rename over it: readers see the old file or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def apply_all(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """Replay every release in the manifest, oldest first, inside the caller's transaction."""
    from dashboard.store.importers import ReadContext, Reference, importer_for

    new_sources = read_release_sources(data_dir)
    if new_sources:
        existing = {row[0] for row in con.execute("SELECT source_id FROM source").fetchall()}
        clashes = [
            Problem(SOURCES_SHOWN, s["_row"], "source_id", f"'{s['source_id']}' is already in data/sources.csv")
            for s in new_sources
            if s["source_id"] in existing
        ]
        if clashes:
            raise DataFileError(clashes)
        insert_rows(con, TABLES["source"], new_sources)
    entries = read_manifest(data_dir)
    if not entries:
        return
    reference = Reference(con)
    for entry in entries:
        problem = _check_stored_file(data_dir, entry)
        if problem:
            raise DataFileError([problem])
        try:
            importer = importer_for(entry.kind)
        except DataFileError:
            raise DataFileError([Problem(MANIFEST_SHOWN, entry.row, "kind", f"no importer for kind '{entry.kind}'")]) from None
        if entry.source_id not in reference.source_ids:
            raise DataFileError(
                [Problem(MANIFEST_SHOWN, entry.row, "source_id", f"'{entry.source_id}' is not a known source id")]
            )
        context = ReadContext(f"data/{entry.stored_path}", reference, entry.source_id, entry.options)
        release = importer.read(data_dir / entry.stored_path, context)
        apply_release(con, importer, release.rows, entry.load_id)
        con.execute(
            "INSERT INTO load_log (load_id, kind, file_name, sha256, row_count, loaded_at, source_id, warnings) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                entry.load_id,
                entry.kind,
                entry.file_name,
                entry.sha256,
                entry.row_count,
                entry.loaded_at,
                entry.source_id,
                WARNING_SEPARATOR.join(entry.warnings) or None,
            ],
        )


def _check_stored_file(data_dir: Path, entry: ManifestEntry) -> Problem | None:
    path = data_dir / entry.stored_path
    if not path.resolve().is_relative_to((data_dir / "releases").resolve()):
        return Problem(MANIFEST_SHOWN, entry.row, "stored_path", "must be a file inside data/releases/")
    if not path.is_file():
        return Problem(MANIFEST_SHOWN, entry.row, "stored_path", f"the stored release data/{entry.stored_path} is missing")
    if sha256_of(path.read_bytes()) != entry.sha256:
        return Problem(
            MANIFEST_SHOWN,
            entry.row,
            "sha256",
            f"data/{entry.stored_path} has changed since it was loaded; stored releases must be kept unedited",
        )
    return None


@dataclass
class Changes:
    """What a release does to the database: new rows, revised rows (earlier values kept), rows already there."""

    added: int = 0
    revised: int = 0
    unchanged: int = 0
    examples: list[str] = field(default_factory=list)  # a few revisions, in words


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [
        row[0]
        for row in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()
    ]


def _frame(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> tuple[pd.DataFrame, list[str]]:
    columns = [c for c in _columns(con, table) if c in TABLES[table].column_names]
    return pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], columns=columns), columns


def _conditions(con: duckdb.DuckDBPyConnection, importer, tiers: str = "source") -> tuple[str, str]:
    """SQL for 'same key' and 'revised'; identifiers come from the importer registry, never from a file."""
    matches = " AND ".join(f"t.{k} = i.{k}" for k in importer.key)
    differs = " OR ".join(f"t.{c} IS DISTINCT FROM i.{c}" for c in importer.compared)
    if "source_id" in _columns(con, importer.table) and "source_id" not in importer.compared:
        # The same figure from a primary source replaces a second-hand report of it.
        differs += (
            " OR coalesce(t.source_id <> i.source_id"
            f" AND (SELECT tier FROM {tiers} WHERE source_id = t.source_id) = 'secondary'"
            f" AND (SELECT tier FROM {tiers} WHERE source_id = i.source_id) = 'primary', false)"
        )
    return matches, f"({differs})"


def apply_release(con: duckdb.DuckDBPyConnection, importer, rows: list[dict[str, Any]], load_id: int) -> None:
    """Insert new rows, replace revised ones (moving the earlier row to history), leave equal ones alone."""
    if not rows:
        return
    frame, columns = _frame(con, importer.table, rows)
    matches, differs = _conditions(con, importer)
    table = importer.table
    stamped = "load_id" in _columns(con, table)
    con.register("incoming_release", frame)
    try:
        if importer.history_table:
            kept = [c for c in _columns(con, importer.history_table) if c != "superseded_by_load_id"]
            listed = ", ".join(kept)
            con.execute(
                f"INSERT INTO {importer.history_table} ({listed}, superseded_by_load_id) "
                f"SELECT {', '.join('t.' + c for c in kept)}, $load_id "
                f"FROM {table} AS t JOIN incoming_release AS i ON {matches} WHERE {differs}",
                {"load_id": load_id},
            )
        updates = [f"{c} = i.{c}" for c in columns if c not in importer.key] + (["load_id = $load_id"] if stamped else [])
        con.execute(
            f"UPDATE {table} AS t SET {', '.join(updates)} FROM incoming_release AS i WHERE {matches} AND {differs}",
            {"load_id": load_id} if stamped else {},
        )
        listed = ", ".join(columns) + (", load_id" if stamped else "")
        values = ", ".join(f"i.{c}" for c in columns) + (", $load_id" if stamped else "")
        con.execute(
            f"INSERT INTO {table} ({listed}) SELECT {values} FROM incoming_release AS i "
            f"WHERE NOT EXISTS (SELECT 1 FROM {table} AS t WHERE {matches})",
            {"load_id": load_id} if stamped else {},
        )
    finally:
        con.unregister("incoming_release")


def preview_changes(
    con: duckdb.DuckDBPyConnection,
    importer,
    rows: list[dict[str, Any]],
    new_sources: dict[str, str] | None = None,
    limit: int = 10,
) -> Changes:
    """Count what apply_release would do against the database as it stands, without writing.

    `new_sources` maps the id of a source this load would create to its tier.
    """
    if not rows:
        return Changes()
    frame, _ = _frame(con, importer.table, rows)
    tiers = pd.DataFrame(
        con.execute("SELECT source_id, tier FROM source").fetchall() + list((new_sources or {}).items()),
        columns=["source_id", "tier"],
    )
    matches, differs = _conditions(con, importer, tiers="release_source_tiers")
    con.register("incoming_release", frame)
    con.register("release_source_tiers", tiers)
    try:
        added, revised, unchanged = con.execute(
            f"SELECT count(*) FILTER (WHERE t.{importer.key[0]} IS NULL), "
            f"count(*) FILTER (WHERE t.{importer.key[0]} IS NOT NULL AND {differs}), "
            f"count(*) FILTER (WHERE t.{importer.key[0]} IS NOT NULL AND NOT {differs}) "
            f"FROM incoming_release AS i LEFT JOIN {importer.table} AS t ON {matches}"
        ).fetchone()
        shown = "value" if "value" in frame.columns else importer.compared[0]
        examples = con.execute(
            f"SELECT {', '.join('i.' + k for k in importer.key)}, t.{shown}, i.{shown} "
            f"FROM incoming_release AS i JOIN {importer.table} AS t ON {matches} WHERE {differs} "
            f"ORDER BY ALL LIMIT {int(limit)}"
        ).fetchall()
    finally:
        con.unregister("incoming_release")
        con.unregister("release_source_tiers")
    described = [f"{', '.join(str(v) for v in row[:-2])}: {_show(row[-2])} → {_show(row[-1])}" for row in examples]
    return Changes(added, revised, unchanged, described)


def _show(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)

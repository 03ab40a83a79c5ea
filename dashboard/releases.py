"""Official data releases loaded by the importers, replayed on every build.

A release is kept unedited under data/releases/ and listed in data/releases/manifest.csv, so
that rebuilding the database from data/ never loses what an analyst has loaded.
"""

from __future__ import annotations

from pathlib import Path

import duckdb


def apply_all(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """Replay every release in the manifest, oldest first, inside the caller's transaction."""
    manifest = data_dir / "releases" / "manifest.csv"
    if not manifest.exists():
        return
    raise NotImplementedError("release replay arrives with the importers")

"""Read-only access to the built database: one connection per process, a cursor per query.

A DuckDB connection is not safe to share across Streamlit's script threads, but cursors made
from it are independent; the connection is reopened when a rebuild swaps in a new file.
"""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb

from dashboard.store.paths import database_path

_lock = threading.Lock()
_open: dict[str, object] = {}


def database_version(path: Path | None = None) -> tuple[str, int]:
    """Identifies one built file: cached results from an older build are never reused."""
    path = path or database_path()
    return str(path), path.stat().st_mtime_ns


def connection() -> duckdb.DuckDBPyConnection:
    version = database_version()
    with _lock:
        if _open.get("version") != version:
            _open["connection"] = duckdb.connect(version[0], read_only=True)
            _open["version"] = version
        return _open["connection"]  # type: ignore[return-value]

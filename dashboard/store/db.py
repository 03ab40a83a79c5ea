"""Read-only access to the built database: one connection per process, a cursor per query.

A DuckDB connection is not safe to share across Streamlit's script threads, but cursors made
from it are independent; the connection is reopened when a rebuild swaps in a new file.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from dashboard.store.paths import database_path

_lock = threading.Lock()
_open: dict[str, object] = {}
_pinned = threading.local()  # this thread's version while it runs a page (one_version_per_run)


def database_version(path: Path | None = None) -> tuple[str, int]:
    """Identifies one built file: cached results from an older build are never reused."""
    if path is None:
        pinned = getattr(_pinned, "version", None)
        if pinned is not None:
            return pinned
        path = database_path()
    return str(path), path.stat().st_mtime_ns


@contextmanager
def one_version_per_run() -> Iterator[tuple[str, int]]:
    """Within the block, this thread reads the database's version once: a page run sees one build from its first
    line to its last, even if a rebuild lands halfway through (the next run sees the new one). It also spares each
    cached view a look at the file: a page asks for the version a dozen times a run, each a system call."""
    previous = getattr(_pinned, "version", None)
    _pinned.version = database_version(database_path())  # named, so an outer run's pin is not read back
    try:
        yield _pinned.version
    finally:
        _pinned.version = previous


def open_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """Open the file now at `path`, not the copy DuckDB may still hold for that path.

    DuckDB keeps one instance per path for as long as any connection or cursor to it lives, so connecting to
    the same path after a rebuild swapped in a new file handed back the old data until the process restarted.
    A hard link with a name of its own opens a fresh instance of the new file; the link is removed at once
    (the open file stays readable). Where no link can be made, the path is opened as it is.
    """
    link = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex}.open")
    try:
        os.link(path, link)
    except OSError:
        return duckdb.connect(str(path), read_only=True)
    try:
        return duckdb.connect(str(link), read_only=True)
    finally:
        link.unlink(missing_ok=True)


def connection() -> duckdb.DuckDBPyConnection:
    version = database_version()
    with _lock:
        if _open.get("version") != version:
            _open["connection"] = open_read_only(Path(version[0]))
            _open["version"] = version
        return _open["connection"]  # type: ignore[return-value]

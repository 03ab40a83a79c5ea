"""Where the curated data, the built database and the SQL files live."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
QUERY_DIR = ROOT / "queries"
SCHEMA_PATH = DATA_DIR / "schema.sql"


def database_path() -> Path:
    """The built database; DASHBOARD_DB points elsewhere (tests use a fixture database)."""
    return Path(os.environ.get("DASHBOARD_DB", DATA_DIR / "build" / "dashboard.duckdb"))

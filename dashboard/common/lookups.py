"""Small lookups every subject shares, read once per database."""

from __future__ import annotations

from dashboard.common.cache import built_once
from queries import run_query


@built_once(maxsize=8)
def cycle_names() -> dict[str, str]:
    """Every inspection cycle's name by its id, newest first (shared: read-only)."""
    cycles = run_query("cycles")
    return dict(zip(cycles["cycle_id"], cycles["name"]))

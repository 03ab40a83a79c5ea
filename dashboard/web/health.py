"""The health address (/healthz): answers 200 only when the database is present and readable.

Streamlit's own /_stcore/health says only that the web server is up; a process whose database file is
missing or broken would pass it and then show every visitor an error. A load balancer, systemd or the
cluster supervisor (deploy/cluster.py) polls this address instead.
"""

from __future__ import annotations

import logging
import threading

from dashboard.store.db import connection
from dashboard.store.paths import database_path

log = logging.getLogger("dashboard")

# One cheap read of a table every page needs: it fails when the file is missing, is not a DuckDB file,
# or was built without the schema.
PROBE = "SELECT count(*) FROM force"
# Every DuckDB file has this at byte 8. Read from disk each time: DuckDB hands a process that already has the
# file open its cached copy, so the query alone would not notice a file replaced by something unreadable.
MAGIC_OFFSET, MAGIC = 8, b"DUCK"

_last_problem: list[str] = []
_lock = threading.Lock()


def database_health() -> tuple[bool, str]:
    """(healthy, a short public answer). The answer never names the file: the address is public."""
    try:
        with database_path().open("rb") as file:
            file.seek(MAGIC_OFFSET)
            if file.read(len(MAGIC)) != MAGIC:
                return _problem("database unreadable", "database file is not a DuckDB database")
        (forces,) = connection().cursor().execute(PROBE).fetchone()
    except FileNotFoundError:
        return _problem("database missing", "database file is missing")
    except Exception as error:  # noqa: BLE001 - any failure to read means unhealthy; the detail goes to the log
        return _problem("database unreadable", f"database cannot be read: {type(error).__name__}: {error}")
    if not forces:
        return _problem("database empty", "database has no forces")
    _remember(None)
    return True, "ok"


def _problem(public: str, detail: str) -> tuple[bool, str]:
    # Logged when it starts (and when it changes), not on every poll of a load balancer.
    _remember(detail)
    return False, public


def _remember(detail: str | None) -> None:
    with _lock:
        previous = _last_problem[0] if _last_problem else None
        if detail != previous:
            if detail is None:
                log.warning("health: database readable again")
            else:
                log.error("health: %s", detail)
        _last_problem[:] = [] if detail is None else [detail]


def healthz(request):  # noqa: ARG001 - starlette passes the request
    """Starlette endpoint. A plain (not async) function, so starlette runs the database read off the event loop."""
    from starlette.responses import PlainTextResponse

    healthy, answer = database_health()
    return PlainTextResponse(answer, status_code=200 if healthy else 503, headers={"Cache-Control": "no-store"})

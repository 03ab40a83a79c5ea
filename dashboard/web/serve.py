"""Serve the dashboard: `python -m dashboard.web.serve [streamlit options]`, the same as `streamlit run app.py`, made safe.

Four fixes to Streamlit 1.67 that only a launcher can make, because all act before the first session:

- A folder named pages/ next to the main script counts as old-style pages until st.navigation first
  runs in the process, so a fresh server ran a deep link such as /grades as the bare page file: no
  router, no error handling, no page title. We tell Streamlit up front that app.py routes.
- Streamlit binds its listening socket itself, with protocol 0, so asyncio does not switch off Nagle's
  algorithm on the connections it accepts. Each script run's last messages then wait for the browser's
  delayed acknowledgement: about 40 ms added to every rerun on Linux (measured with bench/run.py).
- Each element a page script makes wakes the event loop on its own; dashboard/web/wakeups.py hands a run's
  messages over in batches instead (the largest single cost of a warm rerun, profiled with py-spy).
- Each run's first message carries the theme, which Streamlit works out afresh from every config option on
  every rerun; dashboard/web/theme_once.py works it out once per configuration.

It also serves the app as dashboard/web/asgi_app.py, an st.App with a health address, /healthz, that answers
only when the database is readable (dashboard/web/health.py), and stops at once on a second SIGTERM or SIGINT.
"""

from __future__ import annotations

import logging
import socket
import sys
from pathlib import Path

from dashboard.web.theme_once import work_out_theme_once
from dashboard.web.wakeups import batch_script_events

APP = Path(__file__).resolve().parents[2] / "app.py"
# The same app as an st.App with a /healthz route of its own (dashboard/web/asgi_app.py says why).
SERVICE_APP = Path(__file__).resolve().parent / "asgi_app.py"

log = logging.getLogger("dashboard")


def _no_delay(bind):
    """Wrap Streamlit's socket binder so the listening socket (and so, on Linux, each accepted one) has TCP_NODELAY."""

    def bind_without_delay(*args, **kwargs):
        sock = bind(*args, **kwargs)
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    return bind_without_delay


def prepare_streamlit() -> None:
    """Apply the fixes; each is skipped (and logged once) if a later Streamlit no longer has what it patches."""
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    batch_script_events()
    work_out_theme_once()
    try:
        from streamlit.web.server.starlette import starlette_server
    except ImportError:
        log.warning("Streamlit's socket binder moved: replies may wait ~40 ms for acknowledgements (Nagle not disabled)")
        return
    if not hasattr(starlette_server, "_bind_socket"):
        log.warning("Streamlit's socket binder moved: replies may wait ~40 ms for acknowledgements (Nagle not disabled)")
        return
    if not hasattr(starlette_server._bind_socket, "__wrapped_no_delay__"):
        wrapped = _no_delay(starlette_server._bind_socket)
        wrapped.__wrapped_no_delay__ = True
        starlette_server._bind_socket = wrapped


def entry_point() -> Path:
    """dashboard/web/asgi_app.py (pages plus /healthz) when this Streamlit serves st.App files, else app.py.

    st.App is public; that `streamlit run` recognises a file defining `app = st.App(...)` is documented
    behaviour but found through a module we check for, so a Streamlit without either falls back to app.py
    (health then only at /_stcore/health, which deploy/process.py falls back to) and says so once.
    """
    try:
        import streamlit
        from streamlit.web.server.app_discovery import discover_asgi_app

        if hasattr(streamlit, "App") and discover_asgi_app(SERVICE_APP).is_asgi_app:
            return SERVICE_APP
        reason = "this Streamlit has no st.App"
    except ImportError as error:
        reason = f"this Streamlit cannot serve st.App files ({error})"
    log.warning("serving app.py without /healthz: %s; health is /_stcore/health (web server only)", reason)
    return APP


def main(argv: list[str] | None = None, app: str | Path | None = None) -> None:
    """`streamlit run <app> <argv>` with the fixes applied (bench/ serves its empty page the same way).

    Without `app`, the dashboard itself, with its health address where Streamlit allows (entry_point).
    """
    from streamlit.web import cli

    prepare_streamlit()
    app = entry_point() if app is None else app
    cli.main(["run", str(app), *(sys.argv[1:] if argv is None else argv)], prog_name="streamlit")


if __name__ == "__main__":
    main()

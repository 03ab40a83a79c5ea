"""Serve the dashboard: `python -m dashboard.web.serve [streamlit options]`, the same as `streamlit run app.py`, made safe.

Two fixes to Streamlit 1.67 that only a launcher can make, because both act before the first session:

- A folder named pages/ next to the main script counts as old-style pages until st.navigation first
  runs in the process, so a fresh server ran a deep link such as /grades as the bare page file: no
  router, no error handling, no page title. We tell Streamlit up front that app.py routes.
- Streamlit binds its listening socket itself, with protocol 0, so asyncio does not switch off Nagle's
  algorithm on the connections it accepts. Each script run's last messages then wait for the browser's
  delayed acknowledgement: about 40 ms added to every rerun on Linux (measured with bench/run.py).
"""

from __future__ import annotations

import logging
import socket
import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app.py"
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
    """Apply both fixes; each is skipped if a later Streamlit no longer has what it patches."""
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
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


def main(argv: list[str] | None = None, app: str | Path = APP) -> None:
    """`streamlit run <app> <argv>` with both fixes applied (bench/ serves its empty page the same way)."""
    from streamlit.web import cli

    prepare_streamlit()
    cli.main(["run", str(app), *(sys.argv[1:] if argv is None else argv)], prog_name="streamlit")


if __name__ == "__main__":
    main()

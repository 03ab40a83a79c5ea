"""Every page runs through the router (app.py), however Streamlit was started.

Plain `streamlit run app.py` in a fresh process runs a deep link such as /meeting as the bare page file, because
a folder named pages/ counts as old-style pages until st.navigation first runs (dashboard/web/serve.py fixes that
up front; plain Streamlit cannot). A bare page skips the database build, the page title, the script slot and the
error handling, so its first visitor saw an error. Each page calls `run_through_router()` first: a bare run turns
the old-style pages off, as st.navigation would, and runs app.py in its place, which routes the same address.
"""

from __future__ import annotations

import runpy

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx


def ran_bare() -> bool:
    """True while Streamlit treats pages/ as old-style pages, which is when it runs a page file without app.py."""
    return bool(PagesManager.uses_pages_directory)


def run_through_router() -> None:
    """Run app.py in place of a bare page run (same run, so the address and any click are kept), then stop."""
    if not ran_bare():
        return
    PagesManager.uses_pages_directory = False  # what st.navigation does when it first runs
    ctx = get_script_run_ctx()
    if ctx is None:  # not in a Streamlit run: nothing to hand over to
        return
    # app.py's st.navigation picks the page the address names, and runs it; this page file is then done.
    runpy.run_path(ctx.main_script_path, run_name="__main__")
    st.stop()

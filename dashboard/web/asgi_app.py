"""The dashboard as a Streamlit `st.App`, so it can serve routes of its own, /healthz (dashboard/web/health.py) and the
static edition at /f/ with /robots.txt (dashboard/web/site_files.py), and send the security headers on every answer
(dashboard/web/security_headers.py).

`st.App(script, routes=[...])` is Streamlit's public way to add routes beside the app (its docstring's own
example is a health route). `streamlit run` recognises this file by the module-level `app = st.App(...)`
and serves it with uvicorn; dashboard/web/serve.py picks this file when that is available, and app.py itself
(Streamlit's /_stcore/health only) when it is not. The pages are still app.py's: nothing else changes.
"""

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware
from starlette.routing import Route

from dashboard.web.health import healthz
from dashboard.web.security_headers import SecurityHeaders, security_headers
from dashboard.web.service_signals import lifespan
from dashboard.web.site_files import site_routes

APP = Path(__file__).resolve().parents[2] / "app.py"

# User middleware wraps Streamlit's own, so the headers reach its pages, static files, media and our routes alike;
# Streamlit's own gzip middleware compresses the static edition's text as it does the app's answers.
app = st.App(
    APP,
    routes=[Route("/healthz", healthz, methods=["GET", "HEAD"]), *site_routes()],
    # Worked out here, on import, so a framing setting that cannot be used stops the process as it starts.
    middleware=[Middleware(SecurityHeaders, headers=security_headers())],
    lifespan=lifespan,
)

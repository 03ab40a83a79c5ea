"""Another site cannot show the dashboard inside a frame of its own (Content-Security-Policy frame-ancestors) unless
the operator names it in DASHBOARD_FRAME_ANCESTORS (tests/test_security_headers.py checks the named case)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@pytest.fixture
def another_site(base_url):
    """A page on another origin (another loopback port) that frames the dashboard's grades page."""
    page = f'<!doctype html><title>Elsewhere</title><iframe title="framed" src="{base_url}/grades"></iframe>'.encode()

    class FramingPage(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), FramingPage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def test_a_page_of_another_site_cannot_frame_the_dashboard(browser, base_url, another_site):
    context = browser.new_context()
    try:
        elsewhere = context.new_page()
        with elsewhere.expect_event("framenavigated", predicate=lambda frame: frame != elsewhere.main_frame) as caught:
            elsewhere.goto(another_site)
        shown = caught.value.url  # the dashboard's address if allowed; Chromium's error page when refused
    finally:
        context.close()
    assert not shown.startswith(base_url), shown
    assert shown.startswith("chrome-error:"), shown

"""What a browser context tried outside the site: requests to another origin, and anything the Content-Security-Policy
refused. Every context the browser tests open is watched (tests/browser/conftest.py), so every test checks both.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Each refusal, as the page saw it, handed to Python as it happens (so one in a context closed since is not lost).
_REPORT_REFUSALS = """document.addEventListener('securitypolicyviolation', e => window.__dashboardRefused({
    directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber,
    sample: (e.sample || '').slice(0, 80), page: location.href}));"""
# The one refusal Streamlit 1.67 brings on itself: protobuf's Long.js tries to compile a tiny WebAssembly module and
# uses JavaScript when refused (dashboard/web/security_headers.py allows no WebAssembly).
_LONG_JS = re.compile(r"/static/js/protobuf\.[\w-]+\.js$")
NETWORK_SCHEMES = ("http", "https", "ws", "wss")


def origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


def expected_refusal(refusal: dict) -> bool:
    return refusal["blocked"] == "wasm-eval" and bool(_LONG_JS.search(refusal["source"] or ""))


def describe_refusal(refusal: dict) -> str:
    where = refusal["source"] or refusal["page"]
    return f"{refusal['directive']} refused {refusal['blocked'] or '(inline)'} from {where}:{refusal['line']} {refusal['sample']}"


class SiteBoundary:
    """Requests that left the site and refusals by the policy, in every context watched, since the last take()."""

    def __init__(self) -> None:
        self.elsewhere: list[str] = []
        self.refused: list[dict] = []

    def watch(self, context) -> None:
        context.expose_binding("__dashboardRefused", lambda _source, refusal: self._refused(refusal))
        context.add_init_script(_REPORT_REFUSALS)
        context.on("request", self._request)

    def _refused(self, refusal: dict) -> None:
        if not expected_refusal(refusal):
            self.refused.append(refusal)

    def _request(self, request) -> None:
        if urlsplit(request.url).scheme not in NETWORK_SCHEMES:
            return  # data: and blob: addresses are made in the page and never reach a network
        if request.is_navigation_request():
            return  # where a test sends a tab or a frame; a frame the page itself makes is refused by frame-src
        try:
            document = request.frame.url  # the document asking: the page, or a frame in it
        except Exception:  # noqa: BLE001 - a request with no frame (none here) has no document to compare with
            document = ""
        if urlsplit(document).scheme in NETWORK_SCHEMES and origin(request.url) != origin(document):
            self.elsewhere.append(f"{request.url} (from {document})")

    def take(self) -> tuple[list[str], list[dict]]:
        taken = (self.elsewhere, self.refused)
        self.elsewhere, self.refused = [], []
        return taken

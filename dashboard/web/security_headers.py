"""The security headers every answer carries, defined once: the app process sends them (SecurityHeaders, the
middleware dashboard/web/asgi_app.py installs) and deploy/cluster.py writes nginx's include file from them.
No Streamlit import: the cluster supervisor renders nginx's configuration from this module without loading it.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import os
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

# A PCC site allowed to show the dashboard in a frame, e.g. "https://www.hertfordshire-pcc.gov.uk" (several are
# separated by spaces). Unset: no site may frame it, not even the dashboard itself.
FRAME_ANCESTORS_VARIABLE = "DASHBOARD_FRAME_ANCESTORS"
# "1" where the site is reached over https (TLS ends at nginx or at a load balancer in front of it): HSTS is sent
# and every cookie is marked Secure. Over plain http HSTS is meaningless and a Secure cookie would be dropped.
HTTPS_VARIABLE = "DASHBOARD_HTTPS"
# A year; not includeSubDomains, which would bind other sites under the same domain that this one cannot speak for.
HSTS = "max-age=31536000"

# A framing site is named by its origin only: https, a host, an optional port. Anything else is refused, since
# the value goes into a header and into nginx's configuration.
_HOST_LABEL = r"[a-z0-9]([a-z0-9-]*[a-z0-9])?"
_FRAMING_ORIGIN = re.compile(rf"https://{_HOST_LABEL}(\.{_HOST_LABEL})*(:[0-9]{{1,5}})?", re.IGNORECASE)
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)


class HeaderSettingError(ValueError):
    """A setting for the headers that cannot be used; the message says which and why."""


@cache
def streamlit_inline_scripts() -> tuple[str, ...]:
    """CSP hashes of the inline scripts in Streamlit's index.html (one in 1.67: `window.prerenderReady = false`).

    Read from the installed Streamlit, so an upgrade that changes them is allowed exactly, and nothing else is.
    """
    spec = importlib.util.find_spec("streamlit")
    if spec is None or spec.origin is None:
        return ()
    index = Path(spec.origin).parent / "static" / "index.html"
    scripts = _INLINE_SCRIPT.findall(index.read_text(encoding="utf-8"))
    return tuple(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts)


def frame_ancestors(setting: str | None) -> str:
    """The frame-ancestors source list: 'none' unless a setting names the https origins allowed to frame the site."""
    origins = (setting or "").split()
    if not origins:
        return "'none'"
    for origin in origins:
        if origin != "'self'" and not _FRAMING_ORIGIN.fullmatch(origin):
            raise HeaderSettingError(
                f"{FRAME_ANCESTORS_VARIABLE}: {origin!r} is not an https origin such as https://www.example-pcc.gov.uk"
            )
    return " ".join(origins)


def content_security_policy(framing: str = "'none'") -> str:
    """The enforced policy: everything from this site only, and only what Streamlit 1.67 and Plotly need (README)."""
    directives = {
        "default-src": "'self'",
        # Streamlit's bundles, plus the one inline script of its index.html by hash. No eval and no WebAssembly:
        # protobuf's Long.js tries WebAssembly and falls back to JavaScript when refused.
        "script-src": " ".join(["'self'", *streamlit_inline_scripts()]),
        # Streamlit (emotion), Plotly and our st.html styles write style elements and style attributes as they run.
        "style-src": "'self' 'unsafe-inline'",
        # The tab's icon (dashboard/web/tab_icon.svg) and some of Plotly's images are data: addresses; Plotly's
        # "Download plot as a PNG" draws the chart through a blob: image.
        "img-src": "'self' data: blob:",
        # Streamlit's stylesheet carries one KaTeX font inline as a data: address.
        "font-src": "'self' data:",
        "connect-src": "'self'",  # the websocket and Streamlit's own requests, to this site only
        "worker-src": "'none'",
        "frame-src": "'none'",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'none'",
        "frame-ancestors": framing,
    }
    return "; ".join(f"{name} {sources}" for name, sources in directives.items())


def security_headers(environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """Every security header with its value, in the order sent; HSTS only when the site is served over https."""
    headers = {
        "Content-Security-Policy": content_security_policy(frame_ancestors(environ.get(FRAME_ANCESTORS_VARIABLE))),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": ", ".join(
            f"{feature}=()"
            for feature in (
                "camera",
                "microphone",
                "geolocation",
                "payment",
                "usb",
                "serial",
                "bluetooth",
                "hid",
                "midi",
                "magnetometer",
                "gyroscope",
                "accelerometer",
                "display-capture",
                "browsing-topics",
            )
        ),
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    if served_over_https(environ):
        headers["Strict-Transport-Security"] = HSTS
    return headers


def served_over_https(environ: Mapping[str, str] = os.environ) -> bool:
    return environ.get(HTTPS_VARIABLE, "").strip().lower() in ("1", "true", "yes", "on")


def nginx_include(headers: Mapping[str, str]) -> str:
    """nginx directives for every location: the app's own copy of each header is hidden, nginx's sent, so each is
    sent exactly once, and `always`, so nginx's own error pages (a 502 while a process restarts) carry them too."""
    lines = [
        "# Written by deploy/cluster.py from dashboard/web/security_headers.py; change that module, not this file.",
        "# Included in every location: a location with an add_header of its own drops those of the server block.",
    ]
    for name, value in headers.items():
        if '"' in value or "\\" in value or "\n" in value:
            raise HeaderSettingError(f"{name} cannot be written into nginx's configuration: {value!r}")
        lines.append(f"proxy_hide_header {name};")
        lines.append(f'add_header {name} "{value}" always;')
    return "\n".join(lines) + "\n"


class SecurityHeaders:
    """ASGI middleware: every HTTP answer of the app process (pages, Streamlit's static files, media, /healthz)
    carries the security headers once, replacing any of the same name; over https every cookie is marked Secure.

    Websockets pass through untouched: a handshake's answer is not a document, so the headers mean nothing there.
    """

    def __init__(self, app, headers: Mapping[str, str] | None = None, secure_cookies: bool | None = None) -> None:
        self.app = app
        chosen = security_headers() if headers is None else headers
        self.names = {name.lower().encode("latin-1") for name in chosen}
        self.encoded = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in chosen.items()]
        self.secure_cookies = served_over_https() if secure_cookies is None else secure_cookies

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                kept = [
                    (name, self._secured(name, value))
                    for name, value in message.get("headers", [])
                    if name.lower() not in self.names
                ]
                message = {**message, "headers": kept + self.encoded}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _secured(self, name: bytes, value: bytes) -> bytes:
        if self.secure_cookies and name.lower() == b"set-cookie" and b"secure" not in value.lower().split(b"; "):
            return value + b"; Secure"
        return value

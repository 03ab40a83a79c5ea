"""Security headers (issue 21): one definition (dashboard/web/security_headers.py) that the app process sends and
nginx's include file is written from; every header exactly once on a page, a static file and the health address."""

from __future__ import annotations

import asyncio
import http.client
import re
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest

from dashboard.web.security_headers import (
    FRAME_ANCESTORS_VARIABLE,
    HTTPS_VARIABLE,
    HeaderSettingError,
    SecurityHeaders,
    nginx_include,
    security_headers,
)
from deploy.cluster import SECURITY_HEADERS_FILE, Cluster, nginx_available, render_config
from deploy.process import AppServer

needs_nginx = pytest.mark.skipif(not nginx_available(), reason="nginx missing: run `make system-packages`")

PCC_SITE = "https://www.example-pcc.gov.uk"
OVER_HTTPS = {HTTPS_VARIABLE: "1", FRAME_ANCESTORS_VARIABLE: PCC_SITE}


def policy(headers: dict[str, str]) -> dict[str, str]:
    """The Content-Security-Policy as {directive: source list}."""
    pairs = (part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    return {name: sources for name, sources in pairs}


def fetch(base_url: str, path: str) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, every header line as sent (repeats kept) and body of one GET."""
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


def sent(headers: list[tuple[str, str]], name: str) -> list[str]:
    return [value for key, value in headers if key.lower() == name.lower()]


def a_static_file(base_url: str) -> str:
    """The address of Streamlit's main script, as its page names it (/static/js/index.<hash>.js)."""
    _status, _headers, page = fetch(base_url, "/")
    return "/" + re.search(rb"\./(static/js/index\.[\w-]+\.js)", page).group(1).decode()


def assert_each_header_once(headers: list[tuple[str, str]], expected: dict[str, str], what: str) -> None:
    for name, value in expected.items():
        assert sent(headers, name) == [value], f"{what}: {name} sent as {sent(headers, name)}"


# ------------------------------------------------------------------------------------------- the definition


def test_the_policy_allows_this_site_only_with_no_eval_and_one_inline_script_by_hash():
    directives = policy(security_headers({}))
    assert directives["default-src"] == "'self'"
    assert re.fullmatch(r"'self' 'sha256-[A-Za-z0-9+/]{43}='", directives["script-src"])
    assert directives["object-src"] == directives["frame-src"] == directives["worker-src"] == "'none'"
    assert directives["base-uri"] == directives["form-action"] == directives["frame-ancestors"] == "'none'"
    every_source = " ".join(directives.values()).split()
    assert not [s for s in every_source if "://" in s or s.endswith(":") and s not in ("data:", "blob:") or s == "*"]
    assert "'unsafe-eval'" not in every_source and "'wasm-unsafe-eval'" not in every_source


def test_the_other_headers_deny_sniffing_referrers_elsewhere_and_the_camera():
    headers = security_headers({})
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    permissions = dict(item.split("=") for item in headers["Permissions-Policy"].split(", "))
    assert permissions["camera"] == permissions["microphone"] == permissions["geolocation"] == "()"


def test_a_pcc_site_named_in_the_setting_may_frame_the_dashboard():
    assert policy(security_headers({FRAME_ANCESTORS_VARIABLE: PCC_SITE}))["frame-ancestors"] == PCC_SITE
    two = f"'self' {PCC_SITE}:8443"
    assert policy(security_headers({FRAME_ANCESTORS_VARIABLE: two}))["frame-ancestors"] == two


@pytest.mark.parametrize(
    "setting",
    ["*", "http://www.example-pcc.gov.uk", "https://*.gov.uk", "https://a.gov.uk; script-src *", 'https://a.gov.uk"', "data:"],
)
def test_a_framing_setting_that_is_not_an_https_origin_is_refused_with_its_name(setting):
    with pytest.raises(HeaderSettingError, match=FRAME_ANCESTORS_VARIABLE):
        security_headers({FRAME_ANCESTORS_VARIABLE: setting})


def test_hsts_is_sent_only_where_the_site_is_served_over_https():
    assert "Strict-Transport-Security" not in security_headers({})
    assert security_headers({HTTPS_VARIABLE: "1"})["Strict-Transport-Security"].startswith("max-age=31536000")


def run_middleware(scope_type: str, app_headers: list[tuple[bytes, bytes]], **options) -> list[dict]:
    """The messages an ASGI app's answer becomes after SecurityHeaders."""
    sent_messages: list[dict] = []

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": app_headers})
        await send({"type": "http.response.body", "body": b"ok"})

    async def send(message):
        sent_messages.append(message)

    async def receive():
        return {}

    # Its own thread: after a browser test, this thread may already be running Playwright's event loop.
    with ThreadPoolExecutor(max_workers=1) as runner:
        runner.submit(asyncio.run, SecurityHeaders(app, **options)({"type": scope_type}, receive, send)).result()
    return sent_messages


def test_the_middleware_replaces_a_header_the_app_sent_so_each_is_sent_once():
    start = run_middleware("http", [(b"x-content-type-options", b"sniff"), (b"content-type", b"text/plain")])[0]
    names = [name for name, _value in start["headers"]]
    assert names.count(b"x-content-type-options") == 1 and (b"x-content-type-options", b"nosniff") in start["headers"]
    assert (b"content-type", b"text/plain") in start["headers"]
    assert {name.lower().encode() for name in security_headers()} <= set(names)


def test_over_https_the_middleware_marks_every_cookie_secure_and_over_http_leaves_it():
    cookie = (b"set-cookie", b"_streamlit_xsrf=2|a|b|1; Path=/; SameSite=Lax")
    over_https = run_middleware("http", [cookie], headers={}, secure_cookies=True)[0]["headers"]
    over_http = run_middleware("http", [cookie], headers={}, secure_cookies=False)[0]["headers"]
    assert over_https == [(b"set-cookie", cookie[1] + b"; Secure")]
    assert over_http == [cookie]


def test_websocket_messages_pass_the_middleware_untouched():
    messages = run_middleware("websocket", [(b"x-mine", b"1")])
    assert messages[0]["headers"] == [(b"x-mine", b"1")]


# ------------------------------------------------------------------------------------------------- nginx


def test_the_nginx_include_hides_the_apps_copy_of_each_header_and_adds_its_own_always():
    headers = security_headers(OVER_HTTPS)
    lines = nginx_include(headers).splitlines()
    for name, value in headers.items():
        assert lines.count(f"proxy_hide_header {name};") == 1
        assert lines.count(f'add_header {name} "{value}" always;') == 1


def location_blocks(config: str) -> dict[str, str]:
    """Each location of an nginx configuration (comments left out) with the text between its braces."""
    text = re.sub(r"#[^\n]*", "", config)
    blocks = {}
    for match in re.finditer(r"\blocation\s+([^{;]+)\{", text):
        depth, end = 1, match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            end += 1
        blocks[match.group(1).strip()] = text[match.end() : end - 1]
    assert len(blocks) == len(re.findall(r"\blocation\b", text)), "a location this reader missed"
    return blocks


def test_every_nginx_location_includes_the_security_headers(tmp_path):
    """A location with an add_header of its own silently drops the server's: so each location must include the file."""
    blocks = location_blocks(render_config("127.0.0.1:8080", [9001, 9002], tmp_path, environ={}))
    include = f"include {tmp_path / SECURITY_HEADERS_FILE};"
    assert {"/", "= /healthz"} <= set(blocks)
    assert [where for where, body in blocks.items() if include not in body] == []


def test_the_route_cookie_is_secure_only_where_the_site_is_served_over_https(tmp_path):
    cookie = re.compile(r'""\s+"(dashboard_route=\$request_id;[^"]*)"')
    assert cookie.search(render_config("127.0.0.1:8080", [9001], tmp_path, environ=OVER_HTTPS)).group(1).endswith("; Secure")
    assert "Secure" not in cookie.search(render_config("127.0.0.1:8080", [9001], tmp_path, environ={})).group(1)


# ------------------------------------------------------------------------------------ live: the app and nginx


def test_the_app_process_sends_every_header_once_on_a_page_a_static_file_and_the_health_address(real_db, tmp_path):
    expected = security_headers({})
    with AppServer(env={"DASHBOARD_DB": str(real_db)}, log_path=tmp_path / "app.log") as server:
        for path in ("/", "/grades?force=kent", a_static_file(server.url), "/healthz", "/_stcore/health"):
            status, headers, _body = fetch(server.url, path)
            assert status == 200, path
            assert_each_header_once(headers, expected, path)
            assert sent(headers, "Strict-Transport-Security") == [], "no HSTS over plain http"


@needs_nginx
def test_nginx_sends_every_header_once_on_a_page_a_static_file_health_and_its_own_error_page(real_db, tmp_path):
    expected = security_headers(OVER_HTTPS)
    env = {"DASHBOARD_DB": str(real_db), **OVER_HTTPS}
    with Cluster(1, env=env, run_dir=tmp_path / "cluster") as cluster:
        for path in ("/", a_static_file(cluster.url), "/healthz"):
            status, headers, _body = fetch(cluster.url, path)
            assert status == 200, path
            assert_each_header_once(headers, expected, path)
        # nginx's route cookie, and Streamlit's XSRF cookie (set by /_stcore/health), are both marked Secure.
        _status, answer, _body = fetch(cluster.url, "/_stcore/health")
        cookies = {cookie.split("=")[0]: cookie.split("; ") for cookie in sent(answer, "Set-Cookie")}
        assert set(cookies) == {"dashboard_route", "_streamlit_xsrf"}
        assert all("Secure" in flags for flags in cookies.values()), cookies
        assert policy(expected)["frame-ancestors"] == PCC_SITE
        cluster.servers[0].stop()  # nothing behind nginx now: its own 502 page carries the headers too
        status, headers, _body = fetch(cluster.url, "/")
        assert status == 502
        assert_each_header_once(headers, expected, "nginx's 502 page")

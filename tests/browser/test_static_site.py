"""The static edition in Chromium: every kind of page passes axe at phone and desktop width, nothing scrolls sideways on
a 320 px screen, no page asks another origin for anything (checked for every test by tests/browser/conftest.py), and
every link on a sample of pages opens. Served as nginx serves it: the built folder at /f/, its 404 page for the rest.
"""

from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from dashboard.common.site_addresses import NOT_FOUND_FILE, PREFIX
from tests.browser.axe import axe_violations, describe
from tests.browser.conftest import DESKTOP, PHONE
from tests.test_site import stand_ins

FORCES = ("hertfordshire", "cheshire")  # Hertfordshire's pages draw charts of each kind; Cheshire's calls too
KINDS = {
    "overview": "/f/hertfordshire/",
    "grades": "/f/hertfordshire/grades/",
    "calls": "/f/hertfordshire/calls/",
    "crime-recording": "/f/hertfordshire/crime-recording/",
    "crime-outcomes": "/f/hertfordshire/crime-outcomes/",
    "tracker": "/f/hertfordshire/tracker/",
    "timeline": "/f/hertfordshire/timeline/",
    "all-forces": "/f/",
    "about-data": "/f/about-data/",
    "accessibility": "/f/accessibility/",
    "not-found": "/f/no-such-force/",
}
SAMPLE = ("/f/", "/f/hertfordshire/", "/f/hertfordshire/calls/", "/f/cheshire/timeline/")


class StaticSite(SimpleHTTPRequestHandler):
    """The folder at /f/ (a folder's index.html for an address ending in /), and the site's 404 page for anything else."""

    def translate_path(self, path: str) -> str:
        address = urlsplit(path).path
        if address != PREFIX + "/" and not address.startswith(PREFIX + "/"):
            return str(Path(self.directory) / "no such file")
        return super().translate_path(address[len(PREFIX) :] or "/")

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / NOT_FOUND_FILE).read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def static_url(real_db, tmp_path_factory) -> str:
    from dashboard.site.build import build_site

    folder = tmp_path_factory.mktemp("static") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_DB", str(real_db))
        stand_ins(patch)  # the feeds and preview images, built by their own part of the static edition
        build_site(folder, only=FORCES)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(StaticSite, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def static_page(browser, static_url):
    context = browser.new_context(base_url=static_url, java_script_enabled=True, locale="en-GB")
    context.set_default_timeout(30_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_every_kind_of_static_page_passes_axe_and_fits_a_phone(static_page, kind, width):
    static_page.set_viewport_size(PHONE if width == "phone" else DESKTOP)
    answer = static_page.goto(KINDS[kind])
    assert answer.status == (404 if kind == "not-found" else 200)
    assert static_page.locator("h1").count() == 1
    violations = axe_violations(static_page)
    assert not violations, describe(violations)
    if width == "phone":
        overflow = static_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{KINDS[kind]} scrolls sideways by {overflow} px at 320 px"


def test_the_stylesheet_is_the_only_file_a_page_loads(static_page):
    loaded = []
    static_page.on("request", lambda request: loaded.append(urlsplit(request.url).path))
    static_page.goto("/f/hertfordshire/calls/")
    assert [path for path in loaded if path != "/f/hertfordshire/calls/"] == [
        static_page.locator("link[rel=stylesheet]").get_attribute("href")
    ]


def test_every_link_on_a_sample_of_pages_opens(static_page):
    checked = set()
    for address in SAMPLE:
        static_page.goto(address)
        links = static_page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        for link in links:
            target = urlsplit(link)
            if not target.path.startswith(PREFIX + "/") or target.path in checked:
                continue  # the app's pages are the app's to serve; citations lead to their publishers
            checked.add(target.path)
            answer = static_page.request.get(target.path)
            assert answer.status == 200, f"{address}: {link} answered {answer.status}"
    assert len(checked) >= 15  # both forces' pages, the shared pages and the feeds

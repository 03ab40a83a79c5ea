"""The static edition served at /f/ (issue 23): by the app's own process (dashboard/web/site_files.py) and by nginx
straight from the folder (deploy/nginx.conf.template), with the same status, type, caching and compression for each
kind of file, the site's own 404 page, nothing from outside the folder, and the security headers on every answer."""

from __future__ import annotations

import gzip
import http.client
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bench.stand_in_site import GRADE_SENTENCE, write_stand_in_site
from dashboard.web.security_headers import security_headers
from dashboard.web.site_files import LONG_CACHE, NOT_PUBLISHED, SHORT_CACHE, inside, nginx_site_settings
from deploy.cluster import Cluster, nginx_available

needs_nginx = pytest.mark.skipif(not nginx_available(), reason="nginx missing: run `make system-packages`")

SECRET = "SECRET-BESIDE-THE-SITE"
ESCAPES = (
    "/f/../secret.txt",
    "/f/%2e%2e/secret.txt",
    "/f/..%2fsecret.txt",
    "/f/%2e%2e%2fsecret.txt",
    "/f/assets/../../secret.txt",
    "/f/hertfordshire/%2e%2e/%2e%2e/secret.txt",
    "/f/..%5csecret.txt",
    "/f/.hidden",
    "/f/assets/.hidden",
)


def fetch(base_url: str, path: str, method: str = "GET") -> tuple[int, dict[str, list[str]], bytes]:
    """Status, headers (lower-case names, every value kept) and body, the body decompressed if it came gzipped.
    The path is sent exactly as given: http.client neither decodes nor tidies it."""
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=20)
    try:
        connection.request(method, path, headers={"Accept-Encoding": "gzip"})
        response = connection.getresponse()
        body = response.read()
        headers: dict[str, list[str]] = {}
        for name, value in response.getheaders():
            headers.setdefault(name.lower(), []).append(value)
        if headers.get("content-encoding") == ["gzip"]:
            body = gzip.decompress(body)
        return response.status, headers, body
    finally:
        connection.close()


def one(headers: dict[str, list[str]], name: str) -> str | None:
    values = headers.get(name, [])
    assert len(values) <= 1, f"{name} sent {len(values)} times: {values}"
    return values[0] if values else None


@pytest.fixture(scope="module")
def site() -> Path:
    # Not under pytest's temporary folder: nginx's workers (another user when it is started as root) must read it.
    root = Path(tempfile.mkdtemp(prefix="dashboard-site-"))
    root.chmod(0o755)
    folder = root / "site"
    folder.mkdir(mode=0o755)
    write_stand_in_site(folder)
    (root / "secret.txt").write_text(SECRET)
    (folder / ".hidden").write_text(SECRET)
    (folder / "assets" / ".hidden").write_text(SECRET)
    yield folder
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def served(real_db, site, tmp_path_factory):
    """One app process with nginx in front: {"app": its own address, "nginx": nginx's}."""
    if not nginx_available():
        pytest.skip("nginx missing: run `make system-packages`")
    env = {"DASHBOARD_DB": str(real_db), "DASHBOARD_SITE": str(site)}
    with Cluster(1, env=env, run_dir=tmp_path_factory.mktemp("cluster")) as cluster:
        yield {"app": cluster.servers[0].url, "nginx": cluster.url}


SERVERS = ("app", "nginx")


def stylesheet(site: Path) -> str:
    (css,) = (site / "assets").glob("site.*.css")
    return f"/f/assets/{css.name}"


# --------------------------------------------------------------------------------------------------- pure


def test_only_addresses_plainly_inside_the_folder_name_a_file(tmp_path):
    (tmp_path / "site" / "hertfordshire").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    (tmp_path / "site" / "link").symlink_to(tmp_path / "outside")
    folder = tmp_path / "site"
    assert inside(folder, "hertfordshire/")[0] == (folder / "hertfordshire").resolve()
    assert inside(folder, "")[0] == folder.resolve()
    for escape in ("../outside", "hertfordshire/../../outside", "..", "./hertfordshire", "a//b", "link/x", ".git", "a\\..\\b"):
        assert inside(folder, escape) is None, escape


def test_nginx_is_given_the_same_types_with_their_charset_and_compresses_text():
    settings = nginx_site_settings()
    assert "application/atom+xml atom;" in settings and "image/png png;" in settings and "text/css css;" in settings
    assert "charset utf-8;" in settings and "gzip on;" in settings
    gzip_types = next(line for line in settings.splitlines() if line.startswith("gzip_types")).split()
    assert {"text/css", "application/atom+xml", "application/xml", "text/plain"} <= set(gzip_types)
    assert "image/png" not in gzip_types


# ------------------------------------------------------------------------------------ live: the app and nginx


@needs_nginx
@pytest.mark.parametrize("server", SERVERS)
def test_a_force_page_is_html_compressed_cached_for_minutes_and_shows_its_grade(served, server):
    status, headers, body = fetch(served[server], "/f/hertfordshire/")
    assert status == 200
    assert one(headers, "content-type").lower() == "text/html; charset=utf-8"
    assert one(headers, "cache-control") == SHORT_CACHE
    assert one(headers, "content-encoding") == "gzip"
    assert GRADE_SENTENCE in body.decode()


@needs_nginx
@pytest.mark.parametrize("server", SERVERS)
def test_the_hashed_stylesheet_is_cached_for_a_year_as_immutable_and_compressed(served, site, server):
    status, headers, body = fetch(served[server], stylesheet(site))
    assert status == 200
    assert one(headers, "content-type").lower() == "text/css; charset=utf-8"
    assert one(headers, "cache-control") == LONG_CACHE
    assert one(headers, "content-encoding") == "gzip"
    assert body.startswith(b"body{")


@needs_nginx
@pytest.mark.parametrize("server", SERVERS)
def test_a_feed_is_atom_and_a_preview_is_a_png_each_cached_for_minutes(served, server):
    status, headers, body = fetch(served[server], "/f/hertfordshire/feed.atom")
    assert (status, one(headers, "cache-control")) == (200, SHORT_CACHE)
    assert one(headers, "content-type").lower() == "application/atom+xml; charset=utf-8"
    assert one(headers, "content-encoding") == "gzip" and b"<feed" in body
    status, headers, body = fetch(served[server], "/f/hertfordshire/preview.png")
    assert (status, one(headers, "content-type"), one(headers, "cache-control")) == (200, "image/png", SHORT_CACHE)
    assert one(headers, "content-encoding") is None and body.startswith(b"\x89PNG")


@needs_nginx
@pytest.mark.parametrize("server", SERVERS)
def test_the_sitemap_is_xml_and_robots_txt_is_answered_where_crawlers_look(served, server):
    status, headers, body = fetch(served[server], "/f/sitemap.xml")
    assert (status, one(headers, "content-type").lower()) == (200, "application/xml; charset=utf-8")
    assert b"<urlset" in body
    status, headers, body = fetch(served[server], "/robots.txt")
    assert (status, one(headers, "content-type").lower()) == (200, "text/plain; charset=utf-8")
    assert b"Sitemap: " in body


@needs_nginx
@pytest.mark.parametrize("server", SERVERS)
def test_a_page_address_without_its_slash_is_sent_on_to_the_folder(served, server):
    for asked, sent_on in (("/f/hertfordshire", "/f/hertfordshire/"), ("/f/hertfordshire/calls", "/f/hertfordshire/calls/")):
        status, headers, _body = fetch(served[server], asked)
        assert status == 301 and one(headers, "location") == sent_on, asked
    status, headers, _body = fetch(served[server], "/f")
    assert status == 301 and one(headers, "location") == "/f/"


@needs_nginx
@pytest.mark.parametrize("server", SERVERS)
def test_a_missing_page_gets_the_sites_own_404_page_with_status_404_and_no_folder_is_listed(served, server):
    for path in ("/f/no-such-force/", "/f/hertfordshire/no-such-page/", "/f/assets/site.0000.css", "/f/assets/"):
        status, headers, body = fetch(served[server], path)
        assert status == 404, path
        assert one(headers, "content-type").lower() == "text/html; charset=utf-8", path
        assert b"<h1>Page not found</h1>" in body, path
        assert b"Index of" not in body and b"index.html" not in body, "no listing of the folder"


@needs_nginx
@pytest.mark.parametrize("server", SERVERS)
def test_no_address_reaches_outside_the_site_folder_however_it_is_encoded(served, server):
    for path in ESCAPES:
        status, _headers, body = fetch(served[server], path)
        assert SECRET.encode() not in body, f"{path} answered {status} with a file it must not serve (outside the site or hidden)"
        assert status in (301, 400, 404), (path, status)


@needs_nginx
@pytest.mark.parametrize("server", SERVERS)
def test_every_answer_of_the_static_edition_carries_the_security_headers_once(served, site, server):
    expected = security_headers({})
    paths = ("/f/hertfordshire/", stylesheet(site), "/f/hertfordshire/feed.atom", "/f/nothing-here", "/f/hertfordshire")
    for path in (*paths, "/robots.txt", *ESCAPES[:2]):
        _status, headers, _body = fetch(served[server], path)
        for name, value in expected.items():
            assert headers.get(name.lower()) == [value], f"{path}: {name}"


@needs_nginx
def test_a_head_request_gets_the_headers_without_the_page(served):
    status, headers, body = fetch(served["app"], "/f/hertfordshire/", method="HEAD")
    assert (status, body) == (200, b"")
    assert one(headers, "cache-control") == SHORT_CACHE


@needs_nginx
@pytest.mark.parametrize("server", SERVERS)
def test_without_a_published_edition_the_site_says_so_in_words_with_503(served, site, server):
    away = site.with_name("site-away")
    site.rename(away)
    try:
        status, headers, body = fetch(served[server], "/f/hertfordshire/")
    finally:
        away.rename(site)
    assert status == 503
    assert one(headers, "cache-control") == "no-store"
    assert one(headers, "content-type").lower() == "text/plain; charset=utf-8"
    assert body.decode() == NOT_PUBLISHED
    for name, value in security_headers({}).items():
        assert headers.get(name.lower()) == [value], name
    assert fetch(served[server], "/f/hertfordshire/")[0] == 200, "served again once it is back"

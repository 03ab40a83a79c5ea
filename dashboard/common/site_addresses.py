"""Where each page of the static edition lives, as an address under /f/ and as a file in the site folder.

One definition, used by the builder, the feeds, the previews, the server and the app's links to each page's static twin
(so it lives in common, below the app's pages).
A page's address always ends in "/" and its file is that folder's index.html, so any static host serves it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from dashboard.store.paths import DATA_DIR

PREFIX = "/f"  # the static edition's addresses all start here; the interactive app keeps the rest
PUBLIC_URL_VARIABLE = "DASHBOARD_PUBLIC_URL"  # e.g. https://dashboard.example.org: absolute links (sitemap, feeds, previews)
APP_URL_VARIABLE = "DASHBOARD_APP_URL"  # where the interactive app answers, when the static edition is published elsewhere
DEFAULT_PUBLIC_URL = "http://localhost:8501"


@dataclass(frozen=True)
class ForcePage:
    """One of the pages every force has in the static edition, and the app page that is its interactive twin."""

    slug: str  # "" for the overview
    title: str
    app_path: str  # the Streamlit page's url_path (app.py)


FORCE_PAGES: tuple[ForcePage, ...] = (
    ForcePage("", "Overview", "overview"),
    ForcePage("grades", "Inspection grades", "grades"),
    ForcePage("calls", "999 and 101 calls", "calls"),
    ForcePage("crime-recording", "Crime recording", "crime-recording"),
    ForcePage("crime-outcomes", "Recorded crime and outcomes", "crime-outcomes"),
    ForcePage("tracker", "Improvement tracker", "tracker"),
    ForcePage("timeline", "Inspection timeline", "timeline"),
)
FORCE_PAGE_BY_SLUG = {page.slug: page for page in FORCE_PAGES}

# Pages that belong to no one force: (slug, title, the app page that is their twin)
ALL_FORCES = ForcePage("", "All forces", "national")  # the site's front page, /f/
ABOUT_DATA = ForcePage("about-data", "About the data", "about-data")
ACCESSIBILITY = ForcePage("accessibility", "Accessibility", "accessibility")
SHARED_PAGES: tuple[ForcePage, ...] = (ALL_FORCES, ABOUT_DATA, ACCESSIBILITY)

NOT_FOUND_FILE = "404.html"
SITEMAP_FILE = "sitemap.xml"
ROBOTS_FILE = "robots.txt"  # also answered at /robots.txt, where crawlers look for it
FEED_FILE = "feed.atom"  # /f/feed.atom for every force, /f/<force_id>/feed.atom for one
DIGEST_FOLDER = "digests"  # /f/digests/<release>.txt: what changed, as plain text for an email
PREVIEW_FILE = "preview.png"  # /f/<force_id>/preview.png: the grade scorecard shared as a link preview
ASSET_FOLDER = "assets"  # content-hashed files (the stylesheet), cached for a year


def site_folder(environ: Mapping[str, str] = os.environ) -> Path:
    """The published static edition; DASHBOARD_SITE points elsewhere (tests use a folder of their own).

    `environ` is the settings of another process (deploy/cluster.py points nginx at its app processes' folder)."""
    return Path(environ.get("DASHBOARD_SITE", DATA_DIR / "build" / "site"))


def public_url() -> str:
    """The site's own address without a trailing slash, for the links that must be absolute."""
    return os.environ.get(PUBLIC_URL_VARIABLE, DEFAULT_PUBLIC_URL).rstrip("/")


def app_url() -> str:
    """Where the interactive app answers: the same site unless the static edition is published elsewhere."""
    return os.environ.get(APP_URL_VARIABLE, "").rstrip("/")


def force_page_address(force_id: str, slug: str = "") -> str:
    """/f/hertfordshire/ for the overview, /f/hertfordshire/calls/ for another page."""
    return f"{PREFIX}/{force_id}/" + (f"{slug}/" if slug else "")


def shared_page_address(page: ForcePage) -> str:
    """/f/ for all forces, /f/about-data/ and /f/accessibility/."""
    return f"{PREFIX}/" + (f"{page.slug}/" if page.slug else "")


def force_feed_address(force_id: str | None = None) -> str:
    """/f/<force_id>/feed.atom, or /f/feed.atom for every force."""
    return f"{PREFIX}/{force_id}/{FEED_FILE}" if force_id else f"{PREFIX}/{FEED_FILE}"


def preview_address(force_id: str) -> str:
    return f"{PREFIX}/{force_id}/{PREVIEW_FILE}"


def digest_address(release: str) -> str:
    return f"{PREFIX}/{DIGEST_FOLDER}/{release}.txt"


def file_for(address: str, folder: Path | None = None) -> Path:
    """The file in the site folder that answers an address under /f/ (a folder's index.html)."""
    if not (address == PREFIX + "/" or address.startswith(PREFIX + "/")):
        raise ValueError(f"not a static edition address: {address!r}")
    relative = address[len(PREFIX) + 1 :]
    target = (folder or site_folder()) / relative
    return target / "index.html" if address.endswith("/") else target


def app_page_address(page: ForcePage, force_id: str | None = None) -> str:
    """The interactive twin of a static page, e.g. /calls?force=hertfordshire (absolute when APP_URL is set)."""
    query = f"?{urlencode({'force': force_id})}" if force_id else ""
    return f"{app_url()}/{page.app_path}{query}"


def static_address(page: ForcePage, force_id: str | None = None) -> str:
    """The static edition's address of a page: a force's page when a force is given, else a shared page."""
    return force_page_address(force_id, page.slug) if force_id else shared_page_address(page)

"""A small hand-made static edition, standing in for dashboard.site.build in the tests and in `make bench-static`
before the real builder is there:
a few pages as the builder lays them out (site_addresses), a hashed stylesheet, a feed, a preview, a 404 page,
robots.txt and sitemap.xml. Each page links back to its interactive twin, as the real pages do."""

from __future__ import annotations

import hashlib
import struct
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.common.site_addresses import (
    ASSET_FOLDER,
    FORCE_PAGE_BY_SLUG,
    NOT_FOUND_FILE,
    ROBOTS_FILE,
    SITEMAP_FILE,
    app_page_address,
    file_for,
    force_feed_address,
    force_page_address,
    preview_address,
)

GRADE_SENTENCE = "Hertfordshire Constabulary was graded Good for preventing crime in its latest inspection."
STYLESHEET = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:1rem;line-height:1.5}\n" * 20
FILLER = "<p>" + "Every figure on this page shows where it comes from and when it was published. " * 20 + "</p>"


@dataclass
class StandInReport:
    pages: int = 0
    seconds: float = 0.0
    bytes: dict[str, int] = field(default_factory=dict)


def one_pixel_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\0\0\0")) + chunk(b"IEND", b"")


def page_html(title: str, body: str, stylesheet: str, twin: str = "") -> str:
    back = f'<p><a href="{twin}">Open the interactive version of this page</a></p>' if twin else ""
    return (
        '<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{title}</title><link rel="stylesheet" href="{stylesheet}">'
        f'<link rel="alternate" type="application/atom+xml" href="{force_feed_address("hertfordshire")}">'
        f'<meta property="og:image" content="{preview_address("hertfordshire")}"></head>'
        f"<body><main><h1>{title}</h1>{body}{back}{FILLER}"
        '<svg role="img" aria-label="A chart" width="10" height="10"><rect width="10" height="10"/></svg>'
        "</main></body></html>\n"
    )


def write_stand_in_site(destination: Path) -> StandInReport:
    """Write the stand-in edition into `destination` (as build_site does) and say what was written."""
    started = time.perf_counter()
    report = StandInReport()

    def write(relative: str | Path, content: str | bytes, kind: str) -> None:
        path = destination / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode() if isinstance(content, str) else content
        path.write_bytes(data)
        report.bytes[kind] = report.bytes.get(kind, 0) + len(data)

    digest = hashlib.sha256(STYLESHEET.encode()).hexdigest()[:12]
    stylesheet = f"/f/{ASSET_FOLDER}/site.{digest}.css"
    write(f"{ASSET_FOLDER}/site.{digest}.css", STYLESHEET, "stylesheet")
    pages = {
        force_page_address("hertfordshire"): (
            "Hertfordshire: where it stands",
            f"<p>{GRADE_SENTENCE}</p>",
            app_page_address(FORCE_PAGE_BY_SLUG[""], "hertfordshire"),
        ),
        force_page_address("hertfordshire", "calls"): (
            "Hertfordshire: 999 and 101 calls",
            "<p>How quickly the force answers 999 calls.</p>",
            app_page_address(FORCE_PAGE_BY_SLUG["calls"], "hertfordshire"),
        ),
        "/f/": ("All forces", '<p><a href="/f/hertfordshire/">Hertfordshire</a></p>', "/national"),
    }
    for address, (title, body, twin) in pages.items():
        write(file_for(address, destination).relative_to(destination), page_html(title, body, stylesheet, twin), "page")
        report.pages += 1
    write(NOT_FOUND_FILE, page_html("Page not found", "<p>There is no page at this address.</p>", stylesheet), "404")
    report.pages += 1
    feed = (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Hertfordshire</title>'
        + "<entry><title>A new grade</title></entry>" * 30
        + "</feed>\n"
    )
    write(file_for(force_feed_address("hertfordshire"), destination).relative_to(destination), feed, "feed")
    write(file_for(preview_address("hertfordshire"), destination).relative_to(destination), one_pixel_png(), "preview")
    write(ROBOTS_FILE, "User-agent: *\nAllow: /f/\nSitemap: http://localhost:8501/f/sitemap.xml\n", "robots")
    sitemap = '<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    sitemap += "".join(f"<url><loc>http://localhost:8501{address}</loc></url>" for address in pages) + "</urlset>\n"
    write(SITEMAP_FILE, sitemap, "sitemap")
    report.seconds = time.perf_counter() - started
    return report

"""The static edition served from the app's own process and port: /f/... from the site folder, and /robots.txt.

The same answers as nginx gives from deploy/nginx.conf.template: a folder's index.html, /f/x sent on to /f/x/,
the site's own 404 page, no listings, nothing outside the folder, and caching by kind (hashed assets for a year,
pages, feeds and previews for minutes). Streamlit's middleware compresses the text; ours adds the security headers.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from dashboard.common.site_addresses import ASSET_FOLDER, NOT_FOUND_FILE, PREFIX, ROBOTS_FILE, site_folder

# Content-hashed files (the stylesheet) never change under their name; everything else may change at each publish.
LONG_CACHE = "public, max-age=31536000, immutable"
SHORT_CACHE = "public, max-age=300"
NO_CACHE = "no-store"
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".svg": "image/svg+xml; charset=utf-8",
    ".json": "application/json",
}
# Compressed when sent (by Streamlit's gzip middleware here, by nginx's gzip_types there); PNG is compressed already.
COMPRESSED_TYPES = ("text/html", "text/css", "application/atom+xml", "application/xml", "text/plain", "image/svg+xml")
GZIP_MINIMUM_BYTES = 1000  # as Streamlit's middleware: below this, compressing saves less than it costs
# Said in words when the edition has not been published yet (or is being replaced by hand): no stack trace.
NOT_PUBLISHED = (
    "The plain version of this site is not available just now; please try again in a few minutes. "
    "The interactive dashboard is at / and shows the same figures.\n"
)


def cache_control(relative: PurePosixPath) -> str:
    return LONG_CACHE if relative.parts[:1] == (ASSET_FOLDER,) else SHORT_CACHE


def content_type(path: Path) -> str:
    return TYPES.get(path.suffix.lower(), "application/octet-stream")


def inside(folder: Path, relative: str) -> tuple[Path, PurePosixPath] | None:
    """The file or folder `relative` names under `folder`, or None for anything that is not plainly inside it.

    Refused: "..", ".", empty segments, backslashes and NUL (however they were encoded: the server has decoded the
    address already), hidden names, and any link that leads out of the folder.
    """
    if "\\" in relative or "\0" in relative:
        return None
    parts = relative.split("/")
    if parts and parts[-1] == "":
        parts = parts[:-1]  # the trailing slash of a folder's address
    if any(part in ("", ".", "..") or part.startswith(".") for part in parts):
        return None
    root = folder.resolve()
    target = root.joinpath(*parts).resolve()
    if target != root and root not in target.parents:
        return None
    return target, PurePosixPath(*parts) if parts else PurePosixPath()


def site_file(request: Request) -> Response:
    """GET or HEAD /f/<path>. A plain function: Starlette runs it off the event loop, so disk reads never block it."""
    folder = site_folder()
    if not folder.is_dir():
        return PlainTextResponse(NOT_PUBLISHED, status_code=503, headers={"Cache-Control": NO_CACHE, "Retry-After": "60"})
    relative = request.path_params.get("path", "")
    found = inside(folder, relative)
    if found is None:
        return not_found(folder)
    target, name = found
    if relative.endswith("/") or relative == "":
        target = target / "index.html"
    elif target.is_dir():
        if not (target / "index.html").is_file():
            return not_found(folder)
        query = f"?{request.url.query}" if request.url.query else ""
        # Quoted: the server handed over the address decoded, and a header holds only ASCII.
        location = quote(f"{PREFIX}/{relative}/") + query
        return RedirectResponse(location, status_code=301, headers={"Cache-Control": SHORT_CACHE})
    if not target.is_file():
        return not_found(folder)
    return FileResponse(target, media_type=content_type(target), headers={"Cache-Control": cache_control(name)})


def not_found(folder: Path) -> Response:
    """The site's own 404 page with status 404 (a plain sentence if the edition has none)."""
    page = folder / NOT_FOUND_FILE
    headers = {"Cache-Control": SHORT_CACHE}
    if page.is_file():
        return FileResponse(page, status_code=404, media_type=TYPES[".html"], headers=headers)
    return PlainTextResponse("Page not found.\n", status_code=404, headers=headers)


def site_index_redirect(request: Request) -> Response:
    query = f"?{request.url.query}" if request.url.query else ""
    return RedirectResponse(f"{PREFIX}/{query}", status_code=301, headers={"Cache-Control": SHORT_CACHE})


def robots(request: Request) -> Response:  # noqa: ARG001 - starlette passes the request
    """/robots.txt, where crawlers look for it, from the site folder (an empty answer allows everything)."""
    path = site_folder() / ROBOTS_FILE
    if not path.is_file():
        return PlainTextResponse("", headers={"Cache-Control": SHORT_CACHE})
    return FileResponse(path, media_type=TYPES[".txt"], headers={"Cache-Control": SHORT_CACHE})


def site_routes() -> list[Route]:
    """The routes st.App serves beside the app (dashboard/web/asgi_app.py)."""
    methods = ["GET", "HEAD"]
    return [
        Route(PREFIX, site_index_redirect, methods=methods),
        Route(PREFIX + "/{path:path}", site_file, methods=methods),
        Route("/" + ROBOTS_FILE, robots, methods=methods),
    ]


def nginx_site_settings() -> str:
    """nginx directives for the static edition's locations, from the same types as the app process sends
    (deploy/cluster.py writes them to site.conf beside nginx.conf; the template includes it)."""
    types = {media.split(";")[0]: suffix.lstrip(".") for suffix, media in TYPES.items()}
    with_charset = [media.split(";")[0] for media in TYPES.values() if "charset" in media and not media.startswith("text/html")]
    lines = [
        "# Written by deploy/cluster.py from dashboard/web/site_files.py; change that module, not this file.",
        "types {",
        *(f"    {media} {suffix};" for media, suffix in types.items()),
        "}",
        "default_type application/octet-stream;",
        "charset utf-8;",
        f"charset_types {' '.join(with_charset)};",
        "gzip on;",
        "gzip_vary on;",
        f"gzip_min_length {GZIP_MINIMUM_BYTES};",
        # text/html is always compressed once gzip is on; naming it again is a warning.
        f"gzip_types {' '.join(t for t in COMPRESSED_TYPES if t != 'text/html')};",
    ]
    return "\n".join(lines) + "\n"

"""`python -m dashboard refresh`: check every feed in data/feeds/catalogue.csv for a new release, and load it.

One request per feed per run (retries of a failed request aside), conditional on the ETag and
Last-Modified of the last release seen, with a timeout and a size limit. A new file takes exactly the
path of `python -m dashboard load` (whole-file check, kept unedited, atomic rebuild); anything else
changes nothing but the feed log. This runs from cron or a systemd timer, never inside the web
process: the app notices the rebuilt database file and reopens it.
"""

from __future__ import annotations

import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

import httpx

from dashboard.store.feeds import Check, Feed, append_checks, read_catalogue, read_log
from dashboard.store.importers.load import SourceSpec, load_file
from dashboard.store.locks import folder_lock
from dashboard.store.paths import DATA_DIR
from dashboard.store.releases import read_manifest, sha256_of
from dashboard.store.tables import DataFileError, Problem

USER_AGENT = "policing-accountability-dashboard refresh (+https://www.nationalarchives.gov.uk/doc/open-government-licence/)"
# A web page where a data file was expected: the address is a landing page, not a download link.
_PAGE_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class Limits:
    timeout: float = 30.0  # seconds, for connecting and for each read
    max_bytes: int = 50_000_000  # a release bigger than this is refused before it is stored
    retries: int = 2  # further attempts after a timeout, a dropped connection or a 5xx answer
    backoff: float = 2.0  # seconds before the first retry, doubled for each one after


@dataclass
class Fetched:
    status: int | None
    data: bytes | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""
    error: str | None = None  # why nothing usable came back (unreachable)
    too_large: bool = False


class _TooLarge(Exception):
    pass


def fetch(
    client: httpx.Client, url: str, headers: dict[str, str], limits: Limits, sleep: Callable[[float], None] = time.sleep
) -> Fetched:
    """One GET (with retries only for failures that may pass); the body is read no further than the size limit."""
    error = "no attempt made"
    for attempt in range(limits.retries + 1):
        if attempt:
            sleep(limits.backoff * 2 ** (attempt - 1))
        try:
            with client.stream("GET", url, headers=headers) as response:
                if response.status_code >= 500:
                    error = f"the server answered {response.status_code} {response.reason_phrase}"
                    continue
                found = Fetched(
                    response.status_code,
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                    content_type=response.headers.get("content-type", ""),
                )
                if response.status_code == 304:
                    return found
                if response.status_code != 200:
                    found.error = f"the server answered {response.status_code} {response.reason_phrase}"
                    return found
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > limits.max_bytes:
                    found.too_large, found.data = True, None
                    found.error = f"the file is {int(declared):,} bytes, more than the limit of {limits.max_bytes:,}"
                    return found
                found.data = _read_limited(response, limits.max_bytes)
                return found
        except _TooLarge:
            return Fetched(200, too_large=True, error=f"the file is more than the limit of {limits.max_bytes:,} bytes")
        except httpx.TimeoutException:
            error = f"no answer within {limits.timeout:g} seconds"
        except httpx.HTTPError as caught:
            error = f"could not connect ({type(caught).__name__}: {caught})"
    tries = limits.retries + 1
    return Fetched(None, error=f"{error} ({tries} attempt{'s' if tries > 1 else ''})")


def _read_limited(response: httpx.Response, max_bytes: int) -> bytes:
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise _TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def _file_name(feed: Feed, url: str, fetched_at: datetime) -> str:
    """A readable name for the stored copy: the address's own file name, else the feed and date."""
    name = Path(urlparse(url).path).name
    if not re.fullmatch(r"[A-Za-z0-9._-]+\.[A-Za-z0-9]{2,5}", name or ""):
        name = f"{feed.feed_id}-{fetched_at:%Y-%m-%d}"
    return name


def _conditional_headers(previous: Check | None) -> dict[str, str]:
    headers = {"User-Agent": USER_AGENT}
    if previous and previous.etag:
        headers["If-None-Match"] = previous.etag
    if previous and previous.last_modified:
        headers["If-Modified-Since"] = previous.last_modified
    return headers


def check_feed(
    feed: Feed,
    client: httpx.Client,
    limits: Limits,
    data_dir: Path,
    db_path: Path | None,
    previous: Check | None,
    sleep: Callable[[float], None] = time.sleep,
) -> Check:
    """Fetch one feed once and load what is new; never raises for a bad answer or a bad file."""
    now = datetime.now().replace(microsecond=0)
    got = fetch(client, feed.address, _conditional_headers(previous), limits, sleep)
    common = {"checked_at": now, "feed_id": feed.feed_id, "http_status": got.status}
    if got.too_large:
        return Check(outcome="rejected", message=f"Refused, not stored: {got.error}.", **common)
    if got.status == 304:
        assert previous is not None
        return Check(
            outcome="unchanged",
            bytes=0,
            sha256=previous.sha256,
            etag=got.etag or previous.etag,
            last_modified=got.last_modified or previous.last_modified,
            message="Not modified since the last check (the server answered 304).",
            **common,
        )
    if got.data is None:
        return Check(outcome="unreachable", message=f"Nothing changed: {got.error}.", **common)
    sha = sha256_of(got.data)
    seen = {"bytes": len(got.data), "sha256": sha, "etag": got.etag, "last_modified": got.last_modified}
    if got.content_type.split(";")[0].strip().lower() in _PAGE_TYPES:
        return Check(
            outcome="rejected",
            message="The address gave a web page, not a data file; set the feed's address to the release's download link.",
            **common,
            **seen,
        )
    held = next((e for e in read_manifest(data_dir) if e.sha256 == sha), None)
    if held:
        message = f"Same contents (SHA-256) as load {held.load_id}, {held.file_name}, loaded {held.loaded_at:%d %B %Y}."
        return Check(outcome="unchanged", load_id=held.load_id, message=message, **common, **seen)
    source = SourceSpec(
        source_id=f"{feed.feed_id}-{sha[:12]}",
        publisher=feed.publisher,
        title=f"{feed.title}, as fetched on {now:%d %B %Y}",
        url=feed.address,
        licence=feed.licence,
    )
    # Downloaded beside nothing the build reads; load_file copies it into data/releases/ only if it passes.
    with tempfile.TemporaryDirectory(prefix="refresh-") as folder:
        path = Path(folder) / _file_name(feed, feed.address, now)
        path.write_bytes(got.data)
        try:
            report = load_file(path, feed.kind, source, options=feed.options, data_dir=data_dir, db_path=db_path)
        except DataFileError as error:
            problems = "; ".join(str(p) for p in error.problems[:3])
            more = f" (and {len(error.problems) - 3} more)" if len(error.problems) > 3 else ""
            return Check(outcome="rejected", message=f"Rejected, nothing changed: {problems}{more}.", **common, **seen)
    if report.already_loaded:  # loaded by someone else between the manifest check and the load
        return Check(outcome="unchanged", load_id=report.already_loaded.load_id, message="Already loaded.", **common, **seen)
    warned = f" Warnings: {' | '.join(report.warnings)}" if report.warnings else ""
    message = f"Loaded as load {report.load_id}: {report.row_count:,} rows, {report.changes.added:,} figures added, "
    message += f"{report.changes.revised:,} revised.{warned}"
    return Check(outcome="new", load_id=report.load_id, message=message, **common, **seen)


def refresh(
    data_dir: Path = DATA_DIR,
    db_path: Path | None = None,
    feed_ids: tuple[str, ...] = (),
    limits: Limits = Limits(),
    sleep: Callable[[float], None] = time.sleep,
    transport: httpx.BaseTransport | None = None,
) -> list[Check]:
    """Check each feed (or those named) once, load what is new, and append one log row per feed."""
    feeds = read_catalogue(data_dir)
    unknown = sorted(set(feed_ids) - {f.feed_id for f in feeds})
    if unknown:
        raise DataFileError([Problem("--feed", None, None, f"no feed '{u}' in data/feeds/catalogue.csv") for u in unknown])
    chosen = [f for f in feeds if not feed_ids or f.feed_id in feed_ids]
    checks: list[Check] = []
    with folder_lock(data_dir / "feeds"):
        log = read_log(data_dir)
        timeout = httpx.Timeout(limits.timeout)
        with httpx.Client(timeout=timeout, follow_redirects=True, transport=transport) as client:
            for feed in chosen:
                seen = [c for c in log if c.feed_id == feed.feed_id and c.outcome in ("new", "unchanged")]
                previous = seen[-1] if seen else None
                checks.append(check_feed(feed, client, limits, data_dir, db_path, previous, sleep))
        append_checks(data_dir, checks)
    return checks


def describe(checks: list[Check]) -> list[str]:
    """What the command prints: one line per feed."""
    return [f"{c.feed_id}: {c.outcome}. {c.message}" for c in checks] or ["No feeds in data/feeds/catalogue.csv."]

"""`python -m dashboard refresh`: check every feed in data/feeds/catalogue.csv for a new release, and load it.

One request per feed per run (retries of a failed request aside), conditional on the ETag and
Last-Modified of the last release seen, within one deadline and a size limit, over https and only to the
feed's own hosts and public addresses (dashboard/store/fetch.py). The feed log says what happened in fixed
words; the detail goes to the operator's log (logger "dashboard.refresh", stderr). A new file takes exactly the
path of `python -m dashboard load` (whole-file check, kept unedited, atomic rebuild); anything else
changes nothing but the feed log. This runs from cron or a systemd timer, never inside the web
process: the app notices the rebuilt database file and reopens it.
"""

from __future__ import annotations

import logging
import re
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

from dashboard.store.feeds import PUBLIC_WORDING, Check, Feed, append_checks, read_catalogue, read_log
from dashboard.store.fetch import Limits, Network, fetch, for_log, host_of
from dashboard.store.importers.load import SourceSpec, load_file
from dashboard.store.locks import folder_lock
from dashboard.store.paths import DATA_DIR
from dashboard.store.releases import read_manifest, sha256_of
from dashboard.store.tables import DataFileError, Problem

USER_AGENT = "policing-accountability-dashboard refresh (+https://www.nationalarchives.gov.uk/doc/open-government-licence/)"
# A web page where a data file was expected: the address is a landing page, not a download link.
_PAGE_TYPES = ("text/html", "application/xhtml+xml")
log = logging.getLogger("dashboard.refresh")


def _file_name(feed: Feed, url: str, fetched_at: datetime) -> str:
    """A readable name for the stored copy: the address's own file name, else the feed and date."""
    name = Path(urlparse(url).path).name
    if not re.fullmatch(r"[A-Za-z0-9._-]+\.[A-Za-z0-9]{2,5}", name or ""):
        name = f"{feed.feed_id}-{fetched_at:%Y-%m-%d}"
    return name


def _conditional_headers(previous: Check | None) -> dict[str, str]:
    # No compressed transfer: the size limit then counts the bytes as sent, and no small answer inflates in memory.
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    if previous and previous.etag:
        headers["If-None-Match"] = previous.etag
    if previous and previous.last_modified:
        headers["If-Modified-Since"] = previous.last_modified
    return headers


def _checked(reason: str, detail: str = "", **fields) -> Check:
    """A check in the log's words: the outcome and public sentence that go with the reason, and the detail aside."""
    outcome, words = PUBLIC_WORDING[reason]
    return Check(outcome=outcome, message=words, detail=detail, **fields)


def check_feed(
    feed: Feed,
    limits: Limits,
    data_dir: Path,
    db_path: Path | None,
    previous: Check | None,
    network: Network = Network(),
    sleep: Callable[[float], None] = time.sleep,
) -> Check:
    """Fetch one feed once and load what is new; never raises for a bad answer or a bad file."""
    now = datetime.now().replace(microsecond=0)
    allowed = frozenset({host_of(feed.address), *feed.redirect_hosts})
    got = fetch(feed.address, _conditional_headers(previous), limits, allowed, network, sleep)
    common = {"checked_at": now, "feed_id": feed.feed_id, "http_status": got.status}
    if got.status == 304 and previous is not None:
        validators = {"etag": got.etag or previous.etag, "last_modified": got.last_modified or previous.last_modified}
        return _checked("not_modified", bytes=0, sha256=previous.sha256, **validators, **common)
    if got.reason or got.data is None:
        return _checked(got.reason or "no_file", got.detail or f"status {got.status} with no file", **common)
    sha = sha256_of(got.data)
    seen = {"bytes": len(got.data), "sha256": sha, "etag": got.etag, "last_modified": got.last_modified}
    if got.content_type.split(";")[0].strip().lower() in _PAGE_TYPES:
        detail = f"content type {for_log(got.content_type, 80)}; set the feed's address to the release's download link"
        return _checked("web_page", detail, **common, **seen)
    held = next((e for e in read_manifest(data_dir) if e.sha256 == sha), None)
    if held:
        detail = f"same SHA-256 as load {held.load_id}, {held.file_name}, loaded {held.loaded_at:%d %B %Y}"
        return _checked("same_file", detail, load_id=held.load_id, **common, **seen)
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
            return _checked("not_expected_form", f"rejected: {problems}{more}", **common, **seen)
    if report.already_loaded:  # loaded by someone else between the manifest check and the load
        return _checked("same_file", "already loaded", load_id=report.already_loaded.load_id, **common, **seen)
    warned = f"; warnings: {' | '.join(report.warnings)}" if report.warnings else ""
    detail = f"loaded as load {report.load_id}: {report.row_count:,} rows, {report.changes.added:,} figures added, "
    detail += f"{report.changes.revised:,} revised{warned}"
    return _checked("loaded", detail, load_id=report.load_id, **common, **seen)


def _log_check(feed: Feed, check: Check) -> None:
    """The operator's record of a check: the public sentence and the detail behind it, on one line."""
    level = logging.INFO if check.outcome in ("new", "unchanged") else logging.WARNING
    status = f" (HTTP {check.http_status})" if check.http_status else ""
    log.log(level, "%s: %s%s. %s %s", feed.feed_id, check.outcome, status, check.message, for_log(check.detail, 2000))


def refresh(
    data_dir: Path = DATA_DIR,
    db_path: Path | None = None,
    feed_ids: tuple[str, ...] = (),
    limits: Limits = Limits(),
    sleep: Callable[[float], None] = time.sleep,
    network: Network = Network(),
) -> list[Check]:
    """Check each feed (or those named) once, load what is new, and append one log row per feed."""
    feeds = read_catalogue(data_dir)
    unknown = sorted(set(feed_ids) - {f.feed_id for f in feeds})
    if unknown:
        raise DataFileError([Problem("--feed", None, None, f"no feed '{u}' in data/feeds/catalogue.csv") for u in unknown])
    chosen = [f for f in feeds if not feed_ids or f.feed_id in feed_ids]
    checks: list[Check] = []
    with folder_lock(data_dir / "feeds"):
        log_rows = read_log(data_dir)
        for feed in chosen:
            seen = [c for c in log_rows if c.feed_id == feed.feed_id and c.outcome in ("new", "unchanged")]
            previous = seen[-1] if seen else None
            check = check_feed(feed, limits, data_dir, db_path, previous, network, sleep)
            _log_check(feed, check)
            checks.append(check)
        append_checks(data_dir, checks)
    return checks


def describe(checks: list[Check]) -> list[str]:
    """What the command prints: one line per feed."""
    return [f"{c.feed_id}: {c.outcome}. {c.message}" for c in checks] or ["No feeds in data/feeds/catalogue.csv."]

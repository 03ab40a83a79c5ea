"""Follow a force: an Atom feed per force and one for every force of what changed (dashboard/site/changes.py), and
the same entries as a plain-text digest per release, ready to paste into an email.

Written with xml.etree.ElementTree, so text from the data is always escaped as text; every link is absolute.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote, urlsplit

from dashboard.common.site_addresses import (
    DIGEST_FOLDER,
    FEED_FILE,
    PREFIX,
    digest_address,
    force_feed_address,
    force_page_address,
    public_url,
)
from dashboard.common.wording import counted, format_date
from dashboard.site.changes import ALL_TIME, Change, Release, changes_between, releases
from queries import run_query

ATOM = "http://www.w3.org/2005/Atom"
FORCE_FEED_ENTRIES = 50  # a force's feed: its newest 50 changes
ALL_FORCES_FEED_ENTRIES = 200  # the feed for every force: the newest 200 changes of any force
DIGESTS = 100  # digests for the newest 100 releases with a change
DIGEST_ENTRIES = 1000  # a digest lists at most this many changes, then says how many more the feeds hold
DIGEST_INDEX = "index"  # /f/digests/index.txt lists the digests
SITE_NAME = "Policing accountability dashboard"
TAG_YEAR = "2026"  # the tag: entry ids' date; fixed forever, or every id (and so every reader's list) would change

ET.register_namespace("", ATOM)

# Characters XML 1.0 cannot hold, and those that make text read differently from what it holds (bidirectional
# overrides, invisible format characters): dropped. Every run of white space, line breaks included, becomes one space,
# so a value cannot start a line of its own in a digest.
_WHITE_SPACE = re.compile(r"\s+")
_KEPT_FORMAT = {"\u200d"}  # the zero-width joiner inside emoji sequences


def plain(value: object) -> str:
    """Text from the data as one plain line: no control, surrogate, private-use or format characters."""
    text = "".join(
        " " if ch in "\t\n\r\f\v\x85\u2028\u2029" else ch
        for ch in str(value)
        if ch in "\t\n\r\f\v\x85\u2028\u2029"
        or ch in _KEPT_FORMAT
        or (unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn") and ch not in "\ufffe\uffff")
    )
    return _WHITE_SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class FeedReport:
    """What write_feeds wrote: counts for the build's log, and the files."""

    changes: int  # every change held, before the feeds' bounds
    feeds: tuple[Path, ...]
    digests: tuple[Path, ...]  # one per release with a change, then the index


def feed_title(force_name: str | None = None) -> str:
    """A force's feed's title ('Hertfordshire Constabulary: what changed'), or the feed for every force's: also the
    title of each page's <link rel="alternate" type="application/atom+xml">."""
    return f"{force_name}: what changed" if force_name else "Every police force in England and Wales: what changed"


def page_url(change: Change) -> str:
    return public_url() + force_page_address(change.force_id, change.page_slug)


def entry_id(change: Change) -> str:
    """tag:<host>,2026:<force>/<what>: the same change keeps its id in every build and in both feeds."""
    host = urlsplit(public_url()).hostname or "localhost"
    return f"tag:{host},{TAG_YEAR}:{quote(change.force_id, safe='')}/{quote(change.key, safe='/-._~')}"


def _timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = plain(text)
    return element


def atom_feed(
    changes: list[Change], feed_id: str, title: str, subtitle: str, self_address: str, page_address: str, quiet: date
) -> ET.ElementTree:
    """One Atom 1.0 feed of the changes given (already newest first and bounded)."""
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "en-GB"})
    _add(feed, "id", feed_id)
    _add(feed, "title", title, type="text")
    _add(feed, "subtitle", subtitle, type="text")
    # The newest change's day, so a build that finds nothing new writes the same feed; `quiet` for an empty feed.
    _add(feed, "updated", _timestamp(changes[0].day if changes else quiet))
    author = _add(feed, "author")
    _add(author, "name", SITE_NAME)
    _add(author, "uri", public_url() + PREFIX + "/")
    _add(feed, "link", rel="self", type="application/atom+xml", href=public_url() + self_address)
    _add(feed, "link", rel="alternate", type="text/html", href=public_url() + page_address)
    _add(feed, "generator", SITE_NAME)
    for change in changes:
        entry = _add(feed, "entry")
        _add(entry, "id", entry_id(change))
        _add(entry, "title", change.title, type="text")
        _add(entry, "published", _timestamp(change.day))
        _add(entry, "updated", _timestamp(change.day))
        _add(entry, "link", rel="alternate", type="text/html", href=page_url(change))
        _add(entry, "category", term=change.kind, label=change.label)
        _add(entry, "summary", f"{change.when}. {change.summary}", type="text")
    ET.indent(feed)
    return ET.ElementTree(feed)


def _write_feed(tree: ET.ElementTree, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return path


def in_release(change: Change, release: Release) -> bool:
    return release.since < change.day <= release.day


def digest_text(release: Release, changes: list[Change]) -> str:
    """A release's changes as plain text: a heading, then by force, each change's day, title, summary and page."""
    when = f"released on {format_date(release.day)}" if release.loaded else f"dated {format_date(release.day)}"
    shown = changes[:DIGEST_ENTRIES]
    lines = [
        f"What changed: {counted(len(changes), 'change')} {when}",
        f"{SITE_NAME}, {public_url()}{PREFIX}/",
        f"Changes dated after {format_date(release.since)} and on or before {format_date(release.day)}, by force, "
        "newest first. Follow a force: the feed address on each force's page.",
    ]
    force_id = None
    for change in sorted(shown, key=lambda c: (c.force_name, c.force_id, *c.sort_key())):
        if change.force_id != force_id:
            force_id = change.force_id
            lines += ["", plain(change.force_name), f"Feed: {public_url()}{force_feed_address(force_id)}"]
        lines += [
            f"* {digest_line(change)}",
            f"  {plain(change.summary)}",
            f"  {page_url(change)}",
        ]
    if len(changes) > len(shown):
        lines += ["", f"And {counted(len(changes) - len(shown), 'change')} more: see each force's feed."]
    return "\n".join(lines) + "\n"


def digest_line(change: Change) -> str:
    """The line that names a change in a digest: its day and its feed entry's title."""
    return f"{change.when}: {plain(change.title)}"


def digest_index(written: list[tuple[Release, int]]) -> str:
    lines = [
        f"Digests of what changed, newest first ({SITE_NAME}, {public_url()}{PREFIX}/).",
        f"One for each of the latest {DIGESTS} releases with a change.",
        "",
    ]
    for release, count in written:
        lines.append(f"{format_date(release.day)}: {counted(count, 'change')}, {public_url()}{digest_address(release.name)}")
    return "\n".join(lines) + "\n"


def write_feeds(folder: Path, today: date | None = None) -> FeedReport:
    """Write every force's feed, the feed for every force, and a digest per release (with their index) into `folder`,
    the site folder served at /f/."""
    as_at = today or date.today()
    changes = changes_between(ALL_TIME, as_at)
    forces = run_query("forces")
    # A force with no change yet: its empty feed is as new as the newest change of any force (the build day if none).
    quiet = changes[0].day if changes else as_at
    feeds = []
    for force in forces.itertuples():
        own = [c for c in changes if c.force_id == force.force_id][:FORCE_FEED_ENTRIES]
        tree = atom_feed(
            own,
            f"tag:{urlsplit(public_url()).hostname or 'localhost'},{TAG_YEAR}:{quote(force.force_id, safe='')}/feed",
            feed_title(force.name),
            f"New inspection grades, new and revised figures, improvement tracker updates and inspection events for "
            f"{force.name}, newest first (the latest {FORCE_FEED_ENTRIES}).",
            force_feed_address(force.force_id),
            force_page_address(force.force_id),
            quiet,
        )
        feeds.append(_write_feed(tree, folder / force.force_id / FEED_FILE))
    every = atom_feed(
        changes[:ALL_FORCES_FEED_ENTRIES],
        f"tag:{urlsplit(public_url()).hostname or 'localhost'},{TAG_YEAR}:feed",
        feed_title(),
        "New inspection grades, new and revised figures, improvement tracker updates and inspection events for every "
        f"force, newest first (the latest {ALL_FORCES_FEED_ENTRIES}).",
        force_feed_address(),
        PREFIX + "/",
        quiet,
    )
    feeds.append(_write_feed(every, folder / FEED_FILE))

    digests, written = [], []
    for release in reversed(releases(as_at)):
        if len(written) == DIGESTS:
            break
        held = [c for c in changes if in_release(c, release)]
        if not held:
            continue
        path = folder / DIGEST_FOLDER / f"{release.name}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(digest_text(release, held), encoding="utf-8")
        digests.append(path)
        written.append((release, len(held)))
    index = folder / DIGEST_FOLDER / f"{DIGEST_INDEX}.txt"
    index.parent.mkdir(parents=True, exist_ok=True)
    index.write_text(digest_index(written), encoding="utf-8")
    return FeedReport(len(changes), tuple(feeds), (*digests, index))

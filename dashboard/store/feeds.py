"""The catalogue of official feeds (data/feeds/catalogue.csv) and the log of every refresh (data/feeds/log.csv).

Neither file is part of the database build: checking a feed that has not changed must not rebuild the
database, and the web process only reads these small files to say how fresh each page's figures are.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from dashboard.store.paths import DATA_DIR
from dashboard.store.releases import parse_options, write_atomically
from dashboard.store.tables import Column, DataFileError, Problem, Table, read_table

CADENCES = ("monthly", "quarterly", "annual")
CADENCE_DAYS = {"monthly": 31, "quarterly": 92, "annual": 366}
OUTCOMES = ("new", "unchanged", "rejected", "unreachable")
# What the public feeds table (About the data) says for each way a check can end: fixed words chosen by the
# refresher, never text from the publisher's answer. Status codes, errors and what the server said go to the
# operator's log only (dashboard.store.refresh). Each reason belongs to one outcome.
PUBLIC_WORDING = {
    "loaded": ("new", "A new release was loaded."),
    "not_modified": ("unchanged", "Not modified since the last check."),
    "same_file": ("unchanged", "The file was the same as a release already loaded."),
    "unreachable": ("unreachable", "The publisher's server could not be reached."),
    "no_file": ("unreachable", "The publisher's server did not send the file."),
    "too_slow": ("unreachable", "The publisher's server did not send the file in time."),
    "too_large": ("rejected", "The file was larger than the limit, so it was not stored."),
    "web_page": ("rejected", "The address gave a web page, not a data file."),
    "not_expected_form": ("rejected", "The file was not in the expected form, so nothing changed."),
    "address_refused": ("rejected", "The feed's address is not one the refresher fetches from."),
    "redirect_refused": ("rejected", "The publisher's server sent us to an address the refresher does not fetch from."),
}
# For a log row written before the wording was fixed: its message may quote a server, so it is never shown.
_OUTCOME_WORDING = {
    "new": PUBLIC_WORDING["loaded"][1],
    "unchanged": "No new release since the last check.",
    "rejected": "The file was refused, so nothing changed.",
    "unreachable": PUBLIC_WORDING["unreachable"][1],
}
_HOST_NAME = re.compile(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?", re.IGNORECASE)


def https_address_problem(value: str) -> str | None:
    """What is wrong with a feed's address: the refresher fetches only https://host/... (no user name or password)."""
    scheme, _, rest = value.partition("://")
    host = re.split(r"[/?#]", rest, maxsplit=1)[0]
    if scheme.lower() != "https" or not host:
        return f"'{value}' is not an https:// address; the refresher fetches only over https"
    if "@" in host:
        return f"'{value}' carries a user name or password; give the public download address"
    return None


def host_names_problem(value: str) -> str | None:
    """What is wrong with a list of hosts a feed may redirect to: host names only, separated by spaces."""
    wrong = [name for name in value.split() if not _HOST_NAME.fullmatch(name)]
    if wrong:
        return f"'{wrong[0]}' is not a host name such as www.ons.gov.uk (no https://, path, port or IP address)"
    return None


CATALOGUE = Table(
    "feed",
    "feeds/catalogue.csv",
    (
        Column("feed_id"),
        Column("kind"),
        Column("label"),  # what the figures are called on a page: "999 figures"
        Column("publisher"),
        Column("title"),
        Column("address", "address", check=https_address_problem),  # fetched by the refresher
        Column("landing_url", "address", required=False),
        Column("cadence", allowed=CADENCES),
        Column("grace_days", "integer"),
        Column("licence"),
        Column("metrics"),
        Column("options", required=False),
        # Hosts besides the address's own that a redirect may lead to (say, the publisher's download server).
        Column("redirect_hosts", required=False, check=host_names_problem, may_be_absent=True),
    ),
    key=("feed_id",),
)
LOG = Table(
    "feed_log",
    "feeds/log.csv",
    (
        Column("checked_at"),
        Column("feed_id"),
        Column("outcome", allowed=OUTCOMES),
        Column("http_status", "integer", required=False),
        Column("bytes", "integer", required=False),
        Column("sha256", required=False),
        Column("etag", required=False),
        Column("last_modified", required=False),
        Column("load_id", "integer", required=False),
        Column("message", required=False),
    ),
)


@dataclass(frozen=True)
class Feed:
    feed_id: str
    kind: str
    label: str
    publisher: str
    title: str
    address: str
    landing_url: str | None
    cadence: str
    grace_days: int
    licence: str
    metrics: tuple[str, ...]
    options: dict[str, str]
    redirect_hosts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Check:
    """One feed checked once: what happened, in the log's words."""

    checked_at: datetime
    feed_id: str
    outcome: str
    http_status: int | None = None
    bytes: int | None = None
    sha256: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    load_id: int | None = None
    message: str = ""  # public: one of PUBLIC_WORDING's sentences
    detail: str = ""  # for the operator's log only; never written to log.csv

    @property
    def public_message(self) -> str:
        """What the public feeds table says: the fixed sentence, or, for an older row, the outcome in fixed words."""
        fixed = {words for _, words in PUBLIC_WORDING.values()}
        return self.message if self.message in fixed else _OUTCOME_WORDING.get(self.outcome, "")

    def as_record(self) -> dict[str, Any]:
        record = {c: getattr(self, c) for c in LOG.column_names}
        record["checked_at"] = self.checked_at.isoformat(timespec="seconds")
        # One line per check: the CSV reader splits rows on line breaks.
        record["message"] = " ".join(self.message.split())
        return record


def catalogue_path(data_dir: Path = DATA_DIR) -> Path:
    return data_dir / CATALOGUE.file_name


def log_path(data_dir: Path = DATA_DIR) -> Path:
    return data_dir / LOG.file_name


def read_catalogue(data_dir: Path = DATA_DIR) -> list[Feed]:
    """Every feed; a damaged catalogue is rejected naming its row and column."""
    path = catalogue_path(data_dir)
    if not path.exists():
        return []
    rows = read_table(path, CATALOGUE, display_name=f"data/{CATALOGUE.file_name}")
    problems = [
        Problem(f"data/{CATALOGUE.file_name}", r["_row"], "grace_days", "expected 0 or more days")
        for r in rows
        if r["grace_days"] < 0
    ]
    if problems:
        raise DataFileError(problems)
    return [
        Feed(
            r["feed_id"],
            r["kind"],
            r["label"],
            r["publisher"],
            r["title"],
            r["address"],
            r["landing_url"],
            r["cadence"],
            r["grace_days"],
            r["licence"],
            tuple(r["metrics"].split()),
            parse_options(r["options"]),
            tuple(name.rstrip(".").lower() for name in (r.get("redirect_hosts") or "").split()),
        )
        for r in rows
    ]


def read_log(data_dir: Path = DATA_DIR) -> list[Check]:
    """Every check so far, oldest first."""
    path = log_path(data_dir)
    if not path.exists():
        return []
    rows = read_table(path, LOG, display_name=f"data/{LOG.file_name}")
    checks, problems = [], []
    for r in rows:
        try:
            checked_at = datetime.fromisoformat(r["checked_at"])
        except ValueError:
            found = f"expected a date and time, found '{r['checked_at']}'"
            problems.append(Problem(f"data/{LOG.file_name}", r["_row"], "checked_at", found))
            continue
        values = {c: r[c] for c in LOG.column_names if c != "checked_at"}
        values["message"] = values["message"] or ""
        checks.append(Check(checked_at, **values))
    if problems:
        raise DataFileError(problems)
    return checks


def append_checks(data_dir: Path, checks: list[Check]) -> None:
    """Add a run's checks to the log; earlier rows are kept byte for byte and the file is replaced atomically."""
    path = log_path(data_dir)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if text and not text.endswith("\n"):
        text += "\n"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=LOG.column_names, lineterminator="\n")
    if not text:
        writer.writeheader()
    for check in checks:
        writer.writerow({k: "" if v is None else v for k, v in check.as_record().items()})
    write_atomically(path, (text + buffer.getvalue()).encode("utf-8"))

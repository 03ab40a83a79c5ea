"""The catalogue of official feeds (data/feeds/catalogue.csv) and the log of every refresh (data/feeds/log.csv).

Neither file is part of the database build: checking a feed that has not changed must not rebuild the
database, and the web process only reads these small files to say how fresh each page's figures are.
"""

from __future__ import annotations

import csv
import io
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

CATALOGUE = Table(
    "feed",
    "feeds/catalogue.csv",
    (
        Column("feed_id"),
        Column("kind"),
        Column("label"),  # what the figures are called on a page: "999 figures"
        Column("publisher"),
        Column("title"),
        Column("address", "address"),  # fetched by the refresher
        Column("landing_url", "address", required=False),
        Column("cadence", allowed=CADENCES),
        Column("grace_days", "integer"),
        Column("licence"),
        Column("metrics"),
        Column("options", required=False),
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
    message: str = ""

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

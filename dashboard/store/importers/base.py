"""What every importer shares: the registry of kinds, the reference data it checks against, and strict file reading.

An importer turns one file into rows for one table. It never writes: the load and the build
decide where the rows go (see dashboard/store/importers/load.py and dashboard/store/releases.py).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TextIO

import duckdb

from dashboard.store.names import normalise
from dashboard.store.tables import DataFileError, Problem

# Common ways a published table says "no figure": kept as a gap, never as a number.
GAP_MARKERS = frozenset({"", "-", "–", "..", "n/a", "na", "[x]", "[z]", "[c]", "[u]", "[low]", "*"})
# Words that follow a force's place name; "Avon and Somerset Police" is Avon and Somerset.
_FORCE_SUFFIXES = ("-police-service", "-police-force", "-constabulary", "-police")


class Progress:
    """Prints 'checked 1,000 of 2,580 rows (39%)' to stderr about every tenth of a large file."""

    def __init__(self, label: str, stream: TextIO | None = None, smallest: int = 500):
        self.label = label
        self.stream = stream or sys.stderr
        self.smallest = smallest
        self._next = 0

    def __call__(self, done: int, total: int) -> None:
        if total < self.smallest:
            return
        if done >= self._next or done == total:
            print(f"  {self.label}: checked {done:,} of {total:,} rows ({100 * done // total}%)", file=self.stream, flush=True)
            self._next = done + max(total // 10, 1)


def no_progress(done: int, total: int) -> None:
    return None


class Reference:
    """The places, metrics, sources, cycles and areas a file may name, read from a database connection."""

    def __init__(self, con: duckdb.DuckDBPyConnection, extra_source_ids: tuple[str, ...] = ()):
        self.con = con
        self.extra_source_ids = frozenset(extra_source_ids)

    def _column(self, sql: str) -> list[Any]:
        return [row[0] for row in self.con.execute(sql).fetchall()]

    @cached_property
    def source_ids(self) -> frozenset[str]:
        return frozenset(self._column("SELECT source_id FROM source")) | self.extra_source_ids

    @cached_property
    def metric_ids(self) -> frozenset[str]:
        return frozenset(self._column("SELECT metric_id FROM metric"))

    @cached_property
    def cycle_ids(self) -> frozenset[str]:
        return frozenset(self._column("SELECT cycle_id FROM cycle"))

    @cached_property
    def areas(self) -> frozenset[tuple[str, str]]:
        return frozenset(self.con.execute("SELECT cycle_id, area_id FROM peel_area").fetchall())

    @cached_property
    def force_kinds(self) -> dict[str, str]:
        return dict(self.con.execute("SELECT force_id, kind FROM force").fetchall())

    @cached_property
    def force_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for force_id, name, short_name in self.con.execute("SELECT force_id, name, short_name FROM force").fetchall():
            for text in (force_id, name, short_name):
                names.setdefault(normalise(text), force_id)
        for alias, force_id in self.con.execute("SELECT alias, force_id FROM force_alias").fetchall():
            names.setdefault(normalise(alias), force_id)
        return names

    @cached_property
    def pfa_codes(self) -> dict[str, str]:
        return dict(self.con.execute("SELECT pfa_code, force_id FROM force WHERE pfa_code IS NOT NULL").fetchall())

    def resolve_force(self, text: str) -> str | None:
        """A force id from its slug, name, short name or alias, ignoring case, '&' and 'Police'/'Constabulary'."""
        key = normalise(text)
        if key in self.force_names:
            return self.force_names[key]
        for suffix in _FORCE_SUFFIXES:
            if key.endswith(suffix) and key.removesuffix(suffix) in self.force_names:
                return self.force_names[key.removesuffix(suffix)]
        return None


@dataclass
class ReadContext:
    """What an importer is told about one file: how to name it, what it may refer to, and its options."""

    display_name: str
    reference: Reference
    source_id: str | None = None
    options: dict[str, str] = field(default_factory=dict)
    progress: Callable[[int, int], None] = no_progress


@dataclass
class Release:
    """The rows one file gives for its table, with what a person should know about how it was read."""

    rows: list[dict[str, Any]]
    row_count: int  # data rows in the file (not counting headers, titles or blank lines)
    column_map: list[str] = field(default_factory=list)  # "'Total calls' → Number of 999 calls"
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Importer:
    """One kind of file, the table it feeds, and how a later release of the same rows replaces an earlier one."""

    kind: str
    description: str
    table: str  # database table the rows go into
    key: tuple[str, ...]  # a later load's row with the same key replaces the earlier one
    read: Callable[[Path, ReadContext], Release]
    compared: tuple[str, ...]  # columns whose change makes a revision (the rest is bookkeeping)
    history_table: str | None = None  # where replaced rows are kept; None replaces without history
    source_defaults: dict[str, str] = field(default_factory=dict)  # tier/status/licence for a new source
    options: tuple[str, ...] = ()  # names of --options the importer understands
    needs_source: bool = True  # False where each row names its own source


REGISTRY: dict[str, Importer] = {}


def register(importer: Importer) -> Importer:
    """Add a kind of file to `python -m dashboard load --kind`; the build replays loads through the same entry."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", importer.kind):
        raise ValueError(f"importer kind {importer.kind!r} must be lower-case words joined by hyphens")
    REGISTRY[importer.kind] = importer
    return importer


def importer_for(kind: str) -> Importer:
    if kind not in REGISTRY:
        raise DataFileError([Problem("--kind", None, None, f"unknown kind '{kind}'; expected one of: {', '.join(REGISTRY)}")])
    return REGISTRY[kind]


def read_text(path: Path, display_name: str) -> str:
    """The whole file as text; an empty file or one not saved as UTF-8 is rejected, naming the row."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataFileError([Problem(display_name, None, None, "file not found")]) from None
    except IsADirectoryError:
        raise DataFileError([Problem(display_name, None, None, "is a folder, not a file")]) from None
    if not data.strip():
        raise DataFileError([Problem(display_name, 1, None, "the file is empty; expected a header row and data rows")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        raise DataFileError(
            [
                Problem(
                    display_name,
                    row,
                    None,
                    f"is not UTF-8 text (byte {error.start}, value 0x{data[error.start]:02x}); "
                    "it may have been saved as Windows-1252 or Excel's default CSV: save it again as 'CSV UTF-8'",
                )
            ]
        ) from None


def parse_number(
    raw: str, *, whole: bool = False, percent_sign_allowed: bool = False, gaps: frozenset[str] = GAP_MARKERS
) -> float | None:
    """A published number, or None for a gap marker; raise ValueError saying what was expected.

    A % sign is accepted only where the column header carries one, so that a percentage can never
    land in a count column unnoticed. `gaps` lists the markers (lower case) this publisher uses for
    "no figure"; anything else that is not a number is rejected.
    """
    text = raw.strip()
    if text.casefold() in gaps:
        return None
    body = text.replace(",", "").replace(" ", "")
    if body.endswith("%"):
        if not percent_sign_allowed:
            raise ValueError(f"expected a number, found '{text}' (write {body[:-1]} without the % sign)")
        body = body[:-1]
    kind = "a whole number" if whole else "a number"
    try:
        value = float(body)
    except ValueError:
        raise ValueError(f"expected {kind}, found '{text}'") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"expected {kind}, found '{text}'")
    if whole and not value.is_integer():
        raise ValueError(f"expected a whole number, found '{text}'")
    return value


def check_metrics(rows: list[dict[str, Any]], reference: Reference, shown: str) -> None:
    """Every figure must be stored as a metric held in data/metrics.csv; say which are missing."""
    missing = sorted({row["metric_id"] for row in rows} - reference.metric_ids)
    if missing:
        raise DataFileError(
            [
                Problem(shown, None, None, f"no metric '{m}' in data/metrics.csv to store these figures as; add it there first")
                for m in missing
            ]
        )

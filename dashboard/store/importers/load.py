"""Load one file: check it whole, keep it unedited under data/releases/, list it in the manifest, rebuild.

The database is derived from data/, so a load never writes into it directly: it adds the file to
data/ and rebuilds. If anything fails, the stored copy and the manifest row are taken out again, so
data/ and the database are exactly as they were.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from dashboard.store.build import build_database, ensure_database
from dashboard.store.db import open_read_only
from dashboard.store.importers.base import Importer, ReadContext, Reference, importer_for, no_progress
from dashboard.store.locks import folder_lock
from dashboard.store.names import normalise
from dashboard.store.paths import DATA_DIR, database_path
from dashboard.store.releases import (
    MANIFEST,
    Changes,
    ManifestEntry,
    manifest_path,
    preview_changes,
    read_manifest,
    sha256_of,
    sources_path,
    write_atomically,
)
from dashboard.store.tables import TABLES, DataFileError, Problem
from dashboard.store.web_address import web_address_problem


@dataclass(frozen=True)
class SourceSpec:
    """The source a load cites: an existing source id, or the details of a new one."""

    source_id: str | None = None
    publisher: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD
    tier: str | None = None  # primary | secondary
    status: str | None = None
    licence: str | None = None

    @property
    def creates(self) -> bool:
        return any((self.publisher, self.title, self.url, self.published, self.tier, self.status, self.licence))


@dataclass
class LoadReport:
    kind: str
    file_name: str
    sha256: str
    dry_run: bool
    row_count: int = 0
    source_id: str | None = None
    source_created: bool = False
    already_loaded: ManifestEntry | None = None
    load_id: int | None = None
    stored_path: str | None = None
    changes: Changes = field(default_factory=Changes)
    column_map: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    check_seconds: float = 0.0
    build_seconds: float = 0.0

    @property
    def changed_data(self) -> bool:
        """True when this load wrote a release and rebuilt the database (not a dry run, not a file already loaded)."""
        return not self.dry_run and self.already_loaded is None and self.load_id is not None

    def lines(self) -> list[str]:
        """What the command line prints, in plain words."""
        if self.already_loaded:
            e = self.already_loaded
            return [
                f"Already loaded: {self.file_name} has the same contents (SHA-256 {self.sha256[:12]}…) as load {e.load_id} "
                f"({e.file_name}, {e.loaded_at:%d %B %Y %H:%M}). Nothing was changed."
            ]
        c = self.changes
        verb = ("Would add", "revise", "leave") if self.dry_run else ("Added", "revised", "left")
        out = [f"Checked {self.file_name} ({self.kind}): {self.row_count:,} rows, no problems, in {self.check_seconds:.2f} s."]
        out += ["How the file was read:"] + [f"  {line}" for line in self.column_map]
        out += [f"Warning: {w}" for w in self.warnings]
        out.append(
            f"{verb[0]} {c.added:,} figure(s), {verb[1]} {c.revised:,} (the earlier values are kept in the history), "
            f"{verb[2]} {c.unchanged:,} unchanged."
        )
        out += [f"  revised {example}" for example in c.examples]
        if self.dry_run:
            out.append("Dry run: nothing was written.")
        else:
            created = " (new source recorded in data/releases/sources.csv)" if self.source_created else ""
            out.append(f"Loaded as load {self.load_id}, source '{self.source_id}'{created}.")
            out.append(f"Kept the file unedited as data/{self.stored_path}; database rebuilt in {self.build_seconds:.2f} s.")
        return out


def _new_source(spec: SourceSpec, importer: Importer, known: frozenset[str]) -> dict[str, Any] | None:
    """A source row to record, from --publisher/--title/…; or None when the load cites an existing source."""
    if not spec.creates:
        if spec.source_id is not None and spec.source_id not in known:
            raise DataFileError(
                [
                    Problem(
                        "--source",
                        None,
                        None,
                        f"'{spec.source_id}' is not a known source id; to record a new source give --publisher and "
                        "--title (and --url, --published)",
                    )
                ]
            )
        return None
    problems = []
    if not spec.publisher or not spec.title:
        problems.append(Problem("--publisher/--title", None, None, "a new source needs both a publisher and a title"))
    source_id = spec.source_id or normalise(f"{spec.publisher or ''} {spec.title or ''} {spec.published or ''}")[:80].strip("-")
    if source_id in known:
        problems.append(
            Problem("--source", None, None, f"a source '{source_id}' already exists; to cite it, give --source {source_id} alone")
        )
    tier = spec.tier or importer.source_defaults.get("tier")
    status = spec.status or importer.source_defaults.get("status")
    licence = spec.licence or importer.source_defaults.get("licence")
    if tier not in ("primary", "secondary"):
        problems.append(Problem("--tier", None, None, f"expected primary or secondary, found '{tier or ''}'"))
    if not status:
        problems.append(Problem("--status", None, None, "say what the source is, e.g. 'official statistics' or 'news report'"))
    if not licence:
        problems.append(Problem("--licence", None, None, "say its licence, e.g. 'Open Government Licence v3.0'"))
    if spec.url:
        wrong = web_address_problem(spec.url)
        if wrong:
            problems.append(Problem("--url", None, None, wrong))
    published = None
    if spec.published:
        try:
            published = date.fromisoformat(spec.published).isoformat()
        except ValueError:
            problems.append(Problem("--published", None, None, f"expected a date as YYYY-MM-DD, found '{spec.published}'"))
    if problems:
        raise DataFileError(problems)
    return {
        "source_id": source_id,
        "publisher": spec.publisher,
        "title": spec.title,
        "url": spec.url,
        "published": published,
        "tier": tier,
        "status": status,
        "licence": licence,
        "curation_note": f"Recorded by `python -m dashboard load` on {date.today().isoformat()}",
    }


def _row_source(rows: list[dict[str, Any]], file_name: str) -> str:
    """Where each row names its own source, the load cites that source if there is only one."""
    named = sorted({r["source_id"] for r in rows if r.get("source_id")})
    if len(named) == 1:
        return named[0]
    raise DataFileError(
        [
            Problem(
                file_name, None, "source_id", f"the rows cite {len(named)} sources; say which one this file is with --source ID"
            )
        ]
    )


def _csv_line(table_columns: list[str], record: dict[str, Any]) -> str:
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=table_columns, lineterminator="\n").writerow(
        {k: "" if record.get(k) is None else record[k] for k in table_columns}
    )
    return buffer.getvalue()


def _appended(path: Path, columns: list[str], record: dict[str, Any]) -> bytes:
    """The file with one more row; earlier rows are kept byte for byte."""
    if path.exists():
        text = path.read_text(encoding="utf-8")
        if text and not text.endswith("\n"):
            text += "\n"
    else:
        text = ",".join(columns) + "\n"
    return (text + _csv_line(columns, record)).encode("utf-8")


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")[:100] or "release"


def load_file(
    path: Path,
    kind: str,
    source: SourceSpec = SourceSpec(),
    options: dict[str, str] | None = None,
    dry_run: bool = False,
    data_dir: Path = DATA_DIR,
    db_path: Path | None = None,
    progress=no_progress,
) -> LoadReport:
    """Check a file whole; unless it is a dry run, keep it in data/releases/, list it and rebuild the database."""
    importer = importer_for(kind)
    options = {k: v for k, v in (options or {}).items() if v is not None}
    unknown = sorted(set(options) - set(importer.options))
    if unknown:
        raise DataFileError([Problem(f"--{unknown[0]}", None, None, f"is not used when loading {kind} files")])
    path = Path(path)
    try:
        data = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        raise DataFileError([Problem(str(path), None, None, "file not found")]) from None
    db_path = db_path or database_path()
    report = LoadReport(kind, path.name, sha256_of(data), dry_run)
    with folder_lock(data_dir):
        entries = read_manifest(data_dir)
        report.already_loaded = next((e for e in entries if e.sha256 == report.sha256), None)
        if report.already_loaded:
            return report
        started = time.perf_counter()
        ensure_database(data_dir, db_path)
        con = open_read_only(db_path)
        try:
            known = frozenset(row[0] for row in con.execute("SELECT source_id FROM source").fetchall())
            new_source = _new_source(source, importer, known)
            report.source_id = new_source["source_id"] if new_source else source.source_id
            if report.source_id is None and importer.needs_source:
                raise DataFileError(
                    [
                        Problem(
                            "--source",
                            None,
                            None,
                            "name the source of this file: --source ID for a source already held, or --publisher and "
                            "--title (with --url and --published) to record a new one",
                        )
                    ]
                )
            reference = Reference(con, extra_source_ids=(report.source_id,) if new_source else ())
            context = ReadContext(path.name, reference, report.source_id, options, progress)
            release = importer.read(path, context)
            report.source_id = report.source_id or _row_source(release.rows, path.name)
            report.row_count, report.column_map, report.warnings = release.row_count, release.column_map, release.warnings
            new_tiers = {new_source["source_id"]: new_source["tier"]} if new_source else None
            report.changes = preview_changes(con, importer, release.rows, new_tiers)
        finally:
            con.close()
        report.check_seconds = time.perf_counter() - started
        if dry_run:
            return report
        entry = ManifestEntry(
            load_id=max((e.load_id for e in entries), default=0) + 1,
            kind=kind,
            file_name=path.name,
            stored_path=f"releases/{kind}/{report.sha256[:12]}-{_safe_name(path.name)}",
            sha256=report.sha256,
            row_count=release.row_count,
            loaded_at=datetime.now().replace(microsecond=0),
            source_id=report.source_id,
            options=options,
            warnings=tuple(report.warnings),
        )
        started = time.perf_counter()
        _store_and_rebuild(data_dir, db_path, data, entry, new_source)
        report.build_seconds = time.perf_counter() - started
        report.load_id, report.stored_path, report.source_created = entry.load_id, entry.stored_path, new_source is not None
    return report


def _store_and_rebuild(
    data_dir: Path, db_path: Path, data: bytes, entry: ManifestEntry, new_source: dict[str, Any] | None
) -> None:
    """Copy, then (new source), then manifest row: the manifest is the commit point; undo all if the build fails."""
    stored = data_dir / entry.stored_path
    touched = [manifest_path(data_dir)] + ([sources_path(data_dir)] if new_source else [])
    saved = {p: (p.read_bytes(), p.stat()) if p.exists() else None for p in touched}
    created_dirs = [d for d in (stored.parent.parent, stored.parent) if not d.exists()]
    try:
        write_atomically(stored, data)
        if new_source:
            write_atomically(sources_path(data_dir), _appended(sources_path(data_dir), TABLES["source"].column_names, new_source))
        write_atomically(manifest_path(data_dir), _appended(manifest_path(data_dir), MANIFEST.column_names, entry.as_record()))
        build_database(data_dir, db_path)
    except BaseException:
        for p, kept in saved.items():
            if kept is None:
                p.unlink(missing_ok=True)
            else:
                write_atomically(p, kept[0])
                # Put the old times back, so the database is not thought older than its sources.
                os.utime(p, ns=(kept[1].st_atime_ns, kept[1].st_mtime_ns))
        stored.unlink(missing_ok=True)
        for directory in reversed(created_dirs):
            with contextlib.suppress(OSError):
                directory.rmdir()
        raise

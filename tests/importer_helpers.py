"""Shared by the importer and 'About the data' tests: a writable data folder ready for loads, and snapshots."""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

import duckdb

from dashboard.store.build import build_database

IMPORTS = Path(__file__).parent / "fixtures" / "imports"

# What the importer fixtures need beyond tests/fixtures/data: Police Scotland, a Welsh force, and the
# measures the 999 and ONS files are stored as (synthetic definitions).
EXTRA_FORCES = (
    "police-scotland,Police Scotland,Police Scotland,outside_england_and_wales,,,\n"
    "south-wales,South Wales Police,South Wales,force,W15000003,Wales,Wales\n"
)
EXTRA_METRICS = "".join(
    f"{metric_id},{name},{unit},,,,{name} (test definition),Test,responding,test-inspectorate\n"
    for metric_id, name, unit in (
        ("calls_999_answered_10s", "999 calls answered within 10 seconds (number)", "calls"),
        ("calls_999_answered_10_60s", "999 calls answered in 10 to 60 seconds (number)", "calls"),
        ("pct_999_answered_10_60s", "999 calls answered in 10 to 60 seconds", "percent"),
        ("calls_999_answered_over_60s", "999 calls answered after more than 60 seconds (number)", "calls"),
        ("pct_999_answered_over_60s", "999 calls answered after more than 60 seconds", "percent"),
        ("mean_999_answer_seconds", "Mean 999 answer time", "seconds"),
        ("recorded_crime_total", "Police recorded crime (total)", "crimes"),
        ("recorded_robbery", "Recorded robbery offences", "offences"),
        ("recorded_sexual_offences", "Recorded sexual offences", "offences"),
    )
)
NEW_999_SOURCE = {
    "publisher": "Test Home Office (police.uk)",
    "title": "999 call answering data (synthetic)",
    "url": "https://example.org/999",
    "published": "2024-06-20",
}


def prepare(data_dir: Path, db_path: Path) -> None:
    """Add the extra forces and metrics to a copy of the fixture data, and build its database."""
    with (data_dir / "forces.csv").open("a", encoding="utf-8") as handle:
        handle.write(EXTRA_FORCES)
    with (data_dir / "metrics.csv").open("a", encoding="utf-8") as handle:
        handle.write(EXTRA_METRICS)
    build_database(data_dir, db_path)


def load_first_999_release(data_dir: Path, db_path: Path) -> None:
    """Prepare the fixture data, then load the synthetic police.uk 999 file (April and May 2024) as a new source."""
    from dashboard.store.importers.load import SourceSpec, load_file

    prepare(data_dir, db_path)
    load_file(
        IMPORTS / "police_uk_999_2024.csv", "police-uk-999", SourceSpec(**NEW_999_SOURCE), data_dir=data_dir, db_path=db_path
    )


def digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def snapshot(data_dir: Path, db_path: Path) -> dict:
    """Everything a load could change: the database file, every file under data/, and what queries return."""
    files = {str(p.relative_to(data_dir)): digest(p) for p in sorted(data_dir.rglob("*")) if p.is_file()}
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        queries = {
            table: con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
            for table in ("observation", "observation_history", "load_log", "grade", "grade_history", "finding", "source")
        }
    finally:
        con.close()
    return {"database": digest(db_path), "files": files, "queries": queries}


# --- Hostile workbooks, made from the good ONS fixture ---------------------------------------------------------

ONS_WORKBOOK = IMPORTS / "ons_pfa_2024.xlsx"
TABLE_P1 = "xl/worksheets/sheet3.xml"


def rewritten(target: Path, part: str, change) -> Path:
    """The good workbook with one part changed, recompressed as tightly as zip allows."""
    with zipfile.ZipFile(ONS_WORKBOOK) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in original.infolist():
            data = original.read(info.filename)
            out.writestr(info.filename, change(data) if info.filename == part else data)
    return target


def with_first_text(extra: bytes):
    """Append to the first cell's text (the title, which the period is read from, so the rest still loads)."""
    return lambda xml: re.sub(rb"<t>([^<]*)</t>", lambda m: b"<t>" + m[1] + extra + b"</t>", xml, count=1)


def billion_laughs(levels: int = 5):
    entities = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, levels + 1))

    def change(xml: bytes) -> bytes:
        root = re.search(rb"<(\w+)", xml)[1]
        xml = xml.replace(b"<" + root, f"<!DOCTYPE {root.decode()} [{entities}]><".encode() + root, 1)
        return (
            with_first_text(f"&l{levels};".encode())(xml)
            if b"<t>" in xml
            else xml.replace(b"<sheets>", f"<sheets>&l{levels};".encode())
        )

    return change

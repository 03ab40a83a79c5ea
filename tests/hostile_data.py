"""A copy of data/ in which every text column a page shows holds hostile content, for the escaping tests.

The hostile words are added after each value (so names stay unique, units keep their meaning and periods still match
across places), and are ones the build accepts: tags with event handlers, an iframe, a style and a script, markdown
images and links to javascript: and data: addresses, LaTeX, Streamlit's shortcodes. Addresses cannot be hostile here:
the build rejects them (tests/test_web_address.py). The feed catalogue and log get the same treatment.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from dashboard.store.build import build_database
from dashboard.store.feeds import CATALOGUE, LOG
from dashboard.store.paths import DATA_DIR
from dashboard.store.tables import TABLES, Column, Table
from tests.importer_helpers import IMPORTS

# What a script in the data would set; a test reads window.__pwned and expects undefined.
PWNED = "__pwned"
# An address nothing answers on, so a request the page should never make fails at once rather than hangs.
ELSEWHERE = "127.0.0.2"
ICON = "skull"  # a Material icon no page uses, so an icon drawn from the data can be told apart
PAYLOAD = (
    f"<img src=x onerror=\"window.{PWNED}='img'\"> "
    f'<iframe src="//{ELSEWHERE}/frame"></iframe> '
    "<style>*{display:none}</style> "
    f"<script>window.{PWNED}='script'</script> "
    f'<a href="//{ELSEWHERE}/link">link</a> '
    f"![x](//{ELSEWHERE}/p.gif) "
    f"[js](javascript:window.{PWNED}='js') "
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) "
    f"$x$ :material/{ICON}: :streamlit: :smile: www.evil.invalid pwn@evil.invalid **bold**"
)
# Public text (tables.Column.public) may not hold a web address, so only other columns get these too.
WITH_ADDRESSES = f" <http://{ELSEWHERE}/auto> http://{ELSEWHERE}/bare"
# The start of the payload, as a visitor must read it wherever data text is shown.
VISIBLE = f"<img src=x onerror=\"window.{PWNED}='img'\">"

# Text columns that hold no words a page shows: identifiers, codes, a publication month written as text and read as
# a date, and back-office notes that never leave the CSV files.
NOT_SHOWN = {"pfa_code", "published", "curation_note", "theme_id", "area_id", "corroborating_source_ids"}


def is_shown_text(table: Table, column: Column) -> bool:
    """A free-text column whose words reach a page: text, not limited to a list, not an id or reference."""
    return (
        column.kind == "text"
        and column.allowed is None
        and column.references is None
        and column.name not in table.key
        and not column.name.endswith("_id")
        and column.name not in NOT_SHOWN
    )


def hostile_columns(tables: list[Table] | None = None) -> dict[str, list[str]]:
    """Table name -> the columns given hostile words."""
    chosen = tables if tables is not None else [*TABLES.values(), CATALOGUE]
    return {t.name: [c.name for c in t.columns if is_shown_text(t, c)] for t in chosen}


def _hostile(value: str, column: Column) -> str:
    return f"{value} {PAYLOAD}" + ("" if column.public else WITH_ADDRESSES)


def _rewrite(path: Path, table: Table, fill_empty: tuple[str, ...] = ("owner", "public_note")) -> None:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    columns = [c for c in table.columns if c.name in fields and is_shown_text(table, c)]
    for row in rows:
        for column in columns:
            if row[column.name] or column.name in fill_empty:
                row[column.name] = _hostile(row[column.name], column)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def make_hostile_data(target: Path) -> Path:
    """data/ copied to `target` with hostile words in every shown text column, the feed log included."""
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("build", "curation", "templates"))
    for table in TABLES.values():
        path = target / table.file_name
        if path.exists():
            _rewrite(path, table)
    _rewrite(target / CATALOGUE.file_name, CATALOGUE)
    first_feed = next(csv.DictReader((target / CATALOGUE.file_name).open(encoding="utf-8")))["feed_id"]
    with (target / LOG.file_name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=LOG.column_names)
        writer.writeheader()
        writer.writerow({"checked_at": "2026-12-01T06:30:00", "feed_id": first_feed, "outcome": "rejected", "message": PAYLOAD})
    return target


def load_hostile_release(data: Path, database: Path, folder: Path) -> None:
    """A release loaded as an operator would, under a hostile file name and citing a new source with hostile words, so
    that the load log, the revised figures and the sources list hold them too (a file name holds no '/')."""
    from dashboard.store.importers.load import SourceSpec, load_file

    release = folder / f"{VISIBLE} $x$ :smile:.csv"
    shutil.copy(IMPORTS / "police_uk_999_2024.csv", release)
    source = SourceSpec(
        publisher=f"Home Office {PAYLOAD}",
        title=f"999 call answering data {PAYLOAD}",
        url="https://example.org/999",
        published="2024-06-20",
        tier="primary",
    )
    load_file(release, "police-uk-999", source, data_dir=data, db_path=database)


def build_hostile_database(folder: Path) -> tuple[Path, Path]:
    """(data folder, database) built from the hostile copy of data/ and one hostile release; the build must accept
    every hostile value."""
    data = make_hostile_data(folder / "data")
    database = folder / "hostile.duckdb"
    build_database(data, database)
    load_hostile_release(data, database, folder)
    return data, database

"""The whole database as a versioned open-data package: every table as CSV and Parquet, and a datapackage.json.

The package follows the Frictionless Data Package standard (table schemas with types and descriptions,
sources, licence), so anyone can check it with `frictionless validate`. Its version is the database's
build id: the same data gives the same version. Pure of Streamlit; the About page offers the zip.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.store.db import open_read_only
from dashboard.store.paths import SCHEMA_PATH

NAME = "policing-accountability-dashboard"
OGL = {
    "name": "OGL-UK-3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    "title": "Open Government Licence v3.0",
}
# Columns that never leave the curated CSVs and the database (data/README.md, "Public notes and curation notes"):
# the research notes behind a row, for maintainers. Left out of every table, the dictionary and the schema.
NEVER_PUBLISHED = frozenset({"curation_note"})
# The package is for machines first (Frictionless schema, Parquet twin): its CSVs hold every value exactly as
# published, so a text cell starting with = + - @ is NOT prefixed with a quote as the visitors' CSV downloads
# are (dashboard/common/spreadsheet.py): a quote would change the data for the programs it is made for and part
# the CSV from the Parquet. Anyone opening it in a spreadsheet is told, in the descriptor, to import the columns
# as text; the dashboard's own "Download ... (CSV)" buttons are the files meant for spreadsheets.
_SPREADSHEET_ADVICE = (
    " The CSV files hold every value exactly as published: to open one in a spreadsheet, import it (Data, From "
    "Text/CSV) with the text columns as text rather than opening it directly, since a cell starting with =, +, - or @ "
    "may otherwise be read as a formula."
)
_TYPES = {
    "VARCHAR": "string",
    "INTEGER": "integer",
    "BIGINT": "integer",
    "DOUBLE": "number",
    "DATE": "date",
    "TIMESTAMP": "datetime",
    "BOOLEAN": "boolean",
}
# Columns without a comment in data/schema.sql, described once here.
_COMMON = {
    "force_id": "The police force or place (see the force table), as a URL slug of its short name.",
    "source_id": "The publication this row comes from (see the source table).",
    "metric_id": "The measure (see the metric table).",
    "cycle_id": "The PEEL inspection cycle (see the cycle table).",
    "area_id": "The PEEL area within its cycle (see the peel_area table).",
    "period_start": "First day of the period the figure covers.",
    "period_end": "Last day of the period the figure covers.",
    "period_label": "The period in words, as shown on the dashboard.",
    "value": "The figure as published, in the metric's unit.",
    "numerator": "The count the figure is a share of, where published.",
    "denominator": "The total the figure is a share of, where published.",
    "ci_half_width": "Half the width of the published confidence interval, where the figure is an estimate.",
    "note": "Notes on this row, in words.",
    "name": "Name in full.",
    "short_name": "Short name, as shown on the dashboard.",
    "grade": "The inspection grade in words.",
    "load_id": "The official release load that wrote this row (see the load_log table).",
    "superseded_by_load_id": "The later load that replaced this row.",
    "theme_id": "The theme that matches areas and measures across cycles.",
}
_TABLE_DESCRIPTIONS = {
    "source": "Every publication a grade or figure comes from: publisher, title, address, date, tier, status, licence.",
    "force": "The 43 territorial police forces of England and Wales, and the other places figures are given for.",
    "force_alias": "Other spellings of force names met in published files.",
    "grade_scale": "The PEEL grades in order.",
    "cycle": "PEEL inspection cycles and the inspectorate's warning about comparing them.",
    "peel_area": "The areas graded in each PEEL cycle.",
    "grade": "PEEL grades by force, cycle and area, with their sources.",
    "grade_count": "Counts of areas at each grade where only counts were published.",
    "finding": "Inspection findings: causes of concern, areas for improvement, innovative practice.",
    "metric": "Every measure: name, unit, definition, standard and publisher.",
    "load_log": "Every official release loaded, with its SHA-256 fingerprint.",
    "observation": "Published figures by place, measure and period, each with its source.",
    "observation_history": "Figures replaced by a later release, kept for the record.",
    "grade_history": "Grades replaced by a later file, kept for the record.",
    "finding_history": "Findings replaced by a later file, kept for the record.",
    "peer_group": "Groups of similar forces, as published.",
    "improvement_action": "The improvement tracker: one row per update on a cause of concern or area for improvement.",
    "improvement_action_history": "Tracker updates replaced by a later load.",
    "timeline_event": "Dated events of an inspection and what followed.",
    "build_info": "When this database was built and its build id (the package version).",
}


@dataclass(frozen=True)
class Package:
    version: str
    folder: Path
    zip_path: Path
    row_counts: dict[str, int]
    dictionary: pd.DataFrame  # every column of every table, as written to data-dictionary.csv


def schema_comments(schema_sql: str | None = None) -> dict[tuple[str, str], str]:
    """(table, column) → the comment written beside the column in data/schema.sql."""
    text = schema_sql if schema_sql is not None else SCHEMA_PATH.read_text(encoding="utf-8")
    comments, table = {}, None
    for line in text.splitlines():
        if m := re.match(r"CREATE TABLE (\w+)", line):
            table = m[1]
        elif table and (m := re.match(r"\s+(\w+)\s+[A-Z]+.*?--\s*(.+)$", line)):
            comments[(table, m[1])] = m[2].strip()
    return comments


def data_dictionary(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per table and column: its type in the package and what it holds."""
    comments = schema_comments()
    rows = con.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'main' AND column_name NOT IN (SELECT unnest($never)) ORDER BY table_name, ordinal_position",
        {"never": sorted(NEVER_PUBLISHED)},
    ).fetchall()
    return pd.DataFrame(
        [
            {
                "Table": table,
                "Column": column,
                "Type": _TYPES.get(kind, "string"),
                "Description": comments.get((table, column))
                or _COMMON.get(column)
                or column.replace("_", " ").capitalize() + ".",
            }
            for table, column, kind in rows
        ]
    )


def export_package(db_path: Path, out: Path) -> Package:
    """Write out/<tables as CSV and Parquet>, out/datapackage.json and out.zip beside it; return what was written."""
    if out.exists():
        shutil.rmtree(out)
    (out / "csv").mkdir(parents=True)
    (out / "parquet").mkdir()
    con = open_read_only(db_path)
    try:
        version, built_at = con.execute("SELECT build_id, built_at FROM build_info").fetchone()
        dictionary = data_dictionary(con)
        tables = list(dict.fromkeys(dictionary["Table"]))
        counts = {}
        for table in tables:
            # Table and column names come from the database's own catalogue, never from input.
            counts[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            published = ", ".join(f'"{c}"' for c in dictionary.loc[dictionary["Table"] == table, "Column"])
            rows = f"(SELECT {published} FROM {table})"
            con.execute(
                f"COPY {rows} TO '{out / 'csv' / (table + '.csv')}' (HEADER, DELIMITER ',', TIMESTAMPFORMAT '%Y-%m-%dT%H:%M:%S')"
            )
            con.execute(f"COPY {rows} TO '{out / 'parquet' / (table + '.parquet')}' (FORMAT parquet)")
        sources = con.execute("SELECT title, url, publisher FROM source ORDER BY publisher, title").fetchall()
    finally:
        con.close()
    descriptor = {
        "name": NAME,
        "title": "Policing accountability dashboard: open data",
        "description": "Every table behind the dashboard: PEEL grades from HMICFRS and published performance figures for the "
        "police forces of England and Wales, each row with its source. Content from HMICFRS, ONS, the Home Office and "
        "police.uk is under the Open Government Licence v3.0; news and PCC sources are cited for the facts they report."
        + _SPREADSHEET_ADVICE,
        "version": version,
        "created": built_at.isoformat(timespec="seconds"),
        "licenses": [OGL],
        "sources": [{"title": f"{publisher}: {title}", **({"path": url} if url else {})} for title, url, publisher in sources],
        "resources": [_resource(table, dictionary[dictionary["Table"] == table]) for table in tables],
    }
    (out / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    dictionary.to_csv(out / "data-dictionary.csv", index=False)
    zip_path = out.with_name(f"{NAME}-open-data-{version}.zip")
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(out.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(out))
    return Package(version, out, zip_path, counts, dictionary)


def _resource(table: str, columns: pd.DataFrame) -> dict:
    return {
        "name": table.replace("_", "-"),
        "path": f"csv/{table}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": _TABLE_DESCRIPTIONS.get(table, table.replace("_", " ").capitalize() + "."),
        "parquet": f"parquet/{table}.parquet",  # the same rows as Parquet, with the database's own types
        "schema": {
            "fields": [
                {"name": row.Column, "type": row.Type, "description": row.Description} for row in columns.itertuples(index=False)
            ]
        },
    }

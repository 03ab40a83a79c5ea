"""The curated data files, what each column must hold, and the validation that enforces it.

Every problem is reported with the file, the row (as a spreadsheet would number it, header = row 1)
and the column, so whoever maintains a file can find and fix it.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from dashboard.store.public_text import public_text_problems, title_problem
from dashboard.store.web_address import web_address_problem

GRADES = ("Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate", "Not graded", "Not known")
MAX_PROBLEMS = 50


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class DataFileError(Exception):
    """A data file was rejected; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:MAX_PROBLEMS])
        more = f"\n  … and {len(problems) - MAX_PROBLEMS} more" if len(problems) > MAX_PROBLEMS else ""
        super().__init__(f"Rejected: {len(problems)} problem(s), nothing was changed.\n{shown}{more}")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"  # text | integer | number | date | boolean | address (a web address that may become a link)
    required: bool = True
    allowed: tuple[str, ...] | None = None
    references: str | None = None  # name of the table whose key this column must match
    many: bool = False  # several ids separated by ';' (each must match)
    public: bool = False  # shown on pages: must read as plain words (dashboard.store.public_text)
    quoted: bool = False  # a publisher's own words (a title, a name): its shorthand is kept, the glossary explains it
    check: Callable[[str], str | None] | None = None  # returns what is wrong with a value, or None
    may_be_absent: bool = False  # a later addition that older files and templates may leave out of the header


@dataclass(frozen=True)
class Table:
    name: str  # database table
    file_name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    optional_file: bool = False
    derived: dict[str, Any] = field(default_factory=dict)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _parse(value: str, column: Column) -> Any:
    """Turn one cell into a Python value, or raise ValueError with what was expected."""
    if column.kind == "text":
        if column.allowed is not None and value not in column.allowed:
            raise ValueError(f"'{value}' is not one of: {', '.join(column.allowed)}")
        return value
    if column.kind == "integer":
        try:
            return int(value.replace(",", ""))
        except ValueError:
            raise ValueError(f"expected a whole number, found '{value}'") from None
    if column.kind == "number":
        try:
            return float(value.replace(",", ""))
        except ValueError:
            hint = " (write the number without a % sign)" if value.endswith("%") else ""
            raise ValueError(f"expected a number, found '{value}'{hint}") from None
    if column.kind == "date":
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"expected a date as YYYY-MM-DD, found '{value}'") from None
    if column.kind == "address":
        wrong = web_address_problem(value)
        if wrong:
            raise ValueError(wrong)
        return value
    if column.kind == "boolean":
        lowered = value.lower()
        if lowered in ("true", "yes"):
            return True
        if lowered in ("false", "no"):
            return False
        raise ValueError(f"expected true or false, found '{value}'")
    raise AssertionError(f"unknown column kind {column.kind}")


def read_table(path: Path, table: Table, display_name: str | None = None) -> list[dict[str, Any]]:
    """Read and check one CSV file against its table; raise DataFileError listing every problem."""
    shown = display_name or path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataFileError(
            [Problem(shown, None, None, f"is not UTF-8 text (byte {error.start}); save it as CSV UTF-8")]
        ) from None
    except FileNotFoundError:
        raise DataFileError([Problem(shown, None, None, "file not found")]) from None
    reader = csv.DictReader(text.splitlines())
    header = reader.fieldnames or []
    problems: list[Problem] = []
    if not header:
        raise DataFileError([Problem(shown, 1, None, "the file is empty; expected a header row")])
    missing = [c.name for c in table.columns if c.name not in header and not c.may_be_absent]
    unknown = [h for h in header if h not in table.column_names]
    for name in missing:
        problems.append(Problem(shown, 1, name, "required column is missing from the header"))
    for name in unknown:
        problems.append(Problem(shown, 1, name, f"unknown column; expected only: {', '.join(table.column_names)}"))
    if problems:
        raise DataFileError(problems)

    rows: list[dict[str, Any]] = []
    seen: dict[tuple, int] = {}
    for record in reader:
        line = reader.line_num
        if None in record:
            problems.append(Problem(shown, line, None, "this row has more cells than the header"))
            continue
        parsed: dict[str, Any] = {}
        for column in table.columns:
            raw = (record.get(column.name) or "").strip()
            if raw == "":
                if column.required:
                    problems.append(Problem(shown, line, column.name, "a value is required"))
                parsed[column.name] = None
                continue
            try:
                parsed[column.name] = _parse(raw, column)
            except ValueError as error:
                problems.append(Problem(shown, line, column.name, str(error)))
                continue
            wrong = column.check(raw) if column.check else None
            if wrong:
                problems.append(Problem(shown, line, column.name, wrong))
            found = public_text_problems(raw, column.quoted) if column.public else []
            if found:
                problems.append(
                    Problem(
                        shown,
                        line,
                        column.name,
                        "public text contains back-office wording or unexplained shorthand "
                        f"({', '.join(repr(f) for f in found[:3])}); "
                        "put research notes in curation_note, write the caveat in plain words, and write abbreviations "
                        "out or add them to the glossary (dashboard/store/public_text.py)",
                    )
                )
        if table.key and all(parsed.get(k) is not None or not _column(table, k).required for k in table.key):
            key = tuple(parsed.get(k) for k in table.key)
            if key in seen:
                problems.append(
                    Problem(shown, line, ", ".join(table.key), f"duplicate of row {seen[key]} ({', '.join(str(k) for k in key)})")
                )
            else:
                seen[key] = line
        parsed["_row"] = line
        rows.append(parsed)
        if len(problems) > MAX_PROBLEMS:
            break
    if problems:
        raise DataFileError(problems)
    return rows


def _column(table: Table, name: str) -> Column:
    return next(c for c in table.columns if c.name == name)


def check_references(loaded: dict[str, list[dict[str, Any]]], tables: dict[str, Table], keys: dict[str, set]) -> list[Problem]:
    """Every column that names another table's row must name one that exists."""
    problems = []
    for name, rows in loaded.items():
        table = tables[name]
        for column in table.columns:
            if column.references is None:
                continue
            valid = keys[column.references]
            for row in rows:
                value = row.get(column.name)
                values = [v.strip() for v in value.split(";") if v.strip()] if column.many and value else [value]
                for value in values:
                    if value is None or value in valid:
                        continue
                    problems.append(
                        Problem(
                            f"data/{table.file_name}",
                            row["_row"],
                            column.name,
                            f"'{value}' is not a known {column.references} id",
                        )
                    )
    return problems


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "source",
            "sources.csv",
            (
                Column("source_id"),
                Column("publisher", public=True, quoted=True),
                Column("title", check=title_problem, public=True, quoted=True),
                # 'title': the publisher's own title (shown in quotation marks); 'description': ours (never quoted).
                # Sources recorded by a load may leave it out; they are shown as descriptions.
                Column("title_kind", required=False, allowed=("title", "description"), may_be_absent=True),
                Column("url", "address", required=False),
                Column("published", "date", required=False),
                Column("tier", allowed=("primary", "secondary")),
                Column("status", public=True),
                Column("licence", public=True),
                Column("public_note", required=False, public=True),
                Column("curation_note", required=False, may_be_absent=True),
            ),
            key=("source_id",),
        ),
        Table(
            "force",
            "forces.csv",
            (
                Column("force_id"),
                Column("name", public=True),
                Column("short_name", public=True),
                Column("kind", allowed=("force", "england_and_wales", "united_kingdom", "outside_england_and_wales")),
                Column("pfa_code", required=False),
                Column("region", required=False, public=True),
                Column("country", required=False, allowed=("England", "Wales"), public=True),
            ),
            key=("force_id",),
        ),
        Table("force_alias", "force_aliases.csv", (Column("alias"), Column("force_id", references="force")), key=("alias",)),
        Table(
            "cycle",
            "cycles.csv",
            (Column("cycle_id"), Column("name", public=True), Column("comparability_note", public=True)),
            key=("cycle_id",),
        ),
        Table(
            "peel_area",
            "areas.csv",
            (
                Column("cycle_id", references="cycle"),
                Column("area_id"),
                Column("name", public=True),
                Column("short_name", public=True),
                Column("theme_id"),
                Column("sort_order", "integer"),
            ),
            key=("cycle_id", "area_id"),
        ),
        Table(
            "grade",
            "grades.csv",
            (
                Column("force_id", references="force"),
                Column("cycle_id", references="cycle"),
                Column("area_id"),
                Column("grade", allowed=GRADES, public=True),
                Column("evidence", allowed=("stated", "derived", "probable only", "not found")),
                Column("published", "date", required=False),
                Column("source_id", required=False, references="source"),
                Column("corroborating_source_ids", required=False, references="source", many=True, may_be_absent=True),
                Column("public_note", required=False, public=True),
                Column("curation_note", required=False, may_be_absent=True),
            ),
            key=("force_id", "cycle_id", "area_id"),
        ),
        Table(
            "grade_count",
            "grade_counts.csv",
            (
                Column("force_id", references="force"),
                Column("cycle_id", references="cycle"),
                Column("grade", allowed=GRADES[:5], public=True),
                Column("area_count", "integer"),
                Column("graded_areas", "integer"),
                Column("published", required=False),
                Column("source_id", references="source"),
                Column("public_note", required=False, public=True),
                Column("curation_note", required=False, may_be_absent=True),
            ),
            key=("force_id", "cycle_id", "grade"),
        ),
        Table(
            "finding",
            "findings.csv",
            (
                Column("finding_id"),
                Column("force_id", references="force"),
                Column("cycle_id", references="cycle"),
                Column("area_id", required=False),
                Column("kind", allowed=("cause_of_concern", "area_for_improvement", "innovative_practice", "promising_practice")),
                Column("summary", public=True),
                Column("source_id", references="source"),
                Column("curation_note", required=False, may_be_absent=True),
            ),
            key=("finding_id",),
        ),
        Table(
            "metric",
            "metrics.csv",
            (
                Column("metric_id"),
                Column("name", public=True),
                Column("unit", public=True),
                Column("higher_is_better", "boolean", required=False),
                Column("standard_value", "number", required=False),
                Column("standard_text", required=False, public=True),
                Column("definition", public=True),
                Column("publisher", required=False, public=True, quoted=True),
                Column("theme_id", required=False),
                Column("source_id", references="source"),
                Column("curation_note", required=False, may_be_absent=True),
            ),
            key=("metric_id",),
        ),
        Table(
            "observation",
            "observations.csv",
            (
                Column("force_id", references="force"),
                Column("metric_id", references="metric"),
                Column("period_start", "date", required=False),
                Column("period_end", "date", required=False),
                Column("period_label", required=False, public=True),
                Column("value", "number"),
                Column("numerator", "number", required=False),
                Column("denominator", "number", required=False),
                Column("ci_half_width", "number", required=False),
                Column("source_id", references="source"),
                Column("public_note", required=False, public=True),
                Column("curation_note", required=False, may_be_absent=True),
            ),
        ),
        Table(
            "peer_group",
            "peer_groups.csv",
            (
                Column("group_id"),
                Column("force_id", references="force"),
                Column("member_force_id", references="force"),
                Column("name", public=True),
                Column("source_id", references="source"),
            ),
            key=("group_id", "member_force_id"),
        ),
        # Holding to account: one row per update to an action (the PCC's office appends a row per
        # update), so the status on any past date can be shown; see dashboard/holding/model/tracker.py.
        Table(
            "improvement_action",
            "improvement_actions.csv",
            (
                Column("action_id"),
                Column("force_id", references="force"),
                Column("cycle_id", references="cycle"),
                Column("finding_id", references="finding"),
                Column("item", public=True),
                Column(
                    "status", allowed=("open", "in progress", "evidence submitted", "closed by the inspectorate"), public=True
                ),
                Column("owner", required=False, public=True),
                Column("target_date", "date", required=False),
                Column("update_date", "date"),
                Column("update_summary", public=True),
                Column("evidence_url", "address", required=False),
                Column("source_id", references="source"),
            ),
            key=("action_id", "update_date"),
        ),
        Table(
            "timeline_event",
            "timeline_events.csv",
            (
                Column("event_id"),
                Column("force_id", references="force"),
                Column("cycle_id", references="cycle"),
                Column(
                    "kind",
                    allowed=(
                        "fieldwork",
                        "publication",
                        "response",
                        "meeting",
                        "progress_update",
                        "closure",
                        "formal_response",
                        "action_plan",
                        "findings_list",
                        "return_visit",
                        "peer_review",
                    ),
                ),
                Column("title", public=True),
                Column("status", allowed=("happened", "scheduled", "not found"), public=True),
                Column("event_date", "date", required=False),
                Column("end_date", "date", required=False),
                Column("date_precision", required=False, allowed=("day", "month")),
                Column("detail", public=True),
                Column("source_id", references="source"),
            ),
            key=("event_id",),
        ),
    )
}


def insert_rows(
    con: duckdb.DuckDBPyConnection, table: Table, rows: list[dict[str, Any]], extra: dict[str, Any] | None = None
) -> None:
    if not rows:
        return
    columns = [c for c in table.column_names if c in rows[0]] + list(extra or {})
    frame = pd.DataFrame([{**{c: r.get(c) for c in columns}, **(extra or {})} for r in rows], columns=columns)
    con.register("incoming_rows", frame)
    try:
        column_list = ", ".join(columns)
        # Identifiers here come from the fixed TABLES catalogue, never from input.
        con.execute(f"INSERT INTO {table.name} ({column_list}) SELECT {column_list} FROM incoming_rows")
    finally:
        con.unregister("incoming_rows")

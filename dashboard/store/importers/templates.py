"""The CSV templates the PCC's office fills in (data/templates/): grades, findings and long-format observations.

Each template has exactly the columns of the matching curated file, so it is checked by the same
rules (dashboard/store/tables.py). A force may be written as its id, its name or a known alias.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from dashboard.store.checks import label_observations
from dashboard.store.importers.base import Importer, ReadContext, Reference, Release, register
from dashboard.store.tables import TABLES, DataFileError, Problem, read_table

Check = Callable[[list[dict[str, Any]], str, Reference], list[Problem]]


def _known(reference: Reference, table: str) -> frozenset | None:
    """The ids a column that refers to `table` may hold; None where nothing is checked here."""
    return {
        "source": reference.source_ids,
        "metric": reference.metric_ids,
        "cycle": reference.cycle_ids,
    }.get(table)


def check_references(rows: list[dict[str, Any]], table_name: str, shown: str, reference: Reference) -> list[Problem]:
    """Force names become ids; every other id a column refers to must exist."""
    problems = []
    for column in TABLES[table_name].columns:
        if column.references is None:
            continue
        for row in rows:
            value = row.get(column.name)
            if value is None:
                continue
            if column.references == "force":
                force_id = reference.resolve_force(value)
                if force_id is None:
                    problems.append(Problem(shown, row["_row"], column.name, f"'{value}' is not a police force we know"))
                row[column.name] = force_id
                continue
            known = _known(reference, column.references)
            if known is not None and value not in known:
                problems.append(Problem(shown, row["_row"], column.name, f"'{value}' is not a known {column.references} id"))
    return problems


def check_grades(rows: list[dict[str, Any]], shown: str, reference: Reference) -> list[Problem]:
    """The same rules as data/grades.csv: a real area of the cycle; 'Not known' only with weak evidence."""
    problems = []
    for row in rows:
        if row["cycle_id"] in reference.cycle_ids and (row["cycle_id"], row["area_id"]) not in reference.areas:
            problems.append(
                Problem(shown, row["_row"], "area_id", f"'{row['area_id']}' is not an area of the {row['cycle_id']} cycle")
            )
        if row["grade"] != "Not known" and row["source_id"] is None:
            problems.append(Problem(shown, row["_row"], "source_id", f"a {row['grade']} grade needs a source"))
        if (row["grade"] == "Not known") != (row["evidence"] in ("probable only", "not found")):
            problems.append(
                Problem(
                    shown,
                    row["_row"],
                    "evidence",
                    "only 'probable only' or 'not found' evidence may go with 'Not known', and only with it",
                )
            )
    return problems


def check_findings(rows: list[dict[str, Any]], shown: str, reference: Reference) -> list[Problem]:
    return [
        Problem(shown, row["_row"], "area_id", f"'{row['area_id']}' is not an area of the {row['cycle_id']} cycle")
        for row in rows
        if row["area_id"] is not None
        and row["cycle_id"] in reference.cycle_ids
        and (row["cycle_id"], row["area_id"]) not in reference.areas
    ]


def check_observations(rows: list[dict[str, Any]], shown: str, reference: Reference) -> list[Problem]:
    """Period labels from the dates, as for data/observations.csv; one row per place, metric and period."""
    return label_observations(rows, shown)


def template_reader(table_name: str, check: Check | None = None) -> Callable[[Path, ReadContext], Release]:
    """A reader that validates a file against TABLES[table_name], resolves its references, then runs `check`."""
    table = TABLES[table_name]

    def read(path: Path, context: ReadContext) -> Release:
        rows = read_table(path, table, display_name=context.display_name)
        if not rows:
            raise DataFileError([Problem(context.display_name, 2, None, "the file has a header but no data rows")])
        problems = check_references(rows, table_name, context.display_name, context.reference)
        if not problems and check is not None:
            problems = check(rows, context.display_name, context.reference)
        if problems:
            raise DataFileError(problems)
        for done in range(1, len(rows) + 1, max(len(rows) // 10, 1)):
            context.progress(done, len(rows))
        for row in rows:
            row.pop("_row", None)
        return Release(rows, len(rows), [f"columns as in data/templates/{table.file_name}"])

    return read


def template_importer(
    kind: str,
    table_name: str,
    description: str,
    key: tuple[str, ...] | None = None,
    history_table: str | None = None,
    check: Check | None = None,
) -> Importer:
    """An importer for a CSV whose columns are exactly those of a curated table (see TABLES).

    This is how a new template joins `python -m dashboard load`: declare its table in TABLES and
    schema.sql, then `register(template_importer(...))` in a module imported by dashboard/store/importers/__init__.py.
    """
    table = TABLES[table_name]
    key = key or table.key
    compared = tuple(c for c in table.column_names if c not in key)
    return Importer(
        kind=kind,
        description=description,
        table=table_name,
        key=key,
        read=template_reader(table_name, check),
        compared=compared,
        history_table=history_table,
        needs_source=False,
    )


register(
    template_importer(
        "grades", "grade", "PEEL grades (template data/templates/grades.csv)", history_table="grade_history", check=check_grades
    )
)
register(
    template_importer(
        "findings",
        "finding",
        "Inspection findings: causes of concern, areas for improvement, practice (template data/templates/findings.csv)",
        history_table="finding_history",
        check=check_findings,
    )
)
register(
    template_importer(
        "observations",
        "observation",
        "Any figure in long format: force, metric, period, value, source (template data/templates/observations.csv)",
        key=("force_id", "metric_id", "period_label"),
        history_table="observation_history",
        check=check_observations,
    )
)

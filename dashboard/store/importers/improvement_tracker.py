"""The improvement-tracker template the PCC's office keeps (data/templates/improvement_actions.csv).

One row per update to an action; loading a file adds its updates, and a row with the same action
and update date as an earlier one replaces it (the earlier row is kept in improvement_action_history).
"""

from __future__ import annotations

from typing import Any

from dashboard.store.checks import check_actions
from dashboard.store.importers.base import Reference, register
from dashboard.store.importers.templates import template_importer
from dashboard.store.tables import Problem


def check_tracker(rows: list[dict[str, Any]], shown: str, reference: Reference) -> list[Problem]:
    """The curated file's rules, against the findings already in the database: each action answers a real finding."""
    columns = ("finding_id", "force_id", "cycle_id", "kind")
    findings = [dict(zip(columns, row)) for row in reference.con.execute(f"SELECT {', '.join(columns)} FROM finding").fetchall()]
    known = {finding["finding_id"] for finding in findings}
    problems = [
        Problem(shown, row["_row"], "finding_id", f"'{row['finding_id']}' is not a known finding id; load the finding first")
        for row in rows
        if row["finding_id"] not in known
    ]
    return problems + check_actions({"finding": findings, "improvement_action": rows}, shown)


register(
    template_importer(
        "improvement-tracker",
        "improvement_action",
        "Improvement tracker: one row per update to an action on a cause of concern or area for improvement "
        "(template data/templates/improvement_actions.csv)",
        history_table="improvement_action_history",
        check=check_tracker,
    )
)

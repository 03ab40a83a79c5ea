"""The overview's sentences and tables, built once per force and database (dashboard/common/cache.py) and shared.

Results are shared objects: treat them as read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.common.cache import built_once
from dashboard.common.catalogue import HEADLINE_METRICS
from dashboard.common.escape import Markdown, markdown, markdown_join
from dashboard.common.scale import EVIDENCE_LABEL, GRADE_ORDER
from dashboard.common.wording import GradeColumns, grade_column_text, grades_sentence, row_source, sources_frame
from dashboard.overview.model import FigureCard, figure_card_text, figure_in_brief, grades_in_brief
from queries import run_query


@dataclass(frozen=True)
class OverviewView:
    """What the overview shows for one force, beside the grade columns and figure cards it draws itself."""

    lead: Markdown  # the answer in two short lines, first on a phone's first screen
    summary_of_grades: str  # the latest grades in one sentence; for a force with none, what is and is not known
    grades_known: bool
    grades_source: Markdown | None  # the caption under the latest grades
    grades_table: pd.DataFrame
    earlier_known: bool
    counts_text: Markdown | None  # the previous cycle's grade counts, when only counts are known
    counts_note: str
    counts_source: Markdown
    missing: Markdown | None
    sources: pd.DataFrame  # as dashboard.web.widgets.sources_frame() shapes it
    latest_name: str
    previous_name: str
    previous_note: str  # why the previous cycle's grades cannot be compared with the latest
    grade_columns: GradeColumns
    earlier_columns: GradeColumns | None  # the previous cycle's columns, when any grade is known
    figure_cards: tuple[FigureCard, ...]
    file_name: str  # for the grades table's CSV


@built_once(maxsize=200)
def overview_view(force_id: str, force_name: str, force_short_name: str, today: date) -> OverviewView:
    """The overview's sentences and tables for one force, built once per process, database and day.

    A figure's age ("over two years old") is measured from today, so today is part of the key: a server left
    running does not keep yesterday's wording.
    """
    cycles = run_query("cycles")
    latest, previous = cycles.iloc[0], cycles.iloc[1]
    grades = run_query("force_grades", force_id=force_id, cycle_id=latest["cycle_id"])
    figures = run_query("latest_figures", force_id=force_id, metric_ids=list(HEADLINE_METRICS))
    graded = grades.dropna(subset=["source_title"])
    grades_source = None
    if not graded.empty:
        first = graded.iloc[0]
        grades_source = markdown("Source: {}", row_source(first))
    earlier = run_query("force_grades", force_id=force_id, cycle_id=previous["cycle_id"])
    counts = run_query("force_grade_counts", force_id=force_id, cycle_id=previous["cycle_id"])
    counts_text = counts_source = Markdown("")
    counts_note = ""
    if not counts.empty:
        listed = ", ".join(f"{row.area_count} {row.grade}" for row in counts.itertuples())
        counts_text = markdown("Across {} graded areas: **{}**.", counts["graded_areas"].iloc[0], listed)
        counts_note = counts["note"].iloc[0]
        first = counts.iloc[0]
        counts_source = markdown("Source: {}", row_source(first))
    metrics = run_query("metrics").set_index("metric_id")
    # A measure the database does not define is left out (the page used to fail here on such a database).
    held = set(figures["metric_id"])
    missing = [metrics.loc[m, "name"] for m in HEADLINE_METRICS if m not in held and m in metrics.index]
    earlier_known = bool(earlier["grade"].isin(GRADE_ORDER).any())
    return OverviewView(
        lead=markdown_join(
            [grades_in_brief(latest["name"], grades, force_short_name), figure_in_brief(figures, force_short_name, today)], "  \n"
        ),
        grades_known=bool(grades["grade"].isin(GRADE_ORDER).any()),
        summary_of_grades=grades_sentence(force_name, latest["name"], grades)
        + ("" if grades.empty else " The areas it inspected are listed in the table below, each as Not known."),
        grades_source=grades_source,
        grades_table=grades[["area_name", "grade", "evidence", "published"]]
        .assign(evidence=grades["evidence"].map(EVIDENCE_LABEL))
        .rename(columns={"area_name": "Area", "grade": "Grade", "evidence": "How we know", "published": "Published"}),
        earlier_known=earlier_known,
        counts_text=counts_text or None,
        counts_note=counts_note,
        counts_source=counts_source,
        missing=markdown(
            "**Not known for {}:** {}",
            force_short_name,
            "; ".join(missing) + ". We have not found a published figure we can cite, so none is shown.",
        )
        if missing
        else None,
        sources=sources_frame(pd.concat([grades, figures], ignore_index=True)),
        latest_name=latest["name"],
        previous_name=previous["name"],
        previous_note=previous["comparability_note"],
        grade_columns=grade_column_text(grades),
        earlier_columns=grade_column_text(earlier) if earlier_known else None,
        figure_cards=tuple(figure_card_text(figure, today) for _, figure in figures.iterrows()),
        file_name=f"{force_id}-{latest['cycle_id']}-grades.csv",
    )

"""Grade tables, sentences and charts, built once per choice and database (dashboard/common/cache.py) and shared.

The same cycle, force and group always give the same result, so reruns reuse it instead of reshaping
the data and rebuilding the figures. Results are shared objects: treat them as read-only.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.common.cache import built_once
from dashboard.common.escape import Markdown, markdown, markdown_join
from dashboard.common.scale import NOT_A_GRADE, NOT_A_GRADE_MEANING
from dashboard.common.wording import grades_sentence, small, sources_frame
from dashboard.grades.charts import grade_counts_chart, grade_heatmap
from dashboard.grades.model import (
    PEER_KINDS,
    AreaOptions,
    CycleChoice,
    PeerChoice,
    area_card_content,
    area_options,
    counts_only_sentence,
    counts_sentence,
    counts_table,
    coverage,
    cycles_side_by_side,
    cycles_tally_table,
    distribution_summary,
    distribution_table,
    finding_lines,
    findings_for_area,
    findings_markdown,
    findings_table,
    force_position,
    forces_by_grade,
    forces_by_grade_summary,
    grade_sources,
    grades_lead,
    grades_table,
    grid_as_list,
    is_known,
    matrix_summary,
    peer_description,
    peer_matrix,
    position_lead,
    position_summary,
    publication_label,
    resolve_cycle,
    resolve_peers,
    source_caption_text,
    sources_sentence,
    wide_matrix,
)
from dashboard.grades.scorecard import Scorecard, scorecard
from queries import run_query


@dataclass(frozen=True)
class GridView:
    """A force × area grid for one cycle: the figure, its sentence, the same as a table, and where the force sits."""

    matrix: pd.DataFrame
    figure: go.Figure
    summary: str
    table: pd.DataFrame
    position: pd.DataFrame
    position_summary: str
    counts_note: str
    as_list: Markdown  # the same grades as a list per area, shown instead of the grid on a phone


@dataclass(frozen=True)
class AreaList:
    """Every force's grade in one area, grouped by grade: its sentence and its table."""

    summary: str
    table: pd.DataFrame


@dataclass(frozen=True)
class NationalView:
    lead: str  # where the chosen force sits, first under the title
    grid: GridView
    coverage: str
    notes: Markdown  # the small print under the coverage line: sources, comparability, what the gaps mean
    sources: pd.DataFrame
    sources_sentence: str
    counts_figure: go.Figure
    counts_summary: str
    counts_table: pd.DataFrame
    areas: AreaOptions
    by_area: dict[str, AreaList]  # area id -> its list, for the one-area-at-a-time table


def _grid(
    matrix: pd.DataFrame, counts: pd.DataFrame, cycle_name: str, force_id: str, force_name: str, group: str, others: str
) -> GridView:
    position = force_position(matrix, force_id)
    return GridView(
        matrix=matrix,
        figure=grade_heatmap(matrix, force_id),
        summary=matrix_summary(matrix, cycle_name, force_id, group),
        table=wide_matrix(matrix),
        position=position,
        position_summary=position_summary(position, force_name, others),
        counts_note=counts_only_sentence(counts, matrix),
        as_list=grid_as_list(matrix, force_id),
    )


NOT_KNOWN_KEY = markdown_join((markdown("**{}**: {}.", state, NOT_A_GRADE_MEANING[state]) for state in NOT_A_GRADE[::-1]), " ")


@built_once(maxsize=20)
def _area_lists(cycle_id: str, cycle_name: str) -> tuple[AreaOptions, dict[str, AreaList]]:
    """The cycle's areas and, for each, every force grouped by grade: the same for whichever force is chosen."""
    matrix = run_query("grade_matrix", cycle_id=cycle_id)
    areas = area_options(matrix)
    lists = {a: AreaList(forces_by_grade_summary(matrix, a, cycle_name), forces_by_grade(matrix, a)) for a in areas.names}
    return areas, lists


@built_once(maxsize=200)
def national_view(cycle_id: str, cycle_name: str, force_id: str, force_name: str) -> NationalView:
    """Everything the all-forces page shows for one cycle and chosen force."""
    matrix = run_query("grade_matrix", cycle_id=cycle_id)
    distribution = run_query("grade_distribution", cycle_id=cycle_id)
    counts = run_query("cycle_grade_counts", cycle_id=cycle_id)
    cycles = run_query("cycles")
    note = cycles.loc[cycles["cycle_id"] == cycle_id, "comparability_note"]
    sources = grade_sources(matrix)
    said = sources_sentence(sources)
    others = f"the other {matrix['force_id'].nunique() - 1} forces"
    areas, by_area = _area_lists(cycle_id, cycle_name)
    grid = _grid(matrix, counts, cycle_name, force_id, force_name, "all forces in England and Wales", others)
    return NationalView(
        lead=position_lead(grid.position, force_name, cycle_name, others),
        grid=grid,
        coverage=coverage(matrix, cycle_name, counts).sentence(),
        notes=markdown_join([" ".join([said, *note.head(1)]), NOT_KNOWN_KEY]),
        sources=sources,
        sources_sentence=said,
        counts_figure=grade_counts_chart(distribution),
        counts_summary=distribution_summary(distribution, cycle_name),
        counts_table=distribution_table(distribution),
        areas=areas,
        by_area=by_area,
    )


@dataclass(frozen=True)
class PeerCycle:
    """One cycle's part of the similar-forces page: its grid and the small print above the chart."""

    cycle_id: str
    name: str
    comparability_note: str
    caption: Markdown
    grid: GridView


@dataclass(frozen=True)
class PeerView:
    """Everything the similar-forces page shows for a force and its group, as strings and finished tables."""

    lead: str  # where the force sits in its group in the latest cycle, first under the title
    description: Markdown  # who is in the group and, for a published group, its source in small print
    comparability_note: str
    tally: pd.DataFrame
    cycles: tuple[PeerCycle, ...]
    sources: pd.DataFrame  # as dashboard.web.widgets.sources_frame() shapes it


def peer_view(force_id: str, force_name: str, peers: PeerChoice) -> PeerView:
    """The cycles side by side as counts, and one grid per cycle, for a force and its peers."""
    return _peer_view(force_id, force_name, peers.kind, tuple(peers.member_ids), peers.label)


@built_once(maxsize=500)
def _peer_view(force_id: str, force_name: str, kind: str, member_ids: tuple[str, ...], label: str) -> PeerView:
    cycles = run_query("cycles")
    forces = run_query("forces")
    groups = run_query("peer_groups", force_id=force_id)
    description = peer_description(PeerChoice(kind, member_ids, label), groups, forces)
    source = small(source_caption_text(groups.iloc[0])) if kind == "msg" else None
    description = markdown_join([description, source])
    names = dict(zip(cycles["cycle_id"], cycles["name"]))
    matrices = {c: peer_matrix(run_query("grade_matrix", cycle_id=c), force_id, member_ids) for c in names}
    counts = {c: run_query("cycle_grade_counts", cycle_id=c) for c in names}
    group = f"{force_name} and {label}"
    outlined = f"{force_name} is outlined and marked ◀. Each cell gives the grade in words and a symbol, not only a colour."
    sections = []
    for cycle in cycles.itertuples():
        grid = _grid(matrices[cycle.cycle_id], counts[cycle.cycle_id], cycle.name, force_id, force_name, group, label)
        caption = markdown_join([outlined, grid.counts_note])
        sections.append(PeerCycle(cycle.cycle_id, cycle.name, cycle.comparability_note, caption, grid))
    shown = pd.concat(list(matrices.values()), ignore_index=True)
    latest = sections[0]
    if member_ids:
        lead = position_lead(latest.grid.position, force_name, latest.name, label)
    else:
        lead = f"{force_name}, {latest.name}: no forces chosen to compare with yet."
    return PeerView(
        lead=lead,
        description=description,
        comparability_note=cycles.iloc[0]["comparability_note"],
        tally=cycles_tally_table(matrices, counts, names),
        cycles=tuple(sections),
        sources=sources_frame(shown[shown["grade"] != "Not known"]),
    )


@dataclass(frozen=True)
class ForceGradesView:
    """Everything the one-force grades page shows for a force and cycle, as strings and finished tables."""

    lead: str  # the grades in words, first under the title
    any_known: bool
    publication: str
    grades_sentence: str
    cards: tuple[Markdown, ...]  # one markdown per area (dashboard.grades.blocks.area_card_content)
    counts_sentence: str
    counts_table: pd.DataFrame | None
    counts_note: str
    counts_source: Markdown | None  # the caption naming where the counts come from
    unplaced: bool  # whether some findings are not tied to one area
    findings_text: Markdown  # the findings not tied to one area, then what the findings list covers
    findings_count: int
    unplaced_count: int
    grades_table: pd.DataFrame
    findings_table: pd.DataFrame
    comparability_note: str
    side_by_side: pd.DataFrame
    sources: pd.DataFrame  # as dashboard.web.widgets.sources_frame() shapes it


def themed_latest_figures(force_id: str) -> pd.DataFrame:
    """The latest figure of each metric that speaks to a PEEL theme, for one place, with that theme.

    "Latest" is decided in one place, queries/latest_figures.sql, for the overview and the area cards alike.
    """
    metrics = run_query("metrics")
    themed = metrics.loc[metrics["theme_id"].notna(), ["metric_id", "theme_id"]]
    figures = run_query("latest_figures", force_id=force_id, metric_ids=themed["metric_id"].tolist())
    return figures.merge(themed, on="metric_id").sort_values(["theme_id", "metric_name"], ignore_index=True)


def _findings_text(unplaced: tuple[tuple[Markdown, Markdown], ...], force_name: str, cycle_name: str, count: int) -> Markdown:
    """The findings not tied to one area (if any), then what the page's findings cover, as one markdown."""
    parts = []
    if unplaced:
        parts += [small("Findings the sources do not tie to a single graded area."), findings_markdown(unplaced)]
    if count:
        parts.append(
            small(
                "The findings listed are those we found published. "
                "The inspectorate's full list of areas for improvement may be longer."
            )
        )
    else:
        parts.append(
            "We hold no published findings (causes of concern, areas for improvement or practice) "
            f"for {force_name} in {cycle_name}."
        )
    return markdown_join(parts)


@built_once(maxsize=500)
def force_grades_view(force_id: str, force_name: str, cycle_id: str, cycle_name: str) -> ForceGradesView:
    """The grades page for one force and cycle, built once per process and database."""
    cycles = run_query("cycles")
    grades = run_query("force_grades", force_id=force_id, cycle_id=cycle_id)
    counts = run_query("force_grade_counts", force_id=force_id, cycle_id=cycle_id)
    findings = run_query("force_findings", force_id=force_id, cycle_id=cycle_id)
    figures = themed_latest_figures(force_id)
    any_known = bool(grades["grade"].map(is_known).any())
    unplaced = finding_lines(findings_for_area(findings, None))
    cards = tuple(
        area_card_content(area, findings_for_area(findings, area["area_id"]), figures, show_findings_gap=not findings.empty)
        for _, area in grades.iterrows()
    )
    by_cycle = {c: run_query("force_grades", force_id=force_id, cycle_id=c) for c in cycles["cycle_id"]}
    counts_only = {c for c in cycles["cycle_id"] if not run_query("force_grade_counts", force_id=force_id, cycle_id=c).empty}
    sources = pd.concat([grades[grades["grade"] != "Not known"], findings, figures], ignore_index=True)
    return ForceGradesView(
        lead=grades_lead(force_name, cycle_name, grades, counts),
        any_known=any_known,
        publication=publication_label(grades, counts),
        grades_sentence=grades_sentence(force_name, cycle_name, grades),
        cards=cards if any_known else (),
        counts_sentence="" if counts.empty else counts_sentence(force_name, cycle_name, counts),
        counts_table=None if counts.empty else counts_table(counts),
        counts_note="" if counts.empty else counts["note"].iloc[0],
        counts_source=None if counts.empty else source_caption_text(counts.iloc[0]),
        unplaced=bool(unplaced),
        findings_text=_findings_text(unplaced, force_name, cycle_name, len(findings)),
        findings_count=len(findings),
        unplaced_count=int(findings["area_id"].isna().sum()),
        grades_table=grades_table(grades, figures),
        findings_table=findings_table(findings),
        comparability_note=cycles.iloc[0]["comparability_note"],
        side_by_side=cycles_side_by_side(by_cycle, dict(zip(cycles["cycle_id"], cycles["name"])), counts_only),
        sources=sources_frame(sources),
    )


# The choices below are resolved once per URL value and database file for the whole process: resolving
# them walked the cycles, forces and peer groups with pandas on every rerun. Results are read-only.
@built_once(maxsize=256)
def cycle_choice(value: str | None) -> CycleChoice:
    return resolve_cycle(value, run_query("cycles"))


@built_once(maxsize=1024)
def peer_choice(kind: str | None, chosen: tuple[str, ...], force_id: str) -> PeerChoice:
    groups = run_query("peer_groups", force_id=force_id)
    return resolve_peers(kind, list(chosen), force_id, run_query("forces"), groups)


@built_once(maxsize=128)
def peer_options(force_id: str) -> tuple[tuple[str, ...], dict[str, str]]:
    """The group kinds this force can offer, and the short names of every other force."""
    forces = run_query("forces")
    has_group = not run_query("peer_groups", force_id=force_id).empty
    kinds = tuple(k for k in PEER_KINDS if k != "msg" or has_group)
    others = forces.loc[forces["force_id"] != force_id]
    return kinds, dict(zip(others["force_id"], others["short_name"]))


@built_once(maxsize=4)
def every_scorecard() -> dict[str, Scorecard]:
    """The latest cycle's grade scorecard of every force (force id -> scorecard), from one query: the link previews."""
    cycle = run_query("cycles").iloc[0]
    matrix = run_query("grade_matrix", cycle_id=cycle["cycle_id"])
    by_force = dict(tuple(matrix.groupby("force_id", sort=False)))
    empty = matrix.iloc[0:0]  # a force with no rows at all still gets a card that says so
    return {
        force.force_id: scorecard(force.name, cycle["name"], by_force.get(force.force_id, empty))
        for force in run_query("forces").itertuples()
    }

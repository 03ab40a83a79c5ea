"""Figures over time and the metric explorer: tables, sentences and charts built once per choice and database.

The same measure, places, period and force always give the same result, so reruns reuse it instead of
reshaping the data and rebuilding the figures (dashboard/common/cache.py). Results are shared: read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dashboard.common.cache import built_once
from dashboard.common.escape import Markdown, markdown, markdown_join
from dashboard.common.wording import counted, dated_label, is_missing, join_words, row_source, source_markdown
from dashboard.performance.charts import ranking_chart, spc_chart, time_chart
from dashboard.performance.model.explorer import (
    Resolved,
    period_slug,
    periods_for,
    resolve_metric,
    resolve_period,
    resolve_places,
)
from dashboard.performance.model.series import (
    Comparison,
    change_sentence,
    comparison_for,
    comparison_of_selection,
    comparison_sentence,
    figure_lead,
    headline_sentence,
    is_comparable_between_places,
    latest,
    monthly_points,
    period_lengths_note,
    points_table,
    rank_forces,
    ranking_lead,
    ranking_sentence,
    ranking_table,
    shape_points,
    sources_of,
    spc_sentence,
    undated_note,
    value_text,
)
from dashboard.performance.model.spc import MINIMUM_POINTS, assurance, why_no_limits, xmr
from queries import run_query


@dataclass(frozen=True)
class MetricPeriods:
    """One measure's figures for every place, and the periods it can be ranked in."""

    points: pd.DataFrame
    periods: pd.DataFrame
    labels: tuple[str, ...]
    force_counts: dict[str, int]


@dataclass(frozen=True)
class ExplorerView:
    """Both sections of the explorer for one force, measure, set of places and period."""

    lead: Markdown  # where the force ranks in the chosen period, first under the title
    time_figure: go.Figure | None
    time_summary: str
    time_table: pd.DataFrame | None
    time_file_name: str
    is_count: bool
    time_sources: Markdown | None
    control: ControlView | None
    ranking_summary: str
    ranking_figure: go.Figure | None
    ranking_table: pd.DataFrame | None
    ranking_file_name: str
    missing: tuple[str, ...]
    ranking_sources: Markdown | None


@dataclass(frozen=True)
class ExplorerChoices:
    """What the explorer's pickers offer, in words: every measure held and every place."""

    coverage: pd.DataFrame  # metric_coverage, indexed by metric_id
    metric_ids: tuple[str, ...]
    metric_labels: dict[str, str]  # 'Name (12 figures)'
    place_ids: tuple[str, ...]
    place_names: dict[str, str]


@built_once(maxsize=4)
def explorer_choices() -> ExplorerChoices:
    """The pickers' options and labels, built once per process and database (Streamlit labels every option per run)."""
    coverage = run_query("metric_coverage").set_index("metric_id", drop=False)
    places = run_query("places")
    return ExplorerChoices(
        coverage=coverage,
        metric_ids=tuple(coverage["metric_id"]),
        metric_labels={m: f"{row['name']} ({row['figure_count']} figures)" for m, row in coverage.iterrows()},
        place_ids=tuple(places["force_id"]),
        place_names=dict(zip(places["force_id"], places["short_name"])),
    )


@built_once(maxsize=1024)
def requested_metric(value: str | None) -> Resolved:
    """The measure ?metric= names, resolved once per value and database."""
    return resolve_metric(value, explorer_choices().coverage)


@built_once(maxsize=4096)
def requested_places(values: tuple[str, ...], force_id: str) -> Resolved:
    """The places ?forces= names, else the force, its peers and the national figures; once per value and database."""
    comparison = comparison_for(force_id, run_query("forces"), run_query("peer_groups", force_id=force_id))
    return resolve_places(list(values), run_query("places"), comparison.place_ids)


@built_once(maxsize=4096)
def requested_period(value: str | None, metric_id: str) -> Resolved:
    """The period ?period= names for this measure, else the fullest one; once per value and database."""
    return resolve_period(value, metric_periods(metric_id).periods)


@built_once(maxsize=200)
def metric_periods(metric_id: str) -> MetricPeriods:
    """Every place's figures on one measure and its periods, built once per process and database."""
    places = run_query("places")
    points = run_query("metric_series", force_ids=places["force_id"].tolist(), metric_ids=[metric_id])
    periods = periods_for(points)
    return MetricPeriods(
        points=points,
        periods=periods,
        labels=tuple(periods["period_label"]),
        force_counts=dict(zip(periods["period_label"], periods["force_count"])),
    )


def explorer_view(
    force_id: str, force_short_name: str, metric_id: str, picked: tuple[str, ...], period: str | None
) -> ExplorerView:
    """The chart, sentence, table and sources of both sections, built once per process and database."""
    return _explorer_view(force_id, force_short_name, metric_id, tuple(picked), period)


@built_once(maxsize=1000)
def _explorer_view(
    force_id: str, force_short_name: str, metric_id: str, picked: tuple[str, ...], period: str | None
) -> ExplorerView:
    metric = run_query("metric_coverage").set_index("metric_id", drop=False).loc[metric_id]
    places = run_query("places")
    forces = run_query("forces")
    all_points = metric_periods(metric_id).points
    points = shape_points(all_points[all_points["force_id"].isin(list(picked))], metric_id, force_id)
    time_figure = time_table = control = None
    time_summary = ""
    time_sources = None
    if not points.empty:
        time_summary = metric_summary(points, metric, comparison_of_selection(force_id, places, list(picked)))
        if int(points["plotted_at"].notna().sum()) >= MIN_CHART_POINTS:  # else the sentence and the table say it all
            time_figure = time_chart(points, metric)
        time_table = points_table(points, metric["unit"])
        time_sources = sources_text(points)
        control = control_view(points[points["role"] == "chosen"], metric, force_short_name)
    ranking_summary = ""
    ranking_figure = ranked_table = None
    missing: tuple[str, ...] = ()
    ranking_sources = ranking = None
    if period is not None:
        in_period = all_points[all_points["period_label"] == period]
        ranking = rank_forces(in_period, forces, force_id, metric["higher_is_better"])
        ranking_summary = ranking_sentence(ranking, metric, force_short_name, period)
        if not ranking.ranked.empty:
            national = in_period[in_period["force_id"] == "england-and-wales"]
            ranking_figure = ranking_chart(ranking.ranked, metric, None if national.empty else national.iloc[0])
            ranked_table = ranking_table(ranking, metric["unit"])
        missing = tuple(ranking.missing)
        ranking_sources = sources_text(in_period)
    return ExplorerView(
        lead=ranking_lead(ranking, metric, force_short_name, period),
        time_figure=time_figure,
        time_summary=time_summary,
        time_table=time_table,
        time_file_name=f"{metric_id}-over-time.csv",
        is_count=not is_comparable_between_places(metric["unit"]),
        time_sources=time_sources,
        control=control,
        ranking_summary=ranking_summary,
        ranking_figure=ranking_figure,
        ranking_table=ranked_table,
        ranking_file_name=f"{metric_id}-{period_slug(period)}-ranking.csv" if period else "",
        missing=missing,
        ranking_sources=ranking_sources,
    )


@built_once()
def sources_text(points: pd.DataFrame) -> Markdown | None:
    """'Source(s): ...' naming publisher, title, date and tier of every source behind what is drawn."""
    sources = sources_of(points)
    if sources.empty:
        return None
    listed = markdown_join(
        (
            source_markdown(
                r.source_publisher, r.source_title, r.source_url, r.source_published, r.source_tier, r.source_title_kind
            )
            for r in sources.itertuples()
        ),
        "; ",
    )
    marker = "⚠️ " if (sources["source_tier"] != "primary").any() else ""
    return markdown("{}: {}", f"{marker}Source{'s' if len(sources) > 1 else ''}", listed)


@built_once()
def metric_summary(points: pd.DataFrame, metric: pd.Series, comparison: Comparison) -> str:
    """The chart's text alternative: the latest figure, where it stands, and how it has moved."""
    chosen = points[points["role"] == "chosen"]
    newest = latest(chosen)
    sentences = []
    if newest is None:
        sentences.append(f"We hold no published figure for {comparison.force_name} on this measure.")
    else:
        sentences.append(headline_sentence(comparison.force_name, metric, newest))
    if is_comparable_between_places(metric["unit"]):
        compared = comparison_sentence(points, metric, comparison)
        if compared:
            sentences.append(compared)
    changed = change_sentence(chosen, metric)
    if changed:
        sentences.append(f"Change: {changed}")
    return " ".join(sentences)


MIN_CHART_POINTS = 3  # fewer dated figures than this for the force: figure cards and words, not a chart


@dataclass(frozen=True)
class PointCard:
    """One figure shown as a card where a chart would be one or two dots: value, period (and age), source."""

    value: str
    period: str
    small_print: Markdown


def point_cards(chosen: pd.DataFrame, unit: str, today: date) -> tuple[PointCard, ...]:
    """The force's figures, newest first, as cards: a chart of one or two dots says less than the numbers do."""
    cards = []
    for _, row in chosen.sort_values("period_end", ascending=False, na_position="last").iterrows():
        marker = "" if row["source_tier"] == "primary" else "⚠️ **Second-hand:** "
        source = row_source(row)
        cards.append(
            PointCard(
                value_text(row["value"], unit),
                dated_label(row["period_label"], row["period_end"], today),
                markdown(marker + "Source: {}", source),
            )
        )
    return tuple(cards)


@dataclass(frozen=True)
class ControlView:
    """An XmR chart ready to draw, or the plain reason there is none."""

    reason: str | None
    figure: go.Figure | None = None
    summary: str = ""
    table: pd.DataFrame | None = None
    monthly: int = 0  # how many monthly figures there are: with none, control limits are not worth a mention


@dataclass(frozen=True)
class MetricView:
    """Everything one metric section shows, computed once per process and shared: treat it as read-only."""

    definition: str
    not_known: Markdown | None  # shown instead of the chart when nothing is held
    no_chosen_note: Markdown | None
    figure: go.Figure | None
    summary: str
    table: pd.DataFrame | None
    file_name: str
    notes: tuple[str, ...]
    is_count: bool
    sources: Markdown | None
    control: ControlView | None
    cards: tuple[PointCard, ...] = ()  # instead of the chart, when the force has fewer than MIN_CHART_POINTS figures

    @property
    def notes_under_chart(self) -> list[str | None]:
        """The lines of small print under the chart: period lengths, undated figures, counts, sources."""
        count_note = "This is a count, so it is not set beside other forces: bigger forces have bigger numbers."
        return [*self.notes, count_note if self.is_count else None, self.sources]


def control_view(chosen: pd.DataFrame, metric: pd.Series, place: str) -> ControlView:
    """An XmR chart where there are 12 or more monthly figures; otherwise a plain reason why there is none."""
    monthly = monthly_points(chosen)
    reason = why_no_limits(len(monthly))
    if reason is None:
        try:
            result = xmr(monthly, metric["higher_is_better"])
        except ValueError as error:
            reason = str(error)
    if reason is not None:
        return ControlView(reason, monthly=len(monthly))
    higher_is_better = None if is_missing(metric["higher_is_better"]) else bool(metric["higher_is_better"])
    summary = spc_sentence(result, metric, place, assurance(result, metric["standard_value"], higher_is_better))
    table = pd.DataFrame(
        {
            "Month": [f"{d:%B %Y}" for d in result.points["period_start"]],
            "Value": [value_text(v, metric["unit"]) for v in result.points["value"]],
            "Moving range": result.points["moving_range"],
            "Variation": result.points["variation"],
            "Why": result.points["reason"],
        }
    )
    return ControlView(None, spc_chart(result, metric, place), summary, table, len(monthly))


@dataclass(frozen=True)
class MetricSection:
    """One metric's section of a theme page: its name, the key its widgets use, and its built view."""

    key: str
    name: str
    view: MetricView


@dataclass(frozen=True)
class ThemeView:
    """A theme page's sections for one force, beside England and Wales and its peers."""

    comparison: Comparison
    sections: tuple[MetricSection, ...]
    lead: Markdown  # the first measure's latest figure against its standard or England and Wales, first under the title

    @property
    def any_chart(self) -> bool:
        """Whether any measure is drawn as a chart (for a force with thin data every one may be cards)."""
        return any(section.view.figure is not None for section in self.sections)


@built_once(maxsize=500)
def theme_view(force_id: str, metric_ids: tuple[str, ...], today: date) -> ThemeView:
    """Every section of a theme for one force, built once per process, database and day, shared read-only.

    A figure's age ("over two years old") depends on today, so today is part of the key: a server left running
    does not keep yesterday's wording.
    """
    comparison = comparison_for(force_id, run_query("forces"), run_query("peer_groups", force_id=force_id))
    observations = run_query("metric_series", force_ids=comparison.place_ids, metric_ids=list(metric_ids))
    defined = run_query("metrics").set_index("metric_id", drop=False)
    held = [m for m in metric_ids if m in defined.index]  # metrics the database does not define are left out
    sections = tuple(
        MetricSection(m, defined.loc[m, "name"], metric_view(observations, defined.loc[m], comparison, today)) for m in held
    )
    leads = (
        figure_lead(defined.loc[m, "name"], defined.loc[m], shape_points(observations, m, force_id, comparison.peer_ids), today)
        for m in held
    )
    lead = next((text for text in leads if text), None)
    if lead is None:
        names = join_words([defined.loc[m, "name"].lower() for m in held]) or "these measures"
        lead = markdown("**Not known for {}:** we hold no published figure on {}.", comparison.force_name, names)
    return ThemeView(comparison, sections, lead)


def metric_view(observations: pd.DataFrame, metric: pd.Series, comparison: Comparison, today: date) -> MetricView:
    definition = metric["definition"]
    if not is_missing(metric.get("standard_text")):
        definition += f". Standard: {metric['standard_text']}"
    points = shape_points(observations, metric["metric_id"], comparison.force_id, comparison.peer_ids)
    comparable = is_comparable_between_places(metric["unit"])
    if not comparable:
        # Counts depend on a force's size, so only the chosen force is drawn.
        points = points[points["role"] == "chosen"]
    file_name = f"{comparison.force_id}-{metric['metric_id']}.csv"
    if points.empty:
        not_known = markdown(
            "**Not known for {}:** {}",
            comparison.force_name,
            "we hold no published figure for this measure" + (", nor for England and Wales or its peers." if comparable else "."),
        )
        return MetricView(definition, not_known, None, None, "", None, file_name, (), not comparable, None, None)
    no_chosen_note = None
    if (points["role"] == "chosen").sum() == 0:
        no_chosen_note = markdown(
            "**Not known for {}:** we hold no published figure for this measure. "
            "The table below lists what we hold for the places it is compared with.",
            comparison.force_name,
        )
    chosen = points[points["role"] == "chosen"]
    # One or two dots make a chart whose axis and lines say more than the figures: show them as cards instead.
    charted = int(chosen["plotted_at"].notna().sum()) >= MIN_CHART_POINTS
    # The small print describes what is shown: where points sit only under a chart.
    notes = tuple(n for n in (period_lengths_note(points, charted), undated_note(points, metric["unit"])) if n)
    return MetricView(
        definition=definition,
        not_known=None,
        no_chosen_note=no_chosen_note,
        figure=time_chart(points, metric, comparison.peer_label) if charted else None,
        summary=metric_summary(points, metric, comparison),
        table=points_table(points, metric["unit"]),
        file_name=file_name,
        notes=notes,
        is_count=not comparable,
        sources=sources_text(points),
        control=control_view(chosen, metric, comparison.force_name),
        cards=() if charted else point_cards(chosen, metric["unit"], today),
    )


CONTROL_LIMITS_METHOD = (
    "Control limits follow NHS England's “Making Data Count” method: the mean ± 2.66 × the average month-to-month "
    "change (three sigma). A month is special cause when it falls outside the limits, is one of 7 or more in a row "
    "on one side of the mean, one of 7 or more rising or falling in a row, or two of three months close to a limit."
)


def control_limits_note(theme: ThemeView) -> Markdown | None:
    """Once per page, not under every chart: which monthly series are too short for control limits."""
    short = []
    for section in theme.sections:
        control = section.view.control
        # Only beside a chart: for one or two figures, shown as cards, control limits were never in question.
        if section.view.figure is not None and control is not None and control.reason is not None and control.monthly > 0:
            short.append(f"{section.name} ({counted(control.monthly, 'monthly figure')})")
    if not short:
        return None
    return markdown(
        "**Control limits** {}",
        f"(whether a month is unusual, not just normal variation) need at least {MINIMUM_POINTS} monthly figures. "
        f"We hold fewer for {theme.comparison.force_name}, so none are drawn for: {'; '.join(short)}.",
    )

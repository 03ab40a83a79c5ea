"""HTML of the briefing pack's summary page, its peer comparison of grades and its three figure sections.

Every data value goes in through `esc` (dashboard.common.escape.html_text, the one way text becomes HTML); `cite` is
the pack's source register, which numbers each source the first time it is cited. A figure not held is written as a
gap, never filled in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd

from dashboard.common.escape import html_text
from dashboard.common.wording import format_date, format_value, is_missing, tier_label
from dashboard.holding.briefing.content import (
    COUNT_COLUMNS,
    FIGURE_SECTIONS,
    BriefingExtra,
    below_standard,
    open_items,
)
from dashboard.holding.charts import chartable
from dashboard.holding.model.key_figures import figures_summary
from dashboard.holding.model.timeline import event_when
from dashboard.holding.model.tracker import shown_or_not_published
from dashboard.performance.model.series import ENGLAND_AND_WALES, Beside, beside, is_comparable_between_places, latest
from dashboard.store.checks import FINDING_KINDS

Cite = Callable[[pd.Series], str]


def esc(value: object) -> str:
    """One data value as HTML text; a gap becomes the words 'not known'."""
    if is_missing(value):
        return "not known"
    return html_text(value)


def _list(items: list[str], empty: str) -> str:
    return f"<ul>{''.join(f'<li>{i}</li>' for i in items)}</ul>" if items else f"<p>{esc(empty)}</p>"


def summary_section(
    force_name: str,
    as_at: date,
    extra: BriefingExtra,
    tracker: pd.DataFrame,
    events: pd.DataFrame,
    grades: pd.DataFrame,
    force_id: str,
    cite: Cite,
) -> str:
    """Page one: what changed since the chosen day, the open improvement items, figures below their standard."""
    since = extra.since.day
    changes = []
    for _, g in grades.iterrows():
        published = g.get("published")
        if not is_missing(published) and since < pd.Timestamp(published).date() <= as_at:
            changes.append(
                f"{esc(format_date(published))}: grade published, {esc(g['area_name'])}: "
                f"<strong>{esc(g['grade'])}</strong> {cite(g)}"
            )
    for _, e in events.iterrows():
        day = e.get("event_date")
        if not is_missing(day) and since < pd.Timestamp(day).date() <= as_at:
            changes.append(f"{esc(event_when(e))}: {esc(e['title'])} {cite(e)}")
    for _, c in extra.changes.sort_values("update_date").iterrows():
        before = "new item" if is_missing(c["previous_status"]) else f"was {c['previous_status']}"
        changes.append(
            f"{esc(format_date(c['update_date']))}: tracker item now <strong>{esc(c['status'])}</strong> ({esc(before)}): "
            f"{esc(c['item'])} {cite(c)}"
        )
    latest = extra.latest
    for _, f in latest[latest["force_id"] == force_id].iterrows():
        end = f.get("period_end")
        if not is_missing(end) and since < pd.Timestamp(end).date() <= as_at:
            changes.append(
                f"New figure: {esc(f['metric_name'])}, {esc(format_value(f['value'], f['unit']))} "
                f"({esc(f['period_label'])}) {cite(f)}"
            )
    opened = open_items(tracker)
    open_lines = [
        f"<strong>{esc(FINDING_KINDS.get(i['finding_kind'], i['finding_kind']))}</strong>: {esc(i['item'])} "
        f"<em>({esc(i['status'])}; target date {esc(shown_or_not_published(i['target_date']))})</em>"
        for _, i in opened.iterrows()
    ]
    below = below_standard(latest, force_id)
    below_lines = [
        f"{esc(b['metric_name'])}: {esc(format_value(b['value'], b['unit']))} ({esc(b['period_label'])}), "
        f"{esc(b['standard_words'])}; {esc(tier_label(b['source_tier']))} {cite(b)}"
        for _, b in below.iterrows()
    ]
    return (
        '<section class="summary-page" id="summary"><h2>Summary</h2>'
        f'<p class="since">Changes are counted since <strong>{esc(format_date(since))}</strong>: {esc(extra.since.reason)}.</p>'
        f"<h3>What changed since {esc(format_date(since))}</h3>"
        + _list(changes, f"Nothing we hold is dated after {format_date(since)} and on or before {format_date(as_at)}.")
        + f"<h3>Open improvement items ({len(opened)})</h3>"
        + _list(open_lines, f"No open improvement items are held for {force_name}.")
        + "<h3>Figures below their standard</h3>"
        + _list(
            below_lines,
            "None of the latest figures held misses a published standard (only 999 answering has one: 90% within 10 seconds).",
        )
        + "</section>"
    )


def peer_grades_section(force_name: str, extra: BriefingExtra, number: int) -> str:
    """The force beside its peers and all of England and Wales: areas at each grade, one cycle at a time."""
    comparison = extra.comparison
    parts = [
        f'<section class="part" id="peers"><h2>{number}. Grades beside similar forces and England and Wales</h2>',
        f"<p>{esc(comparison.basis)} Each row counts the areas at each grade within one inspection; counts are never "
        "averaged or scored, and two inspections are never added together.</p>",
    ]
    for counts in extra.grade_counts:
        head = "".join(f"<th>{esc(c)}</th>" for c in ("Place", *COUNT_COLUMNS))
        rows = "".join(
            "<tr>" + "".join(f"<td>{esc(row[c])}</td>" for c in ("Place", *COUNT_COLUMNS)) + "</tr>"
            for _, row in counts.table.iterrows()
        )
        note = (
            f'<p class="note">Known only as published counts, not area by area: {esc(", ".join(counts.counts_only))}.</p>'
            if counts.counts_only
            else ""
        )
        parts.append(
            f'<div class="keep"><h3>{esc(counts.cycle_name)}: areas at each grade</h3>'
            f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{note}</div>"
        )
    parts.append(f'<p class="note warning">{esc(extra.grade_counts[0].comparability_note if extra.grade_counts else "")}</p>')
    parts.append("</section>")
    return "".join(parts)


def comparison_cells(metric_id: str, extra: BriefingExtra, force_id: str, places: list[tuple[str, str]], cite: Cite) -> list[str]:
    """One measure's cell for each place, like with like: the force's latest figure (latest period end) and each other
    place's figure for the same or an overlapping period; where none is held, its latest with both periods and how far
    apart they are ('for the year to March 2022, two years earlier'), marked as another period."""
    every = extra.every_place
    every = every[every["metric_id"] == metric_id]
    own = every[every["force_id"] == force_id]
    anchor = latest(own[own["period_end"].notna()])  # a figure with no stated period cannot anchor a comparison
    cells = []
    for place_id, _ in places:
        held = every[every["force_id"] == place_id]
        if place_id == force_id:
            chosen = Beside(latest(own), True)
        else:
            chosen = beside(anchor, held[held["period_end"].notna()])
        figure = chosen.figure
        if figure is None:
            cells.append('<td class="gap">No figure held</td>')
            continue
        second = "" if figure["source_tier"] == "primary" else " (second-hand)"
        period = esc(figure["period_label"])
        other = place_id != force_id and not chosen.same_period
        if other:
            period = f"{period}: <em>another period, {esc(chosen.apart or 'not comparable')}</em>"
        elif place_id != force_id and anchor is not None and figure["period_label"] != anchor["period_label"]:
            period = f"{period}: <em>an overlapping period</em>"
        opening = '<td class="other-period">' if other else "<td>"
        value = esc(format_value(figure["value"], figure["unit"]))
        cells.append(f"{opening}<strong>{value}</strong> {period}{esc(second)} {cite(figure)}</td>")
    return cells


def _comparison_table(section_metrics: tuple[str, ...], extra: BriefingExtra, force_id: str, force_name: str, cite: Cite) -> str:
    latest_held = extra.latest
    comparison = extra.comparison
    places = [(force_id, force_name), *comparison.peer_names.items(), (ENGLAND_AND_WALES, "England and Wales")]
    metrics = latest_held[latest_held["metric_id"].isin(section_metrics)].drop_duplicates("metric_id")
    metrics = metrics[metrics["unit"].map(is_comparable_between_places)]
    if metrics.empty:
        return ""
    head = "<th>Place</th>" + "".join(f"<th>{esc(m)}</th>" for m in metrics["metric_name"])
    columns = [comparison_cells(metric_id, extra, force_id, places, cite) for metric_id in metrics["metric_id"]]
    body = [
        f'<tr><th scope="row">{esc(place_name)}</th>{"".join(column[i] for column in columns)}</tr>'
        for i, (_, place_name) in enumerate(places)
    ]
    return (
        f"<h3>Beside {esc(comparison.peer_label.lower())} and England and Wales</h3>"
        f'<table class="compare"><caption>{esc(force_name)}\'s latest figure by the “data as at” date, and beside it each '
        "place's figure for the same or an overlapping period. Where a place has none, its latest is shown marked "
        "“another period”, with how far apart the two periods are: it is not like with like. Counts are not set beside "
        "other forces (forces differ in size).</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _margin(half_width: object) -> str:
    return "" if is_missing(half_width) else esc(f"±{half_width:g} points")


def figure_sections(extra: BriefingExtra, force_id: str, force_name: str, images: dict[str, str], first: int, cite: Cite) -> str:
    """One section per subject: the force's figures over time (chart and table side by side), then its peers."""
    parts = []
    for offset, section in enumerate(FIGURE_SECTIONS):
        series = extra.series.get(section.key, pd.DataFrame())
        parts.append(f'<section class="part" id="{section.key}"><h2>{first + offset}. {esc(section.title)}</h2>')
        held = set(series["metric_id"]) if not series.empty else set()
        missing = [m for m in section.metric_ids if m not in held]
        summary = figures_summary(force_name, series, section.what)
        parts.append(f"<p>{esc(summary)}</p>")
        if not series.empty:
            rows = "".join(
                f"<tr><td>{esc(f['metric_name'])}</td><td>{esc(f['period_label'])}</td>"
                f"<td><strong>{esc(format_value(f['value'], f['unit']))}</strong></td><td>{_margin(f['ci_half_width'])}</td>"
                f"<td>{esc(tier_label(f['source_tier']))} {cite(f)}</td></tr>"
                for _, f in series.iterrows()
            )
            table = (
                "<table><thead><tr><th>Measure</th><th>Period</th><th>Figure</th><th>Margin of error</th><th>Source</th></tr>"
                f"</thead><tbody>{rows}</tbody></table>"
            )
            image = images.get(section.key)
            if image:  # the chart kept whole; its values in the table under it, which may run on to the next page
                parts.append(f'<figure class="chart keep"><img src="{esc(image)}" alt="{esc(summary)}"></figure>')
            elif not chartable(series).empty:
                parts.append('<p class="no-chart">The chart image could not be made; the figures are in the table.</p>')
            parts.append(table)
        if missing:
            words = ", ".join(extra.metric_names.get(m, m) for m in missing)
            parts.append(
                f'<p class="gap">Not held for {esc(force_name)} by this date: {esc(words)}. Shown as a gap, not estimated.</p>'
            )
        parts.append(
            f'<div class="keep">{_comparison_table(section.metric_ids, extra, force_id, force_name, cite)}</div></section>'
        )
    return "".join(parts)

"""The Panel's briefing pack: one HTML document for a force and a 'data as at' date, and a PDF printed from it.

Every data value goes into the HTML through html.escape. Charts are static SVG images made by Plotly
through kaleido; the PDF is the same HTML printed by headless Chromium. Grades are written in words with
a symbol and charts differ by marker shape, so the pack reads when printed in black and white.
"""

from __future__ import annotations

import base64
import html
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from dashboard.common.forces import ForceChoice
from dashboard.common.scale import GRADE_ORDER, SYMBOL
from dashboard.common.wording import format_date, format_value, grades_sentence, is_missing, tier_label
from dashboard.key_figures import figures_chart, figures_summary
from dashboard.meeting import CALLS_METRICS, RECORDING_METRICS
from dashboard.timeline import NOT_FOUND, STATUS_WORDS, event_when
from dashboard.tracker import FINDING_KINDS, count_by_status, counts_sentence, overdue_flags, shown_or_not_published, tracker_gaps

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PDF_TIMEOUT_SECONDS = 120
CHART_WIDTH, CHART_HEIGHT = 600, 400

CAVEATS = (
    "Inspection grades cannot be compared directly between inspection cycles: the inspectorate changed its scale "
    "and its framework, and the areas have different names.",
    "None of the grades was read from the inspectorate's own grade table: they come from its press releases, the "
    "PCC's report and local news. The kind of source is given beside each.",
    "Figures marked second-hand were reported by someone else (a news report or a PCC statement) quoting official "
    "data; they have not been checked against the official publication.",
    "The 10-second clock for 999 calls includes the telephone network's connection time.",
    "Crime recording rates are estimates from an audit sample; where a margin of error was published it is shown.",
    "Owners and target dates are shown as “not published” where no published source gives them; nothing is "
    "estimated or filled in.",
)


@dataclass(frozen=True)
class FigureGroup:
    key: str
    title: str
    what: str  # 'answering 999 calls', for the sentence
    series: pd.DataFrame


@dataclass
class BriefingData:
    force_id: str
    force_name: str
    as_at: date
    made_on: date
    cycle_id: str
    cycle_name: str
    comparability_note: str
    grades: pd.DataFrame
    figure_groups: list[FigureGroup]
    tracker: pd.DataFrame
    events: pd.DataFrame


@dataclass
class BriefingPack:
    html: str
    pdf: bytes | None
    problem: str | None = None  # why there is no PDF, in plain words
    file_stem: str = "briefing-pack"
    notes: list[str] = field(default_factory=list)


class BriefingError(RuntimeError):
    """The PDF could not be made; the message is fit to show to the public."""


def gather(force: ForceChoice, as_at: date, made_on: date | None = None) -> BriefingData:
    """Everything the pack shows, as known on the as-at date, from the named queries."""
    from queries import run_query  # imported here so the rendering below stays usable without a database

    cycle = run_query("cycles").iloc[0]
    groups = []
    for key, title, what, metrics in (
        ("calls", "999 calls answered within 10 seconds", "answering 999 calls", CALLS_METRICS),
        ("recording", "Crime recording", "recording crime", RECORDING_METRICS),
    ):
        series = run_query("metric_series_as_at", force_id=force.force_id, metric_ids=list(metrics), as_at=as_at)
        groups.append(FigureGroup(key, title, what, series))
    return BriefingData(
        force_id=force.force_id,
        force_name=force.name,
        as_at=as_at,
        made_on=made_on or date.today(),
        cycle_id=cycle["cycle_id"],
        cycle_name=cycle["name"],
        comparability_note=cycle["comparability_note"],
        grades=run_query("grades_as_at", force_id=force.force_id, cycle_id=cycle["cycle_id"], as_at=as_at),
        figure_groups=groups,
        tracker=run_query("improvement_tracker", force_id=force.force_id, cycle_id=cycle["cycle_id"], as_at=as_at),
        events=run_query("timeline_events", force_id=force.force_id, as_at=as_at),
    )


def chart_figures(data: BriefingData) -> dict[str, go.Figure]:
    """One print-friendly figure per key-figure group that has dated figures."""
    return {
        group.key: figures_chart(group.series, font_size=17, height=CHART_HEIGHT)
        for group in data.figure_groups
        if group.series["period_end"].notna().any()
    }


def chart_images(figures: dict[str, go.Figure]) -> dict[str, str]:
    """SVG data URIs made in one kaleido session; an empty dict when kaleido or its browser is unavailable."""
    if not figures:
        return {}
    import plotly.io as pio

    with tempfile.TemporaryDirectory(prefix="briefing-charts-") as folder:
        paths = [Path(folder) / f"{key}.svg" for key in figures]
        try:
            pio.write_images(list(figures.values()), paths, format="svg", width=CHART_WIDTH, height=CHART_HEIGHT)
        except Exception:  # kaleido raises several kinds of error when Chromium is missing or fails
            return {}
        return {
            key: "data:image/svg+xml;base64," + base64.b64encode(path.read_bytes()).decode("ascii")
            for key, path in zip(figures, paths)
        }


# ---------------------------------------------------------------- HTML


def _e(value: object) -> str:
    """Escape one data value for HTML; a gap becomes the words 'not known'."""
    if is_missing(value):
        return "not known"
    return html.escape(str(value), quote=True)


class SourceRegister:
    """Numbers each distinct source the first time it is cited, for the list at the end."""

    def __init__(self) -> None:
        self.rows: list[dict[str, object]] = []
        self._index: dict[tuple, int] = {}

    def cite(self, row: pd.Series) -> str:
        if is_missing(row.get("source_title")):
            return ""
        key = (row["source_publisher"], row["source_title"], row.get("source_url"))
        if key not in self._index:
            self.rows.append(
                {
                    "publisher": row["source_publisher"],
                    "title": row["source_title"],
                    "url": row.get("source_url"),
                    "published": row.get("source_published"),
                    "tier": row.get("source_tier"),
                }
            )
            self._index[key] = len(self.rows)
        return f'<span class="ref">[{self._index[key]}]</span>'


def _grade_words(grade: str) -> str:
    symbol = SYMBOL.get(grade, "")
    return f'<span class="grade">{_e(symbol)} {_e(grade)}</span>' if symbol else f'<span class="grade">{_e(grade)}</span>'


def _grades_section(data: BriefingData, sources: SourceRegister) -> str:
    grades = data.grades
    parts = ['<section class="major" id="grades"><h2>1. Inspection grades</h2>']
    if not grades["grade"].isin(GRADE_ORDER).any():
        if (grades["grade"] == "Not yet published").any():
            parts.append(
                f"<p>The {_e(data.cycle_name)} grades for {_e(data.force_name)} had not been published "
                f"by {_e(format_date(data.as_at))}.</p>"
            )
        else:
            parts.append(
                f"<p>We hold no {_e(data.cycle_name)} grades for {_e(data.force_name)}: "
                "no published source we found states them.</p>"
            )
    else:
        parts.append(f"<p>{_e(grades_sentence(data.force_name, data.cycle_name, grades))}</p>")
        rows = "".join(
            f"<tr><td>{_e(g['area_name'])}</td><td>{_grade_words(g['grade'])}</td>"
            f"<td>{_e(format_date(g['published']) if not is_missing(g['published']) else 'date not recorded')}</td>"
            f"<td>{_e(tier_label(g['source_tier']) if not is_missing(g['source_tier']) else '')} {sources.cite(g)}</td></tr>"
            for _, g in grades.iterrows()
        )
        parts.append(
            '<table class="grades"><caption>Grades by area, in words (symbols: ★★ Outstanding, ★ Good, ● Adequate, '
            "▲ Requires improvement, ✖ Inadequate)</caption>"
            "<thead><tr><th>Area</th><th>Grade</th><th>Published</th><th>Source</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    parts.append(f'<p class="note">{_e(data.comparability_note)}</p></section>')
    return "".join(parts)


def _margin(half_width: object) -> str:
    return "" if is_missing(half_width) else _e(f"±{half_width:g} points")


def _figures_section(data: BriefingData, images: dict[str, str], sources: SourceRegister) -> str:
    parts = ['<section class="major" id="figures"><h2>2. Key figures</h2>']
    for group in data.figure_groups:
        summary = figures_summary(data.force_name, group.series, group.what)
        parts.append(f'<div class="figure-group"><h3>{_e(group.title)}</h3>')
        if group.series.empty:
            parts.append(f"<p>{_e(summary)}</p></div>")
            continue
        image = images.get(group.key)
        picture = (
            f'<img src="{_e(image)}" alt="{_e(summary)}">'
            if image
            else '<p class="no-chart">The chart image could not be made; the figures are in the table below.</p>'
        )
        parts.append(
            f'<div class="figure-row"><div class="chart">{picture}</div><div class="summary"><p>{_e(summary)}</p></div></div>'
        )
        rows = "".join(
            f"<tr><td>{_e(f['metric_name'])}</td><td>{_e(f['period_label'])}</td>"
            f"<td>{_e(format_value(f['value'], f['unit']))}</td>"
            f"<td>{_margin(f['ci_half_width'])}</td>"
            f"<td>{_e(tier_label(f['source_tier']))} {sources.cite(f)}</td></tr>"
            for _, f in group.series.iterrows()
        )
        parts.append(
            "<table><thead><tr><th>Measure</th><th>Period</th><th>Figure</th><th>Margin of error</th><th>Source</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></div>"
        )
    parts.append("</section>")
    return "".join(parts)


def _tracker_section(data: BriefingData, sources: SourceRegister) -> str:
    tracker = data.tracker
    parts = [
        '<section class="major" id="tracker"><h2>3. Improvement tracker</h2>',
        f"<p>{_e(counts_sentence(data.force_name, tracker, data.as_at))}</p>",
    ]
    if not tracker.empty:
        counts = count_by_status(tracker)
        cells = "".join(f"<tr><td>{_e(status.capitalize())}</td><td>{n}</td></tr>" for status, n in counts.items())
        parts.append(f'<table class="counts"><thead><tr><th>Status</th><th>Items</th></tr></thead><tbody>{cells}</tbody></table>')
        overdue = overdue_flags(tracker, data.as_at)
        rows = []
        for index, item in tracker.iterrows():
            flag = ' <strong class="overdue">OVERDUE</strong>' if overdue[index] else ""
            evidence = (
                f'<br><span class="evidence">Evidence: <a href="{_e(item["evidence_url"])}">{_e(item["evidence_url"])}</a></span>'
                if not is_missing(item["evidence_url"])
                else ""
            )
            rows.append(
                "<tr>"
                f"<td><strong>{_e(FINDING_KINDS.get(item['finding_kind'], item['finding_kind']))}</strong><br>"
                f"{_e(item['area_name'] if not is_missing(item['area_name']) else 'Not tied to one area')}</td>"
                f"<td>{_e(item['item'])}</td>"
                f"<td><strong>{_e(item['status'])}</strong>{flag}</td>"
                f"<td>{_e(shown_or_not_published(item['owner']))}</td>"
                f"<td>{_e(shown_or_not_published(item['target_date']))}</td>"
                f"<td><strong>{_e(format_date(item['update_date']))}</strong>: {_e(item['update_summary'])} "
                f"{sources.cite(item)}{evidence}</td>"
                "</tr>"
            )
        parts.append(
            '<table class="tracker"><thead><tr><th>Item</th><th>What is to be improved</th><th>Status</th><th>Owner</th>'
            f"<th>Target date</th><th>Latest update and evidence</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
    for _, gap in tracker_gaps(data.events, data.cycle_id).iterrows():
        parts.append(
            f'<p class="not-found"><strong>Not found: {_e(gap["title"])}.</strong> {_e(gap["detail"])} {sources.cite(gap)}</p>'
        )
    parts.append("</section>")
    return "".join(parts)


def _timeline_section(data: BriefingData, sources: SourceRegister) -> str:
    events = data.events
    parts = ['<section class="major" id="timeline"><h2>4. Inspection timeline</h2>']
    if events.empty:
        parts.append(f"<p>We hold no inspection timeline for {_e(data.force_name)}.</p>")
    else:
        rows = "".join(
            f"<tr><td>{_e(event_when(e))}</td><td><strong>{_e(e['title'])}</strong><br>{_e(e['detail'])}</td>"
            f"<td>{_e(STATUS_WORDS.get(e['status'], e['status']))}</td><td>{sources.cite(e)}</td></tr>"
            for _, e in events.iterrows()
        )
        parts.append(
            "<table><thead><tr><th>When</th><th>What</th><th>Status</th><th>Source</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
        if (events["status"] == NOT_FOUND).any():
            parts.append(
                '<p class="note">“Not found” items were looked for in published sources and not found; '
                "they are given no date.</p>"
            )
    parts.append("</section>")
    return "".join(parts)


def _published_later(published: object, as_at: date) -> bool:
    if is_missing(published):
        return False
    published = published.date() if isinstance(published, pd.Timestamp) else published
    return published > as_at


def _sources_section(sources: SourceRegister, as_at: date) -> str:
    items = []
    for source in sources.rows:
        url = source["url"]
        link = f' <a href="{_e(url)}">{_e(url)}</a>' if not is_missing(url) and url else " (web address not recorded)"
        published = format_date(source["published"]) if not is_missing(source["published"]) else "publication date not recorded"
        later = (
            " Published after the “data as at” date; cited here only for figures dated earlier."
            if _published_later(source["published"], as_at)
            else ""
        )
        items.append(
            f"<li><strong>{_e(source['publisher'])}</strong>: {_e(source['title'])}.{link} {_e(published)}; "
            f"{_e(tier_label(source['tier']) if not is_missing(source['tier']) else '')}.{_e(later)}</li>"
        )
    caveats = "".join(f"<li>{_e(c)}</li>" for c in CAVEATS)
    return (
        '<section class="major" id="sources"><h2>5. Sources and caveats</h2>'
        f'<h3>Sources</h3><ol class="sources">{"".join(items)}</ol>'
        f"<h3>Caveats</h3><ul>{caveats}</ul></section>"
    )


PRINT_CSS = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm;
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font-size: 8.5pt; } }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt; color: #000; background: #fff; }
body { margin: 0; line-height: 1.4; }
h1 { font-size: 26pt; margin: 0 0 6mm; }
h2 { font-size: 16pt; border-bottom: 2px solid #000; padding-bottom: 1mm; margin-top: 0; break-after: avoid; }
h3 { font-size: 12pt; margin: 6mm 0 2mm; break-after: avoid; }
a { color: #000; word-break: break-all; }
.cover { break-after: page; padding-top: 30mm; }
.cover .kicker { font-size: 12pt; text-transform: uppercase; letter-spacing: 0.08em; }
.cover dl { display: grid; grid-template-columns: 45mm auto; gap: 2mm 4mm; font-size: 13pt; margin: 10mm 0; }
.cover dt { font-weight: bold; }
.cover dd { margin: 0; }
.cover .data-as-at { border: 2px solid #000; padding: 3mm 4mm; font-size: 14pt; display: inline-block; }
section.major { break-before: page; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 9pt; }
caption { text-align: left; font-style: italic; padding-bottom: 1mm; }
thead { display: table-header-group; }
tr, .figure-row, .not-found, li { break-inside: avoid; }
th, td { border: 1px solid #000; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
th { background: #fff; border-bottom: 2px solid #000; }
.grade { font-weight: bold; white-space: nowrap; }
.figure-group { break-inside: avoid; }
.figure-row { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 4mm; align-items: start; }
.figure-row img { width: 100%; border: 1px solid #000; }
.summary p { margin: 0; }
.overdue { border: 1.5px solid #000; padding: 0 1mm; }
.not-found { border-left: 4px double #000; padding-left: 3mm; }
.note { font-style: italic; }
.ref { white-space: nowrap; }
table.counts { width: auto; min-width: 70mm; }
table.tracker { table-layout: fixed; }
table.tracker th:nth-child(1) { width: 15%; } table.tracker th:nth-child(2) { width: 24%; }
table.tracker th:nth-child(3) { width: 12%; } table.tracker th:nth-child(4), table.tracker th:nth-child(5) { width: 10%; }
table.tracker th:nth-child(6) { width: 29%; }
.evidence { font-size: 8pt; }
ol.sources li { margin-bottom: 1.5mm; }
"""


def render_html(data: BriefingData, images: dict[str, str]) -> str:
    """The whole pack as one self-contained HTML document (images inline), ready to print."""
    sources = SourceRegister()
    body = [
        _grades_section(data, sources),
        _figures_section(data, images, sources),
        _tracker_section(data, sources),
        _timeline_section(data, sources),
    ]
    body.append(_sources_section(sources, data.as_at))
    title = f"Briefing pack: {data.force_name}, data as at {format_date(data.as_at)}"
    cover = (
        '<section class="cover">'
        '<p class="kicker">Police and Crime Panel · Briefing pack</p>'
        f"<h1>{_e(data.force_name)}</h1>"
        f"<p>Inspection grades, key figures, the improvement tracker and the inspection timeline, for {_e(data.cycle_name)}.</p>"
        "<dl>"
        f"<dt>Date of this pack</dt><dd>{_e(format_date(data.made_on))}</dd>"
        f"<dt>Data as at</dt><dd>{_e(format_date(data.as_at))}</dd>"
        f"<dt>Inspection</dt><dd>{_e(data.cycle_name)}</dd>"
        "</dl>"
        f'<p class="data-as-at">Data as at {_e(format_date(data.as_at))}: grades published after this day, figures for '
        "periods ending after it, and tracker updates and timeline events dated after it are left out.</p>"
        "<h2>Contents</h2><ol><li>Inspection grades</li><li>Key figures</li><li>Improvement tracker</li>"
        "<li>Inspection timeline</li><li>Sources and caveats</li></ol>"
        "<p>Grades are written in words with a symbol, and charts mark each measure with its own shape, so this pack "
        "reads in black and white. Numbers in square brackets refer to the numbered sources in section 5.</p>"
        "</section>"
    )
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title><style>{PRINT_CSS}</style></head>"
        f"<body>{cover}{''.join(body)}</body></html>"
    )


# ---------------------------------------------------------------- PDF


def find_chromium() -> str | None:
    """Debian's chromium (or another Chrome) on the PATH; BRIEFING_CHROMIUM names another."""
    named = os.environ.get("BRIEFING_CHROMIUM")
    if named:
        return named if Path(named).exists() or shutil.which(named) else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(document: str, chromium: str | None = None, timeout: int = PDF_TIMEOUT_SECONDS) -> bytes:
    """Print the HTML to PDF with headless Chromium, in a fresh profile; raise BriefingError in plain words."""
    chromium = chromium or find_chromium()
    if chromium is None:
        raise BriefingError("The PDF cannot be made on this server because the Chromium browser is not installed.")
    with tempfile.TemporaryDirectory(prefix="briefing-pdf-") as folder:
        page, output = Path(folder) / "pack.html", Path(folder) / "pack.pdf"
        page.write_text(document, encoding="utf-8")
        command = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={output}",
            "--no-pdf-header-footer",
            page.as_uri(),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise BriefingError("The PDF took too long to make. Please try again, or print the HTML version.") from None
        except OSError:
            raise BriefingError("The PDF cannot be made on this server: the Chromium browser could not be started.") from None
        if not output.exists() or output.stat().st_size == 0:
            raise BriefingError("The PDF could not be made just now. Please try again, or print the HTML version.")
        return output.read_bytes()


def file_stem(data: BriefingData) -> str:
    return f"briefing-pack-{data.force_id}-as-at-{data.as_at.isoformat()}"


def make_pack(force: ForceChoice, as_at: date, made_on: date | None = None) -> BriefingPack:
    """Gather, draw, write and print: HTML always; the PDF when Chromium works, else the reason why not."""
    data = gather(force, as_at, made_on)
    figures = chart_figures(data)
    images = chart_images(figures)
    notes = [] if len(images) == len(figures) else ["The chart images could not be made; the pack gives the figures as tables."]
    document = render_html(data, images)
    try:
        pdf, problem = print_pdf(document), None
    except BriefingError as error:
        pdf, problem = None, str(error)
    return BriefingPack(document, pdf, problem, file_stem(data), notes)

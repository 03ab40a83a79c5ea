"""The Panel's briefing pack: one HTML document for a force and a 'data as at' date, and a PDF printed from it.

Every data value goes into the HTML through html_text (dashboard/common/escape.py), and a link is made only from an
address dashboard.store.web_address accepts. Charts are static SVG images made by Plotly through kaleido, from the
same figures as the pages (their text escaped the same way); the PDF is the same HTML printed by headless Chromium.
Grades are written in words with a symbol and charts differ by marker shape, so the pack reads in black and white.
"""

from __future__ import annotations

import base64
import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from dashboard.about.model.sources import glossary_entries
from dashboard.common.escape import html_link
from dashboard.common.forces import ForceChoice
from dashboard.common.scale import GRADE_ORDER, SYMBOL
from dashboard.common.wording import cited_title, format_date, grades_sentence, is_missing, tier_label
from dashboard.holding.briefing.content import BriefingExtra, Since, gather_extra, since_from_events
from dashboard.holding.briefing.sections import esc, figure_sections, peer_grades_section, summary_section
from dashboard.holding.charts import chartable, pack_chart
from dashboard.holding.model.timeline import STATUS_WORDS, event_when
from dashboard.holding.model.tracker import count_by_status, counts_sentence, overdue_flags, shown_or_not_published, tracker_gaps
from dashboard.store.checks import FINDING_KINDS, NOT_FOUND

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PDF_TIMEOUT_SECONDS = 120
CHART_WIDTH, CHART_HEIGHT = 640, 360

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
    tracker: pd.DataFrame
    events: pd.DataFrame
    extra: BriefingExtra | None = None  # summary, peers and figure sections (dashboard/holding/briefing/content.py)


@dataclass
class BriefingPack:
    html: str
    pdf: bytes | None
    problem: str | None = None  # why there is no PDF, in plain words
    file_stem: str = "briefing-pack"
    notes: list[str] = field(default_factory=list)


class BriefingError(RuntimeError):
    """The PDF could not be made; the message is fit to show to the public."""


def gather(force: ForceChoice, as_at: date, made_on: date | None = None, since: date | None = None) -> BriefingData:
    """Everything the pack shows, as known on the as-at date, from the named queries.

    `since` is the day changes are counted from; without one, the last public meeting in the timeline before
    the as-at date, else three months before it (the pack says which).
    """
    from queries import run_query  # imported here so the rendering below stays usable without a database

    cycle = run_query("cycles").iloc[0]
    grades = run_query("grades_as_at", cycle_id=cycle["cycle_id"], as_at=as_at)  # every force's: the extra sections count them
    events = run_query("timeline_events", force_id=force.force_id, as_at=as_at)
    chosen = Since(since, "the day chosen for this pack") if since is not None else since_from_events(events, as_at)
    return BriefingData(
        force_id=force.force_id,
        force_name=force.name,
        as_at=as_at,
        made_on=made_on or date.today(),
        cycle_id=cycle["cycle_id"],
        cycle_name=cycle["name"],
        comparability_note=cycle["comparability_note"],
        grades=grades[grades["force_id"] == force.force_id].reset_index(drop=True),
        tracker=run_query("improvement_tracker", force_id=force.force_id, cycle_id=cycle["cycle_id"], as_at=as_at),
        events=events,
        extra=gather_extra(force.force_id, as_at, chosen, cycle["cycle_id"]),
    )


def chart_figures(data: BriefingData) -> dict[str, go.Figure]:
    """One print-friendly figure per figure section that has dated percentages to draw."""
    if data.extra is None:
        return {}
    return {
        key: pack_chart(series, font_size=17, height=CHART_HEIGHT)
        for key, series in data.extra.series.items()
        if not chartable(series).empty
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
                    "title_kind": row.get("source_title_kind"),
                    "url": row.get("source_url"),
                    "published": row.get("source_published"),
                    "tier": row.get("source_tier"),
                }
            )
            self._index[key] = len(self.rows)
        return f'<span class="ref">[{self._index[key]}]</span>'


def _grade_words(grade: str) -> str:
    symbol = SYMBOL.get(grade, "")
    return f'<span class="grade">{esc(symbol)} {esc(grade)}</span>' if symbol else f'<span class="grade">{esc(grade)}</span>'


def _grades_section(data: BriefingData, sources: SourceRegister) -> str:
    grades = data.grades
    parts = ['<section class="part" id="grades"><h2>1. Inspection grades</h2>']
    if not grades["grade"].isin(GRADE_ORDER).any():
        if (grades["grade"] == "Not yet published").any():
            parts.append(
                f"<p>The {esc(data.cycle_name)} grades for {esc(data.force_name)} had not been published "
                f"by {esc(format_date(data.as_at))}.</p>"
            )
        else:
            parts.append(
                f"<p>We hold no {esc(data.cycle_name)} grades for {esc(data.force_name)}: "
                "no published source we found states them.</p>"
            )
    else:
        parts.append(f"<p>{esc(grades_sentence(data.force_name, data.cycle_name, grades))}</p>")
        rows = "".join(
            f"<tr><td>{esc(g['area_name'])}</td><td>{_grade_words(g['grade'])}</td>"
            f"<td>{esc(format_date(g['published']) if not is_missing(g['published']) else 'date not recorded')}</td>"
            f"<td>{esc(tier_label(g['source_tier']) if not is_missing(g['source_tier']) else '')} {sources.cite(g)}</td></tr>"
            for _, g in grades.iterrows()
        )
        parts.append(
            '<table class="grades"><caption>Grades by area, in words (symbols: ★★ Outstanding, ★ Good, ● Adequate, '
            "▲ Requires improvement, ✖ Inadequate)</caption>"
            "<thead><tr><th>Area</th><th>Grade</th><th>Published</th><th>Source</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    parts.append(f'<p class="note">{esc(data.comparability_note)}</p></section>')
    return "".join(parts)


def _tracker_section(data: BriefingData, sources: SourceRegister) -> str:
    tracker = data.tracker
    parts = [
        '<section class="part" id="tracker"><h2>6. Improvement tracker</h2>',
        f"<p>{esc(counts_sentence(data.force_name, tracker, data.as_at))}</p>",
    ]
    if not tracker.empty:
        counts = count_by_status(tracker)
        cells = "".join(f"<tr><td>{esc(status.capitalize())}</td><td>{n}</td></tr>" for status, n in counts.items())
        parts.append(f'<table class="counts"><thead><tr><th>Status</th><th>Items</th></tr></thead><tbody>{cells}</tbody></table>')
        overdue = overdue_flags(tracker, data.as_at)
        rows = []
        for index, item in tracker.iterrows():
            flag = ' <strong class="overdue">OVERDUE</strong>' if overdue[index] else ""
            evidence = (
                f'<br><span class="evidence">Evidence: {html_link(item["evidence_url"], item["evidence_url"])}</span>'
                if not is_missing(item["evidence_url"])
                else ""
            )
            rows.append(
                "<tr>"
                f"<td><strong>{esc(FINDING_KINDS.get(item['finding_kind'], item['finding_kind']))}</strong><br>"
                f"{esc(item['area_name'] if not is_missing(item['area_name']) else 'Not tied to one area')}</td>"
                f"<td>{esc(item['item'])}</td>"
                f"<td><strong>{esc(item['status'])}</strong>{flag}</td>"
                f"<td>{esc(shown_or_not_published(item['owner']))}</td>"
                f"<td>{esc(shown_or_not_published(item['target_date']))}</td>"
                f"<td><strong>{esc(format_date(item['update_date']))}</strong>: {esc(item['update_summary'])} "
                f"{sources.cite(item)}{evidence}</td>"
                "</tr>"
            )
        parts.append(
            '<table class="tracker"><thead><tr><th>Item</th><th>What is to be improved</th><th>Status</th><th>Owner</th>'
            f"<th>Target date</th><th>Latest update and evidence</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
    for _, gap in tracker_gaps(data.events, data.cycle_id).iterrows():
        parts.append(
            f'<p class="not-found"><strong>Not found: {esc(gap["title"])}.</strong> {esc(gap["detail"])} {sources.cite(gap)}</p>'
        )
    parts.append("</section>")
    return "".join(parts)


def _timeline_section(data: BriefingData, sources: SourceRegister) -> str:
    events = data.events
    parts = ['<section class="part" id="timeline"><h2>7. Inspection timeline</h2>']
    if events.empty:
        parts.append(f"<p>We hold no inspection timeline for {esc(data.force_name)}.</p>")
    else:
        rows = "".join(
            f"<tr><td>{esc(event_when(e))}</td><td><strong>{esc(e['title'])}</strong><br>{esc(e['detail'])}</td>"
            f"<td>{esc(STATUS_WORDS.get(e['status'], e['status']))}</td><td>{sources.cite(e)}</td></tr>"
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
        # Printed on paper, the address itself is the link's words; one that may not be linked to stays plain text.
        link = f" {html_link(url, url)}" if not is_missing(url) and url else " (web address not recorded)"
        published = format_date(source["published"]) if not is_missing(source["published"]) else "publication date not recorded"
        later = (
            " Published after the “data as at” date; cited here only for figures dated earlier."
            if _published_later(source["published"], as_at)
            else ""
        )
        items.append(
            f"<li><strong>{esc(source['publisher'])}</strong>: {esc(cited_title(source['title'], source['title_kind']))}.{link} "
            f"{esc(published)}; "
            f"{esc(tier_label(source['tier']) if not is_missing(source['tier']) else '')}.{esc(later)}</li>"
        )
    caveats = "".join(f"<li>{esc(c)}</li>" for c in CAVEATS)
    # The pack travels alone, so it carries the glossary every page links to.
    words = "".join(f"<li><strong>{esc(term)}</strong>: {esc(meaning)}.</li>" for term, meaning in glossary_entries())
    return (
        '<section class="part" id="sources"><h2>8. Sources</h2>'
        "<p>Numbered in the order first cited; a primary source is the publisher's own (HMICFRS, ONS, Home Office, "
        "police.uk), a second-hand one reports it.</p>"
        f'<ol class="sources">{"".join(items)}</ol></section>'
        f'<section class="part" id="caveats"><h2>9. Caveats</h2><ul>{caveats}</ul>'
        f'<h3 id="glossary">Abbreviations and terms</h3><ul class="glossary">{words}</ul></section>'
    )


PRINT_CSS = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm;
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font-size: 8.5pt; } }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt; color: #000; background: #fff; }
body { margin: 0; line-height: 1.4; }
h1 { font-size: 22pt; margin: 0 0 2mm; }
h2 { font-size: 15pt; border-bottom: 2px solid #000; padding-bottom: 1mm; margin: 7mm 0 3mm; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 4mm 0 2mm; break-after: avoid; }
a { color: #000; word-break: break-all; }
/* Page one: title block and summary; the only forced page break in the pack comes after it. */
.first-page { break-after: page; }
.cover .kicker { font-size: 10pt; text-transform: uppercase; letter-spacing: 0.08em; margin: 0 0 1mm; }
.cover dl { display: grid; grid-template-columns: 38mm auto; gap: 1mm 4mm; font-size: 10.5pt; margin: 2mm 0; }
.cover dt { font-weight: bold; }
.cover dd { margin: 0; }
.cover .data-as-at { border: 2px solid #000; padding: 2mm 3mm; margin: 2mm 0; }
.cover p.contents { margin: 2mm 0 0; }
.cover ol.contents { columns: 2; margin: 1mm 0 2mm; font-size: 9pt; }
.cover .how { font-size: 8.5pt; font-style: italic; }
.summary-page ul { margin: 1mm 0 2mm; padding-left: 5mm; }
.summary-page li { margin-bottom: 1mm; }
.keep, table.compare { break-inside: avoid; }
td.gap, p.gap { font-style: italic; }
table.compare th[scope="row"] { border-bottom: 1px solid #000; font-weight: normal; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 9pt; }
caption { text-align: left; font-style: italic; padding-bottom: 1mm; }
thead { display: table-header-group; }
tr, figure.chart, .not-found, li { break-inside: avoid; }
th, td { border: 1px solid #000; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
th { background: #fff; border-bottom: 2px solid #000; }
.grade { font-weight: bold; white-space: nowrap; }
figure.chart { margin: 0 0 2mm; width: 120mm; }
figure.chart img { width: 100%; border: 1px solid #000; }
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


CONTENTS = (
    "Summary",
    "Inspection grades",
    "Grades beside similar forces and England and Wales",
    "999 and 101 calls",
    "Crime recording",
    "Recorded crime and charge rate",
    "Improvement tracker",
    "Inspection timeline",
    "Sources",
    "Caveats",
)


def render_html(data: BriefingData, images: dict[str, str]) -> str:
    """The whole pack as one self-contained HTML document (images inline), ready to print.

    Page one is the title block and the summary; after it sections follow on without forced page breaks,
    and figures and short tables are kept whole (break-inside: avoid), so no page is left half empty.
    """
    sources = SourceRegister()
    body = []
    if data.extra is not None:
        body.append(
            summary_section(
                data.force_name, data.as_at, data.extra, data.tracker, data.events, data.grades, data.force_id, sources.cite
            )
        )
    body.append(_grades_section(data, sources))
    if data.extra is not None:
        body.append(peer_grades_section(data.force_name, data.extra, 2))
        body.append(figure_sections(data.extra, data.force_id, data.force_name, images, 3, sources.cite))
    body.append(_tracker_section(data, sources))
    body.append(_timeline_section(data, sources))
    body.append(_sources_section(sources, data.as_at))
    title = f"Briefing pack: {data.force_name}, data as at {format_date(data.as_at)}"
    contents = "".join(f"<li>{esc(c)}</li>" for c in CONTENTS[1:])
    cover = (
        '<header class="cover">'
        '<p class="kicker">Police and Crime Panel · Briefing pack</p>'
        f"<h1>{esc(data.force_name)}</h1>"
        "<dl>"
        f"<dt>Date of this pack</dt><dd>{esc(format_date(data.made_on))}</dd>"
        f"<dt>Data as at</dt><dd>{esc(format_date(data.as_at))}</dd>"
        f"<dt>Inspection</dt><dd>{esc(data.cycle_name)}</dd>"
        "</dl>"
        f'<p class="data-as-at">Data as at {esc(format_date(data.as_at))}: grades published after this day, figures for '
        "periods ending after it, and tracker updates and timeline events dated after it are left out.</p>"
        f'<p class="contents"><strong>After this summary:</strong></p><ol class="contents" start="1">{contents}</ol>'
        '<p class="how">Grades are written in words with a symbol, and charts mark each measure with its own shape, so this '
        "pack reads in black and white. Numbers in square brackets refer to the numbered sources in section 8.</p>"
        "</header>"
    )
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{esc(title)}</title><style>{PRINT_CSS}</style></head>"
        f'<body><div class="first-page">{cover}{body[0] if data.extra is not None else ""}</div>'
        f"{''.join(body[1:] if data.extra is not None else body)}</body></html>"
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


def run_in_own_group(command: list[str], timeout: float) -> None:
    """Run Chromium in a process group of its own and, when it is done or has run out of time, kill the whole group.

    Chromium starts a zygote, renderers and a GPU process; killing only the browser on a timeout left those
    running (and holding memory) for ever. Nothing reads its output, so none is kept.
    """
    try:
        browser = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        raise BriefingError("The PDF cannot be made on this server: the Chromium browser could not be started.") from None
    try:
        browser.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise BriefingError("The PDF took too long to make. Please try again, or print the HTML version.") from None
    finally:
        try:
            os.killpg(browser.pid, signal.SIGKILL)  # its group: the browser if still there, and everything it started
        except ProcessLookupError:  # all of them had already exited
            pass
        browser.wait()


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
        run_in_own_group(command, timeout)
        if not output.exists() or output.stat().st_size == 0:
            raise BriefingError("The PDF could not be made just now. Please try again, or print the HTML version.")
        return output.read_bytes()


def file_stem(data: BriefingData) -> str:
    since = f"-since-{data.extra.since.day.isoformat()}" if data.extra is not None else ""
    return f"briefing-pack-{data.force_id}-as-at-{data.as_at.isoformat()}{since}"


def make_pack(force: ForceChoice, as_at: date, made_on: date | None = None, since: date | None = None) -> BriefingPack:
    """Gather, draw, write and print: HTML always; the PDF when Chromium works, else the reason why not."""
    data = gather(force, as_at, made_on, since)
    figures = chart_figures(data)
    images = chart_images(figures)
    notes = [] if len(images) == len(figures) else ["The chart images could not be made; the pack gives the figures as tables."]
    document = render_html(data, images)
    try:
        pdf, problem = print_pdf(document), None
    except BriefingError as error:
        pdf, problem = None, str(error)
    return BriefingPack(document, pdf, problem, file_stem(data), notes)

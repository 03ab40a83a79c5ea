"""The Panel's briefing pack: one HTML document for a force and a 'data as at' date, and a PDF printed from it.

The HTML comes from the templates in dashboard/templates/briefing/ (dashboard.common.render, which escapes every data
value), and a link is made only to an address dashboard.store.web_address accepts. Charts are static SVG images made
by Plotly through kaleido, from the same figures as the pages (their text escaped the same way); the PDF is the same
HTML printed by headless Chromium. Grades are written in words with a symbol and charts differ by marker shape, so
the pack reads in black and white.
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
from markupsafe import Markup

from dashboard.about.model.sources import glossary_entries
from dashboard.common.forces import ForceChoice
from dashboard.common.render import render
from dashboard.common.scale import GRADE_ORDER
from dashboard.common.wording import cited_title, format_date, grades_sentence, is_missing, tier_label
from dashboard.grades.scorecard import PACK, Scorecard, scorecard, scorecard_figure, scorecard_text
from dashboard.holding.briefing.content import BriefingExtra, Since, gather_extra, since_from_events
from dashboard.holding.briefing.sections import WORDING, figures_context, peer_context, summary_context
from dashboard.holding.charts import chartable, pack_chart
from dashboard.holding.model.timeline import STATUS_WORDS
from dashboard.holding.model.tracker import count_by_status, counts_sentence, overdue_flags, tracker_gaps
from dashboard.store.checks import NOT_FOUND

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PDF_TIMEOUT_SECONDS = 120
CHART_WIDTH, CHART_HEIGHT = 640, 360
SCORECARD_KEY = "scorecard"

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
    figures = {}
    card = pack_scorecard(data)
    if card is not None:  # the grade scorecard opens the pack, as it opens meeting mode's grades slide
        figures[SCORECARD_KEY] = scorecard_figure(card, PACK)
    if data.extra is None:
        return figures
    return figures | {
        key: pack_chart(series, font_size=17, height=CHART_HEIGHT)
        for key, series in data.extra.series.items()
        if not chartable(series).empty
    }


def pack_scorecard(data: BriefingData) -> Scorecard | None:
    """The force's grades as the scorecard lays them out, when any grade is known as at the pack's date."""
    if not data.grades["grade"].isin(GRADE_ORDER).any():
        return None
    return scorecard(data.force_name, data.cycle_name, data.grades)


def chart_images(figures: dict[str, go.Figure]) -> dict[str, str]:
    """SVG data URIs made in one kaleido session; an empty dict when kaleido or its browser is unavailable."""
    if not figures:
        return {}
    import plotly.io as pio

    with tempfile.TemporaryDirectory(prefix="briefing-charts-") as folder:
        paths = [Path(folder) / f"{key}.svg" for key in figures]
        try:
            pio.write_images(
                list(figures.values()),
                paths,
                format="svg",
                # Each at the size it was drawn for (the scorecard sets its own), else the charts' size.
                width=[figure.layout.width or CHART_WIDTH for figure in figures.values()],
                height=[figure.layout.height or CHART_HEIGHT for figure in figures.values()],
            )
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
        return Markup('<span class="ref">[{}]</span>').format(self._index[key])


def _published_later(published: object, as_at: date) -> bool:
    if is_missing(published):
        return False
    published = published.date() if isinstance(published, pd.Timestamp) else published
    return published > as_at


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
    """The whole pack as one self-contained HTML document (images inline), ready to print (dashboard/templates/briefing).

    Page one is the title block, the grade scorecard and the summary; the sections follow on without forced page breaks,
    and figures and short tables are kept whole (break-inside: avoid), so no page is left half empty.
    """
    sources = SourceRegister()
    grades, tracker, events = data.grades, data.tracker, data.events
    grades_known = bool(grades["grade"].isin(GRADE_ORDER).any())
    overdue = overdue_flags(tracker, data.as_at) if not tracker.empty else pd.Series(dtype=bool)
    context = {
        **WORDING,
        "cite": sources.cite,
        "title": f"Briefing pack: {data.force_name}, data as at {format_date(data.as_at)}",
        "force_name": data.force_name,
        "made_on": data.made_on,
        "as_at": data.as_at,
        "cycle_name": data.cycle_name,
        "contents": CONTENTS[1:],
        "extra": data.extra,
        "grades_known": grades_known,
        "not_yet_published": bool((grades["grade"] == "Not yet published").any()),
        "grades_words": grades_sentence(data.force_name, data.cycle_name, grades) if grades_known else "",
        # Called where the table is drawn, so that its sources are numbered in the order the pack reads.
        "grade_rows": lambda: [_grade_row(g, sources) for g in grades.to_dict("records")],
        "comparability_note": data.comparability_note,
        "tracker_words": counts_sentence(data.force_name, tracker, data.as_at),
        "status_counts": list(count_by_status(tracker).items()) if not tracker.empty else [],
        "tracker_rows": [(item, bool(overdue[index])) for index, item in zip(tracker.index, tracker.to_dict("records"))],
        "tracker_gaps": tracker_gaps(events, data.cycle_id).to_dict("records"),
        "events": events.to_dict("records"),
        "any_not_found": bool((events["status"] == NOT_FOUND).any()) if not events.empty else False,
        "status_words": STATUS_WORDS,
        "sources": lambda: [{**row, "later": _published_later(row["published"], data.as_at)} for row in sources.rows],
        "cited_title": cited_title,
        "caveats": CAVEATS,
        "glossary": glossary_entries(),  # the pack travels alone, so it carries the glossary every page links to
    }
    context["scorecard_image"] = images.get(SCORECARD_KEY)  # drawn only where a grade is known (chart_figures)
    context["scorecard_text"] = scorecard_text(pack_scorecard(data)) if context["scorecard_image"] else ""
    if data.extra is not None:
        context.update(summary_context(data.force_name, data.as_at, data.extra, tracker, events, grades, data.force_id))
        context.update(peer_context(data.extra, 2))
        context.update(figures_context(data.extra, data.force_id, data.force_name, images, 3, sources.cite))
    return render("briefing/pack.html", **context)


def _grade_row(grade: dict, sources: SourceRegister) -> dict:
    """One area's row of the grade table: published date and kind of source in words, with its source's number."""
    published = format_date(grade["published"]) if not is_missing(grade["published"]) else "date not recorded"
    tier = tier_label(grade["source_tier"]) if not is_missing(grade["source_tier"]) else ""
    source = Markup("{} {}").format(tier, sources.cite(grade))
    return {"area": grade["area_name"], "grade": grade["grade"], "published": published, "source": source}


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

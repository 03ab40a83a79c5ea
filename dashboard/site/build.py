"""The static edition: every public page for every force as plain HTML, from the same views as the app's pages.

build_site() writes into an empty folder the caller gives (and then swaps in); addresses come from
dashboard/common/site_addresses.py. Charts are drawn once, in one kaleido session, as inline SVG.
"""

from __future__ import annotations

import gzip
import hashlib
import time
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from dashboard.about.model.accessibility import contact, statement_sections
from dashboard.about.model.sources import CAVEATS, glossary_markdown
from dashboard.about.views import about_view, sources_view
from dashboard.common import page_text
from dashboard.common.escape import markdown, markdown_join
from dashboard.common.forces import ForceChoice, resolve_force
from dashboard.common.lookups import cycle_names
from dashboard.common.render import markdown_text, render, table_data
from dashboard.common.scale import BADGE_COLOUR, FILL_COLOUR
from dashboard.common.site_addresses import (
    ABOUT_DATA,
    ACCESSIBILITY,
    ALL_FORCES,
    ASSET_FOLDER,
    FORCE_PAGES,
    NOT_FOUND_FILE,
    ROBOTS_FILE,
    SITEMAP_FILE,
    ForcePage,
    app_page_address,
    file_for,
    force_feed_address,
    force_page_address,
    preview_address,
    public_url,
    shared_page_address,
)
from dashboard.common.wording import format_date, small
from dashboard.grades.scorecard import scorecard_text
from dashboard.grades.views import every_scorecard, force_grades_view, national_view
from dashboard.holding.model.as_at import months_before
from dashboard.holding.views import timeline_view, tracker_view
from dashboard.overview.views import overview_view
from dashboard.performance.model.series import CALL_METRICS, OUTCOME_METRICS, RECORDING_METRICS
from dashboard.performance.views import CONTROL_LIMITS_METHOD, ThemeView, control_limits_note, theme_view
from dashboard.site.charts import Chart, export_svgs
from queries import run_query

SITE_NAME = "Policing accountability dashboard"
STYLESHEET = Path(__file__).parent.parent / "templates" / "site" / "site.css"

# The app pages each force page links to besides its own twin: (words of the link, the app page).
APP_TOOLS = (
    ("Explore any measure", ForcePage("", "Metric explorer", "explorer")),
    ("Compare with similar forces", ForcePage("", "Similar forces", "peers")),
    ("Meeting mode", ForcePage("", "Meeting mode", "meeting")),
    ("Briefing pack for the Panel", ForcePage("", "Briefing pack", "briefing")),
)
THEMES = {
    "calls": (CALL_METRICS, page_text.CALLS, page_text.calls_small_print),
    "crime-recording": (RECORDING_METRICS, page_text.CRIME_RECORDING, page_text.recording_small_print),
    "crime-outcomes": (OUTCOME_METRICS, page_text.CRIME_OUTCOMES, page_text.outcomes_small_print),
}


@dataclass
class SiteReport:
    """What build_site wrote: how many pages, the bytes of each kind of page (all of that kind together), how long."""

    pages: int = 0
    bytes_by_kind: dict[str, int] = field(default_factory=dict)
    pages_by_kind: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    chart_seconds: float = 0.0  # of which drawing the charts (one kaleido session)
    charts: int = 0

    def average_bytes(self, kind: str) -> int:
        return self.bytes_by_kind[kind] // max(1, self.pages_by_kind[kind])


@dataclass
class Page:
    """One page to write: its address, kind, template and the names the template uses."""

    address: str
    kind: str
    template: str
    context: dict


def stylesheet_text() -> str:
    """The one stylesheet: site.css, then a badge and background rule per grade colour from the one mapping."""
    grades = "\n".join(
        f".{colour}-badge, .{colour}-background {{ background: {FILL_COLOUR[grade]}; }}"
        for grade, colour in BADGE_COLOUR.items()
        if grade in FILL_COLOUR
    )
    return STYLESHEET.read_text(encoding="utf-8") + "\n" + grades + "\n"


def _frame_table(frame: pd.DataFrame | None):
    return None if frame is None or frame.empty else table_data(frame)


def _chart(charts: list[Chart], figure, summary: str, frame: pd.DataFrame) -> Chart:
    chart = Chart(figure, summary, table_data(frame))
    charts.append(chart)
    return chart


def _force_common(force: ForceChoice, page: ForcePage, preview_text: str, lead: object) -> dict:
    """What every page of one force shows around its content: links to its other pages, its feed, its preview."""
    return {
        "force": force,
        "page": page,
        "force_pages": [(p, force_page_address(force.force_id, p.slug)) for p in FORCE_PAGES],
        "feed": force_feed_address(force.force_id),
        "canonical": public_url() + force_page_address(force.force_id, page.slug),
        "image": public_url() + preview_address(force.force_id),
        "image_alt": preview_text,  # the preview image's own grade list (scorecard_text)
        "description": markdown_text(lead),
        "app_twin": app_page_address(page, force.force_id),
        "app_tools": [(words, app_page_address(tool, force.force_id)) for words, tool in APP_TOOLS],
    }


def force_pages(force: ForceChoice, today: date, charts: list[Chart], preview_text: str) -> list[Page]:
    """The seven pages of one force, each from the view its app page uses."""
    fid = force.force_id
    overview = overview_view(fid, force.name, force.short_name, today)
    pages = []

    def add(slug: str, template: str, title: str, lead: object, intro: str, **context) -> None:
        page = next(p for p in FORCE_PAGES if p.slug == slug)
        common = _force_common(force, page, preview_text, lead)
        kind = slug or "overview"
        pages.append(
            Page(
                force_page_address(fid, slug), kind, template, {**common, "title": title, "lead": lead, "intro": intro, **context}
            )
        )

    add(
        "",
        "site/overview.html",
        page_text.OVERVIEW.titled(force.name),
        overview.lead,
        page_text.OVERVIEW.intro,
        view=overview,
        grade_rows=[
            {"area": g["Area"], "grade": g["Grade"], "published": format_date(g["Published"]), "source": g["How we know"]}
            for g in overview.grades_table.to_dict("records")
        ],
        sources=_frame_table(overview.sources),
        grades_intro=small(page_text.GRADE_SCALE),
        figures_intro=small(page_text.HEADLINE_FIGURES_NOTE),
        no_earlier=page_text.no_grades_held(overview.previous_name, force.name),
        no_figures=page_text.no_headline_figures(force.name),
        counts_small=markdown_join([overview.counts_note, overview.counts_source], "  \n"),
    )

    cycles = run_query("cycles")
    cycle_id, cycle_name = cycles.iloc[0]["cycle_id"], cycles.iloc[0]["name"]
    grades = force_grades_view(fid, force.name, cycle_id, cycle_name)
    add(
        "grades",
        "site/grades.html",
        page_text.GRADES.titled(force.name),
        grades.lead,
        page_text.GRADES.intro,
        view=grades,
        cycle_name=cycle_name,
        counts_table=_frame_table(grades.counts_table),
        grades_table=_frame_table(grades.grades_table),
        findings_table=_frame_table(grades.findings_table) if grades.findings_count else None,
        side_by_side=_frame_table(grades.side_by_side),
        sources=_frame_table(grades.sources),
        sources_note=small(grades.counts_source) if grades.counts_source is not None and not grades.any_known else "",
        words=page_text,
        findings_counted=page_text.findings_counted(grades.findings_count, force.name, cycle_name, grades.unplaced_count),
    )

    for slug, (metrics, words, small_print) in THEMES.items():
        theme = theme_view(fid, metrics, today)
        add(
            slug,
            "site/theme.html",
            words.titled(force.short_name),
            theme.lead,
            words.intro,
            small_print=small_print(theme.comparison.basis, theme.any_chart),
            sections=_theme_sections(theme, charts),
            control_note=control_limits_note(theme),
            control_method=CONTROL_LIMITS_METHOD,
        )

    since = months_before(today, 3)
    tracker = tracker_view(fid, force.name, cycle_id, today, since)
    add(
        "tracker",
        "site/tracker.html",
        page_text.TRACKER.titled(force.name),
        tracker.lead,
        page_text.TRACKER.intro,
        view=tracker,
        table=_frame_table(tracker.block.table) if tracker.block else None,
        heading=f"Where each item stands: {cycle_names().get(cycle_id, cycle_id)}",
        none_held=page_text.no_tracker_items(force.name, cycle_names().get(cycle_id, cycle_id), format_date(today)),
        as_at=markdown("Data as at **{}**.", format_date(today)),
        changes_heading=f"What changed since {format_date(since)}",
    )

    timeline = timeline_view(fid, force.name, today)
    chart = None
    if timeline.chart is not None:
        chart = _chart(charts, timeline.chart.figure, timeline.chart.summary, timeline.chart.table)
    add(
        "timeline",
        "site/timeline.html",
        page_text.TIMELINE.titled(force.name),
        timeline.lead,
        page_text.TIMELINE.intro,
        view=timeline,
        chart=chart,
        none_held=page_text.no_timeline(force.name),
    )
    return pages


def _theme_sections(theme: ThemeView, charts: list[Chart]) -> list[dict]:
    sections = []
    for section in theme.sections:
        view = section.view
        chart = control = None
        if view.figure is not None:
            chart = _chart(charts, view.figure, view.summary, view.table)
            if view.control is not None and view.control.reason is None:
                control = _chart(charts, view.control.figure, view.control.summary, view.control.table)
        sections.append(
            {
                "name": section.name,
                "view": view,
                "chart": chart,
                "control": control,
                "table": _frame_table(view.table),
                "notes": markdown_join(view.notes_under_chart, "  \n"),
                "control_heading": page_text.control_heading(theme.comparison.force_name),
            }
        )
    return sections


def shared_pages(forces: pd.DataFrame, charts: list[Chart]) -> list[Page]:
    """All forces (the site's front page, with the force chooser), About the data and the accessibility statement."""
    cycles = run_query("cycles")
    cycle_id, cycle_name = cycles.iloc[0]["cycle_id"], cycles.iloc[0]["name"]
    first = forces.iloc[0]
    national = national_view(cycle_id, cycle_name, first["force_id"], first["short_name"])
    counts = _chart(charts, national.counts_figure, national.counts_summary, national.counts_table)
    chooser = [(row.name, force_page_address(row.force_id)) for row in forces.sort_values("name").itertuples()]

    def common(page: ForcePage, lead: object) -> dict:
        return {
            "force": None,
            "page": page,
            "force_pages": [],
            "feed": None,
            "canonical": public_url() + shared_page_address(page),
            "image": None,
            "image_alt": "",
            "description": markdown_text(lead),
            "app_twin": app_page_address(page),
            "app_tools": [],
        }

    about = about_view()
    sources = sources_view("all", "all")
    return [
        Page(
            shared_page_address(ALL_FORCES),
            "all-forces",
            "site/all_forces.html",
            {
                **common(ALL_FORCES, page_text.ALL_FORCES.intro),
                "title": page_text.ALL_FORCES.title,
                "lead": None,
                "intro": page_text.ALL_FORCES.intro,
                "view": national,
                "cycle_name": cycle_name,
                "chooser": chooser,
                "counts_chart": counts,
                "grid_table": _frame_table(national.grid.table),
                "sources": _frame_table(national.sources),
            },
        ),
        Page(
            shared_page_address(ABOUT_DATA),
            "about-data",
            "site/about.html",
            {
                **common(ABOUT_DATA, about.lead),
                "title": page_text.ABOUT_DATA.title,
                "lead": about.lead,
                "intro": page_text.ABOUT_DATA.intro,
                "view": about,
                "caveats": markdown_join((markdown("- **{}.** {}", h, text) for h, text in CAVEATS), "\n"),
                "glossary": glossary_markdown(),
                "sources_summary": sources.summary,
                "sources": _frame_table(sources.table),
                "loads": _frame_table(about.loads_table),
                "revisions": _frame_table(about.revisions_table) if about.revised_count else None,
                "measures": _frame_table(about.metrics_table),
                "words": page_text,
            },
        ),
        Page(
            shared_page_address(ACCESSIBILITY),
            "accessibility",
            "site/accessibility.html",
            {
                **common(ACCESSIBILITY, page_text.ACCESSIBILITY.intro),
                "title": page_text.ACCESSIBILITY.title,
                "lead": None,
                "intro": page_text.ACCESSIBILITY.intro,
                "sections": statement_sections(contact()),
            },
        ),
    ]


def _write(path: Path, text: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(data)


def gzipped_size(path: Path) -> int:
    """The bytes a server sends for this file compressed (gzip at its default level), as nginx would."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def build_site(destination: Path, only: Collection[str] | None = None) -> SiteReport:
    """Write the whole static edition into `destination` (an empty folder) and say what was written.

    `only` limits the forces to those named (tests, a quick look); the shared pages are written either way."""
    started = time.perf_counter()
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    report = SiteReport()
    today = date.today()

    css = stylesheet_text()
    digest = hashlib.sha256(css.encode("utf-8")).hexdigest()[:12]
    stylesheet = f"/f/{ASSET_FOLDER}/site.{digest}.css"
    _write(file_for(stylesheet, destination), css)

    forces = run_query("forces")
    if only is not None:
        forces = forces[forces["force_id"].isin(list(only))].reset_index(drop=True)
    cards = every_scorecard()  # the grade scorecard each force's preview image shows, for its text alternative
    charts: list[Chart] = []
    pages: list[Page] = []
    for row in forces.itertuples():
        pages.extend(force_pages(resolve_force(row.force_id, forces), today, charts, scorecard_text(cards[row.force_id])))
    pages.extend(shared_pages(forces, charts))
    report.chart_seconds = export_svgs(charts)
    report.charts = len(charts)

    site = {"site_name": SITE_NAME, "stylesheet": stylesheet, "all_feed": force_feed_address(), "built_on": today}
    kinds: Counter[str] = Counter()
    sizes: Counter[str] = Counter()
    for page in pages:
        size = _write(file_for(page.address, destination), render(page.template, **site, **page.context))
        kinds[page.kind] += 1
        sizes[page.kind] += size
    not_found = {
        "force": None,
        "page": None,
        "force_pages": [],
        "feed": None,
        "canonical": public_url() + "/f/" + NOT_FOUND_FILE,
        "image": None,
        "image_alt": "",
        "description": "This page of the static edition does not exist.",
        "app_twin": app_page_address(ALL_FORCES),
        "app_tools": [],
        "title": "Page not found",
        "lead": None,
        "intro": "",
    }
    sizes["404"] += _write(destination / NOT_FOUND_FILE, render("site/404.html", **site, **not_found))
    kinds["404"] += 1
    addresses = [public_url() + page.address for page in pages]
    _write(destination / SITEMAP_FILE, render("site/sitemap.xml", addresses=addresses, day=today.isoformat()))
    _write(
        destination / ROBOTS_FILE,
        f"User-agent: *\nAllow: /\n\nSitemap: {public_url()}{shared_page_address(ALL_FORCES)}{SITEMAP_FILE}\n",
    )

    # The feeds and the link previews (each its own module); imported here so tests can stand in for them.
    from dashboard.site.feeds import write_feeds
    from dashboard.site.previews import write_previews

    write_feeds(destination, today)
    write_previews(destination)

    report.pages = sum(kinds.values())
    report.pages_by_kind = dict(kinds)
    report.bytes_by_kind = dict(sizes)
    report.seconds = time.perf_counter() - started
    return report

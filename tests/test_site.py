"""The static edition (dashboard/site/build.py) built from the fixture database: every page where its address says,
the same words and figures as the app's views, hostile data kept as text, links that resolve, and light pages."""

from __future__ import annotations

import gzip
import re
import sys
import types
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dashboard.common.forces import ForceChoice
from dashboard.common.render import markdown_text
from dashboard.common.site_addresses import (
    FORCE_PAGES,
    SHARED_PAGES,
    file_for,
    force_feed_address,
    force_page_address,
    preview_address,
    public_url,
    shared_page_address,
)
from dashboard.store.web_address import checked_url
from tests.hostile_data import VISIBLE, build_hostile_database

HERTS = ForceChoice("hertfordshire", "Hertfordshire", "Hertfordshire Constabulary")
OVERVIEW_BUDGET = 60 * 1024  # bytes, gzipped: a force's overview with its stylesheet


class Page(HTMLParser):
    """What a reader and a crawler get from one page: its elements, words, headings, links and meta tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []  # (tag, name, value)
        self.words: list[str] = []
        self.headings: list[int] = []
        self.meta: dict[str, str] = {}
        self._skip = 0  # inside <svg> (drawn words) or <head>: not part of the readable text

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        values = dict(attrs)
        self.attributes.extend((tag, name, value or "") for name, value in attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "meta":
            self.meta[values.get("property") or values.get("name") or ""] = values.get("content", "")
        if tag in ("svg", "head"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("svg", "head"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.words.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.words).split())

    def links(self, name: str = "href") -> list[tuple[str, str]]:
        return [(tag, value) for tag, attribute, value in self.attributes if attribute == name]


def read(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def squashed(text: str) -> str:
    return " ".join(text.split())


def stand_ins(patch: pytest.MonkeyPatch, called: list | None = None) -> None:
    """The feeds and previews parts of the static edition (built elsewhere), as modules that write an empty file at
    each address the pages link to, and note that they were called."""
    from queries import run_query

    def feeds(destination: Path, today=None) -> None:
        for force_id in [None, *run_query("forces")["force_id"]]:
            target = file_for(force_feed_address(force_id), destination)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("")
        if called is not None:
            called.append(("feeds", destination))

    def previews(destination: Path) -> None:
        for force_id in run_query("forces")["force_id"]:
            file_for(preview_address(force_id), destination).write_bytes(b"")
        if called is not None:
            called.append(("previews", destination))

    for name, function, body in (("feeds", "write_feeds", feeds), ("previews", "write_previews", previews)):
        module = types.ModuleType(f"dashboard.site.{name}")
        setattr(module, function, body)
        patch.setitem(sys.modules, f"dashboard.site.{name}", module)


@pytest.fixture(scope="module")
def site(fixture_db, tmp_path_factory) -> Path:
    from dashboard.site.build import build_site

    folder = tmp_path_factory.mktemp("site") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_DB", str(fixture_db))
        stand_ins(patch)
        build_site(folder)
    return folder


@pytest.fixture
def forces(use_fixture_db) -> list[str]:
    from queries import run_query

    return run_query("forces")["force_id"].tolist()


def html_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def test_every_force_has_its_seven_pages_and_the_site_its_shared_pages(site, forces):
    for force_id in forces:
        for page in FORCE_PAGES:
            assert file_for(force_page_address(force_id, page.slug), site).is_file(), (force_id, page.slug)
    for page in SHARED_PAGES:
        assert file_for(shared_page_address(page), site).is_file(), page.title
    assert (site / "404.html").is_file()
    assert read(site / "404.html").headings[0] == 1
    assert len(list((site / "assets").glob("site.*.css"))) == 1


def test_the_overview_opens_with_the_same_lead_grades_and_999_figure_as_the_apps_view(site, use_fixture_db):
    from dashboard.overview.views import overview_view

    view = overview_view(HERTS.force_id, HERTS.name, HERTS.short_name, date.today())
    page = read(site / "hertfordshire" / "index.html")
    assert squashed(markdown_text(view.lead)) in page.text
    assert "999 calls: 85.0% answered within 10 seconds (April 2024" in page.text
    assert "▲ Requires improvement" in page.text and "Responding to the public" in page.text
    card = view.figure_cards[0]
    assert card.value == "85.0%"
    assert card.name in page.text and card.value in page.text and markdown_text(card.period) in page.text
    assert "Source: Test Gazette: “Test news story”, 1 May 2024 · second-hand source" in page.text


def test_the_calls_page_gives_each_measures_sentence_as_the_app_does(site, use_fixture_db):
    from dashboard.performance.model.series import CALL_METRICS
    from dashboard.performance.views import theme_view

    theme = theme_view(HERTS.force_id, CALL_METRICS, date.today())
    page = read(site / "hertfordshire" / "calls" / "index.html")
    assert squashed(markdown_text(theme.lead)) in page.text
    for section in theme.sections:
        assert section.name in page.text
        if section.view.summary:
            assert squashed(section.view.summary) in page.text


def test_every_chart_is_an_svg_with_its_sentence_and_its_figures_in_a_table(site):
    charted = [path for path in html_files(site) if "<figure" in path.read_text(encoding="utf-8")]
    assert charted, "the fixture data draws at least one chart"
    for path in charted:
        document = path.read_text(encoding="utf-8")
        for figure in re.findall(r"<figure.*?</figure>", document, re.S):
            assert "<figcaption>" in figure and "<details><summary>" in figure and "<table>" in figure, path
            assert "<svg" in figure, f"{path}: the chart was not drawn"
            assert "<script" not in figure and "href" not in figure


def test_every_page_is_headed_in_order_with_a_skip_link_and_one_stylesheet(site):
    for path in html_files(site):
        page = read(path)
        assert page.headings[0] == 1 and page.headings.count(1) == 1, path
        assert all(b - a <= 1 for a, b in zip(page.headings, page.headings[1:])), (path, page.headings)
        stylesheets = [v for tag, name, v in page.attributes if tag == "link" and name == "href" and v.endswith(".css")]
        assert len(stylesheets) == 1, path
        assert ("a", "#main") in page.links()
        assert "script" not in page.tags, path


def test_every_link_inside_the_static_edition_and_its_stylesheet_resolve_to_a_file(site):
    for path in html_files(site):
        for tag, address in read(path).links():
            address = address.split("#")[0]
            if address.startswith("/f/"):
                assert file_for(address, site).is_file(), f"{path}: {tag} {address} leads nowhere"


def test_no_page_asks_another_origin_for_anything_and_links_out_only_to_checked_citations(site):
    own = public_url()
    for path in html_files(site):
        page = read(path)
        assert not page.links("src"), f"{path} loads something"
        for tag, address in page.links():
            if address.startswith(("/", "#")) and not address.startswith("//"):
                continue
            if address.startswith(own + "/"):  # the canonical address: this site's own
                continue
            assert tag == "a" and checked_url(address) == address, f"{path}: {tag} {address}"


def test_a_force_overview_with_its_stylesheet_is_within_60_kb_gzipped(site, forces):
    stylesheet = next((site / "assets").glob("site.*.css"))
    for force_id in forces:
        overview = file_for(force_page_address(force_id), site)
        size = len(gzip.compress(overview.read_bytes())) + len(gzip.compress(stylesheet.read_bytes()))
        assert size <= OVERVIEW_BUDGET, (force_id, size)


def test_every_force_page_carries_its_feed_its_preview_and_the_grade_list_as_the_images_words(site, use_fixture_db):
    from dashboard.grades.scorecard import scorecard_text
    from dashboard.grades.views import every_scorecard

    grade_list = scorecard_text(every_scorecard()[HERTS.force_id])  # the preview picture's own words
    for page in FORCE_PAGES:
        path = file_for(force_page_address(HERTS.force_id, page.slug), site)
        parsed = read(path)
        assert parsed.meta["og:image"] == public_url() + preview_address(HERTS.force_id)
        assert parsed.meta["og:url"] == public_url() + force_page_address(HERTS.force_id, page.slug)
        assert parsed.meta["twitter:card"] == "summary_large_image"
        assert parsed.meta["twitter:image:alt"] == parsed.meta["og:image:alt"] == grade_list
        assert parsed.meta["og:title"] and parsed.meta["og:description"]
        feeds = [v for t, n, v in parsed.attributes if t == "link" and n == "href" and v.endswith(".atom")]
        assert feeds == [force_feed_address(HERTS.force_id), force_feed_address()]
        hrefs = [address for _, address in parsed.links()]
        assert f"/{page.app_path}?force=hertfordshire" in hrefs  # its interactive twin
        for tool in ("explorer", "peers", "meeting", "briefing"):
            assert f"/{tool}?force=hertfordshire" in hrefs


def test_all_forces_lists_every_force_as_a_plain_link(site, use_fixture_db):
    from queries import run_query

    page = read(site / "index.html")
    hrefs = [address for _, address in page.links()]
    for force in run_query("forces").itertuples():
        assert force_page_address(force.force_id) in hrefs
        assert force.name in page.text


def test_about_the_data_holds_the_glossary_every_page_links_to(site):
    page = read(site / "about-data" / "index.html")
    assert ("h2", "id", "glossary") in page.attributes
    assert ("a", "/f/about-data/#glossary") in read(site / "hertfordshire" / "calls" / "index.html").links()


def test_the_sitemap_lists_every_page_by_its_absolute_address_and_robots_names_it(site, forces):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    listed = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert len(listed) == len(forces) * len(FORCE_PAGES) + len(SHARED_PAGES)
    assert public_url() + "/f/hertfordshire/calls/" in listed
    assert all(address.startswith(public_url() + "/f/") for address in listed)
    assert f"Sitemap: {public_url()}/f/sitemap.xml" in (site / "robots.txt").read_text()


def test_the_feeds_and_previews_are_written_when_their_parts_are_there(fixture_db, tmp_path, monkeypatch):
    from dashboard.site.build import build_site

    monkeypatch.setenv("DASHBOARD_DB", str(fixture_db))
    monkeypatch.setattr("dashboard.site.build.export_svgs", lambda charts: 0.0)
    called: list = []
    stand_ins(monkeypatch, called)
    report = build_site(tmp_path / "site", only=["hertfordshire"])
    assert called == [("feeds", tmp_path / "site"), ("previews", tmp_path / "site")]
    assert report.pages_by_kind["overview"] == 1 and report.pages == len(FORCE_PAGES) + len(SHARED_PAGES) + 1


def test_the_pack_and_the_static_overview_write_each_grade_as_symbol_and_word_with_one_macro(site, use_fixture_db):
    from dashboard.holding.briefing import pack as briefing

    document = briefing.render_html(briefing.gather(HERTS, date(2025, 8, 1), date(2025, 8, 2)), {})
    overview = (site / "hertfordshire" / "index.html").read_text(encoding="utf-8")
    for html in (document, overview):
        assert '<td><span class="grade">▲ Requires improvement</span></td>' in html
        assert "<caption>Grades by area, in words (symbols: ★★ Outstanding" in html
    assert "HMICFRS graded Hertfordshire Constabulary" in document


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[str] = []
        self.handlers: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    from dashboard.site.build import build_site

    _, database = build_hostile_database(tmp_path_factory.mktemp("hostile"))
    folder = tmp_path_factory.mktemp("hostile-site") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_DB", str(database))
        build_site(folder, only=["hertfordshire", "essex"])
    return folder


def test_hostile_text_stays_text_on_every_static_page(hostile_site):
    pages = html_files(hostile_site)
    shown_on = 0
    for path in pages:
        parsed = Elements()
        parsed.feed(path.read_text(encoding="utf-8"))
        assert not {"script", "iframe", "img", "style", "object", "embed", "image"} & set(parsed.elements), path
        assert not parsed.handlers, path
        shown_on += VISIBLE in "".join(parsed.text)
    assert shown_on >= len(pages) - 2  # the hostile words are shown as words (404 and the statement hold no data)
    charts = [p for p in pages if "<svg" in p.read_text(encoding="utf-8")]
    assert charts, "the hostile data draws charts too"


def test_a_charts_svg_keeps_its_drawing_and_loses_scripts_links_pictures_and_handlers():
    from dashboard.site.charts import clean_svg

    drawn = clean_svg(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="5">'
        '<defs id="defs-ab12cd"><clipPath id="clipab12cdxy"><rect width="1" height="1"/></clipPath></defs>'
        '<script>window.x=1</script><a xlink:href="javascript:alert(1)"><text>link</text></a>'
        '<image href="http://127.0.0.2/p.png"/><foreignObject><div>html</div></foreignObject>'
        '<g onclick="alert(1)" style="fill: url(http://127.0.0.2/x)" clip-path="url(#clipab12cdxy)">'
        "<text>&lt;script&gt; ab12cd stays as words</text></g></svg>",
        "c7",
    )
    assert "<script" not in drawn and "<a" not in drawn and "<image" not in drawn and "foreignObject" not in drawn
    assert "onclick" not in drawn and "127.0.0.2" not in drawn and "href" not in drawn
    assert 'clip-path="url(#clipc7xy)"' in drawn and 'id="clipc7xy"' in drawn  # ids unique on the page
    assert "&lt;script&gt; ab12cd stays as words" in drawn
    assert 'viewBox="0 0 10 5"' in drawn


def test_a_built_site_links_each_page_to_a_real_feed_and_a_real_preview_image(fixture_db, tmp_path, monkeypatch):
    """Without stand-ins: the feed a page announces parses as Atom with the force's entries, and the preview its
    Open Graph tags name is the 1200 by 630 scorecard."""
    import html
    import struct
    import xml.etree.ElementTree as ElementTree

    from dashboard.grades.scorecard import scorecard_text
    from dashboard.grades.views import every_scorecard
    from dashboard.site.build import build_site

    monkeypatch.setenv("DASHBOARD_DB", str(fixture_db))
    monkeypatch.setattr("dashboard.site.build.export_svgs", lambda charts: 0.0)
    site = tmp_path / "site"
    build_site(site, only=["hertfordshire"])
    overview = file_for("/f/hertfordshire/", site).read_text()
    feed_address = re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', overview).group(1)
    feed = ElementTree.parse(file_for(feed_address.removeprefix(public_url()), site)).getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.tag == f"{atom}feed"
    assert "Hertfordshire" in feed.findtext(f"{atom}title")
    image = re.search(r'<meta property="og:image" content="([^"]+)"', overview).group(1)
    png = file_for(image.removeprefix(public_url()), site).read_bytes()
    alt = html.unescape(re.search(r'<meta property="og:image:alt" content="([^"]+)"', overview).group(1))
    assert alt == scorecard_text(every_scorecard()["hertfordshire"])  # the picture's own grade list
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1200, 630)

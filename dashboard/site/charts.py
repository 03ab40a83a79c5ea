"""The static edition's charts: Plotly figures exported as SVG by kaleido, all in one session, and cleaned for inline use.

A page holds its chart as an SVG element, so the SVG is parsed and written out again keeping only drawing elements and
attributes: no script, link, image, foreign content, event handler or address outside the SVG itself. Each chart's ids
are made unique, so two charts on one page never share a clip path.
"""

from __future__ import annotations

import re
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import plotly.graph_objects as go
from markupsafe import Markup

from dashboard.common.render import TableData

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG)
ET.register_namespace("xlink", XLINK)

CHART_WIDTH, CHART_HEIGHT = 720, 400
# What Plotly draws with: shapes, text, groups, clip paths and gradients. Anything else is dropped with its content.
DRAWING = {
    "svg", "g", "defs", "clipPath", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan",
    "linearGradient", "radialGradient", "stop", "pattern", "mask", "marker", "title", "desc", "symbol",
}  # fmt: skip
_LOCAL_URL = re.compile(r"url\((?!['\"]?#)", re.IGNORECASE)  # url(...) to anything but an id in the same SVG


@dataclass
class Chart:
    """One chart on a static page: its figure, the sentence that is its text alternative, its data, and its SVG
    once exported (None when kaleido could not draw it: the page then says so and keeps the table)."""

    figure: go.Figure
    summary: str
    table: TableData
    svg: Markup | None = field(default=None)


def _clean(element: ET.Element) -> None:
    for child in list(element):
        if child.tag.split("}")[-1] not in DRAWING or not child.tag.startswith("{" + SVG):
            element.remove(child)
        else:
            _clean(child)
    for name in list(element.attrib):
        local = name.split("}")[-1].lower()
        value = element.attrib[name]
        # data-* attributes repeat the words already drawn; dropping them keeps the page light
        if local.startswith(("on", "data-")) or local == "href" or _LOCAL_URL.search(value):
            del element.attrib[name]


def clean_svg(text: str, prefix: str) -> Markup:
    """Kaleido's SVG as a drawing only (see the module's docstring), with its ids prefixed to be unique on the page."""
    found = re.search(r'id="defs-([0-9a-z]+)"', text)
    if found:  # the figure's uid, in its ids and the references to them only (never in its words)
        text = re.sub(r'(id="|url\(#)([\w-]*?)' + re.escape(found.group(1)), lambda m: m.group(1) + m.group(2) + prefix, text)
    root = ET.fromstring(text)
    if root.tag != f"{{{SVG}}}svg":
        raise ValueError("not an SVG drawing")
    _clean(root)
    width, height = root.attrib.pop("width", None), root.attrib.pop("height", None)
    if "viewBox" not in root.attrib and width and height:
        root.attrib["viewBox"] = f"0 0 {width} {height}"
    root.attrib["focusable"] = "false"
    root.attrib["aria-hidden"] = "true"  # the figure's caption and table carry its words
    # ElementTree escapes every text and attribute it writes: the result is markup made by code, not by the data.
    return Markup(ET.tostring(root, encoding="unicode"))


def export_svgs(charts: list[Chart]) -> float:
    """Draw every chart in one kaleido session and attach its SVG; return how long that took, in seconds.

    When kaleido or its browser fails, the charts keep no SVG and their pages say so (the figures stay in tables)."""
    import time

    import plotly.io as pio

    if not charts:
        return 0.0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="site-charts-") as folder:
        paths = [Path(folder) / f"chart-{index}.svg" for index in range(len(charts))]
        heights = [int(chart.figure.layout.height or CHART_HEIGHT) for chart in charts]
        try:
            pio.write_images([c.figure for c in charts], paths, format="svg", width=CHART_WIDTH, height=heights)
        except Exception:  # kaleido raises several kinds of error when Chromium is missing or fails
            return time.perf_counter() - started
        for index, (chart, path) in enumerate(zip(charts, paths)):
            try:
                chart.svg = clean_svg(path.read_text(encoding="utf-8"), f"c{index}")
            except (OSError, ET.ParseError, ValueError):
                chart.svg = None
    return time.perf_counter() - started

"""Benchmark the static edition: `make bench-static` (or `python -m bench.static --help`).

The time to build and publish the whole site (publish_site), the bytes of each kind of page as stored and as sent
gzipped, and, in a fresh Chromium with Lighthouse's mobile profile (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s
up, CPU 4x slower, 360 px wide), the time until Hertfordshire's grade is visible: the static overview, the app's
overview and an empty Streamlit page side by side (median of a few runs, each in a new browser with an empty cache).
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import statistics
import sys
import tempfile
import time
import types
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from bench.run import EMPTY_APP, RESULTS, run_and_report
from dashboard.web.site_files import GZIP_MINIMUM_BYTES
from deploy.process import AppServer

# Lighthouse's mobile profile ("Slow 4G" as its throttling calls it): what issue 23 measured the app with.
LATENCY_MS = 150
DOWN_BYTES_PER_SECOND = 1.6 * 1024 * 1024 / 8
UP_BYTES_PER_SECOND = 750 * 1024 / 8
CPU_SLOWDOWN = 4
PHONE = {"width": 360, "height": 640}
TARGET_SECONDS = 2.5  # Google's "good" largest contentful paint, issue 23's target for the static overview
OVERVIEW_BUDGET_BYTES = 60 * 1024  # a force's overview, HTML and CSS gzipped (issue 23)
GZIP_LEVEL = 5  # what the app process sends (Streamlit's middleware); nginx's gzip_comp_level defaults to 1
FORCE = "hertfordshire"

# The grade is visible once the page's rendered text names the force and a grade (innerText leaves out what is
# hidden). Polled every 50 ms inside the page, which reports its own clock: the time since navigation began.
GRADE_WORDS = r"\b(Outstanding|Good|Adequate|Requires improvement|Inadequate)\b"
_GRADE_VISIBLE = """([force, words]) => {
    const text = document.body ? document.body.innerText : '';
    return text.includes(force) && new RegExp(words).test(text) ? performance.now() : false;
}"""
# The empty page has no grade: it is drawn when Streamlit has run its script and shows the result.
_EMPTY_DRAWN = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app && app.dataset.testScriptState === 'notRunning' && document.querySelector('[data-testid="stMain"]')
        ? performance.now() : false;
}"""


@dataclass
class Visit:
    name: str
    address: str
    seconds: list[float]  # time until visible, one per run
    transferred_bytes: list[int]  # bytes over the network, compressed as sent

    @property
    def median_seconds(self) -> float:
        return statistics.median(self.seconds)


def kind_of(relative: Path) -> str:
    """The kind of page or file a path in the site folder is, as the report groups them."""
    parts = relative.parts
    if parts[0] == "assets":
        return "stylesheet" if relative.suffix == ".css" else "asset"
    if len(parts) == 1:
        return {"index.html": "all forces", "404.html": "404 page"}.get(parts[0], parts[0])
    if parts[0] == "digests":
        return "digest (per release)"
    if relative.name == "index.html" and parts[0] in ("about-data", "accessibility"):
        return parts[0]
    if relative.name == "index.html":
        return "force overview" if len(parts) == 2 else f"force {parts[1]}"
    return {"feed.atom": "force feed", "preview.png": "preview image"}.get(relative.name, relative.suffix or relative.name)


def bytes_by_kind(folder: Path) -> dict[str, dict[str, float]]:
    """Per kind: how many files, the median bytes as stored and as sent (gzipped as the app sends them: text of at
    least GZIP_MINIMUM_BYTES), and the largest as sent."""
    sizes: dict[str, list[tuple[int, int]]] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        compressed = path.suffix != ".png" and len(data) >= GZIP_MINIMUM_BYTES  # as the server decides
        packed = len(gzip.compress(data, GZIP_LEVEL)) if compressed else len(data)
        sizes.setdefault(kind_of(path.relative_to(folder)), []).append((len(data), packed))
    return {
        kind: {
            "files": len(pairs),
            "raw_median": statistics.median(raw for raw, _ in pairs),
            "gzip_median": statistics.median(packed for _, packed in pairs),
            "gzip_largest": max(packed for _, packed in pairs),
        }
        for kind, pairs in sizes.items()
    }


def overview_with_css_gzipped(folder: Path, force: str = FORCE) -> int:
    """A force's overview and the stylesheet it links to, gzipped: what a first visit downloads to read it."""
    page = (folder / force / "index.html").read_bytes()
    stylesheets = re.findall(rb'<link[^>]+rel="stylesheet"[^>]+href="/f/([^"]+)"', page)
    files = [page, *((folder / name.decode()).read_bytes() for name in stylesheets if (folder / name.decode()).is_file())]
    return sum(len(gzip.compress(data, GZIP_LEVEL)) for data in files)


def publish(stand_in: bool) -> tuple[float, object, bool]:
    """publish_site() into the site folder DASHBOARD_SITE names: (seconds, its report, whether the stand-in built it)."""
    from dashboard.site.publish import publish_site

    if not stand_in:
        try:
            import dashboard.site.build  # noqa: F401 - present once the builder is merged
        except ImportError:
            print("dashboard.site.build is not there yet: measuring the stand-in (bench/stand_in_site.py)", file=sys.stderr)
            stand_in = True
    if stand_in:
        from bench.stand_in_site import write_stand_in_site

        sys.modules["dashboard.site.build"] = types.SimpleNamespace(build_site=write_stand_in_site)  # type: ignore[assignment]
    started = time.perf_counter()
    report = publish_site()
    return time.perf_counter() - started, report, stand_in


def visit(chromium_path: str, args: list[str], url: str, ready: str, ready_args) -> tuple[float, int]:
    """One first visit in a new Chromium with an empty cache on the throttled phone profile: (seconds, bytes)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=args)
        try:
            context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
            tab = context.new_page()
            cdp = context.new_cdp_session(tab)
            cdp.send("Network.enable")
            cdp.send(
                "Network.emulateNetworkConditions",
                {
                    "offline": False,
                    "latency": LATENCY_MS,
                    "downloadThroughput": DOWN_BYTES_PER_SECOND,
                    "uploadThroughput": UP_BYTES_PER_SECOND,
                },
            )
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
            transferred: list[int] = []
            cdp.on("Network.loadingFinished", lambda event: transferred.append(event["encodedDataLength"]))
            tab.goto(url, wait_until="commit", timeout=120_000)
            shown = tab.wait_for_function(ready, arg=ready_args, polling=50, timeout=120_000).json_value()
            return shown / 1000, int(sum(transferred))
        finally:
            browser.close()


def measure_visits(app_url: str, empty_url: str, runs: int) -> list[Visit]:
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    grade = (_GRADE_VISIBLE, ["Hertfordshire", GRADE_WORDS])
    targets = [
        ("static overview", f"{app_url}/f/{FORCE}/", *grade),
        ("app overview", f"{app_url}/?force={FORCE}", *grade),
        ("empty Streamlit page", f"{empty_url}/", _EMPTY_DRAWN, None),
    ]
    visits = [Visit(name, address, [], []) for name, address, _ready, _args in targets]
    # One unthrottled visit each first, so the servers' caches are warm: what a visitor meets on a site in use.
    for _name, address, ready, ready_args in targets:
        visit_unthrottled(CHROMIUM, CHROMIUM_ARGS, address, ready, ready_args)
    for run in range(runs):
        for measured, (name, address, ready, ready_args) in zip(visits, targets, strict=True):
            print(f"Run {run + 1} of {runs}: {name}", file=sys.stderr)
            seconds, transferred = visit(CHROMIUM, CHROMIUM_ARGS, address, ready, ready_args)
            measured.seconds.append(seconds)
            measured.transferred_bytes.append(transferred)
    return visits


def visit_unthrottled(chromium_path: str, args: list[str], url: str, ready: str, ready_args) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=args)
        try:
            tab = browser.new_page(viewport=PHONE)
            tab.goto(url, wait_until="commit", timeout=60_000)
            tab.wait_for_function(ready, arg=ready_args, polling=50, timeout=60_000)
        finally:
            browser.close()


def report(results: dict) -> str:
    lines = [
        f"Static edition ({'stand-in' if results['stand_in'] else 'the real builder'}), published in "
        f"{results['publish_seconds']:.2f} s: {results['pages']:,} pages.",
        "",
        f"{'kind':<24} {'files':>6} {'median bytes':>13} {'as sent':>9} {'largest as sent':>16}",
    ]
    for kind, size in sorted(results["bytes"].items()):
        raw, packed, largest = size["raw_median"], size["gzip_median"], size["gzip_largest"]
        lines.append(f"{kind:<24} {size['files']:>6} {raw:>13,.0f} {packed:>9,.0f} {largest:>16,.0f}")
    budget = "within" if results["overview_with_css_gzipped"] <= OVERVIEW_BUDGET_BYTES else "OVER"
    lines += [
        f"{FORCE}'s overview with its stylesheet, gzipped: {results['overview_with_css_gzipped']:,} bytes "
        f"({budget} the {OVERVIEW_BUDGET_BYTES // 1024} KB budget)",
        "",
        f"Until the grade is visible, fresh Chromium, {LATENCY_MS} ms RTT, {DOWN_BYTES_PER_SECOND * 8 / 1024 / 1024:.1f} Mbit/s "
        f"down, {UP_BYTES_PER_SECOND * 8 / 1024:.0f} kbit/s up, CPU {CPU_SLOWDOWN}x slower, {PHONE['width']} px wide "
        f"(median of {results['runs']}):",
    ]
    for page in results["visits"]:
        runs = ", ".join(f"{s:.2f}" for s in page["seconds"])
        kb = statistics.median(page["transferred_bytes"]) / 1024
        lines.append(f"  {page['name']:<22} {statistics.median(page['seconds']):>6.2f} s   ({runs}; {kb:,.0f} KB transferred)")
    static = next(p for p in results["visits"] if p["name"] == "static overview")
    verdict = "meets" if statistics.median(static["seconds"]) <= TARGET_SECONDS else "MISSES"
    lines.append(f"The static overview {verdict} the {TARGET_SECONDS} s target.")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> dict:
    scratch = Path(tempfile.mkdtemp(prefix="dashboard-bench-static-"))
    os.environ["DASHBOARD_SITE"] = str(scratch / "site")  # publish_site and the app server both read it
    from dashboard.store.build import ensure_database

    database = ensure_database()
    print("Publishing the static edition...", file=sys.stderr)
    seconds, published, stand_in = publish(args.stand_in)
    folder = Path(os.environ["DASHBOARD_SITE"])
    results: dict = {
        "started": datetime.now().isoformat(timespec="seconds"),
        "stand_in": stand_in,
        "publish_seconds": seconds,
        "pages": published.pages,
        "bytes": bytes_by_kind(folder),
        "overview_with_css_gzipped": overview_with_css_gzipped(folder),
        "runs": args.runs,
    }
    env = {"DASHBOARD_DB": str(database), "DASHBOARD_SITE": str(folder)}
    app = AppServer(env=env).start()
    empty = AppServer(EMPTY_APP, env=env).start()
    try:
        results["visits"] = [asdict(v) for v in measure_visits(app.url, empty.url, args.runs)]
    finally:
        app.stop()
        empty.stop()
    return results


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.static", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="throttled visits of each page (default 5; the median is shown)")
    parser.add_argument("--stand-in", action="store_true", help="measure the hand-made stand-in edition, not the real one")
    parser.add_argument("--output", type=Path, default=RESULTS, help="folder for the results (default bench/results)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    run_and_report("static", parse_args(argv), run, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark the dashboard against an empty Streamlit page: `make bench` (or `python -m bench.run --help`).

For every page the app registers: server CPU and wall time per warm rerun and the cold first load,
each beside an empty page served with the same settings in the same run; throughput, median and p95
with 1, 10 and 50 concurrent sessions; the database build time; a fresh browser's time to the first
chart; and what two app processes behind nginx give over one. Sessions speak Streamlit's websocket
protocol (bench/client.py), so the figures are the server's, not a browser's. Everything runs on
127.0.0.1, and every loop is bounded in count and in time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from bench.client import AppPage, StreamlitSession
from deploy.process import ROOT, AppServer, cpu_seconds

RESULTS = ROOT / "bench" / "results"
EMPTY_APP = "bench/empty_app.py"
EMPTY = "(empty page)"
TARGETS = {  # issue 12's targets
    "warm_cpu_ratio": 3.0,  # each page's warm rerun within 3x the empty page's server CPU
    "runs_per_second_at_50": 150.0,  # every page, from one process, with 50 sessions rerunning at once
    "p95_at_50_ms": 350.0,  # every page's p95 latency with those 50 sessions
    "build_seconds": 1.0,
}


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share in 0..1) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(share * len(ordered))))
    return ordered[rank - 1]


@dataclass
class Warm:
    runs: int
    cpu_ms: float  # server CPU per rerun
    wall_ms: float  # median wall time per rerun, as the client sees it


@dataclass
class Load:
    sessions: int
    runs: int
    seconds: float
    runs_per_second: float
    median_ms: float
    p95_ms: float
    server_cpu_share: float  # server CPU seconds per second of wall time (1.0 = one core busy)
    failures: int = 0


@dataclass
class PageResult:
    name: str
    url_pathname: str
    cold_wall_ms: float | None = None
    cold_cpu_ms: float | None = None
    warm: Warm | None = None
    load: list[Load] = field(default_factory=list)
    charts: int = 0


# --- measuring -------------------------------------------------------------------------------------------


async def first_run(url: str, page: AppPage | None) -> tuple[StreamlitSession, str]:
    """Open a session and run its first page; returns the session and the query string the page settled on."""
    session = StreamlitSession(url, keep_text=False)
    await session.__aenter__()
    result = await session.run(page.url_pathname if page else "", "")
    return session, result.query_string or ""


async def measure_warm(server: AppServer, page: AppPage | None, runs: int, max_seconds: float) -> tuple[Warm, int]:
    """Reruns of one page in one session, one after another (as clicks would cause)."""
    session, query = await first_run(server.url, page)
    try:
        first = await session.run(page.url_pathname if page else "", query)
        for _ in range(2):  # settle: caches filled, code paths warm
            await session.run(page.url_pathname if page else "", query)
        walls = []
        cpu_before, started = server.cpu_seconds(), time.perf_counter()
        while len(walls) < runs and time.perf_counter() - started < max_seconds:
            result = await session.run(page.url_pathname if page else "", query)
            walls.append(result.seconds)
        cpu = server.cpu_seconds() - cpu_before
    finally:
        await session.__aexit__(None, None, None)
    return Warm(len(walls), 1000 * cpu / len(walls), 1000 * statistics.median(walls)), first.charts


async def measure_load(url: str, page: AppPage | None, sessions: int, seconds: float, pids: list[int], headers_for=None) -> Load:
    """`sessions` concurrent sessions, each rerunning the page as soon as its last run finished, for `seconds`."""
    opened: list[tuple[StreamlitSession, str]] = []
    try:
        for number in range(sessions):
            session = StreamlitSession(url, keep_text=False, headers=headers_for(number) if headers_for else None)
            await session.__aenter__()
            result = await session.run(page.url_pathname if page else "", "")
            opened.append((session, result.query_string or ""))
        latencies: list[float] = []
        failures = 0
        deadline = time.perf_counter() + seconds

        async def loop(session: StreamlitSession, query: str) -> None:
            nonlocal failures
            while time.perf_counter() < deadline:
                try:
                    result = await session.run(page.url_pathname if page else "", query)
                except (TimeoutError, OSError):
                    failures += 1
                    return
                latencies.append(result.seconds)

        cpu_before = sum(cpu_seconds(pid) for pid in pids)
        started = time.perf_counter()
        await asyncio.gather(*(loop(s, q) for s, q in opened))
        elapsed = time.perf_counter() - started
        cpu = sum(cpu_seconds(pid) for pid in pids) - cpu_before
    finally:
        for session, _ in opened:
            await session.__aexit__(None, None, None)
    if not latencies:
        return Load(sessions, 0, elapsed, 0.0, float("nan"), float("nan"), cpu / elapsed, failures)
    return Load(
        sessions,
        len(latencies),
        round(elapsed, 2),
        len(latencies) / elapsed,
        1000 * statistics.median(latencies),
        1000 * percentile(latencies, 0.95),
        cpu / elapsed,
        failures,
    )


async def measure_cold(page: AppPage | None, env: dict[str, str], script: str | None) -> tuple[float, float]:
    """A freshly started process, and its first visitor opening this page: wall and server CPU of that first run."""
    server = AppServer(script, env=env).start()
    try:
        cpu_before = server.cpu_seconds()
        started = time.perf_counter()
        async with StreamlitSession(server.url, keep_text=False) as session:
            await session.run(page.url_pathname if page else "", "")
        return 1000 * (time.perf_counter() - started), 1000 * (server.cpu_seconds() - cpu_before)
    finally:
        server.stop()


def measure_build(repeats: int, scratch: Path) -> dict[str, float]:
    """In-process build of data/ (median of `repeats`) and the command line `python -m dashboard build` end to end."""
    from dashboard.store.build import build_database

    seconds = [build_database(db_path=scratch / f"build-{i}.duckdb").seconds for i in range(repeats)]
    env = {**os.environ, "DASHBOARD_DB": str(scratch / "cli.duckdb")}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "dashboard", "build"], cwd=ROOT, env=env, check=True, capture_output=True)
    return {
        "build_ms_median": 1000 * statistics.median(seconds),
        "build_ms_min": 1000 * min(seconds),
        "cli_ms": 1000 * (time.perf_counter() - started),
    }


def measure_first_chart(url: str, pages: list[PageResult]) -> dict[str, object] | None:
    """A fresh Chromium (new process, empty cache) opening the first page that has a chart, until the chart is drawn."""
    target = next((p for p in pages if p.charts), None)
    if target is None:
        return None
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        started = time.perf_counter()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        launched = time.perf_counter()
        try:
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            tab.goto(f"{url}/{target.url_pathname}")
            tab.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60_000)
            drawn = time.perf_counter()
        finally:
            browser.close()
    return {"page": target.name, "launch_ms": 1000 * (launched - started), "to_first_chart_ms": 1000 * (drawn - launched)}


def measure_cluster(env: dict[str, str], page: AppPage | None, sessions: int, seconds: float) -> list[dict[str, object]]:
    """The heaviest page at `sessions` concurrent sessions through nginx with 1 and then 2 app processes."""
    from deploy.cluster import Cluster, nginx_available

    if not nginx_available():
        return []
    rows = []
    for processes in (1, 2):
        with Cluster(processes, env=env) as cluster:
            load = asyncio.run(
                measure_load(cluster.url, page, sessions, seconds, cluster.pids, headers_for=cluster.session_headers)
            )
            rows.append({"processes": processes, **asdict(load)})
    return rows


# --- reporting -------------------------------------------------------------------------------------------


def ratio(value: float | None, floor: float | None) -> str:
    if value is None or not floor:
        return "-"
    return f"{value / floor:.1f}x"


def report(results: dict) -> str:
    out = []
    env = results["environment"]
    out.append(f"Benchmark {results['started']} · {env['cpus']} CPUs · Python {env['python']} · Streamlit {env['streamlit']}")
    out.append("")
    build = results["build"]
    out.append(
        f"Database build (data/): {build['build_ms_median']:.0f} ms median in process (best {build['build_ms_min']:.0f} ms); "
        f"`python -m dashboard build` end to end {build['cli_ms']:.0f} ms"
    )
    out.append("")
    pages: list[dict] = results["pages"]
    empty = next(p for p in pages if p["name"] == EMPTY)
    out.append("Per page, one session (warm = a rerun of the same page; cold = first visitor to a fresh process)")
    out.append(
        f"{'page':<30} {'warm CPU':>9} {'ratio':>6} {'warm wall':>10} {'ratio':>6} {'cold wall':>10} {'ratio':>6} {'cold CPU':>9}"
    )
    for p in pages:
        warm = p["warm"] or {}
        out.append(
            f"{p['name'][:30]:<30} {warm.get('cpu_ms', 0):>7.1f}ms {ratio(warm.get('cpu_ms'), empty['warm']['cpu_ms']):>6} "
            f"{warm.get('wall_ms', 0):>8.1f}ms {ratio(warm.get('wall_ms'), empty['warm']['wall_ms']):>6} "
            f"{(p['cold_wall_ms'] or 0):>8.0f}ms {ratio(p['cold_wall_ms'], empty['cold_wall_ms']):>6} "
            f"{(p['cold_cpu_ms'] or 0):>7.0f}ms"
        )
    out.append("")
    out.append("Concurrent sessions, one process: reruns per second, median and p95 latency, server CPU (cores busy)")
    levels = sorted({load["sessions"] for p in pages for load in p["load"]})
    out.append(f"{'page':<30} " + " ".join(f"{f'{n} session(s)':>30}" for n in levels))
    for p in pages:
        cells = []
        for n in levels:
            load = next((x for x in p["load"] if x["sessions"] == n), None)
            if load is None:
                cells.append("-")
                continue
            cells.append(
                f"{load['runs_per_second']:>6.0f}/s {load['median_ms']:>5.0f} {load['p95_ms']:>6.0f}ms "
                f"{load['server_cpu_share']:>4.2f}"
            )
        out.append(f"{p['name'][:30]:<30} " + " ".join(f"{c:>30}" for c in cells))
    if results.get("first_chart"):
        fc = results["first_chart"]
        out.append("")
        out.append(
            f"Fresh browser to first chart ({fc['page']}): {fc['to_first_chart_ms']:.0f} ms after Chromium started "
            f"(starting Chromium took {fc['launch_ms']:.0f} ms)"
        )
    if results.get("cluster"):
        out.append("")
        out.append(f"Behind nginx, heaviest page ({results['heaviest']}), {results['cluster'][0]['sessions']} sessions:")
        for row in results["cluster"]:
            out.append(
                f"  {row['processes']} process(es): {row['runs_per_second']:.0f} reruns/s, median {row['median_ms']:.0f} ms, "
                f"p95 {row['p95_ms']:.0f} ms, server CPU {row['server_cpu_share']:.2f} cores, failures {row['failures']}"
            )
    out.append("")
    out.append("Against the targets")
    for line in results["verdicts"]:
        out.append(f"  {line}")
    return "\n".join(out)


def verdicts(results: dict) -> list[str]:
    pages = [p for p in results["pages"] if p["name"] != EMPTY]
    empty = next(p for p in results["pages"] if p["name"] == EMPTY)
    floor = empty["warm"]["cpu_ms"]
    lines = []
    worst = max(pages, key=lambda p: p["warm"]["cpu_ms"])
    over = [p["name"] for p in pages if p["warm"]["cpu_ms"] > TARGETS["warm_cpu_ratio"] * floor]
    lines.append(
        f"{'MET ' if not over else 'MISSED'} warm rerun within {TARGETS['warm_cpu_ratio']:g}x the empty page's CPU "
        f"({floor:.1f} ms): worst {worst['name']} {worst['warm']['cpu_ms']:.1f} ms ({worst['warm']['cpu_ms'] / floor:.1f}x)"
        + (f"; over: {', '.join(over)}" if over else "")
    )
    at_50 = [(p["name"], x) for p in pages for x in p["load"] if x["sessions"] == 50]
    if at_50:
        slowest_name, slowest = min(at_50, key=lambda named: named[1]["runs_per_second"])
        short = [name for name, x in at_50 if x["runs_per_second"] < TARGETS["runs_per_second_at_50"]]
        lines.append(
            f"{'MET ' if not short else 'MISSED'} >= {TARGETS['runs_per_second_at_50']:g} reruns/s from one process with "
            f"50 sessions: slowest {slowest_name} {slowest['runs_per_second']:.0f}/s"
            + (f"; under: {', '.join(short)}" if short else "")
        )
        worst_name, worst_load = max(at_50, key=lambda named: named[1]["p95_ms"])
        lines.append(
            f"{'MET ' if worst_load['p95_ms'] <= TARGETS['p95_at_50_ms'] else 'MISSED'} p95 at most "
            f"{TARGETS['p95_at_50_ms']:g} ms with 50 sessions: worst {worst_name} {worst_load['p95_ms']:.0f} ms"
        )
    build = results["build"]["build_ms_median"]
    lines.append(f"{'MET ' if build < 1000 * TARGETS['build_seconds'] else 'MISSED'} database build under 1 s: {build:.0f} ms")
    return lines


# --- the run ---------------------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> dict:
    import streamlit

    scratch = Path(tempfile.mkdtemp(prefix="dashboard-bench-"))
    results: dict = {
        "started": datetime.now().isoformat(timespec="seconds"),
        "environment": {"cpus": os.cpu_count(), "python": platform.python_version(), "streamlit": streamlit.__version__},
        "settings": vars(args),
    }
    print("Building the database...", file=sys.stderr)
    results["build"] = measure_build(args.build_repeats, scratch)
    env = {"DASHBOARD_DB": str(scratch / "build-0.duckdb")}

    app = AppServer(env=env).start()
    empty = AppServer(EMPTY_APP, env=env).start()
    try:
        pages = asyncio.run(_discover(app.url))
        if args.pages:
            # The default page answers to '' as well as its own path (it is served at /).
            wanted = set(args.pages)
            pages = [p for p in pages if p.url_pathname in wanted or (p.is_default and "" in wanted)]
            if not pages:
                raise SystemExit(f"no page has the path {', '.join(args.pages)}: use the paths in app.py")
        measured: list[tuple[AppServer, AppPage | None, PageResult]] = [(empty, None, PageResult(EMPTY, "empty"))]
        measured += [(app, p, PageResult(p.title, p.url_pathname or "/")) for p in pages]
        for server, page, result in measured:
            print(f"Warm reruns: {result.name}", file=sys.stderr)
            result.warm, result.charts = asyncio.run(measure_warm(server, page, args.runs, args.max_seconds))
        for _server, page, result in measured:
            if args.cold:
                print(f"Cold first load: {result.name}", file=sys.stderr)
                wall, cpu = asyncio.run(measure_cold(page, env, EMPTY_APP if page is None else None))
                result.cold_wall_ms, result.cold_cpu_ms = wall, cpu
        for server, page, result in measured:
            for sessions in args.sessions:
                print(f"{sessions} concurrent session(s): {result.name}", file=sys.stderr)
                result.load.append(asyncio.run(measure_load(server.url, page, sessions, args.load_seconds, [server.pid])))
        heaviest_server, heaviest_page, heaviest = max(measured[1:], key=lambda m: m[2].warm.cpu_ms)
        results["heaviest"] = heaviest.name
        results["pages"] = [asdict(r) for _, _, r in measured]
        if args.browser:
            print("Fresh browser to first chart...", file=sys.stderr)
            results["first_chart"] = measure_first_chart(app.url, [r for _, _, r in measured[1:]])
    finally:
        app.stop()
        empty.stop()
    if args.cluster:
        print("Two processes behind nginx...", file=sys.stderr)
        results["cluster"] = measure_cluster(env, heaviest_page, max(args.sessions), args.load_seconds)
    results["verdicts"] = verdicts(results)
    return results


async def _discover(url: str) -> list[AppPage]:
    async with StreamlitSession(url, keep_text=False) as session:
        await session.run("", "")
    return session.pages


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=100, help="warm reruns per page (default 100)")
    parser.add_argument("--max-seconds", type=float, default=10.0, help="time limit for each page's warm reruns")
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 10, 50], help="concurrency levels (default 1 10 50)")
    parser.add_argument("--load-seconds", type=float, default=4.0, help="duration of each concurrency level (default 4)")
    parser.add_argument("--build-repeats", type=int, default=5)
    parser.add_argument("--pages", nargs="*", help="only these url paths ('' for the default page)")
    parser.add_argument("--no-cold", dest="cold", action="store_false", help="skip cold first loads (a fresh server each)")
    parser.add_argument("--no-browser", dest="browser", action="store_false", help="skip the fresh-browser measurement")
    parser.add_argument("--no-cluster", dest="cluster", action="store_false", help="skip the nginx 1-vs-2-process run")
    parser.add_argument("--output", type=Path, default=RESULTS, help="folder for the results (default bench/results)")
    return parser.parse_args(argv)


def save_results(kind: str, text: str, results: dict, folder: Path) -> Path:
    """The report as folder/<kind>-<time>.txt and the figures beside it as .json; returns the .txt's path."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    (folder / f"{kind}-{stamp}.txt").write_text(text + "\n", encoding="utf-8")
    (folder / f"{kind}-{stamp}.json").write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    return folder / f"{kind}-{stamp}.txt"


def run_and_report(kind: str, args: argparse.Namespace, run_bench, write_report) -> dict:
    """Run one benchmark, print its report and keep it with its figures in args.output; returns the figures."""
    results = run_bench(args)
    text = write_report(results)
    print(text)
    written = save_results(kind, text, results, args.output)
    print(f"\nWritten to {written} and .json", file=sys.stderr)
    return results


def main(argv: list[str] | None = None) -> int:
    run_and_report("bench", parse_args(argv), run, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())

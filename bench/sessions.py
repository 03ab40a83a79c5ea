"""Hundreds of visitors at once through nginx: `make bench-sessions` (or `python -m bench.sessions --help`).

Starts the cluster (deploy/cluster.py) on loopback and opens SESSIONS sessions together, each a browser's first
visit: the page over HTTP (nginx sets the route cookie), then the websocket and the page's first complete script
run; every tab stays open until all have their page. They come from several loopback addresses (127.0.0.2, .3...),
at most --per-address from each, as visitors on several networks do, because nginx limits what one address may
open. Then one address alone asks for more tabs than that limit, to show the rest are refused with 429.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import websockets

from bench.client import FINISHED, StreamlitSession
from bench.run import RESULTS, percentile, run_and_report
from deploy.cluster import Cluster
from deploy.process import raise_open_file_limit

# Over this many open tabs from one address nginx answers 429 (deploy/nginx.conf.template, tabs_per_address).
TABS_PER_ADDRESS = 250


@dataclass
class Visit:
    """One visitor's first page: seconds from asking for the page to its finished script run, or what went wrong."""

    address: str
    seconds: float | None = None
    error: str | None = None


@dataclass
class OneAddress:
    """Tabs asked for at once from one address: how many opened and how many nginx refused, with its words."""

    address: str
    asked: int
    opened: int = 0
    refused: Counter = field(default_factory=Counter)  # status code -> count
    refusal_body: str = ""
    other_errors: int = 0


def source_addresses(sessions: int, per_address: int) -> list[str]:
    """127.0.0.2, 127.0.0.3...: enough loopback addresses that none carries more than `per_address` sessions."""
    count = max(1, -(-sessions // per_address))
    if count > 250:
        raise ValueError("more loopback addresses than 127.0.0.2-251 would be needed: raise --per-address")
    return [f"127.0.0.{2 + n}" for n in range(count)]


async def load_page(url: str, path: str, source_address: str) -> tuple[int, str, str]:
    """GET `path` from `source_address` as a first visit; (status, the route cookie nginx set, the body's start)."""
    parts = urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port, local_addr=(source_address, 0))
    try:
        request = f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n\r\n"
        writer.write(request.encode("ascii"))
        await writer.drain()
        raw = await reader.read(-1)
    finally:
        writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    cookie = ""
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.lower() == "set-cookie" and value.strip().startswith("dashboard_route="):
            cookie = value.strip().split(";", 1)[0]
    return status, cookie, body[:200].decode("utf-8", "replace")


class Crowd:
    """Counts visitors whose page is done; `everyone` is set when all have arrived, `release` lets them close."""

    def __init__(self, total: int) -> None:
        self.total, self.arrived_count = total, 0
        self.everyone, self.release = asyncio.Event(), asyncio.Event()

    def arrived(self) -> None:
        self.arrived_count += 1
        if self.arrived_count >= self.total:
            self.everyone.set()


async def visit(url: str, page: str, address: str, crowd: Crowd, timeout: float) -> Visit:
    """A first visit from `address`: the page, its websocket and first run; then the tab stays open until released."""
    started = time.perf_counter()
    result: Visit | None = None
    try:
        async with asyncio.timeout(timeout):
            status, cookie, _body = await load_page(url, "/" + page, address)
            if status != 200:
                result = Visit(address, error=f"the page answered {status}")
            else:
                headers = {"Cookie": cookie} if cookie else {}
                async with StreamlitSession(url, timeout, headers, keep_text=False, source_address=address) as tab:
                    run = await tab.run(page, "")
                    seconds = time.perf_counter() - started
                    if run.errors:
                        result = Visit(address, error=f"the page showed an error: {run.errors[0][:80]}")
                    elif run.status not in FINISHED:
                        result = Visit(address, error="the script run did not finish")
                    else:
                        result = Visit(address, seconds)
                    crowd.arrived()
                    await crowd.release.wait()  # every tab open at once; bounded by the timeout above
    except TimeoutError:
        if result is None:
            result = Visit(address, error=f"no finished page within {timeout:.0f} s")
    except websockets.exceptions.InvalidStatus as refused:
        result = Visit(address, error=f"the websocket was refused with {refused.response.status_code}")
    except (OSError, websockets.exceptions.WebSocketException) as error:
        result = Visit(address, error=f"{type(error).__name__}: {str(error)[:80]}")
    if result is None or result.seconds is None:
        crowd.arrived()  # a failed visit arrives too, so the others are not held waiting for it
    return result or Visit(address, error="no result")


async def open_tabs(
    url: str, address: str, tabs: int, timeout: float = 60.0, while_open: Callable[[], Awaitable[None]] | None = None
) -> OneAddress:
    """Ask for `tabs` websockets at once from one address (no script runs), hold those that open, then close all.

    `while_open` is awaited while they are held: what another visitor gets meanwhile.
    """
    outcome = OneAddress(address, tabs)
    opened: list[StreamlitSession] = []

    async def one() -> None:
        tab = StreamlitSession(url, timeout, keep_text=False, source_address=address)
        try:
            await tab.__aenter__()
            opened.append(tab)
        except websockets.exceptions.InvalidStatus as refused:
            outcome.refused[refused.response.status_code] += 1
            outcome.refusal_body = outcome.refusal_body or refused.response.body.decode("utf-8", "replace").strip()
        except (OSError, TimeoutError, websockets.exceptions.WebSocketException):
            outcome.other_errors += 1

    try:
        async with asyncio.timeout(timeout):
            await asyncio.gather(*(one() for _ in range(tabs)))
            if while_open is not None:
                await while_open()
    finally:
        outcome.opened = len(opened)
        await asyncio.gather(*(tab.__aexit__(None, None, None) for tab in opened), return_exceptions=True)
    return outcome


def process_figures(pid: int) -> dict[str, float]:
    """Resident memory (MB), threads and open descriptors of one process, from /proc."""
    status = Path(f"/proc/{pid}/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return {
        "rss_mb": int(fields["VmRSS"].split()[0]) / 1024,
        "threads": int(fields["Threads"]),
        "descriptors": len(os.listdir(f"/proc/{pid}/fd")),
    }


def nginx_workers(master: int) -> list[int]:
    workers = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                workers.append(int(entry.name))
    return workers


async def watch_health(backends: list[str], stop: asyncio.Event, slowest: dict[str, float]) -> None:
    """Time each app process's /healthz every half second while the crowd arrives (the supervisor's poll bound)."""

    def timed(url: str) -> float:
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=30) as response:
                response.read()
        except (urllib.error.URLError, TimeoutError):
            return float("inf")
        return time.perf_counter() - started

    while not stop.is_set():
        for url in backends:
            slowest[url] = max(slowest.get(url, 0.0), await asyncio.to_thread(timed, url))
        try:
            await asyncio.wait_for(stop.wait(), 0.5)
        except TimeoutError:
            pass


async def crowd_run(cluster: Cluster, args: argparse.Namespace) -> dict:
    addresses = source_addresses(args.sessions, args.per_address)
    before = {pid: process_figures(pid) for pid in cluster.pids}
    crowd = Crowd(args.sessions)
    slowest_health: dict[str, float] = {}
    done_watching = asyncio.Event()
    watcher = asyncio.create_task(watch_health(cluster.backend_urls, done_watching, slowest_health))
    started = time.perf_counter()
    tasks = [
        asyncio.create_task(visit(cluster.url, args.page, addresses[n % len(addresses)], crowd, args.timeout))
        for n in range(args.sessions)
    ]
    try:
        await asyncio.wait_for(crowd.everyone.wait(), args.timeout + 30)
    except TimeoutError:
        pass
    everyone_seconds = time.perf_counter() - started
    peak = {pid: process_figures(pid) for pid in cluster.pids}
    workers = {pid: process_figures(pid) for pid in nginx_workers(cluster.nginx.pid)}
    done_watching.set()
    crowd.release.set()
    visits = await asyncio.gather(*tasks)
    await watcher
    times = [v.seconds for v in visits if v.seconds is not None]
    per_process = args.sessions / max(1, len(cluster.pids))
    return {
        "sessions": args.sessions,
        "addresses": {address: sum(1 for v in visits if v.address == address) for address in addresses},
        "errors": len([v for v in visits if v.error]),
        "error_kinds": dict(Counter(v.error for v in visits if v.error)),
        "p50_s": statistics.median(times) if times else None,
        "p95_s": percentile(times, 0.95) if times else None,
        "max_s": max(times) if times else None,
        "all_served_s": everyone_seconds,
        "app_processes": [
            {
                "pid": pid,
                **peak[pid],
                "rss_mb_before": before[pid]["rss_mb"],
                "kb_per_session": 1024 * (peak[pid]["rss_mb"] - before[pid]["rss_mb"]) / per_process,
            }
            for pid in cluster.pids
        ],
        "nginx_workers": list(workers.values()),
        "slowest_healthz_s": max(slowest_health.values(), default=None),
    }


def report(results: dict) -> str:
    crowd, env = results["crowd"], results["environment"]
    out = [
        f"Sessions benchmark {results['started']} · {env['cpus']} CPUs · {env['processes']} app processes behind nginx · "
        f"page '/{results['page']}'",
        "",
        f"{crowd['sessions']} visitors at once from {len(crowd['addresses'])} addresses "
        f"({', '.join(f'{a}: {n}' for a, n in crowd['addresses'].items())}), each: the page, its websocket, "
        "its first complete script run; every tab open until all were served",
        f"  errors: {crowd['errors']} (target 0)" + (f" {crowd['error_kinds']}" if crowd["errors"] else ""),
    ]
    if crowd["p50_s"] is not None:
        out.append(
            f"  time to a finished page: p50 {crowd['p50_s']:.1f} s, p95 {crowd['p95_s']:.1f} s, "
            f"slowest {crowd['max_s']:.1f} s; all served after {crowd['all_served_s']:.1f} s"
        )
    for process in crowd["app_processes"]:
        out.append(
            f"  app process {process['pid']}: {process['rss_mb']:.0f} MB resident (was {process['rss_mb_before']:.0f}; "
            f"{process['kb_per_session']:.0f} KB a session), {process['threads']} threads, "
            f"{process['descriptors']} descriptors"
        )
    for worker in crowd["nginx_workers"]:
        out.append(f"  nginx worker: {worker['descriptors']} descriptors, {worker['rss_mb']:.0f} MB")
    if crowd["slowest_healthz_s"] is not None:
        out.append(f"  slowest /healthz answer of an app process meanwhile: {crowd['slowest_healthz_s']:.2f} s")
    alone = results["one_address"]
    refused = ", ".join(f"{n} with {code}" for code, n in alone["refused"].items()) or "none"
    out += [
        "",
        f"One address ({alone['address']}) asking for {alone['asked']} tabs at once: {alone['opened']} opened, "
        f"refused: {refused}" + (f", other errors {alone['other_errors']}" if alone["other_errors"] else ""),
        f'  nginx said: "{alone["refusal_body"]}"' if alone["refusal_body"] else "",
    ]
    other = alone["meanwhile"]
    if other["seconds"] is not None:
        out.append(
            f"  meanwhile a visitor from another address ({other['address']}) had their page in {1000 * other['seconds']:.0f} ms"
        )
    else:
        out.append(f"  meanwhile a visitor from another address ({other['address']}) was not served: {other['error']}")
    return "\n".join(line for line in out if line is not None)


def run(args: argparse.Namespace) -> dict:
    import streamlit

    from dashboard.store.build import build_database

    raise_open_file_limit()  # the benchmark holds a socket per tab too
    scratch = Path(tempfile.mkdtemp(prefix="dashboard-sessions-"))
    print("Building the database...", file=sys.stderr)
    build_database(db_path=scratch / "dashboard.duckdb")
    results: dict = {
        "started": datetime.now().isoformat(timespec="seconds"),
        "environment": {"cpus": os.cpu_count(), "streamlit": streamlit.__version__, "processes": args.processes},
        "page": args.page,
        "settings": vars(args),
    }
    env = {"DASHBOARD_DB": str(scratch / "dashboard.duckdb")}
    with Cluster(args.processes, env=env, run_dir=scratch / "run") as cluster:
        print(f"{args.sessions} visitors at once...", file=sys.stderr)
        results["crowd"] = asyncio.run(crowd_run(cluster, args))
        print(f"One address asking for {args.one_address_tabs} tabs...", file=sys.stderr)
        meanwhile: list[Visit] = []

        async def another_visitor() -> None:
            crowd = Crowd(1)
            crowd.release.set()
            meanwhile.append(await visit(cluster.url, args.page, "127.0.0.253", crowd, args.timeout))

        alone = asyncio.run(open_tabs(cluster.url, "127.0.0.254", args.one_address_tabs, args.timeout, another_visitor))
        results["one_address"] = {**asdict(alone), "refused": dict(alone.refused), "meanwhile": asdict(meanwhile[0])}
    return results


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.sessions", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=600, help="visitors at once (default 600)")
    parser.add_argument("--processes", type=int, default=2, help="app processes behind nginx (default 2)")
    parser.add_argument(
        "--per-address",
        type=int,
        default=100,
        help=f"visitors per loopback address (default 100; nginx refuses over {TABS_PER_ADDRESS} from one)",
    )
    parser.add_argument("--page", default="", help="the page's path ('' for the overview, the default page)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds each visitor waits at most (default 300)")
    parser.add_argument(
        "--one-address-tabs", type=int, default=TABS_PER_ADDRESS + 50, help="tabs asked for from one address alone"
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help="folder for the results (default bench/results)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    results = run_and_report("sessions", parse_args(argv), run, report)
    return 0 if results["crowd"]["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

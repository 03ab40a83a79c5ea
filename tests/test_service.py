"""Running it as a service: the health address, a clean stop on SIGTERM, and a crashed process restarted.

The cluster runs as `python -m deploy.cluster` in its own session, as systemd would run it. Deadlines here are
correctness bounds (a stop must finish, a process must come back), never speed measurements: bench/ does those.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import streamlit

from bench.client import StreamlitSession
from bench.sessions import TABS_PER_ADDRESS, OneAddress, load_page, open_tabs
from dashboard.store.build import build_database
from dashboard.store.paths import DATA_DIR
from dashboard.web import serve
from dashboard.web.health import database_health
from deploy.cluster import nginx_available
from deploy.process import ROOT, AppServer, check_health, free_port, pid_running, port_is_free
from tests.browser.helpers import run_async

needs_nginx = pytest.mark.skipif(not nginx_available(), reason="nginx missing: run `make system-packages`")

START_DEADLINE = 120.0  # two Streamlit processes and nginx on a busy two-core machine
STOP_DEADLINE = 20.0  # deploy/cluster.py bounds a stop at about 1 + 8 + 10 s
BACK_DEADLINE = 60.0
# The exit codes of a process ended by a second signal (128 + the signal's number), not by a graceful stop.
AT_ONCE = (128 + signal.SIGINT, 128 + signal.SIGTERM)


def get(url: str, headers: dict[str, str] | None = None, timeout: float = 10) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def wait_for(condition, deadline_seconds: float, what: str):
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"{what}: not within {deadline_seconds:.0f} s")


# --- the health check, in process ---------------------------------------------------------------------------


def test_health_is_ok_when_the_database_is_readable(use_real_db):
    assert database_health() == (True, "ok")


def test_health_says_the_database_is_missing_without_naming_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(tmp_path / "gone.duckdb"))
    assert database_health() == (False, "database missing")


def test_health_says_unreadable_for_a_file_that_is_not_a_database(tmp_path, monkeypatch):
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"not a database\n" * 100)
    monkeypatch.setenv("DASHBOARD_DB", str(broken))
    assert database_health() == (False, "database unreadable")


# --- which app dashboard.web.serve serves -----------------------------------------------------------------------


def test_serve_uses_the_app_with_the_health_address_on_this_streamlit():
    assert serve.entry_point() == serve.SERVICE_APP


def test_serve_falls_back_to_app_py_and_says_why_when_streamlit_has_no_st_app(monkeypatch, caplog):
    monkeypatch.delattr(streamlit, "App")
    with caplog.at_level(logging.WARNING, logger="dashboard"):
        assert serve.entry_point() == serve.APP
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "/_stcore/health" in warnings[0]


def test_readiness_falls_back_to_streamlits_health_for_a_server_without_healthz(use_real_db, tmp_path):
    # The benchmark's empty page is served as a plain script (no st.App), as app.py would be in the fallback.
    empty = ROOT / "bench" / "empty_app.py"
    with AppServer(empty, env={"DASHBOARD_DB": str(use_real_db)}, log_path=tmp_path / "empty.log") as server:
        _status, page = get(server.url + "/healthz")
        assert page != "ok", "a plain Streamlit server answers any address with its app page"
        assert check_health(server.url) == (True, "ok (web server only)")


def test_a_dashboard_process_answers_healthz_from_its_database_and_a_second_signal_stops_it_at_once(real_db, tmp_path):
    db = tmp_path / "dashboard.duckdb"
    shutil.copy(real_db, db)
    server = AppServer(env={"DASHBOARD_DB": str(db)}, log_path=tmp_path / "app.log").start()
    try:
        assert get(server.url + "/healthz") == (200, "ok")
        db.rename(tmp_path / "moved.duckdb")
        assert get(server.url + "/healthz") == (503, "database missing")
        assert get(server.url + "/_stcore/health") == (200, "ok"), "Streamlit's own check cannot tell"
        (tmp_path / "moved.duckdb").rename(db)
        assert get(server.url + "/healthz") == (200, "ok")
        # Two different signals, so neither is merged into the other while pending (Python then handles them in
        # signal-number order): whichever comes second ends the process at once, with 128 + its number.
        os.kill(server.pid, signal.SIGTERM)
        os.kill(server.pid, signal.SIGINT)
        assert server.process.wait(timeout=STOP_DEADLINE) in AT_ONCE
    finally:
        server.stop()
    assert "stopping now" in (tmp_path / "app.log").read_text()
    assert port_is_free(server.port)


# --- the cluster as a service -------------------------------------------------------------------------------


class RunningCluster:
    """`python -m deploy.cluster` in a session of its own, and what it wrote to run_dir/cluster.json."""

    def __init__(self, db: Path, run_dir: Path, options: tuple[str, ...] = ()) -> None:
        self.run_dir = run_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(run_dir.parent / f"{run_dir.name}.log", "wb")  # noqa: SIM115 - closed in stop()
        command = [sys.executable, "-m", "deploy.cluster", "--processes", "2", "--port", str(self.port)]
        command += ["--run-dir", str(run_dir), *options]
        env = {**os.environ, "DASHBOARD_DB": str(db)}
        # A session of its own, as under systemd: signals reach it only when sent to it.
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        wait_for(self.ready, START_DEADLINE, "the cluster reporting ready")

    def ready(self) -> bool:
        """Started and supervising: what systemd would call ready (the log line comes just before READY=1)."""
        assert self.process.poll() is None, f"the cluster exited with {self.process.returncode}: {self.output()}"
        return (self.run_dir / "cluster.json").exists() and "health through nginx" in self.output()

    def state(self) -> dict:
        return json.loads((self.run_dir / "cluster.json").read_text())

    def children(self) -> list[tuple[int, int]]:
        """(pid, port) of nginx and of every app process."""
        state = self.state()
        return [(state["nginx"]["pid"], state["nginx"]["port"])] + [(p["pid"], p["port"]) for p in state["processes"]]

    def output(self) -> str:
        if not self.log.closed:
            self.log.flush()
        return (self.run_dir.parent / f"{self.run_dir.name}.log").read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=STOP_DEADLINE)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


@pytest.fixture
def db_copy(real_db, tmp_path) -> Path:
    """A copy of the real database that a test may take away and rebuild."""
    path = tmp_path / "db" / "dashboard.duckdb"
    path.parent.mkdir()
    shutil.copy(real_db, path)
    return path


def running_cluster(db: Path, run_dir: Path, options: tuple[str, ...] = ()):
    running = RunningCluster(db, run_dir, options)
    yield running
    running.stop()
    print(f"--- the cluster's log\n{running.output()}\n--- nginx's error log")  # shown by pytest when a test fails
    print((running.run_dir / "error.log").read_text() if (running.run_dir / "error.log").exists() else "(none)")


@pytest.fixture
def cluster(db_copy, tmp_path):
    yield from running_cluster(db_copy, tmp_path / "run")


@pytest.fixture
def quickly_polled_cluster(db_copy, tmp_path):
    """Each process polled every second, given 3 s to answer, restarted after 3 polls unanswered, so a hung process
    is noticed within seconds (deploy/cluster.py's defaults are slower on purpose, and say why)."""
    yield from running_cluster(
        db_copy, tmp_path / "run", ("--health-every", "1", "--health-timeout", "3", "--health-failures", "3")
    )


def all_gone(children: list[tuple[int, int]]) -> bool:
    return not any(pid_running(pid) for pid, _port in children) and all(port_is_free(port) for _pid, port in children)


@needs_nginx
def test_sigterm_stops_nginx_and_every_app_process_and_frees_their_ports(cluster):
    children = cluster.children()
    assert get(cluster.url + "/healthz") == (200, "ok")

    async def stop_with_a_tab_open() -> float:
        # An open tab's websocket is what used to keep nginx waiting for a day.
        async with StreamlitSession(cluster.url, headers={"Cookie": "dashboard_route=open-tab"}) as tab:
            first = await tab.run("", "")
            assert first.texts[0] == "Hertfordshire Constabulary: where it stands"
            started = time.monotonic()
            cluster.process.send_signal(signal.SIGTERM)
            wait_for(lambda: cluster.process.poll() is not None and all_gone(children), STOP_DEADLINE, "a clean stop")
            return time.monotonic() - started

    seconds = run_async(stop_with_a_tab_open())
    assert cluster.process.returncode == 0
    output = cluster.output()
    assert "SIGTERM: stopping nginx, then the app processes" in output and "stopped in" in output
    print(f"\nstop on SIGTERM with a tab open: {seconds:.2f} s")


@needs_nginx
def test_a_second_signal_kills_the_cluster_at_once(cluster):
    children = cluster.children()
    cluster.process.send_signal(signal.SIGTERM)
    cluster.process.send_signal(signal.SIGINT)
    wait_for(lambda: cluster.process.poll() is not None and all_gone(children), STOP_DEADLINE, "a stop at once")
    assert cluster.process.returncode in AT_ONCE
    assert "again: killing every process now" in cluster.output()


@needs_nginx
def test_a_killed_app_process_comes_back_while_the_site_keeps_answering(cluster):
    before = cluster.state()["processes"][0]
    os.kill(before["pid"], signal.SIGKILL)
    killed = time.monotonic()
    wait_for(lambda: not pid_running(before["pid"]), 10, "the killed process gone")
    # Visitors whose route hashed to the dead process are sent to the other one meanwhile.
    for number in range(12):
        cookie = {"Cookie": f"dashboard_route=visitor-{number}"}
        assert get(cluster.url + "/healthz", cookie) == (200, "ok")
        status, page = get(cluster.url + "/", cookie)
        assert status == 200 and "<title>" in page

    def restarted() -> dict | None:
        now = cluster.state()["processes"][0]
        if now["pid"] != before["pid"] and get(f"http://127.0.0.1:{now['port']}/healthz") == (200, "ok"):
            return now
        return None

    after = wait_for(restarted, BACK_DEADLINE, "the crashed process restarted and healthy")
    assert after["port"] == before["port"] and after["restarts"] == 1 and pid_running(after["pid"])
    assert f"process 0 (pid {before['pid']}) exited with code -9" in cluster.output()
    print(f"\ncrashed process healthy again after {time.monotonic() - killed:.2f} s (back-off 1 s)")


@needs_nginx
def test_the_health_address_fails_without_the_database_and_passes_once_it_is_rebuilt(cluster, db_copy):
    assert get(cluster.url + "/healthz") == (200, "ok")
    db_copy.unlink()
    assert get(cluster.url + "/healthz") == (503, "database missing")
    for process in cluster.state()["processes"]:
        assert get(f"http://127.0.0.1:{process['port']}/healthz") == (503, "database missing")
    build_database(DATA_DIR, db_copy)
    assert get(cluster.url + "/healthz") == (200, "ok")
    assert cluster.process.poll() is None, "a missing database is not a crash: the processes stay up"


@needs_nginx
def test_a_hung_app_process_is_killed_and_started_again_while_the_site_keeps_answering(quickly_polled_cluster):
    cluster = quickly_polled_cluster
    before = cluster.state()["processes"][0]
    os.kill(before["pid"], signal.SIGSTOP)  # alive, holding its port, answering nothing
    try:

        def restarted() -> dict | None:
            # Meanwhile the site's health address answers from the other process: nginx gives up on a silent one
            # after its proxy_read_timeout (10 s), so this visitor may wait that long, not longer.
            assert get(cluster.url + "/healthz", timeout=30) == (200, "ok")
            now = cluster.state()["processes"][0]
            if now["pid"] != before["pid"] and get(f"http://127.0.0.1:{now['port']}/healthz") == (200, "ok"):
                return now
            return None

        after = wait_for(restarted, BACK_DEADLINE, "the hung process replaced by a healthy one")
    finally:
        if pid_running(before["pid"]):
            os.kill(before["pid"], signal.SIGCONT)
    assert after["port"] == before["port"] and after["restarts"] == 1
    assert not pid_running(before["pid"])
    output = cluster.output()
    assert f"process 0 (pid {before['pid']}) did not answer /healthz within 3 s 3 times in a row; killing it" in output
    assert cluster.state()["processes"][1]["restarts"] == 0, "the process that kept answering was left alone"
    for number in range(12):
        status, page = get(cluster.url + "/", {"Cookie": f"dashboard_route=visitor-{number}"})
        assert status == 200 and "<title>" in page


@needs_nginx
def test_streamlits_metrics_are_not_served_through_nginx_while_the_health_address_is(cluster):
    assert get(cluster.url + "/healthz") == (200, "ok")
    assert get(cluster.url + "/_stcore/metrics")[0] == 404
    assert get(cluster.url + "/_stcore/metrics?x=1")[0] == 404
    process = cluster.state()["processes"][0]
    status, metrics = get(f"http://127.0.0.1:{process['port']}/_stcore/metrics")
    assert status == 200 and "session_events" in metrics, "the operator still reads them on a process's own port"


@needs_nginx
def test_one_address_gets_250_tabs_and_a_plain_429_beyond_them_while_other_visitors_are_served(cluster):
    async def crowd_from_one_address() -> tuple[OneAddress, list[str], int]:
        seen: list[str] = []
        page_status: list[int] = []

        async def meanwhile() -> None:
            # Another address opens a tab and gets its page; the full address can still load a page (a looser limit).
            async with StreamlitSession(cluster.url, source_address="127.0.0.11") as tab:
                seen.extend((await tab.run("", "")).texts[:1])
            page_status.append((await load_page(cluster.url, "/", "127.0.0.10"))[0])

        alone = await open_tabs(cluster.url, "127.0.0.10", TABS_PER_ADDRESS + 10, while_open=meanwhile)
        return alone, seen, page_status[0]

    alone, seen, page_status = run_async(crowd_from_one_address())
    assert alone.opened == TABS_PER_ADDRESS == 250
    assert dict(alone.refused) == {429: 10} and alone.other_errors == 0
    assert alone.refusal_body == "Too many connections from your network just now. Please try again in a minute."
    assert seen == ["Hertfordshire Constabulary: where it stands"]
    assert page_status == 200

"""Run several dashboard processes behind nginx with sticky sessions: `make cluster` (python -m deploy.cluster).

Each process is `python -m dashboard.web.serve` on its own loopback port; nginx listens on one port in front of
them and keeps every visitor on one process (deploy/nginx.conf.template says how and why). The benchmark
and the tests use the same Cluster class.

As a service (deploy/dashboard.service) this process is the supervisor:

- it is ready when every process's /healthz answers (the database is readable) and nginx answers too;
- a process that exits is started again on the same port, after 1 s, then 2, 4... up to 30 s if it keeps
  crashing; meanwhile nginx sends its visitors to another process (max_fails, proxy_next_upstream);
- a process that is alive but hung (it stops answering /healthz: stopped, deadlocked, stuck in a loop) is
  killed and started again the same way, after a few polls in a row got no answer within a bounded time;
- SIGTERM or SIGINT stops nginx first (no new visitors), then every process, each within a bounded time,
  and the ports are free when it exits; a second signal kills everything at once. Children are in their own
  process groups (so a Ctrl-C reaches only the supervisor, which stops them in order) and are sent SIGTERM
  by the kernel if the supervisor itself is killed, so they are never left holding the ports.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import logging
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from dashboard.common.site_addresses import site_folder
from dashboard.web.security_headers import nginx_include, security_headers, served_over_https
from dashboard.web.site_files import NOT_PUBLISHED, nginx_site_settings
from deploy.process import AppServer, answers, check_health, free_port, owns_port, raise_open_file_limit

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "nginx.conf.template"
SECURITY_HEADERS_FILE = "security_headers.conf"  # written beside nginx.conf, included by every location
SITE_SETTINGS_FILE = "site.conf"  # the static edition's types, charset and compression, included by its locations
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/bin/nginx")

# Bounds on a stop. nginx's own worker_shutdown_timeout (the template) closes idle tabs' websockets sooner.
NGINX_GRACE_SECONDS = 1.0
NGINX_STOP_SECONDS = 8.0
APP_STOP_SECONDS = 10.0
# A process that keeps crashing is restarted less and less often; one that ran this long starts again at 1 s.
FIRST_BACKOFF, MAX_BACKOFF, STABLE_SECONDS = 1.0, 30.0, 60.0
START_SECONDS = 90.0
# A running process is asked for /healthz this often, and each answer is waited for this long; this many polls
# in a row without an answer and it is killed and restarted (about a minute after it hung). Generous on purpose:
# with 600 visitors arriving at once (bench/sessions.py) the slowest answer took 5.6 to 8.5 s in three runs, and
# killing a busy process would drop all its visitors onto the other at the worst moment.
HEALTH_EVERY_SECONDS, HEALTH_TIMEOUT_SECONDS, HEALTH_FAILURES = 5.0, 15.0, 3

log = logging.getLogger("deploy.cluster")


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in NGINX_CANDIDATES if Path(p).exists()), None)


def nginx_available() -> bool:
    return nginx_binary() is not None


def render_config(
    listen: str, backends: list[int], run_dir: Path, host: str = "127.0.0.1", environ: Mapping[str, str] = os.environ
) -> str:
    """The nginx configuration for these backend ports (all on `host`); `environ` holds the headers' settings.

    max_fails=1 fail_timeout=5s: one refused connection takes a process out of the hash for 5 s (a crashed
    process is being restarted), then nginx tries it again; the visitor's request goes to another process.
    """
    servers = "\n".join(f"        server {host}:{port} max_fails=1 fail_timeout=5s;" for port in backends)
    text = TEMPLATE.read_text(encoding="utf-8")
    # Only ${UPPER_CASE} placeholders are ours; nginx's own $variables pass through untouched.
    placeholders = {
        "RUN_DIR": str(run_dir),
        "LISTEN": listen,
        "UPSTREAM_SERVERS": servers,
        "SECURITY_HEADERS": str(run_dir / SECURITY_HEADERS_FILE),
        "SITE_SETTINGS": str(run_dir / SITE_SETTINGS_FILE),
        # The folder the app processes serve at /f/ too (their DASHBOARD_SITE); absolute, as alias needs.
        "SITE_FOLDER": str(site_folder(environ).resolve()),
        "SITE_UNAVAILABLE": NOT_PUBLISHED.replace("\n", "\\n"),
        "ROUTE_COOKIE_SECURE": "; Secure" if served_over_https(environ) else "",
    }
    for name, value in placeholders.items():
        text = text.replace("${" + name + "}", value)
    left = [m for m in re.findall(r"\$\{[A-Z_]+\}", text) if m != "${UPPER_CASE}"]
    if left:
        raise ValueError(f"unfilled placeholders in {TEMPLATE.name}: {left}")
    return text


_PR_SET_PDEATHSIG = 1


def _child_setup() -> None:
    """In each child before exec: SIGTERM when the supervisor dies, however it dies (Linux; elsewhere a no-op)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        pass


# Linux sends the death signal when the *thread* that started the child ends: start a Cluster from a thread
# that outlives it (the main thread, as main() and the tests do).
CHILD_OPTIONS = {"start_new_session": True, "preexec_fn": _child_setup}


def kill_group(pid: int, sig: int = signal.SIGKILL) -> None:
    """Send `sig` to the process group a child leads (nginx's workers are in its group)."""
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def notify_systemd(state: str) -> None:
    """sd_notify without a dependency: a datagram to $NOTIFY_SOCKET when systemd runs us as Type=notify."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return
    if address.startswith("@"):  # an abstract socket
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.sendto(state.encode(), address)
    except OSError as error:
        log.warning("could not tell systemd %s: %s", state, error)


@dataclass
class Slot:
    """One app process and its restart state."""

    number: int
    server: AppServer
    started_at: float = 0.0
    backoff: float = FIRST_BACKOFF
    restart_at: float | None = None  # when a crashed process is to be started again
    starting_until: float | None = None  # a restarted process has until then to become healthy
    crashed_at: float | None = None
    restarts: int = 0
    next_poll_at: float = 0.0
    poll: Future | None = None  # a /healthz poll in flight
    poll_started_at: float = 0.0
    unanswered: int = 0  # polls in a row without an answer


class Cluster:
    """N app processes and one nginx, all on 127.0.0.1; use as a context manager. `url` is nginx's address."""

    def __init__(
        self,
        processes: int = 2,
        *,
        port: int | None = None,
        env: dict[str, str] | None = None,
        run_dir: Path | None = None,
        address: str = "127.0.0.1",
        log_files: bool = True,
        health_every: float = HEALTH_EVERY_SECONDS,
        health_timeout: float = HEALTH_TIMEOUT_SECONDS,
        health_failures: int = HEALTH_FAILURES,
    ) -> None:
        self.processes = processes
        self.health_every, self.health_timeout, self.health_failures = health_every, health_timeout, health_failures
        # One thread per process at most: a poll never holds up the supervisor's loop, and never piles up.
        self._polls = ThreadPoolExecutor(max_workers=processes, thread_name_prefix="health")
        self.port = port or free_port()
        self.address = address
        self.url = f"http://127.0.0.1:{self.port}"
        # One cookie secret for every process, as Streamlit needs behind a load balancer.
        secret = os.environ.get("DASHBOARD_COOKIE_SECRET") or secrets.token_hex(32)
        self.env = {**(env or {}), "STREAMLIT_SERVER_COOKIE_SECRET": secret}
        self.run_dir = run_dir or Path(tempfile.mkdtemp(prefix="dashboard-cluster-"))
        self.slots: list[Slot] = []
        self.nginx: subprocess.Popen | None = None
        self.stopping = False
        # Files in run_dir (the tests read them), or our own stdout and stderr (a service: the journal).
        self.log_files = log_files

    @property
    def servers(self) -> list[AppServer]:
        return [slot.server for slot in self.slots]

    @property
    def pids(self) -> list[int]:
        return [server.pid for server in self.servers]

    @property
    def backend_urls(self) -> list[str]:
        return [server.url for server in self.servers]

    def session_headers(self, number: int) -> dict[str, str]:
        """A route cookie for the benchmark's n-th session, as a browser gets on its first visit."""
        return {"Cookie": f"dashboard_route=bench-session-{number}"}

    def start(self, timeout: float = START_SECONDS) -> Cluster:
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is not installed: run `make system-packages` (Debian package nginx)")
        raise_open_file_limit()  # for nginx too (its workers then raise theirs to worker_rlimit_nofile)
        self.run_dir.mkdir(parents=True, exist_ok=True)
        try:
            for number in range(self.processes):
                log_path = self.run_dir / f"app-{number}.log" if self.log_files else None
                server = AppServer(
                    env=self.env, log_path=log_path, popen_options=CHILD_OPTIONS, inherit_output=not self.log_files
                )
                self.slots.append(Slot(number, server))
            for slot in self.slots:  # all start together; then wait for each to be healthy
                slot.server.launch()
                slot.started_at = time.monotonic()
            for slot in self.slots:
                slot.server.wait_until_healthy(timeout)
            self._start_nginx(binary, timeout)
            self.write_state()
        except BaseException:
            self.stop()
            raise
        return self

    def _start_nginx(self, binary: str, timeout: float) -> None:
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.run_dir / name).mkdir(exist_ok=True)
            # nginx's workers drop root privileges and still need to write here.
            (self.run_dir / name).chmod(0o777)
        config = self.run_dir / "nginx.conf"
        listen = f"{self.address}:{self.port}"
        # The settings the app processes see (deploy/process.py), so nginx and they send the same headers.
        environ = {**os.environ, **self.env}
        (self.run_dir / SECURITY_HEADERS_FILE).write_text(nginx_include(security_headers(environ)))
        (self.run_dir / SITE_SETTINGS_FILE).write_text(nginx_site_settings())
        config.write_text(render_config(listen, [s.port for s in self.servers], self.run_dir, environ=environ))
        base = [binary, "-p", str(self.run_dir), "-e", str(self.run_dir / "error.log"), "-c", str(config)]
        subprocess.run([*base, "-t"], check=True, capture_output=True)
        # nginx also writes its errors to error.log in run_dir; as a service, to our stderr (the journal) as well.
        errors = None if not self.log_files else subprocess.DEVNULL
        self.nginx = subprocess.Popen([*base, "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=errors, **CHILD_OPTIONS)
        deadline = time.monotonic() + timeout
        said = "no answer"
        while time.monotonic() < deadline:
            if self.nginx.poll() is not None:
                raise RuntimeError(f"nginx exited with code {self.nginx.returncode}; see {self.run_dir / 'error.log'}")
            healthy, said = check_health(self.url)
            if healthy and owns_port(self.nginx.pid, self.port):
                return
            time.sleep(0.1)
        raise RuntimeError(f"nginx at {self.url} not healthy within {timeout:.0f} s (last answer: {said})")

    def write_state(self) -> None:
        """run_dir/cluster.json: nginx's and every process's pid and port, rewritten after each restart."""
        state = {
            "url": self.url,
            "nginx": {"pid": self.nginx.pid if self.nginx else None, "port": self.port},
            "processes": [
                {"number": s.number, "pid": s.server.pid, "port": s.server.port, "restarts": s.restarts} for s in self.slots
            ],
        }
        path = self.run_dir / "cluster.json"
        path.with_suffix(".tmp").write_text(json.dumps(state, indent=2))
        path.with_suffix(".tmp").replace(path)

    def alive(self) -> bool:
        nginx_up = self.nginx is not None and self.nginx.poll() is None and owns_port(self.nginx.pid, self.port)
        return nginx_up and all(server.alive() for server in self.servers)

    def access_log(self) -> list[tuple[str, str, str, str]]:
        """(route, upstream address, status, request) for every request nginx has passed on so far."""
        path = self.run_dir / "access.log"
        if not path.exists():
            return []
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines():
            route, upstream, status, request = line.split(" ", 3)
            rows.append((route, upstream, status, request.strip('"')))
        return rows

    def supervise(self) -> bool:
        """One look at every child: restart crashed or hung processes (with back-off). False when nginx has gone."""
        if self.nginx is None or self.nginx.poll() is not None:
            return False
        now = time.monotonic()
        for slot in self.slots:
            process = slot.server.process
            if slot.starting_until is not None:  # restarted: wait for it to be healthy, or give up on this try
                healthy, _said = check_health(slot.server.url, timeout=1.0)
                if healthy and process is not None and process.poll() is None:
                    slot.starting_until = None
                    down = now - (slot.crashed_at or now)
                    server = slot.server
                    log.warning("process %d (pid %d) is back on port %d after %.1f s", slot.number, server.pid, server.port, down)
                    self.write_state()
                elif now > slot.starting_until or (process is not None and process.poll() is not None):
                    log.error("process %d did not become healthy; trying again", slot.number)
                    slot.server.stop(timeout=2.0)
                    slot.starting_until = None
                    self._schedule_restart(slot, now)
                continue
            if slot.restart_at is not None:
                if now >= slot.restart_at:
                    slot.restart_at = None
                    slot.restarts += 1
                    slot.server.launch()
                    slot.started_at = now
                    slot.starting_until = now + START_SECONDS
                continue
            if process is not None and process.poll() is not None:
                slot.crashed_at = now
                log.error("process %d (pid %d) exited with code %s", slot.number, process.pid, process.returncode)
                slot.server.stop()  # reaps it and closes its log
                self._schedule_restart(slot, now)
                continue
            if self._hung(slot, now):
                slot.crashed_at = now
                log.error(
                    "process %d (pid %d) did not answer /healthz within %.0f s %d times in a row; killing it",
                    slot.number,
                    slot.server.pid,
                    self.health_timeout,
                    slot.unanswered,
                )
                kill_group(slot.server.pid)  # SIGKILL: a stopped or deadlocked process cannot act on SIGTERM
                slot.server.stop(timeout=2.0)
                self._schedule_restart(slot, now)
        return True

    def _hung(self, slot: Slot, now: float) -> bool:
        """Poll a running process's /healthz now and then, in the background; True once too many went unanswered."""
        if slot.poll is None:
            if now >= slot.next_poll_at:
                slot.poll = self._polls.submit(answers, slot.server.url, self.health_timeout)
                slot.poll_started_at = now
            return False
        if slot.poll.done():
            answered = slot.poll.result()
        elif now - slot.poll_started_at > self.health_timeout + 1.0:
            answered = False  # the poll's own socket timeout ends its thread soon; it counts as no answer now
        else:
            return False
        slot.poll = None
        slot.next_poll_at = now + self.health_every
        if answered:
            slot.unanswered = 0
            return False
        slot.unanswered += 1
        log.warning("process %d (pid %d) did not answer /healthz (%d in a row)", slot.number, slot.server.pid, slot.unanswered)
        return slot.unanswered >= self.health_failures

    def _schedule_restart(self, slot: Slot, now: float) -> None:
        slot.poll, slot.unanswered, slot.next_poll_at = None, 0, 0.0  # the next process is polled afresh once it is up
        if now - slot.started_at >= STABLE_SECONDS:
            slot.backoff = FIRST_BACKOFF
        slot.restart_at = now + slot.backoff
        log.warning("restarting process %d in %.0f s", slot.number, slot.backoff)
        slot.backoff = min(slot.backoff * 2, MAX_BACKOFF)

    def stop(self) -> None:
        """nginx first (it stops taking visitors), then every process; each bounded in time.

        nginx's graceful stop closes its listening socket at once and then waits for open connections; open
        tabs' websockets would hold it for worker_shutdown_timeout. So it gets a moment for plain requests in
        flight, then the processes are asked to stop, which closes those websockets and lets nginx finish.
        """
        self.stopping = True
        self._polls.shutdown(wait=False, cancel_futures=True)
        nginx = self.nginx
        if nginx is not None and nginx.poll() is None:
            nginx.send_signal(signal.SIGQUIT)
            try:
                nginx.wait(timeout=NGINX_GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                pass
        for slot in self.slots:  # all asked at once, then waited for: a stop takes the slowest, not the sum
            slot.server.request_stop()
        if nginx is not None:
            try:
                nginx.wait(timeout=NGINX_STOP_SECONDS)
            except subprocess.TimeoutExpired:
                log.warning("nginx did not stop within %.0f s; killing it", NGINX_GRACE_SECONDS + NGINX_STOP_SECONDS)
            kill_group(nginx.pid)  # a worker left behind by a killed master would hold the port
            nginx.wait(timeout=10)
        deadline = time.monotonic() + APP_STOP_SECONDS
        for slot in self.slots:
            slot.server.stop(timeout=max(0.1, deadline - time.monotonic()))

    def kill(self) -> None:
        """At once, for a second signal: SIGKILL to every child's process group."""
        self.stopping = True
        children = [s.server.process for s in self.slots if s.server.process is not None]
        if self.nginx is not None:
            children.append(self.nginx)
        for child in children:
            kill_group(child.pid)
        for child in children:
            try:
                child.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class Stop(Exception):
    """Raised in the main loop by the first SIGTERM or SIGINT."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.cluster", description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=2, help="app processes (default 2, one per core here)")
    parser.add_argument("--port", type=int, default=8080, help="nginx's port (default 8080)")
    parser.add_argument("--address", default="127.0.0.1", help="nginx's address (default 127.0.0.1; 0.0.0.0 for all)")
    parser.add_argument("--run-dir", type=Path, help="for nginx.conf, logs, cluster.json (default: a new temp folder)")
    parser.add_argument(
        "--health-every", type=float, default=HEALTH_EVERY_SECONDS, help="seconds between /healthz polls of a process"
    )
    parser.add_argument(
        "--health-timeout", type=float, default=HEALTH_TIMEOUT_SECONDS, help="seconds to wait for each poll's answer"
    )
    parser.add_argument("--health-failures", type=int, default=HEALTH_FAILURES, help="polls in a row unanswered before a restart")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    cluster = Cluster(
        args.processes,
        port=args.port,
        run_dir=args.run_dir,
        address=args.address,
        log_files=False,
        health_every=args.health_every,
        health_timeout=args.health_timeout,
        health_failures=args.health_failures,
    )

    def on_signal(signum: int, _frame: object) -> None:
        name = signal.Signals(signum).name
        if cluster.stopping:
            log.warning("%s again: killing every process now", name)
            cluster.kill()
            os._exit(128 + signum)
        cluster.stopping = True
        log.warning("%s: stopping nginx, then the app processes", name)
        raise Stop

    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, on_signal)
    try:
        cluster.start()
        log.info("serving %d processes behind nginx at http://%s:%d", args.processes, args.address, args.port)
        for number, url in enumerate(cluster.backend_urls):
            log.info("  process %d: %s", number, url)
        try:  # start() has seen nginx answer already; this only says so in the log, and must not stop the site
            with urllib.request.urlopen(f"{cluster.url}/healthz", timeout=15) as response:
                log.info("  health through nginx: %s", response.read().decode())
        except (urllib.error.URLError, OSError) as error:
            log.warning("  health through nginx: no answer just now (%s)", error)
        notify_systemd("READY=1")
        while cluster.supervise():
            time.sleep(0.2)
        log.error("nginx stopped; shutting the cluster down (a service manager will start it again)")
        return 1
    except Stop:
        return 0
    except RuntimeError as error:
        log.error("%s", error)
        return 1
    finally:
        notify_systemd("STOPPING=1")
        started = time.monotonic()
        cluster.stop()
        log.info("stopped in %.1f s", time.monotonic() - started)


if __name__ == "__main__":
    raise SystemExit(main())

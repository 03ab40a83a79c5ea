"""Start and stop one dashboard process on a free loopback port, and read its CPU time.

Shared by the multi-process cluster (deploy/cluster.py), the benchmark and the tests; it lives here so that
deploy/ imports nothing from bench/. A process counts as up only when its health address answers *and*
the listening socket belongs to the process we started, so a stale server left on the port can never
stand in for it. The health address is /healthz (dashboard/web/health.py: answers only when the database is
readable); a server without it (the benchmark's empty page, or a Streamlit that lost st.App) is judged by
Streamlit's own /_stcore/health instead, which only says the web server is up.
"""

from __future__ import annotations

import http.client
import logging
import os
import resource
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
HEALTH_PATH = "/healthz"
STREAMLIT_HEALTH_PATH = "/_stcore/health"

log = logging.getLogger("deploy")


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """True when a new server could listen on `port` now (bound the way Streamlit and nginx bind: SO_REUSEADDR)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
        return True


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, all threads included (from /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    # After the ')' that closes the command name, utime and stime are fields 12 and 13 (0-based).
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def pid_running(pid: int) -> bool:
    """True while `pid` exists and is not a zombie (an exited child nobody has reaped yet is gone for our purposes)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    state = next((line.split()[1] for line in status.splitlines() if line.startswith("State:")), "")
    return state not in ("Z", "X")


def _listening_inodes(port: int) -> set[str]:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            if parts[3] == "0A" and int(parts[1].rsplit(":", 1)[1], 16) == port:  # 0A = LISTEN
                inodes.add(parts[9])
    return inodes


def owns_port(pid: int, port: int) -> bool:
    """True when the process `pid` holds the socket listening on `port`."""
    inodes = _listening_inodes(port)
    try:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:[") and target[8:-1] in inodes:
                return True
    except OSError:
        return False
    return False


def raise_open_file_limit() -> int:
    """Raise this process's soft limit on open files to its hard limit; the children it starts inherit it.

    Every open tab is a socket in an app process (and two in nginx), and the usual soft limit of 1,024 ran
    out at about 500 tabs. Under systemd, LimitNOFILE= in deploy/dashboard.service sets both limits. Returns
    the soft limit now in force.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    # An unlimited hard limit cannot be the soft limit for files: the kernel's ceiling (fs.nr_open) is.
    wanted = hard if hard != resource.RLIM_INFINITY else 1_048_576
    if soft == resource.RLIM_INFINITY or soft >= wanted:
        return soft
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    except (ValueError, OSError) as error:
        log.warning("could not raise the open-file limit from %d to %d: %s", soft, wanted, error)
        return soft
    return wanted


def answers(url: str, timeout: float) -> bool:
    """True when `url`/healthz gives any HTTP answer within `timeout` seconds.

    Any status counts, 503 too: a process that says the database is missing is alive (the database comes back
    with a rebuild), and restarting it would not help. Only silence means it is hung.
    """
    try:
        with urllib.request.urlopen(url + HEALTH_PATH, timeout=timeout) as response:
            response.read(64)
        return True
    except urllib.error.HTTPError:
        return True
    except (urllib.error.URLError, ConnectionError, TimeoutError, http.client.HTTPException):
        return False


def check_health(url: str, timeout: float = 2.0) -> tuple[bool, str]:
    """(healthy, what it said) for `url`/healthz, or for /_stcore/health where the server has no /healthz.

    A server without the route answers /healthz with its app page (200, HTML) or 404: only the exact answer
    "ok" counts as healthy there.
    """
    try:
        with urllib.request.urlopen(url + HEALTH_PATH, timeout=timeout) as response:
            said = response.read().decode("utf-8", "replace").strip()
            if said == "ok":
                return True, said
    except urllib.error.HTTPError as error:
        if error.code != 404:  # 503: up, but the database is missing or unreadable
            return False, error.read().decode("utf-8", "replace").strip()
    except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
        return False, str(error)
    _log_fallback_once(url)
    try:
        with urllib.request.urlopen(url + STREAMLIT_HEALTH_PATH, timeout=timeout) as response:
            return response.read().strip() == b"ok", "ok (web server only)"
    except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
        return False, str(error)


_fallback_logged: set[str] = set()


def _log_fallback_once(url: str) -> None:
    if url not in _fallback_logged:
        _fallback_logged.add(url)
        log.info("%s has no %s; judging it by %s (web server up, database not checked)", url, HEALTH_PATH, STREAMLIT_HEALTH_PATH)


def wait_for_health(url: str, process: subprocess.Popen, port: int, timeout: float = 60.0) -> None:
    """Wait until `url` is healthy (check_health) from our own process, or raise saying why not."""
    deadline = time.monotonic() + timeout
    said = "no answer"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server process exited with code {process.returncode} before it was healthy")
        healthy, said = check_health(url)
        if healthy and owns_port(process.pid, port):
            return
        time.sleep(0.1)
    raise RuntimeError(f"no healthy server at {url} within {timeout:.0f} s (last answer: {said})")


def stop_process(process: subprocess.Popen, timeout: float = 10.0, sig: int | None = signal.SIGTERM) -> None:
    """Ask `process` to stop with `sig` (None: it has been asked already), and kill it if still there after `timeout` s.

    Asked once only: a second SIGTERM tells a dashboard process to stop at once (dashboard/web/service_signals.py).
    """
    if process.poll() is None and sig is not None:
        process.send_signal(sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:  # unkillable (stuck in the kernel): nothing more we can do
        pass


class AppServer:
    """The dashboard (`python -m dashboard.web.serve`) or another script through the same launcher, on 127.0.0.1.

    Both run from the repository root, so they read the same .streamlit/config.toml.
    """

    def __init__(
        self,
        script: str | Path | None = None,
        *,
        port: int | None = None,
        env: dict[str, str] | None = None,
        options: dict[str, str] | None = None,
        log_path: Path | None = None,
        popen_options: dict | None = None,
        inherit_output: bool = False,
    ) -> None:
        self.script = None if script is None else str(script)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, **(env or {})}
        self.options = options or {}
        self.log_path = log_path
        self.popen_options = popen_options or {}
        self.inherit_output = inherit_output  # print where we print (a service: the journal), not to log_path
        self.process: subprocess.Popen | None = None
        self._log = None
        self._asked_to_stop = False

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def command(self) -> list[str]:
        if self.script is None:
            command = [sys.executable, "-m", "dashboard.web.serve", "--server.port", str(self.port)]
        else:  # the same launcher and fixes, for another script (the benchmark's empty page)
            launch = "import sys; from dashboard.web.serve import main; main(sys.argv[2:], app=sys.argv[1])"
            command = [sys.executable, "-c", launch, self.script, "--server.port", str(self.port)]
        command += ["--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
        for name, value in self.options.items():
            command += [f"--{name}", value]
        return command

    def launch(self) -> AppServer:
        """Start the process without waiting for it to be healthy (the cluster waits for several at once)."""
        if self._log is not None:
            self._log.close()
        # Appended to, so a restarted process's log follows the crashed one's.
        self._log = open(self.log_path, "ab") if self.log_path else None  # noqa: SIM115 - closed in stop()
        output = self._log if self._log is not None else (None if self.inherit_output else subprocess.DEVNULL)
        self._asked_to_stop = False
        raise_open_file_limit()  # inherited: one process can hold more tabs than the default 1,024 descriptors allow
        self.process = subprocess.Popen(
            self.command(), cwd=ROOT, env=self.env, stdout=output, stderr=subprocess.STDOUT, **self.popen_options
        )
        return self

    def wait_until_healthy(self, timeout: float = 60.0) -> AppServer:
        assert self.process is not None
        try:
            wait_for_health(self.url, self.process, self.port, timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def start(self, timeout: float = 60.0) -> AppServer:
        return self.launch().wait_until_healthy(timeout)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None and owns_port(self.pid, self.port)

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.pid)

    def request_stop(self) -> None:
        """Send SIGTERM and return at once (a cluster asks all its processes, then waits for them)."""
        if self.process is not None and self.process.poll() is None and not self._asked_to_stop:
            self.process.send_signal(signal.SIGTERM)
            self._asked_to_stop = True

    def stop(self, timeout: float = 10.0) -> None:
        if self.process is not None:
            stop_process(self.process, timeout, None if self._asked_to_stop else signal.SIGTERM)
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> AppServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

"""Start and stop a Streamlit server on a free loopback port, and read its CPU time.

Shared by the browser tests, the benchmark and the multi-process recipe. A server counts as up
only when /_stcore/health answers *and* the listening socket belongs to the process we started,
so a stale server left on the port can never stand in for it.
"""

from __future__ import annotations

import os
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


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, all threads included (from /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    # After the ')' that closes the command name, utime and stime are fields 12 and 13 (0-based).
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


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


def wait_for_health(url: str, process: subprocess.Popen, port: int, timeout: float = 60.0) -> None:
    """Wait until `url`/_stcore/health answers 'ok' from our own process, or raise with its log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server process exited with code {process.returncode} before it was healthy")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok" and owns_port(process.pid, port):
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise RuntimeError(f"no healthy server at {url} within {timeout:.0f} s")


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
    ) -> None:
        self.script = None if script is None else str(script)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, **(env or {})}
        self.options = options or {}
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def start(self, timeout: float = 60.0) -> AppServer:
        if self.script is None:
            command = [sys.executable, "-m", "dashboard.web.serve", "--server.port", str(self.port)]
        else:  # the same launcher and fixes, for another script (the benchmark's empty page)
            launch = "import sys; from dashboard.web.serve import main; main(sys.argv[2:], app=sys.argv[1])"
            command = [sys.executable, "-c", launch, self.script, "--server.port", str(self.port)]
        command += ["--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
        for name, value in self.options.items():
            command += [f"--{name}", value]
        log = open(self.log_path, "wb") if self.log_path else subprocess.DEVNULL  # noqa: SIM115 - closed in stop()
        self._log = log
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for_health(self.url, self.process, self.port, timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None and owns_port(self.pid, self.port)

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.pid)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self.log_path and hasattr(self, "_log"):
            self._log.close()

    def __enter__(self) -> AppServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

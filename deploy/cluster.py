"""Run several dashboard processes behind nginx with sticky sessions: `make cluster` (python -m deploy.cluster).

Each process is `python -m dashboard.web.serve` on its own loopback port; nginx listens on one port in front of
them and keeps every visitor on one process (deploy/nginx.conf.template says how and why). The benchmark
and tests/browser/test_cluster.py use the same Cluster class.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.server import AppServer, free_port, owns_port, wait_for_health

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "nginx.conf.template"
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/bin/nginx")


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in NGINX_CANDIDATES if Path(p).exists()), None)


def nginx_available() -> bool:
    return nginx_binary() is not None


def render_config(listen: str, backends: list[int], run_dir: Path, host: str = "127.0.0.1") -> str:
    """The nginx configuration for these backend ports (all on `host`)."""
    servers = "\n".join(f"        server {host}:{port} max_fails=0;" for port in backends)
    text = TEMPLATE.read_text(encoding="utf-8")
    # Only ${UPPER_CASE} placeholders are ours; nginx's own $variables pass through untouched.
    for name, value in {"RUN_DIR": str(run_dir), "LISTEN": listen, "UPSTREAM_SERVERS": servers}.items():
        text = text.replace("${" + name + "}", value)
    left = [m for m in re.findall(r"\$\{[A-Z_]+\}", text) if m != "${UPPER_CASE}"]
    if left:
        raise ValueError(f"unfilled placeholders in {TEMPLATE.name}: {left}")
    return text


class Cluster:
    """N app processes and one nginx, all on 127.0.0.1; use as a context manager. `url` is nginx's address."""

    def __init__(
        self,
        processes: int = 2,
        *,
        port: int | None = None,
        env: dict[str, str] | None = None,
        run_dir: Path | None = None,
    ) -> None:
        self.processes = processes
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # One cookie secret for every process, as Streamlit needs behind a load balancer.
        secret = os.environ.get("DASHBOARD_COOKIE_SECRET") or secrets.token_hex(32)
        self.env = {**(env or {}), "STREAMLIT_SERVER_COOKIE_SECRET": secret}
        self.run_dir = run_dir or Path(tempfile.mkdtemp(prefix="dashboard-cluster-"))
        self.servers: list[AppServer] = []
        self.nginx: subprocess.Popen | None = None

    @property
    def pids(self) -> list[int]:
        return [server.pid for server in self.servers]

    @property
    def backend_urls(self) -> list[str]:
        return [server.url for server in self.servers]

    def session_headers(self, number: int) -> dict[str, str]:
        """A route cookie for the benchmark's n-th session, as a browser gets on its first visit."""
        return {"Cookie": f"dashboard_route=bench-session-{number}"}

    def start(self, timeout: float = 90.0) -> Cluster:
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is not installed: run `make system-packages` (Debian package nginx)")
        try:
            for number in range(self.processes):
                log = self.run_dir / f"app-{number}.log"
                self.servers.append(AppServer(env=self.env, log_path=log).start(timeout))
            for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
                (self.run_dir / name).mkdir(exist_ok=True)
                # nginx's workers drop root privileges and still need to write here.
                (self.run_dir / name).chmod(0o777)
            config = self.run_dir / "nginx.conf"
            config.write_text(render_config(f"127.0.0.1:{self.port}", [s.port for s in self.servers], self.run_dir))
            base = [binary, "-p", str(self.run_dir), "-e", str(self.run_dir / "error.log"), "-c", str(config)]
            subprocess.run([*base, "-t"], check=True, capture_output=True)
            self.nginx = subprocess.Popen([*base, "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
            wait_for_health(self.url, self.nginx, self.port, timeout)
        except BaseException:
            self.stop()
            raise
        return self

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

    def stop(self) -> None:
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)  # graceful: finish open requests
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
                self.nginx.wait(timeout=10)
        for server in self.servers:
            server.stop()

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.cluster", description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=2, help="app processes (default 2, one per core here)")
    parser.add_argument("--port", type=int, default=8080, help="nginx's port on 127.0.0.1 (default 8080)")
    args = parser.parse_args(argv)
    with Cluster(args.processes, port=args.port) as cluster:
        print(f"Serving {args.processes} processes behind nginx at {cluster.url} (Ctrl-C stops everything)")
        for number, url in enumerate(cluster.backend_urls):
            print(f"  process {number}: {url}")
        with urllib.request.urlopen(f"{cluster.url}/_stcore/health", timeout=5) as response:
            print(f"  health through nginx: {response.read().decode()}")
        try:
            while cluster.alive():
                time.sleep(1)
            print("A process stopped; shutting the cluster down.")
            return 1
        except KeyboardInterrupt:
            return 0


if __name__ == "__main__":
    raise SystemExit(main())

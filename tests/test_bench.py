"""The benchmark's own parts work on a tiny run (they measure speed; nothing here asserts on it)."""

from __future__ import annotations

from bench.client import StreamlitSession
from bench.run import EMPTY, measure_load, measure_warm, percentile, report, verdicts
from bench.sessions import TABS_PER_ADDRESS, source_addresses
from bench.sessions import report as sessions_report
from deploy.cluster import render_config
from deploy.process import AppServer, cpu_seconds, free_port, owns_port
from tests.browser.helpers import run_async


def test_percentile_is_the_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.5) == 50.0
    assert percentile(values, 0.95) == 95.0
    assert percentile([3.0], 0.95) == 3.0


def test_a_tiny_run_against_the_dashboard_reports_every_page_with_its_title(use_real_db, tmp_path):
    server = AppServer(env={"DASHBOARD_DB": str(use_real_db)}, log_path=tmp_path / "app.log").start()
    try:
        assert server.alive() and owns_port(server.pid, server.port) and cpu_seconds(server.pid) > 0

        async def tiny():
            async with StreamlitSession(server.url) as session:
                first = await session.run("", "")
            warm, _charts = await measure_warm(server, None, runs=3, max_seconds=30)
            load = await measure_load(server.url, None, sessions=2, seconds=0.5, pids=[server.pid])
            return first, warm, load

        first, warm, load = run_async(tiny())  # in its own thread: Playwright may hold this one's loop
    finally:
        server.stop()
    assert first.texts[0] == "Hertfordshire Constabulary: where it stands"
    assert first.query_string == "force=hertfordshire"
    assert {p.title for p in first.pages} >= {"Overview", "Accessibility"}
    assert warm.runs == 3 and warm.cpu_ms >= 0
    assert load.sessions == 2 and load.runs >= 2 and load.failures == 0


def test_the_report_sets_each_page_beside_the_empty_page_and_judges_the_targets():
    def page(name, cpu, runs_per_second, p95):
        warm = {"runs": 10, "cpu_ms": cpu, "wall_ms": cpu * 2}
        load = [
            {
                "sessions": 50,
                "runs": 100,
                "seconds": 4,
                "runs_per_second": runs_per_second,
                "median_ms": p95 / 2,
                "p95_ms": p95,
                "server_cpu_share": 1.0,
                "failures": 0,
            }
        ]
        return {
            "name": name,
            "url_pathname": name,
            "cold_wall_ms": 900.0,
            "cold_cpu_ms": 500.0,
            "warm": warm,
            "load": load,
            "charts": 0,
        }

    results = {
        "started": "2026-11-29T12:00:00",
        "environment": {"cpus": 2, "python": "3.11", "streamlit": "1.67.0"},
        "build": {"build_ms_median": 400.0, "build_ms_min": 300.0, "cli_ms": 2000.0},
        "pages": [page(EMPTY, 2.0, 400.0, 100.0), page("Overview", 5.0, 150.0, 400.0), page("Grades", 9.0, 90.0, 1200.0)],
        "heaviest": "Grades",
    }
    results["verdicts"] = verdicts(results)
    text = report(results)
    assert "Overview" in text and "2.5x" in text
    assert results["verdicts"][0].startswith("MISSED") and "Grades 9.0 ms (4.5x)" in results["verdicts"][0]
    assert results["verdicts"][1].startswith("MISSED") and "90/s" in results["verdicts"][1]
    assert results["verdicts"][2].startswith("MISSED") and "1200 ms" in results["verdicts"][2]
    assert results["verdicts"][3].startswith("MET") and "400 ms" in results["verdicts"][3]


def test_the_nginx_configuration_lists_every_process_and_hashes_on_the_route_cookie(tmp_path):
    ports = [free_port(), free_port()]
    config = render_config("127.0.0.1:8080", ports, tmp_path)
    for port in ports:
        assert f"server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" in config
    assert "hash $dashboard_route consistent;" in config
    assert "listen 127.0.0.1:8080;" in config
    assert "${" not in config.replace("${UPPER_CASE}", "")


def test_the_sessions_benchmark_spreads_visitors_so_no_address_passes_nginxs_limit():
    addresses = source_addresses(600, 100)
    assert addresses == [f"127.0.0.{n}" for n in range(2, 8)]
    assert source_addresses(601, 100)[-1] == "127.0.0.8"
    assert TABS_PER_ADDRESS == 250 and 100 < TABS_PER_ADDRESS


def test_the_sessions_report_gives_errors_and_the_time_to_a_finished_page():
    process = {"pid": 7, "rss_mb": 260.0, "rss_mb_before": 118.0, "kb_per_session": 490.0, "threads": 44, "descriptors": 1200}
    results = {
        "started": "2026-12-07T05:00:00",
        "environment": {"cpus": 2, "streamlit": "1.67.0", "processes": 2},
        "page": "",
        "crowd": {
            "sessions": 600,
            "addresses": {"127.0.0.2": 300, "127.0.0.3": 300},
            "errors": 1,
            "error_kinds": {"the websocket was refused with 429": 1},
            "p50_s": 10.6,
            "p95_s": 12.0,
            "max_s": 12.3,
            "all_served_s": 12.4,
            "app_processes": [process],
            "nginx_workers": [{"descriptors": 600, "rss_mb": 14.0, "threads": 1}],
            "slowest_healthz_s": 5.7,
        },
        "one_address": {
            "address": "127.0.0.254",
            "asked": 300,
            "opened": 250,
            "refused": {429: 50},
            "refusal_body": "Too many connections",
            "other_errors": 0,
            "meanwhile": {"address": "127.0.0.253", "seconds": 0.04, "error": None},
        },
    }
    text = sessions_report(results)
    assert "errors: 1 (target 0) {'the websocket was refused with 429': 1}" in text
    assert "p50 10.6 s, p95 12.0 s" in text
    assert "250 opened, refused: 50 with 429" in text
    assert "had their page in 40 ms" in text


def test_the_static_benchmark_groups_the_sites_files_by_kind_and_counts_what_a_first_visit_downloads(tmp_path):
    from bench.stand_in_site import write_stand_in_site
    from bench.static import bytes_by_kind, overview_with_css_gzipped
    from bench.static import report as static_report

    write_stand_in_site(tmp_path)
    sizes = bytes_by_kind(tmp_path)
    assert {"force overview", "force calls", "all forces", "stylesheet", "force feed", "preview image", "404 page"} <= set(sizes)
    overview = sizes["force overview"]
    assert overview["files"] == 1 and 0 < overview["gzip_median"] < overview["raw_median"]
    assert sizes["preview image"]["gzip_median"] == sizes["preview image"]["raw_median"], "a PNG is sent as it is"
    assert sizes["stylesheet"]["gzip_median"] < overview["gzip_median"] < overview_with_css_gzipped(tmp_path)
    visits = [
        {"name": name, "seconds": [1.0, 2.0, 3.0], "transferred_bytes": [1024]}
        for name in ("static overview", "app overview", "empty Streamlit page")
    ]
    results = {"stand_in": True, "publish_seconds": 0.1, "pages": 4, "bytes": sizes, "runs": 3, "visits": visits}
    text = static_report({**results, "overview_with_css_gzipped": overview_with_css_gzipped(tmp_path)})
    static_line = next(line for line in text.splitlines() if line.strip().startswith("static overview"))
    assert "2.00 s   (1.00, 2.00, 3.00" in static_line and "within the 60 KB budget" in text

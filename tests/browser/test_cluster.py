"""Several app processes behind nginx (deploy/): pages load through it and every visitor stays on one process."""

from __future__ import annotations

import time
import urllib.request
from collections import defaultdict

import pytest
from playwright.sync_api import expect

from bench.client import StreamlitSession
from deploy.cluster import Cluster, nginx_available
from tests.browser.conftest import DESKTOP
from tests.browser.helpers import choose_force, expect_force_in_url, main_heading, open_path, run_async

pytestmark = pytest.mark.skipif(not nginx_available(), reason="nginx missing: run `make system-packages`")


@pytest.fixture(scope="module")
def cluster(real_db, tmp_path_factory):
    with Cluster(2, env={"DASHBOARD_DB": str(real_db)}, run_dir=tmp_path_factory.mktemp("cluster")) as running:
        assert running.alive()
        yield running
        assert running.alive(), "a process behind nginx died during the tests"


def upstreams_by_route(cluster: Cluster) -> dict[str, set[str]]:
    time.sleep(0.3)  # nginx writes a websocket's log line when it closes
    routes: dict[str, set[str]] = defaultdict(set)
    for route, upstream, _status, _request in cluster.access_log():
        routes[route].add(upstream)
    return routes


def test_a_visitor_uses_the_dashboard_through_nginx_on_one_process(cluster, browser):
    context = browser.new_context(base_url=cluster.url, viewport=DESKTOP)
    try:
        page = context.new_page()
        open_path(page, "/")
        assert main_heading(page) == "Hertfordshire Constabulary: where it stands"
        cookie = next(c["value"] for c in context.cookies() if c["name"] == "dashboard_route")
        choose_force(page, "Kent")  # a rerun over the websocket, through nginx
        expect_force_in_url(page, "kent")
        expect(page.locator('[data-testid="stMain"] h1').first).to_have_text("Kent Police: where it stands")
        page.reload()  # a new websocket: it must reach the same process
        expect(page.locator('[data-testid="stMain"] h1').first).to_have_text("Kent Police: where it stands")
    finally:
        context.close()
    routes = upstreams_by_route(cluster)
    assert len(routes[cookie]) == 1, f"one visitor was served by {routes[cookie]}"


def test_each_session_its_reconnects_and_its_downloads_stay_on_one_process(cluster):
    async def visit(number: int) -> list[str]:
        headers = cluster.session_headers(number)
        async with StreamlitSession(cluster.url, headers=headers) as session:
            first = await session.run("grades", "")
            await session.run("grades", first.query_string or "")
        async with StreamlitSession(cluster.url, headers=headers) as again:  # a reconnect, say after a network blip
            second = await again.run("grades", "force=kent")
        assert first.texts[0].startswith("Hertfordshire") and second.texts[0].startswith("Kent")
        return second.downloads

    downloads = {n: run_async(visit(n)) for n in range(16)}
    for number, urls in downloads.items():
        # The file behind a download button lives in the memory of the process that drew the button.
        assert urls, "the grades page offers its grades as a CSV download"
        request = urllib.request.Request(cluster.url + urls[0], headers=cluster.session_headers(number))
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
            assert response.read().decode("utf-8").startswith("Area,")
    routes = upstreams_by_route(cluster)
    sessions = {f"bench-session-{n}" for n in downloads}
    for route in sessions:
        assert len(routes[route]) == 1, f"{route} was served by {routes[route]}"
    used = set().union(*(routes[r] for r in sessions))
    assert used == {u.removeprefix("http://") for u in cluster.backend_urls}, "16 visitors should use both processes"

"""Shared fixtures: a small synthetic database for query tests, and the real embedded data for pages."""

from __future__ import annotations

import logging
import shutil
import sys
import types
from pathlib import Path

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from dashboard.store.build import build_database
from dashboard.store.paths import DATA_DIR

FIXTURE_DATA = Path(__file__).parent / "fixtures" / "data"


@pytest.fixture(autouse=True)
def forget_what_earlier_tests_built():
    """Every test starts with empty process-wide caches, so no test passes or fails because of what ran before it.

    The caches are keyed by the database file's version, so a stale result is never wrong data; but a view whose
    key forgot one of its choices (the force, say) would be hidden by a result an earlier test left behind, and
    a test that passed only after another had filled a cache would fail when run alone or in another order.
    """
    from dashboard.common.cache import clear_every_cache
    from dashboard.web.elements import arrow_bytes, chart_spec, csv_bytes
    from queries import _run_cached

    clear_every_cache()
    _run_cached.cache_clear()
    for memo in (arrow_bytes, chart_spec, csv_bytes):
        memo.clear()


class _PageFailures(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.failed: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg == ROUTER_PAGE_FAILED:
            self.failed.append(f"{record.getMessage()}\n{self.format(record)}")


ROUTER_PAGE_FAILED = "page %s failed"  # what app.py logs when a page it runs raises (it shows the visitor plain words)


@pytest.fixture(autouse=True)
def fail_when_a_page_failed_behind_the_router():
    """Pages run through app.py (dashboard/web/routing.py), which turns a page's exception into a polite message,
    so AppTest's `at.exception` stays empty: the router's log line fails the test instead."""
    failures = _PageFailures()
    logger = logging.getLogger("dashboard")
    logger.addHandler(failures)
    try:
        yield
    finally:
        logger.removeHandler(failures)
    if failures.failed:
        pytest.fail("a page failed behind the router:\n" + "\n".join(failures.failed), pytrace=False)


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory) -> Path:
    """A database built from tests/fixtures/data: a few known, synthetic rows."""
    path = tmp_path_factory.mktemp("fixture") / "fixture.duckdb"
    build_database(FIXTURE_DATA, path)
    return path


@pytest.fixture(scope="session")
def real_db(tmp_path_factory) -> Path:
    """A database built from the real curated data in data/."""
    path = tmp_path_factory.mktemp("real") / "dashboard.duckdb"
    build_database(DATA_DIR, path)
    return path


@pytest.fixture
def use_fixture_db(fixture_db, monkeypatch) -> Path:
    monkeypatch.setenv("DASHBOARD_DB", str(fixture_db))
    return fixture_db


@pytest.fixture
def use_real_db(real_db, monkeypatch) -> Path:
    monkeypatch.setenv("DASHBOARD_DB", str(real_db))
    return real_db


@pytest.fixture
def fixture_data_copy(tmp_path) -> Path:
    """A writable copy of the fixture data, for tests that break a file on purpose."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, target)
    return target


@pytest.fixture(scope="session")
def monthly_db(tmp_path_factory) -> Path:
    """The fixture database plus a synthetic monthly series (tests/fixtures/performance), for control charts."""
    data = tmp_path_factory.mktemp("monthly") / "data"
    shutil.copytree(FIXTURE_DATA, data)
    observations = data / "observations.csv"
    extra = (Path(__file__).parent / "fixtures" / "performance" / "observations_monthly.csv").read_text().splitlines()[1:]
    observations.write_text(observations.read_text().rstrip("\n") + "\n" + "\n".join(extra) + "\n")
    path = tmp_path_factory.mktemp("monthly-db") / "monthly.duckdb"
    build_database(data, path)
    return path


@pytest.fixture
def use_monthly_db(monthly_db, monkeypatch) -> Path:
    monkeypatch.setenv("DASHBOARD_DB", str(monthly_db))
    return monthly_db


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """Every file the app hands to a download button in this test, by media file id."""
    saved: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def recording(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        saved[file_id] = path_or_data
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", recording)
    return saved


@pytest.fixture
def stand_in_site(monkeypatch, tmp_path) -> Path:
    """The site folder (DASHBOARD_SITE) in this test's own folder, built by a stand-in for dashboard.site.build
    (bench/stand_in_site.py), so publishing is tested without the whole site's build. Returns the site folder."""
    from bench.stand_in_site import write_stand_in_site

    folder = tmp_path / "published" / "site"
    monkeypatch.setenv("DASHBOARD_SITE", str(folder))
    monkeypatch.setitem(sys.modules, "dashboard.site.build", types.SimpleNamespace(build_site=write_stand_in_site))
    return folder

"""`python -m dashboard refresh` against a local HTTP server: new, unchanged, rejected and unreachable releases.

The real police.uk and ONS addresses are not reachable from the tests; the whole path (conditional
request, size limit, load, feed log) is exercised against pytest-httpserver on 127.0.0.1.
"""

from __future__ import annotations

import time

import duckdb
import pytest
from importer_helpers import IMPORTS, digest, prepare, snapshot
from werkzeug import Response

from dashboard.__main__ import main
from dashboard.store.feeds import read_log
from dashboard.store.refresh import Limits, refresh

GOOD = (IMPORTS / "police_uk_999_2024.csv").read_bytes()
FAST = Limits(timeout=2.0, max_bytes=100_000, retries=2, backoff=0.0)


@pytest.fixture
def env(fixture_data_copy, tmp_path, httpserver):
    """A copy of the fixture data whose catalogue lists one 999 feed served by the local server."""
    db_path = tmp_path / "refresh.duckdb"
    prepare(fixture_data_copy, db_path)
    (fixture_data_copy / "feeds").mkdir()
    (fixture_data_copy / "feeds" / "catalogue.csv").write_text(
        "feed_id,kind,label,publisher,title,address,landing_url,cadence,grace_days,licence,metrics,options\n"
        f"test-999,police-uk-999,999 figures,Test Home Office (police.uk),999 call answering data,"
        f"{httpserver.url_for('/999.csv')},,monthly,60,Open Government Licence v3.0,pct_999_answered_10s calls_999,\n",
        encoding="utf-8",
    )
    return fixture_data_copy, db_path


def run(env, **kwargs):
    data_dir, db_path = env
    return refresh(data_dir, db_path, limits=kwargs.pop("limits", FAST), sleep=lambda s: None, **kwargs)


def figure(db_path, force_id: str, metric_id: str, period: str):
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        found = con.execute(
            "SELECT value, source_id FROM observation WHERE force_id = ? AND metric_id = ? AND period_label = ?",
            [force_id, metric_id, period],
        ).fetchall()
    finally:
        con.close()
    return found[0] if found else None


def unchanged_but_the_log(before: dict, after: dict) -> bool:
    """Everything a load could change is as it was; only data/feeds/log.csv has grown (beside the run's lock file)."""
    for shot in (before, after):
        shot["files"].pop("feeds/log.csv", None)
        shot["files"].pop("feeds/.refresh.lock", None)
    return before == after


def test_a_new_release_is_loaded_kept_unedited_and_logged(env, httpserver):
    data_dir, db_path = env
    httpserver.expect_oneshot_request("/999.csv").respond_with_data(GOOD, content_type="text/csv", headers={"ETag": '"v1"'})
    (check,) = run(env)
    assert check.outcome == "new"
    assert figure(db_path, "hertfordshire", "pct_999_answered_10s", "May 2024") == (89.0, "test-999-" + check.sha256[:12])
    stored = list((data_dir / "releases" / "police-uk-999").iterdir())
    assert [p.read_bytes() for p in stored] == [GOOD]
    (logged,) = read_log(data_dir)
    assert (logged.outcome, logged.bytes, logged.sha256, logged.etag, logged.load_id) == (
        "new",
        len(GOOD),
        digest(stored[0]),
        '"v1"',
        1,
    )
    assert "Loaded as load 1: 8 rows" in logged.message


def test_the_same_release_again_is_unchanged_by_304_or_by_its_sha256(env, httpserver):
    data_dir, db_path = env
    httpserver.expect_oneshot_request("/999.csv").respond_with_data(GOOD, content_type="text/csv", headers={"ETag": '"v1"'})
    run(env)
    before = snapshot(data_dir, db_path)
    # The second request must carry the ETag seen: the server answers 304 only to that.
    httpserver.expect_oneshot_request("/999.csv", headers={"If-None-Match": '"v1"'}).respond_with_data("", status=304)
    # A server that ignores conditional requests sends the same bytes again.
    httpserver.expect_oneshot_request("/999.csv").respond_with_data(GOOD, content_type="text/csv")
    (by_304,) = run(env)
    (by_sha,) = run(env)
    assert (by_304.outcome, by_304.http_status) == ("unchanged", 304)
    assert (by_sha.outcome, by_sha.http_status, by_sha.load_id) == ("unchanged", 200, 1)
    assert "Same contents (SHA-256) as load 1" in by_sha.message
    assert unchanged_but_the_log(before, snapshot(data_dir, db_path))
    assert [c.outcome for c in read_log(data_dir)] == ["new", "unchanged", "unchanged"]


def test_a_malformed_release_is_rejected_and_the_database_is_byte_for_byte_unchanged(env, httpserver):
    data_dir, db_path = env
    before = snapshot(data_dir, db_path)
    broken = GOOD.replace(b"Essex Police,2024-04,12000", b"Essex Police,2024-04,n/a")
    httpserver.expect_oneshot_request("/999.csv").respond_with_data(broken, content_type="text/csv")
    (check,) = run(env)
    assert check.outcome == "rejected"
    assert "row 3, column 'Total 999 calls': expected a whole number, found 'n/a'" in check.message
    assert unchanged_but_the_log(before, snapshot(data_dir, db_path))
    assert not (data_dir / "releases").exists()


@pytest.mark.parametrize("answer", ["server error", "timeout"])
def test_an_unreachable_feed_changes_nothing(env, httpserver, answer):
    data_dir, db_path = env
    before = snapshot(data_dir, db_path)
    if answer == "server error":
        for _ in range(3):  # the request and its two retries
            httpserver.expect_oneshot_request("/999.csv").respond_with_data("oops", status=500)
        limits = FAST
    else:

        def slow(request):
            time.sleep(0.6)
            return Response(GOOD, content_type="text/csv")

        httpserver.expect_request("/999.csv").respond_with_handler(slow)
        limits = Limits(timeout=0.2, max_bytes=100_000, retries=0, backoff=0.0)
    (check,) = run(env, limits=limits)
    assert check.outcome == "unreachable"
    expected = (
        "the server answered 500 INTERNAL SERVER ERROR (3 attempts)"
        if answer == "server error"
        else "no answer within 0.2 seconds"
    )
    assert expected in check.message
    assert unchanged_but_the_log(before, snapshot(data_dir, db_path))


def test_a_file_over_the_size_limit_is_refused_before_it_is_stored(env, httpserver):
    data_dir, db_path = env
    before = snapshot(data_dir, db_path)
    httpserver.expect_oneshot_request("/999.csv").respond_with_data(GOOD, content_type="text/csv")
    (check,) = run(env, limits=Limits(timeout=2.0, max_bytes=100, retries=0, backoff=0.0))
    assert check.outcome == "rejected"
    assert f"Refused, not stored: the file is {len(GOOD):,} bytes, more than the limit of 100" in check.message
    assert check.sha256 is None and not (data_dir / "releases").exists()
    assert unchanged_but_the_log(before, snapshot(data_dir, db_path))


def test_a_web_page_where_a_file_was_expected_is_rejected(env, httpserver):
    httpserver.expect_oneshot_request("/999.csv").respond_with_data("<html></html>", content_type="text/html")
    (check,) = run(env)
    assert check.outcome == "rejected" and "gave a web page, not a data file" in check.message


def test_the_command_line_refreshes_and_prints_each_feed(env, httpserver, monkeypatch, capsys):
    data_dir, db_path = env
    monkeypatch.setenv("DASHBOARD_DB", str(db_path))
    httpserver.expect_oneshot_request("/999.csv").respond_with_data(GOOD, content_type="text/csv")
    assert main(["refresh", "--data-dir", str(data_dir)]) == 0
    assert capsys.readouterr().out.startswith("test-999: new. Loaded as load 1: 8 rows")

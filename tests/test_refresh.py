"""`python -m dashboard refresh` against a local HTTPS server: new, unchanged, rejected and unreachable releases,
and the attacks a hostile or hijacked publisher could try (redirects elsewhere, private addresses, slow drip, markup).

The real police.uk and ONS addresses are not reachable from the tests. The feed is served by pytest-httpserver
over TLS (a certificate from trustme) under public-looking names: the test network resolves those names to
public-looking addresses and dials the local server for them. That is the only way the tests reach 127.0.0.1:
every address is still judged as in production, so a redirect to a private address is refused here too.
"""

from __future__ import annotations

import ipaddress
import logging
import ssl
import time
from datetime import date

import duckdb
import pandas as pd
import pytest
import trustme
from importer_helpers import IMPORTS, TABLE_P1, billion_laughs, digest, prepare, rewritten, snapshot, with_first_text
from pytest_httpserver import HTTPServer
from werkzeug import Response

from dashboard.__main__ import main
from dashboard.common.freshness import feed_statuses, feeds_table
from dashboard.store import refresh as refresh_module
from dashboard.store.feeds import PUBLIC_WORDING, log_path, read_catalogue, read_log
from dashboard.store.fetch import Limits, Network, is_public, resolve_host
from dashboard.store.refresh import refresh

GOOD = (IMPORTS / "police_uk_999_2024.csv").read_bytes()
FAST = Limits(timeout=2.0, deadline=20.0, max_bytes=100_000, retries=2, backoff=0.0)
PUBLISHER = "feeds.example.org"  # the feed's own host
MIRROR = "downloads.example.org"  # a host the catalogue lists for the feed
STRANGER = "elsewhere.example.net"  # a host it does not
INTERNAL = "intranet.example.org"  # listed, but its name resolves to a private address (set per test)
PUBLIC_ADDRESSES = {PUBLISHER: "93.184.215.14", MIRROR: "93.184.215.15", STRANGER: "93.184.215.16"}
FEED_URL = f"https://{PUBLISHER}/999.csv"
REFUSED_REDIRECT = PUBLIC_WORDING["redirect_refused"][1]


def words(reason: str) -> str:
    return PUBLIC_WORDING[reason][1]


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def https_server(ca):
    """An HTTPS server on 127.0.0.1 whose certificate names the test hosts, started once for the module."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert(PUBLISHER, MIRROR, STRANGER, INTERNAL).configure_cert(context)
    running = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    running.start()
    yield running
    running.stop()


@pytest.fixture
def server(https_server):
    """The server with no answers set and an empty request log, whatever the test before it did."""
    https_server.clear()
    yield https_server
    https_server.clear()


class LocalNetwork:
    """Names to public-looking addresses (or to what a test says), and those addresses dialled on the local server."""

    def __init__(self, server: HTTPServer, ca: trustme.CA) -> None:
        self.server = server
        self.names = {name: [ipaddress.ip_address(a)] for name, a in PUBLIC_ADDRESSES.items()}
        self.resolved: list[str] = []
        self.dialled: list[str] = []
        context = ssl.create_default_context()
        ca.configure_trust(context)
        self.network = Network(resolve=self.resolve, dial=self.dial, ssl_context=context)

    def resolve(self, host: str, port: int):
        self.resolved.append(host)
        return self.names[host] if host in self.names else resolve_host(host, port)

    def dial(self, address, port: int) -> tuple[str, int]:
        assert str(address) in PUBLIC_ADDRESSES.values(), f"dialled {address}"
        self.dialled.append(str(address))
        return "127.0.0.1", self.server.port


@pytest.fixture
def net(server, ca) -> LocalNetwork:
    return LocalNetwork(server, ca)


def write_catalogue(data_dir, address: str = FEED_URL, redirect_hosts: str = "", kind: str = "police-uk-999") -> None:
    (data_dir / "feeds").mkdir(exist_ok=True)
    (data_dir / "feeds" / "catalogue.csv").write_text(
        "feed_id,kind,label,publisher,title,address,landing_url,cadence,grace_days,licence,metrics,options,redirect_hosts\n"
        f"test-999,{kind},999 figures,Test Home Office (police.uk),999 call answering data,"
        f"{address},,monthly,60,Open Government Licence v3.0,pct_999_answered_10s calls_999,,{redirect_hosts}\n",
        encoding="utf-8",
    )


@pytest.fixture
def env(fixture_data_copy, tmp_path):
    """A copy of the fixture data whose catalogue lists one 999 feed at https://feeds.example.org/999.csv."""
    db_path = tmp_path / "refresh.duckdb"
    prepare(fixture_data_copy, db_path)
    write_catalogue(fixture_data_copy)
    return fixture_data_copy, db_path


@pytest.fixture
def bare_env(fixture_data_copy, tmp_path):
    """The same feed over data with no database: for checks that end before anything is loaded."""
    write_catalogue(fixture_data_copy)
    return fixture_data_copy, tmp_path / "never-built.duckdb"


def run(env, net, **kwargs):
    data_dir, db_path = env
    return refresh(data_dir, db_path, limits=kwargs.pop("limits", FAST), sleep=lambda s: None, network=net.network, **kwargs)


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


def public_feeds_table(data_dir) -> pd.DataFrame:
    """The feeds table About the data shows, from the data folder's catalogue and log."""
    no_figures = pd.DataFrame({"metric_id": [], "latest_end": []})
    return feeds_table(feed_statuses(read_catalogue(data_dir), read_log(data_dir), no_figures, date.today()))


# --- What a release does ----------------------------------------------------------------------------------------


def test_a_new_release_is_loaded_kept_unedited_and_logged(env, server, net):
    data_dir, db_path = env
    server.expect_oneshot_request("/999.csv").respond_with_data(GOOD, content_type="text/csv", headers={"ETag": '"v1"'})
    (check,) = run(env, net)
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
    assert logged.message == "A new release was loaded."
    assert net.dialled == [PUBLIC_ADDRESSES[PUBLISHER]]


def test_the_same_release_again_is_unchanged_by_304_or_by_its_sha256(env, server, net):
    data_dir, db_path = env
    server.expect_oneshot_request("/999.csv").respond_with_data(GOOD, content_type="text/csv", headers={"ETag": '"v1"'})
    run(env, net)
    before = snapshot(data_dir, db_path)
    # The second request must carry the ETag seen: the server answers 304 only to that.
    server.expect_oneshot_request("/999.csv", headers={"If-None-Match": '"v1"'}).respond_with_data("", status=304)
    # A server that ignores conditional requests sends the same bytes again.
    server.expect_oneshot_request("/999.csv").respond_with_data(GOOD, content_type="text/csv")
    (by_304,) = run(env, net)
    (by_sha,) = run(env, net)
    assert (by_304.outcome, by_304.http_status, by_304.message) == ("unchanged", 304, "Not modified since the last check.")
    assert (by_sha.outcome, by_sha.http_status, by_sha.load_id) == ("unchanged", 200, 1)
    assert by_sha.message == "The file was the same as a release already loaded."
    assert unchanged_but_the_log(before, snapshot(data_dir, db_path))
    assert [c.outcome for c in read_log(data_dir)] == ["new", "unchanged", "unchanged"]


def test_a_malformed_release_is_rejected_in_fixed_words_with_the_detail_in_the_operators_log(env, server, net, caplog):
    data_dir, db_path = env
    before = snapshot(data_dir, db_path)
    broken = GOOD.replace(b"Essex Police,2024-04,12000", b"Essex Police,2024-04,n/a")
    server.expect_oneshot_request("/999.csv").respond_with_data(broken, content_type="text/csv")
    with caplog.at_level(logging.INFO, logger="dashboard.refresh"):
        (check,) = run(env, net)
    assert (check.outcome, check.message) == ("rejected", "The file was not in the expected form, so nothing changed.")
    assert "row 3, column 'Total 999 calls': expected a whole number, found 'n/a'" in caplog.text
    assert unchanged_but_the_log(before, snapshot(data_dir, db_path))
    assert not (data_dir / "releases").exists()


@pytest.mark.parametrize("answer", ["server error", "timeout"])
def test_an_unreachable_feed_changes_nothing(env, server, net, answer, caplog):
    data_dir, db_path = env
    before = snapshot(data_dir, db_path)
    if answer == "server error":
        for _ in range(3):  # the request and its two retries
            server.expect_oneshot_request("/999.csv").respond_with_data("oops", status=500)
        limits = FAST
    else:

        def slow(request):
            time.sleep(0.6)
            return Response(GOOD, content_type="text/csv")

        server.expect_request("/999.csv").respond_with_handler(slow)
        limits = Limits(timeout=0.2, deadline=20.0, max_bytes=100_000, retries=0, backoff=0.0)
    with caplog.at_level(logging.INFO, logger="dashboard.refresh"):
        (check,) = run(env, net, limits=limits)
    assert check.outcome == "unreachable"
    if answer == "server error":
        assert check.message == "The publisher's server did not send the file."
        assert "the server answered 500 INTERNAL SERVER ERROR (3 attempts)" in caplog.text
    else:
        assert check.message == "The publisher's server could not be reached."
        assert "no answer within 0.2 seconds" in caplog.text
    assert unchanged_but_the_log(before, snapshot(data_dir, db_path))
    if answer == "timeout":
        wait_for_the_abandoned_answer(server)


def wait_for_the_abandoned_answer(server: HTTPServer, within: float = 5.0) -> None:
    """The slow handler is still sleeping after the client gave up; it logs its request when it finishes.

    Without this wait that late entry lands in the next test's request log (CI stop 26 saw it there).
    """
    stop = time.monotonic() + within
    while not server.log and time.monotonic() < stop:
        time.sleep(0.05)
    assert server.log, f"the slow handler did not finish within {within} seconds"


def test_a_file_over_the_size_limit_is_refused_before_it_is_stored(env, server, net, caplog):
    data_dir, db_path = env
    before = snapshot(data_dir, db_path)
    server.expect_oneshot_request("/999.csv").respond_with_data(GOOD, content_type="text/csv")
    with caplog.at_level(logging.INFO, logger="dashboard.refresh"):
        (check,) = run(env, net, limits=Limits(timeout=2.0, max_bytes=100, retries=0, backoff=0.0))
    assert (check.outcome, check.message) == ("rejected", "The file was larger than the limit, so it was not stored.")
    assert f"the file is {len(GOOD):,} bytes, more than the limit of 100" in caplog.text
    assert check.sha256 is None and not (data_dir / "releases").exists()
    assert unchanged_but_the_log(before, snapshot(data_dir, db_path))


def test_a_web_page_where_a_file_was_expected_is_rejected(bare_env, server, net):
    server.expect_oneshot_request("/999.csv").respond_with_data("<html></html>", content_type="text/html")
    (check,) = run(bare_env, net)
    assert (check.outcome, check.message) == ("rejected", "The address gave a web page, not a data file.")


def test_the_command_line_refreshes_prints_each_feed_and_publishes_the_static_edition_after_a_new_release(
    env, server, net, monkeypatch, capsys, stand_in_site
):
    data_dir, db_path = env
    monkeypatch.setenv("DASHBOARD_DB", str(db_path))
    # The command line uses the real network, which refuses the test's names: the test network stands in for it.
    real = refresh_module.refresh
    monkeypatch.setattr(refresh_module, "refresh", lambda *args, **kwargs: real(*args, network=net.network, **kwargs))
    server.expect_oneshot_request("/999.csv").respond_with_data(GOOD, content_type="text/csv")
    assert main(["refresh", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("test-999: new. A new release was loaded.")
    assert f"Published the static edition in {stand_in_site}" in out
    published = (stand_in_site / "hertfordshire" / "index.html").stat().st_mtime_ns
    server.expect_oneshot_request("/999.csv").respond_with_data(GOOD, content_type="text/csv")
    assert main(["refresh", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "Published" not in out, "a refresh that changed nothing publishes nothing"
    assert (stand_in_site / "hertfordshire" / "index.html").stat().st_mtime_ns == published


# --- Redirects: only over https, only to the feed's hosts, never to a private address ---------------------------


def redirect(server: HTTPServer, location: str, path: str = "/999.csv") -> None:
    server.expect_request(path).respond_with_data("", status=302, headers={"Location": location})


def refused_and_nothing_changed(env, check, reason: str = "redirect_refused") -> None:
    data_dir, db_path = env
    assert (check.outcome, check.message) == ("rejected", words(reason))
    assert not (data_dir / "releases").exists()
    assert [c.message for c in read_log(data_dir)] == [words(reason)]


def test_a_redirect_to_plain_http_is_refused(bare_env, server, net, caplog):
    redirect(server, f"http://{PUBLISHER}/999.csv")
    server.expect_request("/plain").respond_with_data(GOOD, content_type="text/csv")
    with caplog.at_level(logging.INFO, logger="dashboard.refresh"):
        (check,) = run(bare_env, net)
    refused_and_nothing_changed(bare_env, check)
    assert "http scheme, not https" in caplog.text
    assert [entry[0].path for entry in server.log] == ["/999.csv"]  # the plain address was never asked for


def test_a_redirect_to_another_host_is_refused(bare_env, server, net, caplog):
    redirect(server, f"https://{STRANGER}/999-moved.csv")
    server.expect_request("/999-moved.csv").respond_with_data(GOOD, content_type="text/csv")
    with caplog.at_level(logging.INFO, logger="dashboard.refresh"):
        (check,) = run(bare_env, net)
    refused_and_nothing_changed(bare_env, check)
    assert f"{STRANGER} is not the feed's host nor one the catalogue lists for it" in caplog.text
    assert STRANGER not in net.resolved and net.dialled == [PUBLIC_ADDRESSES[PUBLISHER]]


def test_a_redirect_to_a_host_the_catalogue_lists_is_followed(env, server, net):
    data_dir, db_path = env
    write_catalogue(data_dir, redirect_hosts=f"{MIRROR} other.example.org")
    redirect(server, f"https://{MIRROR}/files/999.csv")
    server.expect_request("/files/999.csv").respond_with_data(GOOD, content_type="text/csv")
    (check,) = run(env, net)
    assert (check.outcome, check.message) == ("new", "A new release was loaded.")
    assert net.dialled == [PUBLIC_ADDRESSES[PUBLISHER], PUBLIC_ADDRESSES[MIRROR]]
    assert figure(db_path, "hertfordshire", "pct_999_answered_10s", "May 2024") is not None


PRIVATE = ["127.0.0.1", "10.0.0.5", "169.254.169.254", "::1", "::ffff:127.0.0.1", "0.0.0.0", "192.168.1.1", "fd00::1"]


@pytest.mark.parametrize("address", PRIVATE)
def test_a_redirect_chain_to_a_listed_name_that_resolves_to_a_private_address_is_refused(bare_env, server, net, caplog, address):
    """The DNS form of the attack: the host passes the catalogue's list, its address does not. Nothing is dialled."""
    data_dir, _ = bare_env
    write_catalogue(data_dir, redirect_hosts=f"{MIRROR} {INTERNAL}")
    net.names[INTERNAL] = [ipaddress.ip_address(address)]
    redirect(server, f"https://{MIRROR}/next")
    redirect(server, f"https://{INTERNAL}/latest/meta-data/", path="/next")
    with caplog.at_level(logging.INFO, logger="dashboard.refresh"):
        (check,) = run(bare_env, net)
    refused_and_nothing_changed(bare_env, check)
    assert f"{INTERNAL} resolves to {ipaddress.ip_address(address)}, which is not a public address" in caplog.text
    assert net.dialled == [PUBLIC_ADDRESSES[PUBLISHER], PUBLIC_ADDRESSES[MIRROR]]


@pytest.mark.parametrize(
    "location",
    [
        "https://127.0.0.1/",
        "https://10.0.0.5/",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/",
        "https://[::ffff:127.0.0.1]/",
        "https://2130706433/",  # 127.0.0.1 as one decimal number
        "https://0x7f.1/",  # and in hexadecimal
        "https://0177.0.0.1/",  # and in octal
        "https://localhost/",
    ],
)
def test_a_redirect_to_a_private_address_written_as_an_address_is_refused(bare_env, server, net, caplog, location):
    redirect(server, location)
    with caplog.at_level(logging.INFO, logger="dashboard.refresh"):
        (check,) = run(bare_env, net)
    refused_and_nothing_changed(bare_env, check)
    assert net.dialled == [PUBLIC_ADDRESSES[PUBLISHER]]


@pytest.mark.parametrize(
    "written",
    ["127.0.0.1", "127.1", "2130706433", "0x7f000001", "0177.0.0.1", "::1", "::ffff:127.0.0.1", "::ffff:a00:5", "0.0.0.0"]
    + ["10.0.0.5", "172.16.0.1", "192.168.0.1", "100.64.0.1", "169.254.169.254", "fe80::1", "fd00::1", "224.0.0.1"]
    + ["240.0.0.1", "255.255.255.255", "2002:7f00:1::", "64:ff9b::a00:5", "198.18.0.1", "192.0.2.1", "2001:db8::1"],
)
def test_every_way_of_writing_a_non_public_address_is_judged_not_public(written):
    """What the system resolver makes of each form (dotted, short, decimal, hexadecimal, octal, IPv6 forms that
    carry an IPv4 address, 6to4, NAT64), then the judgement the fetch applies to every address before connecting."""
    (address,) = resolve_host(written, 443)
    assert not is_public(address), address


def test_public_addresses_are_judged_public():
    assert all(is_public(ipaddress.ip_address(a)) for a in ("93.184.215.14", "151.101.0.81", "2606:4700::1111"))


def test_a_feed_whose_own_name_resolves_to_a_private_address_is_refused_before_connecting(bare_env, server, net, caplog):
    net.names[PUBLISHER] = [ipaddress.ip_address("93.184.215.14"), ipaddress.ip_address("10.1.2.3")]
    with caplog.at_level(logging.INFO, logger="dashboard.refresh"):
        (check,) = run(bare_env, net)
    refused_and_nothing_changed(bare_env, check, reason="address_refused")
    assert f"{PUBLISHER} resolves to 10.1.2.3, which is not a public address" in caplog.text
    assert net.dialled == [] and server.log == []


def test_the_real_network_refuses_a_feed_on_this_machine(bare_env, server, caplog):
    """Without the test network, the address the local server really has is refused like any private one."""
    data_dir, db_path = bare_env
    write_catalogue(data_dir, address=f"https://localhost:{server.port}/999.csv")
    server.expect_request("/999.csv").respond_with_data(GOOD, content_type="text/csv")
    with caplog.at_level(logging.INFO, logger="dashboard.refresh"):
        (check,) = refresh(data_dir, db_path, limits=FAST, sleep=lambda s: None)
    refused_and_nothing_changed(bare_env, check, reason="address_refused")
    assert "localhost resolves to" in caplog.text and server.log == []


def test_the_connection_goes_to_the_address_that_was_checked(env, server, net):
    """DNS rebinding: a name that answers with a public address, then with 127.0.0.1, is looked up once per
    connection, and the connection is made to the address that was judged."""
    answers = iter([PUBLIC_ADDRESSES[PUBLISHER], "127.0.0.1", "127.0.0.1"])

    def rebinding(host: str, port: int):
        net.resolved.append(host)
        return [ipaddress.ip_address(next(answers))]

    net.network = Network(resolve=rebinding, dial=net.dial, ssl_context=net.network.ssl_context)
    server.expect_request("/999.csv").respond_with_data(GOOD, content_type="text/csv")
    (check,) = run(env, net)
    assert check.outcome == "new"
    assert net.resolved == [PUBLISHER] and net.dialled == [PUBLIC_ADDRESSES[PUBLISHER]]


def test_a_redirect_loop_stops_at_the_limit(bare_env, server, net, caplog):
    redirect(server, f"https://{PUBLISHER}/999.csv")
    with caplog.at_level(logging.INFO, logger="dashboard.refresh"):
        (check,) = run(bare_env, net)
    refused_and_nothing_changed(bare_env, check)
    assert "more than 5 redirects" in caplog.text
    assert len(server.log) == 6  # the address and five redirects, each tried once (a refusal is not retried)


def test_a_catalogue_with_a_plain_http_address_or_a_bad_redirect_host_is_rejected(bare_env):
    data_dir, _ = bare_env
    write_catalogue(data_dir, address="http://feeds.example.org/999.csv")
    with pytest.raises(Exception, match="is not an https:// address"):
        read_catalogue(data_dir)
    write_catalogue(data_dir, redirect_hosts="https://downloads.example.org/")
    with pytest.raises(Exception, match="is not a host name such as www.ons.gov.uk"):
        read_catalogue(data_dir)
    write_catalogue(data_dir, redirect_hosts="10.0.0.5")
    with pytest.raises(Exception, match="'10.0.0.5' is not a host name"):
        read_catalogue(data_dir)


@pytest.mark.parametrize(
    "part, change, said",
    [
        (TABLE_P1, with_first_text(b"A" * 100 * 2**20), "KiB to 100.0 MiB, more than 100 times its size"),
        (TABLE_P1, billion_laughs(), "the workbook declares XML entities"),
    ],
    ids=["zip bomb", "entity expansion"],
)
def test_a_hostile_workbook_from_a_feed_is_rejected_unstored(env, server, net, caplog, tmp_path, part, change, said):
    data_dir, db_path = env
    write_catalogue(data_dir, address=f"https://{PUBLISHER}/pfa-tables.xlsx", kind="ons-pfa")
    before = snapshot(data_dir, db_path)
    hostile = rewritten(tmp_path / "hostile.xlsx", part, change).read_bytes()
    server.expect_request("/pfa-tables.xlsx").respond_with_data(hostile, content_type="application/vnd.ms-excel")
    with caplog.at_level(logging.INFO, logger="dashboard.refresh"):
        (check,) = run(env, net, limits=Limits(timeout=2.0, deadline=20.0, max_bytes=1_000_000, retries=0))
    assert (check.outcome, check.message) == ("rejected", words("not_expected_form"))
    assert "pfa-tables.xlsx: " in caplog.text and said in caplog.text
    assert unchanged_but_the_log(before, snapshot(data_dir, db_path))


# --- One deadline, and nothing the server says in public ---------------------------------------------------------


def test_a_server_sending_one_byte_at_a_time_is_cut_off_at_the_deadline(bare_env, server, net, caplog):
    data_dir, _ = bare_env

    def drip(request):
        def body():
            for _ in range(30):  # three seconds of one byte every tenth of a second, each well within the read timeout
                time.sleep(0.1)
                yield b"a"

        return Response(body(), content_type="text/csv")

    server.expect_request("/999.csv").respond_with_handler(drip)
    limits = Limits(timeout=5.0, deadline=1.0, max_bytes=100_000, retries=2, backoff=0.0)
    with caplog.at_level(logging.INFO, logger="dashboard.refresh"):
        (check,) = run(bare_env, net, limits=limits)
    assert (check.outcome, check.message) == ("unreachable", "The publisher's server did not send the file in time.")
    assert "cut off at the deadline of 1 seconds" in caplog.text
    assert not (data_dir / "releases").exists() and len(server.log) == 1  # not retried: the deadline is for the whole


HOSTILE = "<img src=x onerror=alert(document.cookie)> ![](https://elsewhere.example/p.gif) [click](javascript:alert(1))"


def test_markup_and_long_text_in_the_response_reach_only_the_operators_log(env, server, net, caplog):
    data_dir, _ = env
    body = f"Force,{HOSTILE},{'x' * 5000}\nEssex Police,2024-04,12000\n".encode()
    server.expect_request("/999.csv").respond_with_data(body, content_type="text/csv")
    with caplog.at_level(logging.INFO, logger="dashboard.refresh"):
        (check,) = run(env, net)
    assert (check.outcome, check.message) == ("rejected", words("not_expected_form"))
    assert "<img src=x onerror" in caplog.text  # the operator sees what the server sent...
    log_file = log_path(data_dir).read_text(encoding="utf-8")
    shown = public_feeds_table(data_dir)
    # ...the public feeds table and the log file beside the data do not.
    assert shown.loc[0, "What happened"] == "The file was not in the expected form, so nothing changed."
    for public in (log_file, shown.to_csv()):
        assert "<img" not in public and "javascript:" not in public and "xxxxx" not in public


def test_a_status_line_carrying_markup_reaches_only_the_operators_log(bare_env, server, net, caplog):
    server.expect_request("/999.csv").respond_with_response(Response("gone", status=f"404 {HOSTILE}"))
    with caplog.at_level(logging.INFO, logger="dashboard.refresh"):
        (check,) = run(bare_env, net)
    assert (check.outcome, check.message) == ("unreachable", "The publisher's server did not send the file.")
    assert "onerror" in caplog.text and "onerror" not in log_path(bare_env[0]).read_text(encoding="utf-8")


def test_a_log_row_written_before_the_wording_was_fixed_is_shown_in_fixed_words(bare_env):
    data_dir, _ = bare_env
    log_path(data_dir).write_text(
        "checked_at,feed_id,outcome,http_status,bytes,sha256,etag,last_modified,load_id,message\n"
        f"2026-01-02T06:00:00,test-999,rejected,200,10,,,,,Rejected: headers found: '{HOSTILE}'\n",
        encoding="utf-8",
    )
    assert public_feeds_table(data_dir).loc[0, "What happened"] == "The file was refused, so nothing changed."

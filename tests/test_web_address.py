"""Links only from http(s) addresses: the one rule, and where it holds (the build, the loader, the feed catalogue)."""

from __future__ import annotations

import hashlib

import pytest

from dashboard.store.build import build_database
from dashboard.store.feeds import CATALOGUE, read_catalogue
from dashboard.store.importers.load import SourceSpec, load_file
from dashboard.store.tables import TABLES, DataFileError
from dashboard.store.web_address import checked_url, web_address_problem
from tests.importer_helpers import IMPORTS, prepare, snapshot
from tests.test_build import rewrite_cell

ACCEPTED = (
    "https://www.justiceinspectorates.gov.uk/hmicfrs/peel-assessments/peel-2023-25/hertfordshire/",
    "http://www.police.uk/pu/your-area/",
    "HTTPS://EXAMPLE.ORG/Report.pdf",
    "https://example.org/search?q=999+calls&page=2#results",
    "https://en.wikipedia.org/wiki/Police_(band)",
    "https://example.org/caf%C3%A9",
    "https://127.0.0.1:8080/feed.csv",
    "https://[2001:db8::1]/feed.csv",
)
REFUSED = (
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "data:image/svg+xml;base64,PHN2Zz4=",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.org/file.csv",
    "mailto:someone@example.org",
    "//elsewhere.example/p.gif",
    "/about-data",
    "www.example.org",
    " https://example.org/",  # a leading space, as a careless paste leaves it
    "https://example.org/\n",
    "java\tscript:alert(1)",
    "https://exa mple.org/",
    "https://example.org/\u200bx",  # a zero-width space
    "https://example.org/\u202ecod.exe",  # a right-to-left override
    "https://example.org/\x00",
    "https:\\\\example.org\\x",
    'https://example.org/"onmouseover="alert(1)',
    "https://example.org/<script>",
    "https://www.police.uk@elsewhere.example/",  # the part before @ is a user name, not the host
    "https://example.org:99999/",
    "https://",
    "http:///path",
    "https://-example.org/",
    "https://exa_mple.org/",
    "https://example.org/%zz",
    "https://example.org/" + "a" * 2100,
)


@pytest.mark.parametrize("address", ACCEPTED)
def test_an_absolute_http_or_https_address_may_be_linked_to(address):
    assert web_address_problem(address) is None
    assert checked_url(address) == address


@pytest.mark.parametrize("address", REFUSED)
def test_any_other_address_is_refused_with_the_reason_in_words(address):
    problem = web_address_problem(address)
    assert problem is not None and problem.startswith("expected a web address starting https:// (or http://), found '")
    assert checked_url(address) is None


def test_a_refused_address_is_quoted_with_its_invisible_characters_written_out():
    assert "found 'https://example.org/\\u200bx'" in web_address_problem("https://example.org/\u200bx")
    assert "found 'java\\u0009script:alert(1)'" in web_address_problem("java\tscript:alert(1)")


@pytest.mark.parametrize("value", [None, "", float("nan"), 42])
def test_a_missing_or_non_text_address_is_no_link(value):
    assert checked_url(value) is None


def test_every_address_column_of_every_data_file_is_checked_as_an_address():
    """A column named for an address that slipped through as plain text would reach a page unchecked."""
    tables = [*TABLES.values(), CATALOGUE]
    named = {(t.name, c.name) for t in tables for c in t.columns if any(w in c.name for w in ("url", "address", "link"))}
    checked = {(t.name, c.name) for t in tables for c in t.columns if c.kind == "address"}
    assert named == checked
    assert ("source", "url") in checked and ("improvement_action", "evidence_url") in checked


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "file, row, column, address",
    [
        ("sources.csv", 2, "url", "javascript:alert(document.domain)"),
        ("sources.csv", 3, "url", "data:text/html,<script>alert(1)</script>"),
        ("sources.csv", 2, "url", "//elsewhere.example/p.gif"),
        ("improvement_actions.csv", 3, "evidence_url", "javascript:alert(1)"),
        ("improvement_actions.csv", 2, "evidence_url", "https://example.org/\u200bx"),
    ],
)
def test_a_build_with_a_hostile_address_is_rejected_naming_file_row_and_column_and_keeps_the_database(
    fixture_data_copy, tmp_path, file, row, column, address
):
    db_path = tmp_path / "kept.duckdb"
    build_database(fixture_data_copy, db_path)
    before = digest(db_path)
    rewrite_cell(fixture_data_copy / file, row, column, address)
    with pytest.raises(DataFileError) as caught:
        build_database(fixture_data_copy, db_path)
    assert f"data/{file}, row {row}, column '{column}': expected a web address starting https://" in str(caught.value)
    assert digest(db_path) == before


def test_a_feed_catalogue_with_a_hostile_address_is_rejected_naming_row_and_column(fixture_data_copy):
    feeds = fixture_data_copy / "feeds"
    feeds.mkdir(exist_ok=True)
    (feeds / "catalogue.csv").write_text(
        "feed_id,kind,label,publisher,title,address,landing_url,cadence,grace_days,licence,metrics,options\n"
        "ok,police-uk-999,999 figures,Test,Test feed,https://example.org/999.csv,,monthly,30,OGL,pct_999_answered_10s,\n"
        "bad,police-uk-999,999 figures,Test,Test feed,https://example.org/999.csv,javascript:alert(1),monthly,30,OGL,"
        "pct_999_answered_10s,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as caught:
        read_catalogue(fixture_data_copy)
    assert "data/feeds/catalogue.csv, row 3, column 'landing_url': expected a web address starting https://" in str(caught.value)


def test_the_real_feed_catalogue_and_data_hold_only_addresses_that_may_be_linked_to(real_db):
    assert all(checked_url(feed.address) for feed in read_catalogue())


def test_a_load_citing_a_new_source_with_a_hostile_address_is_refused_and_changes_nothing(fixture_data_copy, tmp_path):
    db_path = tmp_path / "import.duckdb"
    prepare(fixture_data_copy, db_path)
    before = snapshot(fixture_data_copy, db_path)
    spec = SourceSpec(publisher="Test Home Office", title="999 call answering data", url="javascript:alert(1)")
    with pytest.raises(DataFileError) as caught:
        load_file(IMPORTS / "police_uk_999_2024.csv", "police-uk-999", spec, data_dir=fixture_data_copy, db_path=db_path)
    assert "--url: expected a web address starting https:// (or http://), found 'javascript:alert(1)'" in str(caught.value)
    assert snapshot(fixture_data_copy, db_path) == before

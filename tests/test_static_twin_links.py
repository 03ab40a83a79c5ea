"""Each app page that has a twin in the static edition links to it in its opening lines (issue 23), only once the
twin is published, and at the public address when the edition is published elsewhere (DASHBOARD_APP_URL)."""

from __future__ import annotations

import pytest

from dashboard.common.site_addresses import (
    APP_URL_VARIABLE,
    FORCE_PAGES,
    PUBLIC_URL_VARIABLE,
    SHARED_PAGES,
    file_for,
    static_address,
)
from dashboard.web.freshness import TWIN_LINK_TEXT
from tests.app_helpers import PAGE_SCRIPTS, open_page

FORCE = "hertfordshire"
# The page script behind each app address (app.py's url_path, which is the static page's app_path).
SCRIPT_OF = {page: page.app_path.replace("-", "_") for page in (*FORCE_PAGES, *SHARED_PAGES)}
TWINS = {
    **{SCRIPT_OF[page]: static_address(page, FORCE) for page in FORCE_PAGES},
    **{SCRIPT_OF[page]: static_address(page) for page in SHARED_PAGES},
}
WITHOUT_TWIN = tuple(script for script in PAGE_SCRIPTS if script not in TWINS)


@pytest.fixture
def published(tmp_path, monkeypatch):
    """A site folder holding a file for every twin (their words do not matter here)."""
    folder = tmp_path / "site"
    for address in TWINS.values():
        path = file_for(address, folder)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("<!doctype html><title>twin</title>")
    monkeypatch.setenv("DASHBOARD_SITE", str(folder))
    monkeypatch.delenv(APP_URL_VARIABLE, raising=False)
    return folder


def twin_links(at) -> list[str]:
    return [line for element in at.markdown for line in element.value.splitlines() if TWIN_LINK_TEXT in line]


def test_every_page_script_is_either_a_twin_or_known_to_have_none():
    assert set(TWINS) <= set(PAGE_SCRIPTS)
    assert set(WITHOUT_TWIN) == {"briefing", "explorer", "meeting", "peers"}


@pytest.mark.parametrize("script", sorted(TWINS))
def test_a_page_with_a_static_twin_links_to_it_in_words_that_say_what_it_is(use_real_db, published, script):
    (line,) = twin_links(open_page(script, FORCE))
    assert f"[{TWIN_LINK_TEXT}]({TWINS[script]}) loads quickly on a weak signal and prints well." in line


@pytest.mark.parametrize("script", WITHOUT_TWIN)
def test_a_page_without_a_static_twin_has_no_such_link(use_real_db, published, script):
    assert twin_links(open_page(script, FORCE)) == []


def test_no_link_is_shown_before_the_static_edition_is_published(use_real_db, tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_SITE", str(tmp_path / "not-built-yet"))
    assert twin_links(open_page("calls", FORCE)) == []


def test_published_elsewhere_the_twin_is_linked_at_the_public_address(use_real_db, tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_SITE", str(tmp_path / "not-here"))
    monkeypatch.setenv(PUBLIC_URL_VARIABLE, "https://static.example.org")
    monkeypatch.setenv(APP_URL_VARIABLE, "https://app.example.org")
    (line,) = twin_links(open_page("calls", FORCE))
    assert f"[{TWIN_LINK_TEXT}](https://static.example.org/f/{FORCE}/calls/)" in line

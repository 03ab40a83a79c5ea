"""A warm rerun of any page encodes nothing afresh: every table, CSV and chart it shows comes from a per-process
cache, so dashboard/web/elements.py finds each one already encoded. A page that builds a new frame on every rerun
(as About the data once did with its feeds table) costs every visitor the encoding again on every click."""

from __future__ import annotations

import pytest

from dashboard.web import elements
from tests.app_helpers import PAGE_SCRIPTS, open_page, show_tables


@pytest.fixture
def encodings(monkeypatch) -> list[str]:
    """What dashboard.web.elements encodes from here on: one entry per table, CSV or chart encoded."""
    made: list[str] = []
    for name in ("arrow_bytes", "csv_bytes", "chart_spec"):
        memo = getattr(elements, name)

        def counting(obj, build=memo._build, name=name):
            made.append(name)
            return build(obj)

        monkeypatch.setattr(memo, "_build", counting)
    return made


@pytest.mark.parametrize("page", PAGE_SCRIPTS)
def test_a_warm_rerun_encodes_no_table_csv_or_chart_again(use_real_db, encodings, page):
    at = show_tables(open_page(page, "hertfordshire")).run()
    assert encodings, "the first runs encoded nothing: the counter is not counting"
    encodings.clear()
    at.run()
    assert not at.exception
    assert encodings == [], f"{page} encoded {encodings} again on a warm rerun"

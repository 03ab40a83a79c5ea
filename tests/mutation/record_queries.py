"""A pytest plugin for tests/mutation/mutate_sql.py: which tests run which named query.

Loaded with `-p tests.mutation.record_queries`; writes {query name: [test node ids]} as JSON to the path in
MUTATE_SQL_RECORD when the session ends. Every test starts with empty query caches (tests/conftest.py), so a
test that needs a query runs it, and is recorded, even when an earlier test ran it too.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict

import pytest

import queries

_used: dict[str, set[str]] = defaultdict(set)
_current: list[str] = []
_run_uncached = queries.run_uncached


def _recording(name: str, params: tuple):
    if _current:
        _used[name].add(_current[-1])
    return _run_uncached(name, params)


queries.run_uncached = _recording


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    _current.append(item.nodeid)
    try:
        return (yield)
    finally:
        _current.pop()


def pytest_sessionfinish(session, exitstatus):
    path = os.environ.get("MUTATE_SQL_RECORD")
    if path:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump({name: sorted(tests) for name, tests in sorted(_used.items())}, handle, indent=1)

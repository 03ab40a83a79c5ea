"""Run the named SELECTs in this folder: one query per .sql file, named bound parameters only.

Only names of files that exist here can be run, each on a fresh cursor, and results are
cached once per process (shared by every session) for as long as the database file is unchanged.
Each caller gets a shallow copy: with pandas' copy-on-write it costs nothing, and changing it never
changes what other sessions see.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd

from dashboard.store.db import connection, database_version

QUERY_DIR = Path(__file__).resolve().parent
QUERY_NAMES = frozenset(p.stem for p in QUERY_DIR.glob("*.sql"))
_PARAMETER = re.compile(r"\$([a-z_][a-z0-9_]*)")
_COMMENT = re.compile(r"--[^\n]*")


class UnknownQueryError(KeyError):
    pass


@cache
def query_text(name: str) -> str:
    if name not in QUERY_NAMES:
        raise UnknownQueryError(f"no query named {name!r}; known: {', '.join(sorted(QUERY_NAMES))}")
    return (QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")


@cache
def query_parameters(name: str) -> frozenset[str]:
    return frozenset(_PARAMETER.findall(_COMMENT.sub("", query_text(name))))


def _hashable(value: object) -> object:
    return tuple(value) if isinstance(value, (list, tuple, set, frozenset)) else value


def run_query(name: str, **params: object) -> pd.DataFrame:
    """Run queries/<name>.sql with the given named parameters and return a DataFrame."""
    expected = query_parameters(name)
    if set(params) != expected:
        raise TypeError(f"query {name!r} takes parameters {sorted(expected)}, got {sorted(params)}")
    frozen = tuple(sorted((k, _hashable(v)) for k, v in params.items()))
    return _run_cached(name, frozen, database_version()).copy(deep=False)


# One result per query, parameters and database file, for the whole process. st.cache_data pickled and
# unpickled a full copy on every call (a third of a warm rerun's CPU on some pages, measured by bench/run.py).
@lru_cache(maxsize=4096)
def _run_cached(name: str, params: tuple, version: tuple) -> pd.DataFrame:
    return run_uncached(name, params)


def run_uncached(name: str, params: tuple) -> pd.DataFrame:
    bound = {k: list(v) if isinstance(v, tuple) else v for k, v in params}
    cursor = connection().cursor()
    try:
        return cursor.execute(query_text(name), bound).df()
    finally:
        cursor.close()

"""Build once per database: the one way a view, a sentence or a chart is remembered for the life of the process.

What a page shows depends only on its choices and on the built database file, so each result is keyed by
the arguments' content and the database file's version (path and modification time), and shared by every
session. A rebuild changes the version, so nothing built from older data is handed out again. Frames are
keyed by their content in row order (a reversed frame is a different chart). Results are shared between
sessions, so callers treat them as read-only; frames go out as shallow copies.

Measured with bench/run.py: keying costs a few microseconds a call (one stat of the database file and a
hash of the arguments); st.cache_resource hashed its arguments at about 0.25 ms a call.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import pandas as pd

from dashboard.store.db import database_version

F = TypeVar("F", bound=Callable[..., Any])
_UNKEYABLE = object()
_EVERY_CACHE: list[tuple[str, int, OrderedDict]] = []  # (the cached function's module and name, maxsize, its results)


def fingerprint(value: object) -> object:
    """A hashable stand-in for a value: frames and series by their content in order, plain values as themselves."""
    if isinstance(value, (pd.DataFrame, pd.Series)):
        rows = pd.util.hash_pandas_object(value, index=True).to_numpy()
        columns = tuple(value.columns) if isinstance(value, pd.DataFrame) else (value.name,)
        return (type(value).__name__, value.shape, columns, hashlib.blake2b(rows.tobytes(), digest_size=16).digest())
    if value is None or isinstance(value, (str, int, float, bool, date)):
        return value
    if isinstance(value, (tuple, list)):
        return (type(value).__name__, tuple(fingerprint(v) for v in value))
    if isinstance(value, dict):
        return ("dict", tuple(sorted((str(k), fingerprint(v)) for k, v in value.items())))
    if dataclasses.is_dataclass(value) and not isinstance(value, type) and value.__dataclass_params__.frozen:
        return (type(value).__qualname__, tuple(fingerprint(getattr(value, f.name)) for f in dataclasses.fields(value)))
    return _UNKEYABLE


def _handed_out(value: Any) -> Any:
    """Frames go out as shallow copies: free under pandas' copy-on-write, and a caller's change stays its own."""
    return value.copy(deep=False) if isinstance(value, (pd.DataFrame, pd.Series)) else value


def _contains_unkeyable(key: object) -> bool:
    if key is _UNKEYABLE:
        return True
    return isinstance(key, tuple) and any(_contains_unkeyable(part) for part in key)


def _no_version() -> None:
    return None


def built_once(maxsize: int = 512, per_database: bool = True) -> Callable[[F], F]:
    """Decorator: remember results by the arguments' content (and the database version), for the life of the process.

    per_database=False is for pure functions of their arguments alone (chart builders), which need no database.
    """
    version = database_version if per_database else _no_version

    def decorate(func: F) -> F:
        lock = threading.Lock()
        results: OrderedDict[tuple, Any] = OrderedDict()
        _EVERY_CACHE.append((f"{func.__module__}.{func.__qualname__}", maxsize, results))

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                key = (version(), fingerprint(args), fingerprint(kwargs))
            except TypeError:  # a column pandas cannot hash: build it fresh
                return func(*args, **kwargs)
            if _contains_unkeyable(key):
                return func(*args, **kwargs)
            with lock:
                if key in results:
                    results.move_to_end(key)
                    return _handed_out(results[key])
            value = func(*args, **kwargs)
            with lock:
                results[key] = value
                while len(results) > maxsize:
                    results.popitem(last=False)
            return _handed_out(value)

        wrapper.cache_clear = results.clear  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def clear_every_cache() -> None:
    """Forget everything built so far (tests call this so that no test leans on what an earlier one built)."""
    for _, _, results in _EVERY_CACHE:
        results.clear()


def _text_in(key: object) -> int:
    if isinstance(key, str):
        return len(key)
    if isinstance(key, tuple):
        return sum(_text_in(part) for part in key)
    return 0


def cache_sizes() -> list[tuple[str, int, int, int]]:
    """Every cache's name, maxsize, results held and characters of text in their keys: what a flood of choices grows.

    Text from the address is cut short before it reaches a key (dashboard/web/url.py), so neither number can
    pass the cache's maxsize and maxsize times the longest value kept.
    """
    return [(name, maxsize, len(results), sum(_text_in(key) for key in list(results))) for name, maxsize, results in _EVERY_CACHE]

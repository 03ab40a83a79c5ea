"""Build once per process: a memo for pure functions of frames (chart builders), keyed by what the frames hold.

Every session asking for the same chart of the same figures gets the one figure built first. Building a
Plotly figure costs tens of milliseconds; fingerprinting its input frames costs well under one. Figures
are shared between sessions, so callers must treat them as read-only; frames go out as shallow copies.
"""

from __future__ import annotations

import dataclasses
import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd

F = TypeVar("F", bound=Callable[..., Any])
_UNKEYABLE = object()


def fingerprint(value: object) -> object:
    """A hashable stand-in for a value: frames and series by their content, plain values as themselves."""
    if isinstance(value, (pd.DataFrame, pd.Series)):
        rows = pd.util.hash_pandas_object(value, index=True)
        columns = tuple(value.columns) if isinstance(value, pd.DataFrame) else (value.name,)
        return (type(value).__name__, value.shape, columns, int(rows.sum()), int((rows * 31).sum()))
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, tuple):
        return tuple(fingerprint(v) for v in value)
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


def built_once(maxsize: int = 512) -> Callable[[F], F]:
    """Decorator: remember results by the content of the arguments, for the life of the process."""

    def decorate(func: F) -> F:
        lock = threading.Lock()
        results: OrderedDict[tuple, Any] = OrderedDict()

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                key = tuple(fingerprint(a) for a in args) + tuple((k, fingerprint(v)) for k, v in sorted(kwargs.items()))
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

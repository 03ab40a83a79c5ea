"""Tables, charts and downloads that every session shares, serialised once per process.

On every script run Streamlit turns each DataFrame into Arrow, each Plotly figure into JSON and each
download into bytes. The frames and figures the pages show come from per-process caches, so the same
object used to be serialised again on every rerun of every session: bench/run.py measured that at a
third to a half of a warm rerun on the chart pages. Here each object is serialised once, and the
result is reused for as long as the object itself is alive in its cache.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.io
import pyarrow as pa
import streamlit as st

from dashboard.common.spreadsheet import spreadsheet_csv

log = logging.getLogger("dashboard")

# The fast paths build the very messages st.dataframe and st.plotly_chart send, from Streamlit's own private
# helpers. If an upgrade moves any of them, every table and chart falls back to the public call (slower, never
# broken) and the log says so once; tests/test_elements.py checks both the fast path and the fallback.
try:
    from streamlit import dataframe_util
    from streamlit.elements.lib.column_config_utils import (
        extract_button_column_configs,
        marshall_column_config,
        process_config_mapping,
    )
    from streamlit.elements.lib.form_utils import current_form_id
    from streamlit.elements.lib.layout_utils import LayoutConfig
    from streamlit.elements.lib.utils import compute_and_register_element_id, normalize_alt
    from streamlit.proto.Dataframe_pb2 import Dataframe as DataframeProto
    from streamlit.proto.PlotlyChart_pb2 import PlotlyChart as PlotlyChartProto

    FAST_PATH = True
except ImportError as missing:  # pragma: no cover - exercised by tests that hide a module
    FAST_PATH = False
    log.warning("Streamlit internals moved (%s): tables and charts use the public calls", missing)

_warned: set[str] = set()


def _fall_back(what: str, error: Exception) -> None:
    """Note once per kind of element that the fast path failed at run time, and why."""
    if what not in _warned:
        _warned.add(what)
        log.warning("fast %s failed (%r): using the public Streamlit call from now on", what, error)


class ByIdentity:
    """A per-process memo keyed by an object's identity, holding the object so its id cannot be reused.

    Only sound for objects nobody changes after they are cached: the frames and figures the view caches
    hand out are read-only by contract (see dashboard/common/cache.py).
    """

    def __init__(self, build: Callable[[Any], Any], maxsize: int = 512) -> None:
        self._build = build
        self._maxsize = maxsize
        self._lock = threading.Lock()
        self._results: OrderedDict[int, tuple[Any, Any]] = OrderedDict()

    def __call__(self, obj: Any) -> Any:
        with self._lock:
            hit = self._results.get(id(obj))
            if hit is not None and hit[0] is obj:
                self._results.move_to_end(id(obj))
                return hit[1]
        result = self._build(obj)
        with self._lock:
            self._results[id(obj)] = (obj, result)
            while len(self._results) > self._maxsize:
                self._results.popitem(last=False)
        return result

    def clear(self) -> None:
        with self._lock:
            self._results.clear()


def _to_arrow(frame: pd.DataFrame) -> pa.Table:
    # What st.dataframe does to a frame shown with hide_index=True: the index is never sent.
    return pa.Table.from_pandas(frame, preserve_index=False)


def _arrow_bytes(frame: pd.DataFrame) -> bytes | None:
    """The frame as the Arrow stream st.dataframe sends; None when Arrow cannot type a column."""
    if not FAST_PATH:
        return None
    try:
        return dataframe_util.convert_arrow_table_to_arrow_bytes(_to_arrow(frame))
    except (pa.ArrowException, TypeError, ValueError):
        return None


# Every CSV a visitor downloads goes through spreadsheet_csv (formula-like text cells made inert).
csv_bytes = ByIdentity(spreadsheet_csv)
arrow_bytes = ByIdentity(_arrow_bytes)


def table(frame: pd.DataFrame, column_config: dict[str, Any] | None = None) -> None:
    """st.dataframe(frame, hide_index=True, column_config=...), read-only, from Arrow encoded once per frame object.

    This is the message st.dataframe sends for an Arrow table with no selections, width "stretch" and height
    "auto"; tests/test_elements.py checks both send the same, so a Streamlit upgrade that changes it is caught.
    """
    data = arrow_bytes(frame) if FAST_PATH and "table" not in _warned else None
    if data is None:  # no fast path, or an awkward column: let Streamlit do it its own way
        st.dataframe(frame, hide_index=True, column_config=column_config)
        return
    try:
        _enqueue_table(data, column_config)
    except (AttributeError, ImportError, TypeError) as error:
        _fall_back("table", error)
        st.dataframe(frame, hide_index=True, column_config=column_config)


def _enqueue_table(data: bytes, column_config: dict[str, Any] | None) -> None:
    proto = DataframeProto()
    proto.editing_mode = DataframeProto.EditingMode.READ_ONLY
    proto.arrow_data.data = data
    processed, _buttons = extract_button_column_configs(column_config)
    marshall_column_config(proto, process_config_mapping(processed))
    st._main._active_dg._enqueue("dataframe", proto, layout_config=LayoutConfig(width="stretch", height=None))


def csv_download(frame: pd.DataFrame, label: str, file_name: str, key: str) -> None:
    """A download button for the frame as CSV, exactly the rows and columns shown.

    Downloading does not rerun the page: nothing on it changes, and a rerun would cost the server a page's work.
    """
    st.download_button(label, csv_bytes(frame), file_name=file_name, mime="text/csv", key=key, on_click="ignore")


# --- Plotly -------------------------------------------------------------------------------------------------
# st.plotly_chart copies the whole figure (Figure.to_dict) and encodes it as JSON on every call. The proto
# below is what it sends for a display-only chart (no selections) with width "stretch" and height "content",
# built from JSON encoded once per figure. tests/test_elements.py checks, in a real script run, that both
# paths send the same message, so a Streamlit upgrade that changes the element is caught there.


def _chart_spec(figure: Any) -> tuple[str, int, str]:
    """The figure's JSON, its height in pixels and a digest of the JSON, which stands for it in the element's id."""
    height = figure.layout.height
    resolved = int(height) if isinstance(height, (int, float)) and height > 0 else 450  # plotly.js default
    spec = plotly.io.to_json(figure, validate=False)
    return spec, resolved, hashlib.blake2b(spec.encode("utf-8"), digest_size=16).hexdigest()


chart_spec = ByIdentity(_chart_spec)


def plotly_chart(figure: Any, *, key: str, alt: str, config: dict[str, Any]) -> None:
    """st.plotly_chart(figure, key=key, alt=alt, config=config), with the figure's JSON encoded once per process."""
    if not FAST_PATH or "chart" in _warned:
        st.plotly_chart(figure, key=key, alt=alt, config=config)
        return
    try:
        _enqueue_chart(figure, key, alt, config)
    except (AttributeError, ImportError, TypeError) as error:
        _fall_back("chart", error)
        st.plotly_chart(figure, key=key, alt=alt, config=config)


def _enqueue_chart(figure: Any, key: str, alt: str, config: dict[str, Any]) -> None:
    spec, height, spec_digest = chart_spec(figure)
    dg = st._main._active_dg  # the innermost `with` block, as st.plotly_chart itself resolves it
    proto = PlotlyChartProto()
    proto.theme = "streamlit"
    proto.form_id = current_form_id(dg)
    proto.spec = spec
    proto.config = json.dumps(config)
    normalized_alt = normalize_alt(alt)
    if normalized_alt is not None:
        proto.alt = normalized_alt
    proto.id = compute_and_register_element_id(
        "plotly_chart",
        user_key=key,
        key_as_main_identity=False,
        dg=dg,
        # Streamlit hashes the whole JSON (tens of kilobytes) into the id on every run; its digest, worked out
        # once per figure, changes exactly when the JSON does, so the id still follows the chart it names.
        plotly_spec=spec_digest,
        plotly_config=proto.config,
        selection_mode=("points", "box", "lasso"),
        is_selection_activated=False,
        theme="streamlit",
        width="stretch",
        height="content",
        alt=normalized_alt,
    )
    dg._enqueue("plotly_chart", proto, layout_config=LayoutConfig(width="stretch", height=height))

"""Shared tables, charts and downloads: serialised once per object, and sent exactly as Streamlit would send them."""

from __future__ import annotations

from unittest.mock import patch

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
from streamlit import delta_generator
from streamlit.testing.v1 import AppTest

from dashboard.web.elements import ByIdentity, arrow_bytes, csv_bytes


def _chart_script(fast: bool, height: int | None) -> None:
    import plotly.graph_objects as go
    import streamlit as st

    from dashboard.web.elements import plotly_chart

    figure = go.Figure(go.Scatter(x=["2024-01-31", "2024-02-29"], y=[71.5, 80.25], mode="markers", name="Hertfordshire"))
    if height:
        figure.update_layout(height=height)
    with st.container(key="chart-calls"):
        st.markdown("Hertfordshire answered 80.3% of 999 calls within 10 seconds.")
        if fast:
            plotly_chart(figure, key="calls_chart", alt="Chart: 999 calls.", config={"displaylogo": False})
        else:
            st.plotly_chart(figure, key="calls_chart", alt="Chart: 999 calls.", config={"displaylogo": False})


def _all_sent(script, args: tuple, kind: str) -> list:
    """Every element of this kind the script sends, as whole messages: element, size and place on the page."""
    sent = []
    forward = delta_generator._enqueue_message

    def record(msg):
        sent.append(msg)
        return forward(msg)

    with patch.object(delta_generator, "_enqueue_message", record):
        at = AppTest.from_function(script, args=args).run()
    assert not at.exception
    return [m for m in sent if m.delta.new_element.WhichOneof("type") == kind]


def _sent(script, args: tuple, kind: str):
    """The one element of this kind the script sends."""
    elements = _all_sent(script, args, kind)
    assert len(elements) == 1
    return elements[0]


def _identity_aside(msg):
    """The message without the chart's id (and so its hash): the fast path names the spec by a digest in the id."""
    copy = type(msg)()
    copy.CopyFrom(msg)
    copy.ClearField("hash")
    copy.delta.new_element.plotly_chart.ClearField("id")
    return copy


def test_fast_chart_sends_what_st_plotly_chart_sends():
    # If a Streamlit upgrade changes the element (a new field, a new place for the key), this fails and the fast
    # path in dashboard/web/elements.py must follow it.
    for height in (None, 380):
        fast, slow = _sent(_chart_script, (True, height), "plotly_chart"), _sent(_chart_script, (False, height), "plotly_chart")
        assert _identity_aside(fast) == _identity_aside(slow)
        fast_id, slow_id = fast.delta.new_element.plotly_chart.id, slow.delta.new_element.plotly_chart.id
        assert fast_id.startswith("$$ID-") and fast_id.endswith("-calls_chart") and slow_id.endswith("-calls_chart")
        chart = fast.delta.new_element.plotly_chart
        assert "80.25" in chart.spec and chart.alt == "Chart: 999 calls."
        assert fast.delta.new_element.height_config.pixel_height == (height or 450)


def _two_charts_script(second_y: float) -> None:
    import plotly.graph_objects as go
    import streamlit as st

    from dashboard.web.elements import plotly_chart

    for key, y in (("first", 80.25), ("second", second_y)):
        with st.container():
            plotly_chart(go.Figure(go.Bar(x=["Hertfordshire"], y=[y])), key=key, alt="Chart.", config={})


def test_a_chart_id_changes_exactly_when_its_figure_does():
    # The id stands for the chart's JSON by a digest worked out once per figure, so it must still follow the JSON.
    def ids(second_y: float) -> list[str]:
        return [m.delta.new_element.plotly_chart.id for m in _all_sent(_two_charts_script, (second_y,), "plotly_chart")]

    first_run, again, changed = ids(91.0), ids(91.0), ids(92.5)
    assert first_run == again
    assert changed[0] == first_run[0] and changed[1] != first_run[1]


def _table_script(fast: bool, linked: bool) -> None:
    import pandas as pd
    import pyarrow as pa
    import streamlit as st

    from dashboard.web.elements import table

    frame = pd.DataFrame(
        {"Publisher": ["HMICFRS", "The Comet"], "Web address": ["https://example.org/peel", "https://example.org/comet"]},
        index=[3, 8],
    )
    config = {"Web address": st.column_config.LinkColumn()} if linked else None
    with st.expander("The data behind this chart"):
        if fast:
            table(frame, column_config=config)
        else:
            st.dataframe(pa.Table.from_pandas(frame, preserve_index=False), column_config=config)


def test_fast_table_sends_what_st_dataframe_sends():
    for linked in (False, True):
        fast, slow = _sent(_table_script, (True, linked), "dataframe"), _sent(_table_script, (False, linked), "dataframe")
        assert fast == slow
        assert ("link" in fast.delta.new_element.dataframe.columns) is linked


def test_tables_show_the_frame_without_its_index():
    def script() -> None:
        import pandas as pd

        from dashboard.web.elements import table

        frame = pd.DataFrame({"Force": ["Hertfordshire", "Kent"], "Answered in 10 seconds": ["80.3%", "91.0%"]}, index=[7, 9])
        table(frame)

    at = AppTest.from_function(script).run()
    shown = at.dataframe[0].value
    assert shown["Force"].tolist() == ["Hertfordshire", "Kent"]
    assert shown["Answered in 10 seconds"].tolist() == ["80.3%", "91.0%"]
    assert list(shown.columns) == ["Force", "Answered in 10 seconds"]


def test_serialised_once_per_object_and_afresh_for_another():
    built = []
    memo = ByIdentity(lambda frame: built.append(1) or len(frame))
    first = pd.DataFrame({"a": [1, 2]})
    assert memo(first) == 2 and memo(first) == 2
    assert len(built) == 1
    assert memo(pd.DataFrame({"a": [1, 2, 3]})) == 3  # a new object is never served an old result
    assert len(built) == 2


def test_csv_and_arrow_hold_the_rows_shown():
    frame = pd.DataFrame({"Area": ["Preventing crime"], "Grade": ["Good"]})
    assert csv_bytes(frame) == b"Area,Grade\r\nPreventing crime,Good\r\n"
    assert pa.ipc.open_stream(arrow_bytes(frame)).read_all().to_pydict() == {"Area": ["Preventing crime"], "Grade": ["Good"]}


def test_a_figure_is_encoded_once():
    from dashboard.web.elements import chart_spec

    figure = go.Figure(go.Bar(x=["Good"], y=[3]))
    first = chart_spec(figure)
    figure.update_layout(height=999)  # cached objects are read-only by contract: the cache does not see this
    assert chart_spec(figure) is first


def _placed_script(fast: bool, place: str) -> None:
    import pandas as pd
    import plotly.graph_objects as go
    import pyarrow as pa
    import streamlit as st

    from dashboard.web.elements import plotly_chart, table

    frame = pd.DataFrame({"Force": ["Hertfordshire", "Kent"], "Answered in 10 seconds": [80.3, 91.0]})
    figure = go.Figure(go.Bar(x=frame["Force"], y=frame["Answered in 10 seconds"]))
    if place == "columns":
        block = st.columns(2)[1]
    elif place == "tabs":
        block = st.tabs(["Chart", "Table"])[1]
    elif place == "sidebar":
        block = st.sidebar
    else:
        block = st.container(border=True)
    with block:
        if fast:
            table(frame)
            plotly_chart(figure, key="placed_chart", alt="Chart: answered.", config={"displaylogo": False})
        else:
            st.dataframe(pa.Table.from_pandas(frame, preserve_index=False))
            st.plotly_chart(figure, key="placed_chart", alt="Chart: answered.", config={"displaylogo": False})


def test_fast_tables_and_charts_land_where_streamlit_puts_them_in_columns_tabs_sidebar_and_containers():
    for place in ("columns", "tabs", "sidebar", "container"):
        for kind in ("dataframe", "plotly_chart"):
            fast = _sent(_placed_script, (True, place), kind)
            slow = _sent(_placed_script, (False, place), kind)
            assert fast.metadata.delta_path == slow.metadata.delta_path, (place, kind)
            assert _identity_aside(fast).delta == _identity_aside(slow).delta, (place, kind)


def _fallback_script() -> None:
    import pandas as pd
    import plotly.graph_objects as go

    from dashboard.web import elements

    frame = pd.DataFrame({"Force": ["Hertfordshire", "Kent"], "Answered in 10 seconds": ["80.3%", "91.0%"]})
    elements.table(frame)
    elements.plotly_chart(go.Figure(go.Bar(x=["Good"], y=[3])), key="fallback", alt="Chart: grades.", config={})


def test_when_streamlit_internals_are_missing_tables_and_charts_use_the_public_calls(monkeypatch):
    from dashboard.web import elements

    monkeypatch.setattr(elements, "FAST_PATH", False)
    at = AppTest.from_function(_fallback_script).run()
    assert not at.exception
    assert at.dataframe[0].value["Force"].tolist() == ["Hertfordshire", "Kent"]
    assert len(at.get("plotly_chart")) == 1


def test_a_fast_path_that_fails_at_run_time_falls_back_and_says_so_once(monkeypatch, caplog):
    from dashboard.web import elements

    def moved(*args, **kwargs):
        raise AttributeError("'DeltaGenerator' object has no attribute '_enqueue'")

    monkeypatch.setattr(elements, "_enqueue_table", moved)
    monkeypatch.setattr(elements, "_enqueue_chart", moved)
    monkeypatch.setattr(elements, "_warned", set())
    with caplog.at_level("WARNING", logger="dashboard"):
        at = AppTest.from_function(_fallback_script).run()
        at.run()
    assert not at.exception
    assert at.dataframe[0].value["Answered in 10 seconds"].tolist() == ["80.3%", "91.0%"]
    assert len(at.get("plotly_chart")) == 1
    warnings = [r.message for r in caplog.records if "fast" in r.message]
    assert len(warnings) == 2  # one for tables, one for charts, not one per element or rerun


def test_the_module_falls_back_when_a_private_streamlit_module_is_gone(monkeypatch):
    import importlib
    import sys

    import dashboard.web.elements as elements

    monkeypatch.setitem(sys.modules, "streamlit.elements.lib.layout_utils", None)  # import of it raises ImportError
    try:
        reloaded = importlib.reload(elements)
        assert reloaded.FAST_PATH is False
    finally:
        monkeypatch.delitem(sys.modules, "streamlit.elements.lib.layout_utils")
        importlib.reload(elements)
    assert elements.FAST_PATH is True


def test_a_table_switch_shows_nothing_until_turned_on_then_the_table_and_its_csv():
    def script() -> None:
        import pandas as pd

        from dashboard.web.widgets import table_switch

        frame = pd.DataFrame({"Period": ["April 2024", "May 2024"], "Value": ["87.4%", "89.0%"]})
        table_switch(frame, "calls.csv", "calls")

    at = AppTest.from_function(script).run()
    switch = at.toggle(key="calls_as_table")
    assert switch.label == "Show as a table" and switch.value is False
    assert not at.dataframe and not at.get("download_button")
    switch.set_value(True)
    at.run()
    assert at.dataframe[0].value["Value"].tolist() == ["87.4%", "89.0%"]
    assert [button.proto.label for button in at.get("download_button")] == ["Download this data (CSV)"]

"""Shared tables, charts and downloads: serialised once per object, and sent exactly as Streamlit would send them."""

from __future__ import annotations

from unittest.mock import patch

import pandas as pd
import plotly.graph_objects as go
from streamlit import delta_generator
from streamlit.testing.v1 import AppTest

from dashboard.elements import ByIdentity, arrow_table, csv_bytes


def _chart_script(fast: bool, height: int | None) -> None:
    import plotly.graph_objects as go
    import streamlit as st

    from dashboard.elements import plotly_chart

    figure = go.Figure(go.Scatter(x=["2024-01-31", "2024-02-29"], y=[71.5, 80.25], mode="markers", name="Hertfordshire"))
    if height:
        figure.update_layout(height=height)
    with st.container(key="chart-calls"):
        st.markdown("Hertfordshire answered 80.3% of 999 calls within 10 seconds.")
        if fast:
            plotly_chart(figure, key="calls_chart", alt="Chart: 999 calls.", config={"displaylogo": False})
        else:
            st.plotly_chart(figure, key="calls_chart", alt="Chart: 999 calls.", config={"displaylogo": False})


def _sent_chart(fast: bool, height: int | None):
    """The chart's whole message as it leaves the script: element, size and place on the page."""
    sent = []
    forward = delta_generator._enqueue_message

    def record(msg):
        sent.append(msg)
        return forward(msg)

    with patch.object(delta_generator, "_enqueue_message", record):
        at = AppTest.from_function(_chart_script, args=(fast, height)).run()
    assert not at.exception
    charts = [m for m in sent if m.delta.new_element.WhichOneof("type") == "plotly_chart"]
    assert len(charts) == 1
    return charts[0]


def test_fast_chart_sends_what_st_plotly_chart_sends():
    # If a Streamlit upgrade changes the element (a new field, a new id rule), this fails and the fast path
    # in dashboard/elements.py must follow it.
    for height in (None, 380):
        fast, slow = _sent_chart(True, height), _sent_chart(False, height)
        assert fast == slow
        chart = fast.delta.new_element.plotly_chart
        assert "80.25" in chart.spec and chart.alt == "Chart: 999 calls."
        assert fast.delta.new_element.height_config.pixel_height == (height or 450)


def test_tables_show_the_frame_without_its_index():
    def script() -> None:
        import pandas as pd

        from dashboard.elements import table

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
    assert csv_bytes(frame) == b"Area,Grade\nPreventing crime,Good\n"
    assert arrow_table(frame).to_pydict() == {"Area": ["Preventing crime"], "Grade": ["Good"]}


def test_a_figure_is_encoded_once():
    from dashboard.elements import chart_spec

    figure = go.Figure(go.Bar(x=["Good"], y=[3]))
    first = chart_spec(figure)
    figure.update_layout(height=999)  # cached objects are read-only by contract: the cache does not see this
    assert chart_spec(figure) is first

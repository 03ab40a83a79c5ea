"""Each run's theme, worked out once per configuration: the same bytes Streamlit sends, and afresh when an option changes."""

from __future__ import annotations

import pytest
from streamlit import config
from streamlit.proto.NewSession_pb2 import CustomThemeConfig, NewSession
from streamlit.runtime import app_session

from dashboard.web import serve, theme_once

# The six places _create_new_session_message fills, in its order: (path to the sub-message, config section).
SECTIONS = [
    ((), "theme"),
    (("light",), "theme.light"),
    (("dark",), "theme.dark"),
    (("sidebar",), "theme.sidebar"),
    (("light", "sidebar"), "theme.light.sidebar"),
    (("dark", "sidebar"), "theme.dark.sidebar"),
]


def _streamlits_own():
    current = app_session._populate_theme_msg
    return getattr(current, "__wrapped__", current)


def _new_session(populate) -> bytes:
    msg = NewSession()
    for path, section in SECTIONS:
        target = msg.custom_theme
        for name in path:
            target = getattr(target, name)
        populate(target, section)
    return msg.SerializeToString(deterministic=True)


@pytest.fixture
def kept():
    return theme_once.ThemeSections(_streamlits_own(), config, CustomThemeConfig)


def test_the_kept_theme_is_byte_for_byte_what_streamlit_builds(kept):
    expected = _new_session(_streamlits_own())
    assert _new_session(kept.populate) == expected  # built
    assert _new_session(kept.populate) == expected  # copied
    sent = NewSession.FromString(expected).custom_theme
    assert sent.text_color == "#0b0c0c" and sent.link_color == "#0b0c5c"  # .streamlit/config.toml's colours
    assert not NewSession.FromString(expected).custom_theme.HasField("dark")  # an empty section stays absent


def test_a_changed_option_is_sent_from_the_next_run(kept):
    before = config.get_option("theme.sidebar.backgroundColor")
    _new_session(kept.populate)
    try:
        config.set_option("theme.sidebar.backgroundColor", "#f3f2f1")
        sent = NewSession.FromString(_new_session(kept.populate)).custom_theme
        assert sent.sidebar.background_color == "#f3f2f1"
        assert _new_session(kept.populate) == _new_session(_streamlits_own())
    finally:
        config.set_option("theme.sidebar.backgroundColor", before)
    assert not NewSession.FromString(_new_session(kept.populate)).custom_theme.HasField("sidebar")


def test_serving_works_the_theme_out_once():
    serve.prepare_streamlit()
    assert getattr(app_session._populate_theme_msg, "__theme_once__", False)
    serve.prepare_streamlit()  # preparing again does not wrap the wrapper
    assert not getattr(app_session._populate_theme_msg.__wrapped__, "__theme_once__", False)


def test_a_streamlit_without_the_function_keeps_its_own_and_says_so(monkeypatch, caplog):
    monkeypatch.delattr(app_session, "_populate_theme_msg")
    with caplog.at_level("WARNING", logger="dashboard"):
        assert theme_once.work_out_theme_once() is False
    assert any("theme is worked out on every run" in record.message for record in caplog.records)

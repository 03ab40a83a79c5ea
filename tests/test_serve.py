"""The launcher's fixes to Streamlit are really applied, and say so when they cannot be."""

from __future__ import annotations

import socket

from streamlit.web.server.starlette import starlette_server

from dashboard.web import serve


def test_connections_the_server_accepts_have_nagles_algorithm_switched_off():
    serve.prepare_streamlit()
    listener = starlette_server._bind_socket("127.0.0.1", 0, 8)
    try:
        assert listener.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        listener.setblocking(True)
        port = listener.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            accepted, _ = listener.accept()
            with accepted:
                # Linux hands the listening socket's TCP_NODELAY to every connection it accepts.
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        listener.close()


def test_preparing_twice_wraps_the_binder_once():
    serve.prepare_streamlit()
    first = starlette_server._bind_socket
    serve.prepare_streamlit()
    assert starlette_server._bind_socket is first


def test_a_moved_binder_is_logged_and_the_server_still_starts(monkeypatch, caplog):
    monkeypatch.delattr(starlette_server, "_bind_socket")
    with caplog.at_level("WARNING", logger="dashboard"):
        serve.prepare_streamlit()
    assert any("Nagle not disabled" in record.message for record in caplog.records)


def test_serving_hands_script_messages_to_the_event_loop_in_batches():
    from streamlit.runtime.app_session import AppSession

    from dashboard.web import wakeups

    serve.prepare_streamlit()
    assert AppSession._on_scriptrunner_event is wakeups._on_scriptrunner_event

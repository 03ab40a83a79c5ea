"""A minimal Streamlit client that speaks the app's websocket protocol, as a browser tab does.

It sends BackMsg.rerun_script (page, query string, the hashes of messages it already holds) and reads
ForwardMsgs until script_finished, so the benchmark measures the server rather than a browser.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

FINISHED = {
    ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY,
    ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR,
}


@dataclass(frozen=True)
class AppPage:
    """One page the app registers with st.navigation, as the server announces it."""

    url_pathname: str
    page_script_hash: str
    title: str
    section: str
    is_default: bool


@dataclass
class RunResult:
    """What one script run sent back: its wall time, message count and the text it showed."""

    seconds: float
    messages: int = 0
    bytes: int = 0
    largest: int = 0  # the largest single message, in bytes (what server.maxMessageSize must allow)
    ref_messages: int = 0
    status: int = -1
    texts: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    charts: int = 0
    downloads: list[str] = field(default_factory=list)  # the address of each download button's file
    query_string: str | None = None
    pages: list[AppPage] = field(default_factory=list)
    page_script_hash: str = ""


def _element_text(msg: ForwardMsg) -> tuple[str, str]:
    """The kind and visible text of a new element (for checks that a page showed what it should)."""
    element = msg.delta.new_element
    kind = element.WhichOneof("type") or ""
    if kind in ("markdown", "heading"):
        return kind, getattr(element, kind).body
    if kind == "alert":
        return kind, element.alert.body
    return kind, ""


class StreamlitSession:
    """One browser-like session on one websocket. Use `async with StreamlitSession(url) as s`."""

    def __init__(
        self,
        base_url: str,
        timeout: float = 60.0,
        headers: dict[str, str] | None = None,
        keep_text: bool = True,
        source_address: str | None = None,
    ) -> None:
        self.url = base_url.rstrip("/").replace("http://", "ws://", 1) + "/_stcore/stream"
        self.timeout = timeout
        # A loopback address to connect from (127.0.0.x), so one machine can stand for visitors on several networks.
        self.source_address = source_address
        self.request_headers = headers or {}
        self.keep_text = keep_text
        self.cached_hashes: set[str] = set()
        self.pages: list[AppPage] = []
        self.page_script_hash = ""
        self.headers: dict[str, str] = {}
        self._socket = None

    async def __aenter__(self) -> StreamlitSession:
        self._socket = await websockets.connect(
            self.url,
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=self.timeout,
            ping_interval=None,
            additional_headers=self.request_headers,
            **({"local_addr": (self.source_address, 0)} if self.source_address else {}),
        )
        response = getattr(self._socket, "response", None)
        if response is not None:
            self.headers = {k.lower(): v for k, v in response.headers.raw_items()}
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._socket is not None:
            await self._socket.close()

    async def run(self, page_name: str = "", query_string: str = "") -> RunResult:
        """Ask for one script run of a page (its URL path, '' = the default page) and wait for it to finish."""
        back = BackMsg()
        state = back.rerun_script
        state.query_string = query_string
        # As the browser does: the page's hash once the app has announced its pages, else its URL path.
        known = {p.url_pathname: p.page_script_hash for p in self.pages}
        if page_name in known:
            state.page_script_hash = known[page_name]
        else:
            state.page_name = page_name
        state.cached_message_hashes.extend(sorted(self.cached_hashes))
        started = time.perf_counter()
        await self._socket.send(back.SerializeToString())
        result = RunResult(seconds=0.0)
        async with asyncio.timeout(self.timeout):
            while True:
                raw = await self._socket.recv()
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                result.messages += 1
                result.bytes += len(raw)
                result.largest = max(result.largest, len(raw))
                if msg.metadata.cacheable and msg.hash:
                    self.cached_hashes.add(msg.hash)
                kind = msg.WhichOneof("type")
                if kind == "ref_hash":
                    result.ref_messages += 1
                elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                    element_kind = msg.delta.new_element.WhichOneof("type")
                    if self.keep_text:
                        text = _element_text(msg)[1]
                        if text:
                            result.texts.append(text)
                    if element_kind == "plotly_chart":
                        result.charts += 1
                    if element_kind == "download_button":
                        result.downloads.append(msg.delta.new_element.download_button.url)
                    if element_kind == "exception":
                        result.errors.append(msg.delta.new_element.exception.message)
                elif kind == "page_info_changed":
                    result.query_string = msg.page_info_changed.query_string
                elif kind == "navigation":
                    self.page_script_hash = msg.navigation.page_script_hash
                    self.pages = [
                        AppPage(p.url_pathname, p.page_script_hash, p.page_name, p.section_header, p.is_default)
                        for p in msg.navigation.app_pages
                    ]
                elif kind == "new_session":
                    self.page_script_hash = msg.new_session.page_script_hash or self.page_script_hash
                elif kind == "script_finished" and msg.script_finished in FINISHED:
                    result.status = msg.script_finished
                    break
        result.seconds = time.perf_counter() - started
        result.pages = list(self.pages)
        result.page_script_hash = self.page_script_hash
        return result


async def discover_pages(base_url: str) -> list[AppPage]:
    """Every page the running app registers with st.navigation (the same list its sidebar shows)."""
    async with StreamlitSession(base_url) as session:
        result = await session.run()
    return result.pages

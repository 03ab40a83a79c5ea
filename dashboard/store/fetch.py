"""Fetching a publisher's file for the refresher: https only, only to the feed's own hosts, never to a private address.

The refresh runs unattended with the server's network access, so neither a feed's address nor a redirect from
it may reach the machine itself or its private network. Every hop is checked before anything is sent (scheme,
host, and every address the host resolves to) and the connection goes to exactly the address that was checked;
one deadline bounds the whole request, however slowly the server sends.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# NAT64 gateways turn 64:ff9b::a.b.c.d into a connection to a.b.c.d, so the address inside is the one to judge.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# An ETag or Last-Modified longer than this, or not printable ASCII, is not kept (it goes into data/feeds/log.csv).
_MAX_VALIDATOR = 200


@dataclass(frozen=True)
class Limits:
    timeout: float = 30.0  # seconds for connecting, or for any one read, before an attempt is given up
    deadline: float = 300.0  # seconds for the whole fetch: every attempt, hop and byte of the body, and the pauses
    max_bytes: int = 50_000_000  # a release bigger than this is refused before it is stored
    retries: int = 2  # further attempts after a dropped connection, a timeout or a 5xx answer, within the deadline
    backoff: float = 2.0  # seconds before the first retry, doubled for each one after
    max_redirects: int = 5


@dataclass
class Fetched:
    """What one fetch gave: the file, or why not (`reason`, a key of dashboard.store.feeds.PUBLIC_WORDING)."""

    status: int | None
    data: bytes | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""
    reason: str | None = None
    detail: str = ""  # for the operator's log only: may hold what the server said


class Refused(Exception):
    """A hop the refresher will not make (scheme, host or address); the message is for the operator's log."""


def is_public(address: IPAddress) -> bool:
    """True only for an address on the public internet: not loopback, private, link-local, shared, multicast,
    reserved or unspecified, and, for IPv6, not an IPv4-mapped, 6to4 or NAT64 form of such an address."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = address.ipv4_mapped or address.sixtofour
        if inner is None and address in _NAT64:
            inner = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if inner is not None and not is_public(inner):
            return False
    # is_global alone lets multicast (224.0.0.0/4) and some reserved IPv6 ranges through.
    return address.is_global and not (
        address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or address.is_loopback
        or address.is_link_local
        or address.is_private
    )


def resolve_host(host: str, port: int) -> list[IPAddress]:
    """Every address the system resolver gives for host (an IP literal, dotted, decimal or octal, gives itself)."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    # A scoped IPv6 address ("fe80::1%eth0") keeps its scope out of the judgement: link-local is refused anyway.
    return list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%")[0]) for info in found))


def dial_directly(address: IPAddress, port: int) -> tuple[str, int]:
    return str(address), port


@dataclass(frozen=True)
class Network:
    """How the refresher reaches a publisher. Tests pass their own resolver and dialler to reach a local server
    under a public-looking name and address; every address is still judged by is_public, whatever is passed."""

    resolve: Callable[[str, int], list[IPAddress]] = resolve_host
    dial: Callable[[IPAddress, int], tuple[str, int]] = dial_directly  # where a checked address is connected to
    ssl_context: ssl.SSLContext | None = None  # None: the certificates httpx trusts by default


class Deadline:
    """One end time for a whole fetch; each network wait is cut to what is left of it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def remaining(self) -> float:
        return self._end - time.monotonic()

    @property
    def passed(self) -> bool:
        return self.remaining() <= 0

    def bound(self, timeout: float | None, error: type[Exception]) -> float:
        left = self.remaining()
        if left <= 0:
            raise error(f"the deadline of {self.seconds:g} seconds passed")
        return left if timeout is None else min(timeout, left)


def _resolve_within(network: Network, host: str, port: int, deadline: Deadline) -> list[IPAddress]:
    """The resolver blocks with no timeout of its own, so it runs in a daemon thread waited on until the deadline."""
    result: dict[str, Any] = {}

    def work() -> None:
        try:
            result["addresses"] = network.resolve(host, port)
        except (OSError, ValueError) as error:
            result["error"] = error

    thread = threading.Thread(target=work, name="refresh-resolve", daemon=True)
    thread.start()
    thread.join(deadline.bound(None, httpcore.ConnectTimeout))
    if thread.is_alive():
        raise httpcore.ConnectTimeout(f"{host} was not resolved before the deadline")
    if "error" in result:
        raise httpcore.ConnectError(f"{host} could not be resolved ({result['error']})")
    return result["addresses"]


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read, write and TLS handshake waits no longer than the fetch's deadline allows."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: Deadline) -> None:
        self._stream = stream
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._deadline.bound(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._deadline.bound(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        bounded = self._deadline.bound(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, bounded), self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _CheckedBackend(httpcore.SyncBackend):
    """Resolves a host once, refuses it unless every address is public, and connects to the address it checked:
    a DNS answer that changes between the check and the connection (DNS rebinding) has nothing to change."""

    def __init__(self, network: Network, deadline: Deadline) -> None:
        self._network = network
        self._deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = _resolve_within(self._network, host, port, self._deadline)
        if not addresses:
            raise httpcore.ConnectError(f"{host} has no address")
        private = [a for a in addresses if not is_public(a)]
        if private:
            raise Refused(f"{host} resolves to {private[0]}, which is not a public address")
        failure: Exception = httpcore.ConnectError(f"could not connect to {host}")
        for address in addresses:
            dial_host, dial_port = self._network.dial(address, port)
            try:
                stream = super().connect_tcp(
                    dial_host, dial_port, self._deadline.bound(timeout, httpcore.ConnectTimeout), local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                failure = error
                continue
            return _DeadlineStream(stream, self._deadline)
        raise failure

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Any = None) -> httpcore.NetworkStream:
        raise Refused("a local socket is never fetched from")


class _CheckedTransport(httpx.HTTPTransport):
    """httpx's own transport, with its connection pool built over the checked backend."""

    def __init__(self, network: Network, deadline: Deadline) -> None:
        context = network.ssl_context or httpx.create_ssl_context(trust_env=False)
        super().__init__(verify=context, trust_env=False)
        # httpx offers no public way to give its transport a network backend, so its pool is replaced. If a
        # later httpx keeps the pool elsewhere, fail here rather than connect through an unchecked pool.
        if not isinstance(vars(self).get("_pool"), httpcore.ConnectionPool):
            raise RuntimeError("httpx.HTTPTransport no longer keeps its pool in _pool: the address checks cannot be fitted")
        self._pool = httpcore.ConnectionPool(ssl_context=context, network_backend=_CheckedBackend(network, deadline))


def hop_problem(url: httpx.URL, allowed_hosts: frozenset[str]) -> str | None:
    """Why the refresher will not request this address; None when it may (the addresses are judged on connecting)."""
    if url.scheme != "https":
        return f"{url.scheme or 'no'} scheme, not https"
    if url.userinfo:
        return "the address carries a user name or password"
    host = url.host.rstrip(".").lower()
    if host not in allowed_hosts:
        return f"{host} is not the feed's host nor one the catalogue lists for it"
    return None


def host_of(address: str) -> str:
    """The host an address names, as hop_problem compares it; empty for an address httpx cannot read."""
    try:
        return httpx.URL(address).host.rstrip(".").lower()
    except httpx.InvalidURL:
        return ""


def _validator(value: str | None) -> str | None:
    """An ETag or Last-Modified worth sending back: short printable ASCII, else nothing."""
    if value and len(value) <= _MAX_VALIDATOR and value.isascii() and value.isprintable():
        return value
    return None


def for_log(text: str, limit: int = 500) -> str:
    """Text a server sent, made safe for one log line: no line breaks or control characters, and not too long."""
    flat = "".join(c if c.isprintable() else " " for c in " ".join(str(text).split()))
    return flat if len(flat) <= limit else flat[:limit] + "…"


class _Retry(Exception):
    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason, self.detail = reason, detail


def fetch(
    url: str,
    headers: dict[str, str],
    limits: Limits,
    allowed_hosts: frozenset[str],
    network: Network = Network(),
    sleep: Callable[[float], None] = time.sleep,
) -> Fetched:
    """One GET (retried only for failures that may pass), all of it within limits.deadline; the body is read no
    further than the size limit. Never raises for what a server does."""
    try:
        start = httpx.URL(url)
    except httpx.InvalidURL as error:
        return Fetched(None, reason="address_refused", detail=f"an unreadable address ({for_log(str(error))})")
    deadline = Deadline(limits.deadline)
    reason, detail, attempts = "unreachable", "no attempt made", 0
    transport = _CheckedTransport(network, deadline)
    timeout = httpx.Timeout(limits.timeout)
    with httpx.Client(transport=transport, timeout=timeout, follow_redirects=False, trust_env=False) as client:
        for attempt in range(limits.retries + 1):
            if attempt:
                pause = limits.backoff * 2 ** (attempt - 1)
                if pause >= deadline.remaining():
                    break
                sleep(pause)
            attempts += 1
            try:
                return _attempt(client, start, headers, limits, allowed_hosts, deadline)
            except _Retry as retry:
                reason, detail = retry.reason, retry.detail
            except httpx.TimeoutException as error:
                if deadline.passed:
                    return Fetched(None, reason="too_slow", detail=f"cut off at the deadline of {limits.deadline:g} seconds")
                reason, detail = "unreachable", f"no answer within {limits.timeout:g} seconds ({type(error).__name__})"
            except httpx.HTTPError as error:
                reason, detail = "unreachable", f"could not connect ({type(error).__name__}: {for_log(str(error))})"
    return Fetched(None, reason=reason, detail=f"{detail} ({attempts} attempt{'s' if attempts != 1 else ''})")


def _attempt(
    client: httpx.Client, url: httpx.URL, headers: dict[str, str], limits: Limits, allowed: frozenset[str], deadline: Deadline
) -> Fetched:
    for hop in range(limits.max_redirects + 1):
        refused_as = "address_refused" if hop == 0 else "redirect_refused"
        problem = hop_problem(url, allowed)
        if problem:
            return Fetched(None, reason=refused_as, detail=f"{for_log(str(url))}: {problem}")
        try:
            with client.stream("GET", url, headers=headers) as response:
                if response.next_request is not None:  # httpx works out where a redirect leads, and stops there
                    url = response.next_request.url
                    continue
                return _answer(response, limits, deadline)
        except Refused as refused:
            return Fetched(None, reason=refused_as, detail=f"{for_log(str(url))}: {refused}")
        except httpx.RemoteProtocolError as error:
            # httpx's word for a Location it cannot read (say, an octal address): a redirect not to be followed.
            if str(error).startswith("Invalid URL in location header"):
                return Fetched(None, reason="redirect_refused", detail=for_log(str(error)))
            raise
    return Fetched(None, reason="redirect_refused", detail=f"more than {limits.max_redirects} redirects")


def _answer(response: httpx.Response, limits: Limits, deadline: Deadline) -> Fetched:
    said = f"the server answered {response.status_code} {for_log(response.reason_phrase, 80)}"
    if response.status_code >= 500:
        raise _Retry("no_file", said)
    found = Fetched(
        response.status_code,
        etag=_validator(response.headers.get("etag")),
        last_modified=_validator(response.headers.get("last-modified")),
        content_type=response.headers.get("content-type", ""),
    )
    if response.status_code == 304:
        return found
    if response.status_code != 200:
        found.reason, found.detail = "no_file", said
        return found
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        found.reason = "too_large"
        found.detail = f"the file is {int(declared):,} bytes, more than the limit of {limits.max_bytes:,}"
        return found
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limits.max_bytes:
            found.reason, found.detail = "too_large", f"the file is more than the limit of {limits.max_bytes:,} bytes"
            return found
        if deadline.passed:  # a read that returned just before the deadline: the next would be cut anyway
            raise httpx.ReadTimeout(f"the deadline of {deadline.seconds:g} seconds passed")
        chunks.append(chunk)
    found.data = b"".join(chunks)
    return found

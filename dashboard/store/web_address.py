"""Which web addresses may become links: absolute http(s) addresses only, checked at build, at load and where drawn.

A link made from data must never run script (`javascript:`), carry a document (`data:`), leave the scheme to the
page (`//elsewhere`) or hide a trick in spaces, control characters, quotes or a user name before the host. One rule,
used by the build (an address column that breaks it is rejected naming file, row and column), the loader's --url,
the feed catalogue, and every place a page or the briefing pack draws a link.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

MAX_LENGTH = 2048
SCHEMES = ("https", "http")
# The characters RFC 3986 allows in an address; anything else (spaces, control characters, quotes, angle brackets,
# backslashes, non-ASCII letters) must be percent-encoded by whoever writes the address.
_ADDRESS_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_HOST_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.?")


def _shown(value: str) -> str:
    """The address as a problem message quotes it: invisible characters written out, and not too long to read."""
    text = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in value)
    return text if len(text) <= 120 else text[:117] + "..."


def _is_host(host: str) -> bool:
    """A host name (letters, digits and hyphens between dots) or an IP address, as urlsplit gives it."""
    if _HOST_NAME.fullmatch(host):
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def web_address_problem(value: str) -> str | None:
    """What is wrong with `value` as an address to link to, in words; None when it is an absolute http(s) address."""
    expected = f"expected a web address starting https:// (or http://), found '{_shown(value)}'"
    if len(value) > MAX_LENGTH:
        return f"{expected}: longer than {MAX_LENGTH} characters"
    if not _ADDRESS_CHARACTERS.fullmatch(value):
        return f"{expected}: it holds spaces, control characters, quotes or other characters a web address cannot hold"
    if _BAD_PERCENT.search(value):
        return f"{expected}: a % sign must be followed by two hexadecimal digits"
    if not value.lower().startswith(tuple(f"{scheme}://" for scheme in SCHEMES)):
        return expected
    try:
        parts = urlsplit(value)
    except ValueError:  # a bracketed host that is not an IP address
        return f"{expected}: it names no host"
    if "@" in parts.netloc:
        return f"{expected}: a user name before the host can disguise where the link goes"
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number from 0 to 65535
    except ValueError:
        return f"{expected}: its port is not a number from 0 to 65535"
    if not _is_host(parts.hostname or ""):
        return f"{expected}: it names no host"
    return None


def checked_url(value: object) -> str | None:
    """`value` when it is a text that may be linked to (web_address_problem finds nothing), else None."""
    if not isinstance(value, str) or not value or web_address_problem(value) is not None:
        return None
    return value

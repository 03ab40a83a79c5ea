"""Every address we publish, harvested rather than listed by hand: the README's examples and the registered pages.

A README address is a backticked `/path` of one segment (with or without a query), an `http://127.0.0.1:8501/...`
address, or a backticked `?name=value` example, which belongs to the last page address named before it in the
same paragraph or list item (the overview "/" when none is). Examples with an empty value (`?cycle=`) are
placeholders and are skipped; `?tier=primary|secondary` stands for both values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from tests.browser.registry import registered_pages

README = Path(__file__).resolve().parents[2] / "README.md"
LOCAL_SERVER = re.compile(r"http://127\.0\.0\.1:8501(/[^\s`)\]]*)?")
# Addresses the README gives for load balancers and systemd, not people: test_service.py checks them.
MACHINE_ADDRESSES = {"/healthz"}
PAGE_ADDRESS = re.compile(r"^/[a-z0-9-]*(\?\S*)?$")
# app.py serves the default page at "/" and again at its published address /overview (a hidden twin).
ALIASES = {"/overview": "Overview"}


@dataclass(frozen=True)
class Address:
    path: str  # path and query, as a visitor would open it
    title: str  # the page title app.py gives it (the browser tab reads "<title> · <site>")
    origin: str  # where it was published, for the test's name and its failure message


def page_titles() -> dict[str, str]:
    """Every path the app answers, with its page title."""
    titles = {p.path: p.title for p in registered_pages()}
    return {**titles, **ALIASES}


def title_for(address: str) -> str | None:
    """The page title of an address; meeting mode (?mode=meeting) belongs to the meeting page whatever the path."""
    parsed = urlparse(address)
    if "mode=meeting" in parsed.query.split("&"):
        return page_titles()["/meeting"]
    return page_titles().get(parsed.path or "/")


def _blocks(text: str) -> list[str]:
    """Paragraphs and list items: a blank line or a new '- ' item starts a block."""
    blocks, current = [], []
    for line in text.splitlines():
        if not line.strip() or re.match(r"\s*[-*] ", line):
            if current:
                blocks.append("\n".join(current))
            current = [line] if line.strip() else []
        else:
            current.append(line)
    if current:
        blocks.append("\n".join(current))
    return blocks


def _expand(query: str) -> list[str]:
    """'tier=primary|secondary' -> ['tier=primary', 'tier=secondary']; a placeholder ('cycle=') -> []."""
    name, _, value = query.partition("=")
    if not value or "<" in value:
        return []
    return [f"{name}={v}" for v in value.split("|") if v]


def readme_addresses(readme: Path = README) -> list[Address]:
    found: dict[str, Address] = {}

    def add(path: str, line: str) -> None:
        if path.split("?")[0] in MACHINE_ADDRESSES:
            return
        title = title_for(path)
        found.setdefault(path, Address(path, title or "(no such page)", f"README: {line.strip()[:80]}"))

    text = readme.read_text(encoding="utf-8")
    for match in LOCAL_SERVER.finditer(text):  # anywhere, code blocks included
        add(match.group(1) or "/", match.group(0))
    prose = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
    for block in _blocks(prose):
        page = "/"
        for match in re.finditer(r"`([^`]+)`", block):
            snippet = match.group(1)
            local = LOCAL_SERVER.fullmatch(snippet)
            if local:
                snippet = local.group(1) or "/"
            if PAGE_ADDRESS.match(snippet):
                add(snippet, block)
                page = snippet.split("?")[0]
            elif snippet.startswith("?"):
                for query in _expand(snippet[1:]) if "&" not in snippet else [snippet[1:]]:
                    add(f"{page}?{query}", block)
    return list(found.values())


def page_addresses() -> list[Address]:
    """Every registered page's own address, alone and with ?force=kent."""
    addresses = []
    for page in registered_pages():
        for path in (page.path, f"{page.path}?force=kent"):
            addresses.append(Address(path, page.title, f"app.py: {page.title}"))
    return addresses


def published_addresses() -> list[Address]:
    """README addresses and page addresses, each once (first origin kept)."""
    seen: dict[str, Address] = {}
    for address in readme_addresses() + page_addresses():
        seen.setdefault(address.path, address)
    return list(seen.values())

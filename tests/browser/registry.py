"""The pages app.py registers in its PAGES dict, read from its source so tests can be parametrised per page.

The browser tests check this list against the links the running app actually renders, so a page
added in any way this reader misses fails loudly rather than going untested.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app.py"


@dataclass(frozen=True)
class RegisteredPage:
    title: str
    url_path: str  # as written in app.py; the default page is served at "/"
    section: str
    default: bool
    file: str

    @property
    def path(self) -> str:
        """The address a visitor opens: '/' for the default page, '/<url_path>' otherwise."""
        return "/" if self.default else f"/{self.url_path}"

    @property
    def id(self) -> str:
        return self.url_path or "default"


def _constant(node: ast.AST | None) -> object:
    return node.value if isinstance(node, ast.Constant) else None


def _last_string(node: ast.AST) -> str:
    """The file name at the end of an expression like HERE / "pages" / "overview.py"."""
    while isinstance(node, ast.BinOp):
        node = node.right
    value = _constant(node)
    return value if isinstance(value, str) else ""


def registered_pages(app: Path = APP) -> list[RegisteredPage]:
    """Every st.Page(...) listed in the PAGES = {section: [...]} dict of app.py, in navigation order."""
    tree = ast.parse(app.read_text(encoding="utf-8"))
    pages: list[RegisteredPage] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "PAGES" for t in node.targets)):
            continue
        if not isinstance(node.value, ast.Dict):
            continue
        for key, value in zip(node.value.keys, node.value.values):
            section = str(_constant(key))
            for call in getattr(value, "elts", []):
                if not isinstance(call, ast.Call):
                    continue
                keywords = {k.arg: _constant(k.value) for k in call.keywords}
                file = _last_string(call.args[0]) if call.args else ""
                url_path = keywords.get("url_path") or Path(file).stem
                title = keywords.get("title") or Path(file).stem.replace("_", " ")
                pages.append(RegisteredPage(str(title), str(url_path), section, bool(keywords.get("default")), file))
    return pages

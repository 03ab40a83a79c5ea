"""Page-wide layout for narrow screens: smaller headings, blocks shown only on a wide or only on a narrow screen,
and the figure cards' border and large value (dashboard/web/widgets.card_row).

A resident on a 360 px phone should see the answer on the first screen: Streamlit's 2.75 rem page titles wrap to
three or four lines there. A block keyed `wide-...` is hidden below NARROW px (a force × area grid overprints on a
phone) and one keyed `narrow-...` above it (the same grades as a list per area), so each screen gets one of the two.
"""

from __future__ import annotations

import base64
from pathlib import Path

import streamlit as st

from dashboard.common.escape import md

NARROW = 640  # pixels: below this, a grid of 43 forces by 8 areas cannot show its words

LAYOUT_CSS = f"""<style>
@media (max-width: {NARROW}px) {{
  [data-testid="stMain"] h1 {{ font-size: 1.75rem; line-height: 1.2; padding-top: 0.5rem; }}
  [data-testid="stMain"] h2 {{ font-size: 1.4rem; }}
  [data-testid="stMain"] h3 {{ font-size: 1.2rem; }}
  [data-testid="stMainBlockContainer"] {{ padding-top: 3.5rem; }}
  [class*="st-key-wide-"] {{ display: none; }}
}}
@media (min-width: {NARROW + 1}px) {{
  [class*="st-key-narrow-"] {{ display: none; }}
}}
[class*="st-key-cards-"] [data-testid="stMarkdownContainer"] {{
  border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem; padding: 1rem; height: 100%;
}}
[class*="st-key-cards-"] .card-name {{ font-size: 0.875rem; margin-bottom: 0.25rem; }}
[class*="st-key-cards-"] .card-value {{ font-size: 2.25rem; line-height: 1.2; margin-bottom: 0.5rem; }}
[class*="st-key-cards-"] summary {{ cursor: pointer; text-decoration: underline; }}
</style>"""


def narrow_screen_layout() -> None:
    """Send the page-wide styles for narrow screens (a style element only: it takes no room on the page)."""
    st.html(LAYOUT_CSS)


def wide_only(key: str):
    """A container drawn only on a wide screen; pair it with narrow_only() holding the same facts another way."""
    return st.container(key=f"wide-{key}")


def narrow_only(key: str):
    """A container drawn only on a narrow screen (a phone)."""
    return st.container(key=f"narrow-{key}")


LEAD_ICON = ":material/summarize:"
# The browser tab's icon, a shield drawn in SVG and sent inline: Streamlit fetches a Material icon given as the page
# icon from fonts.gstatic.com, which tells Google of every visit (the icons on the page come from its own font file).
TAB_ICON = "data:image/svg+xml;base64," + base64.b64encode((Path(__file__).parent / "tab_icon.svg").read_bytes()).decode()


def lead_slot():
    """A place right under the title for the page's answer, filled once the choices drawn below it are read.

    One element either way: the answer stays first on a phone's first screen even when pickers follow it.
    """
    return st.empty()


def show_lead(text: str, slot=None) -> None:
    """The page's answer in one or two short sentences (plain text or Markdown), drawn as the overview draws it (one
    info element)."""
    (slot if slot is not None else st).info(md(text), icon=LEAD_ICON)

"""What the accessibility statement says, kept beside the audit that checks it.

The browser audit (tests/browser/test_accessibility.py) excludes exactly the known issues listed
here and nothing else, so the statement and the test cannot drift apart.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

STANDARD = "Web Content Accessibility Guidelines (WCAG) version 2.2 AA"
# The date the full audit below last passed on every page; update it when you re-run `make test` for a release.
LAST_TESTED = date(2026, 11, 29)
STATEMENT_PREPARED = date(2026, 11, 29)
AXE_VERSION = "4.12"  # the axe-core bundled in the pinned axe-playwright-python
AUDIT_WIDTHS = (1280, 320)
CONTACT_VARIABLE = "DASHBOARD_CONTACT"


@dataclass(frozen=True)
class KnownIssue:
    """A failure we know of, who it affects, the WCAG criterion, and (if any) the audit rule it explains."""

    summary: str
    criterion: str
    detail: str
    axe_rules: tuple[str, ...] = ()
    axe_selector: str | None = None  # the exact element the audit excuses; nothing else is excused


KNOWN_ISSUES: tuple[KnownIssue, ...] = (
    KnownIssue(
        summary="The list of pages in the side menu is not marked up as a proper list.",
        criterion="1.3.1 Info and Relationships",
        detail=(
            "The menu is drawn by Streamlit, the software this dashboard is built with. It groups the page links "
            "under section names inside a list in a way screen readers cannot count, so a screen reader may not "
            "say how many pages a section holds. Every link still has its page name and the current page is "
            "announced as current. We cannot change this markup ourselves."
        ),
        axe_rules=("list", "listitem"),
        axe_selector='[data-testid="stSidebarNavItems"]',
    ),
    KnownIssue(
        summary="Inside a chart, screen readers read axis labels and numbers one at a time.",
        criterion="1.1.1 Non-text Content",
        detail=(
            "Charts are drawn with Plotly. Each chart is announced as a figure with a short name, but what is "
            "inside it is not described as a whole. Each chart has a sentence directly above it that says what "
            "it shows, generated from the same figures, and a table of every value with a CSV download directly "
            "below it. Nothing is shown only in a chart."
        ),
    ),
    KnownIssue(
        summary="Tables are drawn on a canvas and are harder to read with some screen readers.",
        criterion="1.3.1 Info and Relationships",
        detail=(
            "Streamlit's data tables draw their cells on a canvas and give screen readers a separate grid to move "
            "around. Some screen readers find this grid slow to read. Every table can be downloaded as a CSV file "
            "to read in a spreadsheet instead."
        ),
    ),
)


def excused_rules() -> dict[str, str]:
    """Audit rule id -> the one CSS selector that rule is excused on (from KNOWN_ISSUES)."""
    return {rule: issue.axe_selector for issue in KNOWN_ISSUES if issue.axe_selector for rule in issue.axe_rules}


def contact() -> str | None:
    """Where visitors report a problem: an email address or web address the operator sets in DASHBOARD_CONTACT."""
    value = os.environ.get(CONTACT_VARIABLE, "").strip()
    return value or None

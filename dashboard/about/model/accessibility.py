"""What the accessibility statement says, kept beside the audit that checks it.

The browser audit (tests/browser/test_accessibility.py) excludes exactly the known issues listed
here and nothing else, so the statement and the test cannot drift apart.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from dashboard.common.escape import Markdown, markdown, markdown_join
from dashboard.common.wording import format_date

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


@dataclass(frozen=True)
class StatementSection:
    """One heading of the statement and the words under it (plain text or Markdown)."""

    title: str
    below: str
    level: int = 2


def statement_sections(address: str | None) -> tuple[StatementSection, ...]:
    """The statement after its opening, heading by heading, as the app and the static edition both show it."""
    sections: list[StatementSection] = []
    sections.append(
        StatementSection(
            "Using this dashboard",
            Markdown(
                "You should be able to:\n"
                "- zoom in up to 400% and read every page in one column, down to a screen 320 pixels wide\n"
                "- move between pages and choose a police force with a keyboard alone\n"
                "- choose a police force by typing its name in the *Police force* box and pressing Enter\n"
                "- read every chart as a plain-English sentence above it, and as a table of its figures by turning on the "
                "*Show as a table* switch below it (Tab to the switch, then press Space)\n"
                "- download the figures behind every chart and table as a CSV file\n"
                "- tell grades apart without colour: every grade is written in words, with its own symbol "
                "(★★ Outstanding, ★ Good, ● Adequate, ▲ Requires improvement, ✖ Inadequate)"
            ),
        )
    )

    sections.append(
        StatementSection(
            "How accessible this dashboard is",
            markdown_join(
                [
                    f"We know some parts are not fully accessible ({len(KNOWN_ISSUES)} known issues):",
                    markdown_join((markdown("- {}", issue.summary) for issue in KNOWN_ISSUES), "\n"),
                ]
            ),
        )
    )

    if address:
        sections.append(
            StatementSection(
                "Feedback and contact information",
                markdown(
                    "If you find a problem, or need what a page shows in another format, contact us at **{}**. "
                    "Tell us the page address and what you were trying to do.",
                    address,
                ),
            )
        )
    else:
        sections.append(
            StatementSection(
                "Feedback and contact information",
                "The organisation running this copy of the dashboard has not published a contact address yet. "
                "Until it does, please raise accessibility problems with the office of your Police and Crime "
                "Commissioner, who can pass them on.",
            )
        )

    sections.append(
        StatementSection(
            "Enforcement procedure",
            Markdown(
                "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies "
                "(Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the accessibility regulations). "
                "If you are not happy with how we respond to your complaint, contact the "
                "[Equality Advisory and Support Service (EASS)](https://www.equalityadvisoryservice.com/)."
            ),
        )
    )

    sections.append(
        StatementSection(
            "Technical information about this dashboard's accessibility",
            markdown(
                "### Compliance status\n\n{}",
                f"This dashboard is partially compliant with the {STANDARD}, due to the non-compliances listed below.",
            ),
        )
    )
    sections.append(
        StatementSection(
            "Non-accessible content",
            markdown_join(
                markdown("**{}** {}", issue.summary, f"{issue.detail} This fails WCAG 2.2 success criterion {issue.criterion}.")
                for issue in KNOWN_ISSUES
            ),
            level=3,
        )
    )

    widths = " and ".join(f"{w} pixels" for w in AUDIT_WIDTHS)
    sections.append(
        StatementSection(
            "How we tested this dashboard",
            f"Every page is checked automatically on each change, in the Chromium browser, with the axe-core "
            f"{AXE_VERSION} accessibility engine at {widths} wide: no serious or critical failure is allowed apart "
            "from those listed above. Automated tests also check that every chart has its sentence and its table, that "
            "every grade is written in words, that every page has its own title and language, and that the main "
            "journeys (choosing a force and moving between pages) work with a keyboard alone. We have not yet tested "
            "the dashboard with disabled users or carried out a full manual audit with screen readers.",
            level=3,
        )
    )

    sections.append(
        StatementSection(
            "Preparation of this accessibility statement",
            f"This statement was prepared on {format_date(STATEMENT_PREPARED)}. "
            f"The dashboard was last tested on {format_date(LAST_TESTED)}.",
        )
    )
    return tuple(sections)

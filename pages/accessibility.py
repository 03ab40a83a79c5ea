"""Accessibility statement: how accessible is this dashboard, what does not work yet, and how do I report a problem?"""

import streamlit as st

from dashboard.about.model.accessibility import (
    AUDIT_WIDTHS,
    AXE_VERSION,
    KNOWN_ISSUES,
    LAST_TESTED,
    STANDARD,
    STATEMENT_PREPARED,
    contact,
)
from dashboard.common.escape import Markdown, markdown, markdown_join
from dashboard.common.site_addresses import ACCESSIBILITY
from dashboard.common.wording import format_date
from dashboard.web.freshness import page_opening
from dashboard.web.routing import run_through_router
from dashboard.web.widgets import section_heading

run_through_router()

st.title("Accessibility statement")
page_opening(
    "This statement covers the policing accountability dashboard. We want as many people as possible to be able "
    "to use it, whether on a phone, with a screen reader, with a keyboard alone or on a projector.",
    twin=ACCESSIBILITY,
)

section_heading(
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

section_heading(
    "How accessible this dashboard is",
    markdown_join(
        [
            f"We know some parts are not fully accessible ({len(KNOWN_ISSUES)} known issues):",
            markdown_join((markdown("- {}", issue.summary) for issue in KNOWN_ISSUES), "\n"),
        ]
    ),
)

address = contact()
if address:
    section_heading(
        "Feedback and contact information",
        markdown(
            "If you find a problem, or need what a page shows in another format, contact us at **{}**. "
            "Tell us the page address and what you were trying to do.",
            address,
        ),
    )
else:
    section_heading(
        "Feedback and contact information",
        "The organisation running this copy of the dashboard has not published a contact address yet. "
        "Until it does, please raise accessibility problems with the office of your Police and Crime "
        "Commissioner, who can pass them on.",
    )

section_heading(
    "Enforcement procedure",
    Markdown(
        "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies "
        "(Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the accessibility regulations). "
        "If you are not happy with how we respond to your complaint, contact the "
        "[Equality Advisory and Support Service (EASS)](https://www.equalityadvisoryservice.com/)."
    ),
)

section_heading(
    "Technical information about this dashboard's accessibility",
    markdown(
        "### Compliance status\n\n{}",
        f"This dashboard is partially compliant with the {STANDARD}, due to the non-compliances listed below.",
    ),
)
section_heading(
    "Non-accessible content",
    markdown_join(
        markdown("**{}** {}", issue.summary, f"{issue.detail} This fails WCAG 2.2 success criterion {issue.criterion}.")
        for issue in KNOWN_ISSUES
    ),
    level=3,
)

widths = " and ".join(f"{w} pixels" for w in AUDIT_WIDTHS)
section_heading(
    "How we tested this dashboard",
    f"Every page is checked automatically on each change, in the Chromium browser, with the axe-core "
    f"{AXE_VERSION} accessibility engine at {widths} wide: no serious or critical failure is allowed apart "
    "from those listed above. Automated tests also check that every chart has its sentence and its table, that "
    "every grade is written in words, that every page has its own title and language, and that the main "
    "journeys (choosing a force and moving between pages) work with a keyboard alone. We have not yet tested "
    "the dashboard with disabled users or carried out a full manual audit with screen readers.",
    level=3,
)

section_heading(
    "Preparation of this accessibility statement",
    f"This statement was prepared on {format_date(STATEMENT_PREPARED)}. "
    f"The dashboard was last tested on {format_date(LAST_TESTED)}.",
)

"""Accessibility statement: how accessible is this dashboard, what does not work yet, and how do I report a problem?"""

import streamlit as st

from dashboard.about.model.accessibility import contact, statement_sections
from dashboard.common.page_text import ACCESSIBILITY
from dashboard.common.site_addresses import ACCESSIBILITY as STATIC_TWIN
from dashboard.web.freshness import page_opening
from dashboard.web.routing import run_through_router
from dashboard.web.widgets import section_heading

run_through_router()

st.title(ACCESSIBILITY.title)
page_opening(ACCESSIBILITY.intro, twin=STATIC_TWIN)

for section in statement_sections(contact()):
    section_heading(section.title, section.below, level=section.level)

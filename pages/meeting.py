"""Meeting mode: what does the PCC put on the screen, step by step, at a public Accountability & Performance Meeting?"""

import streamlit as st

from dashboard.common.escape import md
from dashboard.common.wording import format_date
from dashboard.holding.blocks import as_at_from_url, as_at_picker, show_step, step_navigation, use_meeting_style
from dashboard.holding.model import meeting
from dashboard.holding.views import meeting_lead
from dashboard.web.freshness import page_opening
from dashboard.web.layout import lead_slot, show_lead
from dashboard.web.routing import run_through_router
from dashboard.web.url import keep_param, url_value
from dashboard.web.widgets import chosen_force, force_picker

run_through_router()

in_meeting = meeting.is_meeting_mode(url_value("mode"))
step, step_notice = meeting.parse_step(url_value("step"))
keep_param("step", str(step))

if in_meeting:
    use_meeting_style()
    force = chosen_force()
    keep_param("force", force.force_id)
    as_at_choice = as_at_from_url()
    for notice in (force.notice, as_at_choice.notice, step_notice):
        if notice:
            st.info(md(notice), icon=":material/info:")
    as_at = as_at_choice.value
else:
    force = force_picker()
    st.title("Meeting mode")
    lead = lead_slot()  # what the slides are, filled once the date is chosen below
    page_opening(
        "For a projector or a webcast: large type, no menus, one plain headline per agenda item. Choose the force and the "
        "“data as at” date, then start. Move with the buttons, the left and right arrow keys, or the number keys 1 to 4."
    )
    as_at = as_at_picker()
    show_lead(meeting_lead(force.name, as_at), lead)
    if step_notice:
        st.info(md(step_notice), icon=":material/info:")
    if st.button("Start meeting mode", key="meeting_start", type="primary", icon=":material/co_present:"):
        st.query_params["mode"] = meeting.MEETING
        st.rerun()
    st.subheader("Preview")

item = meeting.AGENDA[step - 1]
step_navigation(step, in_meeting, meeting.view_link(st.context.url, force.force_id, as_at, step))
st.caption(md(f"{force.name} · Step {step} of {len(meeting.AGENDA)}: {item.title} · Data as at {format_date(as_at)}"))
show_step(step, force, as_at, large=in_meeting)

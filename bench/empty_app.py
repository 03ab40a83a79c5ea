"""The framework's floor: one empty page behind st.navigation, served with the dashboard's own settings.

bench/run.py measures every dashboard page beside this one, in the same run, to give a ratio to
what Streamlit itself costs per script run.
"""

import streamlit as st


def empty() -> None:
    """Nothing: the page draws no element."""


st.navigation([st.Page(empty, title="Empty page", url_path="empty", default=True)]).run()

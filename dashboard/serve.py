"""Serve the dashboard: `python -m dashboard.serve [streamlit options]`, the same as `streamlit run app.py`, made safe.

Streamlit (1.67) treats a folder named pages/ next to the main script as old-style pages until the first
call to st.navigation in the process. Until someone opened the home page, a fresh server ran a deep link
such as /grades as the bare page file: no router, no error handling, no page title. Telling Streamlit
before it starts that app.py routes with st.navigation closes that gap.
"""

from __future__ import annotations

import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app.py"


def main(argv: list[str] | None = None) -> None:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    cli.main(["run", str(APP), *(sys.argv[1:] if argv is None else argv)], prog_name="streamlit")


if __name__ == "__main__":
    main()

"""The tracker and timeline pages, run through AppTest on the real embedded data."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.app_helpers import markdown_texts

APP = str(Path(__file__).parents[1] / "app.py")


def open_page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    return at.switch_page(f"pages/{page}.py").run()


def metrics(at: AppTest) -> dict[str, str]:
    """The status counts, read from the markdown table under the tracker's sentence (numbers in bold)."""
    for element in at.markdown:
        lines = element.value.splitlines()
        for header, rule, row in zip(lines, lines[1:], lines[2:]):
            if header.startswith("| Open |") and rule.startswith("|---"):
                labels = [cell.strip() for cell in header.strip("|").split("|")]
                values = [cell.strip().strip("*") for cell in row.strip("|").split("|")]
                return dict(zip(labels, values))
    return {}


def joined(at: AppTest) -> str:
    return "\n\n".join(m.value for m in at.markdown)


def test_tracker_shows_the_cause_of_concern_closed_on_11_july_2025_with_its_source(use_real_db):
    at = open_page("tracker", as_at="2025-08-01", since="2025-06-30")
    assert not at.exception
    assert at.title[0].value == "Hertfordshire Constabulary: improvement tracker"
    table = at.dataframe[0].value.set_index("Item")
    cause = table.loc["Cause of concern"]
    assert cause["Status"] == "closed by the inspectorate"
    assert cause["Latest update"] == "11 July 2025"
    assert cause["Owner"] == "not published"
    assert cause["Target date"] == "not published"
    assert (
        cause["Source"] == "HMICFRS: letter from HM Inspector Roy Wilsher closing Hertfordshire Constabulary's cause of "
        "concern on crime recording"
    )
    assert metrics(at) == {
        "Open": "3",
        "In progress": "1",
        "Evidence submitted": "0",
        "Closed by the inspectorate": "1",
        "Past target date": "0",
    }


def test_tracker_says_plainly_that_the_full_list_and_the_action_plan_were_not_found(use_real_db):
    at = open_page("tracker", as_at="2025-08-01")
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 1
    paragraphs = warnings[0].split("\n\n")
    assert any(p.startswith("**Not found: the full list of areas for improvement.**") for p in paragraphs)
    assert any(p.startswith("**Not found: the Constabulary's action plan for the areas for improvement.**") for p in paragraphs)


def test_tracker_lists_what_changed_since_the_chosen_date(use_real_db):
    at = open_page("tracker", as_at="2025-08-01", since="2025-03-01")
    changes = next(text for text in markdown_texts(at) if text.startswith("3 updates after 1 March 2025, newest first:"))
    items = changes.split("\n\n---\n\n")[1:]
    assert len(items) == 3
    assert items[0].startswith("**11 July 2025 — Closed by the inspectorate** (was in progress)\n\n")
    assert any(item.startswith("**1 April 2025 — In progress** (was open)\n\n") for item in items)
    # Every update keeps its source.
    assert all("\n\n:small[Source: " in item for item in items)


def test_tracker_as_at_an_earlier_date_shows_the_status_then(use_real_db):
    at = open_page("tracker", as_at="2025-03-31")
    assert metrics(at)["Open"] == "5"
    assert metrics(at)["Closed by the inspectorate"] == "0"


def test_tracker_for_a_force_with_no_items_says_so(use_real_db):
    at = open_page("tracker", force="essex", as_at="2025-08-01")
    assert not at.exception
    assert any(text.startswith("We hold no improvement items for Essex Police") for text in markdown_texts(at))
    assert metrics(at) == {}
    assert not at.warning


def test_tracker_falls_back_politely_on_a_bad_date(use_real_db):
    at = open_page("tracker", as_at="2025-99-99")
    assert not at.exception
    assert any("is not a date we can read" in i.value for i in at.info)


def test_timeline_shows_dated_events_and_lists_not_found_without_dates(use_real_db):
    at = open_page("timeline", as_at="2025-08-01")
    assert not at.exception
    markdown = markdown_texts(at)
    # Each event is one item of a list (one markdown per list), its bold "when — title" first and its source last.
    items = [item for m in markdown for item in m.split("\n\n---\n\n")]
    titles = [item.split("\n\n")[0] for item in items]
    assert "**December 2023 to June 2024 — Inspection fieldwork**" in titles
    assert "**16 October 2024 — The inspectorate publishes its report**" in titles
    assert "**14 November 2024 — The PCC's public meeting on the report (webcast)**" in titles
    assert "**11 July 2025 — The inspectorate closes the cause of concern on crime recording**" in titles
    assert "**Not found — The PCC's formal response to the inspectorate**" in titles
    assert "**Not found — The inspectorate's return visit on crime recording**" in titles
    assert "**Not found — Peer review of crime recording by a force graded Outstanding**" in titles
    events = [item for item in items if item.startswith("**") and " — " in item.split("\n\n")[0]]
    assert len(events) == 11  # 6 dated, 5 looked for and not found
    assert sum("Not found —" in item.split("\n\n")[0] for item in events) == 5
    assert all(item.split("\n\n")[-1].startswith(":small[Source: ") for item in events if "Not found —" not in item)
    assert all(
        item.split("\n\n")[-1].startswith(":small[Looked for; the source that said it would exist: ")
        for item in events
        if "Not found —" in item
    )
    meeting = next(item for item in events if "public meeting on the report" in item)
    assert "*Scheduled (no record of what was said was found)*" in meeting.split("\n\n")
    summary = next(m for m in markdown if m.startswith("As at 1 August 2025, 6 dated events"))
    assert "not placed on the chart" in summary
    assert at.get("plotly_chart")


def test_timeline_as_at_leaves_out_later_events(use_real_db):
    at = open_page("timeline", as_at="2024-11-01")
    text = joined(at)
    assert "**16 October 2024 — The inspectorate publishes its report**" in text
    assert "11 July 2025 —" not in text
    assert "14 November 2024 —" not in text

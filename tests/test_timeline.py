"""The inspection timeline: dated events up to the as-at date, 'not found' entries never dated, the chart and its checks."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.holding.charts import timeline_figure
from dashboard.holding.model.timeline import event_when, timeline_lead, timeline_summary, timeline_table
from dashboard.store.build import build_database
from dashboard.store.tables import DataFileError
from queries import run_query
from tests.test_build import rewrite_cell


def events_as_at(day: date) -> pd.DataFrame:
    return run_query("timeline_events", force_id="hertfordshire", as_at=day)


def test_timeline_lists_dated_events_in_order_then_not_found(use_fixture_db):
    events = events_as_at(date(2025, 8, 1))
    assert events["title"].tolist() == [
        "Test fieldwork",
        "Test publication",
        "Test public meeting",
        "Test closure",
        "Test action plan",
    ]
    assert pd.isna(events.iloc[-1]["event_date"])


def test_events_of_one_day_and_those_not_found_come_in_the_order_things_follow_an_inspection(use_real_db):
    # Hertfordshire's report and the PCC's response came out on one day; five documents were looked for and not found.
    titles = events_as_at(date(2026, 1, 1))["title"].tolist()
    assert titles[1:3] == ["The inspectorate publishes its report", "The PCC responds on publication day"]
    assert titles[-5:] == [
        "The PCC's formal response to the inspectorate",
        "The full list of areas for improvement",
        "The Constabulary's action plan for the areas for improvement",
        "Peer review of crime recording by a force graded Outstanding",
        "The inspectorate's return visit on crime recording",
    ]


def test_events_after_the_as_at_date_are_left_out_but_not_found_entries_stay(use_fixture_db):
    events = events_as_at(date(2024, 11, 1))
    assert events["title"].tolist() == ["Test fieldwork", "Test publication", "Test action plan"]
    on_the_day = events_as_at(date(2024, 10, 16))  # the report's publication day: it has happened by then
    assert on_the_day["title"].tolist() == ["Test fieldwork", "Test publication", "Test action plan"]
    assert events_as_at(date(2024, 10, 15))["title"].tolist() == ["Test fieldwork", "Test action plan"]


def test_event_dates_are_written_at_their_precision(use_fixture_db):
    when = dict(zip(events_as_at(date(2025, 8, 1))["title"], events_as_at(date(2025, 8, 1)).apply(event_when, axis=1)))
    assert when == {
        "Test fieldwork": "December 2023 to June 2024",
        "Test publication": "16 October 2024",
        "Test public meeting": "14 November 2024",
        "Test closure": "11 July 2025",
        "Test action plan": "Not found",
    }
    day = {"event_date": date(2024, 10, 16), "date_precision": "day"}
    assert event_when(pd.Series({**day, "end_date": date(2024, 10, 16)})) == "16 October 2024"  # one day, said once
    assert event_when(pd.Series({**day, "end_date": date(2024, 10, 18)})) == "16 October 2024 to 18 October 2024"


def test_chart_places_only_dated_events_and_its_summary_names_what_was_not_found(use_fixture_db):
    events = events_as_at(date(2025, 8, 1))
    figure = timeline_figure(events)
    placed = {trace.y[0] for trace in figure.data}
    assert placed == {"Test fieldwork", "Test publication", "Test public meeting", "Test closure"}
    summary = timeline_summary("Hertfordshire Constabulary", events, date(2025, 8, 1))
    assert summary.startswith("As at 1 August 2025, 4 dated events for Hertfordshire Constabulary, from test fieldwork")
    assert "so not placed on the chart: test action plan." in summary
    # The last event's date is written to the right of its marker: the axis runs on far enough to show it whole.
    last = max(pd.Timestamp(d) for d in events["event_date"].dropna())
    assert pd.Timestamp(figure.layout.xaxis.range[1]) >= last + pd.Timedelta(days=120)


def test_timeline_table_says_not_found_and_scheduled_in_words(use_fixture_db):
    table = timeline_table(events_as_at(date(2025, 8, 1))).set_index("What")
    assert table.loc["Test action plan", "When"] == "Not found"
    assert table.loc["Test action plan", "Status"] == "Not found"
    assert table.loc["Test public meeting", "Status"].startswith("Scheduled")
    assert table.loc["Test closure", "Kind of source"] == "primary source"
    assert table.loc["Test public meeting", "Kind of source"] == "second-hand source"
    assert list(table.reset_index().columns) == ["What", "When", "Status", "Detail", "Source", "Kind of source"]
    assert table.loc["Test publication", "Detail"] == "Test: report published"
    assert table.loc["Test publication", "Source"] == "Test Inspectorate: test inspection report"


@pytest.mark.parametrize(
    ("as_at", "lead"),
    [
        (date(2023, 11, 1), "As at 1 November 2023 we hold no dated inspection events for Herts."),
        (
            date(2024, 11, 20),
            "Latest, as at 20 November 2024: test public meeting (14 November 2024) "
            "(scheduled; no record of what was said was found).",
        ),
        (date(2025, 8, 1), "Latest, as at 1 August 2025: test closure (11 July 2025)."),
    ],
)
def test_the_timeline_lead_names_the_latest_event_on_the_day_and_counts_what_was_not_found(use_fixture_db, as_at, lead):
    events = events_as_at(as_at)
    assert timeline_lead("Herts", events, as_at) == lead + " 1 expected document or event not found."
    found = events[events["status"] != "not found"]
    assert timeline_lead("Herts", found, as_at) == lead
    missing = events[events["status"] == "not found"]
    two_missing = pd.concat([events, missing.assign(title="Test findings list")], ignore_index=True)
    assert timeline_lead("Herts", two_missing, as_at) == lead + " 2 expected documents or events not found."


def test_hertfordshire_timeline_has_the_real_dates_and_the_missing_documents(use_real_db):
    events = events_as_at(date(2025, 8, 1)).set_index("kind")
    assert event_when(events.loc["fieldwork"]) == "December 2023 to June 2024"
    assert event_when(events.loc["publication"]) == "16 October 2024"
    assert event_when(events.loc["response"]) == "16 October 2024"
    assert event_when(events.loc["meeting"]) == "14 November 2024"
    assert event_when(events.loc["progress_update"]) == "1 April 2025"
    assert event_when(events.loc["closure"]) == "11 July 2025"
    for kind in ("formal_response", "action_plan", "return_visit", "peer_review", "findings_list"):
        assert events.loc[kind, "status"] == "not found"
        assert pd.isna(events.loc[kind, "event_date"])


@pytest.mark.parametrize(
    ("row", "column", "value", "message"),
    [
        (6, "event_date", "2025-01-01", "row 6, column 'event_date': a 'not found' event has no date"),
        (3, "event_date", "", "row 3, column 'event_date': give the date, or set status to 'not found'"),
        (3, "date_precision", "", "row 3, column 'date_precision': give 'day' or 'month' exactly when there is a date"),
        (2, "end_date", "2023-01-01", "row 2, column 'end_date': the end date needs a start date on or before it"),
        (3, "date_precision", "year", "row 3, column 'date_precision': 'year' is not one of: day, month"),
    ],
)
def test_inconsistent_timeline_rows_are_rejected_naming_row_and_column(fixture_data_copy, row, column, value, message):
    rewrite_cell(fixture_data_copy / "timeline_events.csv", row, column, value)
    with pytest.raises(DataFileError) as caught:
        build_database(fixture_data_copy, fixture_data_copy / "test.duckdb")
    assert f"data/timeline_events.csv, {message}" in str(caught.value)


def test_the_event_list_is_one_markdown_keeping_every_event_its_status_and_source(use_fixture_db):
    from dashboard.common.wording import cited_title
    from dashboard.holding.views import events_markdown

    events = events_as_at(date(2025, 8, 1))
    items = events_markdown(events).split("\n\n---\n\n")
    assert len(items) == len(events)
    for item, (_, event) in zip(items, events.iterrows()):
        lines = item.split("\n\n")
        assert lines[0] == f"**{event_when(event)} — {event['title']}**"
        assert event["detail"] in lines
        assert cited_title(event["source_title"], event["source_title_kind"]) in lines[-1] and lines[-1].startswith(":small[")
        assert ("*Scheduled (no record of what was said was found)*" in lines) == (event["status"] == "scheduled")
    assert items[-1].split("\n\n")[-1].startswith(":small[Looked for; the source that said it would exist: ")


def test_the_timeline_view_is_built_once_and_shared(use_fixture_db):
    from dashboard.holding.views import timeline_view

    first = timeline_view("hertfordshire", "Hertfordshire Constabulary", date(2025, 8, 1))
    again = timeline_view("hertfordshire", "Hertfordshire Constabulary", date(2025, 8, 1))
    assert first is again
    assert first.chart is not None
    assert first.chart.summary == (
        "As at 1 August 2025, 4 dated events for Hertfordshire Constabulary, from test fieldwork (December 2023 to "
        "June 2024) to test closure (11 July 2025). Not found in any source we reviewed, so not placed on the chart: "
        "test action plan."
    )
    assert "**Not found — Test action plan**" in first.missing
    assert "Test action plan" not in first.dated
    earlier = timeline_view("hertfordshire", "Hertfordshire Constabulary", date(2024, 11, 1))
    assert "Test closure" not in earlier.dated


def test_an_event_dated_to_the_month_names_its_end_month_only_when_it_differs():
    month = {"event_date": date(2023, 12, 4), "date_precision": "month"}
    assert event_when(pd.Series({**month, "end_date": date(2023, 12, 20)})) == "December 2023"
    assert event_when(pd.Series({**month, "end_date": None})) == "December 2023"
    assert event_when(pd.Series({**month, "end_date": date(2024, 1, 10)})) == "December 2023 to January 2024"


def test_without_dated_events_the_summary_says_so_on_the_day_and_names_each_document_not_found(use_fixture_db):
    events = events_as_at(date(2025, 8, 1))
    not_found = events[events["event_date"].isna()]
    two = pd.concat([not_found, not_found.assign(title="Test findings list")], ignore_index=True)
    assert timeline_summary("Kent Police", two, date(2025, 8, 1)) == (
        "As at 1 August 2025 we hold no dated inspection events for Kent Police. Not found in any source we reviewed, "
        "so not placed on the chart: test action plan; test findings list."
    )
    assert timeline_summary("Kent Police", events.iloc[0:0], date(2025, 8, 1)) == (
        "As at 1 August 2025 we hold no dated inspection events for Kent Police."
    )


def test_an_empty_timeline_is_a_table_with_its_columns_and_no_rows(use_fixture_db):
    table = timeline_table(events_as_at(date(2025, 8, 1)).iloc[0:0])
    assert list(table.columns) == ["When", "What", "Status", "Detail", "Source", "Kind of source"]
    assert table.empty


def test_an_event_found_cites_its_source_and_one_not_found_the_source_that_said_it_would_exist(use_fixture_db):
    from dashboard.holding.views import events_markdown

    items = events_markdown(events_as_at(date(2025, 8, 1))).split("\n\n---\n\n")
    assert items[0].split("\n\n")[-1].startswith(":small[Source: ")
    assert items[-1].split("\n\n")[-1].startswith(":small[Looked for; the source that said it would exist: ")

"""Shaping published figures for the performance pages, on the fixture database plus a synthetic monthly series."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.performance.charts import ranking_chart, short_period, time_chart
from dashboard.performance.model.explorer import periods_for, resolve_metric, resolve_period, resolve_places
from dashboard.performance.model.series import (
    Comparison,
    change_sentence,
    comparison_for,
    comparison_sentence,
    headline_sentence,
    latest,
    period_lengths_note,
    period_months,
    published_rank,
    rank_forces,
    ranking_lead,
    ranking_sentence,
    ranking_table,
    shape_points,
    undated_note,
)
from queries import run_query


@pytest.fixture
def metrics(use_monthly_db) -> pd.DataFrame:
    return run_query("metrics").set_index("metric_id", drop=False)


def points_for(force_id: str, metric_id: str, peers: tuple[str, ...] = ()) -> pd.DataFrame:
    places = [force_id, *peers, "england-and-wales", "united-kingdom"]
    series = run_query("metric_series", force_ids=places, metric_ids=[metric_id])
    return shape_points(series, metric_id, force_id, peers)


def test_peers_are_the_published_group_where_there_is_one(use_monthly_db):
    comparison = comparison_for("hertfordshire", run_query("forces"), run_query("peer_groups", force_id="hertfordshire"))
    assert comparison.peer_ids == ("essex", "kent")
    assert comparison.peer_label == "Most similar forces"
    assert comparison.place_ids == ["hertfordshire", "essex", "kent", "england-and-wales", "united-kingdom"]


def test_without_a_published_group_the_peers_are_the_region(use_monthly_db):
    comparison = comparison_for("essex", run_query("forces"), run_query("peer_groups", force_id="essex"))
    assert comparison.peer_ids == ("hertfordshire",)
    assert comparison.peer_label == "Other forces in the East of England"
    assert "no published most similar group for Essex" in comparison.basis
    assert comparison == Comparison(
        "essex",
        "Essex",
        ("hertfordshire",),
        {"hertfordshire": "Hertfordshire"},
        "Other forces in the East of England",
        "We hold no published most similar group for Essex, so it is compared with the other forces in the East of "
        "England: Hertfordshire.",
    )
    alone = comparison_for("kent", run_query("forces"), run_query("peer_groups", force_id="kent"))
    assert alone == Comparison(
        "kent", "Kent", (), {}, "Peer forces", "We hold no most similar group for Kent, and no other force in the South East."
    )


def test_the_published_group_is_named_in_the_sentence_saying_who_the_force_is_compared_with(use_monthly_db):
    comparison = comparison_for("hertfordshire", run_query("forces"), run_query("peer_groups", force_id="hertfordshire"))
    assert comparison.basis == "Hertfordshire is compared with its test peer group: Essex and Kent."
    assert comparison.peer_names == {"essex": "Essex", "kent": "Kent"}


def test_a_force_with_no_group_and_no_region_is_compared_with_nobody_and_says_so():
    forces = pd.DataFrame(
        {"force_id": ["a", "b"], "short_name": ["Aforce", "Bforce"], "region": [None, None]}
    )  # fmt: skip
    assert comparison_for("a", forces, pd.DataFrame()) == Comparison(
        "a", "Aforce", (), {}, "Peer forces", "We hold no peer group or region for Aforce."
    )


def test_welsh_and_london_forces_are_compared_with_their_neighbours_in_wales_and_london_without_the():
    forces = pd.DataFrame(
        {
            "force_id": ["gwent", "south-wales", "met", "city", "kent", "sussex"],
            "short_name": ["Gwent", "South Wales", "Met", "City", "Kent", "Sussex"],
            "region": ["Wales", "Wales", "London", "London", "South East", "South East"],
        }
    )
    assert comparison_for("gwent", forces, pd.DataFrame()).peer_label == "Other forces in Wales"
    assert comparison_for("met", forces, pd.DataFrame()).basis.endswith("the other forces in London: City.")
    assert comparison_for("kent", forces, pd.DataFrame()).peer_label == "Other forces in the South East"


def test_points_carry_their_role_period_length_and_tier(use_monthly_db):
    points = points_for("hertfordshire", "pct_999_answered_10s", ("essex", "kent")).set_index(["force_id", "period_label"])
    assert points.loc[("hertfordshire", "April 2024"), "role"] == "chosen"
    assert points.loc[("hertfordshire", "April 2024"), "months"] == 1
    assert points.loc[("hertfordshire", "April 2024"), "tier_label"] == "second-hand source"
    assert points.loc[("essex", "November 2023"), "role"] == "peer"
    assert points.loc[("england-and-wales", "November 2023"), "role"] == "england_and_wales"
    assert pd.isna(points.loc[("kent", "Period not stated"), "plotted_at"])


def test_the_headline_sentence_reads_like_the_pcc_would_say_it(metrics):
    points = points_for("hertfordshire", "pct_999_answered_10s")
    april = points[points["period_label"] == "April 2024"].iloc[0]
    assert headline_sentence("Hertfordshire", metrics.loc["pct_999_answered_10s"], april) == (
        "In April 2024 Hertfordshire answered 85.0% of 999 calls within 10 seconds, below the 90% standard. "
        "This figure is second-hand: Test Gazette reported it."
    )
    november = points[points["period_label"] == "November 2023"].iloc[0]
    assert "(800 of 1,000)" in headline_sentence("Hertfordshire", metrics.loc["pct_999_answered_10s"], november)


def test_an_estimate_carries_its_margin_of_error_and_its_source_described_period(metrics):
    point = points_for("hertfordshire", "crime_recording_rate_pct").iloc[0]
    sentence = headline_sentence("Hertfordshire", metrics.loc["crime_recording_rate_pct"], point)
    assert sentence == (
        "From December 2023 to June 2024 the inspectorate estimated that Hertfordshire recorded 82.0% of the crimes it "
        "should have, an estimate with a margin of error of ±1.5 percentage points."
    )


def test_a_change_is_shown_with_the_figures_and_counts_on_both_sides(metrics):
    points = points_for("hertfordshire", "pct_999_answered_10s")
    chosen = points[points["role"] == "chosen"]
    assert change_sentence(chosen, metrics.loc["pct_999_answered_10s"]) == (
        "85.0% in April 2024 (counts not published) vs 80.0% in November 2023 (800 of 1,000): up 5.0 percentage points."
    )


def test_counts_are_compared_only_across_periods_of_the_same_length(metrics):
    points = points_for("kent", "calls_999")
    assert change_sentence(points, metrics.loc["calls_999"]) == (
        "11,000 calls in November 2023 vs 10,000 calls in November 2022: up 1,000 calls (10.0% higher)."
    )


def test_the_comparison_names_england_and_wales_and_the_peer_range_for_the_same_period(use_monthly_db, metrics):
    comparison = comparison_for("hertfordshire", run_query("forces"), run_query("peer_groups", force_id="hertfordshire"))
    series = run_query("metric_series", force_ids=comparison.place_ids, metric_ids=["pct_999_answered_10s"])
    points = shape_points(series, "pct_999_answered_10s", "hertfordshire", comparison.peer_ids)
    assert comparison_sentence(points, metrics.loc["pct_999_answered_10s"], comparison) == (
        "For November 2023, Hertfordshire: 80.0%; England and Wales: 88.0%; "
        "2 of 2 most similar forces: from 87.0% (Kent) to 91.0% (Essex)."
    )


def test_mixed_period_lengths_and_undated_figures_are_said_out_loud(use_monthly_db):
    points = points_for("kent", "pct_999_answered_10s")
    assert period_lengths_note(points) is None  # every dated Kent figure is one month
    assert undated_note(points, "percent") == (
        "Not drawn, because no period was stated: Kent 80.0% (Period not stated). They are in the table."
    )
    mixed = pd.concat([points, points_for("hertfordshire", "crime_recording_rate_pct")])
    assert "different lengths (one month and 7 months)" in period_lengths_note(mixed)


def test_the_time_chart_joins_only_consecutive_months_and_never_across_a_gap(metrics):
    points = points_for("kent", "pct_999_answered_10s")
    figure = time_chart(points, metrics.loc["pct_999_answered_10s"])
    lines = [t for t in figure.data if t.mode == "lines" and t.legendgroup == "Kent"]
    assert len(lines) == 1
    xs = list(lines[0].x)
    # June 2023 then a break (None) then August 2023: July is missing.
    gap = xs.index(None)
    assert pd.Timestamp(xs[gap - 1]).month == 6 and pd.Timestamp(xs[gap + 1]).month == 8
    assert xs.count(None) == 1
    sparse = time_chart(points_for("hertfordshire", "pct_999_answered_10s"), metrics.loc["pct_999_answered_10s"])
    # Hertfordshire's November 2023 and April 2024 are not consecutive months, so nothing joins them.
    assert not [t for t in sparse.data if t.mode == "lines" and t.legendgroup == "Hertfordshire"]


def test_second_hand_figures_are_hollow_and_named_in_the_legend(metrics):
    figure = time_chart(points_for("hertfordshire", "pct_999_answered_10s"), metrics.loc["pct_999_answered_10s"])
    chosen = [t for t in figure.data if t.name and t.name.startswith("Hertfordshire")]
    # Wrapped with <br> so that the entry fits a phone's width.
    assert [t.name.replace("<br>", " ") for t in chosen] == ["Hertfordshire · second-hand source (hollow)"]
    assert chosen[0].marker.symbol == "circle-open"
    assert list(chosen[0].text) == ["80.0%<br>Nov 2023", "85.0%<br>Apr 2024"]
    assert any(shape.y0 == 90 for shape in figure.layout.shapes)  # the 90% standard


def test_short_period_labels_keep_the_period():
    assert short_period("Year to March 2023") == "Yr to Mar 2023"
    assert short_period("November 2021 to April 2022") == "Nov 2021–Apr 2022"
    assert short_period("12 months to October 2024") == "12 mo to Oct 2024"


def test_the_ranking_leaves_out_places_that_are_not_england_and_wales_forces(use_monthly_db, metrics):
    places = run_query("places")
    series = run_query("metric_series", force_ids=places["force_id"].tolist(), metric_ids=["pct_999_answered_10s"])
    november = series[series["period_label"] == "November 2023"]
    ranking = rank_forces(november, run_query("forces"), "hertfordshire", True)
    assert ranking.ranked["place_short_name"].tolist() == ["Essex", "Kent", "Hertfordshire"]
    assert ranking.ranked["rank_text"].tolist() == ["1st", "2nd", "3rd"]
    assert ranking.not_ranked["force_id"].tolist() == ["england-and-wales"]
    sentence = ranking_sentence(ranking, metrics.loc["pct_999_answered_10s"], "Hertfordshire", "November 2023")
    assert sentence.startswith("For November 2023, Hertfordshire (80.0%) ranks 3rd of the 3 England and Wales forces")
    assert "England and Wales (88.0%) is not ranked: it is not a force." in sentence
    assert sentence.endswith(" Some figures are second-hand; the table says which.")  # Kent's is primary
    figure = ranking_chart(ranking.ranked, metrics.loc["pct_999_answered_10s"])
    bar = figure.data[0]
    assert list(bar.y)[0] == "▶ Hertfordshire (your force)"  # drawn bottom-up, so the last-ranked comes first
    assert list(bar.marker.pattern.shape) == ["/", "", ""]
    # Kent's synthetic monthly figure is primary, the others second-hand, so the bars say which is which.
    assert list(bar.text) == ["80.0% · second-hand", "87.0%", "91.0% · second-hand"]


def test_equal_values_share_a_rank_and_lower_can_be_better():
    values = pd.DataFrame(
        {
            "force_id": ["a", "b", "c", "scotland"],
            "place_short_name": ["A", "B", "C", "Police Scotland"],
            "place_kind": ["force", "force", "force", "outside_england_and_wales"],
            "value": [7.0, 7.0, 30.0, 10.0],
            "source_tier": ["primary"] * 4,
            "note": [None, "table (rank 4)", None, None],
            "numerator": [None] * 4,
            "denominator": [None] * 4,
            "period_label": ["2022"] * 4,
            "source_publisher": ["P"] * 4,
            "source_title": ["T"] * 4,
        }
    )
    forces = pd.DataFrame({"force_id": ["a", "b", "c", "d"], "short_name": ["A", "B", "C", "D"]})
    ranking = rank_forces(values, forces, "c", higher_is_better=False)
    assert ranking.ranked["rank_text"].tolist() == ["joint 1st", "joint 1st", "3rd"]
    assert ranking.missing == ["D"]
    table = ranking_table(ranking, "seconds")
    assert table["Force"].tolist() == ["A", "B", "C (your force)"]
    assert table["Rank in the source's table"].tolist()[1] == 4


def test_a_published_rank_is_read_from_the_curated_note():
    assert published_rank("Radaris analysis … (third-party; rank 33)") == 33
    assert published_rank("no rank here") is None
    assert published_rank(None) is None


def test_the_address_falls_back_politely(use_monthly_db):
    coverage = run_query("metric_coverage")
    places = run_query("places")
    assert resolve_metric("calls_999", coverage).value == "calls_999"
    assert resolve_metric("Number of 999 calls", coverage).value == "calls_999"
    bad = resolve_metric("<script>", coverage)
    assert bad.value == "pct_999_answered_10s"
    assert bad.notice == ("We could not find a measure called “script”, so we are showing 999 calls answered within 10 seconds.")
    chosen = resolve_places(["Herts,kent", "nowhere"], places, ["essex"])
    assert chosen.value == ("hertfordshire", "kent")
    assert "“nowhere”" in chosen.notice
    assert resolve_places([], places, ["essex"]).value == ("essex",)
    assert resolve_places(["x" * 500], places, ["essex"]).value == ("essex",)
    series = run_query("metric_series", force_ids=places["force_id"].tolist(), metric_ids=["pct_999_answered_10s"])
    periods = periods_for(series)
    assert resolve_period(None, periods).value == "November 2023"  # the period most forces have a figure for
    assert resolve_period("APRIL 2024", periods).value == "April 2024"
    unknown = resolve_period("1999", periods)
    assert unknown.value == "November 2023"
    assert "“1999”" in unknown.notice


def test_the_control_chart_sentence_gives_the_months_limits_unusual_months_and_the_standard(use_monthly_db, metrics):
    from dashboard.performance.views import control_view

    points = points_for("kent", "pct_999_answered_10s")
    control = control_view(points[points["force_id"] == "kent"], metrics.loc["pct_999_answered_10s"], "Kent")
    assert control.reason is None
    assert control.summary == (
        "Over 14 months from January 2023 to March 2024, Kent's monthly figure averaged 84.6%; normal month-to-month "
        "variation runs from 74.8% to 94.3% (the control limits). 1 month is missing; the chart breaks there. 1 month "
        "shows special-cause variation: December 2023 (concern: outside the control limits). Against the standard: hit "
        "and miss: the standard lies inside the control limits, so some months will meet it and some will not."
    )
    assert control.table.iloc[1][["Month", "Value", "Moving range"]].tolist() == ["February 2023", "86.0%", 2.0]


def test_figure_cards_come_newest_first_and_name_their_source_second_hand_ones_marked(use_monthly_db, metrics):
    from dashboard.performance.views import point_cards

    kent = points_for("kent", "pct_999_answered_10s")
    cards = point_cards(kent[kent["force_id"] == "kent"].head(2), "percent", date(2025, 1, 1))
    assert [(card.value, card.period) for card in cards] == [("86.0%", "February 2023"), ("84.0%", "January 2023")]
    assert cards[0].small_print.startswith("Source: [Test Inspectorate: test inspection report](https://example.org/report)")
    herts = points_for("hertfordshire", "pct_999_answered_10s")
    (second_hand, *_) = point_cards(herts[herts["force_id"] == "hertfordshire"], "percent", date(2025, 1, 1))
    assert second_hand.small_print.startswith("⚠️ **Second-hand:** Source: [Test Gazette")


def _metric_view(force_id: str, metric_id: str, metrics: pd.DataFrame):
    from dashboard.performance.views import metric_view

    comparison = comparison_for(force_id, run_query("forces"), run_query("peer_groups", force_id=force_id))
    observations = run_query("metric_series", force_ids=comparison.place_ids, metric_ids=[metric_id])
    return metric_view(observations, metrics.loc[metric_id], comparison, date(2025, 1, 1))


def test_a_measure_section_says_its_standard_what_is_not_known_and_counts_only_the_chosen_force(use_monthly_db, metrics):
    kent = _metric_view("kent", "pct_999_answered_10s", metrics)
    assert kent.definition.endswith("answered within 10 seconds. Standard: 90% within 10 s")
    assert (kent.not_known, kent.no_chosen_note, kent.is_count) == (None, None, False)
    assert kent.figure is not None and kent.cards == () and len(kent.table) == 18
    assert list(kent.table.columns) == [
        "Place", "Period", "Period length", "Value", "Margin of error (± points)", "Counts", "Kind of source", "Source", "Note",
    ]  # fmt: skip
    assert kent.control.summary.startswith("Over 14 months from January 2023 to March 2024, Kent's monthly figure")
    assert kent.notes == ("Not drawn, because no period was stated: Kent 80.0% (Period not stated). They are in the table.",)
    counts = _metric_view("kent", "calls_999", metrics)
    assert counts.definition == "Count of 999 calls" and counts.is_count is True
    assert len(counts.table) == 2 and len(counts.cards) == 2  # Kent's own two figures, no other force's
    nothing = _metric_view("kent", "crime_recording_rate_pct", metrics)
    assert nothing.not_known == (
        "**Not known for Kent:** we hold no published figure for this measure, nor for England and Wales or its peers."
    )
    assert _metric_view("essex", "calls_999", metrics).not_known == (
        "**Not known for Essex:** we hold no published figure for this measure."
    )
    others_only = _metric_view("essex", "crime_recording_rate_pct", metrics)
    assert others_only.not_known is None
    assert others_only.no_chosen_note == (
        "**Not known for Essex:** we hold no published figure for this measure. "
        "The table below lists what we hold for the places it is compared with."
    )
    assert others_only.control.reason == "These figures are not a monthly series, so no control limits are drawn."


def test_a_change_says_down_and_whether_two_margins_of_error_overlap(use_monthly_db, metrics):
    calls = points_for("kent", "calls_999")
    calls = calls[calls["role"] == "chosen"].assign(value=[11000.0, 10000.0])
    assert change_sentence(calls, metrics.loc["calls_999"]) == (
        "10,000 calls in November 2023 vs 11,000 calls in November 2022: down 1,000 calls (9.1% lower)."
    )
    herts = points_for("hertfordshire", "pct_999_answered_10s")
    herts = herts[herts["role"] == "chosen"].assign(value=[85.0, 80.0])
    metric = metrics.loc["pct_999_answered_10s"]
    assert change_sentence(herts.assign(ci_half_width=[1.0, 1.5]), metric) == (
        "80.0% in April 2024 (counts not published, ±1.5) vs 85.0% in November 2023 (800 of 1,000, ±1): down 5.0 "
        "percentage points. The two estimates' margins of error do not overlap."
    )
    assert change_sentence(herts.assign(ci_half_width=[3.0, 3.0]), metric).endswith(
        " The two estimates' margins of error overlap, so the change may be chance."
    )
    assert change_sentence(herts.assign(ci_half_width=[None, 2.0]), metric).endswith(
        " Only one of the two estimates has a published margin of error, so we cannot say whether the change is more than chance."
    )


def test_one_peer_is_named_with_its_figure_and_an_overlapping_earlier_figure_is_never_a_change(use_monthly_db, metrics):
    metric = metrics.loc["pct_999_answered_10s"]
    places = ["hertfordshire", "essex", "england-and-wales", "united-kingdom"]
    series = run_query("metric_series", force_ids=places, metric_ids=["pct_999_answered_10s"])
    points = shape_points(series, "pct_999_answered_10s", "hertfordshire", ("essex",))
    one_peer = Comparison("hertfordshire", "Hertfordshire", ("essex",), {"essex": "Essex"}, "Most similar forces")
    assert comparison_sentence(points, metric, one_peer) == (
        "For November 2023, Hertfordshire: 80.0%; England and Wales: 88.0%; 1 of 1 most similar forces: Essex 91.0%."
    )
    chosen = points[points["role"] == "chosen"].copy()
    # April's figure now starts on 15 November 2023, before November's ends: the two share days, so no change is given.
    chosen.loc[chosen["period_label"] == "April 2024", "period_start"] = pd.Timestamp("2023-11-15")
    assert change_sentence(chosen, metric) is None


def test_how_far_apart_two_periods_end_is_said_in_months_or_years_or_the_same_month():
    from dashboard.performance.model.series import how_far_apart

    april = pd.Series({"period_start": pd.Timestamp("2024-04-01"), "period_end": pd.Timestamp("2024-04-30")})
    words = [
        how_far_apart(april, pd.Series({"period_start": pd.Timestamp("2022-01-01"), "period_end": pd.Timestamp(end)}))
        for end in ("2024-04-20", "2024-03-31", "2022-03-31", "2024-06-30")
    ]
    assert words == ["in the same month", "1 month earlier", "two years earlier", "2 months later"]


def test_cards_of_different_period_lengths_say_so_without_describing_a_chart(use_monthly_db, metrics):
    from dashboard.performance.views import metric_view

    comparison = comparison_for("hertfordshire", run_query("forces"), run_query("peer_groups", force_id="hertfordshire"))
    observations = run_query("metric_series", force_ids=["hertfordshire"], metric_ids=["pct_999_answered_10s"])
    observations.loc[0, "period_start"] = pd.Timestamp("2023-06-01")  # six months to November 2023, then April 2024
    view = metric_view(observations, metrics.loc["pct_999_answered_10s"], comparison, date(2025, 1, 1))
    assert view.figure is None and len(view.cards) == 2
    assert view.notes == (
        "These figures cover periods of different lengths (one month and 6 months). Figures for periods of different "
        "lengths are not directly comparable.",
    )


def test_period_lengths_are_words_and_a_ranking_without_the_force_says_how_many_it_holds(use_monthly_db, metrics):
    from dashboard.performance.model.series import length_words

    assert [length_words(m) for m in (None, 1, 12, 6)] == ["a period not stated in full", "one month", "12 months", "6 months"]
    series = run_query("metric_series", force_ids=["essex", "kent"], metric_ids=["pct_999_answered_10s"])
    november = series[series["period_label"] == "November 2023"]
    ranking = rank_forces(november, run_query("forces"), "hertfordshire", True)
    sentence = ranking_sentence(ranking, metrics.loc["pct_999_answered_10s"], "Hertfordshire", "November 2023")
    assert sentence.startswith("We hold figures for 2 England and Wales forces for November 2023, but none for Hertfordshire.")


def test_a_measures_table_lists_its_peers_and_its_download_is_named_for_the_force_and_measure(use_fixture_db):
    from dashboard.performance.views import theme_view

    view = theme_view("hertfordshire", ("pct_999_answered_10s",), date(2025, 8, 1)).sections[0].view
    assert view.file_name == "hertfordshire-pct_999_answered_10s.csv"
    assert list(view.table["Place"]) == ["Hertfordshire", "Hertfordshire", "England and Wales", "Essex"]
    assert "; 1 of 2 most similar forces: Essex 91.0%." in view.summary  # Essex compared as a peer, not a chosen extra


def test_the_control_limits_note_names_each_charted_series_too_short_for_them_once_per_page():
    from types import SimpleNamespace

    from dashboard.performance.views import ThemeView, control_limits_note

    def section(name, figure=True, reason="too few", monthly=5, control=True):
        limits = SimpleNamespace(reason=reason, monthly=monthly) if control else None
        return SimpleNamespace(name=name, view=SimpleNamespace(figure=object() if figure else None, control=limits))

    kent = SimpleNamespace(force_name="Kent Police")
    theme = ThemeView(
        kent,
        (
            section("Calls"),
            section("Cards only", figure=False, monthly=2),  # shown as cards: control limits never in question
            section("No control view", control=False),
            section("Limits drawn", reason=None, monthly=24),
            section("No monthly figure", monthly=0),
            section("One month", monthly=1),
        ),
        lead="",
    )
    assert control_limits_note(theme) == (
        "**Control limits** (whether a month is unusual, not just normal variation) need at least 12 monthly figures. "
        "We hold fewer for Kent Police, so none are drawn for: Calls (5 monthly figures); One month (1 monthly figure)."
    )
    assert control_limits_note(ThemeView(kent, theme.sections[1:5], lead="")) is None


def test_hertfordshires_999_chart_draws_its_most_similar_forces_as_one_group(use_real_db):
    from dashboard.performance.views import theme_view

    view = theme_view("hertfordshire", ("pct_999_answered_10s",), date(2025, 8, 1)).sections[0].view
    names = {trace.name.split(" · ")[0] for trace in view.figure.data}
    assert "Most similar forces" in names
    assert not names & {"Surrey", "Sussex", "Staffordshire", "Leicestershire"}  # not one line per peer


def test_hertfordshires_three_dated_999_figures_make_a_chart_with_its_notes_sources_and_download(use_real_db):
    from dashboard.performance.views import MIN_CHART_POINTS, theme_view

    view = theme_view("hertfordshire", ("pct_999_answered_10s",), date(2025, 8, 1)).sections[0].view
    assert MIN_CHART_POINTS == 3 and view.figure is not None and view.cards == ()  # exactly three: a chart
    assert view.file_name == "hertfordshire-pct_999_answered_10s.csv"
    assert view.notes[0] == (
        "These figures cover periods of different lengths (one month, 6 months and 12 months). Each point is drawn at "
        "the end of its period and labelled with it; figures for periods of different lengths are not directly comparable."
    )
    assert view.sources.startswith("⚠️ Sources: [Northampton Chronicle & Echo: ")


def test_a_measure_with_no_figure_anywhere_still_says_what_it_measures(use_fixture_db):
    from dashboard.performance.views import theme_view

    view = theme_view("kent", ("crime_recording_rate_pct",), date(2025, 8, 1)).sections[0].view
    assert view.definition == "Share of crimes recorded"
    assert view.not_known == (
        "**Not known for Kent:** we hold no published figure for this measure, nor for England and Wales or its peers."
    )


def test_the_explorer_view_is_the_chosen_force_measure_and_places(use_real_db):
    from dashboard.performance.views import explorer_view

    view = explorer_view("hertfordshire", "Hertfordshire", "pct_999_answered_10s", ("hertfordshire", "essex"), None)
    assert view.time_summary.startswith("In April 2024 Hertfordshire answered 87.4% of 999 calls within 10 seconds")
    assert view.time_file_name == "pct_999_answered_10s-over-time.csv" and not view.is_count
    assert set(view.time_table["Place"]) == {"Hertfordshire", "Essex"}


def test_the_explorer_ranks_the_chosen_force_by_the_name_it_is_given_in_the_period_asked(use_real_db):
    from dashboard.performance.views import explorer_view

    view = explorer_view("hertfordshire", "Herts", "pct_999_answered_10s", ("hertfordshire", "essex"), "November 2023")
    assert view.lead == (
        "**999 calls answered within 10 seconds, November 2023:** Herts 83.3%, 31st of 31 England and Wales forces "
        "with a figure, ranked best first (highest)."
    )
    assert view.ranking_summary.startswith("For November 2023, Herts (83.3%) ranks 31st of the 31 England and Wales forces")


def test_a_control_chart_names_its_place_its_columns_and_judges_the_standard_in_the_measures_direction(use_monthly_db, metrics):
    from dashboard.performance.views import ControlView, control_view, point_cards

    points = points_for("kent", "pct_999_answered_10s")
    kent = points[points["force_id"] == "kent"]
    metric = metrics.loc["pct_999_answered_10s"]
    control = control_view(kent, metric, "Kent")
    assert list(control.table.columns) == ["Month", "Value", "Moving range", "Variation", "Why"]
    assert control.monthly == 14
    assert "Kent" in str(control.figure.to_dict())
    met = metric.copy()
    met["standard_value"] = 70.0  # below the lower control limit
    assert control_view(kent, met, "Kent").summary.endswith(
        "Against the standard: consistently meeting the standard: even the low end of normal variation meets it."
    )
    met["higher_is_better"] = None  # no direction: no judgement against the standard
    assert control_view(kent, met, "Kent").summary.endswith("(unusually low: outside the control limits).")
    assert control_view(kent.head(5), metric, "Kent") == ControlView(
        "We hold 5 monthly figures; control limits need at least 12 months, so none are drawn and no month is called unusual.",
        monthly=5,
    )
    twice = control_view(pd.concat([kent, kent.head(1)]), metric, "Kent")  # a month held twice: the reason in words
    assert (twice.reason, twice.monthly) == ("each month may appear only once in a control chart", 15)
    assert point_cards(kent.head(1), "percent", date(2027, 1, 1))[0].period == "January 2023 — over 3 years old"


def ranking_values(*rows) -> pd.DataFrame:
    columns = ["force_id", "place_short_name", "place_kind", "value", "source_tier", "note", "numerator", "denominator"]
    return pd.DataFrame(list(rows), columns=columns).assign(period_label="2022", source_publisher="P", source_title="T")


RANKED = ranking_values(
    ("b", "B", "force", 7.0, "primary", "table (rank 4)", 7, 100),
    ("a", "A", "force", 7.0, "secondary", None, None, None),
    ("c", "C", "force", 30.0, "primary", "table (rank 3)", None, None),
    ("scotland", "Police Scotland", "outside_england_and_wales", 10.0, "primary", None, None, None),
    ("england-and-wales", "England and Wales", "country", 12.0, "primary", None, None, None),
)
FIVE_FORCES = pd.DataFrame({"force_id": ["a", "b", "c", "d", "e"], "short_name": ["A", "B", "C", "D", "E"]})
ANSWER_TIME = pd.Series({"name": "Average answer time", "unit": "seconds", "higher_is_better": False})


@pytest.mark.parametrize(
    ("higher_is_better", "order", "words"),
    [
        (False, [("A", "joint 1st"), ("B", "joint 1st"), ("C", "3rd")], "best first (lowest)"),
        (True, [("C", "1st"), ("A", "joint 2nd"), ("B", "joint 2nd")], "best first (highest)"),
        (
            None,
            [("C", "1st"), ("A", "joint 2nd"), ("B", "joint 2nd")],
            "highest first (for this measure neither higher nor lower is better)",
        ),
        (
            float("nan"),
            [("C", "1st"), ("A", "joint 2nd"), ("B", "joint 2nd")],
            "highest first (for this measure neither higher nor lower is better)",
        ),
    ],
)
def test_a_ranking_orders_forces_best_first_in_the_measures_direction_and_says_so(higher_is_better, order, words):
    ranking = rank_forces(RANKED, FIVE_FORCES, "c", higher_is_better)
    assert list(zip(ranking.ranked["place_short_name"], ranking.ranked["rank_text"])) == order
    assert ranking.ranked["is_chosen"].tolist() == [name == "C" for name, _ in order]
    assert ranking.order_words == words
    assert ranking.missing == ["D", "E"]
    assert ranking.not_ranked["place_short_name"].tolist() == ["Police Scotland", "England and Wales"]


def test_a_ranking_reads_word_for_word_with_the_force_in_it_left_out_of_it_and_alone():
    ranking = rank_forces(RANKED, FIVE_FORCES, "c", False)
    assert ranking_sentence(ranking, ANSWER_TIME, "Cee", "2022") == (
        "For 2022, Cee (30.0 seconds) ranks 3rd of the 3 England and Wales forces we hold a figure for, ordered best first "
        "(lowest). The range runs from 7.0 seconds (A) to 30.0 seconds (C). 2 of the 43 forces have no figure for this "
        "period in the data we hold. Police Scotland (10.0 seconds) is not ranked: it is not an England and Wales force. "
        "England and Wales (12.0 seconds) is not ranked: it is not a force. Some figures are second-hand; the table says which."
    )
    assert ranking_lead(ranking, ANSWER_TIME, "Cee", "2022") == (
        "**Average answer time, 2022:** Cee 30.0 seconds, 3rd of 3 England and Wales forces with a figure, ranked best "
        "first (lowest)."
    )
    table = ranking_table(ranking, "seconds")
    assert table.astype(object).where(table.notna(), None).to_dict("records") == [
        {
            "Rank": "joint 1st",
            "Force": "A",
            "Value": "7.0 seconds",
            "Counts": "not published",
            "Period": "2022",
            "Rank in the source's table": None,
            "Kind of source": "second-hand source",
            "Source": "P: T",
            "Note": None,
        },
        {
            "Rank": "joint 1st",
            "Force": "B",
            "Value": "7.0 seconds",
            "Counts": "7 of 100",
            "Period": "2022",
            "Rank in the source's table": 4,
            "Kind of source": "primary source",
            "Source": "P: T",
            "Note": "table (rank 4)",
        },
        {
            "Rank": "3rd",
            "Force": "C (your force)",
            "Value": "30.0 seconds",
            "Counts": "not published",
            "Period": "2022",
            "Rank in the source's table": 3,
            "Kind of source": "primary source",
            "Source": "P: T",
            "Note": "table (rank 3)",
        },
    ]
    left_out = rank_forces(RANKED, FIVE_FORCES, "e", False)
    assert ranking_sentence(left_out, ANSWER_TIME, "Eee", "2022").startswith(
        "We hold figures for 3 England and Wales forces for 2022, but none for Eee. The range runs from 7.0 seconds (A)"
    )
    assert ranking_lead(left_out, ANSWER_TIME, "Eee", "2022") == (
        "**Average answer time, 2022:** no figure held for Eee; 3 England and Wales forces have one."
    )
    only_scotland = rank_forces(RANKED.iloc[[3]], FIVE_FORCES, "e", False)
    assert ranking_sentence(only_scotland, ANSWER_TIME, "Eee", "2022") == (
        "We hold no figure for any England and Wales force for 2022. 5 of the 43 forces have no figure for this period in "
        "the data we hold. Police Scotland (10.0 seconds) is not ranked: it is not an England and Wales force."
    )
    assert ranking_lead(only_scotland, ANSWER_TIME, "Eee", "2022") == (
        "**Average answer time, 2022:** no figure held for Eee; no England and Wales force has one."
    )
    assert (
        ranking_lead(None, ANSWER_TIME, "Eee", None)
        == "**Average answer time:** we hold no figures on this measure for any period."
    )
    assert ranking_lead(only_scotland, ANSWER_TIME, "Eee", None) == ranking_lead(None, ANSWER_TIME, "Eee", None)


def test_a_force_ranked_alone_is_called_the_only_one_with_its_source_rank_and_counts_caveat():
    calls = pd.Series({"name": "Number of 999 calls", "unit": "calls", "higher_is_better": None})
    alone = rank_forces(RANKED.iloc[[0, 3]].assign(source_tier="secondary"), FIVE_FORCES, "b", None)
    assert ranking_sentence(alone, calls, "Bee", "2022") == (
        "For 2022, Bee (7 calls) is the only England and Wales force we hold a figure for. The source's own table put Bee "
        "4th: its ranks also count places we do not rank here (such as Police Scotland) or hold no figure for. 4 of the 43 "
        "forces have no figure for this period in the data we hold. Police Scotland (10 calls) is not ranked: it is not an "
        "England and Wales force. Every figure in this ranking is second-hand. These are counts, not rates: bigger forces "
        "have bigger numbers."
    )
    assert (
        ranking_lead(alone, calls, "Bee", "2022")
        == "**Number of 999 calls, 2022:** Bee 7 calls, the only England and Wales force with a figure."
    )
    one_other = rank_forces(RANKED.iloc[[0]], FIVE_FORCES, "e", None)
    assert ranking_lead(one_other, calls, "Eee", "2022") == (
        "**Number of 999 calls, 2022:** no figure held for Eee; 1 England and Wales force has one."
    )
    assert ranking_sentence(one_other, calls, "Eee", "2022").startswith(
        "We hold figures for 1 England and Wales force for 2022, but none for Eee. 4 of the 43 forces"
    )
    # The source's own rank is mentioned only where it differs from ours.
    same_rank = rank_forces(RANKED.iloc[[0]].assign(note="table (rank 1)"), FIVE_FORCES, "b", None)
    assert "The source's own table" not in ranking_sentence(same_rank, calls, "Bee", "2022")


def test_ordinals_read_as_english_ones_do():
    from dashboard.performance.model.series import ordinal

    numbers = (1, 2, 3, 4, 10, 11, 12, 13, 14, 20, 21, 22, 23, 24, 100, 101, 111, 112, 113, 121)
    assert [ordinal(n) for n in numbers] == [
        "1st", "2nd", "3rd", "4th", "10th", "11th", "12th", "13th", "14th", "20th",
        "21st", "22nd", "23rd", "24th", "100th", "101st", "111th", "112th", "113th", "121st",
    ]  # fmt: skip


def test_the_explorer_compares_the_force_with_the_other_forces_picked_only():
    from dashboard.performance.model.series import Comparison, comparison_of_selection

    places = pd.DataFrame(
        {
            "force_id": ["hertfordshire", "essex", "kent", "england-and-wales", "scotland"],
            "short_name": ["Hertfordshire", "Essex", "Kent", "England and Wales", "Police Scotland"],
            "kind": ["force", "force", "force", "country", "outside_england_and_wales"],
        }
    )
    picked = ["kent", "hertfordshire", "england-and-wales", "scotland", "atlantis", "essex"]
    assert comparison_of_selection("hertfordshire", places, picked) == Comparison(
        "hertfordshire",
        "Hertfordshire",
        ("kent", "essex"),  # in the order picked; itself, places that are not forces and unknown ids left out
        {"kent": "Kent", "essex": "Essex"},
        "Other forces chosen",
        "",
    )
    assert comparison_of_selection("essex", places, []).peer_ids == ()


def test_the_control_chart_sentence_reads_word_for_word_with_and_without_unusual_months():
    from types import SimpleNamespace

    from dashboard.performance.model.series import spc_sentence

    def result(special: list[tuple[str, str, str]], missing: int):
        months = pd.to_datetime(["2023-04-01", "2023-05-01", "2023-06-01", "2024-03-01"])
        flagged = {pd.Timestamp(day): (kind, reason) for day, kind, reason in special}
        points = pd.DataFrame(
            {
                "period_start": months[[3, 0, 1, 2]],  # in no particular order: the first and last month are found
                "special_cause": [m in flagged for m in months[[3, 0, 1, 2]]],
                "variation": [flagged.get(m, ("", ""))[0] for m in months[[3, 0, 1, 2]]],
                "reason": [flagged.get(m, ("", ""))[1] for m in months[[3, 0, 1, 2]]],
            }
        )
        return SimpleNamespace(points=points, mean=85.25, lower_limit=80.0, upper_limit=90.5, missing_months=missing)

    metric = pd.Series({"unit": "percent"})
    assert spc_sentence(result([], 0), metric, "Hertfordshire", None) == (
        "Over 4 months from April 2023 to March 2024, Hertfordshire's monthly figure averaged 85.2%; normal "
        "month-to-month variation runs from 80.0% to 90.5% (the control limits). No month shows special-cause "
        "variation: the changes are within normal variation."
    )
    one = spc_sentence(result([("2023-05-01", "low", "below the lower limit")], 1), metric, "Herts", "it hits and misses")
    assert one.endswith(
        "(the control limits). 1 month is missing; the chart breaks there. 1 month shows special-cause variation: May "
        "2023 (unusually low: below the lower limit). Against the standard: it hits and misses."
    )
    kinds = [
        ("2023-04-01", "improvement", "a run of 6"),
        ("2023-05-01", "concern", "a trend"),
        ("2023-06-01", "high", "above the upper limit"),
    ]
    several = spc_sentence(result(kinds, 8), metric, "Herts", "")
    assert several.endswith(
        "8 months are missing; the chart breaks there. 3 months show special-cause variation: April 2023 (improvement: a "
        "run of 6); May 2023 (concern: a trend); June 2023 (unusually high: above the upper limit)."
    )


def dated_point(label, start, end, value, numerator=None, denominator=None, ci=None) -> dict:
    start, end = (pd.Timestamp(start) if start else pd.NaT), (pd.Timestamp(end) if end else pd.NaT)
    return {
        "period_label": label,
        "period_start": start,
        "period_end": end,
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
        "ci_half_width": ci,
        "months": period_months(start, end),
        "source_tier": "primary",
        "source_publisher": "P",
    }


def change_of(*points: dict, unit: str = "percent") -> str | None:
    frame = pd.DataFrame(list(points))
    frame["months"] = pd.Series([p["months"] for p in points], dtype="object")  # as shape_points keeps it: None, not NaN
    return change_sentence(frame, pd.Series({"unit": unit}))


APRIL = dated_point("April 2024", "2024-04-01", "2024-04-30", 87.4, 12118, 14551)
NOVEMBER = dated_point("November 2023", "2023-11-01", "2023-11-30", 83.3)


def test_the_change_sentence_reads_word_for_word_up_down_and_unchanged():
    assert change_of(APRIL, NOVEMBER) == (
        "87.4% in April 2024 (12,118 of 14,551) vs 83.3% in November 2023 (counts not published): up 4.1 percentage points."
    )
    assert change_of(APRIL, {**NOVEMBER, "value": 87.4}).endswith(": no change.")
    assert change_of({**APRIL, "value": 83.8}, NOVEMBER).endswith(": up 0.5 percentage points.")
    assert change_of({**APRIL, "value": 82.8}, NOVEMBER).endswith(": down 0.5 percentage points.")
    year_2024 = dated_point("Year to March 2024", "2023-04-01", "2024-03-31", 52.5)
    year_2023 = dated_point("Year to March 2023", "2022-04-01", "2023-03-31", 52.0)
    assert change_of(year_2024, year_2023, unit="per 1,000 people") == (
        "52.5 per 1,000 people in the year to March 2024 vs 52.0 per 1,000 people in the year to March 2023: up 0.5 per "
        "1,000 people (1.0% higher)."
    )
    assert change_of({**year_2024, "value": 51.5}, year_2023, unit="per 1,000 people").endswith(
        ": down 0.5 per 1,000 people (1.0% lower)."
    )
    assert change_of({**year_2024, "value": 5.0}, {**year_2023, "value": 0.0}, unit="per 1,000 people").endswith(
        ": up 5.0 per 1,000 people."  # no share of nothing
    )
    assert change_of(APRIL, year_2023) == (
        "87.4% in April 2024 (12,118 of 14,551) vs 52.0% in the year to March 2023 (counts not published): up 35.4 "
        "percentage points. The two figures cover periods of different lengths (one month and 12 months)."
    )


def test_the_change_is_only_against_a_figure_that_ends_before_the_newest_begins():
    one_day_before = dated_point("31 March 2024", "2024-03-31", "2024-03-31", 80.0)
    assert change_of(APRIL, one_day_before).startswith("87.4% in April 2024 (12,118 of 14,551) vs 80.0% in 31 March 2024")
    assert change_of(APRIL, one_day_before).endswith("(one month and a period not stated in full).")
    assert change_of(APRIL, dated_point("1 April 2024", "2024-04-01", "2024-04-01", 80.0)) is None  # its first day
    end_only = dated_point("April 2024", None, "2024-04-30", 87.4)
    assert change_of(end_only, dated_point("29 April 2024", None, "2024-04-29", 80.0)) == (
        "87.4% in “April 2024” (counts not published) vs 80.0% in “29 April 2024” (counts not published): up 7.4 "
        "percentage points."
    )
    assert change_of(end_only, dated_point("30 April 2024", None, "2024-04-30", 80.0)) is None


def test_counts_are_set_beside_only_a_period_of_the_same_length():
    april = dated_point("April 2024", "2024-04-01", "2024-04-30", 1000)
    quarter = dated_point("Q4 2023", "2023-10-01", "2023-12-31", 2900)
    winter = dated_point("Winter", None, "2023-12-31", 900)  # its length is not stated
    assert change_of(april, quarter, winter, unit="calls") is None
    november = dated_point("November 2023", "2023-11-01", "2023-11-30", 950)
    assert change_of(april, quarter, winter, november, unit="calls") == (
        "1,000 calls in April 2024 vs 950 calls in November 2023: up 50 calls (5.3% higher)."
    )


ONLY_ONE_MARGIN = (
    " Only one of the two estimates has a published margin of error, so we cannot say whether the change is more than chance."
)


@pytest.mark.parametrize(
    ("newest_ci", "earlier_ci", "newest", "ending"),
    [
        (2.0, 1.5, 87.4, " The two estimates' margins of error do not overlap."),
        (2.0, 2.0, 86.5, " The two estimates' margins of error overlap, so the change may be chance."),  # exactly touching
        (2.0, None, 87.4, ONLY_ONE_MARGIN),
        (None, 2.0, 87.4, ONLY_ONE_MARGIN),
        (None, None, 87.4, " points."),
    ],
)
def test_a_change_between_estimates_says_whether_their_margins_of_error_overlap(newest_ci, earlier_ci, newest, ending):
    sentence = change_of(
        {**APRIL, "value": newest, "ci_half_width": newest_ci}, {**NOVEMBER, "value": 82.5, "ci_half_width": earlier_ci}
    )
    assert sentence.endswith(ending)
    if newest_ci:
        assert f"(12,118 of 14,551, ±{newest_ci:g})" in sentence


@pytest.mark.parametrize(
    ("label", "start", "end", "phrase", "lower"),
    [
        ("April 2024", "2024-04-01", "2024-04-30", "In April 2024", "April 2024"),
        ("2023", "2023-01-01", "2023-12-31", "In 2023", "2023"),
        ("Year to March 2024", "2023-04-01", "2024-03-31", "In the year to March 2024", "the year to March 2024"),
        ("12 months to March 2024", "2023-04-01", "2024-03-31", None, "“12 months to March 2024”"),  # the dates say "Year to"
        (
            "12 months to October 2024",
            "2023-11-01",
            "2024-10-31",
            "In the 12 months to October 2024",
            "the 12 months to October 2024",
        ),
        (
            "Period ending 31 March 2024",
            None,
            "2024-03-31",
            "In the period ending 31 March 2024",
            "the period ending 31 March 2024",
        ),
        ("From 1 April 2024", "2024-04-01", None, "From 1 April 2024", "the period from 1 April 2024"),
        (
            "November 2023 to April 2024",
            "2023-11-01",
            "2024-04-30",
            "From November 2023 to April 2024",
            "November 2023 to April 2024",
        ),
        ("Winter", None, "2023-12-31", None, "“Winter”"),
        ("Not stated", None, None, None, "“Not stated”"),
    ],
)
def test_a_period_is_put_into_words_only_when_its_label_is_what_its_dates_say(label, start, end, phrase, lower):
    from dashboard.performance.model.series import _lower_period, period_phrase

    point = dated_point(label, start, end, 1.0)
    assert period_phrase(label, point["period_start"], point["period_end"]) == phrase
    assert _lower_period(pd.Series(point)) == lower


def test_the_headline_sentence_reads_word_for_word_for_each_kind_of_period_and_measure():
    from dashboard.performance.model.series import headline_sentence

    def point(**changes) -> pd.Series:
        april = {"value": 87.4, "period_label": "April 2024", "period_start": pd.Timestamp("2024-04-01"),
                 "period_end": pd.Timestamp("2024-04-30"), "numerator": 12118, "denominator": 14551,
                 "ci_half_width": None, "source_tier": "primary", "source_publisher": "P"}  # fmt: skip
        return pd.Series({**april, **changes})

    def measure(metric_id: str, name: str, unit: str, standard=None) -> pd.Series:
        return pd.Series(
            {"metric_id": metric_id, "name": name, "unit": unit, "standard_value": standard, "higher_is_better": True}
        )

    answered = measure("pct_999_answered_10s", "999 calls answered within 10 seconds", "percent", 90.0)
    assert headline_sentence("Hertfordshire", answered, point()) == (
        "In April 2024 Hertfordshire answered 87.4% of 999 calls within 10 seconds (12,118 of 14,551), below the 90% standard."
    )
    spring = point(period_label="Spring 2024", ci_half_width=1.5, source_tier="secondary", numerator=None)
    assert headline_sentence("Hertfordshire", answered, spring) == (
        "Hertfordshire answered 87.4% of 999 calls within 10 seconds (out of 14,551), for the period “Spring 2024”, below "
        "the 90% standard, an estimate with a margin of error of ±1.5 percentage points. This figure is second-hand: P "
        "reported it."
    )
    something = measure("not-a-phrased-measure", "Something measured", "calls")
    assert headline_sentence("Hertfordshire", something, point(value=1234.0)) == (
        "In April 2024 Something measured for Hertfordshire was 1,234 calls."
    )
    calls = measure("calls_999", "Number of 999 calls", "calls")
    assert headline_sentence("Hertfordshire", calls, point(value=15234.0, period_label="the spring", period_start=pd.NaT)) == (
        "Hertfordshire received 15,234 999 calls, for the period “the spring”."
    )
    year = point(value=52.4, period_label="Year to March 2024", period_start=pd.Timestamp("2023-04-01"),
                 period_end=pd.Timestamp("2024-03-31"))  # fmt: skip
    rate = measure("recorded_crime_rate_per_1000", "Recorded crime per 1,000 people", "per 1,000 people")
    assert (
        headline_sentence("Hertfordshire", rate, year)
        == "In the year to March 2024 Hertfordshire recorded 52.4 crimes per 1,000 people."
    )


def test_the_small_words_of_a_figure_counts_numbers_lengths_and_which_units_compare_between_places():
    from dashboard.performance.model.series import counts_text, is_comparable_between_places, length_words, number_text

    assert [is_comparable_between_places(u) for u in ("percent", "per 1,000 people", "seconds", "calls", "crimes")] == [
        True, True, True, False, False,
    ]  # fmt: skip
    assert (number_text(1234.0), number_text(1234.5)) == ("1,234", "1,234.5")
    assert [counts_text(pd.Series(c)) for c in (
        {"numerator": 12118, "denominator": 14551},
        {"numerator": 12118, "denominator": None},
        {"numerator": None, "denominator": 14551},
        {"numerator": None, "denominator": None},
    )] == ["12,118 of 14,551", "12,118 (total not published)", "out of 14,551", "not published"]  # fmt: skip
    assert [length_words(m) for m in (None, 1, 3, 12, 13)] == [
        "a period not stated in full", "one month", "3 months", "12 months", "13 months",
    ]  # fmt: skip
    whole_quarter = (pd.Timestamp("2024-01-01"), pd.Timestamp("2024-03-31"))
    assert period_months(*whole_quarter) == 3
    assert period_months(pd.NaT, whole_quarter[1]) is None and period_months(whole_quarter[0], None) is None
    assert period_months(pd.Timestamp("2024-01-02"), whole_quarter[1]) is None  # not from the first of a month
    assert period_months(whole_quarter[0], pd.Timestamp("2024-03-30")) is None  # not to the end of one


def test_shaping_a_measures_points_keeps_each_figures_own_period_role_and_order():
    series = pd.DataFrame(
        [
            # Another measure's rows first, so the measure's own rows do not start the frame.
            ("other", "hertfordshire", "force", "Hertfordshire", "2024-04-01", "2024-04-30", 1.0),
            ("m", "kent", "force", "Kent", "2024-04-01", "2024-04-30", 70.0),
            ("m", "hertfordshire", "force", "Hertfordshire", None, None, 60.0),
            ("m", "hertfordshire", "force", "Hertfordshire", "2024-01-01", "2024-03-31", 80.0),
            ("m", "hertfordshire", "force", "Hertfordshire", None, "2023-12-31", 75.0),
            ("m", "essex", "force", "Essex", "2023-04-01", "2024-03-31", 90.0),
            ("m", "england-and-wales", "england_and_wales", "England and Wales", "2024-04-01", "2024-04-30", 85.0),
        ],
        columns=["metric_id", "force_id", "place_kind", "place_short_name", "period_start", "period_end", "value"],
    ).assign(source_tier="primary")
    points = shape_points(series, "m", "hertfordshire", ("essex",))
    assert list(points.index) == list(range(6))
    assert points[["place_short_name", "role", "value"]].values.tolist() == [
        ["Hertfordshire", "chosen", 75.0],  # drawn at its only date, the end of December
        ["Hertfordshire", "chosen", 80.0],
        ["Hertfordshire", "chosen", 60.0],  # no date: last
        ["England and Wales", "england_and_wales", 85.0],
        ["Essex", "peer", 90.0],
        ["Kent", "selected", 70.0],
    ]
    assert points["months"].tolist() == [None, 3, None, 1, 12, 1]
    assert points["plotted_at"].tolist()[:3] == [pd.Timestamp("2023-12-31"), pd.Timestamp("2024-03-31"), pd.NaT]
    assert latest(points[points["role"] == "chosen"])["value"] == 80.0  # the undated figure is never the latest
    assert period_lengths_note(points) == (
        "These figures cover periods of different lengths (a period not stated in full, one month, 3 months and 12 "
        "months). Each point is drawn at the end of its period and labelled with it; figures for periods of different "
        "lengths are not directly comparable."
    )
    assert shape_points(series, "none", "hertfordshire").empty


def test_a_points_table_and_its_sources_list_every_figure_with_blank_cells_for_what_was_not_published():
    from dashboard.performance.model.series import points_table, sources_of

    points = pd.DataFrame(
        {
            "place_short_name": ["Herts", "Herts", "Kent"],
            "period_label": ["April 2024", "Year to March 2024", "April 2024"],
            "months": pd.Series([1, 12, None], dtype="object"),
            "value": [87.4, 80.0, 70.0],
            "ci_half_width": [2.5, None, None],
            "numerator": [12118, None, None],
            "denominator": [14551, None, None],
            "tier_label": ["primary source", "second-hand source", "primary source"],
            "source_id": ["a", "b", "c"],
            "source_publisher": ["Zeta", "Alpha", "Beta"],
            "source_title": ["T", "T", "T"],
            "source_title_kind": ["title", "title", "title"],
            "source_url": ["https://example.org/a", None, "https://example.org/c"],
            "source_published": ["2024-05-01", None, "2024-05-01"],
            "source_tier": ["primary", "secondary", "primary"],
            "note": [None, None, "n"],
        }
    )
    table = points_table(points, "percent")
    assert table[["Period length", "Value", "Margin of error (± points)", "Counts"]].values.tolist() == [
        ["one month", "87.4%", "2.5", "12,118 of 14,551"],
        ["12 months", "80.0%", "", "not published"],
        ["a period not stated in full", "70.0%", "", "not published"],
    ]
    twice = pd.concat([points, points.iloc[[2]]], ignore_index=True)
    assert sources_of(twice)[["source_publisher", "figures"]].values.tolist() == [["Beta", 2], ["Alpha", 1], ["Zeta", 1]]
    assert list(sources_of(points.iloc[0:0]).columns) == [
        "source_id", "source_publisher", "source_title", "source_title_kind", "source_url", "source_published", "source_tier",
    ]  # fmt: skip


def test_three_forces_sharing_the_top_value_are_each_joint_first_and_two_forces_give_a_range():
    tied = ranking_values(
        ("a", "A", "force", 7.0, "primary", None, None, None),
        ("b", "B", "force", 7.0, "primary", None, None, None),
        ("c", "C", "force", 7.0, "primary", None, None, None),
        ("d", "D", "force", 9.0, "primary", None, None, None),
    )
    assert rank_forces(tied, FIVE_FORCES, "a", False).ranked["rank_text"].tolist() == ["joint 1st"] * 3 + ["4th"]
    two = rank_forces(RANKED.iloc[[0, 2]], FIVE_FORCES, "c", False)
    assert ranking_sentence(two, ANSWER_TIME, "Cee", "2022") == (
        "For 2022, Cee (30.0 seconds) ranks 2nd of the 2 England and Wales forces we hold a figure for, ordered best first "
        "(lowest). The source's own table put Cee 3rd: its ranks also count places we do not rank here (such as Police "
        "Scotland) or hold no figure for. The range runs from 7.0 seconds (B) to 30.0 seconds (C). 3 of the 43 forces have "
        "no figure for this period in the data we hold."
    )


def test_two_missing_months_and_two_unusual_months_are_plural():
    from types import SimpleNamespace

    from dashboard.performance.model.series import spc_sentence

    months = pd.to_datetime(["2023-04-01", "2023-05-01", "2023-06-01"])
    points = pd.DataFrame(
        {"period_start": months, "special_cause": [True, True, False], "variation": ["high", "low", ""], "reason": ["r", "s", ""]}
    )
    result = SimpleNamespace(points=points, mean=85.0, lower_limit=80.0, upper_limit=90.0, missing_months=2)
    assert spc_sentence(result, pd.Series({"unit": "percent"}), "Herts", None).endswith(
        "2 months are missing; the chart breaks there. 2 months show special-cause variation: April 2023 (unusually high: r); "
        "May 2023 (unusually low: s)."
    )


def test_figures_with_no_period_are_listed_as_not_drawn():
    from dashboard.performance.model.series import undated_note

    points = pd.DataFrame(
        {
            "place_short_name": ["Herts", "Kent", "Essex"],
            "value": [8.0, 9.5, 7.0],
            "period_label": ["Averaging period not stated", "Not stated", "April 2024"],
            "plotted_at": [pd.NaT, pd.NaT, pd.Timestamp("2024-04-30")],
        }
    )
    assert undated_note(points, "seconds") == (
        "Not drawn, because no period was stated: Herts 8.0 seconds (Averaging period not stated); Kent 9.5 seconds (Not "
        "stated). They are in the table."
    )
    assert undated_note(points.iloc[[2]], "seconds") is None

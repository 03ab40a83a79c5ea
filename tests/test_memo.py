"""dashboard.common.cache: chart builders run once per distinct input, and a caller's change never leaks to others."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.common.cache import built_once

# Results are keyed by the database's version too, so each test names a database (the fixture's) rather than
# leaning on data/build/dashboard.duckdb, which exists only after `make build` or after another test built it.
pytestmark = pytest.mark.usefixtures("use_fixture_db")


def test_the_same_figures_are_built_once_and_different_figures_again():
    calls = []

    @built_once()
    def build(frame: pd.DataFrame, label: str) -> dict:
        calls.append(label)
        return {"total": int(frame["value"].sum()), "label": label}

    first = build(pd.DataFrame({"value": [1, 2]}), "a")
    again = build(pd.DataFrame({"value": [1, 2]}), "a")  # a new object holding the same figures
    other = build(pd.DataFrame({"value": [1, 3]}), "a")
    assert first is again and first == {"total": 3, "label": "a"}
    assert other["total"] == 4
    assert calls == ["a", "a"]


def test_a_frame_handed_out_can_be_changed_without_changing_the_shared_one():
    @built_once()
    def table(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.assign(double=frame["value"] * 2)

    source = pd.DataFrame({"value": [1, 2]})
    mine = table(source)
    mine["double"] = 0
    mine.loc[0, "value"] = 99
    assert table(source)["double"].tolist() == [2, 4]
    assert table(source)["value"].tolist() == [1, 2]


def test_arguments_it_cannot_fingerprint_are_passed_straight_through():
    calls = []

    @built_once()
    def build(thing: object) -> int:
        calls.append(thing)
        return len(calls)

    marker = object()
    assert build(marker) == 1 and build(marker) == 2

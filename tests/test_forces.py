"""Whatever arrives in ?force= becomes a force, or falls back to Hertfordshire with a polite note."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.common.forces import resolve_force

FORCES = pd.DataFrame(
    {
        "force_id": ["hertfordshire", "hampshire", "avon-and-somerset", "metropolitan"],
        "short_name": ["Hertfordshire", "Hampshire and Isle of Wight", "Avon and Somerset", "Metropolitan"],
        "name": [
            "Hertfordshire Constabulary",
            "Hampshire and Isle of Wight Constabulary",
            "Avon and Somerset Constabulary",
            "Metropolitan Police Service",
        ],
        "aliases": [["Herts"], ["Hampshire Constabulary"], [], ["Met"]],
    }
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("hertfordshire", "hertfordshire"),
        ("HERTFORDSHIRE", "hertfordshire"),
        ("Herts", "hertfordshire"),
        ("Hertfordshire Constabulary", "hertfordshire"),
        ("Hampshire Constabulary", "hampshire"),
        ("avon & somerset", "avon-and-somerset"),
        ("Avon and Somerset Constabulary", "avon-and-somerset"),
        ("metropolitan", "metropolitan"),
        (["essex", "met"], "metropolitan"),
        (["essex", "kent", "met"], "metropolitan"),  # the last of several
        ("Hampshire".center(80), "hampshire"),  # spaces around a name, up to 80 characters in all
    ],
)
def test_slugs_names_and_aliases_are_accepted_case_insensitively(value, expected):
    choice = resolve_force(value, FORCES)
    assert choice.force_id == expected
    assert choice.notice is None


@pytest.mark.parametrize("value", [None, "", []])
def test_no_value_means_hertfordshire_without_a_notice(value):
    choice = resolve_force(value, FORCES)
    assert (choice.force_id, choice.notice) == ("hertfordshire", None)


@pytest.mark.parametrize("value", ["gotham", "<script>alert(1)</script>", "x" * 5000, "%00", "'; DROP TABLE force; --"])
def test_unknown_or_malformed_values_fall_back_politely(value):
    choice = resolve_force(value, FORCES)
    assert choice.force_id == "hertfordshire"
    assert choice.notice.startswith("We could not find a police force called")
    assert "<" not in choice.notice and ";" not in choice.notice
    assert len(choice.notice) < 250
    assert choice.notice.endswith("”, so we are showing Hertfordshire. Choose another force from the list.")


def test_a_force_whose_region_is_not_held_has_no_neighbours_and_an_unknown_force_has_none_either():
    from dashboard.common.forces import region_neighbours

    forces = pd.DataFrame({"force_id": ["a", "b", "c"], "short_name": ["C", "B", "A"], "region": [None, None, "North"]})
    assert region_neighbours("a", forces).empty
    assert region_neighbours("nowhere", forces).empty
    assert region_neighbours("c", forces).empty  # alone in its region

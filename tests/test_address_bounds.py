"""What a visitor types in the address is cut short before any cache remembers it (dashboard/web/url.py), so a script
sending thousands of distinct, long values cannot fill the server's memory; the page still falls back politely."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from streamlit.testing.v1 import AppTest

from dashboard.common.cache import cache_sizes
from dashboard.common.wording import readable_echo
from dashboard.grades import views as grades_views
from dashboard.grades.views import cycle_choice, peer_choice
from dashboard.performance import views as performance_views
from dashboard.performance.model.explorer import DEFAULT_METRIC_ID, Resolved
from dashboard.performance.views import requested_metric, requested_period, requested_places
from dashboard.web import widgets
from dashboard.web.url import LONGEST_LIST, LONGEST_VALUE, joined_values, last_value
from tests.app_helpers import APP

FLOOD = 10_000
# What a key holds besides the visitor's text: the database file's path and version, a force id, a metric id.
KEY_OVERHEAD = 300


def test_one_value_is_cut_to_the_longest_we_keep_and_the_last_of_several_wins():
    assert last_value([]) is None
    assert last_value(["kent", "essex"]) == "essex"
    assert last_value(["x" * 100_000]) == "x" * LONGEST_VALUE


def test_a_list_is_joined_and_cut_to_the_longest_we_keep():
    assert joined_values([]) == ()
    assert joined_values(["essex,kent", "surrey"]) == ("essex,kent,surrey",)
    assert joined_values(["a" * 600, "b" * 600]) == ("a" * 600 + "," + "b" * (LONGEST_LIST - 601),)
    assert joined_values(["y" * 10**6] * 1000) == ("y" * LONGEST_LIST,)


def test_every_place_s_id_fits_in_a_list_we_keep(use_real_db):
    from queries import run_query

    every_place = ",".join(run_query("places")["force_id"])
    assert joined_values([every_place]) == (every_place,)


def _flood(count: int) -> dict[str, tuple[int, int, int]]:
    """Send `count` distinct long values through what each page does with ?force=, ?metric=, ?forces=, ?period=,
    ?cycle=, ?peers= and ?with=; then every cache's (maxsize, results held, characters of text in their keys)."""
    for number in range(count):
        value = f"{number}-" + "z" * 5_000
        one, listed = last_value([value]), joined_values([value])
        widgets._resolve_once(one)
        requested_metric(one)
        requested_places(listed, "hertfordshire")
        requested_period(one, DEFAULT_METRIC_ID)
        cycle_choice(one)
        peer_choice(one, listed, "hertfordshire")
    return {name: (maxsize, held, text) for name, maxsize, held, text in cache_sizes()}


def _assert_small(sizes: dict[str, tuple[int, int, int]]) -> None:
    for name, (maxsize, held, text) in sizes.items():
        assert held <= maxsize, name
        assert text <= held * (LONGEST_LIST + KEY_OVERHEAD), name  # no key holds more than the text we keep


def _not_found(value: object, *rest: object) -> Resolved:
    """A quick stand-in for a resolver, holding what a real one holds for an unknown value: its short echo."""
    return Resolved(None, f"We could not find “{readable_echo(str(value))}”.")


def test_ten_thousand_distinct_long_address_values_leave_every_cache_small(use_real_db, monkeypatch):
    # The resolvers (pandas, a few milliseconds each) are stood in for: what is measured is what the caches keep.
    for module, name in (
        (widgets, "resolve_force"),
        (performance_views, "resolve_metric"),
        (performance_views, "resolve_places"),
        (performance_views, "resolve_period"),
        (grades_views, "resolve_cycle"),
        (grades_views, "resolve_peers"),
    ):
        monkeypatch.setattr(module, name, _not_found)
    monkeypatch.setattr(performance_views, "comparison_for", lambda *args: SimpleNamespace(place_ids=()))
    sizes = _flood(FLOOD)
    assert sizes["dashboard.performance.views.requested_places"][1] == 4096  # full: the flood reached every cache
    _assert_small(sizes)
    # Uncut, these keys held 5,000 characters a value: about 75 million characters in all.
    assert sum(text for _, _, text in sizes.values()) < 10_000_000


def test_the_real_choices_keep_only_the_text_we_keep(use_real_db):
    sizes = _flood(200)
    assert sizes["dashboard.web.widgets._resolve_once"][1] == 200
    _assert_small(sizes)


def _open(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params)
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception
    return at


def test_long_values_in_the_explorer_s_address_fall_back_politely(use_real_db):
    at = _open("explorer", metric="m" * 50_000, forces="f" * 50_000, period="p" * 50_000)
    notices = [info.value for info in at.info]
    assert any(n.startswith("We could not find a measure called “mmmm") for n in notices), notices
    assert any(n.startswith("We could not find a place called “ffff") for n in notices), notices
    assert at.selectbox(key="explorer_metric").value == DEFAULT_METRIC_ID


def test_a_long_force_in_the_address_falls_back_politely(use_real_db):
    at = _open("overview", force="k" * 50_000)
    assert at.info[0].value.startswith("We could not find a police force called “kkkk")
    assert at.title[0].value.startswith("Hertfordshire")


def test_a_step_with_thousands_of_digits_falls_back_to_the_first_step(use_real_db):
    # Python refuses to read an integer of more than 4,300 digits: uncut, this value broke the meeting page.
    at = _open("meeting", step="9" * 5_000)
    assert "The agenda has steps 1 to 4, so we start at step 1." in [info.value for info in at.info]
    assert at.query_params["step"] == "1"


ROOT = Path(APP).parent
READERS = sorted(
    path for path in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("dashboard/**/*.py")] if path.name != "url.py"
)


def test_every_page_reads_the_address_through_the_helpers_that_cut_it_short():
    reading = re.compile(r"query_params\.get(_all)?\(")
    readers = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in READERS
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if reading.search(line)
    ]
    assert readers == [], "read ?param= with dashboard.web.url.url_value or url_list, which cut it short"

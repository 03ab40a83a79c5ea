"""Follow a force: the Atom feeds and the plain-text digests (dashboard/site/feeds.py), read as a feed reader and a
resident's email would read them, on the fixture database."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from dashboard.site import feeds
from dashboard.store.build import build_database
from dashboard.store.tables import TABLES
from tests.hostile_data import PAYLOAD, VISIBLE, _rewrite
from tests.importer_helpers import IMPORTS, NEW_999_SOURCE, prepare

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://dashboard.example.org"
TODAY = date(2026, 12, 7)
FORCES = ("essex", "hertfordshire", "kent")


@pytest.fixture
def public_site(monkeypatch):
    monkeypatch.setenv("DASHBOARD_PUBLIC_URL", SITE)


@pytest.fixture
def site(use_fixture_db, public_site, tmp_path) -> Path:
    folder = tmp_path / "site"
    feeds.write_feeds(folder, TODAY)
    return folder


def read_feed(path: Path) -> ET.Element:
    return ET.parse(path).getroot()


def entries(feed: ET.Element) -> list[dict[str, str]]:
    """Each entry as a reader shows it: its id, title, day, link and summary."""
    return [
        {
            "id": entry.findtext(f"{ATOM}id"),
            "title": entry.findtext(f"{ATOM}title"),
            "updated": entry.findtext(f"{ATOM}updated"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


def test_hertfordshires_feed_says_its_grades_were_published_on_16_october_2024_and_links_its_grades_page(site):
    feed = read_feed(site / "hertfordshire" / "feed.atom")
    grades = [e for e in entries(feed) if e["title"] == "Hertfordshire: inspection grades published (PEEL 2023-25)"]
    assert len(grades) == 1
    assert grades[0]["updated"] == "2024-10-16T00:00:00Z"
    assert grades[0]["link"] == f"{SITE}/f/hertfordshire/grades/"
    assert grades[0]["summary"] == (
        "16 October 2024. In its PEEL 2023-25 inspection (published 16 October 2024), HMICFRS graded Hertfordshire "
        "Constabulary Good in 1 area (Preventing crime), Requires improvement in 1 area (Responding to the public) and "
        "Inadequate in 1 area (Recording data about crime)."
    )


def test_grades_known_only_as_counts_are_announced_in_the_month_their_source_gives(site):
    herts = entries(read_feed(site / "hertfordshire" / "feed.atom"))
    counts = [e for e in herts if e["title"] == "Hertfordshire: inspection grades published (PEEL 2021-22)"]
    assert len(counts) == 1
    assert counts[0]["updated"] == "2023-02-01T00:00:00Z"
    assert counts[0]["summary"] == (
        "February 2023. For PEEL 2021-22 we know only how many areas got each grade for Hertfordshire Constabulary, "
        "not which area got which: across 3 graded areas, 2 Good and 1 Adequate."
    )
    assert "* February 2023: Hertfordshire: inspection grades published (PEEL 2021-22)" in (
        site / "digests" / "2023-02-01.txt"
    ).read_text(encoding="utf-8")


def test_a_tracker_status_change_a_timeline_event_and_a_new_figure_are_worded_and_linked_to_their_pages(site):
    herts = entries(read_feed(site / "hertfordshire" / "feed.atom"))
    by_title = {e["title"]: e for e in herts}
    closed = by_title["Hertfordshire: improvement item now closed by the inspectorate"]
    assert closed["updated"] == "2025-07-11T00:00:00Z"
    assert closed["link"] == f"{SITE}/f/hertfordshire/tracker/"
    assert "Status: closed by the inspectorate (was in progress)." in closed["summary"]
    assert by_title["Hertfordshire: test closure"]["link"] == f"{SITE}/f/hertfordshire/timeline/"
    assert "Scheduled (no record of what was said was found)" in by_title["Hertfordshire: test public meeting"]["summary"]
    fieldwork = by_title["Hertfordshire: test fieldwork"]
    assert fieldwork["summary"] == "1 December 2023. December 2023 to June 2024: Test: fieldwork span."
    calls = [e for e in herts if e["title"] == "Hertfordshire: new figures on 999 and 101 calls"]
    assert [e["updated"] for e in calls] == ["2024-04-30T00:00:00Z", "2023-11-30T00:00:00Z"]
    assert calls[0]["link"] == f"{SITE}/f/hertfordshire/calls/"
    assert "85.0% (April 2024), below the 90% standard" in calls[0]["summary"]
    recording = by_title["Hertfordshire: new figures on crime recording"]
    assert recording["link"] == f"{SITE}/f/hertfordshire/crime-recording/"


def test_every_feed_has_the_elements_an_atom_reader_needs(site):
    for path in [site / "feed.atom", *(site / force / "feed.atom" for force in FORCES)]:
        feed = read_feed(path)
        assert feed.tag == f"{ATOM}feed"
        for tag in ("id", "title", "updated", f"author/{ATOM}name"):
            assert (feed.findtext(f"{ATOM}{tag}") or "").strip(), f"{path}: no {tag}"
        links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
        address = "/f/feed.atom" if path.parent == site else f"/f/{path.parent.name}/feed.atom"
        assert links["self"] == SITE + address
        assert links["alternate"] == SITE + address.removesuffix("feed.atom")
        for entry in entries(feed):
            assert entry["id"].startswith("tag:dashboard.example.org,2026:")
            assert all(entry[field] for field in ("title", "updated", "summary"))
            assert entry["link"].startswith(f"{SITE}/f/")
        ids = [e["id"] for e in entries(feed)]
        assert len(ids) == len(set(ids)), f"{path}: an id given twice"


def test_the_feed_for_every_force_holds_each_forces_entries_newest_first(site):
    every = entries(read_feed(site / "feed.atom"))
    for force in FORCES:
        own = entries(read_feed(site / force / "feed.atom"))
        assert own, f"{force} has no entries"
        assert all(entry in every for entry in own), force
    days = [e["updated"] for e in every]
    assert days == sorted(days, reverse=True)
    assert len(every) == sum(len(entries(read_feed(site / force / "feed.atom"))) for force in FORCES)


def test_each_feed_keeps_only_its_newest_entries_up_to_its_bound(use_fixture_db, public_site, tmp_path, monkeypatch):
    monkeypatch.setattr(feeds, "FORCE_FEED_ENTRIES", 3)
    monkeypatch.setattr(feeds, "ALL_FORCES_FEED_ENTRIES", 4)
    feeds.write_feeds(tmp_path, TODAY)
    herts = entries(read_feed(tmp_path / "hertfordshire" / "feed.atom"))
    assert [e["updated"][:10] for e in herts] == ["2025-07-11", "2025-07-11", "2025-03-01"]
    every = entries(read_feed(tmp_path / "feed.atom"))
    assert [e["updated"][:10] for e in every] == ["2025-07-11", "2025-07-11", "2025-03-01", "2025-01-15"]
    assert "the latest 3" in read_feed(tmp_path / "hertfordshire" / "feed.atom").findtext(f"{ATOM}subtitle")


def test_entry_ids_are_the_same_in_two_builds_and_the_feeds_are_byte_for_byte_the_same(site, tmp_path):
    again = tmp_path / "again"
    feeds.write_feeds(again, TODAY)
    for force in FORCES:
        first, second = site / force / "feed.atom", again / force / "feed.atom"
        assert [e["id"] for e in entries(read_feed(first))] == [e["id"] for e in entries(read_feed(second))]
        assert first.read_bytes() == second.read_bytes()
    assert (site / "feed.atom").read_bytes() == (again / "feed.atom").read_bytes()


def test_nothing_dated_after_the_build_day_is_announced(use_fixture_db, public_site, tmp_path):
    feeds.write_feeds(tmp_path, date(2024, 12, 31))
    days = [e["updated"][:10] for e in entries(read_feed(tmp_path / "hertfordshire" / "feed.atom"))]
    assert days and max(days) == "2024-11-14"
    assert not (tmp_path / "digests" / "2025-07-11.txt").exists()


def test_each_digest_lists_exactly_the_feed_entries_of_its_release(site):
    every = entries(read_feed(site / "feed.atom"))
    digests = sorted(p for p in (site / "digests").glob("*.txt") if p.stem != "index")
    assert [p.stem for p in digests] == sorted({e["updated"][:10] for e in every})  # data's own change days
    for path in digests:
        text = path.read_text(encoding="utf-8")
        day = date.fromisoformat(path.stem)
        expected = [e for e in every if e["updated"][:10] == path.stem]
        listed = [line[2:] for line in text.splitlines() if line.startswith("* ")]
        # the same day in words as the entry's summary opens with ('16 October 2024', or 'February 2023' for a month)
        assert sorted(listed) == sorted(f"{e['summary'].split('. ')[0]}: {e['title']}" for e in expected), path.name
        assert all(e["summary"].split(". ")[0].endswith(f"{day:%B %Y}") for e in expected)
        for entry in expected:
            assert f"  {entry['link']}" in text.splitlines()
    grades = (site / "digests" / "2024-10-16.txt").read_text(encoding="utf-8")
    assert grades.startswith("What changed: 4 changes dated 16 October 2024\n")
    assert "* 16 October 2024: Hertfordshire: inspection grades published (PEEL 2023-25)" in grades
    index = (site / "digests" / "index.txt").read_text(encoding="utf-8").splitlines()
    assert f"16 October 2024: 4 changes, {SITE}/f/digests/2024-10-16.txt" in index
    newest_first = [
        f"11 July 2025: 2 changes, {SITE}/f/digests/2025-07-11.txt",
        f"16 October 2024: 4 changes, {SITE}/f/digests/2024-10-16.txt",
    ]
    assert index.index(newest_first[0]) < index.index(newest_first[1])


@pytest.fixture
def loaded_db(fixture_data_copy, tmp_path, monkeypatch) -> Path:
    """The fixture data with the synthetic 999 release loaded, then its revision: two entries in the release log."""
    from dashboard.store.importers.load import SourceSpec, load_file

    database = tmp_path / "loaded.duckdb"
    prepare(fixture_data_copy, database)
    first = SourceSpec(**NEW_999_SOURCE)
    load_file(IMPORTS / "police_uk_999_2024.csv", "police-uk-999", first, data_dir=fixture_data_copy, db_path=database)
    cited = SourceSpec("test-home-office-police-uk-999-call-answering-data-synthetic-2024-06-20")  # the source just made
    load_file(IMPORTS / "police_uk_999_2024_revised.csv", "police-uk-999", cited, data_dir=fixture_data_copy, db_path=database)
    monkeypatch.setenv("DASHBOARD_DB", str(database))
    return database


def test_a_loaded_release_is_a_digest_with_its_new_and_revised_figures(loaded_db, public_site, tmp_path):
    today = date.today()  # the loads are dated when they ran
    feeds.write_feeds(tmp_path, today)
    herts = entries(read_feed(tmp_path / "hertfordshire" / "feed.atom"))
    revised = [e for e in herts if e["title"] == "Hertfordshire: revised figures on 999 and 101 calls"]
    summaries = " ".join(e["summary"] for e in revised)
    assert "999 calls answered within 10 seconds (April 2024): now 86.0%, previously 85.0%." in summaries
    assert "999 calls answered within 10 seconds (April 2024): now 87.0%, previously 86.0%." in summaries
    assert all(e["updated"] == f"{today.isoformat()}T00:00:00Z" and e["link"].endswith("/calls/") for e in revised)
    new = [e for e in herts if e["title"] == "Hertfordshire: new figures on 999 and 101 calls"]
    assert any("91.0% (June 2024), meeting the 90% standard" in e["summary"] for e in new)
    # April's figure was first held from the curated data, and keeps that announcement with its first value
    april = [e for e in new if e["updated"] == "2024-04-30T00:00:00Z"]
    assert len(april) == 1 and "85.0% (April 2024)" in april[0]["summary"]
    digests = sorted(p.stem for p in (tmp_path / "digests").glob("*.txt"))
    assert digests == [today.isoformat(), "index"]  # the release log's day, not the data's change days
    text = (tmp_path / "digests" / f"{today.isoformat()}.txt").read_text(encoding="utf-8")
    assert text.startswith("What changed: ") and f"released on {today.day} {today:%B %Y}" in text.splitlines()[0]
    assert f"* {today.day} {today:%B %Y}: Hertfordshire: revised figures on 999 and 101 calls" in text


def test_a_grade_corrected_by_a_later_load_is_announced_on_the_day_of_that_load(
    fixture_data_copy, public_site, tmp_path, monkeypatch
):
    from dashboard.store.importers.load import SourceSpec, load_file

    database = tmp_path / "grades.duckdb"
    prepare(fixture_data_copy, database)
    load_file(IMPORTS / "grades_template.csv", "grades", SourceSpec(), data_dir=fixture_data_copy, db_path=database)
    monkeypatch.setenv("DASHBOARD_DB", str(database))
    today = date.today()  # the load is dated when it ran
    feeds.write_feeds(tmp_path / "site", today)
    essex = entries(read_feed(tmp_path / "site" / "essex" / "feed.atom"))
    corrected = [e for e in essex if e["title"] == "Essex: inspection grade corrected (PEEL 2023-25)"]
    assert [e["summary"] for e in corrected] == [
        f"{today.day} {today:%B %Y}. Responding to the public: now Good, previously Requires improvement."
    ]
    assert corrected[0]["link"] == f"{SITE}/f/essex/grades/"
    march = next(e for e in essex if e["updated"] == "2024-03-01T00:00:00Z" and "inspection grades published" in e["title"])
    assert "Requires improvement in 1 area (Responding to the public)" in march["summary"]  # what was published then
    herts = entries(read_feed(tmp_path / "site" / "hertfordshire" / "feed.atom"))
    assert any(e["summary"].endswith("Developing a positive workplace: now Adequate, previously not known to us.") for e in herts)
    digest = (tmp_path / "site" / "digests" / f"{today.isoformat()}.txt").read_text(encoding="utf-8")
    assert f"* {today.day} {today:%B %Y}: Essex: inspection grade corrected (PEEL 2023-25)" in digest


HIDDEN = "\u202egnp.exe\x0b\x1b[31m"  # a right-to-left override, a vertical tab and a terminal escape


@pytest.fixture
def hostile_site(fixture_data_copy, public_site, tmp_path, monkeypatch) -> Path:
    """The fixture data with tags, scripts and markdown after every text a page shows (tests/hostile_data.py), and
    invisible characters in a timeline event's detail."""
    for table in TABLES.values():
        if (fixture_data_copy / table.file_name).exists():
            _rewrite(fixture_data_copy / table.file_name, table)
    events = fixture_data_copy / "timeline_events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace("Test: report published", f"Report{HIDDEN} published"))
    database = tmp_path / "hostile.duckdb"
    build_database(fixture_data_copy, database)
    monkeypatch.setenv("DASHBOARD_DB", str(database))
    feeds.write_feeds(tmp_path / "site", TODAY)
    return tmp_path / "site"


def test_hostile_words_in_the_data_come_out_as_text_in_the_feeds_and_the_digests(hostile_site):
    feed_bytes = (hostile_site / "hertfordshire" / "feed.atom").read_text(encoding="utf-8")
    assert "<script" not in feed_bytes and "<img" not in feed_bytes  # escaped, never markup
    feed = read_feed(hostile_site / "hertfordshire" / "feed.atom")
    assert not list(feed.iter("{http://www.w3.org/1999/xhtml}script")) and not list(feed.iter("script"))
    summaries = [e["summary"] for e in entries(feed)]
    assert any(VISIBLE in s for s in summaries), "the hostile words are shown as words"
    assert any(PAYLOAD.split(" ")[0] in e["title"] for e in entries(feed))  # the force's own name carries them
    published = next(s for s in summaries if "Report" in s and "published" in s)
    assert "\u202e" not in published and "\x0b" not in published and "\x1b" not in published
    assert "Reportgnp.exe" in published and "[31m published" in published  # the words stay, what hides them goes
    digest = (hostile_site / "digests" / "2024-10-16.txt").read_text(encoding="utf-8")
    assert VISIBLE in digest and "\u202e" not in digest and "\x1b" not in digest and "\x0b" not in digest
    assert all(line == "" or not line.startswith(("<", "!", "[")) for line in digest.splitlines())


def test_on_the_real_data_every_force_has_a_feed_whose_words_pass_the_public_text_rule(use_real_db, public_site, tmp_path):
    """No code, research tag or unexplained abbreviation in any title or summary, the pages' rule
    (dashboard/store/public_text.py); and every one of the 43 forces has something to follow."""
    from dashboard.store.public_text import public_text_problems

    report = feeds.write_feeds(tmp_path, TODAY)
    force_feeds = [path for path in report.feeds if path.parent != tmp_path]
    assert len(force_feeds) == 43
    for path in force_feeds:
        found = entries(read_feed(path))
        assert found, f"{path.parent.name} has no entries"
        for entry in found:
            assert entry["link"].startswith(f"{SITE}/f/{path.parent.name}/")
            assert public_text_problems(entry["title"]) == [], entry["title"]
            assert public_text_problems(entry["summary"]) == [], entry["summary"]
    herts = entries(read_feed(tmp_path / "hertfordshire" / "feed.atom"))
    assert any(e["title"] == "Hertfordshire: inspection grades published (PEEL 2023-25)" for e in herts)


def test_a_line_break_or_an_invisible_character_in_the_data_cannot_forge_a_line_of_a_digest():
    assert feeds.plain("Item\n* 1 January 2020: forged\r\n\u202eevil\x00\u2028end") == "Item * 1 January 2020: forged evil end"


def test_a_corrections_day_counts_after_since_and_a_publication_keeps_the_grade_last_known_for_its_day(
    fixture_data_copy, tmp_path, monkeypatch
):
    """Two loads: the first corrects Essex's March 2024 grade on the same publication day, the second replaces it with
    a grade published in October. The March publication is announced with the corrected grade, the last known for
    that day; each correction counts on its load's day, after `since` and on or before `as_at`."""
    from dashboard.store.importers.load import SourceSpec, load_file
    from queries import run_query

    database = tmp_path / "grades.duckdb"
    prepare(fixture_data_copy, database)
    header = "force_id,cycle_id,area_id,grade,evidence,published,source_id,public_note\n"
    same_day = tmp_path / "same_day.csv"
    same_day.write_text(header + "essex,2023-25,responding,Adequate,stated,2024-03-01,test-inspectorate,fixture\n")
    later = tmp_path / "later.csv"
    later.write_text(header + "essex,2023-25,responding,Good,stated,2024-10-16,test-inspectorate,fixture\n")
    monkeypatch.setenv("DASHBOARD_DB", str(database))
    today = date.today()  # the loads are dated when they ran
    yesterday = date.fromordinal(today.toordinal() - 1)
    load_file(same_day, "grades", SourceSpec(), data_dir=fixture_data_copy, db_path=database)
    march = run_query("grade_changes", since=date(2024, 2, 28), as_at=date(2024, 3, 1)).query("force_id == 'essex'")
    assert march.set_index("area_id").loc["responding", "grade"] == "Adequate"  # the grade held now, for its own day
    load_file(later, "grades", SourceSpec(), data_dir=fixture_data_copy, db_path=database)

    rows = run_query("grade_changes", since=date(2024, 2, 28), as_at=today)
    essex = rows[(rows["force_id"] == "essex") & (rows["area_id"] == "responding")]
    published = essex[essex["earlier_grade"].isna()]
    assert sorted(zip(published["published"].map(str), published["grade"])) == [
        ("2024-03-01 00:00:00", "Adequate"),
        ("2024-10-16 00:00:00", "Good"),
    ]
    corrected = essex[essex["earlier_grade"].notna()]
    assert sorted(corrected["earlier_grade"]) == ["Adequate", "Requires improvement"]
    assert set(corrected["day"].map(lambda d: d.date())) == {today}
    assert len(run_query("grade_changes", since=yesterday, as_at=today).query("earlier_grade.notna()")) == 2
    assert run_query("grade_changes", since=today, as_at=today).empty  # since is exclusive: today's loads are not after it


def test_a_releases_figures_are_new_on_the_day_it_was_loaded_newest_period_first_and_each_revision_has_its_row(
    loaded_db,
):
    import duckdb

    from queries import run_query

    def changes(since: date, as_at: date):
        return run_query("figure_changes", metric_ids=["pct_999_answered_10s"], since=since, as_at=as_at)

    today = date.today()  # the loads are dated when they ran
    yesterday = date.fromordinal(today.toordinal() - 1)
    rows = changes(yesterday, today)
    herts = rows[rows["force_id"] == "hertfordshire"]
    new = herts[herts["earlier_value"].isna()]
    assert list(zip(new["period_label"], new["value"])) == [("June 2024", 91.0), ("May 2024", 89.0)]
    revised = herts[herts["earlier_value"].notna()]
    assert sorted(zip(revised["earlier_value"], revised["value"])) == [(85.0, 86.0), (86.0, 87.0)]
    essex = rows[rows["force_id"] == "essex"]  # the same release's figures for a force it revised nothing for
    assert list(zip(essex["period_label"], essex["value"], essex["earlier_value"].isna())) == [
        ("May 2024", 94.0, True),
        ("April 2024", 93.0, True),
    ]
    assert set(rows["day"].map(lambda d: d.date())) == {today}
    assert changes(today, today).empty

    # The first release loaded on 1 July 2024: its figures and revisions count from that day, the second's from today.
    with duckdb.connect(str(loaded_db)) as con:
        con.execute(
            "UPDATE load_log SET loaded_at = TIMESTAMP '2024-07-01 09:00' WHERE load_id = (SELECT min(load_id) FROM load_log)"
        )
    first = changes(date(2024, 6, 30), date(2024, 7, 1))
    herts = first[first["force_id"] == "hertfordshire"]
    assert sorted(zip(herts["period_label"], herts["value"], herts["earlier_value"].fillna(0))) == [
        ("April 2024", 86.0, 85.0),
        ("May 2024", 89.0, 0),
    ]
    second = changes(date(2024, 7, 1), today)
    herts = second[second["force_id"] == "hertfordshire"]
    assert sorted(zip(herts["period_label"], herts["value"], herts["earlier_value"].fillna(0))) == [
        ("April 2024", 87.0, 86.0),
        ("June 2024", 91.0, 0),
    ]

    # A third release revises May, first held from the first release: May keeps its announcement as a new figure.
    from dashboard.store.importers.load import SourceSpec, load_file

    header = (IMPORTS / "police_uk_999_2024.csv").read_text(encoding="utf-8").splitlines()[0]
    third = loaded_db.parent / "police_uk_999_may_revised.csv"
    third.write_text(f"{header}\nHertfordshire Constabulary,2024-05,10500,9450,90.0,900,150,6.5\n", encoding="utf-8")
    cited = SourceSpec("test-home-office-police-uk-999-call-answering-data-synthetic-2024-06-20")
    load_file(third, "police-uk-999", cited, data_dir=loaded_db.parent / "data", db_path=loaded_db)
    rows = changes(yesterday, today).query("force_id == 'hertfordshire' and period_label == 'May 2024'")
    assert sorted(zip(rows["value"], rows["earlier_value"].fillna(0))) == [(89.0, 0), (90.0, 89.0)]

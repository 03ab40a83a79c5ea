"""Citations as published: every source's title and date are checked against the reference and its own web address.

A title is the publisher's own (from the reference, or the headline the address carries, word for word) or our
description of the page, which starts with the kind of document and is never in quotation marks. A date is the
address's, a reference note's for that page, or the report's publication day for a page reporting it that day;
anything else is left blank. Every failure names the row of data/sources.csv (header = row 1).
"""

from __future__ import annotations

import csv
import re
import sys
from datetime import date
from pathlib import Path

import pytest

from dashboard.store.public_text import public_text_problems

DATA = Path(__file__).parents[1] / "data"
REFERENCE = Path("/work/shared/reference")
sys.path.insert(0, str(DATA / "curation"))
import titles  # noqa: E402  (data/curation is not a package)

sys.path.remove(str(DATA / "curation"))

MONTHS = {m[:3].lower(): i for i, m in enumerate(titles.MONTHS, start=1)}
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)? ([A-Z][a-z]+)\.? (20\d\d)")
_ISO = re.compile(r"(20\d\d)-(\d\d)-(\d\d)")
_DATED_ENDING = re.compile(r",\s*\d{1,2} [A-Z][a-z]+ 20\d\d$")  # 'Publisher, news report on …, 6 February 2025'
QUOTES = re.compile(r"[“”\"‘]|(?:^|\s)'")


def sources() -> list[tuple[int, dict[str, str]]]:
    with open(DATA / "sources.csv", encoding="utf-8") as handle:
        return list(enumerate(csv.DictReader(handle), start=2))


def curated() -> dict[str, dict[str, str]]:
    return titles.read_titles()


def where(line: int, source: dict[str, str]) -> str:
    return f"data/sources.csv row {line} ({source['source_id']})"


def dates_in(text: str) -> set[str]:
    found = set()
    for day, month, year in _DAY_MONTH_YEAR.findall(text):
        if month[:3].lower() in MONTHS:
            try:
                found.add(date(int(year), MONTHS[month[:3].lower()], int(day)).isoformat())
            except ValueError:
                pass
    found |= {f"{y}-{m}-{d}" for y, m, d in _ISO.findall(text)}
    return found


def reference_rows() -> list[str]:
    """Every reference row as text (CSV rows joined, and each text file whole: they cite no addresses)."""
    rows = []
    for path in sorted(REFERENCE.iterdir()):
        if path.suffix == ".csv":
            with open(path, encoding="utf-8") as handle:
                rows += [" , ".join(r.values()) for r in csv.DictReader(handle)]
        elif path.suffix in (".txt", ".md"):
            rows.append(path.read_text(encoding="utf-8"))
    return rows


def grade_rows_citing(url: str) -> list[dict[str, str]]:
    with open(REFERENCE / "peel_grades.csv", encoding="utf-8") as handle:
        return [r for r in csv.DictReader(handle) if r["source_url"] == url]


def test_every_source_with_an_address_is_in_the_curated_mapping_with_the_same_title_kind_publisher_and_date():
    mapping = curated()
    wrong = []
    for line, source in sources():
        if not source["url"]:
            continue
        entry = mapping.get(source["url"])
        if entry is None:
            wrong.append(f"{where(line, source)}: not in data/curation/source_titles.csv")
            continue
        for column in ("title", "title_kind", "publisher", "published"):
            if source[column] != entry[column]:
                wrong.append(f"{where(line, source)}: {column} '{source[column]}' but the mapping says '{entry[column]}'")
    assert wrong == []


def test_every_title_is_the_publishers_own_or_a_description_that_reads_as_one():
    mapping = curated()
    wrong = []
    for line, source in sources():
        title, kind = source["title"], source["title_kind"]
        if kind not in titles.TITLE_KINDS:
            wrong.append(f"{where(line, source)}: title_kind '{kind}' is neither 'title' nor 'description'")
            continue
        if QUOTES.search(title):
            wrong.append(f"{where(line, source)}: '{title}' has quotation marks (pages add them to real titles only)")
        entry = mapping.get(source["url"], {})
        if kind == "title" and source["url"]:
            if entry.get("title_from") == "address":
                if titles.normalised(title) not in titles.address_headlines(source["url"]):
                    wrong.append(f"{where(line, source)}: '{title}' is not the headline its web address carries")
            elif entry.get("title_from") != "reference":
                wrong.append(f"{where(line, source)}: a real title must come from the address or the reference")
        if kind == "description":
            if not title.startswith(titles.DESCRIPTION_STARTS):
                wrong.append(f"{where(line, source)}: description '{title}' does not start with the kind of document")
            if public_text_problems(title):  # our own words: no shorthand a publisher's title may keep
                wrong.append(f"{where(line, source)}: description '{title}': {public_text_problems(title)}")
            if title.startswith(source["publisher"]) or _DATED_ENDING.search(title):
                wrong.append(f"{where(line, source)}: description '{title}' repeats the publisher or ends with a date")
    assert wrong == []


def test_every_date_agrees_with_the_web_address():
    wrong = []
    for line, source in sources():
        published, url = source["published"], source["url"]
        if not published or not url:
            continue
        whole = titles.date_in_url(url)
        if whole and whole != published:
            wrong.append(f"{where(line, source)}: published {published}, but its address says {whole}")
        day = date.fromisoformat(published)
        for year, month in titles.months_in_url(url):
            if day.year != year or (month is not None and day.month != month):
                wrong.append(f"{where(line, source)}: published {published}, but its address says {year}-{month or ''}")
    assert wrong == []


@pytest.mark.skipif(not REFERENCE.exists(), reason="reference files not available")
def test_every_date_and_real_title_is_supported_by_the_reference_or_the_address():
    mapping = curated()
    rows = reference_rows()
    wrong = []
    for line, source in sources():
        url, published = source["url"], source["published"]
        entry = mapping.get(url, {})
        if source["title_kind"] == "title" and entry.get("title_from") == "reference":
            citing = [r for r in rows if url in r or "\n" in r]
            if not any(titles.normalised(source["title"]) in titles.normalised(r) for r in citing):
                wrong.append(f"{where(line, source)}: '{source['title']}' is not in the reference")
        if not published or not url:
            continue
        basis = entry.get("date_from")
        if basis == "address":
            if titles.date_in_url(url) != published:
                wrong.append(f"{where(line, source)}: dated from its address, which does not say {published}")
        elif basis == "reference":
            quote = entry["date_evidence"]
            holding = [r for r in rows if quote and quote in r and (url in r or "\n" in r)]
            if not holding:
                wrong.append(f"{where(line, source)}: the evidence '{quote}' is not in a reference row citing this page")
            # A quote that gives a whole date must give this one; a quote without one must sit in a row that does.
            elif published not in (dates_in(quote) or set().union(*(dates_in(r) for r in holding))):
                wrong.append(f"{where(line, source)}: the evidence '{quote}' does not give {published}")
        elif basis == "report date":
            graded = grade_rows_citing(url)
            if entry["kind"] not in titles.REPORT_DAY_KINDS:
                wrong.append(f"{where(line, source)}: a {entry['kind']} is not dated by the report it mentions")
            if not graded or any(r["published"] != published for r in graded):
                days = sorted({r["published"] or "none" for r in graded})
                wrong.append(f"{where(line, source)}: the reference dates the report {days}, not {published}")
        else:
            wrong.append(f"{where(line, source)}: published {published} with no evidence; leave it blank")
    assert wrong == []


def test_publishers_are_named_not_web_hosts_or_unidentified():
    wrong = [
        f"{where(line, s)}: publisher '{s['publisher']}'"
        for line, s in sources()
        if re.fullmatch(r"[a-z0-9.-]+\.[a-z.]+", s["publisher"]) or "nidentified" in s["publisher"]
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("title", "url", "matches"),
    [
        (
            "Assessment finds Avon and Somerset Police must improve performance",
            "https://www.hellorayo.co.uk/greatest-hits/bath/news/assessment-finds-avon-and-somerset-police-must-improve-performance",
            True,
        ),
        (
            "Crime in England and Wales: year ending March 2024",
            "https://ons.gov.uk/x/crimeinenglandandwales/yearendingmarch2024",
            True,
        ),
        (
            "Concerns raised over Wiltshire Police's performance",
            "https://x/articles/Concerns+raised+over+Wiltshire+Polices+performance+08072022111000?open",
            True,
        ),
        (
            "Force criticised over how it manages sex offenders",
            "https://www.huntspost.co.uk/news/24181263.force-criticised-manages-sex-offenders/",
            False,
        ),
    ],
)
def test_a_title_matches_its_address_only_word_for_word(title, url, matches):
    assert (titles.normalised(title) in titles.address_headlines(url)) is matches


def test_a_date_the_address_contradicts_is_caught():
    url = "https://hmicfrs.justiceinspectorates.gov.uk/publication-html/devon-and-cornwall-police-cause-of-concern-closed-letter-september-2024/"
    assert (2024, 9) in titles.months_in_url(url)
    assert titles.date_in_url("https://www.itv.com/news/westcountry/2022-05-31/avon-and-somerset-police") == "2022-05-31"
    assert titles.date_in_url("https://northyorkshire-pfcc.gov.uk/news/hmicfrs12march2024") == "2024-03-12"

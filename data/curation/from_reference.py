"""Turn the researched reference files into the curated CSVs in data/.

This made the first version of the curated files. Since then data/*.csv are maintained directly and
through the importers (new sources, tracker and timeline rows, extra metrics), so re-running it
overwrites those edits: compare with `git diff` before keeping its output.
It only reshapes: every value comes from a reference row, and rows the reference
marks as probable or not found become "Not known" grades, never guesses.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from collections import OrderedDict
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
import public_notes  # noqa: E402  (sibling modules, not an installed package)
import titles  # noqa: E402

DATA = Path(__file__).resolve().parents[1]

# Official names, short names (the PCC's report wording where it has one), region, country,
# and ONS police force area codes.  The codes were cross-checked against three independent
# open-source lookups of the ONS Open Geography file; see data/README.md.
FORCES = [
    # slug, official name, short name, pfa code, region, country, aliases
    (
        "avon-and-somerset",
        "Avon and Somerset Constabulary",
        "Avon and Somerset",
        "E23000036",
        "South West",
        "England",
        ["Avon & Somerset"],
    ),
    ("bedfordshire", "Bedfordshire Police", "Bedfordshire", "E23000026", "East of England", "England", ["Beds"]),
    ("cambridgeshire", "Cambridgeshire Constabulary", "Cambridgeshire", "E23000023", "East of England", "England", ["Cambs"]),
    ("cheshire", "Cheshire Constabulary", "Cheshire", "E23000006", "North West", "England", []),
    ("city-of-london", "City of London Police", "City of London", "E23000034", "London", "England", ["London, City of"]),
    ("cleveland", "Cleveland Police", "Cleveland", "E23000013", "North East", "England", []),
    ("cumbria", "Cumbria Constabulary", "Cumbria", "E23000002", "North West", "England", []),
    ("derbyshire", "Derbyshire Constabulary", "Derbyshire", "E23000018", "East Midlands", "England", []),
    (
        "devon-and-cornwall",
        "Devon and Cornwall Police",
        "Devon and Cornwall",
        "E23000035",
        "South West",
        "England",
        ["Devon & Cornwall"],
    ),
    ("dorset", "Dorset Police", "Dorset", "E23000039", "South West", "England", []),
    ("durham", "Durham Constabulary", "Durham", "E23000008", "North East", "England", []),
    ("dyfed-powys", "Dyfed-Powys Police", "Dyfed-Powys", "W15000004", "Wales", "Wales", ["Dyfed Powys"]),
    ("essex", "Essex Police", "Essex", "E23000028", "East of England", "England", []),
    ("gloucestershire", "Gloucestershire Constabulary", "Gloucestershire", "E23000037", "South West", "England", []),
    ("greater-manchester", "Greater Manchester Police", "Greater Manchester", "E23000005", "North West", "England", ["GMP"]),
    ("gwent", "Gwent Police", "Gwent", "W15000002", "Wales", "Wales", []),
    (
        "hampshire",
        "Hampshire and Isle of Wight Constabulary",
        "Hampshire and Isle of Wight",
        "E23000030",
        "South East",
        "England",
        ["Hampshire Constabulary", "Hampshire", "Hampshire & Isle of Wight"],
    ),
    (
        "hertfordshire",
        "Hertfordshire Constabulary",
        "Hertfordshire",
        "E23000027",
        "East of England",
        "England",
        ["Herts", "Herts Police", "Hertfordshire Police"],
    ),
    ("humberside", "Humberside Police", "Humberside", "E23000012", "Yorkshire and The Humber", "England", []),
    ("kent", "Kent Police", "Kent", "E23000032", "South East", "England", []),
    ("lancashire", "Lancashire Constabulary", "Lancashire", "E23000003", "North West", "England", []),
    ("leicestershire", "Leicestershire Police", "Leicestershire", "E23000021", "East Midlands", "England", []),
    ("lincolnshire", "Lincolnshire Police", "Lincolnshire", "E23000020", "East Midlands", "England", []),
    ("merseyside", "Merseyside Police", "Merseyside", "E23000004", "North West", "England", []),
    (
        "metropolitan",
        "Metropolitan Police Service",
        "Metropolitan",
        "E23000001",
        "London",
        "England",
        ["Metropolitan Police", "Met", "Met Police"],
    ),
    ("norfolk", "Norfolk Constabulary", "Norfolk", "E23000024", "East of England", "England", []),
    ("north-wales", "North Wales Police", "North Wales", "W15000001", "Wales", "Wales", []),
    ("north-yorkshire", "North Yorkshire Police", "North Yorkshire", "E23000009", "Yorkshire and The Humber", "England", []),
    ("northamptonshire", "Northamptonshire Police", "Northamptonshire", "E23000022", "East Midlands", "England", ["Northants"]),
    ("northumbria", "Northumbria Police", "Northumbria", "E23000007", "North East", "England", []),
    ("nottinghamshire", "Nottinghamshire Police", "Nottinghamshire", "E23000019", "East Midlands", "England", ["Notts"]),
    ("south-wales", "South Wales Police", "South Wales", "W15000003", "Wales", "Wales", []),
    ("south-yorkshire", "South Yorkshire Police", "South Yorkshire", "E23000011", "Yorkshire and The Humber", "England", []),
    ("staffordshire", "Staffordshire Police", "Staffordshire", "E23000015", "West Midlands", "England", ["Staffs"]),
    ("suffolk", "Suffolk Constabulary", "Suffolk", "E23000025", "East of England", "England", []),
    ("surrey", "Surrey Police", "Surrey", "E23000031", "South East", "England", []),
    ("sussex", "Sussex Police", "Sussex", "E23000033", "South East", "England", []),
    ("thames-valley", "Thames Valley Police", "Thames Valley", "E23000029", "South East", "England", ["TVP"]),
    ("warwickshire", "Warwickshire Police", "Warwickshire", "E23000017", "West Midlands", "England", []),
    ("west-mercia", "West Mercia Police", "West Mercia", "E23000016", "West Midlands", "England", []),
    ("west-midlands", "West Midlands Police", "West Midlands", "E23000014", "West Midlands", "England", []),
    ("west-yorkshire", "West Yorkshire Police", "West Yorkshire", "E23000010", "Yorkshire and The Humber", "England", []),
    ("wiltshire", "Wiltshire Police", "Wiltshire", "E23000038", "South West", "England", []),
]
# Places that figures are published for but that are not one of the 43 forces.
OTHER_PLACES = [
    (
        "england-and-wales",
        "England and Wales",
        "England and Wales",
        "england_and_wales",
        ["England and Wales (43 forces)", "England & Wales"],
    ),
    (
        "united-kingdom",
        "United Kingdom (all 44 forces including Police Scotland)",
        "United Kingdom",
        "united_kingdom",
        ["United Kingdom (all 44 forces incl. Police Scotland)", "United Kingdom (all forces incl. Police Scotland)", "UK"],
    ),
    ("police-scotland", "Police Scotland", "Police Scotland", "outside_england_and_wales", ["Scotland"]),
]

AREAS = {
    # cycle -> [(area_id, official name in reference, short name, theme)]
    "2023-25": [
        ("police-powers", "Police powers and public treatment", "Police powers and public treatment", "treatment"),
        ("preventing-crime", "Preventing crime and antisocial behaviour", "Preventing crime", "prevention"),
        ("responding", "Responding to the public", "Responding to the public", "responding"),
        ("investigating", "Investigating crime", "Investigating crime", "investigating"),
        ("vulnerable", "Protecting vulnerable people", "Protecting vulnerable people", "vulnerable"),
        ("offenders", "Managing offenders and suspects", "Managing offenders", "offenders"),
        ("workforce", "Developing a positive workplace", "Developing a positive workplace", "workforce"),
        ("leadership", "Leadership and force management", "Leadership and force management", "leadership"),
        ("crime-recording", "Recording data about crime", "Recording data about crime", "recording"),
    ],
    "2021-22": [
        ("treatment", "Treatment of the public", "Treatment of the public", "treatment"),
        ("preventing-crime", "Preventing crime and anti-social behaviour", "Preventing crime", "prevention"),
        ("responding", "Responding to the public", "Responding to the public", "responding"),
        ("investigating", "Investigating crime", "Investigating crime", "investigating"),
        ("vulnerable", "Protecting vulnerable people", "Protecting vulnerable people", "vulnerable"),
        ("offenders", "Managing offenders and suspects", "Managing offenders", "offenders"),
        ("workforce", "Developing a positive workplace", "Developing a positive workplace", "workforce"),
        ("resources", "Good use of resources", "Good use of resources", "leadership"),
        ("crime-recording", "Recording data about crime", "Recording data about crime", "recording"),
    ],
}

PRIMARY_HOSTS = {
    "hmicfrs.justiceinspectorates.gov.uk": ("HMICFRS", "inspectorate finding"),
    "www.justiceinspectorates.gov.uk": ("HMICFRS", "inspectorate finding"),
    "justiceinspectorates.gov.uk": ("HMICFRS", "inspectorate finding"),
    "www.gov.uk": ("Home Office", "official statistics"),
    "ons.gov.uk": ("Office for National Statistics", "official statistics"),
    "www.ons.gov.uk": ("Office for National Statistics", "official statistics"),
    "www.police.uk": ("police.uk (Home Office)", "official statistics"),
}
STATEMENT_HOSTS = ("pcc", "pfcc", "commissioner", "police.uk", "polfed", "mynewsdesk", "sypfcopperconnection", "council")
PUBLISHERS = {
    "www.wired-gov.net": "WiredGov (copy of a press release)",
    "feeds.bbci.co.uk": "BBC News",
    "www.bbc.co.uk": "BBC News",
    "www.itv.com": "ITV News",
    "github.com": "Resistance Lab (cleaned copy of Home Office tables)",
    "www.thecomet.net": "The Comet",
    "www.hemeltoday.co.uk": "Hemel Today",
    "www.hertford.org.uk": "Hertford.org.uk",
    "www.northamptonchron.co.uk": "Northampton Chronicle & Echo",
    "thebuzzinghub.com": "The Buzzing Hub (copy of a MailOnline analysis)",
    "www.independent.co.uk": "The Independent",
    "watfordobserver.co.uk": "Watford Observer",
    "www.herts-pcc.gov.uk": "Hertfordshire Police and Crime Commissioner",
    "hertscommissioner.org": "Hertfordshire Police and Crime Commissioner",
    "polfed.org": "Police Federation",
    "www.polfed.org": "Police Federation",
}
# Figures whose source gives no dates: the label says what the source does say, so that
# two undated figures for the same force and metric stay distinct.
UNDATED_LABELS = {
    ("Kent Police", "crime_recording_rate_pct", "96.6"): "Later re-inspection (audit period not stated)",
    ("Hertfordshire Constabulary", "population", "1180000"): "Date not stated (PEEL 2018 page)",
    ("Hertfordshire Constabulary", "population", "1170000"): "Date not stated (PEEL 2016 page)",
    ("Hertfordshire Constabulary", "population", "1140000"): "Date not stated (PEEL 2015 page)",
    ("North Wales Police", "pct_999_answered_10s", "82.2"): "PEEL 2023-25 inspection (period not stated)",
    # Dated by the inspection's fieldwork window, not the audit sample's (which was not seen).
    (
        "Hertfordshire Constabulary",
        "crime_recording_rate_pct",
        "82.6",
    ): "PEEL 2023-25 inspection (fieldwork December 2023 to June 2024)",
    (
        "Hertfordshire Constabulary",
        "crime_recording_rate_violence_pct",
        "75.7",
    ): "PEEL 2023-25 inspection (fieldwork December 2023 to June 2024)",
    ("Hertfordshire Constabulary", "csew_confidence_good_excellent_pct", "83.9"): "Period not stated (PCC annual report 2018-19)",
}
# Periods the reference gives in part (dated from that part, so "latest" means the latest period end), or that it
# assumed (the figure keeps no dates and its label says what the source does say). Never a date the source lacks.
PERIODS = {
    # 'at the end of 2021/22 inspections': the part given is 2021/22, the year to March 2022.
    ("England and Wales", "crime_recording_rate_pct", "92.4"): ("2021-04-01", "2022-03-31", ""),
    # 'in 2014': the calendar year 2014.
    ("England and Wales", "crime_recording_rate_pct", "80.5"): ("2014-01-01", "2014-12-31", ""),
    # The fifth pass's assumed periods: the source gives only what the label says.
    ("Hertfordshire Constabulary", "positive_outcome_rate_pct", "13.6"): (
        "",
        "",
        "Three months before early July 2025 (months not stated)",
    ),
    ("Hertfordshire Constabulary", "crimes_solved_change_pct", "30"): (
        "",
        "",
        "From January 2025 to early July 2025 (end not stated), against the same months of 2024",
    ),
    ("Hertfordshire Constabulary", "burglary_attendance_pct", "99"): (
        "",
        "",
        "Period not stated (said with the April 2024 to February 2025 burglary figures)",
    ),
    ("Hertfordshire Constabulary", "residential_burglaries_per_day_avg", "7"): ("", "", "A typical day (said in October 2022)"),
    ("Hertfordshire Constabulary", "mean_101_answer_seconds", "71"): (
        "",
        "",
        "Averaging period not stated (said in November 2018)",
    ),
    ("Hertfordshire Constabulary", "mean_999_answer_seconds", "8"): (
        "",
        "",
        "Averaging period not stated (said in November 2018)",
    ),
    ("Hertfordshire Constabulary", "calls_101_per_day_avg", "1000"): (
        "",
        "",
        "Averaging period not stated (said in November 2018)",
    ),
    ("United Kingdom (all forces incl. Police Scotland)", "calls_999_per_year", "12000000"): (
        "",
        "",
        "A year (said on 31 May 2022)",
    ),
}
PCC_REPORT_ID = "herts-pcc-report-peel-2023-25"
IMPORTER_METRICS = (
    (
        "calls_999_answered_10s",
        "999 calls answered within 10 seconds (number)",
        "calls",
        "",
        "Number of 999 calls routed to the force that it answered within 10 seconds; the clock includes the telephone network's connection time",
    ),
    (
        "calls_999_answered_10_60s",
        "999 calls answered in 10 to 60 seconds (number)",
        "calls",
        "",
        "Number of 999 calls answered after 10 seconds but within 60 seconds",
    ),
    (
        "pct_999_answered_10_60s",
        "999 calls answered in 10 to 60 seconds",
        "percent",
        "",
        "Share of 999 calls answered after 10 seconds but within 60 seconds",
    ),
    (
        "calls_999_answered_over_60s",
        "999 calls answered after more than 60 seconds (number)",
        "calls",
        "",
        "Number of 999 calls answered after more than 60 seconds",
    ),
    (
        "pct_999_answered_over_60s",
        "999 calls answered after more than 60 seconds",
        "percent",
        "false",
        "Share of 999 calls answered after more than 60 seconds",
    ),
)
OGL = "Open Government Licence v3.0"


def source_id_for(url: str) -> str:
    host = urlparse(url).netloc.removeprefix("www.")
    stem = re.sub(r"[^a-z0-9]+", "-", host.lower()).strip("-")
    return f"{stem}-{hashlib.sha1(url.encode()).hexdigest()[:6]}"


class Sources:
    def __init__(self) -> None:
        self.rows: OrderedDict[str, dict] = OrderedDict()
        self.curated = titles.read_titles()
        self.rows[PCC_REPORT_ID] = {
            "source_id": PCC_REPORT_ID,
            "publisher": "Hertfordshire Police and Crime Commissioner",
            # The first line of the report, as the reference holds it.
            "title": "Report to Police & Crime Panel PEEL 2023-25: An inspection of Hertfordshire Constabulary",
            "title_kind": "title",
            "url": "",
            "published": "",
            "tier": "secondary",
            "status": "force or PCC statement",
            "licence": "Published by the PCC; facts cited",
            "public_note": "The PCC's own account of the inspection. It reproduces the inspectorate's grade table; "
            "the inspectorate's report is the original. Its web address was not recorded.",
            "curation_note": "Reference file 000_bef393bfe109e5dc.txt; no URL or date of its own in the text "
            "(the reference README dates it 16 October 2024, the inspectorate's publication date).",
        }

    def add(self, url: str) -> str:
        url = url.strip()
        if not url.startswith("http"):
            return ""
        sid = source_id_for(url)
        if sid in self.rows:
            return sid
        host = urlparse(url).netloc
        if host in PRIMARY_HOSTS:
            publisher, status = PRIMARY_HOSTS[host]
            tier, licence = "primary", OGL
        else:
            publisher = PUBLISHERS.get(host, host.removeprefix("www."))
            tier, licence = "secondary", "Cited for the facts it reports"
            if "wired-gov" in host:
                status = "copy of a press release"
            elif any(s in host for s in STATEMENT_HOSTS):
                status = "force or PCC statement"
            elif host in ("github.com", "thebuzzinghub.com"):
                status = "third-party analysis"
            else:
                status = "news report"
        self.rows[sid] = {
            "source_id": sid,
            "publisher": titles.publisher_name(url, publisher),
            "title": "",
            "title_kind": "",
            "url": url,
            "published": "",
            "tier": tier,
            "status": status,
            "licence": licence,
            "public_note": "",
            "curation_note": "",
        }
        self.apply_title(self.rows[sid])
        return sid

    def apply_title(self, row: dict) -> bool:
        """Title, its kind, publisher, date and status from source_titles.csv; False when the address is not there."""
        entry = self.curated.get(row["url"])
        if entry is None:
            return False
        row["title"], row["title_kind"] = entry["title"], entry["title_kind"]
        row["publisher"], row["published"] = entry["publisher"], entry["published"]
        row["status"] = titles.KIND_STATUS[entry["kind"]]
        return True

    def apply_titles(self) -> None:
        """Every source with a web address is cited as source_titles.csv says; a new address stops the script."""
        missing = [row["url"] for row in self.rows.values() if row["url"] and not self.apply_title(row)]
        if missing:
            sys.exit(
                "Add these addresses to data/curation/source_titles.csv (title or description, date and evidence):\n  "
                + "\n  ".join(missing)
            )

    def keep_hand_curated(self, cited: set[str]) -> None:
        """Sources added by hand to data/sources.csv that hand-curated files still cite."""
        path = DATA / "sources.csv"
        if not path.exists():
            return
        for row in csv.DictReader(open(path, encoding="utf-8")):
            if row["source_id"] in cited and row["source_id"] not in self.rows:
                row.setdefault("title_kind", "")
                row.setdefault("curation_note", "")
                self.rows[row["source_id"]] = {k: row[k] for k in self.rows[PCC_REPORT_ID]}


def write(name: str, rows: list[dict]) -> None:
    with open(DATA / name, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{name}: {len(rows)} rows")


def authority(source: dict) -> tuple[int, int]:
    """Sort key, most authoritative first: official document (or a copy of its press release) > PCC or force document > news."""
    rank = {"primary": 0}.get(source["tier"], 1)
    status = {"copy of a press release": 0, "force or PCC statement": 1}.get(source["status"], 2)
    return (rank, status if rank else 0)


SHORT_PLACES = {f[1]: f[2] for f in FORCES} | {
    "United Kingdom (all 44 forces incl. Police Scotland)": "the United Kingdom",
    "United Kingdom (all forces incl. Police Scotland)": "the United Kingdom",
}
ALSO_STATED = re.compile(r"\balso (?:stated in |reported in |in )?(https?://[^\s;,)\"']+)")
# Hand-corrected standards (see data/README.md), kept when the script is re-run.
STANDARD_TEXT = {
    "mean_999_answer_seconds": "No national standard in England and Wales (Police Scotland is held to a mean under 10 seconds)",
}


def mid_sentence(name: str) -> str:
    """'Number of 999 calls' → 'number of 999 calls', but 'CSEW headline crime' keeps its capitals."""
    return name if name[1:2].isupper() else name[:1].lower() + name[1:]


def observation_note(row: dict) -> str:
    figure = (row["force"], row["metric"], row["value"])
    text = public_notes.FIFTH_PASS_NOTES.get(figure) or public_notes.observation_public_note(row["note"])
    if figure in public_notes.DOUBTS:
        text = f"{text} {public_notes.DOUBTS[figure]}".strip()
    if row["metric"] == "pct_101_answered_90s" and row["force"] == "Hertfordshire Constabulary" and "own measure" not in text:
        text = ("Hertfordshire's own measure, as reported to the PCC. " + text).strip()
    return text


def main(reference: Path) -> None:
    sources = Sources()
    by_name = {f[1]: f[0] for f in FORCES}
    alias_rows = []
    for slug, name, short, code, region, country, aliases in FORCES:
        for alias in aliases:
            alias_rows.append({"alias": alias, "force_id": slug})
    for slug, name, short, kind, aliases in OTHER_PLACES:
        by_name[name] = slug
        for alias in aliases:
            alias_rows.append({"alias": alias, "force_id": slug})
            by_name[alias] = slug
    by_name["Hampshire Constabulary"] = "hampshire"

    write(
        "forces.csv",
        [
            {"force_id": s, "name": n, "short_name": sh, "kind": "force", "pfa_code": c, "region": r, "country": co}
            for s, n, sh, c, r, co, _ in FORCES
        ]
        + [
            {"force_id": s, "name": n, "short_name": sh, "kind": k, "pfa_code": "", "region": "", "country": ""}
            for s, n, sh, k, _ in OTHER_PLACES
        ],
    )
    write("force_aliases.csv", alias_rows)

    area_rows, area_lookup = [], {}
    for cycle, areas in AREAS.items():
        for order, (area_id, name, short, theme) in enumerate(areas, start=1):
            area_rows.append(
                {"cycle_id": cycle, "area_id": area_id, "name": name, "short_name": short, "theme_id": theme, "sort_order": order}
            )
            area_lookup[(cycle, name)] = area_id
    write("areas.csv", area_rows)

    grade_rows = []
    for row in csv.DictReader(open(reference / "peel_grades.csv", encoding="utf-8")):
        tag = row["note"].split("]")[0].lstrip("[")
        known = tag in ("stated", "derived") and row["grade"] != "NOT FOUND"
        force_id = by_name[row["force"]]
        area_id = area_lookup[(row["cycle"], row["area"])]
        grade = row["grade"] if known else "Not known"
        evidence = tag if known else ("probable only" if tag == "probable" else "not found")
        cited = [sources.add(row["source_url"])]
        # Pages the research note says also state the grade: kept as corroboration.
        for url in ALSO_STATED.findall(row["note"]):
            sid = sources.add(url.rstrip("."))
            if sid and sid not in cited:
                cited.append(sid)
        if force_id == "hertfordshire" and row["cycle"] == "2023-25":
            # The PCC's report to the Panel states every grade; it is the best source held (see data/README.md).
            cited.insert(0, PCC_REPORT_ID)
        cited = [c for c in cited if c]
        best = sorted(cited, key=lambda sid: authority(sources.rows[sid])) if known or cited else cited
        if evidence == "derived":
            # A worked-out grade is stated by no source: cite the page whose counts it rests on, list no one as also
            # stating it (Avon and Somerset's listed a radio station for grades it never named).
            best = best[:1]
        grade_rows.append(
            {
                "force_id": force_id,
                "cycle_id": row["cycle"],
                "area_id": area_id,
                "grade": grade,
                "evidence": evidence,
                "published": row["published"],
                "source_id": best[0] if best else "",
                "corroborating_source_ids": ";".join(best[1:]),
                "public_note": public_notes.grade_public_note(force_id, row["cycle"], area_id, grade, evidence, row["note"]),
                "curation_note": row["note"],
            }
        )
    write("grades.csv", grade_rows)

    # Hertfordshire 2021-22 is known only as counts, from the PCC's report.
    write(
        "grade_counts.csv",
        [
            {
                "force_id": "hertfordshire",
                "cycle_id": "2021-22",
                "grade": g,
                "area_count": n,
                "graded_areas": 8,
                "published": "2023-02",
                "source_id": PCC_REPORT_ID,
                "public_note": "Counts only: which area received which grade is not stated in the sources held.",
                "curation_note": "",
            }
            for g, n in (("Good", 2), ("Adequate", 5), ("Requires improvement", 1))
        ],
    )

    finding_rows = []
    for row in csv.DictReader(open(reference / "herts_2023_25_findings.csv", encoding="utf-8")):
        finding_rows.append(
            {
                "force_id": "hertfordshire",
                "cycle_id": "2023-25",
                "area_id": area_lookup[("2023-25", row["area"])],
                "kind": row["kind"],
                "summary": row["summary"],
                "source_id": sources.add(row["source_url"]),
            }
        )
    for summary in (
        "Improving court attendance by suspects.",
        "Knife-crime prevention work with young people.",
        "The Chrysalis Centre's work with domestic-abuse perpetrators.",
        "Referral processes when adults with Alzheimer's or dementia go missing.",
    ):
        finding_rows.append(
            {
                "force_id": "hertfordshire",
                "cycle_id": "2023-25",
                "area_id": "",
                "kind": "innovative_practice",
                "summary": summary
                + " Named by the PCC as 'promising and innovative practice'; the report does not say which of the two labels, or which area, applies.",
                "curation_note": "",
                "source_id": PCC_REPORT_ID,
            }
        )
    for i, row in enumerate(finding_rows, start=1):
        row["finding_id"] = f"herts-2023-25-{i:02d}"
        row["curation_note"] = ""
        if i in public_notes.FINDING_TEXT:
            row["curation_note"] = row["summary"]
            row["summary"] = public_notes.FINDING_TEXT[i][0]
    write("findings.csv", [{"finding_id": r.pop("finding_id"), **r} for r in finding_rows])

    metric_rows = []
    themes = {
        "pct_999_answered_10s": "responding",
        "mean_999_answer_seconds": "responding",
        "calls_999": "responding",
        "pct_101_answered_90s": "responding",
        "crime_recording_rate_pct": "recording",
        "crime_recording_rate_violence_pct": "recording",
        "crime_recording_rate_sexual_pct": "recording",
        "charge_rate_pct": "investigating",
    }
    standards = {"pct_999_answered_10s": 90.0}
    skip_metrics = {"peel_grade", "peel_grade_legacy", "crime_recording_rate_ci_pp", "crime_recording_rate_violence_ci_pp"}
    for row in csv.DictReader(open(reference / "metric_definitions.csv", encoding="utf-8")):
        if row["metric"] in skip_metrics:
            continue
        hib = row["higher_is_better"].strip().lower()
        definition, standard = public_notes.METRIC_TEXT.get(row["metric"], (None, None))
        metric_rows.append(
            {
                "metric_id": row["metric"],
                "name": public_notes.METRIC_NAMES.get(row["metric"], row["name"]),
                "unit": public_notes.METRIC_UNITS.get(row["metric"], row["unit"]),
                "higher_is_better": {"yes": "true", "no": "false"}.get(hib.split(" ")[0], ""),
                "standard_value": standards.get(row["metric"], ""),
                "standard_text": standard or STANDARD_TEXT.get(row["metric"], row["standard_or_target"]),
                "definition": definition or row["definition"],
                "publisher": public_notes.METRIC_PUBLISHERS.get(row["metric"], row["publisher"]),
                "theme_id": themes.get(row["metric"], ""),
                "source_id": sources.add(row["source_url"]),
                "curation_note": "; ".join(
                    f"reference {k}: {row[v]}"
                    for k, v, new in (
                        ("name", "name", public_notes.METRIC_NAMES.get(row["metric"])),
                        ("unit", "unit", public_notes.METRIC_UNITS.get(row["metric"])),
                        ("definition", "definition", definition),
                        ("standard", "standard_or_target", standard),
                        ("publisher", "publisher", public_notes.METRIC_PUBLISHERS.get(row["metric"])),
                    )
                    if new and row[v]
                ),
            }
        )
    # Measures the police.uk 999 importer stores (dashboard/store/importers/police_uk_999.py); not in the reference.
    police_uk_999 = "https://www.police.uk/pu/your-area/derbyshire-constabulary/performance/999-performance-data/"
    for metric_id, name, unit, hib, definition in IMPORTER_METRICS:
        metric_rows.append(
            {
                "metric_id": metric_id,
                "name": name,
                "unit": unit,
                "higher_is_better": hib,
                "standard_value": "",
                "standard_text": "",
                "definition": definition,
                "publisher": "Home Office (police.uk, monthly by force)",
                "theme_id": "responding",
                "source_id": sources.add(police_uk_999),
                "curation_note": "Not in the reference: a column the police.uk monthly 999 file is described as carrying.",
            }
        )
    write("metrics.csv", metric_rows)
    metric_ids = {m["metric_id"] for m in metric_rows}

    # Confidence-interval half-widths sit on their own rows in the reference; fold them into
    # the estimate they belong to.
    raw = list(csv.DictReader(open(reference / "observations.csv", encoding="utf-8")))
    ci = {
        (r["force"], r["metric"].replace("_ci_pp", "_pct"), r["period_start"], r["period_end"]): r["value"]
        for r in raw
        if r["metric"].endswith("_ci_pp")
    }
    obs_rows, excluded = [], []
    for row in raw:
        if row["metric"].endswith("_ci_pp"):
            continue
        if row["metric"] not in metric_ids or not row["value"].strip():
            excluded.append(row)
            continue
        figure = (row["force"], row["metric"], row["value"])
        start, end, label = PERIODS.get(figure, (row["period_start"], row["period_end"], UNDATED_LABELS.get(figure, "")))
        obs_rows.append(
            {
                "force_id": by_name[row["force"]],
                "metric_id": row["metric"],
                "period_start": start,
                "period_end": end,
                "period_label": label,
                "value": row["value"],
                "numerator": row["numerator"],
                "denominator": row["denominator"],
                "ci_half_width": ci.get((row["force"], row["metric"], row["period_start"], row["period_end"]), ""),
                "source_id": sources.add(row["source_url"]),
                "public_note": observation_note(row),
                "curation_note": row["note"],
            }
        )
    write("observations.csv", obs_rows)
    print("excluded observation rows (no value, or a grade held elsewhere):")
    for row in excluded:
        print("  ", row["force"], row["metric"], row["period_start"], row["period_end"], row["note"][:70])

    write(
        "peer_groups.csv",
        [
            {
                "group_id": "hertfordshire-msg-2020",
                "force_id": "hertfordshire",
                "member_force_id": m,
                "name": "Most similar group (as listed by the PCC, July 2020)",
                "source_id": sources.add(
                    "https://hertscommissioner.org/2020-07-report-shows-officer-numbers-up-and-crime-down-in-herts"
                ),
            }
            for m in ("avon-and-somerset", "hampshire", "leicestershire", "staffordshire", "surrey", "sussex", "thames-valley")
        ],
    )
    cited = set()
    for name in ("improvement_actions.csv", "timeline_events.csv"):
        if (DATA / name).exists():
            cited |= {r["source_id"] for r in csv.DictReader(open(DATA / name, encoding="utf-8"))}
    sources.keep_hand_curated(cited)
    sources.apply_titles()
    write("sources.csv", list(sources.rows.values()))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference"))

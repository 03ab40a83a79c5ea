"""Real titles for sources: the checked-in mapping (source_titles.csv) and how its drafts were made.

`from_reference.py` applies source_titles.csv, so regeneration keeps every curated title. Run this
module to add draft rows for sources not yet in the mapping (existing rows are never touched), then
edit the drafts by hand: a headline where the notes or the page give one, otherwise
"Publisher, kind of document on subject, date". Dates only where the evidence gives one.
"""

from __future__ import annotations

import csv
import re
import sys
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
TITLES_FILE = HERE / "source_titles.csv"
FIELDS = ["url", "title", "publisher", "published", "kind"]

# Publisher names as the publishers write them, by web host.
PUBLISHER_NAMES = {
    "438-5a54ced810435.radiocms.com": "Greatest Hits Radio",
    "banburyfm.com": "Banbury FM",
    "biggleswadetowncouncil.gov.uk": "Biggleswade Town Council",
    "d33gy59ovltp76.cloudfront.net": "Unidentified news site (page hosted on cloudfront.net)",
    "democracy.carmarthenshire.gov.wales": "Carmarthenshire County Council (Dyfed-Powys Police and Crime Panel)",
    "democracy.durham.gov.uk": "Durham County Council (Durham Police and Crime Panel)",
    "dorsetview.co.uk": "Dorset View",
    "epsomandewelltimes.com": "Epsom and Ewell Times",
    "fdocuments.net": "fdocuments.net (copy of a Home Office statistical release)",
    "feeds.bbci.co.uk": "BBC News",
    "github.com": "Resistance Lab (cleaned copy of Home Office tables)",
    "government-world.com": "Government World (copy of a government press release)",
    "hellorayo.co.uk": "Greatest Hits Radio",
    "www.hellorayo.co.uk": "Greatest Hits Radio",
    "hertscommissioner.org": "Hertfordshire Police and Crime Commissioner",
    "hitchin.nub.news": "Hitchin Nub News",
    "hmicfrs.justiceinspectorates.gov.uk": "HMICFRS",
    "www.justiceinspectorates.gov.uk": "HMICFRS",
    "issuu.com.": "Greater Manchester Police (on Issuu)",
    "lichfieldlive.co.uk": "Lichfield Live",
    "lincolnshire-pcc.gov.uk": "Lincolnshire Police and Crime Commissioner",
    "martini.thecomet.net": "The Comet",
    "matthewscott.org.uk": "Kent Police and Crime Commissioner (Matthew Scott)",
    "norfolk-pcc.gov.uk": "Norfolk Police and Crime Commissioner",
    "northantspfcc.org.uk": "Northamptonshire Police, Fire and Crime Commissioner",
    "northyorkshire-pfcc.gov.uk": "North Yorkshire Police, Fire and Crime Commissioner",
    "nrslogisticsus.com": "nrslogisticsus.com (copy of published statistics)",
    "nyenquirer.uk": "North Yorkshire Enquirer",
    "ons.gov.uk": "Office for National Statistics",
    "www.ons.gov.uk": "Office for National Statistics",
    "opencouncil.network": "Open Council Network (copy of council meeting papers)",
    "plainsmenpost.com": "Plainsmen Post",
    "polfed.org": "Police Federation",
    "www.polfed.org": "Police Federation",
    "policeprofessional.com": "Police Professional",
    "www.policeprofessional.com": "Police Professional",
    "publicsectorexecutive.com": "Public Sector Executive",
    "rdg.today": "Reading Today",
    "sypfcopperconnection.co.uk": "South Yorkshire Police Federation (Copper Connection)",
    "tattenhamprestonresidents.org.uk": "Tattenhams and Preston Residents' Association",
    "thebuzzinghub.com": "The Buzzing Hub (copy of a MailOnline analysis)",
    "thenantwichnews.co.uk": "Nantwich News",
    "thetelegraphandargus.co.uk": "Telegraph & Argus",
    "thurrock56.rssing.com": "RSSing (copy of a Thurrock news feed)",
    "vdocuments.us": "vdocuments.us (copy of a PCC annual report)",
    "watfordobserver.co.uk": "Watford Observer",
    "www.watfordobserver.co.uk": "Watford Observer",
    "westbridgfordwire.com": "West Bridgford Wire",
    "wiltshiretimes.co.uk": "Wiltshire Times",
    "www.accountabilityindex.uk": "Accountability Index",
    "www.advertiserandtimes.co.uk": "Advertiser and Times",
    "www.bbc.co.uk": "BBC News",
    "www.berkhamstedtoday.co.uk": "Berkhamsted Today",
    "www.bournemouthecho.co.uk": "Bournemouth Echo",
    "www.brightonandhovenews.org": "Brighton and Hove News",
    "www.cambrian-news.co.uk": "Cambrian News",
    "www.cornish-times.co.uk": "Cornish Times",
    "www.cravenherald.co.uk": "Craven Herald",
    "www.deeside.com": "Deeside.com",
    "www.derbyshire.police.uk": "Derbyshire Constabulary",
    "www.dissexpress.co.uk": "Diss Express",
    "www.essex.police.uk": "Essex Police",
    "www.gloucestershire-pcc.gov.uk": "Gloucestershire Police and Crime Commissioner",
    "www.gov.uk": "Home Office",
    "www.hartlepoolmail.co.uk": "Hartlepool Mail",
    "www.hemeltoday.co.uk": "Hemel Today",
    "www.hertford.org.uk": "Hertford.org.uk",
    "www.herts-pcc.gov.uk": "Hertfordshire Police and Crime Commissioner",
    "www.huntspost.co.uk": "The Hunts Post",
    "www.independent.co.uk": "The Independent",
    "www.itv.com": "ITV News",
    "www.keighleynews.co.uk": "Keighley News",
    "www.kentonline.co.uk": "KentOnline",
    "www.lep.co.uk": "Lancashire Evening Post",
    "www.lowestoftjournal.co.uk": "Lowestoft Journal",
    "www.meltontimes.co.uk": "Melton Times",
    "www.merseysidepcc.info": "Merseyside Police and Crime Commissioner",
    "www.mynewsdesk.com": "Thames Valley Police (on Mynewsdesk)",
    "www.northamptonchron.co.uk": "Northampton Chronicle & Echo",
    "www.northyorkshire.police.uk": "North Yorkshire Police",
    "www.parikiaki.com": "Parikiaki",
    "www.peterboroughtoday.co.uk": "Peterborough Today",
    "www.police.uk": "police.uk (Home Office)",
    "www.shieldsgazette.com": "Shields Gazette",
    "www.southwalesargus.co.uk": "South Wales Argus",
    "www.stratford-herald.com": "Stratford Herald",
    "www.sussexexpress.co.uk": "Sussex Express",
    "www.thecomet.net": "The Comet",
    "www.thenorthernecho.co.uk": "The Northern Echo",
    "www.thetottenhamindependent.co.uk": "Tottenham Independent",
    "www.thisisthecoast.co.uk": "This is the Coast",
    "www.warwickshireworld.com": "Warwickshire World",
    "www.whtimes.co.uk": "Welwyn Hatfield Times",
    "www.wired-gov.net": "WiredGov",
    "www.yorkshireeveningpost.co.uk": "Yorkshire Evening Post",
}

MONTHS = ("January February March April May June July August September October November December").split()


def publisher_name(url: str, fallback: str) -> str:
    return PUBLISHER_NAMES.get(urlparse(url).netloc, fallback)


def date_in_url(url: str) -> str:
    """A date the web address itself carries: /2024/10/16/, /2024-07-23/, WiredGov's ddmmyyyyhhmmss."""
    for pattern, order in (
        (r"/(20\d{2})/(\d{2})/(\d{2})/", "ymd"),
        (r"/(20\d{2})-(\d{2})-(\d{2})/", "ymd"),
        (r"(\d{2})(\d{2})(20\d{2})\d{6}(?:\?open)?$", "dmy"),
    ):
        found = re.search(pattern, url)
        if found:
            a, b, c = found.groups()
            y, m, d = (a, b, c) if order == "ymd" else (c, b, a)
            try:
                return date(int(y), int(m), int(d)).isoformat()
            except ValueError:
                return ""
    return ""


def long_date(iso: str) -> str:
    if not iso:
        return ""
    day = date.fromisoformat(iso)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def kind_of(url: str, status: str) -> str:
    """What sort of document the page is, in words."""
    path = urlparse(url).path
    host = urlparse(url).netloc
    if "justiceinspectorates" in host:
        if "/peel-reports/" in path:
            return "inspection report"
        if "/news/" in path:
            return "press release"
        if "letter" in path:
            return "letter"
        if "crime-data-integrity" in path:
            return "crime data integrity inspection report"
        return "web page"
    if "wired-gov" in host:
        return "copy of a press release"
    if host.endswith("ons.gov.uk"):
        return "statistical bulletin" if "/bulletins/" in path else "dataset"
    if host == "www.gov.uk":
        return "official statistics"
    if host == "www.police.uk":
        return "999 performance data page"
    if "democracy." in host or "opencouncil" in host or "council" in host:
        return "meeting papers"
    if status == "force or PCC statement":
        return "statement"
    if status == "third-party analysis":
        return "analysis"
    return "news report"


def draft_title(publisher: str, kind: str, subject: str, published: str) -> str:
    parts = [publisher, f"{kind} on {subject}" if subject else kind]
    if published:
        parts.append(long_date(published))
    return ", ".join(parts)


def read_titles(path: Path = TITLES_FILE) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["url"]: row for row in csv.DictReader(handle)}


def write_titles(rows: dict[str, dict[str, str]], path: Path = TITLES_FILE) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(rows.values(), key=lambda r: r["url"]))


if __name__ == "__main__":
    sys.exit("Run data/curation/from_reference.py --draft-titles to add drafts for new sources.")

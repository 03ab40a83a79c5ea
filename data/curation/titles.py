"""How sources are cited: the checked-in mapping (source_titles.csv), what its columns mean, and the address rules.

`from_reference.py` applies source_titles.csv, so regeneration keeps every curated title and date. Each row says
whether `title` is the publisher's own title (`title_kind` 'title', from the reference or from the headline the web
address carries, written out as words and checked by eye) or our description of the page ('description': what
kind of document it is and what it is about, never in quotation marks). A date is kept only where the address
carries it, a reference note states it for that page (`date_evidence` quotes the note), or the page reports the
inspection on the day the reference gives for the report ('report date'); otherwise it is left blank.
`tests/test_source_citations.py` checks every row against the reference and the address.
"""

from __future__ import annotations

import csv
import re
import sys
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlparse

HERE = Path(__file__).resolve().parent
TITLES_FILE = HERE / "source_titles.csv"
FIELDS = ["url", "title", "title_kind", "title_from", "publisher", "published", "date_from", "date_evidence", "kind"]
TITLE_KINDS = ("title", "description")
DATE_FROM = ("address", "reference", "report date")
# The kinds of page whose date may be the day the reference gives for the report they cover.
REPORT_DAY_KINDS = (
    "inspection report",
    "press release",
    "copy of a press release",
    "news report",
    "statement",
    "force news release",
)
# What a description starts with: the kind of document it describes.
DESCRIPTION_STARTS = (
    "Blog post",
    "Cleaned copy",
    "Copy of",
    "Force area page",
    "Index page",
    "Inspection report",
    "Letter",
    "Meeting minutes",
    "Meeting papers",
    "Meeting summary",
    "News report",
    "Statement",
)
# The status column of sources.csv (the kind of source, as About the data filters it) for each kind of document.
KIND_STATUS = {
    "inspection report": "inspectorate finding",
    "press release": "inspectorate finding",
    "letter": "inspectorate finding",
    "topic page": "inspectorate finding",
    "crime data integrity inspection report": "inspectorate finding",
    "force area page": "inspectorate finding",
    "statistical bulletin": "official statistics",
    "dataset": "official statistics",
    "official statistics": "official statistics",
    "web page": "official statistics",
    "copy of a press release": "copy of a press release",
    "copy of Home Office statistics": "copy of official statistics",
    "statement": "force or PCC statement",
    "force press release": "force or PCC statement",
    "force news release": "force or PCC statement",
    "force magazine": "force or PCC statement",
    "blog post": "force or PCC statement",
    "annual report page": "force or PCC statement",
    "copy of a PCC's update": "force or PCC statement",
    "copy of a PCC's annual report": "force or PCC statement",
    "meeting papers": "meeting papers",
    "meeting minutes": "meeting papers",
    "meeting summary": "meeting papers",
    "index page": "third-party index",
    "analysis": "third-party analysis",
    "cleaned copy of Home Office tables": "third-party analysis",
    "news report": "news report",
    "copy of a news feed": "news report",
    "residents' association post": "news report",
}

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
_MONTH_NAMES = "|".join(m.lower() for m in MONTHS)


def publisher_name(url: str, fallback: str) -> str:
    return PUBLISHER_NAMES.get(urlparse(url).netloc, fallback)


def date_in_url(url: str) -> str:
    """A whole date the web address carries: /2024/10/16/, /2024-07-23/, WiredGov's ddmmyyyyhhmmss, 12march2024."""
    lowered = url.lower()
    for pattern, order in (
        (r"/(20\d{2})/(\d{2})/(\d{2})/", "ymd"),
        (r"/(20\d{2})-(\d{2})-(\d{2})/", "ymd"),
        (r"(\d{2})(\d{2})(20\d{2})\d{6}(?:\?open)?$", "dmy"),
        (rf"[a-z/](\d{{1,2}})({_MONTH_NAMES})(20\d{{2}})(?:$|[/?])", "dMy"),
    ):
        found = re.search(pattern, lowered)
        if found:
            a, b, c = found.groups()
            if order == "dMy":
                a, b, c = c, str(MONTHS.index(b.capitalize()) + 1), a
            y, m, d = (a, b, c) if order in ("ymd", "dMy") else (c, b, a)
            try:
                return date(int(y), int(m), int(d)).isoformat()
            except ValueError:
                return ""
    return ""


def months_in_url(url: str) -> list[tuple[int, int | None]]:
    """Years, and months where given, that a web address carries in part: /2022/october/, /2023/08-august/,
    /2017/03/, 'letter-september-2024', hertscommissioner's '2020-07-' and a bare /2024/ folder."""
    path = unquote(urlparse(url).path).lower()
    found: list[tuple[int, int | None]] = []
    for match in re.finditer(rf"/(20\d{{2}})/(?:(\d{{2}})(?:-[a-z]+)?|({_MONTH_NAMES}))(?=/)", path):
        month = int(match.group(2)) if match.group(2) else MONTHS.index(match.group(3).capitalize()) + 1
        found.append((int(match.group(1)), month))
    for match in re.finditer(rf"({_MONTH_NAMES})-(20\d{{2}})(?=$|/)", path):
        found.append((int(match.group(2)), MONTHS.index(match.group(1).capitalize()) + 1))
    for match in re.finditer(r"/(20\d{2})-(\d{2})-(?=[a-z])", path):
        found.append((int(match.group(1)), int(match.group(2))))
    for match in re.finditer(r"/(20\d{2})(?=/)", path):
        found.append((int(match.group(1)), None))
    return found


def normalised(text: str) -> str:
    """Letters and digits only, lower case: how a title is compared with the words of an address."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def address_headlines(url: str) -> list[str]:
    """The words a web address carries, normalised: its last path segment, then the last two and three joined (ONS
    writes a bulletin's title over two segments), without file endings, article numbers or a leading year-month."""
    segments = [s for s in unquote(urlparse(url).path).split("/") if s]
    cleaned = []
    for segment in segments:
        segment = re.sub(r"\d{14}$", "", segment)  # WiredGov's time stamp
        segment = re.sub(r"\.(html?|php|aspx)$", "", segment)
        segment = re.sub(r"^\d{5,}\.", "", segment)  # Newsquest's article number
        segment = re.sub(r"[-_+](1-)?\d{5,}$", "", segment)  # an article number at the end
        segment = re.sub(r"^20\d{2}-\d{2}-", "", segment)  # a year and month in front
        cleaned.append(normalised(segment))
    return ["".join(cleaned[-k:]) for k in (1, 2, 3) if len(cleaned) >= k]


def read_titles(path: Path = TITLES_FILE) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["url"]: row for row in csv.DictReader(handle)}


if __name__ == "__main__":
    sys.exit("source_titles.csv is curated by hand; from_reference.py applies it.")

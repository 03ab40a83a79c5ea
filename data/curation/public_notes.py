"""Public notes (plain words a resident can read) made from the reference's research notes.

The research note itself is kept whole as `curation_note`; only what is written here reaches a page.
Where no plain-words version has been written, the public note is left empty rather than showing
back-office wording. Every public note is checked by dashboard.store.public_text in the build.
"""

from __future__ import annotations

import re

GRADE_WORDS = {
    "RI": "Requires improvement",
    "Requires improvement": "Requires improvement",
    "Outstanding": "Outstanding",
    "Good": "Good",
    "Adequate": "Adequate",
    "Inadequate": "Inadequate",
}
_COUNTS = re.compile(r"(\d+) graded = ([^;.()\"]+)")
_PART = re.compile(r"^(\d+) (Outstanding|Good|Adequate|RI|Requires improvement|Inadequate)$")


def published_counts(note: str) -> str:
    """'8 graded = 4 Adequate, 1 RI, 3 Inadequate' → plain words, only when the parts add up."""
    found = _COUNTS.search(note)
    if not found or found.group(2).strip().endswith("incl"):
        return ""
    graded = int(found.group(1))
    parts = [p.strip() for p in re.split(r",|\+", found.group(2)) if p.strip()]
    words, total = [], 0
    for part in parts:
        match = _PART.match(part)
        if not match:
            break
        total += int(match.group(1))
        words.append(f"{match.group(1)} {GRADE_WORDS[match.group(2)]}")
    if total != graded or not words:
        return ""
    return f"The published counts are {graded} areas graded: {', '.join(words)}."


# Where sources disagree, in plain words (the research notes give the detail).
DISAGREEMENTS = {
    ("warwickshire", "2023-25"): "Sources disagree on whether eight or nine areas were graded.",
    ("devon-and-cornwall", "2023-25"): "Sources held do not all agree on this force's grades.",
    ("durham", "2023-25"): "Sources held do not all agree on this force's grades.",
    ("greater-manchester", "2023-25"): "Sources held do not all agree on this force's grades.",
    ("lancashire", "2023-25"): "Sources held do not all agree on this force's grades.",
}
# Where the published counts cover areas graded outside this list (the 2021-22 pilot framework graded the service to
# victims and serious and organised crime too), the note says which, so the counts are not read as this list's.
OUTSIDE_THIS_LIST = {
    ("suffolk", "2021-22"): (
        "Two of those ten graded areas are not in this list: the service to victims (the one Requires improvement) and "
        "serious and organised crime, so the eight areas here and serious and organised crime share the 6 Good and 3 Adequate."
    ),
    ("gloucestershire", "2021-22"): (
        "Two of those eleven graded areas are not in this list: serious and organised crime (Good) and the service to "
        "victims (Inadequate)."
    ),
}
HERTS_2023_25 = (
    "As listed in the PCC's report to the Police and Crime Panel, which reproduces the inspectorate's grade table; "
    "the inspectorate's report is the original."
)


def grade_public_note(force_id: str, cycle: str, area_id: str, grade: str, evidence: str, note: str) -> str:
    parts = []
    if force_id == "hertfordshire" and cycle == "2023-25":
        parts.append(HERTS_2023_25)
    if force_id == "northamptonshire" and cycle == "2023-25" and area_id == "responding":
        parts.append("The inspectorate amended this grade from Adequate to Requires improvement on 8 August 2024.")
    if grade == "Not graded":
        parts.append("The inspectorate did not grade this area for this force in this cycle.")
    elif evidence == "derived":
        parts.append("Worked out from the published number of areas at each grade, once the other areas were named.")
    elif evidence == "probable only":
        parts.append("No source held states this grade.")
    elif evidence == "not found":
        parts.append("No source held gives this area's grade.")
    if grade == "Not known" or evidence == "derived":
        counts = published_counts(note)
        if counts:
            parts.append(counts)
            if (force_id, cycle) in OUTSIDE_THIS_LIST:
                parts.append(OUTSIDE_THIS_LIST[(force_id, cycle)])
    disagreement = DISAGREEMENTS.get((force_id, cycle))
    if disagreement:
        parts.append(disagreement)
    return " ".join(parts)


# Metric wording for the public: definitions without identifiers or acronyms. Force-specific
# wording moves to that force's figures (observation notes).
METRIC_TEXT = {
    "pct_999_answered_10s": (
        "Share of 999 calls passed to the force by the telephone operator that the force answered within 10 seconds; "
        "the clock includes the time the telephone network takes to connect the call",
        "90% within 10 seconds (the national standard used in the Home Office's police.uk publication)",
    ),
    "forces_meeting_999_standard": ("Number of forces answering on average at least 90% of 999 calls within 10 seconds", None),
    "pct_101_answered_90s": (
        "Share of non-emergency 101 calls answered within 90 seconds",
        "No national standard found; 90 seconds is the force's own threshold as reported",
    ),
    "pct_grade1_attended_15min": (
        None,
        "Forces set their own targets, for example 15 minutes in towns and 20 in the countryside; a Home Office reform "
        "plan of January 2026 proposes national 15 and 20 minute standards",
    ),
    "calls_per_day_avg": ("All 999 and 101 calls handled per day", None),
    "crime_recording_rate_pct": (
        "The inspectorate's estimate, from an audit sample, of the share of reported crimes that should be recorded "
        "under the Home Office Counting Rules which the force actually recorded",
        "The inspectorate expects every crime to be recorded; in the crime data integrity reports seen, 95% or more was "
        "usually graded Good or Outstanding",
    ),
    "crime_recording_rate_violence_pct": (
        "The inspectorate's audit estimate of the share of reported violent crimes that the force recorded",
        None,
    ),
    "crime_recording_rate_sexual_pct": (
        "The inspectorate's audit estimate of the share of reported sexual offences that the force recorded",
        None,
    ),
    "crime_recording_sample": ("Crimes recorded out of the crimes in the inspectorate's audit sample", None),
    "crimes_unrecorded_est_per_year": ("The inspectorate's estimate, from its audit, of crimes not recorded in a year", None),
    "recorded_crime_total": (
        "Notifiable offences recorded by the force; the Office for National Statistics' police force area tables "
        "use 'Total recorded crime (excluding fraud)'",
        None,
    ),
    "csew_headline_crime_incidents": (
        "Crime Survey for England and Wales estimate of headline crime incidents, including fraud and computer misuse; "
        "a survey estimate, not crimes recorded by police",
        None,
    ),
    "charge_rate_pct": (
        "Share of offences recorded in the period (excluding fraud and computer misuse) that ended in a charge or "
        "summons under the Home Office outcomes framework",
        None,
    ),
    "charge_rate_sexual_offences_pct": ("Share of recorded sexual offences that ended in a charge or summons", None),
    "charge_rate_rape_pct": ("Share of recorded rape offences that ended in a charge or summons", None),
    "charge_rate_weapons_pct": ("Share of recorded possession of weapons offences that ended in a charge or summons", None),
    "charge_rate_criminal_damage_pct": (
        "Share of recorded criminal damage and arson offences that ended in a charge or summons",
        None,
    ),
    "detection_rate_pct": (
        "Share of crimes 'detected' under the detections framework used before April 2013; not comparable with charge rates",
        None,
    ),
    "population": ("People living in the force area", None),
    "police_officers_fte": ("Full-time-equivalent police officers on the snapshot date (Home Office workforce statistics)", None),
    "pcso_headcount": ("Police community support officers, as stated by the force", None),
    "csew_confidence_good_excellent_pct": (
        "Share of Crime Survey for England and Wales respondents rating their local police good or excellent",
        None,
    ),
    "msg_rank_crime_level": ("The force's position among its most similar forces on recorded crime", None),
    "recorded_crime_rate_per_1000": (
        "Police recorded crime (excluding fraud) per 1,000 people living in the force area, using the Office for National "
        "Statistics' mid-year population estimate",
        None,
    ),
    "positive_outcome_rate_pct": (
        "Share of recorded crime the force says it 'solved': charges or summonses plus cautions, community resolutions and "
        "other out-of-court outcomes. A force management figure whose exact definition is not published; not comparable "
        "with the charge or summons rate",
        None,
    ),
    "crimes_solved_change_pct": (
        "Change in the number of crimes the force says it solved, against the same period a year earlier",
        None,
    ),
    "recorded_shoplifting": ("Shoplifting offences recorded by police (the Office for National Statistics' force tables)", None),
    "recorded_shoplifting_change_pct": ("Change in recorded shoplifting against the year before", None),
    "recorded_public_order_offences": ("Public order offences recorded by police", None),
    "recorded_vehicle_theft": ("Vehicle theft offences recorded by police, as the news report gives the category", None),
    "recorded_vehicle_crime_change_pct": (
        "Change in vehicle crime (theft of a vehicle, theft from a vehicle and attempts) against the year before",
        None,
    ),
    "recorded_theft_from_person": ("Theft from the person offences recorded by police", None),
    "recorded_death_serious_injury_driving": (
        "Offences of causing death or serious injury by unlawful driving recorded by police",
        None,
    ),
    "recorded_residential_burglary": ("Homes burgled (residential burglary offences), as stated by the force", None),
    "recorded_residential_burglary_change_pct": (
        "Change in residential burglary against the same period a year earlier",
        None,
    ),
    "burglary_attendance_pct": (
        "Share of residential burglaries police attended",
        "Since October 2022 police chiefs have committed to attend every home burglary (the National Police Chiefs' Council)",
    ),
    "residential_burglaries_per_day_avg": ("Average residential burglaries a day, as stated by the PCC", None),
    "calls_101": ("Calls received on the non-emergency 101 number", None),
    "calls_101_per_day_avg": ("Average 101 calls a day", None),
    "mean_101_answer_seconds": (
        "Average time to answer a 101 call",
        "The average wait to answer is a measure the Home Office and police have agreed, but no national figures are "
        "published yet",
    ),
    "pct_101_answered_2min": (
        "Share of 101 calls answered within two minutes, a force's own threshold",
        "North Yorkshire Police's own target is 80% within two minutes",
    ),
    "calls_999_per_year": ("Annual 999 calls as a rounded statement by a policing body; not an official count", None),
}


# The fifth research pass's figures, in plain words (their research notes quote the source and say how each was dated).
HERTS, EW = "Hertfordshire Constabulary", "England and Wales"
_SOLVED = "The force's own 'crimes solved' figure, which counts out-of-court outcomes as well as charges, so it is not the Home Office charge rate"
_COMET = "as reported by The Comet in July 2024 from the Office for National Statistics' figures for the year ending March 2024"
_WATFORD = "the PCC's office's figures for 2018/19 given to the Police and Crime Panel on 11 April 2019, as reported by the Watford Observer"
_NUB = "the force's figures, given by the Chief Constable at the PCC's Accountability and Performance Meeting, as reported by Hitchin Nub News"
_TOTTENHAM = "said by the chief executive of the PCC's office, Chris Brace, at a county council panel on 9 November 2018 (the year from the article's context)"
FIFTH_PASS_NOTES = {
    (HERTS, "positive_outcome_rate_pct", "12"): (
        f"{_SOLVED}. For the 12 months to May 2025, given by Chief Constable Andy Prophet at the PCC's webcast Accountability "
        "and Performance Meeting and reported by Hemel Today on 16 July 2025; he said it 'probably puts us mid to the lower "
        "third nationally'."
    ),
    (HERTS, "positive_outcome_rate_pct", "13.6"): (
        f"{_SOLVED}. For 'the last three months', said at the same meeting in early July 2025; which months is not stated, "
        "so it is not set beside the 12-month figure or the single month."
    ),
    (HERTS, "positive_outcome_rate_pct", "14.5"): f"{_SOLVED}. For June 2025 alone, said at the same meeting.",
    (HERTS, "crimes_solved_change_pct", "30"): (
        "'Since January this year, we've solved 30% more crime than in the same period last year', said at the PCC's meeting "
        "in early July 2025; the end of the period is not stated."
    ),
    (HERTS, "recorded_crime_total", "74608"): (
        f"Police recorded crime, {_COMET}; whether it excludes fraud, as the Office for National Statistics' force tables do, "
        "is not stated. Down 2% on the year before."
    ),
    (HERTS, "recorded_crime_change_pct", "-2"): f"'Fell by two per cent' (rounded), {_COMET}.",
    (HERTS, "recorded_shoplifting", "8831"): f"Up 25% on the year before, {_COMET}.",
    (HERTS, "recorded_robbery", "866"): f"Up 35% on the year before, {_COMET}.",
    (HERTS, "recorded_public_order_offences", "3826"): f"Down 19% on the year before, {_COMET}.",
    (HERTS, "recorded_vehicle_theft", "6924"): f"Down 10% on the year before, {_COMET}.",
    (HERTS, "recorded_theft_from_person", "982"): f"Down 8% on the year before, {_COMET}.",
    (HERTS, "recorded_death_serious_injury_driving", "63"): f"Up 66% on the year before, {_COMET}.",
    (
        EW,
        "recorded_shoplifting",
        "443995",
    ): f"Up 30% on the year before and the highest since records began in 2002-03, {_COMET}.",
    (HERTS, "recorded_crime_change_pct", "1.5"): f"1,238 more crimes than in 2017/18: {_WATFORD}.",
    (HERTS, "recorded_shoplifting_change_pct", "8.4"): f"676 more shoplifting offences than in 2017/18: {_WATFORD}.",
    (HERTS, "recorded_vehicle_crime_change_pct", "13.5"): (
        f"1,120 more reports of vehicle crime (theft of, theft from and attempted theft) than in 2017/18: {_WATFORD}."
    ),
    (HERTS, "recorded_residential_burglary", "1709"): f"Homes broken into from 1 April 2024 to the end of February 2025: {_NUB}.",
    (HERTS, "recorded_residential_burglary_change_pct", "-4"): (
        f"'About four per cent' fewer than in the same months a year earlier (approximate): {_NUB}."
    ),
    (HERTS, "burglary_attendance_pct", "99"): (
        "'Over 99 per cent' of residential burglaries attended, as the Chief Constable told the PCC (reported by Hitchin Nub "
        "News); the source does not say over which period."
    ),
    (HERTS, "residential_burglaries_per_day_avg", "7"): (
        "'On a typical day there are seven residential burglaries', said by the PCC, David Lloyd (Hemel Today, 7 October "
        "2022); the period is not stated."
    ),
    (HERTS, "calls_999", "153408"): (
        "Calls to 999 in 2017: the force's figures, as reported by Hemel Today on 10 January 2018, which said one in 40 was a hoax."
    ),
    (
        HERTS,
        "calls_101",
        "475675",
    ): "Calls to the non-emergency 101 number in 2017: the force's figures, as reported by Hemel Today.",
    (HERTS, "calls_101", "33713"): "Calls to 101 in February 2017, from the force's own release as reproduced by Parikiaki.",
    (
        HERTS,
        "mean_101_answer_seconds",
        "71",
    ): f"'One minute and 11 seconds' on average, {_TOTTENHAM}; the averaging period is not stated.",
    (HERTS, "mean_999_answer_seconds", "8"): (
        f"'An average of eight seconds', {_TOTTENHAM}. Measured by the force before the police.uk series, whose clock "
        "includes the telephone network's connection time, so not comparable with it."
    ),
    (HERTS, "calls_101_per_day_avg", "1000"): f"'Around a thousand' 101 calls a day (approximate), {_TOTTENHAM}.",
    (HERTS, "recorded_crime_change_pct", "-12"): (
        "'Fallen by 12 per cent in the last year', from Home Office figures for April 2007 to March 2008, as reported by the "
        "Welwyn Hatfield Times."
    ),
    (HERTS, "detection_rate_pct", "30"): (
        "Detection rate under the framework used before 2013, 'two per cent above the national average', as reported by the "
        "Welwyn Hatfield Times."
    ),
    (HERTS, "detection_rate_pct", "35"): (
        "The year before the 38.6% for the 12 months to March 2013 ('rose from 35 per cent to 39 per cent'), as reported by "
        "Berkhamsted Today; framework used before 2013."
    ),
    (EW, "detection_rate_pct", "29"): (
        "The national detection rate for the 12 months to March 2013, as reported by Berkhamsted Today; framework used before 2013."
    ),
    ("United Kingdom (all forces incl. Police Scotland)", "calls_999_per_year", "12000000"): (
        "'12 million 999 calls a year', rising 5% a year: a rounded statement by the National Police Chiefs' Council's lead "
        "for contact management on 31 May 2022, reported by the Press Association. Not an official count; covers the whole "
        "United Kingdom, including Police Scotland."
    ),
    ("Durham Constabulary", "mean_999_answer_seconds", "10"): (
        "From the Durham PCC's performance report for January to March 2024, as summarised at the Police and Crime Panel: "
        "down from 14.4 seconds, 'the third worst performance in the country' (the period of that earlier figure is not stated)."
    ),
    ("North Yorkshire Police", "pct_101_answered_2min", "42"): (
        "The force's own figure for September 2022, from its news page of August 2023; its target is 80% within two minutes."
    ),
    ("North Yorkshire Police", "pct_101_answered_2min", "78"): "The force's own figure for July 2023, from the same page.",
    ("North Yorkshire Police", "calls_999", "8401"): (
        "Answered in an average of 10 seconds: the force's figures, as reported by the Craven Herald in August 2018."
    ),
    ("North Yorkshire Police", "calls_999", "7601"): "The force's figures for June 2018, as reported by the Craven Herald.",
}
_FIRST_RELEASE_DOUBT = (
    "We doubt this figure: it is far below every other force we hold from the same release (the next lowest is 41%), and "
    "we could not check it against the Home Office's own table. It is shown as the article printed it."
)
# Figures the data log (data/README.md) doubts or dates in part: what a reader should know, said beside the figure.
DOUBTS = {
    ("Humberside Police", "pct_999_answered_10s", "2"): _FIRST_RELEASE_DOUBT,
    ("South Yorkshire Police", "pct_999_answered_10s", "17"): _FIRST_RELEASE_DOUBT,
    ("Northamptonshire Police", "pct_999_answered_10s", "91.40"): (
        "The article's headline says 91.9%; its table says 91.4% (10,159 of 11,111 calls), which is the figure shown."
    ),
    (EW, "crime_recording_rate_pct", "81"): (
        "Probably the same national audit as the 80.5% quoted for 2014; the two sources quote it differently."
    ),
    (EW, "crime_recording_rate_pct", "80.5"): (
        "Dated 2014, the year the source names. Probably the same national audit as the 81% reported for December 2013 to "
        "August 2014."
    ),
    (EW, "crime_recording_rate_pct", "92.4"): (
        "Dated here as the year to March 2022, the year the source names; the exact audit window is not given, and the "
        "inspectorate's PEEL 2021/22 reports were published into 2023."
    ),
}


# Metric names, units and publishers in plain words where the reference uses shorthand (its wording is kept in the
# metric's curation_note).
METRIC_NAMES = {
    "crime_recording_sample": "Crimes recorded in the inspectorate's audit sample",
    "csew_headline_crime_incidents": "Crime Survey for England and Wales: headline crime",
    "police_officers_fte": "Police officers (full-time equivalent)",
    "pcso_headcount": "Police community support officers",
    "charge_rate_pct": "Charge or summons rate",
    "charge_rate_sexual_offences_pct": "Charge or summons rate: sexual offences",
    "charge_rate_rape_pct": "Charge or summons rate: rape",
    "charge_rate_weapons_pct": "Charge or summons rate: possession of weapons",
    "charge_rate_criminal_damage_pct": "Charge or summons rate: criminal damage and arson",
    "detection_rate_pct": "Detection rate (framework used before April 2013)",
    "msg_rank_crime_level": "Rank on crime level among the force's most similar forces",
    "national_rank_crime_per_1000": "National rank on crime per 1,000 people",
    "recorded_crime_rate_per_1000": "Police recorded crime per 1,000 people",
    "positive_outcome_rate_pct": "Crimes solved (the force's own positive outcome rate)",
    "calls_999_per_year": "999 calls a year (rounded statement)",
}
METRIC_UNITS = {
    "police_officers_fte": "full-time equivalent officers",
    "pcso_headcount": "police community support officers",
    "special_constables_headcount": "special constables",
    "gross_budget_gbp_m": "£ million",
    "recorded_crime_change_pct": "percent change on the year before",
    "recorded_crime_rate_per_1000": "per 1,000 people",
    "national_rank_crime_per_1000": "rank of 43",
    "crimes_solved_change_pct": "percent change on the year before",
    "recorded_shoplifting_change_pct": "percent change on the year before",
    "recorded_vehicle_crime_change_pct": "percent change on the year before",
    "recorded_residential_burglary_change_pct": "percent change on the year before",
}
METRIC_PUBLISHERS = {
    "pct_999_answered_10s": "Home Office (police.uk, monthly by force); also news reports and analyses of it",
    "calls_999": "Home Office (police.uk)",
    "mean_999_answer_seconds": "Home Office (police.uk); also news analyses",
    "forces_meeting_999_standard": "MailOnline's analysis of police.uk data",
    "pct_101_answered_90s": "Hertfordshire Constabulary (as reported in the news)",
    "pct_grade1_attended_15min": "Force and PCC reports",
    "calls_per_day_avg": "Hertfordshire Constabulary (as reported in the news)",
    "crime_recording_rate_pct": "HMICFRS (crime data integrity inspections 2014 to 2020; PEEL inspections from 2021-22)",
    "crime_recording_sample": "HMIC (its national audit of 2014)",
    "recorded_crime_total": "ONS and Home Office",
    "recorded_crime_change_pct": "ONS, the force or the PCC",
    "detection_rate_pct": "The force or the PCC",
    "population": "ONS publishes the usual figures; those held here are the force's own rounded ones",
    "police_officers_headcount": "The force, on the inspectorate's page",
    "pcso_headcount": "The force, on the inspectorate's page",
    "police_staff_headcount": "The force, on the inspectorate's page",
    "special_constables_headcount": "The force, on the inspectorate's page",
    "gross_budget_gbp_m": "The force, on the inspectorate's page",
    "police_officers_fte": "Home Office (through Resistance Lab's copy of its tables)",
    "csew_confidence_good_excellent_pct": "ONS, Crime Survey for England and Wales (as quoted by the PCC)",
    "domestic_abuse_crimes": "The force or the PCC",
    "msg_rank_crime_level": "PCC (from iQuanta)",
    "positive_outcome_rate_pct": "The force (as reported in the news)",
    "crimes_solved_change_pct": "The force (as reported in the news)",
    "recorded_shoplifting": "ONS (as reported in the news)",
    "recorded_shoplifting_change_pct": "The force or the PCC's office (as reported in the news)",
    "recorded_public_order_offences": "ONS (as reported in the news)",
    "recorded_vehicle_theft": "ONS (as reported in the news)",
    "recorded_vehicle_crime_change_pct": "The force or the PCC's office (as reported in the news)",
    "recorded_theft_from_person": "ONS (as reported in the news)",
    "recorded_death_serious_injury_driving": "ONS (as reported in the news)",
    "recorded_residential_burglary": "The force (as reported in the news)",
    "recorded_residential_burglary_change_pct": "The force (as reported in the news)",
    "burglary_attendance_pct": "The force (as reported in the news)",
    "residential_burglaries_per_day_avg": "PCC (as reported in the news)",
    "calls_101": "The force (as reported in the news)",
    "calls_101_per_day_avg": "The PCC's office (as reported in the news)",
    "mean_101_answer_seconds": "The force or the PCC's office (as reported in the news)",
    "pct_101_answered_2min": "The force",
    "calls_999_per_year": "National Police Chiefs' Council (as reported by the Press Association)",
}


# Observation notes in plain words, by the research note they replace (exact text or its start).
OBSERVATION_NOTES = {
    "Force performance reports shown to PCC on Force Control Room visit": (
        "From the force's performance reports shown to the PCC on a visit to the control room, as reported in the news; "
        "not the police.uk file itself."
    ),
    "Article says 'In 2022'": "The article says 'in 2022'; it is not clear whether this is the whole year or one month.",
    "'average of 1,500 calls a day'": "'An average of 1,500 calls a day' (999 and 101) as stated on the PCC's visit in May 2024; the period is approximate.",
    "Radaris analysis of police.uk 999 data for Nov 2023": (
        "A third-party analysis (Radaris) of police.uk data for November 2023, as printed in a table by the "
        "Northampton Chronicle on 13 February 2024"
    ),
    "Total 999 calls, Nov 2023": "Total 999 calls in November 2023, from a third-party analysis (Radaris) of police.uk data printed by the Northampton Chronicle.",
    "First Home Office 999 league-table release": (
        "The Home Office's first 999 league table (published 31 May or 1 June 2022); covers the whole UK including "
        "Police Scotland, not England and Wales only."
    ),
    "First HO release; rounded whole percent": "The Home Office's first 999 release, rounded to a whole percentage, as copied by the Press Association.",
    "First HO release": "The Home Office's first 999 release.",
    "MailOnline analysis of police.uk data, 12 months ending Oct 2024": (
        "MailOnline's analysis of police.uk data for the 12 months to October 2024 (copy on The Buzzing Hub)."
    ),
    "Forces averaging >=90% in 10 s": "Forces averaging at least 90% of 999 calls answered within 10 seconds over the 12 months (MailOnline).",
    "claims.co.uk analysis of police.uk data reported by The Independent": (
        "claims.co.uk's analysis of police.uk data, reported by The Independent on 11 April 2024; the period it covers is not stated."
    ),
    "'just over 10,200' of 46,310": "'Just over 10,200' of 46,310 calls were not answered within 10 seconds.",
    "101 calls 'picked up within 90 seconds'": (
        "Hertfordshire's own measure: 101 calls 'picked up within 90 seconds', a force figure shown to the PCC."
    ),
    "'In 2022' - period granularity unclear": (
        "Hertfordshire's own measure, as reported to the PCC. The article says 'in 2022'; whether this is the whole year is not clear."
    ),
    "HMICFRS CDI 2017 (published 28 Nov 2017)": (
        "The inspectorate's crime data integrity inspection of 2017 (published 28 November 2017), graded Requires improvement; "
        "it estimated over 11,200 crimes a year went unrecorded."
    ),
    "Violent crime; CI +/-2.97 pp": "Violent crime; about 3,700 a year unrecorded (news report).",
    "Rounded figure from news report of CDI 2017": (
        "A rounded figure from a news report of the 2017 crime data integrity inspection (about 70 sexual offences unrecorded; "
        "1,215 crime reports audited); the exact percentage was not published in the sources held."
    ),
    "PEEL 2023-25 (published 16 Oct 2024)": (
        "From the inspectorate's PEEL 2023-25 inspection (published 16 October 2024), which graded recording data about crime "
        "Inadequate; the cause of concern was closed on 11 July 2025. The dates shown are the inspection's fieldwork, "
        "not the audit sample's, which the sources held do not give."
    ),
    "PEEL 2023-25 violence against the person": (
        "Violence against the person, from the inspectorate's PEEL 2023-25 inspection; the dates shown are the inspection's fieldwork."
    ),
    "HMIC 2014 national audit": "The inspectorate's national audit of 2014 ('record only 81% of crimes'; about 800,000 a year unrecorded).",
    "CDI 2018 (pub 7 Aug 2018)": (
        "Crime data integrity inspection 2018 (published 7 August 2018), graded Requires improvement; over 4,800 crimes a year unrecorded."
    ),
    "Rounded, HMI quote in press release": "Rounded; quoted by the inspector in the press release.",
    "CDI 2019 (pub 8 Oct 2019)": (
        "Crime data integrity inspection 2019 (published 8 October 2019), graded Outstanding; over 6,700 crimes a year unrecorded."
    ),
    "PCC blog: June 2017 HMICFRS report": "The PCC's blog on the inspectorate's June 2017 report: 'only 83% accurate', graded Inadequate; rounded.",
    "PCC blog: later CDI re-inspection": (
        "The PCC's blog on a later re-inspection, graded Outstanding; the audit period and date are not stated."
    ),
    "CDI 2017 (inspection Sept 2017": (
        "Crime data integrity inspection 2017 (September 2017), graded Inadequate; about 35,200 crimes a year unrecorded. "
        "The inspectorate's news release says 'around 80 percent'; 80.4 is Thames Valley Police's own restatement."
    ),
    "CDI 2019 revisit": "Crime data integrity revisit, April 2019 (Thames Valley Police press release, 25 July 2019).",
    "TVP press release, rounded": "Thames Valley Police press release; rounded.",
    "CDI 2016 (pub 25 Aug 2016)": (
        "Crime data integrity inspection 2016 (published 25 August 2016), graded Good; the source says 'nearly 95 percent'; "
        "about 5,300 crimes a year unrecorded."
    ),
    "ONS PRC (article says 'in 2023'": (
        "Police recorded crime (Office for National Statistics); the article says 'in 2023', and the context is the year to March 2023."
    ),
    "Excl. fraud & computer misuse, rounded": (
        "Excluding fraud and computer misuse, rounded (Home Office outcomes bulletin); fraud and computer misuse add a further 1.2 million."
    ),
    "PCC press release; E&W 68": "PCC press release; England and Wales: 68.",
    "E&W -7%": "England and Wales: down 7%.",
    "Pre-outcomes-framework detection rate": "Detection rate under the framework used before 2013; best in its most similar group, according to the PCC.",
    "CSEW estimate incl. fraud & CMA": "Crime Survey estimate including fraud and computer misuse (a survey, not crimes recorded by police).",
    "CSEW estimate; 8.5m YE Sep 2023": "Crime Survey estimate; 8.5 million in the year ending September 2023.",
    "Home Office outcomes; charge/summons": "Home Office outcomes data: charge or summons.",
    "excludes Greater Manchester Police": "Excludes Greater Manchester Police.",
    "excludes GMP": "Excludes Greater Manchester Police.",
    "Excl. fraud/CMA and excl. Devon & Cornwall": "Excluding fraud and computer misuse, and Devon and Cornwall; volume from a copy of the bulletin text.",
    "Home Office bulletin 2019-20 (rounded to whole %)": "Home Office bulletin 2019-20, rounded to a whole percentage; volume from the 2020-21 bulletin.",
    "Other bulletins give 15% or 15.5%": "Other Home Office bulletins give 15% or 15.5% for the same year.",
    "Force-supplied text on HMICFRS page": (
        "The force's own text on the inspectorate's page ('1.2m people in the most recent 2021 census'); rounded; "
        "not an Office for National Statistics estimate."
    ),
    "Force-supplied text, PEEL 2018 page": "The force's own text on the inspectorate's PEEL 2018 page; rounded; the date it refers to is not stated.",
    "Force-supplied text, PEEL 2016 page": "The force's own text on the inspectorate's PEEL 2016 page; rounded.",
    "Force-supplied text, PEEL 2015 page": "The force's own text on the inspectorate's PEEL 2015 page; rounded.",
    "Force-supplied text for 2024/25": "The force's own text for 2024/25 on the inspectorate's page; whether a headcount or full-time equivalent is not stated.",
    "Resistance-Lab cleaned copy": "From Resistance Lab's cleaned copy of the Home Office police workforce tables, not checked against the original.",
    "PCC Annual Report 2018-19: CSEW": (
        "PCC annual report 2018-19: Crime Survey 'police doing a good or excellent job', ranked first nationally; survey period not stated."
    ),
    "'third lowest level of crime within its MSG'": "'Third lowest level of crime' among its most similar forces; 15th nationally on crime per 1,000 people.",
    "'second lowest level of crime when compared": "'Second lowest level of crime when compared to our most similar areas'.",
    "Estimated share of all crime (excluding fraud) recorded, 'in 2014'": (
        "The share of all crime (excluding fraud) recorded 'in 2014' (the national crime data integrity audit), as quoted by "
        "Hertfordshire Police Federation on 10 July 2023 from the inspectorate's PEEL 2021/22 findings report."
    ),
    "Estimated share of all crime (excluding fraud) recorded 'at the end of 2021/22 inspections'": (
        "The share of all crime (excluding fraud) recorded 'at the end of 2021/22 inspections', from the inspectorate's PEEL "
        "2021/22 findings report as quoted by Hertfordshire Police Federation."
    ),
    "Figure quoted from the inspectorate's PEEL 2023-25 report on North Wales": (
        "Quoted from the inspectorate's PEEL 2023-25 report on North Wales (published 5 December 2024); the article does not give "
        "the period measured."
    ),
}
# Research notes that are short enough to be mistaken for plain words, written out (matched whole, ignoring case).
OBSERVATION_NOTES_EXACT = {
    "home office press release text: overall average 16.1 seconds answer time": (
        "From the Home Office's press release on its first 999 tables: the average answer time across the United Kingdom."
    ),
    "'5.2 million 999 calls' (telegraph report copy); rounded": "'5.2 million 999 calls', rounded, from a copy of a Telegraph report.",
    "bristol post report of first release; telegraph copy rounds to 6 s": (
        "From the Bristol Post's report of the Home Office's first 999 release; a copy of a Telegraph report rounds it to 6 seconds."
    ),
    "telegraph copy: 'averaged just six seconds'": "From a copy of a Telegraph report: 'averaged just six seconds'.",
    "longest average in first release": "The longest average answer time in the Home Office's first 999 release.",
    "police scotland measured against a mean-answer-time target, not 90% in 10 s": (
        "Police Scotland is measured against a target for the average answer time, not 90% within 10 seconds."
    ),
    "rounded ('108,000 calls')": "Rounded: the source says '108,000 calls'.",
    "pcc john dwyer to police and crime panel": "Stated by the PCC, John Dwyer, to the Police and Crime Panel.",
    "pcc statement": "Stated by the PCC.",
    "pcc statement: only month in last eight below 90%": "Stated by the PCC: the only month of the last eight below 90%.",
    "january 2022 figure quoted in hmicfrs peel report (per panel question)": (
        "The January 2022 figure quoted in the inspectorate's PEEL report, as raised in a question at the Police and Crime Panel."
    ),
    "grade 1 incidents attended within 15-minute target; avg response <7.5 min": (
        "Emergency incidents attended within the 15-minute target; the average response was under 7.5 minutes."
    ),
    "'over 11,200'": "The inspectorate's estimate: 'over 11,200' crimes a year.",
    "'pre-pandemic' comparator in same article": "Given in the same article as the figure from before the pandemic, for comparison.",
    "+13% on 566": "Up 13% on the year before (566).",
    "'nearly 2,600' (approximate)": "Approximate: the source says 'nearly 2,600'.",
    "rounded": "Rounded.",
    "home office outcomes data ('crimes reported to hertfordshire constabulary')": (
        "Home Office outcomes data: 'crimes reported to Hertfordshire Constabulary'."
    ),
    "national average quoted in ons-based local article (excl. fraud)": (
        "The national average quoted in a local article based on ONS figures (excluding fraud)."
    ),
    "national average quoted in local article": "The national average quoted in a local article.",
    "9,148 fewer crimes (force figures)": "9,148 fewer crimes (the force's own figures).",
    "pcc annual report 2019-20": "From the PCC's annual report 2019-20.",
    "possession of weapons (highest group)": "Possession of weapons: the highest of the crime groups in the article.",
    "criminal damage & arson (lowest group)": "Criminal damage and arson: the lowest of the crime groups in the article.",
    "of 70,633 recorded rapes": "Of 70,633 recorded rapes.",
    "volume from bulletin text copy": "The number of charges behind it is from a copy of the bulletin's text.",
    "third-party copy of home office bulletin text": "From another site's copy of the Home Office bulletin's text.",
    "rounded; 9% the year before": "Rounded; 9% the year before.",
    "as above": "The force's own figure for 2024/25 on the inspectorate's page.",
    "of which £243.5m spent on staff": "Of which £243.5 million was spent on staff.",
    "'just over 11,000', +6% (approximate)": "Approximate: the source says 'just over 11,000', up 6%.",
    "as stated by pcc": "As stated by the PCC.",
}
_RANK = re.compile(r"\brank (\d+)\b")


def observation_public_note(note: str) -> str:
    """The plain-words note for one figure, or empty: a research note never reaches a page as it stands."""
    note = (note or "").strip()
    exact = OBSERVATION_NOTES_EXACT.get(note.lower())
    if exact:
        return exact
    for start, text in OBSERVATION_NOTES.items():
        if note.startswith(start):
            rank = _RANK.search(note)
            if rank and "Radaris" in start:
                # dashboard.performance.model.series.published_rank reads "rank N" from the note: the source table's own rank.
                return f"{text}; rank {rank.group(1)} in its table."
            return text
    return ""


FINDING_TEXT = {
    # finding number: (public summary, what moves to the curation note)
    1: (
        "The force was not recording reported crime correctly: the inspectorate estimated that only 82.6% of reported "
        "crime and 75.7% of violence against the person were recorded. Over half of the unrecorded violent crimes were "
        "course-of-conduct offences (harassment, stalking, coercive control) and over half were domestic abuse. Crimes "
        "linked to reports of antisocial behaviour were also under-recorded, and reports of rape mis-recorded. This is "
        "the only cause of concern in the sources we hold for this report; the inspectorate closed it on 11 July 2025.",
    ),
    2: (
        "Improve how quickly 999 calls are answered. The theme is from the inspectorate's press release; the exact wording "
        "of the area for improvement is not in the sources held.",
    ),
    3: (
        "Attend non-emergency calls within the force's own attendance times. The theme is from the inspectorate's press "
        "release; the exact wording is not in the sources held.",
    ),
    4: (
        "Make sure investigations are effective and properly supervised. The theme is from the inspectorate's press "
        "release; the exact wording is not in the sources held.",
    ),
    5: (
        "HM Inspector's summary says the force reviewed its structure and processes for the first time in at least ten "
        "years, the review changed little, and parts of the operating model are not efficient or effective. Whether this "
        "is a formal area for improvement is not clear from the summary.",
    ),
    6: (
        "Inspectors highlighted innovative early-intervention work and activity to divert people away from crime, as part "
        "of the force's 'prevention first' strategy. The sources held do not name the specific practices.",
    ),
}

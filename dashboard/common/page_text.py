"""The words each public page opens with (its title and opening sentence), shared by the app's pages and the static
edition (dashboard/site), so that each is written once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageText:
    """A page's title (a pattern on the force's name where it has one) and its opening sentence."""

    title: str
    intro: str

    def titled(self, name: str = "") -> str:
        return self.title.format(name=name)


OVERVIEW = PageText(
    "{name}: where it stands",
    "How the police inspectorate (HMICFRS) graded this force in its latest inspection, and the most recent "
    "published figures on answering 999 calls and recording crime. Every figure shows where it comes from.",
)
GRADES = PageText(
    "{name}: inspection grades",
    "How the police inspectorate (HMICFRS) graded this force in each area it inspects, what it found there, "
    "and the latest related figures we hold. Grades are shown in words as well as colour.",
)
CALLS = PageText(
    "{name}: 999 and 101 calls",
    "How quickly the force answers emergency (999) and non-emergency (101) calls. The national standard is for "
    "90% of 999 calls to be answered within 10 seconds; the clock includes the telephone network's connection time.",
)
CRIME_RECORDING = PageText(
    "{name}: crime recording",
    "When the inspectorate audits a force, it checks a sample of reports to see how many crimes that should have been "
    "recorded were. The results are estimates from that sample, so each comes with a margin of error where published.",
)
CRIME_OUTCOMES = PageText(
    "{name}: recorded crime and outcomes",
    "How many crimes the force recorded, the rate per 1,000 people where a publisher gave one, and the share of "
    "crimes that ended in a charge or summons. Any change is shown with the figures on both sides of it.",
)
TRACKER = PageText(
    "{name}: improvement tracker",
    "Each cause of concern and area for improvement the inspectorate raised, where it stands, who owns it, "
    "its target date and its latest published update, with the source. Choose a date to see where things stood then.",
)
TIMELINE = PageText(
    "{name}: inspection timeline",
    "From the inspectorate's fieldwork to the report, the public meetings that followed and the closure of concerns, "
    "each with its source. Things we looked for and could not find are listed, never given a guessed date.",
)
ALL_FORCES = PageText(
    "All forces in England and Wales",
    "The inspectorate's grades for every territorial police force, area by area, in one inspection cycle. "
    "Where we found no published grade it says Not known: nothing is guessed.",
)
ABOUT_DATA = PageText(
    "About the data",
    "Every grade and figure in this dashboard is a published fact with its source. This page lists those sources, "
    "the official data releases loaded and when, what each measure means, and what to bear in mind when reading them.",
)
ACCESSIBILITY = PageText(
    "Accessibility statement",
    "This statement covers the policing accountability dashboard. We want as many people as possible to be able "
    "to use it, whether on a phone, with a screen reader, with a keyboard alone or on a projector.",
)


def calls_small_print(basis: str, any_chart: bool) -> str:
    return f"{basis} " + (
        "Hollow markers are second-hand figures (a news report or statement quoting the official data); filled markers "
        "come from the publisher itself. Each point sits at the end of the period it covers."
        if any_chart  # for a force with thin data every measure is a card: no markers to explain
        else "A figure marked second-hand comes from a news report or statement quoting the official data."
    )


def recording_small_print(basis: str, any_chart: bool) -> str:
    return f"{basis} " + (
        "Error bars show the published margin of error (its confidence interval); a figure without one had none "
        "published. Audit windows differ in length between inspections, and each point is labelled with its own."
        if any_chart  # for a force with thin data every measure is a card: no error bars to explain
        else "The table under each measure gives the published margin of error where there is one. Audit windows differ "
        "in length between inspections, and each figure is labelled with its own."
    )


def outcomes_small_print(basis: str, any_chart: bool) -> str:
    return (
        f"{basis} Rates per 1,000 people are shown only where the publisher gave one: the only populations we "
        "hold are rounded figures the forces supplied, so we do not work rates out ourselves. Police recorded crime is "
        "official statistics but no longer accredited."
    )


# Sentences a page shows under its headings, where the app's page and the static edition both show them.
GRADE_SCALE = "The inspectorate grades each area on a five-point scale, from Outstanding to Inadequate."
HEADLINE_FIGURES_NOTE = (
    "The latest figure we hold for each measure. ⚠️ marks a figure reported second-hand (for example a news "
    "report quoting police data) rather than taken from the official publication."
)
COUNTS_ONLY = "Which area got which grade is not stated in the sources we hold, so no area is shown with a grade."
COUNTS_TABLE = "The same counts as a table, with their source."
CYCLES_SIDE_BY_SIDE = (
    "Each cycle's own areas and grades, matched by subject. They sit side by side, never joined or averaged: "
    "the scale and the questions changed between cycles."
)
PRIMARY_SOURCES = (
    "Primary sources are the inspectorate (HMICFRS), the Office for National Statistics, the Home Office and "
    "police.uk. Their content is used under the Open Government Licence v3.0; news reports and statements are "
    "cited for the facts they report."
)
LOADS_NOTE = "Each file is kept unedited; its SHA-256 fingerprint shows it has not changed since it was loaded."
NO_REVISIONS = "No figure has been revised by a later release."


def no_grades_held(cycle_name: str, force_name: str) -> str:
    return f"We hold no {cycle_name} grades for {force_name}: no published source we found states them."


def no_headline_figures(force_name: str) -> str:
    return f"We do not hold any published headline figures for {force_name} yet."


def findings_counted(count: int, force_name: str, cycle_name: str, unplaced: int) -> str:
    return f"{count} findings for {force_name} in {cycle_name}, {unplaced} of them not tied to one area."


def revisions_counted(count: int) -> str:
    return (
        f"{count} earlier value(s) were replaced by a later release. The newest value is the one shown "
        "across the dashboard; the earlier ones are kept here."
    )


def no_tracker_items(force_name: str, cycle_name: str, as_at: str) -> str:
    return (
        f"We hold no improvement items for {force_name} from {cycle_name} as at {as_at}. "
        "The inspectorate's report lists its causes of concern and areas for improvement; none has been entered "
        "here from a published source yet."
    )


def no_timeline(force_name: str) -> str:
    return f"We hold no inspection timeline for {force_name} yet."


def control_heading(place: str) -> str:
    return f"Is it changing? Statistical process control for {place}"

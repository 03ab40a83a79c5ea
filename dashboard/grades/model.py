"""Inspection grades shaped for the grades, national and peers pages: pure functions, DataFrames in and out.

Grades are compared only within one cycle: the inspectorate says cycles cannot be compared directly,
so nothing here joins, averages or ranks grades across cycles.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

import pandas as pd

from dashboard.common.cache import built_once
from dashboard.common.catalogue import HEADLINE_METRICS
from dashboard.common.escape import Markdown, markdown, markdown_join
from dashboard.common.forces import force_lookup, most_similar_group, region_neighbours
from dashboard.common.scale import EVIDENCE_LABEL, GRADE_ORDER, NOT_A_GRADE, grade_badge
from dashboard.common.wording import (
    TITLE_KIND_WORDS,
    area_gaps,
    citation,
    citations,
    compare_with_standard,
    counted,
    format_date,
    format_value,
    is_missing,
    join_words,
    last_given,
    names_at_each_grade,
    not_graded_sentence,
    readable_echo,
    row_source,
    small,
    tier_label,
)
from dashboard.store.names import normalise
from dashboard.store.web_address import checked_url

GRADE_STATES = (*GRADE_ORDER, *NOT_A_GRADE)
FORCES_IN_ENGLAND_AND_WALES = 43
FINDING_KINDS = {
    "cause_of_concern": "Cause of concern",
    "area_for_improvement": "Area for improvement",
    "innovative_practice": "Innovative practice",
    "promising_practice": "Promising practice",
}
PEER_KINDS = {
    "msg": "Its most similar group",
    "region": "Forces in its region",
    "custom": "Forces I choose",
}
_MOST_PEERS = 42
_MOST_UNKNOWN_NAMED = 5  # a notice that names more than this is a wall of echoed text


# --- Cycles ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CycleChoice:
    cycle_id: str
    name: str
    comparability_note: str
    notice: str | None = None  # shown to the visitor when their value could not be used


def resolve_cycle(value: object, cycles: pd.DataFrame) -> CycleChoice:
    """Match '2021-22', '2021–22', '2021/22' or 'PEEL 2021-22'; anything else falls back to the newest cycle."""
    value = last_given(value)
    by_key: dict[str, pd.Series] = {}
    for _, row in cycles.iterrows():
        for name in (row["cycle_id"], row["name"]):
            by_key[normalise(str(name)).removeprefix("peel-")] = row
    newest = cycles.iloc[0]

    def choice(row: pd.Series, notice: str | None = None) -> CycleChoice:
        return CycleChoice(row["cycle_id"], row["name"], row["comparability_note"], notice)

    if value is None or str(value).strip() == "":
        return choice(newest)
    text = str(value)
    found = by_key.get(normalise(text.replace("–", "-")).removeprefix("peel-")) if len(text) <= 40 else None
    if found is not None:
        return choice(found)
    return choice(
        newest,
        f"We hold no inspection cycle called “{readable_echo(text)}”, so we are showing {newest['name']}. "
        "Choose another cycle below.",
    )


# --- One force's grades ---------------------------------------------------------------------------


def is_known(grade: str) -> bool:
    return grade in GRADE_ORDER


def publication_date(grades: pd.DataFrame) -> object:
    """The date the force's report for the cycle was published: the date most of its grades carry.

    Only grades we hold count: a date above a page of 'Not known' reads as if the grades were published here."""
    dates = grades.loc[grades["grade"].isin(GRADE_ORDER), "published"].dropna()
    return None if dates.empty else dates.mode().iloc[0]


def publication_label(grades: pd.DataFrame, counts: pd.DataFrame) -> str:
    """'Report published 16 October 2024', from the grades, else from the counts, else says it is not known."""
    published = publication_date(grades)
    if published is not None:
        return f"Report published {format_date(published)}"
    dates = counts["published"].dropna() if not counts.empty else pd.Series(dtype=object)
    if not dates.empty:
        text = str(dates.iloc[0])
        if re.fullmatch(r"\d{4}-\d{2}", text):  # a month only, as the source gives it
            return f"Report published {calendar.month_name[int(text[5:])]} {text[:4]}"
        return f"Report published {format_date(text)}"
    return "No grades held for this cycle, so no report is dated here"


def also_stated_by(corroborating: object) -> str:
    """The other sources held that state a grade, cited as the table shows sources ('' for none)."""
    if not hasattr(corroborating, "__len__") or isinstance(corroborating, str):  # None, NaN or NA: none held
        return ""
    return "; ".join(citation(c["publisher"], c["title"], c.get("title_kind")) for c in corroborating)


@built_once(per_database=False)  # the same frames give the same table: built once per process
def figures_for_theme(figures: pd.DataFrame, theme_id: str) -> pd.DataFrame:
    """Performance figures that speak to one PEEL theme, headline measures first.

    Context counts (no better direction, such as the number of 999 calls) are left out: they are not a
    measure of how well the force did.
    """
    rows = figures[(figures["theme_id"] == theme_id) & figures["higher_is_better"].notna()]
    order = {metric: i for i, metric in enumerate(HEADLINE_METRICS)}
    return (
        rows.assign(_order=rows["metric_id"].map(order).fillna(len(order)))
        .sort_values(["_order", "metric_name"])
        .drop(columns="_order")
    )


def figure_line(figure: pd.Series) -> str:
    """'999 calls answered within 10 seconds: 87.4%, April 2024, below the 90% standard; second-hand source'."""
    text = f"{figure['metric_name']}: {format_value(figure['value'], figure['unit'])}, {figure['period_label']}"
    standard = compare_with_standard(figure["value"], figure["standard_value"], figure["higher_is_better"], figure["unit"])
    if standard:
        text += f", {standard}"
    if not is_missing(figure["ci_half_width"]):
        text += f", an estimate ±{figure['ci_half_width']:g} points"
    return f"{text}; {tier_label(figure['source_tier'])}"


def findings_for_area(findings: pd.DataFrame, area_id: str | None) -> pd.DataFrame:
    """Findings tied to one area, or (area_id None) those the sources do not tie to one area."""
    if area_id is None:
        return findings[findings["area_id"].isna()]
    return findings[findings["area_id"] == area_id]


@built_once(per_database=False)  # the same frames give the same table: built once per process
def grades_table(grades: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """One row per area: the grade in words, when and how it is known, its source, and the related figures."""
    rows = []
    for _, area in grades.iterrows():
        related = figures_for_theme(figures, area["theme_id"])
        known_source = not is_missing(area["source_title"]) and area["grade"] != "Not known"
        rows.append(
            {
                "Area": area["area_name"],
                "Grade": area["grade"],
                "Published": format_date(area["published"]) if not is_missing(area["published"]) else "",
                "How we know": EVIDENCE_LABEL.get(area["evidence"], area["evidence"]),
                "Source": citation(area["source_publisher"], area["source_title"], area.get("source_title_kind"))
                if known_source
                else "",
                "Kind of source": tier_label(area["source_tier"]) if known_source else "",
                # The best source held is cited; the others that state the same grade are listed as corroboration.
                "Also stated by": also_stated_by(area.get("corroborating_sources")) if known_source else "",
                "Latest related figures": " | ".join(figure_line(f) for _, f in related.iterrows()),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "Area",
            "Grade",
            "Published",
            "How we know",
            "Source",
            "Kind of source",
            "Also stated by",
            "Latest related figures",
        ],
    )


def findings_table(findings: pd.DataFrame) -> pd.DataFrame:
    """Every finding with its kind, its area (or 'Not tied to one area') and its source."""
    return pd.DataFrame(
        {
            "Area": findings["area_name"].fillna("Not tied to one area"),
            "Kind": findings["kind"].map(FINDING_KINDS),
            "Finding": findings["summary"],
            "Source": citations(findings),
            "Kind of source": findings["source_tier"].map(tier_label),
        },
        columns=["Area", "Kind", "Finding", "Source", "Kind of source"],
    ).reset_index(drop=True)


def counts_sentence(force_name: str, cycle_name: str, counts: pd.DataFrame) -> str:
    """'For PEEL 2021-22 we know only how many areas got each grade: across 8 graded areas, 2 Good, 5 Adequate …'."""
    listed = join_words([f"{row.area_count} {row.grade}" for row in counts.itertuples()])
    return (
        f"For {cycle_name} we know only how many areas got each grade for {force_name}, not which area got which: "
        f"across {counts['graded_areas'].iloc[0]} graded areas, {listed}."
    )


def counts_table(counts: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Grade": counts["grade"],
            "Number of areas": counts["area_count"],
            "Graded areas in all": counts["graded_areas"],
            "Source": citations(counts),
            "Kind of source": counts["source_tier"].map(tier_label),
        }
    ).reset_index(drop=True)


def cycles_side_by_side(
    grades_by_cycle: dict[str, pd.DataFrame], cycle_names: dict[str, str], counts_only: set[str]
) -> pd.DataFrame:
    """Each cycle's own area names and grades in separate columns, matched by theme: never merged or scored.

    A cycle whose grades are known only as counts shows 'Not known (counts only)' rather than a placement.
    """
    columns: dict[str, pd.DataFrame] = {}
    for cycle_id, grades in grades_by_cycle.items():
        name = cycle_names[cycle_id]
        grade = grades["grade"].where(~((grades["grade"] == "Not known") & (cycle_id in counts_only)), "Not known (counts only)")
        columns[cycle_id] = pd.DataFrame(
            {
                "theme_id": grades["theme_id"],
                "sort_order": grades["sort_order"],
                f"Area ({name})": grades["area_name"],
                name: grade,
            }
        )
    cycle_ids = list(grades_by_cycle)
    table = columns[cycle_ids[0]]
    for cycle_id in cycle_ids[1:]:
        table = table.merge(columns[cycle_id].drop(columns="sort_order"), on="theme_id", how="outer")
    table = table.sort_values("sort_order").drop(columns=["theme_id", "sort_order"])
    return table.fillna("Not assessed in this cycle").reset_index(drop=True)


# --- All forces -----------------------------------------------------------------------------------


def wide_matrix(matrix: pd.DataFrame) -> pd.DataFrame:
    """Force × area grades in words, one row per force, areas in the cycle's order: never blank."""
    areas = matrix.drop_duplicates("area_id").sort_values("sort_order")["area_short_name"].tolist()
    forces = list(dict.fromkeys(matrix["force_short_name"]))  # keep the matrix's order (the chosen force first on peers)
    wide = matrix.pivot(index="force_short_name", columns="area_short_name", values="grade").reindex(index=forces, columns=areas)
    wide = wide.fillna("Not known").reset_index().rename(columns={"force_short_name": "Force"})
    wide.columns.name = None
    return wide


def distribution_table(distribution: pd.DataFrame) -> pd.DataFrame:
    """One row per area: the number of forces at each grade, then not graded, not known and the total."""
    areas = distribution.drop_duplicates("area_id").sort_values("sort_order")["area_short_name"].tolist()
    wide = distribution.pivot(index="area_short_name", columns="grade", values="force_count").reindex(
        index=areas, columns=list(GRADE_STATES)
    )
    wide = wide.fillna(0).astype(int)
    wide["Forces"] = wide.sum(axis=1)
    wide = wide.reset_index().rename(columns={"area_short_name": "Area"})
    wide.columns.name = None
    return wide


def distribution_summary(distribution: pd.DataFrame, cycle_name: str) -> str:
    """Overall counts, then each area's most common known grade: the text alternative of the counts chart."""
    totals = distribution.groupby("grade")["force_count"].sum()
    graded = join_words([f"{int(totals.get(g, 0))} {g}" for g in GRADE_ORDER])
    text = (
        f"Area grades we hold for {cycle_name}, across all areas: {graded}; "
        f"{int(totals.get('Not graded', 0))} not graded and {int(totals.get('Not known', 0))} not known."
    )
    parts = []
    for _area_id, rows in distribution.sort_values("sort_order").groupby("area_id", sort=False):
        known = rows[rows["grade"].isin(GRADE_ORDER)]
        total_known = int(known["force_count"].sum())
        if total_known == 0:
            parts.append(f"{rows['area_short_name'].iloc[0]}: no grade known")
            continue
        most = int(known["force_count"].max())
        # Ties are named together rather than broken by the order of the scale.
        top = join_words(known.loc[known["force_count"] == most, "grade"].tolist())
        each = " each" if (known["force_count"] == most).sum() > 1 else ""
        area = rows["area_short_name"].iloc[0]
        parts.append(f"{area}: most often {top} ({most}{each} of {total_known} forces with a known grade)")
    return text + " " + "; ".join(parts) + "."


@dataclass(frozen=True)
class Coverage:
    cycle_name: str
    forces: int
    any_known: int
    all_known: int
    none_known: tuple[str, ...]  # short names of forces with no area graded in our data
    counts_only: tuple[str, ...]  # of those, forces whose grades are known as counts

    def sentence(self) -> str:
        text = (
            f"Grades known for {self.any_known} of {self.forces} forces in {self.cycle_name}; "
            f"all areas known for {self.all_known}."
        )
        if self.none_known:
            text += f" No area grade known for {join_words(list(self.none_known))}."
        if self.counts_only:
            text += f" For {join_words(list(self.counts_only))} only the number of areas at each grade is known."
        return text


def coverage(matrix: pd.DataFrame, cycle_name: str, counts: pd.DataFrame | None = None) -> Coverage:
    """A force is known if at least one area has a real grade; all known if no area is 'Not known'."""
    per_force = matrix.groupby("force_short_name")["grade"]
    any_known = per_force.apply(lambda g: g.isin(GRADE_ORDER).any())
    all_known = per_force.apply(lambda g: not (g == "Not known").any())
    none = tuple(sorted(any_known.index[~any_known]))
    with_counts = set(counts["force_short_name"]) if counts is not None and not counts.empty else set()
    return Coverage(
        cycle_name, len(any_known), int(any_known.sum()), int(all_known.sum()), none, tuple(n for n in none if n in with_counts)
    )


def grade_sources(matrix: pd.DataFrame) -> pd.DataFrame:
    """Each source behind the grades shown (not the 'Not known' rows), its tier and how many grades cite it."""
    cited = matrix[(matrix["grade"] != "Not known") & matrix["source_title"].notna()]
    grouped = (
        cited.groupby(["source_publisher", "source_title", "source_title_kind", "source_url", "source_tier"], dropna=False)
        .agg(published=("source_published", "first"), grades=("grade", "size"), forces=("force_id", "nunique"))
        .reset_index()
        .sort_values(["source_tier", "grades"], ascending=[True, False])
    )
    return pd.DataFrame(
        {
            "Publisher": grouped["source_publisher"],
            "Title or description": grouped["source_title"],
            "Which it is": grouped["source_title_kind"].map(TITLE_KIND_WORDS).fillna(TITLE_KIND_WORDS["description"]),
            "Web address": grouped["source_url"].map(checked_url),  # a link column: only addresses that may be linked to
            "Published": grouped["published"].map(lambda d: "" if is_missing(d) else format_date(d)),
            "Kind of source": grouped["source_tier"].map(tier_label),
            "Grades cited": grouped["grades"],
            "Forces": grouped["forces"],
        }
    ).reset_index(drop=True)


def sources_sentence(sources: pd.DataFrame) -> str:
    """'Grades come from 58 sources: 12 primary (the inspectorate itself) and 46 second-hand …'."""
    if sources.empty:
        return "No source states a grade for this cycle."
    primary = sources[sources["Kind of source"] == tier_label("primary")]
    return (
        f"These grades come from {counted(len(sources), 'source')}: {len(primary)} primary and "
        f"{len(sources) - len(primary)} second-hand (news reports, force and PCC statements citing the inspectorate). "
        f"{int(primary['Grades cited'].sum())} of {int(sources['Grades cited'].sum())} grades shown come from a primary source. "
        "None was read from the inspectorate's own grade tables."
    )


def grade_tally(grades: pd.Series) -> str:
    """'1 Good, 3 Adequate and 1 Inadequate; 1 not graded, 3 not known': counts, never an average or a score."""
    counts = grades.value_counts()
    graded = [f"{int(counts[g])} {g}" for g in GRADE_ORDER if counts.get(g, 0)]
    others = [f"{int(counts[g])} {g.lower()}" for g in NOT_A_GRADE if counts.get(g, 0)]
    if not graded:
        return "Not known" if not counts.get("Not graded", 0) else "No grade known; " + ", ".join(others)
    return join_words(graded) + ("; " + ", ".join(others) if others else "")


def cycles_tally_table(
    matrices: dict[str, pd.DataFrame], counts: dict[str, pd.DataFrame], cycle_names: dict[str, str]
) -> pd.DataFrame:
    """One row per force, one column per cycle: how many areas got each grade, cycles side by side.

    Where a cycle is known only as counts, the published counts are shown and marked as such.
    """
    first = next(iter(matrices.values()))
    table = pd.DataFrame({"Force": list(dict.fromkeys(first["force_short_name"]))})
    for cycle_id, matrix in matrices.items():
        tallies = matrix.groupby("force_short_name", sort=False)["grade"].apply(grade_tally)
        placed = set(matrix.loc[matrix["grade"].isin(GRADE_ORDER), "force_short_name"])
        for name, rows in counts[cycle_id].groupby("force_short_name"):
            if name in tallies.index and name not in placed:
                listed = join_words([f"{r.area_count} {r.grade}" for r in rows.itertuples()])
                tallies[name] = f"{listed} (counts only: which area got which grade is not known)"
        table[cycle_names[cycle_id]] = table["Force"].map(tallies).fillna("Not known")
    return table


def force_position(matrix: pd.DataFrame, force_id: str) -> pd.DataFrame:
    """Area by area, the force's grade and how many of the other forces were graded the same, higher or lower.

    Within one cycle only; forces whose grade is not known (or not graded) are counted separately, never guessed.
    """
    rows = []
    for _area_id, area in matrix.sort_values("sort_order").groupby("area_id", sort=False):
        own = area[area["force_id"] == force_id]
        others = area[area["force_id"] != force_id]
        grade = own["grade"].iloc[0] if not own.empty else "Not known"
        known = others[others["grade"].isin(GRADE_ORDER)]
        row = {"Area": area["area_short_name"].iloc[0], "Grade": grade}
        if is_known(grade):
            rank = GRADE_ORDER.index(grade) + 1
            row |= {
                "Others graded higher": int((known["grade_rank"] < rank).sum()),
                "Others graded the same": int((known["grade_rank"] == rank).sum()),
                "Others graded lower": int((known["grade_rank"] > rank).sum()),
            }
        else:
            row |= {"Others graded higher": None, "Others graded the same": None, "Others graded lower": None}
        row["Others with a known grade"] = len(known)
        row["Others not known or not graded"] = len(others) - len(known)
        rows.append(row)
    table = pd.DataFrame(rows)
    for column in ("Others graded higher", "Others graded the same", "Others graded lower"):
        table[column] = table[column].astype("Int64")
    return table


def position_summary(position: pd.DataFrame, force_name: str, group: str) -> str:
    """'Hertfordshire compared with the other 42 forces: Recording data about crime, Inadequate: 30 graded higher …'."""
    known = position[position["Grade"].isin(GRADE_ORDER)]
    if known.empty:
        return f"We hold no grade for {force_name} in this cycle, so it cannot be placed among {group}."
    parts = [
        f"{r['Area']}, {r['Grade']} ({r['Others graded higher']} higher, {r['Others graded the same']} the same, "
        f"{r['Others graded lower']} lower)"
        for _, r in known.iterrows()
    ]
    text = f"{force_name} compared with {group} whose grade is known, area by area: " + "; ".join(parts) + "."
    text += not_graded_sentence(position.loc[position["Grade"] == "Not graded", "Area"].tolist())
    unknown = position.loc[~position["Grade"].isin([*GRADE_ORDER, "Not graded"]), "Area"].tolist()
    if unknown:
        text += f" Its grade is not known for {join_words(unknown)}."
    return text


def matrix_summary(matrix: pd.DataFrame, cycle_name: str, focus_force_id: str | None, group: str) -> str:
    """What a grade matrix shows, in words: the text alternative of the heatmap."""
    forces = matrix["force_id"].nunique()
    areas = matrix["area_id"].nunique()
    counts = matrix["grade"].value_counts()
    graded = [f"{int(counts[g])} {g}" for g in GRADE_ORDER if counts.get(g, 0)]
    text = f"{cycle_name} grades for {group} ({counted(forces, 'force')}, {counted(areas, 'area')}): "
    text += join_words(graded) if graded else "no grade known"
    text += f"; {int(counts.get('Not graded', 0))} not graded and {int(counts.get('Not known', 0))} not known."
    if focus_force_id is not None:
        own = matrix[matrix["force_id"] == focus_force_id]
        if not own.empty:
            name = own["force_short_name"].iloc[0]
            known = own[own["grade"].isin(GRADE_ORDER)]
            if known.empty:
                text += f" {name} (outlined): no grade known."
            else:
                listed = join_words([f"{r.grade} in {r.area_short_name}" for r in known.itertuples()])
                text += f" {name} (outlined): {listed}."
    return text


def forces_by_grade(matrix: pd.DataFrame, area_id: str) -> pd.DataFrame:
    """For one area, the forces at each grade: a list that reads well on a phone."""
    area = matrix[matrix["area_id"] == area_id]
    rows = []
    for grade, names in names_at_each_grade(area, "force_short_name", GRADE_STATES).items():
        rows.append({"Grade": grade, "Forces": len(names), "Which forces": ", ".join(names)})
    return pd.DataFrame(rows)


def forces_by_grade_summary(matrix: pd.DataFrame, area_id: str, cycle_name: str) -> str:
    """'Recording data about crime, PEEL 2023-25: 3 forces Inadequate, …; 10 not known.'"""
    area = matrix[matrix["area_id"] == area_id]
    counts = area["grade"].value_counts()
    parts = [f"{counted(int(counts[g]), 'force')} {g}" for g in GRADE_ORDER if counts.get(g, 0)]
    text = f"{area['area_name'].iloc[0]}, {cycle_name}: " + (join_words(parts) if parts else "no grade known")
    return text + f"; {int(counts.get('Not graded', 0))} not graded and {int(counts.get('Not known', 0))} not known."


def counts_only_sentence(counts: pd.DataFrame, matrix: pd.DataFrame) -> str:
    """For forces in the matrix with no area grade but published counts, what the counts say."""
    shown = set(matrix["force_id"])
    placed = set(matrix.loc[matrix["grade"].isin(GRADE_ORDER), "force_id"])
    parts = []
    for _force_id, rows in counts[counts["force_id"].isin(shown - placed)].groupby("force_id", sort=False):
        listed = join_words([f"{r.area_count} {r.grade}" for r in rows.itertuples()])
        parts.append(
            f"{rows['force_short_name'].iloc[0]}'s grades are known only as counts: {listed} over "
            f"{rows['graded_areas'].iloc[0]} graded areas "
            f"({rows['source_publisher'].iloc[0]}, {tier_label(rows['source_tier'].iloc[0])})."
        )
    return " ".join(parts)


@dataclass(frozen=True)
class AreaOptions:
    """A cycle's areas in page order, and every way a visitor may name one: built once, resolved per run."""

    names: dict[str, str]  # area id -> area name, in page order
    lookup: dict[str, str]  # normalised id, short name or name -> area id

    def resolve(self, value: object) -> tuple[str, str | None]:
        """An area id from ?area= (id or name), else the first area, with a notice when the value was not usable."""
        value = last_given(value)
        first = next(iter(self.names))
        if value is None or str(value) == "":
            return first, None
        found = self.lookup.get(normalise(str(value))) if len(str(value)) <= 80 else None
        if found:
            return found, None
        return first, f"We could not find an area called “{readable_echo(str(value))}”, so we are showing the first area."


def area_options(areas: pd.DataFrame) -> AreaOptions:
    """The areas of a frame with area_id, area_short_name, area_name and sort_order columns."""
    ordered = areas.drop_duplicates("area_id").sort_values("sort_order")
    lookup: dict[str, str] = {}
    for row in ordered.itertuples():
        for name in (row.area_id, row.area_short_name, row.area_name):
            lookup.setdefault(normalise(name), row.area_id)
    return AreaOptions(dict(zip(ordered["area_id"], ordered["area_name"])), lookup)


def resolve_area(value: object, areas: pd.DataFrame) -> tuple[str, str | None]:
    """An area id from ?area= (id or name), else the first area, with a notice when the value was not usable."""
    return area_options(areas).resolve(value)


# --- Peer groups ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeerChoice:
    kind: str  # msg | region | custom
    member_ids: tuple[str, ...]  # the peers, not including the chosen force
    label: str  # what the group is, in a few words
    notice: str | None = None


def split_force_list(values: list[str] | None) -> list[str]:
    """?with=essex,kent and ?with=essex&with=kent both give ['essex', 'kent']."""
    items: list[str] = []
    for value in values or []:
        items += [part.strip() for part in str(value).split(",") if part.strip()]
    return items


def resolve_peers(
    kind: object, chosen: list[str] | None, force_id: str, forces: pd.DataFrame, groups: pd.DataFrame
) -> PeerChoice:
    """The peer group named in the URL (?peers=msg|region|custom, ?with=…), falling back politely.

    The default is the force's published most similar group where we hold one, else its region.
    """
    if isinstance(kind, list):
        kind = kind[-1] if kind else None
    by_id = forces.set_index("force_id")
    short = by_id.loc[force_id, "short_name"]
    region = by_id.loc[force_id, "region"]
    has_group = not groups.empty
    default = "msg" if has_group else "region"
    notice = None
    if kind in (None, ""):
        kind = default
    elif kind not in PEER_KINDS:
        notice = f"We do not know a peer group called “{readable_echo(str(kind))}”, so we are showing {short}'s " + (
            "most similar group." if has_group else f"region ({region})."
        )
        kind = default
    elif kind == "msg" and not has_group:
        notice = (
            f"We hold no published most similar group for {short}, so we are showing the forces in its region ({region}). "
            "You can also choose forces yourself."
        )
        kind = "region"

    if kind == "msg":
        members = most_similar_group(force_id, groups)["member_force_id"].tolist()
        label = f"{short}'s most similar group"
    elif kind == "region":
        members = region_neighbours(force_id, forces)["force_id"].tolist()
        label = f"the other forces in {region}"
    else:
        lookup = force_lookup(forces)
        members, unknown = [], []
        for item in split_force_list(chosen)[: _MOST_PEERS * 2]:
            found = lookup.get(normalise(item)) if len(item) <= 80 else None
            if found is None:
                unknown.append(readable_echo(item))
            elif found != force_id and found not in members:
                members.append(found)
        members = members[:_MOST_PEERS]
        if unknown:
            named = [f"“{u}”" for u in unknown[:_MOST_UNKNOWN_NAMED]]
            if len(unknown) > _MOST_UNKNOWN_NAMED:
                named.append(f"{len(unknown) - _MOST_UNKNOWN_NAMED} more")
            left_out = "it" if len(unknown) == 1 else "them"
            notice = f"We could not find {join_words(named)} among the 43 forces, so we left {left_out} out."
        label = "the forces you chose"
    return PeerChoice(kind, tuple(members), label, notice)


def peer_matrix(matrix: pd.DataFrame, force_id: str, member_ids: tuple[str, ...]) -> pd.DataFrame:
    """The chosen force first, then its peers in name order: the rows of the matrix that the page shows."""
    rows = matrix[matrix["force_id"].isin((force_id, *member_ids))]
    return (
        rows.assign(_first=rows["force_id"] != force_id)
        .sort_values(["_first", "force_short_name", "sort_order"])
        .drop(columns="_first")
    )


def peer_description(choice: PeerChoice, groups: pd.DataFrame, forces: pd.DataFrame) -> str:
    """Who is in the group and where the group comes from, in one or two plain sentences."""
    names = forces.set_index("force_id").loc[list(choice.member_ids), "short_name"].tolist() if choice.member_ids else []
    if choice.kind == "msg":
        first = groups.iloc[0]
        return (
            f"{first['group_name']}: {join_words(names)}. Most similar groups are revised from time to time; this is the "
            "group as it was listed then, and we have not found a more recent one."
        )
    if choice.kind == "region":
        return f"The forces in the same region: {join_words(names)}." if names else "No other force is in the same region."
    return f"Forces you chose: {join_words(names)}." if names else "Choose forces to compare with from the list."


def source_caption_text(row: pd.Series, prefix: str = "Source: ") -> Markdown:
    """The caption text for one source, flagged when it is second-hand."""
    marker = "" if row["source_tier"] == "primary" else "⚠️ **Second-hand:** "
    return markdown(marker + "{}{}", prefix, row_source(row))


def finding_lines(findings: pd.DataFrame) -> tuple[tuple[Markdown, Markdown], ...]:
    """Each finding as (its kind in words and summary, its source caption): markdown, cheap to reuse."""
    return tuple(
        (
            markdown("**{}:** {}", FINDING_KINDS.get(finding["kind"], finding["kind"]), finding["summary"]),
            source_caption_text(finding),
        )
        for _, finding in findings.iterrows()
    )


def findings_markdown(lines: tuple[tuple[Markdown, Markdown], ...]) -> Markdown:
    """Findings as markdown paragraphs: the kind and summary, then its source in small print on the next line."""
    return markdown_join(markdown("{}  \n{}", text, small(caption)) for text, caption in lines)


def area_card_content(area: pd.Series, findings: pd.DataFrame, figures: pd.DataFrame, show_findings_gap: bool) -> Markdown:
    """One area's card as one markdown: its grade in words and colour, the latest related figures, its findings.

    Built once per process by dashboard.grades.views; a horizontal rule closes the card.
    """
    parts = [markdown("##### {}", area["area_name"]), grade_badge(area["grade"])]
    related = figures_for_theme(figures, area["theme_id"])
    if not related.empty:
        listed = markdown_join((markdown("- {}", figure_line(f)) for _, f in related.iterrows()), "\n")
        parts.append(markdown("**Latest related figures we hold:**\n{}", listed))
        parts.append(small("The latest we hold, which may be from before or after this inspection."))
    if not findings.empty:
        parts.append(findings_markdown(finding_lines(findings)))
    elif show_findings_gap:
        parts.append(small("We hold no published finding for this area."))
    parts.append(Markdown("---"))
    return markdown_join(parts)


def grid_as_list(matrix: pd.DataFrame, force_id: str) -> Markdown:
    """The force × area grid as a list per area, for a phone, where 43 columns of words overprint: under each area, the
    forces at each grade (in words, with the grade's symbol), the chosen force in bold and marked ◀."""
    if matrix.empty:
        return Markdown("")
    # One sort and one pass in plain Python: filtering the frame per area and grade (9 × 6 times) took half a
    # second for the first visitor of Similar forces and All forces.
    ordered = matrix.sort_values(["sort_order", "force_short_name"])
    areas: dict[str, tuple[str, dict[str, list[Markdown]]]] = {}
    for area_id, area_name, grade, force, short_name in zip(
        ordered["area_id"], ordered["area_short_name"], ordered["grade"], ordered["force_id"], ordered["force_short_name"]
    ):
        named = areas.setdefault(area_id, (area_name, {}))[1]
        named.setdefault(grade, []).append(markdown("**{} ◀**" if force == force_id else "{}", short_name))
    blocks = []
    for area_name, named in areas.values():
        lines = [markdown("**{}**", area_name)]
        for grade in GRADE_STATES:
            if named.get(grade):
                listed = markdown_join(named[grade], ", ")
                lines.append(markdown("- {} ({}): {}", grade_badge(grade), len(named[grade]), listed))
        blocks.append(markdown_join(lines, "\n"))
    return markdown_join(blocks)


# --- The answer first: one or two short sentences a page leads with ----------------------------------


def grades_lead(force_name: str, cycle_name: str, grades: pd.DataFrame, counts: pd.DataFrame) -> str:
    """'Hertfordshire Constabulary, PEEL 2023–25: Good in 1 area, Adequate in 3, Requires improvement in 4,
    Inadequate in 1 (Recording data about crime).' The areas graded Inadequate are named; a gap is said, not filled."""
    known = grades[grades["grade"].isin(GRADE_ORDER)]
    if known.empty:
        if counts is not None and not counts.empty:
            listed = ", ".join(f"{row.area_count} {row.grade}" for row in counts.itertuples())
            return (
                f"{force_name}, {cycle_name}: {counts['graded_areas'].iloc[0]} graded areas, {listed}. "
                "Which area got which grade is not published."
            )
        return f"{force_name}, {cycle_name}: no grade held. No published source we found states one."
    parts = []
    for grade, areas in names_at_each_grade(known, "area_name").items():
        if not areas:
            continue
        part = f"{grade} in {len(areas)}"
        if not parts:
            part += " area" if len(areas) == 1 else " areas"
        if grade == GRADE_ORDER[-1]:
            part += f" ({join_words(areas)})"
        parts.append(part)
    return f"{force_name}, {cycle_name}: {', '.join(parts)}.{area_gaps(grades['grade'], grades['area_name'])}"


def position_lead(position: pd.DataFrame, force_name: str, cycle_name: str, group: str) -> str:
    """Where the force sits in one cycle: its lowest and its highest grade, each against the others with a known grade.

    'Hertfordshire, PEEL 2023-25, beside the other 42 forces: its lowest grade, Inadequate in Recording data about
    crime (16 of the 16 with a known grade higher); its highest, Good in Preventing crime (2 of the 28 with a known
    grade higher).'
    """
    known = position[position["Grade"].isin(GRADE_ORDER)]
    if known.empty:
        return f"{force_name}, {cycle_name}: no grade held, so it cannot be placed among {group}."
    # By grade, then by how many others are graded higher: pandas sorts on several columns stably.
    ordered = known.assign(rank=known["Grade"].map(GRADE_ORDER.index)).sort_values(["rank", "Others graded higher"])
    best, weakest = ordered.iloc[0], ordered.iloc[-1]

    def where(row: pd.Series) -> str:
        higher, known = int(row["Others graded higher"]), int(row["Others with a known grade"])
        return f"{row['Area']} ({higher} of the {known} with a known grade higher)"

    text = f"{force_name}, {cycle_name}, beside {group}: "
    if len(known) == 1:
        text += f"{best['Grade']} in {where(best)}."
    elif best["Grade"] == weakest["Grade"]:  # no lowest or highest grade, only a range of positions
        text += f"{best['Grade']} in each of the {len(known)} areas whose grade we hold, from {where(weakest)} to {where(best)}."
    else:
        text += f"its lowest grade, {weakest['Grade']} in {where(weakest)}; its highest, {best['Grade']} in {where(best)}."
    return text + area_gaps(position["Grade"], position["Area"])

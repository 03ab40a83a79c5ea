"""Overview: how was the chosen force graded in its latest inspection, and what do its headline figures say?"""

import pandas as pd
import streamlit as st

from dashboard.catalogue import HEADLINE_METRICS
from dashboard.summaries import overview_summary
from dashboard.ui import csv_download, figure_card, force_picker, grade_columns, source_markdown, sources_table
from queries import run_query

force = force_picker()
st.title(f"{force.name}: where it stands")
st.write(
    "How the police inspectorate (HMICFRS) graded this force in its latest inspection, and the most recent "
    "published figures on answering 999 calls and recording crime. Every figure shows where it comes from."
)

cycles = run_query("cycles")
latest, previous = cycles.iloc[0], cycles.iloc[1]
grades = run_query("force_grades", force_id=force.force_id, cycle_id=latest["cycle_id"])
figures = run_query("latest_figures", force_id=force.force_id, metric_ids=list(HEADLINE_METRICS))

st.info(overview_summary(force.name, latest["name"], grades, figures), icon=":material/summarize:")

st.header(f"Inspection grades: {latest['name']}")
st.caption("The inspectorate grades each area on a five-point scale, from Outstanding to Inadequate.")
grade_columns(grades)
graded = grades.dropna(subset=["source_title"])
if not graded.empty:
    first = graded.iloc[0]
    st.caption(
        "Source: "
        + source_markdown(
            first["source_publisher"], first["source_title"], first["source_url"], first["source_published"], first["source_tier"]
        )
    )
with st.expander("These grades as a table"):
    table = grades[["area_name", "grade", "evidence", "published"]].rename(
        columns={"area_name": "Area", "grade": "Grade", "evidence": "Evidence", "published": "Published"}
    )
    st.dataframe(table, hide_index=True)
    csv_download(table, "Download these grades (CSV)", f"{force.force_id}-{latest['cycle_id']}-grades.csv", "grades_csv")

st.subheader(f"Previous inspection: {previous['name']}")
st.warning(previous["comparability_note"], icon=":material/compare_arrows:")
earlier = run_query("force_grades", force_id=force.force_id, cycle_id=previous["cycle_id"])
counts = run_query("force_grade_counts", force_id=force.force_id, cycle_id=previous["cycle_id"])
if (earlier["grade"] != "Not known").any():
    grade_columns(earlier)
elif not counts.empty:
    listed = ", ".join(f"{row.area_count} {row.grade}" for row in counts.itertuples())
    st.markdown(f"Over {counts['graded_areas'].iloc[0]} graded areas: **{listed}**.")
    st.caption(counts["note"].iloc[0])
    first = counts.iloc[0]
    st.caption(
        "Source: "
        + source_markdown(first["source_publisher"], first["source_title"], first["source_url"], None, first["source_tier"])
    )
else:
    st.markdown(f"We hold no {previous['name']} grades for {force.name}: no published source we found states them.")

st.header("Headline figures")
st.caption(
    "The latest figure we hold for each measure. ⚠️ marks a figure reported second-hand (for example a news "
    "report quoting police data) rather than taken from the official publication."
)
if figures.empty:
    st.markdown(f"We do not hold any published headline figures for {force.name} yet.")
else:
    for start in range(0, len(figures), 3):
        for column, (_, figure) in zip(st.columns(3), figures.iloc[start : start + 3].iterrows()):
            with column:
                figure_card(figure)
metrics = run_query("metrics").set_index("metric_id")
missing = [metrics.loc[m, "name"] for m in HEADLINE_METRICS if m not in set(figures["metric_id"])]
if missing:
    st.markdown(
        f"**Not known for {force.short_name}:** "
        + "; ".join(missing)
        + ". We have not found a published figure we can cite, so none is shown."
    )

st.header("Sources")
sources_table(pd.concat([grades, figures], ignore_index=True))

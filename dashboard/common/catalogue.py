"""Which metrics the overview leads with, in the order a resident would ask about them."""

from __future__ import annotations

HEADLINE_METRICS = (
    "pct_999_answered_10s",
    "mean_999_answer_seconds",
    "pct_101_answered_90s",
    "crime_recording_rate_pct",
    "crime_recording_rate_violence_pct",
    "charge_rate_pct",
    "recorded_crime_total",
)

"""Link previews for the static edition: each force's grade scorecard as /f/<force_id>/preview.png (1200x630), drawn
in one kaleido session for every force (starting its Chromium is most of the cost of one image)."""

from __future__ import annotations

from pathlib import Path

from dashboard.common.site_addresses import PREVIEW_FILE
from dashboard.grades.scorecard import PREVIEW, scorecard_figure, write_pngs
from dashboard.grades.views import every_scorecard


def write_previews(folder: Path) -> int:
    """Write folder/<force_id>/preview.png for every force in the database; returns how many were written."""
    cards = every_scorecard()
    paths = [folder / force_id / PREVIEW_FILE for force_id in cards]
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
    write_pngs([scorecard_figure(card, PREVIEW) for card in cards.values()], paths)
    return len(paths)

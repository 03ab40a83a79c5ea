"""Publishing the static edition (issue 23): built beside the published folder and swapped in whole, one publish at
a time; a failed build leaves the published edition as it was; the command line, and a load that changed the data,
publish it. dashboard.site.build is stood in for by bench/stand_in_site.py (the stand_in_site fixture)."""

from __future__ import annotations

import sys
import threading
import types
from pathlib import Path

import pytest

from bench.stand_in_site import GRADE_SENTENCE, write_stand_in_site
from dashboard.__main__ import main
from dashboard.site.publish import SitePublishError, _swap_in, publish_site

OVERVIEW = Path("hertfordshire") / "index.html"


def use_builder(monkeypatch, build_site) -> None:
    monkeypatch.setitem(sys.modules, "dashboard.site.build", types.SimpleNamespace(build_site=build_site))


def everything_beside(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.parent.iterdir())


def test_a_publish_writes_the_edition_into_the_site_folder_and_reports_its_pages(stand_in_site):
    report = publish_site()
    assert GRADE_SENTENCE in (stand_in_site / OVERVIEW).read_text()
    assert (report.folder, report.pages) == (stand_in_site, 4)
    assert report.bytes_by_kind["page"] > 0
    assert "4 pages" in report.lines()[0]
    assert everything_beside(stand_in_site) == ["site"], "no work folder is left beside the site"


def test_visitors_get_the_previous_edition_until_the_new_one_is_swapped_in_whole(stand_in_site, monkeypatch):
    publish_site()
    seen_during_the_build = []

    def slow_new_edition(destination: Path):
        report = write_stand_in_site(destination)
        (destination / OVERVIEW).write_text("the new edition")
        seen_during_the_build.append((stand_in_site / OVERVIEW).read_text())
        return report

    use_builder(monkeypatch, slow_new_edition)
    publish_site()
    assert GRADE_SENTENCE in seen_during_the_build[0], "while the new edition was built, the previous one was served"
    assert (stand_in_site / OVERVIEW).read_text() == "the new edition"
    assert everything_beside(stand_in_site) == ["site"], "the previous edition is removed after the swap"


def test_on_linux_the_new_edition_and_the_old_are_exchanged_in_one_step_with_no_moment_without_a_site(tmp_path, monkeypatch):
    published, new = tmp_path / "site", tmp_path / ".site.new-1"
    published.mkdir()
    (published / "old.html").write_text("old")
    new.mkdir()
    (new / "new.html").write_text("new")

    def no_renames(self, target):
        raise AssertionError("moved the published folder aside: there was a moment without a site")

    monkeypatch.setattr(Path, "rename", no_renames)
    _swap_in(new, published)
    assert [p.name for p in published.iterdir()] == ["new.html"]
    assert [p.name for p in new.iterdir()] == ["old.html"], "the previous edition is left where the new one was, to remove"


def test_a_failed_build_leaves_the_published_edition_untouched_and_says_why(stand_in_site, monkeypatch):
    publish_site()
    before = {path: path.read_bytes() for path in stand_in_site.rglob("*") if path.is_file()}

    def broken(destination: Path):
        (destination / "half-written.html").write_text("<p>half")
        raise ValueError("no grades for kent")

    use_builder(monkeypatch, broken)
    with pytest.raises(SitePublishError) as failure:
        publish_site()
    assert "could not be built, so the published one was left as it was" in str(failure.value)
    assert "no grades for kent" in str(failure.value)
    assert {path: path.read_bytes() for path in stand_in_site.rglob("*") if path.is_file()} == before
    assert everything_beside(stand_in_site) == ["site"]


def test_a_build_that_wrote_nothing_is_not_published(stand_in_site, monkeypatch):
    use_builder(monkeypatch, lambda destination: types.SimpleNamespace(pages=0, seconds=0.0, bytes={}))
    with pytest.raises(SitePublishError, match="wrote no pages"):
        publish_site()
    assert not stand_in_site.exists()


def test_two_publishes_at_once_never_interleave(stand_in_site, monkeypatch):
    events: list[str] = []
    first_is_building, second_is_building = threading.Event(), threading.Event()

    def recorded(destination: Path):
        events.append("start")
        if first_is_building.is_set():
            second_is_building.set()
        else:
            first_is_building.set()
            # Without the lock the second build would start meanwhile; with it, this wait runs out first.
            second_is_building.wait(timeout=3)
        report = write_stand_in_site(destination)
        events.append("end")
        return report

    use_builder(monkeypatch, recorded)
    first = threading.Thread(target=publish_site)
    first.start()
    assert first_is_building.wait(timeout=30)
    second = threading.Thread(target=publish_site)
    second.start()
    first.join(timeout=60)
    second.join(timeout=60)
    assert events == ["start", "end", "start", "end"]
    assert everything_beside(stand_in_site) == ["site"]


def test_work_folders_left_by_a_publish_that_was_killed_are_removed_by_the_next(stand_in_site):
    stand_in_site.parent.mkdir(parents=True)
    (stand_in_site.parent / ".site.new-1234-abcd").mkdir()
    (stand_in_site.parent / ".site.old-1234-abcd").mkdir()
    (stand_in_site.parent / "not-ours").mkdir()
    publish_site()
    assert everything_beside(stand_in_site) == ["not-ours", "site"]


# ------------------------------------------------------------------------------------------- the command line


def test_the_site_command_publishes_and_says_where(stand_in_site, use_real_db, capsys):
    assert main(["site"]) == 0
    assert f"Published the static edition in {stand_in_site}: 4 pages" in capsys.readouterr().out
    assert (stand_in_site / OVERVIEW).is_file()


def test_the_site_command_when_missing_leaves_a_published_edition_alone(stand_in_site, use_real_db, monkeypatch, capsys):
    assert main(["site", "--if-missing"]) == 0
    (stand_in_site / "marker").write_text("kept")
    use_builder(monkeypatch, lambda destination: pytest.fail("rebuilt although an edition was published"))
    assert main(["site", "--if-missing"]) == 0
    assert "already published" in capsys.readouterr().out
    assert (stand_in_site / "marker").read_text() == "kept"


def test_the_site_command_reports_a_failed_build_in_words_and_exits_1(stand_in_site, use_real_db, monkeypatch, capsys):
    def broken(destination: Path):
        raise KeyError("kent")

    use_builder(monkeypatch, broken)
    assert main(["site"]) == 1
    error = capsys.readouterr().err
    assert "The static edition could not be built, so the published one was left as it was" in error
    assert "Traceback" not in error

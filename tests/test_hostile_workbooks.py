"""Workbooks made to hurt the loader: a zip bomb is refused before openpyxl opens it, and XML entities are refused.

Both are made from the good ONS fixture by rewriting its Table P1 sheet, or its workbook part, inside the zip.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl.xml
import pytest
from importer_helpers import ONS_WORKBOOK, TABLE_P1, billion_laughs, prepare, rewritten, with_first_text

from dashboard.store.importers import ons_pfa
from dashboard.store.importers.archive import ArchiveLimits, check_archive
from dashboard.store.importers.load import SourceSpec, load_file
from dashboard.store.tables import DataFileError


@pytest.fixture
def env(fixture_data_copy, tmp_path):
    db_path = tmp_path / "hostile.duckdb"
    prepare(fixture_data_copy, db_path)
    return fixture_data_copy, db_path


def load(env, path: Path):
    data_dir, db_path = env
    return load_file(path, "ons-pfa", SourceSpec("test-inspectorate"), data_dir=data_dir, db_path=db_path, dry_run=True)


def test_the_good_workbook_still_loads(env):
    assert load(env, ONS_WORKBOOK).row_count > 0


def test_openpyxl_reads_workbooks_through_defusedxml():
    assert openpyxl.xml.DEFUSEDXML is True


def test_a_101_kib_workbook_that_expands_to_100_mib_is_refused_unopened_naming_the_file(env, tmp_path, monkeypatch):
    bomb = rewritten(tmp_path / "pfa-tables-bomb.xlsx", TABLE_P1, with_first_text(b"A" * 100 * 2**20))
    assert bomb.stat().st_size < 120 * 1024

    def never(*args, **kwargs):
        raise AssertionError("openpyxl opened the workbook")

    monkeypatch.setattr(ons_pfa, "load_workbook", never)
    with pytest.raises(DataFileError) as refused:
        load(env, bomb)
    (problem,) = refused.value.problems
    assert problem.file == "pfa-tables-bomb.xlsx"
    assert re.fullmatch(
        r"the workbook would expand from 10\d\.\d KiB to 100\.0 MiB, more than 100 times its size; "
        r"refused unopened, as a possible zip bomb",
        problem.message,
    )


@pytest.mark.parametrize(
    "limits, expected",
    [
        (ArchiveLimits(max_entries=5), "the workbook has 11 parts, more than the 5 accepted"),
        (ArchiveLimits(max_expanded=10_000), "the workbook would expand to 21.0 KiB, more than the 9.8 KiB accepted"),
        (ArchiveLimits(max_ratio=5, ratio_from=5_000), "its part 'xl/theme/theme1.xml' would expand from 1.5 KiB to 9.9 KiB"),
    ],
)
def test_each_archive_limit_refuses_a_workbook_past_it(tmp_path, limits, expected):
    with pytest.raises(DataFileError) as refused:
        check_archive(ONS_WORKBOOK, "pfa.xlsx", limits)
    assert str(refused.value.problems[0]).startswith(f"pfa.xlsx: {expected}")


@pytest.mark.parametrize("part", ["xl/workbook.xml", TABLE_P1])
def test_an_xml_entity_expansion_in_a_workbook_is_refused(env, tmp_path, part):
    laughs = rewritten(tmp_path / "laughs.xlsx", part, billion_laughs())
    with pytest.raises(DataFileError) as refused:
        load(env, laughs)
    assert str(refused.value) == (
        "Rejected: 1 problem(s), nothing was changed.\n  - laughs.xlsx: the workbook declares XML entities, which a "
        "workbook saved by Excel never does; refused as a possible XML bomb"
    )

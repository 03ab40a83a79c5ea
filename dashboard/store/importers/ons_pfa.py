"""The ONS police force area data tables workbook: total recorded crime excluding fraud, from Table P1.

The sheet may be named 'Table P1 ' (trailing space); title rows sit above the header row that holds
'Area Code'; force rows have codes starting E23 (England) or W15 (Wales); region and country totals
are mixed in and are left out, except the England and Wales total (K04), which is kept as such.
"""

from __future__ import annotations

import calendar
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from dashboard.store.importers.archive import check_archive
from dashboard.store.importers.base import Importer, ReadContext, Release, check_metrics, parse_number, register
from dashboard.store.importers.headers import normalise_space
from dashboard.store.periods import describe_period
from dashboard.store.tables import DataFileError, Problem

KIND = "ons-pfa"
SHEET = "table p1"
OGL = "Open Government Licence v3.0"
# Normalised header → metric. The total is what the issue asks for; the other two have metrics already.
COLUMNS = {
    "total recorded crime (excluding fraud)": "recorded_crime_total",
    "robbery": "recorded_robbery",
    "sexual offences": "recorded_sexual_offences",
}
_FORCE_CODE = re.compile(r"^(E23|W15)\d{6}$")
_AREA_CODE = re.compile(r"^[EWKSN]\d{8}$")
_YEAR_ENDING = re.compile(r"(?:year|12 months) ending ([a-z]+) (\d{4})", re.IGNORECASE)
# openpyxl parses with defusedxml (requirements.txt), which refuses entity declarations: a workbook Excel saved
# has none, and one that has them may be an XML bomb.
_ENTITIES = "the workbook declares XML entities, which a workbook saved by Excel never does; refused as a possible XML bomb"


def parse_year_ending(text: str) -> tuple[date, date] | None:
    """'year ending March 2024' → 1 April 2023 to 31 March 2024; None when the text names no such year."""
    match = _YEAR_ENDING.search(normalise_space(text))
    if not match:
        return None
    names = [calendar.month_name[m].casefold() for m in range(1, 13)]
    word = match[1].casefold()
    month = next((i + 1 for i, name in enumerate(names) if name == word or (len(word) >= 3 and name.startswith(word))), None)
    if month is None:
        return None
    year = int(match[2])
    end = date(year, month, calendar.monthrange(year, month)[1])
    start = date(year - 1, month + 1, 1) if month < 12 else date(year, 1, 1)
    return start, end


def _caused_by_entities(error: BaseException | None) -> bool:
    """openpyxl wraps what defusedxml refuses in a ValueError of its own: look a few links down the chain."""
    for _ in range(5):
        if error is None or isinstance(error, DefusedXmlException):
            return error is not None
        error = error.__cause__ or error.__context__
    return False


def _unopened(error: Exception) -> str:
    if _caused_by_entities(error):
        return _ENTITIES
    if isinstance(error, (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, EOFError)):
        return (
            "could not be opened as an Excel workbook (.xlsx): it may be truncated or damaged, or saved in "
            f"another format ({type(error).__name__}); download it again, or save it as .xlsx"
        )
    # openpyxl raises its own types for malformed parts
    return f"could not be read as an Excel workbook: {error}"


def _open_sheet(path: Path, shown: str):
    if not path.exists():
        raise DataFileError([Problem(shown, None, None, "file not found")])
    if path.stat().st_size == 0:
        raise DataFileError([Problem(shown, None, None, "the file is empty; expected an Excel workbook (.xlsx)")])
    try:
        check_archive(path, shown)  # before openpyxl reads a byte of it
        workbook = load_workbook(path, read_only=True, data_only=True)
    except DataFileError:
        raise
    except Exception as error:
        raise DataFileError([Problem(shown, None, None, _unopened(error))]) from None
    sheets = {name.strip().casefold(): name for name in workbook.sheetnames}
    if SHEET not in sheets:
        listed = ", ".join(f"'{n}'" for n in workbook.sheetnames)
        raise DataFileError([Problem(shown, None, None, f"has no sheet named 'Table P1' (sheets found: {listed})")])
    return workbook, workbook[sheets[SHEET]], sheets[SHEET]


def _rows(sheet, shown: str) -> list[tuple[Any, ...]]:
    try:
        return [tuple(row) for row in sheet.iter_rows(values_only=True)]
    except Exception as error:  # a truncated sheet fails only when it is read
        truncated = f"the sheet could not be read to the end; the file may be truncated ({type(error).__name__})"
        found = _ENTITIES if _caused_by_entities(error) else truncated
        raise DataFileError([Problem(shown, None, None, found)]) from None


def read(path: Path, context: ReadContext) -> Release:
    """Check Table P1; return one observation per force (and England and Wales) and published column."""
    shown = context.display_name
    workbook, sheet, sheet_name = _open_sheet(path, shown)
    try:
        rows = _rows(sheet, shown)
    finally:
        workbook.close()
    where = f"{shown}, sheet '{sheet_name}'"
    header_index = next(
        (i for i, row in enumerate(rows) if any(normalise_space(c) == "area code" for c in row if c is not None)), None
    )
    if header_index is None:
        raise DataFileError([Problem(where, None, None, "no header row containing 'Area Code' was found")])
    header = [normalise_space(c) for c in rows[header_index]]
    code_col = header.index("area code")
    name_col = code_col + 1
    wanted = {index: COLUMNS[text] for index, text in enumerate(header) if text in COLUMNS}
    if "recorded_crime_total" not in wanted.values():
        found = ", ".join(f"'{c}'" for c in rows[header_index] if c)
        raise DataFileError(
            [
                Problem(
                    where,
                    header_index + 1,
                    None,
                    f"no 'Total recorded crime (excluding fraud)' column in the header row (found: {found})",
                )
            ]
        )
    period = _period(rows[:header_index], context.options.get("period"), where)
    label = describe_period(*period)

    problems: list[Problem] = []
    observations: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    ignored = 0
    data_rows = 0
    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        line = index + 1
        code = str(row[code_col]).strip() if code_col < len(row) and row[code_col] is not None else ""
        if not _AREA_CODE.match(code):
            continue  # blank lines, notes and footers below the table
        data_rows += 1
        name = str(row[name_col]).strip() if name_col < len(row) and row[name_col] is not None else ""
        force_id = _place(code, name, context, where, line, problems)
        if force_id is None:
            ignored += 1
            continue
        if force_id in seen:
            problems.append(Problem(where, line, "Area Code", f"duplicate of row {seen[force_id]}: {code} {name} appears twice"))
            continue
        seen[force_id] = line
        for column, metric_id in wanted.items():
            cell = row[column] if column < len(row) else None
            letter = f"{get_column_letter(column + 1)} ('{rows[header_index][column]}')"
            try:
                value = (
                    cell
                    if isinstance(cell, (int, float)) and not isinstance(cell, bool)
                    else parse_number(str(cell or ""), whole=True)
                )
            except ValueError as error:
                problems.append(Problem(where, line, letter, str(error)))
                continue
            if value is None:
                continue  # a published gap ('..', '[x]') stays a gap
            if value < 0 or not float(value).is_integer():
                problems.append(Problem(where, line, letter, f"expected a whole number of offences, found {value}"))
                continue
            observations.append(
                {
                    "force_id": force_id,
                    "metric_id": metric_id,
                    "period_start": period[0],
                    "period_end": period[1],
                    "period_label": label,
                    "value": float(value),
                    "numerator": None,
                    "denominator": None,
                    "ci_half_width": None,
                    "source_id": context.source_id,
                    "public_note": None,
                }
            )
        if len(problems) > 50:
            break
    if problems:
        raise DataFileError(problems)
    if not seen:
        raise DataFileError(
            [Problem(where, header_index + 2, "Area Code", "no police force area rows (codes E23… or W15…) were found")]
        )
    check_metrics(observations, context.reference, shown)
    forces = sum(1 for force_id in seen if context.reference.force_kinds.get(force_id) == "force")
    warnings = (
        [f"{ignored} region and country total row(s) left out (only forces and England and Wales are kept)."] if ignored else []
    )
    if forces != 43:
        warnings.append(f"{forces} police force areas found, not the 43 of England and Wales.")
    unused = [f"'{c}'" for i, c in enumerate(rows[header_index]) if c and i not in wanted and i not in (code_col, name_col)]
    if unused:
        warnings.insert(0, f"Not loaded: column(s) {', '.join(unused)}, which match no measure we hold.")
    column_map = [f"'{rows[header_index][c]}' → {metric_id}" for c, metric_id in wanted.items()] + [f"period: {label}"]
    return Release(observations, data_rows, column_map, warnings)


def _period(title_rows: list[tuple[Any, ...]], option: str | None, where: str) -> tuple[date, date]:
    """The period from the title rows ('year ending March 2024'), or from --period; they must agree."""
    from_title = None
    for row in title_rows:
        for cell in row:
            if isinstance(cell, str) and (from_title := parse_year_ending(cell)):
                break
        if from_title:
            break
    from_option = None
    if option:
        from_option = parse_year_ending(option if "ending" in option.casefold() else f"year ending {option}")
        if from_option is None:
            raise DataFileError(
                [Problem("--period", None, None, f"expected a period such as 'year ending March 2024', found '{option}'")]
            )
    if from_title and from_option and from_title != from_option:
        raise DataFileError(
            [
                Problem(
                    where,
                    None,
                    None,
                    f"the title rows say {describe_period(*from_title)} but --period says {describe_period(*from_option)}",
                )
            ]
        )
    period = from_option or from_title
    if period is None:
        raise DataFileError(
            [
                Problem(
                    where,
                    None,
                    None,
                    "the title rows do not say which year the figures cover; give it with --period 'year ending March 2024'",
                )
            ]
        )
    return period


def _place(code: str, name: str, context: ReadContext, where: str, line: int, problems: list[Problem]) -> str | None:
    """A force id for a force row, 'england-and-wales' for the E&W total, None for other totals."""
    if _FORCE_CODE.match(code):
        force_id = context.reference.pfa_codes.get(code)
        if force_id is None:
            problems.append(
                Problem(where, line, "Area Code", f"{code} ({name}) is not the code of a police force area in data/forces.csv")
            )
        return force_id
    if code.startswith("K04") and "england and wales" in normalise_space(name):
        return "england-and-wales"
    return None


register(
    Importer(
        kind=KIND,
        description="ONS police force area data tables (Excel): Table P1, total recorded crime excluding fraud",
        table="observation",
        key=("force_id", "metric_id", "period_label"),
        read=read,
        compared=("period_start", "period_end", "value", "numerator", "denominator", "ci_half_width"),
        history_table="observation_history",
        source_defaults={"tier": "primary", "status": "official statistics", "licence": OGL},
        options=("period",),
    )
)

"""The police.uk monthly 999 call-answering CSV: one row per force and month.

The real file was not available when this was written; it is built from published descriptions
(total calls, calls answered within 10 seconds and their share, the 10-60 second and over-60-second
bands, mean answer time), so columns are matched by meaning, and any column not matched is reported.
"""

from __future__ import annotations

import calendar
import csv
import io
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from dashboard.store.importers.base import Importer, ReadContext, Release, check_metrics, parse_number, read_text, register
from dashboard.store.importers.headers import ColumnMap, map_columns
from dashboard.store.periods import describe_period
from dashboard.store.tables import DataFileError, Problem

KIND = "police-uk-999"
OGL = "Open Government Licence v3.0"

# field → (what it is, in words; metric it is stored as; whether it is a count of calls)
FIELDS: dict[str, tuple[str, str | None, bool]] = {
    "force": ("force name", None, False),
    "month": ("month", None, False),
    "calls": ("total 999 calls", "calls_999", True),
    "within_10_count": ("calls answered within 10 seconds", "calls_999_answered_10s", True),
    "within_10_pct": ("share answered within 10 seconds (%)", "pct_999_answered_10s", False),
    "band_10_60_count": ("calls answered in 10 to 60 seconds", "calls_999_answered_10_60s", True),
    "band_10_60_pct": ("share answered in 10 to 60 seconds (%)", "pct_999_answered_10_60s", False),
    "over_60_count": ("calls answered after more than 60 seconds", "calls_999_answered_over_60s", True),
    "over_60_pct": ("share answered after more than 60 seconds (%)", "pct_999_answered_over_60s", False),
    "mean_seconds": ("mean answer time (seconds)", "mean_999_answer_seconds", False),
}
MEASURES = [name for name, (_, metric, _) in FIELDS.items() if metric]
# Share columns and the count and total they are the share of (numerator, denominator).
SHARE_PARTS = {
    "within_10_pct": ("within_10_count", "calls"),
    "band_10_60_pct": ("band_10_60_count", "calls"),
    "over_60_pct": ("over_60_count", "calls"),
}
_IDENTIFIERS = {"code", "id", "region", "country", "ons"}
_MONTH_WORDS = {"month", "date", "period"}
_MEASURE_WORDS = {"answered", "seconds", "mean", "percent", "total", "number"}
# Published shares are rounded; a bigger gap between a share and its counts means one of them is wrong.
_SHARE_TOLERANCE = 0.51
# A blank cell is the only "no figure" police.uk is documented to use. A publisher's own marker (e.g. 'n/a')
# is accepted only when the load lists it (--not-available), and every such cell is counted in the summary.
_BLANK = frozenset({""})
OPTIONS = ("not_available", "accept_as_published")
# The csv module's default cell limit, enforced here too: another library may raise the process-wide limit.
MAX_CELL = 131_072


def today() -> date:
    """Today's date; a function so that tests can fix it."""
    return date.today()


def listed_gaps(options: dict[str, str]) -> frozenset[str]:
    """The markers a load listed as this publisher's 'not available', lower case."""
    listed = (options.get("not_available") or "").split(",")
    return _BLANK | {m.strip().casefold() for m in listed if m.strip()}


def classify(tokens: frozenset[str], raw: str) -> str | None:
    """Which field a header names, from its words (see headers.header_tokens), or None."""
    numbers = {t for t in tokens if t.isdigit() and t != "999"}
    share = "percent" in tokens
    if tokens & _IDENTIFIERS:
        return None
    if "force" in tokens or tokens >= {"police", "name"}:
        return "force"
    if tokens & _MONTH_WORDS and not tokens & _MEASURE_WORDS:
        return "month"
    if "mean" in tokens and not numbers:
        return "mean_seconds"
    suffix = "_pct" if share else "_count"
    if numbers == {"10", "60"}:
        return "band_10_60" + suffix
    if numbers == {"60"} and "over" in tokens:
        return "over_60" + suffix
    if numbers == {"10"} and "over" not in tokens:
        return "within_10" + suffix
    if not numbers and not share and "calls" in tokens and not tokens & {"answered", "abandoned", "seconds"}:
        return "calls"
    return None


def parse_month(text: str) -> tuple[date, date]:
    """The first and last day of the month named: '2024-04', 'April 2024', 'Apr-24', '01/04/2024' (day first)."""
    value = text.strip()
    value = re.sub(r"[ T]\d{1,2}:\d{2}(:\d{2})?$", "", value)  # a date that Excel saved with its time
    year = month = None
    if m := re.fullmatch(r"(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?", value):
        year, month = int(m[1]), int(m[2])
        day = int(m[3] or 1)
    elif m := re.fullmatch(r"(\d{1,2})[-/.](\d{4})", value):
        year, month, day = int(m[2]), int(m[1]), 1
    elif m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", value):
        year, month, day = int(m[3]), int(m[2]), int(m[1])
    elif m := re.fullmatch(r"([A-Za-z]+)\.?[\s\-]+(\d{4}|\d{2})", value):
        month = _month_number(m[1])
        year = int(m[2]) + (2000 if len(m[2]) == 2 else 0)
        day = 1
    if year is None or month is None or not 1 <= month <= 12:
        raise ValueError(f"expected a month such as 2024-04, April 2024 or 01/04/2024, found '{text}'")
    try:
        date(year, month, day)
    except ValueError:
        raise ValueError(f"'{text}' is not a real date (dates are read day first, as 01/04/2024)") from None
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _month_number(word: str) -> int | None:
    lowered = word.casefold()
    for number in range(1, 13):
        name = calendar.month_name[number].casefold()
        if lowered == name or (len(lowered) >= 3 and name.startswith(lowered)):
            return number
    return None


def _find_header(records: list[list[str]]) -> tuple[int, ColumnMap]:
    """The first of the top rows that names both a force and a month column (title lines may sit above it)."""
    first = None
    for index, record in enumerate(records[:10]):
        columns = map_columns(record, classify)
        first = first or (index, columns)
        if {"force", "month"} <= columns.found.keys():
            return index, columns
    return first  # type: ignore[return-value]


def read(path: Path, context: ReadContext) -> Release:
    """Check every row of a police.uk 999 file; return one observation per force, month and published measure."""
    shown = context.display_name
    text = read_text(path, shown)
    records, lines = _records(text, shown)
    header_index, columns = _find_header(records)
    header_row = lines[header_index]
    problems = _check_header(columns, shown, header_row)
    if problems:
        raise DataFileError(problems)

    body = [
        (line, record)
        for line, record in zip(lines[header_index + 1 :], records[header_index + 1 :])
        if any(c.strip() for c in record)
    ]
    if not body:
        raise DataFileError([Problem(shown, header_row + 1, None, "the file has a header but no data rows")])
    rows: list[dict[str, Any]] = []
    seen: dict[tuple[str, date], int] = {}
    warnings: list[str] = []
    percent_sign_allowed = {name: "%" in columns.header(name) for name in columns.found}
    gaps = listed_gaps(context.options)
    accept_as_published = context.options.get("accept_as_published") == "yes"
    not_available: Counter[str] = Counter()
    for done, (line, record) in enumerate(body, start=1):
        if len(record) != len(columns.headers):
            more_or_fewer = "more" if len(record) > len(columns.headers) else "fewer"
            problems.append(
                Problem(
                    shown,
                    line,
                    None,
                    f"this row has {len(record)} cells but the header has {len(columns.headers)} ({more_or_fewer} than "
                    "the header): a cell may have been added, lost or split by a stray comma",
                )
            )
            continue
        cells = {name: (record[index].strip() if index < len(record) else "") for name, index in columns.found.items()}
        force_id = _force(cells["force"], context, shown, line, columns.header("force"), problems)
        month = _month(cells["month"], shown, line, columns.header("month"), problems)
        values: dict[str, float | None] = {}
        for name in MEASURES:
            if name not in cells:
                continue
            try:
                values[name] = parse_number(
                    cells[name], whole=FIELDS[name][2], percent_sign_allowed=percent_sign_allowed[name], gaps=gaps
                )
            except ValueError as error:
                listed = " (if the publisher uses it for 'not available', list it with --not-available)"
                problems.append(Problem(shown, line, columns.header(name), str(error) + (listed if cells[name] else "")))
            else:
                if values[name] is None and cells[name]:
                    not_available[cells[name]] += 1
        problems += _check_values(values, columns, shown, line, warnings, accept_as_published)
        if force_id and month:
            key = (force_id, month[0])
            if key in seen:
                problems.append(
                    Problem(
                        shown,
                        line,
                        columns.header("force"),
                        f"duplicate of row {seen[key]}: {cells['force']}, {describe_period(*month)} appears twice",
                    )
                )
            else:
                seen[key] = line
                rows += _observations(force_id, month, values, context.source_id)
        if len(problems) > 50:
            break
        context.progress(done, len(body))
    if problems:
        raise DataFileError(problems)
    check_metrics(rows, context.reference, shown)
    if len(warnings) > 5:
        warnings = warnings[:5] + [f"… and {len(warnings) - 5} more rows where a share does not match its counts"]
    for marker, count in sorted(not_available.items()):
        warnings.append(f"{count:,} cell(s) marked '{marker}', listed as 'not available', are kept as gaps.")
    unmapped = [f"'{columns.headers[i]}'" for i in columns.unmapped]
    if unmapped:
        warnings.insert(0, f"Not loaded: column(s) {', '.join(unmapped)}, which match no measure we hold.")
    column_map = [f"'{columns.header(name)}' → {FIELDS[name][0]}" for name in FIELDS if name in columns.found]
    return Release(rows, len(body), column_map, warnings)


def _records(text: str, shown: str) -> tuple[list[list[str]], list[int]]:
    """Every record with the line it ends on; a damaged file is rejected, naming the line, never a traceback."""
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # strict: a quote left open by a cut-short download is an error, not a field running to the end of the file.
    reader = csv.reader(io.StringIO(text), dialect, strict=True)
    records, lines = [], []
    try:
        for record in reader:
            records.append(record)
            lines.append(reader.line_num)
    except csv.Error as error:
        line = reader.line_num  # the line the damaged record reached
        if "field larger than field limit" in str(error):
            message = (
                f"a cell is longer than {min(csv.field_size_limit(), MAX_CELL):,} characters, the most a CSV cell may hold here; "
                "the file is probably damaged (download it again)"
            )
        else:
            message = f"the file cannot be read as CSV here ({error}); it may be damaged or cut short (download it again)"
        raise DataFileError([Problem(shown, max(line, 1), None, message)]) from None
    for line, record in zip(lines, records):
        if any(len(cell) > MAX_CELL for cell in record):
            message = (
                f"a cell is longer than {MAX_CELL:,} characters, the most a CSV cell may hold here; "
                "the file is probably damaged (download it again)"
            )
            raise DataFileError([Problem(shown, line, None, message)])
    if not text.endswith(("\n", "\r")) and lines:
        raise DataFileError(
            [
                Problem(
                    shown,
                    lines[-1],
                    None,
                    "the file ends part-way through this line (no line break after it): it may have been cut short by "
                    "an interrupted download; download it again (if it is complete, add a line break at its end)",
                )
            ]
        )
    return records, lines


def _check_header(columns: ColumnMap, shown: str, row: int) -> list[Problem]:
    problems = []
    listed = ", ".join(f"'{h}'" for h in columns.headers if h) or "none"
    for name in ("force", "month"):
        if name not in columns.found:
            problems.append(
                Problem(
                    shown,
                    row,
                    None,
                    f"no column for the {FIELDS[name][0]} (headers found: {listed}); expected one such as 'Force' and 'Month'",
                )
            )
    if not any(name in columns.found for name in MEASURES):
        problems.append(
            Problem(
                shown,
                row,
                None,
                f"no column holds a 999 measure (headers found: {listed}); expected e.g. 'Total 999 calls', "
                "'Calls answered within 10 seconds', '% answered within 10 seconds', 'Mean answer time (seconds)'",
            )
        )
    for name, first, second in columns.clashes:
        problems.append(
            Problem(
                shown,
                row,
                columns.headers[second],
                f"both this column and '{columns.headers[first]}' look like the {FIELDS[name][0]}; rename one",
            )
        )
    return problems


def _force(text: str, context: ReadContext, shown: str, line: int, header: str, problems: list[Problem]) -> str | None:
    if not text:
        problems.append(Problem(shown, line, header, "a force name is required"))
        return None
    force_id = context.reference.resolve_force(text)
    if force_id is None:
        problems.append(
            Problem(
                shown,
                line,
                header,
                f"'{text}' is not a police force we know; expected a name from data/forces.csv "
                "(or add this spelling to data/force_aliases.csv)",
            )
        )
    return force_id


def _month(text: str, shown: str, line: int, header: str, problems: list[Problem]) -> tuple[date, date] | None:
    try:
        month = parse_month(text)
    except ValueError as error:
        problems.append(Problem(shown, line, header, str(error) if text else "a month is required"))
        return None
    if month[1] >= today():
        problems.append(
            Problem(
                shown,
                line,
                header,
                f"{describe_period(*month)} has not ended yet (today is {today():%d %B %Y}); no figures can be published "
                "for it. Check the month, or the date format (day first, as 01/04/2024)",
            )
        )
        return None
    return month


def _check_values(
    values: dict[str, float | None],
    columns: ColumnMap,
    shown: str,
    line: int,
    warnings: list[str],
    accept_as_published: bool = False,
) -> list[Problem]:
    """Shares within 0-100, counts within the total, times not negative; a share that contradicts its counts
    by more than rounding is rejected, or loaded as published with a warning under --accept-as-published."""
    problems = []
    for name, value in values.items():
        if value is None:
            continue
        if value < 0:
            problems.append(Problem(shown, line, columns.header(name), f"expected 0 or more, found {value:g}"))
        elif name.endswith("_pct") and value > 100:
            problems.append(Problem(shown, line, columns.header(name), f"expected a percentage from 0 to 100, found {value:g}"))
    total = values.get("calls")
    if total == 0:
        problems.append(Problem(shown, line, columns.header("calls"), "expected more than 0 calls"))
    for share, (count, _) in SHARE_PARTS.items():
        part = values.get(count)
        if total and part is not None and part > total:
            problems.append(
                Problem(shown, line, columns.header(count), f"{part:,.0f} calls is more than the total of {total:,.0f}")
            )
        elif total and part is not None and values.get(share) is not None:
            if abs(100 * part / total - values[share]) > _SHARE_TOLERANCE:
                said = (
                    f"'{columns.header(share)}' is {values[share]:g} but {part:,.0f} of {total:,.0f} is {100 * part / total:.1f}%"
                )
                if accept_as_published:
                    warnings.append(f"row {line}: {said}; both are loaded as published (--accept-as-published)")
                else:
                    problems.append(
                        Problem(
                            shown,
                            line,
                            columns.header(share),
                            f"{said}, more than rounding explains; check the file, or load it with --accept-as-published "
                            "if the publisher's own figures disagree",
                        )
                    )
    return problems


def _observations(
    force_id: str, month: tuple[date, date], values: dict[str, float | None], source_id: str | None
) -> list[dict[str, Any]]:
    """One observation per published measure; a share carries its count and total where both are published."""
    label = describe_period(*month)
    rows = []
    for name, value in values.items():
        if value is None:
            continue
        numerator = denominator = None
        if name in SHARE_PARTS:
            count, total = SHARE_PARTS[name]
            if values.get(count) is not None and values.get(total) is not None:
                numerator, denominator = values[count], values[total]
        rows.append(
            {
                "force_id": force_id,
                "metric_id": FIELDS[name][1],
                "period_start": month[0],
                "period_end": month[1],
                "period_label": label,
                "value": value,
                "numerator": numerator,
                "denominator": denominator,
                "ci_half_width": None,
                "source_id": source_id,
                "public_note": None,
            }
        )
    return rows


register(
    Importer(
        kind=KIND,
        description="police.uk monthly 999 call-answering data (CSV, one row per force and month)",
        table="observation",
        key=("force_id", "metric_id", "period_label"),
        read=read,
        compared=("period_start", "period_end", "value", "numerator", "denominator", "ci_half_width"),
        history_table="observation_history",
        source_defaults={"tier": "primary", "status": "published police data", "licence": OGL},
        options=OPTIONS,
    )
)

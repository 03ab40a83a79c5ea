"""A zip-based file (a workbook) is sized up from its directory before anything opens it: a zip bomb is refused.

A 100 KiB .xlsx can expand to gigabytes of XML that openpyxl would parse and hold. The directory states each
entry's expanded size, and Python's zipfile never reads an entry beyond the size stated (a lie fails its CRC
check), so judging the stated sizes bounds what any reader can be made to expand.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from dashboard.store.tables import DataFileError, Problem


@dataclass(frozen=True)
class ArchiveLimits:
    max_entries: int = 2_000  # a large statistical workbook has a few hundred parts
    max_expanded: int = 256 * 2**20  # bytes, all entries together
    # Expanded size over stored size. Spreadsheet XML compresses 5 to 20 times; a bomb, around 1,000 times.
    max_ratio: float = 100.0
    ratio_from: int = 2**20  # an entry smaller than this expanded is not judged on its ratio alone


def _size(n: float) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB"):
        if n < 1024 or unit == "TiB":
            return f"{n:,.0f} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1024
    raise AssertionError("unreachable")


def check_archive(path: Path, shown: str, limits: ArchiveLimits = ArchiveLimits()) -> None:
    """Raise DataFileError naming the file if it has too many entries, expands too far, or compresses too well;
    a file that is not a zip at all raises zipfile.BadZipFile, for the caller's own message."""
    with zipfile.ZipFile(path) as archive:
        entries = archive.infolist()
    stored = max(path.stat().st_size, 1)
    expanded = sum(e.file_size for e in entries)
    problem = None
    if len(entries) > limits.max_entries:
        problem = f"the workbook has {len(entries):,} parts, more than the {limits.max_entries:,} accepted"
    elif expanded > limits.max_expanded:
        problem = f"the workbook would expand to {_size(expanded)}, more than the {_size(limits.max_expanded)} accepted"
    elif expanded > limits.ratio_from and expanded / stored > limits.max_ratio:
        problem = (
            f"the workbook would expand from {_size(stored)} to {_size(expanded)}, more than {limits.max_ratio:g} times its size"
        )
    else:
        squeezed = next(
            (e for e in entries if e.file_size > limits.ratio_from and e.file_size / max(e.compress_size, 1) > limits.max_ratio),
            None,
        )
        if squeezed:
            problem = (
                f"its part {squeezed.filename!r} would expand from {_size(squeezed.compress_size)} to "
                f"{_size(squeezed.file_size)}, more than {limits.max_ratio:g} times"
            )
    if problem:
        raise DataFileError([Problem(shown, None, None, f"{problem}; refused unopened, as a possible zip bomb")])

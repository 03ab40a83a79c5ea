"""Time a load of a police.uk-sized 999 file (43 forces x 60 months) and the rebuild it triggers.

The file is SYNTHETIC (made-up numbers under real force names) and lives only in a temporary copy
of data/; nothing is written to the real data/. Run: `.venv/bin/python bench/import_999.py`.
"""

from __future__ import annotations

import csv
import io
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.store.build import build_database  # noqa: E402
from dashboard.store.importers.load import SourceSpec, load_file  # noqa: E402
from dashboard.store.paths import DATA_DIR  # noqa: E402


def synthetic_999_file(forces: list[str], months: int = 60) -> str:
    """One row per force and month, April 2019 onwards, with consistent made-up counts."""
    rng = random.Random(999)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "Force",
            "Month",
            "Total 999 calls",
            "Calls answered within 10 seconds",
            "% answered within 10 seconds",
            "Calls answered in 10-60 seconds",
            "Calls answered in over 60 seconds",
            "Mean answer time (seconds)",
        ]
    )
    for force in forces:
        for m in range(months):
            year, month = 2019 + (3 + m) // 12, (3 + m) % 12 + 1
            total = rng.randint(4000, 60000)
            within = int(total * rng.uniform(0.6, 0.98))
            band = int((total - within) * 0.8)
            writer.writerow(
                [
                    force,
                    f"{year}-{month:02d}",
                    total,
                    within,
                    f"{100 * within / total:.1f}",
                    band,
                    total - within - band,
                    f"{rng.uniform(2, 20):.1f}",
                ]
            )
    return out.getvalue()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        shutil.copytree(DATA_DIR, data_dir, ignore=shutil.ignore_patterns("build", "releases"))
        db_path = Path(tmp) / "bench.duckdb"
        forces = [
            row["name"] for row in csv.DictReader((data_dir / "forces.csv").open(encoding="utf-8")) if row["kind"] == "force"
        ]
        release = Path(tmp) / "police_uk_999_bench.csv"
        release.write_text(synthetic_999_file(forces), encoding="utf-8")

        started = time.perf_counter()
        build_database(data_dir, db_path)
        plain_build = time.perf_counter() - started
        spec = SourceSpec(publisher="Benchmark", title="Synthetic 999 file", tier="primary")
        dry = load_file(release, "police-uk-999", spec, dry_run=True, data_dir=data_dir, db_path=db_path)
        started = time.perf_counter()
        report = load_file(release, "police-uk-999", spec, data_dir=data_dir, db_path=db_path)
        total = time.perf_counter() - started
        started = time.perf_counter()
        build_database(data_dir, db_path)
        replay_build = time.perf_counter() - started

    print(f"file: {len(forces)} forces x 60 months = {report.row_count:,} rows, {report.changes.added:,} figures")
    print(f"build without releases:       {plain_build * 1000:7.0f} ms")
    print(f"dry run (check + compare):    {dry.check_seconds * 1000:7.0f} ms")
    print(f"load (check + store + build): {total * 1000:7.0f} ms  (of which rebuild {report.build_seconds * 1000:.0f} ms)")
    print(f"build replaying the release:  {replay_build * 1000:7.0f} ms")


if __name__ == "__main__":
    main()

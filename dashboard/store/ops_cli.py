"""`python -m dashboard refresh` and `python -m dashboard export`: the command lines for feeds and open data."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from dashboard.store.paths import DATA_DIR


def add_ops_commands(commands) -> None:
    refresh = commands.add_parser(
        "refresh",
        help="check each official feed once and load any new release (run from cron or a timer, not the app)",
        description="For each feed in data/feeds/catalogue.csv: one conditional request; a new file is checked whole and "
        "loaded like `load`; every outcome is appended to data/feeds/log.csv.",
    )
    refresh.add_argument("--feed", action="append", default=[], help="check only this feed id (repeatable)")
    refresh.add_argument(
        "--timeout", type=float, default=30.0, help="seconds to wait to connect or for any one read (default 30)"
    )
    refresh.add_argument(
        "--deadline", type=float, default=300.0, help="seconds for a feed's whole fetch, retries included (default 300)"
    )
    refresh.add_argument("--max-bytes", type=int, default=50_000_000, help="largest file accepted (default 50,000,000)")
    refresh.add_argument("--data-dir", type=Path, default=DATA_DIR, help=argparse.SUPPRESS)
    export = commands.add_parser(
        "export",
        help="write the whole database as an open-data package (CSV, Parquet, datapackage.json) and its zip",
    )
    export.add_argument(
        "--out", type=Path, default=DATA_DIR / "build" / "open-data", help="folder to write (default data/build/open-data)"
    )


def run_refresh(args: argparse.Namespace) -> bool:
    """Check every feed and print one line for each; True when a new release was loaded (the data changed).

    A refresh where every feed was unreachable or rejected still succeeds: each failure is logged."""
    from dashboard.store.fetch import Limits
    from dashboard.store.refresh import describe, refresh

    # The detail of each check (status codes, what the server said) goes to stderr, the operator's log.
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    limits = Limits(timeout=args.timeout, deadline=args.deadline, max_bytes=args.max_bytes)
    checks = refresh(args.data_dir, feed_ids=tuple(args.feed), limits=limits)
    print("\n".join(describe(checks)))
    return any(check.outcome == "new" for check in checks)


def run_ops(args: argparse.Namespace) -> int:
    """Run refresh or export."""
    if args.command == "refresh":
        run_refresh(args)
        return 0
    from dashboard.store.build import ensure_database
    from dashboard.store.export import export_package

    package = export_package(ensure_database(), args.out)
    print(f"Wrote the open-data package version {package.version} to {package.folder} and {package.zip_path}")
    for name, count in package.row_counts.items():
        print(f"  {name:<28} {count:>6} rows")
    return 0

"""Command line: `python -m dashboard build`, `load`, `refresh` (fetch the official feeds) and `export` (open data)."""

from __future__ import annotations

import argparse
import sys

from dashboard.store.build import build_database
from dashboard.store.importers.cli import add_load_command, run_load
from dashboard.store.ops_cli import add_ops_commands, run_ops
from dashboard.store.tables import DataFileError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="build the database from the files in data/")
    add_load_command(commands)
    add_ops_commands(commands)
    args = parser.parse_args(argv)
    try:
        if args.command == "load":
            return run_load(args)
        if args.command in ("refresh", "export"):
            return run_ops(args)
        if args.command == "build":
            report = build_database()
            total = sum(report.rows.values())
            print(f"Built {report.path} in {report.seconds * 1000:.0f} ms: {total} rows")
            for name, count in report.rows.items():
                print(f"  {name:<14} {count:>6}")
    except DataFileError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

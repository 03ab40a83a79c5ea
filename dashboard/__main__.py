"""Command line: `python -m dashboard build`, `load`, `refresh` (fetch the official feeds), `export` (open data) and
`site` (publish the static edition, which a load or a refresh that changed the data also does)."""

from __future__ import annotations

import argparse
import sys

from dashboard.store.build import build_database
from dashboard.store.importers.cli import add_load_command, run_load
from dashboard.store.ops_cli import add_ops_commands, run_ops, run_refresh
from dashboard.store.tables import DataFileError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="build the database from the files in data/")
    add_load_command(commands)
    add_ops_commands(commands)
    site = commands.add_parser("site", help="build the static edition and publish it in data/build/site (served at /f/)")
    site.add_argument("--if-missing", action="store_true", help="only when no edition is published yet (make run)")
    args = parser.parse_args(argv)
    try:
        # A load or refresh that changed the data publishes the static edition afterwards (a dry run, a file already
        # loaded or feeds with nothing new change nothing). A site that fails is reported; the load itself stands.
        if args.command == "load":
            if run_load(args).changed_data:
                publish_after_change()
            return 0
        if args.command == "refresh":
            if run_refresh(args):
                publish_after_change()
            return 0
        if args.command == "export":
            return run_ops(args)
        if args.command == "site":
            from dashboard.common.site_addresses import site_folder
            from dashboard.store.build import ensure_database

            if args.if_missing and site_folder().is_dir():
                print(f"The static edition is already published in {site_folder()}; `python -m dashboard site` rebuilds it.")
                return 0
            ensure_database()
            return run_site()
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


def run_site() -> int:
    """Publish the static edition from the database as it is; 1 (and the reason, in words) if the build failed."""
    from dashboard.site.publish import SitePublishError, publish_site

    try:
        report = publish_site()
    except SitePublishError as error:
        print(error, file=sys.stderr)
        return 1
    print("\n".join(report.lines()))
    return 0


def publish_after_change() -> None:
    """After a load or refresh that changed the data: publish the static edition; a failure is said, not raised."""
    if run_site() != 0:
        print("The data was loaded; only the static edition was not updated (see above).", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())

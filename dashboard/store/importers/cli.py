"""`python -m dashboard load FILE --kind KIND`: the command line for the importers."""

from __future__ import annotations

import argparse
from pathlib import Path

from dashboard.store.importers.base import REGISTRY, Progress
from dashboard.store.importers.load import LoadReport, SourceSpec, load_file
from dashboard.store.paths import DATA_DIR


def add_load_command(commands) -> None:
    """Add the `load` sub-command to the dashboard's argument parser."""
    kinds = "\n".join(f"  {kind:<16} {importer.description}" for kind, importer in REGISTRY.items())
    load = commands.add_parser(
        "load",
        help="check a data file and add it to the database (kept unedited in data/releases/)",
        description="Check every row of FILE; reject the whole file on any problem; otherwise keep it in "
        "data/releases/, list it in data/releases/manifest.csv and rebuild the database.",
        epilog=f"kinds:\n{kinds}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    load.add_argument("file", type=Path)
    load.add_argument("--kind", required=True, choices=sorted(REGISTRY), help="what the file is (see the list below)")
    load.add_argument("--dry-run", action="store_true", help="check and say what would change, without writing anything")
    source = load.add_argument_group("source (cite one already held, or describe a new one)")
    source.add_argument("--source", dest="source_id", help="id of the source in data/sources.csv or data/releases/sources.csv")
    source.add_argument("--publisher", help="e.g. 'Home Office (police.uk)'")
    source.add_argument("--title", help="the publication's title")
    source.add_argument("--url", help="its web address")
    source.add_argument("--published", help="its publication date, YYYY-MM-DD")
    source.add_argument("--tier", choices=("primary", "secondary"), help="primary for police.uk, ONS, Home Office, HMICFRS")
    source.add_argument("--status", help="e.g. 'official statistics' (defaults by kind)")
    source.add_argument("--licence", help="defaults to the Open Government Licence v3.0 for police.uk and ONS files")
    load.add_argument("--period", help="ons-pfa only: the year covered, e.g. 'year ending March 2024', if the title rows lack it")
    load.add_argument(
        "--not-available",
        metavar="MARKERS",
        help="police-uk-999 only: text the publisher uses for 'not available' (e.g. 'n/a'), comma-separated; kept as gaps",
    )
    load.add_argument(
        "--accept-as-published",
        action="store_true",
        help="police-uk-999 only: load a share that disagrees with its own counts as published, with a warning",
    )
    load.add_argument("--data-dir", type=Path, default=DATA_DIR, help=argparse.SUPPRESS)


def run_load(args: argparse.Namespace) -> LoadReport:
    """Run a load from parsed arguments, print its report and return it; errors propagate to the caller."""
    spec = SourceSpec(args.source_id, args.publisher, args.title, args.url, args.published, args.tier, args.status, args.licence)
    report = load_file(
        args.file,
        args.kind,
        spec,
        options={
            "period": args.period,
            "not_available": args.not_available,
            "accept_as_published": "yes" if args.accept_as_published else None,
        },
        dry_run=args.dry_run,
        data_dir=args.data_dir,
        progress=Progress(args.file.name),
    )
    print("\n".join(report.lines()))
    return report

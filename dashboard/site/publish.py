"""Publish the static edition: build it into a folder beside the published one, then swap it in whole.

Visitors are served the previous edition until the swap, never half of each; a failed build leaves the
published edition as it was. One publish at a time per site folder, across threads and processes.
"""

from __future__ import annotations

import ctypes
import logging
import os
import secrets
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.common.site_addresses import site_folder
from dashboard.store.locks import folder_lock

log = logging.getLogger("dashboard.site")

# Folders a publish works in, beside the site folder: ".site.new-…" while building, ".site.old-…" once swapped out.
# Left behind only by a publish that was killed; the next one removes them.
NEW, OLD = "new", "old"


class SitePublishError(RuntimeError):
    """The static edition could not be built; the message says why and that the published one was left as it was."""


@dataclass(frozen=True)
class PublishReport:
    folder: Path  # where the edition is published
    pages: int
    seconds: float  # building and swapping in
    bytes_by_kind: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """What the command line prints."""
        out = [f"Published the static edition in {self.folder}: {self.pages:,} pages in {self.seconds:.1f} s."]
        out += [f"  {kind:<14} {size:>12,} bytes" for kind, size in sorted(self.bytes_by_kind.items())]
        return out


def publish_site(folder: Path | None = None) -> PublishReport:
    """Build the static edition beside `folder` (the site folder by default) and swap it in whole."""
    folder = Path(folder or site_folder())
    folder.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with folder_lock(folder.parent):
        _remove_leftovers(folder)
        staging = _work_folder(folder, NEW)
        staging.mkdir(mode=0o755)  # readable by a web server running as another user (nginx's workers)
        try:
            report = _build(staging)
            if not any(staging.iterdir()):
                raise SitePublishError("The static edition was not published: the build wrote no pages.")
            _swap_in(staging, folder)
        finally:
            shutil.rmtree(staging, ignore_errors=True)  # after a swap, this is the previous edition
    seconds = time.perf_counter() - started
    sizes = getattr(report, "bytes", None) or getattr(report, "bytes_by_kind", None) or {}
    published = PublishReport(folder, report.pages, seconds, dict(sizes))
    log.info("published the static edition: %d pages in %.1f s", published.pages, seconds)
    return published


def _build(destination: Path):
    """The builder's report (pages, seconds, bytes per kind), or SitePublishError saying what went wrong."""
    try:
        from dashboard.site.build import build_site  # imported when needed: it brings in every view and template

        return build_site(destination)
    except SitePublishError:
        raise
    except Exception as error:  # noqa: BLE001 - any failure leaves the published edition; the reason is reported
        log.exception("static edition build failed")
        raise SitePublishError(
            f"The static edition could not be built, so the published one was left as it was ({type(error).__name__}: {error})."
        ) from error


def _work_folder(folder: Path, kind: str) -> Path:
    return folder.with_name(f".{folder.name}.{kind}-{os.getpid()}-{secrets.token_hex(4)}")


def _remove_leftovers(folder: Path) -> None:
    """Work folders of a publish that was killed part-way (only ever ours: they start with the site folder's name)."""
    for kind in (NEW, OLD):
        for leftover in folder.parent.glob(f".{folder.name}.{kind}-*"):
            shutil.rmtree(leftover, ignore_errors=True)


def _swap_in(new: Path, folder: Path) -> None:
    """Put `new` where `folder` is; afterwards `new` holds the previous edition (or nothing) and can be removed.

    On Linux the two folders are exchanged in one step (renameat2 with RENAME_EXCHANGE), so there is no moment
    without a site; elsewhere the old folder is moved aside and the new one into place, a gap of two renames.
    """
    if not folder.exists():
        new.rename(folder)
        return
    if _exchange(new, folder):
        return
    old = _work_folder(folder, OLD)
    folder.rename(old)
    new.rename(folder)
    old.rename(new)


_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def _exchange(first: Path, second: Path) -> bool:
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if done != 0:
        log.warning("could not exchange the site folders in one step (%s)", os.strerror(ctypes.get_errno()))
        return False
    return True

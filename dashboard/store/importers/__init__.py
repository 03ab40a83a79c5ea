"""Importers: one module per kind of file, all registered here for `python -m dashboard load --kind KIND`.

To add a kind (for example the improvement-tracker CSV), write a module that calls `register(...)`
(for a CSV shaped like a curated table, `register(template_importer(...))`) and import it below:
the build replays every stored release through this registry, so it must know every kind.
"""

from dashboard.store.importers import improvement_tracker, ons_pfa, police_uk_999, templates  # noqa: E402, F401, I001  (each registers its kinds)
from dashboard.store.importers.base import (
    REGISTRY,
    Importer,
    Progress,
    ReadContext,
    Reference,
    Release,
    importer_for,
    register,
)
from dashboard.store.importers.templates import template_importer

__all__ = [
    "REGISTRY",
    "Importer",
    "Progress",
    "ReadContext",
    "Reference",
    "Release",
    "importer_for",
    "register",
    "template_importer",
]

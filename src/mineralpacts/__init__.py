"""mineralpacts: bilateral critical-minerals agreements as checked, queryable data.

The library is what the ``pacts`` command line is built on::

    from mineralpacts import Repository, Filters, filter_agreements, validate_paths

    repo = Repository.load()                 # --repo, $PACTS_REPO, ./agreements, bundled snapshot
    uk = filter_agreements(repo, Filters(parties=["UK"]))
    report = validate_paths(["agreements"])  # diagnostics as values; never raises on bad data
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Agreement",
    "Diagnostic",
    "Filters",
    "PactsError",
    "Report",
    "Repository",
    "__version__",
    "filter_agreements",
    "load_path",
    "resolve_party",
    "validate_paths",
]

# Imported lazily so that `pacts --version` and `pacts --help` stay fast.
_LAZY = {
    "Agreement": "mineralpacts.model.agreement",
    "Diagnostic": "mineralpacts.diagnostics",
    "Filters": "mineralpacts.analysis.query",
    "filter_agreements": "mineralpacts.analysis.query",
    "PactsError": "mineralpacts.errors",
    "Report": "mineralpacts.check.validate",
    "validate_paths": "mineralpacts.check.validate",
    "Repository": "mineralpacts.store.repository",
    "load_path": "mineralpacts.files.load",
    "resolve_party": "mineralpacts.model.vocab",
}

if TYPE_CHECKING:
    from mineralpacts.analysis.query import Filters, filter_agreements
    from mineralpacts.check.validate import Report, validate_paths
    from mineralpacts.diagnostics import Diagnostic
    from mineralpacts.errors import PactsError
    from mineralpacts.files.load import load_path
    from mineralpacts.model.agreement import Agreement
    from mineralpacts.model.vocab import resolve_party
    from mineralpacts.store.repository import Repository


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'mineralpacts' has no attribute {name!r}")

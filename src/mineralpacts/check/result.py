"""What validation found: one :class:`FileResult` per file, gathered in a :class:`Report`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mineralpacts.diagnostics import Diagnostic, sort_key

if TYPE_CHECKING:
    from mineralpacts.model.agreement import Agreement

__all__ = ["FileResult", "Report"]


class FileResult:
    """The outcome for one file: the agreement when it loaded, and its diagnostics.

    After a bulk run the agreement is built from its validated data when first asked for
    (``load``), so a report on many files does not hold every agreement in memory.
    """

    __slots__ = ("_agreement", "_load", "diagnostics", "omitted", "path")

    def __init__(
        self,
        path: str,
        agreement: Agreement | None = None,
        diagnostics: list[Diagnostic] | None = None,
        *,
        load: Callable[[], Agreement | None] | None = None,
        omitted: int = 0,
    ) -> None:
        self.path = path
        self._agreement = agreement
        self._load = load
        self.diagnostics: list[Diagnostic] = diagnostics if diagnostics is not None else []
        #: errors found beyond the per-file cap (``max_errors``) and left out of ``diagnostics``
        self.omitted = omitted

    @property
    def agreement(self) -> Agreement | None:
        """The validated agreement, or None when the model rejected the file."""
        if self._load is not None:
            self._agreement, self._load = self._load(), None
        return self._agreement

    def __repr__(self) -> str:
        return f"FileResult(path={self.path!r}, diagnostics={len(self.diagnostics)})"


@dataclass
class Report:
    """The outcome of one validation run over many files."""

    files: list[FileResult] = field(default_factory=list)
    # (number of files, number of diagnostics) -> the sorted diagnostics; sorted once, not per access
    _sorted: tuple[tuple[int, int], list[Diagnostic]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every diagnostic, ordered by file and position."""
        key = (len(self.files), sum(len(f.diagnostics) for f in self.files))
        if self._sorted is None or self._sorted[0] != key:
            self._sorted = (key, sorted((d for f in self.files for d in f.diagnostics), key=sort_key))
        return self._sorted[1]

    @property
    def errors(self) -> list[Diagnostic]:
        """The diagnostics of severity error."""
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        """The diagnostics of severity warning."""
        return [d for d in self.diagnostics if d.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when no file has an error."""
        return not any(d.severity == "error" for f in self.files for d in f.diagnostics)

    @property
    def omitted(self) -> int:
        """Errors found beyond the per-file cap and left out of :attr:`diagnostics`."""
        return sum(f.omitted for f in self.files)

"""Diagnostics: every problem found in the data, as a value with a stable code and a position.

Codes are grouped by the layer that finds them:

* ``Y`` the file and its YAML (read, decode, parse, safe-load rules);
* ``S`` the JSON Schema;
* ``M`` the model's own rules across fields;
* ``R`` repository rules across files;
* ``W`` data-quality warnings (errors under ``--strict``).

:data:`CODES` is the catalogue: code -> (severity, title). ``docs/diagnostics.md`` lists it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

__all__ = ["CODES", "MAX_ERRORS", "Diagnostic", "Severity", "format_path", "sort_key"]

Severity = Literal["error", "warning"]

#: code -> (severity, one-line title)
CODES: dict[str, tuple[Severity, str]] = {
    "Y001": ("error", "file cannot be read"),
    "Y002": ("error", "file is too large"),
    "Y003": ("error", "file is binary"),
    "Y004": ("error", "file is not valid UTF-8"),
    "Y005": ("error", "file is empty"),
    "Y010": ("error", "YAML syntax error"),
    "Y011": ("error", "duplicate key"),
    "Y012": ("error", "tag not allowed (only plain YAML data is loaded)"),
    "Y013": ("error", "nesting too deep"),
    "Y014": ("error", "aliases expand too far (alias bomb)"),
    "Y015": ("error", "more than one YAML document in the file"),
    "Y016": ("error", "top level is not a mapping"),
    "Y017": ("error", "mapping key is not a plain scalar"),
    "Y018": ("error", "value is too long"),
    "Y019": ("warning", "unquoted yes, no, on, off, y or n: a boolean to YAML 1.1 readers"),
    "S101": ("error", "required field missing"),
    "S102": ("error", "unknown field"),
    "S103": ("error", "wrong type"),
    "S104": ("error", "term not in the vocabulary"),
    "S105": ("error", "value does not match the required pattern"),
    "S106": ("error", "too few or too many items"),
    "S107": ("error", "value out of range"),
    "S199": ("error", "value does not satisfy the schema"),
    "M201": ("error", "value rejected by the model"),
    "M202": ("error", "unknown party code"),
    "M203": ("error", "date is in the future"),
    "M204": ("error", "dates out of order"),
    "M205": ("error", "field said to be unknown is not empty"),
    "M206": ("error", "source address cited but not listed in sources"),
    "M207": ("error", "term fields contradict the term status"),
    "M208": ("error", "duplicate item"),
    "M209": ("error", "field path does not name a field of the model"),
    "M210": ("error", "party listed twice"),
    "M211": ("error", "placeholder left in the data"),
    "M212": ("error", "field of format version 1, renamed or replaced in version 2"),
    "R301": ("error", "file name does not match id"),
    "R302": ("error", "id used by more than one file"),
    "R303": ("error", "related agreement does not exist"),
    "R305": ("error", "stored inverse relation disagrees with the other agreement"),
    "W401": ("warning", "no official source"),
    "W402": ("warning", "no clause references"),
    "W403": ("warning", "medium confidence with a single source"),
    "W404": ("warning", "schema modeline missing"),
    "W405": ("warning", "id does not match the signing year or the parties"),
}


#: How many errors ``pacts validate`` shows for one file (``--max-errors``); one broken list can
#: otherwise give tens of thousands.
MAX_ERRORS = 50


def format_path(path: Sequence[str | int]) -> str:
    """Render a field path as ``parties[0].code`` (the empty path is the document itself)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True, order=False)
class Diagnostic:
    """One problem in one file, at one place."""

    path: str
    line: int
    col: int
    code: str
    message: str
    field: str = ""
    severity: Severity = "error"
    hints: tuple[str, ...] = dataclasses.field(default_factory=tuple)

    @classmethod
    def make(
        cls,
        path: str,
        pos: tuple[int, int],
        code: str,
        message: str,
        field_path: Sequence[str | int] = (),
        hints: Iterable[str] = (),
    ) -> Diagnostic:
        """Build a diagnostic whose severity comes from the code catalogue."""
        return cls(
            path=path,
            line=pos[0],
            col=pos[1],
            code=code,
            message=message,
            field=format_path(field_path),
            severity=CODES[code][0],
            hints=tuple(hints),
        )

    def as_error(self) -> Diagnostic:
        """This diagnostic with its severity raised to error (for ``--strict``)."""
        return Diagnostic(**{**asdict(self), "severity": "error"})

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dictionary."""
        data = asdict(self)
        data["hints"] = list(self.hints)
        return data

    def __str__(self) -> str:
        tail = f" ({self.field})" if self.field else ""
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}{tail}"


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    """Order diagnostics by file, then position, then code."""
    return (d.path, d.line, d.col, d.code)

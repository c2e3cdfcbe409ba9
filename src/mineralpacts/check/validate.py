"""Checking agreement files in four layers; every problem becomes a :class:`Diagnostic`.

1. YAML (:mod:`mineralpacts.files.load`): readable, UTF-8, safe, no duplicate keys, bounded.
2. JSON Schema (:mod:`mineralpacts.model.schema`): shape, types, vocabularies, patterns.
3. The model's own rules (:mod:`mineralpacts.check.rules`): dates, codes, sources, unknowns.
4. Repository rules: file name equals id, ids unique, ``related`` targets exist.

Nothing here raises on bad data. The schema layer is run in full only for files the model
rejects: the schema is generated from the model and never accepts less, so a file the model
accepts passes the schema too (``tests/test_schema.py`` checks that on every case).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from mineralpacts.diagnostics import Diagnostic, sort_key
from mineralpacts.errors import did_you_mean
from mineralpacts.files.discover import expand_paths
from mineralpacts.files.load import Document, load_path
from mineralpacts.model.agreement import Agreement

__all__ = [
    "FileResult",
    "Report",
    "model_diagnostics",
    "schema_diagnostics",
    "validate_document",
    "validate_paths",
]


@dataclass
class FileResult:
    """The outcome for one file: the agreement when it loaded, and its diagnostics."""

    path: str
    agreement: Agreement | None
    diagnostics: list[Diagnostic] = field(default_factory=list)


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


# ---------------------------------------------------------------- layer 2: JSON Schema

_PATTERN_HINTS = {
    "[0-9]{4}(-": "a date YYYY, YYYY-MM or YYYY-MM-DD",
    "[a-z0-9]+(-[a-z0-9]+)*": "lower-case words joined by hyphens, like uk-japan-2023",
    "^[A-Z]{2}$": "a two-letter ISO 3166-1 code in capitals, like GB or JP (or EU)",
    "https?://": "an http:// or https:// address",
    "[a-z]{2,3}(-[A-Z]": "a BCP 47 language tag, like en, ja or zh-Hans",
}


def _pattern_hint(pattern: str) -> str:
    for needle, hint in _PATTERN_HINTS.items():
        if needle in pattern:
            return hint
    return f"the pattern {pattern}"


def _type_name(value: Any) -> str:
    return {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a mapping",
        type(None): "nothing (null)",
    }.get(type(value), type(value).__name__)


def _pick(error: Any) -> Any:
    """For anyOf/oneOf errors (an optional field), the branch error that explains the problem."""
    while error.validator in ("anyOf", "oneOf") and error.context:
        branches = [e for e in error.context if not (e.validator == "type" and e.validator_value == "null")]
        if not branches:
            break
        deepest = max(branches, key=lambda e: len(e.relative_path))
        error = deepest
    return error


def schema_diagnostics(doc: Document) -> list[Diagnostic]:
    """Check ``doc.data`` against the JSON Schema; one diagnostic per problem, with its position."""
    from mineralpacts.model.schema import validator
    from mineralpacts.model.vocab import suggest

    out: list[Diagnostic] = []
    reported: set[tuple[str | int, ...]] = set()
    for raw_error in validator().iter_errors(doc.data):
        error = _pick(raw_error)
        path = tuple(error.absolute_path)
        kind, value = error.validator, error.validator_value
        if kind == "required":
            # jsonschema gives one error per missing field, each holding the whole required list
            missing = [
                name
                for name in value
                if isinstance(error.instance, dict)
                and name not in error.instance
                and (*path, name) not in reported
            ]
            reported.update((*path, name) for name in missing)
            for name in missing:
                out.append(
                    Diagnostic.make(
                        doc.path, doc.pos(path), "S101", f"required field {name!r} is missing", (*path, name)
                    )
                )
        elif kind == "additionalProperties":
            allowed = list(error.schema.get("properties", {}))
            for name in [k for k in error.instance if k not in allowed]:
                tail = did_you_mean(suggest(str(name), allowed, n=1), quote=True)
                out.append(
                    Diagnostic.make(
                        doc.path,
                        doc.pos((*path, name), key=True),
                        "S102",
                        f"unknown field {name!r}{tail}",
                        (*path, name),
                    )
                )
        elif kind == "enum":
            hint = suggest(str(error.instance), [str(v) for v in value])
            listed = f"use one of: {', '.join(map(str, value[:12]))}{', ...' if len(value) > 12 else ''}"
            tail = did_you_mean(hint, quote=True, otherwise=listed)
            out.append(
                Diagnostic.make(
                    doc.path,
                    doc.pos(path),
                    "S104",
                    f"{error.instance!r} is not a known term{tail}",
                    path,
                    hint,
                )
            )
        elif kind == "type":
            expected = " or ".join(value) if isinstance(value, list) else value
            out.append(
                Diagnostic.make(
                    doc.path,
                    doc.pos(path),
                    "S103",
                    f"expected {expected}, found {_type_name(error.instance)}",
                    path,
                )
            )
        elif kind == "pattern":
            out.append(
                Diagnostic.make(
                    doc.path, doc.pos(path), "S105", f"{error.instance!r} is not {_pattern_hint(value)}", path
                )
            )
        elif kind in ("minItems", "maxItems", "minLength", "maxLength", "minProperties"):
            out.append(Diagnostic.make(doc.path, doc.pos(path), "S106", _size_message(kind, value), path))
        elif kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            out.append(
                Diagnostic.make(
                    doc.path,
                    doc.pos(path),
                    "S107",
                    f"{error.instance!r} is out of range ({kind} {value})",
                    path,
                )
            )
        else:
            out.append(Diagnostic.make(doc.path, doc.pos(path), "S199", error.message, path))
    return out


def _size_message(kind: str, value: int) -> str:
    return {
        "minItems": f"needs at least {value} item{'s' if value != 1 else ''}",
        "maxItems": f"allows at most {value} items",
        "minLength": "must not be empty" if value == 1 else f"needs at least {value} characters",
        "maxLength": f"allows at most {value} characters",
    }.get(kind, f"{kind} {value}")


# ---------------------------------------------------------------- layer 3: the model


def model_diagnostics(doc: Document, exc: ValidationError) -> list[Diagnostic]:
    """Turn pydantic's errors into diagnostics at the YAML positions of their fields."""
    out = []
    for err in exc.errors(include_url=False):
        path = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
        message = err["msg"].removeprefix("Value error, ")
        code = "M202" if "ISO 3166" in message else "M201"
        out.append(Diagnostic.make(doc.path, doc.pos(path), code, message, path))
    return out


def validate_document(
    doc: Document, today: dt.date | None = None
) -> tuple[Agreement | None, list[Diagnostic]]:
    """Run layers 2 and 3 on a loaded document; return the agreement (if valid) and diagnostics."""
    from mineralpacts.check.rules import model_rules

    if not doc.ok or not isinstance(doc.data, dict):
        return None, list(doc.diagnostics)
    diagnostics = list(doc.diagnostics)
    try:
        agreement = Agreement.model_validate(doc.data)
    except ValidationError as exc:
        from mineralpacts.check.rules import with_legacy_fields

        found = schema_diagnostics(doc)
        return None, diagnostics + with_legacy_fields(doc, found or model_diagnostics(doc, exc))
    diagnostics += model_rules(doc, agreement, today or dt.date.today())
    return agreement, diagnostics


# ---------------------------------------------------------------- layer 4: the repository


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def validate_paths(
    paths: Sequence[str | os.PathLike[str]], *, strict: bool = False, today: dt.date | None = None
) -> Report:
    """Validate files and folders through all four layers and return the :class:`Report`.

    With ``strict``, data-quality warnings count as errors.
    """
    files = expand_paths(paths)
    report = Report()
    docs: list[tuple[Path, Document]] = []
    for path in files:
        doc = load_path(path, display=_display(path))
        agreement, diagnostics = validate_document(doc, today)
        report.files.append(FileResult(doc.path, agreement, diagnostics))
        docs.append((path, doc))
    _repository_rules(report, docs)
    if strict:
        for result in report.files:
            result.diagnostics = [d.as_error() for d in result.diagnostics]
    return report


def _repository_rules(report: Report, docs: list[tuple[Path, Document]]) -> None:
    known: set[str] = set()
    for folder in {p.parent for p, _ in docs}:
        known |= {p.stem for p in folder.iterdir() if p.suffix in (".yaml", ".yml")}
    first_seen: dict[str, str] = {}
    for (path, doc), result in zip(docs, report.files, strict=True):
        a = result.agreement
        if a is None:
            continue
        known.add(a.id)
        if path.stem != a.id:
            result.diagnostics.append(
                Diagnostic.make(
                    doc.path,
                    doc.pos(("id",)),
                    "R301",
                    f"id {a.id!r} does not match the file name {path.name!r}",
                    ("id",),
                )
            )
        if a.id in first_seen:
            result.diagnostics.append(
                Diagnostic.make(
                    doc.path,
                    doc.pos(("id",)),
                    "R302",
                    f"id {a.id!r} is also used by {first_seen[a.id]}",
                    ("id",),
                )
            )
        else:
            first_seen[a.id] = doc.path
    from mineralpacts.check.rules import relation_diagnostics

    loaded = [(doc, r) for (_p, doc), r in zip(docs, report.files, strict=True) if r.agreement is not None]
    for i, diagnostic in relation_diagnostics([(doc, r.agreement) for doc, r in loaded if r.agreement]):
        loaded[i][1].diagnostics.append(diagnostic)
    for (_path, doc), result in zip(docs, report.files, strict=True):
        a = result.agreement
        if a is None:
            continue
        targets: Iterable[tuple[tuple[str | int, ...], str]] = [
            (("related", i, "id"), r.id) for i, r in enumerate(a.related)
        ] + [(("events", i, "agreement"), e.agreement) for i, e in enumerate(a.events) if e.agreement]
        for fpath, target in targets:
            if target not in known:
                from mineralpacts.model.vocab import suggest

                tail = did_you_mean(suggest(target, sorted(known), n=1, any_order=True), quote=True)
                result.diagnostics.append(
                    Diagnostic.make(
                        doc.path,
                        doc.pos(fpath),
                        "R303",
                        f"no agreement {target!r} in the repository{tail}",
                        fpath,
                    )
                )

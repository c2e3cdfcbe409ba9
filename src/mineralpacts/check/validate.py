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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mineralpacts.check.result import FileResult, Report
from mineralpacts.check.schema_errors import schema_diagnostics
from mineralpacts.diagnostics import MAX_ERRORS, Diagnostic, sort_key
from mineralpacts.errors import did_you_mean
from mineralpacts.files.discover import expand_paths
from mineralpacts.files.load import Document

if TYPE_CHECKING:
    from pydantic import ValidationError

    from mineralpacts.check.bulk import Content, Outcome, OutcomeCache
    from mineralpacts.model.agreement import Agreement

__all__ = [
    "MAX_ERRORS",
    "FileResult",
    "Report",
    "cap_diagnostics",
    "check_document",
    "model_diagnostics",
    "relation_diagnostics",
    "repository_rules",
    "schema_diagnostics",
    "validate_document",
    "validate_paths",
]


def cap_diagnostics(diagnostics: list[Diagnostic], max_errors: int | None) -> tuple[list[Diagnostic], int]:
    """The first ``max_errors`` errors of one file (by position) with all its warnings, and how
    many errors were left out. ``None`` keeps everything."""
    errors = [d for d in diagnostics if d.severity == "error"]
    if max_errors is None or len(errors) <= max_errors:
        return diagnostics, 0
    kept = set(map(id, sorted(errors, key=sort_key)[:max_errors]))
    return [d for d in diagnostics if d.severity != "error" or id(d) in kept], len(errors) - max_errors


# ---------------------------------------------------------------- layer 3: the model


def model_diagnostics(doc: Document, exc: ValidationError, limit: int | None = None) -> list[Diagnostic]:
    """Turn pydantic's errors into diagnostics at the YAML positions of their fields (the first
    ``limit`` of them, when given)."""
    from mineralpacts.model.vocab import suggest, terms

    out = []
    for err in exc.errors(include_url=False)[:limit]:
        path = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "vocabulary":
            ctx = err.get("ctx", {})
            message += did_you_mean(suggest(ctx["value"], terms(ctx["kind"])), quote=True)
        code = "M202" if "ISO 3166" in message else "M201"
        out.append(Diagnostic.make(doc.path, doc.pos(path), code, message, path))
    return out


def validate_document(
    doc: Document, today: dt.date | None = None
) -> tuple[Agreement | None, list[Diagnostic]]:
    """Run layers 2 and 3 on a loaded document; return the agreement (if valid) and diagnostics."""
    result = check_document(doc, today)
    return result.agreement, result.diagnostics


def check_document(
    doc: Document, today: dt.date | None = None, *, max_errors: int | None = None
) -> FileResult:
    """Run layers 2 and 3 on a loaded document: the agreement (if valid) and its diagnostics.

    With ``max_errors``, at most that many errors are kept (the first by position) and
    :attr:`FileResult.omitted` counts the others; the schema pass then stops early, and the
    errors it did not reach are counted as the places the model rejected.
    """
    from pydantic import ValidationError

    from mineralpacts.check.rules import model_rules
    from mineralpacts.model.agreement import Agreement

    if not doc.ok or not isinstance(doc.data, dict):
        return _capped(FileResult(doc.path, None, list(doc.diagnostics)), max_errors)
    diagnostics = list(doc.diagnostics)
    try:
        agreement = Agreement.model_validate(doc.data)
    except ValidationError as exc:
        from mineralpacts.check.rules import with_legacy_fields

        limit = None if max_errors is None else max_errors + 1
        found = schema_diagnostics(doc, limit) or model_diagnostics(doc, exc, limit)
        result = _capped(FileResult(doc.path, None, diagnostics + with_legacy_fields(doc, found)), max_errors)
        if limit is not None and len(found) >= limit:  # stopped early: count what was not reached
            shown = sum(d.severity == "error" for d in result.diagnostics)
            total = sum(d.severity == "error" for d in doc.diagnostics) + _problem_places(doc, exc)
            result.omitted = max(result.omitted, total - shown, 1)
        return result
    diagnostics += model_rules(doc, agreement, today or dt.date.today())
    return _capped(FileResult(doc.path, agreement, diagnostics), max_errors)


def _capped(result: FileResult, max_errors: int | None) -> FileResult:
    result.diagnostics, dropped = cap_diagnostics(result.diagnostics, max_errors)
    result.omitted += dropped
    return result


def _has(node: Any, part: str | int) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def _problem_places(doc: Document, exc: ValidationError) -> int:
    """How many places of the data the model rejected: one per bad value, missing or unknown field.

    Pydantic may report one bad value several times (once per branch of a union); each error's
    location is followed through the data only as far as the data goes, so those count once.
    """
    places: set[tuple[str | int, ...]] = set()
    for err in exc.errors(include_url=False, include_context=False, include_input=False):
        node: Any = doc.data
        place: list[str | int] = []
        loc = err["loc"]
        for i, part in enumerate(loc):
            if _has(node, part):
                node = node[part]
            else:
                if err["type"] == "missing" and i == len(loc) - 1:
                    place.append(part)
                break
            place.append(part)
        places.add(tuple(place))
    return len(places)


# ---------------------------------------------------------------- layer 4: the repository


def validate_paths(
    paths: Sequence[str | os.PathLike[str]],
    *,
    strict: bool = False,
    today: dt.date | None = None,
    cache: OutcomeCache | None = None,
    max_errors: int | None = None,
) -> Report:
    """Validate files and folders through all four layers and return the :class:`Report`.

    With ``strict``, data-quality warnings count as errors. With ``max_errors``, each file keeps
    at most that many errors (:attr:`Report.omitted` counts the rest). Many files are checked in
    a pool of processes (:mod:`mineralpacts.check.bulk`); with a ``cache`` (the CLI passes the
    store's), a file checked before with the same content, code and day is not checked again.
    """
    from mineralpacts.check.bulk import validate_files

    report = validate_files(
        expand_paths(paths), today or dt.date.today(), check_bytes, repository_rules, cache
    )
    for result in report.files:
        if strict:
            result.diagnostics = [d.as_error() for d in result.diagnostics]
        _capped(result, max_errors)
    return report


def check_bytes(content: Content | OSError, today: dt.date) -> Outcome:
    """Layers 1–3 on one file's bytes (or the error reading it) for the day ``today``, as an
    :class:`~mineralpacts.check.bulk.Outcome` without a display path (the worker of bulk runs)."""
    from mineralpacts.check.bulk import Facts, Outcome, content_hash, diagnostic_row
    from mineralpacts.files.compose import load_composed
    from mineralpacts.files.load import decode_bytes

    day = today.isoformat()
    if isinstance(content, OSError):
        diag = Diagnostic.make("", (1, 1), "Y001", f"cannot read file: {content.strerror or content}")
        return Outcome(hash="", day=day, diagnostics=[diagnostic_row(diag)])
    text = decode_bytes(content.raw, "", size=content.size)
    doc = text if isinstance(text, Document) else load_composed(text, "")
    agreement, diagnostics = validate_document(doc, today)
    rows = [diagnostic_row(d) for d in diagnostics]
    outcome = Outcome(hash=content_hash(content), day=day, signature=content.signature, diagnostics=rows)
    if agreement is not None:
        import json

        from mineralpacts.model.facets import facets_of

        outcome.facts = Facts.of(doc, agreement)
        outcome.data = agreement.model_dump_json()  # pydantic's own encoder: model_dump(mode="json")
        facets = facets_of(agreement)
        outcome.facets = json.dumps(facets.to_json(), ensure_ascii=False)
        outcome.index = facets.index()
    return outcome


def repository_rules(entries: Sequence[tuple[Path, Document | None, Any]]) -> list[list[Diagnostic]]:
    """Layer 4 alone: for each file, given as (path, document, agreement) with None for both when
    the model rejected it, the diagnostics of the repository rules.

    The documents and agreements may be the skeletons of :class:`~mineralpacts.check.bulk.Facts`
    (an id, the links, the events' follow-ups, and their positions): the rules read nothing else.
    """
    report = Report(files=[FileResult(doc.path if doc else str(p), a) for p, doc, a in entries])
    _repository_rules(report, [(p, doc or Document(path=str(p))) for p, doc, _ in entries])
    return [r.diagnostics for r in report.files]


def _repository_rules(report: Report, docs: list[tuple[Path, Document]]) -> None:
    known: set[str] = set()
    for folder in {os.path.dirname(p) for p, _ in docs}:  # strings: 10,000 paths stay cheap
        known |= {
            n.rsplit(".", 1)[0]
            for n in os.listdir(folder or os.curdir)
            if n.endswith((".yaml", ".yml")) and n.rfind(".") > 0
        }
    from collections import Counter

    from mineralpacts.check.ids import duplicate_ids

    # every file claiming a shared id is in error, not only the later ones: none can be trusted
    counts = Counter(r.agreement.id for r in report.files if r.agreement)
    claims = [
        (Path(doc.path), r.agreement)
        for (_, doc), r in zip(docs, report.files, strict=True)
        if r.agreement and counts[r.agreement.id] > 1
    ]
    shared = {str(path): dup for dup in duplicate_ids((p, a.id) for p, a in claims) for path in dup.paths}
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
        if counts[a.id] > 1 and str(Path(doc.path)) in shared:
            message = shared[str(Path(doc.path))].message(Path(doc.path))
            result.diagnostics.append(Diagnostic.make(doc.path, doc.pos(("id",)), "R302", message, ("id",)))
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


def relation_diagnostics(agreements: list[tuple[Document, Agreement]]) -> list[tuple[int, Diagnostic]]:
    """Stored links whose inverse in the other file disagrees (R305), as (index in the list, diagnostic).

    A repository rule (layer 4): it sits here with the others, so that running them on the
    stored facts of an unchanged repository imports neither the model nor its rules.
    """
    from mineralpacts.model.relations import conflicts

    where = {a.id: (i, doc) for i, (doc, a) in enumerate(agreements)}
    out: list[tuple[int, Diagnostic]] = []
    for c in conflicts(a for _, a in agreements):
        i, doc = where[c.source]
        path: tuple[str | int, ...] = ("related", c.index, "relation")
        out.append((i, Diagnostic.make(doc.path, doc.pos(path), "R305", c.message, path)))
    return out

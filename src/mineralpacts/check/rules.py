"""The model's own rules: checks across fields that a schema cannot express.

Each rule looks at a valid :class:`Agreement` and the :class:`Document` it came from (for
positions) and returns diagnostics. Warnings (``W`` codes) are data-quality advice that
``pacts validate --strict`` turns into errors.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from mineralpacts.diagnostics import Diagnostic
from mineralpacts.files.load import Document
from mineralpacts.model.agreement import Agreement, date_bounds, field_keys, submodel
from mineralpacts.model.schema import modeline_problem

__all__ = ["field_path_exists", "model_rules", "with_legacy_fields"]

OFFICIAL_KINDS = {"official-text", "official-announcement"}
FieldPath = tuple[str | int, ...]


@functools.lru_cache(maxsize=4096)
def field_path_exists(path: str) -> bool:
    """True when a dotted path (``signed.date``, ``parties[0].code``) names a model field."""
    model: type[BaseModel] | None = Agreement
    for part in re.sub(r"\[\d*\]", "", path).split("."):
        if model is None or part not in field_keys(model):
            return False
        model = submodel(field_keys(model)[part].annotation)
    return True


def _split(path: str) -> list[str | int]:
    """``parties[1].signatories`` -> ['parties', 1, 'signatories']."""
    return [int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", path)]


def _values_at(data: Any, parts: list[str | int]) -> Iterator[Any]:
    """Every value at a path, looking through lists where no index is given (``parties.signatories``)."""
    if not parts:
        yield data
        return
    head = parts[0]
    if isinstance(data, list):
        if isinstance(head, int):
            if head < len(data):
                yield from _values_at(data[head], parts[1:])
            return
        for item in data:
            yield from _values_at(item, parts)
    elif isinstance(data, dict) and head in data:
        yield from _values_at(data[head], parts[1:])


def _is_empty(value: Any) -> bool:
    """Empty, or a term that itself says it is unknown (``term: {status: unknown}``)."""
    if value in (None, [], {}, ""):
        return True
    return isinstance(value, dict) and set(value) <= {"status", "summary"} and value.get("status") != "stated"


def model_rules(doc: Document, a: Agreement, today: dt.date) -> list[Diagnostic]:
    """Every cross-field rule and data-quality warning for one agreement."""
    out: list[Diagnostic] = []

    def add(path: FieldPath, code: str, message: str, key: bool = False) -> None:
        out.append(Diagnostic.make(doc.path, doc.pos(path, key=key), code, message, path))

    _dates(a, today, add)
    _sources(a, add)
    _paths_and_unknowns(doc, a, add)
    _term(a, add)
    _duplicates(a, add)
    _placeholders(doc.data, (), add)
    _warnings(doc, a, add)
    return out


_PLACEHOLDER = re.compile(r"\bTODO\b")


def _placeholders(data: Any, path: FieldPath, add: Any) -> None:
    """Text still holding a ``TODO`` marker (as ``pacts new`` writes them) is not finished data."""
    if isinstance(data, dict):
        for key, value in data.items():
            _placeholders(value, (*path, key), add)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _placeholders(value, (*path, i), add)
    elif isinstance(data, str) and _PLACEHOLDER.search(data):
        add(
            path,
            "M211",
            "a TODO placeholder is left here; replace it with the fact, or record it under unknown",
        )


def _dates(a: Agreement, today: dt.date, add: Any) -> None:
    dated: list[tuple[FieldPath, str]] = []
    if a.signed.date:
        dated.append((("signed", "date"), a.signed.date))
    dated += [(("events", i, "date"), e.date) for i, e in enumerate(a.events) if e.date is not None]
    for i, s in enumerate(a.sources):
        dated += [(("sources", i, name), v) for name in ("published", "accessed") if (v := getattr(s, name))]
    for path, value in dated:
        if date_bounds(value)[0] > today:
            add(path, "M203", f"{value} is after today ({today.isoformat()})")
    if a.signed.date:
        signed_first = date_bounds(a.signed.date)[0]
        for i, e in enumerate(a.events):
            if e.date is None or e.kind in ("announcement", "other", "talks"):
                continue
            if date_bounds(e.date)[1] < signed_first:
                add(
                    ("events", i, "date"),
                    "M204",
                    f"{e.kind} on {e.date} is before the signing date {a.signed.date}",
                )
    eif = a.entry_into_force
    eif_last = date_bounds(eif.date)[1] if eif is not None and eif.date is not None else None
    if a.signed.date and eif_last is not None and eif_last < date_bounds(a.signed.date)[0]:
        add(
            ("entry_into_force", "date"),
            "M204",
            f"entry into force on {eif.date if eif else ''} is before the signing date {a.signed.date}",
        )
    c = a.term.commencement
    if c is not None and c.from_ == "date" and c.date is None:
        add(("term", "commencement", "date"), "M207", "commencement 'from: date' needs a date")
    if c is not None and c.from_ == "entry-into-force" and eif is None:
        add(
            ("term", "commencement", "from"),
            "M207",
            "commencement 'from: entry-into-force' needs the top-level entry_into_force fact",
        )


def _sources(a: Agreement, add: Any) -> None:
    listed = {s.url for s in a.sources}
    for i, d in enumerate(a.discrepancies):
        for j, v in enumerate(d.values):
            for k, url in enumerate(v.sources):
                if url not in listed:
                    add(
                        ("discrepancies", i, "values", j, "sources", k),
                        "M206",
                        f"{url} is cited but not listed under sources",
                    )
    for i, e in enumerate(a.events):
        for k, url in enumerate(e.sources):
            if url not in listed:
                add(("events", i, "sources", k), "M206", f"{url} is cited but not listed under sources")


def _paths_and_unknowns(doc: Document, a: Agreement, add: Any) -> None:
    for i, s in enumerate(a.sources):
        for j, p in enumerate(s.supports):
            if not field_path_exists(p):
                add(("sources", i, "supports", j), "M209", f"{p!r} is not a field of an agreement")
    for i, d in enumerate(a.discrepancies):
        if not field_path_exists(d.field):
            add(("discrepancies", i, "field"), "M209", f"{d.field!r} is not a field of an agreement")
    for i, u in enumerate(a.unknown):
        if not field_path_exists(u.field):
            add(("unknown", i, "field"), "M209", f"{u.field!r} is not a field of an agreement")
            continue
        filled = [v for v in _values_at(doc.data, _split(u.field)) if not _is_empty(v)]
        if filled:
            add(("unknown", i, "field"), "M205", f"{u.field} is said to be unknown but has a value")


def _term(a: Agreement, add: Any) -> None:
    t = a.term
    rules = (t.initial_period, t.renewal, t.notice)
    if t.status == "stated" and all(r is None for r in (t.commencement, *rules)) and not t.open_ended:
        add(
            ("term", "status"),
            "M207",
            "term status is 'stated' but no commencement, period, renewal or notice is given",
        )
    if t.status != "stated" and (any(r is not None for r in rules) or t.open_ended):
        add(("term", "status"), "M207", f"term status is {t.status!r} but term rules are given; use 'stated'")
    if t.open_ended and t.initial_period is not None:
        add(("term", "open_ended"), "M207", "an open-ended term cannot also have an initial period")
    if (
        t.renewal is not None
        and t.renewal.kind != "none"
        and t.renewal.period is None
        and t.initial_period is None
    ):
        add(
            ("term", "renewal", "period"), "M207", "a renewal needs a period (or an initial period to repeat)"
        )


def _duplicates(a: Agreement, add: Any) -> None:
    seen_codes: dict[str, int] = {}
    for i, p in enumerate(a.parties):
        if p.code in seen_codes:
            add(
                ("parties", i, "code"),
                "M210",
                f"party {p.code} is listed twice (also parties[{seen_codes[p.code]}])",
            )
        seen_codes.setdefault(p.code, i)
    checks: list[tuple[str, list[Any]]] = [
        ("sources", [s.url for s in a.sources]),
        # one area from two clauses, or two undertakings in one area, are two items (contributing.md)
        ("areas", [(x.area, x.ref, x.summary) for x in a.areas]),
        ("minerals", [m if isinstance(m, str) else m.mineral for m in a.minerals]),
        ("languages", list(a.languages)),
        ("unknown", [u.field for u in a.unknown]),
    ]
    for name, keys in checks:
        first: dict[Any, int] = {}
        for i, key in enumerate(keys):
            if key in first:
                add((name, i), "M208", f"{name}[{i}] repeats {name}[{first[key]}]")
            first.setdefault(key, i)
    stages = list(a.scope.stages)
    for i, stage in enumerate(stages):
        if stage in stages[:i]:
            add(("scope", "stages", i), "M208", f"stage {stage!r} is listed twice")


def _warnings(doc: Document, a: Agreement, add: Any) -> None:
    if not any(s.kind in OFFICIAL_KINDS for s in a.sources):
        add(
            ("sources",),
            "W401",
            "no official source (official-text or official-announcement); find one if it exists",
        )
    if a.disclosure == "full-text-public" and a.areas and not any(x.ref for x in a.areas):
        add(("areas",), "W402", "the full text is public but no area cites its clause (ref)")
    if a.confidence == "medium" and len({s.url for s in a.sources}) < 2:
        add(("confidence",), "W403", "medium confidence rests on a single source; add a second one")
    from mineralpacts.check.ids import id_mismatch

    mismatch = id_mismatch(a.id, a.party_codes, a.signed.date)
    if mismatch:
        add(("id",), "W405", f"id {a.id!r} does not fit the agreement: {mismatch}")
    problem = modeline_problem(doc.text.split("\n", 1)[0])
    if problem:
        add((), "W404", problem)


def with_legacy_fields(doc: Document, found: list[Diagnostic]) -> list[Diagnostic]:
    """``found`` with each format-version-1 field reported as such (M212) instead of as unknown.

    A version-1 key (``term.commencement.on``, ``term.notice_days``) would otherwise read as an
    unknown field plus a missing one; the message names the new field and the migration.
    """
    from mineralpacts.diagnostics import format_path
    from mineralpacts.model.legacy import legacy_fields

    old = legacy_fields(doc.data)
    if not old:
        return found
    parents = {format_path(path[:-1]) for path, _ in old}
    olds = {format_path(path) for path, _ in old}
    kept = [
        d
        for d in found
        # the old key itself, and the new key then missing beside it
        if not (d.code == "S102" and d.field in olds)
        and not (d.code == "S101" and _parent(d.field) in parents)
    ]
    return kept + [
        Diagnostic.make(doc.path, doc.pos(path, key=True), "M212", message, path) for path, message in old
    ]


def _parent(field: str) -> str:
    return field.rpartition(".")[0] if "." in field else ""

"""Comparing agreements: what changed in one, how two differ, what changed since a git revision.

- :func:`changes`: field-level changes between two versions of one agreement. List items are
  matched by identity, not position: an area by its term, a party by its code, a source by its
  url, an event by date and kind, an unknown fact or discrepancy by its field.
- :func:`compare`: an analyst's view of two different agreements: the key facts side by side,
  and the areas, parties, minerals, stages and sources in both, only in A, only in B.
- :func:`since`: every agreement file added, removed or changed between a git revision and
  the working tree (for pull-request review).
- :func:`resolve`: ``ID``, ``ID@REV``, ``PATH`` or ``PATH@REV`` to an agreement.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mineralpacts.analysis.gitrev import GitTree, split_revision
from mineralpacts.errors import DataError, NotFound, UsageError
from mineralpacts.model.agreement import Agreement, Term
from mineralpacts.model.relations import Link, links
from mineralpacts.model.vocab import suggest
from mineralpacts.store.repository import agreement_files, load_agreement

if TYPE_CHECKING:
    from mineralpacts.store.repository import Repository

__all__ = ["Change", "Comparison", "FileDiff", "Side", "Split", "changes", "compare", "resolve", "since"]

Kind = Literal["added", "removed", "changed"]

#: How the items of each list of dictionaries are matched between two versions.
IDENTITY: dict[str, Callable[[dict[str, Any]], str]] = {
    "areas": lambda d: str(d["area"]),
    "parties": lambda d: str(d["code"]),
    "parties[].signatories": lambda d: str(d["name"]),
    "sources": lambda d: str(d["url"]),
    "events": lambda d: f"{d['date'] or 'undated'} {d['kind']}",
    "unknown": lambda d: str(d["field"]),
    "discrepancies": lambda d: str(d["field"]),
    "discrepancies[].values": lambda d: str(d["value"]),
    "related": lambda d: f"{d['relation']} {d['id']}",
}


@dataclass(frozen=True)
class Change:
    """One field-level change: ``path`` like ``areas[investment].ref`` or ``term.notice.days``."""

    path: str
    kind: Kind
    old: Any = None
    new: Any = None

    def as_dict(self) -> dict[str, Any]:
        """A plain dictionary for JSON."""
        return {"path": self.path, "kind": self.kind, "old": self.old, "new": self.new}


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == {} or value == ""


def _keys(items: list[Any], schema_path: str) -> list[str] | None:
    """Identity keys for list items, or None to compare the list as a set of values."""
    if not all(isinstance(i, dict) for i in items):
        return None
    ident = IDENTITY.get(schema_path)
    if ident is None:  # provisions: by clause ref when every item has a distinct one, else by position
        refs = [i.get("ref") for i in items]
        ident = (lambda d: str(d["ref"])) if None not in refs and len(set(refs)) == len(refs) else None
    keys, seen = [], {}  # type: ignore[var-annotated]
    for n, item in enumerate(items):
        key = ident(item) if ident else str(n)
        seen[key] = seen.get(key, 0) + 1
        keys.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return keys


def _diff(a: Any, b: Any, path: str, schema: str, out: list[Change]) -> None:
    if a == b or (_empty(a) and _empty(b)):
        return
    if _empty(a):
        out.append(Change(path, "added", None, b))
    elif _empty(b):
        out.append(Change(path, "removed", a, None))
    elif isinstance(a, dict) and isinstance(b, dict):
        for key in [*a, *(k for k in b if k not in a)]:
            _diff(
                a.get(key),
                b.get(key),
                f"{path}.{key}" if path else str(key),
                f"{schema}.{key}" if schema else key,
                out,
            )
    elif isinstance(a, list) and isinstance(b, list):
        ka: list[str] | None
        kb: list[str] | None
        if schema == "minerals" and any(isinstance(i, dict) for i in [*a, *b]):
            # A plain term and its qualified form are one mineral: key both sides by the term.
            ka, kb = ([str(i["mineral"]) if isinstance(i, dict) else str(i) for i in x] for x in (a, b))
        else:
            ka, kb = _keys(a, schema), _keys(b, schema)
        if ka is None or kb is None:
            out += [Change(path, "removed", x, None) for x in a if x not in b]
            out += [Change(path, "added", None, x) for x in b if x not in a]
            return
        old, new = dict(zip(ka, a, strict=True)), dict(zip(kb, b, strict=True))
        for key in [*ka, *(k for k in kb if k not in old)]:
            _diff(old.get(key), new.get(key), f"{path}[{key}]", f"{schema}[]", out)
    else:
        out.append(Change(path, "changed", a, b))


def changes(old: Agreement, new: Agreement) -> list[Change]:
    """The field-level changes from ``old`` to ``new``, in file order."""
    out: list[Change] = []
    _diff(old.model_dump(mode="json"), new.model_dump(mode="json"), "", "", out)
    return out


@dataclass(frozen=True)
class Split:
    """Items in both agreements, only in A, only in B (each in file order)."""

    both: list[str]
    only_a: list[str]
    only_b: list[str]

    @classmethod
    def of(cls, a: list[str], b: list[str]) -> Split:
        """Split two lists by membership."""
        a, b = list(dict.fromkeys(a)), list(dict.fromkeys(b))
        return cls([x for x in a if x in b], [x for x in a if x not in b], [x for x in b if x not in a])

    @property
    def same(self) -> bool:
        """True when nothing is only on one side."""
        return not self.only_a and not self.only_b


@dataclass(frozen=True)
class Comparison:
    """Two different agreements side by side, the way an analyst reads them."""

    a: Agreement
    b: Agreement
    facts: list[tuple[str, str, str]]
    parties: Split
    areas: Split
    minerals: Split
    stages: Split
    sources: Split

    @property
    def differs(self) -> bool:
        """True when anything compared differs (always, for two different agreements)."""
        splits = (self.parties, self.areas, self.minerals, self.stages, self.sources)
        return any(x != y for _, x, y in self.facts) or not all(s.same for s in splits)

    def as_dict(self) -> dict[str, Any]:
        """A plain dictionary for JSON."""

        def split(s: Split) -> dict[str, list[str]]:
            return {"both": s.both, "only_a": s.only_a, "only_b": s.only_b}

        return {
            "a": self.a.id,
            "b": self.b.id,
            "facts": [{"field": f, "a": x, "b": y, "same": x == y} for f, x, y in self.facts],
            "parties": split(self.parties),
            "areas": split(self.areas),
            "area_refs": {
                t: {"a": _area_ref(self.a, t), "b": _area_ref(self.b, t)}
                for t in [*self.areas.both, *self.areas.only_a, *self.areas.only_b]
            },
            "minerals": split(self.minerals),
            "stages": split(self.stages),
            "sources": split(self.sources),
        }


def _area_ref(a: Agreement, term: str) -> str | None:
    refs = [x.ref for x in a.areas if x.area == term and x.ref]
    return ", ".join(refs) if refs else None


def _term_text(t: Term) -> str:
    """The term in a few words: '3 years from signature; automatic renewal, 3 years, at most 1; ...'."""
    if t.status != "stated":
        return {"silent": "silent (no end stated)", "not-public": "not public"}.get(
            t.status, "not stated in sources"
        )
    c = t.commencement
    start = (
        ""
        if c is None
        else {"signature": " from signature", "entry-into-force": " from entry into force"}.get(
            c.from_, f" from {c.date or 'unknown'}"
        )
    )
    parts = [
        f"open-ended{start}"
        if t.open_ended
        else f"{t.initial_period.text() if t.initial_period else 'not stated'}{start}"
    ]
    r = t.renewal
    if r is not None:
        limit = "no limit stated" if r.max_renewals is None else f"at most {r.max_renewals}"
        parts.append(
            "no renewal"
            if r.kind == "none"
            else f"{r.kind} renewal, {r.period.text() if r.period else 'not stated'}, {limit}"
        )
    if t.notice is not None:
        parts.append(t.notice.text())
    return "; ".join(parts) + (f" ({t.ref})" if t.ref else "")


def _facts(a: Agreement, related: list[Link]) -> dict[str, str]:

    binding = {True: "yes", False: "no", None: "unknown"}[a.legally_binding.value]
    if a.legally_binding.ref:
        binding += f" ({a.legally_binding.ref})"
    place = a.signed.place
    where = ", ".join(x for x in (place.city, place.country) if x) if place else ""
    signed = f"{a.signed.status} {a.signed.date or 'date unknown'}" + (f", {where}" if where else "")
    eif = a.entry_into_force
    in_force = f"{eif.how}, {eif.date or 'date unknown'}" if eif is not None else "not recorded"
    return {
        "title": a.label,
        "instrument": a.instrument,
        "legally binding": binding,
        "level": a.level,
        "signed": signed,
        "entry into force": in_force,
        "focus": a.focus,
        "parties": " – ".join(
            f"{p.code} ({p.represented_by})" if p.represented_by else p.code for p in a.parties
        ),
        "languages": ", ".join(a.languages) or "unknown",
        "disclosure": a.disclosure,
        "term": _term_text(a.term),
        "events": str(len(a.events)),
        "related": "; ".join(link.text for link in related) or "none",
        "confidence": a.confidence,
    }


def compare(a: Agreement, b: Agreement, repository: Iterable[Agreement] = ()) -> Comparison:
    """Compare two agreements: key facts side by side, then what is in both, only in A, only in B.

    The ``related`` fact names each one's links, those other files of ``repository`` record
    (a successor, an implementing roadmap) included, and so the link between A and B.
    """
    items = {x.id: x for x in repository}
    items.update({a.id: a, b.id: b})
    found = links(items.values())
    fa, fb = _facts(a, found.get(a.id, [])), _facts(b, found.get(b.id, []))
    return Comparison(
        a,
        b,
        [(k, fa[k], fb[k]) for k in fa],
        Split.of(a.party_codes, b.party_codes),
        Split.of(a.area_terms, b.area_terms),
        Split.of(a.mineral_terms, b.mineral_terms),
        Split.of(a.scope.stages, b.scope.stages),
        Split.of([s.url for s in a.sources], [s.url for s in b.sources]),
    )


@dataclass(frozen=True)
class Side:
    """One operand of ``pacts diff``: what the user typed and the agreement it names."""

    label: str
    agreement: Agreement


def _parse(raw: bytes, where: str) -> Agreement:
    agreement, problems = load_agreement(raw, where)
    if agreement is None:
        first = problems[0] if problems else None
        detail = (
            f" (line {first.line}: {first.message}{f', {first.field}' if first.field else ''})"
            if first
            else ""
        )
        raise DataError(f"{where} is not a valid agreement{detail}; run `pacts validate`")
    return agreement


def _read(path: Path) -> bytes | None:
    """A file's bytes; None when it is gone (renamed while we ran)."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror}") from None


def _is_path(name: str) -> bool:
    return name.endswith((".yaml", ".yml")) or "/" in name or os.sep in name


def resolve(spec: str, load_repo: Callable[[], Repository]) -> Side:
    """The agreement that ``spec`` names: ``ID``, ``ID@REV``, ``PATH`` or ``PATH@REV``.

    ``load_repo`` is called only when an id must be looked up. Raises :class:`NotFound` (with
    the nearest ids), :class:`UsageError` (bad revision, not a git repository, missing file) or
    :class:`DataError` (the file is not a valid agreement).
    """
    name, rev = split_revision(spec)
    if _is_path(name):
        path = Path(name)
        if rev is None:
            raw = _read(path) if path.is_file() else None
            if raw is None:
                raise UsageError(f"{name}: no such file")
            return Side(spec, _parse(raw, name))
        tree = GitTree(path.parent if path.parent.is_dir() else Path.cwd())
        raw = tree.read(rev, path)
        if raw is None:
            raise UsageError(f"{name} does not exist at revision {rev}")
        return Side(spec, _parse(raw, f"{rev}:{tree.relative(path)}"))
    repo = load_repo()
    if rev is None:
        return Side(spec, repo.get(name))
    path = repo.paths.get(name, repo.folder / f"{name}.yaml")
    tree = GitTree(repo.folder)
    raw = tree.read(rev, path)
    if raw is None:
        then = [Path(n).stem for n in tree.files(rev, repo.folder)]
        known = sorted(set(then) | set(repo.agreements))
        raise NotFound(f"{name}@{rev}", suggest(name, known, any_order=True))
    return Side(spec, _parse(raw, f"{rev}:{tree.relative(path)}"))


@dataclass(frozen=True)
class FileDiff:
    """One agreement file that differs between a revision and the working tree."""

    name: str
    status: Literal["added", "removed", "changed", "invalid"]
    id: str
    changes: list[Change] = field(default_factory=list)
    message: str = ""

    def as_dict(self) -> dict[str, Any]:
        """A plain dictionary for JSON."""
        return {
            "file": self.name,
            "status": self.status,
            "id": self.id,
            "changes": [c.as_dict() for c in self.changes],
            "message": self.message or None,
        }


def since(folder: Path, rev: str) -> list[FileDiff]:
    """Every agreement file of ``folder`` added, removed or changed between ``rev`` and the working tree.

    Files whose data is unchanged (only layout or comments differ) are left out. A file that
    does not load on either side is reported as ``invalid`` with the first problem.
    """
    tree = GitTree(folder)
    tree.verify(rev)
    before = {n for n in tree.files(rev, folder) if n.endswith((".yaml", ".yml"))}
    now = {p.relative_to(folder).as_posix() for p in agreement_files(folder)}
    out = []
    for name in sorted(before | now):
        old = tree.read(rev, folder / name) if name in before else None
        new = _read(folder / name) if name in now else None
        if old == new:
            continue
        try:
            a = _parse(old, f"{rev}:{name}") if old is not None else None
            b = _parse(new, name) if new is not None else None
        except DataError as exc:
            out.append(FileDiff(name, "invalid", Path(name).stem, message=str(exc)))
            continue
        if a is None and b is not None:
            out.append(FileDiff(name, "added", b.id))
        elif b is None and a is not None:
            out.append(FileDiff(name, "removed", a.id))
        elif a is not None and b is not None and (found := changes(a, b)):
            out.append(FileDiff(name, "changed", b.id, found))
    return out

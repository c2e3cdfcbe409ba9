"""Checking many files at once: layers 1–3 in a pool of processes, each file's outcome as a value.

A file's outcome under layers 1–3 depends only on its bytes, the code (the model, its
vocabularies, the rules) and, for rules that compare dates with today, the day. So it is
computed once per content and kept (:mod:`mineralpacts.store.index` stores it); this module only
computes it, file by file, in as many processes as the machine has cores.

A worker sends back only what the caller keeps: the diagnostics (without a display path, which
the caller adds), the few facts the repository rules read (:class:`Facts`), the validated data
as JSON and its :class:`~mineralpacts.model.facets.Facets`. Parsed documents and model objects
stay in the worker, so memory stays flat however many files there are.

Python's cyclic garbage collector is switched off in the workers and while the results are
gathered: the loader and the model make many small containers and no cycles to speak of, and
scanning them again and again cost more than the parsing itself (docs/benchmark.md).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import gc
import hashlib
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeAlias

from mineralpacts.diagnostics import Diagnostic

if TYPE_CHECKING:
    from mineralpacts.check.result import Report
    from mineralpacts.files.load import Document, FieldPath, Pos
    from mineralpacts.model.facets import Index

__all__ = [
    "Content",
    "Facts",
    "Outcome",
    "OutcomeCache",
    "check_many",
    "collector_paused",
    "content_hash",
    "diagnostic_row",
    "display_paths",
    "jobs",
    "read_file",
    "validate_files",
]

#: Below this many files a pool costs more to start than it saves.
POOL_MIN_FILES = 64
#: Files a worker takes at a time (fewer round trips, still an even spread over workers).
CHUNK = 16


#: A file changed this recently may change again within the same clock tick; its ``stat``
#: signature is not trusted (git's "racy" rule) and it is hashed again on the next read.
RACY_NS = 2_000_000_000


class Content(NamedTuple):
    """A file's first bytes (at most one more than the size limit: the rest is never needed), its
    size on disk, and its ``stat`` signature when it was read (mtime_ns, size, inode; mtime_ns
    is -1 when the file had just changed)."""

    raw: bytes
    size: int
    signature: tuple[int, int, int] = (-1, -1, -1)


def content_hash(content: Content) -> str:
    """The key of a file's content in the store (its size too, for a file cut at the limit)."""
    digest = hashlib.blake2b(content.raw, digest_size=16)
    if content.size != len(content.raw):
        digest.update(str(content.size).encode())
    return digest.hexdigest()


def jobs() -> int:
    """How many processes to check files in: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS and Windows have no affinity call
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Link:
    """One ``related`` entry, as the repository rules read it."""

    id: str
    relation: str
    note: str | None = None


@dataclass(frozen=True)
class EventLink:
    """One event, as the repository rules read it: the follow-up agreement it names, if any."""

    agreement: str | None


@dataclass(frozen=True)
class Facts:
    """What the repository rules (layer 4) read of one valid file: its id, its links to other
    files, and where those sit in the file.

    :meth:`skeleton` gives them back in the shape the rules take (an agreement with ``id``,
    ``related`` and ``events``; a document whose ``pos`` answers for those fields), so the rules
    are written once, against agreements, and run on facts: a rule that reads anything else
    fails loudly in the tests rather than silently here.
    """

    id: str
    related: tuple[Link, ...]
    events: tuple[EventLink, ...]
    positions: tuple[tuple[FieldPath, Pos], ...]

    @classmethod
    def of(cls, doc: Document, a: Any) -> Facts:
        """The facts of a validated agreement ``a`` loaded from ``doc``."""
        wanted: list[FieldPath] = [("id",)]
        for i in range(len(a.related)):
            wanted += [("related", i), ("related", i, "id"), ("related", i, "relation")]
        for i, e in enumerate(a.events):
            if e.agreement:
                wanted += [("events", i), ("events", i, "agreement")]
        return cls(
            id=a.id,
            related=tuple(Link(r.id, r.relation, r.note) for r in a.related),
            events=tuple(EventLink(e.agreement) for e in a.events),
            positions=tuple((p, doc.pos(p)) for p in wanted),
        )

    def skeleton(self, path: str) -> tuple[Document, Any]:
        """A document (positions only, shown as ``path``) and an agreement-shaped object."""
        from mineralpacts.files.load import Document

        return Document(path=path, positions=dict(self.positions)), self.shape()

    def shape(self) -> Any:
        """An agreement-shaped object: ``id``, ``related`` and ``events`` (their follow-ups)."""
        return _Skeleton(self.id, list(self.related), list(self.events))

    def to_json(self) -> list[Any]:
        """A compact JSON-ready form."""
        return [
            self.id,
            [[r.id, r.relation, r.note] for r in self.related],
            [e.agreement for e in self.events],
            [[list(p), list(pos)] for p, pos in self.positions],
        ]

    @classmethod
    def from_json(cls, data: list[Any]) -> Facts:
        """Facts from :meth:`to_json`'s list."""
        ident, related, events, positions = data
        return cls(
            id=ident,
            related=tuple(Link(*r) for r in related),
            events=tuple(EventLink(e) for e in events),
            positions=tuple((tuple(p), (pos[0], pos[1])) for p, pos in positions),
        )


@dataclass(frozen=True)
class _Skeleton:
    id: str
    related: list[Link]
    events: list[EventLink]


@dataclass
class Outcome:
    """One file's layers 1–3: what :func:`check_bytes` found, ready to keep or to report."""

    hash: str
    #: the day the rules that compare dates with today ran for
    day: str
    #: the file's ``stat`` signature when it was read (see :class:`Content`)
    signature: tuple[int, int, int] = (-1, -1, -1)
    #: each diagnostic without its path: [line, col, code, message, field, severity, hints]
    diagnostics: list[list[Any]] = field(default_factory=list)
    #: for a file the model accepted: the repository facts, the data as JSON and the facets
    facts: Facts | None = None
    data: str | None = None
    #: the facets as JSON text, and what the store indexes of them (computed in the worker)
    facets: str | None = None
    index: Index | None = None

    def diagnostics_for(self, path: str) -> list[Diagnostic]:
        """The diagnostics, shown as ``path``."""
        return [
            Diagnostic(path, line, col, code, message, fld, severity, tuple(hints))
            for line, col, code, message, fld, severity, hints in self.diagnostics
        ]


def read_file(path: str | os.PathLike[str]) -> Content | OSError:
    """A file's :class:`Content`, or the error reading it."""
    from mineralpacts.files.load import DEFAULT_LIMITS

    limit = DEFAULT_LIMITS.max_bytes
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())  # before reading: a change while reading shows next time
            raw = fh.read(limit + 1)
    except OSError as exc:
        return exc
    mtime = st.st_mtime_ns if st.st_mtime_ns < time.time_ns() - RACY_NS else -1
    return Content(raw, st.st_size if len(raw) > limit else len(raw), (mtime, st.st_size, st.st_ino))


def diagnostic_row(d: Diagnostic) -> list[Any]:
    """A diagnostic without its path, as kept in an :class:`Outcome`."""
    return [d.line, d.col, d.code, d.message, d.field, d.severity, list(d.hints)]


#: Layers 1–3 on one file's bytes (or the error reading them) for a day:
#: :func:`mineralpacts.check.validate.check_bytes`.
Worker = Callable[[Content | OSError, dt.date], Outcome]


def _check_path(worker: Worker, task: tuple[int, str, dt.date]) -> tuple[int, Outcome]:
    index, path, today = task
    return index, worker(read_file(path), today)


def _worker_init() -> None:
    gc.disable()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Freeze what exists and stop the cyclic collector for the duration (bulk work)."""
    was_enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def _context() -> Any:
    import multiprocessing

    # fork shares the parent's imported modules (no second start-up per worker); it is unsafe
    # only with threads running, and unavailable on Windows.
    if sys.platform != "win32" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def check_many(
    paths: Sequence[str | os.PathLike[str]], today: dt.date, worker: Worker, processes: int | None = None
) -> Iterator[tuple[int, Outcome]]:
    """Yield (index in ``paths``, :class:`Outcome`) for every file, in no particular order.

    ``worker`` (a module-level function, so that it can be sent to other processes) checks
    each file, in ``processes`` worker processes (default: :func:`jobs`), or in this one when
    there are too few files for a pool to pay.
    """
    tasks = [(i, os.fspath(p), today) for i, p in enumerate(paths)]
    n = processes or jobs()
    if n < 2 or len(tasks) < POOL_MIN_FILES:
        for task in tasks:
            yield _check_path(worker, task)
        return
    # The model, the rules and the schema code are loaded here, before the workers are forked.
    import mineralpacts.check.rules
    import mineralpacts.model.facets  # noqa: F401

    with collector_paused(), _context().Pool(n, initializer=_worker_init) as pool:
        yield from pool.imap_unordered(functools.partial(_check_path, worker), tasks, chunksize=CHUNK)


class OutcomeCache(Protocol):
    """Where outcomes are kept between runs (:class:`mineralpacts.store.index.OutcomeCache`)."""

    def lookup(self, files: Sequence[Path], today: dt.date) -> dict[int, Outcome]:
        """The kept outcomes of those ``files`` (by index) whose content is unchanged, for ``today``."""
        ...

    def save(self, path: Path, outcome: Outcome) -> None:
        """Keep one file's outcome."""
        ...

    def data(self, path: Path) -> str | None:
        """The validated data kept for a file, as JSON text."""
        ...

    def flush(self) -> None:
        """Write everything kept so far."""
        ...


def display_paths(files: Sequence[Path]) -> list[str]:
    """How each file is shown in diagnostics: relative to the working folder when inside it,
    else as given (what ``str(path.resolve().relative_to(Path.cwd().resolve()))`` gives).

    Each folder is resolved once, not each file (a symbolic link is still resolved itself), and
    the rest is string work: 10,000 paths cost milliseconds, not a second.
    """
    cwd = os.path.realpath(os.getcwd())
    prefix = os.path.normcase(cwd if cwd.endswith(os.sep) else cwd + os.sep)
    folders: dict[str, str] = {}
    out = []
    for path in files:
        given = str(path)
        if os.path.islink(given):
            resolved = os.path.realpath(given)
        else:
            parent, name = os.path.split(given)
            real = folders.get(parent)
            if real is None:
                real = folders[parent] = os.path.realpath(parent or os.curdir)
            resolved = os.path.join(real, name)
        if os.path.normcase(resolved).startswith(prefix):
            out.append(resolved[len(prefix) :])
        else:
            out.append(given)
    return out


#: The repository rules (layer 4): :func:`mineralpacts.check.validate.repository_rules`.
Rules: TypeAlias = "Callable[[Sequence[tuple[Path, Document | None, Any]]], list[list[Diagnostic]]]"


def validate_files(
    files: Sequence[Path], today: dt.date, worker: Worker, rules: Rules, cache: OutcomeCache | None = None
) -> Report:
    """Layers 1–3 on every file with ``worker`` (kept outcomes reused, the rest in a pool), then
    layer 4 with ``rules`` on the facts of every file.

    The agreements of the report are built from their validated data only when asked for.
    """
    from mineralpacts.check.result import FileResult, Report

    shown = display_paths(files)
    outcomes: dict[int, Outcome] = cache.lookup(files, today) if cache is not None else {}
    todo = [i for i in range(len(files)) if i not in outcomes]
    try:
        for j, outcome in check_many([files[i] for i in todo], today, worker):
            i = todo[j]
            if cache is not None:
                cache.save(files[i], outcome)  # kept as it is until the cache writes it
                # the report holds a copy without the data, read back if an agreement is asked for
                outcome = dataclasses.replace(outcome, data=None)
            outcomes[i] = outcome
    finally:
        if cache is not None:
            cache.flush()
    report = Report()
    entries: list[tuple[Path, Document | None, Any]] = []
    with collector_paused():
        for i, path in enumerate(files):
            outcome = outcomes[i]
            load = None
            if outcome.facts is not None:
                load = _loader(outcome.data, path, cache)
                entries.append((path, *outcome.facts.skeleton(shown[i])))
            else:
                entries.append((path, None, None))
            report.files.append(FileResult(shown[i], None, outcome.diagnostics_for(shown[i]), load=load))
        for result, found in zip(report.files, rules(entries), strict=True):
            result.diagnostics += found
    return report


def _loader(data: str | None, path: Path, cache: OutcomeCache | None) -> Any:
    def load() -> Any:
        from mineralpacts.model.agreement import Agreement

        text = data if data is not None else (cache.data(path) if cache is not None else None)
        if text is None:  # pragma: no cover - an accepted file always has its data kept
            return None
        return Agreement.model_validate(json.loads(text))

    return load

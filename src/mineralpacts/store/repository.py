"""Finding the data and reading it fast: repository discovery and the read path.

Where the data is, in order: an explicit folder (``--repo``), ``$PACTS_REPO``, an
``agreements/`` folder in the working directory or a parent, then the snapshot bundled in the
installed package.

The read path (``pacts list``, ``pacts show``, ``import mineralpacts``) goes through the indexed
store (:mod:`mineralpacts.store.index`): files whose ``stat`` is unchanged are not read at all,
changed ones are checked with the same code as ``pacts validate``, and agreements are built from
the stored, validated data only when asked for. A file the model rejects, or that breaks a
repository rule (a duplicate id, a file name that is not its id, a link to no agreement), is
left out, never guessed at, and described in :attr:`Repository.problems`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from mineralpacts.diagnostics import Diagnostic
from mineralpacts.errors import DataError, NotFound, RepositoryNotFound

if TYPE_CHECKING:
    from mineralpacts.model.agreement import Agreement
    from mineralpacts.model.facets import Facets
    from mineralpacts.store.index import Store

__all__ = ["Agreements", "Repository", "agreement_files", "bundled_folder", "find_folder", "load_agreement"]

ENV_VAR = "PACTS_REPO"


def bundled_folder() -> Path | None:
    """The agreements folder shipped inside the package (or the source tree of an editable install)."""
    packaged = Path(str(resources.files("mineralpacts"))) / "_bundled" / "agreements"
    if packaged.is_dir():
        return packaged
    source_tree = Path(__file__).resolve().parents[3] / "agreements"
    return source_tree if source_tree.is_dir() else None


def find_folder(explicit: str | os.PathLike[str] | None = None, cwd: Path | None = None) -> Path:
    """Return the agreements folder to use, following the documented search order.

    ``explicit`` may name the agreements folder itself or a folder that contains ``agreements/``.
    Raises :class:`RepositoryNotFound` when an explicit or ``$PACTS_REPO`` folder does not exist.
    """
    for origin, value in (("--repo", explicit), (f"${ENV_VAR}", os.environ.get(ENV_VAR) or None)):
        if value is None:
            continue
        folder = Path(value).expanduser()
        if (folder / "agreements").is_dir():
            return folder / "agreements"
        if folder.is_dir():
            return folder
        raise RepositoryNotFound(f"{origin} {str(value)!r} is not a folder")
    here = (cwd or Path.cwd()).resolve()
    for parent in (here, *here.parents):
        candidate = parent / "agreements"
        if candidate.is_dir():
            return candidate
    bundled = bundled_folder()
    if bundled is None:
        raise RepositoryNotFound("no agreements folder found here or above, and no bundled snapshot")
    return bundled


def agreement_files(folder: Path) -> list[Path]:
    """The agreement files of a folder, by the one discovery rule of :mod:`mineralpacts.files.discover`."""
    from mineralpacts.files.discover import yaml_files

    return yaml_files(folder)


def load_agreement(raw: bytes, path: str) -> tuple[Agreement | None, list[Diagnostic]]:
    """Parse and validate one file's bytes against the model; return the agreement or the problems."""
    from pydantic import ValidationError

    from mineralpacts.files.load import parse_bytes
    from mineralpacts.model.agreement import Agreement

    doc = parse_bytes(raw, path)
    if not doc.ok:
        return None, doc.diagnostics
    try:
        return Agreement.model_validate(doc.data), []
    except ValidationError as exc:
        from mineralpacts.check.validate import model_diagnostics

        return None, model_diagnostics(doc, exc)


V = TypeVar("V")


class _ById(Mapping[str, V]):
    """A mapping keyed by the ids of ``_names`` (id -> file name): iterating, counting and
    membership read the names only, so nothing is built until an item is asked for."""

    _names: dict[str, str]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, ident: object) -> bool:
        return ident in self._names


class Agreements(_ById["Agreement"]):
    """The agreements of a repository by id, each built from the store's validated data when it
    is first looked up (listing the ids builds none)."""

    def __init__(self, store: Store, names: dict[str, str]) -> None:
        self._store = store
        self._names = names  # id -> file name
        self._built: dict[str, Agreement] = {}

    def __getitem__(self, ident: str) -> Agreement:
        found = self._built.get(ident)
        if found is not None:
            return found
        text = self._store.data(self._names[ident])
        if text is None:  # pragma: no cover - an accepted file's row always has its data
            raise KeyError(ident)
        from mineralpacts.model.agreement import Agreement

        built = self._built[ident] = Agreement.model_validate(json.loads(text))
        return built


@dataclass
class Repository:
    """The agreements of one folder, looked up by id.

    ``agreements`` maps each id to its :class:`~mineralpacts.model.agreement.Agreement` (built on
    first use), ``paths`` each id to its file, and ``problems`` holds the diagnostics of every
    file left out: rejected by the model, or breaking a repository rule.
    """

    folder: Path
    agreements: Mapping[str, Agreement] = field(default_factory=dict)
    paths: Mapping[str, Path] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    store: Store | None = field(default=None, repr=False, compare=False)
    #: ids claimed by more than one file, with those files (all left out: none is the one meant)
    duplicates: dict[str, tuple[Path, ...]] = field(default_factory=dict)

    @classmethod
    def load(
        cls, folder: str | os.PathLike[str] | None = None, *, use_cache: bool | None = None
    ) -> Repository:
        """Load the agreements of ``folder`` (found by :func:`find_folder` when None).

        Files that do not load, or that break a repository rule, are left out and described in
        :attr:`problems`. The on-disk store is used unless ``use_cache`` is False or
        ``$PACTS_NO_CACHE`` is set (then a store in memory is built and dropped).
        """
        from mineralpacts.store.index import Store

        root = find_folder(folder)
        if use_cache is None:
            use_cache = not os.environ.get("PACTS_NO_CACHE")
        store = Store.open(root, persist=use_cache)
        try:
            store.refresh(dt.date.today())
        except sqlite3.Error:  # a store that cannot be written (disk full, locked): read in memory
            store.close()
            store = Store.open(root, persist=False)
            store.refresh(dt.date.today())
        except FileNotFoundError:
            raise RepositoryNotFound(f"{str(root)!r} is not a folder") from None
        return cls._from_store(root, store)

    @classmethod
    def _from_store(cls, root: Path, store: Store) -> Repository:
        rule_errors, broken = _repository_problems(root, store)
        # A file the model accepted but one of its own rules (M) rejects is as invalid as one the
        # model rejected: `pacts validate` fails it, so no read answers from it either.
        failing = set(store.failing_rules())
        ids: dict[str, str] = {}
        rejected = []
        for name, ident in store.ids():
            if ident is None or name in failing:
                rejected.append(name)
            elif name not in broken:
                ids[ident] = name
        problems: list[Diagnostic] = []
        for name, rows in store.diagnostics(rejected):
            problems += _diagnostics(str(root / name), rows)
        store.hold_snapshot()
        return cls(
            folder=root,
            agreements=Agreements(store, ids),
            paths=_Paths(root, ids),
            problems=problems + rule_errors,
            store=store,
            duplicates=_duplicates((root / name, ident) for name, ident in store.shared_ids()),
        )

    def __iter__(self) -> Iterator[Agreement]:
        return iter([self.agreements[ident] for ident in sorted(self.agreements)])

    def __len__(self) -> int:
        return len(self.agreements)

    def __contains__(self, ident: object) -> bool:
        return ident in self.agreements

    def get(self, ident: str) -> Agreement:
        """The agreement with id ``ident``; :class:`NotFound` (with the nearest ids) otherwise, and
        :class:`~mineralpacts.errors.DataError` naming the files when several claim the id."""
        if ident in self.duplicates:
            files = " and ".join(str(p) for p in self.duplicates[ident])
            raise DataError(f"id {ident!r} is claimed by {files}; rename all but one (run pacts validate)")
        if ident not in self.agreements:
            from mineralpacts.model.vocab import suggest

            raise NotFound(ident, suggest(ident, sorted(self.agreements), any_order=True))
        return self.agreements[ident]

    def ids(self) -> list[str]:
        """Every id, sorted (no agreement is built)."""
        return sorted(self.agreements)

    def data(self, ident: str) -> dict[str, Any]:
        """One agreement as JSON-ready data, exactly ``model_dump(mode="json")`` of it, read from
        the store without building the agreement."""
        if self.store is not None and ident in self.paths:
            text = self.store.data(self._file_names()[ident])
            if text is not None:
                found: dict[str, Any] = json.loads(text)
                return found
        return self.get(ident).model_dump(mode="json")

    def facets(self, ids: list[str] | None = None) -> list[Facets]:
        """The :class:`~mineralpacts.model.facets.Facets` of the agreements (or of ``ids``), in id
        order, read from the store without building any agreement."""
        chosen = self.ids() if ids is None else sorted(i for i in ids if i in self.agreements)
        if self.store is None:
            from mineralpacts.model.facets import facets_of

            return [facets_of(self.agreements[i]) for i in chosen]
        names = self._file_names()
        by_name = dict(self.store.facets([names[i] for i in chosen]))
        return [by_name[names[i]] for i in chosen]

    def _file_names(self) -> dict[str, str]:
        """Each id's file name (without making paths)."""
        if isinstance(self.paths, _Paths):
            return self.paths.names
        return {ident: path.name for ident, path in self.paths.items()}

    def skeletons(self) -> list[Any]:
        """Each agreement's id, links and events' follow-ups (agreement-shaped, see
        :class:`~mineralpacts.check.bulk.Facts`), from the store, in id order: enough for
        :func:`~mineralpacts.model.relations.links` without building any agreement."""
        if self.store is None:
            return list(self)
        answered = {name: ident for ident, name in self._file_names().items()}
        found = {answered[n]: f.shape() for n, f in self.store.facts() if n in answered}
        return [found[i] for i in sorted(found)]

    def candidates(self, **narrow: Any) -> list[str]:
        """The ids that may match the given narrowing (see :meth:`Store.select
        <mineralpacts.store.index.Store.select>`), or every id without a store."""
        if self.store is None:
            return self.ids()
        answered = {name: ident for ident, name in self._file_names().items()}
        return sorted(answered[n] for n in self.store.select(**narrow) if n in answered)


def _duplicates(claims: Iterable[tuple[Path, str]]) -> dict[str, tuple[Path, ...]]:
    from mineralpacts.check.ids import duplicate_ids

    return {dup.id: dup.paths for dup in duplicate_ids(claims)}


def _diagnostics(path: str, rows: list[list[Any]]) -> list[Diagnostic]:
    return [Diagnostic(path, r[0], r[1], r[2], r[3], r[4], r[5], tuple(r[6])) for r in rows]


def _repository_problems(root: Path, store: Store) -> tuple[list[Diagnostic], set[str]]:
    """The errors of the repository rules (layer 4), from the stored facts of every file, and
    the names of the files they are in.

    They are kept in the store until a file changes, so a warm read runs no rule at all.
    """
    cached = store.meta("repository")
    if cached is not None:
        found: list[list[Any]] = json.loads(cached)
    else:
        from mineralpacts.check.bulk import diagnostic_row
        from mineralpacts.check.validate import repository_rules

        names = [name for name, _ in store.ids()]
        facts = dict(store.facts())
        entries = [
            (root / name, *facts[name].skeleton(str(root / name)))
            if name in facts
            else (root / name, None, None)
            for name in names
        ]
        found = []
        for name, diagnostics in zip(names, repository_rules(entries), strict=True):
            found += [[name, diagnostic_row(d)] for d in diagnostics if d.severity == "error"]
        with contextlib.suppress(sqlite3.Error):  # not kept: computed again on the next read
            store.set_meta("repository", json.dumps(found, ensure_ascii=False))
    out: list[Diagnostic] = []
    for name, row in found:
        out += _diagnostics(str(root / name), [row])
    return out, {name for name, _ in found}


class _Paths(_ById[Path]):
    """Each id's file, made into a path only when asked for (a listing of 10,000 makes none)."""

    def __init__(self, root: Path, names: dict[str, str]) -> None:
        self._root, self._names = root, names

    def __getitem__(self, ident: str) -> Path:
        return self._root / self._names[ident]

    @property
    def names(self) -> dict[str, str]:
        """Each id's file name."""
        return self._names

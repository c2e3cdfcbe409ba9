"""Finding the data and reading it fast: repository discovery, the read path and its cache.

Where the data is, in order: an explicit folder (``--repo``), ``$PACTS_REPO``, an
``agreements/`` folder in the working directory or a parent, then the snapshot bundled in the
installed package.

The read path (``pacts list``, ``pacts show``, ``import mineralpacts``) parses files with the
same safe loader as ``pacts validate`` and keeps an on-disk index keyed by a hash of each file's
bytes, so a repeat run parses only what changed. The index holds validated data only; a file
that fails to load is reported in :attr:`Repository.problems` and left out, never guessed at.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from mineralpacts.diagnostics import Diagnostic
from mineralpacts.errors import NotFound, RepositoryNotFound
from mineralpacts.files.load import parse_bytes
from mineralpacts.model.agreement import Agreement
from mineralpacts.model.vocab import suggest

__all__ = ["Repository", "agreement_files", "bundled_folder", "find_folder", "load_agreement"]

ENV_VAR = "PACTS_REPO"
CACHE_VERSION = "1"


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
    """The agreement files of a folder: ``*.yaml`` and ``*.yml``, sorted by name."""
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def load_agreement(raw: bytes, path: str) -> tuple[Agreement | None, list[Diagnostic]]:
    """Parse and validate one file's bytes against the model; return the agreement or the problems."""
    doc = parse_bytes(raw, path)
    if not doc.ok:
        return None, doc.diagnostics
    try:
        return Agreement.model_validate(doc.data), []
    except ValidationError as exc:
        from mineralpacts.check.validate import model_diagnostics

        return None, model_diagnostics(doc, exc)


def _cache_file(folder: Path) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mineralpacts"
    digest = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
    return base / f"index-{digest}.json"


@dataclass
class Repository:
    """The agreements of one folder, loaded once, looked up by id."""

    folder: Path
    agreements: dict[str, Agreement] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)

    @classmethod
    def load(
        cls, folder: str | os.PathLike[str] | None = None, *, use_cache: bool | None = None
    ) -> Repository:
        """Load every agreement of ``folder`` (found by :func:`find_folder` when None).

        Files that do not load are left out and described in :attr:`problems`. The cache is
        used unless ``use_cache`` is False or ``$PACTS_NO_CACHE`` is set.
        """
        root = find_folder(folder)
        if use_cache is None:
            use_cache = not os.environ.get("PACTS_NO_CACHE")
        cache_path = _cache_file(root)
        cache: dict[str, Any] = _read_cache(cache_path) if use_cache else {}
        fresh: dict[str, Any] = {}
        repo = cls(folder=root)
        for path in agreement_files(root):
            try:
                raw = path.read_bytes()
            except OSError as exc:  # vanished or unreadable since the folder was listed
                repo.problems.append(
                    Diagnostic.make(str(path), (1, 1), "Y001", f"cannot read file: {exc.strerror or exc}")
                )
                continue
            key = hashlib.blake2b(raw, digest_size=16).hexdigest()
            agreement = None
            if key in cache:
                try:
                    agreement = Agreement.model_validate(cache[key])
                    fresh[key] = cache[key]  # still valid: keep the entry as it is
                except ValidationError:
                    agreement = None
            if agreement is None:
                agreement, problems = load_agreement(raw, str(path))
                if agreement is None:
                    repo.problems.extend(problems)
                    continue
                if use_cache:
                    fresh[key] = agreement.model_dump(mode="json", exclude_defaults=True)
            if agreement.id in repo.agreements:
                continue  # a duplicate id is a validation error; the first file wins here
            repo.agreements[agreement.id] = agreement
            repo.paths[agreement.id] = path
        if use_cache and fresh.keys() != cache.keys():
            _write_cache(cache_path, fresh)
        return repo

    def __iter__(self) -> Iterator[Agreement]:
        return iter(sorted(self.agreements.values(), key=lambda a: a.id))

    def __len__(self) -> int:
        return len(self.agreements)

    def __contains__(self, ident: object) -> bool:
        return ident in self.agreements

    def get(self, ident: str) -> Agreement:
        """The agreement with id ``ident``; :class:`NotFound` (with the nearest ids) otherwise."""
        try:
            return self.agreements[ident]
        except KeyError:
            raise NotFound(ident, suggest(ident, sorted(self.agreements), any_order=True)) from None


def _read_cache(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def _write_cache(path: Path, entries: dict[str, Any]) -> None:
    """Write the index atomically; a cache that cannot be written is simply not used."""
    from mineralpacts.errors import UsageError
    from mineralpacts.files.atomic import atomic_write_text

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(
            path, json.dumps({"version": CACHE_VERSION, "entries": entries}, ensure_ascii=False)
        )
    except (OSError, UsageError):
        return

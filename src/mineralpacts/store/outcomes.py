"""The cache of ``pacts validate``: the indexed stores of the folders it checks.

A file's outcome under layers 1–3 is kept in the store of its folder (the same store the read
path uses, so validating a folder warms ``pacts list`` and the other way round) and taken back
when the file's content, the code and the day are the same.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mineralpacts.store.index import BATCH, Store

if TYPE_CHECKING:
    from mineralpacts.check.bulk import Outcome

__all__ = ["OutcomeCache"]


class OutcomeCache:
    """The stores of the folders holding the files ``pacts validate`` checks, as the cache of
    :func:`~mineralpacts.check.validate.validate_paths`
    (:class:`~mineralpacts.check.bulk.OutcomeCache`)."""

    def __init__(self) -> None:
        self._stores: dict[Path, Store] = {}
        self._pending: dict[Path, list[tuple[str, Outcome]]] = {}

    def _store(self, folder: Path) -> Store:
        store = self._stores.get(folder)
        if store is None:
            store = self._stores[folder] = Store.open(folder)
        return store

    def lookup(self, files: Sequence[Path], today: dt.date) -> dict[int, Outcome]:
        """The kept outcomes of the unchanged files among ``files``, checked on ``today``."""
        groups: dict[str, list[int]] = {}
        names: list[str] = []
        for i, path in enumerate(files):
            folder, name = os.path.split(str(path))
            groups.setdefault(folder, []).append(i)
            names.append(name)
        out: dict[int, Outcome] = {}
        for folder, indexes in groups.items():
            try:
                store = self._store(Path(folder or os.curdir))
                fresh, _stale, _removed = store.scan([names[i] for i in indexes])
                kept = store.outcomes(fresh, today.isoformat())
            except sqlite3.Error:
                continue
            for i in indexes:
                found = kept.get(names[i])
                if found is not None:
                    out[i] = found
        return out

    def save(self, path: Path, outcome: Outcome) -> None:
        """Keep one file's outcome (written in batches, the last by :meth:`flush`)."""
        self._pending.setdefault(path.parent, []).append((path.name, outcome))
        if sum(len(v) for v in self._pending.values()) >= BATCH:
            self._write()

    def _write(self) -> None:
        for folder, items in self._pending.items():
            store = self._store(folder)
            try:
                if not store.conn.in_transaction:
                    store.conn.execute("BEGIN IMMEDIATE")
                store.put_many(items)
            except sqlite3.Error:
                pass  # a cache that cannot be written is simply not used
        self._pending = {}

    def data(self, path: Path) -> str | None:
        """The validated data kept for a file."""
        return self._store(path.parent).data(path.name)

    def flush(self) -> None:
        """Write and commit what :meth:`save` kept."""
        self._write()
        for store in self._stores.values():
            try:
                if store.conn.in_transaction:
                    store.conn.execute("COMMIT")
            except sqlite3.Error:
                pass

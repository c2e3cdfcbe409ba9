"""The indexed store: every file's checked outcome in SQLite, kept fresh by ``stat``.

One SQLite file per agreements folder, in the user's cache folder
(``$XDG_CACHE_HOME/mineralpacts/store-<hash of the folder>.sqlite``). One row per file holds:

* its name and ``stat`` signature (mtime_ns, size, inode) and the hash of its bytes;
* the outcome of layers 1–3 (:class:`~mineralpacts.check.bulk.Outcome`): the diagnostics (for
  the day the date rules ran), the repository facts, and, for a file the model accepted, the
  validated data as JSON (written only from ``model_dump`` of an ``Agreement``) and its
  :class:`~mineralpacts.model.facets.Facets`;
* indexed side tables of the filter fields: parties, areas and minerals in ``facet``; instrument,
  level and the signing date's bounds as columns.

Freshness: a file whose ``stat`` signature is unchanged is taken as it is; one whose signature
changed is hashed, and parsed only when its hash changed. Rows are updated one by one; added
and removed files are noticed. The whole store is keyed by :func:`fingerprint` (the code that
makes the answers and the versions it runs on): when it differs, every row is dropped.

A store that cannot be opened or written is no error: the read falls back to a store in memory.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mineralpacts.check.bulk import RACY_NS
from mineralpacts.files.discover import yaml_signatures
from mineralpacts.store.fingerprint import STORE_LAYOUT, cache_home, fingerprint

if TYPE_CHECKING:
    from mineralpacts.check.bulk import Facts, Outcome
    from mineralpacts.model.facets import Facets

__all__ = ["Store", "cache_home", "fingerprint", "stat_signature"]

#: Rows written at a time.
BATCH = 500

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    name TEXT PRIMARY KEY,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    hash TEXT NOT NULL,
    day TEXT NOT NULL,
    id TEXT,
    diagnostics TEXT NOT NULL,
    facts TEXT,
    data TEXT,
    facets TEXT,
    instrument TEXT,
    level TEXT,
    signed_low TEXT,
    signed_high TEXT
);
CREATE INDEX IF NOT EXISTS files_id ON files (id);
CREATE INDEX IF NOT EXISTS files_signed ON files (signed_low, signed_high);
CREATE TABLE IF NOT EXISTS facet (
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (name, kind, value)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS facet_value ON facet (kind, value);
"""


def _same_content(path: Path, digest: str) -> bool:
    from mineralpacts.check.bulk import content_hash, read_file

    content = read_file(path)
    return not isinstance(content, OSError) and content_hash(content) == digest


def stat_signature(st: os.stat_result, now_ns: int) -> tuple[int, int, int]:
    """(mtime_ns, size, inode), with mtime_ns -1 when the file changed too recently to trust."""
    mtime = st.st_mtime_ns if now_ns - st.st_mtime_ns > RACY_NS else -1
    return mtime, st.st_size, st.st_ino


def _store_file(folder: Path) -> Path:
    return cache_home() / f"store-{hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]}.sqlite"


def _connect(target: str) -> sqlite3.Connection:
    conn = sqlite3.connect(target, timeout=10, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL" if target != ":memory:" else "PRAGMA journal_mode=MEMORY")
    conn.execute("PRAGMA synchronous=NORMAL")
    if conn.execute("PRAGMA user_version").fetchone()[0] != int(STORE_LAYOUT):
        with _transaction(conn):  # a store of another layout is dropped whole, then made anew
            if conn.execute("PRAGMA user_version").fetchone()[0] == int(STORE_LAYOUT):  # made meanwhile
                return conn
            for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
                conn.execute(f'DROP TABLE IF EXISTS "{table}"')
            conn.execute(f"PRAGMA user_version = {int(STORE_LAYOUT)}")
    conn.executescript(_SCHEMA)
    return conn


class Store:
    """The indexed outcomes of one folder's agreement files."""

    def __init__(self, folder: Path, conn: sqlite3.Connection, persistent: bool) -> None:
        self.folder = folder
        self.conn = conn
        self.persistent = persistent
        self.changed = False  # whether the last refresh added, removed or re-checked a file

    @classmethod
    def open(cls, folder: Path, *, persist: bool = True) -> Store:
        """The store of ``folder``: on disk when ``persist`` and the cache folder is writable,
        else in memory (a read that keeps nothing). A store from other code is emptied."""
        conn = None
        if persist:
            try:
                path = _store_file(folder)
                path.parent.mkdir(parents=True, exist_ok=True)
                conn = _connect(str(path))
                cls._check_fingerprint(conn)
            except (OSError, sqlite3.Error):
                conn = None
        if conn is None:
            conn = _connect(":memory:")
            cls._check_fingerprint(conn)
            return cls(folder, conn, persistent=False)
        return cls(folder, conn, persistent=True)

    @staticmethod
    def _check_fingerprint(conn: sqlite3.Connection) -> None:
        current = fingerprint()
        found = conn.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        if found is not None and found[0] == current:
            return
        with _transaction(conn):  # again under the write lock: another process may have filled it
            if conn.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone() == (current,):
                return
            conn.execute("DELETE FROM files")
            conn.execute("DELETE FROM facet")
            conn.execute("DELETE FROM meta")
            conn.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (current,))

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    # ------------------------------------------------------------------ freshness

    def scan(self, names: Iterable[str] | None = None) -> tuple[list[str], list[str], list[str]]:
        """Compare the folder (or only ``names`` in it) with the rows, by ``stat`` then by hash.

        Returns (fresh, stale, removed) file names: fresh rows are up to date (a changed
        signature with the same hash is updated in place); stale files must be checked again;
        removed names have a row but no file. Files of the folder are its ``*.yaml`` and
        ``*.yml`` files; ``names`` may name others (validate takes any file it is given).
        """
        racy = time.time_ns() - RACY_NS
        current: dict[str, tuple[int, int, int]] = {}
        if names is None:
            for name, (mtime, size, inode) in yaml_signatures(self.folder).items():
                current[name] = (mtime if mtime < racy else -1, size, inode)
        else:
            folder = str(self.folder)
            for name in names:
                try:
                    current[name] = stat_signature(os.stat(os.path.join(folder, name)), racy + RACY_NS)
                except OSError:
                    current[name] = (-1, -1, -1)
        rows = self.conn.execute("SELECT name, mtime_ns, size, inode FROM files").fetchall()
        known = {row[0]: row[1:] for row in rows}
        fresh, stale, touched = [], [], []
        for name in sorted(current):
            sig = current[name]
            row = known.get(name)
            if row is None:
                stale.append(name)
            elif row == sig and sig[0] != -1:
                fresh.append(name)
            elif _same_content(self.folder / name, self._hash(name)):
                fresh.append(name)
                if row != sig:
                    touched.append((*sig, name))
            else:
                stale.append(name)
        removed = [] if names is not None else sorted(set(known) - set(current))
        if touched:
            with _transaction(self.conn):
                self.conn.executemany(
                    "UPDATE files SET mtime_ns = ?, size = ?, inode = ? WHERE name = ?", touched
                )
        return fresh, stale, removed

    def _hash(self, name: str) -> str:
        found = self.conn.execute("SELECT hash FROM files WHERE name = ?", (name,)).fetchone()
        return str(found[0]) if found else ""

    def refresh(self, today: dt.date | None = None) -> None:
        """Bring every row up to date with the folder: check stale files, drop removed ones."""
        day = today or dt.date.today()
        _fresh, stale, removed = self.scan()
        self.changed = bool(stale or removed)
        if not self.changed:
            return
        from mineralpacts.check.bulk import check_many
        from mineralpacts.check.validate import check_bytes

        with _transaction(self.conn):
            self._delete(removed)
            paths = [self.folder / name for name in stale]
            batch: list[tuple[str, Outcome]] = []
            for i, outcome in check_many(paths, day, check_bytes):
                batch.append((stale[i], outcome))
                if len(batch) >= BATCH:
                    self.put_many(batch)
                    batch = []
            self.put_many(batch)

    # ------------------------------------------------------------------ writing

    def put(self, name: str, outcome: Outcome) -> None:
        """Write one file's outcome (inside a transaction of the caller's)."""
        self.put_many([(name, outcome)])

    def put_many(self, items: Sequence[tuple[str, Outcome]]) -> None:
        """Write files' outcomes, one row each (inside a transaction of the caller's), with the
        ``stat`` signature each file had when it was read."""
        if not items:
            return
        rows, facet_rows = [], []
        for name, outcome in items:
            sig = outcome.signature  # taken when the file was read: a later change is seen
            instrument, level, low, high, values = outcome.index or (None, None, None, None, [])
            facet_rows += [(name, kind, value) for kind, value in values]
            rows.append(
                (
                    name,
                    *sig,
                    outcome.hash,
                    outcome.day,
                    outcome.facts.id if outcome.facts is not None else None,
                    "[]" if not outcome.diagnostics else json.dumps(outcome.diagnostics, ensure_ascii=False),
                    json.dumps(outcome.facts.to_json(), ensure_ascii=False) if outcome.facts else None,
                    outcome.data,
                    outcome.facets,
                    instrument,
                    level,
                    low,
                    high,
                )
            )
        names = [name for name, _ in items]
        same_links = self._same_links(items)
        self._delete(names, forget_rules=not same_links)
        self.conn.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.conn.executemany("INSERT INTO facet VALUES (?, ?, ?)", facet_rows)
        self.changed = True

    def _same_links(self, items: Sequence[tuple[str, Outcome]]) -> bool:
        """True when the kept result of the repository rules still holds after these rows change:
        each file was known, its id, links and follow-ups are the same, and the rules found
        nothing in it (so no position of theirs can have moved). The rules read nothing else
        of a file (:class:`~mineralpacts.check.bulk.Facts`), and its name is the same."""
        kept = self.meta("repository")
        if kept is None:
            return False
        flagged = {name for name, _ in json.loads(kept)}
        for name, outcome in items:
            found = self.conn.execute("SELECT facts FROM files WHERE name = ?", (name,)).fetchone()
            if found is None or name in flagged:
                return False
            before = json.loads(found[0])[:3] if found[0] else None
            after = outcome.facts.to_json()[:3] if outcome.facts is not None else None
            if before != after:
                return False
        return True

    def _delete(self, names: Sequence[str], *, forget_rules: bool = True) -> None:
        if not names:
            return
        self.conn.executemany("DELETE FROM files WHERE name = ?", [(n,) for n in names])
        self.conn.executemany("DELETE FROM facet WHERE name = ?", [(n,) for n in names])
        if forget_rules:
            self.conn.execute("DELETE FROM meta WHERE key = 'repository'")

    def hold_snapshot(self) -> None:
        """Read from now on as the store is now, whatever other processes (or other loads in
        this one) write later: a repository loaded once answers from one state of the files."""
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN")
            self.conn.execute("SELECT count(*) FROM files").fetchone()

    # ------------------------------------------------------------------ reading

    def ids(self) -> list[tuple[str, str | None]]:
        """(name, id) of every file, by name; the id is None for a file the model rejected."""
        return self.conn.execute("SELECT name, id FROM files ORDER BY name").fetchall()

    def failing_rules(self) -> list[str]:
        """Names of the files the model accepted whose own checks (layer 3) found an error."""
        query = "SELECT name, diagnostics FROM files WHERE id IS NOT NULL AND diagnostics LIKE '%\"error\"%'"
        return [
            name
            for name, text in self.conn.execute(query)
            if any(row[5] == "error" for row in json.loads(text))
        ]

    def shared_ids(self) -> list[tuple[str, str]]:
        """(name, id) of the files whose id another file claims too, by name."""
        query = (
            "SELECT name, id FROM files WHERE id IN "
            "(SELECT id FROM files WHERE id IS NOT NULL GROUP BY id HAVING count(*) > 1) ORDER BY name"
        )
        return self.conn.execute(query).fetchall()

    def outcomes(self, names: Iterable[str], day: str) -> dict[str, Outcome]:
        """The stored outcomes (without data and facets) of the named files checked on ``day``."""
        from mineralpacts.check.bulk import Facts, Outcome

        wanted = set(names)
        out = {}
        query = "SELECT name, hash, diagnostics, facts FROM files WHERE day = ?"
        for name, digest, diagnostics, facts in self.conn.execute(query, (day,)):
            if name in wanted:
                out[name] = Outcome(
                    hash=digest,
                    day=day,
                    diagnostics=[] if diagnostics == "[]" else json.loads(diagnostics),
                    facts=Facts.from_json(json.loads(facts)) if facts else None,
                )
        return out

    def diagnostics(self, names: Sequence[str] | None = None) -> Iterator[tuple[str, list[list[Any]]]]:
        """(name, diagnostic rows) of the named files, or of every file with a diagnostic."""
        if names is None:
            query = "SELECT name, diagnostics FROM files WHERE diagnostics != '[]' ORDER BY name"
            for name, text in self.conn.execute(query):
                yield name, json.loads(text)
            return
        for name in names:
            found = self.conn.execute("SELECT diagnostics FROM files WHERE name = ?", (name,)).fetchone()
            if found is not None:
                yield name, json.loads(found[0])

    def facts(self) -> list[tuple[str, Facts]]:
        """(name, facts) of every file the model accepted, by name."""
        from mineralpacts.check.bulk import Facts

        return [
            (name, Facts.from_json(json.loads(text)))
            for name, text in self.conn.execute(
                "SELECT name, facts FROM files WHERE facts IS NOT NULL ORDER BY name"
            )
        ]

    def data(self, name: str) -> str | None:
        """The validated data of one file, as JSON text (None for a file the model rejected)."""
        found = self.conn.execute("SELECT data FROM files WHERE name = ?", (name,)).fetchone()
        return found[0] if found else None

    def facets(self, names: Iterable[str] | None = None) -> list[tuple[str, Facets]]:
        """(name, facets) of the named files (default: every accepted file), by name."""
        from mineralpacts.model.facets import Facets

        if names is None:
            query = "SELECT name, facets FROM files WHERE facets IS NOT NULL ORDER BY name"
            return [(n, Facets.from_json(json.loads(t))) for n, t in self.conn.execute(query)]
        out = []
        for name in sorted(set(names)):
            found = self.conn.execute("SELECT facets FROM files WHERE name = ?", (name,)).fetchone()
            if found is not None and found[0] is not None:
                out.append((name, Facets.from_json(json.loads(found[0]))))
        return out

    def select(
        self,
        *,
        parties: Iterable[str] = (),
        areas: Iterable[str] = (),
        minerals: Iterable[str] = (),
        instruments: Iterable[str] = (),
        levels: Iterable[str] = (),
        signed_from: str | None = None,
        signed_to: str | None = None,
    ) -> list[str]:
        """The names of accepted files that may match, narrowed through the indexes.

        Every party, area and mineral given must be present; the instrument and level must be
        one of those given; the signing date's bounds must overlap ``signed_from``..``signed_to``
        (ISO days). The caller still tests each candidate's facets: this only narrows.
        """
        where = ["facets IS NOT NULL"]
        args: list[Any] = []
        for kind, values in (("party", parties), ("area", areas), ("mineral", minerals)):
            for value in dict.fromkeys(values):
                where.append("name IN (SELECT name FROM facet WHERE kind = ? AND value = ?)")
                args += [kind, value]
        for column, values in (("instrument", instruments), ("level", levels)):
            chosen = list(dict.fromkeys(values))
            if chosen:
                where.append(f"{column} IN ({', '.join('?' * len(chosen))})")
                args += chosen
        if signed_from is not None:
            where.append("signed_high >= ?")
            args.append(signed_from)
        if signed_to is not None:
            where.append("signed_low <= ?")
            args.append(signed_to)
        query = f"SELECT name FROM files WHERE {' AND '.join(where)} ORDER BY name"
        return [name for (name,) in self.conn.execute(query, args)]

    def meta(self, key: str) -> str | None:
        """A stored value of the store itself (the cached repository diagnostics)."""
        found = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return found[0] if found else None

    def set_meta(self, key: str, value: str) -> None:
        """Keep a value of the store itself."""
        with _transaction(self.conn):
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


class _transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on an error; nested uses join the outer one."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.outer = False

    def __enter__(self) -> sqlite3.Connection:
        self.outer = not self.conn.in_transaction
        if self.outer:
            self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, kind: Any, value: Any, tb: Any) -> None:
        if not self.outer:
            return
        if kind is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")

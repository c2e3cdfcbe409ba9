"""Ranked full-text search over agreements: titles, summaries, areas, minerals, parties, places, notes.

One index serves every place that searches: ``pacts search`` builds it in memory, the SQLite
export writes the same rows into its ``search`` table (with an FTS5 index, for Datasette), and
the static site filters on the same text. The engine is SQLite's FTS5 with the Porter stemmer
(``earths`` finds ``earth``), ranked by BM25 with a weight per field: a word in the title or
among the minerals counts more than one in the notes.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from mineralpacts.errors import UsageError
from mineralpacts.model.agreement import Agreement
from mineralpacts.model.vocab import country_name

__all__ = ["FIELDS", "TOKENIZE", "Hit", "fts_query", "index_terms", "search", "search_row"]

#: The searchable fields and their BM25 weights, in the order of the index's columns.
FIELDS: dict[str, float] = {
    "title": 5.0,
    "summary": 1.0,
    "areas": 2.0,
    "minerals": 3.0,
    "parties": 3.0,
    "places": 1.0,
    "notes": 0.5,
}
#: The FTS5 tokenizer of every index (the SQLite export uses it too).
TOKENIZE = "porter unicode61 remove_diacritics 2"


def _terms(values: Iterable[str]) -> str:
    """Vocabulary terms as words too: ``rare-earth-elements`` also reads ``rare earth elements``."""
    return " ".join(v if "-" not in v else f"{v} ({v.replace('-', ' ')})" for v in values)


def search_row(a: Agreement) -> dict[str, str]:
    """The searchable text of one agreement, field by field (the columns of the index)."""
    place = a.signed.place
    places = [place.city or "", place.country or "", country_name(place.country or "") or ""] if place else []
    return {
        "title": " ".join([a.title, a.short_title or "", *a.titles.values()]),
        "summary": " ".join([a.summary, *a.purposes, *(p.summary for p in a.scope.items)]),
        "areas": " ".join([_terms(a.area_terms), *(x.summary or "" for x in a.areas)]),
        "minerals": _terms(a.mineral_terms),
        "parties": " ".join(
            f"{p.code} {p.name} {country_name(p.code) or ''} {p.represented_by or ''}" for p in a.parties
        ),
        "places": " ".join([*places, a.signed.occasion or ""]),
        "notes": a.notes or "",
    }


def fts_query(text: str) -> str:
    """An FTS5 query from what a person typed: every word must match; ``word*`` matches a prefix.

    Quotes and operators are taken as plain words, so no input is a syntax error.
    """
    words = re.findall(r"[^\W_]+\*?", text)
    if not words:
        raise UsageError(f"{text!r} has no words to search for", field="text")
    return " ".join(f'"{w.rstrip("*")}"' + ("*" if w.endswith("*") else "") for w in words)


@dataclass(frozen=True)
class Hit:
    """One agreement found: its id, its score (higher is better) and the best-matching passage."""

    id: str
    score: float
    snippet: str

    def as_dict(self) -> dict[str, Any]:
        """A plain dictionary for JSON."""
        return {"id": self.id, "score": self.score, "snippet": self.snippet}


def _index(items: list[Agreement]) -> sqlite3.Connection:
    """An in-memory FTS5 index of ``items``, row i being items[i]."""
    names = list(FIELDS)
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE search USING fts5({', '.join(names)}, tokenize='{TOKENIZE}')")
    db.executemany(
        f"INSERT INTO search (rowid, {', '.join(names)}) VALUES (?, {', '.join('?' for _ in names)})",
        [(i, *search_row(a).values()) for i, a in enumerate(items)],
    )
    return db


def index_terms(agreements: Iterable[Agreement]) -> dict[str, list[str]]:
    """Each agreement's words as the index holds them (lower case, stemmed), by id.

    The site's search box matches the words typed, stemmed the same way, against these, so it
    finds what ``pacts search`` finds without a server.
    """
    items = sorted(agreements, key=lambda a: a.id)
    db = _index(items)
    try:
        db.execute("CREATE VIRTUAL TABLE terms USING fts5vocab(search, 'instance')")
        found: dict[str, set[str]] = {a.id: set() for a in items}
        for term, row in db.execute("SELECT term, doc FROM terms"):
            found[items[row].id].add(term)
    finally:
        db.close()
    return {ident: sorted(words) for ident, words in found.items()}


def search(agreements: Iterable[Agreement], text: str) -> list[Hit]:
    """The agreements that contain every word of ``text``, best first (ties in id order).

    Raises :class:`~mineralpacts.errors.UsageError` (field ``text``) when ``text`` has no word.
    """
    query = fts_query(text)
    items = sorted(agreements, key=lambda a: a.id)
    db = _index(items)
    try:
        weights = ", ".join(str(w) for w in FIELDS.values())
        found = db.execute(
            f"SELECT rowid, bm25(search, {weights}), snippet(search, -1, '[', ']', '…', 12) "
            "FROM search WHERE search MATCH ? ORDER BY 2, rowid",
            (query,),
        ).fetchall()
    finally:
        db.close()
    return [Hit(items[i].id, round(-score, 6), " ".join(snippet.split())) for i, score, snippet in found]

"""Filters for ``pacts list`` and friends, and flat views of agreements for tables and CSV.

Filters test an agreement's :class:`~mineralpacts.model.facets.Facets`, so a repository read
through the indexed store is filtered, and listed, without building any agreement
(:func:`select_ids`, :func:`summary_rows`); only ``status`` needs the agreements themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mineralpacts.errors import UsageError
from mineralpacts.model.facets import Facets, facets_of
from mineralpacts.model.vocab import check_term, resolve_party
from mineralpacts.store.repository import Repository

if TYPE_CHECKING:
    from mineralpacts.model.agreement import Agreement

__all__ = [
    "SUMMARY_COLUMNS",
    "Filters",
    "filter_agreements",
    "select_ids",
    "summary_from",
    "summary_row",
    "summary_rows",
]


def _terms(kind: str, values: Sequence[str]) -> set[str]:
    """The terms the values name, matched without regard to case or punctuation, synonyms included."""
    return {term for value in values if (term := check_term(kind, value)) is not None}


def _date_bounds(text: str | None, field: str) -> tuple[dt.date, dt.date] | None:
    if text is None:
        return None
    from mineralpacts.model.dates import date_bounds

    try:
        return date_bounds(text)
    except ValueError as exc:
        raise UsageError(str(exc), field=field) from None


@dataclass(frozen=True)
class _Checked:
    """The filter values, checked and resolved to codes, terms and ISO days."""

    codes: frozenset[str]
    areas: frozenset[str]
    minerals: frozenset[str]
    instruments: frozenset[str]
    levels: frozenset[str]
    focus: frozenset[str]
    since: str | None
    until: str | None


@dataclass
class Filters:
    """What to keep. Every filter given must hold (parties: all of them must be parties).

    ``status`` keeps agreements in one of those states (or ``in-force``, ``not-ended``, ``renewal-term-N``)
    on the date ``on`` (default: today), as computed by :mod:`mineralpacts.analysis.lifecycle`.
    """

    parties: Sequence[str] = ()
    areas: Sequence[str] = ()
    minerals: Sequence[str] = ()
    instruments: Sequence[str] = ()
    signed_since: str | None = None
    signed_until: str | None = None
    levels: Sequence[str] = ()
    focus: Sequence[str] = ()
    status: Sequence[str] = ()
    on: dt.date | None = None

    def _checked(self) -> _Checked:
        """The values, checked once.

        Raises :class:`UsageError` naming the field (``area 'x' is not a term...``) for a value
        that names nothing, with the closest names, rather than silently matching nothing; a
        party name that fits several countries raises :class:`~mineralpacts.errors.AmbiguousParty`.
        """
        # A partial bound covers its whole period: signed_until 2025 includes 31 December 2025.
        since_range = _date_bounds(self.signed_since, "signed_since")
        until_range = _date_bounds(self.signed_until, "signed_until")
        return _Checked(
            codes=frozenset(resolve_party(p).code for p in self.parties),
            areas=frozenset(_terms("area", self.areas)),
            minerals=frozenset(_terms("mineral", self.minerals)),
            instruments=frozenset(_terms("instrument", self.instruments)),
            levels=frozenset(_terms("level", self.levels)),
            focus=frozenset(_terms("focus", self.focus)),
            since=since_range[0].isoformat() if since_range else None,
            until=until_range[1].isoformat() if until_range else None,
        )

    def matcher(self) -> Callable[[Facets], bool]:
        """Check the values once and return a function that tests an agreement's facets on
        every filter but ``status`` (see :meth:`_checked` for the errors it raises)."""
        return _matcher(self._checked())

    def predicate(self, agreements: Iterable[Agreement] = ()) -> Callable[[Agreement], bool]:
        """Check the filter values once and return a function that tests one agreement.

        ``agreements`` (the repository) lets ``status`` see successors, which end their predecessors.
        Raises :class:`UsageError` for a value that names nothing (see :meth:`matcher`).
        """
        match = self.matcher()
        in_status: Callable[[Agreement], bool] | None = None
        if self.status:
            from mineralpacts.analysis.lifecycle import status_filter

            in_status = status_filter(self.status, self.on or dt.date.today(), agreements)

        def keep(a: Agreement) -> bool:
            return match(facets_of(a)) and (in_status is None or in_status(a))

        return keep


def _matcher(c: _Checked) -> Callable[[Facets], bool]:
    def match(f: Facets) -> bool:
        if c.codes and not c.codes <= set(f.parties):
            return False
        if c.areas and not c.areas <= set(f.areas):
            return False
        if c.minerals and not c.minerals <= set(f.minerals):
            return False
        if c.instruments and f.instrument not in c.instruments:
            return False
        if c.levels and f.level not in c.levels:
            return False
        if c.focus and f.focus not in c.focus:
            return False
        if c.since or c.until:
            if f.signed_low is None or f.signed_high is None:
                return False
            # A partial signing date is kept when any day it could be falls in the range.
            if (c.since and f.signed_high < c.since) or (c.until and f.signed_low > c.until):
                return False
        return True

    return match


def select_ids(agreements: Iterable[Agreement], filters: Filters) -> list[str]:
    """The ids of the agreements that pass every filter, in id order.

    For a :class:`~mineralpacts.store.repository.Repository` without a ``status`` filter, the
    store's indexes narrow the candidates and their stored facets decide: no agreement is built.
    """
    if not isinstance(agreements, Repository) or filters.status:
        return [a.id for a in filter_agreements(agreements, filters)]
    checked = filters._checked()
    match = _matcher(checked)
    candidates = agreements.candidates(
        parties=checked.codes,
        areas=checked.areas,
        minerals=checked.minerals,
        instruments=checked.instruments,
        levels=checked.levels,
        signed_from=checked.since,
        signed_to=checked.until,
    )
    return [f.id for f in agreements.facets(candidates) if match(f)]


def filter_agreements(agreements: Iterable[Agreement], filters: Filters) -> list[Agreement]:
    """The agreements that pass every filter, in id order (from a repository read through the
    store, only those are built, unless ``status`` needs them all)."""
    if isinstance(agreements, Repository) and not filters.status:
        return [agreements.get(ident) for ident in select_ids(agreements, filters)]
    items = list(agreements)
    keep = filters.predicate(items)
    return sorted((a for a in items if keep(a)), key=lambda a: a.id)


SUMMARY_COLUMNS = ("id", "short_title", "parties", "signed", "place", "instrument")


def summary_from(f: Facets) -> dict[str, Any]:
    """One agreement's facets as a flat row: the columns of ``pacts list``."""
    return {
        "id": f.id,
        "short_title": f.label,
        "parties": " – ".join(f.parties),
        "signed": f.signed or "",
        "place": f.place,
        "instrument": f.instrument,
    }


def summary_row(a: Agreement) -> dict[str, Any]:
    """One agreement as a flat row: the columns of ``pacts list``."""
    return summary_from(facets_of(a))


def summary_rows(repo: Repository, ids: Sequence[str]) -> list[dict[str, Any]]:
    """The rows of ``pacts list`` for these ids, from the store (no agreement is built)."""
    return [summary_from(f) for f in repo.facets(list(ids))]

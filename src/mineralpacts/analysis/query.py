"""Filters for ``pacts list`` and friends, and flat views of agreements for tables and CSV."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from mineralpacts.errors import UsageError
from mineralpacts.model.agreement import Agreement, date_bounds
from mineralpacts.model.vocab import check_term, resolve_party

__all__ = ["SUMMARY_COLUMNS", "Filters", "filter_agreements", "summary_row"]


def _terms(kind: str, values: Sequence[str]) -> set[str]:
    """The terms the values name, matched without regard to case or punctuation, synonyms included."""
    return {term for value in values if (term := check_term(kind, value)) is not None}


def _date_bounds(text: str | None, field: str) -> tuple[dt.date, dt.date] | None:
    if text is None:
        return None
    try:
        return date_bounds(text)
    except ValueError as exc:
        raise UsageError(str(exc), field=field) from None


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

    def predicate(self, agreements: Iterable[Agreement] = ()) -> Callable[[Agreement], bool]:
        """Check the filter values once and return a function that tests one agreement.

        ``agreements`` (the repository) lets ``status`` see successors, which end their predecessors.

        Raises :class:`UsageError` naming the field (``area 'x' is not a term...``) for a value
        that names nothing, with the closest names, rather than silently matching nothing; a
        party name that fits several countries raises :class:`~mineralpacts.errors.AmbiguousParty`.
        """
        codes = {resolve_party(p).code for p in self.parties}
        areas = _terms("area", self.areas)
        minerals = _terms("mineral", self.minerals)
        instruments = _terms("instrument", self.instruments)
        levels = _terms("level", self.levels)
        focus = _terms("focus", self.focus)
        # A partial bound covers its whole period: signed_until 2025 includes 31 December 2025.
        since_range = _date_bounds(self.signed_since, "signed_since")
        until_range = _date_bounds(self.signed_until, "signed_until")
        since = since_range[0] if since_range else None
        until = until_range[1] if until_range else None
        in_status: Callable[[Agreement], bool] | None = None
        if self.status:
            from mineralpacts.analysis.lifecycle import status_filter

            in_status = status_filter(self.status, self.on or dt.date.today(), agreements)

        def keep(a: Agreement) -> bool:
            if codes and not codes <= set(a.party_codes):
                return False
            if areas and not areas <= {x.area for x in a.areas}:
                return False
            if minerals and not minerals <= set(a.mineral_terms):
                return False
            if instruments and a.instrument not in instruments:
                return False
            if levels and a.level not in levels:
                return False
            if focus and a.focus not in focus:
                return False
            if since or until:
                if a.signed.date is None:
                    return False
                # A partial signing date is kept when any day it could be falls in the range.
                low, high = date_bounds(a.signed.date)
                if (since and high < since) or (until and low > until):
                    return False
            return in_status is None or in_status(a)

        return keep


def filter_agreements(agreements: Iterable[Agreement], filters: Filters) -> list[Agreement]:
    """The agreements that pass every filter, in id order."""
    items = list(agreements)
    keep = filters.predicate(items)
    return sorted((a for a in items if keep(a)), key=lambda a: a.id)


SUMMARY_COLUMNS = ("id", "short_title", "parties", "signed", "place", "instrument")


def _place(a: Agreement) -> str:
    place = a.signed.place
    if place is None:
        return ""
    return ", ".join(x for x in (place.city, place.country) if x)


def summary_row(a: Agreement) -> dict[str, Any]:
    """One agreement as a flat row: the columns of ``pacts list``."""
    return {
        "id": a.id,
        "short_title": a.label,
        "parties": " – ".join(a.party_codes),
        "signed": a.signed.date or "",
        "place": _place(a),
        "instrument": a.instrument,
    }

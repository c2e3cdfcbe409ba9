"""What an agreement is filtered, counted and listed by, as plain values rather than model objects.

:func:`facets_of` is the one place these values are taken from an :class:`Agreement`. The
filters and the rows of ``pacts list`` (:mod:`mineralpacts.analysis.query`) and the counts of
``pacts stats`` (:mod:`mineralpacts.analysis.stats`) read them, whether the agreement was just
validated or its facets come back from the indexed store (:mod:`mineralpacts.store.index`),
which keeps them as JSON beside the validated data. So a warm ``pacts list`` answers without
building any model object, and it cannot answer differently from a cold read.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mineralpacts.model.agreement import Agreement

__all__ = ["INDEXED", "Facets", "Index", "facets_of"]

#: The set-valued facets the store indexes: kind -> attribute of :class:`Facets`.
INDEXED = {"party": "parties", "area": "areas", "mineral": "minerals"}
#: (instrument, level, signed_low, signed_high, [(kind, value), ...])
Index = tuple[str, str, "str | None", "str | None", list[tuple[str, str]]]


@dataclass(frozen=True)
class Facets:
    """The filterable and countable values of one agreement."""

    id: str
    #: party codes in file order
    parties: tuple[str, ...]
    #: distinct area terms in file order
    areas: tuple[str, ...]
    #: distinct mineral terms in file order, qualified or not
    minerals: tuple[str, ...]
    instrument: str
    level: str
    focus: str
    #: the short title, else the title
    label: str
    #: where it was signed: "city, country", either alone, or ""
    place: str
    #: the signing date as written, or None
    signed: str | None
    #: the earliest and latest day the signing date could be, ISO (``0001-01-01`` for an open start)
    signed_low: str | None
    signed_high: str | None
    #: the signing year when every day the date could be lies in one year, else ``unknown``
    year: str
    disclosure: str
    confidence: str
    signing_status: str
    #: distinct source kinds
    source_kinds: tuple[str, ...]
    #: the field of every ``unknown`` entry, repeats kept (they are counted)
    unknown_fields: tuple[str, ...]

    def to_json(self) -> list[Any]:
        """The facets as a compact JSON-ready list (field order)."""
        return [list(v) if isinstance(v, tuple) else v for v in (getattr(self, f) for f in _FIELDS)]

    def index(self) -> Index:
        """What the store indexes to narrow filters: the instrument, the level, the signing
        date's bounds, and each (kind, value) of parties, areas and minerals."""
        values = [(kind, v) for kind, attr in INDEXED.items() for v in dict.fromkeys(getattr(self, attr))]
        return (self.instrument, self.level, self.signed_low, self.signed_high, values)

    @classmethod
    def from_json(cls, data: list[Any]) -> Facets:
        """Facets from :meth:`to_json`'s list."""
        values: list[Any] = [tuple(v) if isinstance(v, list) else v for v in data]
        return cls(*values)


_FIELDS = tuple(f.name for f in fields(Facets))


def facets_of(a: Agreement) -> Facets:
    """The facets of one validated agreement."""
    from mineralpacts.model.dates import date_bounds, date_year

    low = high = None
    year = "unknown"
    if a.signed.date:
        first, last = date_bounds(a.signed.date)
        low, high = first.isoformat(), last.isoformat()
        found = date_year(a.signed.date)
        year = str(found) if found else "unknown"
    return Facets(
        id=a.id,
        parties=tuple(a.party_codes),
        areas=tuple(a.area_terms),
        minerals=tuple(a.mineral_terms),
        instrument=a.instrument,
        level=a.level,
        focus=a.focus,
        label=a.label,
        place=", ".join(x for x in (place.city, place.country) if x) if (place := a.signed.place) else "",
        signed=a.signed.date,
        signed_low=low,
        signed_high=high,
        year=year,
        disclosure=a.disclosure,
        confidence=a.confidence,
        signing_status=a.signed.status,
        source_kinds=tuple(dict.fromkeys(s.kind for s in a.sources)),
        unknown_fields=tuple(u.field for u in a.unknown),
    )

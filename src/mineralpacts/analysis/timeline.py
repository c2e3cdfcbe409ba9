"""Every dated event and computed deadline of a set of agreements, in order; and as iCalendar.

Entries come from signing, a stated commencement date, the recorded ``events`` and the
deadlines of :func:`mineralpacts.analysis.lifecycle.deadlines` (notice days and term ends). Partial
dates (``2025-10``, ``2021-05-03/2021-05-04``) stay as written: they sort by their first possible
day and match a date range when any day they could be falls in it. An undated event (``date:
null``) keeps its place among its agreement's events: it sorts after the dated event before it,
and could be any day between its dated neighbours. The iCalendar export holds only the entries
with a full date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from mineralpacts.analysis.lifecycle import Family, date_bounds, deadlines
from mineralpacts.model.agreement import Agreement

__all__ = ["Entry", "agreement_url", "timeline", "to_ics"]

PRODID = "-//mineralpacts//pacts timeline//EN"


@dataclass(frozen=True)
class Entry:
    """One dated thing: a signing, a recorded event, or a computed deadline."""

    date: str | None
    first: dt.date
    last: dt.date
    id: str
    title: str
    kind: str
    text: str
    url: str | None
    deadline: bool
    order: dt.date | None = None  # where it sorts, when not by its first day (undated events)
    rank: int = 0  # the event's place in its file, which orders undated events among themselves

    @property
    def sort_day(self) -> dt.date:
        """The day it sorts by: its first possible day, or its place among its agreement's events."""
        if self.order is not None:
            return self.order
        return self.last if self.first == dt.date.min else self.first

    def as_dict(self) -> dict[str, Any]:
        """A plain dictionary for JSON."""
        return {
            "date": self.date,
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "text": self.text,
            "deadline": self.deadline,
            "undated": self.date is None,
            "url": self.url,
        }


def agreement_url(a: Agreement) -> str:
    """The best source of an agreement: its official text, else an official announcement, else the first."""
    for kind in ("official-text", "official-announcement"):
        for s in a.sources:
            if s.kind == kind:
                return s.url
    return a.sources[0].url


def _entries(a: Agreement, horizon: dt.date, family: Family) -> Iterable[Entry]:
    url = agreement_url(a)

    def entry(date: str, kind: str, text: str, link: str | None = None, deadline: bool = False) -> Entry:
        first, last = date_bounds(date)
        return Entry(date, first, last, a.id, a.label, kind, text, link or url, deadline)

    if a.signed.date:
        place = a.signed.place
        where = f" in {place.city}" if place is not None and place.city else ""
        yield entry(a.signed.date, a.signed.status, f"{a.signed.status}{where}")
    eif = a.entry_into_force
    if eif is not None and eif.date:
        yield entry(eif.date, "entry-into-force", f"enters into force ({eif.how.replace('-', ' ')})")
    c = a.term.commencement
    if c is not None and c.from_ == "date" and c.date:
        yield entry(c.date, "commencement", "takes effect (stated commencement date)")
    yield from _events(a, url)
    for d in deadlines(a, horizon, family):
        yield entry(d.date.isoformat(), d.kind, d.text, deadline=True)


def _events(a: Agreement, url: str) -> Iterable[Entry]:
    """The recorded events; an undated one lies between its dated neighbours and sorts after the first."""
    dated = [date_bounds(e.date) if e.date else None for e in a.events]
    signed = date_bounds(a.signed.date) if a.signed.date else None
    for i, e in enumerate(a.events):
        link = e.sources[0] if e.sources else url
        if e.date is not None:
            first, last = dated[i] or (dt.date.min, dt.date.max)
            yield Entry(e.date, first, last, a.id, a.label, e.kind, e.summary, link, False)
            continue
        before = [b for b in dated[:i] if b is not None]
        after = [b for b in dated[i + 1 :] if b is not None]
        first = before[-1][0] if before else dt.date.min
        last = after[0][1] if after else dt.date.max
        order = first if before else after[0][0] if after else signed[0] if signed else dt.date.max
        yield Entry(None, first, last, a.id, a.label, e.kind, e.summary, link, False, order, i)


def timeline(
    agreements: Iterable[Agreement],
    since: dt.date | None = None,
    until: dt.date | None = None,
    *,
    horizon: dt.date,
    family: Family | None = None,
) -> list[Entry]:
    """The entries of ``agreements`` that may fall between ``since`` and ``until``, in date order.

    Automatic renewals are projected up to ``horizon`` (pass ``until`` when it is set), and stop
    at a successor's commencement (``family``: the repository; default the agreements given).
    """
    items = list(agreements)
    family = family or Family.of(items)
    out = []
    for a in items:
        for e in _entries(a, min(horizon, until) if until else horizon, family):
            if since is not None and e.last < since:
                continue
            if until is not None and e.first > until:
                continue
            out.append(e)
    return sorted(out, key=lambda e: (e.sort_day, e.date is None, e.last, e.id, e.rank, e.deadline, e.kind))


def to_ics(entries: Iterable[Entry], stamp: dt.datetime) -> bytes:
    """An iCalendar (RFC 5545) file: one all-day event per entry with a full date.

    Each event carries the agreement's id and title, what happens, and the source as URL;
    its UID is stable across runs, so re-importing updates rather than duplicates.
    """
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "mineralpacts: critical-minerals agreements")
    for e in entries:
        if e.date is None or e.first != e.last:
            continue
        event = Event()
        event.add("uid", f"{e.id}-{e.kind}-{e.date}@mineralpacts")
        event.add("dtstamp", stamp)
        event.add("dtstart", e.first)
        event.add("dtend", e.first + dt.timedelta(days=1))
        event.add("summary", f"{e.title}: {e.text}" if e.deadline else f"{e.title}: {e.kind}")
        event.add(
            "description", f"{e.title} ({e.id})\n{e.kind}: {e.text}" + (f"\nSource: {e.url}" if e.url else "")
        )
        if e.url:
            event.add("url", e.url)
        event.add("categories", ["deadline" if e.deadline else "event", e.kind])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return bytes(cal.to_ical())

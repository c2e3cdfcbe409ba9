"""Term arithmetic for the lifecycle: anniversaries, the terms that follow one another, deadlines.

Pure functions of an agreement's ``term`` and ``events``; :mod:`mineralpacts.analysis.lifecycle`
builds states from them. The convention is documented in ``docs/lifecycle.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from dateutil.relativedelta import relativedelta

from mineralpacts.model.agreement import Agreement, Period, date_bounds

__all__ = [
    "MAX_TERMS",
    "Deadline",
    "TermSpan",
    "anniversary",
    "event_bounds",
    "period_end",
    "span_deadlines",
    "spans",
]

MAX_TERMS = 10_000  # a guard against runaway unlimited renewals of tiny periods

Bounds = tuple[dt.date, dt.date]


def anniversary(start: dt.date, period: Period) -> dt.date:
    """The day ``period`` after ``start``; a day the target month lacks becomes the 1st of the next."""
    target = start + relativedelta(years=period.years, months=period.months)
    if target.day < start.day:  # relativedelta clamped 29 Feb -> 28 Feb, 31 Jan -> 28 Feb
        target += dt.timedelta(days=1)
    return target


def period_end(start: dt.date, period: Period) -> dt.date:
    """The last day of a period commencing on ``start``: the day before its anniversary."""
    return anniversary(start, period) - dt.timedelta(days=1)


def event_bounds(a: Agreement) -> list[Bounds]:
    """The earliest and latest day of each event, in file order.

    Events are recorded in the order they happened, so an undated event (``date: null``) lies
    between its dated neighbours: on or after the earliest day of the dated event before it
    (else the earliest day of signature), on or before the latest day of the dated event after it
    (else any day).
    """
    dated = [date_bounds(e.date) if e.date is not None else None for e in a.events]
    signed = date_bounds(a.signed.date)[0] if a.signed.date else dt.date.min
    out: list[Bounds] = []
    for i, b in enumerate(dated):
        if b is not None:
            out.append(b)
            continue
        before = [x for x in dated[:i] if x is not None]
        after = [x for x in dated[i + 1 :] if x is not None]
        first = before[-1][0] if before else signed
        last = after[0][1] if after else dt.date.max
        out.append((first, max(first, last)))
    return out


@dataclass(frozen=True)
class TermSpan:
    """One term: the initial term (``number`` 0) or renewal ``number``, with what follows it."""

    number: int
    start: dt.date
    end: dt.date
    after: Literal["renews", "expires", "unknown"]
    after_reason: str
    outlook: str = ""
    notice_due: dt.date | None = None


@dataclass(frozen=True)
class Deadline:
    """A coming date that matters: the last day to give notice, the last day of a term, an end."""

    date: dt.date
    kind: Literal["notice-due", "term-end", "discontinued", "superseded"]
    text: str


def spans(a: Agreement, start: dt.date, first: Period) -> Iterator[TermSpan]:
    """The terms from ``start``, in order, until one that expires or whose sequel is unknown."""
    renewal = a.term.renewal
    notice = a.term.notice.days if a.term.notice is not None else None
    bounds = event_bounds(a)
    recorded = sorted(
        ((e, b) for e, b in zip(a.events, bounds, strict=True) if e.kind == "renewal"), key=lambda x: x[1][0]
    )
    period, number = first, 0
    while number < MAX_TERMS:
        if period.years == 0 and period.months == 0:
            return
        end = period_end(start, period)
        after: Literal["renews", "expires", "unknown"] = "renews"
        why, outlook, due = "", "", None
        if renewal is None or renewal.kind == "none":
            after, why, outlook = "expires", f"ended {end}; no renewal is provided for", "no renewal"
        elif renewal.max_renewals is not None and number >= renewal.max_renewals:
            n = renewal.max_renewals
            after, why = "expires", f"ended {end} after the last of at most {n} renewal{'s' * (n != 1)}"
            outlook = "no further renewal"
        elif renewal.kind == "automatic":
            outlook = "renews automatically unless notice is given"
            if notice is None:
                outlook += " (the notice period is not stated)"
            due = end + dt.timedelta(days=1 - notice) if notice is not None else None
        else:  # by-agreement: only a recorded renewal renews
            event, (low, high) = recorded.pop(0) if recorded else (None, (dt.date.max, dt.date.max))
            outlook = "renews only if the parties agree"
            when = event.date if event is not None and event.date else "an unrecorded day"
            if event is None:
                after, why = "expires", f"ended {end}; renewal is by agreement and none is recorded"
            elif high <= end:
                outlook = f"the parties agreed a renewal ({when})"
            elif low <= end:
                after, why = "unknown", f"a renewal is recorded in {when}, and the term ended {end}"
            else:
                after, why = "unknown", f"a renewal is recorded on {when}, after the term ended {end}"
        if after == "renews" and renewal is not None and renewal.period is None:
            after, why = "unknown", f"the term ended {end}, renewed, and the renewal period is not stated"
        yield TermSpan(number, start, end, after, why, outlook, due)
        if after != "renews" or renewal is None or renewal.period is None:
            return
        start, period, number = end + dt.timedelta(days=1), renewal.period, number + 1


def span_deadlines(span: TermSpan, on: dt.date) -> list[Deadline]:
    """The deadlines of one term on or after ``on``: the last day for notice, the term's end."""
    out = []
    if span.notice_due is not None and span.notice_due >= on:
        out.append(Deadline(span.notice_due, "notice-due", "last day to give notice to stop the renewal"))
    if span.end >= on:
        text = {"renews": "current term ends", "expires": "term ends and the agreement expires"}.get(
            span.after, "current term ends"
        )
        if span.number == 0 and span.after == "renews":
            text = "initial term ends"
        out.append(Deadline(span.end, "term-end", text))
    return out

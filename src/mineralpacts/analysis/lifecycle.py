"""Where an agreement stands on a date, and its coming deadlines (pure: agreements + date -> state).

The convention (see ``docs/lifecycle.md``):

- A period of N years (and M months) commencing on date C ends the day before the N-th
  anniversary of C. An automatic renewal starts on that anniversary; each renewal term is a
  period of its own, commencing on its first day.
- Notice to stop an automatic renewal is due ``notice.days`` days before the anniversary on
  which the renewal would start.
- 29 February, and any day a target month lacks (31 January plus one month): the anniversary
  is the first day of the following month, so a term never runs shorter than its stated length.
  A year commencing 2024-02-29 ends 2025-02-28; the next starts 2025-03-01.
- The term starts on signature, on a stated date, or on entry into force (``entry_into_force``);
  an agreement known to have entered into force has started even when its duration is unknown.
- A ``discontinuation`` or ``expiry`` event ends the agreement on its date. An agreement that
  another one supersedes ends on its successor's commencement (state ``superseded``), unless a
  recorded ending event says otherwise. A ``by-agreement`` renewal happens only when a
  ``renewal`` event dated on or before the end of the term records it. ``max_renewals`` null
  means no limit.
- Dates that name more than one day (``2024-11``, ``2021-05-03/2021-05-04``, ``../2021-05-04``,
  an undated event between its neighbours) give a state only when every day they could be gives
  the same answer; otherwise, and when the term is silent on what matters, the state is
  ``unknown`` with the reason and what is known. The engine never guesses a day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from mineralpacts.analysis.periods import (
    MAX_TERMS,
    Deadline,
    TermSpan,
    anniversary,
    event_bounds,
    period_end,
    span_deadlines,
    spans,
)
from mineralpacts.analysis.standing import ENDED, IN_FORCE, STATES, STATUS_CHOICES, Family, State, Status
from mineralpacts.errors import UsageError, did_you_mean
from mineralpacts.model.agreement import Agreement, Event, date_bounds, parse_partial_date
from mineralpacts.model.dates import date_anchor, date_words
from mineralpacts.model.relations import successors
from mineralpacts.model.vocab import suggest

__all__ = [
    "ENDED",
    "HORIZON_YEARS",
    "IN_FORCE",
    "STATES",
    "STATUS_CHOICES",
    "Deadline",
    "Family",
    "State",
    "Status",
    "TermSpan",
    "anniversary",
    "commencement",
    "date_bounds",
    "deadlines",
    "horizon",
    "parse_day",
    "period_end",
    "status",
    "status_filter",
    "status_matches",
]

#: How many years ahead automatic renewals are projected when no end date is asked for
#: (``pacts timeline`` without ``--to``, the deadlines of ``pacts render`` and the site).
HORIZON_YEARS = 10

Bounds = tuple[dt.date, dt.date]


def horizon(on: dt.date) -> dt.date:
    """The day :data:`HORIZON_YEARS` after ``on`` (the 28th at the latest, so it always exists)."""
    return on.replace(year=on.year + HORIZON_YEARS, day=min(on.day, 28))


def parse_day(text: str, field: str = "on") -> dt.date:
    """A full date ``YYYY-MM-DD`` (or ``today``) typed by a user; :class:`UsageError` naming
    ``field`` otherwise."""
    if text == "today":
        return dt.date.today()
    try:
        year, month, day = parse_partial_date(text)
    except ValueError as exc:
        message = str(exc) if "YYYY" in str(exc) else f"{text!r} is not a real date"
        raise UsageError(message, field=field) from None
    if month is None or day is None:
        raise UsageError(f"needs a full date, YYYY-MM-DD (got {text!r})", field=field)
    return dt.date(year, month, day)


def status_matches(st: Status, wanted: set[str]) -> bool:
    """True when ``st`` is one of ``wanted``: a state, its numbered label, ``in-force`` or ``not-ended``."""
    groups = {"in-force"} if st.in_force else set()
    if st.not_ended:
        groups.add("not-ended")
    return bool({st.state, st.label, *groups} & wanted)


def status_filter(
    wanted: Sequence[str], on: dt.date, agreements: Iterable[Agreement] = ()
) -> Callable[[Agreement], bool]:
    """A predicate: is an agreement, on ``on``, in one of the ``wanted`` states?

    Names are states, ``in-force``, ``not-ended`` or ``renewal-term-N``; any other name raises
    :class:`UsageError` with the closest names. ``agreements`` (the repository) lets a
    successor end its predecessor.
    """
    for name in wanted:
        if name not in STATUS_CHOICES and not re.fullmatch(r"renewal-term-[1-9][0-9]*", name):
            hint = suggest(name, list(STATUS_CHOICES))
            tail = did_you_mean(hint, otherwise=f"known: {', '.join(STATUS_CHOICES)}")
            raise UsageError(f"{name!r} is not a state{tail}", field="status")
    names = set(wanted)
    family = Family.of(agreements)
    return lambda a: status_matches(status(a, on, family), names)


# ------------------------------------------------------------------ what the record says


def commencement(a: Agreement) -> tuple[str | None, str]:
    """When the term starts (a date text, possibly a window) and how that is known, or (None, why not).

    The stated commencement first; without one, the recorded entry into force.
    """
    c = a.term.commencement
    eif = a.entry_into_force
    kind = c.from_ if c is not None else "unknown"
    if kind == "signature" or (a.term.status == "silent" and kind == "unknown" and eif is None):
        if a.signed.status == "announced" or a.signed.date is None:
            return None, "it takes effect on signature, and no signature date is recorded"
        if a.term.status == "silent":
            return a.signed.date, f"{a.signed.status} {date_words(a.signed.date)}"
        return a.signed.date, f"commenced on signature, {date_words(a.signed.date)}"
    if kind == "date" and c is not None:
        if c.date is None:
            return None, "the commencement date is not recorded"
        return c.date, f"commenced {date_words(c.date)}"
    if eif is not None and (kind in ("entry-into-force", "unknown")):
        if eif.date is None:
            return None, "it takes effect on entry into force, and no date of entry into force is recorded"
        return eif.date, f"in force from {date_words(eif.date)} ({eif.how.replace('-', ' ')})"
    if kind == "entry-into-force":
        return None, "it takes effect on entry into force, which is not recorded"
    return None, "the commencement date is not recorded"


def _ending(a: Agreement) -> tuple[Event, Bounds] | None:
    """The discontinuation or expiry event that could come first, with its bounds."""
    ends = [
        (e, b)
        for e, b in zip(a.events, event_bounds(a), strict=True)
        if e.kind in ("discontinuation", "expiry")
    ]
    return min(ends, key=lambda x: x[1][0]) if ends else None


def _supersession(a: Agreement, family: Family | None) -> tuple[str, Bounds, str] | None:
    """The successor that could take effect first: its id, the bounds of its start, and how."""
    if family is None:
        return None
    found = []
    for ident in successors(family.links.get(a.id, [])):
        s = family.agreements.get(ident)
        if s is None:
            continue
        text, _ = commencement(s)
        if text is not None:
            found.append((ident, date_bounds(text), f"which took effect {date_words(text)}"))
        elif s.signed.date is not None and s.signed.status != "announced":
            low = date_bounds(s.signed.date)[0]
            how = f"signed {date_words(s.signed.date)} (when it took effect is not recorded)"
            found.append((ident, (low, dt.date.max), how))
        else:
            found.append((ident, (dt.date.min, dt.date.max), "on a day that is not recorded"))
    return min(found, key=lambda x: x[1][0]) if found else None


def _facts(a: Agreement, on: dt.date, family: Family | None) -> dict[str, Any]:
    """The fields of :class:`Status` that say what is known, whatever the state."""
    signed = a.signed.date if a.signed.status != "announced" else None
    start, _ = commencement(a)
    started = bool(signed and date_bounds(signed)[1] <= on) or bool(start and date_bounds(start)[1] <= on)
    ending, sup = _ending(a), _supersession(a, family)
    end_recorded = bool(ending and ending[1][0] <= on) or bool(sup and sup[1][0] <= on)
    dated = [(e, date_anchor(e.date)) for e in a.events if e.date is not None]
    past = [(e, day) for e, day in dated if date_bounds(e.date or "")[0] <= on]
    last = max(past, key=lambda x: x[1], default=None)
    activity = f"{date_words(last[0].date or '')} ({last[0].kind.replace('-', ' ')})" if last else None
    group = tuple(family.links.get(a.id, [])) if family is not None else ()
    return {
        "signed": signed,
        "started": started,
        "end_recorded": end_recorded,
        "last_activity": activity,
        "links": group,
    }


# ------------------------------------------------------------------ the state


def status(a: Agreement, on: dt.date, family: Family | None = None) -> Status:
    """The state of agreement ``a`` on day ``on``, with the reason and the deadlines to come.

    ``family`` (:meth:`Family.of` the repository) lets a successor end ``a``.
    """
    facts = _facts(a, on, family)

    def make(
        state: State, reason: str, term: TermSpan | None = None, dls: list[Deadline] | None = None
    ) -> Status:
        return Status(a.id, on, state, reason, term, tuple(sorted(dls or [], key=lambda d: d.date)), **facts)

    end_dls: list[Deadline] = []
    ending = _ending(a)
    sup = _supersession(a, family) if ending is None else None  # a recorded event says otherwise
    if ending is not None:
        event, (first, last) = ending
        word = "discontinued" if event.kind == "discontinuation" else "expired"
        when = event.date or "on a day that is not recorded"
        if on >= last:
            return make(
                "discontinued" if word == "discontinued" else "expired", f"{word} {when}: {event.summary}"
            )
        if on >= first:
            return make("unknown", f"{word} {date_words(when)} (the day is not recorded)")
        end_dls.append(Deadline(first, "discontinued", f"{word} (recorded)"))
    elif sup is not None:
        ident, (first, last), how = sup
        if on >= last:
            return make("superseded", f"superseded by {ident}, {how}")
        if on >= first:
            return make("unknown", f"superseded by {ident}, {how}; whether it had by {on} is not known")
        end_dls.append(Deadline(first, "superseded", f"superseded by {ident}"))

    if a.signed.date is not None and a.signed.status != "announced" and on < date_bounds(a.signed.date)[0]:
        return make("not-yet-in-force", f"{a.signed.status} {date_words(a.signed.date)}", dls=end_dls)

    term = a.term
    text, how = commencement(a)
    if text is not None and on < date_bounds(text)[0]:
        eif = text == (a.entry_into_force.date if a.entry_into_force else None)
        return make(
            "not-yet-in-force",
            f"{'enters into force' if eif else 'commences'} {date_words(text)}",
            dls=end_dls,
        )
    if term.status in ("not-public", "unknown"):
        why = {
            "not-public": "the text is not public, so its term is unknown",
            "unknown": "the sources seen do not state its term",
        }[term.status]
        if text is not None and on >= date_bounds(text)[1]:
            why = f"{how}; {why}"
        return make("unknown", why)
    if text is None:
        return make("unknown", how)
    first_day, last_day = date_bounds(text)
    if term.status == "silent" or term.open_ended:
        if on < last_day:
            return make("unknown", f"{how}; the day is not recorded")
        note = "the text states no end" if term.status == "silent" else "it continues until discontinued"
        return make("open-ended", f"{how}; {note}", dls=end_dls)
    if term.initial_period is None:
        return make("unknown", f"{how}; the initial period is not stated")
    early = _in_term(a, on, first_day, how)
    if first_day == last_day:
        state, reason, span = early
        dls = span_deadlines(span, on) + [d for d in end_dls if d.date >= on] if span else None
        return make(state, reason, span, dls)
    late = _in_term(a, on, last_day, how)
    same = early[0] == late[0] and (early[2].number if early[2] else None) == (
        late[2].number if late[2] else None
    )
    if same and early[0] != "unknown":
        ends = (
            f"; the current term ends between {early[2].end} and {late[2].end}"
            if early[2] and late[2]
            else ""
        )
        reason = f"{how}: every day it could have commenced gives the same answer{ends}"
        return replace(make(early[0], reason), number=early[2].number if early[2] else None)
    return make("unknown", f"{how}; without the day the state on {on} cannot be computed")


def _in_term(a: Agreement, on: dt.date, start: dt.date, how: str) -> tuple[State, str, TermSpan | None]:
    """The state on ``on`` of a stated term commencing on ``start``, with the term it is in."""
    if a.term.initial_period is None:
        return "unknown", f"{how}; the initial period is not stated", None
    if on < start:
        return "not-yet-in-force", f"commences {start}", None
    final: TermSpan | None = None
    for span in spans(a, start, a.term.initial_period):
        final = span
        if on <= span.end:
            state: State = "initial-term" if span.number == 0 else "renewal-term"
            reason = _term_reason(a, span, how)
            if span.notice_due is not None and on > span.notice_due:
                reason += f" (the last day for notice, {span.notice_due}, has passed)"
            return state, reason, span
    if final is None:
        return "unknown", "the stated period has no length", None
    if final.after == "expires":
        return "expired", final.after_reason, None
    if final.after == "unknown":
        return "unknown", final.after_reason, None
    return "unknown", f"more than {MAX_TERMS} terms; check the renewal period", None


def _term_reason(a: Agreement, span: TermSpan, how: str) -> str:
    renewal = a.term.renewal
    if span.number == 0:
        text = f"initial term {span.start} to {span.end} ({how})"
    else:
        limit = f" of at most {renewal.max_renewals}" if renewal and renewal.max_renewals else ""
        text = f"renewal {span.number}{limit}, {span.start} to {span.end}"
    return f"{text}; {span.outlook}" if span.outlook else text


def deadlines(a: Agreement, until: dt.date, family: Family | None = None) -> list[Deadline]:
    """Every computed deadline of ``a`` from commencement to ``until``: notice days and term ends.

    Terms that a ``by-agreement`` renewal has not (yet) produced are not projected; automatic
    renewals are projected until ``until`` (or their limit). Nothing after an ending event or a
    successor's commencement.
    """
    term = a.term
    if term.status != "stated" or term.open_ended or term.initial_period is None:
        return []
    text, _ = commencement(a)
    if text is None:
        return []
    first_day, last_day = date_bounds(text)
    if first_day != last_day:
        return []
    ending = _ending(a)
    sup = _supersession(a, family) if ending is None else None
    stop = ending[1][0] if ending is not None else sup[1][0] if sup is not None else None
    out: list[Deadline] = []
    for span in spans(a, first_day, term.initial_period):
        if span.start > until or (stop is not None and span.start >= stop):
            break
        out += [d for d in span_deadlines(span, span.start) if stop is None or d.date < stop]
    return [d for d in out if d.date <= until]

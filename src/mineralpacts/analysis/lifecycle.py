"""Where an agreement stands on a date, and its coming deadlines (pure: agreement + date -> state).

The convention (see ``docs/lifecycle.md``):

- A period of N years (and M months) commencing on date C ends the day before the N-th
  anniversary of C. An automatic renewal starts on that anniversary; each renewal term is a
  period of its own, commencing on its first day.
- Notice to stop an automatic renewal is due ``notice_days`` days before the anniversary on
  which the renewal would start.
- 29 February, and any day a target month lacks (31 January plus one month): the anniversary
  is the first day of the following month, so a term never runs shorter than its stated length.
  A year commencing 2024-02-29 ends 2025-02-28; the next starts 2025-03-01.
- A ``discontinuation`` or ``expiry`` event ends the agreement on its date. A ``by-agreement``
  renewal happens only when a ``renewal`` event dated on or before the end of the term records
  it. ``max_renewals`` null means no limit.
- Partial dates (``2024-11``) are used only when every day they could be gives the same answer;
  otherwise, and when the term is silent on what matters, the state is ``unknown`` with the
  reason. The engine never guesses a day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from dateutil.relativedelta import relativedelta

from mineralpacts.errors import UsageError, did_you_mean
from mineralpacts.model.agreement import Agreement, Event, Period, date_bounds, parse_partial_date
from mineralpacts.model.vocab import suggest

__all__ = [
    "IN_FORCE",
    "STATES",
    "STATUS_CHOICES",
    "Deadline",
    "State",
    "Status",
    "TermSpan",
    "anniversary",
    "commencement",
    "date_bounds",
    "deadlines",
    "parse_day",
    "period_end",
    "status",
    "status_filter",
    "status_matches",
]

State = Literal[
    "not-yet-in-force", "initial-term", "renewal-term", "expired", "discontinued", "open-ended", "unknown"
]
STATES: tuple[str, ...] = (
    "not-yet-in-force",
    "initial-term",
    "renewal-term",
    "expired",
    "discontinued",
    "open-ended",
    "unknown",
)
#: The states in which the agreement has effect; ``--status in-force`` selects all of them.
IN_FORCE = frozenset({"initial-term", "renewal-term", "open-ended"})
#: What ``--status`` accepts: a state, ``in-force``, or ``renewal-term-N``.
STATUS_CHOICES: tuple[str, ...] = (*STATES, "in-force")
MAX_TERMS = 10_000  # a guard against runaway unlimited renewals of tiny periods


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


def anniversary(start: dt.date, period: Period) -> dt.date:
    """The day ``period`` after ``start``; a day the target month lacks becomes the 1st of the next."""
    target = start + relativedelta(years=period.years, months=period.months)
    if target.day < start.day:  # relativedelta clamped 29 Feb -> 28 Feb, 31 Jan -> 28 Feb
        target += dt.timedelta(days=1)
    return target


def period_end(start: dt.date, period: Period) -> dt.date:
    """The last day of a period commencing on ``start``: the day before its anniversary."""
    return anniversary(start, period) - dt.timedelta(days=1)


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
    """A coming date that matters: the last day to give notice, or the last day of a term."""

    date: dt.date
    kind: Literal["notice-due", "term-end", "discontinued"]
    text: str


@dataclass(frozen=True)
class Status:
    """Where one agreement stands on ``on``, why, and what comes next."""

    id: str
    on: dt.date
    state: State
    reason: str
    term: TermSpan | None = None
    deadlines: tuple[Deadline, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        """The state with the renewal number: ``renewal-term-1``."""
        if self.state == "renewal-term" and self.term is not None:
            return f"renewal-term-{self.term.number}"
        return self.state

    @property
    def in_force(self) -> bool:
        """True when the agreement has effect on the date."""
        return self.state in IN_FORCE

    @property
    def term_end(self) -> dt.date | None:
        """The last day of the current term, if it has one."""
        return self.term.end if self.term is not None else None

    @property
    def next_deadline(self) -> Deadline | None:
        """The earliest deadline on or after the date."""
        return self.deadlines[0] if self.deadlines else None

    @property
    def note(self) -> str:
        """A short note for tables: what happens at the end of the term, else the reason."""
        if self.term is not None and self.term.outlook:
            return self.term.outlook
        return self.reason

    def describe(self) -> str:
        """One line for people: state, term dates, what follows, next deadline."""
        label = self.label.replace("-", " ")
        t = self.term
        if t is not None:
            text = f"{label} ({t.start} to {t.end}) on {self.on}"
            if t.outlook:
                text += f"; {t.outlook}"
            if t.notice_due is not None and self.on > t.notice_due:
                text += f" (the last day for notice, {t.notice_due}, has passed)"
        else:
            text = f"{label} on {self.on}: {self.reason}"
        nxt = self.next_deadline
        if nxt is not None:
            text += f"; next: {nxt.date}, {nxt.text}"
        return text

    def as_dict(self) -> dict[str, Any]:
        """A plain dictionary for JSON and CSV."""
        nxt = self.next_deadline
        return {
            "id": self.id,
            "on": self.on.isoformat(),
            "state": self.label,
            "in_force": self.in_force,
            "reason": self.reason,
            "note": self.note,
            "term_start": self.term.start.isoformat() if self.term else None,
            "term_end": self.term_end.isoformat() if self.term_end else None,
            "notice_due": self.term.notice_due.isoformat() if self.term and self.term.notice_due else None,
            "next_deadline": nxt.date.isoformat() if nxt else None,
            "next_deadline_kind": nxt.kind if nxt else None,
            "next_deadline_text": nxt.text if nxt else None,
        }


def status_matches(st: Status, wanted: set[str]) -> bool:
    """True when ``st`` is one of ``wanted``: a state, its numbered label, or ``in-force``."""
    return bool({st.state, st.label, *(("in-force",) if st.in_force else ())} & wanted)


def status_filter(wanted: Sequence[str], on: dt.date) -> Callable[[Agreement], bool]:
    """A predicate: is an agreement, on ``on``, in one of the ``wanted`` states?

    Names are states, ``in-force`` or ``renewal-term-N``; any other name raises
    :class:`UsageError` with the closest names.
    """
    for name in wanted:
        if name not in STATUS_CHOICES and not re.fullmatch(r"renewal-term-[1-9][0-9]*", name):
            hint = suggest(name, list(STATUS_CHOICES))
            tail = did_you_mean(hint, otherwise=f"known: {', '.join(STATUS_CHOICES)}")
            raise UsageError(f"{name!r} is not a state{tail}", field="status")
    names = set(wanted)
    return lambda a: status_matches(status(a, on), names)


def _when(e: Event) -> tuple[dt.date, dt.date]:
    """The bounds of a dated event (undated events never reach the date arithmetic)."""
    if e.date is None:
        raise ValueError(f"event {e.kind!r} has no date")
    return date_bounds(e.date)


def _ending_event(a: Agreement) -> Event | None:
    """The earliest discontinuation or expiry event, by its earliest possible day."""
    ends = [e for e in a.events if e.kind in ("discontinuation", "expiry") and e.date is not None]
    return min(ends, key=lambda e: _when(e)[0]) if ends else None


def commencement(a: Agreement) -> tuple[str | None, str]:
    """The commencement date text (possibly partial) and how it was found, or (None, why not)."""
    c = a.term.commencement
    if c is None or c.from_ == "unknown":
        return None, "the commencement date is not recorded"
    if c.from_ == "date":
        return (c.date, f"commenced {c.date}") if c.date else (None, "the commencement date is not recorded")
    if c.from_ == "entry-into-force":
        eif = a.entry_into_force
        if eif is None or eif.date is None:
            return None, "it commences on entry into force, and no date of entry into force is recorded"
        return eif.date, f"in force from {eif.date}"
    if a.signed.status == "announced" or a.signed.date is None:
        return None, "it takes effect on signature, and no signature date is recorded"
    return a.signed.date, f"commenced on signature, {a.signed.date}"


def _spans(a: Agreement, start: dt.date, first: Period) -> Iterator[TermSpan]:
    """The terms from ``start``, in order, until one that expires or whose sequel is unknown."""
    renewal = a.term.renewal
    notice = a.term.notice.days if a.term.notice is not None else None
    recorded = sorted(
        (e for e in a.events if e.kind == "renewal" and e.date is not None),
        key=lambda e: _when(e)[0],
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
            event = recorded.pop(0) if recorded else None
            outlook = "renews only if the parties agree"
            if event is None:
                after, why = "expires", f"ended {end}; renewal is by agreement and none is recorded"
            elif _when(event)[1] <= end:
                outlook = f"the parties agreed a renewal ({event.date})"
            elif _when(event)[0] <= end:
                after, why = "unknown", f"a renewal is recorded in {event.date}, and the term ended {end}"
            else:
                after, why = "unknown", f"a renewal is recorded on {event.date}, after the term ended {end}"
        if after == "renews" and renewal is not None and renewal.period is None:
            after, why = "unknown", f"the term ended {end}, renewed, and the renewal period is not stated"
        yield TermSpan(number, start, end, after, why, outlook, due)
        if after != "renews" or renewal is None or renewal.period is None:
            return
        start, period, number = end + dt.timedelta(days=1), renewal.period, number + 1


def _term_reason(a: Agreement, span: TermSpan, how: str) -> str:
    renewal = a.term.renewal
    if span.number == 0:
        text = f"initial term {span.start} to {span.end} ({how})"
    else:
        limit = f" of at most {renewal.max_renewals}" if renewal and renewal.max_renewals else ""
        text = f"renewal {span.number}{limit}, {span.start} to {span.end}"
    return f"{text}; {span.outlook}" if span.outlook else text


def _span_deadlines(span: TermSpan, on: dt.date) -> list[Deadline]:
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


def status(a: Agreement, on: dt.date) -> Status:
    """The state of agreement ``a`` on day ``on``, with the reason and the deadlines to come."""

    def make(
        state: State, reason: str, term: TermSpan | None = None, dls: list[Deadline] | None = None
    ) -> Status:
        return Status(a.id, on, state, reason, term, tuple(sorted(dls or [], key=lambda d: d.date)))

    ending = _ending_event(a)
    end_dls: list[Deadline] = []
    if ending is not None:
        first, last = _when(ending)
        word = "discontinued" if ending.kind == "discontinuation" else "expired"
        if on >= last:
            return make(
                "discontinued" if word == "discontinued" else "expired",
                f"{word} {ending.date}: {ending.summary}",
            )
        if on >= first:
            return make("unknown", f"{word} in {ending.date} (the day is not recorded)")
        end_dls.append(Deadline(first, "discontinued", f"{word} (recorded)"))

    if a.signed.date is not None and a.signed.status != "announced" and on < date_bounds(a.signed.date)[0]:
        return make("not-yet-in-force", f"{a.signed.status} {a.signed.date}", dls=end_dls)

    term = a.term
    if term.status == "not-public":
        return make("unknown", "the text is not public, so its term is unknown")
    if term.status == "unknown":
        return make("unknown", "the sources seen do not state its term")

    if term.status == "silent":
        text, how = _commencement_signature(a)
    else:
        text, how = commencement(a)
    if text is None:
        return make("unknown", how)
    first_day, last_day = date_bounds(text)
    if on < first_day:
        return make("not-yet-in-force", f"commences {text}", dls=end_dls)
    open_ended = term.status == "silent" or term.open_ended
    if open_ended:
        if on < last_day:
            return make("unknown", f"{how}; the day is not recorded")
        note = "the text states no end" if term.status == "silent" else "it continues until discontinued"
        return make("open-ended", f"{how}; {note}", dls=end_dls)
    if first_day != last_day:
        return make("unknown", f"{how}; without the day the end of the term cannot be computed")
    if term.initial_period is None:
        return make("unknown", f"{how}; the initial period is not stated")

    final: TermSpan | None = None
    for span in _spans(a, first_day, term.initial_period):
        final = span
        if on <= span.end:
            state: State = "initial-term" if span.number == 0 else "renewal-term"
            dls = _span_deadlines(span, on) + [d for d in end_dls if d.date >= on]
            reason = _term_reason(a, span, how)
            if span.notice_due is not None and on > span.notice_due:
                reason += f" (the last day for notice, {span.notice_due}, has passed)"
            return make(state, reason, span, dls)
    if final is None:
        return make("unknown", "the stated period has no length")
    if final.after == "expires":
        return make("expired", final.after_reason)
    if final.after == "unknown":
        return make("unknown", final.after_reason)
    return make("unknown", f"more than {MAX_TERMS} terms; check the renewal period")


def _commencement_signature(a: Agreement) -> tuple[str | None, str]:
    if a.signed.status == "announced" or a.signed.date is None:
        return None, "no signature or endorsement date is recorded"
    return a.signed.date, f"{a.signed.status} {a.signed.date}"


def deadlines(a: Agreement, until: dt.date) -> list[Deadline]:
    """Every computed deadline of ``a`` from commencement to ``until``: notice days and term ends.

    Terms that a ``by-agreement`` renewal has not (yet) produced are not projected; automatic
    renewals are projected until ``until`` (or their limit). Nothing after an ending event.
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
    ending = _ending_event(a)
    stop = _when(ending)[0] if ending is not None else None
    out: list[Deadline] = []
    for span in _spans(a, first_day, term.initial_period):
        if span.start > until or (stop is not None and span.start >= stop):
            break
        out += [d for d in _span_deadlines(span, span.start) if stop is None or d.date < stop]
    return [d for d in out if d.date <= until]

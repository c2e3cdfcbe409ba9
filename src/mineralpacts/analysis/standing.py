"""The value the lifecycle computes: a :class:`Status`, its states, and the :class:`Family` of
agreements it is computed among (successors end their predecessors).

:mod:`mineralpacts.analysis.lifecycle` computes statuses; every command and the site show them
through :meth:`Status.describe` and :meth:`Status.as_dict`, so the wording is the same everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from mineralpacts.analysis.periods import Deadline, TermSpan
from mineralpacts.model.agreement import Agreement
from mineralpacts.model.dates import date_words
from mineralpacts.model.relations import Link, links, predecessors, successors
from mineralpacts.store.repository import Repository

__all__ = ["ENDED", "IN_FORCE", "STATES", "STATUS_CHOICES", "Family", "State", "Status"]

State = Literal[
    "not-yet-in-force",
    "initial-term",
    "renewal-term",
    "expired",
    "discontinued",
    "superseded",
    "open-ended",
    "unknown",
]
STATES: tuple[str, ...] = get_args(State)  # the exact states, in their documented order
#: The states in which the agreement has effect; ``--status in-force`` selects all of them.
IN_FORCE = frozenset({"initial-term", "renewal-term", "open-ended"})
#: The states in which it has ended.
ENDED = frozenset({"expired", "discontinued", "superseded"})
#: What ``--status`` accepts: a state, ``in-force``, ``not-ended`` or ``renewal-term-N``.
STATUS_CHOICES: tuple[str, ...] = (*STATES, "in-force", "not-ended")


@dataclass(frozen=True)
class Family:
    """The agreements a status is computed among, with every link and its derived inverse."""

    agreements: Mapping[str, Agreement]
    links: dict[str, list[Link]]

    @classmethod
    def of(cls, agreements: Iterable[Agreement]) -> Family:
        """The family of ``agreements`` (a repository, or any of its agreements).

        For a repository read through the store, the links come from the stored facts and an
        agreement is built only when the lifecycle looks it up (a successor), not all of them.
        """
        if isinstance(agreements, Repository) and agreements.store is not None:
            return cls(agreements.agreements, links(agreements.skeletons()))
        items = list(agreements)
        return cls({a.id: a for a in items}, links(items))


@dataclass(frozen=True)
class Status:
    """Where one agreement stands on ``on``, why, what is known, and what comes next."""

    id: str
    on: dt.date
    state: State
    reason: str
    term: TermSpan | None = None
    deadlines: tuple[Deadline, ...] = field(default_factory=tuple)
    signed: str | None = None  # the recorded signature (or endorsement) date
    started: bool = False  # signed, or in force, on or before ``on`` whatever day it was
    end_recorded: bool = False  # an end (event or successor) is recorded on or before ``on``
    last_activity: str | None = None  # the latest dated event on or before ``on``: "2025-03 (review meeting)"
    links: tuple[Link, ...] = ()
    number: int | None = None  # the renewal number when the term's dates are not exact (a date window)

    @property
    def label(self) -> str:
        """The state with the renewal number: ``renewal-term-1``."""
        number = self.term.number if self.term is not None else self.number
        if self.state == "renewal-term" and number:
            return f"renewal-term-{number}"
        return self.state

    @property
    def in_force(self) -> bool | None:
        """True when the agreement has effect on the date; None when that is not known."""
        return None if self.state == "unknown" else self.state in IN_FORCE

    @property
    def not_ended(self) -> bool | None:
        """True when it is in force, or signed (or in force) with no end recorded: what analysts
        call active; None when the record cannot say."""
        if self.state in IN_FORCE:
            return True
        if self.state != "unknown":
            return False
        return True if self.started and not self.end_recorded else None

    @property
    def successors(self) -> list[str]:
        """The agreements that supersede this one."""
        return successors(self.links)

    @property
    def predecessors(self) -> list[str]:
        """The agreements this one supersedes."""
        return predecessors(self.links)

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
        """A short note for tables: what happens at the end of the term, else the reason (and,
        when the state is unknown, what is known)."""
        if self.term is not None and self.term.outlook:
            return self.term.outlook
        return "; ".join([self.reason, *self.known()])

    def known(self) -> list[str]:
        """What the record does say when the state is unknown: signature, no end, last activity."""
        if self.state != "unknown":
            return []
        out = []
        if self.signed and date_words(self.signed) not in self.reason:
            out.append(f"signed {date_words(self.signed)}")
        if not self.end_recorded:
            out.append("no end recorded")
        if self.last_activity:
            out.append(f"last recorded activity {self.last_activity}")
        return out

    def describe(self) -> str:
        """The one status line of ``show``, ``render``, ``status`` and the site."""
        label = self.label.replace("-", " ")
        t = self.term
        if t is not None:
            text = f"{label} ({t.start} to {t.end}) on {self.on}"
            if t.outlook:
                text += f"; {t.outlook}"
            if t.notice_due is not None and self.on > t.notice_due:
                text += f" (the last day for notice, {t.notice_due}, has passed)"
        else:
            text = "; ".join([f"{label} on {self.on}: {self.reason}", *self.known()])
        nxt = self.next_deadline
        if nxt is not None:
            text += f"; next: {nxt.date}, {nxt.text}"
        return text

    def as_dict(self) -> dict[str, Any]:
        """A plain dictionary for JSON and CSV; what is not known is null, never false."""
        nxt = self.next_deadline
        return {
            "id": self.id,
            "on": self.on.isoformat(),
            "state": self.label,
            "in_force": self.in_force,
            "not_ended": self.not_ended,
            "reason": self.reason,
            "note": self.note,
            "text": self.describe(),
            "signed": self.signed,
            "last_activity": self.last_activity,
            "superseded_by": "; ".join(self.successors) or None,
            "supersedes": "; ".join(self.predecessors) or None,
            "term_start": self.term.start.isoformat() if self.term else None,
            "term_end": self.term_end.isoformat() if self.term_end else None,
            "notice_due": self.term.notice_due.isoformat() if self.term and self.term.notice_due else None,
            "next_deadline": nxt.date.isoformat() if nxt else None,
            "next_deadline_kind": nxt.kind if nxt else None,
            "next_deadline_text": nxt.text if nxt else None,
        }

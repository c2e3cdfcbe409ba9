"""The term of an agreement: commencement, periods, renewal and notice; and entry into force.

Format version 2 (``docs/data-model.md``): ``term.commencement.from`` (``on`` before: YAML 1.1
readers take the key ``on`` for ``true``), ``term.notice`` recorded as stated (``notice_days``
before), and the top-level ``entry_into_force`` fact.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from mineralpacts.model.base import EntryIntoForceTerm, Ref, RenewalTerm, Strict, TermStatusTerm
from mineralpacts.model.dates import PartialDate

__all__ = ["Commencement", "EntryIntoForce", "Notice", "Period", "Renewal", "Term"]


class Period(Strict):
    """A length of time in whole years and months."""

    years: int = Field(0, ge=0, le=100, description="Whole years.")
    months: int = Field(0, ge=0, le=1200, description="Whole months, added to the years.")

    def text(self) -> str:
        """The period in words: '3 years', '1 year 6 months'."""
        parts = []
        if self.years:
            parts.append(f"{self.years} year{'s' if self.years != 1 else ''}")
        if self.months:
            parts.append(f"{self.months} month{'s' if self.months != 1 else ''}")
        return " ".join(parts) or "0 years"


CommencementFrom = Literal["signature", "entry-into-force", "date", "unknown"]


class Commencement(Strict):
    """When the term starts."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, serialize_by_alias=True, validate_by_name=True
    )

    from_: CommencementFrom = Field(
        alias="from",
        description=(
            "signature (takes effect when signed), entry-into-force (from the date in "
            "`entry_into_force`), date (a stated date, in `date`), or unknown. Written `on` "
            "before format version 2."
        ),
    )
    date: PartialDate | None = Field(None, description="The commencement date when `from` is date.")


class Renewal(Strict):
    """What happens when a term ends."""

    kind: RenewalTerm = Field(description="none, automatic, or by-agreement.")
    period: Period | None = Field(None, description="The length of each renewal term.")
    max_renewals: int | None = Field(
        None, ge=1, description="How many renewals at most; null means no limit is stated."
    )


class Notice(Strict):
    """The notice a party must give to end the agreement or stop a renewal, as the text states it."""

    days: int | None = Field(
        None, ge=0, description="Days of notice; null when the text requires notice but gives no number."
    )
    written: bool | None = Field(
        None, description="true only when the text says the notice is written; otherwise leave it out."
    )
    ref: Ref | None = Field(None, description="The clause that requires notice.")

    def text(self) -> str:
        """The notice in words: "90 days' written notice", "notice (no period stated)"."""
        kind = "written notice" if self.written else "notice"
        if self.days is None:
            return f"{kind} (no period stated)"
        return f"{self.days} days' {kind}"


class EntryIntoForce(Strict):
    """When and how the agreement entered (or enters) into force, as a source states it."""

    how: EntryIntoForceTerm = Field(
        description="signature, date, exchange-of-notes, ratification, notification, or unknown."
    )
    date: PartialDate | None = Field(None, description="When it entered into force; null when not known.")
    ref: Ref | None = Field(None, description="The clause on entry into force.")
    note: str | None = Field(None, description="What the sources say about it, in our own words.")


class Term(Strict):
    """Commencement, duration, renewal, notice and modification rules."""

    status: TermStatusTerm = Field(
        description="stated (the rules below come from the sources), silent, not-public or unknown."
    )
    ref: Ref | None = Field(None, description="The clauses that state the term.")
    commencement: Commencement | None = Field(None, description="When the term starts.")
    initial_period: Period | None = Field(
        None, description="The first term; null when open-ended or unknown."
    )
    open_ended: bool = Field(False, description="True when the text says it continues until ended.")
    renewal: Renewal | None = Field(None, description="Renewal rules; null when not stated.")
    notice: Notice | None = Field(
        None,
        description=(
            "The notice to end the agreement or stop a renewal, as stated; leave it out when the "
            "text says nothing about notice. Written `notice_days` before format version 2."
        ),
    )
    discontinuation: str | None = Field(None, description="How a party ends the agreement, in our own words.")
    modification: str | None = Field(None, description="How the agreement is changed, in our own words.")
    summary: str | None = Field(None, description="Anything else about the term, in our own words.")

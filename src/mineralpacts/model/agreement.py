"""The agreement model: the single source of truth for the shape of an agreement file.

Every field carries a description; the JSON Schema (``schema/agreement.schema.json``) and the
data-model reference in ``docs/`` are generated from these classes. Vocabulary fields take
their terms from ``data/vocab.yaml`` (see :mod:`mineralpacts.model.vocab`).

Rules that need more than one field (dates in order, sources that back a discrepancy, fields
said to be unknown left empty) live in :mod:`mineralpacts.check.validate`, where each becomes a
diagnostic with a code and a position rather than an exception.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from mineralpacts.model.base import (
    ID_PATTERN,
    LANG_PATTERN,
    PARTY_CODE_PATTERN,
    URL_PATTERN,
    AreaTerm,
    ConfidenceTerm,
    DisclosureTerm,
    EventKindTerm,
    FocusTerm,
    InstrumentTerm,
    Lang,
    LevelTerm,
    MineralNamedTerm,
    MineralTerm,
    PartyCode,
    Ref,
    RelationTerm,
    SigningStatusTerm,
    SourceKindTerm,
    StageTerm,
    Strict,
    Text,
    Url,
    field_keys,
    submodel,
)
from mineralpacts.model.dates import PartialDate, date_bounds, parse_partial_date
from mineralpacts.model.terms import Commencement, EntryIntoForce, Notice, Period, Renewal, Term

__all__ = [
    "ID_PATTERN",
    "LANG_PATTERN",
    "PARTY_CODE_PATTERN",
    "URL_PATTERN",
    "Agreement",
    "Area",
    "Binding",
    "Commencement",
    "Discrepancy",
    "DiscrepancyValue",
    "EntryIntoForce",
    "Event",
    "MineralMention",
    "Notice",
    "PartialDate",
    "Party",
    "Period",
    "Person",
    "Place",
    "Provision",
    "Related",
    "Renewal",
    "Scope",
    "Signing",
    "Source",
    "Term",
    "Unknown",
    "date_bounds",
    "field_keys",
    "parse_partial_date",
    "submodel",
]


class Person(Strict):
    """Someone who signed for a party."""

    name: Text = Field(description="The person's name as the sources give it.")
    role: str | None = Field(None, description="Their office when they signed, in English.")


class Party(Strict):
    """One side of an agreement."""

    code: PartyCode = Field(description="ISO 3166-1 alpha-2 code of the country, or EU.")
    name: Text = Field(description="The party's name in English as people use it: 'United Kingdom'.")
    represented_by: str | None = Field(
        None,
        description="The ministry, department, agency or company that acted for the party.",
    )
    signatories: list[Person] = Field(
        default_factory=list,
        description="Who signed for this party; empty when no source names them.",
    )


class Place(Strict):
    """Where something happened."""

    city: str | None = Field(None, description="The city, in English.")
    country: PartyCode | None = Field(None, description="ISO 3166-1 alpha-2 code of the country.")


class Signing(Strict):
    """When, where and how the agreement was concluded."""

    status: SigningStatusTerm = Field(
        "signed",
        description="signed, endorsed (adopted without a signature) or announced (no signing recorded).",
    )
    date: PartialDate | None = Field(
        None,
        description="The date of signature (or endorsement, or announcement), as precise as the sources give it.",
    )
    place: Place | None = Field(None, description="Where it was signed; empty when no source says.")
    occasion: str | None = Field(None, description="The meeting or visit at which it was signed.")


class Binding(Strict):
    """Whether the agreement is meant to bind the parties in law, and what says so."""

    value: bool | None = Field(description="true, false, or null when no source says.")
    ref: Ref | None = Field(None, description="The clause of the text that says so.")
    basis: str | None = Field(None, description="In our own words, what supports the value.")


class Provision(Strict):
    """A clause of the text, summarised in our own words."""

    ref: Ref | None = Field(None, description="The clause number in the text, where there is one.")
    summary: Text = Field(description="What the clause says, in our own words.")


class Scope(Strict):
    """What the agreement covers."""

    stages: list[StageTerm] = Field(default_factory=list, description="Value-chain stages covered.")
    items: list[Provision] = Field(default_factory=list, description="The scope clauses, each summarised.")


class Area(Strict):
    """One area of cooperation."""

    area: AreaTerm = Field(description="The area, as a term of the area vocabulary.")
    ref: Ref | None = Field(None, description="The clause that names this area.")
    summary: str | None = Field(None, description="What the parties will do in this area, in our own words.")


class Event(Strict):
    """Something that happened to the agreement after it was concluded."""

    date: PartialDate | None = Field(
        description="When it happened, as precise as the sources give it; null when no day is known (undated)."
    )
    kind: EventKindTerm = Field(description="What kind of event it was.")
    summary: Text = Field(description="What happened, in our own words.")
    agreement: str | None = Field(
        None, pattern=ID_PATTERN, description="The id of a follow-up agreement in this repository, if any."
    )
    sources: list[Url] = Field(default_factory=list, description="Addresses of the sources for this event.")


class MineralMention(Strict):
    """A mineral with how the instrument names it."""

    mineral: MineralTerm = Field(description="The mineral, as a term of the mineral vocabulary.")
    named: MineralNamedTerm = Field(description="focus, potential (a possible or future subject) or passing.")
    note: str | None = Field(None, description="Where or how the instrument names it, in our own words.")


class Related(Strict):
    """A link to another agreement in this repository."""

    id: str = Field(pattern=ID_PATTERN, description="The other agreement's id.")
    relation: RelationTerm = Field(
        description=(
            "How this agreement relates to the other, written on the newer (or dependent) one: "
            "supersedes, amends, implements, follows-up or related. The inverse (superseded-by, ...) "
            "is derived; when the other file stores it as well, the two must agree."
        )
    )
    note: str | None = Field(None, description="More about the link, in our own words.")


class Source(Strict):
    """A document that supports facts in this file."""

    url: Url = Field(description="Where the source is published.")
    publisher: Text = Field(description="Who published it.")
    kind: SourceKindTerm = Field(description="official-text, official-announcement, news or analysis.")
    title: str | None = Field(None, description="The source's title.")
    published: PartialDate | None = Field(None, description="When the source was published.")
    accessed: PartialDate | None = Field(None, description="When the source was read for this file.")
    supports: list[str] = Field(
        default_factory=list,
        description="The fields this source backs, as field paths: signed.date, parties, areas.",
    )
    note: str | None = Field(None, description="What the source says that matters, in our own words.")


class DiscrepancyValue(Strict):
    """One value that some sources give."""

    value: str = Field(description="The value as these sources give it.")
    sources: list[Url] = Field(min_length=1, description="Addresses of the sources that give this value.")


class Discrepancy(Strict):
    """A fact on which sources disagree; every value is kept with its sources."""

    field: Text = Field(description="The field path the sources disagree on, such as signed.date.")
    values: list[DiscrepancyValue] = Field(min_length=2, description="Each value with the sources giving it.")
    resolution: Text = Field(description="Which value the file records and why.")


class Unknown(Strict):
    """A fact the sources do not give, said out loud rather than left silently empty."""

    field: Text = Field(description="The field path that is unknown, such as languages.")
    reason: Text = Field(description="Why it is unknown (text not public, sources silent).")


class Agreement(Strict):
    """A bilateral critical-minerals agreement between governments (or their agencies)."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        strict=True,
        serialize_by_alias=True,
        title="Agreement",
        json_schema_extra={"$comment": "Generated from mineralpacts.model.agreement; do not edit by hand."},
    )

    id: str = Field(
        pattern=ID_PATTERN,
        description="Slug equal to the file name: <party>-<party>-<year>, e.g. uk-japan-2023.",
    )
    title: Text = Field(description="The official English title, or a descriptive one when none is known.")
    title_official: bool = Field(
        True, description="False when `title` is descriptive, not the official title."
    )
    short_title: str | None = Field(None, description="The short name people use.")
    titles: dict[Annotated[str, Field(pattern=LANG_PATTERN)], str] = Field(
        default_factory=dict, description="Titles in other languages, keyed by BCP 47 tag (ja, zh-Hans)."
    )
    instrument: InstrumentTerm = Field(description="The kind of instrument.")
    level: LevelTerm = Field(
        "government", description="government, or agency / state-company when those signed instead."
    )
    focus: FocusTerm = Field(
        "dedicated",
        description="dedicated (about critical minerals) or broader (minerals are one chapter of it).",
    )
    legally_binding: Binding = Field(
        description="Whether it binds the parties in law, and the clause that says so."
    )
    parties: list[Party] = Field(min_length=2, description="The parties, two or more.")
    signed: Signing = Field(description="When, where and how it was concluded.")
    languages: list[Lang] = Field(default_factory=list, description="Languages of the authentic texts.")
    disclosure: DisclosureTerm = Field(description="How much of the agreement is public.")
    summary: Text = Field(description="What the agreement does, in our own words.")
    purposes: list[str] = Field(
        default_factory=list, description="The aims the preamble states, in our own words."
    )
    scope: Scope = Field(default_factory=Scope, description="Value-chain stages and scope clauses.")
    areas: list[Area] = Field(default_factory=list, description="The areas of cooperation.")
    minerals: list[MineralTerm | MineralMention] = Field(
        default_factory=list,
        description="Minerals the instrument names: a term, or a mapping qualifying how it names it.",
    )
    implementation: list[Provision] = Field(
        default_factory=list, description="How the parties will carry it out and review it."
    )
    entry_into_force: EntryIntoForce | None = Field(
        None, description="When and how it entered into force; leave it out when no source says."
    )
    term: Term = Field(description="Commencement, duration, renewal, notice and modification.")
    events: list[Event] = Field(default_factory=list, description="What happened after it was concluded.")
    related: list[Related] = Field(default_factory=list, description="Links to other agreements.")
    sources: list[Source] = Field(min_length=1, description="The sources, at least one.")
    discrepancies: list[Discrepancy] = Field(default_factory=list, description="Where sources disagree.")
    unknown: list[Unknown] = Field(
        default_factory=list, description="Facts the sources do not give, and why."
    )
    confidence: ConfidenceTerm = Field(description="How well the core facts are sourced.")
    notes: str | None = Field(None, description="Anything else a reader should know, in our own words.")

    @property
    def party_codes(self) -> list[str]:
        """The parties' codes in file order."""
        return [p.code for p in self.parties]

    @property
    def area_terms(self) -> list[str]:
        """The distinct area terms in file order."""
        return list(dict.fromkeys(a.area for a in self.areas))

    @property
    def mineral_terms(self) -> list[str]:
        """The distinct mineral terms in file order, qualified or not."""
        return list(dict.fromkeys(m if isinstance(m, str) else m.mineral for m in self.minerals))

    @property
    def label(self) -> str:
        """The short title, else the title."""
        return self.short_title or self.title

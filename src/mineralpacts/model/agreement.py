"""The agreement model: the single source of truth for the shape of an agreement file.

Every field carries a description; the JSON Schema (``schema/agreement.schema.json``) and the
data-model reference in ``docs/`` are generated from these classes. Vocabulary fields take
their terms from ``data/vocab.yaml`` (see :mod:`mineralpacts.model.vocab`).

Rules that need more than one field (dates in order, sources that back a discrepancy, fields
said to be unknown left empty) live in :mod:`mineralpacts.check.validate`, where each becomes a
diagnostic with a code and a position rather than an exception.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    WithJsonSchema,
)

from mineralpacts.model.dates import PartialDate, date_bounds, parse_partial_date
from mineralpacts.model.vocab import is_party_code, suggest, terms, vocabulary

__all__ = [
    "Agreement",
    "Area",
    "Binding",
    "Commencement",
    "Discrepancy",
    "DiscrepancyValue",
    "Event",
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
    "parse_partial_date",
    "submodel",
]

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# BCP 47 language tag, simplified: language, optional script, optional region.
LANG_PATTERN = r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$"
PARTY_CODE_PATTERN = r"^[A-Z]{2}$"
URL_PATTERN = r"^https?://[^\s]+$"


def submodel(annotation: Any) -> type[BaseModel] | None:
    """The model class inside a field annotation (``list[Party]``, ``Signing | None``), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = submodel(arg)
        if found is not None:
            return found
    return None


def _vocab(kind: str) -> Any:
    """An annotated ``str`` restricted to the terms of vocabulary ``kind``."""

    def check(value: str) -> str:
        if value not in vocabulary()[kind]:
            hint = suggest(value, terms(kind))
            tail = f"; did you mean {' or '.join(repr(h) for h in hint)}?" if hint else ""
            raise ValueError(f"{value!r} is not a term of the {kind} vocabulary{tail}")
        return value

    defs = vocabulary()[kind]
    return Annotated[
        str,
        AfterValidator(check),
        WithJsonSchema(
            {
                "type": "string",
                "enum": list(defs),
                "markdownEnumDescriptions": list(defs.values()),
            }
        ),
    ]


def _check_party_code(value: str) -> str:
    if not is_party_code(value):
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 code or EU")
    return value


PartyCode = Annotated[
    str,
    AfterValidator(_check_party_code),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": PARTY_CODE_PATTERN,
            "description": "ISO 3166-1 alpha-2 country code (GB, JP, US), or EU for the European Union.",
        }
    ),
]

Text = Annotated[str, Field(min_length=1)]
Url = Annotated[str, Field(pattern=URL_PATTERN, description="An http(s) address.")]
Lang = Annotated[str, Field(pattern=LANG_PATTERN, description="A BCP 47 language tag: en, ja, zh-Hans.")]
Ref = Annotated[
    str,
    Field(
        min_length=1, description="Where in the text: a clause number ('1.1', '2.6(1)') or a section name."
    ),
]

if TYPE_CHECKING:  # to a type checker each vocabulary field is a str
    InstrumentTerm = str
    StageTerm = str
    AreaTerm = str
    MineralTerm = str
    DisclosureTerm = str
    SourceKindTerm = str
    EventKindTerm = str
    RelationTerm = str
    LevelTerm = str
    ConfidenceTerm = str
    SigningStatusTerm = str
    RenewalTerm = str
    TermStatusTerm = str
else:
    InstrumentTerm = _vocab("instrument")
    StageTerm = _vocab("stage")
    AreaTerm = _vocab("area")
    MineralTerm = _vocab("mineral")
    DisclosureTerm = _vocab("disclosure")
    SourceKindTerm = _vocab("source_kind")
    EventKindTerm = _vocab("event_kind")
    RelationTerm = _vocab("relation")
    LevelTerm = _vocab("level")
    ConfidenceTerm = _vocab("confidence")
    SigningStatusTerm = _vocab("signing_status")
    RenewalTerm = _vocab("renewal")
    TermStatusTerm = _vocab("term_status")


class _Strict(BaseModel):
    """Base of every model class: unknown fields are errors, so typos are caught."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Person(_Strict):
    """Someone who signed for a party."""

    name: Text = Field(description="The person's name as the sources give it.")
    role: str | None = Field(None, description="Their office when they signed, in English.")


class Party(_Strict):
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


class Place(_Strict):
    """Where something happened."""

    city: str | None = Field(None, description="The city, in English.")
    country: PartyCode | None = Field(None, description="ISO 3166-1 alpha-2 code of the country.")


class Signing(_Strict):
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


class Binding(_Strict):
    """Whether the agreement is meant to bind the parties in law, and what says so."""

    value: bool | None = Field(description="true, false, or null when no source says.")
    ref: Ref | None = Field(None, description="The clause of the text that says so.")
    basis: str | None = Field(None, description="In our own words, what supports the value.")


class Provision(_Strict):
    """A clause of the text, summarised in our own words."""

    ref: Ref | None = Field(None, description="The clause number in the text, where there is one.")
    summary: Text = Field(description="What the clause says, in our own words.")


class Scope(_Strict):
    """What the agreement covers."""

    stages: list[StageTerm] = Field(default_factory=list, description="Value-chain stages covered.")
    items: list[Provision] = Field(default_factory=list, description="The scope clauses, each summarised.")


class Area(_Strict):
    """One area of cooperation."""

    area: AreaTerm = Field(description="The area, as a term of the area vocabulary.")
    ref: Ref | None = Field(None, description="The clause that names this area.")
    summary: str | None = Field(None, description="What the parties will do in this area, in our own words.")


class Period(_Strict):
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


class Commencement(_Strict):
    """When the agreement takes effect."""

    on: Literal["signature", "date", "unknown"] = Field(
        description="signature (takes effect when signed), date (a stated date), or unknown."
    )
    date: PartialDate | None = Field(None, description="The commencement date when `on` is date.")


class Renewal(_Strict):
    """What happens when a term ends."""

    kind: RenewalTerm = Field(description="none, automatic, or by-agreement.")
    period: Period | None = Field(None, description="The length of each renewal term.")
    max_renewals: int | None = Field(
        None, ge=1, description="How many renewals at most; null means no limit is stated."
    )


class Term(_Strict):
    """Commencement, duration, renewal, notice and modification rules."""

    status: TermStatusTerm = Field(
        description="stated (the rules below come from the sources), silent, not-public or unknown."
    )
    ref: Ref | None = Field(None, description="The clauses that state the term.")
    commencement: Commencement | None = Field(None, description="When the agreement takes effect.")
    initial_period: Period | None = Field(
        None, description="The first term; null when open-ended or unknown."
    )
    open_ended: bool = Field(False, description="True when the text says it continues until ended.")
    renewal: Renewal | None = Field(None, description="Renewal rules; null when not stated.")
    notice_days: int | None = Field(
        None, ge=0, description="Days of written notice a party must give to discontinue or stop a renewal."
    )
    discontinuation: str | None = Field(None, description="How a party ends the agreement, in our own words.")
    modification: str | None = Field(None, description="How the agreement is changed, in our own words.")
    summary: str | None = Field(None, description="Anything else about the term, in our own words.")


class Event(_Strict):
    """Something that happened to the agreement after it was concluded."""

    date: PartialDate = Field(description="When it happened, as precise as the sources give it.")
    kind: EventKindTerm = Field(description="What kind of event it was.")
    summary: Text = Field(description="What happened, in our own words.")
    agreement: str | None = Field(
        None, pattern=ID_PATTERN, description="The id of a follow-up agreement in this repository, if any."
    )
    sources: list[Url] = Field(default_factory=list, description="Addresses of the sources for this event.")


class Related(_Strict):
    """A link to another agreement in this repository."""

    id: str = Field(pattern=ID_PATTERN, description="The other agreement's id.")
    relation: RelationTerm = Field(description="How this agreement relates to the other.")
    note: str | None = Field(None, description="More about the link, in our own words.")


class Source(_Strict):
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


class DiscrepancyValue(_Strict):
    """One value that some sources give."""

    value: str = Field(description="The value as these sources give it.")
    sources: list[Url] = Field(min_length=1, description="Addresses of the sources that give this value.")


class Discrepancy(_Strict):
    """A fact on which sources disagree; every value is kept with its sources."""

    field: Text = Field(description="The field path the sources disagree on, such as signed.date.")
    values: list[DiscrepancyValue] = Field(min_length=2, description="Each value with the sources giving it.")
    resolution: Text = Field(description="Which value the file records and why.")


class Unknown(_Strict):
    """A fact the sources do not give, said out loud rather than left silently empty."""

    field: Text = Field(description="The field path that is unknown, such as languages.")
    reason: Text = Field(description="Why it is unknown (text not public, sources silent).")


class Agreement(_Strict):
    """A bilateral critical-minerals agreement between governments (or their agencies)."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        strict=True,
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
    minerals: list[MineralTerm] = Field(default_factory=list, description="Minerals the agreement names.")
    implementation: list[Provision] = Field(
        default_factory=list, description="How the parties will carry it out and review it."
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
    def label(self) -> str:
        """The short title, else the title."""
        return self.short_title or self.title

"""Building blocks shared by the model's classes: patterns, vocabulary fields, the strict base.

:mod:`mineralpacts.model.agreement` and :mod:`mineralpacts.model.terms` build the classes of an
agreement file from these; other code imports them from ``agreement``.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Annotated, Any, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from mineralpacts.model.vocab import is_party_code, vocabulary

__all__ = [
    "ID_PATTERN",
    "LANG_PATTERN",
    "PARTY_CODE_PATTERN",
    "URL_PATTERN",
    "Lang",
    "PartyCode",
    "Ref",
    "Strict",
    "Text",
    "Url",
    "field_keys",
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


@functools.cache
def field_keys(model: type[BaseModel]) -> dict[str, FieldInfo]:
    """The model's fields by the key a file writes (its alias: ``from``), in field order."""
    return {info.alias or name: info for name, info in model.model_fields.items()}


def vocab_field(kind: str) -> Any:
    """An annotated ``str`` restricted to the terms of vocabulary ``kind``."""

    def check(value: str) -> str:
        if value not in vocabulary()[kind]:
            # No "did you mean" here: a file with thousands of bad terms would pay for every one.
            # The diagnostics add it (check.validate.model_diagnostics) to the errors they show.
            raise PydanticCustomError(
                "vocabulary",
                "{term} is not a term of the {kind} vocabulary",
                {"term": repr(value), "kind": kind, "value": value},
            )
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
    MineralNamedTerm = str
    FocusTerm = str
    DisclosureTerm = str
    SourceKindTerm = str
    EventKindTerm = str
    RelationTerm = str
    LevelTerm = str
    ConfidenceTerm = str
    SigningStatusTerm = str
    RenewalTerm = str
    TermStatusTerm = str
    EntryIntoForceTerm = str
else:
    InstrumentTerm = vocab_field("instrument")
    StageTerm = vocab_field("stage")
    AreaTerm = vocab_field("area")
    MineralTerm = vocab_field("mineral")
    MineralNamedTerm = vocab_field("mineral_named")
    FocusTerm = vocab_field("focus")
    DisclosureTerm = vocab_field("disclosure")
    SourceKindTerm = vocab_field("source_kind")
    EventKindTerm = vocab_field("event_kind")
    RelationTerm = vocab_field("relation")
    LevelTerm = vocab_field("level")
    ConfidenceTerm = vocab_field("confidence")
    SigningStatusTerm = vocab_field("signing_status")
    RenewalTerm = vocab_field("renewal")
    TermStatusTerm = vocab_field("term_status")
    EntryIntoForceTerm = vocab_field("entry_into_force")


class Strict(BaseModel):
    """Base of every model class: unknown fields are errors, so typos are caught."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, serialize_by_alias=True)

"""The model: partial dates, vocabularies with hints, party codes, strictness."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from mineralpacts.files.load import load_path
from mineralpacts.model.agreement import Agreement, parse_partial_date
from tests.conftest import CASES

BASE: dict[str, Any] = load_path(CASES / "valid" / "minimal-2024.yaml").data


def _with(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("text", "parts"),
    [("2024", (2024, None, None)), ("2024-11", (2024, 11, None)), ("2024-02-29", (2024, 2, 29))],
)
def test_partial_dates_keep_their_precision(text: str, parts: tuple[int, int | None, int | None]) -> None:
    assert parse_partial_date(text) == parts
    assert Agreement.model_validate(_with(("signed", "date"), text)).signed.date == text


@pytest.mark.parametrize("text", ["2023-02-29", "2024-13", "24-01-01", "2024-1-5", "soon"])
def test_impossible_or_malformed_dates_are_rejected(text: str) -> None:
    with pytest.raises(ValidationError):
        Agreement.model_validate(_with(("signed", "date"), text))


def test_vocabulary_error_suggests_the_closest_term() -> None:
    with pytest.raises(ValidationError) as info:
        Agreement.model_validate(_with(("areas",), [{"area": "reasearch-innovation"}]))
    assert "did you mean 'research-innovation'" in str(info.value)


def test_party_codes_must_be_iso_or_eu() -> None:
    data = _with(("parties", 1, "code"), "EU")
    assert Agreement.model_validate(data).party_codes == ["GB", "EU"]
    with pytest.raises(ValidationError, match="ISO 3166"):
        Agreement.model_validate(_with(("parties", 1, "code"), "UK"))


def test_strict_types_reject_quoted_numbers() -> None:
    term = {"status": "stated", "initial_period": {"years": "3"}}
    with pytest.raises(ValidationError):
        Agreement.model_validate(_with(("term",), term))


def test_unknown_fields_are_rejected() -> None:
    data = copy.deepcopy(BASE)
    data["titel"] = "x"
    with pytest.raises(ValidationError, match="titel"):
        Agreement.model_validate(data)


def test_at_least_two_parties_and_one_source() -> None:
    with pytest.raises(ValidationError):
        Agreement.model_validate(_with(("parties",), BASE["parties"][:1]))
    with pytest.raises(ValidationError):
        Agreement.model_validate(_with(("sources",), []))


def test_convenience_properties() -> None:
    a = Agreement.model_validate(BASE)
    assert a.label == a.title  # no short title
    assert a.party_codes == ["GB", "NO"]


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2024", "2024-01-01", "2024-12-31"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2023-02", "2023-02-01", "2023-02-28"),
        ("2023-10-28", "2023-10-28", "2023-10-28"),
    ],
)
def test_date_bounds_cover_every_day_a_partial_date_can_mean(text: str, first: str, last: str) -> None:
    from mineralpacts.model.agreement import date_bounds

    assert [d.isoformat() for d in date_bounds(text)] == [first, last]


def test_submodel_finds_the_model_inside_an_annotation() -> None:
    from mineralpacts.model.agreement import Party, Signing, submodel

    assert submodel(Agreement.model_fields["parties"].annotation) is Party
    assert submodel(Agreement.model_fields["signed"].annotation) is Signing
    assert submodel(Agreement.model_fields["languages"].annotation) is None

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
    from mineralpacts.check.validate import model_diagnostics
    from mineralpacts.files.load import Document

    data = _with(("areas",), [{"area": "reasearch-innovation"}])
    with pytest.raises(ValidationError) as info:
        Agreement.model_validate(data)
    assert "'reasearch-innovation' is not a term of the area vocabulary" in str(info.value)
    # the hint is added where the error is shown, so a flood of bad terms costs nothing extra
    (diagnostic,) = model_diagnostics(Document(path="x.yaml", data=data), info.value)
    assert diagnostic.message.endswith("did you mean 'research-innovation'?")


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


# ------------------------------------------------------------------ file format version 2


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2021-05-03/2021-05-04", "2021-05-03", "2021-05-04"),
        ("2018-04/2018-05", "2018-04-01", "2018-05-31"),
        ("2024-11/2024-12-01", "2024-11-01", "2024-12-01"),
        ("../2021-05-04", "0001-01-01", "2021-05-04"),
        ("2021-05-04/..", "2021-05-04", "9999-12-31"),
        ("2021/..", "2021-01-01", "9999-12-31"),
    ],
)
def test_date_windows_give_their_earliest_and_latest_day(text: str, first: str, last: str) -> None:
    from mineralpacts.model.agreement import date_bounds

    assert [d.isoformat() for d in date_bounds(text)] == [first, last]
    assert Agreement.model_validate(_with(("signed", "date"), text)).signed.date == text


@pytest.mark.parametrize(
    "text", ["2021-05-04/2021-05-03", "../..", "2021-05-03/", "2021-05-03/2021-02-30", "/2021"]
)
def test_bad_windows_are_rejected(text: str) -> None:
    with pytest.raises(ValidationError):
        Agreement.model_validate(_with(("signed", "date"), text))


def test_date_words_for_people() -> None:
    from mineralpacts.model.dates import date_words, date_year

    assert date_words("2021-05-03/2021-05-04") == "between 2021-05-03 and 2021-05-04"
    assert date_words("../2021-05-04") == "on or before 2021-05-04"
    assert date_words("2021-05-04/..") == "on or after 2021-05-04"
    assert date_words("2021-05") == "2021-05"
    assert date_year("2024-12-31/2025-01-01") is None and date_year("2024-11/2024-12-01") == 2024


def test_version_2_fields_read_as_written() -> None:
    data = copy.deepcopy(BASE)
    data["term"] = {
        "status": "stated",
        "commencement": {"from": "entry-into-force"},
        "initial_period": {"years": 5},
        "notice": {"days": None, "ref": "9.3"},
    }
    data["entry_into_force"] = {"how": "ratification", "date": "2024-09"}
    data["minerals"] = ["lithium", {"mineral": "cobalt", "named": "potential", "note": "Later."}]
    data["focus"] = "broader"
    data["disclosure"] = "unknown"
    data["events"] = [{"date": None, "kind": "talks", "summary": "Talks announced."}]
    a = Agreement.model_validate(data)
    assert a.term.commencement is not None and a.term.commencement.from_ == "entry-into-force"
    assert a.term.notice is not None and a.term.notice.text() == "notice (no period stated)"
    assert a.mineral_terms == ["lithium", "cobalt"] and a.focus == "broader"
    dumped = a.model_dump(mode="json", exclude_defaults=True)
    assert dumped["term"]["commencement"] == {"from": "entry-into-force"}  # the key as the file writes it
    assert Agreement.model_validate(dumped) == a
    assert Agreement.model_validate(BASE).focus == "dedicated"  # the default


def test_notice_is_written_only_when_the_text_says_so() -> None:
    from mineralpacts.model.agreement import Notice

    assert Notice(days=90).text() == "90 days' notice"
    assert Notice(days=90, written=True).text() == "90 days' written notice"


def test_an_undated_event_must_say_null() -> None:
    with pytest.raises(ValidationError, match="date"):
        Agreement.model_validate(_with(("events",), [{"kind": "talks", "summary": "No date key."}]))


def test_legacy_fields_are_named_and_migrated() -> None:
    from mineralpacts.model.legacy import legacy_fields, migrate

    data = _with(("term",), {"status": "stated", "commencement": {"on": "signature"}, "notice_days": 30})
    found = dict(legacy_fields(data))
    assert "`on` was renamed `from`" in found[("term", "commencement", "on")]
    assert "pacts fmt --migrate" in found[("term", "notice_days")]
    new, moved = migrate(data)
    assert new["term"] == {"status": "stated", "commencement": {"from": "signature"}, "notice": {"days": 30}}
    assert moved == {
        ("term", "commencement", "on"): ("term", "commencement", "from"),
        ("term", "notice_days"): ("term", "notice"),
    }
    assert Agreement.model_validate(new).term.notice is not None
    assert data["term"]["notice_days"] == 30  # the input is left as it was


def test_relation_inverses_are_derived_once() -> None:
    from mineralpacts.model.relations import conflicts, inverse, links

    def agreement(ident: str, related: list[dict[str, str]]) -> Agreement:
        data = copy.deepcopy(BASE)
        data["id"], data["related"] = ident, related
        return Agreement.model_validate(data)

    old = agreement("old-2012", [])
    new = agreement("new-2024", [{"id": "old-2012", "relation": "supersedes", "note": "Replaces it."}])
    got = links([old, new])
    assert [(x.relation, x.target, x.derived) for x in got["old-2012"]] == [
        ("superseded-by", "new-2024", True)
    ]
    assert [(x.relation, x.target, x.derived) for x in got["new-2024"]] == [("supersedes", "old-2012", False)]
    assert inverse("implements") == "implemented-by" and inverse("related") == "related"
    assert conflicts([old, new]) == []
    agreeing = agreement("old-2012", [{"id": "new-2024", "relation": "superseded-by"}])
    assert conflicts([agreeing, new]) == []
    wrong = agreement("old-2012", [{"id": "new-2024", "relation": "amended-by"}])
    (c,) = conflicts([wrong, new])
    assert c.source == "old-2012" and "'superseded-by'" in c.message
    lone = agreement("old-2012", [{"id": "new-2024", "relation": "superseded-by"}])
    (c,) = conflicts([lone, agreement("new-2024", [])])
    assert "write `relation: supersedes` in new-2024" in c.message

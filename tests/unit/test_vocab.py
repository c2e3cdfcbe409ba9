"""Vocabularies as data, and party resolution from what people type."""

from __future__ import annotations

import pytest

from mineralpacts.errors import UnknownParty
from mineralpacts.model.vocab import KINDS, party_slug, resolve_party, suggest, terms, vocabulary


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("UK", "GB"),
        ("GB", "GB"),
        ("GBR", "GB"),
        ("United Kingdom", "GB"),
        ("Britain", "GB"),
        ("uk", "GB"),
        ("US", "US"),
        ("USA", "US"),
        ("United States", "US"),
        ("Japan", "JP"),
        ("JP", "JP"),
        ("JPN", "JP"),
        ("EU", "EU"),
        ("European Union", "EU"),
        ("Türkiye", "TR"),
        ("turkey", "TR"),
        ("DRC", "CD"),
        ("South Korea", "KR"),
        ("  japan ", "JP"),
        ("Norway", "NO"),
    ],
)
def test_names_people_type_resolve(typed: str, code: str) -> None:
    assert resolve_party(typed).code == code


def test_unknown_party_names_the_closest_matches() -> None:
    with pytest.raises(UnknownParty) as info:
        resolve_party("Jpan")
    assert "Japan (JP)" in info.value.suggestions
    assert "matches no country" in str(info.value)


def test_every_term_has_a_one_line_definition() -> None:
    for kind in KINDS:
        assert terms(kind), kind
        for term, definition in vocabulary()[kind].items():
            assert isinstance(definition, str) and definition.strip(), (kind, term)
            assert "\n" not in definition.strip(), (kind, term)


def test_id_slugs() -> None:
    assert [party_slug(c) for c in ("GB", "US", "JP", "EU", "SA", "CD")] == [
        "uk",
        "us",
        "japan",
        "eu",
        "saudi-arabia",
        "drc",
    ]


def test_suggest_is_case_insensitive() -> None:
    assert suggest("LITHIUM", terms("mineral"))[0] == "lithium"


def test_display_names_read_naturally() -> None:
    from mineralpacts.model.vocab import country_name

    assert country_name("CD") == "DR Congo"
    assert country_name("BO") == "Bolivia"
    assert country_name("GB") == "United Kingdom"
    assert country_name("XX") is None

"""Vocabulary terms are matched as people type them: any case, any punctuation, documented synonyms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from mineralpacts.model.vocab import KINDS, match_term, normal_form, synonyms, terms

Invoke = Callable[..., Any]


def _ids(invoke: Invoke, *args: str) -> list[str]:
    result = invoke("list", *args, "-f", "ids")
    assert result.exit_code == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize(
    ("option", "typed", "term"),
    [
        ("--mineral", "Lithium", "lithium"),
        ("--mineral", "rare earths", "rare-earth-elements"),
        ("--mineral", "Rare-Earth Elements", "rare-earth-elements"),
        ("--mineral", "REE", "rare-earth-elements"),
        ("--instrument", "MoU", "mou"),
        ("--instrument", "Memorandum of Understanding", "mou"),
        ("--instrument", "JOINT_STATEMENT", "joint-statement"),
        ("--area", "R&D", "research-innovation"),
        ("--area", "ESG", "esg-standards"),
        ("--level", "Government", "government"),
        ("--focus", "Dedicated", "dedicated"),
    ],
)
def test_filters_match_what_people_type(invoke: Invoke, option: str, typed: str, term: str) -> None:
    expected = _ids(invoke, option, term)
    assert expected and _ids(invoke, option, typed) == expected


def test_a_term_of_another_vocabulary_is_named_not_corrected(invoke: Invoke) -> None:
    result = invoke("list", "--area", "mining")
    assert result.exit_code == 2
    assert (
        result.stderr == "error: --area 'mining' is not a term of the area vocabulary; it is a stage term\n"
    )
    assert "permitting" not in result.stderr


@pytest.mark.parametrize(
    ("option", "typed", "hint"),
    [
        ("--area", "reserch", "research-innovation"),
        ("--mineral", "lithum", "lithium"),
        ("--area", "finanse", "project-finance"),
    ],
)
def test_close_misspellings_get_one_hint(invoke: Invoke, option: str, typed: str, hint: str) -> None:
    result = invoke("list", option, typed)
    assert result.exit_code == 2 and f"did you mean {hint}?" in result.stderr


def test_every_synonym_names_a_term_and_no_synonym_is_two_terms() -> None:
    for kind in KINDS:
        known = {normal_form(t) for t in terms(kind)}
        for name, term in synonyms(kind).items():
            assert term in terms(kind), (kind, name)
            assert normal_form(name) not in known, (kind, name)  # a synonym never hides a term
            assert match_term(kind, name.upper()) == term


def test_every_term_matches_itself_in_capitals_and_with_spaces() -> None:
    for kind in KINDS:
        for term in terms(kind):
            assert match_term(kind, term.upper().replace("-", " ")) == term


def test_labels_name_real_terms_and_read_as_words() -> None:
    from mineralpacts.model.vocab import _vocab_file, label

    for kind, given in _vocab_file()["labels"].items():
        assert set(given) <= set(terms(kind)), kind
    assert label("area", "esg-standards") == "ESG standards"
    assert label("instrument", "mou") == "MoU"
    assert label("disclosure", "announcement-only") == "Announcement only"
    assert "labels" not in KINDS and "synonyms" not in KINDS

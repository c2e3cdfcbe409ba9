"""One hint builder: every "did you mean" comes from ``vocab.suggest`` and ``errors.did_you_mean``;
party names that fit several countries are refused with the candidates; library errors name the
field, not a command-line flag."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from mineralpacts.analysis.lifecycle import parse_day, status_filter
from mineralpacts.analysis.query import Filters
from mineralpacts.errors import AmbiguousParty, UnknownParty, UsageError, did_you_mean
from mineralpacts.model.vocab import check_term, resolve_party, suggest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "mineralpacts"


@pytest.mark.parametrize(
    ("name", "codes"),
    [
        ("Congo", ["CG", "CD"]),
        ("congo", ["CG", "CD"]),
        ("Korea", ["KR", "KP"]),
        ("Guinea", ["GN", "GQ", "GW", "PG"]),
        ("Sudan", ["SD", "SS"]),
    ],
)
def test_an_ambiguous_party_name_is_an_error_listing_the_candidates(name: str, codes: list[str]) -> None:
    """Finding 6 of issue 10: ``Congo`` silently meant the Republic of the Congo."""
    with pytest.raises(AmbiguousParty) as info:
        resolve_party(name)
    assert [c.rsplit("(", 1)[1].rstrip(")") for c in info.value.candidates] == codes
    assert all(f"({code})" in str(info.value) for code in codes)


@pytest.mark.parametrize(
    ("name", "code"),
    [("DRC", "CD"), ("Republic of the Congo", "CG"), ("South Korea", "KR"), ("KP", "KP"), ("GN", "GN")],
)
def test_the_unambiguous_forms_still_resolve(name: str, code: str) -> None:
    assert resolve_party(name).code == code


@pytest.mark.parametrize("name", ["XX", "Jpan", "qqqq", "Narnia"])
def test_every_unknown_party_lists_the_closest_names(name: str) -> None:
    """Finding 6 of issue 10: ``--party XX`` gave no closest names, though the README promises them."""
    with pytest.raises(UnknownParty) as info:
        resolve_party(name)
    assert info.value.suggestions and "did you mean" in str(info.value)


def test_id_suggestions_match_party_slugs_in_any_order() -> None:
    """Finding 6 of issue 10: ``germany-chile-2013`` missed ``chile-germany-2013``."""
    ids = ["germany-peru-2014", "argentina-chile-2023", "germany-mongolia-2011", "chile-germany-2013"]
    assert suggest("germany-chile-2013", ids, any_order=True)[0] == "chile-germany-2013"
    assert suggest("GERMANY-CHILE-2013", ids, any_order=True)[0] == "chile-germany-2013"


def test_did_you_mean_words_every_hint_the_same_way() -> None:
    assert did_you_mean([]) == ""
    assert did_you_mean([], otherwise="choose from a, b") == "; choose from a, b"
    assert did_you_mean(["a"]) == "; did you mean a?"
    assert did_you_mean(["a", "b"], quote=True) == "; did you mean 'a' or 'b'?"
    assert did_you_mean(["a", "b", "c"]) == "; did you mean a, b or c?"


def test_hints_are_built_in_one_place() -> None:
    """difflib is called by ``vocab.suggest`` only, and the words "did you mean" appear only in
    ``errors.did_you_mean`` (issue 13: the hint was built in eight places)."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text("utf-8")
        name = str(path.relative_to(PACKAGE))
        tree = ast.parse(text)
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                modules = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                if "difflib" in modules and name != "model/vocab.py":
                    found.append(f"{name}: imports difflib")
            if isinstance(node, ast.JoinedStr) and name != "errors.py":
                parts = [v.value for v in node.values if isinstance(v, ast.Constant)]
                if any("did you mean" in str(p) for p in parts):
                    found.append(f"{name}:{node.lineno}: words a hint itself")
    assert found == []


@pytest.mark.parametrize(
    ("call", "start"),
    [
        (
            lambda: Filters(areas=["reserch-innovation"]).predicate(),
            "area 'reserch-innovation' is not a term",
        ),
        (lambda: Filters(minerals=["lithum"]).predicate(), "mineral 'lithum' is not a term"),
        (lambda: Filters(signed_since="20x").predicate(), "signed_since '20x' is not a date"),
        (lambda: check_term("instrument", "memo"), "instrument 'memo' is not a term"),
        (lambda: parse_day("2024-02-30"), "on '2024-02-30' is not a real date"),
        (lambda: status_filter(["in-forse"], parse_day("2024-01-01")), "status 'in-forse' is not a state"),
    ],
)
def test_library_errors_name_the_field_not_a_flag(call: object, start: str) -> None:
    """Issue 13: a Python caller was told "--area 'x'..."; the CLI adds the flag itself."""
    with pytest.raises(UsageError) as info:
        call()  # type: ignore[operator]
    assert str(info.value).startswith(start) and "--" not in str(info.value).split(";")[0]
    assert info.value.field == start.split()[0]

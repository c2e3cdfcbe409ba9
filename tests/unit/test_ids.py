"""Ids against what they name (W405), duplicate ids (R302), and the items M208 calls duplicates."""

from __future__ import annotations

from pathlib import Path

import pytest

from mineralpacts.check.ids import DuplicateId, duplicate_ids, id_mismatch
from mineralpacts.check.validate import validate_document
from mineralpacts.files.load import load_text
from tests.conftest import CASES

MINIMAL = (CASES / "valid" / "minimal-2024.yaml").read_text("utf-8")


@pytest.mark.parametrize(
    ("ident", "codes", "signed", "found"),
    [
        (
            "australia-japan-2019",
            ["GB", "KR"],
            "2022-03-01",
            "its year is 2019 but the agreement was signed in 2022",
        ),
        (
            "australia-japan-2019",
            ["GB", "KR"],
            "2022-03-01",
            "names australia, japan but the parties are korea, uk",
        ),
        ("australia-japan-2019", ["GB", "KR"], "2022-03-01", "the convention gives korea-uk-2022"),
        ("japan-uk-2023", ["GB", "JP"], "2024", "its year is 2023"),
        ("japan-us-2023", ["GB", "JP"], "2023", "names japan, us but the parties are japan, uk"),
    ],
)
def test_an_id_that_contradicts_its_agreement_is_named(
    ident: str, codes: list[str], signed: str, found: str
) -> None:
    """Finding 9 of issue 10: australia-japan-2019 on a file signed in 2022 by others passed."""
    assert found in (id_mismatch(ident, codes, signed) or "")


@pytest.mark.parametrize(
    ("ident", "codes", "signed"),
    [
        ("uk-japan-2023", ["GB", "JP"], "2023-10-28"),  # the historical order is fine
        ("japan-uk-2023", ["JP", "GB"], "2023-10"),
        ("saudi-arabia-us-2025-framework", ["SA", "US"], "2025-05-13"),
        ("drc-us-2025", ["CD", "US"], "2025"),
        ("papua-new-guinea-uk-2020", ["GB", "PG"], "2020"),  # guinea inside papua-new-guinea
        ("minimal-2024", ["GB", "NO"], "2024-05"),  # a descriptive id: judged on its year only
        ("japan-uk-2023", ["GB", "JP"], "2022-12-30/2023-01-02"),  # a window across the new year
        ("japan-uk-2023", ["GB", "JP"], None),
    ],
)
def test_ids_that_follow_the_convention_pass(ident: str, codes: list[str], signed: str | None) -> None:
    assert id_mismatch(ident, codes, signed) is None


def test_w405_is_a_warning_at_the_id() -> None:
    text = MINIMAL.replace("id: minimal-2024", "id: australia-japan-2019")
    agreement, diagnostics = validate_document(load_text(text, "x.yaml"))
    assert agreement is not None
    (w405,) = [d for d in diagnostics if d.code == "W405"]
    assert (w405.severity, w405.field, w405.line) == ("warning", "id", 2)
    assert "the convention gives norway-uk-2024" in w405.message


def test_duplicate_ids_lists_every_file_claiming_one() -> None:
    a, b, c = Path("a.yaml"), Path("b.yaml"), Path("c.yaml")
    found = duplicate_ids([(a, "x"), (b, "y"), (c, "x")])
    assert found == [DuplicateId("x", (a, c))]
    assert found[0].message(a) == "id 'x' is also used by c.yaml"


AREA = "  - area: investment\n    summary: {}\n"


@pytest.mark.parametrize(
    ("items", "m208"),
    [
        # contributing.md: "one area can come from two clauses (add two items)" -- also when no
        # text is public and there is no clause to cite
        (AREA.format("Joint ventures.") + AREA.format("A fund for projects."), 0),
        (AREA.format("Joint ventures.") + AREA.format("Joint ventures."), 1),
    ],
)
def test_m208_accepts_two_items_of_one_area_and_rejects_a_true_repeat(items: str, m208: int) -> None:
    """Finding 9 of issue 10: M208 rejected the two same-area items contributing.md asks for."""
    _, diagnostics = validate_document(load_text(MINIMAL + "areas:\n" + items, "x.yaml"))
    assert [d.code for d in diagnostics].count("M208") == m208

"""The validator as a library: one diagnostic per problem, a cap per file, nothing squared."""

from __future__ import annotations

from mineralpacts.check.validate import validate_document
from mineralpacts.files.load import load_text
from tests.conftest import CASES

MINIMAL = (CASES / "valid" / "minimal-2024.yaml").read_text("utf-8")


def _without(text: str, *keys: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if line.split(":")[0] not in keys)


def test_one_s101_per_missing_field() -> None:
    """Finding 3 of issue 10: 3 missing fields gave 9 S101 lines (every field again per error)."""
    text = _without(MINIMAL, "title", "instrument", "disclosure")
    agreement, diagnostics = validate_document(load_text(text, "x.yaml"))
    assert agreement is None
    assert sorted(d.field for d in diagnostics if d.code == "S101") == ["disclosure", "instrument", "title"]

"""The validator as a library: one diagnostic per problem, a cap per file, nothing squared."""

from __future__ import annotations

from pathlib import Path

from mineralpacts.check.validate import cap_diagnostics, check_document, validate_document, validate_paths
from mineralpacts.diagnostics import Diagnostic
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


def _flood(n: int) -> str:
    """The minimal agreement with ``n`` minerals that are not terms."""
    return MINIMAL + "minerals:\n" + "".join(f"  - not-a-mineral-{i}\n" for i in range(n))


def test_a_flood_of_errors_is_capped_per_file_and_the_rest_counted(tmp_path: Path) -> None:
    """Finding 4 of issue 10: one file with 50,000 bad items printed 49,871 lines."""
    path = tmp_path / "minimal-2024.yaml"
    path.write_text(_flood(300), encoding="utf-8")
    report = validate_paths([path], max_errors=50)
    assert len(report.errors) == 50 and report.omitted == 250
    assert [d.field for d in report.errors][:2] == ["minerals[0]", "minerals[1]"]
    assert len(validate_paths([path]).errors) == 300  # the library keeps everything unless asked


def test_the_early_stop_still_counts_what_it_did_not_reach() -> None:
    result = check_document(load_text(_flood(300), "x.yaml"), max_errors=5)
    assert [d.code for d in result.diagnostics] == ["S104"] * 5
    assert result.omitted == 295


def test_cap_keeps_the_first_errors_by_position_and_every_warning() -> None:
    errors = [Diagnostic.make("x.yaml", (line, 1), "S104", "bad") for line in (9, 3, 7)]
    warning = Diagnostic.make("x.yaml", (1, 1), "W401", "advice")
    kept, dropped = cap_diagnostics([*errors, warning], 2)
    assert [d.line for d in kept] == [3, 7, 1] and dropped == 1
    assert cap_diagnostics([*errors, warning], None) == ([*errors, warning], 0)


def test_a_boolean_where_a_word_is_meant_says_how_to_write_each() -> None:
    """Issue 10, finding 2: YAML's booleans and words taken for each other get the remedy."""
    text = (CASES / "invalid" / "yaml11-booleans.yaml").read_text("utf-8")
    _, diagnostics = validate_document(load_text(text, "x.yaml"))
    messages = {(d.code, d.field): d.message for d in diagnostics}
    assert messages[("S103", "title")].endswith("if you mean the word, write it in quotes: 'true'")
    assert messages[("S103", "legally_binding.value")].endswith("; write true")
    assert "write 'NO' in quotes for the word" in messages[("Y019", "parties[1].code")]

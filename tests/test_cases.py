"""Folder-driven validation cases: every file in cases/valid passes, every file in cases/invalid
reports exactly the diagnostics (line:col CODE field) listed in the .expected file beside it."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from mineralpacts.check.validate import validate_paths

CASES = Path(__file__).parent / "cases"
VALID = sorted((CASES / "valid").glob("*.yaml"))
INVALID = sorted((CASES / "invalid").glob("*.yaml"))


def _lines(path: Path) -> list[str]:
    report = validate_paths([path])
    return [f"{d.line}:{d.col} {d.code} {d.field}".rstrip() for d in report.diagnostics]


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_case_has_no_error(path: Path) -> None:
    report = validate_paths([path])
    assert report.ok, "\n".join(map(str, report.errors))


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_case_reports_expected_diagnostics(path: Path) -> None:
    expected = path.with_suffix(".expected").read_text("utf-8").splitlines()
    found = _lines(path)
    assert found == expected, "\n" + "\n".join(difflib.ndiff(expected, found))
    assert not validate_paths([path]).ok


def test_every_invalid_case_has_an_expected_file() -> None:
    assert INVALID, "no invalid cases found"
    for path in INVALID:
        assert path.with_suffix(".expected").is_file(), f"{path.name} has no .expected file"


def test_cases_cover_every_layer() -> None:
    codes = {line.split()[1] for p in INVALID for line in p.with_suffix(".expected").read_text().splitlines()}
    assert {c[0] for c in codes} >= {"Y", "S", "M", "R", "W"}

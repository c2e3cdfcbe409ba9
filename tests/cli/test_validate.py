"""`pacts validate`: every problem as path:line:col: CODE message (field), formats, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CASES

INVALID = CASES / "invalid"


def test_real_repository_is_valid(invoke: Any) -> None:
    result = invoke("validate")
    assert result.exit_code == 0, result.stdout
    assert "valid" in result.stdout.splitlines()[-1]


def test_reports_every_problem_in_every_file_and_exits_1(invoke: Any) -> None:
    result = invoke("validate", str(INVALID / "unknown-field.yaml"), str(INVALID / "vocab-typo.yaml"))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        "tests/cases/invalid/unknown-field.yaml:2:1: S101 required field 'title' is missing (title)" in lines
    )
    assert any(
        line.startswith("tests/cases/invalid/unknown-field.yaml:3:1: S102 unknown field 'titel'")
        for line in lines
    )
    assert any(":4:13: S104 'memorandum' is not a known term" in line for line in lines)
    assert lines[-1] == "3 errors in 2 of 2 files, 0 warnings"


def test_warnings_are_apart_and_do_not_fail(invoke: Any) -> None:
    result = invoke("validate", str(CASES / "valid" / "minimal-2024.yaml"))
    assert result.exit_code == 0
    assert "W403" in result.stdout
    assert result.stdout.splitlines()[-1] == "1 file valid, 1 warning"


def test_strict_turns_warnings_into_errors(invoke: Any) -> None:
    result = invoke("validate", "--strict", str(CASES / "valid" / "minimal-2024.yaml"))
    assert result.exit_code == 1
    assert " W403 " in result.stdout and result.stdout.splitlines()[-1].startswith("1 error in 1 of 1 file")


def test_json_format_round_trips(invoke: Any) -> None:
    result = invoke("validate", "--format", "json", str(INVALID / "duplicate-key.yaml"))
    data = json.loads(result.stdout)
    assert result.exit_code == 1 and data["ok"] is False
    (err,) = data["errors"]
    assert (err["code"], err["line"], err["col"], err["field"]) == ("Y011", 15, 1, "disclosure")


def test_github_annotations(invoke: Any) -> None:
    result = invoke("validate", "--format", "github", str(INVALID / "bad-party-code.yaml"))
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "::error file=tests/cases/invalid/bad-party-code.yaml,line=10,col=11,title=M202::"
    )


def test_missing_path_is_a_usage_error(invoke: Any) -> None:
    result = invoke("validate", "no/such/file.yaml")
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_unknown_format_is_a_usage_error(invoke: Any) -> None:
    result = invoke("validate", "--format", "xml")
    assert result.exit_code == 2
    assert result.stderr == "error: --format 'xml' is not one of text, json, github, sarif\n"


def test_hostile_files_exit_1_with_diagnostics(invoke: Any, tmp_path: Path) -> None:
    files = {
        "binary.yaml": b"\x00\x01\x02\xff",
        "latin1.yaml": b"title: caf\xe9\n",
        "empty.yaml": b"",
        "deep.yaml": b"a: " + b"[" * 10000,
        "tag.yaml": b"a: !!python/object/apply:os.system [id]\n",
        "big.yaml": b"a: " + b"x" * 3_000_000,
    }
    for name, raw in files.items():
        (tmp_path / name).write_bytes(raw)
    result = invoke("validate", str(tmp_path))
    assert result.exit_code == 1
    codes = {
        line.split(": ")[1].split()[0]
        for line in result.stdout.splitlines()
        if ": " in line and line.startswith(str(tmp_path)[:1])
    }
    assert {"Y003", "Y004", "Y005", "Y013", "Y012", "Y002"} <= codes
    assert "Traceback" not in result.stdout + result.stderr


def test_repository_rules_across_files(invoke: Any, repo_copy: Path) -> None:
    shutil.copy(repo_copy / "uk-japan-2023.yaml", repo_copy / "uk-japan-2023-copy.yaml")
    result = invoke("validate", str(repo_copy))
    assert result.exit_code == 1
    assert "R301" in result.stdout and "R302" in result.stdout


def test_validate_without_paths_checks_the_repo_option(invoke: Any, repo_copy: Path) -> None:
    broken = repo_copy / "uk-japan-2023.yaml"
    broken.write_text(broken.read_text("utf-8").replace("instrument: moc", "instrument: mocc"), "utf-8")
    result = invoke("validate", repo=repo_copy)
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if "'mocc'" in line]
    assert len(errors) == 1 and errors[0].split(":")[0].endswith("uk-japan-2023.yaml")
    assert f"in 1 of {len(list(repo_copy.glob('*.yaml')))} files" in result.stdout.splitlines()[-1]


def test_validate_without_paths_or_repo_finds_agreements_in_a_parent(
    invoke: Any, repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nested = repo_copy.parent / "docs" / "deep"
    nested.mkdir(parents=True)
    (repo_copy / "uk-japan-2023.yaml").write_text("id: [", "utf-8")
    monkeypatch.delenv("PACTS_REPO", raising=False)
    monkeypatch.chdir(nested)
    result = invoke("validate", repo=None)
    assert result.exit_code == 1
    assert (
        "uk-japan-2023.yaml" in result.stdout
        and f"of {len(list(repo_copy.glob('*.yaml')))} files" in result.stdout
    )


def test_every_command_rejects_an_unknown_option_as_a_usage_error(invoke: Any) -> None:
    from typer.main import get_command

    from mineralpacts.cli import app

    commands = list(get_command(app).commands)  # type: ignore[attr-defined]
    assert len(commands) >= 4
    for name in commands:
        result = invoke(name, "--no-such-option")
        assert result.exit_code == 2, name
        assert "internal error" not in result.stderr, name


def test_reads_after_validating_an_edited_file_answer_with_the_edit(invoke: Any, repo_copy: Path) -> None:
    # `pacts validate` keeps what it checks in the read path's store. It used to keep the edited
    # files without their data, so the next `pacts show` of one failed (KeyError, exit 3).
    assert invoke("list", "-f", "ids", repo=repo_copy).exit_code == 0  # the store is filled
    path = repo_copy / "uk-japan-2023.yaml"
    path.write_text(path.read_text("utf-8").replace("short_title: ", "short_title: Edited "), "utf-8")
    assert invoke("validate", repo=repo_copy).exit_code == 0
    shown = invoke("show", "uk-japan-2023", "-f", "json", repo=repo_copy)
    assert shown.exit_code == 0, shown.stderr
    assert json.loads(shown.stdout)["short_title"].startswith("Edited ")
    assert invoke("diff", "uk-japan-2023", "uk-us-2026", repo=repo_copy).exit_code in (0, 1)

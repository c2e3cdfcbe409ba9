"""`pacts fmt` through Typer's runner: --check lists files and exits 1; writes keep every value."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mineralpacts.files.load import load_path


def test_fmt_check_on_a_canonical_file_exits_0(invoke: Any, tmp_path: Path) -> None:
    assert invoke("new", "-p", "UK", "-p", "Japan", "-d", "2023", "--no-prompt", repo=tmp_path).exit_code == 0
    result = invoke("fmt", "--check", repo=tmp_path)
    assert result.exit_code == 0 and "0 files would be reformatted, 1 unchanged" in result.stderr


def test_fmt_check_lists_files_that_would_change_and_changes_nothing(invoke: Any, tmp_path: Path) -> None:
    messy = tmp_path / "x.yaml"
    messy.write_text("title: T\nid: x\n")
    result = invoke("fmt", "--check", str(tmp_path), repo=tmp_path)
    assert result.exit_code == 1
    assert f"would reformat {messy}" in result.stdout
    assert messy.read_text() == "title: T\nid: x\n"


def test_fmt_rewrites_and_a_second_run_changes_nothing(invoke: Any, repo_copy: Path) -> None:
    target = repo_copy / "uk-japan-2023.yaml"
    target.write_text(target.read_text().replace("id: uk-japan-2023\n", "") + "id: uk-japan-2023\n")
    before = load_path(target).data
    first = invoke("fmt", str(target), repo=repo_copy)
    assert first.exit_code == 0 and f"reformatted {target}" in first.stdout
    assert target.read_text().splitlines()[1] == "id: uk-japan-2023"
    assert load_path(target).data == before
    second = invoke("fmt", "--check", str(target), repo=repo_copy)
    assert second.exit_code == 0 and "1 unchanged" in second.stderr


def test_fmt_reports_a_broken_file_exits_1_and_formats_the_rest(invoke: Any, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("title: T\nid: a\n")
    (tmp_path / "b.yaml").write_text("id: [b\n")
    result = invoke("fmt", str(tmp_path), repo=tmp_path)
    assert result.exit_code == 1
    assert "b.yaml" in result.stderr and "Y010" in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "a.yaml").read_text().startswith("# yaml-language-server")
    assert (tmp_path / "b.yaml").read_text() == "id: [b\n"


def test_fmt_missing_path_is_a_usage_error(invoke: Any, tmp_path: Path) -> None:
    result = invoke("fmt", str(tmp_path / "nope.yaml"), repo=tmp_path)
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_fmt_migrate_upgrades_a_version_1_file_and_leaves_a_broken_one_as_it_was(
    invoke: Any, tmp_path: Path
) -> None:
    from mineralpacts.check.validate import validate_paths
    from tests.conftest import CASES

    old = tmp_path / "format-v1-fields.yaml"
    old.write_text(
        (CASES / "invalid" / "format-v1-fields.yaml")
        .read_text("utf-8")
        .replace("    on: signature", "    on: signature  # clause 4.2"),
        "utf-8",
    )
    broken = tmp_path / "syntax-error.yaml"
    broken.write_bytes((CASES / "invalid" / "syntax-error.yaml").read_bytes())
    before = broken.read_bytes()
    assert "M212" in {d.code for d in validate_paths([old]).errors}

    result = invoke("fmt", "--migrate", str(tmp_path), repo=tmp_path)

    assert result.exit_code == 1  # the broken file could not be formatted
    assert f"{broken}:8:3: Y010" in result.stderr  # named with its line and column, as validate does
    assert broken.read_bytes() == before  # and left exactly as it was
    text = old.read_text("utf-8")
    assert "from: signature  # clause 4.2" in text and "notice:\n    days: 90" in text
    assert "M212" not in {d.code for d in validate_paths([old]).diagnostics}

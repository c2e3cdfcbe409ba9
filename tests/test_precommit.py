"""The contributor's gates: the pre-commit hooks, run by pre-commit itself against a temporary
git repository, and the GitHub Actions workflow, checked against its schema and for its steps.

The hooks are read from this checkout's ``.pre-commit-hooks.yaml`` and run as ``repo: local``
hooks with the same id, entry, file pattern and options. Only the language is swapped for
``system``, calling the ``pacts`` installed beside this Python: with ``language: python``
pre-commit would build a virtual environment and download the dependencies, and the test suite
uses no network. (Users of the hooks get ``language: python`` as published.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import AGREEMENTS, ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

PACTS = Path(sys.executable).parent / "pacts"


def _run(args: list[str], cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "NO_COLOR": "1",
        "PRE_COMMIT_COLOR": "never",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    env.pop("PACTS_REPO", None)
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False)


def _hooks_as_local() -> dict[str, object]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    local = []
    for hook in hooks:
        assert hook["language"] == "python" and hook["entry"].startswith("pacts ")
        local.append(
            {**hook, "language": "system", "entry": f"{PACTS} {hook['entry'].removeprefix('pacts ')}"}
        )
    return {"repos": [{"repo": "local", "hooks": local}]}


@pytest.fixture
def git_repo(tmp_path: Path) -> Path:
    if not PACTS.exists():
        pytest.skip("the pacts script is not installed beside this Python")
    repo = tmp_path / "repo"
    (repo / "agreements").mkdir(parents=True)
    (repo / "other").mkdir()
    shutil.copy(AGREEMENTS / "uk-japan-2023.yaml", repo / "agreements")
    (repo / "other" / "config.yaml").write_text("not: an agreement\n")  # outside agreements/: never checked
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(_hooks_as_local(), sort_keys=False))
    assert _run(["git", "init", "-q"], repo, tmp_path / "home").returncode == 0
    return repo


def _pre_commit(repo: Path) -> subprocess.CompletedProcess[str]:
    _run(["git", "add", "-A"], repo, repo.parent / "home")
    return _run([sys.executable, "-m", "pre_commit", "run", "--all-files"], repo, repo.parent / "home")


def test_manifest_and_this_repositorys_config_are_valid(tmp_path: Path) -> None:
    for args in (
        ["validate-manifest", ".pre-commit-hooks.yaml"],
        ["validate-config", ".pre-commit-config.yaml"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "pre_commit", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path)},
            timeout=60,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_hooks_pass_on_valid_formatted_files_and_skip_other_yaml(git_repo: Path) -> None:
    result = _pre_commit(git_repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pacts validate" in result.stdout and "Passed" in result.stdout


def test_validate_hook_fails_on_an_invalid_agreement(git_repo: Path) -> None:
    bad = git_repo / "agreements" / "bad-2023.yaml"
    bad.write_text(
        "# yaml-language-server: $schema=../schema/agreement.schema.json\nid: bad-2023\ninstrument: memo\n"
    )
    result = _pre_commit(git_repo)
    assert result.returncode == 1
    assert "agreements/bad-2023.yaml" in result.stdout and "S104" in result.stdout
    assert "other/config.yaml" not in result.stdout


def test_fmt_hook_rewrites_a_messy_file_then_passes(git_repo: Path) -> None:
    path = git_repo / "agreements" / "uk-japan-2023.yaml"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    path.write_text("".join([lines[0], lines[2], lines[1], *lines[3:]]), "utf-8")  # title before id
    first = _pre_commit(git_repo)
    assert first.returncode == 1 and "files were modified by this hook" in first.stdout
    assert path.read_text("utf-8").splitlines()[1] == "id: uk-japan-2023"
    second = _pre_commit(git_repo)
    assert second.returncode == 0, second.stdout


WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"


def test_workflow_is_valid_against_the_github_workflow_schema() -> None:
    """check-jsonschema ships the workflow schema (vendored), so this needs no network."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(WORKFLOW),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_runs_the_tests_and_checks_the_data_the_issue_asks_for() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    runs = "\n".join(s.get("run", "") for s in steps)
    for command in (
        "pip install -e '.[test]'",
        "python -m pytest",
        "pacts validate --format github",
        "pacts fmt --check",
        "pacts validate --format sarif > pacts.sarif",
        'pacts diff --since "origin/$BASE_REF" --format markdown >> "$GITHUB_STEP_SUMMARY"',
    ):
        assert command in runs, command
    uploads = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert uploads and uploads[0]["with"]["sarif_file"] == "pacts.sarif"
    assert workflow["jobs"]["data"]["permissions"]["security-events"] == "write"

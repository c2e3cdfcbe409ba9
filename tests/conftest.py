"""Shared fixtures: the real repository, a CLI runner with stable output, temporary repositories."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
AGREEMENTS = ROOT / "agreements"
CASES = Path(__file__).resolve().parent / "cases"


@pytest.fixture(scope="session")
def _cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the session, never the user's own (the index is keyed by content)."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _stable_env(monkeypatch: pytest.MonkeyPatch, _cache_home: Path) -> None:
    """Fixed width, no colour, no user cache, no ambient repository setting."""
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("XDG_CACHE_HOME", str(_cache_home))
    monkeypatch.delenv("PACTS_REPO", raising=False)
    monkeypatch.delenv("PACTS_NO_CACHE", raising=False)
    monkeypatch.delenv("PACTS_DEBUG", raising=False)


@pytest.fixture
def runner() -> CliRunner:
    """A Typer test runner (stdout and stderr kept apart)."""
    return CliRunner()


@pytest.fixture
def invoke(runner: CliRunner) -> Callable[..., object]:
    """Run ``pacts`` with arguments against the real repository unless --repo is given."""
    from mineralpacts.cli import app

    def run(*args: str, repo: Path | None = AGREEMENTS, input: str | None = None):  # type: ignore[no-untyped-def]
        full = (["--repo", str(repo)] if repo is not None else []) + list(args)
        return runner.invoke(app, full, input=input, catch_exceptions=False)

    return run


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A writable copy of the real agreements folder."""
    target = tmp_path / "agreements"
    shutil.copytree(AGREEMENTS, target)
    return target


@pytest.fixture
def real_ids() -> list[str]:
    """The ids of every real agreement file."""
    return sorted(p.stem for p in AGREEMENTS.glob("*.yaml"))


def git(folder: Path, *args: str) -> None:
    """Run git in ``folder`` with a throwaway identity and no signing (for tests that make history)."""
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=folder,
        check=True,
        capture_output=True,
    )


def real_data(ident: str) -> dict[str, Any]:
    """A real agreement as plain data (validated, nulls left out), to vary in a test."""
    from mineralpacts.store.repository import load_agreement

    path = AGREEMENTS / f"{ident}.yaml"
    agreement, problems = load_agreement(path.read_bytes(), str(path))
    assert agreement is not None, problems
    return agreement.model_dump(mode="json", exclude_none=True)

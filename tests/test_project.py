"""Promises of the project itself: the README's two commands, CI, generated docs, the library API."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

import mineralpacts
from tests.conftest import ROOT


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```console\n(.*?)```", text, flags=re.S)
    return [b.strip() for b in blocks if not b.lstrip().startswith("$")]


def test_readme_has_exactly_two_setup_commands_and_ci_runs_the_second() -> None:
    commands = _readme_commands()
    assert len(commands) == 2, commands
    install_and_run, test = commands
    assert "pip install ." in install_and_run and "pacts list" in install_and_run
    assert "pytest" in test
    assert test in (ROOT / ".ci" / "run").read_text("utf-8")


def test_public_api_resolves_to_the_library_objects() -> None:
    import importlib

    lazy = mineralpacts._LAZY
    assert set(lazy) <= set(mineralpacts.__all__)
    for name, module in lazy.items():
        assert getattr(mineralpacts, name) is getattr(importlib.import_module(module), name), name
    assert callable(mineralpacts.validate_paths) and isinstance(mineralpacts.Repository, type)
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = mineralpacts.no_such_name  # type: ignore[attr-defined]


def test_cli_start_up_does_not_import_heavy_modules() -> None:
    code = (
        "import sys; from mineralpacts.cli import app; "
        "heavy = [m for m in ('pydantic', 'jsonschema', 'jinja2', 'sqlite_utils', 'icalendar', 'ruamel.yaml') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "", f"imported at start-up: {out}"


def test_python_m_mineralpacts_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mineralpacts", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout.startswith("pacts ")


def test_no_module_imports_click_directly() -> None:
    """Typer may bundle its own click; importing the real one would fail on a clean install."""
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "src" / "mineralpacts").rglob("*.py")
        if re.search(r"^\s*(import click|from click)", p.read_text("utf-8"), flags=re.M)
    ]
    assert offenders == []

"""The command line keeps the house plan: one place maps errors to exit codes, one way to print rows."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

CLI = ROOT / "src" / "mineralpacts" / "cli"
LIBRARY_ERRORS = {"PactsError", "UsageError", "DataError", "NotFound", "UnknownParty", "AmbiguousParty"}


def _modules() -> list[Path]:
    return sorted(CLI.glob("*.py"))


def test_only_pacts_group_turns_library_errors_into_exit_codes() -> None:
    """diff used to catch DataError and exit 2 itself; a command now says so to PactsGroup."""
    offenders = []
    for path in _modules():
        if path.name == "_output.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.ExceptHandler) or node.type is None:
                continue
            caught = {n.id for n in ast.walk(node.type) if isinstance(n, ast.Name)}
            exits = any(isinstance(n, ast.Attribute) and n.attr == "Exit" for n in ast.walk(node))
            if caught & LIBRARY_ERRORS and exits:
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def test_no_command_declares_its_own_format_enum_or_prints_json_itself() -> None:
    offenders = []
    for path in _modules():
        text = path.read_text("utf-8")
        tree = ast.parse(text)
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(
                isinstance(b, ast.Name) and b.id.endswith("Enum") for b in node.bases
            ):
                offenders.append(f"{path.name}: class {node.name}")
        if path.name not in ("_emit.py", "_output.py", "docs.py") and "json.dumps(" in text:
            offenders.append(f"{path.name}: json.dumps")
    assert offenders == []


def test_the_root_options_are_not_called_state() -> None:
    """State is an agreement's state (analysis.lifecycle); the CLI's root options are RootOptions."""
    from mineralpacts.cli import _output

    assert hasattr(_output, "RootOptions") and not hasattr(_output, "State")

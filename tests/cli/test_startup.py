"""Start-up: ``pacts CMD`` imports and builds only CMD's module, and the read commands keep the
model, rich and the pure-Python YAML parser out of paths that do not need them (timings are in
bench/, never here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer

import mineralpacts.cli as cli
from tests.conftest import AGREEMENTS


def test_every_command_is_mapped_to_its_module() -> None:
    for module in cli.COMMAND_MODULES:
        alone = typer.Typer()
        __import__(f"mineralpacts.cli.{module}", fromlist=["register"]).register(alone)
        names = {c.name for c in alone.registered_commands}
        assert names == {name for name, mod in cli.COMMANDS.items() if mod == module}, module
    assert {c.name for c in cli.app.registered_commands} == set(cli.COMMANDS)


def test_help_lists_commands_in_the_documented_order() -> None:
    order = [c.name for c in cli.app.registered_commands]
    assert order == sorted(order, key=lambda n: cli.COMMAND_MODULES.index(cli.COMMANDS[n or ""]))
    assert order[:2] == ["list", "show"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["list", "--party", "UK"], ("browse",)),
        (["--repo", "x", "show", "uk-japan-2023"], ("browse",)),
        (["--repo=x", "timeline"], ("status",)),
        (["--version"], ()),
        (["--repo", "x", "--version"], ()),
        ([], cli.COMMAND_MODULES),
        (["--help"], cli.COMMAND_MODULES),
        (["lst"], cli.COMMAND_MODULES),
    ],
)
def test_only_the_invoked_command_is_built(args: list[str], expected: tuple[str, ...]) -> None:
    assert tuple(cli.modules_for(args)) == expected


def _run_and_list_modules(*args: str, cache: Path) -> tuple[str, set[str]]:
    """Run ``pacts ARGS`` in a fresh interpreter; its stdout and the modules it imported."""
    code = (
        "import sys, json, io, contextlib\n"
        f"sys.argv = ['pacts', *{list(args)!r}]\n"
        "from mineralpacts.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(json.dumps([out.getvalue(), sorted(sys.modules)]))\n"
    )
    env = {"XDG_CACHE_HOME": str(cache), "NO_COLOR": "1", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    stdout, modules = json.loads(done.stdout.strip().splitlines()[-1])
    return stdout, set(modules)


def test_a_command_imports_only_its_own_module(tmp_path: Path) -> None:
    _, modules = _run_and_list_modules("--repo", str(AGREEMENTS), "schema", cache=tmp_path)
    commands = {m.rsplit(".", 1)[1] for m in modules if m.startswith("mineralpacts.cli.")}
    assert commands <= {"schema", "_output", "_command", "_options", "_complete", "_emit", "_table"}
    assert "schema" in commands


def test_version_builds_no_command(tmp_path: Path) -> None:
    stdout, modules = _run_and_list_modules("--version", cache=tmp_path)
    assert stdout.startswith("pacts ")
    commands = {m.rsplit(".", 1)[1] for m in modules if m.startswith("mineralpacts.cli.")}
    assert all(name.startswith("_") for name in commands), commands


def test_light_coercion_gives_the_values_typer_gives() -> None:
    from typer._coercion import build_runtime_param

    group = typer.main.get_command(cli.app)
    params = [*group.params, *(p for c in group.commands.values() for p in c.params)]
    samples = ["GB", "2023-10-28", ["UK", "Japan"], ("x",), None, "3", "out.csv"]
    undo = cli.light_coercion()
    assert undo is not None
    try:
        checked = 0
        for param in params:
            light = param.get_runtime_param()
            typer_own = build_runtime_param(param.type_descriptor)
            for value in samples:
                try:
                    expected: object = typer_own.coerce(value, param=param, ctx=None)
                except Exception as exc:
                    expected = type(exc)
                try:
                    got: object = light.coerce(value, param=param, ctx=None)
                except Exception as exc:
                    got = type(exc)
                assert got == expected, (param.name, value)
                checked += 1
            param._runtime_param = None
    finally:
        undo()
    assert checked > 100


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--party", "UK"],
        ["list", "--party", "UK", "--format", "ids"],
        ["list", "--area", "investment", "--format", "json"],
        ["stats"],
    ],
)
def test_warm_read_commands_build_no_model(tmp_path: Path, args: list[str]) -> None:
    argv = ["--repo", str(AGREEMENTS), *args]
    first, _ = _run_and_list_modules(*argv, cache=tmp_path)
    again, modules = _run_and_list_modules(*argv, cache=tmp_path)
    assert again == first and again
    heavy = {"pydantic", "rich", "yaml", "jsonschema", "mineralpacts.model.agreement", "typer._adapters"}
    assert not heavy & modules

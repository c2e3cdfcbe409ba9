"""The ``pacts`` command line: a thin layer over the library.

Each module of this package registers a few commands on :data:`app` and calls one library
function per command. Heavy imports happen inside the commands, so start-up stays small, and
``pacts CMD`` imports and builds only the module of ``CMD`` (:data:`COMMANDS`); ``app``, as
imported by tests and by ``pacts docs``, has every command. Errors raised by the library
(:class:`~mineralpacts.errors.PactsError`) are turned into a message and an exit code in one
place, :meth:`mineralpacts.cli._output.PactsGroup.invoke`.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mineralpacts import __version__
from mineralpacts.cli import _output

__all__ = ["COMMANDS", "COMMAND_MODULES", "app", "main"]

_app = typer.Typer(
    name="pacts",
    help="Query, check, compare and publish bilateral critical-minerals agreements.",
    cls=_output.PactsGroup,
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

#: Command modules, in the order their commands appear in --help. Each has ``register(app)``.
COMMAND_MODULES = (
    "browse",
    "search",
    "stats",
    "validate",
    "new",
    "fmt",
    "diff",
    "status",
    "render",
    "export",
    "schema",
    "docs",
)

#: The module of each command (``pacts list`` is in ``browse``); a test keeps it complete.
COMMANDS = {
    "list": "browse",
    "show": "browse",
    "search": "search",
    "stats": "stats",
    "validate": "validate",
    "new": "new",
    "fmt": "fmt",
    "diff": "diff",
    "status": "status",
    "timeline": "status",
    "render": "render",
    "export": "export",
    "schema": "schema",
    "docs": "docs",
}
#: Root options that take a value, to skip when looking for the command's name.
_ROOT_VALUE_OPTIONS = ("--repo",)
_registered: list[str] = []


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pacts {__version__}")
        raise typer.Exit()


@_app.callback()
def _root(
    ctx: typer.Context,
    repo: Annotated[
        str | None,
        typer.Option(
            "--repo",
            envvar="PACTS_REPO",
            metavar="PATH",
            help="Folder of agreement files (or a folder holding agreements/). "
            "Default: $PACTS_REPO, then agreements/ here or in a parent, then the bundled snapshot.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Query, check, compare and publish bilateral critical-minerals agreements."""
    ctx.obj = _output.RootOptions(repo=repo)


def _register(modules: Sequence[str]) -> typer.Typer:
    """Import and register the given command modules (once each), in :data:`COMMAND_MODULES` order."""
    for name in modules:
        if name not in _registered:
            importlib.import_module(f"mineralpacts.cli.{name}").register(_app)
            _registered.append(name)
    if len(_registered) > 1:  # --help lists commands in registration order: keep the documented one
        order = {module: i for i, module in enumerate(COMMAND_MODULES)}
        _app.registered_commands.sort(key=lambda c: order[COMMANDS.get(c.name or "", "docs")])
    return _app


def modules_for(args: Sequence[str]) -> Sequence[str]:
    """The command modules ``pacts ARGS`` needs: the invoked command's, none for ``--version``,
    every one otherwise (help, completion, a word that is no command, for its suggestion)."""
    rest = list(args)
    while rest:
        word = rest.pop(0)
        if word in _ROOT_VALUE_OPTIONS:
            if rest:
                rest.pop(0)
            continue
        if word == "--version":
            return ()
        if word.startswith("-"):
            if word.split("=", 1)[0] in _ROOT_VALUE_OPTIONS:
                continue
            return COMMAND_MODULES
        return (COMMANDS[word],) if word in COMMANDS else COMMAND_MODULES
    return COMMAND_MODULES


def light_coercion() -> Callable[[], None] | None:
    """Make Typer coerce option values without pydantic adapters where none is needed; return
    the function that undoes it (None when this Typer has no such machinery).

    Typer coerces every parameter through a pydantic ``TypeAdapter`` built on each run, even for
    a value left out (None) or a plain ``str``: importing pydantic and building the adapters is
    about 0.1 s, the largest part of a warm ``pacts list``. With this, a left-out value stays
    None (as Typer's coercion gives), a ``str`` or ``list[str]`` without a parser is ``str()``
    of the value (or of each item, as Typer's adapter does), and any other value goes to the
    adapter Typer would have used, built only then. ``pacts`` turns it on in :func:`main`.
    """
    try:
        from typer._coercion import RuntimeParam, build_runtime_param
        from typer.core import _TyperParameter
    except ImportError:  # pragma: no cover - another Typer
        return None

    @dataclass(frozen=True)
    class Light(RuntimeParam):
        text: bool = False

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if not self.text:
                return build_runtime_param(param.type_descriptor)._coerce_value(value, param, ctx)
            if self.annotation is str:
                return str(value)
            return [str(item) for item in value] if isinstance(value, (list, tuple)) else [str(value)]

    original = _TyperParameter.get_runtime_param

    def get_runtime_param(self: Any) -> Any:
        if self._runtime_param is None:
            described, info = self.type_descriptor, self.type_descriptor.parameter_info
            text = (
                described.annotation in (str, list[str])
                and described.file_annotation is None
                and info.parser is None
                and getattr(info, "click_type", None) is None
            )
            self._runtime_param = Light(parameter_info=info, annotation=described.annotation, text=text)
        return self._runtime_param

    _TyperParameter.get_runtime_param = get_runtime_param  # type: ignore[method-assign]

    def undo() -> None:
        _TyperParameter.get_runtime_param = original  # type: ignore[method-assign]

    return undo


def main() -> None:
    """Entry point of the ``pacts`` console script: builds only the command it runs."""
    light_coercion()
    _register(modules_for(sys.argv[1:]))()


if TYPE_CHECKING:
    app: typer.Typer


def __getattr__(name: str) -> Any:
    if name == "app":  # every command: the app that tests, completion and `pacts docs` read
        return _register(COMMAND_MODULES)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

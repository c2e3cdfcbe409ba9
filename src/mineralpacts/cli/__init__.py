"""The ``pacts`` command line: a thin layer over the library.

Each module of this package registers a few commands on :data:`app` and calls one library
function per command. Heavy imports happen inside the commands, so start-up stays small.
Errors raised by the library (:class:`~mineralpacts.errors.PactsError`) are turned into a
message and an exit code in one place, :meth:`mineralpacts.cli._output.PactsGroup.invoke`.
"""

from __future__ import annotations

import importlib
from typing import Annotated

import typer

from mineralpacts import __version__
from mineralpacts.cli import _output

__all__ = ["app", "main"]

app = typer.Typer(
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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pacts {__version__}")
        raise typer.Exit()


@app.callback()
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


for _name in COMMAND_MODULES:
    importlib.import_module(f"mineralpacts.cli.{_name}").register(app)


def main() -> None:
    """Entry point of the ``pacts`` console script."""
    app()

"""``pacts validate``: check agreement files through every layer."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from mineralpacts.cli import _options as opt
from mineralpacts.cli._command import PactsCommand
from mineralpacts.cli._output import EXIT_INVALID, state


def validate_command(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH",
            help="Files or folders to check. Default: the whole repository.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        str,
        opt.format_option(
            "mineralpacts.check.report:REPORTERS",
            help="github writes GitHub Actions annotations; sarif is for code scanning.",
        ),
    ] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Treat data-quality warnings as errors.")] = False,
    max_errors: Annotated[
        int,
        typer.Option(
            "--max-errors",
            metavar="N",
            min=0,
            help="Show at most N errors per file (0: all); the summary counts the others.",
        ),
    ] = 50,
) -> None:
    """Check agreement files: YAML safety, the JSON Schema, the model's rules and repository rules.

    Prints every problem as [bold]path:line:col: CODE message (field)[/]. Exit code 0 when every
    file is valid, 1 when any has an error, 2 on a usage error (no such path).
    """
    from mineralpacts.check.report import get_reporter
    from mineralpacts.check.validate import validate_paths
    from mineralpacts.store.outcomes import OutcomeCache
    from mineralpacts.store.repository import find_folder

    reporter = get_reporter(fmt)
    targets = paths or [str(find_folder(state(ctx).repo))]
    cache = None if os.environ.get("PACTS_NO_CACHE") else OutcomeCache()
    report = validate_paths(targets, strict=strict, max_errors=max_errors or None, cache=cache)
    typer.echo(reporter.render(report), nl=False)
    if not report.ok:
        raise typer.Exit(EXIT_INVALID)


def register(app: typer.Typer) -> None:
    """Add ``validate`` to the app."""
    app.command("validate", cls=PactsCommand)(validate_command)

"""``pacts fmt``: keep every agreement file in one canonical layout."""

from __future__ import annotations

from typing import Annotated

import typer

from mineralpacts.cli._command import PactsCommand
from mineralpacts.cli._output import EXIT_INVALID, error, state


def fmt_command(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH",
            help="Files or folders to format. Default: the whole repository.",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Change nothing; list the files that would change and exit 1 if any would."
        ),
    ] = False,
    migrate: Annotated[
        bool,
        typer.Option(
            "--migrate",
            help="Also rewrite fields of format version 1 to version 2 (on -> from, notice_days -> notice).",
        ),
    ] = False,
) -> None:
    """Put agreement files in the canonical layout, keeping every comment and every value.

    Keys in the model's order, two-space indentation, dates and clause numbers quoted, the
    schema modeline on line 1. With --migrate, files written in format version 1 are rewritten
    to version 2, comments kept. Writes are atomic; a file that is not valid YAML is left as it
    was and reported (exit 1).
    """
    from mineralpacts.files.fmt import format_paths
    from mineralpacts.store.repository import find_folder

    targets = paths or [str(find_folder(state(ctx).repo))]
    results = format_paths(targets, check=check, migrate=migrate)
    changed = [r for r in results if r.changed]
    failed = [r for r in results if r.error]
    for r in changed:
        typer.echo(f"would reformat {r.path}" if check else f"reformatted {r.path}")
    for r in failed:
        error(r.error or "")
    verb = "would be reformatted" if check else "reformatted"
    typer.echo(
        f"{len(changed)} file{'s' if len(changed) != 1 else ''} {verb}, "
        f"{len(results) - len(changed) - len(failed)} unchanged"
        + (f", {len(failed)} could not be formatted" if failed else ""),
        err=True,
    )
    if failed or (check and changed):
        raise typer.Exit(EXIT_INVALID)


def register(app: typer.Typer) -> None:
    """Add ``fmt`` to the app."""
    app.command("fmt", cls=PactsCommand)(fmt_command)

"""``pacts export``: the repository as CSV, JSON, JSON Lines, SQLite or a Frictionless data package."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mineralpacts.cli import _options as opt
from mineralpacts.cli._command import PactsCommand
from mineralpacts.cli._output import state
from mineralpacts.errors import UsageError

if TYPE_CHECKING:
    from mineralpacts.analysis.query import Filters

#: The format a file name asks for when --format is not given.
BY_SUFFIX = {".db": "sqlite", ".sqlite": "sqlite", ".sqlite3": "sqlite", ".json": "json", ".jsonl": "jsonl"}


@opt.with_filters
def export_command(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            show_default=False,
            help="The file or folder to write; - for standard output (json or jsonl).",
        ),
    ],
    fmt: Annotated[
        str | None,
        opt.format_option(
            "mineralpacts.publish.export:FORMATS",
            help="csv and datapackage write a folder of tables; json, jsonl and sqlite write one file. "
            "Default: from PATH's suffix (.db, .sqlite, .json, .jsonl).",
        ),
    ] = None,
    *,
    filters: Filters,
) -> None:
    """Export agreements for spreadsheets, pandas, Datasette or Frictionless tools.

    Tables: [bold]agreements[/] (one row each) and [bold]parties, pairs, areas, minerals, sources,
    events[/], joined on [bold]agreement_id[/]. SQLite adds a full-text index ([bold]search[/]) over
    titles, summaries, areas, minerals, parties, places and notes. The output is replaced
    atomically; a folder is only replaced when it holds nothing but an earlier export. Filters work
    as in [bold]pacts list[/].
    """
    from mineralpacts.analysis.query import filter_agreements
    from mineralpacts.publish.export import FORMATS, export, export_text

    if str(output) == "-":
        found = filter_agreements(state(ctx).repository(), filters)
        typer.echo(export_text(found, fmt or "json"), nl=False)
        return
    if fmt is None:
        fmt = BY_SUFFIX.get(output.suffix.lower())
        if fmt is None:
            raise UsageError(f"which format for {output}? add --format {' | '.join(FORMATS)}")
    found = filter_agreements(state(ctx).repository(), filters)
    path = export(found, fmt, output)
    typer.echo(f"wrote {len(found)} agreement(s) as {fmt} to {path}", err=True)


def register(app: typer.Typer) -> None:
    """Add ``export`` to the app."""
    app.command("export", cls=PactsCommand)(export_command)

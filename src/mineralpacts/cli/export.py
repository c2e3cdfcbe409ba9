"""``pacts export``: the repository as CSV, JSON, JSON Lines, SQLite or a Frictionless data package."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from mineralpacts.cli import _options as opt
from mineralpacts.cli._output import state


class ExportFormat(StrEnum):
    """Formats of ``pacts export``."""

    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    sqlite = "sqlite"
    datapackage = "datapackage"


def export_command(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            show_default=False,
            help="csv and datapackage write a folder of tables; json, jsonl and sqlite write one file.",
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar="PATH", show_default=False, help="The file or folder to write."
        ),
    ],
    party: opt.Party = None,
    area: opt.AreaOpt = None,
    mineral: opt.MineralOpt = None,
    instrument: opt.InstrumentOpt = None,
    level: opt.LevelOpt = None,
    signed_since: opt.Since = None,
    signed_until: opt.Until = None,
) -> None:
    """Export agreements for spreadsheets, pandas, Datasette or Frictionless tools.

    Tables: [bold]agreements[/] (one row each) and [bold]parties, pairs, areas, minerals, sources,
    events[/], joined on [bold]agreement_id[/]. The output is replaced atomically; a folder is only
    replaced when it holds nothing but an earlier export. Filters work as in [bold]pacts list[/].
    """
    from mineralpacts.analysis.query import filter_agreements
    from mineralpacts.publish.export import export

    filters = opt.make_filters(party, area, mineral, instrument, level, signed_since, signed_until)
    found = filter_agreements(state(ctx).repository(), filters)
    path = export(found, fmt.value, output)
    typer.echo(f"wrote {len(found)} agreement(s) as {fmt.value} to {path}", err=True)


def register(app: typer.Typer) -> None:
    """Add ``export`` to the app."""
    app.command("export")(export_command)
